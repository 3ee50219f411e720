"""A large store draws the first screenful before its counts: the status says
"counting…" and the panes already show the filter's positions; the counts follow from a
worker and are the same counts. Small stores count first, as before."""

from __future__ import annotations

import time

import pytest
from tui_helpers import screen_lines, timeline, view, wait_until

from store import Filter, Kind, Store
from tui.app import CounterpointApp

NO_FILTER = Filter()


@pytest.fixture
def slow_counts(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Counting takes a second, as on a very large store; every store counts later."""
    monkeypatch.setattr("tui.screens.timeline_screen.COUNTS_AT_ONCE", 0)
    counted = Store.counts

    def slowly(self: Store, flt: Filter = NO_FILTER):
        if not flt.is_empty:
            time.sleep(1.0)
        return counted(self, flt)

    # On the class: the counts are made on a connection of their own (Store.reader).
    monkeypatch.setattr(Store, "counts", slowly)
    return store


async def test_the_first_screen_comes_before_the_counts(slow_counts: Store):
    store = slow_counts
    app = CounterpointApp(store)
    terrorism = Filter(topics=frozenset({"terrorism"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        started = time.monotonic()
        timeline(app).filter = terrorism
        await pilot.pause()
        drawn = time.monotonic() - started
        screen = timeline(app)
        assert screen.counts.counting
        assert "counting… — of 41" in screen_lines(app)[0]
        shown = set(view(app).window.layout.places)
        assert shown and drawn < 1.0  # the window is there before the counts
        await wait_until(pilot, lambda: not timeline(app).counts.counting, seconds=10)
        expected = store.counts(timeline(app).filter)
        assert timeline(app).counts.per_side == expected.per_side
        assert timeline(app).counts.answers == expected.answers
        assert "counting" not in screen_lines(app)[0]
        # The sentences behind the counts follow the counts, from the same worker.
        sentences = store.sentence_counts(timeline(app).filter)
        await wait_until(pilot, lambda: timeline(app).counts.sentences == sentences, seconds=10)
        assert timeline(app).counts.per_side == expected.per_side


async def test_a_filter_changed_while_counting_keeps_its_own_counts(slow_counts: Store):
    app = CounterpointApp(slow_counts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline(app).filter = Filter(topics=frozenset({"terrorism"}))
        await pilot.pause()
        timeline(app).filter = Filter(topics=frozenset({"kashmir"}))
        await pilot.pause()
        await wait_until(pilot, lambda: not timeline(app).counts.counting, seconds=10)
        await pilot.pause(1.5)  # the first count, if it were shown late, would land now
        kashmir = slow_counts.counts(timeline(app).filter)
        assert timeline(app).counts.per_side == kashmir.per_side


async def test_nothing_matching_says_so_before_counting(slow_counts: Store):
    app = CounterpointApp(slow_counts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline(app).filter = Filter(kinds=frozenset({Kind.OFFER}), sides=frozenset({"india"}))
        await pilot.pause()
        assert timeline(app).counts.counting  # not counted yet, and yet it says so
        assert "Nothing matches" in "\n".join(screen_lines(app))


async def test_quitting_does_not_wait_for_the_matrix(store: Store, monkeypatch: pytest.MonkeyPatch):
    """The matrix of a huge store takes seconds in a worker; quitting meanwhile stops
    its statement (the screen interrupts its background reads) instead of waiting: a
    process ends only when its worker threads have."""
    deadline = time.monotonic() + 20
    ended: list[float] = []

    def slow_matrix(self: Store, flt: Filter = NO_FILTER):
        self.db.conn.create_function("still", 0, lambda: time.monotonic() < deadline)
        try:
            self.db.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE still()) "
                "SELECT count(*) FROM n"
            ).fetchall()
        finally:
            ended.append(time.monotonic())
        return []

    monkeypatch.setattr(Store, "matrix", slow_matrix)
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline(app).action_matrix()
        await pilot.pause(0.5)  # the worker is in its statement
        started = time.monotonic()
        app.exit()
    while not ended and time.monotonic() < started + 10:
        time.sleep(0.05)
    assert ended and ended[0] - started < 10
    assert ended[0] < deadline  # it was stopped, not finished

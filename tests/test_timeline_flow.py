"""How state flows in the timeline: the screen publishes, the children are bound, the
panes load one whole window at a time, and their message names them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual import on
from textual.app import App, ComposeResult
from tui_helpers import put_cursor_on, timeline, view

from store import Filter, Store
from tui.app import CounterpointApp
from tui.bands import Lanes, Zoom
from tui.timeline_source import TimelineSource, TimelineWindow
from tui.widgets.status_bar import StatusBar
from tui.widgets.timeline_view import TimelineView


@pytest.fixture
def app(store: Store) -> CounterpointApp:
    return CounterpointApp(store)


async def test_a_search_loads_one_window_that_already_carries_its_marks(app, store: Store):
    expected = frozenset(p.id for p in store.positions(Filter(text="Indus"))[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panes = view(app)
        loads: list[TimelineWindow] = []

        def loaded(window: TimelineWindow) -> None:
            loads.append(window)

        panes.watch(panes, "window", loaded, init=False)
        timeline(app).search_text = "Indus"
        # No pause: the marks came with the window, not in a later round of messages.
        assert loads == [panes.window]
        assert panes.matches == expected


async def test_a_search_leaves_the_cursor_on_a_position_it_matches(app, store: Store):
    """The jump to the first match reads the new window's marks, not the last search's:
    when those came a message later, a cursor already on a match was moved off it."""
    matching = [p.id for p in store.positions(Filter(text="Indus"))[0]]
    other = next(p.id for p in store.positions(Filter())[0] if p.id not in matching)
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, matching[1])
        await pilot.press("slash", *"Indus", "enter")
        assert view(app).current.id == matching[1]
        await pilot.press("x")
        await put_cursor_on(pilot, other)
        await pilot.press("slash", *"Indus", "enter")
        assert view(app).current.id in matching  # off a position it does not match


async def test_counts_are_published_once_and_bound_to_bar_and_header(app, store: Store):
    flt = Filter(sides=frozenset({"pakistan"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = timeline(app)
        screen.filter = flt
        # Bound, so already there: nothing but the screen's own attribute was set.
        assert screen.filter == replace(flt, with_answers=True)  # answers travel by default
        shown = screen.filter
        counts = store.counts(shown)  # the sentences behind them, counted at once here
        assert screen.counts == counts.with_sentences(store.sentence_counts(shown))
        assert view(app).counts == screen.counts
        bar = screen.query_one(StatusBar)
        assert bar.counts == screen.counts
        assert bar.filters == shown.describe(screen.vocab)


class TwoTimelines(App[None]):
    """Two views side by side: a selector must tell their messages apart."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.from_any: list[str | None] = []
        self.from_right: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield TimelineView(id="left")
        yield TimelineView(id="right")

    def on_mount(self) -> None:
        right = self.query_one("#right", TimelineView)
        right.vocab = vocab = self.store.vocabularies()
        lanes = Lanes.of_vocabulary(vocab)
        right.show_source(TimelineSource(self.store, Filter(), Zoom.DAY, lanes=lanes))

    @on(TimelineView.CursorMoved)
    def _any(self, event: TimelineView.CursorMoved) -> None:
        self.from_any.append(event.control.id)

    @on(TimelineView.CursorMoved, "#right")
    def _right(self, event: TimelineView.CursorMoved) -> None:
        assert event.control is event.view
        self.from_right.append(event.position.id if event.position else None)


async def test_cursor_moved_names_its_view_so_an_id_selector_matches(store: Store):
    app = TwoTimelines(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "left" in app.from_any and "right" in app.from_any
        assert app.from_right and app.from_right[-1] == "in-attributes-attack"
        assert len(app.from_right) == app.from_any.count("right")

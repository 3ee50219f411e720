"""Saved views: `m a` saves the view (filters, search, zoom, wide mode, answers, cursor),
`' a` returns to it, the palette lists it, `list --view a` and `export --view a` use it,
and the app reopens where the analyst left off."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from tui_helpers import put_cursor_on, timeline, view

from store import Filter, Kind, Store, StoreError, ViewState
from tui.app import CounterpointApp
from tui.bands import Zoom
from tui.cli import main

FULL = ViewState(
    filter=Filter(
        sides=frozenset({"india"}),
        kinds=frozenset({Kind.ALLEGATION, Kind.DENIAL}),
        topics=frozenset({"terrorism"}),
        actors=frozenset({"government-of-india"}),
        documents=frozenset({"000_94edd1293f8f187e"}),
        date_from=date(2025, 4, 1),
        date_to=date(2025, 6, 30),
        bookmarked_by="alice",
        annotated=True,
        include_retracted=True,
        credibility=(1, 3),
        reliability=("A", "F"),
        doubted=True,
    ),
    search="Tharoor OR Bilawal",
    zoom="week",
    cursor="in-delegations",
    wide=True,
    answers=False,
)


def test_a_view_reads_back_as_saved_and_is_the_analysts_own(store: Store):
    store.save_view("alice", "a", FULL)
    assert store.saved_view("alice", "a").state == FULL
    assert store.saved_view("bob", "a") is None
    store.save_view("bob", "a", ViewState())
    assert store.saved_view("alice", "a").state == FULL  # bob's a is bob's
    assert [v.name for v in store.saved_views("alice")] == ["a"]
    store.save_view("alice", "", ViewState(search="left here"))
    assert [v.name for v in store.saved_views("alice")] == ["a"]  # where one left off is apart


@pytest.mark.parametrize("name", ["A", "ab", "1", " "])
def test_a_view_is_named_by_one_letter(store: Store, name: str):
    with pytest.raises(StoreError, match="one letter"):
        store.save_view("alice", name, ViewState())


def test_a_state_that_cannot_be_read_is_said(store: Store):
    store.save_view("alice", "a", ViewState())
    store.db.execute("UPDATE views SET state = ?", ['{"filter": 3}'])
    store.db.conn.commit()
    with pytest.raises(StoreError, match="cannot be read"):
        store.saved_view("alice", "a")
    assert store.saved_views("alice") == []


async def test_m_a_away_then_quote_a_returns_to_the_same_view_and_cursor(store: Store):
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = timeline(app)
        screen.apply(Filter(topics=frozenset({"terrorism"})), "Pakistan")
        await pilot.pause()
        await put_cursor_on(pilot, "pk-denies-attack")
        await pilot.press("z", "w")
        await pilot.pause()
        await pilot.press("m", "a")
        await pilot.pause()
        saved = store.saved_view(app.author, "a").state
        assert saved.cursor == "pk-denies-attack" and saved.zoom == "week" and saved.wide
        await pilot.press("x", "z", "w", "G")  # away: no filter, other zoom, narrow, last
        await pilot.pause()
        assert screen.filter.is_empty and view(app).current.id != "pk-denies-attack"
        await pilot.press("apostrophe", "a")
        await pilot.pause()
        assert screen.filter.topics == frozenset({"terrorism"})
        assert screen.search_text == "Pakistan" and screen.zoom is Zoom.WEEK
        assert view(app).wide and view(app).current.id == "pk-denies-attack"


async def test_a_letter_with_no_view_says_so_and_escape_cancels(store: Store):
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = timeline(app).view_state()
        await pilot.press("apostrophe", "q")
        await pilot.pause()
        assert any("No view saved as q" in n.message for n in app._notifications)
        await pilot.press("m", "escape")
        await pilot.pause()
        assert store.saved_views(app.author) == [] and timeline(app).view_state() == before


async def test_the_palette_lists_saved_views(store: Store):
    from tui.commands import CounterpointCommands

    app = CounterpointApp(store)
    store.save_view(app.author, "k", replace(FULL, filter=Filter(kinds=frozenset({Kind.DENIAL}))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = CounterpointCommands(app.screen)
        labels = [label for label, _, _ in provider._commands()]
        assert any(label.startswith("View k: kind Denial") for label in labels)


async def test_the_app_reopens_where_the_analyst_left_off(store: Store):
    first = CounterpointApp(store, remember=True)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline(first).apply(Filter(kinds=frozenset({Kind.DENIAL})), "")
        await pilot.pause()
        await put_cursor_on(pilot, "pk-denies-attack")
    again = CounterpointApp(store, reopen=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert timeline(again).filter.kinds == frozenset({Kind.DENIAL})
        assert view(again).current.id == "pk-denies-attack"
    fresh = CounterpointApp(store, reopen=False)
    async with fresh.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert timeline(fresh).filter.is_empty


def run(capsys, *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_and_export_use_a_saved_view(capsys, seeded_path: Path, monkeypatch):
    monkeypatch.setattr("tui.cli.current_analyst", lambda: "alice")
    with Store.open(seeded_path) as store:
        store.save_view(
            "alice",
            "t",
            ViewState(
                filter=Filter(kinds=frozenset({Kind.DENIAL})), search="attack", answers=False
            ),
        )
    code, by_view, _ = run(capsys, "list", "--db", seeded_path, "--view", "t")
    assert code == 0
    code, by_flags, _ = run(capsys, "list", "--db", seeded_path, "--kind", "denial", "-s", "attack")
    assert code == 0 and by_view == by_flags and len(by_view.splitlines()) > 1
    code, exported, _ = run(capsys, "export", "--db", seeded_path, "--view", "t", "--format", "csv")
    assert code == 0 and len(exported.splitlines()) == len(by_view.splitlines())


@pytest.mark.parametrize(
    ("argv", "says"),
    [(["--view", "z"], "no view saved as 'z'"), (["--view", "t", "--side", "india"], "--side")],
)
def test_a_missing_view_or_one_mixed_with_filters_is_exit_2(
    capsys, seeded_path: Path, monkeypatch, argv: list[str], says: str
):
    monkeypatch.setattr("tui.cli.current_analyst", lambda: "alice")
    with Store.open(seeded_path) as store:
        store.save_view("alice", "t", ViewState())
    code, out, err = run(capsys, "list", "--db", seeded_path, *argv)
    assert code == 2 and out == "" and says in err

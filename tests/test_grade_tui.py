"""Grading by keyboard: `v` on a row or in the inspector grades a position's credibility
and says its doubt; `v` in the document list grades a document's reliability; the filter
panel filters on both grades and on doubt. Every change to a position is a revision that
`u` takes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import put_cursor_on, screen_lines, timeline, view, wait_until

from store import Store
from tui.app import CounterpointApp
from tui.screens.document_list_screen import DocumentListScreen
from tui.screens.filter_screen import FilterScreen
from tui.screens.grade_screen import GradeScreen
from tui.screens.inspector_screen import InspectorScreen


@pytest.fixture
def app(store: Store) -> CounterpointApp:
    return CounterpointApp(store)


def ungraded_undoubted(store: Store) -> str:
    """A position with a grade and no doubt in the seed, chosen from the data."""
    return next(p.id for p in store.positions()[0] if p.credibility is not None and not p.doubt)


async def open_grade(pilot, position_id: str) -> GradeScreen:
    await put_cursor_on(pilot, position_id)
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GradeScreen)
    return pilot.app.screen


async def test_v_grades_notes_and_doubts_then_u_takes_it_back(app: CounterpointApp, store: Store):
    target = ungraded_undoubted(store)
    before = store.get(target)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_grade(pilot, target)
        new_grade = 5 if before.credibility != 5 else 4
        await pilot.press(str(new_grade), "tab", *"checked", "tab", *"dates clash")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, GradeScreen)
        after = store.get(target)
        assert (after.credibility, after.credibility_note, after.doubt) == (
            new_grade,
            "checked",
            "dates clash",
        )
        assert after.credibility_by == app.author
        mine = [r for r in store.history(target) if r.author == app.author]
        assert len(mine) == 1  # what one dialog saves is one revision
        assert "credibility" in mine[0].reason and "doubt raised" in mine[0].reason
        assert any("?" in line and f"{new_grade} " in line for line in screen_lines(app))
        await pilot.press("u")
        await pilot.pause()
        restored = store.get(target)
        assert (restored.credibility, restored.credibility_note, restored.doubt) == (
            before.credibility,
            before.credibility_note,
            before.doubt,
        )


async def test_saving_unchanged_writes_nothing(app: CounterpointApp, store: Store):
    target = ungraded_undoubted(store)
    revisions = len(store.history(target))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_grade(pilot, target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(store.history(target)) == revisions
        await open_grade(pilot, target)
        await pilot.press("escape")  # cancel: nothing either
        await pilot.pause()
        assert len(store.history(target)) == revisions


async def test_minus_clears_a_grade(app: CounterpointApp, store: Store):
    target = ungraded_undoubted(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_grade(pilot, target)
        await pilot.press("minus", "ctrl+s")
        await pilot.pause()
        assert store.get(target).credibility is None
        assert store.get(target).credibility_by == ""


async def test_the_inspector_grades_and_shows_the_result_in_place(
    app: CounterpointApp, store: Store
):
    target = ungraded_undoubted(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await put_cursor_on(pilot, target)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("6", "tab", "tab", *"the figures disagree", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        text = "\n".join(screen_lines(app))
        assert "the figures disagree" in text
        assert store.get(target).credibility == 6
        assert app.screen._details.position.credibility == 6  # what the facts are drawn from


async def test_v_in_the_document_list_grades_reliability(app: CounterpointApp, store: Store):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentListScreen))
        screen = app.screen
        assert isinstance(screen, DocumentListScreen)
        await wait_until(pilot, lambda: screen.rows is not None)
        first = screen.rows[0]
        new = "B" if first.reliability != "B" else "C"
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, GradeScreen)
        await pilot.press(new.lower(), "tab", *"named outlet", "enter")
        await wait_until(
            pilot, lambda: screen.rows is not None and screen.rows[0].reliability == new
        )
        document = store.document(first.id)
        assert (document.reliability, document.reliability_note, document.reliability_by) == (
            new,
            "named outlet",
            app.author,
        )
        assert any(f" {new} " in line and "Grade" not in line for line in screen_lines(app))


async def apply_filter(pilot, **typed: str) -> FilterScreen:
    await pilot.press("f")
    await pilot.pause()
    panel = pilot.app.screen
    assert isinstance(panel, FilterScreen)
    for field, text in typed.items():
        panel.query_one(f"#filter-{field}").value = text
    await pilot.press("ctrl+s")
    await pilot.pause()
    return panel


async def test_the_filter_panel_filters_on_grades(app: CounterpointApp, store: Store):
    graded = {p.id: p.credibility for p in store.positions()[0]}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await apply_filter(pilot, credibility="4-6")
        assert timeline(app).filter.credibility == (4, 6)
        shown = set(view(app).window.layout.places)
        matches = {i for i, c in graded.items() if c is not None and 4 <= c <= 6}
        assert matches and matches <= shown
        # what else is shown are answers, which travel with a filter (A hides them)
        await pilot.press("A")
        await pilot.pause()
        assert set(view(app).window.layout.places) == matches


async def test_a_bad_grade_range_keeps_the_panel_open_and_says_why(app: CounterpointApp):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = await apply_filter(pilot, reliability="Z")
        assert app.screen is panel
        assert panel.focused is panel.query_one("#filter-reliability")
        assert any("Reliability: 'Z' is not" in line for line in screen_lines(app))


async def test_doubted_only_shows_the_doubted(app: CounterpointApp, store: Store):
    doubted = {p.id for p in store.positions()[0] if p.doubt}
    assert doubted
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, FilterScreen)
        panel.query_one("#filter-only").select("doubted")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("A")  # without the answers that travel
        await pilot.pause()
        assert set(view(app).window.layout.places) == doubted


async def test_a_read_only_store_refuses_grades(seeded_path: Path):
    store = Store.open(seeded_path, read_only=True)
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert not isinstance(app.screen, GradeScreen)
        assert any("read-only" in notice.message for notice in app._notifications)

"""Pilot tests of the analyst's workflow: matrix, notes, bookmarks, export, live refresh,
read-only files."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from seed_vocabulary import TOPICS
from test_answers import neighbours
from textual.widgets import Input, RadioSet, Static, TextArea
from tui_helpers import open_matrix, put_cursor_on, timeline, view, wait_until

from seed import position_records
from store import Filter, Store
from tui.app import CounterpointApp
from tui.cli import main
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.export_screen import ExportScreen
from tui.screens.matrix_screen import MatrixScreen, MatrixTable
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.screens.timeline_screen import POLL_SECONDS, TimelineScreen
from tui.widgets.status_bar import StatusBar

AUTHOR = "alice"
COUNTERPOINT = Path(sys.executable).parent / "counterpoint"


@pytest.fixture
def app(store: Store) -> CounterpointApp:
    return CounterpointApp(store, author=AUTHOR, poll_seconds=0.2)


# The comparison matrix --------------------------------------------------------------


async def test_matrix_opens_on_c_and_flags_unanswered_topics(app):
    async with app.run_test(size=(100, 30)) as pilot:
        table = (await open_matrix(pilot)).query_one(MatrixTable)
        assert table.row_count == len(TOPICS)
        nuclear = [str(cell) for cell in table.get_row("nuclear_risk")]
        assert "India silent" in nuclear[0]
        assert "unanswered" in nuclear[1]
        assert nuclear[2].startswith("1/1s · by 28 May")  # positions/sentences


async def test_matrix_moves_like_a_spreadsheet_and_enter_filters_the_timeline(app):
    async with app.run_test(size=(100, 30)) as pilot:
        table = (await open_matrix(pilot)).query_one(MatrixTable)
        assert table.cursor_coordinate == (0, 1)  # Terrorism, India
        await pilot.press("j", "l", "down", "right", "k", "h", "left")
        assert table.cursor_coordinate == (1, 1)  # Indus Waters Treaty, India
        await pilot.press("l", "enter")  # Indus Waters Treaty, Pakistan
        assert isinstance(app.screen, TimelineScreen)
        assert timeline(app).filter.matches_only == Filter(
            sides=frozenset({"pakistan"}), topics=frozenset({"indus_waters_treaty"})
        )
        wanted = {
            r["id"]
            for r in position_records()
            if r["side"] == "pakistan" and "indus_waters_treaty" in r["topics"]
        }
        store = timeline(app).store
        assert set(view(app).window.layout.places) == wanted | neighbours(store, wanted)


async def test_matrix_from_the_command_palette_and_escape_changes_nothing(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"Matrix")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MatrixScreen))
        await pilot.press("escape")
        assert timeline(app).filter.is_empty


# Notes and bookmarks ------------------------------------------------------------------


async def test_a_writes_a_note_that_shows_as_a_mark_and_in_search(app, store: Store):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "pk-denies-attack")
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press(*"zanzibar line", "enter", *"second line")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TimelineScreen)
        [note] = store.notes_for(["pk-denies-attack"])["pk-denies-attack"]
        assert (note.author, note.text) == (AUTHOR, "zanzibar line\nsecond line")
        assert "pk-denies-attack" in view(app).annotated
        assert view(app).current.id == "pk-denies-attack"
        await pilot.press("slash", *"zanzibar", "enter")
        assert view(app).matches == frozenset({"pk-denies-attack"})


async def test_a_edits_my_existing_note(app, store: Store):
    store.set_note("pk-denies-attack", AUTHOR, "first")
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "pk-denies-attack")
        await pilot.press("a")
        assert app.screen.query_one(TextArea).text == "first"
        await pilot.press(*" and more", "ctrl+s")
        assert store.notes_for(["pk-denies-attack"])["pk-denies-attack"][0].text == (
            "first and more"
        )


async def test_escape_after_changes_asks_before_discarding(app, store: Store):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "pk-denies-attack")
        await pilot.press("a", *"draft", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, TimelineScreen)
        assert store.notes_for(["pk-denies-attack"]) == {}


async def test_escape_without_changes_just_closes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "escape")
        assert isinstance(app.screen, TimelineScreen)


async def test_b_toggles_a_bookmark_and_the_filter_shows_bookmarked_only(app, store: Store):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-suspends-iwt")
        await pilot.press("b")
        assert store.marked_ids(["in-suspends-iwt"], AUTHOR)[0] == {"in-suspends-iwt"}
        assert "in-suspends-iwt" in view(app).bookmarked
        timeline(app).apply_filter(Filter(bookmarked_by=AUTHOR))
        await pilot.pause()
        shown = {"in-suspends-iwt"} | neighbours(store, {"in-suspends-iwt"})
        assert set(view(app).window.layout.places) == shown
        assert "bookmarked" in str(timeline(app).query_one(StatusBar).render())
        await pilot.press("b")
        assert store.marked_ids(["in-suspends-iwt"], AUTHOR)[0] == set()


async def test_notes_show_in_the_inspector(app, store: Store):
    store.set_note("in-suspends-iwt", "bob", "Abeyance, not abrogation.")
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-suspends-iwt")
        await pilot.press("i")
        text = str(app.screen.query_one("#detail-notes", Static).render())
        assert "Notes (1)" in text and "bob, " in text and "Abeyance, not abrogation." in text


# Export -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, presses", [("md", []), ("csv", ["down", "space"]), ("json", ["down", "down", "space"])]
)
async def test_export_writes_what_the_cli_writes_for_the_same_filters(
    app,
    store: Store,
    seeded_path: Path,
    tmp_path: Path,
    capsys,
    monkeypatch,
    fmt: str,
    presses: list[str],
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tui.cli.current_analyst", lambda: AUTHOR)
    store.set_note("pk-denies-attack", AUTHOR, "A *note* to export.")
    store.toggle_bookmark("pk-denies-attack", AUTHOR)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline(app).apply_filter(
            Filter(sides=frozenset({"pakistan"}), topics=frozenset({"terrorism"}))
        )
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        if presses:
            app.screen.query_one(RadioSet).focus()
            await pilot.press(*presses)
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert isinstance(app.screen, TimelineScreen)
    written = (tmp_path / f"counterpoint-brief.{fmt}").read_bytes()
    capsys.readouterr()
    assert (
        main(
            [
                "export",
                "--db",
                str(seeded_path),
                "--format",
                fmt,
                "--side",
                "pakistan",
                "--topic",
                "terrorism",
                "--answers",  # the app shows a filter's answers by default
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.encode("utf-8") == written
    if fmt == "md":
        assert b"\n  - alice, " in written and b"A \\*note\\* to export." in written


async def test_export_asks_before_replacing_a_file_and_reports_unwritable_paths(
    app, tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "counterpoint-brief.md").write_text("keep me", encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "enter")
        message = str(app.screen.query_one("#export-message", Static).render())
        assert "exists. Press Enter again" in message
        assert (tmp_path / "counterpoint-brief.md").read_text() == "keep me"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert isinstance(app.screen, TimelineScreen)
        assert (tmp_path / "counterpoint-brief.md").read_text().startswith("# Counterpoint")
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = "no-such-dir/brief.md"
        await pilot.press("enter")
        assert "Cannot write" in str(app.screen.query_one("#export-message", Static).render())
        assert isinstance(app.screen, ExportScreen)


# Several analysts, one database --------------------------------------------------------


def test_the_app_looks_for_other_writers_well_within_two_seconds():
    assert POLL_SECONDS <= 1.0


async def test_a_note_written_by_another_process_appears_without_moving_the_cursor(
    app, seeded_path: Path
):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-delegations")
        process = await asyncio.create_subprocess_exec(
            str(COUNTERPOINT),
            "note",
            "--db",
            str(seeded_path),
            "pk-denies-attack",
            "from a colleague",
        )
        assert await process.wait() == 0
        await wait_until(pilot, lambda: "pk-denies-attack" in view(app).annotated)
        assert view(app).current.id == "in-delegations"


async def test_an_import_by_another_process_appears_live(app, seeded_path: Path, tmp_path: Path):
    record = dict(
        next(r for r in position_records() if r["id"] == "pk-rehman-agenda"),
        id="pk-new-statement",
        summary="A new Pakistani statement.",
        links=[],
    )
    path = tmp_path / "new.json"
    path.write_text(json.dumps({"positions": [record]}), encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-attributes-attack")
        result = await asyncio.to_thread(
            subprocess.run,
            [str(COUNTERPOINT), "import", "--db", str(seeded_path), str(path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        await wait_until(pilot, lambda: "pk-new-statement" in view(app).window.layout.places)
        assert view(app).current.id == "in-attributes-attack"
        assert "Pakistan 17" in str(timeline(app).query_one(StatusBar).render())


async def test_a_read_only_file_says_so_and_a_b_explain_why_nothing_happens(seeded_path: Path):
    with Store.open(seeded_path, read_only=True) as store:
        app = CounterpointApp(store, author=AUTHOR)
        notices: list[str] = []
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            app.notify = lambda message, **kw: notices.append(message)  # type: ignore[method-assign]
            assert str(timeline(app).query_one(StatusBar).render()).startswith("READ-ONLY")
            await pilot.press("a")
            assert isinstance(app.screen, TimelineScreen)
            await pilot.press("b")
            assert len(notices) == 2
            assert "read-only for you, so notes cannot be saved" in notices[0]
            assert "bookmarks cannot be saved" in notices[1]
        assert store.marked_ids(["in-attributes-attack"], AUTHOR) == (set(), set())

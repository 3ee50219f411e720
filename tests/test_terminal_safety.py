"""The terminal is an attack surface: hostile text in every view is shown, not obeyed.

The store is seeded, then given a document and positions whose titles, actors,
summaries, quotes and notes hold escape sequences, Rich markup, Textual action
links, bidi overrides, joiners, combining marks, CJK, Devanagari and Urdu. The
ordinary import takes what it accepts; escape sequences it refuses are written
with SQL, as another tool might. Each view is then composed and every line that
would go to the terminal is checked: no control or bidi character, exactly the
screen's width in cells (Rich's measure, which `test_cell_widths.py` ties to
tmux's), and the pane dividers in the same columns on every row.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hostile_text import (
    BIDI,
    CJK,
    DEVANAGARI,
    ESC_SEQUENCES,
    ESCAPED_ACTOR,
    MARKUP,
    URDU,
    add_hostile_records,
)
from rich.cells import cell_len
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, RadioSet, TextArea
from tui_helpers import (
    FORBIDDEN_FORMAT,
    assert_terminal_safe,
    open_matrix,
    put_cursor_on,
    screen_lines,
    view,
    wait_until,
)

from store import Store
from store.export import render_export
from store.query import Filter
from tui.app import CounterpointApp
from tui.screens.export_screen import ExportScreen
from tui.screens.filter_screen import FilterScreen
from tui.screens.help_screen import HelpScreen
from tui.screens.inspector_screen import InspectorScreen
from tui.screens.note_editor_screen import NoteEditorScreen
from tui.widgets.timeline_view import DIVIDER


@pytest.fixture
def hostile_store(store: Store, tmp_path: Path) -> Store:
    return add_hostile_records(store, tmp_path)


def assert_dividers_aligned(app: CounterpointApp) -> None:
    """The timeline's two dividers sit in the same cell columns on every row."""
    lines = [line for line in screen_lines(app, view(app).content_region) if line.strip()]
    # Cells before each divider, measured over the whole prefix: a joiner makes two
    # characters one cell, so adding up characters one by one would overcount.
    columns = {
        tuple(cell_len(line[:index]) for index, ch in enumerate(line) if ch == DIVIDER)
        for line in lines
    }
    assert len(columns) == 1 and len(next(iter(columns))) == 2, columns


def screen_text(app: CounterpointApp) -> str:
    return "\n".join(screen_lines(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 30), (48, 16)])
async def test_hostile_rows_stay_inert_and_aligned_in_the_panes(hostile_store: Store, size):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=size) as pilot:
        for position_id in (
            "in-hostile-markup",
            "in-hostile-hindi",
            "pk-hostile-urdu",
            "pk-hostile-bidi",
            "other-hostile-cjk",
        ):
            await put_cursor_on(pilot, position_id)
            assert_terminal_safe(app)
            assert_dividers_aligned(app)
        await pilot.press("j", "k", "tab", "]")
        assert app.is_running and len(app.screen_stack) == 2


async def test_the_inspector_shows_hostile_text_literally(hostile_store: Store):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(80, 40)) as pilot:
        await put_cursor_on(pilot, "in-hostile-markup")
        await pilot.press("enter")
        assert isinstance(app.screen, InspectorScreen)
        await pilot.pause()
        text = "\n".join(assert_terminal_safe(app))
        assert "[@click=app.quit]quit[/]" in text
        assert "⟨RLO⟩warns⟨PDF⟩" in text
        assert "[31mred" in text  # the sequence's remains show; ESC itself does not
        assert "mallory" in text  # the note's author, cleaned
        await pilot.click("#inspector-detail")
        assert app.is_running


async def test_the_side_inspector_keeps_its_column_with_every_script(hostile_store: Store):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(140, 40)) as pilot:
        for position_id in ("in-hostile-hindi", "pk-hostile-urdu", "other-hostile-cjk"):
            await put_cursor_on(pilot, position_id)
            await pilot.pause()
            assert_terminal_safe(app)
            assert_dividers_aligned(app)


async def test_the_matrix_shows_hostile_summaries_literally(hostile_store: Store):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(120, 30)) as pilot:
        await open_matrix(pilot)
        await pilot.pause()
        text = "\n".join(assert_terminal_safe(app))
        assert "Humanitarian" in text
        assert "⟨RLO⟩" in text or "[bold]x" in text  # India's latest on humanitarian is ours
        await pilot.press("down", "right", "enter")
        assert app.is_running


async def paste_and_look(pilot, text: str) -> str:
    """Paste as a terminal does (to the app, which hands it to the focused widget)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return "\n".join(assert_terminal_safe(pilot.app))


async def test_help_and_the_filter_lists_stay_inert(hostile_store: Store):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert_terminal_safe(app)
        await pilot.press("escape", "f")
        assert isinstance(app.screen, FilterScreen)
        for section in ("#filter-actors", "#filter-documents"):
            app.screen.query_one(section).scroll_visible(animate=False, top=True)
            await pilot.pause()
            text = "\n".join(assert_terminal_safe(app))
        assert "[bold]x[/bold] [@click=app.quit]quit[/]" in text  # the document's title


async def test_the_command_palette_shows_a_markup_actor_as_text(hostile_store: Store):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"click=app")
        await pilot.pause(0.3)
        text = "\n".join(assert_terminal_safe(app))
        assert "Filter: actor [bold]x[/bold] [@click=app.quit]" in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert app.is_running


async def test_a_pasted_note_keeps_only_what_it_shows(hostile_store: Store):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await put_cursor_on(pilot, "pk-hostile-bidi")
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditorScreen)
        assert isinstance(app.focused, TextArea)
        text = await paste_and_look(pilot, f"{MARKUP}\n{ESC_SEQUENCES}\n{BIDI}\n{DEVANAGARI}")
        assert "[@click=app.quit]quit[/]" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = hostile_store.notes_for(["pk-hostile-bidi"])["pk-hostile-bidi"]
    assert saved.text.splitlines() == [
        MARKUP,
        "[31mred[0m ]0;pwned ]8;;http://x.invalid\\link]8;;\\ 2J",
        "India warns Pakistan isolated",
        DEVANAGARI,
    ]


async def test_a_pasted_file_name_is_written_as_the_field_shows_it(
    hostile_store: Store, tmp_path: Path
):
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = ""
        assert app.focused is path_input
        text = await paste_and_look(pilot, f"{tmp_path}/brief\x1b]0;pwned\x07{BIDI}.md")
        assert "Will write" in text
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert_terminal_safe(app)
    # Without the escape and the overrides, as the field showed it.
    assert list(tmp_path.glob("brief*.md")) == [
        tmp_path / "brief]0;pwnedIndia warns Pakistan isolated.md"
    ]


def test_the_markdown_brief_escapes_markup_and_drops_what_a_terminal_would_obey(
    hostile_store: Store,
):
    text, count = render_export(hostile_store, Filter(), "md")
    assert count == 46
    assert not [ch for ch in text if ch != "\n" and unicodedata.category(ch) == "Cc"]
    assert not FORBIDDEN_FORMAT.intersection(text)
    assert r"\[@click=app\.quit\]quit\[/\]" in text
    assert "[@click" not in text.replace(r"\[@click", "")
    assert "⟨RLO⟩warns⟨PDF⟩" in text
    assert DEVANAGARI in text and URDU in text and CJK in text


def test_file_names_with_escapes_are_printed_inert_by_the_cli(
    capsys, seeded_path: Path, tmp_path: Path
):
    from tui.cli import main

    hostile_name = f"evil\x1b]0;pwned\x07{BIDI}"
    missing = tmp_path / f"{hostile_name}.json"
    assert main(["import", "--db", str(seeded_path), str(missing)]) == 2
    brief = tmp_path / f"{hostile_name}.md"
    assert main(["export", "--db", str(seeded_path), "--format", "md", "-o", str(brief)]) == 0
    assert brief.exists()  # the file is named as asked; only what is printed is cleaned
    empty = tmp_path / f"{hostile_name}.json"
    empty.write_text('{"positions": []}', encoding="utf-8")
    assert main(["import", "--db", str(seeded_path), str(empty)]) == 0
    out, err = capsys.readouterr()
    printed = out + err
    assert not [ch for ch in printed if ch != "\n" and unicodedata.category(ch) == "Cc"]
    assert not FORBIDDEN_FORMAT.intersection(printed)
    assert len(err.splitlines()) == 2 and len(out.splitlines()) == 1
    assert "⟨RLO⟩warns⟨PDF⟩" in out and "evil]0;pwned" in err


LONG_BROKEN = "NEAR(" + "Pakistan " * 1_110  # over 10,000 characters of invalid FTS5
SEARCHES = [
    '"',
    "NEAR(",
    "(((",
    "-",
    "AND OR",
    "*",
    "'; DROP TABLE positions; --",
    'x" OR 1=1 --',
    LONG_BROKEN,
    "Pakistan " * 1_200,
    f"{MARKUP} {BIDI}",
]


@pytest.mark.parametrize("query", SEARCHES, ids=lambda q: q[:20])
async def test_any_search_typed_is_answered_on_the_status_line(store: Store, query: str):
    from store.query import SearchMode

    literal = store.search_mode(Filter(text=query)) is SearchMode.LITERAL
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await paste_and_look(pilot, query)
        await pilot.press("enter")
        await pilot.pause()
        status = assert_terminal_safe(app)[0]
        assert status.startswith("/") and ("matches" in status), status
        assert ("not FTS5 syntax, searched as words" in status) == literal, status
        assert "error" not in status.lower() and "syntax error" not in status
        await pilot.press("n", "N", "x")
        assert app.is_running
    assert store.position_count() == 41
    if query in ('"', "NEAR(", "(((", "-", "AND OR", LONG_BROKEN):
        assert literal


async def test_dates_that_do_not_parse_get_one_line_in_the_filter_panel(store: Store):
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        dates = app.screen.query_one("#filter-dates", Input)
        for text in ("31 February 2025", "2025-13-01", "next Tuesday" * 900, "May..April 2025"):
            dates.value = ""
            dates.focus()
            await paste_and_look(pilot, text)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, FilterScreen), text
            error = app.screen.query_one("#filter-error").render()
            assert str(error).startswith("Date range:") and "\n" not in str(error), error
            assert_terminal_safe(app)
        assert app.is_running


async def test_ticked_and_chosen_show_without_colour(store: Store):
    """The filter lists and the export format say their state in characters, not colour."""
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("f")
        text = "\n".join(screen_lines(app))
        assert "▐ ▌ India" in text and "▐X▌" not in text  # nothing ticked: no filter
        await pilot.press("space")
        text = "\n".join(screen_lines(app))
        assert "▐X▌ India" in text and "▐ ▌ Pakistan" in text
        await pilot.press("escape", "e")
        app.screen.query_one(RadioSet).focus()
        text = "\n".join(screen_lines(app))
        assert "▐●▌ Markdown brief" in text and "▐ ▌ CSV" in text
        await pilot.press("down", "space")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "▐ ▌ Markdown brief" in text and "▐●▌ CSV" in text


def test_ids_written_by_another_tool_are_printed_inert(capsys, hostile_store: Store):
    """Import allows only slugs as ids; a file edited with another tool may not."""
    from tui.cli import main

    evil = "pk-evil\x1b]0;pwned\x07`tick"
    conn = hostile_store.db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    with conn:
        for table, column in (
            ("positions", "id"),
            ("position_actors", "position_id"),
            ("position_topics", "position_id"),
            ("position_places", "position_id"),
            ("sources", "position_id"),
            ("links", "target_id"),
        ):
            conn.execute(
                f"UPDATE {table} SET {column} = ? WHERE {column} = 'pk-hostile-urdu'", [evil]
            )
    conn.execute("PRAGMA foreign_keys = ON")
    db = str(hostile_store.path)
    capsys.readouterr()
    assert main(["list", "--db", db, "--side", "pakistan"]) == 0
    assert main(["show", "--db", db, "in-hostile-markup"]) == 0
    assert main(["export", "--db", db, "--format", "md"]) == 0
    out, err = capsys.readouterr()
    assert not [ch for ch in out + err if ch != "\n" and unicodedata.category(ch) == "Cc"]
    assert "pk-evil]0;pwned`tick" in out  # in the table and in show's links
    assert "`` pk-evil]0;pwned`tick ``" in out  # a code span the backtick cannot end


async def test_a_filter_on_a_hostile_actor_is_described_inert_everywhere(hostile_store: Store):
    """The filter's description repeats the actor's name: status line, panel, matrix,
    export dialog, and the message when nothing matches."""
    [(actor_id,)] = hostile_store.db.execute(
        "SELECT id FROM actors WHERE name = ?", [ESCAPED_ACTOR]
    ).fetchall()
    app = CounterpointApp(hostile_store, author="alice")
    async with app.run_test(size=(120, 30)) as pilot:
        timeline_screen = app.screen
        timeline_screen.apply_filter(Filter(actors=frozenset({actor_id})))
        await pilot.pause()
        assert "actor Mallory]0;pwned [@click=app.quit]" in assert_terminal_safe(app)[0]
        for key in ("f", "c", "e"):
            await pilot.press(key)
            await pilot.pause(0.3)
            assert "Mallory]0;pwned" in "\n".join(assert_terminal_safe(app)), key
            await pilot.press("escape")
            await pilot.pause()
        timeline_screen.apply_filter(
            Filter(actors=frozenset({actor_id}), sides=frozenset({"india"}))
        )
        await pilot.pause()
        assert "Nothing matches these filters" in "\n".join(assert_terminal_safe(app))

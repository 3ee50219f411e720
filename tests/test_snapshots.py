"""Snapshot tests: the screens an analyst sees, as committed SVG pictures.

Any visual difference fails CI. After an intended change, regenerate with
`.venv/bin/pytest tests/test_snapshots.py --snapshot-update` and look at every
changed SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import put_cursor_on

from store import Filter, Store
from tui.app import CounterpointApp

NARROW = (80, 24)
WIDE = (120, 40)
FIXED_TIME = "2026-11-23T21:04:00+00:00"
"""When every revision in a picture was made: the inspector and the history show it."""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Revisions written during a test are stamped at one time, so a picture that shows
    one reads the same on any day."""
    monkeypatch.setattr("store.revisions.now_utc", lambda: FIXED_TIME)


@pytest.fixture
def seeded_path(seeded_path: Path) -> Path:
    """The seeded file with its revisions (seeded when the test run began) stamped at the
    same fixed time."""
    with Store.open(seeded_path) as store:
        store.db.execute("UPDATE revisions SET at = ?", [FIXED_TIME])
        store.db.conn.commit()
    return seeded_path


@pytest.fixture
def app(store: Store) -> CounterpointApp:
    return CounterpointApp(store)


def test_first_screen_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=NARROW)


def test_first_screen_120x40(snap_compare, app):
    assert snap_compare(app, terminal_size=WIDE)


def test_inspector_80x24(snap_compare, app):
    assert snap_compare(app, press=["enter"], terminal_size=NARROW)


def test_inspector_120x40(snap_compare, app):
    assert snap_compare(app, press=["enter"], terminal_size=WIDE)


def test_filter_panel(snap_compare, app):
    assert snap_compare(app, press=["f", "down", "space"], terminal_size=NARROW)


def test_search_with_matches(snap_compare, app):
    assert snap_compare(app, press=["slash", *"Indus", "enter", "n"], terminal_size=NARROW)


def test_empty_result(snap_compare, app):
    async def no_matches(pilot) -> None:
        pilot.app.screen.filter = Filter(
            sides=frozenset({"india"}), topics=frozenset({"nuclear_risk"})
        )
        await pilot.pause()

    assert snap_compare(app, run_before=no_matches, terminal_size=NARROW)


def test_help_screen(snap_compare, app):
    assert snap_compare(app, press=["question_mark"], terminal_size=NARROW)


def test_command_palette(snap_compare, app):
    assert snap_compare(app, press=["ctrl+p", *"topic"], terminal_size=NARROW)


def test_no_color(snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(CounterpointApp(store), press=["j", "tab"], terminal_size=NARROW)


@pytest.fixture
def annotated_app(store: Store) -> CounterpointApp:
    """The seed with one note and one bookmark by 'alice', and one note by 'bob'."""
    store.set_note("in-attributes-attack", "alice", "Compare with the CCS statement.")
    store.toggle_bookmark("in-attributes-attack", "alice")
    store.toggle_bookmark("in-suspends-iwt", "alice")
    store.set_note("pk-denies-attack", "bob", "ISPR line, 23 April.")
    return CounterpointApp(store, author="alice")


def test_comparison_matrix(snap_compare, app):
    async def open_matrix(pilot) -> None:
        from tui.screens.matrix_screen import MatrixScreen

        await pilot.press("c")
        for _ in range(200):  # computed in a worker thread
            if isinstance(pilot.app.screen, MatrixScreen):
                break
            await pilot.pause(0.02)
        await pilot.press("j")

    assert snap_compare(app, run_before=open_matrix, terminal_size=NARROW)


def test_note_editor(snap_compare, annotated_app):
    assert snap_compare(annotated_app, press=["a", *" Check the date."], terminal_size=NARROW)


def test_export_dialog(snap_compare, app):
    assert snap_compare(app, press=["e"], terminal_size=NARROW)


def test_bookmark_and_note_marks(snap_compare, annotated_app):
    assert snap_compare(annotated_app, terminal_size=NARROW)


def test_read_only(snap_compare, seeded_path):
    store = Store.open(seeded_path, read_only=True)
    assert snap_compare(CounterpointApp(store, author="alice"), terminal_size=NARROW)


def test_hostile_text_in_every_script_120x40(snap_compare, store: Store, tmp_path):
    """Escapes, markup, bidi overrides, Hindi, Urdu and CJK in rows and the side inspector."""
    from hostile_text import add_hostile_records
    from tui_helpers import put_cursor_on

    add_hostile_records(store, tmp_path)

    async def on_the_markup_row(pilot) -> None:
        await put_cursor_on(pilot, "in-hostile-markup")

    assert snap_compare(CounterpointApp(store), run_before=on_the_markup_row, terminal_size=WIDE)


def test_other_sides_80x24(snap_compare, tmp_path):
    """A database comparing Armenia and Azerbaijan: the panes, header and status name them."""
    from other_sides import make_store

    store = Store.open(make_store(tmp_path / "caucasus.db"))
    try:
        assert snap_compare(CounterpointApp(store), terminal_size=NARROW)
    finally:
        store.close()


def test_history_80x24(snap_compare, store: Store):
    """A position created, edited (summary and a topic), retracted and restored: every
    step, oldest first, from H on the timeline."""
    from desk_records import new_record
    from tui_helpers import put_cursor_on

    record = new_record(store)
    created = store.create_position(record, author="alice", origin="app")
    store.edit_position(
        {
            **record,
            "id": created.id,
            "summary": "Pakistan sends its own delegation to the capitals",
            "topics": ["diplomatic_outreach", "kashmir"],
        },
        author="alice",
        origin="app",
        reason="sharper wording",
    )
    store.retract(created.id, "duplicates pk-delegation", author="bob", origin="cli")
    store.restore(created.id, author="alice", origin="app")

    async def open_history(pilot) -> None:
        await put_cursor_on(pilot, created.id)
        await pilot.press("H")

    assert snap_compare(CounterpointApp(store), run_before=open_history, terminal_size=NARROW)


LONGER_DOCUMENT = "001_8507a9664423090b"


@pytest.fixture
def gappy_app(store: Store) -> CounterpointApp:
    """The seed without the positions citing sentences 3 and 8 of the longer document,
    so the reader has uncited sentences to show beside cited ones."""
    from tui_helpers import uncite

    uncite(store, LONGER_DOCUMENT, [3, 8])
    return CounterpointApp(store)


async def open_documents(pilot) -> None:
    from tui_helpers import wait_until

    from tui.screens.document_list_screen import DocumentListScreen

    await pilot.press("D")
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, DocumentListScreen) and pilot.app.screen.rows
    )


async def read_with_a_selection(pilot) -> None:
    """The longer document, the cursor on its first uncited sentence after the headline,
    that sentence and the next two words selected."""
    await open_documents(pilot)
    await pilot.press("j", "enter")
    await pilot.pause()
    await pilot.press("right_square_bracket", "v", "w", "w")
    await pilot.pause()


def test_document_list_80x24(snap_compare, gappy_app):
    assert snap_compare(gappy_app, run_before=open_documents, terminal_size=NARROW)


def test_reader_with_a_selection_80x24(snap_compare, gappy_app):
    assert snap_compare(gappy_app, run_before=read_with_a_selection, terminal_size=NARROW)


def test_reader_no_color_80x24(snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch):
    from tui_helpers import uncite

    monkeypatch.setenv("NO_COLOR", "1")
    uncite(store, LONGER_DOCUMENT, [3, 8])
    app = CounterpointApp(store)
    assert snap_compare(app, run_before=read_with_a_selection, terminal_size=NARROW)


async def _fill_position_form(pilot, *, date_words: str) -> None:
    """Open the position form on a seed quote and fill a few fields by keys."""
    from tui.quote_selection import QuoteSelection
    from tui.screens.position_form_screen import PositionFormScreen

    store = pilot.app.store
    document = store.documents()[0]
    start = document.text.index("Pakistan")
    end = document.text.index(".", start) + 1
    quote = QuoteSelection(document.id, start, end, document.text[start:end])
    pilot.app.push_screen(PositionFormScreen(store, "alice", quote=quote))
    await pilot.pause()
    await pilot.press("right", "enter", "tab", *["down"] * 7, "enter", "tab")  # side, denial
    await pilot.press(*"Thar", "enter", "tab", "tab", "down", "space")  # an actor, a topic
    form = pilot.app.screen
    form.query_one("#form-summary").value = "Pakistan rejects the charge as baseless"
    form.query_one("#form-date").value = date_words
    await pilot.pause()


def test_position_form_80x24(snap_compare, app):
    async def filled_then_back_to_the_top(pilot) -> None:
        await _fill_position_form(pilot, date_words="by 28 May")
        pilot.app.screen.query_one("#form-side").focus()
        pilot.app.screen.query_one("#form-body").scroll_home(animate=False)
        await pilot.pause()

    assert snap_compare(app, run_before=filled_then_back_to_the_top, terminal_size=NARROW)


def test_position_form_120x40(snap_compare, app):
    async def filled_at_the_date(pilot) -> None:
        await _fill_position_form(pilot, date_words="early June 2025")
        pilot.app.screen.query_one("#form-date").focus()
        await pilot.pause()

    assert snap_compare(app, run_before=filled_at_the_date, terminal_size=WIDE)


def test_position_form_refused_80x24(snap_compare, app):
    async def inferred_without_a_note(pilot) -> None:
        await _fill_position_form(pilot, date_words="22 April 2025")
        form = pilot.app.screen
        form.query_one("#form-basis").focus()
        await pilot.press("right", "right", "enter", "ctrl+s")  # stated -> inferred; save
        await pilot.pause()

    assert snap_compare(app, run_before=inferred_without_a_note, terminal_size=NARROW)


def test_position_form_link_search_no_color_80x24(
    snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch
):
    """Matches in view as they are typed, how many beside the field, and the focused
    field marked in a character (no colour to tell it by)."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def searching_for_links(pilot) -> None:
        await _fill_position_form(pilot, date_words="by 28 May")
        pilot.app.screen.query_one("#link-search").focus()
        await pilot.pause()
        await pilot.press(*"water")
        await pilot.pause(0.5)
        await pilot.press("enter", "down")
        await pilot.pause()

    app = CounterpointApp(store)
    assert snap_compare(app, run_before=searching_for_links, terminal_size=NARROW)


async def _terrorism_near_the_swapped_sentence(pilot) -> None:
    """A topic filter with answers (the default), the cursor on the first doubted row."""
    pilot.app.screen.filter = Filter(topics=frozenset({"terrorism"}))
    await pilot.pause()
    await put_cursor_on(pilot, "in-accuses-assassinations")


def test_answers_grades_and_doubts_80x24(snap_compare, app):
    """↳ answers beside the terrorism filter's matches, grades after the kind codes, ? on
    the positions built on the sentence that appears to swap the two countries."""
    assert snap_compare(app, run_before=_terrorism_near_the_swapped_sentence, terminal_size=NARROW)


def test_answers_grades_and_doubts_no_color(
    snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        CounterpointApp(store),
        run_before=_terrorism_near_the_swapped_sentence,
        terminal_size=NARROW,
    )


def test_doubted_inspector_80x24(snap_compare, app):
    async def inspect(pilot) -> None:
        await _terrorism_near_the_swapped_sentence(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, run_before=inspect, terminal_size=NARROW)


async def _grade_the_swapped_sentence(pilot) -> None:
    """`v` on a doubted position: its grade, note and doubt as the dialog shows them,
    with 3 typed so the summary line says what will be saved."""
    await pilot.pause()
    await put_cursor_on(pilot, "in-accuses-assassinations")
    await pilot.press("v")
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()


def test_grade_dialog_80x24(snap_compare, app):
    assert snap_compare(app, run_before=_grade_the_swapped_sentence, terminal_size=NARROW)


def test_grade_dialog_no_color_80x24(snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        CounterpointApp(store), run_before=_grade_the_swapped_sentence, terminal_size=NARROW
    )


def test_wide_mode_80x24(snap_compare, app):
    """`w`: the cursor's lane takes the width; the other side and the centre narrow to
    their marks."""

    async def widen(pilot) -> None:
        await pilot.pause()
        await put_cursor_on(pilot, "in-accuses-assassinations")
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(app, run_before=widen, terminal_size=NARROW)

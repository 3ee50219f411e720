"""Hardening (issue 6, first part): hostile import files, a locked or full database,
and terminal sizes from huge to tiny. Each case: one clear line, a non-zero exit,
and the database byte-identical to before. docs/reliability.md lists the cases."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import file_digest
from hostile_text import add_hostile_records
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tui_helpers import assert_terminal_safe, last_notice, put_cursor_on, timeline, view

from seed import position_records
from store import Store, StoreError
from tui.app import CounterpointApp
from tui.cli import main
from tui.screens.note_editor_screen import NoteEditorScreen

GOOD = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def run_import(capsys, db: Path, payload: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "input.json"
    path.write_bytes(payload)
    capsys.readouterr()
    code = main(["import", "--db", str(db), str(path)])
    return code, capsys.readouterr().err


def assert_refused(code: int, err: str, before: str, db: Path) -> None:
    assert code == 2
    assert err.startswith("counterpoint: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert file_digest(db) == before


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(sorted(GOOD)), value=JSON_VALUES)
def test_a_record_with_any_field_replaced_is_refused_or_imported_whole(
    capsys, seeded_path: Path, tmp_path: Path, field: str, value
):
    record = copy.deepcopy(GOOD)
    record.update(id="pk-fuzzed", links=[])
    record[field] = value
    before = file_digest(seeded_path)
    code, err = run_import(
        capsys, seeded_path, json.dumps({"positions": [record]}).encode(), tmp_path
    )
    if code == 0:  # the value happened to be valid: it is all there
        with Store.open(seeded_path) as store:
            assert store.get(record["id"] if field != "id" else value).summary
    else:
        assert_refused(code, err, before, seeded_path)
        assert "positions[0]" in err


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(payload=JSON_VALUES)
def test_any_json_document_is_refused_with_one_line(
    capsys, seeded_path: Path, tmp_path: Path, payload
):
    if (
        isinstance(payload, dict)
        and set(payload) <= {"documents", "positions"}
        and all(value == [] for value in payload.values())
    ):
        return  # an empty import is valid and writes nothing
    before = file_digest(seeded_path)
    code, err = run_import(capsys, seeded_path, json.dumps(payload).encode(), tmp_path)
    assert_refused(code, err, before, seeded_path)


@pytest.mark.parametrize(
    "change, words",
    [
        (
            {"summary": "A NUL \x00 inside"},
            "field 'summary': contains the control character U+0000",
        ),
        ({"actors": ["\x1b]52;c;ZXZpbA==\x07 OSC"]}, "field 'actors[0]'"),
        ({"summary": "x" * 1_000_000}, "field 'summary'"),
        ({"date_start": "2025-02-30", "date_end": "2025-03-01"}, "field 'date_start'"),
        ({"date_end": "2025-06-01", "date_start": "2025-06-30"}, "field 'date_end'"),
        (
            {"actors": [f"Actor {n}" for n in range(100_000)]},
            "field 'actors': List should have at most 50 items",
        ),
        ({"summary": "A C1 CSI \x9b2J inside"}, "contains the control character U+009B"),
    ],
    ids=[
        "nul",
        "osc-escape",
        "1mb-string",
        "impossible-date",
        "inverted-range",
        "100k-actors",
        "c1-csi",
    ],
)
def test_hostile_values_are_refused_with_their_field(
    capsys, seeded_path: Path, tmp_path: Path, change: dict, words: str
):
    record = {**copy.deepcopy(GOOD), "id": "pk-hostile", "links": [], **change}
    before = file_digest(seeded_path)
    code, err = run_import(
        capsys, seeded_path, json.dumps({"positions": [record]}).encode(), tmp_path
    )
    assert_refused(code, err, before, seeded_path)
    assert words in err


DOC = "000_94edd1293f8f187e"


@pytest.mark.parametrize(
    "change, words",
    [
        ({"kind": 42}, "field 'kind'"),
        ({"topics": "terrorism"}, "field 'topics'"),
        ({"side": "china"}, "field 'side'"),
        (
            {"sources": [{"document": DOC, "quote": "not in the text", "start": 0, "end": 15}]},
            "field 'sources[0]': quote is not the text at 0..15",
        ),
        (
            {"sources": [{"document": DOC, "quote": "xxxxx", "start": 99995, "end": 100000}]},
            "field 'sources[0]': offsets 99995..100000 run past the end",
        ),
    ],
    ids=[
        "wrong-type",
        "wrong-shape",
        "unknown-vocabulary",
        "quote-not-in-document",
        "offsets-out-of-range",
    ],
)
def test_records_failing_a_check_name_file_record_and_field(
    capsys, seeded_path: Path, tmp_path: Path, change: dict, words: str
):
    record = {**copy.deepcopy(GOOD), "id": "pk-bad", "links": [], **change}
    before = file_digest(seeded_path)
    code, err = run_import(
        capsys, seeded_path, json.dumps({"positions": [record]}).encode(), tmp_path
    )
    assert_refused(code, err, before, seeded_path)
    assert f"input.json: positions[0] (id 'pk-bad'): {words}" in err, err


def test_malformed_json_and_a_directory_are_one_line_naming_the_file(
    capsys, seeded_path: Path, tmp_path: Path
):
    before = file_digest(seeded_path)
    code, err = run_import(capsys, seeded_path, b'{"positions": [ {"id": ', tmp_path)
    assert_refused(code, err, before, seeded_path)
    assert "input.json" in err and "is not valid JSON" in err
    code = main(["import", "--db", str(seeded_path), str(tmp_path)])
    err = capsys.readouterr().err
    assert_refused(code, err, before, seeded_path)
    assert f"{tmp_path}: is a directory, not an import file" in err


@pytest.mark.parametrize(
    "payload, words",
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"positions": [' + b'{"a": ' * 5000 + b"1" + b"}" * 5000 + b"]}", "nested too deeply"),
        (b"\xc3\x28 not utf-8", "is not valid UTF-8"),
        (b"", "is empty"),
        (json.dumps({"positions": [GOOD, GOOD]}).encode(), "repeats the id"),
    ],
    ids=["deep-list", "deep-record", "bad-utf8", "empty", "duplicate-ids"],
)
def test_malformed_files_are_refused(
    capsys, seeded_path: Path, tmp_path: Path, payload: bytes, words: str
):
    before = file_digest(seeded_path)
    code, err = run_import(capsys, seeded_path, payload, tmp_path)
    assert_refused(code, err, before, seeded_path)
    assert words in err


def test_a_database_locked_by_another_writer_refuses_cleanly(
    capsys, seeded_path: Path, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr("store.schema.BUSY_TIMEOUT_MS", 200)
    record = {**copy.deepcopy(GOOD), "id": "pk-late", "links": []}
    before = file_digest(seeded_path)
    holder = sqlite3.connect(seeded_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        path = tmp_path / "late.json"
        path.write_text(json.dumps({"positions": [record]}), encoding="utf-8")
        capsys.readouterr()
        code = main(["import", "--db", str(seeded_path), str(path)])
        err = capsys.readouterr().err
    finally:
        holder.rollback()
        holder.close()
    assert code == 1
    assert (
        err.startswith("counterpoint: the database cannot be written now (database is locked)")
        and err.count("\n") == 1
    )
    assert file_digest(seeded_path) == before


async def test_a_note_written_while_another_writer_holds_the_lock_is_not_lost(
    seeded_path: Path, monkeypatch
):
    monkeypatch.setattr("store.schema.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(seeded_path)
    with Store.open(seeded_path) as store:
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=(80, 24)) as pilot:
            await put_cursor_on(pilot, "in-delegations")
            holder.execute("BEGIN IMMEDIATE")
            await pilot.press("b")
            await pilot.pause()
            assert "the bookmark was not saved" in last_notice(app)
            await pilot.press("a", *"written while locked", "ctrl+s")
            await pilot.pause()
            said = last_notice(app)
            assert (
                said.startswith(
                    "the note was not saved: the database cannot be written "
                    "now (database is locked)"
                )
                and "\n" not in said
            ), said
            assert isinstance(app.screen, NoteEditorScreen)
            assert app.screen.text == "written while locked"
            assert store.notes_for(["in-delegations"]) == {}
            holder.rollback()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, NoteEditorScreen)
            [note] = store.notes_for(["in-delegations"])["in-delegations"]
            assert note.text == "written while locked"
    holder.close()


def test_a_full_disk_fails_the_import_cleanly(seeded_path: Path, tmp_path: Path):
    """SQLite's max_page_count stands in for a full disk: writes past it fail SQLITE_FULL."""
    records = [
        {
            **copy.deepcopy(GOOD),
            "id": f"pk-bulk-{n}",
            "links": [],
            "summary": f"Bulk position {n} " + "padding " * 300,
        }
        for n in range(400)
    ]
    path = tmp_path / "bulk.json"
    path.write_text(json.dumps({"positions": records}), encoding="utf-8")
    with Store.open(seeded_path) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 5}")
        before = store.position_count()
        with pytest.raises(StoreError, match="nothing was written"):
            store.import_file(path)
        assert store.position_count() == before
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


SIZES = [(200, 60), (160, 48), (120, 40), (100, 30), (80, 24), (60, 18), (40, 12), (30, 8), (20, 5)]


@pytest.mark.parametrize(
    "keys",
    [[], ["enter"], ["c"], ["f"], ["e"], ["question_mark"], ["a"]],
    ids=["timeline", "inspector", "matrix", "filters", "export", "help", "note"],
)
async def test_resizing_from_huge_to_tiny_and_back_keeps_working(
    store: Store, keys, tmp_path: Path
):
    """With Hindi, Urdu, CJK, escapes and markup on screen: every size draws whole,
    inert lines of exactly its width."""
    add_hostile_records(store, tmp_path)
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(200, 60)) as pilot:
        await put_cursor_on(pilot, "in-hostile-hindi")
        await pilot.press(*keys)
        await pilot.pause(0.2)
        for width, height in [*SIZES, *reversed(SIZES)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert_terminal_safe(app)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.size == (200, 60)


def test_a_quote_in_a_text_without_full_stops_shows_a_bounded_context(
    capsys, store: Store, tmp_path: Path
):
    """With no full stop the quote's "sentence" is the whole 2 MB document; laying that
    out took the inspector 4 s. It shows a few hundred characters either side."""
    from store.sentences import CONTEXT
    from tui.widgets.position_detail import detail_text

    text = "word " * 200_000 + "the quote here " + "more " * 200_000
    start = text.index("the quote here")
    record = {
        **copy.deepcopy(GOOD),
        "id": "pk-big",
        "links": [],
        "sources": [
            {"document": "big", "quote": "the quote here", "start": start, "end": start + 14}
        ],
    }
    path = tmp_path / "big.json"
    path.write_text(
        json.dumps(
            {
                "documents": [
                    {"id": "big", "title": "Big", "text": text, "published": "2025-05-01"}
                ],
                "positions": [record],
            }
        ),
        encoding="utf-8",
    )
    store.import_file(path)
    position = store.get("pk-big")
    shown = detail_text(store.details([position])[0]).plain
    context = next(line for line in shown.splitlines() if line.startswith("  in: "))
    assert context.startswith("  in: … word") and context.endswith("more …")
    assert "the quote here" in context and len(context) < 2 * CONTEXT + 40
    assert main(["show", "--db", str(store.path), "pk-big"]) == 0  # the CLI cuts alike
    [printed] = [line for line in capsys.readouterr().out.splitlines() if "in: " in line]
    assert printed.startswith("    in: … word") and printed.endswith("more …")
    assert len(printed) < 2 * CONTEXT + 40


async def test_a_timeline_squeezed_to_a_few_cells_never_draws_past_its_width(store: Store):
    """Found by the monkey: the side panel opened at 120 columns, then the terminal shrunk
    to 48, left the panes two cells; rows were drawn 8 cells wide regardless, and with few
    rows (no scroll bar to cover them) ran past the screen's edge. The panel now closes
    below 100 columns, but a row must fit any width it is given."""
    from rich.cells import cell_len

    from tui.widgets.timeline_view import pane_widths

    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timeline_view = view(app)
        for width in range(0, 130):
            assert sum(pane_widths(width)) + 2 <= max(width, 2), width
            for line in (
                timeline_view._header(width),
                *(timeline_view._row(row, width) for row in range(4)),
            ):
                assert line.cell_length == width
                assert cell_len("".join(segment.text for segment in line)) == width, width


async def test_the_side_panel_closes_when_the_terminal_narrows_below_its_width(store: Store):
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        panel = timeline(app).query_one("#panel")
        assert panel.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not panel.display
        assert timeline(app).view.has_focus
        await pilot.press("enter")  # at 80 columns the inspector is a screen of its own
        await pilot.pause()
        assert type(app.screen).__name__ == "InspectorScreen"

"""Notes, bookmarks, the comparison matrix, migration to v2, live refresh and read-only files.

Store-level tests use real SQLite files in tmp_path (the `seeded_path` / `store`
fixtures); CLI tests run `tui.cli.main` in-process and read what it printed.
Expected results are derived from seed/positions.json wherever practical.
"""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import file_digest
from seed_vocabulary import SIDES, TOPICS
from test_cli import HEADER

from seed import position_records, seed
from store import SCHEMA_VERSION, Filter, Store, StoreError
from store.export import render_export
from tui.cli import main

SEED = position_records()
BY_ID = {record["id"]: record for record in SEED}
INDIA_ID = "in-suspends-iwt"
PAKISTAN_ID = "pk-challenges-iwt"
OTHER_ID = "us-ceasefire"
AT = datetime(2025, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data directory; record every CLI write under 'alice'."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("COUNTERPOINT_DB", raising=False)
    monkeypatch.setattr("tui.cli.current_analyst", lambda: "alice")


def test_seed_ids_used_here_exist_on_the_sides_assumed():
    assert BY_ID[INDIA_ID]["side"] == "india"
    assert BY_ID[PAKISTAN_ID]["side"] == "pakistan"
    assert BY_ID[OTHER_ID]["side"] == "other"
    assert len(SEED) == 41


def ids_of(st: Store, flt: Filter) -> list[str]:
    positions, _ = st.positions(flt)
    return [p.id for p in positions]


def timeline(position_ids: set[str]) -> list[str]:
    return sorted(position_ids, key=lambda pid: (BY_ID[pid]["date_start"], pid))


def note_rows(st: Store) -> list[tuple]:
    return st.db.execute(
        "SELECT position_id, author, text FROM notes ORDER BY position_id, author"
    ).fetchall()


def build_v1_file(path: Path) -> None:
    """A database as Counterpoint schema version 1 left it, with the seed imported: a copy
    of a real file made by the code of that version (commit 3665e04's parent)."""
    shutil.copyfile(Path(__file__).parent / "fixtures" / "schema-v1.sqlite", path)


# Notes -------------------------------------------------------------------------


def test_set_note_records_author_text_and_time(store: Store):
    note = store.set_note(INDIA_ID, "alice", "Check the treaty text.", at=AT)
    assert note is not None
    assert (note.position_id, note.author, note.text) == (
        INDIA_ID,
        "alice",
        "Check the treaty text.",
    )
    assert note.updated_at == AT
    [stored] = store.notes_for([INDIA_ID])[INDIA_ID]
    assert (stored.author, stored.text, stored.updated_at) == (
        "alice",
        "Check the treaty text.",
        AT,
    )


def test_set_note_stores_the_time_in_utc(store: Store):
    india_time = timezone(timedelta(hours=5, minutes=30))
    store.set_note(
        INDIA_ID, "alice", "Noted in Delhi.", at=datetime(2025, 6, 1, 15, 0, tzinfo=india_time)
    )
    [stored] = store.notes_for([INDIA_ID])[INDIA_ID]
    assert stored.updated_at == datetime(2025, 6, 1, 9, 30, tzinfo=UTC)
    assert stored.updated_at.utcoffset() == timedelta(0)


def test_editing_a_note_replaces_it(store: Store):
    store.set_note(INDIA_ID, "alice", "First thought.", at=AT)
    later = AT + timedelta(hours=2)
    store.set_note(INDIA_ID, "alice", "Second thought.", at=later)
    assert note_rows(store) == [(INDIA_ID, "alice", "Second thought.")]
    [stored] = store.notes_for([INDIA_ID])[INDIA_ID]
    assert (stored.text, stored.updated_at) == ("Second thought.", later)


def test_two_authors_give_two_notes_oldest_first(store: Store):
    store.set_note(INDIA_ID, "alice", "Alice's later note.", at=AT + timedelta(days=1))
    store.set_note(INDIA_ID, "bob", "Bob's earlier note.", at=AT)
    notes = store.notes_for([INDIA_ID, PAKISTAN_ID])
    assert list(notes) == [INDIA_ID]
    assert [(n.author, n.text) for n in notes[INDIA_ID]] == [
        ("bob", "Bob's earlier note."),
        ("alice", "Alice's later note."),
    ]


def test_blank_text_deletes_the_authors_note_only(store: Store):
    store.set_note(INDIA_ID, "alice", "To be removed.", at=AT)
    store.set_note(INDIA_ID, "bob", "Stays.", at=AT)
    assert store.set_note(INDIA_ID, "alice", "  \n\t ") is None
    assert note_rows(store) == [(INDIA_ID, "bob", "Stays.")]


def test_note_on_unknown_position_raises_store_error_and_writes_nothing(store: Store):
    with pytest.raises(StoreError, match="no-such-position"):
        store.set_note("no-such-position", "alice", "Orphan.")
    assert note_rows(store) == []


def test_an_over_long_note_is_refused_and_nothing_is_written(store: Store):
    # A Note holds at most 20,000 characters (store.models.Note.text).
    with pytest.raises(StoreError):
        store.set_note(INDIA_ID, "alice", "x" * 20_001, at=AT)
    assert note_rows(store) == []
    assert store.notes_for([INDIA_ID]) == {}


# Bookmarks -----------------------------------------------------------------------


def test_toggle_bookmark_turns_on_then_off(store: Store):
    assert store.toggle_bookmark(INDIA_ID, "alice") is True
    assert store.marked_ids([INDIA_ID], "alice")[0] == {INDIA_ID}
    assert store.toggle_bookmark(INDIA_ID, "alice") is False
    assert store.marked_ids([INDIA_ID], "alice")[0] == set()


def test_bookmarks_belong_to_their_author(store: Store):
    store.toggle_bookmark(INDIA_ID, "alice")
    assert store.marked_ids([INDIA_ID], "bob")[0] == set()
    assert store.toggle_bookmark(INDIA_ID, "bob") is True  # bob's own, not alice's removed
    assert store.marked_ids([INDIA_ID], "alice")[0] == {INDIA_ID}


def test_bookmark_on_unknown_position_raises_store_error(store: Store):
    with pytest.raises(StoreError, match="no-such-position"):
        store.toggle_bookmark("no-such-position", "alice")
    assert store.db.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 0


def test_marked_ids_gives_own_bookmarks_and_anyones_notes(store: Store):
    store.toggle_bookmark(INDIA_ID, "alice")
    store.toggle_bookmark(PAKISTAN_ID, "bob")
    store.set_note(OTHER_ID, "bob", "Bob's note.", at=AT)
    bookmarked, annotated = store.marked_ids([INDIA_ID, PAKISTAN_ID, OTHER_ID], "alice")
    assert bookmarked == {INDIA_ID}
    assert annotated == {OTHER_ID}


def test_marked_ids_only_reports_the_ids_asked_about(store: Store):
    store.toggle_bookmark(INDIA_ID, "alice")
    store.set_note(INDIA_ID, "alice", "A note.", at=AT)
    assert store.marked_ids([PAKISTAN_ID], "alice") == (set(), set())


# Filters over marks -----------------------------------------------------------------


def test_bookmarked_by_filter_selects_that_authors_bookmarks(store: Store):
    store.toggle_bookmark(INDIA_ID, "alice")
    store.toggle_bookmark(PAKISTAN_ID, "alice")
    store.toggle_bookmark(OTHER_ID, "bob")
    flt = Filter(bookmarked_by="alice")
    assert ids_of(store, flt) == timeline({INDIA_ID, PAKISTAN_ID})
    counts = store.counts(flt)
    assert (counts.of("india"), counts.of("pakistan"), counts.of("other"), counts.total) == (
        1,
        1,
        0,
        len(SEED),
    )


def test_annotated_filter_selects_positions_with_a_note_by_anyone(store: Store):
    store.set_note(INDIA_ID, "alice", "Alice's note.", at=AT)
    store.set_note(OTHER_ID, "bob", "Bob's note.", at=AT)
    store.toggle_bookmark(PAKISTAN_ID, "alice")  # a bookmark is not a note
    flt = Filter(annotated=True)
    assert ids_of(store, flt) == timeline({INDIA_ID, OTHER_ID})
    counts = store.counts(flt)
    assert (counts.of("india"), counts.of("pakistan"), counts.of("other"), counts.total) == (
        1,
        0,
        1,
        len(SEED),
    )


def test_marks_combine_with_other_facets(store: Store):
    store.set_note(INDIA_ID, "alice", "India note.", at=AT)
    store.set_note(PAKISTAN_ID, "alice", "Pakistan note.", at=AT)
    flt = Filter(annotated=True, sides=frozenset({"pakistan"}))
    assert ids_of(store, flt) == [PAKISTAN_ID]


# Search over notes -------------------------------------------------------------------


def test_search_finds_a_position_through_its_note(store: Store):
    flt = Filter(text="zanzibar")
    assert ids_of(store, flt) == []  # the word is in no summary, quote or actor
    store.set_note(INDIA_ID, "alice", "Compare with the Zanzibar precedent.", at=AT)
    assert ids_of(store, flt) == [INDIA_ID]
    assert store.counts(flt).of("india") == 1
    assert store.counts(flt).shown == 1


def test_search_no_longer_finds_a_deleted_note(store: Store):
    store.set_note(INDIA_ID, "alice", "Compare with the Zanzibar precedent.", at=AT)
    store.set_note(INDIA_ID, "alice", "")
    assert ids_of(store, Filter(text="zanzibar")) == []


def test_search_follows_an_edited_note(store: Store):
    store.set_note(INDIA_ID, "alice", "Compare with the Zanzibar precedent.", at=AT)
    store.set_note(INDIA_ID, "alice", "Compare with the Quixotic precedent.", at=AT)
    assert ids_of(store, Filter(text="zanzibar")) == []
    assert ids_of(store, Filter(text="quixotic")) == [INDIA_ID]


# Annotations survive re-seeding and re-importing --------------------------------------


def test_notes_and_bookmarks_survive_reseeding(store: Store):
    store.set_note(INDIA_ID, "alice", "Zanzibar survives.", at=AT)
    store.toggle_bookmark(PAKISTAN_ID, "alice")
    summary = seed(store)
    assert summary.positions_updated == 0 and summary.positions_unchanged == len(SEED)
    assert [(n.author, n.text, n.updated_at) for n in store.notes_for([INDIA_ID])[INDIA_ID]] == [
        ("alice", "Zanzibar survives.", AT)
    ]
    assert store.marked_ids([INDIA_ID, PAKISTAN_ID], "alice") == ({PAKISTAN_ID}, {INDIA_ID})
    assert ids_of(store, Filter(text="zanzibar")) == [INDIA_ID]


def test_notes_and_bookmarks_survive_reimporting_an_export(store: Store, tmp_path: Path):
    store.set_note(INDIA_ID, "alice", "Zanzibar survives.", at=AT)
    store.toggle_bookmark(PAKISTAN_ID, "alice")
    text, count = render_export(store, Filter(), "json")
    assert count == len(SEED)
    export = tmp_path / "export.json"
    export.write_text(text, encoding="utf-8")
    summary = store.import_file(export)
    assert (summary.positions_added, summary.positions_updated) == (0, 0)  # nothing changed
    assert summary.positions_unchanged == len(SEED)
    assert [(n.author, n.text, n.updated_at) for n in store.notes_for([INDIA_ID])[INDIA_ID]] == [
        ("alice", "Zanzibar survives.", AT)
    ]
    assert store.marked_ids([INDIA_ID, PAKISTAN_ID], "alice") == ({PAKISTAN_ID}, {INDIA_ID})
    assert ids_of(store, Filter(text="zanzibar")) == [INDIA_ID]


# The comparison matrix ------------------------------------------------------------------


def seed_cells(records: list[dict]) -> dict[tuple[str, str], list[dict]]:
    cells: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        for topic in record["topics"]:
            cells.setdefault((topic, record["side"]), []).append(record)
    return cells


def test_matrix_has_every_topic_in_vocabulary_order(store: Store):
    matrix = store.matrix()
    assert [row.topic.id for row in matrix] == list(TOPICS)
    assert all(set(row.cells) == set(SIDES) for row in matrix)


def test_matrix_counts_match_the_seed(store: Store):
    expected = seed_cells(SEED)
    for row in store.matrix():
        for side in SIDES:
            want = len(expected.get((row.topic.id, side), []))
            assert row.cells[side].count == want, (row.topic, side)


def test_matrix_latest_is_each_sides_last_position_in_timeline_order(store: Store):
    expected = seed_cells(SEED)
    for row in store.matrix():
        for side in SIDES:
            cell = row.cells[side]
            records = expected.get((row.topic.id, side), [])
            if not records:
                assert (cell.latest_id, cell.latest_start) == (None, None), (row.topic, side)
                continue
            latest = max(records, key=lambda r: (r["date_start"], r["id"]))
            assert cell.latest_id == latest["id"], (row.topic, side)
            assert cell.latest_start == date.fromisoformat(latest["date_start"])
            assert cell.latest_summary == latest["summary"]


def test_matrix_marks_the_silent_side(store: Store):
    rows = {row.topic.id: row for row in store.matrix()}
    nuclear = rows["nuclear_risk"]
    assert (nuclear.cells["india"].count, nuclear.cells["pakistan"].count) == (0, 1)
    assert nuclear.unanswered_by == "india"
    indus = rows["indus_waters_treaty"]
    assert indus.cells["india"].count > 0
    assert indus.cells["pakistan"].count > 0
    assert indus.unanswered_by is None


def test_matrix_honours_a_date_filter(store: Store):
    start, end = date(2025, 4, 1), date(2025, 4, 30)
    in_april = [
        r for r in SEED if r["date_end"] >= start.isoformat() and r["date_start"] <= end.isoformat()
    ]
    assert {r["id"] for r in in_april} == {
        "attack-pahalgam",
        "in-attributes-attack",
        "in-suspends-iwt",
        "pk-denies-attack",
    }
    expected = seed_cells(in_april)
    rows = store.matrix(Filter(date_from=start, date_to=end))
    for row in rows:
        for side in SIDES:
            assert row.cells[side].count == len(expected.get((row.topic.id, side), []))
    indus = next(row for row in rows if row.topic.id == "indus_waters_treaty")
    assert indus.unanswered_by == "pakistan"


def test_matrix_ignores_the_filters_own_topic_and_side_facets(store: Store):
    narrowed = Filter(topics=frozenset({"terrorism"}), sides=frozenset({"india"}))
    assert store.matrix(narrowed) == store.matrix()


def test_matrix_honours_the_annotated_facet(store: Store):
    store.set_note(PAKISTAN_ID, "alice", "Only this one.", at=AT)
    rows = {row.topic.id: row for row in store.matrix(Filter(annotated=True))}
    assert sum(cell.count for row in rows.values() for cell in row.cells.values()) == len(
        BY_ID[PAKISTAN_ID]["topics"]
    )
    indus = rows["indus_waters_treaty"]
    assert indus.cells["pakistan"].latest_id == PAKISTAN_ID
    assert indus.unanswered_by == "india"


# Migration from version 1 ----------------------------------------------------------------


def test_a_version_1_file_is_upgraded_on_open(db_path: Path):
    build_v1_file(db_path)
    with Store.open(db_path) as st:
        assert st.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
        assert {
            "notes",
            "bookmarks",
            "notes_fts",
            "side_counts",
            "drafts",
            "sides",
            "topics",
            "actors",
        } <= set(st.db.table_names())
        # The seed as version 1 wrote it: before issue 13 split one position in two.
        assert st.position_count() == len(SEED) - 1
        assert {p.id for p in st.positions()[0]} == set(BY_ID) - {
            "in-officials-allege-terror-support"
        }


def test_notes_and_bookmarks_work_on_an_upgraded_file(db_path: Path):
    build_v1_file(db_path)
    with Store.open(db_path) as st:
        st.set_note(INDIA_ID, "alice", "Zanzibar after upgrade.", at=AT)
        assert st.toggle_bookmark(INDIA_ID, "alice") is True
    with Store.open(db_path) as st:
        assert [n.text for n in st.notes_for([INDIA_ID])[INDIA_ID]] == ["Zanzibar after upgrade."]
        assert ids_of(st, Filter(text="zanzibar")) == [INDIA_ID]
        assert ids_of(st, Filter(bookmarked_by="alice")) == [INDIA_ID]


# Live refresh -------------------------------------------------------------------------


def test_data_version_changes_when_another_connection_writes(seeded_path: Path):
    with Store.open(seeded_path) as reader, Store.open(seeded_path) as writer:
        before = reader.data_version()
        writer.set_note(INDIA_ID, "bob", "From the other desk.", at=AT)
        assert reader.data_version() != before
        assert [n.author for n in reader.notes_for([INDIA_ID])[INDIA_ID]] == ["bob"]


def test_data_version_is_steady_when_nothing_is_written(seeded_path: Path):
    with Store.open(seeded_path) as reader, Store.open(seeded_path) as other:
        before = reader.data_version()
        other.positions(Filter(annotated=True))
        reader.positions()
        assert reader.data_version() == before


# Read-only files ------------------------------------------------------------------------


def test_read_only_open_reads(seeded_path: Path):
    with Store.open(seeded_path, read_only=True) as st:
        assert st.read_only is True
        assert st.position_count() == len(SEED)
        assert st.get(INDIA_ID).side == "india"
        assert st.notes_for([INDIA_ID]) == {}
        assert len(st.matrix()) == len(TOPICS)


@pytest.mark.parametrize("write", ["set_note", "delete_note", "toggle_bookmark", "import_file"])
def test_read_only_store_refuses_writes_and_leaves_the_file_unchanged(
    seeded_path: Path, tmp_path: Path, write: str
):
    with Store.open(seeded_path) as st:
        export = tmp_path / "export.json"
        export.write_text(render_export(st, Filter(), "json")[0], encoding="utf-8")
    before = file_digest(seeded_path)
    with Store.open(seeded_path, read_only=True) as st:
        calls = {
            "set_note": lambda: st.set_note(INDIA_ID, "alice", "Nope.", at=AT),
            "delete_note": lambda: st.set_note(INDIA_ID, "alice", ""),
            "toggle_bookmark": lambda: st.toggle_bookmark(INDIA_ID, "alice"),
            "import_file": lambda: st.import_file(export),
        }
        with pytest.raises(StoreError, match="read-only"):
            calls[write]()
    assert file_digest(seeded_path) == before


def test_open_picks_read_only_when_the_file_is_not_writable(
    seeded_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Tests may run as root, for whom os.access always says writable, so chmod cannot
    # make the file unwritable; stand in for the permission check instead.
    monkeypatch.setattr("store.api.is_writable", lambda path: False)
    before = file_digest(seeded_path)
    with Store.open(seeded_path) as st:
        assert st.read_only is True
        assert st.position_count() == len(SEED)
        with pytest.raises(StoreError, match="read-only"):
            st.set_note(INDIA_ID, "alice", "Nope.")
    assert file_digest(seeded_path) == before


def test_open_stays_writable_when_the_file_is_writable(seeded_path: Path):
    with Store.open(seeded_path) as st:
        assert st.read_only is False


def test_read_only_open_of_an_old_schema_asks_for_write_access(db_path: Path):
    build_v1_file(db_path)
    before = file_digest(db_path)
    with pytest.raises(StoreError, match=r"write access to upgrade") as caught:
        Store.open(db_path, read_only=True)
    assert "schema version 1" in str(caught.value)
    assert file_digest(db_path) == before
    db = sqlite3.connect(db_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        db.close()


# CLI --------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listed(out: str) -> list[str]:
    """The ids in a `list` table (empty when nothing matched and no table was printed)."""
    lines = out.splitlines()
    if not lines:
        return []
    assert re.split(r"\s{2,}", lines[0].strip()) == HEADER
    return [re.split(r"\s{2,}", line, maxsplit=5)[4] for line in lines[1:]]


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got: {err!r}"
    assert lines[0].startswith("counterpoint: ")
    assert "Traceback" not in err
    return lines[0]


def notes_in(path: Path) -> list[tuple[str, str]]:
    with Store.open(path) as st:
        return [(n.author, n.text) for notes in st.notes_for(BY_ID).values() for n in notes]


def test_cli_note_then_list_annotated(capsys, seeded_path: Path):
    code, out, _ = run(capsys, "note", "--db", seeded_path, INDIA_ID, "Watch the dams.")
    assert code == 0
    assert out == f"Noted on {INDIA_ID} by alice.\n"
    code, out, err = run(capsys, "list", "--db", seeded_path, "--annotated")
    assert code == 0
    assert listed(out) == [INDIA_ID]
    assert "annotated" in err
    assert notes_in(seeded_path) == [("alice", "Watch the dams.")]


def test_cli_note_delete_removes_it(capsys, seeded_path: Path):
    assert run(capsys, "note", "--db", seeded_path, INDIA_ID, "Watch the dams.")[0] == 0
    code, out, _ = run(capsys, "note", "--db", seeded_path, INDIA_ID, "--delete")
    assert code == 0
    assert out == f"No note of yours on {INDIA_ID} now.\n"
    assert notes_in(seeded_path) == []
    assert listed(run(capsys, "list", "--db", seeded_path, "--annotated")[1]) == []


def test_cli_note_dash_reads_standard_input(
    capsys, seeded_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Line one.\nLine two.\n"))
    code, out, _ = run(capsys, "note", "--db", seeded_path, INDIA_ID, "-")
    assert code == 0
    assert out == f"Noted on {INDIA_ID} by alice.\n"
    [(author, text)] = notes_in(seeded_path)
    assert author == "alice"
    assert text.rstrip("\n") == "Line one.\nLine two."


def test_cli_note_without_text_or_delete_is_a_usage_error(capsys, seeded_path: Path):
    before = file_digest(seeded_path)
    code, out, err = run(capsys, "note", "--db", seeded_path, INDIA_ID)
    assert code == 2
    assert out == ""
    assert "--delete" in one_error_line(err)
    assert file_digest(seeded_path) == before


def test_cli_note_on_unknown_id_is_one_line(capsys, seeded_path: Path):
    code, out, err = run(capsys, "note", "--db", seeded_path, "no-such-position", "Orphan.")
    assert code == 1
    assert out == ""
    assert "no-such-position" in one_error_line(err)
    assert notes_in(seeded_path) == []


def test_cli_over_long_note_is_one_line_and_writes_nothing(capsys, seeded_path: Path):
    code, out, err = run(capsys, "note", "--db", seeded_path, INDIA_ID, "x" * 20_001)
    assert code != 0
    assert out == ""
    one_error_line(err)
    assert notes_in(seeded_path) == []


def test_cli_bookmark_toggles_and_list_bookmarked_follows(capsys, seeded_path: Path):
    code, out, _ = run(capsys, "bookmark", "--db", seeded_path, PAKISTAN_ID)
    assert code == 0
    assert out.startswith("Bookmarked") and PAKISTAN_ID in out
    assert listed(run(capsys, "list", "--db", seeded_path, "--bookmarked")[1]) == [PAKISTAN_ID]
    code, out, _ = run(capsys, "bookmark", "--db", seeded_path, PAKISTAN_ID)
    assert code == 0
    assert out.startswith("Removed") and PAKISTAN_ID in out
    assert listed(run(capsys, "list", "--db", seeded_path, "--bookmarked")[1]) == []


def test_cli_list_bookmarked_shows_only_the_current_analysts(capsys, seeded_path: Path):
    with Store.open(seeded_path) as st:
        st.toggle_bookmark(OTHER_ID, "bob")
        st.toggle_bookmark(INDIA_ID, "alice")
    assert listed(run(capsys, "list", "--db", seeded_path, "--bookmarked")[1]) == [INDIA_ID]


def test_cli_bookmark_unknown_id_is_one_line(capsys, seeded_path: Path):
    code, out, err = run(capsys, "bookmark", "--db", seeded_path, "no-such-position")
    assert code == 1
    assert out == ""
    assert "no-such-position" in one_error_line(err)


def test_cli_markdown_export_carries_escaped_notes(capsys, seeded_path: Path):
    text = "See *bold* and [x](y) here."
    assert run(capsys, "note", "--db", seeded_path, INDIA_ID, text)[0] == 0
    code, out, _ = run(capsys, "export", "--db", seeded_path, "--format", "md", "--annotated")
    assert code == 0
    assert f"`{INDIA_ID}`" in out
    assert "Positions: 1 (India 1, Pakistan 0, other 0)" in out
    note_lines = [line for line in out.splitlines() if line.startswith("  - alice, ")]
    assert len(note_lines) == 1
    assert note_lines[0].endswith(r"See \*bold\* and \[x\](y) here.")
    assert "*bold*" not in out
    assert "[x](y)" not in out


def test_the_unfiltered_matrix_from_the_index_equals_the_general_query(store: Store):
    """Without a filter the matrix reads the topic index alone; a filter that keeps
    everything takes the general path; both must agree, after a side changes too."""
    everything = Filter(date_from=date(1900, 1, 1))
    assert store.matrix(Filter()) == store.matrix(everything)
    store.db.execute("UPDATE positions SET side = 'india' WHERE id = 'pk-warns-risks'")
    assert store.matrix(Filter()) == store.matrix(everything)

"""Source criticism in the store: Admiralty grades on documents and positions, doubts,
and how they travel (revisions, import, export, re-seeding, an upgraded version-7 file)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from desk_records import DOC, new_record
from test_schema import V7_FILE

from store import (
    Filter,
    ImportRejected,
    RevisionAction,
    Store,
    StoreError,
    combined_grade,
    parse_credibility_range,
    parse_reliability_range,
)
from store.export import render_export
from tui.cli import main

POSITION = "pk-denies-attack"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_version_7_file_comes_forward_ungraded_with_its_history(tmp_path: Path):
    path = tmp_path / "v7.db"
    shutil.copy(V7_FILE, path)
    with Store.open(path) as store:
        assert store.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 43
        coded = store.get("pk-answers-delegation")
        assert coded.summary == "Pakistan swiftly answers with a delegation of its own"
        assert [r.action for r in store.history(coded.id)] == [
            RevisionAction.CREATE,
            RevisionAction.EDIT,
        ]
        assert store.get("cmt-volatile-conflict").retracted
        added = store.document("islamabad-rejects-treaty-decision-4a99476d")
        assert (added.url, added.author, added.added_by) == (
            "https://example.org/a",
            "A. Writer",
            "carol",
        )
        everything = store.positions(Filter(include_retracted=True))[0]
        assert len(everything) == 41
        assert all(p.credibility is None and p.doubt == "" for p in everything)
        assert all(d.reliability is None for d in store.documents())


def test_grading_a_position_is_an_edit_kept_in_its_history(store: Store):
    graded = store.grade_position(POSITION, 4, "one report", author="alice", origin="test")
    assert (graded.credibility, graded.credibility_note, graded.credibility_by) == (
        4,
        "one report",
        "alice",
    )
    doubted = store.set_doubt(POSITION, "dates unclear", author="bob", origin="test")
    assert doubted.doubt == "dates unclear" and doubted.credibility == 4
    latest = store.history(POSITION)[-2:]
    assert [(r.author, r.action, r.reason) for r in latest] == [
        ("alice", RevisionAction.EDIT, "credibility 4 doubtful"),
        ("bob", RevisionAction.EDIT, "doubt raised"),
    ]
    cleared = store.grade_position(POSITION, None, "ignored", author="alice", origin="test")
    assert (cleared.credibility, cleared.credibility_note, cleared.credibility_by) == (None, "", "")
    assert store.set_doubt(POSITION, "", author="bob", origin="test").doubt == ""


def test_an_undo_takes_a_grade_back(store: Store):
    store.grade_position(POSITION, 2, "", author="alice", origin="test")
    store.grade_position(POSITION, 5, "", author="alice", origin="test")
    store.revert(store.history(POSITION)[-1].id, author="alice", origin="test")
    assert store.get(POSITION).credibility == 2


@pytest.mark.parametrize("grade", [0, 7, -1])
def test_a_credibility_outside_one_to_six_is_refused_by_name(store: Store, grade: int):
    before = store.get(POSITION).credibility
    with pytest.raises(ImportRejected) as refused:
        store.grade_position(POSITION, grade, "", author="alice", origin="test")
    assert refused.value.field == "credibility"
    assert store.get(POSITION).credibility == before


def test_a_document_grade_records_who_and_why(store: Store):
    graded = store.grade_document(DOC, "C", "  unsigned, undated  ", author="alice")
    assert (graded.reliability, graded.reliability_note, graded.reliability_by) == (
        "C",
        "unsigned, undated",
        "alice",
    )
    with pytest.raises(ImportRejected, match="reliability"):
        store.grade_document(DOC, "G", "", author="alice")
    with pytest.raises(StoreError, match="no document"):
        store.grade_document("nope", "B", "", author="alice")
    assert store.document(DOC).reliability == "C"
    cleared = store.grade_document(DOC, None, "note dropped", author="alice")
    assert (cleared.reliability, cleared.reliability_note, cleared.reliability_by) == (None, "", "")


def test_the_schema_refuses_grades_off_the_scale(store: Store):
    """The CHECKs guard the file against other tools as well."""
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE positions SET credibility = 9 WHERE id = ?", [POSITION])
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE documents SET reliability = 'Z' WHERE id = ?", [DOC])


def test_an_imported_grade_without_a_grader_is_the_importers(store: Store):
    record = new_record(store, id="pk-graded", credibility=3, doubt="single source")
    store.import_data({"positions": [record]}, origin="file.json", author="carol")
    graded = store.get("pk-graded")
    assert (graded.credibility, graded.credibility_by, graded.doubt) == (
        3,
        "carol",
        "single source",
    )


def test_a_grader_without_a_grade_is_refused(store: Store):
    record = new_record(store, id="pk-graded", credibility_by="carol")
    with pytest.raises(ImportRejected) as refused:
        store.import_data({"positions": [record]}, origin="file.json", author="carol")
    assert refused.value.field == "credibility_by"


def test_reseeding_keeps_an_analysts_document_grade(store: Store):
    from seed.loader import seed

    store.grade_document(DOC, "D", "mine", author="alice")
    seed(store, "seed")
    assert store.document(DOC).reliability_by == "alice"
    assert store.document(DOC).reliability == "D"


def test_a_file_regrading_its_own_grade_replaces_it(store: Store):
    store.grade_document(DOC, None, author="t")  # the seed's grade, by "codebook", gone
    document = store.document(DOC).model_dump(mode="json")
    for grade in ("B", "C"):
        regraded = {**document, "reliability": grade, "reliability_by": "desk"}
        store.import_data({"documents": [regraded]}, origin="file.json", author="carol")
    assert store.document(DOC).reliability == "C"
    other = {**document, "reliability": "A", "reliability_by": "someone-else"}
    store.import_data({"documents": [other]}, origin="file.json", author="carol")
    assert store.document(DOC).reliability == "C"


def test_grades_and_doubt_travel_through_every_export(store: Store, tmp_path: Path):
    store.grade_document(DOC, "B", "wire copy", author="alice")
    store.grade_position(POSITION, 5, "contradicted", author="alice", origin="test")
    store.set_doubt(POSITION, "the text may swap the countries", author="alice", origin="test")
    flt = Filter()
    data = json.loads(render_export(store, flt, "json")[0])
    [record] = [p for p in data["positions"] if p["id"] == POSITION]
    assert (record["credibility"], record["credibility_by"], record["doubt"]) == (
        5,
        "alice",
        "the text may swap the countries",
    )
    [document] = [d for d in data["documents"] if d["id"] == DOC]
    assert (document["reliability"], document["reliability_note"]) == ("B", "wire copy")
    rows = list(csv.DictReader(io.StringIO(render_export(store, flt, "csv")[0])))
    [row] = [r for r in rows if r["id"] == POSITION]
    assert (row["credibility"], row["doubt"]) == ("5", "the text may swap the countries")
    brief = render_export(store, flt, "md")[0]
    assert "- Doubt: the text may swap the countries" in brief
    assert "information 5 improbable (by alice: contradicted)" in brief
    fresh = tmp_path / "fresh.db"
    exported = tmp_path / "out.json"
    exported.write_text(render_export(store, flt, "json")[0], encoding="utf-8")
    with Store.open(fresh, create=True) as other:
        other.import_file(exported, author="bob")
        moved = other.get(POSITION)
        assert (moved.credibility, moved.credibility_by, moved.doubt) == (
            5,
            "alice",
            "the text may swap the countries",
        )
        assert other.document(DOC).reliability_by == "alice"


def test_the_grade_reads_best_source_then_credibility(store: Store):
    position = store.grade_position(POSITION, None, author="t", origin="test")
    for source in position.sources:
        store.grade_document(source.document, None, author="t")
    [details] = store.details([position])
    assert details.grade == "--"
    store.grade_position(POSITION, 2, "", author="alice", origin="test")
    for source in position.sources:
        store.grade_document(source.document, "C", "", author="alice")
    [details] = store.details([store.get(POSITION)])
    assert details.grade == "C2"
    assert details.facts()[-1].value.startswith("C2: source C fairly reliable")


def test_a_doubt_is_the_first_fact_shown(store: Store):
    store.set_doubt(POSITION, "check the date", author="alice", origin="test")
    [details] = store.details([store.get(POSITION)])
    assert details.facts()[0] == ("Doubt", "check the date", False)


def test_grade_helpers():
    assert combined_grade(None, None) == "--"
    assert combined_grade("A", 6) == "A6"
    assert parse_credibility_range("3-1") == (1, 3)
    assert parse_credibility_range("4") == (4, 4)
    assert parse_reliability_range("a–c") == ("A", "C")
    for bad in ("0-3", "1-7", "x", "1-2-3"):
        with pytest.raises(ValueError, match="credibility"):
            parse_credibility_range(bad)
    with pytest.raises(ValueError, match="reliability"):
        parse_reliability_range("A-G")


def test_the_cli_grades_and_doubts(capsys, seeded_path: Path):
    code, out, _ = run(
        capsys, "grade", "--db", seeded_path, POSITION, "--credibility", "4", "--note", "thin"
    )
    assert (code, out) == (0, f"Graded {POSITION}: 4 doubtful.\n")
    code, out, _ = run(
        capsys, "grade", "--db", seeded_path, "--document", DOC, "--reliability", "c"
    )
    assert (code, out) == (0, f"Graded {DOC}: C fairly reliable.\n")
    code, out, _ = run(capsys, "doubt", "--db", seeded_path, POSITION, "the source may swap")
    assert code == 0 and out == f"Doubt on {POSITION}: the source may swap\n"
    code, out, _ = run(capsys, "show", "--db", seeded_path, POSITION)
    assert out.splitlines()[2] == "Doubt:   the source may swap"
    assert "Grade:   " in out and "information 4 doubtful (by " in out
    code, out, _ = run(capsys, "doubt", "--db", seeded_path, POSITION, "--clear")
    assert (code, out) == (0, f"No doubt on {POSITION} now.\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", POSITION, "--credibility", "7"],
        ["grade", POSITION],
        ["grade", "--document", DOC, "--credibility", "2"],
        ["grade", "--document", DOC, "--reliability", "G"],
        ["doubt", POSITION],
        ["doubt", POSITION, "why", "--clear"],
    ],
)
def test_bad_grading_is_one_line_and_exit_2(capsys, seeded_path: Path, argv: list[str]):
    before = seeded_path.read_bytes()
    code, out, err = run(capsys, *argv, "--db", seeded_path)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert seeded_path.read_bytes() == before


def test_grade_and_doubt_together_are_one_revision(store: Store):
    target = next(p for p in store.positions()[0] if not p.doubt)
    before = len(store.history(target.id))
    graded = store.grade_position(
        target.id, 4, "shaky", author="tester", origin="cli", doubt="names swapped?"
    )
    assert (graded.credibility, graded.credibility_note, graded.doubt) == (
        4,
        "shaky",
        "names swapped?",
    )
    history = store.history(target.id)
    assert len(history) == before + 1
    assert history[-1].reason == "credibility 4 doubtful; doubt raised"
    undone = store.revert(history[-1].id, author="tester", origin="cli")
    assert (undone.credibility, undone.doubt) == (target.credibility, "")

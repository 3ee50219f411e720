"""`counterpoint history ID`: every revision of a position, oldest first, with a readable
diff, and its current status; `show` says who coded it.

Changes are made through the Store API on a seeded file in tmp_path, then the real CLI
runs in-process (`tui.cli.main`), as in tests/test_cli.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from desk_records import new_record
from test_cli import one_error_line, run

from store import Store
from tui.history_text import describe

HEADER = re.compile(
    r"^#(?P<id>\d+) \d{4}-\d\d-\d\d \d\d:\d\d UTC · (?P<author>[^·]+) · (?P<action>\w+) · "
    r"(?P<origin>[^—]+?)(?: — (?P<reason>.*))?$"
)

pytestmark = pytest.mark.usefixtures("isolated_env")


@pytest.fixture
def coded(seeded_path: Path) -> str:
    """A position created by alice, edited (summary and a topic), retracted by bob."""
    with Store.open(seeded_path) as store:
        position = store.create_position(new_record(store), author="alice", origin="app")
        store.edit_position(
            {
                **new_record(
                    store,
                    summary="Pakistan sends its own delegation",
                    topics=["diplomatic_outreach", "kashmir"],
                ),
                "id": position.id,
            },
            author="alice",
            origin="cli",
            reason="sharper wording",
        )
        store.retract(position.id, "duplicates pk-delegation", author="bob", origin="app")
        return position.id


def headers(out: str) -> list[re.Match[str]]:
    found = [HEADER.match(line) for line in out.splitlines() if line.startswith("#")]
    assert all(found), out
    return [match for match in found if match]


def test_history_prints_each_revision_oldest_first_with_its_changes(capsys, seeded_path, coded):
    code, out, err = run(capsys, "history", "--db", seeded_path, coded)
    assert (code, err) == (0, "")
    found = headers(out)
    assert [(m["author"], m["action"], m["origin"]) for m in found] == [
        ("alice", "create", "app"),
        ("alice", "edit", "cli"),
        ("bob", "retract", "app"),
    ]
    assert [int(m["id"]) for m in found] == sorted(int(m["id"]) for m in found)
    assert found[1]["reason"] == "sharper wording"
    assert '  summary: "Pakistan answers with a delegation of its own"\n' in out
    assert (
        '  summary: "Pakistan answers with a delegation of its own" → '
        '"Pakistan sends its own delegation"\n'
    ) in out
    assert "  topics: + kashmir\n" in out
    assert '  status: active → retracted ("duplicates pk-delegation")\n' in out
    assert out.endswith('\n3 revisions; current status: retracted ("duplicates pk-delegation")\n')


def test_history_is_the_formatter_of_the_stored_revisions(capsys, seeded_path, coded):
    """What the command prints is exactly the shared formatter's text, revision by
    revision: the history screen shows the same."""
    with Store.open(seeded_path) as store:
        expected = [describe(rev).plain() for rev in store.history(coded)]
    _, out, _ = run(capsys, "history", "--db", seeded_path, coded)
    assert out.split("\n\n")[:-1] == expected


def test_a_restore_and_an_undo_are_more_revisions(capsys, seeded_path, coded):
    with Store.open(seeded_path) as store:
        store.restore(coded, author="carol", origin="app")
        store.revert(store.history(coded)[-1].id, author="carol", origin="app")
    _, out, _ = run(capsys, "history", "--db", seeded_path, coded)
    assert [m["action"] for m in headers(out)] == ["create", "edit", "retract", "restore", "undo"]
    assert "  status: retracted → active\n" in out
    assert out.endswith('5 revisions; current status: retracted ("duplicates pk-delegation")\n')


def test_a_seeded_position_has_its_seed_revision(capsys, seeded_path):
    code, out, _ = run(capsys, "history", "--db", seeded_path, "pk-delegation")
    assert code == 0
    [seeded] = headers(out)
    assert (seeded["action"], seeded["origin"]) == ("seed", "seed/positions.json")
    assert "  side: pakistan · kind: action\n" in out
    assert out.endswith("\n1 revision; current status: active\n")


def test_a_position_without_revisions_says_so(capsys, seeded_path):
    with Store.open(seeded_path) as store:  # as in a database from before history was kept
        store.db.execute("DELETE FROM revisions WHERE position_id = 'pk-delegation'")
        store.db.conn.commit()
    code, out, _ = run(capsys, "history", "--db", seeded_path, "pk-delegation")
    assert code == 0
    assert out.splitlines() == [
        "No revisions recorded for pk-delegation: it was written before history was kept.",
        "0 revisions; current status: active",
    ]


def test_history_unknown_id_is_one_line_error(capsys, seeded_path):
    code, out, err = run(capsys, "history", "--db", seeded_path, "no-such-id")
    assert code == 1
    assert out == ""
    assert "no-such-id" in one_error_line(err)


def test_history_of_an_id_with_escapes_prints_none(capsys, seeded_path):
    code, out, err = run(capsys, "history", "--db", seeded_path, "x\x1b[2Jy")
    assert code == 1 and out == ""
    assert "\x1b" not in one_error_line(err)


def test_history_shows_hostile_data_safely(capsys, seeded_path, coded):
    with Store.open(seeded_path) as store:
        store.restore(coded, author="bob\x1b[31m", origin="app\u202e", reason="ok\nthen")
    _, out, _ = run(capsys, "history", "--db", seeded_path, coded)
    assert "\x1b" not in out and "\u202e" not in out
    [last] = headers(out)[-1:]
    assert last["author"] == "bob[31m" and last["origin"] == "app⟨RLO⟩"


def test_show_says_who_coded_and_who_changed_it_last(capsys, seeded_path, coded):
    with Store.open(seeded_path) as store:
        day = store.history(coded)[-1].at[:10]
        created = store.history(coded)[0].at[:10]
    _, out, _ = run(capsys, "show", "--db", seeded_path, coded)
    assert (
        f"\nHistory: coded by alice on {created} · last edited by bob on {day} · 3 revisions\n"
        in out
    )

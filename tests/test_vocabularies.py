"""Sides, topics and actors are data: another pair of sides reads correctly everywhere,
topics grow by command, and no code names the seed's sides."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from other_sides import make_store
from tui_helpers import assert_terminal_safe, open_matrix, timeline, view

from store import Filter, Store, StoreError
from tui.app import CounterpointApp
from tui.bands import Lane
from tui.cli import main
from tui.screens.matrix_screen import MatrixTable

ROOT = Path(__file__).parent.parent


@pytest.fixture
def other_sides(tmp_path: Path) -> Path:
    return make_store(tmp_path / "caucasus.db")


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# Nothing in the code names a side ---------------------------------------------------


def test_no_code_under_store_or_tui_spells_the_seeds_sides():
    """The seed names India and Pakistan; the code must work for any two sides."""
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("store", "tui")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".tcss")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"india|pakistan", line, re.IGNORECASE)
    ]
    assert found == []


# Another pair of sides --------------------------------------------------------------


async def test_the_panes_header_and_status_name_the_databases_sides(other_sides: Path):
    with Store.open(other_sides) as store:
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=(80, 24)) as pilot:
            text = "\n".join(assert_terminal_safe(app))
            assert "Armenia 3/3s · Azerbaijan 2/2s · other 1/1s — of 6" in text
            assert " ARMENIA 3" in text and " AZERBAIJAN 2" in text
            layout = view(app).window.layout
            assert {p for p, place in layout.places.items() if place.lane is Lane.FIRST} == {
                "am-blockade",
                "am-monitors",
                "am-shelling",
            }
            assert {p for p, place in layout.places.items() if place.lane is Lane.SECOND} == {
                "az-no-blockade",
                "az-talks",
            }
            assert layout.places["eu-observers"].lane is Lane.OTHER
            await pilot.press("tab")  # to the other side at the same date
            assert view(app).current.id == "az-no-blockade"
            await pilot.press("o")  # the denial links to the allegation
            assert view(app).current.id == "am-blockade"


async def test_the_matrix_filters_and_palette_use_the_databases_names(other_sides: Path):
    with Store.open(other_sides) as store:
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=(100, 30)) as pilot:
            table = (await open_matrix(pilot)).query_one(MatrixTable)
            labels = [str(column.label) for column in table.columns.values()]
            assert labels == ["Topic", "Armenia", "Azerbaijan", "Other"]
            border = [str(cell) for cell in table.get_row("border")]
            assert border[0].splitlines()[1].startswith("! Azerbaijan sil")
            assert "unanswered" in border[2]
            await pilot.press("l", "enter")  # The corridor, Azerbaijan
            assert timeline(app).filter == Filter(
                sides=frozenset({"azerbaijan"}),
                topics=frozenset({"corridor"}),
                with_answers=True,  # the app's default: answers travel with a filter
            )
            await pilot.press("f")
            text = "\n".join(assert_terminal_safe(app))
            assert "Armenia" in text and "Azerbaijan" in text and "The corridor" in text
            await pilot.press("escape")
            commands = [label for label, _, _ in _palette_commands(app)]
            assert "Filter: side Azerbaijan" in commands
            assert "Filter: actor European Union" in commands


def _palette_commands(app):
    from tui.commands import CounterpointCommands

    provider = CounterpointCommands(app.screen)
    return provider._commands()


def test_the_exports_and_the_cli_use_the_databases_sides(other_sides: Path, capsys):
    code, out, err = run(capsys, "list", "--db", other_sides, "--side", "Azerbaijan")
    assert code == 0 and err == "Armenia 0 · Azerbaijan 2 · other 0 — of 6 (side Azerbaijan)\n"
    sides = [re.split(r"\s{2,}", line)[1] for line in out.splitlines()[1:]]
    assert sides == ["azerbaijan", "azerbaijan"]
    code, out, _ = run(capsys, "export", "--db", other_sides, "--format", "json")
    data = json.loads(out)
    assert data["sides"] == [
        {"id": "armenia", "label": "Armenia"},
        {"id": "azerbaijan", "label": "Azerbaijan"},
    ]
    assert {a["id"] for a in data["actors"]} == {
        "government-of-armenia",
        "government-of-azerbaijan",
        "european-union",
    }
    code, out, _ = run(capsys, "export", "--db", other_sides, "--format", "md")
    assert "Positions: 6 (Armenia 3, Azerbaijan 2, other 1)" in out
    assert "### Armenia" in out and "### Azerbaijan" in out
    code, out, _ = run(capsys, "export", "--db", other_sides, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["side"] for row in rows} == {"armenia", "azerbaijan", "other"}
    code, _, err = run(capsys, "list", "--db", other_sides, "--side", "india")
    assert code == 2 and "unknown side 'india' (choose from: armenia, azerbaijan, other)" in err


def test_an_export_moves_to_a_fresh_database_with_its_sides(other_sides: Path, tmp_path, capsys):
    exported = tmp_path / "slice.json"
    assert run(capsys, "export", "--db", other_sides, "-o", exported)[0] == 0
    fresh = tmp_path / "fresh.db"
    code, _, err = run(capsys, "import", "--db", fresh, exported)
    assert code == 0, err
    with Store.open(fresh) as store:
        vocab = store.vocabularies()
        assert [s.label for s in vocab.in_order] == ["Armenia", "Azerbaijan", "Other"]
        assert vocab.actor_from_text("EU") == "european-union"


def test_a_file_for_the_seeds_sides_is_refused_by_this_store(other_sides: Path, tmp_path, capsys):
    with Store.open(other_sides) as store, pytest.raises(StoreError, match="this database"):
        store.import_data(
            {"sides": [{"id": "india", "label": "India"}, {"id": "x", "label": "X"}]},
            origin="f",
        )


# Topics grow by command ---------------------------------------------------------------


def test_topic_add_rename_and_list(seeded_path: Path, capsys):
    with Store.open(seeded_path) as store:
        indus = store.counts(Filter(topics=frozenset({"indus_waters_treaty"}))).shown
    code, out, err = run(capsys, "topic", "add", "--db", seeded_path, "Water sharing")
    assert (code, out) == (0, "Added topic water_sharing (Water sharing).\n"), err
    code, out, _ = run(capsys, "topic", "rename", "--db", seeded_path, "IWT", "x")
    assert code == 2  # "IWT" is neither an id nor a label
    code, out, _ = run(
        capsys, "topic", "rename", "--db", seeded_path, "Indus Waters Treaty", "The Indus treaty"
    )
    assert out == ("Renamed topic indus_waters_treaty: Indus Waters Treaty -> The Indus treaty.\n")
    code, out, _ = run(capsys, "topic", "list", "--db", seeded_path)
    lines = out.splitlines()
    assert lines[-1] == "water_sharing\tWater sharing\t0"
    assert f"indus_waters_treaty\tThe Indus treaty\t{indus}" in lines
    with Store.open(seeded_path) as store:
        rows = {row.topic.id: row.topic.label for row in store.matrix()}
        assert rows["indus_waters_treaty"] == "The Indus treaty"
        assert store.counts(Filter(topics=frozenset({"indus_waters_treaty"}))).shown == indus


def test_a_topic_label_or_id_cannot_be_taken_twice(seeded_path: Path, capsys):
    code, _, err = run(capsys, "topic", "add", "--db", seeded_path, "kashmir")
    assert code == 1 and "there is a topic 'kashmir' already" in err
    code, _, err = run(capsys, "topic", "add", "--db", seeded_path, "--id", "k2", "KASHMIR")
    assert code == 1 and "labelled 'KASHMIR' already" in err


def test_topic_merge_moves_every_position_in_one_transaction(seeded_path: Path, capsys):
    with Store.open(seeded_path) as store:
        dialogue = {p.id for p in store.positions(Filter(topics=frozenset({"dialogue"})))[0]}
        both = {
            p.id
            for p in store.positions(Filter(topics=frozenset({"us_mediation"})))[0]
            if "dialogue" in p.topics
        }
        mediation = {p.id for p in store.positions(Filter(topics=frozenset({"us_mediation"})))[0]}
    assert both, "the seed has positions coded with both, so the merge meets a repeat"
    code, out, err = run(capsys, "topic", "merge", "--db", seeded_path, "us_mediation", "Dialogue")
    assert code == 0, err
    assert out == f"Merged topic us_mediation into dialogue: {len(mediation)} positions moved.\n"
    with Store.open(seeded_path) as store:
        merged = store.positions(Filter(topics=frozenset({"dialogue"})))[0]
        assert {p.id for p in merged} == dialogue | mediation
        assert all(p.topics.count("dialogue") == 1 for p in merged)
        assert "us_mediation" not in {t.id for t in store.vocabularies().topics}
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_merge_that_fails_half_way_writes_nothing(seeded_path: Path):
    """The last statement of the merge fails (a row another tool added refers to the
    topic); the rows moved before it are moved back."""
    with Store.open(seeded_path) as store:
        store.db.execute("CREATE TABLE elsewhere (topic TEXT REFERENCES topics (id))")
        store.db.execute("INSERT INTO elsewhere VALUES ('us_mediation')")
        store.db.conn.commit()
        before = store.db.execute(
            "SELECT count(*) FROM position_topics WHERE topic = 'us_mediation'"
        ).fetchone()[0]
        with pytest.raises(Exception, match="FOREIGN KEY"):
            store.merge_topic("us_mediation", "dialogue")
        after = store.db.execute(
            "SELECT count(*) FROM position_topics WHERE topic = 'us_mediation'"
        ).fetchone()[0]
        assert after == before > 0


def test_the_actors_command_lists_the_registry(seeded_path: Path, capsys):
    code, out, _ = run(capsys, "actors", "--db", seeded_path)
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    tharoor = next(row for row in rows if row[0] == "shashi-tharoor")
    assert tharoor == ["shashi-tharoor", "Shashi Tharoor", "India", "official", "Tharoor"]
    government = next(row for row in rows if row[0] == "government-of-pakistan")
    assert government[4] == "Pakistan; Pakistani government"

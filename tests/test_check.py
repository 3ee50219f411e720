"""`counterpoint check`: each rule catches a small coded example that breaks it, the
re-coded seed is clean, and no rule reads differently with the sides swapped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from store import Store
from store.check import RULE_IDS
from tui.cli import main


def edit(store: Store, position_id: str, **changes: Any) -> None:
    record = store.get(position_id).model_dump(mode="json")
    record.update(changes)
    store.edit_position(record, author="t", origin="test")


def findings(store: Store, rule: str) -> set[str]:
    return {f.subject for f in store.check(rule)[0]}


def swap_sides(store: Store) -> None:
    """The two compared sides trade places in every position (and actor)."""
    first, second = (s.id for s in store.vocabularies().parties)
    for table in ("positions", "actors"):
        store.db.execute(
            f"UPDATE {table} SET side = CASE side WHEN ? THEN ? WHEN ? THEN ? ELSE side END",
            [first, second, second, first],
        )


def test_the_recoded_seed_is_clean(store: Store):
    found, coded = store.check()
    assert found == [], [tuple(f) for f in found]
    assert len(coded.positions) == store.counts().total


BREAKS: dict[str, tuple[str, dict[str, Any]]] = {
    # India's allegation, its hedge "alleged" dropped from the summary.
    "hedge-dropped": (
        "in-accuses-terror-backing",
        {"summary": "India's campaign: Pakistan backs militant groups and cross-border terrorism."},
    ),
    # One side's allegation reported with a flat verb, the other's with a hedged one.
    "verb-asymmetry": (
        "in-attributes-attack",
        {"summary": "India blames Pakistani involvement for the Pahalgam attack."},
    ),
    # A denial whose topics no longer meet those of what it denies.
    "link-no-shared-topic": ("pk-denies-attack", {"topics": ["humanitarian"]}),
    # A denial that names nothing it denies.
    "answer-not-linked": ("pk-denies-attack", {"links": []}),
    # A summary naming a country and a number its quotes' sentences do not.
    "summary-unsupported": (
        "pk-rehman-agenda",
        {"summary": "Senator Sherry Rehman urges India to put Kashmir on 3 agendas."},
    ),
    # "Stated" to the day by words that give only a month.
    "date-too-precise": (
        "pk-delegation",
        {
            "date_start": "2025-06-03",
            "date_end": "2025-06-03",
            "date_precision": "day",
            "date_text": "in June",
            "date_basis": "stated",
        },
    ),
    # A grade taken away.
    "ungraded": ("pk-warns-risks", {"credibility": None, "credibility_by": ""}),
}


def test_every_rule_has_a_breaking_example():
    assert set(BREAKS) == set(RULE_IDS)


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_each_rule_catches_its_example(store: Store, rule: str):
    position_id, changes = BREAKS[rule]
    assert findings(store, rule) == set()
    edit(store, position_id, **changes)
    assert position_id in findings(store, rule)


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_no_rule_reads_differently_with_the_sides_swapped(store: Store, rule: str):
    position_id, changes = BREAKS[rule]
    edit(store, position_id, **changes)
    before = {(f.subject, f.rule) for f in store.check()[0]}
    swap_sides(store)
    assert {(f.subject, f.rule) for f in store.check()[0]} == before


def test_an_answer_to_its_own_side_and_a_one_way_mirror(store: Store):
    side = store.get("pk-denies-attack").side
    own = next(p for p in store.positions()[0] if p.side == side and p.id != "pk-denies-attack")
    edit(store, "pk-denies-attack", links=[{"relation": "denies", "target": own.id}])
    edit(store, "in-delegations", links=[])  # pk-delegation mirrors it; no mirror back
    assert {"pk-denies-attack", "pk-delegation"} <= findings(store, "answer-not-linked")


def test_an_inferred_date_without_a_note_written_by_another_tool(store: Store):
    store.db.execute("UPDATE positions SET date_note = '' WHERE id = 'attack-pahalgam'")
    assert findings(store, "date-too-precise") == {"attack-pahalgam"}


def test_a_date_as_of_the_document_that_no_cited_document_has(store: Store):
    as_of = next(p for p in store.positions()[0] if p.date_basis.value == "document")
    edit(store, as_of.id, date_start="2024-01-01", date_end="2024-01-01", date_precision="day")
    assert as_of.id in findings(store, "date-too-precise")
    before = {(f.subject, f.rule) for f in store.check()[0]}
    swap_sides(store)
    assert {(f.subject, f.rule) for f in store.check()[0]} == before


@pytest.mark.parametrize("verb", ["exposes", "reveals", "holds responsible", "proves"])
def test_verbs_that_vouch_for_a_claim_are_flat(store: Store, verb: str):
    """A summary that says a side's dossier "exposes" or "proves" what it alleges vouches
    for it, as "accuses" does; the hedged allegations of the other side then differ."""
    edit(store, "in-attributes-attack", summary=f"India {verb} Pakistani involvement.")
    assert "in-attributes-attack" in findings(store, "verb-asymmetry")


def test_an_ungraded_cited_document(store: Store):
    store.grade_document("000_94edd1293f8f187e", None, author="t")
    assert findings(store, "ungraded") == {"000_94edd1293f8f187e"}


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_prints_one_line_per_finding_and_exits_1(capsys, seeded_path: Path):
    code, out, err = run(capsys, "check", "--db", seeded_path)
    assert (code, err) == (0, "")
    assert out.startswith("clean: ") and out.count("\n") == 1
    with Store.open(seeded_path) as store:
        for rule in ("hedge-dropped", "ungraded"):
            position_id, changes = BREAKS[rule]
            edit(store, position_id, **changes)
    code, out, err = run(capsys, "check", "--db", seeded_path)
    assert code == 1
    lines = out.splitlines()
    assert [line.split("  ")[:2] for line in lines] == [
        ["in-accuses-terror-backing", "hedge-dropped"],
        ["pk-warns-risks", "ungraded"],
    ]
    assert err.startswith("2 findings; ") and err.endswith(" positions, 2 documents checked\n")
    code, out, _ = run(capsys, "check", "--db", seeded_path, "--rule", "ungraded")
    assert code == 1 and out.split("  ")[:2] == ["pk-warns-risks", "ungraded"]


def test_the_rules_are_listed(capsys):
    code, out, _ = run(capsys, "check", "--rules")
    assert code == 0
    assert [line.split("  ")[0] for line in out.splitlines()] == list(RULE_IDS)


def test_a_file_that_is_not_a_database_is_one_line_exit_1(capsys, tmp_path: Path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database\n")
    code, out, err = run(capsys, "check", "--db", bad)
    assert code != 0 and out == "" and err.count("\n") == 1

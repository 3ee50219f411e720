"""Answers travel with a filter, and the grade filters: what a filter shows, counts,
lists and briefs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from other_sides import make_store

from store import Filter, Store
from store.export import render_export
from store.query import ANSWER_RELATIONS
from tui.cli import main

TERRORISM = Filter(topics=frozenset({"terrorism"}))


def neighbours(store: Store, ids: set[str]) -> set[str]:
    """Active positions linked to any of `ids` by an answering relation, either way,
    computed from the links table independently of the query under test."""
    active = {p.id for p in store.positions()[0]}
    rows = store.db.execute("SELECT source_id, relation, target_id FROM links").fetchall()
    found = {s for s, r, t in rows if r in ANSWER_RELATIONS and t in ids}
    found |= {t for s, r, t in rows if r in ANSWER_RELATIONS and s in ids}
    return (found - ids) & active


@pytest.mark.parametrize("flt", [TERRORISM, Filter(kinds=frozenset())], ids=["topic", "none"])
def test_a_filter_brings_the_direct_answers_of_its_matches(store: Store, flt: Filter):
    matches = {p.id for p in store.positions(flt)[0]}
    shown = {p.id for p in store.positions(replace(flt, with_answers=True))[0]}
    if flt.is_empty:
        assert shown == matches  # nothing filtered out, nothing to bring back
    else:
        assert shown == matches | neighbours(store, matches)
        assert shown - matches, "the seed's terrorism matches are answered off-topic"


def test_the_counts_stay_the_matches_and_say_how_many_answers(store: Store):
    plain = store.counts(TERRORISM)
    counts = store.counts(replace(TERRORISM, with_answers=True))
    assert counts.per_side == plain.per_side
    matches = {p.id for p in store.positions(TERRORISM)[0]}
    assert counts.answers == len(neighbours(store, matches)) > 0
    assert counts.describe(store.vocabularies()).endswith(f" + {counts.answers} answers")


def test_an_allegation_shows_with_the_denial_of_the_other_side(store: Store):
    """Each side's allegations under a topic filter come with the other side's answers."""
    shown = store.positions(replace(TERRORISM, with_answers=True))[0]
    by_id = {p.id: p for p in shown}
    for p in shown:
        for link in p.links:
            if link.relation.value in ("denies", "counters") and link.target in by_id:
                assert by_id[link.target].side != p.side
    answered = {link.target for p in shown for link in p.links if link.relation.value == "denies"}
    assert answered & {p.id for p in store.positions(TERRORISM)[0]}


def test_sides_named_otherwise_follow_the_same_rule(tmp_path: Path):
    with Store.open(make_store(tmp_path / "other.db")) as store:
        first, _ = store.vocabularies().parties
        flt = Filter(sides=frozenset({first.id}))
        matches = {p.id for p in store.positions(flt)[0]}
        shown = {p.id for p in store.positions(replace(flt, with_answers=True))[0]}
        assert shown == matches | neighbours(store, matches)


def test_a_retracted_answer_does_not_travel(store: Store):
    matches = {p.id for p in store.positions(TERRORISM)[0]}
    answer = sorted(neighbours(store, matches))[0]
    store.retract(answer, "test", author="t", origin="test")
    shown = {p.id for p in store.positions(replace(TERRORISM, with_answers=True))[0]}
    assert answer not in shown


def test_the_brief_lists_answers_under_what_they_answer(store: Store):
    flt = replace(TERRORISM, with_answers=True)
    brief, count = render_export(store, flt, "md")
    matches = {p.id for p in store.positions(TERRORISM)[0]}
    answers = neighbours(store, matches)
    assert count == len(matches | answers)
    for answer in answers:
        assert f"\n**{store.get(answer).summary}**" not in brief  # not an entry of its own
        assert f"(`{answer}`; " in brief  # but listed, under what it answers
    assert "- Answers (shown with the filter's matches):" in brief
    assert f"Positions: {len(matches)} " in brief


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_marks_answers(capsys, seeded_path: Path):
    code, out, err = run(capsys, "list", "--db", seeded_path, "--topic", "terrorism", "--answers")
    assert code == 0 and "+ answers)" in err
    with Store.open(seeded_path) as store:
        matches = {p.id for p in store.positions(TERRORISM)[0]}
        answers = neighbours(store, matches)
    marked = sum("↳ answer: " in line for line in out.splitlines())
    assert marked == len(answers) > 0
    assert f" + {len(answers)} answers (" in err


# Grade filters ---------------------------------------------------------------------


def test_credibility_reliability_and_doubt_filter(store: Store):
    everything = store.positions()[0]
    low = store.positions(Filter(credibility=(1, 2)))[0]
    assert {p.id for p in low} == {
        p.id for p in everything if p.credibility is not None and p.credibility <= 2
    }
    doubted = store.positions(Filter(doubted=True))[0]
    assert {p.id for p in doubted} == {p.id for p in everything if p.doubt}
    assert doubted  # the seed's swapped sentence
    document = everything[0].sources[0].document
    store.grade_document(document, "B", author="t")
    reliable = store.positions(Filter(reliability=("A", "C")))[0]
    assert {p.id for p in reliable} == {
        p.id for p in everything if any(s.document == document for s in p.sources)
    }
    vocab = store.vocabularies()
    assert Filter(credibility=(1, 3), reliability=("A", "C"), doubted=True).describe(vocab) == (
        "credibility 1-3; reliability A-C; doubted"
    )


@pytest.mark.parametrize(
    "argv", [["--credibility", "0-9"], ["--credibility", "x"], ["--reliability", "A-Z"]]
)
def test_a_bad_grade_range_is_one_line_exit_2(capsys, seeded_path: Path, argv: list[str]):
    code, out, err = run(capsys, "list", "--db", seeded_path, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1, err


async def test_a_toggles_the_answers_in_the_app(store: Store):
    from tui_helpers import screen_lines, timeline

    from tui.app import CounterpointApp

    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline(app).filter = TERRORISM
        await pilot.pause()
        assert timeline(app).filter.with_answers  # the panel's filters carry the toggle
        assert any("↳" in line for line in screen_lines(app))
        assert " answers" in screen_lines(app)[0]
        await pilot.press("A")
        await pilot.pause()
        assert not timeline(app).filter.with_answers
        assert not any("↳" in line for line in screen_lines(app))
        await pilot.press("A")
        await pilot.pause()
        assert any("↳" in line for line in screen_lines(app))

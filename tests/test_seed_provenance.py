"""The seed is evidence: every quote verbatim, every sentence accounted for."""

from __future__ import annotations

import hashlib
from datetime import date
from importlib import resources

import pytest

from seed import context_sentences, document_records, position_records
from seed.loader import manifest
from store import DateBasis, parse_date_text
from store.models import Position
from store.sentences import split_sentences

DOCUMENTS = {record["id"]: record for record in document_records()}
POSITIONS = [Position.model_validate(record) for record in position_records()]
BY_ID = {p.id: p for p in POSITIONS}


def test_document_files_are_the_verbatim_copies_named_in_the_manifest():
    for entry in manifest()["documents"]:
        data = resources.files("seed").joinpath(entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
        assert entry["file"] == f"documents/{entry['id']}.txt"


def test_every_document_states_its_assumed_date_and_why():
    for record in DOCUMENTS.values():
        assert record["published"]
        assert "assumption" in record["published_note"].lower()


@pytest.mark.parametrize("position", POSITIONS, ids=lambda p: p.id)
def test_every_quote_is_verbatim_at_its_code_point_offsets(position: Position):
    for source in position.sources:
        text = DOCUMENTS[source.document]["text"]
        assert text[source.start : source.end] == source.quote


def test_offsets_are_code_points_not_bytes():
    """The texts have curly quotes, so a byte offset would be off by two per quote mark."""
    curly = [
        s for p in POSITIONS for s in p.sources if "’" in DOCUMENTS[s.document]["text"][: s.start]
    ]
    assert curly, "expected quotes that follow a curly apostrophe"
    for source in curly:
        text = DOCUMENTS[source.document]["text"]
        assert len(text[: source.start].encode("utf-8")) != source.start


@pytest.mark.parametrize("document_id", sorted(DOCUMENTS))
def test_every_sentence_is_cited_or_explained_as_context(document_id: str):
    text = DOCUMENTS[document_id]["text"]
    spans = [(s.start, s.end) for p in POSITIONS for s in p.sources if s.document == document_id]
    context = {c.sentence for c in context_sentences() if c.document == document_id}
    uncovered = [
        sentence.text
        for sentence in split_sentences(text)
        if sentence.text not in context
        and not any(start < sentence.end and end > sentence.start for start, end in spans)
    ]
    assert uncovered == []


def test_context_sentences_exist_have_reasons_and_are_not_also_cited():
    for entry in context_sentences():
        text = DOCUMENTS[entry.document]["text"]
        sentences = {s.text: s for s in split_sentences(text)}
        assert entry.sentence in sentences, entry.sentence
        assert len(entry.reason) > 20
        sentence = sentences[entry.sentence]
        cited = [
            p.id
            for p in POSITIONS
            for s in p.sources
            if s.document == entry.document and s.start < sentence.end and s.end > sentence.start
        ]
        assert cited == [], f"context sentence is also cited by {cited}"


def test_the_seed_has_one_position_per_claim_across_all_sides():
    assert 35 <= len(POSITIONS) <= 60
    sides = {p.side for p in POSITIONS}
    assert sides == {"india", "pakistan", "other"}
    assert len({p.summary for p in POSITIONS}) == len(POSITIONS)


@pytest.mark.parametrize(
    "source, relation, target",
    [
        ("pk-denies-attack", "denies", "in-attributes-attack"),
        ("pk-denies-assassinations", "denies", "in-accuses-assassinations"),
        ("pk-accuses-militant-support", "counters", "in-accuses-assassinations"),
        ("pk-delegation", "mirrors", "in-delegations"),
        ("pk-denies-terror-sponsor", "denies", "in-accuses-terror-backing"),
        ("pk-challenges-iwt", "counters", "in-suspends-iwt"),
    ],
)
def test_claims_are_linked_to_their_answers(source: str, relation: str, target: str):
    assert (relation, target) in {
        (link.relation.value, link.target) for link in BY_ID[source].links
    }


def test_every_link_target_is_in_the_seed():
    for position in POSITIONS:
        for link in position.links:
            assert link.target in BY_ID, f"{position.id} -> {link.target}"


@pytest.mark.parametrize(
    "position", [p for p in POSITIONS if p.date_basis is DateBasis.STATED], ids=lambda p: p.id
)
def test_stated_dates_are_what_their_wording_says(position: Position):
    published = DOCUMENTS[position.sources[0].document]["published"]
    span = parse_date_text(position.date_text, date.fromisoformat(published))
    assert (span.start, span.end, span.precision) == (
        position.date_start,
        position.date_end,
        position.date_precision,
    )


@pytest.mark.parametrize(
    "position", [p for p in POSITIONS if p.date_basis is DateBasis.DOCUMENT], ids=lambda p: p.id
)
def test_document_dated_positions_carry_the_date_of_a_document_that_reports_them(position):
    published = {DOCUMENTS[s.document]["published"] for s in position.sources}
    assert position.date_start.isoformat() in published
    assert position.date_start == position.date_end

"""The models refuse what cannot be true and name the field to fix."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from store import ActorKind, DateBasis, DatePrecision, Kind, Relation, Store, StoreError
from store.models import Position, Source
from store.vocab import Vocabulary


def record(**changes) -> dict:
    base = {
        "id": "in-test",
        "side": "india",
        "actors": ["Government of India"],
        "kind": "statement",
        "summary": "A test position.",
        "topics": ["terrorism"],
        "date_start": "2025-05-01",
        "date_end": "2025-05-01",
        "date_precision": "day",
        "date_basis": "document",
        "sources": [{"document": "doc", "quote": "abc", "start": 0, "end": 3}],
    }
    base.update(changes)
    return base


def error_field(**changes) -> str:
    with pytest.raises(ValidationError) as info:
        Position.model_validate(record(**changes))
    return ".".join(str(part) for part in info.value.errors()[0]["loc"])


def test_a_valid_record_round_trips_through_json():
    position = Position.model_validate(record())
    assert Position.model_validate_json(position.model_dump_json()) == position


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"side": "China"}, "side"),
        ({"kind": "rumour"}, "kind"),
        ({"topics": ["Weather!"]}, "topics.0"),
        ({"topics": []}, "topics"),
        ({"actors": []}, "actors"),
        ({"actors": ["A", "A"]}, "actors"),
        ({"summary": "   "}, "summary"),
        ({"id": "Has Spaces"}, "id"),
        ({"date_end": "2025-04-30"}, "date_end"),
        ({"date_end": "2025-05-02"}, "date_precision"),
        ({"date_basis": "inferred"}, "date_note"),
        ({"date_basis": "stated"}, "date_basis"),
        ({"date_basis": "rumoured"}, "date_basis"),
        ({"kind": "commentary"}, "kind"),
        ({"sources": []}, "sources"),
        ({"sources": [{"document": "doc", "quote": "abc", "start": 0, "end": 4}]}, "sources.0.end"),
        (
            {"sources": [{"document": "doc", "quote": "abc", "start": -1, "end": 2}]},
            "sources.0.start",
        ),
        ({"links": [{"relation": "likes", "target": "x"}]}, "links.0.relation"),
        ({"links": [{"relation": "denies", "target": "in-test"}]}, "links"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_records_name_the_field(changes: dict, field: str):
    assert error_field(**changes) == field


def test_inferred_dates_are_accepted_with_a_note():
    position = Position.model_validate(
        record(date_basis="inferred", date_note="From the public record.")
    )
    assert position.date_basis is DateBasis.INFERRED


def test_date_label_marks_the_basis():
    assert Position.model_validate(record()).date_label == "by 1 May 2025"
    inferred = record(date_basis="inferred", date_note="x")
    assert Position.model_validate(inferred).date_label == "1 May 2025*"
    stated = record(
        date_basis="stated",
        date_text="early May",
        date_end="2025-05-10",
        date_precision="part_of_month",
    )
    assert Position.model_validate(stated).date_label == "early May 2025"


def test_source_offsets_must_span_the_quote_in_code_points():
    assert Source(document="d", quote="’s", start=5, end=7).end == 7
    with pytest.raises(ValidationError):
        Source(document="d", quote="’s", start=5, end=9)  # 9 would be a byte count


@pytest.mark.parametrize("vocabulary", [ActorKind, Kind, Relation, DatePrecision, DateBasis])
def test_vocabularies_parse_codes_and_labels_in_any_case(vocabulary: type[Vocabulary]):
    for member in vocabulary:
        assert vocabulary.from_text(member.value) is member
        assert vocabulary.from_text(member.label.upper()) is member


def test_topic_accepts_the_words_an_analyst_types(store: Store):
    vocab = store.vocabularies()
    assert vocab.topic_from_text("Indus Waters Treaty") == "indus_waters_treaty"
    assert vocab.topic_from_text("us-mediation") == "us_mediation"
    assert vocab.side_from_text("PAKISTAN") == "pakistan"


def test_unknown_vocabulary_lists_the_choices(store: Store):
    with pytest.raises(StoreError, match="choose from: india, pakistan, other"):
        store.vocabularies().side_from_text("china")
    with pytest.raises(ValueError, match="choose from: action, statement"):
        Kind.from_text("shrug")


def test_every_kind_precision_and_basis_is_documented():
    for vocabulary in (Kind, DatePrecision, DateBasis, ActorKind):
        for member in vocabulary:
            assert member.description, member


def test_every_relation_reads_from_both_ends():
    for relation in Relation:
        assert relation.label and relation.inverse_label

"""The position form's meaning without its widgets: dates, checks, the record, the slots,
and matching typed names to registry actors."""

from __future__ import annotations

from datetime import date

import pytest

from store import (
    Actor,
    DateBasis,
    DateParseError,
    DatePrecision,
    DateSpan,
    Kind,
    Relation,
    Vocabularies,
)
from store.models import Position as PositionModel
from tui.actor_completion import ActorIndex
from tui.position_form_record import (
    FormValues,
    KeptDate,
    automatic_basis,
    build_record,
    describe_span,
    problems,
    resolve_date,
    slot_for,
    topics_label,
)

PUBLISHED = date(2025, 5, 28)
SOURCE = {"document": "doc-1", "quote": "India denies it.", "start": 10, "end": 26}


def values(**changes) -> FormValues:
    base = {
        "side": "left",
        "kind": Kind.DENIAL,
        "actors": ("Government of Left",),
        "topics": ("water",),
        "summary": "Left denies the charge.",
        "date_text": "23 April 2025",
        "date_basis": DateBasis.STATED,
        "date_note": "",
        "sources": (SOURCE,),
    }
    return FormValues(**{**base, **changes})


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("23 April 2025", date(2025, 4, 23), date(2025, 4, 23), DatePrecision.DAY),
        ("early June 2025", date(2025, 6, 1), date(2025, 6, 10), DatePrecision.PART_OF_MONTH),
        ("May 2025", date(2025, 5, 1), date(2025, 5, 31), DatePrecision.MONTH),
        ("by 28 May", date(2025, 5, 28), date(2025, 5, 28), DatePrecision.DAY),
        ("", PUBLISHED, PUBLISHED, DatePrecision.DAY),
        ("23 April 2025..28 May 2025", date(2025, 4, 23), date(2025, 5, 28), DatePrecision.SPAN),
    ],
)
def test_the_date_words_read_as_a_span_against_the_documents_date(text, start, end, precision):
    assert resolve_date(text, PUBLISHED) == DateSpan(start, end, precision)


@pytest.mark.parametrize("text", ["the other day", "2025-05-01..", "28 May 2025..1 May 2025"])
def test_date_words_that_cannot_be_read_say_so(text):
    with pytest.raises(DateParseError):
        resolve_date(text, PUBLISHED)


def test_an_edited_positions_date_stays_while_its_words_do():
    kept = KeptDate(
        "consistently", DateSpan(date(2025, 4, 23), date(2025, 5, 28), DatePrecision.SPAN)
    )
    assert resolve_date(" consistently ", PUBLISHED, kept) == kept.span
    assert resolve_date("May 2025", PUBLISHED, kept).precision is DatePrecision.MONTH


def test_a_span_is_described_as_precisely_as_it_is_known():
    assert describe_span(resolve_date("early June 2025", PUBLISHED)) == (
        "early Jun 2025 (part of a month)"
    )
    assert describe_span(resolve_date("23 April 2025", PUBLISHED)) == "23 Apr 2025 (day)"


def test_a_complete_form_has_no_problems():
    assert problems(values()) == {}


def test_each_obvious_mistake_is_named_at_its_field():
    found = problems(
        values(
            side=None,
            kind=None,
            actors=(),
            topics=(),
            summary="  ",
            date_basis=DateBasis.INFERRED,
            date_note=" ",
        ),
        date_error="cannot read 'x' as a date",
    )
    assert set(found) == {"side", "kind", "actors", "topics", "summary", "date", "note"}
    assert "note" in found["note"]


def test_stated_needs_the_words():
    assert set(problems(values(date_text=""))) == {"basis"}
    assert problems(values(date_text="", date_basis=DateBasis.DOCUMENT)) == {}


def test_the_record_is_what_import_validates():
    record = build_record(
        values(links=((Relation.DENIES, "pk-1"),), summary="  Left   denies it. "),
        resolve_date("23 April 2025", PUBLISHED),
    )
    assert "id" not in record
    assert record["summary"] == "Left denies it."
    assert record["links"] == [{"relation": "denies", "target": "pk-1"}]
    assert record["sources"] == [SOURCE]
    assert (record["date_start"], record["date_end"], record["date_precision"]) == (
        "2025-04-23",
        "2025-04-23",
        "day",
    )
    validated = PositionModel.model_validate({**record, "id": "new-one"})
    assert validated.kind is Kind.DENIAL
    assert validated.date_basis is DateBasis.STATED


def test_an_edit_keeps_its_id_and_places():
    record = build_record(
        values(position_id="left-denies", places=("Delhi",)), resolve_date("", PUBLISHED)
    )
    assert record["id"] == "left-denies"
    assert record["places"] == ["Delhi"]


@pytest.mark.parametrize(
    ("field", "slot"),
    [
        ("summary", "summary"),
        ("date_note", "note"),
        ("actors[1]", "actors"),
        ("sources[0].quote", "quote"),
        ("links[0].target", "links"),
        ("date_start", "date"),
        ("date_basis", "basis"),
        ("topics", "topics"),
        ("id", "form"),
        (None, "form"),
    ],
)
def test_a_store_error_is_shown_next_to_its_field(field, slot):
    assert slot_for(field) == slot


VOCAB = Vocabularies(
    actors=(
        Actor("gov-left", "Government of Left", "left", None, ("Left", "Left government")),
        Actor("jose", "José Ramírez", None, None, ("Ramírez",)),
        Actor("shehbaz", "Shehbaz Sharif", "right", None, ()),
    )
)


def test_an_actor_is_found_by_its_name_an_alias_or_its_id_in_any_case():
    index = ActorIndex(VOCAB)
    assert index.exact("left GOVERNMENT").id == "gov-left"
    assert index.exact("  government   of left ").id == "gov-left"
    assert index.exact("jose").id == "jose"
    assert index.exact("Jose\u0301 Rami\u0301rez").id == "jose"  # typed decomposed
    assert index.exact("Left officials") is None


def test_completion_keeps_what_was_typed_and_adds_the_rest_of_a_name():
    index = ActorIndex(VOCAB)
    assert index.complete("sheh") == "shehbaz Sharif"
    assert index.complete("Govern") == "Government of Left"
    assert index.complete("Nobody") is None
    assert index.complete("") is None


def test_candidates_match_the_start_of_any_word():
    index = ActorIndex(VOCAB)
    assert [a.id for a in index.candidates("sharif")] == ["shehbaz"]
    assert [a.id for a in index.candidates("left")] == ["gov-left"]
    assert index.candidates("") == []


@pytest.mark.parametrize(
    ("text", "readable", "current", "expected"),
    [
        ("", False, DateBasis.STATED, DateBasis.DOCUMENT),
        ("  ", False, DateBasis.STATED, DateBasis.DOCUMENT),
        ("23 April 2025", True, DateBasis.DOCUMENT, DateBasis.STATED),
        ("said on Wednesday", False, DateBasis.DOCUMENT, DateBasis.DOCUMENT),
        ("23 April 2025 or so", False, DateBasis.STATED, DateBasis.STATED),
    ],
)
def test_the_basis_switches_by_itself_only_for_no_words_or_readable_ones(
    text, readable, current, expected
):
    assert automatic_basis(text, readable, current) is expected


def test_the_topics_label_counts_and_says_when_the_list_scrolls():
    assert topics_label(12, 2, True) == "Topics (12, 2 ticked; Space ticks; ↓ scrolls for more)"
    assert topics_label(4, 0, False) == "Topics (4, 0 ticked; Space ticks)"

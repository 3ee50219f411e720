"""What the position form's fields mean, apart from the widgets that hold them.

The form reads its widgets into a `FormValues`, and everything after that is plain
functions: the date the typed words stand for (`resolve_date`), the cheap checks made
before asking the store (`problems`), the import-format record the store validates
(`build_record`), and which field an error from the store belongs next to
(`slot_for`). The store's own validation (the same code as `import`) has the last
word; the checks here only save a round trip for the obvious mistakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store import (
    DateBasis,
    DateParseError,
    DatePrecision,
    DateSpan,
    Kind,
    Relation,
    parse_date_range,
    parse_date_text,
)
from store.dates import format_span

SLOTS = (
    "quote",
    "side",
    "kind",
    "actors",
    "topics",
    "summary",
    "date",
    "basis",
    "note",
    "links",
    "form",
)
"""The places in the form where an error can be shown, top to bottom; "form" is the
line at the bottom, for what belongs to no one field."""

_SLOT_OF_FIELD = {
    "sources": "quote",
    "side": "side",
    "kind": "kind",
    "actors": "actors",
    "topics": "topics",
    "summary": "summary",
    "date_text": "date",
    "date_start": "date",
    "date_end": "date",
    "date_precision": "date",
    "date_basis": "basis",
    "date_note": "note",
    "links": "links",
}


def slot_for(field_path: str | None) -> str:
    """Where the store's error about `field_path` ("actors[1]", "sources[0].quote",
    "summary", None) is shown."""
    if not field_path:
        return "form"
    head = field_path.split("[", 1)[0].split(".", 1)[0]
    return _SLOT_OF_FIELD.get(head, "form")


@dataclass(frozen=True)
class KeptDate:
    """An edited position's stored date, kept while its words are left as they were: a
    seed position's words ("consistently", "latest") need not parse, and re-reading
    words that do parse must not move a date an analyst set by hand."""

    text: str
    span: DateSpan


def resolve_date(text: str, published: date, kept: KeptDate | None = None) -> DateSpan:
    """The days `text` stands for, read against the document's date `published`.

    No words means the document's date. "a..b" is a span held from a to b. Raises
    DateParseError when the words cannot be read.
    """
    words = text.strip()
    if kept is not None and words == kept.text.strip():
        return kept.span
    if not words:
        return DateSpan(published, published, DatePrecision.DAY)
    if ".." in words:
        start, end = parse_date_range(words, published)
        if start is None or end is None:
            raise DateParseError("a span needs both ends: '23 April 2025..28 May 2025'")
        if end < start:
            raise DateParseError(f"the span ends ({end}) before it starts ({start})")
        return DateSpan(start, end, DatePrecision.SPAN)
    return parse_date_text(words, published)


def automatic_basis(date_text: str, readable: bool, current: DateBasis) -> DateBasis:
    """The basis the form picks by itself as the date is typed (until the user picks
    one): the document's date for no words, "stated" for words that read as a date, and
    no change while the words cannot be read: "said on Wednesday" is not yet a date the
    text states, and half-typed words are not a reason to flip the choice."""
    if not date_text.strip():
        return DateBasis.DOCUMENT
    return DateBasis.STATED if readable else current


def topics_label(count: int, ticked: int, scrolls: bool) -> str:
    """The topics field's label: how many there are and are ticked, and, when the list
    is taller than its box, that it scrolls (nothing else shows it without colour)."""
    more = "; ↓ scrolls for more" if scrolls else ""
    return f"Topics ({count}, {ticked} ticked; Space ticks{more})"


def describe_span(span: DateSpan) -> str:
    """The span as every view prints it, and how finely it is known: "early Jun 2025
    (part of a month)"."""
    return f"{format_span(span.start, span.end, span.precision)} ({span.precision.label.lower()})"


@dataclass(frozen=True)
class FormValues:
    """What the form's fields hold, as the form read them."""

    side: str | None
    kind: Kind | None
    actors: tuple[str, ...]
    """Actor names: a registry actor's canonical name, or a new actor's name as typed."""
    topics: tuple[str, ...]
    """Topic ids."""
    summary: str
    date_text: str
    date_basis: DateBasis
    date_note: str
    sources: tuple[dict[str, Any], ...]
    links: tuple[tuple[Relation, str], ...] = ()
    position_id: str | None = None
    """None for a new position (the store gives it an id)."""
    places: tuple[str, ...] = field(default=())


def problems(values: FormValues, date_error: str | None = None) -> dict[str, str]:
    """The mistakes worth catching before the store is asked, by slot; `date_error` is
    why the date words could not be read, if they could not."""
    found: dict[str, str] = {}
    if values.side is None:
        found["side"] = "Choose a side."
    if values.kind is None:
        found["kind"] = "Choose a kind."
    if not values.actors:
        found["actors"] = "Add at least one actor."
    if not values.topics:
        found["topics"] = "Tick at least one topic."
    if not values.summary.strip():
        found["summary"] = "A summary is required: one line saying what the position is."
    if date_error:
        found["date"] = date_error
    if values.date_basis is DateBasis.STATED and not values.date_text.strip():
        found["basis"] = "'Stated' needs the source's words for the date in the date field."
    if values.date_basis is DateBasis.INFERRED and not values.date_note.strip():
        found["note"] = "An inferred date needs a note saying where it comes from."
    return found


def build_record(values: FormValues, span: DateSpan) -> dict[str, Any]:
    """The import-format position (`store.models.Position`) the form describes; without
    an id for a new position."""
    record: dict[str, Any] = {}
    if values.position_id is not None:
        record["id"] = values.position_id
    record.update(
        side=values.side,
        actors=list(values.actors),
        kind=values.kind.value if values.kind is not None else None,
        summary=" ".join(values.summary.split()),
        topics=list(values.topics),
        places=list(values.places),
        date_start=span.start.isoformat(),
        date_end=span.end.isoformat(),
        date_precision=span.precision.value,
        date_text=values.date_text.strip(),
        date_basis=values.date_basis.value,
        date_note=values.date_note.strip(),
        sources=[dict(source) for source in values.sources],
        links=[{"relation": relation.value, "target": target} for relation, target in values.links],
    )
    return record

"""The records that cross the store's boundary, validated with pydantic.

Everything that enters the database (an import file, the seed) and everything
that leaves it (queries, exports) is one of these. Checks that need only the
record itself live here; checks against other records (does the quote occur in
its document, does a link's target exist) live in the importer.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from .dates import EARLIEST, LATEST, date_label
from .edtf_dates import to_edtf
from .vocab import OTHER_SIDE, ActorKind, DateBasis, DatePrecision, Kind, Relation

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$")]
"""Ids are short lower-case slugs: they appear in URLs, file names and links."""

_CONTROL = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))} - {"\t", "\n", "\r"}


def _no_control_characters(text: str) -> str:
    """NUL, ESC, DEL and the C0 and C1 controls have no place in news text; rejecting
    them at the door means no stored string can carry a terminal escape sequence
    (U+009B is CSI to a terminal that reads C1 controls)."""
    bad = next((ch for ch in text if ch in _CONTROL), None)
    if bad is not None:
        raise ValueError(f"contains the control character U+{ord(bad):04X}")
    return text


Clean = AfterValidator(_no_control_characters)


def _composed(text: str) -> str:
    """Unicode NFC, so that names that look the same are the same code points ("José"
    typed as e + U+0301 and as é): repeats are caught, filters and searches match. Only
    for what analysts write: a document's text and its quotes stay exactly as published,
    since quote offsets count its code points."""
    return unicodedata.normalize("NFC", _no_control_characters(text))


Written = AfterValidator(_composed)


def _placeable(day: date) -> date:
    """Only dates the timeline can place (see store.dates.EARLIEST/LATEST)."""
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"{day.isoformat()} is outside the dates Counterpoint places ({EARLIEST.isoformat()}"
            f" to {LATEST.isoformat()}); an open end such as 9999-12-31 is not a date: end the "
            "span at the last date the source supports"
        )
    return day


Day = Annotated[date, AfterValidator(_placeable)]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Written
]
Prose = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), Written
]


GradeNote = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), Written]


def _grader(by: str, grade: object) -> str:
    """A grader without a grade is a slip, refused by name. (A grade without a grader is
    taken as given by whoever imports it: see `store.importer.import_records`.)"""
    if grade is None and by:
        raise ValueError("names a grader but there is no grade")
    return by


class Record(BaseModel):
    """Strict about unknown fields so that a typo in a file is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, defer_build=True)


class Document(Record):
    """A source text. `published` is an editorial assumption when the text has no date."""

    id: Identifier
    title: Name
    outlet: Name | None = None
    published: Day
    published_note: Annotated[str, Written] = ""
    text: Annotated[str, StringConstraints(min_length=1, max_length=5_000_000), Clean]
    url: Annotated[str, StringConstraints(max_length=2000), Clean] | None = None
    """Where the text was read (its canonical URL when the page names one)."""
    author: Name | None = None
    format: Literal["text", "markdown", "html"] = "text"
    """What the text was taken from: HTML is reduced to the article's text on the way in."""
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None
    """The Admiralty source-reliability grade (`store.grades`); None: ungraded."""
    reliability_note: GradeNote = ""
    reliability_by: GradeNote = ""

    @field_validator("reliability_by")
    @classmethod
    def _graded_by_someone(cls, by: str, info: ValidationInfo) -> str:
        return _grader(by, info.data.get("reliability"))


class Source(Record):
    """One verbatim quote from a document, located by code-point offsets."""

    document: Identifier
    quote: Annotated[str, StringConstraints(min_length=1, max_length=4000)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    prefix: Annotated[str, StringConstraints(max_length=200)] = ""
    """The text just before the quote (32 code points; filled in on import), so the quote
    can be found again by its words: the W3C TextQuoteSelector's prefix."""
    suffix: Annotated[str, StringConstraints(max_length=200)] = ""

    @field_validator("end")
    @classmethod
    def _offsets_fit_quote(cls, end: int, info: ValidationInfo) -> int:
        start, quote = info.data.get("start"), info.data.get("quote")
        if start is not None and quote is not None and end - start != len(quote):
            raise ValueError(
                f"end - start is {end - start} but the quote has {len(quote)} code points"
            )
        return end


class Link(Record):
    """A directed relation from the position that holds it to `target`."""

    relation: Relation
    target: Identifier


class Position(Record):
    """One distinct claim, action or stance of one actor, traced to its sources.

    Cross-field rules are field validators on the later field, so that an error
    names the field a person has to fix.
    """

    id: Identifier
    side: Identifier
    """One of the database's sides (or the file's `sides`), or "other"."""
    # Generous caps, so a hostile file cannot make one position a megabyte of names.
    actors: Annotated[list[Name], Field(min_length=1, max_length=50)]
    kind: Kind
    summary: Prose
    topics: Annotated[list[Identifier], Field(min_length=1)]
    """Topic ids, each in the database's topics or the file's `topics`."""
    places: Annotated[list[Name], Field(max_length=50)] = []
    date_start: Day
    date_end: Day
    date_precision: DatePrecision
    date_text: Annotated[str, StringConstraints(max_length=200), Written] = ""
    date_basis: DateBasis
    date_note: Annotated[
        str, StringConstraints(max_length=4000), Written, Field(validate_default=True)
    ] = ""
    sources: Annotated[list[Source], Field(min_length=1, max_length=100)]
    links: Annotated[list[Link], Field(max_length=200)] = []
    credibility: Annotated[int, Field(ge=1, le=6)] | None = None
    """The Admiralty information-credibility grade (`store.grades`); None: ungraded."""
    credibility_note: GradeNote = ""
    credibility_by: GradeNote = ""
    doubt: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), Written] = ""
    """Why the source itself may be wrong here; shown wherever the position is."""

    @field_validator("credibility_by")
    @classmethod
    def _credibility_graded_by_someone(cls, by: str, info: ValidationInfo) -> str:
        return _grader(by, info.data.get("credibility"))

    @property
    def date_label(self) -> str:
        return date_label(self.date_start, self.date_end, self.date_precision, self.date_basis)

    @property
    def edtf(self) -> str:
        """The date in EDTF, derived as `store.records.Position.edtf` derives it."""
        return to_edtf(
            self.date_start, self.date_end, self.date_precision, self.date_basis, self.date_text
        )

    # What `records.Position` adds when reading rows back: a validated record has neither
    # a date problem nor stored dates other than its own.
    date_problem: ClassVar[str] = ""
    stored_dates: ClassVar[None] = None
    # Nor is a record being imported retracted (status lives in the store).
    retracted: ClassVar[bool] = False
    status_reason: ClassVar[str] = ""

    @field_validator("actors", "topics", "places")
    @classmethod
    def _no_repeats(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            raise ValueError("lists a value twice")
        return values

    @field_validator("kind")
    @classmethod
    def _commentary_is_other(cls, kind: Kind, info: ValidationInfo) -> Kind:
        if kind is Kind.COMMENTARY and info.data.get("side") not in (None, OTHER_SIDE):
            raise ValueError("commentary is the reporter's framing: its side must be 'other'")
        return kind

    @field_validator("date_end")
    @classmethod
    def _end_after_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("date_start")
        if start is not None and end < start:
            raise ValueError(f"{end} is before date_start {start}")
        return end

    @field_validator("date_precision")
    @classmethod
    def _day_is_one_day(cls, precision: DatePrecision, info: ValidationInfo) -> DatePrecision:
        start, end = info.data.get("date_start"), info.data.get("date_end")
        if precision is DatePrecision.DAY and start is not None and end not in (None, start):
            raise ValueError("'day' needs date_start == date_end")
        return precision

    @field_validator("date_basis")
    @classmethod
    def _stated_has_words(cls, basis: DateBasis, info: ValidationInfo) -> DateBasis:
        if basis is DateBasis.STATED and not info.data.get("date_text", "").strip():
            raise ValueError("'stated' needs the source's words in date_text")
        return basis

    @field_validator("date_note")
    @classmethod
    def _inferred_says_where(cls, note: str, info: ValidationInfo) -> str:
        if info.data.get("date_basis") is DateBasis.INFERRED and not note.strip():
            raise ValueError("date_basis 'inferred' needs a note saying from where")
        return note

    @field_validator("links")
    @classmethod
    def _not_to_itself(cls, links: list[Link], info: ValidationInfo) -> list[Link]:
        if any(link.target == info.data.get("id") for link in links):
            raise ValueError("a position cannot link to itself")
        return links


class Note(Record):
    """An analyst's note on a position: one per analyst per position, shared with all."""

    position_id: Identifier
    author: Name
    text: Annotated[str, StringConstraints(min_length=1, max_length=20000), Written]
    updated_at: datetime


class SideEntry(Record):
    """One of the two sides a database compares; a file lists them left then right."""

    id: Identifier
    label: Name

    @field_validator("id")
    @classmethod
    def _not_other(cls, side_id: str) -> str:
        if side_id == OTHER_SIDE:
            raise ValueError(f"{OTHER_SIDE!r} is the third lane every database has, not a side")
        return side_id


class TopicEntry(Record):
    """A topic of the database's vocabulary."""

    id: Identifier
    label: Name
    description: Annotated[str, StringConstraints(max_length=4000), Written] = ""


class ActorEntry(Record):
    """A canonical actor and the other names sources use for it. Positions name actors by
    any of these (compared after NFC and case folding, exactly otherwise)."""

    id: Identifier
    name: Name
    side: Identifier | None = None
    kind: ActorKind | None = None
    aliases: Annotated[list[Name], Field(max_length=100)] = []


class ImportFile(Record):
    """What `counterpoint import` reads and `export --format json` writes."""

    sides: list[SideEntry] = []
    topics: list[TopicEntry] = []
    actors: list[ActorEntry] = []
    documents: list[Document] = []
    positions: list[Position] = []

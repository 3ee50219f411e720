"""The records the store hands out: plain frozen dataclasses.

Reading never needs validation (rows were validated on the way in, by the
pydantic models in `models.py`), and plain dataclasses keep pydantic out of
the start-up of the app. `model_dump` gives the same shape as the validation
models', so an export does not care which kind it holds.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, fields
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from .dates import date_label
from .edtf_dates import to_edtf
from .vocab import DateBasis, DatePrecision, Kind, PositionStatus, Relation

_PLAIN = frozenset({str, int, bool, float, type(None)})
"""Types dumped as they are: most fields, so they are let through first."""


def _dump(value: Any, mode: str) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, _Dumpable):
        return value.model_dump(mode=mode)
    if isinstance(value, list):
        return [_dump(item, mode) for item in value]
    if mode == "json":
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, date | datetime):
            return value.isoformat()
    return value


class _Dumpable:
    if TYPE_CHECKING:  # every subclass is a dataclass; this lets `fields(self)` say so
        __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    _NOT_DUMPED: frozenset[str] = frozenset()
    """Fields that say how a record was read, not what it holds: never exported."""

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """Fields in declaration order; with mode="json", enums and dates as strings."""
        return {name: _dump(getattr(self, name), mode) for name in _dumped_names(type(self))}


_DUMPED_NAMES: dict[type, tuple[str, ...]] = {}
"""Each record class's dumped field names, found once: `dataclasses.fields` builds its
answer anew on every call, which was a tenth of a large export's time."""


def _dumped_names(cls: type[_Dumpable]) -> tuple[str, ...]:
    names = _DUMPED_NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in fields(cls) if f.name not in cls._NOT_DUMPED)
        _DUMPED_NAMES[cls] = names
    return names


@dataclass(frozen=True, slots=True)
class Source(_Dumpable):
    document: str
    quote: str
    start: int
    end: int
    prefix: str = ""
    """Up to 32 code points before the quote, and after it: found again by its words."""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Link(_Dumpable):
    relation: Relation
    target: str


@dataclass(frozen=True, slots=True)
class Position(_Dumpable):
    id: str
    side: str
    """A side id of the database (`store.registry`): labels come from `Vocabularies`."""
    actors: list[str]
    """The actors' canonical names, in the order coded (`actor_ids` has their ids)."""
    kind: Kind
    summary: str
    topics: list[str]
    """Topic ids; labels come from `Vocabularies`."""
    places: list[str]
    date_start: date
    date_end: date
    date_precision: DatePrecision
    date_text: str
    date_basis: DateBasis
    date_note: str
    sources: list[Source]
    links: list[Link]
    credibility: int | None = None
    """The Admiralty credibility grade, 1 (confirmed) to 6 (cannot be judged); None:
    nobody has graded it (`store.grades`)."""
    credibility_note: str = ""
    credibility_by: str = ""
    """Who graded it: an analyst's name, or the codebook's for the seed."""
    doubt: str = ""
    """Why the source itself may be wrong here ("the text appears to swap the two
    countries"), shown wherever the position is; empty when there is none."""
    date_problem: str = ""
    """Set when the stored dates are not dates Counterpoint can place (a row written by
    another tool): date_start/date_end then hold where the row is shown, and
    `stored_dates` what the database holds."""
    stored_dates: tuple[str, str] | None = None
    actor_ids: tuple[str, ...] = ()
    status: PositionStatus = PositionStatus.ACTIVE
    """Retracted positions leave the timeline and exports; `status_reason` says why."""
    status_reason: str = ""

    _NOT_DUMPED = frozenset(
        {"date_problem", "stored_dates", "actor_ids", "status", "status_reason"}
    )
    """(Status is not part of the import format: an export holds active positions; the
    revisions record it beside the dump, see `store.desk.revision_json`.)"""

    @property
    def retracted(self) -> bool:
        return self.status is PositionStatus.RETRACTED

    @property
    def date_label(self) -> str:
        if self.date_problem:
            return f"! unreadable date: {self.date_problem}"
        return date_label(self.date_start, self.date_end, self.date_precision, self.date_basis)

    @property
    def edtf(self) -> str:
        """The date in EDTF (`store.edtf_dates`), derived, never stored; "" for a date
        the store cannot place."""
        if self.date_problem:
            return ""
        return to_edtf(
            self.date_start, self.date_end, self.date_precision, self.date_basis, self.date_text
        )

    @property
    def timeline_key(self) -> tuple[str, str]:
        """(date_start as stored, id): the position's place in the timeline's order."""
        start = self.stored_dates[0] if self.stored_dates else self.date_start.isoformat()
        return start, self.id

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """As stored: a date that cannot be placed is exported as the text the database
        holds, so an import refuses it by name instead of taking a made-up date."""
        dumped = _Dumpable.model_dump(self, mode)  # no bare super(): slots
        if self.stored_dates and mode == "json":
            dumped["date_start"], dumped["date_end"] = self.stored_dates
        return dumped


@dataclass(frozen=True, slots=True)
class Document(_Dumpable):
    id: str
    title: str
    outlet: str | None
    published: date
    published_note: str
    text: str
    url: str | None = None
    author: str | None = None
    format: str = "text"
    sha256: str = ""
    """Of the text's UTF-8 bytes: the same text added twice is recognised by it."""
    added_by: str = ""
    added_at: str = ""
    reliability: str | None = None
    """The Admiralty source-reliability grade, A (completely reliable) to F (cannot be
    judged); None: ungraded (`store.grades`)."""
    reliability_note: str = ""
    reliability_by: str = ""

    _NOT_DUMPED = frozenset({"sha256", "added_by", "added_at"})
    """(Who added a document, and its hash, are this database's: not the import format.)"""


@dataclass(frozen=True, slots=True)
class Note(_Dumpable):
    position_id: str
    author: str
    text: str
    updated_at: datetime | None
    """None when the stored time cannot be read (a row written by another tool)."""

    @property
    def stamp(self) -> str:
        """When, as every view prints it."""
        if self.updated_at is None:
            return "time unreadable"
        return f"{self.updated_at:%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True, slots=True)
class Draft:
    """Unsaved note text kept when a session ended; `saved_at` is None if unreadable."""

    author: str
    position_id: str
    text: str
    saved_at: datetime | None


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the one line the CLI prints."""

    documents: int
    positions_added: int
    positions_updated: int
    """Positions already stored that the file changed (a revision each)."""
    links_pending: int = 0
    """Links to positions not in the database (yet): kept, shown once those arrive."""
    actors_registered: tuple[str, ...] = ()
    """Names no registered actor answers to, each now an actor of its own, unclassified."""
    left_alone: int = 0
    """Seed positions not written because an analyst has changed them since."""
    positions_unchanged: int = 0
    """Positions the file holds exactly as the database did: written, not revised."""


@dataclass(frozen=True)
class LinkEnd:
    """A link seen from one of its positions: what is at the other end, and how it reads."""

    relation: Relation
    outgoing: bool
    other_id: str
    other_side: str
    other_summary: str

    @property
    def reads(self) -> str:
        """'denies' from the source's end, 'denied by' from the target's."""
        return self.relation.label if self.outgoing else self.relation.inverse_label

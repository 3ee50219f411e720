"""Reading dates from the words people use for them.

Two callers need this: the importer, which can resolve a source's own wording
("in April", "early June") against the document's date when a record gives no
explicit bounds, and filters, where an analyst types "May 2025" or
"2025-05-01..2025-06-15". Both get an honest interval and a precision rather
than a single made-up day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .vocab import DateBasis, DatePrecision

EARLIEST = date(1000, 1, 1)
LATEST = date(2999, 12, 31)
"""The dates Counterpoint places on its timeline. Every bucket, label and step at every
zoom is safe from one end to the other (tested), and the range keeps out what is not
a date: other tools' "open-ended" placeholder 9999-12-31, and typed years such as 0205."""


def in_range_problem(day: date, field: str) -> str | None:
    """Why `day` cannot be placed, in words, or None."""
    if EARLIEST <= day <= LATEST:
        return None
    return (
        f"{field} {day.isoformat()} is outside the dates Counterpoint places "
        f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
    )


@dataclass(frozen=True)
class StoredDate:
    """A date read back from the database, where another tool may have put anything.

    `day` is always placeable: a stored text that is not an ISO date in range is put
    at the latest placeable day whose ISO text sorts at or before it, so the row keeps
    its place in timeline order (which SQLite decides by the text). `problem` then
    says what was wrong, for the views to mark.
    """

    day: date
    text: str
    problem: str | None = None


def read_stored_date(value: object, field: str) -> StoredDate:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    if isinstance(value, bytes):  # SQLite sorts a BLOB after every text: not a date here
        return StoredDate(_floor(text), text, f"{field} is stored as bytes, not text")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or day.isoformat() != text:  # "20250101" reads, but sorts elsewhere
        return StoredDate(_floor(text), text, f"{field} {text!r} is not a YYYY-MM-DD date")
    problem = in_range_problem(day, field)
    return StoredDate(_floor(text) if problem else day, text, problem)


def _floor(text: str) -> date:
    """The latest day in range whose ISO text sorts at or before `text` (binary search:
    ISO texts of four-digit years sort as their dates do)."""
    low, high = EARLIEST.toordinal(), LATEST.toordinal()
    if text < EARLIEST.isoformat():
        return EARLIEST
    while low < high:
        middle = (low + high + 1) // 2
        if date.fromordinal(middle).isoformat() <= text:
            low = middle
        else:
            high = middle - 1
    return date.fromordinal(low)


_PART = re.compile(r"^(early|mid|late)[\s-]+(.+)$", re.IGNORECASE)
_FILLER = re.compile(r"^(in|on|during|by|from|since|around|about)\s+", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^\d{4}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{1,2}$")
_HAS_DAY = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b(?!\d)")
_HAS_YEAR = re.compile(r"\b\d{4}\b")


@dataclass(frozen=True)
class DateSpan:
    """An interval of whole days and how finely it is known."""

    start: date
    end: date
    precision: DatePrecision


class DateParseError(ValueError):
    """The text does not read as a date or a date range."""


def parse_date_text(text: str, reference: date | None = None) -> DateSpan:
    """Turn wording like "22 April 2025", "early June" or "May 2025", or EDTF like
    "2025-05-07/2025-05-10" or "2025~" (`store.edtf_dates`), into a span.

    A month without a year is placed within six months of `reference` (the
    document's date), so "early June" in a late-May article means the coming June.
    """
    from .edtf_dates import looks_like_edtf, parse_edtf_text

    if looks_like_edtf(text):
        try:
            read = parse_edtf_text(text)
            if read.start is None or read.end is None:
                raise DateParseError(f"{text!r} is open-ended; a date needs both ends")
            return DateSpan(read.start, read.end, read.precision)
        except DateParseError as edtf_error:
            if any(mark in text for mark in "/~?%"):  # EDTF's own syntax: no second reading
                raise
            try:  # ISO-like text EDTF refuses ("2025-4-3") may still read as words
                return _parse_words(text, reference)
            except DateParseError:
                raise edtf_error from None
    return _parse_words(text, reference)


def _parse_words(text: str, reference: date | None) -> DateSpan:
    """Free wording, read with python-dateutil."""
    cleaned = _FILLER.sub("", text.strip().rstrip(".")).strip()
    if not cleaned:
        raise DateParseError(f"no date in {text!r}")
    weekday = _WEEKDAY.fullmatch(cleaned)
    if weekday:
        return _last_weekday(weekday, text, reference)
    part = None
    match = _PART.match(cleaned)
    if match:
        part, cleaned = match.group(1).lower(), match.group(2)
    if _YEAR_ONLY.match(cleaned) and part is None:
        if int(cleaned) < 1:
            raise DateParseError(f"cannot read {text!r} as a date: there is no year 0")
        year = int(cleaned)
        return DateSpan(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR)
    from dateutil import parser as dateutil_parser  # only when a date is typed or imported

    try:
        parsed = dateutil_parser.parse(cleaned, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"cannot read {text!r} as a date") from exc
    try:
        return _span(parsed, cleaned, part, reference)
    except DateParseError:
        raise
    except (ValueError, OverflowError) as exc:  # a year past 9999 from the reference
        raise DateParseError(f"cannot read {text!r} as a date") from exc


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(?:on\s+|last\s+)?(" + "|".join(_WEEKDAYS) + r")", re.IGNORECASE)
"""A bare weekday, as news reports date what happened this week ("said on Wednesday")."""


def _last_weekday(match: re.Match[str], text: str, reference: date | None) -> DateSpan:
    """The latest such weekday on or before the document's date: a report says "on
    Wednesday" of the week it was written in (dateutil would take a day in January)."""
    if reference is None:
        raise DateParseError(f"{text!r} needs the document's date to be placed")
    wanted = _WEEKDAYS.index(match.group(1).lower())
    day = reference - timedelta(days=(reference.weekday() - wanted) % 7)
    return DateSpan(day, day, DatePrecision.DAY)


def _span(parsed: date, cleaned: str, part: str | None, reference: date | None) -> DateSpan:
    has_year = bool(_HAS_YEAR.search(cleaned))
    has_day = not _ISO_MONTH.match(cleaned) and bool(_HAS_DAY.search(_HAS_YEAR.sub("", cleaned)))
    year = parsed.year if has_year else _nearest_year(parsed.month, reference)
    if has_day and part is None:
        day = date(year, parsed.month, parsed.day)
        return DateSpan(day, day, DatePrecision.DAY)
    last = calendar.monthrange(year, parsed.month)[1]
    if part is None:
        return DateSpan(
            date(year, parsed.month, 1), date(year, parsed.month, last), DatePrecision.MONTH
        )
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
    return DateSpan(
        date(year, parsed.month, first_day),
        date(year, parsed.month, last_day),
        DatePrecision.PART_OF_MONTH,
    )


def _nearest_year(month: int, reference: date | None) -> int:
    if reference is None:
        raise DateParseError("a month without a year needs a reference date")
    year = reference.year
    if month - reference.month > 6:
        year -= 1
    elif reference.month - month > 6:
        year += 1
    return year


def parse_date_range(text: str, reference: date | None = None) -> tuple[date | None, date | None]:
    """Read a filter's date range: one period ("May 2025", "2025-05") or two joined by
    ".." ("May..June 2025"), or an EDTF interval ("2025-05/2025-06", "2025-05-07/..").

    Either end of "a..b" may be left empty for an open range (None), as either end of
    an EDTF interval may be "..".
    """
    from .edtf_dates import looks_like_edtf, parse_edtf_text

    if "/" in text and looks_like_edtf(text):
        read = parse_edtf_text(text)
        return read.start, read.end
    if ".." in text:
        first, _, second = text.partition("..")
        if not first.strip() and not second.strip():
            raise DateParseError(f"no date in {text!r}")
        start = parse_date_text(first, reference).start if first.strip() else None
        end = parse_date_text(second, reference).end if second.strip() else None
    else:
        span = parse_date_text(text, reference)
        start, end = span.start, span.end
    if start and end and start > end:
        raise DateParseError(f"date range {text!r} ends before it starts")
    return start, end


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _mon(day: date) -> str:
    """English month abbreviation, independent of the process locale."""
    return _MONTHS[day.month - 1]


def format_span(start: date, end: date, precision: DatePrecision) -> str:
    """A date only as precise as it is known: "22 Apr 2025", "early Jun 2025", "2023"."""
    if precision is DatePrecision.DAY:
        return f"{start.day} {_mon(start)} {start.year}"
    if precision is DatePrecision.MONTH:
        return f"{_mon(start)} {start.year}"
    if precision is DatePrecision.YEAR:
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if precision is DatePrecision.PART_OF_MONTH:
        part = "early" if start.day <= 10 else ("mid" if start.day <= 20 else "late")
        return f"{part} {_mon(start)} {start.year}"
    if start.year != end.year:
        return f"{start.day} {_mon(start)} {start.year}–{end.day} {_mon(end)} {end.year}"
    if start.month != end.month:
        return f"{start.day} {_mon(start)}–{end.day} {_mon(end)} {end.year}"
    if start.day != end.day:
        return f"{start.day}–{end.day} {_mon(start)} {start.year}"
    return f"{start.day} {_mon(start)} {start.year}"


def date_label(start: date, end: date, precision: DatePrecision, basis: DateBasis) -> str:
    """A position's date as a reader should take it: "by" when only the document dates
    it, "*" when the date comes from outside the text."""
    label = format_span(start, end, precision)
    if basis is DateBasis.DOCUMENT:
        return f"by {label}"
    if basis is DateBasis.INFERRED:
        return f"{label}*"
    return label

"""A position's date as EDTF (the Library of Congress Extended Date/Time Format, ISO
8601-2), out and in.

Out: every position's date is derived from the stored start, end, precision and basis,
the same way everywhere (JSON, CSV, the brief, the annotations), never stored twice:

| stored                                   | EDTF                              |
|------------------------------------------|-----------------------------------|
| day 2025-04-23                           | `2025-04-23`                      |
| month (whole months)                     | `2025-05`, `2025-05/2025-06`      |
| year (whole years)                       | `2025`, `2024/2025`               |
| part of a month, week, span, other days  | `2025-06-01/2025-06-10`           |
| basis "inferred" (from outside the text) | `?` after each end: `2025-05-21?/2025-05-24?` |
| the source's words say "about", "around" | `~` after each end: `2025~`      |
| both                                     | `%`                               |

The start and end always survive a round trip (derive, then parse). The precision does
for day, month and year, and for a part of a month (the thirds: 1–10, 11–20, 21–end),
which reads back by its shape; EDTF has no week, so a week or a span reads back as a
span. "?" is EDTF's "uncertain" and "~" its "approximate"; the basis "document" and
"stated" have no EDTF qualifier (the date is the source's own).

In: `parse_edtf_text` reads what an analyst types anywhere a date is typed (import,
`code --date`, the form, `--date` filters), including open intervals ("2025-05/..",
"../2025-06"), with the `edtf` package, the standard's implementation; free wording
("early June", "May 2025") stays with python-dateutil (`store.dates`).
"""

from __future__ import annotations

import calendar
import contextlib
import io
import re
import struct
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import DateParseError, in_range_problem
from .vocab import DateBasis, DatePrecision

_APPROXIMATE_WORDS = re.compile(
    r"\b(about|around|approximately|roughly|circa|some time|sometime|nearly)\b|\bc\.\s*\d",
    re.IGNORECASE,
)
"""Wording by which the source itself says its date is approximate."""

_EDTF_SHAPE = re.compile(r"^[\d\-X~?%/.\[\]{},:TZ+ ]+$|^\.\./|/\.\.$|^\.\.$")
"""What EDTF text is made of: digits, "-", "X" (unspecified), qualifiers, "/" and "..".
Free wording ("May 2025") has letters other than X and is left to dateutil."""


@dataclass(frozen=True)
class EdtfDate:
    """What an EDTF string says: its days (None for an open end), the precision they are
    known to, and its qualifiers."""

    start: date | None
    end: date | None
    precision: DatePrecision
    uncertain: bool = False
    approximate: bool = False


def looks_like_edtf(text: str) -> bool:
    """Whether typed text is EDTF rather than words: "2025-05/2025-06", "2025~", "../2025"
    are; "May 2025" and "2025-05-01..2025-06-15" (Counterpoint's own range) are not."""
    stripped = text.strip()
    if not stripped or ".." in stripped.replace("/..", "").replace("../", ""):
        return False
    return bool(_EDTF_SHAPE.search(stripped))


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


def _whole_years(start: date, end: date) -> bool:
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def _core(start: date, end: date, precision: DatePrecision) -> list[str]:
    """The one or two unqualified ends."""
    if precision is DatePrecision.YEAR and _whole_years(start, end):
        ends = [f"{start.year:04d}", f"{end.year:04d}"]
    elif precision is DatePrecision.MONTH and _whole_months(start, end):
        ends = [f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"]
    else:
        ends = [start.isoformat(), end.isoformat()]
    return ends[:1] if ends[0] == ends[1] else ends


def to_edtf(
    start: date, end: date, precision: DatePrecision, basis: DateBasis, date_text: str = ""
) -> str:
    """The EDTF string of a stored date (see the module's table)."""
    uncertain = basis is DateBasis.INFERRED
    approximate = bool(_APPROXIMATE_WORDS.search(date_text))
    mark = "%" if uncertain and approximate else "?" if uncertain else "~" if approximate else ""
    return "/".join(end_text + mark for end_text in _core(start, end, precision))


def parse_edtf(text: str) -> Any:
    """The `edtf` package's parse, with what it prints (it reports some failures on
    standard output) kept out of ours: `list` and `export` write data there."""
    from edtf import parse_edtf as parse

    with contextlib.redirect_stdout(io.StringIO()):
        return parse(text)


def _day(value: time.struct_time) -> date:
    return date(value.tm_year, value.tm_mon, value.tm_mday)


def _precision_of(start: date, end: date, texts: list[str]) -> DatePrecision:
    """The precision the written ends give: "2025" a year, "2025-05" a month, a day a
    day; two days a part of a month when they are one of its thirds, else a span."""
    bare = [t.rstrip("~?%") for t in texts if t not in ("", "..")]
    if bare and all(re.fullmatch(r"-?\d{4}", t) for t in bare):
        return DatePrecision.YEAR
    if bare and all(re.fullmatch(r"-?\d{4}-\d{2}", t) for t in bare):
        return DatePrecision.MONTH
    if start == end:
        return DatePrecision.DAY
    last = calendar.monthrange(start.year, start.month)[1]
    thirds = {(1, 10), (11, 20), (21, last)}
    if (start.year, start.month) == (end.year, end.month) and (start.day, end.day) in thirds:
        return DatePrecision.PART_OF_MONTH
    return DatePrecision.SPAN


def parse_edtf_text(text: str) -> EdtfDate:
    """Read EDTF; DateParseError (one line, saying what EDTF looks like) when it is not,
    or when a date falls outside what Counterpoint places."""
    from edtf import EDTFParseException  # only when a date is typed or imported

    stripped = text.strip()
    try:
        parsed = parse_edtf(stripped)
    except (EDTFParseException, ValueError, TypeError, struct.error) as exc:
        raise DateParseError(
            f"{text!r} is not an EDTF date (e.g. 2025-05-07, 2025-05, 2025~, "
            "2025-05/2025-06, 2025-05-07/..)"
        ) from exc
    texts = stripped.split("/") if "/" in stripped else [stripped]
    start: date | None = None
    end: date | None = None
    try:
        if len(texts) == 2:
            if texts[0] not in ("", ".."):
                start = _day(parse_edtf(texts[0]).lower_strict())
            if texts[1] not in ("", ".."):
                end = _day(parse_edtf(texts[1]).upper_strict())
        else:
            start, end = _day(parsed.lower_strict()), _day(parsed.upper_strict())
    except (ValueError, TypeError, OverflowError, struct.error) as exc:
        raise DateParseError(f"cannot place the EDTF date {text!r}") from exc
    if start is None and end is None:
        raise DateParseError(f"no date in {text!r}: both ends are open")
    for day, field in ((start, "start"), (end, "end")):
        problem = in_range_problem(day, f"the {field}") if day else None
        if problem:
            raise DateParseError(problem)
    if start and end and start > end:
        raise DateParseError(f"EDTF interval {text!r} ends before it starts")
    precision = _precision_of(start or end or date.min, end or start or date.min, texts)
    qualifiers = "".join(ch for ch in stripped if ch in "~?%")
    return EdtfDate(
        start,
        end,
        precision,
        uncertain=bool(set(qualifiers) & {"?", "%"}),
        approximate=bool(set(qualifiers) & {"~", "%"}),
    )

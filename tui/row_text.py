"""What a position looks like in one row of a pane, as plain text.

No colour carries meaning here: the kind is a three-letter code followed by the
credibility grade (1-6, "-" ungraded), a doubted position's summary starts with "?", an inferred
date ends in "*", a date reported only as of the document starts with "by", and
a date the database holds but the timeline cannot place starts with "!". The
widget adds style on top. Everything is cut to the cell width by display
cells, so wide (CJK) characters never push a column out of line.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from store import DateBasis, DatePrecision, Kind, Position
from store.grades import UNGRADED
from store.plain_text import one_line

KIND_CODES: dict[Kind, str] = {
    Kind.ACTION: "ACT",
    Kind.STATEMENT: "STM",
    Kind.INTENT: "INT",
    Kind.OFFER: "OFR",
    Kind.APPEAL: "APL",
    Kind.DEMAND: "DEM",
    Kind.ALLEGATION: "ALG",
    Kind.DENIAL: "DEN",
    Kind.CRITICISM: "CRT",
    Kind.INCIDENT: "INC",
    Kind.COMMENTARY: "CMT",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_JOINERS = "\u200c\u200d"
DATE_WIDTH = 10
WIDE_PANE = 48
"""From this pane width on, a row names the actor before the summary."""


def short_date(p: Position) -> str:
    """The row's date: no year (year rows carry it), only as precise as known."""
    if p.date_problem:
        return "!" + one_line(p.stored_dates[0] if p.stored_dates else "")
    start, end = p.date_start, p.date_end
    month = _MONTHS[start.month - 1]
    precision = p.date_precision
    if precision is DatePrecision.YEAR:
        text = str(start.year)
    elif precision is DatePrecision.MONTH:
        text = f"{month} {start.year}"
    elif precision is DatePrecision.PART_OF_MONTH:
        part = "early" if start.day <= 10 else ("mid" if start.day <= 20 else "late")
        text = f"{part} {month}"
    elif precision is DatePrecision.SPAN or (start.month != end.month):
        text = f"{start.day} {month}→"
    elif start != end:
        text = f"{start.day}–{end.day} {month}"
    else:
        text = f"{start.day} {month}"
    if p.date_basis is DateBasis.DOCUMENT:
        return f"by {text}"
    if p.date_basis is DateBasis.INFERRED:
        return f"{text}*"
    return text


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: cut with an ellipsis, or padded.

    A cut may end on a joiner; Rich (like tmux) joins the next character to it, so
    the ellipsis or padding would vanish into it. Joiners at the cut are dropped.
    """
    if width <= 0:
        return ""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip(_JOINERS) + "…"
    text = text.rstrip(_JOINERS)
    return text + " " * (width - cell_len(text))


def names_actor(summary: str, actor: str) -> bool:
    """Whether the summary already names the actor (by the last word of the name)."""
    words = actor.split()
    return bool(words) and words[-1].casefold() in summary.casefold()


def grade_mark(p: Position) -> str:
    """The credibility grade as one character after the kind code ("ALG3"; "ALG-"
    ungraded): how far the position can be believed, readable without colour."""
    return UNGRADED if p.credibility is None else str(p.credibility)


DOUBT_MARK = "?"
"""Before the summary of a position whose source may itself be wrong ("? Government of X says…")."""


def pane_text(p: Position, width: int, *, actor: bool = True) -> str:
    """Date, kind code and credibility grade, doubt mark, actor, summary: one line of
    `width` cells.

    The actor is left out where the summary already names it ("Canada urges…" by
    Canada) and in narrow panes, where the preview line under the
    panes shows it instead.
    """
    doubt = f"{DOUBT_MARK} " if p.doubt else ""
    head = f"{fit(short_date(p), DATE_WIDTH)} {KIND_CODES[p.kind]}{grade_mark(p)} {doubt}"
    summary = one_line(p.summary)
    name = one_line(p.actors[0]) if p.actors and actor else ""
    shown = f"{name}: " if width >= WIDE_PANE and name and not names_actor(summary, name) else ""
    return fit(head + shown + summary, width)


def compact_text(p: Position, width: int) -> str:
    """A position in a lane that wide mode narrowed: kind code, grade and doubt mark,
    enough to see what is there and where the cursor can go."""
    return fit(f"{KIND_CODES[p.kind]}{grade_mark(p)}{DOUBT_MARK if p.doubt else ''}", width)


def lane_text(p: Position, width: int) -> str:
    """A third party in the narrow centre lane: kind code and actor."""
    doubt = f"{DOUBT_MARK} " if p.doubt else ""
    return fit(f"{KIND_CODES[p.kind]}{grade_mark(p)} {doubt}{one_line(p.actors[0])}", width)

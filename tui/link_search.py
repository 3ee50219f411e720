"""What the position form's link search offers, apart from the widgets that show it.

A link goes to one position picked out of many, so each match has to say enough to
be told from its neighbours: whose it is (side), what it is (kind), when, and its id,
before its summary. And the user must know how many matched, so a position the list
does not reach is not taken for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text

from store import Position
from store.plain_text import one_line

from .row_text import KIND_CODES, short_date

LINK_LIMIT = 50
"""At most this many matches are listed; more than that is a sign to type more."""

ID_WIDTH = 20
"""Ids longer than this are cut (with "…") in a match's line: the summary needs room."""


@dataclass(frozen=True)
class LinkMatches:
    """The first matches of a search, and how many positions matched in all."""

    positions: list[Position]
    total: int


def short_id(position_id: str, width: int = ID_WIDTH) -> str:
    """`position_id` cut to `width` cells, its end marked "…" when cut."""
    if len(position_id) <= width:
        return position_id
    return position_id[: width - 1] + "…"


def match_line(p: Position, side_label: Callable[[str], str]) -> Text:
    """One match on one line: side, kind code, date, short id, summary (cut with "…" at
    the edge; text from data, so never markup)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{one_line(side_label(p.side)):<8.8} ", style="bold")
    line.append(f"{KIND_CODES[p.kind]} {one_line(short_date(p)):<9} ")
    line.append(short_id(one_line(p.id)), style="italic")
    line.append(f" {one_line(p.summary)}")
    return line


def count_line(shown: int, total: int) -> str:
    """How many matched, next to the search field: "no match", "9 matches", "50 of 312"."""
    if total <= 0:
        return "no match"
    if shown >= total:
        return "1 match" if total == 1 else f"{total} matches"
    return f"{shown} of {total}"


def search_hint(shown: int, total: int) -> str:
    """What to do next with the matches listed (or none)."""
    if total <= 0:
        return "No position matches: try other words."
    more = f"{shown} of {total} shown; type more to narrow. " if shown < total else ""
    return more + "Enter or ↓ goes to the matches; Enter on one adds the link."

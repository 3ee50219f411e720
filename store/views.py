"""Saved views: an analyst's filters, search, zoom, wide mode and cursor, under a letter
(`m a` in the app saves, `' a` returns, `list --view a` and `export --view a` use it),
and where each analyst left off (the name "").

A view is the analyst's own, like a bookmark: keyed by author, never touched by an
import or a re-seed. The state is stored as JSON so a later version can add to it; a
state this version cannot read (written by a newer one, or edited by hand) is reported,
never guessed at.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .connection import Database
from .errors import StoreError
from .query import Filter
from .revisions import now_utc
from .vocab import Kind

LEFT_OFF = ""
"""The name of the view saved when an analyst leaves the app."""
NAMES = "abcdefghijklmnopqrstuvwxyz"
"""What a saved view may be called: one letter, as vim's marks."""


@dataclass(frozen=True)
class ViewState:
    """What a view brings back."""

    filter: Filter = field(default_factory=Filter)
    search: str = ""
    zoom: str = "day"
    cursor: str | None = None
    """The id of the position the cursor was on."""
    wide: bool = False
    answers: bool = True
    """Whether a filter's matches bring their answers (`A`)."""

    def to_json(self) -> str:
        flt = self.filter
        data = {
            "filter": {
                "sides": sorted(flt.sides),
                "kinds": sorted(k.value for k in flt.kinds),
                "topics": sorted(flt.topics),
                "actors": sorted(flt.actors),
                "documents": sorted(flt.documents),
                "date_from": flt.date_from.isoformat() if flt.date_from else None,
                "date_to": flt.date_to.isoformat() if flt.date_to else None,
                "bookmarked": flt.bookmarked_by is not None,
                "annotated": flt.annotated,
                "include_retracted": flt.include_retracted,
                "credibility": list(flt.credibility) if flt.credibility else None,
                "reliability": list(flt.reliability) if flt.reliability else None,
                "doubted": flt.doubted,
            },
            "search": self.search,
            "zoom": self.zoom,
            "cursor": self.cursor,
            "wide": self.wide,
            "answers": self.answers,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, author: str) -> ViewState:
        """The state in `text`; StoreError saying what cannot be read. `author` is whose
        bookmarks "bookmarked" means."""
        try:
            data = json.loads(text)
            f = data["filter"]
            flt = Filter(
                sides=frozenset(f["sides"]),
                kinds=frozenset(Kind(k) for k in f["kinds"]),
                topics=frozenset(f["topics"]),
                actors=frozenset(f["actors"]),
                documents=frozenset(f["documents"]),
                date_from=date.fromisoformat(f["date_from"]) if f["date_from"] else None,
                date_to=date.fromisoformat(f["date_to"]) if f["date_to"] else None,
                bookmarked_by=author if f["bookmarked"] else None,
                annotated=bool(f["annotated"]),
                include_retracted=bool(f["include_retracted"]),
                credibility=(int(f["credibility"][0]), int(f["credibility"][1]))
                if f["credibility"]
                else None,
                reliability=(str(f["reliability"][0]), str(f["reliability"][1]))
                if f["reliability"]
                else None,
                doubted=bool(f["doubted"]),
            )
            return cls(
                filter=flt,
                search=str(data["search"]),
                zoom=str(data["zoom"]),
                cursor=data["cursor"] if isinstance(data["cursor"], str) else None,
                wide=bool(data["wide"]),
                answers=bool(data.get("answers", True)),
            )
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise StoreError(f"the saved view cannot be read ({exc!r})") from exc


@dataclass(frozen=True)
class SavedView:
    name: str
    state: ViewState
    saved_at: str


def check_name(name: str) -> None:
    if name != LEFT_OFF and (len(name) != 1 or name not in NAMES):
        raise StoreError(f"a view is named by one letter, a to z, not {name!r}")


def save_view(db: Database, author: str, name: str, state: ViewState) -> None:
    check_name(name)
    conn = db.conn
    with conn:
        conn.execute(
            "INSERT INTO views (author, name, state, saved_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (author, name) DO UPDATE SET state = excluded.state, "
            "saved_at = excluded.saved_at",
            [author, name, state.to_json(), now_utc()],
        )


def _rows(db: Database, sql: str, params: list[Any]) -> list[tuple[str, str, str]]:
    try:
        return [(str(a), str(b), str(c)) for a, b, c in db.conn.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # an older file opened read-only: none saved
            return []
        raise


def saved_view(db: Database, author: str, name: str) -> SavedView | None:
    """The analyst's view of that name, or None."""
    check_name(name)
    rows = _rows(
        db,
        "SELECT name, state, saved_at FROM views WHERE author = ? AND name = ?",
        [author, name],
    )
    if not rows:
        return None
    [(found, state, saved_at)] = rows
    return SavedView(found, ViewState.from_json(state, author), saved_at)


def saved_views(db: Database, author: str) -> list[SavedView]:
    """The analyst's lettered views, a to z (not where they left off). One that cannot
    be read is left out (the letter can be saved again)."""
    views = []
    for name, state, saved_at in _rows(
        db,
        "SELECT name, state, saved_at FROM views WHERE author = ? AND name != '' ORDER BY name",
        [author],
    ):
        try:
            views.append(SavedView(name, ViewState.from_json(state, author), saved_at))
        except StoreError:
            continue
    return views


def with_search(state: ViewState) -> Filter:
    """The view's filter with its search, as `list` and `export` apply it."""
    return replace(state.filter, text=state.search)

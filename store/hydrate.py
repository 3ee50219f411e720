"""Rows of the positions and documents tables as the store's records.

Rows come from other tools too (the file is shared), so what the schema does not
guard is read defensively: a date that cannot be placed is marked, not fatal; a text
stored as bytes is decoded. Used by `Store` and by the writers that record what a
position was before and after a change (`store.desk`, the importer).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from .connection import Database
from .dates import date_label, read_stored_date
from .grades import RELIABILITY
from .query import in_chunks
from .records import Document, Link, Position, Source
from .vocab import DateBasis, DatePrecision, Kind, PositionStatus, Relation


def rows_of(db: Database, sql: str, params: Sequence[object]) -> Iterator[dict[str, Any]]:
    """Rows as dicts by column name."""
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row, strict=True))


def hydrate(db: Database, rows: list[dict[str, Any]]) -> list[Position]:
    """Attach actors, topics, places, sources and links, a few queries per page."""
    parts: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    ids = [row["id"] for row in rows]
    for chunk, marks in in_chunks(ids, ordered=False):
        for pid, actor_id, name in db.execute(
            "SELECT x.position_id, x.actor_id, coalesce(a.name, x.actor_id) "
            "FROM position_actors x LEFT JOIN actors a ON a.id = x.actor_id "
            f"WHERE x.position_id IN ({marks}) ORDER BY x.position_id, x.ordinal",
            chunk,
        ):
            parts[pid]["actor_ids"].append(_text(actor_id))
            parts[pid]["position_actors"].append(_text(name))
        for table, column in (
            ("position_topics", "topic"),
            ("position_places", "name"),
        ):
            for pid, value in db.execute(
                f"SELECT position_id, {column} FROM {table} "
                f"WHERE position_id IN ({marks}) ORDER BY position_id, ordinal",
                chunk,
            ):
                parts[pid][table].append(value)
        for pid, doc, quote, begin, end, prefix, suffix in db.execute(
            'SELECT position_id, document_id, quote, start, "end", prefix, suffix '
            f"FROM sources WHERE position_id IN ({marks}) ORDER BY position_id, ordinal",
            chunk,
        ):
            parts[pid]["sources"].append(
                Source(
                    _text(doc),
                    _text(quote),
                    _offset(begin),
                    _offset(end),
                    _text(prefix or ""),
                    _text(suffix or ""),
                )
            )
        for pid, relation, target in db.execute(
            "SELECT source_id, relation, target_id FROM links "
            f"WHERE source_id IN ({marks}) ORDER BY source_id, ordinal",
            chunk,
        ):
            parts[pid]["links"].append(Link(Relation(relation), target))
    return [_position(row, parts[row["id"]]) for row in rows]


def _text(value: Any) -> str:
    """A stored text as a string, whatever type another tool stored there."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


@lru_cache(maxsize=4096)
def stored_date_label(start_text: object, end_text: object, precision: str, basis: str) -> str:
    """The date label a position with these stored fields shows (`Position.date_label`),
    without reading the rest of it: what `list` needs to size its date column."""
    start = read_stored_date(start_text, "date_start")
    end = read_stored_date(end_text, "date_end")
    problem = "; ".join(p for p in (start.problem, end.problem) if p)
    if problem:
        return f"! unreadable date: {problem}"
    return date_label(
        start.day, max(start.day, end.day), DatePrecision(precision), DateBasis(basis)
    )


def _position(row: dict[str, Any], parts: dict[str, list[Any]]) -> Position:
    """A row as a record. Rows come from other tools too (the file is shared), so what
    the vocabularies' CHECKs do not guard is read defensively: dates that cannot be
    placed are marked, not fatal."""
    start = read_stored_date(row["date_start"], "date_start")
    end = read_stored_date(row["date_end"], "date_end")
    problem = "; ".join(p for p in (start.problem, end.problem) if p)
    return Position(
        id=_text(row["id"]),
        side=_text(row["side"]),
        kind=Kind(row["kind"]),
        summary=_text(row["summary"]),
        actors=[_text(a) for a in parts["position_actors"]],
        topics=[_text(t) for t in parts["position_topics"]],
        places=[_text(p) for p in parts["position_places"]],
        date_start=start.day,
        date_end=max(start.day, end.day),
        date_precision=DatePrecision(row["date_precision"]),
        date_text=_text(row["date_text"]),
        date_basis=DateBasis(row["date_basis"]),
        date_note=_text(row["date_note"]),
        sources=parts["sources"],
        links=parts["links"],
        date_problem=problem,
        stored_dates=(start.text, end.text) if problem else None,
        actor_ids=tuple(parts["actor_ids"]),
        status=_status(row.get("status")),
        status_reason=_text(row.get("status_reason") or ""),
        credibility=_grade(row.get("credibility")),
        credibility_note=_text(row.get("credibility_note") or ""),
        credibility_by=_text(row.get("credibility_by") or ""),
        doubt=_text(row.get("doubt") or ""),
    )


def _grade(value: Any) -> int | None:
    """A stored credibility grade; the schema's CHECK keeps it 1..6 or NULL, and anything
    else (a file whose CHECK another tool dropped) reads as ungraded, not as a grade."""
    return value if isinstance(value, int) and 1 <= value <= 6 else None


def _status(value: Any) -> PositionStatus:
    """A stored status; anything another tool wrote there that is not one reads as active
    (shown, rather than hidden by a value nobody chose)."""
    try:
        return PositionStatus(value)
    except ValueError:
        return PositionStatus.ACTIVE


def _offset(value: Any) -> int:
    """A quote offset; one another tool stored as something else counts as 0."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def document_of(row: dict[str, Any]) -> Document:
    return Document(
        id=_text(row["id"]),
        title=_text(row["title"]),
        outlet=None if row["outlet"] is None else _text(row["outlet"]),
        published=read_stored_date(row["published"], "published").day,
        published_note=_text(row["published_note"]),
        text=_text(row["text"]),
        url=_maybe_text(row.get("url")),
        author=_maybe_text(row.get("author")),
        format=_text(row.get("format") or "text"),
        sha256=_text(row.get("sha256") or ""),
        added_by=_text(row.get("added_by") or ""),
        added_at=_text(row.get("added_at") or ""),
        reliability=row.get("reliability") if row.get("reliability") in RELIABILITY else None,
        reliability_note=_text(row.get("reliability_note") or ""),
        reliability_by=_text(row.get("reliability_by") or ""),
    )


def _maybe_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def read_positions(db: Database, ids: Iterable[str]) -> dict[str, Position]:
    """id -> position for those of `ids` that exist (retracted ones included)."""
    rows: list[dict[str, Any]] = []
    for chunk, marks in in_chunks(ids):
        rows += rows_of(db, f"SELECT * FROM positions WHERE id IN ({marks})", chunk)
    return {p.id: p for p in hydrate(db, rows)}

"""How many distinct source sentences stand behind each side's positions.

A count of positions measures how finely a coder split the text as much as what a side
said: one sentence coded as three positions counts three. The number of distinct
sentences the positions quote does not depend on that choice, so every view that gives
a side's count gives this one beside it. Sentences are the reader's (`store.sentences`);
a quote touching two sentences counts both, and a sentence quoted by both sides counts
once for each.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .connection import Database
from .query import Filter, any_retracted, fts_query_for, where_clause
from .sentences import split_sentences

_BATCH = 50_000


_STORED = """
    SELECT {key}, count(DISTINCT d.rowid)
      FROM positions p JOIN sources s ON s.position_id = p.id
           {join}
           JOIN document_sentences d ON d.document_id = s.document_id
                AND d.start < max(s."end", s.start + 1) AND d."end" > s.start
     WHERE {where}
     GROUP BY 1"""
"""Each quote joined to the stored sentences it overlaps (the index on (document, start,
end) finds them), counted once per key."""


def _stored(db: Database) -> bool:
    """Whether the file stores its sentences (version 8 on; an older file opened
    read-only does not, and is counted by splitting its texts here)."""
    return (
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_sentences'"
        ).fetchone()
        is not None
    )


def sentence_counts(db: Database, flt: Filter) -> dict[str, int]:
    """Side id -> distinct (document, sentence) pairs its matching positions quote
    (answers shown beside a filter's matches are not counted, as in `Store.counts`)."""
    flt = flt.matches_only
    fts = fts_query_for(db.conn, flt)
    where, params = where_clause(flt, fts, retracted=any_retracted(db.conn))
    if _stored(db):
        sql = _STORED.format(key="p.side", join="", where=where)
        return {str(side): n for side, n in db.execute(sql, params)}
    found = _count(
        db,
        f"""SELECT p.side, s.document_id, s.start, s."end"
              FROM positions p JOIN sources s ON s.position_id = p.id
             WHERE {where}
             ORDER BY s.document_id""",
        params,
    )
    return {str(side): n for side, n in found.items()}


def topic_sentence_counts(db: Database, flt: Filter) -> dict[tuple[str, str], int]:
    """(topic id, side id) -> distinct source sentences: the matrix's cells."""
    flt = flt.matches_only
    fts = fts_query_for(db.conn, flt)
    where, params = where_clause(flt, fts, retracted=any_retracted(db.conn))
    if _stored(db):
        sql = _STORED.format(
            key="t.topic, p.side",
            join="JOIN position_topics t ON t.position_id = p.id",
            where=where,
        ).replace("GROUP BY 1", "GROUP BY 1, 2")
        return {(str(topic), str(side)): n for topic, side, n in db.execute(sql, params)}
    found = _count(
        db,
        f"""SELECT t.topic || char(31) || p.side, s.document_id, s.start, s."end"
              FROM positions p JOIN sources s ON s.position_id = p.id
                   JOIN position_topics t ON t.position_id = p.id
             WHERE {where}
             ORDER BY s.document_id""",
        params,
    )
    return {tuple(str(key).split("\x1f", 1)): n for key, n in found.items()}  # type: ignore[misc]


def _count(db: Database, sql: str, params: list[Any]) -> dict[str, int]:
    """Key -> distinct (document, sentence) pairs among rows of (key, document, start,
    end) ordered by document. Reads the quotes' offsets only (no text but each
    document's, once), a batch of rows at a time; each offset finds its sentence by
    bisection."""
    cursor = db.execute(sql, params)
    seen: dict[str, set[tuple[str, int]]] = defaultdict(set)
    spans: tuple[list[int], list[int]] | None = None
    current = None
    for side, document_id, start, end in _rows(cursor):
        if document_id != current:
            current, spans = document_id, _spans(db, document_id)
        if spans is None:
            continue  # a quote of a document the store does not hold
        starts, ends = spans
        end = max(int(end), int(start) + 1)
        for index in range(bisect_right(ends, int(start)), bisect_left(starts, end)):
            seen[side].add((document_id, index))
    return {key: len(pairs) for key, pairs in seen.items()}


def _rows(cursor: object) -> Iterator[tuple[str, str, int, int]]:
    fetch = cursor.fetchmany  # type: ignore[attr-defined]
    while batch := fetch(_BATCH):
        yield from batch


def _spans(db: Database, document_id: str) -> tuple[list[int], list[int]] | None:
    row = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        return None
    sentences = split_sentences(str(row[0]))
    return [s.start for s in sentences], [s.end for s in sentences]

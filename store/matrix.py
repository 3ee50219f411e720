"""The comparison matrix: for each topic, what each side has said, and who is silent.

Without a filter, counts come from one index of topic rows (which carry their
position's side and date) and each cell's latest position from one probe of it.
With a filter, one grouped query over the filtered positions, a window function
picking each cell's latest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .connection import Database
from .dates import read_stored_date
from .query import Filter, any_retracted, fts_query_for, where_clause
from .registry import TopicInfo, read_vocabularies
from .sentence_counts import topic_sentence_counts


@dataclass(frozen=True)
class MatrixCell:
    """One topic on one side: how many positions, and the latest of them."""

    count: int = 0
    latest_id: str | None = None
    latest_start: date | None = None
    latest_summary: str = ""
    sentences: int = 0
    """Distinct source sentences behind `count` (`store.sentence_counts`)."""


@dataclass(frozen=True)
class MatrixRow:
    topic: TopicInfo
    cells: dict[str, MatrixCell]
    """Side id -> cell, for the two sides compared and the third lane, in that order."""
    parties: tuple[str, str] = ("", "")

    @property
    def unanswered_by(self) -> str | None:
        """The one of the two sides that is silent on a topic the other has spoken to."""
        first, second = self.parties
        first_n, second_n = self.cells[first].count, self.cells[second].count
        if first_n and not second_n:
            return second
        if second_n and not first_n:
            return first
        return None


def comparison_matrix(db: Database, flt: Filter) -> list[MatrixRow]:
    """Every topic, in the database's order, by side, under the filter's other facets.

    The filter's own topic and side facets are ignored: the matrix is about all of
    them; its date range, kinds, actors, documents, search and marks still apply.
    """
    scope = replace(flt.matches_only, topics=frozenset(), sides=frozenset())
    if scope.is_empty:
        rows = _unfiltered(db)
    else:
        fts = fts_query_for(db.conn, scope)
        where, params = where_clause(scope, fts, retracted=any_retracted(db.conn))
        rows = db.execute(
            f"""SELECT topic, side, n, id, date_start, summary FROM (
                  SELECT t.topic, p.side, p.id, p.date_start, p.summary,
                         count(*) OVER (PARTITION BY t.topic, p.side) AS n,
                         row_number() OVER (PARTITION BY t.topic, p.side
                                            ORDER BY p.date_start DESC, p.id DESC) AS latest
                    FROM positions p JOIN position_topics t ON t.position_id = p.id
                   WHERE {where})
                WHERE latest = 1""",
            params,
        ).fetchall()
    cells: dict[tuple[str, str], MatrixCell] = {
        (topic, side): MatrixCell(n, pid, read_stored_date(start, "date_start").day, str(summary))
        for topic, side, n, pid, start, summary in rows
    }
    sentences = topic_sentence_counts(db, scope)
    cells = {key: replace(cell, sentences=sentences.get(key, 0)) for key, cell in cells.items()}
    vocab = read_vocabularies(db)
    sides = [side.id for side in vocab.in_order]
    return [
        MatrixRow(
            topic,
            {side: cells.get((topic.id, side), MatrixCell()) for side in sides},
            (vocab.first.id, vocab.second.id),
        )
        for topic in vocab.topics
    ]


_ACTIVE = "position_id NOT IN (SELECT id FROM positions WHERE status = 'retracted')"
"""Retracted positions leave the matrix; the partial index lists the few there are, so
the counts still come from the topic index alone."""


def _unfiltered(db: Database) -> list[tuple[Any, ...]]:
    """Counts from the (topic, side, date_start, position_id) index alone, and each
    cell's latest position by one probe of it."""
    rows = []
    for topic, side, n in db.execute(
        f"SELECT topic, side, count(*) FROM position_topics WHERE {_ACTIVE} GROUP BY topic, side"
    ).fetchall():
        latest = db.execute(
            """SELECT p.id, p.date_start, p.summary FROM position_topics t
               JOIN positions p ON p.id = t.position_id
               WHERE t.topic = ? AND t.side = ? AND p.status = 'active'
               ORDER BY t.date_start DESC, t.position_id DESC LIMIT 1""",
            [topic, side],
        ).fetchone()
        rows.append((topic, side, n, *latest))
    return rows

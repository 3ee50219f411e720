"""The comparison matrix: for each topic, what each side has said, and who is silent.

One grouped query (a window function picks each cell's latest position), so the
cost is one pass over the filtered positions whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .connection import Database
from .query import Filter, fts_query_for, where_clause
from .vocab import Side, Topic


@dataclass(frozen=True)
class MatrixCell:
    """One topic on one side: how many positions, and the latest of them."""

    count: int = 0
    latest_id: str | None = None
    latest_start: date | None = None
    latest_summary: str = ""


@dataclass(frozen=True)
class MatrixRow:
    topic: Topic
    cells: dict[Side, MatrixCell]

    @property
    def unanswered_by(self) -> Side | None:
        """The side (India or Pakistan) that is silent on a topic the other has spoken to."""
        india, pakistan = self.cells[Side.INDIA].count, self.cells[Side.PAKISTAN].count
        if india and not pakistan:
            return Side.PAKISTAN
        if pakistan and not india:
            return Side.INDIA
        return None


def comparison_matrix(db: Database, flt: Filter) -> list[MatrixRow]:
    """Every topic, in vocabulary order, by side, under the filter's other facets.

    The filter's own topic and side facets are ignored: the matrix is about all of
    them; its date range, kinds, actors, documents, search and marks still apply.
    """
    scope = replace(flt, topics=frozenset(), sides=frozenset())
    fts, _ = fts_query_for(db.conn, scope)
    where, params = where_clause(scope, fts)
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
        (topic, side): MatrixCell(n, pid, date.fromisoformat(start), summary)
        for topic, side, n, pid, start, summary in rows
    }
    return [
        MatrixRow(topic, {side: cells.get((topic.value, side.value), MatrixCell())
                          for side in Side})
        for topic in Topic
    ]

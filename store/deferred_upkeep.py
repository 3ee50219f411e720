"""What a bulk write switches off and rebuilds once: the one bulk path's upkeep.

Row by row, every insert into `positions` updates the full-text index (three
triggers), the per-side counts (three more) and five secondary indexes, and each
child row its table's index. Built once from all the rows instead, the same
structures cost a fraction: SQLite sorts once rather than descending a B-tree per
row. `bulk_load` (synth) and a large `import` both go through `DeferredUpkeep`,
inside their own transaction, so a kill or an error rolls the dropped triggers
and indexes back with the rows: the store is never left without them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .schema import recount_sides

FTS_TRIGGERS = ("positions_ai", "positions_ad", "positions_au")
COUNT_TRIGGERS = ("side_counts_ai", "side_counts_ad", "side_counts_au")
CHILD_TABLES = ("position_actors", "position_topics", "position_places", "sources")


@dataclass(frozen=True)
class DeferredUpkeep:
    """The triggers and indexes dropped for one bulk write, to be made again by `finish`."""

    conn: sqlite3.Connection
    before: int
    """The largest positions rowid before the write: rows past it are the new ones."""
    dropped: tuple[tuple[str, str, str], ...]
    """(kind, name, CREATE statement) of each trigger and index dropped."""

    @classmethod
    def begin(
        cls, conn: sqlite3.Connection, expected: int | None, *, triggers_always: bool
    ) -> DeferredUpkeep:
        """Drop what a write of `expected` positions (None: unknown) should not keep up
        row by row, inside the caller's open transaction.

        Secondary indexes go only when the store is empty or the write at least
        doubles it: rebuilding a large store's indexes for a few rows would cost more
        than it saves. Triggers go whenever indexes do, and always with
        `triggers_always` (a load of new ids only: the text of the new rows alone is
        then indexed, which costs what the triggers would, at once)."""
        before = conn.execute("SELECT coalesce(max(rowid), 0) FROM positions").fetchone()[0]
        large = before == 0 or (expected is not None and expected >= before)
        dropped: list[tuple[str, str, str]] = []
        if large or triggers_always:
            dropped += _definitions(conn, "trigger", FTS_TRIGGERS + COUNT_TRIGGERS)
        if large:
            dropped += _definitions(conn, "index", _deferrable_indexes(conn))
        for kind, name, _ in dropped:
            conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        return cls(conn, before, tuple(dropped))

    def finish(self, written: int) -> None:
        """Build the dropped indexes, index the new text, count the sides and put the
        triggers back, still inside the caller's transaction."""
        if not self.dropped:
            return
        for kind, _, sql in self.dropped:
            if kind == "index":
                self.conn.execute(sql)
        _index_text(self.conn, self.before, written)
        recount_sides(self.conn)
        for kind, _, sql in self.dropped:
            if kind == "trigger":
                self.conn.execute(sql)


BULK_TABLES = ("positions", *CHILD_TABLES, "links")
"""The tables a bulk load writes row by row whose secondary indexes it may build once."""


def _deferrable_indexes(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The explicit indexes on the bulk tables (a primary key's own index stays: every
    insert checks it)."""
    marks = ", ".join("?" for _ in BULK_TABLES)
    return tuple(
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            BULK_TABLES,
        )
    )


def _definitions(
    conn: sqlite3.Connection, kind: str, names: Sequence[str]
) -> list[tuple[str, str, str]]:
    """(kind, name, CREATE statement) of each named trigger or index that exists."""
    if not names:
        return []
    marks = ", ".join("?" for _ in names)
    return [
        (kind, row[0], row[1])
        for row in conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = ? AND name IN ({marks}) "
            "ORDER BY name",
            (kind, *names),
        )
    ]


def _index_text(conn: sqlite3.Connection, before: int, written: int) -> None:
    """Fill the full-text index for the rows just loaded. Only the new rows (those past
    the largest rowid before the load) when they are exactly the rows written; a whole
    rebuild otherwise (an id that was already stored kept its rowid, and its old text
    would stay indexed)."""
    after = conn.execute("SELECT coalesce(max(rowid), 0) FROM positions").fetchone()[0]
    if before == 0 or after - before != written:
        conn.execute("INSERT INTO positions_fts (positions_fts) VALUES ('rebuild')")
        return
    conn.execute(
        "INSERT INTO positions_fts (rowid, summary, quotes_text, actors_text) "
        "SELECT rowid, summary, quotes_text, actors_text FROM positions WHERE rowid > ?",
        (before,),
    )

"""How versions 1 to 5 named their sides and topics, and reading a version 4 or 5 file
that may not be upgraded (a read-only file or mount) as if it were version 6.

Before version 6 the sides and topics were CHECK lists in the table definitions, and a
position's actors were names. The migration to 6 reads those lists from the file's own
schema; a read-only file gets TEMP tables and views instead, which shadow the tables of
the same name (SQLite looks in `temp` first) and live in the connection's own
temporary database: the file itself is never written.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

V5_TOPIC_LABELS = {
    "indus_waters_treaty": "Indus Waters Treaty",
    "us_mediation": "US mediation",
    "western_alignment": "Western alignment and China",
}
"""The labels versions 1 to 5 gave their topics where the label was not the id's words
capitalised; frozen here as they were, since topics now live in the data."""

OTHER = "other"
"""The third lane's id in every version."""


def listed_in_check(conn: sqlite3.Connection, table: str, column: str) -> list[str]:
    """The values a table's `column IN (...)` CHECK lists, in order (none: [])."""
    sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    found = re.search(rf"\b{column}\s+IN\s*\(([^)]*)\)", sql[0] if sql else "", re.IGNORECASE)
    return re.findall(r"'((?:[^']|'')*)'", found.group(1)) if found else []


def side_rows(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(id, label, lane) of each side an older file's CHECK names: the two compared in
    the order listed (lanes 1 and 2), then the third lane (3)."""
    sides = listed_in_check(conn, "positions", "side")
    parties = [side for side in sides if side != OTHER]
    return [(side, side.replace("_", " ").capitalize(), n) for n, side in enumerate(parties, 1)] + [
        (OTHER, "Other", 3)
    ]


def topic_rows(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(id, label, ordinal) of each topic an older file's CHECK names."""
    return [
        (topic, V5_TOPIC_LABELS.get(topic, topic.replace("_", " ").capitalize()), n)
        for n, topic in enumerate(listed_in_check(conn, "position_topics", "topic"))
    ]


def read_as_current(conn: sqlite3.Connection) -> None:
    """Make a version 4 or 5 file readable by version 6's queries on this connection only.
    Each name an old position gives its actor is an actor of that id, unclassified."""
    conn.execute("CREATE TEMP TABLE sides (id TEXT PRIMARY KEY, label TEXT, lane INTEGER)")
    conn.executemany("INSERT INTO temp.sides VALUES (?, ?, ?)", side_rows(conn))
    conn.execute(
        "CREATE TEMP TABLE topics (id TEXT PRIMARY KEY, label TEXT, "
        "description TEXT DEFAULT '', ordinal INTEGER)"
    )
    conn.executemany(
        "INSERT INTO temp.topics (id, label, ordinal) VALUES (?, ?, ?)", topic_rows(conn)
    )
    conn.execute(
        "CREATE TEMP VIEW position_actors AS "
        "SELECT position_id, ordinal, name AS actor_id FROM main.position_actors"
    )
    conn.execute(
        "CREATE TEMP VIEW actors AS SELECT DISTINCT name AS id, name, NULL AS side, "
        "NULL AS kind FROM main.position_actors"
    )
    conn.execute(
        "CREATE TEMP VIEW actor_aliases AS SELECT DISTINCT lower(name) AS key, "
        "name AS actor_id, name AS alias FROM main.position_actors"
    )


def read_with_new_columns(
    conn: sqlite3.Connection, columns: Sequence[tuple[str, str, str]]
) -> None:
    """Make an older file readable by the current queries on this connection only (a
    read-only file cannot be migrated): each table missing some of `columns` (table,
    column, declaration, as the migrations add them) is shadowed by a TEMP view that adds
    them with their default, or NULL: every position active and ungraded, the documents'
    and quotes' later columns empty. A file without `revisions` gets an empty one."""
    missing: dict[str, list[str]] = {}
    for table, column, declaration in columns:
        present = {row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")}
        if column not in present:
            default = re.search(r"DEFAULT ('(?:[^']|'')*'|\S+)", declaration)
            missing.setdefault(table, []).append(
                f"{default.group(1) if default else 'NULL'} AS {column}"
            )
    for table, added in missing.items():
        conn.execute(
            f"CREATE TEMP VIEW {table} AS SELECT rowid AS rowid, *, {', '.join(added)} "
            f"FROM main.{table}"
        )
    if not conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'revisions'"
    ).fetchone():
        conn.execute(
            "CREATE TEMP TABLE revisions (id INTEGER PRIMARY KEY, position_id TEXT, at TEXT, "
            "author TEXT, action TEXT, origin TEXT, reason TEXT, before TEXT, after TEXT)"
        )

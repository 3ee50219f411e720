"""A thin handle on an SQLite connection that can lend itself to sqlite-utils.

The read paths need only `execute`; sqlite-utils (for `enable_fts` in the
migrations, and for tools and tests that inspect tables) is imported on first
use of `db[table]`, so starting the app does not pay for importing it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.db import Table, View


class Database:
    """`execute`, `executescript`, `table_names`, `close`, and `db[name]` (or `db.table(name)`)
    -> sqlite-utils Table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def executescript(self, script: str) -> sqlite3.Cursor:
        return self.conn.executescript(script)

    def table_names(self) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
            )
        ]

    def close(self) -> None:
        self.conn.close()

    @property
    def utils(self) -> sqlite_utils.Database:
        """The same connection as a sqlite_utils.Database."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def __getitem__(self, table: str) -> Table | View:
        return self.utils[table]

    def table(self, name: str) -> Table:
        """`db[name]` for a name that must be a table (sqlite-utils raises for a view)."""
        return self.utils.table(name)

"""Every change to a position, kept: who, when, what before and after, and why.

A revision holds the whole position before and after the change, as the JSON of the
import format plus its status, so any version can be read back, compared or restored
without replaying anything. Rows are only ever added: an undo is one more revision,
never an erasure. Written by the coding desk (`store.desk`), `import` and `seed`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .connection import Database
from .records import Position
from .vocab import RevisionAction

Snapshot = dict[str, Any]
"""A position as a revision holds it: `Position.model_dump(mode="json")` plus status."""


def snapshot_of(position: Position) -> Snapshot:
    """The position as a revision stores it (the export format, plus status and reason)."""
    return {
        **position.model_dump(mode="json"),
        "status": position.status.value,
        "status_reason": position.status_reason,
    }


def now_utc() -> str:
    """The time a revision is stamped with: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FieldChange:
    """One field of a position as it was and as it became (None: absent)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Revision:
    """One change to one position."""

    id: int
    position_id: str
    at: str
    author: str
    action: RevisionAction
    origin: str
    reason: str
    before: Snapshot | None
    after: Snapshot | None

    @property
    def changes(self) -> list[FieldChange]:
        """The fields that differ, in the record's order (all of them for a creation)."""
        before, after = self.before or {}, self.after or {}
        names = list(after) + [name for name in before if name not in after]
        return [
            FieldChange(name, before.get(name), after.get(name))
            for name in names
            if before.get(name) != after.get(name)
        ]

    @property
    def stamp(self) -> str:
        """'2026-11-23 21:04 UTC', as notes print their times."""
        try:
            return f"{datetime.fromisoformat(self.at):%Y-%m-%d %H:%M} UTC"
        except ValueError:
            return "time unreadable"


def write_revision(
    conn: sqlite3.Connection,
    position_id: str,
    action: RevisionAction,
    *,
    author: str,
    origin: str,
    before: Snapshot | None,
    after: Snapshot | None,
    reason: str = "",
    at: str | None = None,
) -> int:
    """Add one revision inside the caller's transaction; returns its id."""
    cursor = conn.execute(
        "INSERT INTO revisions (position_id, at, author, action, origin, reason, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            position_id,
            at or now_utc(),
            author,
            action.value,
            origin,
            reason,
            None if before is None else _dumps(before),
            None if after is None else _dumps(after),
        ],
    )
    return int(cursor.lastrowid or 0)


def write_changed(
    conn: sqlite3.Connection,
    before: Mapping[str, Snapshot],
    after: Mapping[str, Snapshot],
    action: RevisionAction,
    *,
    author: str,
    origin: str,
) -> int:
    """One revision per position whose snapshot changed (a bulk write: import, seed);
    returns how many were written. The same time stamps them all."""
    at = now_utc()
    rows = [
        (pid, at, author, action.value, origin, "", _maybe(before.get(pid)), _dumps(snapshot))
        for pid, snapshot in after.items()
        if before.get(pid) != snapshot
    ]
    conn.executemany(
        "INSERT INTO revisions (position_id, at, author, action, origin, reason, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def history(db: Database, position_id: str) -> list[Revision]:
    """A position's revisions, oldest first."""
    return [
        _revision(row)
        for row in db.execute(
            "SELECT id, position_id, at, author, action, origin, reason, before, after "
            "FROM revisions WHERE position_id = ? ORDER BY id",
            [position_id],
        )
    ]


def revision(db: Database, revision_id: int) -> Revision | None:
    row = db.execute(
        "SELECT id, position_id, at, author, action, origin, reason, before, after "
        "FROM revisions WHERE id = ?",
        [revision_id],
    ).fetchone()
    return None if row is None else _revision(row)


def latest_actions(db: Database, ids: Iterable[str]) -> dict[str, RevisionAction]:
    """Each position's latest revision's action, for those that have one."""
    from .query import in_chunks

    found: dict[str, RevisionAction] = {}
    for chunk, marks in in_chunks(ids):
        for pid, action in db.execute(
            f"""SELECT position_id, action FROM revisions WHERE id IN (
                  SELECT max(id) FROM revisions WHERE position_id IN ({marks})
                  GROUP BY position_id)""",
            chunk,
        ):
            found[str(pid)] = _action(action)
    return found


@dataclass(frozen=True)
class Provenance:
    """Who coded a position and who changed it last, for the inspector's line."""

    coded_by: str
    coded_at: str
    coded_how: RevisionAction
    edited_by: str | None = None
    edited_at: str | None = None
    revisions: int = 1

    def describe(self) -> str:
        """'coded by alice 2026-11-23 · last edited by bob on 2026-11-24 · 3 revisions'."""
        verb = {
            RevisionAction.SEED: "seeded",
            RevisionAction.IMPORT: "imported",
        }.get(self.coded_how, "coded")
        line = f"{verb} by {self.coded_by} on {self.coded_at[:10]}"
        if self.edited_by is not None and self.edited_at is not None:
            line += f" · last edited by {self.edited_by} on {self.edited_at[:10]}"
        plural = "s" if self.revisions != 1 else ""
        return f"{line} · {self.revisions} revision{plural}"


def provenance_of(db: Database, ids: Iterable[str]) -> dict[str, Provenance]:
    """The first and the latest revision of each position that has any."""
    from .query import in_chunks

    found: dict[str, Provenance] = {}
    for chunk, marks in in_chunks(ids):
        for pid, first_by, first_at, first_action, last_by, last_at, n in db.execute(
            f"""SELECT f.position_id, f.author, f.at, f.action, l.author, l.at, c.n
                  FROM (SELECT position_id, min(id) AS first, max(id) AS last, count(*) AS n
                          FROM revisions WHERE position_id IN ({marks})
                         GROUP BY position_id) c
                  JOIN revisions f ON f.id = c.first
                  JOIN revisions l ON l.id = c.last""",
            chunk,
        ):
            found[str(pid)] = Provenance(
                str(first_by),
                str(first_at),
                _action(first_action),
                str(last_by) if n > 1 else None,
                str(last_at) if n > 1 else None,
                int(n),
            )
    return found


def _revision(row: tuple[Any, ...]) -> Revision:
    rid, pid, at, author, action, origin, reason, before, after = row
    return Revision(
        int(rid),
        str(pid),
        str(at),
        str(author),
        _action(action),
        str(origin),
        str(reason or ""),
        _loads(before),
        _loads(after),
    )


def _action(value: Any) -> RevisionAction:
    try:
        return RevisionAction(value)
    except ValueError:
        return RevisionAction.EDIT  # a value another tool wrote: shown as a change


def _dumps(snapshot: Snapshot) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=False)


def _maybe(snapshot: Snapshot | None) -> str | None:
    return None if snapshot is None else _dumps(snapshot)


def _loads(text: Any) -> Snapshot | None:
    if text is None:
        return None
    try:
        value = json.loads(str(text))
    except json.JSONDecodeError:
        return {"unreadable": str(text)[:200]}
    return value if isinstance(value, dict) else {"unreadable": str(text)[:200]}


def newest_id(db: Database) -> int:
    """The id of the newest revision (0 when there is none)."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])


def latest_by(db: Database, author: str, since: int = 0) -> Revision | None:
    """`author`'s newest revision with an id above `since` that is not itself an undo of
    something already undone: what `u` takes back next."""
    row = db.execute(
        "SELECT id, position_id, at, author, action, origin, reason, before, after "
        "FROM revisions WHERE author = ? AND id > ? ORDER BY id DESC LIMIT 1",
        [author, since],
    ).fetchone()
    return None if row is None else _revision(row)

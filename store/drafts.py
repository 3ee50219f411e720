"""Drafts: the text of a note that was being typed when the session ended.

An SSH connection that drops, a tmux server that is killed, a crash: the note
editor's text is kept here, per analyst and position, and offered back the next
time that analyst opens the note. Saving the note or throwing the changes away
removes the draft. Drafts are the analyst's own and never shown to others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from .annotations import one_write
from .connection import Database
from .records import Draft


def save_draft(
    db: Database,
    author: str,
    position_id: str,
    text: str,
    at: datetime | None = None,
    wait_ms: int | None = None,
) -> None:
    """Keep (or replace) the author's draft on a position.

    `wait_ms` shortens the wait for another writer's lock for this write alone: a draft
    written while the analyst types must not freeze the screen for the full busy
    timeout; it is simply tried again at the next pause."""
    stamp = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    with _waiting_at_most(db, wait_ms), one_write(db, "draft"):
        db.execute(
            """INSERT INTO drafts (author, position_id, text, saved_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (author, position_id) DO UPDATE
               SET text = excluded.text, saved_at = excluded.saved_at""",
            [author, position_id, text, stamp],
        )


@contextmanager
def _waiting_at_most(db: Database, wait_ms: int | None) -> Iterator[None]:
    if wait_ms is None:
        yield
        return
    usual = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(usual)}")


def draft_for(db: Database, author: str, position_id: str) -> Draft | None:
    row = db.execute(
        "SELECT text, saved_at FROM drafts WHERE author = ? AND position_id = ?",
        [author, position_id],
    ).fetchone()
    if row is None:
        return None
    text, saved = row
    try:
        saved_at: datetime | None = datetime.fromisoformat(str(saved))
    except ValueError:  # written by another tool
        saved_at = None
    return Draft(author, position_id, str(text), saved_at)


def discard_draft(db: Database, author: str, position_id: str) -> None:
    with one_write(db, "draft"):
        db.execute("DELETE FROM drafts WHERE author = ? AND position_id = ?", [author, position_id])

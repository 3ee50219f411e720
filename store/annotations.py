"""Notes and bookmarks: the analysts' own work on top of the imported record.

They live in tables of their own, keyed by position id, so re-seeding or
re-importing positions never touches them. A note belongs to its author (the
login name) and is shown to everyone; a bookmark is its author's alone. Each
write is one short transaction, so several analysts can write to one database
at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from .connection import Database
from .errors import StoreError
from .query import in_chunks
from .records import Note


def _now(at: datetime | None) -> str:
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


@contextmanager
def one_write(db: Database, what: str) -> Iterator[None]:
    """One short transaction. A database locked past the busy timeout, full, or read-only
    becomes one sentence, after a rollback, so the caller can keep the user's text."""
    try:
        with db.conn:
            yield
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"the {what} was not saved: the database cannot be written now ({exc})"
        ) from exc


def _require_position(db: Database, position_id: str) -> None:
    if db.execute("SELECT 1 FROM positions WHERE id = ?", [position_id]).fetchone() is None:
        raise StoreError(f"no position with id {position_id!r}")


def set_note(
    db: Database, position_id: str, author: str, text: str, at: datetime | None = None
) -> Note | None:
    """Write the author's note on a position; blank text deletes it. Returns the note."""
    _require_position(db, position_id)
    if not text.strip():
        with one_write(db, "note"):
            db.execute(
                "DELETE FROM notes WHERE position_id = ? AND author = ?", [position_id, author]
            )
            _end_draft(db, position_id, author)
        return None
    stamp = _now(at)
    from pydantic import ValidationError

    from .models import Note as ValidNote

    try:  # validate before writing, so nothing unreadable is ever stored
        valid = ValidNote(
            position_id=position_id,
            author=author,
            text=text,
            updated_at=datetime.fromisoformat(stamp),
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise StoreError(f"note on {position_id!r}: field '{field}': {error['msg']}") from exc
    note = Note(valid.position_id, valid.author, valid.text, valid.updated_at)
    with one_write(db, "note"):
        db.execute(
            """INSERT INTO notes (position_id, author, text, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (position_id, author) DO UPDATE
               SET text = excluded.text, updated_at = excluded.updated_at""",
            [position_id, note.author, note.text, stamp],
        )
        _end_draft(db, position_id, author)
    return note


def _end_draft(db: Database, position_id: str, author: str) -> None:
    """A saved (or removed) note has no unsaved draft any more: same transaction."""
    db.execute("DELETE FROM drafts WHERE author = ? AND position_id = ?", [author, position_id])


def notes_for(db: Database, ids: Iterable[str]) -> dict[str, list[Note]]:
    """Every note on the given positions, oldest first within each position."""
    found: dict[str, list[Note]] = {}
    for chunk, marks in in_chunks(ids):
        for pid, author, text, updated in db.execute(
            f"SELECT position_id, author, text, updated_at FROM notes "
            f"WHERE position_id IN ({marks}) ORDER BY position_id, updated_at, author",
            chunk,
        ):
            found.setdefault(pid, []).append(Note(pid, str(author), str(text), _when(updated)))
    return found


def _when(stored: object) -> datetime | None:
    """A note's time; None where another tool stored something that is not one."""
    try:
        return datetime.fromisoformat(str(stored))
    except ValueError:
        return None


def toggle_bookmark(
    db: Database, position_id: str, author: str, at: datetime | None = None
) -> bool:
    """Bookmark the position for `author`, or remove the bookmark. True if now bookmarked."""
    _require_position(db, position_id)
    with one_write(db, "bookmark"):
        removed = db.execute(
            "DELETE FROM bookmarks WHERE position_id = ? AND author = ?", [position_id, author]
        ).rowcount
        if removed:
            return False
        db.execute(
            "INSERT INTO bookmarks (position_id, author, created_at) VALUES (?, ?, ?)",
            [position_id, author, _now(at)],
        )
    return True


def marked_ids(db: Database, ids: Iterable[str], author: str) -> tuple[set[str], set[str]]:
    """(bookmarked by `author`, annotated by anyone) among `ids`, for the row marks."""
    bookmarked: set[str] = set()
    annotated: set[str] = set()
    for chunk, marks in in_chunks(ids):
        bookmarked.update(
            row[0]
            for row in db.execute(
                f"SELECT position_id FROM bookmarks WHERE author = ? AND position_id IN ({marks})",
                [author, *chunk],
            )
        )
        annotated.update(
            row[0]
            for row in db.execute(
                f"SELECT DISTINCT position_id FROM notes WHERE position_id IN ({marks})", chunk
            )
        )
    return bookmarked, annotated

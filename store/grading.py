"""Grading documents and positions and saying a doubt: the analyst's source criticism.

A position's grade and doubt are part of the position, so changing them is an edit like
any other, validated as an import is and kept as a revision (`store.desk`); the revision's
reason says what kind of change it was. A document's grade lives on the document, which
has no revisions: the grade records who gave it and the note why.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from .connection import Database
from .desk import edit_position
from .errors import ImportRejected, StoreError
from .grades import RELIABILITY, credibility_label
from .hydrate import document_of, read_positions, rows_of
from .models import GradeNote
from .records import Document, Position
from .revisions import snapshot_of

_NOT_RECORD = ("status", "status_reason")


def _record(db: Database, position_id: str) -> dict[str, Any]:
    found = read_positions(db, [position_id]).get(position_id)
    if found is None:
        raise StoreError(f"no position with id {position_id!r}")
    return {k: v for k, v in snapshot_of(found).items() if k not in _NOT_RECORD}


def grade_position(
    db: Database,
    position_id: str,
    credibility: int | None,
    note: str,
    *,
    author: str,
    origin: str,
    doubt: str | None = None,
) -> Position:
    """Set (or with None clear) a position's credibility grade, graded by `author`; with
    `doubt`, set the doubt too, in the same revision (the app's grade dialog judges the
    two together, so one `u` takes back what one dialog saved)."""
    record = _record(db, position_id)
    record.update(
        credibility=credibility,
        credibility_note=note if credibility is not None else "",
        credibility_by=author if credibility is not None else "",
    )
    reason = f"credibility {credibility_label(credibility)}"
    if doubt is not None and doubt != record.get("doubt", ""):
        record["doubt"] = doubt
        reason += "; doubt raised" if doubt.strip() else "; doubt withdrawn"
    return edit_position(db, record, author=author, origin=origin, reason=reason)[0]


def set_doubt(db: Database, position_id: str, doubt: str, *, author: str, origin: str) -> Position:
    """Say (or with "" withdraw) why the source itself may be wrong for this position."""
    record = _record(db, position_id)
    record["doubt"] = doubt
    reason = "doubt raised" if doubt.strip() else "doubt withdrawn"
    return edit_position(db, record, author=author, origin=origin, reason=reason)[0]


def grade_document(
    db: Database, document_id: str, reliability: str | None, note: str, *, author: str
) -> Document:
    """Set (or with None clear) a document's reliability grade, graded by `author`."""
    if reliability is not None and reliability not in RELIABILITY:
        raise ImportRejected(
            f"field 'reliability': {reliability!r} is not a reliability grade (A to F)"
        )
    try:  # the same limits and clean-up as an import file's note
        clean_note = TypeAdapter(GradeNote).validate_python(note) if reliability else ""
    except ValidationError as exc:
        raise ImportRejected(f"field 'reliability_note': {_first_error(exc)}") from exc
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except Exception as exc:
        raise StoreError(f"the database cannot be written now ({exc}); nothing was saved") from exc
    try:
        changed = conn.execute(
            "UPDATE documents SET reliability = ?, reliability_note = ?, reliability_by = ? "
            "WHERE id = ?",
            [reliability, clean_note, author if reliability else "", document_id],
        ).rowcount
        if not changed:
            raise StoreError(f"no document with id {document_id!r}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    [row] = rows_of(db, "SELECT * FROM documents WHERE id = ?", [document_id])
    return document_of(row)


def _first_error(exc: ValidationError) -> str:
    return str(exc.errors()[0].get("msg", exc))

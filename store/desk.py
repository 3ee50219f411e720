"""The coding desk's writes: one position at a time, every change kept as a revision.

Creating and editing go through the importer's validation (`validate_records`), so a
position coded in the app or with `counterpoint code` obeys exactly the rules of an
import file, and an invalid one is refused with a message naming the field. Each
write is one transaction holding the change and its revision. Nothing is deleted:
retracting takes a position out of the analysis (status), undoing writes the earlier
version back as one more revision.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from .connection import Database
from .errors import ImportRejected, StoreError
from .hydrate import read_positions
from .importer import validate_records
from .records import Position
from .revisions import Revision, Snapshot, revision, snapshot_of, write_revision
from .vocab import PositionStatus, RevisionAction
from .vocabulary_import import write_vocabulary
from .writer import write_positions

_NOT_RECORD = ("status", "status_reason")
"""What a revision's snapshot holds beyond the import format."""


def create_position(
    db: Database,
    record: Mapping[str, Any],
    *,
    author: str,
    origin: str,
    reason: str = "",
    new_topics: Sequence[Mapping[str, str]] = (),
) -> tuple[Position, int | None]:
    """Validate and write a new position; returns it and its revision's id. Without an
    "id" one is made from its side, date and summary."""
    data = dict(record)
    if not data.get("id"):
        data["id"] = new_position_id(db, data)
    elif read_positions(db, [str(data["id"])]):
        raise ImportRejected(
            f"{origin}: field 'id': a position {data['id']!r} exists already; edit it instead"
        )
    return _write(
        db,
        data,
        RevisionAction.CREATE,
        author=author,
        origin=origin,
        reason=reason,
        new_topics=new_topics,
    )


def edit_position(
    db: Database,
    record: Mapping[str, Any],
    *,
    author: str,
    origin: str,
    reason: str = "",
    new_topics: Sequence[Mapping[str, str]] = (),
) -> tuple[Position, int | None]:
    """Validate and write a changed position (its status stays as it is). Returns it and
    its revision's id, or None when nothing changed (no revision is written then)."""
    current = _existing(db, str(record.get("id", "")))
    data = {key: value for key, value in record.items() if key not in _NOT_RECORD}
    return _write(
        db,
        data,
        RevisionAction.EDIT,
        author=author,
        origin=origin,
        reason=reason,
        before=current,
        new_topics=new_topics,
    )


def add_quote(
    db: Database, position_id: str, source: Mapping[str, Any], *, author: str, origin: str
) -> tuple[Position, int | None]:
    """Another quote for an existing position (a second passage saying the same thing)."""
    current = _existing(db, position_id)
    record = _record_of(snapshot_of(current))
    record["sources"] = [*record["sources"], dict(source)]
    return edit_position(db, record, author=author, origin=origin, reason="quote added")


def set_status(
    db: Database,
    position_id: str,
    status: PositionStatus,
    reason: str,
    *,
    author: str,
    origin: str,
) -> tuple[Position, int]:
    """Retract (a reason is required) or restore a position."""
    current = _existing(db, position_id)
    reason = " ".join(reason.split())
    if status is PositionStatus.RETRACTED and not reason:
        raise ImportRejected("field 'reason': say why the position is retracted")
    if current.status is status:
        raise StoreError(f"position {position_id!r} is {status.value} already")
    action = (
        RevisionAction.RETRACT if status is PositionStatus.RETRACTED else RevisionAction.RESTORE
    )
    conn = _begin(db)
    try:
        conn.execute(
            "UPDATE positions SET status = ?, status_reason = ? WHERE id = ?",
            [status.value, reason if status is PositionStatus.RETRACTED else "", position_id],
        )
        after = read_positions(db, [position_id])[position_id]
        rid = write_revision(
            conn,
            position_id,
            action,
            author=author,
            origin=origin,
            reason=reason,
            before=snapshot_of(current),
            after=snapshot_of(after),
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return after, rid


def revert(
    db: Database, revision_id: int, *, author: str, origin: str
) -> tuple[Position, int | None]:
    """Undo one revision: write the position back as it was before it, as a new revision.

    Only the latest revision of a position can be undone (an older one would silently
    drop the changes made since). Undoing a creation retracts the position.
    """
    undone = revision(db, revision_id)
    if undone is None:
        raise StoreError(f"no revision {revision_id}")
    latest = db.execute(
        "SELECT max(id) FROM revisions WHERE position_id = ?", [undone.position_id]
    ).fetchone()[0]
    if latest != undone.id:
        raise StoreError(
            f"position {undone.position_id!r} has changed since revision {revision_id}; "
            "undo the later change first"
        )
    current = _existing(db, undone.position_id)
    target = undone.before
    if target is None:  # a creation: nothing to go back to but out of the analysis
        target = {**snapshot_of(current), "status": "retracted", "status_reason": "undone"}
    return _restore_snapshot(db, current, target, undone, author=author, origin=origin)


def new_position_id(db: Database, record: Mapping[str, Any]) -> str:
    """'<side>-<date>-<first words of the summary>', made unique with -2, -3…: readable in
    links and URLs, and never reused (a retracted position keeps its id)."""
    meaningful = [w for w in _slug(str(record.get("summary", ""))).split("-") if w not in _SMALL]
    words = _first_words("-".join(meaningful[:4]), 32) or "position"
    side = _slug(str(record.get("side", ""))) or "x"
    day = str(record.get("date_start") or "")[:10]
    stem = "-".join(part for part in (side, day, words) if part)[:72].rstrip("-")
    taken = {
        str(row[0])
        for row in db.execute(
            "SELECT id FROM positions WHERE id = ? OR id LIKE ? ESCAPE '\\'",
            [stem, stem.replace("_", "\\_").replace("%", "\\%") + "-%"],
        )
    }
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "with",
    ]
)
"""Words left out of a generated id: it should say what the position is about, briefly
(ids show in links, lists and the reader's status line)."""


def _first_words(slug: str, limit: int) -> str:
    """The whole words of a slug that fit in `limit` characters (at least the first)."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0]
    return cut if cut else slug[:limit]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _existing(db: Database, position_id: str) -> Position:
    found = read_positions(db, [position_id]).get(position_id)
    if found is None:
        raise StoreError(f"no position with id {position_id!r}")
    return found


def _record_of(snapshot: Snapshot) -> dict[str, Any]:
    return {key: value for key, value in snapshot.items() if key not in _NOT_RECORD}


def _begin(db: Database) -> Any:
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except Exception as exc:
        raise StoreError(f"the database cannot be written now ({exc}); nothing was saved") from exc
    return conn


def _write(
    db: Database,
    data: dict[str, Any],
    action: RevisionAction,
    *,
    author: str,
    origin: str,
    reason: str,
    before: Position | None = None,
    status: tuple[str, str] | None = None,
    new_topics: Sequence[Mapping[str, str]] = (),
) -> tuple[Position, int | None]:
    """Validate one position as an import would, then write it and its revision (none,
    and nothing written, when it comes out the same as `before`). `new_topics` ({"id",
    "label"}) are added in the same transaction: a refused position leaves none behind."""
    payload: dict[str, Any] = {"positions": [data]}
    if new_topics:
        payload["topics"] = [dict(topic) for topic in new_topics]
    checked = validate_records(db, payload, origin)
    [position] = checked.positions
    conn = _begin(db)
    try:
        write_vocabulary(conn, checked.vocabulary)
        write_positions(conn, checked.positions, replace=True, actors=checked.actor_refs)
        if status is not None:
            conn.execute(
                "UPDATE positions SET status = ?, status_reason = ? WHERE id = ?",
                [*status, position.id],
            )
        after = read_positions(db, [position.id])[position.id]
        if before is not None and snapshot_of(after) == snapshot_of(before):
            conn.rollback()  # nothing changed: no revision, nothing written
            return before, None
        rid = write_revision(
            conn,
            position.id,
            action,
            author=author,
            origin=origin,
            reason=reason,
            before=None if before is None else snapshot_of(before),
            after=snapshot_of(after),
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return after, rid


def _restore_snapshot(
    db: Database,
    current: Position,
    target: Snapshot,
    undone: Revision,
    *,
    author: str,
    origin: str,
) -> tuple[Position, int | None]:
    status = (str(target.get("status", "active")), str(target.get("status_reason", "")))
    return _write(
        db,
        _record_of(target),
        RevisionAction.UNDO,
        author=author,
        origin=origin,
        reason=f"undoes revision {undone.id} ({undone.action.value})",
        before=current,
        status=status,
    )


def document_with_text(db: Database, text: str) -> str | None:
    """The id of a stored document with exactly this text (by SHA-256), if any."""
    from .writer import text_sha256

    row = db.execute(
        "SELECT id FROM documents WHERE sha256 = ? LIMIT 1", [text_sha256(text)]
    ).fetchone()
    return None if row is None else str(row[0])


def add_document(
    db: Database, record: Mapping[str, Any], *, author: str, origin: str
) -> tuple[str, bool]:
    """Store a new document (the import format's fields; "id" optional). Returns its id
    and whether it was added: the same text stored already (same SHA-256) is not stored
    twice, and its id is returned instead."""
    from .writer import text_sha256

    text = str(record.get("text", ""))
    digest = text_sha256(text)
    same = document_with_text(db, text)
    if same is not None:
        return same, False
    data = dict(record)
    if not data.get("id"):
        stem = _first_words(_slug(str(data.get("title", ""))), 48) or "document"
        data["id"] = f"{stem}-{digest[:8]}"
    elif db.execute("SELECT 1 FROM documents WHERE id = ?", [data["id"]]).fetchone():
        raise ImportRejected(f"{origin}: field 'id': a document {data['id']!r} exists already")
    checked = validate_records(db, {"documents": [data]}, origin)
    from .writer import write_documents

    conn = _begin(db)
    try:
        write_documents(conn, checked.documents, added_by=author)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return str(data["id"]), True

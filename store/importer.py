"""The one way data gets into the store: validate everything, then write it all.

`counterpoint import`, `counterpoint seed` and the tests all come through
`load_import_file` and `import_records`. Nothing is written until every record
has passed, and then everything is written in one transaction, so a bad record
anywhere leaves the database exactly as it was. Re-importing an id replaces that
position (and its quotes, topics, links) instead of adding a second copy. A link
to a position that is in neither the file nor the database is kept and counted
(`links_pending`): a slice exported from a colleague's database links to positions
outside it, and those links come alive when the positions arrive.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .connection import Database
from .dates import DateParseError, parse_date_text
from .errors import ImportRejected, StoreError
from .models import Document, Position
from .query import in_chunks
from .records import ImportSummary
from .vocab import DateBasis
from .writer import write_documents, write_positions


@dataclass(frozen=True)
class ValidatedImport:
    documents: list[Document]
    positions: list[Position]

    @property
    def link_targets(self) -> set[str]:
        return {link.target for p in self.positions for link in p.links}


def load_import_file(path: Path) -> dict[str, Any]:
    """Read an import file as JSON, failing with one line that names the file."""
    path = Path(path)
    if path.is_dir():
        raise ImportRejected(f"{path}: is a directory, not an import file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRejected(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise ImportRejected(f"{path}: is empty; expected a JSON object with \"positions\"")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{path}: is not valid UTF-8 (byte {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"{path}: is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise ImportRejected(f"{path}: JSON is nested too deeply") from exc
    if not isinstance(data, dict):
        raise ImportRejected(f"{path}: expected a JSON object with \"positions\" at the top")
    return data


def validate_records(
    db: Database, data: Mapping[str, Any], origin: str
) -> ValidatedImport:
    """Check every record against the models and against each other and the database.

    `origin` names the input in error messages (usually the file's path).
    """
    unknown = set(data) - {"documents", "positions"}
    if unknown:
        raise ImportRejected(f"{origin}: unknown top-level key {sorted(unknown)[0]!r}")
    raw_documents = _as_list(data.get("documents", []), origin, "documents")
    raw_positions = _as_list(data.get("positions", []), origin, "positions")

    documents = [
        _validate(Document, raw, origin, "documents", index)
        for index, raw in enumerate(raw_documents)
    ]
    _reject_repeats(documents, origin, "documents")
    known_documents = {doc.id: doc for doc in _stored_documents(db)}
    known_documents.update({doc.id: doc for doc in documents})

    positions = []
    for index, raw in enumerate(raw_positions):
        if isinstance(raw, dict):
            raw = _with_dates_filled(raw, known_documents)
        positions.append(_validate(Position, raw, origin, "positions", index))
    _reject_repeats(positions, origin, "positions")

    for index, position in enumerate(positions):
        where = f"{origin}: positions[{index}] (id {position.id!r})"
        for n, source in enumerate(position.sources):
            document = known_documents.get(source.document)
            if document is None:
                raise ImportRejected(
                    f"{where}: field 'sources[{n}].document': unknown document {source.document!r}"
                )
            _check_quote(document, source.quote, source.start, source.end,
                         f"{where}: field 'sources[{n}]'")
    return ValidatedImport(documents, positions)


def import_records(db: Database, records: ValidatedImport) -> ImportSummary:
    """Write validated records in one transaction; on any failure write nothing."""
    conn = db.conn
    existing = _stored_position_ids(db, {p.id for p in records.positions})
    file_ids = {p.id for p in records.positions}
    present = file_ids | _stored_position_ids(db, records.link_targets - file_ids)
    pending = sum(link.target not in present for p in records.positions for link in p.links)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"the database cannot be written now ({exc}); nothing was "
                         "imported") from exc
    try:
        write_documents(conn, records.documents)
        write_positions(conn, records.positions, replace=True)
        conn.commit()
    except sqlite3.Error as exc:
        conn.rollback()
        raise StoreError(f"the import failed while writing ({exc}); nothing was "
                         "written") from exc
    except BaseException:
        conn.rollback()
        raise
    added = sum(1 for p in records.positions if p.id not in existing)
    return ImportSummary(len(records.documents), added, len(records.positions) - added, pending)


def _as_list(value: Any, origin: str, key: str) -> list:
    if not isinstance(value, list):
        raise ImportRejected(f"{origin}: {key!r} must be a list, not {type(value).__name__}")
    return value


def _validate(model, raw: Any, origin: str, key: str, index: int):
    record_id = raw.get("id") if isinstance(raw, dict) else None
    where = f"{origin}: {key}[{index}]" + (f" (id {record_id!r})" if isinstance(record_id, str)
                                          else "")
    if not isinstance(raw, dict):
        raise ImportRejected(f"{where}: expected an object, not {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = _field_path(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more in this record)" if more else ""
        raise ImportRejected(f"{where}: field '{field}': {message}{suffix}") from exc
    except RecursionError as exc:
        raise ImportRejected(f"{where}: nested too deeply") from exc


def _field_path(loc: Iterable) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(record)"


def _reject_repeats(records: list, origin: str, key: str) -> None:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record.id in seen:
            raise ImportRejected(
                f"{origin}: {key}[{index}] (id {record.id!r}): field 'id': "
                f"repeats the id of {key}[{seen[record.id]}]"
            )
        seen[record.id] = index


def _with_dates_filled(raw: dict, documents: Mapping[str, Document]) -> dict:
    """Resolve a record's dates from its wording and its document when it gives none.

    A record with date_basis 'stated' and only date_text gets bounds parsed from
    the words relative to its first source's document date; one with basis
    'document' gets the document's date. Explicit bounds are never overwritten.
    """
    if any(key in raw for key in ("date_start", "date_end", "date_precision")):
        return raw
    sources = raw.get("sources")
    first = sources[0] if isinstance(sources, list) and sources else None
    document = documents.get(first.get("document")) if isinstance(first, dict) else None
    if document is None:
        return raw
    basis = raw.get("date_basis")
    if basis == DateBasis.DOCUMENT.value:
        return {**raw, "date_start": document.published, "date_end": document.published,
                "date_precision": "day"}
    if basis == DateBasis.STATED.value and isinstance(raw.get("date_text"), str):
        try:
            span = parse_date_text(raw["date_text"], document.published)
        except DateParseError:
            return raw
        return {**raw, "date_start": span.start, "date_end": span.end,
                "date_precision": span.precision.value}
    return raw


def _check_quote(document: Document, quote: str, start: int, end: int, where: str) -> None:
    if end > len(document.text):
        raise ImportRejected(
            f"{where}: offsets {start}..{end} run past the end of document {document.id!r} "
            f"({len(document.text)} code points)"
        )
    if document.text[start:end] == quote:
        return
    found = document.text.find(quote)
    hint = f"; it occurs at start={found}, end={found + len(quote)}" if found >= 0 else (
        "; it does not occur in the document at all")
    raise ImportRejected(
        f"{where}: quote is not the text at {start}..{end} of document {document.id!r}{hint}"
    )


def _stored_documents(db: Database) -> list[Document]:
    """The stored documents as validation models (quotes are checked against them)."""
    rows = db.execute(
        "SELECT id, title, outlet, published, published_note, text FROM documents"
    ).fetchall()
    return [
        Document(id=r[0], title=r[1], outlet=r[2], published=date.fromisoformat(r[3]),
                 published_note=r[4], text=r[5])
        for r in rows
    ]


def _stored_position_ids(db: Database, ids: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk, marks in in_chunks(ids):
        found.update(row[0] for row in db.execute(
            f"SELECT id FROM positions WHERE id IN ({marks})", chunk))
    return found

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

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .anchoring import anchor
from .citations import Citation, quote_digest
from .connection import Database
from .dates import DateParseError, parse_date_text, read_stored_date
from .deferred_upkeep import DeferredUpkeep
from .edtf_dates import parse_edtf_text, to_edtf
from .errors import ImportRejected, StoreError
from .hydrate import read_positions
from .input_file import read_input_bytes
from .models import ActorEntry, Document, Position, SideEntry, TopicEntry
from .query import in_chunks
from .records import ImportSummary
from .revisions import Snapshot, latest_actions, snapshot_of, write_changed
from .schema import QUOTE_CONTEXT
from .vocab import DateBasis, DatePrecision, RevisionAction
from .vocabulary_import import VocabularyChanges, resolve_vocabulary, write_vocabulary
from .web_annotation import is_collection, to_import_format
from .writer import write_documents, write_positions


@dataclass(frozen=True)
class ValidatedImport:
    documents: list[Document]
    positions: list[Position]
    vocabulary: VocabularyChanges = field(default_factory=lambda: VocabularyChanges())
    actor_refs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Position id -> (actor id, canonical name) of each actor it names, in order."""

    @property
    def link_targets(self) -> set[str]:
        return {link.target for p in self.positions for link in p.links}


MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""The largest import file read (512 MiB). A JSON export of 100,000 synthetic positions
is 81 MB (their 2,000 documents add 8.6 MB), and importing it peaked at 0.6 GB of
memory, so this admits six times that (about 650,000 positions, some 4 GB of memory at
the same ratio), while `/dev/zero`, an endless pipe or a stray disk image is refused in
one line instead of exhausting memory. A bigger store moves in slices (`export --date`)."""


def load_import_file(path: Path) -> dict[str, Any]:
    """Read an import file as JSON, failing with one line that names the file.

    A regular file or a pipe (`/dev/stdin`, a shell's `<(...)`) is read, at most
    `MAX_IMPORT_BYTES`; a device (`/dev/zero`, a terminal), a socket or a directory
    is refused before a byte is read, since none of them is an export."""
    path = Path(path)
    raw = _read_import_bytes(path)
    if not raw or raw.isspace():  # isspace, unlike strip, copies nothing
        raise ImportRejected(f'{path}: is empty; expected a JSON object with "positions"')
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{path}: is not valid UTF-8 (byte {exc.start})") from exc
    del raw  # the decoded text alone is kept while the JSON is parsed
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"{path}: is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise ImportRejected(f"{path}: JSON is nested too deeply") from exc
    if not isinstance(data, dict):
        raise ImportRejected(f'{path}: expected a JSON object with "positions" at the top')
    return data


def _read_import_bytes(path: Path) -> bytearray:
    """The file's bytes, if it is a kind of file an import can come from and not too big
    (store.input_file, shared with documents: devices, directories and sockets are
    refused unread)."""
    return read_input_bytes(
        path,
        limit=MAX_IMPORT_BYTES,
        noun="an import file",
        advice="split it (export with --date ranges) and import the parts",
    )


def validate_records(
    db: Database,
    data: Mapping[str, Any],
    origin: str,
    progress: Callable[[int], None] | None = None,
) -> ValidatedImport:
    """Check every record against the models and against each other and the database.

    `origin` names the input in error messages (usually the file's path).
    """
    if is_collection(data):  # W3C annotations: positions from the quotes, as any import
        data = to_import_format(data, _stored_documents(db), origin)
    unknown = set(data) - {"sides", "topics", "actors", "documents", "positions"}
    if unknown:
        raise ImportRejected(f"{origin}: unknown top-level key {sorted(unknown)[0]!r}")
    sides = _validate_all(SideEntry, data, origin, "sides")
    topics = _validate_all(TopicEntry, data, origin, "topics")
    actors = _validate_all(ActorEntry, data, origin, "actors")
    raw_documents = _as_list(data.get("documents", []), origin, "documents")
    raw_positions = _as_list(data.get("positions", []), origin, "positions")

    documents = [
        _validate(Document, raw, origin, "documents", index)
        for index, raw in enumerate(raw_documents)
    ]
    _reject_repeats(documents, origin, "documents")
    known_documents = {doc.id: doc for doc in _stored_documents(db)}
    _refuse_changed_texts(documents, known_documents, origin)
    known_documents.update({doc.id: doc for doc in documents})

    positions = []
    for index, raw in enumerate(raw_positions):
        if isinstance(raw, dict):
            raw = _with_sources_anchored(raw, known_documents, origin, index)
            raw = _with_edtf_read(raw, origin, index)
            raw = _with_dates_filled(raw, known_documents)
        positions.append(_validate(Position, raw, origin, "positions", index))
        if progress is not None and index % 1000 == 999:
            progress(1000)
    _reject_repeats(positions, origin, "positions")

    for index, position in enumerate(positions):
        where = f"{origin}: positions[{index}] (id {position.id!r})"
        for n, source in enumerate(position.sources):
            document = known_documents.get(source.document)
            if document is None:
                raise ImportRejected(
                    f"{where}: field 'sources[{n}].document': unknown document {source.document!r}"
                )
            _check_quote(
                document, source.quote, source.start, source.end, f"{where}: field 'sources[{n}]'"
            )
        positions[index] = _with_context(position, known_documents)
    changes, actor_refs = resolve_vocabulary(db, origin, sides, topics, actors, positions)
    return ValidatedImport(documents, positions, changes, actor_refs)


def import_records(
    db: Database,
    records: ValidatedImport,
    cancelled: Callable[[], bool] | None = None,
    *,
    author: str = "",
    origin: str = "",
    action: RevisionAction = RevisionAction.IMPORT,
) -> ImportSummary:
    """Write validated records in one transaction; on any failure write nothing.

    `cancelled` lets the caller stop the write (Ctrl+C in the CLI): it is asked before
    the transaction begins, every thousand SQLite instructions while rows are written
    (a true answer aborts the statement) and once more just before the commit, so the
    import either ends committed or raises, having rolled back: nothing in between.

    Every position the write changes gets a revision (`action`, by `author`, naming
    `origin`). The seed (`action` SEED) leaves alone every position whose latest revision
    is an analyst's (coded, edited, retracted, restored, undone or imported by them):
    re-seeding must never undo their work.
    """
    conn = db.conn
    records = _graders_named(records, author or origin or "import")
    if action is RevisionAction.SEED:
        records, left_alone = _without_analyst_work(db, records)
    else:
        left_alone = 0
    existing = _stored_position_ids(db, {p.id for p in records.positions})
    file_ids = {p.id for p in records.positions}
    present = file_ids | _stored_position_ids(db, records.link_targets - file_ids)
    pending = sum(link.target not in present for p in records.positions for link in p.links)
    if cancelled is not None and cancelled():
        raise StoreError("the import was interrupted; nothing was written")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"the database cannot be written now ({exc}); nothing was imported"
        ) from exc
    try:
        if cancelled is not None:
            conn.set_progress_handler(cancelled, 1000)
        ids = [p.id for p in records.positions]
        before = _snapshots(db, existing)
        upkeep = DeferredUpkeep.begin(conn, len(ids), triggers_always=False)
        write_vocabulary(conn, records.vocabulary)
        write_documents(conn, records.documents, added_by=author)
        write_positions(conn, records.positions, replace=True, actors=records.actor_refs)
        upkeep.finish(len(ids))
        changed = write_changed(
            conn, before, _snapshots(db, ids), action, author=author, origin=origin or "import"
        )
        conn.set_progress_handler(None, 0)
        if cancelled is not None and cancelled():
            raise StoreError("the import was interrupted; nothing was written")
        conn.commit()
    except sqlite3.Error as exc:
        conn.rollback()
        raise StoreError(f"the import failed while writing ({exc}); nothing was written") from exc
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.set_progress_handler(None, 0)
    added = sum(1 for p in records.positions if p.id not in existing)
    return ImportSummary(
        len(records.documents),
        added,
        changed - added,
        pending,
        records.vocabulary.registered_names,
        left_alone,
        len(records.positions) - changed,
    )


def _graders_named(records: ValidatedImport, who: str) -> ValidatedImport:
    """Every grade says who gave it: one a file gives without a grader is taken as given
    by whoever imports it (the file's own graders are kept)."""
    return replace(
        records,
        documents=[
            d.model_copy(update={"reliability_by": who})
            if d.reliability is not None and not d.reliability_by
            else d
            for d in records.documents
        ],
        positions=[
            p.model_copy(update={"credibility_by": who})
            if p.credibility is not None and not p.credibility_by
            else p
            for p in records.positions
        ],
    )


def _snapshots(db: Database, ids: Iterable[str]) -> dict[str, Snapshot]:
    """What each of these positions is now, as a revision records it (a chunk at a time
    is read; the snapshots are kept for comparing before and after)."""
    found: dict[str, Snapshot] = {}
    for chunk, _ in in_chunks(ids):
        found.update({pid: snapshot_of(p) for pid, p in read_positions(db, chunk).items()})
    return found


def _without_analyst_work(db: Database, records: ValidatedImport) -> tuple[ValidatedImport, int]:
    """The records minus positions an analyst has changed since they were seeded."""
    latest = latest_actions(db, [p.id for p in records.positions])
    touched = {pid for pid, act in latest.items() if act is not RevisionAction.SEED}
    if not touched:
        return records, 0
    kept = [p for p in records.positions if p.id not in touched]
    return replace(records, positions=kept), len(records.positions) - len(kept)


def _as_list(value: Any, origin: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise ImportRejected(f"{origin}: {key!r} must be a list, not {type(value).__name__}")
    return value


_Model = TypeVar("_Model", bound=BaseModel)


def _validate(model: type[_Model], raw: Any, origin: str, key: str, index: int) -> _Model:
    record_id = raw.get("id") if isinstance(raw, dict) else None
    where = f"{origin}: {key}[{index}]" + (
        f" (id {record_id!r})" if isinstance(record_id, str) else ""
    )
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


def _validate_all(
    model: type[_Model], data: Mapping[str, Any], origin: str, key: str
) -> list[_Model]:
    """Each record under `key` (none if absent), validated, in the file's order."""
    return [
        _validate(model, raw, origin, key, index)
        for index, raw in enumerate(_as_list(data.get(key, []), origin, key))
    ]


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(record)"


def _reject_repeats(records: Sequence[Document | Position], origin: str, key: str) -> None:
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if record.id in seen:
            raise ImportRejected(
                f"{origin}: {key}[{index}] (id {record.id!r}): field 'id': "
                f"repeats the id of {key}[{seen[record.id]}]"
            )
        seen[record.id] = index


def _with_sources_anchored(
    raw: dict[str, Any], documents: Mapping[str, Document], origin: str, index: int
) -> dict[str, Any]:
    """Sources given by their words alone (no start/end) located in their document.

    Other tools' JSON rarely counts code points: a source may give just "document" and
    "quote", with "prefix"/"suffix" (the words around it), "occurrence" (1-based) or
    "near" (an offset it was at, as a W3C position selector that no longer fits) to
    tell repeats apart. It is anchored as `counterpoint code` anchors (`store.anchoring`);
    a quote that is not there, or stays ambiguous, is refused naming the field.
    """
    sources = raw.get("sources")
    if not isinstance(sources, list) or not any(
        isinstance(s, dict) and "start" not in s and "end" not in s for s in sources
    ):
        return raw
    where = _where(raw, origin, index)
    anchored = []
    for n, source in enumerate(sources):
        if not (isinstance(source, dict) and "start" not in source and "end" not in source):
            anchored.append(source)
            continue
        document_id, quote = source.get("document"), source.get("quote")
        document = documents.get(document_id) if isinstance(document_id, str) else None
        if document is None or not isinstance(quote, str):
            anchored.append(source)  # validation names what is missing or wrong
            continue
        occurrence, near = source.get("occurrence"), source.get("near")
        if occurrence is not None and (type(occurrence) is not int):
            raise ImportRejected(f"{where}: field 'sources[{n}].occurrence': must be a number")
        try:
            found = anchor(
                document.text,
                quote,
                occurrence=occurrence,
                prefix=str(source.get("prefix", "")),
                suffix=str(source.get("suffix", "")),
                near=near if type(near) is int else None,  # where it was: breaks a tie
                name=f"document {document.id!r}",
            )
        except ImportRejected as exc:
            raise ImportRejected(f"{where}: field 'sources[{n}].quote': {exc}") from exc
        kept = {k: v for k, v in source.items() if k not in ("occurrence", "near")}
        anchored.append({**kept, "start": found.start, "end": found.end})
    return {**raw, "sources": anchored}


def _where(raw: Mapping[str, Any], origin: str, index: int) -> str:
    """How a refusal names a record: its place in the file, and its id when it has one."""
    record_id = raw.get("id")
    return f"{origin}: positions[{index}]" + (
        f" (id {record_id!r})" if isinstance(record_id, str) else ""
    )


def _with_edtf_read(raw: dict[str, Any], origin: str, index: int) -> dict[str, Any]:
    """A record's `edtf` field (every export has one): the date itself when the record
    gives no date_start/date_end/date_precision, else a check that it says the same days.
    It is always derived again from the stored fields, never stored."""
    raw = _with_citations_checked(raw, origin, index)
    if "edtf" not in raw:
        return raw
    where = _where(raw, origin, index)
    text = raw["edtf"]
    rest = {k: v for k, v in raw.items() if k != "edtf"}
    if not isinstance(text, str):
        raise ImportRejected(f"{where}: field 'edtf': must be a string")
    if not text.strip():
        return rest
    if _says_the_same(raw, text):
        return rest
    try:
        read = parse_edtf_text(text)
    except DateParseError as exc:
        raise ImportRejected(f"{where}: field 'edtf': {exc}") from exc
    if read.start is None or read.end is None:
        raise ImportRejected(f"{where}: field 'edtf': a position's date needs both ends")
    given = [str(raw.get("date_start")), str(raw.get("date_end"))]
    if any(key in raw for key in ("date_start", "date_end", "date_precision")):
        if given != [read.start.isoformat(), read.end.isoformat()]:
            raise ImportRejected(
                f"{where}: field 'edtf': {text!r} is {read.start.isoformat()} to "
                f"{read.end.isoformat()}, but date_start..date_end say {given[0]} to {given[1]}"
            )
        return rest
    return {
        **rest,
        "date_start": read.start,
        "date_end": read.end,
        "date_precision": read.precision.value,
    }


def _says_the_same(raw: Mapping[str, Any], text: str) -> bool:
    """Whether `text` is exactly the EDTF the record's own date fields derive to (what
    every export writes): then the days agree without reading EDTF, whose parser takes
    milliseconds a date (13 ms here: 20 minutes for a 100,000-position import). Any
    field that does not read falls back to the full reading, and its error."""
    try:
        derived = to_edtf(
            date.fromisoformat(raw["date_start"]),
            date.fromisoformat(raw["date_end"]),
            DatePrecision(raw["date_precision"]),
            DateBasis(raw["date_basis"]),
            str(raw.get("date_text", "")),
        )
    except (KeyError, TypeError, ValueError):
        return False
    return derived == text


def _with_citations_checked(raw: dict[str, Any], origin: str, index: int) -> dict[str, Any]:
    """Each quote's `citation` (every export has them) checked against the quote it
    cites and dropped: derived, never stored. A citation that does not match its quote
    means the file was edited by hand, and the import stops there."""
    sources = raw.get("sources")
    if not isinstance(sources, list) or not any(
        isinstance(s, dict) and "citation" in s for s in sources
    ):
        return raw
    where = _where(raw, origin, index)
    kept = []
    for n, source in enumerate(sources):
        if not isinstance(source, dict) or "citation" not in source:
            kept.append(source)
            continue
        citation = (
            Citation.parse(source["citation"]) if isinstance(source["citation"], str) else None
        )
        if citation is None:
            raise ImportRejected(
                f"{where}: field 'sources[{n}].citation': not a citation (document@start-end#hash)"
            )
        quote = source.get("quote")
        if citation.document != source.get("document") or (
            isinstance(quote, str) and quote_digest(quote) != citation.digest
        ):
            raise ImportRejected(
                f"{where}: field 'sources[{n}].citation': {citation.text} does not match "
                "the quote it cites (the file was changed after it was exported)"
            )
        kept.append({k: v for k, v in source.items() if k != "citation"})
    return {**raw, "sources": kept}


def _with_dates_filled(raw: dict[str, Any], documents: Mapping[str, Document]) -> dict[str, Any]:
    """Resolve a record's dates from its wording and its document when it gives none.

    A record with date_basis 'stated' and only date_text gets bounds parsed from
    the words relative to its first source's document date; one with basis
    'document' gets the document's date. Explicit bounds are never overwritten.
    """
    if any(key in raw for key in ("date_start", "date_end", "date_precision")):
        return raw
    sources = raw.get("sources")
    first = sources[0] if isinstance(sources, list) and sources else None
    document_id = first.get("document") if isinstance(first, dict) else None
    # Not a string (a list, say): validation names the field; an unhashable id must not
    # reach the dict lookup first.
    document = documents.get(document_id) if isinstance(document_id, str) else None
    if document is None:
        return raw
    basis = raw.get("date_basis")
    if basis == DateBasis.DOCUMENT.value:
        return {
            **raw,
            "date_start": document.published,
            "date_end": document.published,
            "date_precision": "day",
        }
    if basis == DateBasis.STATED.value and isinstance(raw.get("date_text"), str):
        try:
            span = parse_date_text(raw["date_text"], document.published)
        except DateParseError:
            return raw
        return {
            **raw,
            "date_start": span.start,
            "date_end": span.end,
            "date_precision": span.precision.value,
        }
    return raw


def _with_context(position: Position, documents: Mapping[str, Document]) -> Position:
    """The position with each quote's prefix and suffix taken from its document (derived
    from the text, so always recomputed rather than trusted from a file)."""
    sources = []
    for source in position.sources:
        text = documents[source.document].text
        prefix = text[max(0, source.start - QUOTE_CONTEXT) : source.start]
        suffix = text[source.end : source.end + QUOTE_CONTEXT]
        sources.append(source.model_copy(update={"prefix": prefix, "suffix": suffix}))
    return position.model_copy(update={"sources": sources})


def _check_quote(document: Document, quote: str, start: int, end: int, where: str) -> None:
    if end > len(document.text):
        raise ImportRejected(
            f"{where}: offsets {start}..{end} run past the end of document {document.id!r} "
            f"({len(document.text)} code points)"
        )
    if document.text[start:end] == quote:
        return
    found = document.text.find(quote)
    hint = (
        f"; it occurs at start={found}, end={found + len(quote)}"
        if found >= 0
        else ("; it does not occur in the document at all")
    )
    raise ImportRejected(
        f"{where}: quote is not the text at {start}..{end} of document {document.id!r}{hint}"
    )


def _refuse_changed_texts(
    documents: Sequence[Document], stored: Mapping[str, Document], origin: str
) -> None:
    """A stored document's text never changes: quotes point into it by offset, and other
    positions than the file's may cite it. Its title, outlet and date may be corrected."""
    for index, document in enumerate(documents):
        before = stored.get(document.id)
        if before is not None and before.text != document.text:
            raise ImportRejected(
                f"{origin}: documents[{index}] (id {document.id!r}): field 'text': differs "
                f"from the text stored under this id (SHA-256 {_sha256(before.text)[:12]}…, "
                f"the file's {_sha256(document.text)[:12]}…); a stored text never changes, "
                "since quotes point into it: give the new text an id of its own"
            )


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stored_documents(db: Database) -> list[Document]:
    """The stored documents as validation models (quotes are checked against them)."""
    rows = db.execute(
        "SELECT id, title, outlet, published, published_note, text, url FROM documents"
    ).fetchall()
    # Constructed, not validated: a row another tool wrote (a title with an escape, a
    # date out of range) must not stop imports that do not touch it.
    return [
        Document.model_construct(
            id=str(r[0]),
            title=str(r[1]),
            outlet=r[2],
            published=read_stored_date(r[3], "published").day,
            published_note=str(r[4]),
            text=str(r[5]),
            url=r[6],  # an annotation collection's target may name its document by URL
        )
        for r in rows
    ]


def _stored_position_ids(db: Database, ids: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk, marks in in_chunks(ids):
        found.update(
            row[0] for row in db.execute(f"SELECT id FROM positions WHERE id IN ({marks})", chunk)
        )
    return found

"""`Store`: the query API every caller uses, the CLI now and the TUI later.

Callers never write SQL. They hold a `Store`, describe what they want with a
`Filter`, and get validated `Position` records back in timeline order
(date_start, then id), a page at a time if they ask for one: `after` is the
(date_start, id) of the last row they have, so paging follows the
`positions_timeline` index instead of counting OFFSET rows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

# `from __future__ import annotations` binds the name `annotations` too (and a type checker
# keeps that binding), so the module of notes and bookmarks goes by another name here.
from . import annotations as notes_and_marks
from . import coverage, drafts, revisions, topics
from .connection import Database
from .coverage import CitedSentence, DocumentSummary
from .details import PositionDetails, details_of, link_ends_of
from .errors import StoreError
from .hydrate import document_of, hydrate, read_positions, rows_of, stored_date_label
from .matrix import MatrixRow, comparison_matrix
from .query import Filter, SearchMode, any_retracted, fts_query_for, in_chunks, where_clause
from .records import Document, Draft, ImportSummary, LinkEnd, Note, Position
from .registry import TopicInfo, Vocabularies, read_vocabularies
from .revisions import Provenance, Revision
from .schema import open_database
from .views import SavedView, ViewState
from .vocab import Kind, PositionStatus, RevisionAction

if TYPE_CHECKING:  # the checker loads only when asked for
    from .check import Coded, Finding

TimelineKey = tuple[str, str]
"""(date_start as ISO text, id): a position's place in timeline order."""

NO_FILTER = Filter()


@dataclass(frozen=True, slots=True)
class ListRow:
    """What `list` shows of a position, read without the rest of it."""

    id: str
    side: str
    kind: Kind
    summary: str
    date_label: str
    credibility: int | None
    doubt: str

    @classmethod
    def of(cls, row: Sequence[Any]) -> ListRow:
        identifier, side, kind, summary, start, end, precision, basis, credibility, doubt = row
        return cls(
            str(identifier),
            str(side),
            Kind(kind),
            str(summary),
            stored_date_label(start, end, str(precision), str(basis)),
            credibility,
            str(doubt or ""),
        )


@dataclass(frozen=True)
class Used:
    """What a filter's positions use, for an export's header (`Store.used_by`)."""

    topics: set[str]
    actors: set[str]
    documents: list[str]
    quotes: int
    first: str | None
    """The earliest date_start, as stored; None when nothing is selected."""
    last: str | None


def is_writable(path: Path) -> bool:
    """Whether this user may write the file (SQLite also needs its directory for WAL)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


SCAN_FACTOR = 20
"""`matches_at_least` checks this many rows per match it needs before it collects."""


@dataclass(frozen=True)
class SideCounts:
    """How many positions the filter shows on each side, and how many exist at all."""

    per_side: Mapping[str, int] = field(default_factory=dict)
    total: int = 0
    answers: int = 0
    """Positions shown beside the matches because they answer one (`Filter.with_answers`):
    not in `per_side`, which counts what the filter matches."""
    sentences: Mapping[str, int] | None = None
    """Distinct source sentences behind each side's count (`store.sentence_counts`);
    None until counted: at scale they come after the positions' counts."""
    counting: bool = False
    """The per-side counts are still being made (a large store counts in a worker, after
    the first screen): `total` is known, the rest reads "…"."""

    @property
    def shown(self) -> int:
        return sum(self.per_side.values())

    def of(self, side: str) -> int:
        return self.per_side.get(side, 0)

    def sentences_of(self, side: str) -> int | None:
        return None if self.sentences is None else self.sentences.get(side, 0)

    def side_text(self, side: str, *, short: bool = False) -> str:
        """'3' or, once sentences are counted, '3 (2 sent.)' (short: '3/2s'): positions,
        then the distinct source sentences they quote."""
        if self.counting:
            return "…"
        sentences = self.sentences_of(side)
        if sentences is None:
            return f"{self.of(side)}"
        return f"{self.of(side)}/{sentences}s" if short else f"{self.of(side)} ({sentences} sent.)"

    def describe(self, vocab: Vocabularies, *, short: bool = False) -> str:
        """'Armenia 3 (2 sent.) · Azerbaijan 4 (4 sent.) · other 1 (1 sent.) — of 8', in
        the database's own words: each side's positions and, once counted, the distinct
        sentences behind them (short, for the status bar: 'Armenia 3/2s · …')."""
        first, second, other = vocab.in_order
        if self.counting:
            return f"counting… — of {self.total}"
        return (
            f"{first.label} {self.side_text(first.id, short=short)} · "
            f"{second.label} {self.side_text(second.id, short=short)} · "
            f"other {self.side_text(other.id, short=short)} — of {self.total}"
            + (f" + {self.answers} answers" if self.answers else "")
        )

    def with_sentences(self, sentences: Mapping[str, int]) -> SideCounts:
        return SideCounts(self.per_side, self.total, self.answers, dict(sentences))


@dataclass(frozen=True)
class QueryResult:
    positions: list[Position]
    counts: SideCounts
    search_mode: SearchMode


class Store:
    """A Counterpoint database, open and migrated."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(
        cls, path: Path | str, *, create: bool = False, read_only: bool | None = None
    ) -> Store:
        """Open a database. `read_only=None` decides by whether the file is writable
        for this user, so a shared file someone cannot write still opens, for reading."""
        path = Path(path)
        if read_only is None:
            read_only = path.exists() and not path.is_dir() and not is_writable(path)
        return cls(
            open_database(path, create=create, read_only=read_only), path, read_only=read_only
        )

    def close(self) -> None:
        self.db.close()

    def reader(self) -> Store:
        """Another connection to the same file, for a worker thread's reading. One
        connection runs one statement at a time, so a count in a worker on the app's own
        connection made every page read wait for it (130 ms on a million); on its own
        connection it waits for nothing, and `interrupt` can stop it when its answer is
        no longer wanted."""
        return Store.open(self.path, read_only=self.read_only)

    def interrupt(self) -> None:
        """Stop the statement this connection is running (from any thread): it raises
        sqlite3.OperationalError "interrupted" in the thread that ran it."""
        self.db.conn.interrupt()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading ---------------------------------------------------------------

    def query(
        self, flt: Filter = NO_FILTER, *, after: TimelineKey | None = None, limit: int | None = None
    ) -> QueryResult:
        """Positions in timeline order plus per-side counts for the same filter."""
        positions, mode = self.positions(flt, after=after, limit=limit)
        return QueryResult(positions, self.counts(flt), mode)

    def positions(
        self,
        flt: Filter = NO_FILTER,
        *,
        after: TimelineKey | None = None,
        before: TimelineKey | None = None,
        from_key: TimelineKey | None = None,
        start_from: str | None = None,
        start_before: str | None = None,
        limit: int | None = None,
        walk: bool = False,
    ) -> tuple[list[Position], SearchMode]:
        """Positions in timeline order; keyset bounds make pages and windows.

        `after`/`before` are exclusive and `from_key` inclusive bounds on
        (date_start, id); `start_from`/`start_before` bound date_start alone (to
        complete a date bucket). With `before` and a `limit`, the rows nearest
        `before` are returned (still in timeline order): the page above it.
        `walk` suits a page of a filter that matches many rows (see `where_clause`);
        `should_walk` says when.
        """
        fts = fts_query_for(self.db.conn, flt)
        where, params = where_clause(flt, fts, walk=walk, retracted=any_retracted(self.db.conn))
        for clause, value in (
            (" AND (p.date_start, p.id) > (?, ?)", after),
            (" AND (p.date_start, p.id) < (?, ?)", before),
            (" AND (p.date_start, p.id) >= (?, ?)", from_key),
        ):
            if value is not None:
                where += clause
                params += list(value)
        if start_from is not None:
            where += " AND p.date_start >= ?"
            params.append(start_from)
        if start_before is not None:
            where += " AND p.date_start < ?"
            params.append(start_before)
        backwards = before is not None and limit is not None and after is None
        order = "p.date_start DESC, p.id DESC" if backwards else "p.date_start, p.id"
        sql = f"SELECT p.* FROM positions p WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = list(self._rows(sql, params))
        if backwards:
            rows.reverse()
        return self._hydrate(rows), fts.mode

    def pages(self, flt: Filter = NO_FILTER, size: int = 1000) -> Iterator[list[Position]]:
        """Every position the filter selects, in timeline order, `size` at a time (keyset
        pages): what exports and `list` stream, so memory follows a page, not the store."""
        after: TimelineKey | None = None
        while True:
            page, _ = self.positions(flt, after=after, limit=size)
            if page:
                yield page
            if len(page) < size:
                return
            after = page[-1].timeline_key

    def row_pages(self, flt: Filter = NO_FILTER, size: int = 1000) -> Iterator[list[ListRow]]:
        """`pages`, but only what a table row shows (`ListRow`): no quotes, actors or
        topics are read, which is most of what reading a position costs. One query,
        read `size` rows at a time from its cursor (SQLite hands rows over as it finds
        them), so a search is run once, not once a page."""
        fts = fts_query_for(self.db.conn, flt)
        where, params = where_clause(flt, fts, retracted=any_retracted(self.db.conn))
        cursor = self.db.execute(
            "SELECT p.id, p.side, p.kind, p.summary, p.date_start, p.date_end, "
            "p.date_precision, p.date_basis, p.credibility, p.doubt FROM positions p "
            f"WHERE {where} ORDER BY p.date_start, p.id",
            params,
        )
        while rows := cursor.fetchmany(size):
            yield [ListRow.of(row) for row in rows]

    def selected_ids_sql(self, flt: Filter) -> tuple[str, list[object]]:
        """`SELECT p.id FROM positions p WHERE …` for the filter, to use as a subquery."""
        fts = fts_query_for(self.db.conn, flt)
        where, params = where_clause(flt, fts, retracted=any_retracted(self.db.conn))
        return f"SELECT p.id FROM positions p WHERE {where}", params

    def used_by(self, flt: Filter) -> Used:
        """What the selected positions use (topics, actors, cited documents) and the days
        they span, read in SQL: what an export writes before its positions."""
        selected, params = self.selected_ids_sql(flt)

        def column(name: str, table: str) -> list[str]:
            sql = f"SELECT DISTINCT {name} FROM {table} WHERE position_id IN ({selected})"
            return [str(row[0]) for row in self.db.execute(sql, params)]

        first, last = self.db.execute(
            f"SELECT min(date_start), max(date_end) FROM positions WHERE id IN ({selected})",
            params,
        ).fetchone()
        return Used(
            topics=set(column("topic", "position_topics")),
            actors=set(column("actor_id", "position_actors")),
            documents=sorted(column("document_id", "sources")),
            quotes=self.db.execute(
                f"SELECT count(*) FROM sources WHERE position_id IN ({selected})", params
            ).fetchone()[0],
            first=first,
            last=last,
        )

    def listing_texts(self, flt: Filter) -> dict[str, set[str]]:
        """Every distinct date label, side, kind and id the filter selects, read without
        the positions themselves: what a streamed table sizes its columns by (the ids
        alone are read in full; the dates, sides and kinds as distinct values)."""
        selected, params = self.selected_ids_sql(flt)
        rows = self.db.execute(
            "SELECT DISTINCT date_start, date_end, date_precision, date_basis, side, kind "
            f"FROM positions WHERE id IN ({selected})",
            params,
        ).fetchall()
        return {
            "dates": {stored_date_label(*row[:4]) for row in rows},
            "sides": {str(row[4]) for row in rows},
            "kinds": {str(row[5]) for row in rows},
            "ids": {str(row[0]) for row in self.db.execute(selected, params)},
        }

    @staticmethod
    def should_walk(matching: int, total: int) -> bool:
        """Whether pages of a filter matching `matching` of `total` positions are found
        sooner by walking the timeline (about total/matching rows per match) than by
        collecting every match first: roughly when matches exceed sqrt(total)."""
        return matching * matching > total

    def search_mode(self, flt: Filter) -> SearchMode:
        """How the filter's search text will be read: as FTS5 syntax or word by word."""
        return fts_query_for(self.db.conn, flt).mode

    def ids_matching(self, flt: Filter, ids: Iterable[str]) -> set[str]:
        """Which of `ids` the filter (search included) selects: marks for a window.

        The search is checked against just these rows (rowid-restricted full-text
        lookups), so its cost follows the window, not the number of matches."""
        fts = fts_query_for(self.db.conn, flt)
        where, params = where_clause(flt, fts, walk=True, retracted=any_retracted(self.db.conn))
        found: set[str] = set()
        for chunk, marks in in_chunks(ids):
            found.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT p.id FROM positions p WHERE p.id IN ({marks}) AND {where}",
                    [*chunk, *params],
                )
            )
        return found

    def counts(self, flt: Filter = NO_FILTER) -> SideCounts:
        """Positions per side under the filter, and in all. Without a filter the
        trigger-kept side_counts table answers at once; otherwise one aggregate."""
        stored = dict(self.db.execute("SELECT side, n FROM side_counts").fetchall())
        total = sum(stored.values())  # active positions: side_counts counts only those
        if flt.include_retracted:
            total += self.db.execute(
                "SELECT count(*) FROM positions WHERE status = 'retracted'"
            ).fetchone()[0]
        answers = 0
        if flt.is_empty:
            per_side = stored
        else:
            fts = fts_query_for(self.db.conn, flt)
            retracted = any_retracted(self.db.conn)
            where, params = where_clause(flt.matches_only, fts, retracted=retracted)
            per_side = self._per_side_by_topic(flt, retracted) or dict(
                self.db.execute(
                    f"SELECT p.side, count(*) FROM positions p WHERE {where} GROUP BY p.side",
                    params,
                ).fetchall()
            )
            if flt.adds_answers:
                where, params = where_clause(flt, fts, retracted=retracted)
                shown = self.db.execute(
                    f"SELECT count(*) FROM positions p WHERE {where}", params
                ).fetchone()[0]
                answers = shown - sum(per_side.values())
        return SideCounts(
            {str(side): n for side, n in per_side.items() if n}, total=total, answers=answers
        )

    def _per_side_by_topic(self, flt: Filter, retracted: bool) -> dict[str, int] | None:
        """Per-side counts of a filter by topics (and sides) alone, read from the
        covering (topic, side, …) index without touching a position: 50 ms for a topic
        held by 150,000 of a million, against 200 ms through the positions. None when
        the filter asks anything the index does not hold, or when retracted positions
        would have to be left out (the index does not know them)."""
        rest = replace(flt, topics=frozenset(), sides=frozenset(), with_answers=False, lane=None)
        if not flt.topics or not rest.is_empty or (retracted and not flt.include_retracted):
            return None
        topics = sorted(flt.topics)
        sql = (
            "SELECT side, count(DISTINCT position_id) FROM position_topics "
            f"WHERE topic IN ({', '.join('?' for _ in topics)})"
        )
        params: list[object] = list(topics)
        if flt.sides:
            sides = sorted(flt.sides)
            sql += f" AND side IN ({', '.join('?' for _ in sides)})"
            params += sides
        return dict(self.db.execute(sql + " GROUP BY side", params).fetchall())

    def check(self, only: str | None = None) -> tuple[list[Finding], Coded]:
        """`counterpoint check`: what breaks the codebook's rules (`store.check`) among
        the active positions and the documents, and what was checked."""
        from .check import Coded, run_checks

        coded = Coded(
            self.positions(NO_FILTER)[0],
            {d.id: d for d in self.documents()},
            self.vocabularies(),
        )
        return run_checks(coded, only), coded

    def sentence_counts(self, flt: Filter = NO_FILTER) -> dict[str, int]:
        """Side id -> distinct source sentences its shown positions quote (see
        `store.sentence_counts`: the count that does not depend on how finely a text
        was split into positions)."""
        from .sentence_counts import sentence_counts

        return sentence_counts(self.db, flt)

    def get_many(self, ids: Iterable[str]) -> dict[str, Position]:
        """id -> position for those of `ids` that exist."""
        return read_positions(self.db, ids)

    def get(self, position_id: str) -> Position:
        rows = list(self._rows("SELECT * FROM positions WHERE id = ?", [position_id]))
        if not rows:
            raise StoreError(f"no position with id {position_id!r}")
        return self._hydrate(rows)[0]

    def link_ends(self, position_id: str) -> list[LinkEnd]:
        """Every link of a position, outgoing (in the order held) then incoming; only ends
        in the store. The same query `details` batches (`store.details.link_ends_of`)."""
        return link_ends_of(self.db, [position_id]).get(position_id, [])

    def details(self, positions: Iterable[Position]) -> list[PositionDetails]:
        """Everything the views show about these positions (see `store.details`), in
        their order: a few queries for the lot, not a few per position."""
        return details_of(self.db, positions)

    def linked_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` take part in a link whose both ends are here (for row marks): a
        link to a position not imported yet leads nowhere, so it is not marked."""
        found: set[str] = set()
        for chunk, marks in in_chunks(ids):
            found.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT l.source_id FROM links l JOIN positions p ON p.id = l.target_id "
                    f"WHERE l.source_id IN ({marks}) UNION "
                    f"SELECT target_id FROM links WHERE target_id IN ({marks})",
                    chunk + chunk,
                )
            )
        return found

    def documents(self) -> list[Document]:
        return [document_of(r) for r in self._rows("SELECT * FROM documents ORDER BY id", [])]

    def document(self, document_id: str) -> Document:
        rows = list(self._rows("SELECT * FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise StoreError(f"no document with id {document_id!r}")
        return document_of(rows[0])

    def vocabularies(self) -> Vocabularies:
        """The database's sides, topics and actors (`store.registry`): read once by a
        caller and handed to whatever formats a label."""
        return read_vocabularies(self.db)

    def matches_at_least(self, flt: Filter, enough: int) -> bool:
        """Whether the filter selects `enough` positions or more: a count that stops
        there, so its cost does not grow with a large result (what `should_walk` needs
        before the exact counts are made)."""
        fts = fts_query_for(self.db.conn, flt)
        retracted = any_retracted(self.db.conn)
        # A common value is found by checking rows one by one: `enough` of them turn up
        # in the first few thousand. Collecting (`p.id IN (SELECT …)`) would first gather
        # every match, 120 ms for a topic held by 15% of a million. So the first
        # SCAN_FACTOR × enough rows are checked; only a filter rarer than 1 in
        # SCAN_FACTOR is then counted by collecting, which costs what it matches:
        # little, since it is rare. Either way the cost stays near the threshold's. A
        # search is always collected: checked row by row, each row would run a
        # full-text query of its own.
        if not flt.text.strip():
            where, params = where_clause(flt, fts, walk=True, retracted=retracted)
            found: int = self.db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid AS rowid, * FROM positions "
                f"LIMIT ?) p WHERE {where} LIMIT ?)",
                [enough * SCAN_FACTOR, *params, enough],
            ).fetchone()[0]
            if found >= enough:
                return True
        where, params = where_clause(flt, fts, retracted=retracted)
        found = self.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM positions p WHERE {where} LIMIT ?)",
            [*params, enough],
        ).fetchone()[0]
        return found >= enough

    def position_count(self) -> int:
        count: int = self.db.execute("SELECT coalesce(sum(n), 0) FROM side_counts").fetchone()[0]
        return count

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap to poll for live refresh."""
        version: int = self.db.execute("PRAGMA data_version").fetchone()[0]
        return version

    def matrix(self, flt: Filter = NO_FILTER) -> list[MatrixRow]:
        return comparison_matrix(self.db, flt)

    def notes_for(self, ids: Iterable[str]) -> dict[str, list[Note]]:
        return notes_and_marks.notes_for(self.db, ids)

    def marked_ids(self, ids: Iterable[str], author: str) -> tuple[set[str], set[str]]:
        """(bookmarked by author, annotated by anyone) among ids."""
        return notes_and_marks.marked_ids(self.db, ids, author)

    # Writing ---------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only: you cannot write to this file")

    def set_note(
        self, position_id: str, author: str, text: str, *, at: datetime | None = None
    ) -> Note | None:
        """Write `author`'s note on a position; blank text deletes it."""
        self._writable()
        return notes_and_marks.set_note(self.db, position_id, author, text, at)

    def save_draft(
        self, position_id: str, author: str, text: str, *, wait_ms: int | None = None
    ) -> None:
        """Keep unsaved note text (see `store.drafts`); raises StoreError if it cannot.
        `wait_ms` caps the wait for another writer's lock, for this write alone."""
        self._writable()
        drafts.save_draft(self.db, author, position_id, text, wait_ms=wait_ms)

    def draft_for(self, position_id: str, author: str) -> Draft | None:
        return drafts.draft_for(self.db, author, position_id)

    def discard_draft(self, position_id: str, author: str) -> None:
        self._writable()
        drafts.discard_draft(self.db, author, position_id)

    def add_topic(self, topic_id: str, label: str, description: str = "") -> TopicInfo:
        self._writable()
        return topics.add_topic(self.db, topic_id, label, description)

    def rename_topic(self, topic_id: str, label: str) -> tuple[str, str]:
        self._writable()
        return topics.rename_topic(self.db, topic_id, label)

    def merge_topic(self, source: str, target: str) -> int:
        """Move every position of topic `source` to `target` and remove `source`."""
        self._writable()
        return topics.merge_topic(self.db, source, target)

    def toggle_bookmark(self, position_id: str, author: str, *, at: datetime | None = None) -> bool:
        self._writable()
        return notes_and_marks.toggle_bookmark(self.db, position_id, author, at)

    def import_file(
        self,
        path: Path | str,
        *,
        cancelled: Callable[[], bool] | None = None,
        author: str = "",
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Validate a JSON import file completely, then write it in one transaction.

        A true `cancelled()` during the write rolls it back (see `import_records`);
        `progress(n)` hears of each n positions validated."""
        from .importer import load_import_file  # validation (pydantic) loads when needed

        return self.import_data(
            load_import_file(Path(path)),
            origin=str(path),
            cancelled=cancelled,
            author=author,
            progress=progress,
        )

    def import_data(
        self,
        data: dict[str, Any],
        *,
        origin: str,
        cancelled: Callable[[], bool] | None = None,
        author: str = "",
        action: RevisionAction = RevisionAction.IMPORT,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Validate and write an import; each position it changes gets a revision by
        `author` naming `origin` (see `import_records`, which also says what the seed
        leaves alone)."""
        from .importer import import_records, validate_records

        self._writable()
        return import_records(
            self.db,
            validate_records(self.db, data, origin, progress),
            cancelled,
            author=author,
            origin=origin,
            action=action,
        )

    # The coding desk (see `store.desk`): every change to a position is a revision --------

    def add_document(
        self, record: Mapping[str, Any], *, author: str, origin: str
    ) -> tuple[str, bool]:
        """Store a document (import-format fields, "id" optional); (id, added). The same
        text already stored is recognised by its SHA-256: (its id, False)."""
        from . import desk

        self._writable()
        return desk.add_document(self.db, record, author=author, origin=origin)

    def document_with_text(self, text: str) -> str | None:
        """The id of the stored document whose text is exactly `text`, if any."""
        from . import desk

        return desk.document_with_text(self.db, text)

    def create_position(
        self,
        record: Mapping[str, Any],
        *,
        author: str,
        origin: str,
        reason: str = "",
        new_topics: Sequence[Mapping[str, str]] = (),
    ) -> Position:
        """Validate (as `import` does) and write a new position, with its revision, and
        the `new_topics` ({"id", "label"}) it is the first to use, in one transaction."""
        from . import desk

        self._writable()
        return desk.create_position(
            self.db, record, author=author, origin=origin, reason=reason, new_topics=new_topics
        )[0]

    def edit_position(
        self,
        record: Mapping[str, Any],
        *,
        author: str,
        origin: str,
        reason: str = "",
        new_topics: Sequence[Mapping[str, str]] = (),
    ) -> Position:
        """Validate and write a changed position; no revision when nothing changed."""
        from . import desk

        self._writable()
        return desk.edit_position(
            self.db, record, author=author, origin=origin, reason=reason, new_topics=new_topics
        )[0]

    def add_quote(
        self, position_id: str, source: Mapping[str, Any], *, author: str, origin: str
    ) -> Position:
        """Another quote ({"document", "quote", "start", "end"}) for a position."""
        from . import desk

        self._writable()
        return desk.add_quote(self.db, position_id, source, author=author, origin=origin)[0]

    def retract(self, position_id: str, reason: str, *, author: str, origin: str) -> Position:
        """Take a position out of the timeline, counts and exports; kept, restorable."""
        from . import desk

        self._writable()
        return desk.set_status(
            self.db, position_id, PositionStatus.RETRACTED, reason, author=author, origin=origin
        )[0]

    def restore(self, position_id: str, *, author: str, origin: str, reason: str = "") -> Position:
        from . import desk

        self._writable()
        return desk.set_status(
            self.db, position_id, PositionStatus.ACTIVE, reason, author=author, origin=origin
        )[0]

    def grade_position(
        self,
        position_id: str,
        credibility: int | None,
        note: str = "",
        *,
        author: str,
        origin: str,
        doubt: str | None = None,
    ) -> Position:
        """Set or (None) clear a position's credibility grade (1–6), and with `doubt` its
        doubt too, as one revision."""
        from . import grading

        self._writable()
        return grading.grade_position(
            self.db, position_id, credibility, note, author=author, origin=origin, doubt=doubt
        )

    def set_doubt(self, position_id: str, doubt: str, *, author: str, origin: str) -> Position:
        """Say ("" withdraws) why the source itself may be wrong here, as a revision."""
        from . import grading

        self._writable()
        return grading.set_doubt(self.db, position_id, doubt, author=author, origin=origin)

    def grade_document(
        self, document_id: str, reliability: str | None, note: str = "", *, author: str
    ) -> Document:
        """Set or (None) clear a document's reliability grade (A–F)."""
        from . import grading

        self._writable()
        return grading.grade_document(self.db, document_id, reliability, note, author=author)

    def revert(self, revision_id: int, *, author: str, origin: str) -> Position:
        """Undo a position's latest revision, as one more revision (nothing is erased)."""
        from . import desk

        self._writable()
        return desk.revert(self.db, revision_id, author=author, origin=origin)[0]

    def history(self, position_id: str) -> list[Revision]:
        """A position's revisions, oldest first."""
        return revisions.history(self.db, position_id)

    def last_revision_by(self, author: str, since: int = 0) -> Revision | None:
        """`author`'s latest revision with an id above `since` (a session's first), if any."""
        return revisions.latest_by(self.db, author, since)

    def revision_mark(self) -> int:
        """The newest revision's id: a session remembers it to undo only its own changes."""
        return revisions.newest_id(self.db)

    def provenance(self, ids: Iterable[str]) -> dict[str, Provenance]:
        """Who coded each position and who changed it last."""
        return revisions.provenance_of(self.db, ids)

    # Coverage (the document list and the reader) -----------------------------

    def save_view(self, author: str, name: str, state: ViewState) -> None:
        """Save the analyst's view under a letter, or (name "") where they left off."""
        from . import views

        self._writable()
        views.save_view(self.db, author, name, state)

    def saved_view(self, author: str, name: str) -> SavedView | None:
        from . import views

        return views.saved_view(self.db, author, name)

    def saved_views(self, author: str) -> list[SavedView]:
        """The analyst's lettered views, a to z."""
        from . import views

        return views.saved_views(self.db, author)

    def document_summaries(self) -> list[DocumentSummary]:
        """Every document with how many positions cite it and how many of its sentences."""
        return coverage.document_summaries(self.db, self.documents())

    def sentence_citations(self, document_id: str) -> list[CitedSentence]:
        """The document's sentences, each with the ids of the positions citing it."""
        return coverage.sentence_citations(self.db, self.document(document_id))

    # Internals -------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[object]) -> Iterator[dict[str, Any]]:
        return rows_of(self.db, sql, params)

    def _hydrate(self, rows: list[dict[str, Any]]) -> list[Position]:
        return hydrate(self.db, rows)

"""Turning positions into rows and writing them: the one write path.

`counterpoint import` (through the importer, after validation) and bulk loads
such as `counterpoint synth` both write with `write_positions`, a handful of
`executemany` calls per batch. Both put off, when the write is large enough to
gain, what can be built once at the end instead of row by row: the full-text
index, the side counts and the secondary indexes (`DeferredUpkeep`).
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from .deferred_upkeep import CHILD_TABLES, DeferredUpkeep
from .records import Document, Position
from .revisions import now_utc

if TYPE_CHECKING:  # the importer writes validated models; pydantic stays out of start-up
    from . import models

_Written = TypeVar("_Written", Position, "models.Position")
"""What is written: the store's own records (a bulk load) or validated models (an import)."""


class _Coded(Protocol):
    """A record the store built, which knows its actors' ids (a validated model does not)."""

    @property
    def actor_ids(self) -> tuple[str, ...]: ...


INSERT_POSITION = """
    INSERT INTO positions (id, side, kind, summary, date_start, date_end, date_precision,
        date_text, date_basis, date_note, actors_text, quotes_text, credibility,
        credibility_note, credibility_by, doubt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET side = excluded.side, kind = excluded.kind,
        summary = excluded.summary, date_start = excluded.date_start,
        date_end = excluded.date_end, date_precision = excluded.date_precision,
        date_text = excluded.date_text, date_basis = excluded.date_basis,
        date_note = excluded.date_note, actors_text = excluded.actors_text,
        quotes_text = excluded.quotes_text, credibility = excluded.credibility,
        credibility_note = excluded.credibility_note,
        credibility_by = excluded.credibility_by, doubt = excluded.doubt"""
INSERTS = {
    "positions": INSERT_POSITION,
    "position_actors": "INSERT INTO position_actors (position_id, ordinal, actor_id) "
    "VALUES (?, ?, ?)",
    "position_topics": "INSERT INTO position_topics (position_id, ordinal, topic, side, "
    "date_start) VALUES (?, ?, ?, ?, ?)",
    "position_places": "INSERT INTO position_places (position_id, ordinal, name) VALUES (?, ?, ?)",
    "sources": 'INSERT INTO sources (position_id, ordinal, document_id, quote, start, "end", '
    "prefix, suffix) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "links": "INSERT INTO links (source_id, ordinal, relation, target_id) VALUES (?, ?, ?, ?)",
}
INSERT_DOCUMENT = """
    INSERT INTO documents (id, title, outlet, published, published_note, text, url, author,
        format, sha256, added_by, added_at, reliability, reliability_note, reliability_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET title = excluded.title, outlet = excluded.outlet,
        published = excluded.published, published_note = excluded.published_note,
        url = coalesce(excluded.url, url), author = coalesce(excluded.author, author),
        reliability = CASE WHEN {take} THEN excluded.reliability ELSE reliability END,
        reliability_note = CASE WHEN {take} THEN excluded.reliability_note
            ELSE reliability_note END,
        reliability_by = CASE WHEN {take} THEN excluded.reliability_by ELSE reliability_by END
    """.format(
    take="(excluded.reliability IS NOT NULL AND (reliability IS NULL "
    "OR reliability_by IN ('', excluded.reliability_by)))"
)
"""A stored document's text, hash, format and who added it never change (the importer
refuses a different text under a stored id); its title, publisher and date may. Its grade
is replaced by a file's only where nobody else graded it: an analyst's grade outlives a
re-seed, as their other work does (documents have no revisions to restore it from)."""


def _composed(text: str) -> str:
    """Quotes stay as published, but the full-text column is fed their NFC form, so a
    word typed one way finds it written the other (search text is NFC too)."""
    return unicodedata.normalize("NFC", text)


ActorRefs = Mapping[str, Sequence[tuple[str, str]]]
"""Position id -> (actor id, canonical name) of each actor it names, in order."""


def rows_for(
    positions: Sequence[_Written], actors: ActorRefs | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """The rows of every table for a batch of positions, in insertion order. Without
    `actors`, each position's own `actor_ids` and `actors` (its names) say who: only the
    store's records carry `actor_ids`, so a validated model always comes with `actors`."""
    rows: dict[str, list[tuple[object, ...]]] = {table: [] for table in INSERTS}
    for p in positions:
        refs = (
            actors[p.id]
            if actors is not None
            else list(zip(cast(_Coded, p).actor_ids, p.actors, strict=True))
        )
        rows["positions"].append(
            (
                p.id,
                p.side,
                p.kind.value,
                p.summary,
                p.date_start.isoformat(),
                p.date_end.isoformat(),
                p.date_precision.value,
                p.date_text,
                p.date_basis.value,
                p.date_note,
                "; ".join(name for _, name in refs),
                _composed("\n".join(s.quote for s in p.sources)),
                p.credibility,
                p.credibility_note,
                p.credibility_by,
                p.doubt,
            )
        )
        rows["position_actors"] += [(p.id, n, actor_id) for n, (actor_id, _) in enumerate(refs)]
        side, start = p.side, p.date_start.isoformat()
        rows["position_topics"] += [(p.id, n, t, side, start) for n, t in enumerate(p.topics)]
        rows["position_places"] += [(p.id, n, name) for n, name in enumerate(p.places)]
        rows["sources"] += [
            (p.id, n, s.document, s.quote, s.start, s.end, s.prefix, s.suffix)
            for n, s in enumerate(p.sources)
        ]
        rows["links"] += [
            (p.id, n, link.relation.value, link.target) for n, link in enumerate(p.links)
        ]
    return rows


def write_documents(
    conn: sqlite3.Connection,
    documents: Iterable[Document | models.Document],
    *,
    added_by: str = "",
    spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> None:
    """Insert or update documents, and store the sentences of each new one (its text
    never changes, so they are split once: `store.sentence_counts` counts by them).
    `spans` gives them for documents whose sentences are known already (synthetic ones:
    each is made of its quotes), instead of splitting."""
    documents = list(documents)
    at = now_utc()
    conn.executemany(
        INSERT_DOCUMENT,
        [
            (
                d.id,
                d.title,
                d.outlet,
                d.published.isoformat(),
                d.published_note,
                d.text,
                d.url,
                d.author,
                d.format,
                text_sha256(d.text),
                added_by,
                at,
                d.reliability,
                d.reliability_note,
                d.reliability_by,
            )
            for d in documents
        ],
    )
    write_sentences(conn, documents, spans or {})


INSERT_SENTENCE = 'INSERT INTO document_sentences (document_id, start, "end") VALUES (?, ?, ?)'


def write_sentences(
    conn: sqlite3.Connection,
    documents: Sequence[Document | models.Document],
    spans: Mapping[str, Sequence[tuple[int, int]]],
) -> None:
    """The sentences of each document that has none stored yet."""
    from .sentences import split_sentences

    ids = [d.id for d in documents]
    stored: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        stored.update(
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT document_id FROM document_sentences "
                f"WHERE document_id IN ({marks})",
                chunk,
            )
        )
    rows: list[tuple[str, int, int]] = []
    for d in documents:
        if d.id in stored:
            continue
        stored.add(d.id)
        known = spans.get(d.id)
        pairs = known if known is not None else [(x.start, x.end) for x in split_sentences(d.text)]
        rows += [(d.id, begin, end) for begin, end in pairs]
    conn.executemany(INSERT_SENTENCE, rows)


def text_sha256(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes, in hex: what `documents.sha256` holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_positions(
    conn: sqlite3.Connection,
    positions: Sequence[_Written],
    *,
    replace: bool,
    actors: ActorRefs | None = None,
) -> None:
    """Write a batch inside the caller's transaction.

    `replace` first removes the parts (quotes, topics, outgoing links …) of ids that
    may already exist, so a re-import replaces a position instead of adding to it.
    Links are written after every position of the batch, so positions may link to
    each other within it.
    """
    rows = rows_for(positions, actors)
    if replace:
        ids = [(p.id,) for p in positions]
        for table in CHILD_TABLES:
            conn.executemany(f"DELETE FROM {table} WHERE position_id = ?", ids)
        conn.executemany("DELETE FROM links WHERE source_id = ?", ids)
    for table, sql in INSERTS.items():
        conn.executemany(sql, rows[table])


def bulk_load(
    conn: sqlite3.Connection,
    batches: Iterable[tuple[Sequence[Document], Sequence[Position]]],
    progress: Callable[[int], None] | None = None,
    *,
    quotes_are_sentences: bool = False,
    expected: int | None = None,
) -> int:
    """Load new positions in one transaction, building what can be rebuilt once at the end.

    Each batch is (documents, positions that quote them); documents are written
    first. For positions not in the store yet (their ids must be new). Returns how
    many positions were written; on any failure nothing is. `quotes_are_sentences`:
    each document is made of its positions' quotes, one sentence each (synthetic
    data), so its sentences are those quotes and nothing is split.

    What can be rebuilt once is, at the end (see `DeferredUpkeep`): the full-text
    index and side counts always, the secondary indexes when the store is empty or
    `expected` (how many positions the batches hold, if known) is at least as many
    as it has. All inside the one transaction: a kill leaves old or new.
    """
    written = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        upkeep = DeferredUpkeep.begin(conn, expected, triggers_always=True)
        for documents, positions in batches:
            spans: dict[str, list[tuple[int, int]]] = {}
            if quotes_are_sentences:
                for p in positions:
                    for source in p.sources:
                        spans.setdefault(source.document, []).append((source.start, source.end))
            write_documents(conn, documents, spans=spans)
            write_positions(conn, positions, replace=False)
            written += len(positions)
            if progress:
                progress(len(positions))
        upkeep.finish(written)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return written

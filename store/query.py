"""Filters and the SQL they become.

A `Filter` is a plain value: what an analyst has asked to see. `where_clause`
turns it into a WHERE fragment over the `positions` table (alias `p`) and its
parameters. The fragment is assembled only from the constant strings in this
module; every value the user typed travels as a `?` parameter. Within one facet
the values are alternatives (either side); across facets they must all hold (this
side AND that topic). Sides, topics and actors are the database's ids
(`store.registry`); an actor filter matches that actor exactly, under any alias.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .plain_text import one_line
from .registry import Vocabularies
from .search_syntax import NOTES_INDEX, POSITIONS_INDEX, Index, parse, render
from .vocab import Kind


class SearchMode(StrEnum):
    """How the search text was understood: as FTS5 syntax, or word by word."""

    NONE = "none"
    FTS = "fts"
    LITERAL = "literal"


@dataclass(frozen=True)
class Filter:
    """What to show. Empty facets do not restrict."""

    sides: frozenset[str] = frozenset()
    kinds: frozenset[Kind] = frozenset()
    topics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    """Actor ids."""
    documents: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    bookmarked_by: str | None = None
    """Only positions this analyst (login name) has bookmarked."""
    annotated: bool = False
    """Only positions that carry a note, by anyone."""
    include_retracted: bool = False
    """Retracted positions too (they leave the timeline, counts and exports otherwise)."""
    credibility: tuple[int, int] | None = None
    """Only positions graded in this credibility range (1–6, inclusive); ungraded ones
    are left out while it is set."""
    reliability: tuple[str, str] | None = None
    """Only positions quoting at least one document graded in this range (A–F)."""
    doubted: bool = False
    """Only positions that carry a doubt."""
    with_answers: bool = False
    """Also the direct answers of what the filter matches (ANSWER_RELATIONS, either
    direction), when the filter restricts at all: a topic filter must not show an
    allegation without the denial that answers it. Counts stay the matches'."""
    lane: str | None = None
    """One side only, of what the rest of the filter shows (answers included): how the
    panes step along one side. Not a facet: it filters nothing out on its own."""
    literal_search: bool = field(default=False, compare=False)

    @property
    def is_empty(self) -> bool:
        return replace(self, with_answers=False, lane=None) == Filter()

    @property
    def adds_answers(self) -> bool:
        """Whether answers join the matches: asked for, and something is filtered out."""
        return self.with_answers and not self.is_empty

    @property
    def matches_only(self) -> Filter:
        return replace(self, with_answers=False)

    def describe(self, vocab: Vocabularies) -> str:
        """The filters in force, in words, for status lines and brief headers."""
        parts = []
        if self.sides:
            parts.append(
                "side " + " or ".join(sorted(one_line(vocab.side_label(s)) for s in self.sides))
            )
        if self.kinds:
            parts.append("kind " + " or ".join(sorted(k.label for k in self.kinds)))
        if self.topics:
            parts.append(
                "topic " + " or ".join(sorted(one_line(vocab.topic_label(t)) for t in self.topics))
            )
        # Names, labels and document ids come from the data: shown by the display rule.
        if self.actors:
            parts.append(
                "actor " + " or ".join(sorted(one_line(_actor_name(vocab, a)) for a in self.actors))
            )
        if self.documents:
            parts.append("document " + " or ".join(sorted(one_line(d) for d in self.documents)))
        if self.date_from or self.date_to:
            start = self.date_from.isoformat() if self.date_from else "…"
            end = self.date_to.isoformat() if self.date_to else "…"
            parts.append(f"date {start}..{end}")
        if self.text:
            parts.append(f"search {self.text!r}")
        if self.bookmarked_by:
            parts.append("bookmarked")
        if self.annotated:
            parts.append("annotated")
        if self.credibility:
            low, high = self.credibility
            parts.append(f"credibility {low}" if low == high else f"credibility {low}-{high}")
        if self.reliability:
            first, last = self.reliability
            parts.append(f"reliability {first}" if first == last else f"reliability {first}-{last}")
        if self.doubted:
            parts.append("doubted")
        if self.include_retracted:
            parts.append("retracted included")
        if parts and self.with_answers:
            parts.append("+ answers")
        return "; ".join(parts) if parts else "no filters"


def _actor_name(vocab: Vocabularies, actor_id: str) -> str:
    actor = vocab.actor(actor_id)
    return actor.name if actor is not None else actor_id


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


CHUNK = 500
"""Ids per `IN (...)` list: well under SQLite's limit on bound parameters."""


def in_chunks(ids: Iterable[str], ordered: bool = True) -> Iterator[tuple[list[str], str]]:
    """(ids, "?, ?, …") for each chunk of the distinct ids, for `WHERE x IN (…)` queries.

    `ordered=False` keeps the caller's order (duplicates and all)."""
    wanted = sorted(set(ids)) if ordered else list(ids)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        yield chunk, _placeholders(chunk)


def _member(walk: bool, table: str, condition: str) -> str:
    """`p` has a row in `table` meeting `condition`, written for the access path.

    Collecting (`p.id IN (SELECT position_id …)`) costs what the subquery matches:
    best for counts and for rare values. Walking (`EXISTS (… position_id = p.id)`)
    checks each row as the timeline index is walked: best for fetching the next
    page of a common value, where a few rows walked find enough matches.
    """
    if walk:
        return f"EXISTS (SELECT 1 FROM {table} x WHERE x.position_id = p.id AND {condition})"
    return f"p.id IN (SELECT position_id FROM {table} x WHERE {condition})"


def any_retracted(conn: sqlite3.Connection) -> bool:
    """Whether any position is retracted: one probe of the partial index
    positions_retracted. When none is, queries need not exclude them (a store that never
    retracted anything pays nothing for the possibility)."""
    found: int = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM positions WHERE status = 'retracted')"
    ).fetchone()[0]
    return bool(found)


def where_clause(
    flt: Filter, fts: FtsQuery | None, walk: bool = False, *, retracted: bool = True
) -> tuple[str, list[object]]:
    """The WHERE fragment (always valid SQL, possibly 'TRUE') and its parameters.

    `walk` writes every sub-table test (topics, actors, documents, marks, full-text
    search) to be checked row by row along the timeline index instead of collected
    first; see `_member`. Both forms select the same rows. `fts` is the filter's search
    made safe (`fts_query_for`); None, or a search of mode NONE, does not restrict.
    `retracted` says whether the store holds retracted positions (`any_retracted`):
    they are left out unless the filter includes them.
    """
    clauses: list[str] = []
    params: list[object] = []
    if flt.sides:
        values = sorted(flt.sides)
        clauses.append(f"p.side IN ({_placeholders(values)})")
        params += values
    if flt.kinds:
        values = sorted(k.value for k in flt.kinds)
        clauses.append(f"p.kind IN ({_placeholders(values)})")
        params += values
    if flt.topics:
        values = sorted(flt.topics)
        clauses.append(_member(walk, "position_topics", f"x.topic IN ({_placeholders(values)})"))
        params += values
    if flt.actors:
        values = sorted(flt.actors)
        clauses.append(_member(walk, "position_actors", f"x.actor_id IN ({_placeholders(values)})"))
        params += values
    if flt.documents:
        values = sorted(flt.documents)
        clauses.append(_member(walk, "sources", f"x.document_id IN ({_placeholders(values)})"))
        params += values
    if flt.date_from:
        clauses.append("p.date_end >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        clauses.append("p.date_start <= ?")
        params.append(flt.date_to.isoformat())
    if flt.credibility:
        clauses.append("p.credibility BETWEEN ? AND ?")
        params += list(flt.credibility)
    if flt.reliability:
        clauses.append(
            _member(
                walk,
                "sources",
                "x.document_id IN (SELECT id FROM documents WHERE reliability BETWEEN ? AND ?)",
            )
        )
        params += list(flt.reliability)
    if flt.doubted:
        clauses.append("p.doubt != ''")
    if flt.bookmarked_by:
        clauses.append(_member(walk, "bookmarks", "x.author = ?"))
        params.append(flt.bookmarked_by)
    if flt.annotated:
        clauses.append(_member(walk, "notes", "TRUE"))
    if fts is not None and fts.mode is not SearchMode.NONE:
        clause, values = _search_clause(fts, walk)
        clauses.append(clause)
        params += values
    active = ""
    if retracted and not flt.include_retracted:
        # Few are retracted: the partial index positions_retracted lists them, the set is
        # built once per statement, and an index walk stays covering (id is in each index).
        active = "p.id NOT IN (SELECT id FROM positions WHERE status = 'retracted')"
    if flt.adds_answers and clauses:
        where, params = _with_answers(" AND ".join(clauses), params, active)
        clauses, active = [where], ""
    if active:
        clauses.append(active)
    if flt.lane is not None:
        clauses.append("p.side = ?")
        params = [*params, flt.lane]
    return (" AND ".join(clauses) if clauses else "TRUE"), params


ANSWER_RELATIONS = ("denies", "counters", "responds_to")
"""The links by which one position answers another: they travel with a filter."""


def _with_answers(match: str, params: list[object], active: str) -> tuple[str, list[object]]:
    """The matches, or a position linked to a match by an answering relation (either
    direction). The matches are named once more inside each subquery, where `p` is the
    subquery's own positions."""
    relations = ", ".join(f"'{r}'" for r in ANSWER_RELATIONS)
    matched = f"SELECT p.id FROM positions p WHERE {match}" + (f" AND {active}" if active else "")
    answers = (
        f"p.id IN (SELECT l.source_id FROM links l WHERE l.relation IN ({relations}) "
        f"AND l.target_id IN ({matched}) "
        f"UNION SELECT l.target_id FROM links l WHERE l.relation IN ({relations}) "
        f"AND l.source_id IN ({matched}))"
    )
    where = f"(({match}) OR {answers})" + (f" AND {active}" if active else "")
    return where, [*params, *params, *params]


@dataclass(frozen=True)
class FtsQuery:
    """The search text as a MATCH string for each full-text index, and how it was read.

    None for an index means the search can find nothing there (a column filter naming
    only columns it lacks, as `summary:treaty` for the notes): that index is not
    searched at all, rather than given text it would refuse."""

    positions: str | None
    notes: str | None
    mode: SearchMode


NO_SEARCH = FtsQuery(None, None, SearchMode.NONE)


def _search_clause(fts: FtsQuery, walk: bool) -> tuple[str, list[str]]:
    """A position matches if its own text does or one of its notes does; FALSE if the
    search can match in neither index."""
    parts: list[str] = []
    params: list[str] = []
    if fts.positions is not None:
        parts.append(
            "EXISTS (SELECT 1 FROM positions_fts f WHERE f.positions_fts MATCH ?"
            " AND f.rowid = p.rowid)"
            if walk
            else "p.rowid IN (SELECT rowid FROM positions_fts WHERE positions_fts MATCH ?)"
        )
        params.append(fts.positions)
    if fts.notes is not None:
        parts.append(
            "p.id IN (SELECT n.position_id FROM notes n WHERE n.rowid IN"
            " (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?))"
        )
        params.append(fts.notes)
    if not parts:
        return "FALSE", []
    return "(" + " OR ".join(parts) + ")", params


def fts_query_for(conn: sqlite3.Connection, flt: Filter) -> FtsQuery:
    """The filter's search text, read once and written safely for each index.

    The text is normalised to NFC (so names that look the same match), then parsed
    (`store.search_syntax`): FTS5 syntax (`Indus OR water`, `"ceasefire offer"`,
    `terror*`, `summary:treaty`) is rendered per index with every word quoted;
    anything else is searched word by word. As a last guard each rendered string is
    run once against its index, and words are searched instead if SQLite refuses
    it, so no search text can raise.
    """
    text = unicodedata.normalize("NFC", flt.text).strip()
    if not text:
        return NO_SEARCH
    if not flt.literal_search:
        tree = parse(text)
        if tree is not None:
            rendered = FtsQuery(
                render(tree, POSITIONS_INDEX), render(tree, NOTES_INDEX), SearchMode.FTS
            )
            if _accepted(
                conn, ((POSITIONS_INDEX, rendered.positions), (NOTES_INDEX, rendered.notes))
            ):
                return rendered
    words = quote_words(text)
    return FtsQuery(words, words, SearchMode.LITERAL)


def _accepted(conn: sqlite3.Connection, queries: Iterable[tuple[Index, str | None]]) -> bool:
    """Whether SQLite takes each MATCH string (the parser's output is meant to be always
    valid; this keeps a mistake there from ever reaching the analyst as an error)."""
    for index, match in queries:
        if match is None:
            continue
        try:
            conn.execute(
                f"SELECT 1 FROM {index.table} WHERE {index.table} MATCH ? LIMIT 1", (match,)
            ).fetchall()
        except sqlite3.OperationalError:
            return False
    return True


def quote_words(text: str) -> str:
    """Each run of word characters as a quoted FTS5 string, ANDed together."""
    words: list[str] = []
    current = ""
    for ch in text:
        if unicodedata.category(ch)[0] in "LNM" or ch == "_":
            current += ch
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return " ".join(f'"{word}"' for word in words) if words else '""'

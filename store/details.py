"""Everything about a position, fetched once for every view that shows it.

The inspector, `counterpoint show` and the Markdown brief all show a position's
coded facts, its quotes in their sentences, its links in both directions and the
analysts' notes (the inspector and `show` also who coded it and who changed it last:
`provenance`). Each used to gather these its own way, and they drifted (one
said "Note:" where another said "Basis"; the brief showed outgoing links only).
Now `details_of` fetches all of it for many positions in a few queries, into one
frozen `PositionDetails` each, and the views only format that record: they agree
by construction. The words they label things with live here too (`facts`,
`SOURCES`, `LINKS`, `NOTES`), so they cannot drift apart again.

A link whose other end is not in the store (imported before its target) is not
shown, as `Store.link_ends` does not show it: it leads nowhere yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from . import annotations as notes_and_marks  # not `annotations`: the __future__ import
from .connection import Database
from .dates import read_stored_date
from .grades import (
    RELIABILITY,
    best_reliability,
    combined_grade,
    credibility_label,
    reliability_label,
)
from .query import in_chunks
from .records import LinkEnd, Note, Position
from .registry import Vocabularies, read_vocabularies
from .revisions import Provenance, provenance_of
from .sentences import QuoteContext, quote_context
from .vocab import Relation

SOURCES = "Sources"
LINKS = "Links"
NOTES = "Notes"
"""Section titles, the same in every view."""
HISTORY = "History"
"""The label of the provenance line (who coded it, who changed it last)."""
DOUBT = "Doubt"
"""The first fact of a doubted position, in every view: a reader meets it before the rest."""
GRADE = "Grade"


class Fact(NamedTuple):
    """One labelled line about a position. `code` marks an identifier, which a view
    may set apart (the brief makes it inline code) but shows as it is."""

    label: str
    value: str
    code: bool = False


@dataclass(frozen=True, slots=True)
class QuotedSource:
    """A quote of a position with what the views show of its document."""

    document_id: str
    quote: str
    start: int
    end: int
    title: str | None
    """None when the store does not hold the document (a file written by another tool)."""
    outlet: str | None
    published: date | None
    """None when the document is missing or its stored date cannot be read."""
    context: QuoteContext | None
    """The rest of the quote's sentence; None when the quote is the whole sentence or
    the document is missing."""
    reliability: str | None = None
    """The document's reliability grade (A–F); None when ungraded or missing."""

    @property
    def reliability_text(self) -> str:
        """ "reliability C fairly reliable": how every view says its document's grade."""
        return f"reliability {reliability_label(self.reliability)}"

    @property
    def name(self) -> str:
        """The document's title, or its id when the store does not hold it."""
        return self.document_id if self.title is None else self.title

    @property
    def around(self) -> tuple[str, str] | None:
        """(before, after) the quote as every view shows them: "… " and " …" mark
        where the sentence goes on past what is shown. Raw text: views make it safe."""
        if self.context is None:
            return None
        found = self.context
        return (
            ("… " if found.cut_before else "") + found.before,
            found.after + (" …" if found.cut_after else ""),
        )


@dataclass(frozen=True, slots=True)
class PositionDetails:
    """Everything the views show about one position, in the order they show it."""

    position: Position
    sources: tuple[QuotedSource, ...] = ()
    links: tuple[LinkEnd, ...] = ()
    """Outgoing (in the order held), then incoming; only ends in the store."""
    notes: tuple[Note, ...] = ()
    """Every analyst's, oldest first."""
    provenance: Provenance | None = None
    """Who coded it and who changed it last; None when no revision was ever recorded."""
    vocab: Vocabularies = field(default_factory=Vocabularies, compare=False, repr=False)
    """The database's names for sides and topics, read once per batch."""

    def side_label(self, side: str) -> str:
        """How a side reads (this position's, or a link's other end's)."""
        return self.vocab.side_label(side)

    @property
    def topics_label(self) -> str:
        return ", ".join(self.vocab.topic_label(t) for t in self.position.topics)

    def facts(self) -> list[Fact]:
        """The coded fields, labelled and worded as every view shows them. Raw text:
        each view makes it safe for where it goes (screen, terminal, Markdown)."""
        p = self.position
        kind = f"{p.kind.label} — {p.kind.description}" if p.kind.description else p.kind.label
        facts = [Fact(DOUBT, p.doubt)] if p.doubt else []
        facts += [
            Fact("Id", p.id, code=True),
            Fact("Side", self.side_label(p.side)),
            Fact("Kind", kind),
            Fact("Actors", ", ".join(p.actors)),
            Fact("Topics", self.topics_label),
            Fact("Places", ", ".join(p.places) or "—"),
            Fact(
                "Date",
                f"{p.date_label} ({p.date_precision.label.lower()}; {p.date_basis.label.lower()})",
            ),
        ]
        if p.edtf:
            facts.append(Fact("EDTF", p.edtf, code=True))
        if p.date_text:
            facts.append(Fact("Wording", f"“{p.date_text}”"))
        if p.date_note:
            facts.append(Fact("Basis", p.date_note))
        if p.retracted:
            facts.append(Fact("Status", f"retracted: {p.status_reason or 'no reason given'}"))
        facts.append(Fact(GRADE, self.grade_text))
        return facts

    @property
    def grade(self) -> str:
        """Reliability and credibility as analysts write them together ("B2", "-2",
        "--"): the best-graded source document's reliability, the position's credibility."""
        return combined_grade(
            best_reliability(s.reliability for s in self.sources), self.position.credibility
        )

    @property
    def grade_text(self) -> str:
        """ "B2: source usually reliable, information probably true (by alice: note)"."""
        p = self.position
        reliability = best_reliability(s.reliability for s in self.sources)
        if reliability is None and p.credibility is None:
            return f"{self.grade}: not graded"
        words = (
            f"{self.grade}: source {reliability_label(reliability)}, "
            f"information {credibility_label(p.credibility)}"
        )
        if p.credibility is not None:
            by = p.credibility_by or "grader not recorded"
            note = f": {p.credibility_note}" if p.credibility_note else ""
            words += f" (by {by}{note})"
        return words


def details_of(db: Database, positions: Iterable[Position]) -> list[PositionDetails]:
    """The details of `positions`, in their order: a few queries for the lot (documents,
    link ends, notes and the vocabularies, a chunk of ids at a time), whatever their
    number."""
    positions = list(positions)
    vocab = read_vocabularies(db)
    ids = [p.id for p in positions]
    documents = _documents(db, {s.document for p in positions for s in p.sources})
    ends = link_ends_of(db, ids)
    notes = notes_and_marks.notes_for(db, ids)
    provenance = provenance_of(db, ids)
    return [
        PositionDetails(
            position=p,
            sources=tuple(
                documents[s.document].quoted(s.document, s.quote, s.start, s.end)
                if s.document in documents
                else QuotedSource(s.document, s.quote, s.start, s.end, None, None, None, None)
                for s in p.sources
            ),
            links=tuple(ends.get(p.id, ())),
            notes=tuple(notes.get(p.id, ())),
            provenance=provenance.get(p.id),
            vocab=vocab,
        )
        for p in positions
    ]


@dataclass
class _Document:
    """What a source needs of its document. Each quote's sentence is found by splitting
    only the line it is on (store.sentences caches lines): a brief quotes a document
    dozens of times, but rarely all of it, and a long text is slow to split whole."""

    title: str
    outlet: str | None
    published: date | None
    text: str
    reliability: str | None = None

    def quoted(self, document_id: str, quote: str, start: int, end: int) -> QuotedSource:
        return QuotedSource(
            document_id,
            quote,
            start,
            end,
            self.title,
            self.outlet,
            self.published,
            quote_context(self.text, start, end),
            self.reliability,
        )


def _documents(db: Database, ids: Iterable[str]) -> dict[str, _Document]:
    found: dict[str, _Document] = {}
    for chunk, marks in in_chunks(ids):
        for doc_id, title, outlet, published, text, reliability in db.execute(
            "SELECT id, title, outlet, published, text, reliability FROM documents "
            f"WHERE id IN ({marks})",
            chunk,
        ):
            stored = read_stored_date(published, "published")
            found[_text(doc_id)] = _Document(
                _text(title),
                None if outlet is None else _text(outlet),
                None if stored.problem else stored.day,
                _text(text),
                reliability if reliability in RELIABILITY else None,
            )
    return found


def link_ends_of(db: Database, ids: list[str]) -> dict[str, list[LinkEnd]]:
    """Every link of each position, outgoing (in the order held) then incoming (by the
    other end's id); `Store.link_ends` asks for one position."""
    found: dict[str, list[LinkEnd]] = defaultdict(list)
    for chunk, marks in in_chunks(ids):
        for pid, relation, outgoing, other, side, summary, _ in db.execute(
            f"""SELECT l.source_id, l.relation, 1 AS outgoing, l.target_id, p.side,
                       p.summary, l.ordinal
                  FROM links l JOIN positions p ON p.id = l.target_id
                 WHERE l.source_id IN ({marks}) AND p.status = 'active'
                UNION ALL
                SELECT l.target_id, l.relation, 0, l.source_id, p.side, p.summary, 0
                  FROM links l JOIN positions p ON p.id = l.source_id
                 WHERE l.target_id IN ({marks}) AND p.status = 'active'
                 ORDER BY 3 DESC, 7, 4""",
            chunk + chunk,
        ):
            found[pid].append(
                LinkEnd(Relation(relation), bool(outgoing), other, _text(side), summary)
            )
    return found


def _text(value: object) -> str:
    """A stored text as a string, whatever type another tool stored there."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

"""How much of each document the positions cite: sentence by sentence, and in sum.

The reader marks every sentence with the positions that cite it, and the document
list gives each document's coverage (sentences cited / sentences), so an analyst
sees at once what is left to code. A position cites a sentence when one of its
sources' [start, end) overlaps the sentence's [start, end); an empty source (start
== end) counts as the one code point at its start, so it still cites the sentence it
points into. Sentences are `store.sentences.split_sentences`, the same splitting the
inspector and the provenance checks use.

Only positions in force count: a retracted one (schema 7's `positions.status`) no
longer cites anything. The condition is read from the table itself, so a database
from before that column counts every position.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .connection import Database
from .records import Document
from .sentences import Sentence, split_sentences


@dataclass(frozen=True)
class CitedSentence:
    """A sentence of a document and the positions that cite it (ids, sorted)."""

    start: int
    end: int
    text: str
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the document list."""

    id: str
    title: str
    outlet: str | None
    """The publisher."""
    published: date
    positions: int
    """How many positions cite this document at all."""
    sentences: int
    cited: int
    """How many of its sentences at least one position cites."""
    reliability: str | None = None
    """The document's source-reliability grade (A–F), None when ungraded."""

    @property
    def coverage(self) -> float:
        """cited / sentences; 0 for a document with no sentence (an empty text)."""
        return self.cited / self.sentences if self.sentences else 0.0

    def coverage_label(self) -> str:
        """'12/27 44%': the counts first, since a percentage alone hides how much is left."""
        return f"{self.cited}/{self.sentences} {round(100 * self.coverage)}%"


def _citing_condition(db: Database) -> str:
    """The SQL condition on `p` (positions) for a position that cites: only active ones
    once positions have a status (schema 7), every one before that."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(positions)")}
    return "p.status = 'active'" if "status" in columns else "1"


def _sources(db: Database, document_id: str | None) -> dict[str, list[tuple[str, int, int]]]:
    """document id -> (position id, start, end) of every citing source, of one document
    or of all."""
    where = _citing_condition(db)
    params: list[object] = []
    if document_id is not None:
        where += " AND s.document_id = ?"
        params.append(document_id)
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for doc, position, start, end in db.execute(
        'SELECT s.document_id, s.position_id, s.start, s."end" FROM sources s '
        f"JOIN positions p ON p.id = s.position_id WHERE {where}",
        params,
    ):
        found[str(doc)].append((str(position), _offset(start), _offset(end)))
    return found


def _offset(value: Any) -> int:
    """An offset as stored; one another tool stored as something else counts as 0."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def citations(sentences: list[Sentence], sources: Iterable[tuple[str, int, int]]) -> list[set[str]]:
    """For each sentence (in order, not overlapping), the ids of the positions whose
    sources overlap it. Each source finds its first and last sentence by bisection, so
    the cost follows the sources and the sentences they span, not their product."""
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    cited: list[set[str]] = [set() for _ in sentences]
    for position, start, end in sources:
        end = max(end, start + 1)
        # Sentences with end > start and start < end overlap [start, end).
        for index in range(bisect_right(ends, start), bisect_left(starts, end)):
            cited[index].add(position)
    return cited


def sentence_citations(db: Database, document: Document) -> list[CitedSentence]:
    """Every sentence of the document with the positions citing it."""
    sentences = split_sentences(document.text)
    cited = citations(sentences, _sources(db, document.id).get(document.id, []))
    return [
        CitedSentence(s.start, s.end, s.text, tuple(sorted(ids)))
        for s, ids in zip(sentences, cited, strict=True)
    ]


def document_summaries(db: Database, documents: Iterable[Document]) -> list[DocumentSummary]:
    """A summary row for each document, in the order given: one query for every
    citing source, then each text split into sentences."""
    sources = _sources(db, None)
    rows: list[DocumentSummary] = []
    for document in documents:
        own = sources.get(document.id, [])
        sentences = split_sentences(document.text)
        cited = citations(sentences, own)
        rows.append(
            DocumentSummary(
                id=document.id,
                title=document.title,
                outlet=document.outlet,
                published=document.published,
                positions=len({position for position, _, _ in own}),
                sentences=len(sentences),
                cited=sum(1 for ids in cited if ids),
                reliability=document.reliability,
            )
        )
    return rows

"""Proving quotes: every quote in the database against its document, and every citation
in a brief (Markdown, JSON or W3C annotations) against the database.

A quote holds when the document's characters at its offsets are the quote (their hash
is the citation's). What can go wrong, each reported on one line with the position and
the citation:

- in the database: a document's text no longer has the hash stored when it was added
  (`text changed`); a quote whose document is gone (`orphaned`); a quote that is no
  longer at its offsets (`drifted`, with where its words are now, if anywhere);
- in a brief: a position the database does not hold (`missing`), or has retracted
  (`retracted`); a quote the position no longer cites (`no longer cited`); a cited
  document that is gone (`orphaned`); characters at the offsets that are not the cited
  quote (`drifted`); and a quote in the brief that is not the one its citation
  fingerprints (`changed`: the brief was edited after it was written).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .anchoring import occurrences
from .citations import Citation, quote_digest
from .errors import StoreError
from .query import Filter
from .records import Document, Position
from .writer import text_sha256

if TYPE_CHECKING:
    from .api import Store


@dataclass(frozen=True)
class Problem:
    """One quote (or document) that does not hold, and why."""

    subject: str
    """The position's id (a document's id for a changed text)."""
    citation: str
    what: str

    def __str__(self) -> str:
        return f"{self.subject}  {self.citation}  {self.what}"


@dataclass(frozen=True)
class Cited:
    """One quote as a brief cites it."""

    position_id: str
    citation: Citation | None
    citation_text: str
    quote: str
    """The quote as the brief shows it: raw (JSON, annotations) or Markdown-escaped."""
    escaped: bool


@dataclass(frozen=True)
class Verdict:
    problems: list[Problem]
    quotes: int
    positions: int


def verify_database(store: Store) -> Verdict:
    """Every quote of every position (retracted ones too) against its document."""
    documents = {d.id: d for d in store.documents()}
    problems = [
        Problem(d.id, "document", "text changed: its hash is not the one stored when added")
        for d in documents.values()
        if d.sha256 and text_sha256(d.text) != d.sha256
    ]
    positions = store.positions(Filter(include_retracted=True))[0]
    quotes = 0
    for p in positions:
        for s in p.sources:
            quotes += 1
            citation = Citation.of(s.document, s.start, s.end, s.quote)
            document = documents.get(s.document)
            if document is None:
                problems.append(Problem(p.id, citation.text, "orphaned: no such document"))
            elif document.text[s.start : s.end] != s.quote:
                problems.append(Problem(p.id, citation.text, _drifted(document, s.quote)))
    return Verdict(problems, quotes, len(positions))


def _drifted(document: Document, quote: str) -> str:
    starts = occurrences(document.text, quote)
    if not starts:
        return "drifted: the quote is no longer in the document's text"
    where = ", ".join(f"{start}-{start + len(quote)}" for start in starts[:3])
    return f"drifted: not at its offsets; its words are at {where}"


def verify_brief(store: Store, text: str) -> Verdict:
    """Every citation in a brief's text against the database. StoreError when the text
    is not a brief Counterpoint wrote (no citation in it)."""
    cited = list(read_citations(text))
    if not cited:
        raise StoreError(
            "no citations found: not a brief, JSON export or annotations Counterpoint wrote"
        )
    ids = {c.position_id for c in cited}
    positions = store.get_many(ids)
    documents: dict[str, Document | None] = {}
    problems = []
    for c in cited:
        problem = _check(store, c, positions.get(c.position_id), documents)
        if problem:
            problems.append(Problem(c.position_id, c.citation_text, problem))
    return Verdict(problems, len(cited), len(ids))


def _check(
    store: Store, c: Cited, position: Position | None, documents: dict[str, Document | None]
) -> str | None:
    from .export import md_escape

    if c.citation is None:
        return "unreadable citation (document@start-end#hash)"
    cit = c.citation
    if position is None:
        return "missing: the database has no such position"
    if position.retracted:
        return f"retracted: {position.status_reason or 'no reason given'}"
    if cit.document not in documents:
        try:
            documents[cit.document] = store.document(cit.document)
        except StoreError:
            documents[cit.document] = None
    document = documents[cit.document]
    if document is None:
        return "orphaned: the database has no such document"
    actual = document.text[cit.start : cit.end]
    if quote_digest(actual) != cit.digest:
        return "drifted: the document's characters at these offsets are not the cited quote"
    shown = md_escape(actual) if c.escaped else actual
    if c.quote != shown:
        return "changed: the brief's quote is not the one its citation fingerprints"
    if not any(
        (s.document, s.start, s.end) == (cit.document, cit.start, cit.end) for s in position.sources
    ):
        return "no longer cited: the position's quotes changed since the brief"
    return None


def read_citations(text: str) -> Iterator[Cited]:
    """The cited quotes of a brief: JSON (an export or an annotation collection), else
    Markdown."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from exc
        if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
            yield from _from_annotations(data)
        elif isinstance(data, dict):
            yield from _from_export(data)
        return
    yield from _from_markdown(text)


def _from_export(data: dict[str, Any]) -> Iterator[Cited]:
    for p in data.get("positions") or []:
        if not isinstance(p, dict):
            continue
        for s in p.get("sources") or []:
            if isinstance(s, dict) and "citation" in s:
                written = str(s["citation"])
                yield Cited(
                    str(p.get("id")), Citation.parse(written), written, str(s.get("quote")), False
                )


def _from_annotations(data: dict[str, Any]) -> Iterator[Cited]:
    from .web_annotation import collection_items

    for item in collection_items(data):
        if not isinstance(item, dict):
            continue
        written = str(item.get("citation", ""))
        extension = item.get("position")
        position_id = str(extension.get("id", "")) if isinstance(extension, dict) else ""
        target = item.get("target")
        selectors = target.get("selector") if isinstance(target, dict) else None
        exact = next(
            (
                str(s.get("exact"))
                for s in selectors or []
                if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"
            ),
            "",
        )
        yield Cited(position_id, Citation.parse(written), written, exact, False)


_ID_LINE = re.compile(r"^- Id: (`+) ?(?P<id>.*?) ?\1$")
_SOURCE_LINE = re.compile(
    r"^  - “(?P<quote>.*)” — \*.*\((?P<fence>`+) ?(?P<cite>[^`]*?) ?(?P=fence);"
)


def _from_markdown(text: str) -> Iterator[Cited]:
    position_id = ""
    for line in text.splitlines():
        found = _ID_LINE.match(line)
        if found:
            position_id = found["id"]
            continue
        found = _SOURCE_LINE.match(line)
        if found and position_id:
            written = found["cite"]
            yield Cited(position_id, Citation.parse(written), written, found["quote"], True)

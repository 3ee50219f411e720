"""Proving quotes: every quote in the database against its document, and every citation
in a brief (Markdown, JSON or W3C annotations) against the database.

A quote holds when the document's characters at its offsets are the quote (their hash
is the citation's). What can go wrong, each reported on one line with the position and
the citation:

- in the database: a document's text no longer has the hash stored when it was added
  (`text changed`); a quote whose document is gone (`orphaned`); a quote that is no
  longer at its offsets (`drifted`, with where its words are now, if anywhere);
- in a brief: a quote without a citation (`uncited`: deleting one must not let its
  quote pass unchecked); a position the database does not hold (`missing`), or has
  retracted (`retracted`); a cited document that is gone (`orphaned`); a quote the
  position no longer cites (`no longer cited`). The brief's quote, its citation's hash
  and the document's characters at the offsets are then compared, and which of them
  disagree says what changed: the quote alone (`changed`: edited in the brief), the
  hash alone (`changed`: the citation was edited), or the characters (`drifted`: the
  document's text changed since it was added, or the offsets were edited).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .anchoring import occurrences
from .citations import Citation, quote_digest
from .details import SOURCES
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
    """As the brief writes it; "" when the quote has none."""
    quote: str
    """The quote as the brief shows it: raw (JSON, annotations) or Markdown-escaped."""
    escaped: bool
    fields: tuple[str, int, int] | None = None
    """A JSON export's own `document`, `start` and `end` beside the citation: an import
    reads these, not the citation, so they must say the same."""


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
    if not any(c.citation_text for c in cited):
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
            problems.append(Problem(c.position_id, c.citation_text or "-", problem))
    return Verdict(problems, len(cited), len(ids))


def _check(
    store: Store, c: Cited, position: Position | None, documents: dict[str, Document | None]
) -> str | None:
    if not c.citation_text:
        return "uncited: the brief gives this quote no citation"
    if c.citation is None:
        return "unreadable citation (document@start-end#hash)"
    cit = c.citation
    if position is None:
        return "missing: the database has no such position"
    if position.retracted:
        return f"retracted: {position.status_reason or 'no reason given'}"
    if c.fields is not None and c.fields != (cit.document, cit.start, cit.end):
        return "changed: the source's document, start or end is not its citation's"
    if cit.document not in documents:
        try:
            documents[cit.document] = store.document(cit.document)
        except StoreError:
            documents[cit.document] = None
    cited = documents[cit.document]
    if cited is None:
        return "orphaned: the database has no such document"
    return _against_text(c, cit, position, cited)


def _against_text(c: Cited, cit: Citation, position: Position, document: Document) -> str | None:
    """The brief's quote, its citation's hash and the document's characters at the
    citation's offsets: which of the three disagree says who changed what."""
    from .export import md_escape

    if not 0 <= cit.start <= cit.end <= len(document.text):
        return f"drifted: the offsets are beyond the document's {len(document.text)} characters"
    actual = document.text[cit.start : cit.end]
    fingerprinted = quote_digest(actual) == cit.digest
    shown_as_stored = c.quote == (md_escape(actual) if c.escaped else actual)
    if fingerprinted and not shown_as_stored:
        return "changed: the brief's quote is not the one its citation fingerprints"
    if shown_as_stored and not fingerprinted:
        return "changed: the citation's hash is not its quote's (the citation was edited)"
    if not fingerprinted:
        return _moved(cit, position, document)
    if not any(
        (s.document, s.start, s.end) == (cit.document, cit.start, cit.end) for s in position.sources
    ):
        return "no longer cited: the position's quotes changed since the brief"
    return None


def _moved(cit: Citation, position: Position, document: Document) -> str:
    """Neither the brief's quote nor its hash is at the offsets: the document's text
    changed, or the offsets were edited (then the position may cite the quote elsewhere)."""
    if document.sha256 and text_sha256(document.text) != document.sha256:
        return "drifted: the document's text changed since it was added"
    elsewhere = [
        f"{s.start}-{s.end}"
        for s in position.sources
        if s.document == cit.document and quote_digest(s.quote) == cit.digest
    ]
    where = f"; the position cites it at {', '.join(elsewhere)}" if elsewhere else ""
    return f"drifted: the characters at {cit.start}-{cit.end} are not the cited quote{where}"


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
            if not isinstance(s, dict):
                continue
            written = str(s.get("citation") or "")
            document, start, end = s.get("document"), s.get("start"), s.get("end")
            fields = (
                (document, start, end)
                if isinstance(document, str) and isinstance(start, int) and isinstance(end, int)
                else None
            )
            yield Cited(
                str(p.get("id")),
                Citation.parse(written),
                written,
                str(s.get("quote")),
                False,
                fields,
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
        by_type = {
            s.get("type"): s for s in selectors or [] if isinstance(s, dict) and s.get("type")
        }
        exact = str(by_type.get("TextQuoteSelector", {}).get("exact", ""))
        citation = Citation.parse(written)
        place = by_type.get("TextPositionSelector", {})
        start, end = place.get("start"), place.get("end")
        fields = (
            (citation.document, start, end)  # the target names the document by URL or hash
            if citation and isinstance(start, int) and isinstance(end, int)
            else None
        )
        yield Cited(position_id, citation, written, exact, False, fields)


_ID_LINE = re.compile(r"^- Id: (`+) ?(?P<id>.*?) ?\1$")
_SOURCE_LINE = re.compile(r"^  - “(?P<quote>.*)” — \*.*\((?P<fence>`+) ?(?P<cite>.*?) ?(?P=fence);")


def _from_markdown(text: str) -> Iterator[Cited]:
    """Each entry under a position's "Sources:", as `export.to_markdown` writes it. An
    entry whose citation cannot be found is yielded without one, to be named, so that
    deleting a citation from a brief cannot make its quote pass unchecked."""
    position_id = ""
    in_sources = False
    for line in text.splitlines():
        found = _ID_LINE.match(line)
        if found:
            position_id = found["id"]
            continue
        if line.startswith("- "):
            in_sources = line == f"- {SOURCES}:"
            continue
        if not (in_sources and position_id and line.startswith("  - ")):
            continue
        found = _SOURCE_LINE.match(line)
        if found is None:
            yield Cited(position_id, None, "", line[4:], True)
            continue
        written = found["cite"]
        yield Cited(position_id, Citation.parse(written), written, found["quote"], True)

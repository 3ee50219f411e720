"""Quotes as W3C Web Annotations (the Web Annotation Data Model, JSON-LD), out and back.

Out (`export --format annotations`): one `AnnotationCollection` whose first (and only)
`AnnotationPage` holds one `Annotation` per quote; a position with two quotes gives two.
Its target is the document: its URL where the store knows one, else `urn:sha256:` of
its text, which any copy of the text reproduces. Two selectors say where: a
`TextQuoteSelector` (exact, with 32 code points of prefix and suffix, as the Hypothesis
client stores them) and a `TextPositionSelector` (start and end in code points, the
store's own offsets). Its bodies say what the analyst made of it: the summary
(purpose `describing`), the doubt if any (`questioning`), and one tag a fact
(`tagging`): `side:…`, `kind:…`, `topic:…`, `actor:…`, `place:…`, `credibility:…` and
`date:` the EDTF date. What the model has no place for (the date's basis and words,
links, who graded) rides in one extension, `position`, under a context of our own, as
does each quote's `citation` (`store.citations`).

The collection embeds its one page (`first`, with its own `id` and `partOf`, as the
model requires of a page, and `last` naming it): a file that must stand on its own
cannot point at pages elsewhere, and one page is the simplest form the model allows.
Bare `items` on the collection would be shorter but is not in the model (`items`
belongs to a page). There is no `creator`, `created` or `modified`: the store knows
those only from its revision log, which a database the collection is imported into
does not inherit, so writing them would break the round trip (export, import into a
fresh database, export: the same bytes); the `generator` names Counterpoint.

Back (`import` of such a file): each annotation is anchored by its position selector,
checked against its quote selector's `exact`; where the text has moved, the quote is
found again by its words and context (`store.anchoring`, the old start breaking ties,
as Hypothesis uses its position selector as a hint), as for any import. The
annotations of one position become that position's record in the import format, so
every check an import makes applies. The documents must already be in the database: a
collection points at texts, it does not carry them. A target is found by its `source`
(URL or text hash), else by the document id in its `citation` (the same document whose
text has since changed: its quotes are then found by context or refused). A collection
whose annotations are not all in the file (a page by reference, a `next` page, a
`total` larger than the items) is refused rather than half read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol
from urllib.parse import quote as url_quote

from . import json_text
from .citations import Citation
from .errors import ImportRejected
from .records import Document, Position
from .writer import text_sha256

CONTEXT: list[Any] = [
    "http://www.w3.org/ns/anno.jsonld",
    {
        "cp": "urn:counterpoint:vocab#",
        "position": "cp:position",
        "citation": "cp:citation",
    },
]
"""The W3C context, and ours for the two extension properties."""

COLLECTION_ID = "urn:counterpoint:annotations"
PAGE_ID = f"{COLLECTION_ID}#page-1"
ID_PREFIX = "urn:counterpoint:position:"
TAGS = ("side", "kind", "topic", "actor", "place", "credibility", "date")
"""The tag prefixes, in the order written."""
EXTENSION_FIELDS = (
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "date_basis",
    "date_note",
    "links",
    "credibility_note",
    "credibility_by",
)
"""What of a position the model has no body for: carried in the `position` extension."""


class Text(Protocol):
    """What a target needs of a document (a stored one, or one an import validated)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def url(self) -> str | None: ...


def text_urn(document: Text) -> str:
    """The document's text as a name any copy of it reproduces."""
    return f"urn:sha256:{getattr(document, 'sha256', '') or text_sha256(document.text)}"


def document_iri(document: Text) -> str:
    """The target's `source`: the URL, else the text's hash as a URN."""
    return document.url or text_urn(document)


def _body(value: str, purpose: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def annotation(position: Position, n: int, documents: Mapping[str, Document]) -> dict[str, Any]:
    """The annotation of the position's `n`th quote."""
    document = documents.get(position.sources[n].document)
    return annotation_at(position, n, document_iri(document) if document else None)


def annotation_at(position: Position, n: int, iri: str | None) -> dict[str, Any]:
    """The annotation of the position's `n`th quote, whose document is at `iri` (None: not
    in the store). A streamed export keeps only each document's IRI, not its text."""
    source = position.sources[n]
    tags = [f"side:{position.side}", f"kind:{position.kind.value}"]
    tags += [f"topic:{t}" for t in position.topics]
    tags += [f"actor:{a}" for a in position.actors]
    tags += [f"place:{p}" for p in position.places]
    grade = "ungraded" if position.credibility is None else str(position.credibility)
    tags += [f"credibility:{grade}", f"date:{position.edtf}"]
    bodies = [_body(position.summary, "describing")]
    if position.doubt:
        bodies.append(_body(position.doubt, "questioning"))
    bodies += [_body(tag, "tagging") for tag in tags]
    dumped = position.model_dump(mode="json")
    return {
        "id": f"{ID_PREFIX}{url_quote(position.id, safe='')}#quote-{n + 1}",
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies,
        "target": {
            "source": iri
            if iri is not None
            else f"urn:counterpoint:document:{url_quote(source.document, safe='')}",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": source.quote,
                    "prefix": source.prefix,
                    "suffix": source.suffix,
                },
                {"type": "TextPositionSelector", "start": source.start, "end": source.end},
            ],
        },
        "position": {key: dumped[key] for key in EXTENSION_FIELDS},
        "citation": Citation.of(source.document, source.start, source.end, source.quote).text,
    }


def to_annotations(positions: Iterable[Position], documents: Iterable[Document], label: str) -> str:
    """The collection, as JSON-LD text."""
    by_id = {d.id: d for d in documents}
    items = [annotation(p, n, by_id) for p in positions for n in range(len(p.sources))]
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": COLLECTION_ID,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "generator": {"type": "Software", "name": "Counterpoint"},
    }
    if items:  # the model has a page hold one or more annotations, so none: no page
        collection["first"] = {
            "id": PAGE_ID,
            "type": "AnnotationPage",
            "partOf": COLLECTION_ID,
            "startIndex": 0,
            "items": items,
        }
        collection["last"] = PAGE_ID
    return json_text.dumps(collection, indent=2) + "\n"


def is_collection(data: Mapping[str, Any]) -> bool:
    """Whether the JSON is an annotation collection (JSON-LD allows the type in a list)."""
    kind = data.get("type")
    return kind == "AnnotationCollection" or (
        isinstance(kind, list) and "AnnotationCollection" in kind
    )


def collection_items(data: Mapping[str, Any]) -> list[Any]:
    """The annotations of a collection: its first page's items (ours), or `items` on
    the collection itself as some tools write them."""
    first = data.get("first")
    items = first.get("items") if isinstance(first, dict) else data.get("items")
    return items if isinstance(items, list) else []


def to_import_format(
    data: Mapping[str, Any], documents: Iterable[Text], origin: str
) -> dict[str, Any]:
    """The collection as an import file's `positions`, for the ordinary import path.
    ImportRejected (one line, naming the annotation) for what cannot be read."""
    by_iri: dict[str, Text] = {}
    by_id: dict[str, Text] = {}
    for d in documents:
        by_iri[document_iri(d)] = d
        by_iri.setdefault(text_urn(d), d)
        by_id[d.id] = d
    _refuse_partial(data, origin)
    records: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(collection_items(data)):
        where = f"{origin}: annotation {index + 1}"
        if not isinstance(item, dict):
            raise ImportRejected(f"{where}: expected an object")
        where += f" ({item.get('id')!s})"
        extension = item.get("position")
        if not isinstance(extension, dict) or not isinstance(extension.get("id"), str):
            raise ImportRejected(f"{where}: no 'position' with an id (not written by Counterpoint)")
        record = records.get(extension["id"])
        if record is None:
            record = {
                **{k: extension.get(k) for k in EXTENSION_FIELDS},
                **_from_bodies(item, where),
            }
            record["sources"] = []
            records[extension["id"]] = record
        record["sources"].append(_source(item, by_iri, by_id, where))
    if not records:
        raise ImportRejected(f"{origin}: the annotation collection holds no annotations")
    return {"positions": list(records.values())}


def _refuse_partial(data: Mapping[str, Any], origin: str) -> None:
    """ImportRejected when the file does not hold all of the collection's annotations:
    importing some of them would look like the whole and lose the rest unsaid."""
    first = data.get("first")
    if isinstance(first, str):
        raise ImportRejected(
            f"{origin}: the collection's annotations are on a page elsewhere ({first}); "
            "import a collection with its page embedded, as Counterpoint exports it"
        )
    if isinstance(first, dict) and first.get("next") is not None:
        raise ImportRejected(
            f"{origin}: the collection has more pages than the first (next: "
            f"{first.get('next')!s}); import a collection with all its annotations on one page"
        )
    total, held = data.get("total"), len(collection_items(data))
    if isinstance(total, int) and total != held:
        raise ImportRejected(
            f"{origin}: the collection says it holds {total} annotations and the file has {held}"
        )


def _from_bodies(item: Mapping[str, Any], where: str) -> dict[str, Any]:
    bodies = item.get("body")
    if isinstance(bodies, dict):
        bodies = [bodies]
    if not isinstance(bodies, list):
        raise ImportRejected(f"{where}: no body")
    fields: dict[str, Any] = {"topics": [], "actors": [], "places": [], "doubt": ""}
    for body in bodies:
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        value, purpose = body["value"], body.get("purpose")
        if purpose == "describing":
            fields["summary"] = value
        elif purpose == "questioning":
            fields["doubt"] = value
        elif purpose == "tagging" and ":" in value:
            name, _, tag = value.partition(":")
            if name in ("topic", "actor", "place"):
                fields[f"{name}s"].append(tag)
            elif name == "credibility":
                fields["credibility"] = None if tag == "ungraded" else _grade(tag, where)
            elif name in ("side", "kind"):
                fields[name] = tag
    return fields


def _grade(tag: str, where: str) -> int:
    if not tag.isdigit():
        raise ImportRejected(f"{where}: tag 'credibility:{tag}' is not a grade 1-6")
    return int(tag)


def _source(
    item: Mapping[str, Any],
    documents: Mapping[str, Text],
    by_id: Mapping[str, Text],
    where: str,
) -> dict[str, Any]:
    """The quote, anchored: by the position selector when the characters there are the
    quote, else by the quote and its context (the importer's anchoring)."""
    target = item.get("target")
    if not isinstance(target, dict):
        raise ImportRejected(f"{where}: no target")
    source_iri = target.get("source")
    document = documents.get(source_iri) if isinstance(source_iri, str) else None
    cited = Citation.parse(item["citation"]) if isinstance(item.get("citation"), str) else None
    if document is None and cited is not None:  # the same document, its text since changed
        document = by_id.get(cited.document)
    if document is None:
        raise ImportRejected(
            f"{where}: target {source_iri!s} is not a document in this database "
            "(add the document first: a collection points at texts, it does not carry them)"
        )
    selectors = target.get("selector")
    if isinstance(selectors, dict):
        selectors = [selectors]
    by_type = {s.get("type"): s for s in selectors or [] if isinstance(s, dict)}
    quote = by_type.get("TextQuoteSelector")
    if not quote or not isinstance(quote.get("exact"), str):
        raise ImportRejected(f"{where}: no TextQuoteSelector with an exact quote")
    exact = quote["exact"]
    place = by_type.get("TextPositionSelector") or {}
    start, end = place.get("start"), place.get("end")
    if isinstance(start, int) and isinstance(end, int) and document.text[start:end] == exact:
        return {"document": document.id, "quote": exact, "start": start, "end": end}
    # Moved or never placed: found again by its words and context on the import path,
    # the old start breaking a tie between occurrences with the same context.
    return {
        "document": document.id,
        "quote": exact,
        "prefix": str(quote.get("prefix", "")),
        "suffix": str(quote.get("suffix", "")),
        **({"near": start} if isinstance(start, int) else {}),
    }

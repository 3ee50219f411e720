"""What the W3C Web Annotation Data Model requires of a collection, a page and an
annotation, as a list of problems (none: it conforms), for the tests.

No JSON Schema library is installed and none is added for this; the rules are the
MUSTs the W3C's own test suite checks (web-platform-tests, `annotation-model/`:
collectionMusts, pageMusts, annotationMusts, and the selector rules of section 4.2),
restricted to the features a Counterpoint collection uses, plus the SHOULDs it keeps
(`label`, `total`, `first` and `last` when there are annotations).
"""

from __future__ import annotations

import re
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = frozenset(
    [
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    ]
)
"""The motivations of section 3.3.5: a `motivation`, and a body's `purpose`, is one."""
SELECTORS = frozenset(
    [
        "FragmentSelector",
        "CssSelector",
        "XPathSelector",
        "TextQuoteSelector",
        "TextPositionSelector",
        "DataPositionSelector",
        "SvgSelector",
        "RangeSelector",
    ]
)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def is_iri(value: object) -> bool:
    return isinstance(value, str) and bool(_IRI.match(value))


def _count(value: object) -> bool:
    return type(value) is int and value >= 0


def collection_problems(data: Any) -> list[str]:
    """Every way `data` falls short of an AnnotationCollection with embedded pages."""
    if not isinstance(data, dict):
        return ["the collection is not an object"]
    problems = []
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if ANNO_CONTEXT not in contexts:
        problems.append(f"@context does not include {ANNO_CONTEXT}")
    if not is_iri(data.get("id")):
        problems.append("collection id is not an IRI")
    if data.get("type") != "AnnotationCollection":
        problems.append("collection type is not AnnotationCollection")
    if not isinstance(data.get("label"), str):
        problems.append("collection label is not a string")
    if not _count(data.get("total")):
        problems.append("collection total is not a count")
    if "items" in data:
        problems.append("items on the collection (they belong to a page)")
    first = data.get("first")
    if data.get("total"):
        if not isinstance(first, dict):
            problems.append("a collection with annotations has no embedded first page")
        elif not is_iri(data.get("last")):
            problems.append("collection last is not an IRI")
    if isinstance(first, dict):
        problems += page_problems(first, data.get("id"))
    return problems


def page_problems(page: Any, collection_id: object) -> list[str]:
    if not isinstance(page, dict):
        return ["the page is not an object"]
    problems = []
    if not is_iri(page.get("id")):
        problems.append("page id is not an IRI")
    if page.get("type") != "AnnotationPage":
        problems.append("page type is not AnnotationPage")
    if "partOf" in page and page["partOf"] != collection_id:
        problems.append("page partOf is not its collection")
    if "startIndex" in page and not _count(page["startIndex"]):
        problems.append("page startIndex is not a count")
    items = page.get("items")
    if not isinstance(items, list) or not items:
        return [*problems, "page items is not a list of one or more annotations"]
    for n, item in enumerate(items):
        problems += [f"items[{n}]: {p}" for p in annotation_problems(item)]
    return problems


def annotation_problems(item: Any) -> list[str]:
    """Section 3: an annotation in a page (its context is the collection's)."""
    if not isinstance(item, dict):
        return ["not an object"]
    problems = []
    if not is_iri(item.get("id")):
        problems.append("id is not an IRI")
    if item.get("type") != "Annotation":
        problems.append("type is not Annotation")
    if "body" in item and "bodyValue" in item:
        problems.append("both body and bodyValue")
    motivation = item.get("motivation")
    if motivation is not None and motivation not in MOTIVATIONS:
        problems.append(f"motivation {motivation!r} is not one of the model's")
    for key in ("created", "modified", "generated"):
        if key in item and not (isinstance(item[key], str) and _DATETIME.match(item[key])):
            problems.append(f"{key} is not an xsd:dateTime with a time zone")
    bodies = item.get("body", [])
    for n, body in enumerate(bodies if isinstance(bodies, list) else [bodies]):
        problems += [f"body[{n}]: {p}" for p in _body_problems(body)]
    if "target" not in item:
        problems.append("no target")
    else:
        targets = item["target"]
        for target in targets if isinstance(targets, list) else [targets]:
            problems += _target_problems(target)
    return problems


def _body_problems(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return [] if is_iri(body) else ["neither an IRI nor an object"]
    problems = []
    if body.get("type") == "TextualBody" and not isinstance(body.get("value"), str):
        problems.append("a TextualBody without a string value")
    if "purpose" in body and body["purpose"] not in MOTIVATIONS:
        problems.append(f"purpose {body['purpose']!r} is not one of the model's")
    if "format" in body and not isinstance(body["format"], str):
        problems.append("format is not a media type")
    return problems


def _target_problems(target: Any) -> list[str]:
    if not isinstance(target, dict):
        return [] if is_iri(target) else ["target is neither an IRI nor an object"]
    problems = []
    if not is_iri(target.get("source")):
        problems.append("target source is not an IRI")
    selectors = target.get("selector", [])
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        problems += _selector_problems(selector)
    return problems


def _selector_problems(selector: Any) -> list[str]:
    if not isinstance(selector, dict) or selector.get("type") not in SELECTORS:
        return [f"selector {selector!r:.60} is not one of the model's"]
    kind = selector["type"]
    if kind == "TextQuoteSelector":
        problems = [] if isinstance(selector.get("exact"), str) else ["exact is not a string"]
        problems += [
            f"{key} is not a string"
            for key in ("prefix", "suffix")
            if key in selector and not isinstance(selector[key], str)
        ]
        return problems
    if kind == "TextPositionSelector":
        start, end = selector.get("start"), selector.get("end")
        if not (_count(start) and _count(end)):
            return ["start and end are not counts"]
        return [] if start <= end else ["start is after end"]
    return []

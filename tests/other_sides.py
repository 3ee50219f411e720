"""A store that compares two other sides, Armenia and Azerbaijan: the code must show
whatever sides the database names. The document is written for the tests (it says
so in its title); quotes are located in it by search, so offsets are always right."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store import Store

DOCUMENT_ID = "test-wire-1"
TEXT = (
    "Test wire, not a news text. "
    "Armenia said the blockade of the corridor endangered civilians. "
    "Azerbaijan denied that any blockade existed. "
    "Armenia called for international monitors on the road. "
    "The European Union offered to send observers. "
    "Azerbaijan said talks on a peace treaty should resume in Brussels. "
    "Armenia accused Azerbaijani forces of shelling border villages."
)

SIDES = [{"id": "armenia", "label": "Armenia"}, {"id": "azerbaijan", "label": "Azerbaijan"}]
TOPICS = [
    {"id": "corridor", "label": "The corridor", "description": "Access by road."},
    {"id": "peace_treaty", "label": "Peace treaty", "description": "Talks on a treaty."},
    {"id": "border", "label": "Border clashes", "description": "Fighting on the border."},
]
ACTORS = [
    {
        "id": "government-of-armenia",
        "name": "Government of Armenia",
        "side": "armenia",
        "kind": "government",
        "aliases": ["Armenia"],
    },
    {
        "id": "government-of-azerbaijan",
        "name": "Government of Azerbaijan",
        "side": "azerbaijan",
        "kind": "government",
        "aliases": ["Azerbaijan"],
    },
    {
        "id": "european-union",
        "name": "European Union",
        "side": "other",
        "kind": "organisation",
        "aliases": ["EU"],
    },
]


def _position(
    position_id: str,
    side: str,
    actor: str,
    kind: str,
    summary: str,
    topics: list[str],
    day: str,
    quote: str,
    links: list[dict] | None = None,
) -> dict[str, Any]:
    start = TEXT.index(quote)
    return {
        "id": position_id,
        "side": side,
        "actors": [actor],
        "kind": kind,
        "summary": summary,
        "topics": topics,
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "date_basis": "document",
        "sources": [
            {"document": DOCUMENT_ID, "quote": quote, "start": start, "end": start + len(quote)}
        ],
        "links": links or [],
    }


POSITIONS = [
    _position(
        "am-blockade",
        "armenia",
        "Armenia",
        "allegation",
        "Armenia says the blockade of the corridor endangers civilians.",
        ["corridor"],
        "2023-01-10",
        "the blockade of the corridor endangered civilians",
    ),
    _position(
        "az-no-blockade",
        "azerbaijan",
        "Azerbaijan",
        "denial",
        "Azerbaijan denies that any blockade exists.",
        ["corridor"],
        "2023-01-10",
        "denied that any blockade existed",
        [{"relation": "denies", "target": "am-blockade"}],
    ),
    _position(
        "am-monitors",
        "armenia",
        "Armenia",
        "appeal",
        "Armenia calls for international monitors on the road.",
        ["corridor"],
        "2023-01-12",
        "called for international monitors on the road",
    ),
    _position(
        "eu-observers",
        "other",
        "European Union",
        "offer",
        "The EU offers to send observers.",
        ["corridor"],
        "2023-01-13",
        "offered to send observers",
    ),
    _position(
        "az-talks",
        "azerbaijan",
        "Azerbaijan",
        "statement",
        "Azerbaijan wants peace-treaty talks to resume in Brussels.",
        ["peace_treaty"],
        "2023-01-15",
        "talks on a peace treaty should resume in Brussels",
    ),
    _position(
        "am-shelling",
        "armenia",
        "Armenia",
        "allegation",
        "Armenia accuses Azerbaijani forces of shelling border villages.",
        ["border"],
        "2023-01-20",
        "accused Azerbaijani forces of shelling border villages",
    ),
]


def import_file_data() -> dict[str, Any]:
    document = {
        "id": DOCUMENT_ID,
        "title": "Test wire (written for the tests)",
        "published": "2023-01-20",
        "text": TEXT,
    }
    return {
        "sides": SIDES,
        "topics": TOPICS,
        "actors": ACTORS,
        "documents": [document],
        "positions": POSITIONS,
    }


def make_store(path: Path) -> Path:
    """A new database holding the data above, imported through the ordinary path."""
    with Store.open(path, create=True) as store:
        store.import_data(import_file_data(), origin="other_sides")
    return path

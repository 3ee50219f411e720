"""Seeding: the two source documents and their curated positions, imported through
the same validated path as any `counterpoint import` file.

`vocabulary.json` names the two sides, the twelve topics and the actors, with the
other names the documents use for them. The manifest says what we assumed about
each document (its title and, since the texts carry no date, its publication date
with the reason) and which sentences are context rather than claims, with why.
`positions.json` is an ordinary import file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from store import ImportSummary, RevisionAction, Store

POSITIONS_FILE = "positions.json"
MANIFEST_FILE = "manifest.json"
VOCABULARY_FILE = "vocabulary.json"
"""The seed's sides (India, Pakistan), its twelve topics and its registry of actors, with
the other names the documents use for them."""


@dataclass(frozen=True)
class ContextSentence:
    """A sentence no position cites, and the editorial reason it needs none."""

    document: str
    sentence: str
    reason: str


def _read(name: str) -> str:
    return resources.files("seed").joinpath(name).read_text(encoding="utf-8")


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_read(MANIFEST_FILE))
    return data


def document_records() -> list[dict[str, Any]]:
    """The manifest's documents with their text read from the files beside it."""
    records = []
    for entry in manifest()["documents"]:
        record = {key: value for key, value in entry.items() if key not in ("file", "sha256")}
        record["text"] = _read(entry["file"])
        records.append(record)
    return records


def position_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(_read(POSITIONS_FILE))["positions"]
    return records


def vocabulary_records() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_read(VOCABULARY_FILE))
    return data


def context_sentences() -> list[ContextSentence]:
    return [ContextSentence(**entry) for entry in manifest()["context"]]


def is_seeded(store: Store) -> bool:
    """True when every seed document is already in the store."""
    have = {doc.id for doc in store.documents()}
    return {entry["id"] for entry in manifest()["documents"]} <= have


def seed(store: Store, author: str = "") -> ImportSummary:
    """Import the seed; importing it again updates the same ids in place, except those an
    analyst has changed since (each seed position changed gets a revision by `author`)."""
    data = {
        **vocabulary_records(),
        "documents": document_records(),
        "positions": position_records(),
    }
    return store.import_data(
        data, origin=f"seed/{POSITIONS_FILE}", author=author, action=RevisionAction.SEED
    )

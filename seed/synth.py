"""A synthetic desk archive: N positions over twenty years, for testing at scale.

Deterministic for a given seed. Positions come out in date order, in batches,
each quoting one sentence of a generated document (one document per
`PER_DOCUMENT` positions, the quote at its true code-point offsets), with a
realistic mix of sides, kinds, topics, actors, date precisions and bases, and
links to recent positions of the other side (denials answer allegations, and
so on). The records are valid by construction and built as the store's plain
records; the tests validate a sample of them with the importer's checks.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from store import (
    DateBasis,
    DatePrecision,
    Document,
    Kind,
    Link,
    Position,
    Relation,
    Side,
    Source,
    Topic,
)
from store.writer import bulk_load

START = date(2006, 1, 1)
DAYS = 20 * 365
PER_DOCUMENT = 50
BATCH = 5000

SIDES = [(Side.INDIA, 0.4), (Side.PAKISTAN, 0.4), (Side.OTHER, 0.2)]
KINDS = [
    (Kind.STATEMENT, 0.25),
    (Kind.ALLEGATION, 0.15),
    (Kind.DENIAL, 0.1),
    (Kind.ACTION, 0.12),
    (Kind.APPEAL, 0.1),
    (Kind.CRITICISM, 0.1),
    (Kind.DEMAND, 0.06),
    (Kind.INTENT, 0.05),
    (Kind.OFFER, 0.03),
    (Kind.INCIDENT, 0.02),
    (Kind.COMMENTARY, 0.02),
]
PRECISIONS = [
    (DatePrecision.DAY, 0.6),
    (DatePrecision.WEEK, 0.1),
    (DatePrecision.PART_OF_MONTH, 0.1),
    (DatePrecision.MONTH, 0.1),
    (DatePrecision.YEAR, 0.05),
    (DatePrecision.SPAN, 0.05),
]
ACTORS = {
    Side.INDIA: [
        "Government of India",
        "Ministry of External Affairs",
        "Prime Minister",
        "Indian Army",
        "Indian delegation",
        "Indian officials",
        "National Security Adviser",
        "Indian ambassador to the UN",
    ],
    Side.PAKISTAN: [
        "Government of Pakistan",
        "Foreign Office of Pakistan",
        "ISPR",
        "Pakistani delegation",
        "Pakistani officials",
        "Prime Minister of Pakistan",
        "Pakistan's ambassador to the UN",
        "National Assembly of Pakistan",
    ],
    Side.OTHER: [
        "United States",
        "United Nations",
        "China",
        "European Union",
        "United Kingdom",
        "International community",
        "the reporter",
        "Canada",
    ],
}
VERBS = {
    Kind.STATEMENT: "states its position on",
    Kind.ALLEGATION: "accuses the other side over",
    Kind.DENIAL: "denies the claims about",
    Kind.ACTION: "takes a step on",
    Kind.APPEAL: "calls for talks on",
    Kind.CRITICISM: "criticises the conduct over",
    Kind.DEMAND: "sets conditions on",
    Kind.INTENT: "plans a campaign on",
    Kind.OFFER: "offers to mediate on",
    Kind.INCIDENT: "is caught up in an incident over",
    Kind.COMMENTARY: "describes the contest over",
}
ANSWERS = {
    Kind.DENIAL: Relation.DENIES,
    Kind.CRITICISM: Relation.COUNTERS,
    Kind.ALLEGATION: Relation.COUNTERS,
    Kind.STATEMENT: Relation.RESPONDS_TO,
    Kind.APPEAL: Relation.RESPONDS_TO,
}
PLACES = [
    "New Delhi",
    "Islamabad",
    "Washington",
    "London",
    "Geneva",
    "New York",
    "Brussels",
    "Beijing",
    "Srinagar",
    "Muzaffarabad",
]


class _Weighted:
    """Weighted choice by one random number and a bisect (rng.choices is slow per call)."""

    def __init__(self, weighted: list[tuple]) -> None:
        self.items = [item for item, _ in weighted]
        total, self.bounds = 0.0, []
        for _, weight in weighted:
            total += weight
            self.bounds.append(total)
        self.total = total

    def __call__(self, rng: random.Random):
        return self.items[min(bisect(self.bounds, rng.random() * self.total), len(self.items) - 1)]


_SIDE = _Weighted(SIDES)
_KIND = _Weighted(KINDS)
_PRECISION = _Weighted(PRECISIONS)
_TOPICS = list(Topic)
_TOPIC_COUNTS = (1, 1, 2, 2, 3)
_BASES = (DateBasis.STATED, DateBasis.DOCUMENT, DateBasis.INFERRED)
_OPPOSITE = {Side.INDIA: Side.PAKISTAN, Side.PAKISTAN: Side.INDIA}


@dataclass
class _Draft:
    """A position before its document (and so its quote offsets) exists."""

    id: str
    side: Side
    kind: Kind
    actor: str
    topics: list[Topic]
    start: date
    end: date
    precision: DatePrecision
    basis: DateBasis
    sentence: str
    links: list[Link]


def _span(rng: random.Random, day: date) -> tuple[date, date, DatePrecision]:
    precision = _PRECISION(rng)
    if precision is DatePrecision.DAY:
        return day, day, precision
    if precision is DatePrecision.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), precision
    if precision is DatePrecision.PART_OF_MONTH:
        first = day.replace(day=1 if day.day <= 10 else 11 if day.day <= 20 else 21)
        last = (
            first + timedelta(days=9)
            if first.day < 21
            else ((first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
        )
        return first, last, precision
    if precision is DatePrecision.MONTH:
        first = day.replace(day=1)
        return (
            first,
            (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1),
            precision,
        )
    if precision is DatePrecision.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31), precision
    return day, day + timedelta(days=rng.randint(2, 60)), precision


def _drafts(count: int, seed: int, days: int) -> Iterator[_Draft]:
    rng = random.Random(seed)
    recent: dict[Side, list[str]] = {side: [] for side in Side}
    for i in range(count):
        day = START + timedelta(days=i * days // max(count, 1))
        side = _SIDE(rng)
        kind = _KIND(rng)
        if kind is Kind.COMMENTARY:
            side = Side.OTHER
        start, end, precision = _span(rng, day)
        topics = rng.sample(_TOPICS, rng.choice(_TOPIC_COUNTS))
        actor = rng.choice(ACTORS[side])
        links = []
        opposite = _OPPOSITE.get(side)
        if opposite and kind in ANSWERS and recent[opposite] and rng.random() < 0.35:
            links.append(Link(ANSWERS[kind], rng.choice(recent[opposite])))
        pid = f"syn-{i:07d}"
        mine = recent[side]
        mine.append(pid)
        if len(mine) > 20:
            del mine[0]
        basis = rng.choice(_BASES)
        sentence = (
            f"{actor} {VERBS[kind]} {topics[0].label.lower()} (item {i}, {rng.choice(PLACES)})."
        )
        yield _Draft(pid, side, kind, actor, topics, start, end, precision, basis, sentence, links)


def _finish(drafts: list[_Draft], doc_id: str) -> tuple[Document, list[Position]]:
    """One document holding the drafts' sentences, and the positions quoting it."""
    text_parts: list[str] = []
    offset = 0
    positions = []
    for draft in drafts:
        start = offset
        text_parts.append(draft.sentence)
        offset += len(draft.sentence) + 1
        positions.append(
            Position(
                id=draft.id,
                side=draft.side,
                actors=[draft.actor],
                kind=draft.kind,
                summary=draft.sentence,
                topics=draft.topics,
                places=[],
                date_start=draft.start,
                date_end=draft.end,
                date_precision=draft.precision,
                date_text=draft.start.isoformat() if draft.basis is DateBasis.STATED else "",
                date_basis=draft.basis,
                date_note="synthetic: from the generator"
                if draft.basis is DateBasis.INFERRED
                else "",
                sources=[Source(doc_id, draft.sentence, start, start + len(draft.sentence))],
                links=draft.links,
            )
        )
    published = max(d.end for d in drafts)
    document = Document(
        id=doc_id,
        title=f"Synthetic report {doc_id}",
        outlet=None,
        published=published,
        published_note="synthetic",
        text=" ".join(text_parts),
    )
    return document, positions


def synthetic_batches(
    count: int, seed: int = 0, batch: int = BATCH, days: int = DAYS
) -> Iterator[tuple[list[Document], list[Position]]]:
    """(documents, positions) in batches of about `batch` positions, in date order,
    spread over `days` days from 2006 (twenty years unless told otherwise)."""
    documents: list[Document] = []
    positions: list[Position] = []
    group: list[_Draft] = []
    for draft in _drafts(count, seed, days):
        group.append(draft)
        if len(group) == PER_DOCUMENT:
            document, made = _finish(group, f"syn-doc-{draft.id[4:]}")
            documents.append(document)
            positions += made
            group = []
            if len(positions) >= batch:
                yield documents, positions
                documents, positions = [], []
    if group:
        document, made = _finish(group, f"syn-doc-{group[-1].id[4:]}")
        documents.append(document)
        positions += made
    if positions:
        yield documents, positions


def synthesise(
    conn, count: int, seed: int = 0, progress: Callable[[int], None] | None = None, days: int = DAYS
) -> int:
    """Write `count` synthetic positions through the store's bulk path, in one transaction."""
    return bulk_load(conn, synthetic_batches(count, seed, days=days), progress)

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
import sqlite3
import zlib
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from store import (
    OTHER_SIDE,
    DateBasis,
    DatePrecision,
    Document,
    Kind,
    Link,
    Position,
    Relation,
    Source,
    StoreError,
    alias_key,
)
from store.registry import actor_id_for
from store.writer import bulk_load

from .loader import vocabulary_records

INDIA, PAKISTAN = "india", "pakistan"
"""The seed's sides: synthetic positions compare the same two."""

START = date(2006, 1, 1)
DAYS = 20 * 365
PER_DOCUMENT = 50
BATCH = 5000

SIDES = [(INDIA, 0.4), (PAKISTAN, 0.4), (OTHER_SIDE, 0.2)]
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
    INDIA: [
        "Government of India",
        "Ministry of External Affairs",
        "Prime Minister",
        "Indian Army",
        "Indian delegation",
        "Indian officials",
        "National Security Adviser",
        "Indian ambassador to the UN",
    ],
    PAKISTAN: [
        "Government of Pakistan",
        "Foreign Office of Pakistan",
        "ISPR",
        "Pakistani delegation",
        "Pakistani officials",
        "Prime Minister of Pakistan",
        "Pakistan's ambassador to the UN",
        "National Assembly of Pakistan",
    ],
    OTHER_SIDE: [
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


_Choice = TypeVar("_Choice")


class _Weighted(Generic[_Choice]):
    """Weighted choice by one random number and a bisect (rng.choices is slow per call)."""

    def __init__(self, weighted: list[tuple[_Choice, float]]) -> None:
        self.items = [item for item, _ in weighted]
        total, self.bounds = 0.0, []
        for _, weight in weighted:
            total += weight
            self.bounds.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> _Choice:
        return self.items[min(bisect(self.bounds, rng.random() * self.total), len(self.items) - 1)]


_SIDE = _Weighted(SIDES)
_KIND = _Weighted(KINDS)
_PRECISION = _Weighted(PRECISIONS)
_TOPIC_LABELS = {t["id"]: t["label"] for t in vocabulary_records()["topics"]}
_TOPICS = list(_TOPIC_LABELS)
_TOPIC_COUNTS = (1, 1, 2, 2, 3)
_BASES = (DateBasis.STATED, DateBasis.DOCUMENT, DateBasis.INFERRED)
_OPPOSITE = {INDIA: PAKISTAN, PAKISTAN: INDIA}
_ACTOR_IDS = {name: actor_id_for(name, set()) for names in ACTORS.values() for name in names}
"""Each generated actor's id where no database says otherwise (see `synthesise`)."""


@dataclass
class _Draft:
    """A position before its document (and so its quote offsets) exists."""

    id: str
    side: str
    kind: Kind
    actor: str
    topics: list[str]
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
    recent: dict[str, list[str]] = {side: [] for side in ACTORS}
    for i in range(count):
        day = START + timedelta(days=i * days // max(count, 1))
        side = _SIDE(rng)
        kind = _KIND(rng)
        if kind is Kind.COMMENTARY:
            side = OTHER_SIDE
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
            f"{actor} {VERBS[kind]} {_TOPIC_LABELS[topics[0]].lower()} "
            f"(item {i}, {rng.choice(PLACES)})."
        )
        yield _Draft(pid, side, kind, actor, topics, start, end, precision, basis, sentence, links)


def _finish(
    drafts: list[_Draft], doc_id: str, actor_ids: dict[str, str]
) -> tuple[Document, list[Position]]:
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
                actor_ids=(actor_ids[draft.actor],),
                **_grades(draft.id),
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
        reliability="ABCDEF"[zlib.crc32(doc_id.encode()) % 6],
        reliability_by=GRADER,
    )
    return document, positions


GRADER = "synth"


def _grades(pid: str) -> dict[str, Any]:
    """A credibility grade for most positions (one in eight left ungraded) and a doubt on
    one in a hundred, from a hash of the id: deterministic, and without drawing from the
    generator's random stream, so the rest of each position stays as it was."""
    digest = zlib.crc32(pid.encode())
    if digest % 8 == 0:
        return {"doubt": "synthetic: the source may be wrong"} if digest % 100 == 0 else {}
    grades: dict[str, Any] = {"credibility": 1 + digest % 6, "credibility_by": GRADER}
    if digest % 100 == 1:
        grades["doubt"] = "synthetic: the source may be wrong"
    return grades


def synthetic_batches(
    count: int,
    seed: int = 0,
    batch: int = BATCH,
    days: int = DAYS,
    actor_ids: dict[str, str] | None = None,
) -> Iterator[tuple[list[Document], list[Position]]]:
    """(documents, positions) in batches of about `batch` positions, in date order,
    spread over `days` days from 2006 (twenty years unless told otherwise). `actor_ids`
    maps each generated actor name to the id the positions name it by."""
    actor_ids = actor_ids or _ACTOR_IDS
    documents: list[Document] = []
    positions: list[Position] = []
    group: list[_Draft] = []
    for draft in _drafts(count, seed, days):
        group.append(draft)
        if len(group) == PER_DOCUMENT:
            document, made = _finish(group, f"syn-doc-{draft.id[4:]}", actor_ids)
            documents.append(document)
            positions += made
            group = []
            if len(positions) >= batch:
                yield documents, positions
                documents, positions = [], []
    if group:
        document, made = _finish(group, f"syn-doc-{group[-1].id[4:]}", actor_ids)
        documents.append(document)
        positions += made
    if positions:
        yield documents, positions


def synthesise(
    conn: sqlite3.Connection,
    count: int,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
    days: int = DAYS,
) -> int:
    """Write `count` synthetic positions through the store's bulk path, in one transaction.

    The seed's sides and topics are added where missing, and each generated actor is
    the actor the database already knows by that name (the seed's "Indian delegations"
    answers to "Indian delegation"), or a new one."""
    actor_ids = register_vocabulary(conn)
    return bulk_load(
        conn,
        synthetic_batches(count, seed, days=days, actor_ids=actor_ids),
        progress,
        quotes_are_sentences=True,
        expected=count,
    )


def register_vocabulary(conn: sqlite3.Connection) -> dict[str, str]:
    """Make the database know the generator's sides, topics and actors; return the id of
    each generated actor name. Refuses a database that compares two other sides."""
    parties = [row[0] for row in conn.execute("SELECT id FROM sides WHERE lane < 3 ORDER BY lane")]
    if parties and parties != [INDIA, PAKISTAN]:
        raise StoreError(
            f"synth generates positions of {INDIA} and {PAKISTAN}; this database compares "
            f"{' and '.join(parties)}"
        )
    vocabulary = vocabulary_records()
    holder = dict(conn.execute("SELECT key, actor_id FROM actor_aliases").fetchall())
    side_of = {name: side for side, names in ACTORS.items() for name in names}
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO sides (id, label, lane) VALUES (?, ?, ?)",
            [(s["id"], s["label"], lane) for lane, s in enumerate(vocabulary["sides"], 1)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO topics (id, label, description, ordinal) VALUES (?, ?, ?, ?)",
            [
                (t["id"], t["label"], t["description"], n)
                for n, t in enumerate(vocabulary["topics"])
            ],
        )
        found = {}
        for name, actor_id in _ACTOR_IDS.items():
            found[name] = holder.get(alias_key(name), actor_id)
            if found[name] == actor_id:
                conn.execute(
                    "INSERT OR IGNORE INTO actors (id, name, side) VALUES (?, ?, ?)",
                    [actor_id, name, side_of[name]],
                )
                conn.execute(
                    "INSERT OR IGNORE INTO actor_aliases (key, actor_id, alias) VALUES (?, ?, ?)",
                    [alias_key(name), actor_id, name],
                )
    return found

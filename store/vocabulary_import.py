"""What an import does to the sides, topics and actors (see `store.registry`).

An import file may carry `sides`, `topics` and `actors` besides its positions (the
seed does; so does every JSON export, for what it holds). The rules, chosen so that a
colleague's file never silently rewrites this database's vocabulary:

- sides: a database compares two sides, named once. A file for a database that names
  none names them; a file naming other sides than the database's is refused.
- topics: new ones are added; a topic this database has keeps its label (renaming is
  `counterpoint topic rename`).
- actors: new ones are added, and an actor nobody has classified yet (no kind) takes
  the file's name, side and kind. An alias the file gives that names an unclassified
  actor of the database *adopts* it: its positions move to the file's actor. That is
  how a database upgraded from version 5 (one actor per name it held) takes in the
  seed's registry. An alias naming a classified actor of another id is refused.
- a name a position gives that no actor answers to (compared after NFC and case
  folding, otherwise exactly) becomes a new, unclassified actor, reported in the
  import's summary so that someone classifies it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .connection import Database
from .errors import ImportRejected
from .models import ActorEntry, Position, SideEntry, TopicEntry
from .registry import Vocabularies, actor_id_for, alias_key, read_vocabularies
from .vocab import OTHER_SIDE


@dataclass(frozen=True)
class VocabularyChanges:
    """The rows an import adds to or changes in the vocabulary tables."""

    sides: tuple[tuple[str, str, int], ...] = ()
    topics: tuple[TopicEntry, ...] = ()
    actors: tuple[tuple[str, str, str | None, str | None], ...] = ()
    """(id, name, side, kind) to insert, or to set on an unclassified actor."""
    adopted: tuple[tuple[str, str], ...] = ()
    """(unclassified actor, the file's actor that takes it over)."""
    aliases: tuple[tuple[str, str, str], ...] = ()
    """(key, actor id, alias as written)."""
    registered_names: tuple[str, ...] = ()


def resolve_vocabulary(
    db: Database,
    origin: str,
    sides: Sequence[SideEntry],
    topics: Sequence[TopicEntry],
    actors: Sequence[ActorEntry],
    positions: Sequence[Position],
) -> tuple[VocabularyChanges, dict[str, list[tuple[str, str]]]]:
    """Check the file's vocabulary and its positions' sides, topics and actors against
    the database; return the changes to write and each position's (actor id, name)."""
    vocab = read_vocabularies(db)
    new_sides = _sides(vocab, origin, sides)
    known_sides = {s.id for s in vocab.sides if s.id} | {s.id for s in sides} | {OTHER_SIDE}
    known_topics = {t.id for t in vocab.topics}
    new_topics = _topics(origin, topics, known_topics)
    known_topics |= {t.id for t in topics}
    _check_positions(vocab, origin, positions, known_sides, known_topics, bool(new_sides))
    return _actors(db, vocab, origin, actors, positions, known_sides, new_sides, new_topics)


def _sides(
    vocab: Vocabularies, origin: str, sides: Sequence[SideEntry]
) -> list[tuple[str, str, int]]:
    if not sides:
        return []
    if len(sides) != 2:
        raise ImportRejected(
            f"{origin}: field 'sides': lists {len(sides)} sides; a database compares exactly "
            "two (the left pane's, then the right's)"
        )
    if sides[0].id == sides[1].id:
        raise ImportRejected(f"{origin}: field 'sides': names {sides[0].id!r} twice")
    have = [s.id for s in vocab.parties if s.id]
    if have and have != [s.id for s in sides]:
        raise ImportRejected(
            f"{origin}: field 'sides': the file compares {sides[0].id!r} and {sides[1].id!r}, "
            f"this database {have[0]!r} and {have[-1]!r}"
        )
    return [] if have else [(s.id, s.label, lane) for lane, s in enumerate(sides, 1)]


def _topics(origin: str, topics: Sequence[TopicEntry], known: set[str]) -> list[TopicEntry]:
    seen: set[str] = set()
    for index, topic in enumerate(topics):
        if topic.id in seen:
            raise ImportRejected(f"{origin}: topics[{index}] (id {topic.id!r}): repeats an id")
        seen.add(topic.id)
    return [t for t in topics if t.id not in known]


def _check_positions(
    vocab: Vocabularies,
    origin: str,
    positions: Sequence[Position],
    known_sides: set[str],
    known_topics: set[str],
    naming_sides: bool,
) -> None:
    for index, position in enumerate(positions):
        where = f"{origin}: positions[{index}] (id {position.id!r})"
        if position.side not in known_sides:
            hint = (
                ""
                if naming_sides or vocab.first.id
                else '; this database names no sides yet: list the two under "sides"'
            )
            raise ImportRejected(
                f"{where}: field 'side': unknown side {position.side!r} "
                f"(choose from: {', '.join(sorted(known_sides))}){hint}"
            )
        for n, topic in enumerate(position.topics):
            if topic not in known_topics:
                raise ImportRejected(
                    f"{where}: field 'topics[{n}]': unknown topic {topic!r}; add it with "
                    '`counterpoint topic add`, or list it under "topics"'
                )


def _actors(
    db: Database,
    vocab: Vocabularies,
    origin: str,
    entries: Sequence[ActorEntry],
    positions: Sequence[Position],
    known_sides: set[str],
    new_sides: list[tuple[str, str, int]],
    new_topics: list[TopicEntry],
) -> tuple[VocabularyChanges, dict[str, list[tuple[str, str]]]]:
    holder: dict[str, str] = dict(db.execute("SELECT key, actor_id FROM actor_aliases").fetchall())
    stored = {a.id: a for a in vocab.actors}
    file_ids = {entry.id for entry in entries}
    names = {a.id: a.name for a in vocab.actors}
    upserts: list[tuple[str, str, str | None, str | None]] = []
    aliases: list[tuple[str, str, str]] = []
    adopted: list[tuple[str, str]] = []
    claimed: dict[str, str] = {}
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{origin}: actors[{index}] (id {entry.id!r})"
        if entry.id in seen:
            raise ImportRejected(f"{where}: field 'id': repeats an id")
        seen.add(entry.id)
        if entry.side is not None and entry.side not in known_sides:
            raise ImportRejected(f"{where}: field 'side': unknown side {entry.side!r}")
        existing = stored.get(entry.id)
        if existing is None or not existing.classified:
            kind = entry.kind.value if entry.kind is not None else None
            upserts.append((entry.id, entry.name, entry.side, kind))
            names[entry.id] = entry.name
        for name in (entry.name, *entry.aliases):
            key = alias_key(name)
            if claimed.get(key, entry.id) != entry.id:
                raise ImportRejected(
                    f"{where}: field 'aliases': {name!r} also names actor {claimed[key]!r}"
                )
            claimed[key] = entry.id
            owner = holder.get(key)
            if owner is None:
                aliases.append((key, entry.id, name))
                holder[key] = entry.id
            elif owner != entry.id:
                if owner in file_ids or (owner in stored and stored[owner].classified):
                    raise ImportRejected(
                        f"{where}: field 'aliases': {name!r} already names actor {owner!r}"
                    )
                adopted.append((owner, entry.id))
                for other_key, other_owner in list(holder.items()):
                    if other_owner == owner:
                        holder[other_key] = entry.id
    taken = set(stored) | file_ids
    registered: list[str] = []
    refs: dict[str, list[tuple[str, str]]] = {}
    for index, position in enumerate(positions):
        ids: list[str] = []
        for n, name in enumerate(position.actors):
            key = alias_key(name)
            actor_id = holder.get(key)
            if actor_id is None:
                actor_id = actor_id_for(name, taken)
                taken.add(actor_id)
                holder[key] = actor_id
                names[actor_id] = name
                upserts.append((actor_id, name, None, None))
                aliases.append((key, actor_id, name))
                registered.append(name)
            if actor_id in ids:
                raise ImportRejected(
                    f"{origin}: positions[{index}] (id {position.id!r}): field 'actors[{n}]': "
                    f"{name!r} names actor {actor_id!r}, listed already"
                )
            ids.append(actor_id)
        refs[position.id] = [(actor_id, names[actor_id]) for actor_id in ids]
    changes = VocabularyChanges(
        tuple(new_sides),
        tuple(new_topics),
        tuple(upserts),
        tuple(dict.fromkeys(adopted)),
        tuple(aliases),
        tuple(registered),
    )
    return changes, refs


def write_vocabulary(conn: sqlite3.Connection, changes: VocabularyChanges) -> None:
    """Write the changes inside the caller's transaction, before the positions."""
    conn.executemany("INSERT INTO sides (id, label, lane) VALUES (?, ?, ?)", changes.sides)
    conn.executemany(
        "INSERT INTO topics (id, label, description, ordinal) "
        "VALUES (?, ?, ?, (SELECT coalesce(max(ordinal), -1) + 1 FROM topics))",
        [(t.id, t.label, t.description) for t in changes.topics],
    )
    conn.executemany(
        "INSERT INTO actors (id, name, side, kind) VALUES (?, ?, ?, ?) ON CONFLICT (id) "
        "DO UPDATE SET name = excluded.name, side = excluded.side, kind = excluded.kind",
        changes.actors,
    )
    for old, new in changes.adopted:
        merge_actor(conn, old, new)
    conn.executemany(
        "INSERT INTO actor_aliases (key, actor_id, alias) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET actor_id = excluded.actor_id",
        changes.aliases,
    )


def merge_actor(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Make `old`'s positions and names `new`'s and remove `old` (one position naming
    both keeps `new` once)."""
    conn.execute(
        "DELETE FROM position_actors WHERE actor_id = ? AND position_id IN "
        "(SELECT position_id FROM position_actors WHERE actor_id = ?)",
        [old, new],
    )
    conn.execute("UPDATE position_actors SET actor_id = ? WHERE actor_id = ?", [new, old])
    conn.execute("UPDATE actor_aliases SET actor_id = ? WHERE actor_id = ?", [new, old])
    conn.execute("DELETE FROM actors WHERE id = ?", [old])

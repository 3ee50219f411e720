"""Growing the topic vocabulary: add, rename, merge, each one transaction.

A topic's id is stored on every position that carries it and in every export, so
it never changes; renaming changes the label people read. Merging moves every
position of one topic to another (a position that had both keeps one) and removes
the first, all or nothing.
"""

from __future__ import annotations

import re
import sqlite3
from types import TracebackType

from .connection import Database
from .errors import StoreError
from .registry import TopicInfo, read_vocabularies

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
_MAX_LABEL = 200


def _label(label: str) -> str:
    cleaned = " ".join(label.split())
    if not cleaned:
        raise StoreError("a topic's label cannot be empty")
    if len(cleaned) > _MAX_LABEL or any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in cleaned):
        raise StoreError(f"a topic's label is at most {_MAX_LABEL} printable characters")
    return cleaned


def topic_id_for(label: str) -> str:
    """The id a new topic gets from its label when none is given ("Water sharing" ->
    "water_sharing")."""
    return re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")[:80]


def add_topic(db: Database, topic_id: str, label: str, description: str = "") -> TopicInfo:
    label = _label(label)
    if not _ID.match(topic_id):
        raise StoreError(
            f"{topic_id!r} is not a topic id: lower-case letters, digits, _ . - (at most 80)"
        )
    vocab = read_vocabularies(db)
    if any(t.id == topic_id for t in vocab.topics):
        raise StoreError(f"there is a topic {topic_id!r} already")
    if any(t.label.casefold() == label.casefold() for t in vocab.topics):
        raise StoreError(f"there is a topic labelled {label!r} already")
    with _transaction(db) as conn:
        conn.execute(
            "INSERT INTO topics (id, label, description, ordinal) "
            "VALUES (?, ?, ?, (SELECT coalesce(max(ordinal), -1) + 1 FROM topics))",
            [topic_id, label, description.strip()],
        )
    return TopicInfo(topic_id, label, description.strip())


def rename_topic(db: Database, topic_id: str, label: str) -> tuple[str, str]:
    """Give a topic a new label; returns (old label, new label)."""
    label = _label(label)
    vocab = read_vocabularies(db)
    old = next((t for t in vocab.topics if t.id == topic_id), None)
    if old is None:
        raise StoreError(f"no topic {topic_id!r}; `counterpoint topic list` lists them")
    clash = next(
        (t for t in vocab.topics if t.id != topic_id and t.label.casefold() == label.casefold()),
        None,
    )
    if clash is not None:
        raise StoreError(f"topic {clash.id!r} is labelled {label!r} already; merge them instead")
    with _transaction(db) as conn:
        conn.execute("UPDATE topics SET label = ? WHERE id = ?", [label, topic_id])
    return old.label, label


def merge_topic(db: Database, source: str, target: str) -> int:
    """Every position of `source` becomes one of `target`, and `source` is removed.
    Returns how many positions carried `source`."""
    known = {t.id for t in read_vocabularies(db).topics}
    for topic_id in (source, target):
        if topic_id not in known:
            raise StoreError(f"no topic {topic_id!r}; `counterpoint topic list` lists them")
    if source == target:
        raise StoreError("a topic cannot be merged into itself")
    with _transaction(db) as conn:
        moved: int = conn.execute(
            "SELECT count(*) FROM position_topics WHERE topic = ?", [source]
        ).fetchone()[0]
        conn.execute(
            "DELETE FROM position_topics WHERE topic = ? AND position_id IN "
            "(SELECT position_id FROM position_topics WHERE topic = ?)",
            [source, target],
        )
        conn.execute("UPDATE position_topics SET topic = ? WHERE topic = ?", [target, source])
        conn.execute("DELETE FROM topics WHERE id = ?", [source])
    return moved


class _transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error, with a readable message when
    another writer holds the lock."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the database cannot be written now ({exc})") from exc
        return self.conn

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.conn.commit()
        else:
            self.conn.rollback()

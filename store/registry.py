"""The vocabularies that are data: the two sides, the topics, and the actors.

A database names its own sides (the seed names the two it compares; another store
may compare Armenia and Azerbaijan), its topics (analysts add, rename and merge
them) and its actors (a canonical name, an affiliation, a kind, and the other
names a source uses for the same actor). The code knows only the third lane,
`OTHER_SIDE`, and the vocabularies in `store.vocab` whose meaning views rely on.

`Vocabularies` is read once (`read_vocabularies`) and handed to whatever formats
a label, so a view never spells a side's name and never asks the database again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from .connection import Database
from .errors import StoreError
from .vocab import OTHER_SIDE, ActorKind

FIRST_LANE, SECOND_LANE, OTHER_LANE = 1, 2, 3
"""Where a side is shown: the left pane, the right pane, or the lane between them."""


def alias_key(name: str) -> str:
    """The form in which actor names are compared: NFC, case-folded, spaces collapsed,
    so names that look alike compare alike ("José" typed two ways, "UNITED states")."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return " ".join(folded.split())


def loose_key(text: str) -> str:
    """Letters and digits only, case-folded: how a typed topic or side is matched to a
    code or label ("Indus Waters Treaty", "indus_waters_treaty")."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text).casefold() if ch.isalnum())


def actor_id_for(name: str, taken: set[str]) -> str:
    """A new actor's id: its name as a short ASCII slug ("Government of Armenia" ->
    "government-of-armenia"), numbered if that id is taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "actor"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@dataclass(frozen=True, slots=True)
class SideInfo:
    """One side as the database names it."""

    id: str
    label: str
    lane: int


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """One topic: a stable id (stored, exported), the label people read, what it covers."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor. `side` and `kind` are None while nobody has classified it (an
    actor registered by a migration or by an import that named someone new)."""

    id: str
    name: str
    side: str | None
    kind: ActorKind | None
    aliases: tuple[str, ...] = ()

    @property
    def classified(self) -> bool:
        return self.kind is not None


_UNNAMED = SideInfo("", "", 0)


@dataclass(frozen=True)
class Vocabularies:
    """Sides, topics and actors of one database, in display order."""

    sides: tuple[SideInfo, ...] = ()
    topics: tuple[TopicInfo, ...] = ()
    actors: tuple[Actor, ...] = ()
    _side_by_id: dict[str, SideInfo] = field(default_factory=dict, repr=False, compare=False)
    _topic_by_id: dict[str, TopicInfo] = field(default_factory=dict, repr=False, compare=False)
    _actor_by_id: dict[str, Actor] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._side_by_id.update({s.id: s for s in self.sides})
        self._topic_by_id.update({t.id: t for t in self.topics})
        self._actor_by_id.update({a.id: a for a in self.actors})

    # Sides ------------------------------------------------------------------

    def _in_lane(self, lane: int) -> SideInfo:
        return next((s for s in self.sides if s.lane == lane), _UNNAMED)

    @property
    def first(self) -> SideInfo:
        """The side in the left pane."""
        return self._in_lane(FIRST_LANE)

    @property
    def second(self) -> SideInfo:
        """The side in the right pane."""
        return self._in_lane(SECOND_LANE)

    @property
    def other(self) -> SideInfo:
        return self._side_by_id.get(OTHER_SIDE) or SideInfo(OTHER_SIDE, "Other", OTHER_LANE)

    @property
    def parties(self) -> tuple[SideInfo, SideInfo]:
        """The two sides compared, left then right."""
        return self.first, self.second

    @property
    def in_order(self) -> tuple[SideInfo, SideInfo, SideInfo]:
        """Left pane, right pane, third parties: the order of counts and columns."""
        return self.first, self.second, self.other

    def side(self, side_id: str) -> SideInfo:
        return self._side_by_id.get(side_id) or SideInfo(side_id, side_id, 0)

    def side_label(self, side_id: str) -> str:
        return self.side(side_id).label

    def opposite(self, side_id: str) -> str | None:
        """The other of the two sides compared; None for third parties."""
        first, second = self.first.id, self.second.id
        return {first: second, second: first}.get(side_id)

    def side_from_text(self, text: str) -> str:
        """A side id from its id or label, any case; StoreError naming the choices."""
        return _pick(text, self.in_order, lambda s: (s.id, s.label), "side").id

    # Topics -----------------------------------------------------------------

    def topic(self, topic_id: str) -> TopicInfo:
        return self._topic_by_id.get(topic_id) or TopicInfo(topic_id, topic_id)

    def topic_label(self, topic_id: str) -> str:
        return self.topic(topic_id).label

    def topic_from_text(self, text: str) -> str:
        """A topic id from its id or label, any case, spaces or underscores."""
        return _pick(text, self.topics, lambda t: (t.id, t.label), "topic").id

    # Actors -----------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        return self._actor_by_id.get(actor_id)

    def actor_from_text(self, text: str) -> str:
        """An actor id from its id, its name or one of its aliases, compared exactly
        (after `alias_key`): "Armenian officials" never finds "Government of Armenia"."""
        wanted = alias_key(text)
        for actor in self.actors:
            if wanted == actor.id or wanted in {alias_key(n) for n in (actor.name, *actor.aliases)}:
                return actor.id
        raise StoreError(f"no actor named {text!r}; `counterpoint actors` lists them")


_Item = TypeVar("_Item")


def _pick(
    text: str, items: Iterable[_Item], names: Callable[[_Item], tuple[str, ...]], what: str
) -> _Item:
    wanted = loose_key(text)
    items = list(items)
    for item in items:
        if wanted and wanted in {loose_key(n) for n in names(item)}:
            return item
    choices = ", ".join(names(item)[0] for item in items)
    raise StoreError(f"unknown {what} {text!r} (choose from: {choices})")


def read_vocabularies(db: Database) -> Vocabularies:
    """Everything in the sides, topics and actors tables, in display order."""
    sides = tuple(
        SideInfo(str(i), str(label), int(lane))
        for i, label, lane in db.execute("SELECT id, label, lane FROM sides ORDER BY lane")
    )
    topics = tuple(
        TopicInfo(str(i), str(label), str(description or ""))
        for i, label, description in db.execute(
            "SELECT id, label, description FROM topics ORDER BY ordinal, id"
        )
    )
    aliases: dict[str, list[str]] = {}
    for actor_id, alias in db.execute(
        "SELECT a.actor_id, a.alias FROM actor_aliases a JOIN actors r ON r.id = a.actor_id "
        "WHERE a.alias <> r.name ORDER BY a.actor_id, a.alias"
    ):
        aliases.setdefault(actor_id, []).append(str(alias))
    actors = tuple(
        Actor(str(i), str(name), side, _actor_kind(kind), tuple(aliases.get(i, ())))
        for i, name, side, kind in db.execute(
            "SELECT id, name, side, kind FROM actors ORDER BY name COLLATE NOCASE, id"
        )
    )
    return Vocabularies(sides, topics, actors)


def _actor_kind(value: object) -> ActorKind | None:
    try:
        return ActorKind(value) if isinstance(value, str) else None
    except ValueError:
        return None  # a kind another tool wrote: shown as unclassified, never fatal

"""The vocabularies fixed in code, and the one side every database has.

Kinds, link relations, date precisions and bases, and actor kinds carry meaning the
views depend on (a denial answers an allegation; a day is one day), so they stay
enums here. What analysts grow — the two sides, the topics, the actors — is data:
see `store.registry`. Values are stable snake_case codes (they are stored and
exported); `label` gives the words a person reads and `from_text` accepts either,
case-insensitively, so an analyst can type ``--kind Allegation`` or ``--kind allegation``.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A StrEnum with a human label and lenient parsing from user text."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())

    @property
    def description(self) -> str:
        return _DESCRIPTIONS.get(self, "")

    @classmethod
    def from_text(cls, text: str) -> Vocabulary:
        """Accept a code or a label, any case, spaces or underscores or hyphens."""
        wanted = _normalise(text)
        for member in cls:
            if wanted in (_normalise(member.value), _normalise(member.label)):
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown {cls.__name__.lower()} {text!r} (choose from: {choices})")


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


OTHER_SIDE = "other"
"""The id of the third lane, which every database has: third parties (a mediator, the
reporter, the attackers). The two sides compared are named by the database."""


class ActorKind(Vocabulary):
    """What sort of actor an actor is, in the registry of actors."""

    GOVERNMENT = "government"
    OFFICIAL = "official"
    PARTY = "party"
    ORGANISATION = "organisation"
    MEDIA = "media"
    PERSON = "person"


class Kind(Vocabulary):
    """What sort of move a position is; refined from CAMEO's root event codes.

    The CAMEO root each kind corresponds to is in its description, so that coded
    data from event datasets can be mapped onto ours.
    """

    ACTION = "action"
    STATEMENT = "statement"
    INTENT = "intent"
    OFFER = "offer"
    APPEAL = "appeal"
    DEMAND = "demand"
    ALLEGATION = "allegation"
    DENIAL = "denial"
    CRITICISM = "criticism"
    INCIDENT = "incident"
    COMMENTARY = "commentary"


class Relation(Vocabulary):
    """How one position stands to another. Links are directed: source RELATION target."""

    RESPONDS_TO = "responds_to"
    DENIES = "denies"
    COUNTERS = "counters"
    MIRRORS = "mirrors"
    SUPPORTS = "supports"
    ELABORATES = "elaborates"

    @property
    def inverse_label(self) -> str:
        """How the link reads from its target's end."""
        return _INVERSE_LABELS[self]


class DatePrecision(Vocabulary):
    """How finely the date of a position is known; date_start..date_end bound it."""

    DAY = "day"
    WEEK = "week"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    YEAR = "year"
    SPAN = "span"


class DateBasis(Vocabulary):
    """Where the date comes from, so nobody mistakes an estimate for a fact."""

    STATED = "stated"
    DOCUMENT = "document"
    INFERRED = "inferred"


class PositionStatus(Vocabulary):
    """Whether a position is in the analysis: a retracted one leaves the timeline, the
    counts and the exports, and stays in the database and its history."""

    ACTIVE = "active"
    RETRACTED = "retracted"


class RevisionAction(Vocabulary):
    """What a revision of a position records."""

    CREATE = "create"
    EDIT = "edit"
    RETRACT = "retract"
    RESTORE = "restore"
    UNDO = "undo"
    IMPORT = "import"
    SEED = "seed"


_LABELS: dict[Vocabulary, str] = {
    Relation.RESPONDS_TO: "responds to",
    Relation.DENIES: "denies",
    Relation.COUNTERS: "counters",
    Relation.MIRRORS: "mirrors",
    Relation.SUPPORTS: "supports",
    Relation.ELABORATES: "elaborates",
    DatePrecision.PART_OF_MONTH: "Part of a month",
    DateBasis.DOCUMENT: "As of the document's date",
}

_INVERSE_LABELS: dict[Relation, str] = {
    Relation.RESPONDS_TO: "answered by",
    Relation.DENIES: "denied by",
    Relation.COUNTERS: "countered by",
    Relation.MIRRORS: "mirrored by",
    Relation.SUPPORTS: "supported by",
    Relation.ELABORATES: "elaborated by",
}

_DESCRIPTIONS: dict[Vocabulary, str] = {
    Kind.ACTION: "A concrete step taken: a delegation sent, a treaty suspended (CAMEO 04-06, 16).",
    Kind.STATEMENT: "A position stated or defended (CAMEO 01 make public statement).",
    Kind.INTENT: "A reported aim or strategy (CAMEO 03 express intent).",
    Kind.OFFER: "An offer to act, such as to mediate (CAMEO 03 express intent to cooperate).",
    Kind.APPEAL: "A call on others: for dialogue, mediation, restraint (CAMEO 02 appeal).",
    Kind.DEMAND: "A demand or a condition set on the other side (CAMEO 10 demand).",
    Kind.ALLEGATION: "An accusation against the other side (CAMEO 112 accuse).",
    Kind.DENIAL: "A rejection of an accusation (CAMEO 12 reject).",
    Kind.CRITICISM: "Disapproval of another actor's conduct (CAMEO 111 criticize or denounce).",
    Kind.INCIDENT: "An event that the positions react to: the attack, the fighting.",
    Kind.COMMENTARY: "The reporter's own framing, not a party's claim (side is always other).",
    DatePrecision.DAY: "Known to the day; start equals end.",
    DatePrecision.WEEK: "Known to within a week.",
    DatePrecision.PART_OF_MONTH: "Early, mid or late in a month (1-10, 11-20, 21-end).",
    DatePrecision.MONTH: "Known to the month.",
    DatePrecision.YEAR: "Known to the year.",
    DatePrecision.SPAN: "An ongoing stance held from start to end.",
    DateBasis.STATED: "The date is stated in the text (date_text quotes it).",
    DateBasis.DOCUMENT: "Reported as current at the document's (assumed) publication date.",
    DateBasis.INFERRED: "Inferred from outside the text; date_note says from where.",
    ActorKind.GOVERNMENT: "A state's government as a whole, or the state itself as an actor.",
    ActorKind.OFFICIAL: "Someone speaking or acting for a state: minister, envoy, delegate.",
    ActorKind.PARTY: "A political party.",
    ActorKind.ORGANISATION: "A group that is not a state: an armed group, a body of states.",
    ActorKind.MEDIA: "A news outlet or its reporter.",
    ActorKind.PERSON: "Someone acting for nobody but themselves.",
    RevisionAction.CREATE: "Coded by an analyst (in the app or with `counterpoint code`).",
    RevisionAction.EDIT: "Changed by an analyst.",
    RevisionAction.RETRACT: "Taken out of the analysis, with a reason; kept here.",
    RevisionAction.RESTORE: "Put back into the analysis.",
    RevisionAction.UNDO: "An earlier change undone: the position as it was before it.",
    RevisionAction.IMPORT: "Written by `counterpoint import` from the file named as origin.",
    RevisionAction.SEED: "Written by `counterpoint seed` from the seed documents.",
}

"""Controlled vocabularies.

Every coded field of a position takes its value from one of these enums, so that
filters, counts and the comparison views group like with like. Values are stable
snake_case codes (they are stored and exported); `label` gives the words a person
reads and `from_text` accepts either, case-insensitively, so an analyst can type
``--topic "Indus Waters Treaty"`` or ``--topic indus_waters_treaty``.
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


class Side(Vocabulary):
    """Whose position it is. Third parties (the US, Canada, the reporter) are `other`."""

    INDIA = "india"
    PAKISTAN = "pakistan"
    OTHER = "other"


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


class Topic(Vocabulary):
    """What a position is about; a position may carry several topics."""

    TERRORISM = "terrorism"
    INDUS_WATERS_TREATY = "indus_waters_treaty"
    KASHMIR = "kashmir"
    CEASEFIRE = "ceasefire"
    US_MEDIATION = "us_mediation"
    NUCLEAR_RISK = "nuclear_risk"
    DIPLOMATIC_OUTREACH = "diplomatic_outreach"
    EXTRAJUDICIAL_KILLINGS = "extrajudicial_killings"
    WESTERN_ALIGNMENT = "western_alignment"
    DIALOGUE = "dialogue"
    REGIONAL_STABILITY = "regional_stability"
    HUMANITARIAN = "humanitarian"


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


_LABELS: dict[Vocabulary, str] = {
    Side.INDIA: "India",
    Side.PAKISTAN: "Pakistan",
    Side.OTHER: "Other",
    Topic.INDUS_WATERS_TREATY: "Indus Waters Treaty",
    Topic.US_MEDIATION: "US mediation",
    Topic.WESTERN_ALIGNMENT: "Western alignment and China",
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
}

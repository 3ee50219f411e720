"""`counterpoint check`: a linter that holds every side's coding to one standard.

Each rule reads the coded data (active positions, documents, the vocabularies) and
returns findings: which record, which rule, why, quoting the words at fault. The rules
are written once and never name a side: a rule that read differently with the sides
swapped would be a bug, and the tests run each rule on swapped data too. The codebook
(`docs/codebook.md`) says what each rule stands for; the ids are the same there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .records import Document, Position
from .registry import Vocabularies
from .sentences import split_sentences
from .vocab import DateBasis, DatePrecision, Kind, Relation


@dataclass(frozen=True, order=True)
class Finding:
    """One breach of one rule by one record (a position's or a document's id)."""

    subject: str
    rule: str
    why: str

    def __iter__(self) -> Iterator[str]:
        """Record, rule, why: the columns of its line."""
        return iter((self.subject, self.rule, self.why))


@dataclass(frozen=True)
class Coded:
    """What the rules read: active positions, every document, the vocabularies."""

    positions: list[Position]
    documents: dict[str, Document]
    vocab: Vocabularies

    def sentences_around(self, p: Position) -> str:
        """The text of every sentence any quote of `p` touches, and of the sentence just
        before each (where "they", "he" and "the country" point), joined."""
        found: list[str] = []
        for s in p.sources:
            document = self.documents.get(s.document)
            if document is None:
                continue
            sentences = split_sentences(document.text)
            for n, sentence in enumerate(sentences):
                if sentence.start < max(s.end, s.start + 1) and s.start < sentence.end:
                    found += [x.text for x in sentences[max(0, n - 1) : n + 1]]
        return "\n".join(found)


Rule = Callable[[Coded], Iterable[Finding]]


@dataclass(frozen=True)
class RuleInfo:
    id: str
    description: str
    run: Rule


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _words(pattern: Iterable[str]) -> re.Pattern[str]:
    """Whole words or phrases, case-insensitive."""
    alternatives = "|".join(sorted((re.escape(w) for w in pattern), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


HEDGES = _words(
    [
        "alleged",
        "allegedly",
        "claim",
        "claims",
        "reportedly",
        "appears",
        "apparently",
        "believe",
        "believes",
        "seen as",
        "purportedly",
        "purported",
        "supposedly",
        "so-called",
        "what it calls",
        "what they call",
        "said to",
        "according to",
    ]
)
"""Words by which a text keeps its distance from what it reports."""
HEDGED_VERBS = _words(
    [
        "claims",
        "claim",
        "alleges",
        "allege",
        "alleged",
        "says",
        "said",
        "argues",
        "argue",
        "believes",
        "believe",
        "appears",
        "seen as",
        "according to",
        "contends",
        "asserts",
        "maintains",
        "states",
        "purportedly",
        "supposedly",
    ]
)
"""Reporting verbs that keep that distance in a summary."""
VERB_CLASSES: dict[str, re.Pattern[str]] = {
    "hedged": _words(["claims", "alleges", "says", "argues", "believes", "contends", "asserts"]),
    "flat": _words(
        [
            "accuses",
            "charges",
            "blames",
            "attributes",
            "insists",
            "holds responsible",
            "exposes",
            "reveals",
            "proves",
            "shows",
            "establishes",
        ]
    ),
}
"""Reporting verbs by how much they vouch for what is reported: the same kind of claim
must be reported with the same class of verb, whichever side makes it."""
NUMBER_WORDS = _words(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "hundred",
        "thousand",
        "million",
        "dozen",
    ]
)
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
MONTHS = _words(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ]
)
WEEKDAYS = _words(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "today",
        "yesterday",
        "tomorrow",
    ]
)
ANSWERS = {Relation.DENIES, Relation.COUNTERS}
"""Relations by which one side answers the other: never to its own side."""
SYMMETRIC = {Relation.MIRRORS}
"""Relations that hold both ways, so are stored both ways."""


def _quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


# The rules ---------------------------------------------------------------------------


def hedge_dropped(coded: Coded) -> Iterable[Finding]:
    for p in coded.positions:
        quotes = " ".join(s.quote for s in p.sources)
        hedge = HEDGES.search(quotes)
        if hedge and not HEDGED_VERBS.search(p.summary):
            yield Finding(
                p.id,
                "hedge-dropped",
                f"a quote says {_quoted(hedge.group())} but the summary reports it flatly: "
                f"{_quoted(p.summary)}",
            )


def _verb_class(summary: str) -> str | None:
    found = [
        (match.start(), name)
        for name, pattern in VERB_CLASSES.items()
        if (match := pattern.search(summary))
    ]
    return min(found)[1] if found else None


def verb_asymmetry(coded: Coded) -> Iterable[Finding]:
    classes: dict[Kind, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    classed: list[tuple[Position, str]] = []
    for p in coded.positions:
        verb = _verb_class(p.summary)
        if verb is not None:
            classes[p.kind][p.side].add(verb)
            classed.append((p, verb))
    for p, verb in classed:
        by_side = classes[p.kind]
        if len(by_side) < 2:
            continue
        shared = set.intersection(*by_side.values())
        if verb not in shared:
            others = sorted(
                f"{coded.vocab.side_label(side)}: {', '.join(sorted(used))}"
                for side, used in by_side.items()
                if side != p.side
            )
            yield Finding(
                p.id,
                "verb-asymmetry",
                f"a {verb} reporting verb for this {p.kind.value}, where other sides' "
                f"{p.kind.value}s use {'; '.join(others)}",
            )


def link_no_shared_topic(coded: Coded) -> Iterable[Finding]:
    by_id = {p.id: p for p in coded.positions}
    for p in coded.positions:
        for link in p.links:
            target = by_id.get(link.target)
            if target is not None and not set(p.topics) & set(target.topics):
                yield Finding(
                    p.id,
                    "link-no-shared-topic",
                    f"{link.relation.value} {target.id}, but they share no topic "
                    f"({', '.join(p.topics)} / {', '.join(target.topics)}): a filter on one "
                    "hides the other",
                )


def answer_not_linked(coded: Coded) -> Iterable[Finding]:
    by_id = {p.id: p for p in coded.positions}
    for p in coded.positions:
        if p.kind is Kind.DENIAL and not any(k.relation is Relation.DENIES for k in p.links):
            yield Finding(p.id, "answer-not-linked", "a denial that names nothing it denies")
        for link in p.links:
            target = by_id.get(link.target)
            if target is None:
                continue
            if link.relation in ANSWERS and target.side == p.side:
                yield Finding(
                    p.id,
                    "answer-not-linked",
                    f"{link.relation.value} {target.id}, a position of its own side",
                )
            if link.relation in SYMMETRIC and not any(
                back.relation is link.relation and back.target == p.id for back in target.links
            ):
                yield Finding(
                    p.id,
                    "answer-not-linked",
                    f"{link.relation.value} {target.id}, which does not "
                    f"{link.relation.value} it back",
                )


def _names(vocab: Vocabularies) -> set[str]:
    names = {side.label for side in vocab.parties}
    for actor in vocab.actors:
        names.add(actor.name)
        names.update(actor.aliases)
    return {_nfc(name) for name in names if name.strip()}


def _has_word(text: str, word: str, *, case: bool) -> bool:
    flags = 0 if case else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags) is not None


def summary_unsupported(coded: Coded) -> Iterable[Finding]:
    names = _names(coded.vocab)
    for p in coded.positions:
        summary = _nfc(p.summary)
        support = _nfc(" ".join(s.quote for s in p.sources) + "\n" + coded.sentences_around(p))
        missing = sorted(
            name
            for name in names
            if _has_word(summary, name, case=True) and not _has_word(support, name, case=True)
        )
        numbers = {m.group() for m in DIGITS.finditer(summary)}
        numbers |= {m.group().lower() for m in NUMBER_WORDS.finditer(summary)}
        missing += sorted(n for n in numbers if not _has_word(support, n, case=False))
        if missing:
            yield Finding(
                p.id,
                "summary-unsupported",
                f"the summary names {', '.join(_quoted(m) for m in missing)}, which neither "
                "its quotes, their sentences nor the sentence before each contain",
            )


_NEEDS: dict[DatePrecision, tuple[str, Callable[[str], bool]]] = {
    DatePrecision.DAY: (
        "a day",
        lambda t: bool(re.search(r"\b\d{1,2}\b", t) or WEEKDAYS.search(t)),
    ),
    DatePrecision.WEEK: ("a week", lambda t: bool(re.search(r"\bweek\b|\b\d{1,2}\b", t, re.I))),
    DatePrecision.PART_OF_MONTH: (
        "a part of a month",
        lambda t: bool(
            re.search(r"\b(early|mid|late|middle|end|beginning)\b|\b\d{1,2}\b", t, re.I)
        ),
    ),
    DatePrecision.MONTH: ("a month", lambda t: bool(MONTHS.search(t))),
    DatePrecision.YEAR: ("a year", lambda t: bool(re.search(r"\b\d{4}\b", t) or MONTHS.search(t))),
}


def date_too_precise(coded: Coded) -> Iterable[Finding]:
    for p in coded.positions:
        if p.date_basis is DateBasis.DOCUMENT:
            published = {
                coded.documents[s.document].published
                for s in p.sources
                if s.document in coded.documents
            }
            if published and not any(p.date_start <= day <= p.date_end for day in published):
                days = ", ".join(sorted(day.isoformat() for day in published))
                yield Finding(
                    p.id,
                    "date-too-precise",
                    f"dated as of its document, but no cited document is dated within it ({days})",
                )
        if p.date_basis is DateBasis.INFERRED and not p.date_note.strip():
            yield Finding(
                p.id, "date-too-precise", "an inferred date with no note saying from where"
            )
        if p.date_basis is DateBasis.STATED and p.date_precision in _NEEDS:
            what, test = _NEEDS[p.date_precision]
            if not test(p.date_text):
                yield Finding(
                    p.id,
                    "date-too-precise",
                    f"dated to {what} as stated, but the source's words "
                    f"{_quoted(p.date_text)} do not give {what}",
                )


def ungraded(coded: Coded) -> Iterable[Finding]:
    for p in coded.positions:
        if p.credibility is None:
            yield Finding(p.id, "ungraded", "no credibility grade (1-6)")
    cited = {s.document for p in coded.positions for s in p.sources}
    for document in coded.documents.values():
        if document.reliability is None and document.id in cited:
            yield Finding(
                document.id, "ungraded", "a cited document with no reliability grade (A-F)"
            )


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("hedge-dropped", "a hedge in a quote that the summary drops", hedge_dropped),
    RuleInfo(
        "verb-asymmetry",
        "one kind reported with different classes of verb for different sides",
        verb_asymmetry,
    ),
    RuleInfo("link-no-shared-topic", "a link whose two ends share no topic", link_no_shared_topic),
    RuleInfo(
        "answer-not-linked",
        "a denial naming nothing it denies, an answer to its own side, a one-way mirror",
        answer_not_linked,
    ),
    RuleInfo(
        "summary-unsupported",
        "a summary naming an actor, side or number its quotes' sentences (and the one "
        "before each) lack",
        summary_unsupported,
    ),
    RuleInfo(
        "date-too-precise",
        "a stated date more precise than its words, an inferred one without a note, one "
        "'as of the document' that no cited document's date falls in",
        date_too_precise,
    ),
    RuleInfo("ungraded", "a position with no credibility grade, a document with none", ungraded),
)
RULE_IDS = tuple(rule.id for rule in RULES)


def run_checks(coded: Coded, only: str | None = None) -> list[Finding]:
    """Every finding of every rule (or of rule `only`), rule by rule, then by record."""
    found: list[Finding] = []
    for rule in RULES:
        if only is None or rule.id == only:
            found += sorted(set(rule.run(coded)))
    return found

"""How far a source and a position can be trusted, on the scale analysts already use.

The NATO "Admiralty" system grades a source's reliability A–F and an item of
information's credibility 1–6, separately: a usually reliable source (B) can pass on
something doubtful (4). F and 6 mean "cannot be judged", which is not the same as
ungraded (None: nobody has looked). Documents carry the reliability grade, positions the
credibility grade; a row shows them together, "B2", as analysts write them.
"""

from __future__ import annotations

from collections.abc import Iterable

RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
"""Source reliability: the history and access of whoever supplied the text."""

CREDIBILITY: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}
"""Information credibility: how far the item itself holds up against what else is known."""

UNGRADED = "-"
"""How a missing grade shows in a row: a visible mark, so ungraded is never mistaken
for a grade."""


def reliability_label(grade: str | None) -> str:
    """ "B usually reliable", or "ungraded"."""
    if grade is None:
        return "ungraded"
    return f"{grade} {RELIABILITY.get(grade, 'unknown grade').lower()}"


def credibility_label(grade: int | None) -> str:
    """ "2 probably true", or "ungraded"."""
    if grade is None:
        return "ungraded"
    return f"{grade} {CREDIBILITY.get(grade, 'unknown grade').lower()}"


def best_reliability(grades: Iterable[str | None]) -> str | None:
    """The best grade among a position's documents (A before B …; F, cannot be judged,
    after E), or None when none of them is graded: a position is as reliable as its best
    source says, since each source states it on its own."""
    graded = sorted(g for g in grades if g is not None)
    return graded[0] if graded else None


def combined_grade(reliability: str | None, credibility: int | None) -> str:
    """The two grades as analysts write them together ("B2"), "-" for a missing one."""
    return f"{reliability or UNGRADED}{credibility if credibility is not None else UNGRADED}"


def parse_reliability_range(text: str) -> tuple[str, str]:
    """ "A-C", "B" or "a–c" as (first, last); ValueError with a readable reason."""
    parts = [p.strip().upper() for p in text.replace("–", "-").split("-")]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or any(p not in RELIABILITY for p in parts):
        raise ValueError(f"{text!r} is not a reliability grade or range like A-C (grades A to F)")
    first, last = sorted(parts)
    return first, last


def parse_credibility_range(text: str) -> tuple[int, int]:
    """ "1-3", "2" or "1–3" as (low, high); ValueError with a readable reason."""
    parts = [p.strip() for p in text.replace("–", "-").split("-")]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or any(not p.isdigit() or int(p) not in CREDIBILITY for p in parts):
        raise ValueError(f"{text!r} is not a credibility grade or range like 1-3 (grades 1 to 6)")
    low, high = sorted(int(p) for p in parts)
    return low, high

"""Finding a quote in a document by its words, as annotation tools do.

`counterpoint code --quote "exact words"`, an import whose sources give a quote and no
offsets, and the coding desk all name a quote by its text. A text quote is the most
robust anchor (it is what the analyst sees and can check), but the same words may occur
more than once. Like the W3C Web Annotation TextQuoteSelector, and the Hypothesis
client that made it common, a quote is stored with the CONTEXT code points before and
after it (its prefix and suffix), which tell its occurrences apart; an occurrence
number (`--occurrence N`) or a nearby offset (`near`) may pick one too.

The rules, in order:

1. The quote must occur exactly (the same code points). If it does not, the error says
   so, and where the same words occur with other spaces, case, quote marks or dashes
   (analysts paste quotes from elsewhere), quoting what is stored there.
2. `occurrence` (1-based, counting overlapping matches) picks that one, or is an error
   when there are fewer.
3. One occurrence: it.
4. Several: those whose text before and after equals `prefix` and `suffix` exactly
   (the text within len(prefix) before, within len(suffix) after). If there are none,
   the one whose surroundings are clearly the most like them (rapidfuzz's normalised
   Indel similarity, at least MIN_SIMILARITY and MARGIN ahead of the next).
5. If still more than one, `near` picks the closest to that offset.
6. Otherwise it is ambiguous: the error lists the occurrences, numbered, with a little
   of their context, and asks for an occurrence number.

So what holds exactly: a selection text[start:end] with `context_of(text, start, end)`
as prefix and suffix is found again at start, unless another occurrence of the same
words has the same prefix and suffix around it (then the error lists both). A context
cut short by the start or end of the text does not pin the quote there: the shorter
prefix is matched wherever it occurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ImportRejected
from .schema import QUOTE_CONTEXT

CONTEXT = QUOTE_CONTEXT
"""Code points of context kept either side of a quote, 32 (the schema stores that many):
the Hypothesis client keeps 32 characters of prefix and suffix (its TextQuoteAnchor,
`contextLen = 32`; JavaScript counts UTF-16 units, we count code points as every offset
in Counterpoint does)."""

MIN_SIMILARITY = 0.6
"""How alike (0 to 1) a fuzzy context must be to pick an occurrence when none has it
exactly; below this the context given fits none of them."""

MARGIN = 0.1
"""How far ahead of the next occurrence's similarity the best fuzzy one must be, so
that a near tie is an error rather than a coin toss."""

LISTED = 5
"""Occurrences named in an ambiguity error; more are counted."""

_APOSTROPHES = "'‘’`´ʼ"
_DOUBLE_QUOTES = '"“”„«»'
_DASHES = "-‐‑‒–—―−"


@dataclass(frozen=True)
class Anchor:
    """Where a quote is: text[start:end] is the quote, prefix and suffix the CONTEXT
    code points either side (fewer at the text's ends), to store with it."""

    start: int
    end: int
    prefix: str
    suffix: str


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The CONTEXT code points before `start` and after `end`."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def anchor(
    text: str,
    quote: str,
    *,
    occurrence: int | None = None,
    prefix: str = "",
    suffix: str = "",
    near: int | None = None,
    name: str = "the document",
) -> Anchor:
    """Find `quote` in `text` by the rules in this module's docstring. `name` is how
    errors refer to the document. Raises ImportRejected, one sentence, when the quote
    does not occur, `occurrence` is out of range, or it stays ambiguous."""
    if not quote:
        raise ImportRejected("the quote is empty; give the exact words to find")
    starts = occurrences(text, quote)
    if not starts:
        raise ImportRejected(_not_found(text, quote, name))
    if occurrence is not None:
        if not 1 <= occurrence <= len(starts):
            times = _times(len(starts))
            raise ImportRejected(
                f"the quote {_shown(quote)} occurs {times} in {name}, so there is no "
                f"occurrence {occurrence}; give a number from 1 to {len(starts)}"
            )
        return _anchored(text, starts[occurrence - 1], len(quote))
    candidates = starts
    if len(candidates) > 1 and (prefix or suffix):
        candidates = _by_context(text, len(quote), candidates, prefix, suffix)
    if len(candidates) > 1 and near is not None:
        closest = min(abs(start - near) for start in candidates)
        candidates = [start for start in candidates if abs(start - near) == closest]
    if len(candidates) == 1:
        return _anchored(text, candidates[0], len(quote))
    raise ImportRejected(_ambiguous(text, quote, starts, candidates, name))


def occurrences(text: str, quote: str) -> list[int]:
    """The start of every occurrence of `quote` in `text`, overlapping ones included
    ("aa" occurs twice in "aaa"): a selection may be any of them."""
    found: list[int] = []
    start = text.find(quote)
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def _anchored(text: str, start: int, length: int) -> Anchor:
    return Anchor(start, start + length, *context_of(text, start, start + length))


def _by_context(text: str, length: int, starts: list[int], prefix: str, suffix: str) -> list[int]:
    """The occurrences whose surroundings equal prefix and suffix; if none, the one
    clearly most like them; if none is, all of them (still ambiguous)."""

    def before(start: int) -> str:
        return text[max(0, start - len(prefix)) : start]

    def after(start: int) -> str:
        return text[start + length : start + length + len(suffix)]

    exact = [s for s in starts if before(s) == prefix and after(s) == suffix]
    if exact:
        return exact
    from rapidfuzz.distance import Indel  # here: 20 ms to load, and rarely needed

    weight = len(prefix) + len(suffix)
    scores = sorted(
        (
            (
                len(prefix) * Indel.normalized_similarity(prefix, before(s))
                + len(suffix) * Indel.normalized_similarity(suffix, after(s))
            )
            / weight,
            s,
        )
        for s in starts
    )
    best, chosen = scores[-1]
    runner_up = scores[-2][0]
    if best >= MIN_SIMILARITY and best - runner_up >= MARGIN:
        return [chosen]
    return starts


def _not_found(text: str, quote: str, name: str) -> str:
    loose = _loose_pattern(quote)
    match = loose.search(text) if loose is not None else None
    if match is None:
        return f"the quote {_shown(quote)} does not occur in {name}; copy its exact words"
    return (
        f"the quote {_shown(quote)} does not occur in {name} as given, but with other "
        f"spaces, case, quote marks or dashes it does at {match.start()}: "
        f"{_shown(match.group())}; quote the text as stored"
    )


def _loose_pattern(quote: str) -> re.Pattern[str] | None:
    """The quote's words with any white space between them, any case, and any quote
    mark or dash for one: how a pasted quote most often differs from the text."""
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(_loose_word(word) for word in words), re.IGNORECASE)


def _loose_word(word: str) -> str:
    parts: list[str] = []
    for ch in word:
        for family in (_APOSTROPHES, _DOUBLE_QUOTES, _DASHES):
            if ch in family:
                parts.append("[" + re.escape(family) + "]")
                break
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _ambiguous(text: str, quote: str, starts: list[int], candidates: list[int], name: str) -> str:
    number = {start: index for index, start in enumerate(starts, 1)}
    listed = ", ".join(
        f"{number[start]}) at {start} {_excerpt(text, start, len(quote))}"
        for start in candidates[:LISTED]
    )
    more = f" and {len(candidates) - LISTED} more" if len(candidates) > LISTED else ""
    which = (
        f"occurs {_times(len(starts))} in {name}"
        if len(candidates) == len(starts)
        else f"occurs {_times(len(starts))} in {name} and the context given fits "
        f"{len(candidates)} of them equally"
    )
    return (
        f"the quote {_shown(quote)} {which}: {listed}{more}; give --occurrence N "
        '("occurrence" in an import file) or more context to pick one'
    )


def _excerpt(text: str, start: int, length: int) -> str:
    """A few words either side of an occurrence, on one line, to tell them apart."""
    before = text[max(0, start - 20) : start]
    after = text[start + length : start + length + 20]
    middle = text[start : start + length]
    if len(middle) > 30:
        middle = middle[:14] + "…" + middle[-14:]
    shown = ("…" if start > 20 else "") + before + middle + after
    shown += "…" if start + length + 20 < len(text) else ""
    return '"' + _one_line(shown) + '"'


def _shown(quote: str) -> str:
    """A quote as an error message shows it: on one line, cut if long."""
    if len(quote) > 60:
        quote = quote[:40] + "…" + quote[-15:]
    return '"' + _one_line(quote) + '"'


def _one_line(value: str) -> str:
    return re.sub(r"\s", " ", value)


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"

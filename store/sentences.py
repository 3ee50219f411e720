"""Sentence boundaries of a source document.

Provenance is checked sentence by sentence (every sentence must be cited or
explained), the inspector shows the sentence around a quote, and the coding desk
counts and selects sentences, so all of them need the same, deterministic idea of
where a sentence starts and ends.

The boundaries come from syntok (segtok's successor), a rule-based segmenter made for
this: it knows that the full stops of "U.S. President", "Mr. Sharif" or "J. D. Vance"
end no sentence. The regular expression used before split all three. Measured with
bench/sentence_splitters.py on 2026-11-23, against that rule and pysbd 0.3.4:

- the two seed documents: syntok and pysbd give the same sentences as the old rule
  (11 and 27), so no seed quote or context entry changed;
- hard cases: syntok and pysbd both keep "The U.S. President spoke.", "He met Mr. Sharif
  in Washington D.C. on Monday." and "Gen. Asim Munir met J. D. Vance." whole, where
  the old rule made four sentences of the first two and five of the last;
  both split "… spent Rs. 2.5 bn. on the dam" (syntok after "Rs.", pysbd after
  "bn."), which the old rule kept whole;
- speed on the seed's lines repeated to 1.27 M characters, five runs on a shared
  two-core machine: old rule 0.06-0.10 s, syntok 1.5-2.5 s, pysbd 4.8-8.4 s, and this
  module (syntok line by line) 2.0 s.

So syntok: as right as pysbd where it matters, and three to four times faster. It is
some 20 times slower than the rule was, 1.5-2.5 s per million characters, so the split
of a whole text is cached (`split_sentences` keeps the last few texts), and
`sentence_at` and `quote_context` without a precomputed split look only at the line
around the offset they are asked about (lines are cached too).

Rules kept from before: offsets are in code points (Python string indices), each
sentence is trimmed of surrounding white space, and a line break always ends a
sentence (headlines carry no full stop). Only the start of each sentence is taken
from syntok; a sentence runs to the start of the next, less trailing white space, so
every character that is not white space belongs to exactly one sentence whatever
syntok leaves out of its tokens.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise


@dataclass(frozen=True)
class Sentence:
    """A sentence and its place in the document, in code points."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences, trimmed of surrounding white space, with offsets.

    A new list each call (callers may change it); the split behind it is cached."""
    return list(_split_cached(text))


@lru_cache(maxsize=16)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    """The split of a whole text, kept for the last few texts: the inspector, the reader
    and the brief ask about the same documents again and again, and a long one costs
    about a second per million characters to split."""
    return tuple(_split_lines(text, 0, len(text)))


def _split_lines(text: str, first: int, last: int) -> list[Sentence]:
    """The sentences of the lines from offset `first` (a line's start) to `last` (a
    line's end or the text's end)."""
    sentences: list[Sentence] = []
    line_start = first
    while line_start <= last:
        line_end = text.find("\n", line_start, last)
        if line_end == -1:
            line_end = last
        sentences.extend(_shifted(_line_sentences(text[line_start:line_end]), line_start))
        line_start = line_end + 1
    return sentences


def _shifted(sentences: Iterable[Sentence], by: int) -> list[Sentence]:
    return [Sentence(s.start + by, s.end + by, s.text) for s in sentences]


@lru_cache(maxsize=256)
def _line_sentences(line: str) -> tuple[Sentence, ...]:
    """The sentences of one line (no line break in it), offsets from the line's start.
    Cached too: a brief asks for the sentence of each quote, and quotes share lines."""
    # Imported here: syntok and its regex module take 20 ms to load, which starting the
    # app should not wait for.
    from syntok import segmenter

    body = len(line) - len(line.lstrip())
    if body == len(line):
        return ()
    starts = [body]
    for paragraph in segmenter.analyze(line):
        for tokens in paragraph:
            # syntok ends a sentence at a semicolon before a capital ("… in Washington;
            # New Delhi rejects …", a headline); in English a semicolon joins clauses.
            if (
                tokens
                and tokens[0].offset > starts[-1]
                and not line[: tokens[0].offset].rstrip().endswith(";")
            ):
                starts.append(tokens[0].offset)
    starts.append(len(line))
    sentences: list[Sentence] = []
    for begin, stop in pairwise(starts):
        chunk = line[begin:stop].rstrip()
        if chunk:
            sentences.append(Sentence(begin, begin + len(chunk), chunk))
    return tuple(sentences)


LONG_LINE = 20_000
"""A line longer than this (code points) is split only near the offset `sentence_at` is
asked about, LONG_LINE // 2 either side: a text with no line breaks and no full stops
would otherwise be split whole (2 MB took syntok about 2.5 s) to show 300 characters
around a quote. A "sentence" longer than that window is cut at its edges; real
sentences are far shorter, and `quote_context` shows at most CONTEXT of it anyway."""


def sentence_at(text: str, offset: int, sentences: list[Sentence] | None = None) -> Sentence | None:
    """The sentence that contains the code point at `offset`, if any. `sentences`, if
    given, is `split_sentences(text)` already done; without it only the line holding
    `offset` is split (see LONG_LINE), which for one quote is much less work."""
    if sentences is None:
        if not 0 <= offset < len(text):
            return None
        first = text.rfind("\n", 0, offset) + 1
        last = text.find("\n", offset)
        last = len(text) if last == -1 else last
        if last - first > LONG_LINE:
            first = max(first, offset - LONG_LINE // 2)
            last = min(last, offset + LONG_LINE // 2)
        found = _containing(_line_sentences(text[first:last]), offset - first)
        return None if found is None else _shifted([found], first)[0]
    return _containing(sentences, offset)


def _containing(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    index = bisect_right([s.start for s in sentences], offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None


CONTEXT = 300
"""Characters of the surrounding sentence shown on each side of a quote: in a text with
no full stops the "sentence" is the whole document (a 2 MB one took the inspector 4 s
to lay out)."""


@dataclass(frozen=True)
class QuoteContext:
    """The text either side of a quote within its sentence, cut to CONTEXT characters."""

    before: str
    after: str
    cut_before: bool
    cut_after: bool


def quote_context(
    text: str, start: int, end: int, sentences: list[Sentence] | None = None
) -> QuoteContext | None:
    """What surrounds text[start:end] in its sentence; None if the quote is the sentence.
    `sentences` as for `sentence_at`."""
    sentence = sentence_at(text, start, sentences)
    if sentence is None or (sentence.start, sentence.end) == (start, end):
        return None
    sentence_end = max(sentence.end, end)
    first = max(sentence.start, start - CONTEXT)
    last = min(sentence_end, end + CONTEXT)
    return QuoteContext(
        text[first:start], text[end:last], first > sentence.start, last < sentence_end
    )

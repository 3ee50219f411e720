"""Sentence boundaries of a source document.

Provenance is checked sentence by sentence (every sentence must be cited or
explained) and the inspector shows the sentence around a quote, so both need
the same, deterministic idea of where a sentence starts and ends. News text
is simple enough for a rule: a sentence ends at . ! or ? followed by white
space and a capital or an opening quote, or at a line break (headlines have no
full stop). "U.S." inside a sentence is followed by a lower-case word or a comma
and so does not end one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"'\u2018])|\n+")


@dataclass(frozen=True)
class Sentence:
    """A sentence and its place in the document, in code points."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences, trimmed of surrounding white space, with offsets."""
    sentences: list[Sentence] = []
    position = 0
    for boundary in [*_BOUNDARY.finditer(text), None]:
        stop = boundary.start() if boundary else len(text)
        chunk = text[position:stop]
        stripped = chunk.strip()
        if stripped:
            start = position + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(start, start + len(stripped), stripped))
        position = boundary.end() if boundary else len(text)
    return sentences


def sentence_at(text: str, offset: int, sentences: list[Sentence] | None = None) -> Sentence | None:
    """The sentence that contains the code point at `offset`, if any. `sentences`, if
    given, is `split_sentences(text)` already done: a document quoted many times (a
    brief) is split once, not once a quote."""
    for sentence in split_sentences(text) if sentences is None else sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
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

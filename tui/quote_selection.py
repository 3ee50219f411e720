"""A quote chosen from the keyboard: a sentence at a time, then a word at a time.

The reader starts a selection on a whole sentence (`v`) and then moves its ends. The
keys follow vim's words: `w` moves forward a word and `b` back a word; lower case
moves the end of the quote, upper case its start. So `w` widens the quote by the next
word (across a sentence boundary too: a quote may span two sentences), `b` narrows it
by its last word, `B` widens it by the word before it and `W` narrows it by its first.
In the reader `j`/`k` widen and narrow the end by a sentence.

A word is a run of non-space characters, so a selection always starts and ends on
one: it never begins or ends with white space, and it never shrinks below one word.
Everything here is pure: each move returns a new selection (or the same one when it
cannot move), which the tests drive with any sequence of keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.cells import cell_len, set_cell_size

from store.plain_text import one_line

_WORD = re.compile(r"\S+")


class Span(Protocol):
    """Anything with a start and an end offset: a sentence, as the store gives it."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class QuoteSelection:
    """text[start:end] of a document, in code points, with the quote itself."""

    document_id: str
    start: int
    end: int
    quote: str

    @classmethod
    def over(cls, document_id: str, text: str, start: int, end: int) -> QuoteSelection | None:
        """The words of text[start:end] (white space at either end left out), or None if
        it holds no word."""
        first = _WORD.search(text, max(0, start), max(0, end))
        if first is None:
            return None
        last = end
        while last > first.start() and text[last - 1].isspace():
            last -= 1
        return cls._of(document_id, text, first.start(), last)

    @classmethod
    def _of(cls, document_id: str, text: str, start: int, end: int) -> QuoteSelection:
        return cls(document_id, start, end, text[start:end])

    def _with(self, text: str, start: int, end: int) -> QuoteSelection:
        if (start, end) == (self.start, self.end):
            return self
        return self._of(self.document_id, text, start, end)

    # The end (w, b) ----------------------------------------------------------

    def widen_end(self, text: str) -> QuoteSelection:
        """`w`: the end moves to the end of the next word (or of the word it is inside)."""
        word = _WORD.search(text, self.end)
        return self if word is None else self._with(text, self.start, word.end())

    def narrow_end(self, text: str) -> QuoteSelection:
        """`b`: the last word leaves the quote, unless it is the only one."""
        end = _skip_back(text, self.end, self.start, space=False)
        end = _skip_back(text, end, self.start, space=True)
        return self if end <= self.start else self._with(text, self.start, end)

    # The start (W, B) --------------------------------------------------------

    def narrow_start(self, text: str) -> QuoteSelection:
        """`W`: the first word leaves the quote, unless it is the only one."""
        start = _skip_forward(text, self.start, self.end, space=False)
        start = _skip_forward(text, start, self.end, space=True)
        return self if start >= self.end else self._with(text, start, self.end)

    def widen_start(self, text: str) -> QuoteSelection:
        """`B`: the start moves to the start of the word before it (or of the word it is
        inside)."""
        start = _skip_back(text, self.start, 0, space=True)
        if start == 0:
            return self  # nothing but white space before the quote
        return self._with(text, _skip_back(text, start, 0, space=False), self.end)

    # By sentence (j, k) ------------------------------------------------------

    def widen_sentence(self, text: str, sentences: Sequence[Span]) -> QuoteSelection:
        """`j`: the end moves to the end of its sentence, or of the next one if it is
        there already."""
        for sentence in sentences:
            if sentence.end > self.end:
                widened = QuoteSelection.over(self.document_id, text, self.start, sentence.end)
                if widened is not None and widened.end > self.end:
                    return widened
        return self

    def narrow_sentence(self, text: str, sentences: Sequence[Span]) -> QuoteSelection:
        """`k`: the end moves back to the end of the sentence before the one it ends in,
        if the quote still holds a word; otherwise it stays."""
        for sentence in reversed(sentences):
            if self.start < sentence.end < self.end:
                narrowed = QuoteSelection.over(self.document_id, text, self.start, sentence.end)
                if narrowed is not None:
                    return narrowed
        return self

    # Shown -------------------------------------------------------------------

    def status(self, width: int) -> str:
        """'“…quote…” (123 chars, 456–579)' in at most `width` cells: the middle of a
        long quote gives way, since its first and last words are what the analyst
        is choosing. Typographic marks wrap it because a quote often holds ASCII
        ones itself ("weaponising water"), which the wrapping must not be read as."""
        tail = f" ({len(self.quote)} chars, {self.start}–{self.end})"
        room = max(3, width - cell_len(tail) - 2)
        return f"“{middle_cut(one_line(self.quote), room)}”{tail}"


def middle_cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, its middle replaced by "…" if it is longer. Only
    the ends are measured, so a quote of megabytes costs what a short one does."""
    if width <= 0:
        return ""
    head_source, tail_source = text[: 2 * width], text[-2 * width :]
    if len(text) <= 4 * width and cell_len(text) <= width:
        return text
    if width == 1:
        return "…"
    head = set_cell_size(head_source, width // 2).rstrip()
    tail = _last_cells(tail_source, width - 1 - cell_len(head)).lstrip()
    return f"{head}…{tail}"


def _last_cells(text: str, cells: int) -> str:
    """The longest end of `text` that fits in `cells` cells."""
    taken = 0
    index = len(text)
    while index > 0 and taken + cell_len(text[index - 1]) <= cells:
        index -= 1
        taken += cell_len(text[index])
    return text[index:]


def _skip_back(text: str, index: int, floor: int, *, space: bool) -> int:
    """Move `index` back over white space (or over non-space), not below `floor`."""
    while index > floor and text[index - 1].isspace() == space:
        index -= 1
    return index


def _skip_forward(text: str, index: int, ceiling: int, *, space: bool) -> int:
    """Move `index` forward over white space (or over non-space), not past `ceiling`."""
    while index < ceiling and text[index].isspace() == space:
        index += 1
    return index

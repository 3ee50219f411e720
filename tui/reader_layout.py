"""The reader's text laid out: each sentence wrapped to a width, every piece with its offsets.

Each sentence starts on a line of its own, so every line belongs to one sentence and a
gutter can say how many positions cite it; a blank line stands where the document has
a line break between two sentences (a headline, a paragraph). A line is a row of
pieces, words and the gaps between them, each knowing the code points [start, end) of
the document it shows, which is how the reader paints a selection exactly over the
words chosen. A gap of any white space (a line break inside a sentence too) shows as
one space, and none at the end of a line.

Words are shown through `one_line`, so text from the data can never move the cursor
or reorder the line; a word wider than the line is cut into pieces that fit.

The gutter never relies on colour (NO_COLOR): a cited sentence shows its count and a
solid bar, an uncited one a dot and a dotted bar (on every one of its lines, so a long
uncited sentence is visible from its side), and the cursor's sentence an arrowhead and
a heavy bar.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from store.plain_text import one_line

from .quote_selection import Span

_WORD = re.compile(r"\S+")

GUTTER = 6
"""Cells before the text: cursor mark, count (3), bar, space."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Code points [start, end) of the document, as shown: a word, or the one space that
    stands for the white space between two words."""

    start: int
    end: int
    shown: str


@dataclass(frozen=True, slots=True)
class ReaderLine:
    sentence: int | None
    """The sentence's index, None for a blank line between two."""
    first: bool
    """Whether this is the sentence's first line (where its count is shown)."""
    start: int = 0
    end: int = 0
    """The code points the line shows: from its first word's start to its last word's end."""

    def pieces(self, text: str) -> list[Piece]:
        """What the line shows, piece by piece (worked out when the line is drawn)."""
        pieces: list[Piece] = []
        position = self.start
        for match in _WORD.finditer(text, self.start, self.end):
            if match.start() > position:
                pieces.append(Piece(position, match.start(), " "))
            pieces.append(Piece(match.start(), match.end(), _shown(match.group())))
            position = match.end()
        return pieces


@dataclass(frozen=True)
class Layout:
    lines: list[ReaderLine]
    first_line: list[int]
    """For each sentence, the index of its first line."""
    width: int

    def last_line(self, sentence: int) -> int:
        """The index of the sentence's last line."""
        following = self.first_line[sentence + 1] if sentence + 1 < len(self.first_line) else None
        last = (len(self.lines) if following is None else following) - 1
        while self.lines[last].sentence != sentence:  # a blank line before the next
            last -= 1
        return last

    def line_of(self, sentence: int, offset: int) -> int:
        """The line of the sentence that shows the code point at `offset` (or the nearest)."""
        first, last = self.first_line[sentence], self.last_line(sentence)
        starts = [self.lines[index].start for index in range(first, last + 1)]
        return first + max(0, bisect_right(starts, offset) - 1)


def lay_out(text: str, sentences: Sequence[Span], width: int) -> Layout:
    """Every sentence wrapped to `width` cells (the text column, without the gutter)."""
    width = max(1, width)
    lines: list[ReaderLine] = []
    first_line: list[int] = []
    previous_end: int | None = None
    for index, sentence in enumerate(sentences):
        if previous_end is not None and "\n" in text[previous_end : sentence.start]:
            lines.append(ReaderLine(None, False))
        first_line.append(len(lines))
        spans = wrap(text, sentence.start, sentence.end, width) or [(sentence.start,) * 2]
        lines.extend(
            ReaderLine(index, row == 0, begin, end) for row, (begin, end) in enumerate(spans)
        )
        previous_end = sentence.end
    return Layout(lines, first_line, width)


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """The lines of text[start:end] at most `width` cells wide, greedily, word by word,
    as (start, end) offsets. Plain ASCII with single spaces (most news text), where a
    character is a cell and what is shown is what is stored, is cut at the last space
    that fits, found by `str.rfind`: a 2 MB text lays out in milliseconds."""
    chunk = text[start:end]
    if chunk.isascii() and chunk.isprintable() and "  " not in chunk:
        return _wrap_plain(text, start, end, width)
    return _wrap_words(text, start, end, width)


def _wrap_plain(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    position = start
    while position < end:
        if end - position <= width:
            lines.append((position, end))
            break
        cut = text.rfind(" ", position, position + width + 1)
        if cut <= position:  # one word wider than the line
            lines.append((position, position + width))
            position += width
            position += text.startswith(" ", position)  # the word ended exactly there
            continue
        lines.append((position, cut))
        position = cut + 1
    return lines


def _wrap_words(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start, line_end, used = -1, -1, 0
    for match in _WORD.finditer(text, start, end):
        word_start, word_end = match.span()
        cells = cell_len(_shown(match.group()))
        if line_start >= 0 and used + 1 + cells <= width:
            line_end, used = word_end, used + 1 + cells
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        if cells <= width:
            line_start, line_end, used = word_start, word_end, cells
            continue
        cuts = _cut(match.group(), word_start, width)
        lines.extend(cuts[:-1])
        line_start, line_end = cuts[-1]
        used = cell_len(_shown(text[line_start:line_end]))
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


def _cut(word: str, offset: int, width: int) -> list[tuple[int, int]]:
    """A word wider than the line, in pieces of at most `width` cells."""
    pieces: list[tuple[int, int]] = []
    begin, used = 0, 0
    for index, ch in enumerate(word):
        cells = cell_len(_shown(ch))
        if used + cells > width and index > begin:
            pieces.append((offset + begin, offset + index))
            begin, used = index, 0
        used += cells
    pieces.append((offset + begin, offset + len(word)))
    return pieces


def _shown(word: str) -> str:
    """A word (or part of one) as the reader shows it: never a control, never a reordering."""
    return one_line(word)


def gutter(count: int | None, first: bool, cursor: bool) -> str:
    """The GUTTER cells before a line of a sentence cited by `count` positions (None: a
    blank line between sentences)."""
    if count is None:
        return " " * GUTTER
    mark = "▶" if cursor and first else " "
    if not first:
        number = "   "
    elif count == 0:
        number = "  ·"
    else:
        number = f"{count:>3}" if count < 1000 else "1k+"
    bars = ("┊", "┇") if count == 0 else ("│", "┃")  # dotted: uncited; heavy: the cursor
    bar = bars[cursor]
    return f"{mark}{number}{bar} "

"""The reader's layout: sentences wrapped to any width, every piece knowing its offsets."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from store.plain_text import one_line
from store.sentences import split_sentences
from tui.reader_layout import GUTTER, _wrap_plain, _wrap_words, gutter, lay_out, wrap

TEXT = (
    "Headline without a stop\n\n"
    "The ministry said on Tuesday that the treaty stays suspended. "
    "Islamabad called it \u202eevil\u202c and an act of war, its spokesman said.\n"
    "A last, short one."
)


def shown(line, text: str) -> str:
    return "".join(piece.shown for piece in line.pieces(text))


def test_every_line_fits_and_every_word_is_shown_once_in_order():
    sentences = split_sentences(TEXT)
    for width in (1, 5, 12, 30, 74):
        layout = lay_out(TEXT, sentences, width)
        for line in layout.lines:
            # One character wider than the line (⟨RLO⟩ in one cell) has nowhere to go.
            assert cell_len(shown(line, TEXT)) <= width or line.end - line.start == 1
        for index, sentence in enumerate(sentences):
            lines = layout.lines[layout.first_line[index] : layout.last_line(index) + 1]
            assert lines[0].first and not any(line.first for line in lines[1:])
            assert {line.sentence for line in lines} == {index}
            words = "".join(piece.shown for line in lines for piece in line.pieces(TEXT))
            assert words.replace(" ", "") == one_line(sentence.text).replace(" ", "")


def test_a_line_break_between_sentences_is_a_blank_line():
    layout = lay_out(TEXT, split_sentences(TEXT), 74)
    blanks = [i for i, line in enumerate(layout.lines) if line.sentence is None]
    assert blanks and all(layout.lines[i - 1].sentence is not None for i in blanks)
    assert layout.lines[blanks[0] + 1].sentence == 1


def test_bidi_controls_are_named_not_obeyed():
    layout = lay_out(TEXT, split_sentences(TEXT), 74)
    drawn = "".join(shown(line, TEXT) for line in layout.lines)
    assert "\u202e" not in drawn and "⟨RLO⟩" in drawn


def test_pieces_point_at_what_they_show():
    layout = lay_out(TEXT, split_sentences(TEXT), 20)
    for line in layout.lines:
        for piece in line.pieces(TEXT):
            original = TEXT[piece.start : piece.end]
            assert piece.shown == (" " if original.isspace() else one_line(original))


def test_line_of_finds_the_line_showing_an_offset():
    sentences = split_sentences(TEXT)
    layout = lay_out(TEXT, sentences, 12)
    for index, sentence in enumerate(sentences):
        for offset in range(sentence.start, sentence.end):
            line = layout.lines[layout.line_of(index, offset)]
            assert line.sentence == index
            assert line.start <= offset or line.first


def test_a_word_wider_than_the_line_is_cut():
    text = "a " + "x" * 25 + " b"
    lines = [(0, 1), (2, 12), (12, 22), (22, 29)]  # the word's end shares a line with "b"
    assert wrap(text, 0, len(text), 10) == lines
    assert _wrap_words(text, 0, len(text), 10) == lines


plain = st.lists(st.text(alphabet="abcdefghij.,", min_size=1, max_size=15), min_size=1).map(
    " ".join
)


@given(plain, st.integers(1, 40))
def test_the_fast_path_wraps_like_the_word_path_where_no_word_is_cut(text, width):
    assert _wrap_plain(text, 0, len(text), width) == _wrap_words(text, 0, len(text), width)


def test_the_gutter_marks_counts_uncited_and_the_cursor_without_colour():
    assert gutter(2, True, False) == "   2│ "
    assert gutter(2, False, False) == "    │ "
    assert gutter(0, True, False) == "   ·┊ "
    assert gutter(0, False, False) == "    ┊ "
    assert gutter(1, True, True) == "▶  1┃ "
    assert gutter(0, True, True) == "▶  ·┇ "
    assert gutter(None, False, False) == " " * GUTTER
    assert gutter(12345, True, False) == " 1k+│ "
    assert all(len(gutter(n, True, c)) == GUTTER for n in (0, 9, 99, 999, 1000) for c in (0, 1))


def test_two_megabytes_without_a_full_stop_lay_out_quickly():
    text = "word " * 200_000 + "the quote here " + "more " * 200_000
    sentences = split_sentences(text)
    started = time.perf_counter()
    layout = lay_out(text, sentences, 74)
    assert time.perf_counter() - started < 1.0
    assert len(layout.lines) > 20_000

"""Sentence boundaries (store/sentences.py): syntok's, line by line, in code points."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.sentences import LONG_LINE, quote_context, sentence_at, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The U.S. President spoke. He met Mr. Sharif in Washington D.C. on Monday.",
            ["The U.S. President spoke.", "He met Mr. Sharif in Washington D.C. on Monday."],
        ),
        (
            "Gen. Asim Munir met J. D. Vance. The meeting lasted two hours.",
            ["Gen. Asim Munir met J. D. Vance.", "The meeting lasted two hours."],
        ),
        (
            "Dr. Rao and Mrs. Khan met at 10 a.m. on Friday. Both spoke.",
            ["Dr. Rao and Mrs. Khan met at 10 a.m. on Friday.", "Both spoke."],
        ),
        (
            "He said: “We will not talk.” The minister denied it.",
            ["He said: “We will not talk.”", "The minister denied it."],
        ),
    ],
    ids=["us-and-mr", "initials", "titles-and-times", "closing-quote"],
)
def test_abbreviations_and_initials_stay_inside_their_sentence(text: str, expected: list[str]):
    assert texts(text) == expected


def test_a_line_break_ends_a_sentence_and_blank_lines_are_no_sentence():
    text = "Headline without a full stop\n\n  First sentence. Second one.  \n"
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "Headline without a full stop",
        "First sentence.",
        "Second one.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_offsets_are_code_points():
    text = "“Ceasefire” holds — ✌️ says the U.S. envoy. Talks resume on Monday."
    second = split_sentences(text)[1]
    assert second.text == "Talks resume on Monday."
    assert second.start == text.index("Talks")


def test_a_new_list_each_time_though_the_split_is_cached():
    text = "One sentence here. Another one there."
    first = split_sentences(text)
    first.clear()
    assert len(split_sentences(text)) == 2


@settings(max_examples=300)
@given(st.text(alphabet=string.ascii_letters[:6] + "AB.!?” “\n '-.U.S", max_size=200))
def test_every_character_but_white_space_is_in_exactly_one_trimmed_sentence(text: str):
    found = split_sentences(text)
    covered = [False] * len(text)
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
        covered[sentence.start : sentence.end] = [True] * (sentence.end - sentence.start)
        previous_end = sentence.end
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


@settings(max_examples=200)
@given(st.text(alphabet="ab. ?\nAB", max_size=120), st.data())
def test_sentence_at_agrees_with_the_whole_split_with_or_without_it(text: str, data):
    whole = split_sentences(text)
    offset = data.draw(st.integers(min_value=-1, max_value=len(text)))
    expected = next((s for s in whole if s.start <= offset < s.end), None)
    assert sentence_at(text, offset, whole) == expected
    assert sentence_at(text, offset) == expected


def test_a_line_longer_than_long_line_is_split_only_near_the_offset():
    """A text with no full stop is one 2 MB "sentence"; the inspector needs 300
    characters around the quote, not the whole of it split."""
    text = "word " * 200_000 + "Here. The quote here " + "more " * 200_000
    start = text.index("The quote here")
    sentence = sentence_at(text, start)
    assert sentence is not None and sentence.start == start
    assert sentence.end - sentence.start <= LONG_LINE // 2
    context = quote_context(text, start, start + len("The quote here"))
    assert context is not None and context.before == "" and context.cut_after


def test_a_semicolon_does_not_end_a_sentence():
    """syntok splits "…in Washington; New Delhi rejects…" (a headline a new user added);
    a semicolon joins two clauses of one sentence."""
    text = 'Delegation presses case in Washington; New Delhi rejects "water war" charge\nNext.'
    assert [s.text for s in split_sentences(text)] == [
        'Delegation presses case in Washington; New Delhi rejects "water war" charge',
        "Next.",
    ]

"""Finding a quote by its words (store/anchoring.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import ImportRejected
from store.anchoring import CONTEXT, Anchor, anchor, context_of, occurrences

TEXT = (
    "The minister said the talks would resume. Later the minister said the talks had "
    "failed. On Friday the minister said nothing at all about the talks."
)
TALKS = occurrences(TEXT, "the talks")  # 18, 66, 137


def refusal(text: str, quote: str, **options) -> str:
    with pytest.raises(ImportRejected) as caught:
        anchor(text, quote, **options)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_quote_that_occurs_once_is_found_with_its_context():
    found = anchor(TEXT, "would resume")
    start = TEXT.index("would resume")
    assert found == Anchor(start, start + 12, TEXT[:start], TEXT[start + 12 : start + 44])
    assert (found.prefix, found.suffix) == context_of(TEXT, found.start, found.end)


def test_context_is_32_code_points_as_the_hypothesis_client_keeps_and_fewer_at_the_ends():
    assert CONTEXT == 32
    assert context_of("abc“def”ghi", 3, 8) == ("abc", "ghi")
    text = "x" * 40 + "QUOTE" + "y" * 40
    assert context_of(text, 40, 45) == ("x" * 32, "y" * 32)


def test_several_occurrences_and_no_hint_is_an_error_that_lists_them_numbered():
    message = refusal(TEXT, "the talks")
    first, second, third = TALKS
    assert message.startswith(
        f'the quote "the talks" occurs 3 times in the document: 1) at {first} '
        '"The minister said the talks would resume. Later…", '
    )
    assert f"2) at {second} " in message
    assert f'3) at {third} "…othing at all about the talks."; give --occurrence N' in message
    assert "--occurrence N" in message


def test_a_long_list_of_occurrences_names_five_and_counts_the_rest():
    message = refusal("ab " * 9, "ab", name="document d1")
    assert "occurs 9 times in document d1" in message
    assert "5) at 12 " in message and "6)" not in message and "and 4 more" in message


@pytest.mark.parametrize("number", [1, 2, 3])
def test_occurrence_picks_one_counting_from_one(number: int):
    assert anchor(TEXT, "the talks", occurrence=number).start == TALKS[number - 1]


@pytest.mark.parametrize("number", [0, 4, -1])
def test_an_occurrence_out_of_range_is_an_error(number: int):
    message = refusal(TEXT, "the talks", occurrence=number)
    assert f"occurs 3 times in the document, so there is no occurrence {number}" in message
    assert "from 1 to 3" in message


def test_overlapping_occurrences_count():
    assert occurrences("aaaa", "aa") == [0, 1, 2]
    assert anchor("aaaa", "aa", occurrence=2) == Anchor(1, 3, "a", "a")


def test_prefix_and_suffix_pick_the_occurrence_they_surround():
    assert anchor(TEXT, "the talks", suffix=" had failed").start == TALKS[1]
    assert anchor(TEXT, "the talks", prefix="Later the minister said ").start == TALKS[1]
    assert anchor(TEXT, "the talks", prefix="about ", suffix=".").start == TALKS[2]


def test_a_context_typed_a_little_differently_still_picks_the_clearly_closest():
    assert anchor(TEXT, "the talks", prefix="Later  the minster said ").start == TALKS[1]


def test_a_context_that_fits_none_well_leaves_it_ambiguous():
    message = refusal(TEXT, "the talks", suffix="zzzzzzzzzz")
    assert "occurs 3 times" in message


def test_a_context_that_fits_two_equally_says_so():
    text = "A said yes. B said no. A said yes. C said yes."
    message = refusal(text, "said yes", prefix="A ")
    assert "the context given fits 2 of them equally: 1) at 2 " in message
    assert "2) at 25 " in message and "3)" not in message


def test_near_breaks_a_tie_and_an_equal_distance_does_not():
    assert anchor(TEXT, "the talks", near=TALKS[1] + 4).start == TALKS[1]
    assert anchor(TEXT, "the talks", near=0).start == TALKS[0]
    assert anchor("ab  ab", "ab", near=1).start == 0
    assert "occurs twice" in refusal("ab  ab", "ab", near=2)


def test_a_quote_that_does_not_occur_says_so():
    message = refusal(TEXT, "the treaty")
    assert message == (
        'the quote "the treaty" does not occur in the document; copy its exact words'
    )


@pytest.mark.parametrize(
    "pasted, stored",
    [
        ("the  Minister said\nthe talks", "the minister said the talks"),
        ("minister's statement", "minister’s statement"),
        ("a cease-fire", "a cease–fire"),
        ('"Never," he said', "“Never,” he said"),
    ],
)
def test_a_quote_that_differs_in_spaces_case_quote_marks_or_dashes_says_where_it_is(
    pasted: str, stored: str
):
    text = f"Earlier text. Then {stored} and more."
    message = refusal(text, pasted, name="document d7")
    assert "does not occur in document d7 as given" in message
    assert f'it does at {text.index(stored)}: "{stored}"' in message


def test_an_empty_quote_is_an_error():
    assert refusal(TEXT, "") == "the quote is empty; give the exact words to find"


def test_a_long_quote_is_cut_in_messages():
    quote = "word " * 50
    message = refusal("nothing here", quote)
    assert len(message) < 200


# Few letters, so that the same words recur, often with the same surroundings.
SMALL_TEXTS = st.text(alphabet="ab \n", min_size=1, max_size=80)


@settings(max_examples=500)
@given(SMALL_TEXTS, st.data())
def test_a_selection_anchored_by_its_words_and_context_is_found_again_unless_it_repeats(
    text: str, data
):
    """The exact promise: a selection, looked up by its words with the context that
    context_of gives, comes back at the same place whenever no other occurrence of the
    same words has that same prefix before it and suffix after it; if one does, the
    lookup is refused, never answered with the wrong place."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    prefix, suffix = context_of(text, start, end)
    same_context = [
        s
        for s in occurrences(text, quote)
        if text[max(0, s - len(prefix)) : s] == prefix
        and text[s + len(quote) : s + len(quote) + len(suffix)] == suffix
    ]
    assert start in same_context
    if len(same_context) == 1:
        assert anchor(text, quote, prefix=prefix, suffix=suffix) == Anchor(
            start, end, prefix, suffix
        )
    else:
        with pytest.raises(ImportRejected, match="occurs"):
            anchor(text, quote, prefix=prefix, suffix=suffix)


@settings(max_examples=300)
@given(SMALL_TEXTS, st.data())
def test_every_occurrence_can_be_picked_by_its_number(text: str, data):
    start = data.draw(st.integers(0, len(text) - 1))
    quote = text[start : data.draw(st.integers(start + 1, len(text)))]
    starts = occurrences(text, quote)
    assert starts == [i for i in range(len(text)) if text.startswith(quote, i)]
    for number, expected in enumerate(starts, 1):
        found = anchor(text, quote, occurrence=number)
        assert (found.start, text[found.start : found.end]) == (expected, quote)

"""The keyboard's quote selection, as pure functions: each key, then any sequence of keys."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.sentences import split_sentences
from tui.quote_selection import QuoteSelection, middle_cut

TEXT = "India suspends the treaty.  Pakistan calls it an act of war.\nThe U.S. offers talks."
SENTENCES = split_sentences(TEXT)


def on(words: str) -> QuoteSelection:
    start = TEXT.index(words)
    selection = QuoteSelection.over("doc", TEXT, start, start + len(words))
    assert selection is not None
    return selection


def test_a_sentence_selected_is_the_sentence_without_white_space():
    gap = TEXT.index("  ")
    end = TEXT.index("\n") + 1
    selection = QuoteSelection.over("doc", TEXT, gap, end)  # white space at both ends
    assert selection is not None
    assert selection.quote == "Pakistan calls it an act of war."
    assert selection.quote == TEXT[selection.start : selection.end]
    assert QuoteSelection.over("doc", TEXT, gap, gap + 2) is None  # only white space


def test_w_adds_the_next_word_and_b_takes_it_away():
    selection = on("India suspends")
    assert selection.widen_end(TEXT).quote == "India suspends the"
    assert selection.widen_end(TEXT).widen_end(TEXT).narrow_end(TEXT).quote == "India suspends the"
    assert selection.narrow_end(TEXT).quote == "India"


def test_b_never_leaves_less_than_one_word():
    selection = on("India")
    assert selection.narrow_end(TEXT) is selection
    assert selection.narrow_start(TEXT) is selection


def test_w_crosses_into_the_next_sentence():
    selection = on("India suspends the treaty.")
    assert selection.widen_end(TEXT).quote == "India suspends the treaty.  Pakistan"


def test_w_at_the_end_of_the_text_stays():
    selection = on("talks.")
    assert selection.widen_end(TEXT) is selection


def test_B_and_W_move_the_start():
    selection = on("calls it")
    assert selection.widen_start(TEXT).quote == "Pakistan calls it"
    assert selection.widen_start(TEXT).widen_start(TEXT).quote == "treaty.  Pakistan calls it"
    assert selection.narrow_start(TEXT).quote == "it"
    assert on("India").widen_start(TEXT) == on("India")  # nothing before it


def test_j_and_k_move_the_end_a_sentence():
    selection = on("India suspends")
    whole = selection.widen_sentence(TEXT, SENTENCES)
    assert whole.quote == "India suspends the treaty."
    two = whole.widen_sentence(TEXT, SENTENCES)
    assert two.quote == "India suspends the treaty.  Pakistan calls it an act of war."
    assert two.narrow_sentence(TEXT, SENTENCES) == whole
    assert whole.narrow_sentence(TEXT, SENTENCES) is whole  # would leave nothing
    last = on("offers")
    assert last.widen_sentence(TEXT, SENTENCES).quote == "offers talks."
    assert last.widen_sentence(TEXT, SENTENCES).widen_sentence(TEXT, SENTENCES).end == len(TEXT)


def test_the_status_line_gives_the_quote_its_length_and_offsets():
    selection = on("Pakistan calls it")
    assert (
        selection.status(80) == f"“Pakistan calls it” (17 chars, {selection.start}–{selection.end})"
    )
    long = QuoteSelection.over("doc", TEXT, 0, len(TEXT))
    assert long is not None
    line = long.status(40)
    assert (
        line.startswith("“India")
        and "…" in line
        and line.endswith(f"({len(TEXT)} chars, 0–{len(TEXT)})")
    )
    assert len(line) <= 40
    assert "\n" not in line


def test_the_status_line_wraps_a_quote_in_marks_it_cannot_hold_ambiguously():
    text = 'The minister said India was "weaponising water" again.'
    start = text.index("India")
    quote = QuoteSelection.over("doc", text, start, text.index(" again"))
    assert quote is not None and quote.quote == 'India was "weaponising water"'
    line = quote.status(80)
    assert line.startswith('“India was "weaponising water"” (')
    assert line.count("“") == line.count("”") == 1


def test_middle_cut_keeps_both_ends_within_the_width():
    assert middle_cut("abcdefghij", 10) == "abcdefghij"
    assert middle_cut("abcdefghij", 5) == "ab…ij"
    assert middle_cut("abc", 1) == "…"
    assert middle_cut("abc", 0) == ""
    assert middle_cut("x" * 2_000_000, 9) == "xxxx…xxxx"


KEYS = ("w", "b", "W", "B", "j", "k")

words = st.text(
    alphabet=st.sampled_from([*list("abc.,’U"), " ", " ", "\n", "\t", "é", "中"]),
    min_size=1,
    max_size=60,
)


def press(selection: QuoteSelection, key: str, text: str, sentences) -> QuoteSelection:
    return {
        "w": lambda: selection.widen_end(text),
        "b": lambda: selection.narrow_end(text),
        "W": lambda: selection.narrow_start(text),
        "B": lambda: selection.widen_start(text),
        "j": lambda: selection.widen_sentence(text, sentences),
        "k": lambda: selection.narrow_sentence(text, sentences),
    }[key]()


@given(words, st.integers(0, 60), st.lists(st.sampled_from(KEYS), max_size=40))
def test_any_keys_keep_a_whole_quote_inside_the_text(text, where, keys):
    sentences = split_sentences(text)
    if not sentences:
        assert QuoteSelection.over("d", text, 0, len(text)) is None
        return
    sentence = sentences[where % len(sentences)]
    selection = QuoteSelection.over("d", text, sentence.start, sentence.end)
    assert selection is not None
    for key in keys:
        selection = press(selection, key, text, sentences)
        assert 0 <= selection.start < selection.end <= len(text)
        assert selection.quote == text[selection.start : selection.end]
        assert not selection.quote[0].isspace() and not selection.quote[-1].isspace()
        assert selection.document_id == "d"


@given(words, st.lists(st.sampled_from(("w", "b")), max_size=30))
def test_w_then_b_comes_back(text, keys):
    """Each w that moved is undone by a b: the quote is a stack of words."""
    first = QuoteSelection.over("d", text, 0, len(text))
    if first is None:
        return
    word_end = first.start
    while word_end < len(text) and not text[word_end].isspace():
        word_end += 1
    selection = QuoteSelection.over("d", text, first.start, word_end)
    assert selection is not None
    for key in keys:
        moved = press(selection, key, text, [])
        if key == "w" and moved != selection:
            assert moved.narrow_end(text) == selection
        selection = moved

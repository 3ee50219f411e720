"""What the position form's link search says about each match and about how many."""

from __future__ import annotations

import dataclasses

from store import Store
from tui.link_search import ID_WIDTH, count_line, match_line, search_hint, short_id
from tui.row_text import KIND_CODES, short_date


def test_a_short_id_is_kept_and_a_long_one_is_cut_with_a_mark():
    assert short_id("pk-challenges-iwt") == "pk-challenges-iwt"
    long_id = "x" * (ID_WIDTH + 5)
    assert short_id(long_id) == "x" * (ID_WIDTH - 1) + "…"
    assert len(short_id(long_id)) == ID_WIDTH


def test_a_match_says_side_kind_date_id_and_summary_in_that_order(store: Store):
    vocab = store.vocabularies()
    for p in store.positions()[0]:
        line = match_line(p, vocab.side_label).plain
        parts = [
            vocab.side_label(p.side)[:8],
            KIND_CODES[p.kind],
            short_date(p),
            short_id(p.id),
            p.summary,
        ]
        at = [line.index(part) for part in parts]
        assert at == sorted(at), (line, parts)


def test_a_match_line_from_data_is_never_markup(store: Store):
    p = dataclasses.replace(store.positions()[0][0], summary="[bold]not markup[/bold]")
    assert "[bold]not markup[/bold]" in match_line(p, lambda side: "[red]x").plain


def test_the_count_says_how_many_matched_and_how_many_are_listed():
    assert count_line(0, 0) == "no match"
    assert count_line(1, 1) == "1 match"
    assert count_line(9, 9) == "9 matches"
    assert count_line(50, 312) == "50 of 312"


def test_the_hint_asks_for_more_words_only_when_the_list_is_cut():
    assert "type more to narrow" in search_hint(50, 312)
    assert "50 of 312 shown" in search_hint(50, 312)
    assert "narrow" not in search_hint(9, 9)
    assert search_hint(0, 0).startswith("No position matches")

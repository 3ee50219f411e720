"""The document list (`D`) and the reader: coverage as the store counts it, moving by
sentence, jumping to uncited sentences, and selecting a quote from the keyboard.

The seed cites every sentence but one, so the fixture here deletes the positions citing
a few sentences of the longer document: expectations are then read from the store (whose
counts `test_coverage.py` checks independently) and from the text itself.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from textual.screen import Screen
from tui_helpers import assert_terminal_safe, last_notice, screen_lines, uncite, wait_until

from store import Store
from tui.app import CounterpointApp
from tui.quote_selection import QuoteSelection
from tui.screens.document_list_screen import DocumentListScreen, DocumentTable, newest_first
from tui.screens.help_screen import HelpScreen
from tui.screens.reader_screen import ReaderScreen
from tui.screens.timeline_screen import TimelineScreen
from tui.widgets.reader_view import ReaderView

LONGER = "001_8507a9664423090b"
"""The seed document with more sentences."""


@pytest.fixture
def gappy(store: Store) -> Store:
    """The seed with the positions citing sentences 3 and 8 of the longer document gone."""
    assert uncite(store, LONGER, [3, 8])
    return store


async def open_list(pilot) -> DocumentListScreen:
    await pilot.press("D")
    await wait_until(
        pilot,
        lambda: isinstance(pilot.app.screen, DocumentListScreen) and pilot.app.screen.rows,
    )
    return pilot.app.screen


async def open_reader(pilot, document_id: str) -> ReaderScreen:
    screen = await open_list(pilot)
    index = [row.id for row in screen.rows].index(document_id)
    for _ in range(index):
        await pilot.press("j")
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen))
    await pilot.pause()
    return pilot.app.screen


def reader_view(app: CounterpointApp) -> ReaderView:
    return app.screen.query_one(ReaderView)


def status(app: CounterpointApp) -> str:
    return str(app.screen.query_one("#reader-status").render()).strip()


async def test_the_list_shows_each_document_with_the_stores_coverage(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot)
        table = screen.query_one(DocumentTable)
        expected = {s.id: s for s in gappy.document_summaries()}
        assert table.row_count == len(expected) == len(gappy.documents())
        for summary in screen.rows:
            cells = [str(cell) for cell in table.get_row(summary.id)]
            want = expected[summary.id]
            assert cells[0] == want.title
            assert cells[3] == (want.reliability or "-")
            assert cells[4] == str(want.positions)
            assert cells[5] == f"{want.cited}/{want.sentences} {round(100 * want.coverage)}%"
        longer = expected[LONGER]
        assert longer.cited < longer.sentences - 2  # the headline and the two uncited
        assert [row.published for row in screen.rows] == sorted(
            (row.published for row in screen.rows), reverse=True
        )
        assert_terminal_safe(app)
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)


async def test_enter_opens_the_reader_on_that_document(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_reader(pilot, LONGER)
        assert reader.document_id == LONGER
        view = reader_view(app)
        assert view.sentences == gappy.sentence_citations(LONGER)
        lines = assert_terminal_safe(app)
        first = view.sentences[0]
        assert first.text[:40] in "".join(lines)
        title = screen_lines(app)[0]
        cited = sum(1 for s in view.sentences if s.cited_by)
        assert f"{cited}/{len(view.sentences)} sentences cited" in title
        await pilot.press("escape")
        assert isinstance(app.screen, DocumentListScreen)


def slow_counts(store: Store, monkeypatch: pytest.MonkeyPatch, seconds: float = 2.0) -> None:
    """The list's counts take `seconds` to arrive, as on a large corpus: long enough that
    keys typed at once all come before them even on a loaded machine (0.4 s was not: a
    full run saw the rows arrive between two of the keys)."""
    counted = store.document_summaries

    def slowly():
        time.sleep(seconds)
        return counted()

    monkeypatch.setattr(store, "document_summaries", slowly)


async def test_enter_typed_before_the_counts_arrive_opens_the_reader(
    gappy: Store, monkeypatch: pytest.MonkeyPatch
):
    slow_counts(gappy, monkeypatch)
    newest = newest_first(gappy.document_summaries())
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("D", "enter")
        assert isinstance(app.screen, DocumentListScreen) and app.screen.rows is None
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.document_id == newest[0].id


async def test_moves_typed_before_the_counts_arrive_are_kept(
    gappy: Store, monkeypatch: pytest.MonkeyPatch
):
    slow_counts(gappy, monkeypatch)
    newest = newest_first(gappy.document_summaries())
    assert len(newest) >= 2
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("D", "j", "j", "k", "enter", "j")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.document_id == newest[1].id
        await pilot.press("escape")
        table = app.screen.query_one(DocumentTable)
        assert table.cursor_row == 1
        await pilot.press("k")  # once counted, the keys move at once
        assert table.cursor_row == 0


async def test_brackets_jump_between_uncited_sentences(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_reader(pilot, LONGER)
        view = reader_view(app)
        uncited = [i for i, s in enumerate(view.sentences) if not s.cited_by]
        assert len(uncited) >= 3 and 3 in uncited and 8 in uncited
        visited = []
        for _ in uncited:
            if view.cursor == uncited[-1]:
                break
            await pilot.press("right_square_bracket")
            visited.append(view.cursor)
        assert visited == [i for i in uncited if i > 0]
        assert "not cited" in status(app)
        await pilot.press("right_square_bracket")
        assert view.cursor == uncited[-1]
        assert last_notice(app) == "No uncited sentence after this one."
        await pilot.press("left_square_bracket")
        assert view.cursor == uncited[-2]
        cursor_line = next(line for line in screen_lines(app) if line.startswith("▶"))
        assert cursor_line[1:5] == "  ·┇"  # uncited and under the cursor, without colour


async def test_v_w_w_b_selects_the_sentence_and_one_more_word(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, LONGER)
        view = reader_view(app)
        text = gappy.document(LONGER).text
        await pilot.press("j", "j")
        sentence = view.sentences[2]
        await pilot.press("v")
        assert (view.selection.start, view.selection.end) == (sentence.start, sentence.end)
        await pilot.press("w", "w", "b")
        next_word = re.compile(r"\S+").search(text, sentence.end)
        assert view.selection == QuoteSelection(
            LONGER, sentence.start, next_word.end(), text[sentence.start : next_word.end()]
        )
        assert view.cursor == 3  # the cursor follows the end into the next sentence
        quote = view.selection
        assert status(app).endswith(f"({len(quote.quote)} chars, {quote.start}–{quote.end})")
        await pilot.press("b", "b")
        words = sentence.text.split()
        assert view.selection.quote == " ".join(words[:-1])
        await pilot.press("W", "B", "B")
        previous_word = text[: sentence.start].split()[-1]
        assert view.selection.quote == " ".join([previous_word, *words[:-1]])


async def test_the_footer_shows_the_keys_of_both_ends_at_80_columns(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, LONGER)
        footer = screen_lines(app)[-1]
        for shown in ("]", "v", "wb", "WB", "n", "+", "esc", "?"):
            assert shown in footer.split() or any(w.startswith(shown) for w in footer.split())
        assert "end±word" in footer and "start±word" in footer


async def test_a_count_repeats_the_next_move(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_reader(pilot, LONGER)
        view = reader_view(app)
        text = gappy.document(LONGER).text
        await pilot.press("5", "j")
        assert view.cursor == 5
        await pilot.press("0", "k")  # a lone 0 is no count
        assert view.cursor == 4
        await pilot.press("v", "1", "2")
        assert status(app).startswith("12× “")
        await pilot.press("W")
        sentence = view.sentences[4]
        words = sentence.text.split()
        assert len(words) > 12
        assert view.selection.quote == text[view.selection.start : sentence.end]
        assert view.selection.quote.split() == words[12:]
        assert status(app).startswith("“")  # the count is spent
        await pilot.press("3", "B")
        assert view.selection.quote.split() == words[9:]
        await pilot.press("2", "w")
        two_more = view.selection
        await pilot.press("2", "b", "w", "w")
        assert view.selection == two_more
        await pilot.press("9", "9", "9", "W")  # as far as it goes: the last word stays
        assert view.selection.quote.split() == text[: view.selection.end].split()[-1:]
        await pilot.press("4", "escape")
        assert view.selection is None and view.count == 0
        here = view.sentences[view.cursor]
        await pilot.press("3", "v", "w")  # v spends the count: one word, not three
        assert view.selection.quote.split() == [*here.text.split(), text[here.end :].split()[0]]


async def test_j_and_k_while_selecting_move_the_end_by_a_sentence(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, LONGER)
        view = reader_view(app)
        sentences = view.sentences
        await pilot.press("j", "v", "j", "j")
        assert (view.selection.start, view.selection.end) == (sentences[1].start, sentences[3].end)
        assert view.cursor == 3
        await pilot.press("k")
        assert view.selection.end == sentences[2].end


async def test_escape_ends_the_selection_then_closes_the_reader(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_reader(pilot, LONGER)
        view = reader_view(app)
        await pilot.press("v", "w")
        assert view.selection is not None
        await pilot.press("escape")
        assert view.selection is None
        assert app.screen is reader
        assert status(app).startswith(f"Sentence {view.cursor + 1} of")
        await pilot.press("escape")
        assert isinstance(app.screen, DocumentListScreen)


async def test_n_and_plus_hand_the_selection_to_the_opener(gappy: Store):
    calls: list[tuple[QuoteSelection, str]] = []
    text = gappy.document(LONGER).text
    sentences = gappy.sentence_citations(LONGER)
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(
            ReaderScreen(gappy, LONGER, on_quote=lambda sel, use: calls.append((sel, use)))
        )
        await pilot.pause()
        await pilot.press("n")
        assert calls == []
        assert last_notice(app) == "Select a quote first (v)."
        await pilot.press("plus")
        assert calls == []
        await pilot.press("v", "b", "n")
        first = sentences[0]
        end = first.start + len(first.text.rsplit(maxsplit=1)[0])
        chosen = QuoteSelection(LONGER, first.start, end, text[first.start : end])
        assert calls == [(chosen, "new")]
        await pilot.press("plus")
        assert calls == [(chosen, "new"), (chosen, "add")]


class Opener(Screen[None]):
    """What the opener shows over the reader for a quote (the form, a question)."""


async def test_a_quote_coded_meanwhile_ends_the_selection_a_cancelled_one_keeps_it(
    gappy: Store,
):
    """`+` onto a position that already cites the sentence: the sentence's citers stay
    the same, but the quote is new, and that is what ends the selection."""
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = ReaderScreen(gappy, LONGER, on_quote=lambda sel, use: app.push_screen(Opener()))
        app.push_screen(reader)
        await pilot.pause()
        view = reader_view(app)
        await pilot.press("j", "j")
        citer = view.sentences[2].cited_by[0]
        await pilot.press("v", "b", "plus")
        chosen = view.selection
        assert isinstance(app.screen, Opener)
        app.pop_screen()  # cancelled: nothing written
        await pilot.pause()
        assert app.screen is reader and view.selection == chosen
        await pilot.press("plus")
        source = {"document": LONGER, "quote": chosen.quote, "start": chosen.start}
        gappy.add_quote(citer, {**source, "end": chosen.end}, author="alice", origin="app")
        assert view.sentences[2].cited_by == gappy.sentence_citations(LONGER)[2].cited_by
        app.pop_screen()
        await pilot.pause()
        assert view.selection is None
        assert status(app).startswith("Sentence 3 of")
        await pilot.press("j")  # moves, rather than widening the quote just coded
        assert (view.cursor, view.selection) == (3, None)


async def test_saving_the_form_ends_the_selection(gappy: Store):
    from test_position_form import fill_valid

    from tui.screens.position_form_screen import PositionFormScreen

    app = CounterpointApp(gappy, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, LONGER)
        view = reader_view(app)
        await pilot.press("right_square_bracket", "v", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, PositionFormScreen))
        await pilot.press("escape")  # cancelled before anything was typed
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert view.selection is not None
        cursor = view.cursor
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PositionFormScreen))
        await fill_valid(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert view.selection is None
        assert view.sentences[cursor].cited_by
        await pilot.press("j")
        assert (view.cursor, view.selection) == (cursor + 1, None)


async def test_the_list_passes_the_callback_to_the_reader(gappy: Store):
    calls: list[str] = []
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DocumentListScreen(gappy, on_quote=lambda sel, use: calls.append(use)))
        await wait_until(pilot, lambda: app.screen.rows)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("v", "n")
        assert calls == ["new"]


async def test_the_reader_opens_at_an_offset(gappy: Store):
    sentences = gappy.sentence_citations(LONGER)
    target = sentences[20]
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReaderScreen(gappy, LONGER, at=target.start + 5))
        await pilot.pause()
        view = reader_view(app)
        assert view.cursor == 20
        assert target.text[:30] in "".join(screen_lines(app))


async def test_counts_follow_another_process_and_the_list_on_return(
    gappy: Store, seeded_path: Path
):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot)
        before = next(row for row in screen.rows if row.id == LONGER)
        reader = await open_reader_from_list(pilot, LONGER)
        reader._poll_seconds = 0.05
        view = reader_view(app)
        with Store.open(seeded_path) as other:
            victims = uncite(other, LONGER, [5])
        await wait_until(pilot, lambda: not view.sentences[5].cited_by)
        assert all(not set(s.cited_by) & victims for s in view.sentences)
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: (
                next(r for r in app.screen.rows if r.id == LONGER).positions
                == before.positions - len(victims)
            ),
        )


async def open_reader_from_list(pilot, document_id: str) -> ReaderScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DocumentListScreen)
    index = [row.id for row in screen.rows].index(document_id)
    screen.query_one(DocumentTable).move_cursor(row=index)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen))
    return pilot.app.screen


async def test_refresh_counts_reads_the_store_again(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = ReaderScreen(gappy, LONGER, poll_seconds=3600)
        app.push_screen(reader)
        await pilot.pause()
        uncite(gappy, LONGER, [0, 1])
        reader.refresh_counts()
        assert reader_view(app).sentences == gappy.sentence_citations(LONGER)


async def test_the_help_lists_the_reader_keys_first(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, LONGER)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        title, bindings = app.screen.groups[0]
        ids = {binding.id for binding in bindings}
        assert title == "Reader"
        assert {
            "reader.select",
            "reader.widen_end",
            "reader.new_position",
            "reader.add_quote",
        } <= ids


async def test_the_reader_fits_any_width(gappy: Store):
    app = CounterpointApp(gappy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, LONGER)
        for size in ((120, 40), (40, 12), (20, 5), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_terminal_safe(app)
        await pilot.press("G")
        view = reader_view(app)
        assert view.cursor == len(view.sentences) - 1
        assert view.sentences[-1].text.split()[-1] in "".join(screen_lines(app))


async def test_hostile_text_reads_safely_at_every_width(store: Store, tmp_path: Path):
    """Escape sequences, markup, bidi controls and every script, selected and not."""
    from hostile_text import DOC_ID, add_hostile_records

    add_hostile_records(store, tmp_path)
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReaderScreen(store, DOC_ID))
        await pilot.pause()
        view = reader_view(app)
        for size in ((80, 24), (120, 40), (30, 10), (20, 5)):
            await pilot.resize_terminal(*size)
            await pilot.press("g")
            for _ in view.sentences:
                await pilot.press("j")
                assert_terminal_safe(app)
            await pilot.press("v", "w", "w", "B")
            assert_terminal_safe(app)
            quote = view.selection
            assert quote.quote == store.document(DOC_ID).text[quote.start : quote.end]
            await pilot.press("escape")


async def test_two_megabytes_without_a_full_stop_open_and_select(store: Store):
    from edge_records import LONG_DOC_ID, LONG_QUOTE, add_edge_records

    add_edge_records(store)
    text = store.document(LONG_DOC_ID).text
    at = text.index(LONG_QUOTE)
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReaderScreen(store, LONG_DOC_ID, at=at))
        await pilot.pause()
        view = reader_view(app)
        assert view.cursor == view.sentence_at(at)
        await pilot.press("v", "b", "W", "G", "pagedown", "pageup", "g")
        assert_terminal_safe(app)
        assert view.selection.quote == text[view.selection.start : view.selection.end]
        assert len(view.selection.quote) < len(view.sentences[view.cursor].text)


async def test_a_document_without_text_says_so(store: Store):
    store.db.execute(
        "INSERT INTO documents (id, title, outlet, published, text) "
        "VALUES ('blank-doc', 'Blank', NULL, '2025-07-01', '')"
    )
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(ReaderScreen(store, "blank-doc"))
        await pilot.pause()
        await pilot.press("j", "k", "right_square_bracket", "v", "w", "pagedown", "G", "n")
        assert status(app) == "This document has no text."
        assert last_notice(app) == "Select a quote first (v)."
        assert "0/0 sentences cited" in screen_lines(app)[0]
        assert_terminal_safe(app)

"""One document's text, sentence by sentence, with a cursor and a quote selection.

A Line-API `ScrollView`, like the timeline: the text is laid out once per width
(`tui.reader_layout`, offsets only) and each visible line is drawn from it when
asked, with the strips cached. The view owns its cursor (a sentence) and the
selection (`QuoteSelection`), and reports both with one message, `Moved`, whose
`control` is the view. The screen around it hands it the document and the counts
(`show_document`, `update_counts`) and reads the selection when the analyst codes it.

What the keys do: j/k (arrows) move a sentence; `]`/`[` jump to the next / previous
uncited sentence; PgUp/PgDn a page; g/G the first and last. `v` selects the cursor's
sentence (and ends a selection); then w/b widen or narrow the quote's end by a word,
B/W its start, and j/k its end by a sentence (the keys of `tui.quote_selection`).
Digits before a move repeat it, as in vim: `12W` drops a long lead-in of twelve words
in one go, `5j` moves five sentences. The count is one binding for ten keys, so
`on_key` notes which digit it was before the binding's action runs.

Nothing relies on colour: the gutter's marks (see `tui.reader_layout`), an uncited
sentence in italics, the cursor's sentence in bold, the selection in reverse video.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import CitedSentence

from ..quote_selection import QuoteSelection
from ..reader_layout import GUTTER, Layout, Piece, ReaderLine, gutter, lay_out

NO_SELECTION_YET = "v selects the sentence first; then w/b change the quote word by word."

END_GROUP = Binding.Group("end±word", compact=True)
"""w and b share one footer entry, as W and B do: the keys that shape a quote all fit
at 80 columns."""
START_GROUP = Binding.Group("start±word", compact=True)

MAX_COUNT = 9999
"""A count prefix stops growing here: more moves than any quote has words."""


class ReaderView(ScrollView, can_focus=True):
    """The text of one document: cursor on a sentence, and maybe a quote selected."""

    BINDING_GROUP_TITLE = "Reader"
    BINDINGS = [
        Binding(
            "j,down",
            "down",
            "Down",
            show=False,
            tooltip="Next sentence (selecting: the quote ends a sentence later)",
            id="reader.down",
        ),
        Binding(
            "k,up",
            "up",
            "Up",
            show=False,
            tooltip="Previous sentence (selecting: the quote ends a sentence earlier)",
            id="reader.up",
        ),
        Binding("g,home", "first", "First", show=False, id="reader.first"),
        Binding("G,end", "last", "Last", show=False, id="reader.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding(
            "right_square_bracket",
            "next_uncited",
            "Uncited",
            tooltip="Next uncited sentence",
            id="reader.next_uncited",
        ),
        Binding(
            "left_square_bracket",
            "previous_uncited",
            "Uncited back",
            show=False,
            tooltip="Previous uncited sentence",
            id="reader.previous_uncited",
        ),
        Binding(
            "v",
            "select",
            "Select",
            tooltip="Select the sentence as a quote (again: end the selection)",
            id="reader.select",
        ),
        Binding(
            "w",
            "widen_end",
            "End word+",
            tooltip="The quote ends a word later (5w: five words)",
            group=END_GROUP,
            id="reader.widen_end",
        ),
        Binding(
            "b",
            "narrow_end",
            "End word-",
            tooltip="The quote ends a word earlier (5b: five words)",
            group=END_GROUP,
            id="reader.narrow_end",
        ),
        Binding(
            "W",
            "narrow_start",
            "Start word+",
            tooltip="The quote starts a word later (5W: five words)",
            group=START_GROUP,
            id="reader.narrow_start",
        ),
        Binding(
            "B",
            "widen_start",
            "Start word-",
            tooltip="The quote starts a word earlier (5B: five words)",
            group=START_GROUP,
            id="reader.widen_start",
        ),
        Binding(
            ",".join("1234567890"),
            "count",
            "Count",
            show=False,
            tooltip="A count: the next w b W B j k moves that many times (12W)",
            id="reader.count",
        ),
    ]

    COMPONENT_CLASSES = {
        "reader--gutter",
        "reader--uncited",
        "reader--cursor",
        "reader--selection",
    }

    cursor: reactive[int] = reactive(0, init=False, always_update=True)
    """The index of the sentence under the cursor."""
    selection: reactive[QuoteSelection | None] = reactive(None, init=False)

    @dataclass
    class Moved(Message):
        """The cursor or the selection changed."""

        view: ReaderView
        sentence: CitedSentence | None
        selection: QuoteSelection | None

        @property
        def control(self) -> ReaderView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document_id = ""
        self.text = ""
        self.sentences: list[CitedSentence] = []
        self._starts: list[int] = []
        self._layout: Layout | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}
        self._generation = 0
        self.count = 0
        """A count typed before a move (0: none), shown in the status line."""
        self._typed = ""

    # Data in ------------------------------------------------------------------

    def show_document(
        self, document_id: str, text: str, sentences: list[CitedSentence], at: int | None = None
    ) -> None:
        """Show a document with the cursor on the sentence at offset `at` (or the first)."""
        self.document_id, self.text = document_id, text
        self._set_sentences(sentences)
        self._layout = None
        self.selection = None
        self.cursor = self.sentence_at(at) if at is not None else 0

    def update_counts(self, sentences: list[CitedSentence]) -> None:
        """The same text with new counts (a position coded or retracted meanwhile)."""
        if [(s.start, s.end) for s in sentences] != [(s.start, s.end) for s in self.sentences]:
            self._layout = None  # split differently (a new splitter): lay out again
        self._set_sentences(sentences)
        self.cursor = min(self.cursor, max(0, len(sentences) - 1))

    def _set_sentences(self, sentences: list[CitedSentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]
        self._generation += 1
        self.refresh()

    @property
    def current(self) -> CitedSentence | None:
        return self.sentences[self.cursor] if self.sentences else None

    def sentence_at(self, offset: int) -> int:
        """The sentence holding `offset`, or the one before it (0 before the first)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    @property
    def layout(self) -> Layout:
        """The text laid out for the current width (again after a resize)."""
        width = max(1, self.scrollable_content_region.width - GUTTER)
        if self._layout is None or self._layout.width != width:
            self._layout = lay_out(self.text, self.sentences, width)
            self._generation += 1
            self.virtual_size = Size(self.size.width, len(self._layout.lines))
        return self._layout

    # Reactions ----------------------------------------------------------------

    def watch_cursor(self) -> None:
        if self.size.width and self.sentences:
            self._scroll_to_sentence(self.cursor)
        self.refresh()
        self.post_message(self.Moved(self, self.current, self.selection))

    def watch_selection(self) -> None:
        self.refresh()
        self.post_message(self.Moved(self, self.current, self.selection))

    def on_resize(self) -> None:
        if self.sentences:
            self._scroll_to_sentence(self.cursor)

    def notify_style_update(self) -> None:
        """Styles changed (theme, CSS): every cached style and strip is stale."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _scroll_to_sentence(self, index: int) -> None:
        layout = self.layout
        self._scroll_to_lines(layout.first_line[index], layout.last_line(index))

    def _scroll_to_lines(self, first: int, last: int) -> None:
        """Show lines first..last, or as many from the first as fit."""
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)

    def _reveal_offset(self, offset: int) -> None:
        """Scroll so the line showing `offset` is in view."""
        sentence = self.sentence_at(offset)
        line = self.layout.line_of(sentence, offset)
        self._scroll_to_lines(line, line)

    # Moving -------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if self.sentences:
            self.cursor = max(0, min(index, len(self.sentences) - 1))

    def action_down(self) -> None:
        times = self.take_count()
        if self.selection is not None:
            self._change(lambda q, text: q.widen_sentence(text, self.sentences), True, times)
        else:
            self._move_to(self.cursor + times)

    def action_up(self) -> None:
        times = self.take_count()
        if self.selection is not None:
            self._change(lambda q, text: q.narrow_sentence(text, self.sentences), True, times)
        else:
            self._move_to(self.cursor - times)

    def action_first(self) -> None:
        self.take_count()
        self._move_to(0)

    def action_last(self) -> None:
        self.take_count()
        self._move_to(len(self.sentences) - 1)

    def action_page_down(self) -> None:
        self.take_count()
        self._page(+1)

    def action_page_up(self) -> None:
        self.take_count()
        self._page(-1)

    # A count ------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Note the key: the `count` binding's one action serves all ten digits."""
        self._typed = event.character or ""

    def action_count(self) -> None:
        """A digit of the count; a 0 with no count before it does nothing."""
        digit = self._typed
        if len(digit) != 1 or not digit.isdigit() or (digit == "0" and not self.count):
            return
        self.count = min(MAX_COUNT, self.count * 10 + int(digit))
        self.post_message(self.Moved(self, self.current, self.selection))

    def take_count(self) -> int:
        """How many times the next move repeats (1 without a count); the count ends."""
        times, had = max(1, self.count), self.count
        self.count = 0
        if had:
            self.post_message(self.Moved(self, self.current, self.selection))
        return times

    def _page(self, direction: int) -> None:
        """The cursor moves a screenful of lines, to the sentence shown there."""
        if not self.sentences:
            return
        layout = self.layout
        height = max(1, self.scrollable_content_region.height)
        line = layout.first_line[self.cursor] + direction * height
        line = max(0, min(line, len(layout.lines) - 1))
        while layout.lines[line].sentence is None:  # a blank line: the sentence after it
            line += 1
        target = layout.lines[line].sentence
        if target == self.cursor:
            target += direction
        self.scroll_to(y=round(self.scroll_y) + direction * height, animate=False, immediate=True)
        self._move_to(target if target is not None else self.cursor)

    def action_next_uncited(self) -> None:
        self.take_count()
        self._jump_uncited(range(self.cursor + 1, len(self.sentences)), "after")

    def action_previous_uncited(self) -> None:
        self.take_count()
        self._jump_uncited(range(self.cursor - 1, -1, -1), "before")

    def _jump_uncited(self, indexes: range, where: str) -> None:
        found = next((i for i in indexes if not self.sentences[i].cited_by), None)
        if found is None:
            self.notify(f"No uncited sentence {where} this one.", markup=False)
            return
        self.cursor = found

    # Selecting ----------------------------------------------------------------

    def action_select(self) -> None:
        self.take_count()
        sentence = self.current
        if self.selection is not None:
            self.selection = None
        elif sentence is not None:
            self.selection = QuoteSelection.over(
                self.document_id, self.text, sentence.start, sentence.end
            )

    def cancel_selection(self) -> bool:
        """Drop the selection (and a count typed for it); False if there was none."""
        self.take_count()
        had = self.selection is not None
        self.selection = None
        return had

    def action_widen_end(self) -> None:
        self._change(QuoteSelection.widen_end, True, self.take_count())

    def action_narrow_end(self) -> None:
        self._change(QuoteSelection.narrow_end, True, self.take_count())

    def action_widen_start(self) -> None:
        self._change(QuoteSelection.widen_start, False, self.take_count())

    def action_narrow_start(self) -> None:
        self._change(QuoteSelection.narrow_start, False, self.take_count())

    def _change(
        self,
        move: Callable[[QuoteSelection, str], QuoteSelection],
        follow_end: bool,
        times: int = 1,
    ) -> None:
        """The move `times` times over, or until it can go no further (a bell if it
        could not move at all)."""
        if self.selection is None:
            self.notify(NO_SELECTION_YET, markup=False)
            return
        selection = self.selection
        for _ in range(times):
            moved = move(selection, self.text)
            if moved == selection:
                break
            selection = moved
        self._select(selection, follow_end=follow_end)

    def _select(self, selection: QuoteSelection, *, follow_end: bool) -> None:
        """Take the new selection; the cursor follows the end that moved."""
        if selection == self.selection:
            self.app.bell()
            return
        self.selection = selection
        offset = selection.end - 1 if follow_end else selection.start
        sentence = self.sentence_at(offset)
        if sentence != self.cursor:
            self.cursor = sentence
        self._reveal_offset(offset)

    # Drawing ------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if name == "base" else self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self.sentences:
            return Strip.blank(width, self._style("base"))
        layout = self.layout
        index = round(self.scroll_y) + y
        if index >= len(layout.lines):
            return Strip.blank(width, self._style("base"))
        line = layout.lines[index]
        selection = self.selection
        selected = (
            (selection.start, selection.end)
            if selection is not None and line.start < selection.end and selection.start < line.end
            else None
        )
        key = (self._generation, index, width, line.sentence == self.cursor, selected)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(line, width, selected)
            self._strips[key] = strip
        return strip

    def _draw(self, line: ReaderLine, width: int, selected: tuple[int, int] | None) -> Strip:
        base = self._style("base")
        if line.sentence is None:
            return Strip.blank(width, base)
        sentence = self.sentences[line.sentence]
        count = len(sentence.cited_by)
        cursor = line.sentence == self.cursor
        text_style = base
        if count == 0:
            text_style += self._style("reader--uncited")
        if cursor:
            text_style += self._style("reader--cursor")
        segments = [
            Segment(gutter(count, line.first, cursor), base + self._style("reader--gutter"))
        ]
        chosen = text_style + self._style("reader--selection")
        for piece in line.pieces(self.text):
            segments.extend(_painted(piece, self.text, selected, text_style, chosen))
        return Strip(segments).adjust_cell_length(width, base)


def _painted(
    piece: Piece, text: str, selected: tuple[int, int] | None, plain: Style, chosen: Style
) -> list[Segment]:
    """A piece in the plain style, the selected style, or split between the two where the
    selection starts or ends inside it (a word cut by a sentence boundary)."""
    if selected is None or piece.end <= selected[0] or selected[1] <= piece.start:
        return [Segment(piece.shown, plain)]
    start, end = max(piece.start, selected[0]), min(piece.end, selected[1])
    if (start, end) == (piece.start, piece.end) or piece.shown != text[piece.start : piece.end]:
        return [Segment(piece.shown, chosen)]
    cut = slice(start - piece.start, end - piece.start)
    return [
        Segment(piece.shown[: cut.start], plain),
        Segment(piece.shown[cut], chosen),
        Segment(piece.shown[cut.stop :], plain),
    ]

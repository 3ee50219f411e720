"""The reader: one document, sentence by sentence, where quotes are chosen for coding.

Each sentence is marked with how many positions cite it, and the uncited stand out
(`]`/`[` jump between them), so the analyst sees what is left to code. `v` selects a
sentence as a quote, which w/b/W/B and j/k then narrow or widen (`ReaderView`); the
status line under the text repeats the quote and its offsets. `n` hands the selection
to whoever opened the reader to code a new position from it, `+` to add it as another
quote of an existing one: the opener supplies `on_quote(selection, "new" | "add")`.

The counts are read again when the screen is shown again (after the position form,
say) and whenever another process writes to the database (PRAGMA data_version, as the
timeline polls it), or on `refresh_counts()`.

A selection handed to the opener ends when the reader is shown again and some position
now cites the selected text that did not before: the quote was coded (saved from the
form, or added with `+`), and a `j` after that means "next sentence", not "widen the
quote just saved". If nothing new cites it (the form was cancelled), the selection
stays, to be coded again. `end_selection()` ends it from outside too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import CitedSentence, Document, Store
from store.plain_text import one_line

from ..quote_selection import QuoteSelection
from ..row_text import fit
from ..widgets.reader_view import ReaderView
from .timeline_screen import POLL_SECONDS

QuoteUse = Literal["new", "add"]
"""What the analyst wants done with a quote: a new position, or another quote of one."""

QuoteCallback = Callable[[QuoteSelection, QuoteUse], None]

SELECT_FIRST = "Select a quote first (v)."

Citation = tuple[str, int, int]
"""A position's quote in this document: (position id, start, end)."""


def day_label(day: date) -> str:
    """'28 May 2025', the way the timeline writes a day."""
    return f"{day.day} {day:%b %Y}"


def document_heading(document: Document, cited: int, sentences: int) -> str:
    """'26/27 sentences cited — Title — Publisher · 28 May 2025': the counts first, so a
    long title cannot push them off a narrow screen."""
    source = " · ".join(
        part for part in (one_line(document.outlet or ""), day_label(document.published)) if part
    )
    return f"{cited}/{sentences} sentences cited — {one_line(document.title)} — {source}"


def sentence_status(sentence: CitedSentence | None, index: int, total: int) -> str:
    """The status line without a selection: where the cursor is and who cites it."""
    if sentence is None:
        return "This document has no text."
    where = f"Sentence {index + 1} of {total}"
    if not sentence.cited_by:
        return f"{where} · not cited · v selects it"
    return f"{where} · cited by {', '.join(one_line(p) for p in sentence.cited_by)}"


class ReaderScreen(Screen[None]):
    """One document to read and quote from. Dismisses with None."""

    CSS_PATH = ["reader_screen.tcss", "../widgets/reader_view.tcss"]
    BINDING_GROUP_TITLE = "Reader"
    BINDINGS = [
        Binding(
            "n",
            "new_position",
            "New",
            tooltip="Code a new position from the selected quote",
            id="reader.new_position",
        ),
        Binding(
            "plus",
            "add_quote",
            "Add",
            tooltip="Add the selected quote to an existing position",
            id="reader.add_quote",
        ),
        Binding(
            "escape",
            "escape",
            "Back",
            tooltip="End the selection, else back",
            id="reader.escape",
        ),
        Binding("q", "close", "Back", show=False, id="reader.quit"),
    ]

    def __init__(
        self,
        store: Store,
        document_id: str,
        *,
        at: int | None = None,
        on_quote: QuoteCallback | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.store = store
        self.document_id = document_id
        self._at = at
        self._on_quote = on_quote
        self._poll_seconds = poll_seconds
        self._seen_version = -1
        self._document: Document | None = None
        self._handed: tuple[QuoteSelection, frozenset[Citation]] | None = None
        """The selection last handed to the opener, with what cited its text then."""

    def compose(self) -> ComposeResult:
        yield Static(id="reader-title")
        yield ReaderView(id="reader")
        yield Static(id="reader-status")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def view(self) -> ReaderView:
        return self.query_one("#reader", ReaderView)

    def on_mount(self) -> None:
        self._document = self.store.document(self.document_id)
        self._seen_version = self.store.data_version()
        sentences = self.store.sentence_citations(self.document_id)
        self.view.show_document(self.document_id, self._document.text, sentences, at=self._at)
        self._show_heading()
        self.view.focus()
        self.set_interval(self._poll_seconds, self._check_for_changes)

    def on_screen_resume(self) -> None:
        if self._document is not None:
            self.refresh_counts()
        handed, self._handed = self._handed, None
        if handed is None or self.view.selection != handed[0]:
            return
        selection, cited_then = handed
        if self._citations(selection) - cited_then:
            self.end_selection()

    def end_selection(self) -> None:
        """End the selection, if there is one (the quote is coded)."""
        self.view.cancel_selection()

    def _citations(self, selection: QuoteSelection) -> frozenset[Citation]:
        """The quotes of this document that overlap the selection, by position: read
        from the positions citing the sentences it spans, so the cost is theirs."""
        ids = {
            position
            for sentence in self.view.sentences
            if sentence.start < selection.end and selection.start < sentence.end
            for position in sentence.cited_by
        }
        return frozenset(
            (position.id, source.start, source.end)
            for position in self.store.get_many(ids).values()
            for source in position.sources
            if source.document == self.document_id
            and source.start < selection.end
            and selection.start < source.end
        )

    def _check_for_changes(self) -> None:
        if self.store.data_version() != self._seen_version:
            self.refresh_counts()

    def refresh_counts(self) -> None:
        """Read who cites each sentence again (the text never changes)."""
        self._seen_version = self.store.data_version()
        self.view.update_counts(self.store.sentence_citations(self.document_id))
        self._show_heading()

    def _show_heading(self) -> None:
        if self._document is None:
            return
        sentences = self.view.sentences
        cited = sum(1 for s in sentences if s.cited_by)
        heading = document_heading(self._document, cited, len(sentences))
        width = max(1, self.size.width - 1)
        self.query_one("#reader-title", Static).update(Text(" " + fit(heading, width)))

    def on_resize(self) -> None:
        self._show_heading()
        self._show_status()

    @on(ReaderView.Moved, "#reader")
    def _show_status(self) -> None:
        """The selection, if there is one, else where the cursor is and who cites it."""
        view = self.view
        width = max(1, self.size.width - 2)
        selection = view.selection
        count = f"{view.count}× " if view.count else ""
        if selection is not None:
            line = count + selection.status(width - len(count))
        else:
            line = count + sentence_status(view.current, view.cursor, len(view.sentences))
        style = "bold" if selection is not None else ""
        self.query_one("#reader-status", Static).update(Text(" " + fit(line, width), style=style))

    # Actions ------------------------------------------------------------------

    def _use(self, use: QuoteUse) -> None:
        self.view.take_count()
        selection = self.view.selection
        if selection is None:
            self.notify(SELECT_FIRST, markup=False)
        elif self._on_quote is None:
            self.notify("Coding is not available from here.", markup=False)
        else:
            self._handed = (selection, self._citations(selection))
            self._on_quote(selection, use)

    def action_new_position(self) -> None:
        self._use("new")

    def action_add_quote(self) -> None:
        self._use("add")

    def action_escape(self) -> None:
        if not self.view.cancel_selection():
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

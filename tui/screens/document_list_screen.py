"""The documents in the database (`D` on the timeline), and how much of each is coded.

One row a document, newest first: title, publisher, date, its source-reliability grade
(A–F, "-" ungraded), how many positions cite it, and coverage, sentences cited /
sentences ("12/27 44%"), so the documents with work left show at a glance. Enter opens
the reader on the document, `v` grades its reliability; Escape goes back.

The counts split every document into sentences, which on a large corpus takes a
while: they are read in a worker thread, and again whenever the list is shown again
(after coding in the reader, say).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store import RELIABILITY, DocumentSummary, Store, StoreError
from store.grades import UNGRADED
from store.plain_text import one_line

from .reader_screen import QuoteCallback, ReaderScreen, day_label

DATE_WIDTH = 11
PUBLISHER_WIDTH = 14
POSITIONS_WIDTH = 9
GRADE_WIDTH = 5
COVERAGE_WIDTH = 11


class DocumentTable(DataTable[Text]):
    """A DataTable of documents that also moves with j/k.

    Until its first rows arrive (`waiting`), the moves and the Enter typed ahead are
    kept and `play_typed_ahead` does them then: an analyst who types `D` and Enter
    quickly means the reader, not an empty table that ignores the key.
    """

    BINDING_GROUP_TITLE = "Documents"
    BINDINGS = [
        Binding("enter", "select_cursor", "Read", id="documents.read"),
        Binding("j", "cursor_down", "Down", show=False, id="documents.down"),
        Binding("k", "cursor_up", "Up", show=False, id="documents.up"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.waiting = True
        """No rows have been shown yet: keys are kept for when they are."""
        self._moves = 0
        self._enter = False

    def action_cursor_down(self) -> None:
        if self.waiting:
            self._moves += 0 if self._enter else 1
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.waiting:
            self._moves -= 0 if self._enter else 1
        else:
            super().action_cursor_up()

    def action_select_cursor(self) -> None:
        if self.waiting:
            self._enter = True
        else:
            super().action_select_cursor()

    def play_typed_ahead(self) -> None:
        """The rows are in: move as typed, then open the row if Enter was typed."""
        if not self.waiting:
            return
        self.waiting = False
        if self.row_count:
            self.move_cursor(row=max(0, min(self._moves, self.row_count - 1)))
            if self._enter:
                self.action_select_cursor()
        self._moves, self._enter = 0, False


def summary_cells(row: DocumentSummary) -> list[Text]:
    """The cells of one row, as text from the data (never markup)."""
    return [
        Text(one_line(row.title), no_wrap=True, overflow="ellipsis"),
        Text(one_line(row.outlet or "—"), no_wrap=True, overflow="ellipsis"),
        Text(day_label(row.published)),
        Text(row.reliability or UNGRADED, justify="center"),
        Text(str(row.positions), justify="right"),
        Text(row.coverage_label(), justify="right", style="" if row.cited else "bold"),
    ]


def newest_first(rows: list[DocumentSummary]) -> list[DocumentSummary]:
    """Newest first (the article just added is on top), then by title."""
    return sorted(
        sorted(rows, key=lambda r: (one_line(r.title), r.id)),
        key=lambda r: r.published,
        reverse=True,
    )


class DocumentListScreen(Screen[None]):
    """Every document with its coverage. Dismisses with None."""

    CSS_PATH = "document_list_screen.tcss"
    BINDING_GROUP_TITLE = "Documents"
    BINDINGS = [
        Binding("escape,D", "close", "Back", id="documents.back"),
        Binding("q", "close", "Back", show=False, id="documents.quit"),
        Binding("v", "grade", "Grade", id="documents.grade"),
    ]

    def __init__(
        self, store: Store, *, on_quote: QuoteCallback | None = None, author: str = ""
    ) -> None:
        """`author` is who grades a document here (`v`)."""
        super().__init__()
        self.store = store
        self._on_quote = on_quote
        self._author = author
        self.rows: list[DocumentSummary] | None = None
        """The rows shown, once counted (None until then)."""

    def compose(self) -> ComposeResult:
        yield Static(Text(" Documents", style="bold"), id="documents-title")
        yield Static(
            Text("Coverage: sentences cited / sentences. Grade: reliability A–F (v). Enter reads."),
            id="documents-legend",
        )
        yield DocumentTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static(id="documents-detail")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def table(self) -> DocumentTable:
        return self.query_one("#documents", DocumentTable)

    def on_mount(self) -> None:
        table = self.table
        title_width = max(
            10,
            self.size.width
            - DATE_WIDTH
            - PUBLISHER_WIDTH
            - POSITIONS_WIDTH
            - COVERAGE_WIDTH
            - GRADE_WIDTH
            - 2 * 6
            - 1,
        )
        table.add_column("Title", width=title_width, key="title")
        table.add_column("Publisher", width=PUBLISHER_WIDTH, key="publisher")
        table.add_column("Date", width=DATE_WIDTH, key="date")
        table.add_column(Text("Grade", justify="center"), width=GRADE_WIDTH, key="grade")
        table.add_column(Text("Positions", justify="right"), width=POSITIONS_WIDTH, key="positions")
        table.add_column(Text("Coverage", justify="right"), width=COVERAGE_WIDTH, key="coverage")
        table.focus()
        self._count()

    def on_screen_resume(self) -> None:
        if self.rows is not None:
            self._count()

    @work(thread=True, exclusive=True, group="documents")
    def _count(self) -> None:
        rows = newest_first(self.store.document_summaries())
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[DocumentSummary]) -> None:
        table = self.table
        kept = table.cursor_row
        self.rows = rows
        table.clear()
        for row in rows:
            table.add_row(*summary_cells(row), key=row.id)
        if rows:
            table.move_cursor(row=min(kept, len(rows) - 1))
        positions = self.store.position_count()
        title = f" Documents — {len(rows)} in this database, {positions} positions in all"
        if not rows:
            title = " Documents — none in this database yet"
        self.query_one("#documents-title", Static).update(Text(title, style="bold"))
        table.play_typed_ahead()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole title of the highlighted document, which its column may cut."""
        row = next((r for r in self.rows or [] if r.id == event.row_key.value), None)
        detail = "" if row is None else f"{one_line(row.title)} ({one_line(row.id)})"
        self.query_one("#documents-detail", Static).update(Text(detail))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        document_id = event.row_key.value
        if document_id is not None:
            self.app.push_screen(ReaderScreen(self.store, document_id, on_quote=self._on_quote))

    def action_grade(self) -> None:
        """The grade dialog for the highlighted document's source reliability (A–F)."""
        row = self._highlighted()
        if row is None:
            return
        if self.store.read_only:
            self.notify(
                one_line(f"{self.store.path} is read-only for you, so grades cannot be saved."),
                severity="warning",
                markup=False,
            )
            return
        from .grade_screen import GradeChoice, GradeScreen

        document = self.store.document(row.id)

        def answered(choice: GradeChoice | None) -> None:
            if choice is None:
                return
            if (choice.grade, choice.note) == (document.reliability, document.reliability_note):
                self.notify("Nothing changed.", markup=False)
                return
            assert isinstance(choice.grade, str | None)
            try:
                self.store.grade_document(row.id, choice.grade, choice.note, author=self._author)
            except StoreError as exc:
                self.notify(one_line(str(exc)), severity="error", markup=False)
                return
            self.notify(one_line(f"Graded {row.id}: {choice.grade or 'ungraded'}."), markup=False)
            self._count()

        self.app.push_screen(
            GradeScreen(
                f"Grade {document.title}",
                "Source reliability",
                RELIABILITY,
                document.reliability,
                document.reliability_note,
            ),
            answered,
        )

    def _highlighted(self) -> DocumentSummary | None:
        if not self.rows or self.table.cursor_row < 0:
            return None
        return self.rows[min(self.table.cursor_row, len(self.rows) - 1)]

    def action_close(self) -> None:
        self.dismiss(None)

"""The comparison matrix: topics down, the two sides and other across.

Each cell gives how many positions, the date of the latest, and that latest
position's stance in one line. A topic that one side has spoken to and the
other has not is flagged "unanswered". Move like a spreadsheet (arrows or
hjkl); Enter opens the timeline filtered to that topic and side (on the topic
column: that topic, every side); Escape goes back unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store import Filter, MatrixRow, Position, Vocabularies
from store.plain_text import one_line

from ..row_text import fit, short_date

TOPIC_WIDTH = 18


class MatrixTable(DataTable):
    """A DataTable that also moves with h/j/k/l."""

    BINDING_GROUP_TITLE = "Matrix"
    BINDINGS = [
        Binding("h", "cursor_left", "Left", show=False, id="matrix.left"),
        Binding("j", "cursor_down", "Down", show=False, id="matrix.down"),
        Binding("k", "cursor_up", "Up", show=False, id="matrix.up"),
        Binding("l", "cursor_right", "Right", show=False, id="matrix.right"),
    ]


def cell_text(row: MatrixRow, side: str, latest: dict[str, Position], width: int) -> Text:
    cell = row.cells[side]
    if cell.count == 0:
        if row.unanswered_by == side:
            return Text(
                fit("— unanswered", width) + "\n" + fit("said nothing on this", width), style="bold"
            )
        return Text("—\n", style="dim")
    position = latest.get(cell.latest_id or "")
    when = short_date(position) if position else ""
    head = fit(f"{cell.count}/{cell.sentences}s · {when}", width)
    return Text(head + "\n" + fit(one_line(cell.latest_summary), width))


def topic_text(row: MatrixRow, width: int, vocab: Vocabularies) -> Text:
    text = Text(fit(one_line(row.topic.label), width) + "\n")
    if row.unanswered_by is not None:
        silent = one_line(vocab.side_label(row.unanswered_by))
        text.append(fit(f"! {silent} silent", width), style="bold")
    return text


class MatrixScreen(Screen[tuple[str, str | None] | None]):
    """Dismisses with (topic id, side id or None for every side), or None for Escape."""

    CSS_PATH = "matrix_screen.tcss"
    BINDING_GROUP_TITLE = "Matrix"
    BINDINGS = [
        Binding("escape,c", "close", "Back", id="matrix.back"),
        Binding("q", "close", "Back", show=False, id="matrix.quit"),
    ]

    def __init__(
        self,
        rows: list[MatrixRow],
        latest: dict[str, Position],
        scope: Filter,
        vocab: Vocabularies,
    ) -> None:
        super().__init__()
        self._vocab = vocab
        self._rows = rows
        self._latest = latest
        self._scope = scope

    def compose(self) -> ComposeResult:
        silent = sum(row.unanswered_by is not None for row in self._rows)
        scope = replace(self._scope, topics=frozenset(), sides=frozenset())
        yield Static(
            Text(
                f" Comparison matrix — {scope.describe(self._vocab)} — {silent} topics "
                "answered by one side only",
                style="bold",
            ),
            id="matrix-title",
        )
        yield Static(
            Text("Cell: positions/sentences · latest date / latest stance. Enter: timeline there."),
            id="matrix-legend",
        )
        yield MatrixTable(id="matrix", cursor_type="cell", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(MatrixTable)
        side_width = max(12, (self.size.width - TOPIC_WIDTH - 10) // 3)
        table.add_column("Topic", width=TOPIC_WIDTH, key="topic")
        sides = self._vocab.in_order
        for side in sides:
            table.add_column(Text(one_line(side.label)), width=side_width, key=side.id)
        for row in self._rows:
            table.add_row(
                topic_text(row, TOPIC_WIDTH, self._vocab),
                *[cell_text(row, side.id, self._latest, side_width) for side in sides],
                height=2,
                key=row.topic.id,
            )
        table.move_cursor(row=0, column=1)
        table.focus()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        topic = event.cell_key.row_key.value or ""
        column = event.cell_key.column_key.value
        self.dismiss((topic, None if column == "topic" else column))

    def action_close(self) -> None:
        self.dismiss(None)

"""A position's history: every revision, oldest first, with what each one changed.

The same words as `counterpoint history` (both format with `tui.history_text`): a
header per revision (number, time, who, what, where from, why), its changes below
it, and the position's current status last. A pure view of what it is handed; the
timeline or the inspector reads the revisions from the store and opens it with `H`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from store import Position, Revision
from store.plain_text import one_line

from ..history_text import history_text, status_line


class HistoryScreen(ModalScreen[None]):
    """Scrollable revisions of one position. Escape (or H again) closes it."""

    CSS_PATH = "history_screen.tcss"
    BINDING_GROUP_TITLE = "History"
    BINDINGS = [
        Binding("escape,H", "close", "Close", id="history.close"),
        Binding("j", "scroll(1)", "Down", show=False, id="history.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="history.up"),
    ]
    """The arrows, PgUp/PgDn, Home and End scroll too (the scrolling body's own keys)."""

    def __init__(self, position: Position, revisions: Sequence[Revision]) -> None:
        super().__init__()
        self.position = position
        self.revisions = list(revisions)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-body"):
            yield Static(
                Text(f"History of {one_line(self.position.id)}", style="bold"),
                id="history-title",
            )
            yield Static(Text(one_line(self.position.summary)), id="history-summary")
            if not self.revisions:
                yield Static(
                    Text("No revisions recorded: it was written before history was kept."),
                    classes="history-changes",
                )
            for entry in history_text(self.revisions):
                yield Static(Text(entry.header, style="bold"), classes="history-header")
                yield Static(Text("\n".join(entry.lines)), classes="history-changes")
            yield Static(
                Text(
                    status_line(
                        len(self.revisions), self.position.status, self.position.status_reason
                    ),
                    style="italic",
                ),
                id="history-status",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-body").focus()  # so arrows and PgUp/PgDn scroll it

    def action_scroll(self, lines: int) -> None:
        self.query_one("#history-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

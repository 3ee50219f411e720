"""The inspector as a full screen, for terminals narrower than 100 columns.

Escape returns to the timeline with the cursor where it was; choosing a link
returns the id to jump to; H shows the position's history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import Position, Revision
from store.plain_text import one_line

from ..widgets.position_detail import PositionDetail, PositionDetails


class InspectorScreen(Screen[str | None]):
    """Full-screen detail of one position. Dismisses with a link target id, or None."""

    CSS_PATH = "inspector_screen.tcss"
    BINDING_GROUP_TITLE = "Inspector"
    BINDINGS = [
        Binding("escape,i", "close", "Back", id="inspector.back"),
        Binding("q", "close", "Back", show=False, id="inspector.quit"),
        Binding("H", "history", "History", id="inspector.history"),
        Binding("r", "read_source", "Read source", id="inspector.read_source"),
        Binding("v", "grade", "Grade", id="inspector.grade"),
    ]

    def __init__(
        self,
        details: PositionDetails,
        history: Callable[[str], Sequence[Revision]] | None = None,
        read: Callable[[Position], None] | None = None,
        grade: Callable[[Position, Callable[[PositionDetails], None]], None] | None = None,
    ) -> None:
        """`history` reads a position's revisions (`Store.history`); without it H says
        there is none to show. `read` opens the reader at the position's first quote.
        `grade` opens the grade dialog and calls back with the details as saved."""
        super().__init__()
        self._details = details
        self._history = history
        self._read = read
        self._grade = grade

    def compose(self) -> ComposeResult:
        yield Static(
            Text(f" Inspector — {one_line(self._details.position.id)}"), id="inspector-title"
        )
        yield PositionDetail(id="inspector-detail")
        yield Footer()

    def on_mount(self) -> None:
        detail = self.query_one(PositionDetail)
        detail.show(self._details)
        if not detail.focus_links():
            detail.focus()
        # Focusing the links scrolls them into view; the reader starts at the top.
        self.call_after_refresh(detail.scroll_home, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_history(self) -> None:
        from .history_screen import HistoryScreen

        if self._history is None:
            self.notify("No history to show here.", markup=False)
            return
        position = self._details.position
        self.app.push_screen(HistoryScreen(position, self._history(position.id)))

    def action_read_source(self) -> None:
        if self._read is None:
            self.notify("The source cannot be opened from here.", markup=False)
            return
        self._read(self._details.position)

    def action_grade(self) -> None:
        if self._grade is None:
            self.notify("Grades cannot be changed from here.", markup=False)
            return
        self._grade(self._details.position, self._regraded)

    def _regraded(self, details: PositionDetails) -> None:
        """Show the position as saved: the grade and doubt facts change in place."""
        self._details = details
        self.query_one(PositionDetail).show(details)

    def on_position_detail_link_chosen(self, event: PositionDetail.LinkChosen) -> None:
        self.dismiss(event.position_id)

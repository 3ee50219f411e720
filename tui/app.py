"""The Counterpoint Textual app: thin on purpose.

It holds the open `Store`, shows the timeline screen, and owns the bindings
that work everywhere (help, quit). Everything else lives in screens and widgets.
"""

from __future__ import annotations

import gc

from textual.app import App
from textual.binding import Binding

from store import Store

from .analyst import current_analyst
from .cell_widths import measure_like_tmux
from .commands import CounterpointCommands
from .screens.timeline_screen import POLL_SECONDS, TimelineScreen
from .widgets.timeline_view import TimelineView

_frozen = False


def _freeze_startup_objects() -> None:
    """Once per process: everything imported so far lives as long as the app, so move it
    out of the garbage collector's reach; otherwise the first screen pays for a full
    collection over Textual's and pydantic's objects (about 40 ms, measured)."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True


class CounterpointApp(App[None]):
    """India and Pakistan after Pahalgam, side by side on one date axis."""

    TITLE = "Counterpoint"
    CSS_PATH = ["widgets/timeline_view.tcss", "widgets/bars.tcss",
                "widgets/position_detail.tcss"]
    COMMANDS = App.COMMANDS | {CounterpointCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, store: Store, author: str | None = None,
                 poll_seconds: float = POLL_SECONDS) -> None:
        _freeze_startup_objects()
        measure_like_tmux()
        super().__init__()
        self.store = store
        self.author = author or current_analyst()
        self._poll_seconds = poll_seconds

    def on_mount(self) -> None:
        self.push_screen(TimelineScreen(self.store, self.author, self._poll_seconds))

    def push_screen(self, screen, callback=None, wait_for_dismiss: bool = False):
        """Open no new screen once quitting has begun: keys typed after q (an analyst
        typing ahead over a slow link) must not start a screen that never composes."""
        if self._exit:
            return None
        return super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)

    def help_sources(self):
        """Whose bindings the help screen lists, in the order it lists them."""
        from .screens.export_screen import ExportScreen
        from .screens.filter_screen import FilterScreen
        from .screens.inspector_screen import InspectorScreen
        from .screens.matrix_screen import MatrixScreen, MatrixTable
        from .screens.note_editor_screen import NoteEditorScreen

        return [
            ("Timeline", list(TimelineView.BINDINGS)),
            ("Views", list(TimelineScreen.BINDINGS)),
            ("Everywhere", [*self.BINDINGS,
                            Binding("ctrl+p", "command_palette", "Command palette")]),
            ("Inspector", list(InspectorScreen.BINDINGS)),
            ("Matrix", [*MatrixTable.BINDINGS, *MatrixScreen.BINDINGS]),
            ("Filters", list(FilterScreen.BINDINGS)),
            ("Note", list(NoteEditorScreen.BINDINGS)),
            ("Export", list(ExportScreen.BINDINGS)),
        ]

    def action_help(self) -> None:
        from .screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sources()))

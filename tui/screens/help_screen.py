"""Every key binding, read from the bindings themselves so the help cannot drift.

The screen is handed the classes whose BINDINGS matter (the app, the timeline
screen, the timeline view) and lists each binding's keys, as the footer would
show them, with its description.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


def binding_rows(
    app, sources: Iterable[tuple[str, Iterable[Binding]]]
) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding, keys formatted for display."""
    rows = []
    for section, bindings in sources:
        for binding in bindings:
            keys = [key.strip() for key in binding.key.split(",")]
            shown = " ".join(app.get_key_display(Binding(key, binding.action)) for key in keys)
            rows.append((section, shown, binding.description or binding.action))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal table of every binding. Escape, q or ? closes it."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, sources: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self._sources = sources

    def compose(self) -> ComposeResult:
        table = Table(show_header=True, header_style="bold", box=None, expand=True)
        table.add_column("Keys", no_wrap=True, width=14)
        table.add_column("Does", ratio=1)
        section = None
        for name, keys, description in binding_rows(self.app, self._sources):
            if name != section:
                table.add_row(Text(name, style="bold underline"), Text(""))
                section = name
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-body"):
            yield Static(Text("Counterpoint — keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(
                Text(
                    "Ctrl+P opens the command palette: every action, and every "
                    "side, kind, topic and actor as a filter."
                ),
                id="help-note",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()  # so arrows and PgUp/PgDn scroll it

    def action_close(self) -> None:
        self.dismiss(None)

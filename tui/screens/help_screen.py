"""Every key binding, read from the bindings themselves so the help cannot drift.

The screen is handed the groups `tui.key_registry.help_groups` finds (every screen
and widget that declares BINDINGS and a BINDING_GROUP_TITLE, and the app) and lists
each binding's keys, as the footer would show them, with what it does.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..key_registry import HelpGroup


def binding_keys(app: App, binding: Binding) -> list[str]:
    """A binding's keys as the footer shows them (`?`, `esc`, `ctrl+s`). A keymap the app
    was given (`App.set_keymap`, by binding id) replaces the keys, as it does for the
    bindings themselves; Textual keeps that keymap in `App._keymap` only."""
    keys = app._keymap.get(binding.id or "", binding.key)
    return [app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")]


def binding_rows(app: App, sources: Iterable[HelpGroup]) -> list[tuple[str, str, str]]:
    """(section, keys, what it does) for every binding, keys formatted for display. What
    it does is the binding's tooltip where it has one (the footer has room only for the
    short description), else its description."""
    rows = []
    for section, bindings in sources:
        for binding in bindings:
            shown = " ".join(binding_keys(app, binding))
            rows.append((section, shown, binding.tooltip or binding.description or binding.action))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal table of every binding. Escape, q or ? closes it."""

    CSS_PATH = "help_screen.tcss"
    BINDING_GROUP_TITLE = None
    """Not in the help: it is the help."""
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, sources: list[HelpGroup]) -> None:
        super().__init__()
        self.groups = sources
        """What the screen lists: (title, bindings) in order."""

    def compose(self) -> ComposeResult:
        table = Table(show_header=True, header_style="bold", box=None, expand=True)
        table.add_column("Keys", no_wrap=True, width=14)
        table.add_column("Does", ratio=1)
        section = None
        for name, keys, description in binding_rows(self.app, self.groups):
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

"""A one-line answer to a question: why a position is retracted (required), or why it
is restored (optional). Enter gives the text, Escape cancels (None)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..widgets.plain_input import PlainInput


class ReasonScreen(ModalScreen[str | None]):
    """Dismisses with the typed reason, or None on Escape."""

    CSS_PATH = "reason_screen.tcss"
    BINDING_GROUP_TITLE = None
    """Not in the help: the box shows its own keys."""
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reason.cancel")]

    def __init__(self, question: str, *, required: bool) -> None:
        super().__init__()
        self._question = question
        self._required = required

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box"):
            yield Static(Text(self._question, style="bold"))
            yield PlainInput(placeholder="reason", id="reason-text")
            yield Static("", id="reason-error")
            hint = "Enter  save      Escape  cancel"
            yield Static(Text(hint + ("" if self._required else "   (a reason is optional)")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        if self._required and not text:
            self.query_one("#reason-error", Static).update(Text("A reason is required."))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""A yes/no question that must be answered from the keyboard: y or n (Escape is no)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for y, False for n or Escape."""

    CSS_PATH = "confirm_screen.tcss"
    BINDING_GROUP_TITLE = None
    """Not in the help: the question shows its own keys (y, n)."""
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self._question, style="bold"))
            yield Static(Text("y  yes      n  no"))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

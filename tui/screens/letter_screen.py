"""A one-key question: which letter? For `m` (save this view as) and `'` (go to the view
saved as). The next key answers it: a letter a–z, or Escape (anything else) to cancel."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from store.plain_text import one_line
from store.views import NAMES


class LetterScreen(ModalScreen[str | None]):
    """Dismisses with the letter typed, or None."""

    DEFAULT_CSS = """
    LetterScreen { align: center bottom; }
    LetterScreen > Vertical {
        width: 100%; height: auto; max-height: 6;
        background: $surface; border-top: solid $primary; padding: 0 1;
    }
    """
    BINDING_GROUP_TITLE = None
    """Not in the help: it asks for one key and says which."""

    def __init__(self, question: str, taken: str = "") -> None:
        """`taken` lists the letters that hold a view, to say which exist."""
        super().__init__()
        self._question = question
        self._taken = taken

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(one_line(self._question), style="bold"))
            held = f"Saved: {' '.join(self._taken)}. " if self._taken else "None saved yet. "
            yield Static(Text(held + "Escape cancels."))

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        letter = event.character or ""
        self.dismiss(letter if len(letter) == 1 and letter in NAMES else None)

"""Writing a note on a position: a multi-line editor, Ctrl+S saves, Escape cancels.

Escape with unsaved changes asks before throwing them away. Saving empty text
removes the note. The screen only edits text; the timeline screen saves it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from store import Position
from store.plain_text import one_line

from ..widgets.plain_text_area import PlainTextArea
from .confirm_screen import ConfirmScreen


class NoteEditorScreen(ModalScreen[str | None]):
    """Dismisses with the note's new text, or None when cancelled."""

    CSS_PATH = "note_editor_screen.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, position: Position, author: str, text: str,
                 draft: str | None = None) -> None:
        """`text` is the note as saved; `draft`, if given, is unsaved text to go on with."""
        super().__init__()
        self._position = position
        self._author = author
        self._original = text
        self._draft = text if draft is None else draft

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Text(f"Note by {self._author} on: {one_line(self._position.summary)}",
                              style="bold"), id="note-title")
            yield PlainTextArea(self._draft, id="note-text", soft_wrap=True,
                                show_line_numbers=False)
            yield Static(Text("Ctrl+S saves · Escape cancels · an empty note is removed",
                              style="italic"), id="note-help")
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text == self._original:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
        self.app.push_screen(ConfirmScreen("Discard the changes to this note?"), answered)

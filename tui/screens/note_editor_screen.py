"""Writing a note on a position: a multi-line editor, Ctrl+S saves, Escape cancels.

Escape with unsaved changes asks before throwing them away. Saving empty text
removes the note. The screen only edits text; the timeline screen saves it.

Unsaved text is kept as a draft in the database (`store.drafts`), so no way a
session ends loses it: a second or two after the last change, at once when the
app is told to end (SIGTERM, SIGHUP: see `tui.app`), and when the screen goes
away without Ctrl+S or Escape (a crash, Ctrl+Q). The draft is offered back the
next time the same analyst opens the note; Ctrl+S or a confirmed Escape ends it.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from datetime import UTC

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from store import Draft, Position, Store, StoreError
from store.plain_text import one_line

from ..widgets.plain_text_area import PlainTextArea
from .confirm_screen import ConfirmScreen

AUTOSAVE_SECONDS = 1.5
"""Quiet time after the last change before the draft is written: one write per pause in
typing, not one per key, and never more than this much typing at risk."""
AUTOSAVE_WAIT_MS = 200
"""How long a draft written while typing waits for another writer's lock: the screen
must not freeze for the store's full busy timeout; the next pause tries again."""


class DraftKeeper:
    """One analyst's unsaved text on one position, kept in the store's drafts table.

    Every write is best effort: a database that is locked by another writer, read-only or
    full only means the draft is tried again at the next change; the text is still on
    screen, and the editor keeps working. `written` is the draft text the database holds
    (as far as this keeper knows), so unchanged text is never written twice.
    """

    def __init__(
        self, store: Store, position_id: str, author: str, written: str | None = None
    ) -> None:
        self._store = store
        self._position_id = position_id
        self._author = author
        self.written = written

    def keep(self, text: str, saved: str, *, wait_ms: int | None = None) -> None:
        """Make the database's draft match the editor: `text` while it differs from the
        saved note `saved`, no draft once it is the same again. `wait_ms` caps the wait
        for another writer's lock (while typing); the default waits as long as any write
        (as the process ends, when there is no next try)."""
        if text == saved:
            self.discard()
        elif text != self.written:
            try:
                self._store.save_draft(self._position_id, self._author, text, wait_ms=wait_ms)
            except (StoreError, sqlite3.Error):
                return
            self.written = text

    def discard(self, *, always: bool = False) -> None:
        """Remove the draft; `always` also when this keeper wrote none (another session of
        the same analyst may have)."""
        if self.written is None and not always:
            return
        try:
            self._store.discard_draft(self._position_id, self._author)
        except (StoreError, sqlite3.Error):
            return
        self.written = None


def restored_notice(draft: Draft) -> str:
    """What the analyst is told when the editor opens on a draft instead of the note."""
    when = ""
    if draft.saved_at is not None:
        with suppress(OverflowError, ValueError):  # a stamp from another tool, at the edge
            at = draft.saved_at.astimezone(UTC) if draft.saved_at.tzinfo else draft.saved_at
            when = f" from {at:%Y-%m-%d %H:%M} UTC"
    return f"Restored your unsaved draft{when}; Ctrl+S saves it, Escape discards it."


class NoteEditorScreen(ModalScreen[str | None]):
    """Dismisses with the note's new text, or None when cancelled."""

    CSS_PATH = "note_editor_screen.tcss"
    BINDING_GROUP_TITLE = "Note"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(
        self,
        position: Position,
        author: str,
        text: str,
        draft: str | None = None,
        *,
        keeper: DraftKeeper | None = None,
    ) -> None:
        """`text` is the note as saved; `draft`, if given, is unsaved text to go on with.
        Without a `keeper` nothing is kept as a draft."""
        super().__init__()
        self._position = position
        self._author = author
        self._original = text
        self._draft = text if draft is None else draft
        self._keeper = keeper
        self._autosave: Timer | None = None
        self._answered = False
        self._latest = self._draft  # the text as of the last change, once the editor is gone

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(
                Text(
                    f"Note by {self._author} on: {one_line(self._position.summary)}", style="bold"
                ),
                id="note-title",
            )
            yield PlainTextArea(
                self._draft, id="note-text", soft_wrap=True, show_line_numbers=False
            )
            yield Static(
                Text("Ctrl+S saves · Escape cancels · an empty note is removed", style="italic"),
                id="note-help",
            )
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def on_unmount(self) -> None:
        """Gone without Ctrl+S or Escape (the app crashed, or was quit with Ctrl+Q): keep
        what was typed."""
        self.keep_draft_now()

    @property
    def text(self) -> str:
        """The editor's text; while the screen is being taken down, the last text it had."""
        with suppress(NoMatches):
            self._latest = self.query_one(TextArea).text
        return self._latest

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        """Write the draft once typing pauses (a new change starts the wait again)."""
        self._latest = self.text
        if self._keeper is None or self._answered:
            return
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(
            AUTOSAVE_SECONDS, self._keep_while_typing, name="note draft"
        )

    def _keep_while_typing(self) -> None:
        self.keep_draft_now(wait_ms=AUTOSAVE_WAIT_MS)

    def keep_draft_now(self, *, wait_ms: int | None = None) -> None:
        """Write the draft at once (synchronously: called as the process is about to end).
        Not once Ctrl+S or Escape has answered: that would bring a discarded draft back."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if self._keeper is not None and not self._answered:
            self._keeper.keep(self.text, self._original, wait_ms=wait_ms)

    def _close(self, result: str | None) -> None:
        self._answered = True
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        self.dismiss(result)

    def action_save(self) -> None:
        """The timeline screen writes the note, which ends the draft in the same transaction;
        if that write fails, it reopens the editor with the text (and this keeper)."""
        if self.text == self._original and self._keeper is not None:
            self._keeper.discard(always=True)  # nothing to write: no draft either
        self._close(self.text)

    def action_cancel(self) -> None:
        if self.text == self._original:
            if self._keeper is not None:
                self._keeper.discard(always=True)
            self._close(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                if self._keeper is not None:
                    self._keeper.discard(always=True)
                self._close(None)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?"), answered)

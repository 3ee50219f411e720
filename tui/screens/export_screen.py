"""Exporting the current view: pick a format, type a path, Enter writes it.

The file holds exactly what `counterpoint export` prints for the same filters.
An existing file is only replaced after a second Enter, and then only once the
new one is whole (the writer goes through `store.atomic_file`). A path that
cannot be a file (a missing folder, a directory, a device or pipe) is refused
before anything is asked or written; a write that fails (a full disk, no
permission) leaves the old file as it was. Either way the dialog says why, on
one line, and stays open with the path as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, RadioSet, Static

from store import StoreError
from store.atomic_file import check_destination
from store.plain_text import one_line

from ..widgets.marked_radio_button import MarkedRadioButton
from ..widgets.plain_input import PlainInput

FORMATS = (
    ("md", "Markdown brief"),
    ("csv", "CSV"),
    ("json", "JSON (the import format)"),
    ("annotations", "W3C Web Annotations (JSON-LD)"),
    ("plover", "PLOVER event records (JSON Lines)"),
)
DEFAULT_STEM = "counterpoint-brief"
SUFFIXES = {"md": "md", "csv": "csv", "json": "json", "annotations": "jsonld", "plover": "jsonl"}
"""Each format's file extension (JSON-LD for the annotations)."""

Writer = Callable[[str, Path], int]
"""(format, path) -> number of positions written; raises OSError or StoreError (whose
message says what failed and that the old file is unchanged)."""


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path written, or None when cancelled."""

    CSS_PATH = "export_screen.tcss"
    BINDING_GROUP_TITLE = "Export"
    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="export.write"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, describe: str, write: Writer, directory: Path | None = None) -> None:
        super().__init__()
        self._describe = describe
        self._write = write
        self._directory = directory or Path.cwd()
        self._confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text(f"Export the current view ({self._describe})", style="bold"))
            yield Label("Format (arrows, then Space)")
            with RadioSet(id="export-format"):
                for n, (_, label) in enumerate(FORMATS):
                    yield MarkedRadioButton(label, value=n == 0)
            yield Label("File, relative to the current directory (Enter writes)")
            yield PlainInput(f"{DEFAULT_STEM}.md", id="export-path")
            yield Static("", id="export-summary")
            yield Static("", id="export-message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self._summarise()

    def _summarise(self) -> None:
        """Say in words what will be written: the radio buttons differ only by colour."""
        label = dict(FORMATS)[self.format]
        path = self.query_one("#export-path", Input).value.strip() or "(no file name yet)"
        self.query_one("#export-summary", Static).update(
            Text(one_line(f"Will write: {label} to {path}"), style="italic")
        )

    def on_input_changed(self) -> None:
        self._summarise()

    @property
    def format(self) -> str:
        return FORMATS[self.query_one(RadioSet).pressed_index][0]

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Keep the file's extension in step with the format while it is ours."""
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        if path.stem == DEFAULT_STEM and path.suffix.lstrip(".") in SUFFIXES.values():
            path_input.value = str(path.with_suffix(f".{SUFFIXES[self.format]}"))
        self._summarise()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def _say(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Text(one_line(message), style="bold"))

    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say("Type a file name.")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self._directory / path
        try:
            destination = check_destination(path)
        except StoreError as exc:
            self._say(_sentence(str(exc)))
            return
        if destination.existing is not None and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            self._say(f"{path.name} exists. Press Enter again to replace it.")
            return
        try:
            count = self._write(self.format, path)
        except StoreError as exc:
            self._say(_sentence(str(exc)))
            return
        except OSError as exc:
            self._say(f"Cannot write {path}: {exc.strerror or exc}")
            return
        self.notify(one_line(f"Wrote {count} positions to {path}."), markup=False)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _sentence(message: str) -> str:
    """The store's one-line message ("cannot write …") as the dialog's sentence."""
    return message[:1].upper() + message[1:]

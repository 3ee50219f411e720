"""Exporting the current view: pick a format, type a path, Enter writes it.

The file holds exactly what `counterpoint export` prints for the same filters.
An existing file is only replaced after a second Enter, and then only once the
new one is whole (the writer goes through `store.atomic_file`). A path that
cannot be a file (a missing folder, a directory, a device or pipe) is refused
before anything is asked or written; a write that fails (a full disk, no
permission) leaves the old file as it was. Either way the dialog says why, on
one line, and stays open with the path as typed.

The file is written in a worker thread (`tui.export_job`): the dialog counts the
positions written of the total, and Escape stops the export, leaving no file (or the
old one as it was); a second Escape closes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, RadioSet, Static
from textual.worker import Worker, WorkerState

from store import StoreError
from store.atomic_file import check_destination
from store.plain_text import one_line

from ..export_job import ExportCancelled, ExportProgress
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

Writer = Callable[[str, Path, ExportProgress], int]
"""(format, path, progress) -> number of positions written, called in a worker thread;
raises ExportCancelled, OSError or StoreError (whose message says what failed and that
the old file is unchanged)."""


class Progressed(Message):
    """So many positions of the total are written (from the worker)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class Ended(Message):
    """The export is over: written (`path`, `count`) or not (`message` says why)."""

    def __init__(
        self, progress: ExportProgress, message: str, path: Path | None = None, count: int = 0
    ) -> None:
        super().__init__()
        self.progress = progress
        self.message = message
        self.path = path
        self.count = count


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
        self._writing: ExportProgress | None = None

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
        if self._writing is not None:
            return  # one export at a time; the message says how far it is
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
        kept = f"{path.name} is unchanged" if destination.existing else "nothing was written"
        self._writing = ExportProgress(
            lambda done, total: self.post_message(Progressed(done, total))
        )
        self._say("Writing… (Escape cancels)")
        self._write_in_worker(self.format, path, self._writing, kept)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write_in_worker(self, fmt: str, path: Path, progress: ExportProgress, kept: str) -> None:
        """Write, then say how it ended. Messages (`post_message` is safe from a thread and
        does not wait), so a worker still running while the app closes never blocks on it."""
        try:
            count = self._write(fmt, path, progress)
        except ExportCancelled:
            self.post_message(Ended(progress, f"Export cancelled: {kept}."))
        except StoreError as exc:
            self.post_message(Ended(progress, _sentence(str(exc))))
        except OSError as exc:
            self.post_message(Ended(progress, f"Cannot write {path}: {exc.strerror or exc}"))
        except Exception as exc:  # a failure nobody foresaw still ends the export, in words
            self.post_message(Ended(progress, f"Export failed: {exc}; {kept}."))
        else:
            self.post_message(Ended(progress, "", path=path, count=count))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed before its own handlers ran (it could not start) still
        ends the export in words, rather than leaving "Writing…" on screen."""
        writing = self._writing
        if event.worker.group == "export" and event.state is WorkerState.ERROR and writing:
            self._end(Ended(writing, f"Export failed: {event.worker.error}; nothing was written."))

    def on_progressed(self, event: Progressed) -> None:
        if self._writing is not None and not self._writing.cancelled:
            self._say(f"Writing {event.done:,} of {event.total:,} positions… (Escape cancels)")

    def on_ended(self, event: Ended) -> None:
        self._end(event)

    def _end(self, event: Ended) -> None:
        if self._writing is not event.progress:
            return  # an earlier export's last word
        self._writing = None
        if event.path is None:
            self._say(event.message)
            return
        self.notify(one_line(f"Wrote {event.count} positions to {event.path}."), markup=False)
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        """Stop the export being written, else close the dialog."""
        if self._writing is not None:
            self._writing.cancel()
            self._say("Cancelling…")
            return
        self.dismiss(None)

    def on_unmount(self) -> None:
        if self._writing is not None:  # the app is closing: leave no file behind
            self._writing.cancel()


def _sentence(message: str) -> str:
    """The store's one-line message ("cannot write …") as the dialog's sentence."""
    return message[:1].upper() + message[1:]

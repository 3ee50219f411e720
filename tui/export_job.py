"""An export written in a worker thread, that reports its progress and can be stopped.

The dialog's write ran on the event loop, so a brief of a large store froze the app
until the file was whole. It now runs in a thread worker on a connection of its own
(`Store.reader`, as the counts do): the timeline's page reads never queue behind the
export's statements, and `cancel` can `interrupt` a statement that is still running
(the brief's header, or a search, reads in SQL before the first page). Between pages
`advance` raises `ExportCancelled`; either way the exception leaves `open_atomically`,
which removes its temporary file, so a cancelled export leaves no file and the old one,
if any, as it was.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from store import Filter, Store
from store.atomic_file import open_atomically
from store.export import write_export


class ExportCancelled(Exception):
    """The person pressed Escape while the export was being written."""


class ExportProgress:
    """Shared by the dialog (which cancels) and the worker (which advances). `show` is
    called in the worker's thread with (written, total); it must hand over to the UI."""

    def __init__(self, show: Callable[[int, int], object]) -> None:
        self._show = show
        self._stop = threading.Event()
        self._reader: Store | None = None
        self.done = 0
        self.total = 0

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        """Stop at the next page, or now if a statement is running (from the UI thread)."""
        self._stop.set()
        reader = self._reader
        if reader is not None:
            with suppress(sqlite3.ProgrammingError):  # it finished and closed meanwhile
                reader.interrupt()

    def attach(self, reader: Store | None) -> None:
        self._reader = reader
        if reader is not None and self.cancelled:
            raise ExportCancelled

    def start(self, total: int) -> None:
        self.total = total
        self._check()
        self._show(0, total)

    def advance(self, written: int) -> None:
        self._check()
        self.done += written
        self._show(self.done, max(self.total, self.done))

    def _check(self) -> None:
        if self.cancelled:
            raise ExportCancelled


def export_to_file(
    store: Store, flt: Filter, fmt: str, path: Path, progress: ExportProgress
) -> int:
    """Write the export of `flt` to `path` (all or nothing) from a worker thread; how many
    positions it holds. ExportCancelled when cancelled (an interrupted statement is
    reported as that too); StoreError or OSError saying why a write failed."""
    reader = store.reader()
    try:
        progress.attach(reader)
        counts = reader.counts(flt)
        progress.start(counts.shown + counts.answers)
        with open_atomically(path) as out:
            return write_export(reader, flt, fmt, out, progress.advance)
    except sqlite3.OperationalError:
        if progress.cancelled:
            raise ExportCancelled from None
        raise
    finally:
        progress.attach(None)
        reader.close()

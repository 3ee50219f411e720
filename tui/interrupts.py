"""Ctrl+C during `counterpoint import`: the message always says what happened.

Python turns SIGINT into KeyboardInterrupt at whatever bytecode is running. One
raised just after `conn.commit()` returned made the CLI say "aborted", exit 130,
for an import that was in fact committed. While an import runs, the CLI handles
SIGINT with `ImportInterrupts` instead:

- until the import starts writing (opening the database, waiting for a pipe's
  writer, reading and validating the file) an interrupt stops it at once, as
  KeyboardInterrupt: nothing has been written, so nothing can be half done;
- once the write has begun, an interrupt is only recorded, and a running SQLite
  statement is told to stop (`Connection.interrupt`). The importer asks
  `cancelled()` while it writes and just before its commit, and rolls back; if the
  commit had already completed, the import stands and the CLI says so.

Whether the write has begun is read from the connection (a transaction is open,
or rows have changed since the import began), so the importer, which knows
nothing of signals, needs no hook for it. Only the main thread may set a signal
handler; elsewhere (a test calling the CLI from a thread) nothing is installed and
Ctrl+C behaves as it always did.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
from types import FrameType
from typing import Any

import click

INTERRUPTED_EXIT = 130  # 128 + SIGINT, what a shell reports for a command ended by Ctrl+C


class NothingImported(click.ClickException):
    """An import stopped by Ctrl+C before its commit: the database is as it was."""

    exit_code = INTERRUPTED_EXIT

    def __init__(self) -> None:
        super().__init__("interrupted: nothing was imported")


class ImportInterrupts:
    """A SIGINT handler for the span of one import (a context manager)."""

    def __init__(self) -> None:
        self.interrupted = False
        self.committed = False
        self._conn: sqlite3.Connection | None = None
        self._changes_before = 0
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> ImportInterrupts:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            # None: the old handler was not set from Python and cannot be put back as it was.
            previous = self._previous if self._previous is not None else signal.SIG_DFL
            signal.signal(signal.SIGINT, previous)
            self._installed = False

    def watch(self, conn: sqlite3.Connection) -> None:
        """The connection the import will write through (opened after the handler)."""
        self._changes_before = conn.total_changes
        self._conn = conn

    def mark_committed(self) -> None:
        """The import returned, so its transaction is committed: interrupts only count now."""
        self.committed = True

    def cancelled(self) -> bool:
        """For the importer: whether Ctrl+C has been pressed."""
        return self.interrupted

    def _writing(self) -> bool:
        if self.committed:
            return True
        conn = self._conn
        if conn is None:
            return False
        try:
            return conn.in_transaction or conn.total_changes != self._changes_before
        except sqlite3.ProgrammingError:  # closed: the import is over, one way or the other
            return True

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        """Raise nothing but the deliberate KeyboardInterrupt: this runs between any two
        bytecodes, the closing of the connection included."""
        self.interrupted = True
        if not self._writing():
            raise KeyboardInterrupt
        if self.committed or self._conn is None:
            return
        try:
            if self._conn.in_transaction:
                self._conn.interrupt()  # stops a statement now running; none running: no effect
        except sqlite3.ProgrammingError:
            pass  # closed meanwhile: nothing left to stop

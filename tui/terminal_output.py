"""Textual's Linux driver, made to survive the terminal going away under it.

When an SSH connection drops or tmux is killed, the terminal is hung up: from then on
every write to it fails (EIO). Textual writes from a background thread fed by a queue
of 30 writes; the first failed write ends that thread with a traceback, the queue then
fills, and the next write blocks the app's event loop for good, so the app never exits
and never gets to save anything (measured: with the terminal gone 20 s before SIGHUP
arrived, the app was still there 10 s after it). Here a failed write instead marks the
terminal gone, drops what follows, and tells the app once, which ends as on SIGHUP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver


class TerminalOutput:
    """The file Textual's writer thread writes to: the terminal until a write fails."""

    def __init__(self, file: IO[str], on_gone: Callable[[], None]) -> None:
        self._file = file
        self._on_gone = on_gone
        self.gone = False

    def write(self, text: str) -> None:
        if not self.gone:
            try:
                self._file.write(text)
            except OSError:
                self._lost()

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self._lost()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()

    def _lost(self) -> None:
        self.gone = True
        self._on_gone()


class HangupSafeDriver(LinuxDriver):
    """`LinuxDriver` writing through `TerminalOutput`; the app's `terminal_lost()` is
    called, in the event loop, when the terminal goes away."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        loop = asyncio.get_running_loop()

        def tell_the_app() -> None:  # from Textual's writer thread
            lost = getattr(app, "terminal_lost", None)
            if lost is not None:
                with suppress(RuntimeError):  # the loop is closed: the app has ended
                    loop.call_soon_threadsafe(lost)

        # `_file` is where Driver keeps its output (sys.__stderr__); the writer thread
        # that `start_application_mode` creates writes to it.
        self._file = TerminalOutput(self._file, tell_the_app)

"""Connections of their own for the timeline's background reads (counts, sentences,
the matrix), which a newer question or quitting can stop.

One SQLite connection runs one statement at a time. A worker counting on the app's
own connection made every page read of the main thread queue behind it (130 ms at a
million positions), and a count nobody wanted any more (the filter changed) ran to
its end. Quitting waited for it too: at ten million positions the sentence count of
the whole store takes half a minute. Here each worker reads on `Store.reader()`, a
connection of its own; starting a read of the same group, or `interrupt()`, stops
the one running (SQLite's `interrupt`, which makes its statement raise
"interrupted" in its thread, where `reading` turns that into a quiet return).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from store import Store, StoreError


class Interrupted(Exception):
    """A background read was stopped because its answer is no longer wanted."""


class BackgroundReads:
    """The readers of one screen's workers, by group."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._open: dict[str, Store] = {}
        self._lock = threading.Lock()

    @contextmanager
    def reading(self, group: str) -> Iterator[Store]:
        """A connection for one worker of `group` (in the worker's thread). A read of
        the same group still running is stopped first. An interruption raises
        `Interrupted` out of the block, for the worker to return quietly."""
        self.interrupt(group)
        try:
            reader = self._store.reader()
        except StoreError:  # the file went away: the app's own connection answers
            yield self._store
            return
        with self._lock:
            self._open[group] = reader
        try:
            yield reader
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise Interrupted(group) from exc
            raise
        finally:
            with self._lock:
                if self._open.get(group) is reader:
                    del self._open[group]
            reader.close()

    def interrupt(self, group: str | None = None) -> None:
        """Stop the read of `group` (every group's with None); from any thread."""
        with self._lock:
            readers = [r for g, r in self._open.items() if group is None or g == group]
        for reader in readers:
            with suppress(sqlite3.ProgrammingError):  # it closed meanwhile
                reader.interrupt()

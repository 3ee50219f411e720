"""Background reads on connections of their own: a newer read of the same group, or
quitting, stops the one running at once instead of waiting for its end."""

from __future__ import annotations

import threading
import time

import pytest

from store import Store
from tui.background_reads import BackgroundReads, Interrupted

ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT count(*) FROM n WHERE i < 0"
)
"""A statement that would run for ever: only an interrupt ends it."""


def endless_read(reads: BackgroundReads, group: str, outcome: list[object]) -> threading.Thread:
    started = threading.Event()

    def read() -> None:
        try:
            with reads.reading(group) as store:
                started.set()
                store.db.execute(ENDLESS).fetchall()
            outcome.append("finished")
        except Interrupted as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    assert started.wait(10)
    time.sleep(0.2)  # the statement is running
    return thread


def test_interrupt_stops_a_running_read_on_its_own_connection(store: Store):
    reads = BackgroundReads(store)
    outcome: list[object] = []
    thread = endless_read(reads, "counts", outcome)
    # the app's own connection is free meanwhile
    assert store.db.execute("SELECT count(*) FROM positions").fetchone()[0] > 0
    reads.interrupt()
    thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Interrupted)


def test_a_newer_read_of_the_same_group_stops_the_older(store: Store):
    reads = BackgroundReads(store)
    older: list[object] = []
    thread = endless_read(reads, "matrix", older)
    other: list[object] = []
    other_thread = endless_read(reads, "counts", other)  # another group: left alone
    with reads.reading("matrix") as reader:
        assert reader.db.execute("SELECT 1").fetchone()[0] == 1
    thread.join(10)
    assert isinstance(older[0], Interrupted)
    assert other == [] and other_thread.is_alive()
    reads.interrupt("counts")
    other_thread.join(10)
    assert isinstance(other[0], Interrupted)


def test_other_errors_are_not_taken_for_interruptions(store: Store):
    reads = BackgroundReads(store)
    with pytest.raises(Exception, match="no such table"), reads.reading("counts") as reader:
        reader.db.execute("SELECT * FROM no_such_table").fetchall()

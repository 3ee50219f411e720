"""Faults (issue 6): a killed import and two writers at once lose nothing.

The kill loop runs COUNTERPOINT_KILL_LOOPS times (default 5) on an import of
COUNTERPOINT_KILL_SIZE positions (default 5,000). The full case from issue 6 is

    COUNTERPOINT_KILL_LOOPS=50 COUNTERPOINT_KILL_SIZE=100000 .venv/bin/pytest tests/test_faults.py
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from seed.synth import synthetic_batches
from store import Store

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
LOOPS = int(os.environ.get("COUNTERPOINT_KILL_LOOPS", "5"))
SIZE = int(os.environ.get("COUNTERPOINT_KILL_SIZE", "5000"))


def import_file(tmp_path: Path, count: int) -> Path:
    documents, positions = [], []
    for docs, batch in synthetic_batches(count, seed=9):
        documents += [d.model_dump(mode="json") for d in docs]
        positions += [p.model_dump(mode="json") for p in batch]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"documents": documents, "positions": positions}), encoding="utf-8")
    return path


CONTENT_TABLES = (
    "documents",
    "positions",
    "position_actors",
    "position_topics",
    "position_places",
    "sources",
    "links",
    "notes",
    "bookmarks",
    "side_counts",
    "revisions",
)
TIMES = ("added_at", "at")
"""Columns that say when a row was written: two runs of the same import differ there."""


def checked_content(path: Path) -> str:
    """SQLite's and FTS5's integrity checks, then a digest of every row of every table."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for fts in ("positions_fts", "notes_fts"):  # raises if the index disagrees
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        digest = hashlib.sha256()
        for table in CONTENT_TABLES:
            names = [c[0] for c in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
            kept = ", ".join(n for n in names if n not in TIMES)
            for row in conn.execute(f"SELECT {kept} FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def test_an_import_killed_at_any_moment_leaves_all_old_or_all_new(
    seeded_path: Path, tmp_path: Path
):
    path = import_file(tmp_path, SIZE)
    old = checked_content(seeded_path)
    pristine = tmp_path / "pristine.db"
    shutil.copy(seeded_path, pristine)
    finished = tmp_path / "finished.db"
    shutil.copy(seeded_path, finished)
    started = time.monotonic()
    full = subprocess.run(
        [str(COUNTERPOINT), "import", "--db", str(finished), str(path)],
        capture_output=True,
        text=True,
    )
    assert full.returncode == 0, full.stderr
    duration = time.monotonic() - started
    new = checked_content(finished)
    rng = random.Random(6)
    outcomes = {"old": 0, "new": 0}
    for round_number in range(LOOPS):
        process = subprocess.Popen(
            [str(COUNTERPOINT), "import", "--db", str(seeded_path), str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Random moments spread over the whole import and a little past its end, so
        # some rounds land while it writes, some during the commit, some after it.
        time.sleep(duration * 1.2 * (round_number + rng.random()) / LOOPS)
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = checked_content(seeded_path)
        assert content in (old, new), "a killed import left a mixture"
        outcomes["old" if content == old else "new"] += 1
        for leftover in seeded_path.parent.glob(seeded_path.name + "-*"):
            leftover.unlink()  # the next round starts from the old file again
        shutil.copy(pristine, seeded_path)
    print(
        f"killed {LOOPS} imports of {SIZE} positions: {outcomes['old']} left the old "
        f"content, {outcomes['new']} the new"
    )
    assert sum(outcomes.values()) == LOOPS


WRITER = """
import sys
from store import Store
path, author, ids = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
with Store.open(path) as store:
    for n, position_id in enumerate(ids):
        store.set_note(position_id, author, f"note {n} by {author}")
"""


def test_two_processes_writing_notes_at_once_lose_none(tmp_path: Path):
    path = tmp_path / "notes.db"
    with Store.open(path, create=True) as store:
        from seed.synth import synthesise

        synthesise(store.db.conn, 1000, seed=2)
        ids = [row[0] for row in store.db.execute("SELECT id FROM positions ORDER BY id")]
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), author, ",".join(ids)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for author in ("alice", "bob")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    with Store.open(path) as store:
        rows = store.db.execute("SELECT author, count(*) FROM notes GROUP BY author").fetchall()
        assert dict(rows) == {"alice": 1000, "bob": 1000}
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

"""Faults (issue 6): a killed import and two writers at once lose nothing.

The kill loop runs COUNTERPOINT_KILL_LOOPS times (default 5) on an import of
COUNTERPOINT_KILL_SIZE positions (default 5,000). The full case from issue 6 is

    COUNTERPOINT_KILL_LOOPS=50 COUNTERPOINT_KILL_SIZE=100000 .venv/bin/pytest tests/test_faults.py
"""

from __future__ import annotations

import json
import os
import random
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
    path.write_text(json.dumps({"documents": documents, "positions": positions}),
                    encoding="utf-8")
    return path


def test_an_import_killed_at_any_moment_leaves_all_old_or_all_new(seeded_path: Path,
                                                                   tmp_path: Path):
    path = import_file(tmp_path, SIZE)
    with Store.open(seeded_path) as store:
        old = store.position_count()
    started = time.monotonic()
    full = subprocess.run([str(COUNTERPOINT), "import", "--db", str(tmp_path / "timing.db"),
                           str(path)], capture_output=True, text=True)
    assert full.returncode == 0, full.stderr
    duration = time.monotonic() - started
    rng = random.Random(6)
    outcomes = set()
    for _ in range(LOOPS):
        process = subprocess.Popen([str(COUNTERPOINT), "import", "--db", str(seeded_path),
                                    str(path)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        conn = sqlite3.connect(seeded_path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM positions").fetchone()[0]
        conn.close()
        assert count in (old, old + SIZE)
        outcomes.add(count)
        if count == old + SIZE:  # start the next round from the old content again
            with Store.open(seeded_path) as store:
                store.db.execute("DELETE FROM links WHERE source_id LIKE 'syn-%' "
                                 "OR target_id LIKE 'syn-%'")
                for table in ("position_actors", "position_topics", "position_places",
                              "sources"):
                    store.db.execute(f"DELETE FROM {table} WHERE position_id LIKE 'syn-%'")
                store.db.execute("DELETE FROM positions WHERE id LIKE 'syn-%'")
                store.db.conn.commit()
    assert outcomes  # every round checked


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
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), author,
                                 ",".join(ids)], stderr=subprocess.PIPE, text=True)
               for author in ("alice", "bob")]
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    with Store.open(path) as store:
        rows = store.db.execute("SELECT author, count(*) FROM notes GROUP BY author").fetchall()
        assert dict(rows) == {"alice": 1000, "bob": 1000}
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

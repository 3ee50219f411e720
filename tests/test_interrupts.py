"""Ctrl+C during `counterpoint import` (issue 10): what it prints is what happened.

Either nothing was imported ("counterpoint: interrupted: nothing was imported", exit
130, the database as it was) or all of it ("Imported …", exit 0, the new content),
whenever SIGINT comes. The loop sends SIGINT to a real `counterpoint import` at
moments spread over the whole import and just past its end. It runs
COUNTERPOINT_SIGINT_LOOPS rounds (default 4) of COUNTERPOINT_SIGINT_SIZE positions
(default 2,000); the long run is

    COUNTERPOINT_SIGINT_LOOPS=50 COUNTERPOINT_SIGINT_SIZE=100000 \\
        .venv/bin/pytest -s tests/test_interrupts.py -k any_moment
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from test_faults import checked_content, import_file

from store import Store, StoreError
from store.importer import import_records, validate_records
from tui.cli import main

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
LOOPS = int(os.environ.get("COUNTERPOINT_SIGINT_LOOPS", "4"))
SIZE = int(os.environ.get("COUNTERPOINT_SIGINT_SIZE", "2000"))
NOTHING = "counterpoint: interrupted: nothing was imported"
AFTER_COMMIT = "counterpoint: the interrupt came after the import was committed; the import stands."


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("COUNTERPOINT_DB", raising=False)


# One interrupt at a chosen moment, in-process -------------------------------------------
#
# signal.raise_signal runs the Python-level handler before it returns, so the
# interrupt lands exactly where the wrapper puts it.


def interrupt_then(function):
    def wrapper(*args, **kwargs):
        signal.raise_signal(signal.SIGINT)
        return function(*args, **kwargs)

    return wrapper


def then_interrupt(function):
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)
        return result

    return wrapper


def run_import(capsys: pytest.CaptureFixture[str], db: Path, path: Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["import", "--db", str(db), str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small_import(tmp_path: Path) -> Path:
    return import_file(tmp_path, 200)


def test_an_interrupt_while_validating_imports_nothing(
    capsys, monkeypatch: pytest.MonkeyPatch, seeded_path: Path, small_import: Path
):
    old = checked_content(seeded_path)
    monkeypatch.setattr("store.importer.validate_records", interrupt_then(validate_records))
    assert run_import(capsys, seeded_path, small_import) == (130, "", NOTHING + "\n")
    assert checked_content(seeded_path) == old


def test_an_interrupt_while_writing_rolls_back_and_says_so(
    capsys, monkeypatch: pytest.MonkeyPatch, seeded_path: Path, small_import: Path
):
    import store.importer as importer

    old = checked_content(seeded_path)
    monkeypatch.setattr(importer, "write_positions", interrupt_then(importer.write_positions))
    assert run_import(capsys, seeded_path, small_import) == (130, "", NOTHING + "\n")
    assert checked_content(seeded_path) == old


def test_an_interrupt_after_the_commit_reports_the_import(
    capsys, monkeypatch: pytest.MonkeyPatch, seeded_path: Path, small_import: Path, tmp_path: Path
):
    """The bug: a KeyboardInterrupt raised once commit() had returned said "aborted"."""
    finished = tmp_path / "finished.db"
    shutil.copy(seeded_path, finished)
    assert main(["import", "--db", str(finished), str(small_import)]) == 0
    new = checked_content(finished)
    monkeypatch.setattr("store.importer.import_records", then_interrupt(import_records))
    code, out, err = run_import(capsys, seeded_path, small_import)
    assert (code, err) == (0, AFTER_COMMIT + "\n")
    assert out.startswith(f"Imported {small_import}: ") and out.count("\n") == 1
    assert checked_content(seeded_path) == new


def test_the_importer_stops_writing_as_soon_as_it_is_cancelled(
    seeded_path: Path, small_import: Path
):
    """A true `cancelled()` aborts the statement being run: the write does not go on to
    its end first (asked every thousand SQLite instructions, hundreds of times here)."""
    from store.importer import load_import_file

    old = checked_content(seeded_path)
    asked = []

    def cancelled() -> bool:
        asked.append(None)
        return len(asked) >= 3  # not yet before BEGIN, nor at the first instructions

    with Store.open(seeded_path) as store:
        records = validate_records(store.db, load_import_file(small_import), "small")
        with pytest.raises(StoreError, match="interrupted"):
            import_records(store.db, records, cancelled)
        assert not store.db.conn.in_transaction
    assert len(asked) == 3
    assert checked_content(seeded_path) == old


# SIGINT to a real `counterpoint import` at moments spread over all of it --------------


def started(process: subprocess.Popen, db: Path) -> float:
    """When the command has opened the database: SQLite makes its -shm file then. The
    SIGINT handler is installed before that; an interrupt while Python itself is still
    starting is Python's, not the import's, and is not what this test is about."""
    shm = db.with_name(db.name + "-shm")
    deadline = time.monotonic() + 60
    while not shm.exists():
        assert process.poll() is None, "the import ended before it opened the database"
        assert time.monotonic() < deadline, "the import never opened the database"
        time.sleep(0.0005)
    return time.monotonic()


def test_an_interrupt_while_waiting_for_a_pipe_ends_the_wait(seeded_path: Path, tmp_path: Path):
    """A FIFO nobody writes: `import` waits in open(); Ctrl+C must end that wait."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    old = checked_content(seeded_path)
    process = subprocess.Popen(
        [str(COUNTERPOINT), "import", "--db", str(seeded_path), str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started(process, seeded_path)
    time.sleep(0.3)  # now blocked opening the FIFO
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err) == (130, "", NOTHING + "\n")
    assert checked_content(seeded_path) == old


def test_an_interrupt_at_any_moment_says_what_happened(seeded_path: Path, tmp_path: Path):
    path = import_file(tmp_path, SIZE)
    old = checked_content(seeded_path)
    assert not seeded_path.with_name(seeded_path.name + "-shm").exists()
    pristine = tmp_path / "pristine.db"
    shutil.copy(seeded_path, pristine)
    finished = tmp_path / "finished.db"
    shutil.copy(seeded_path, finished)
    full = subprocess.Popen(
        [str(COUNTERPOINT), "import", "--db", str(finished), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    begun = started(full, finished)
    out, err = full.communicate()
    duration = time.monotonic() - begun
    assert full.returncode == 0, err
    new = checked_content(finished)

    rng = random.Random(10)
    outcomes: Counter[str] = Counter()
    wrong = []
    for round_number in range(LOOPS):
        process = subprocess.Popen(
            [str(COUNTERPOINT), "import", "--db", str(seeded_path), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        begun = started(process, seeded_path)
        # Moments spread over the whole import and a little past its end, so rounds
        # land while it reads, validates, writes, commits and closes, and after.
        moment = duration * 1.2 * (round_number + rng.random()) / LOOPS
        time.sleep(max(0.0, begun + moment - time.monotonic()))
        process.send_signal(signal.SIGINT)
        out, err = process.communicate()
        content = checked_content(seeded_path)
        said = (process.returncode, out.strip()[:9], err.strip())
        if content == old:
            outcome = "old"
            right = said == (130, "", NOTHING)
        elif content == new:
            outcome = (
                "new, the interrupt reported after the commit"
                if err
                else "new, the interrupt after the command had finished"
            )
            right = said[:2] == (0, "Imported ") and err.strip() in ("", AFTER_COMMIT)
        else:
            outcome, right = "a mixture", False
        outcomes[outcome] += 1
        if not right:
            wrong.append(
                f"round {round_number} at {moment:.2f} s of {duration:.2f} s: "
                f"{outcome} content but exit {process.returncode}, "
                f"stdout {out.strip()[:40]!r}, stderr {err.strip()[-80:]!r}"
            )
        for leftover in seeded_path.parent.glob(seeded_path.name + "-*"):
            leftover.unlink()  # the next round starts from the old file again
        shutil.copy(pristine, seeded_path)
    print(
        f"interrupted {LOOPS} imports of {SIZE} positions ({duration:.1f} s each): "
        + ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items()))
    )
    assert not wrong, "\n".join(wrong)

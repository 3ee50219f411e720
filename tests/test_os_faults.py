"""Faults the operating system makes: a file that may not grow (a full disk), and
files a user who is not root may not read or write.

The disk is filled with RLIMIT_FSIZE, set in the child before `counterpoint` runs:
every write past the limit fails with EFBIG, as a full disk fails with ENOSPC, in
the database, its WAL and its shared memory alike, and no mount is needed.

Permissions are checked as a real non-root user: the test forks, and the child
drops to `nobody` (when the tests run as root, as here) before calling the CLI in
process. Everything the child needs is imported before the fork, so it reads no
module files as `nobody`.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pydantic  # noqa: F401  (imported before the fork: the child must not read modules)
import pytest
import sqlite_utils  # noqa: F401
from tui_helpers import last_notice

import store.models  # noqa: F401
from seed import position_records, seed
from store import Store
from tui.cli import main

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
GOOD = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")
NOBODY = 65534


def dump(path: Path) -> list[str]:
    """The database's content as SQL, to compare before and after."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return list(conn.iterdump())


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def bulk_file(directory: Path, count: int) -> Path:
    records = [
        {
            **copy.deepcopy(GOOD),
            "id": f"pk-bulk-{n}",
            "links": [],
            "summary": f"Bulk position {n} " + "padding " * 200,
        }
        for n in range(count)
    ]
    path = directory / "bulk.json"
    path.write_text(json.dumps({"positions": records}), encoding="utf-8")
    return path


def file_size_limit(limit: int) -> Callable[[], None]:
    def limit_in_child() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write past it fails, not kills
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_in_child


def test_an_import_onto_a_full_disk_fails_cleanly_and_changes_nothing(
    seeded_path: Path, tmp_path: Path
):
    bulk = bulk_file(tmp_path, 2000)
    before, main_file = dump(seeded_path), seeded_path.read_bytes()
    limit = seeded_path.stat().st_size + 256 * 1024
    result = subprocess.run(
        [str(COUNTERPOINT), "import", "--db", str(seeded_path), str(bulk)],
        capture_output=True,
        text=True,
        preexec_fn=file_size_limit(limit),
    )
    assert result.returncode == 1, result
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("counterpoint: ") and "nothing was" in result.stderr
    assert result.stdout == ""
    assert seeded_path.read_bytes() == main_file
    assert dump(seeded_path) == before and integrity(seeded_path) == "ok"
    # With room again, the same file imports: the failure left nothing in the way.
    again = subprocess.run(
        [str(COUNTERPOINT), "import", "--db", str(seeded_path), str(bulk)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    with Store.open(seeded_path) as opened:
        assert opened.position_count() == 41 + 2000


def as_nobody(
    argv: list[str] | Callable[[], int], *, keep_saved_root: bool = False
) -> tuple[int, str]:
    """Run the CLI (or `argv` itself, when it is a function) in a forked child as a user
    who is not root: (exit status, what it wrote to stderr). With `keep_saved_root`,
    root stays the saved user id, so the function may take root's rights back."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        code = 70
        # pytest has replaced sys.stdout and sys.stderr; click writes to whatever they are.
        sys.stderr = os.fdopen(write_end, "w", encoding="utf-8")
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        try:
            if os.geteuid() == 0:
                saved = 0 if keep_saved_root else NOBODY
                os.setgroups([])
                os.setresgid(NOBODY, NOBODY, saved)
                os.setresuid(NOBODY, NOBODY, saved)
            assert os.geteuid() != 0
            code = argv() if callable(argv) else main(argv)
        except BaseException as exc:
            sys.stderr.write(f"child failed: {exc!r}\n")
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as stderr:
        err = stderr.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory anyone may enter (pytest's own tmp_path is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="counterpoint-perm-"))
    directory.chmod(0o755)
    with Store.open(directory / "team.db", create=True) as opened:
        seed(opened)
    load_what_the_child_runs(directory)
    yield directory
    directory.chmod(0o755)
    shutil.rmtree(directory)


def load_what_the_child_runs(directory: Path) -> None:
    """Run each command the children run once, as ourselves, on a throw-away copy, so
    every module they import lazily is loaded before the fork: `nobody` may not be
    able to read this checkout or this Python's library (here, /root is private)."""
    scratch = directory / "scratch.db"
    shutil.copy(directory / "team.db", scratch)
    bulk = bulk_file(directory, 1)
    for argv in (["list"], ["note", "in-delegations", "x"], ["import", str(bulk)]):
        assert main([argv[0], "--db", str(scratch), *argv[1:]]) == 0
    for leftover in directory.glob("scratch.db*"):
        leftover.unlink()
    bulk.unlink()


def make_read_only(directory: Path, db: Path) -> None:
    """Readable, not writable, for whoever runs the child (its owner too, if not root)."""
    db.chmod(0o444)
    directory.chmod(0o555)


def test_a_database_nobody_may_read_is_one_line_and_untouched(shared_dir: Path):
    db = shared_dir / "team.db"
    db.chmod(0o000)
    before = db.read_bytes()
    for argv in (["list", "--db", str(db)], ["note", "--db", str(db), "in-delegations", "x"]):
        code, err = as_nobody(argv)
        assert code == 1, err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith("counterpoint: ") and "permission denied" in err.lower(), err
    assert db.read_bytes() == before


def test_a_database_only_readable_is_read_and_never_written(shared_dir: Path):
    db = shared_dir / "team.db"
    bulk = bulk_file(shared_dir, 3)
    make_read_only(shared_dir, db)
    before = dump(db)
    code, err = as_nobody(["list", "--db", str(db)])
    assert code == 0, err
    assert err == "India 12 · Pakistan 16 · other 13 — of 41 (no filters)\n", err
    code, err = as_nobody(["note", "--db", str(db), "in-delegations", "mine"])
    assert code == 1 and err.count("\n") == 1, err
    assert "read-only" in err, err
    code, err = as_nobody(["import", "--db", str(db), str(bulk)])
    assert code == 1 and err.count("\n") == 1 and "read-only" in err, err
    assert dump(db) == before


async def look_and_try_to_write(db: Path, after_open: Callable[[], None] = lambda: None) -> str:
    """Open the app on db, press b and a; say what the store, status line and app did."""
    from tui.app import CounterpointApp
    from tui.widgets.status_bar import StatusBar

    with Store.open(db) as opened:
        after_open()
        app = CounterpointApp(opened, author="nobody")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            status = str(app.screen.query_one(StatusBar).render())
            await pilot.press("b", "escape", "a")
            await pilot.pause()
            return f"{opened.read_only}|{status[:9]}|{len(app.screen_stack)}|{last_notice(app)}"


def root_again_if_saved() -> None:
    """Textual reads its stylesheets from this checkout, which `nobody` may not be able
    to read (CI may clone under /root); the store is already open by then."""
    if os.getresuid()[2] == 0:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)


def test_the_app_opens_a_database_it_may_not_write_read_only(shared_dir: Path):
    db = shared_dir / "team.db"
    # As root first, on a copy: the app can write there, and every module the app loads
    # lazily is loaded before the fork (nobody may not read this Python's library).
    writable = shared_dir / "copy.db"
    shutil.copy(db, writable)
    read_only, _status, screens, _said = asyncio.run(look_and_try_to_write(writable)).split("|")
    assert (read_only, screens) == ("False", "3")  # the note editor opened
    make_read_only(shared_dir, db)
    before = dump(db)

    def run() -> int:
        sys.stderr.write(asyncio.run(look_and_try_to_write(db, root_again_if_saved)) + "\n")
        return 0

    # The store is opened as nobody: the permission check and SQLite's read-only open
    # are nobody's. The app then runs on that connection, which cannot write.
    code, err = as_nobody(run, keep_saved_root=True)
    assert code == 0, err
    read_only, status, screens, said = err.rstrip("\n").split("|")
    assert (read_only, status, screens) == ("True", "READ-ONLY", "2"), err
    assert "is read-only for you, so" in said, err
    assert dump(db) == before


def test_a_database_in_a_folder_nobody_may_write_opens_read_only(shared_dir: Path):
    """As on a read-only mount: SQLite cannot create the `-shm` file a WAL database needs
    beside it, so `mode=ro` fails ("unable to open database file"); the store falls back
    to immutable mode, which needs nothing written."""
    db = shared_dir / "team.db"
    make_read_only(shared_dir, db)
    assert not list(shared_dir.glob("team.db-*")), "a -wal or -shm left would hide the case"
    before = db.read_bytes()
    code, err = as_nobody(["list", "--db", str(db)])
    assert code == 0, err
    assert err == "India 12 · Pakistan 16 · other 13 — of 41 (no filters)\n", err
    code, err = as_nobody(["note", "--db", str(db), "in-delegations", "mine"])
    assert code == 1 and err.count("\n") == 1 and "read-only" in err, err
    assert db.read_bytes() == before
    assert not list(shared_dir.glob("team.db-*"))


@pytest.mark.parametrize("version", [4, 6, 7])
def test_a_version_4_database_nobody_may_write_is_read_as_it_is(shared_dir: Path, version: int):
    """A shared file from an earlier Counterpoint on a read-only mount: it cannot be
    upgraded there, and need not be to be read (versions 4 and 6; 7 added status,
    context and revisions, shown there as every position active, none revised; 8 added
    grades and doubts, shown there as ungraded, none doubted)."""
    db = shared_dir / "team.db"
    db.unlink()
    shutil.copy(Path(__file__).parent / "fixtures" / f"schema-v{version}.sqlite", db)
    make_read_only(shared_dir, db)
    before = db.read_bytes()
    code, err = as_nobody(["list", "--db", str(db)])
    assert code == 0, err
    # Version 7's file holds a position carol coded and one alice retracted.
    counts = "Pakistan 17 · other 12" if version == 7 else "Pakistan 16 · other 13"
    assert err == f"India 11 · {counts} — of 40 (no filters)\n", err
    code, err = as_nobody(["show", "--db", str(db), "pk-delegation"])
    assert code == 0, err
    code, err = as_nobody(["history", "--db", str(db), "pk-delegation"])
    assert code == 0, err
    assert db.read_bytes() == before

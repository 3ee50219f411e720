"""The command as the tools beside it behave: `--version` says what it is and the schema
it writes; with no terminal the timeline says so and exits 2 instead of writing escape
codes into a pipe and waiting for keys."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from store.schema import SCHEMA_VERSION

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"


def test_version_names_the_schema_it_writes():
    done = subprocess.run(
        [str(COUNTERPOINT), "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.startswith("counterpoint ")
    assert done.stdout.strip().endswith(f"(database schema {SCHEMA_VERSION})")


def test_without_a_terminal_the_timeline_says_so_and_exits_2(seeded_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    done = subprocess.run(
        [str(COUNTERPOINT), "--db", str(seeded_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2
    assert done.stdout == "", "no escape codes into the pipe"
    [line] = done.stderr.splitlines()
    assert "needs a terminal" in line and "list" in line and "export" in line


def test_output_to_a_pipe_is_refused_too(seeded_path: Path):
    """Standard input a terminal, standard output a pipe: still no timeline."""
    leader, follower = os.openpty()
    try:
        env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
        done = subprocess.run(
            [str(COUNTERPOINT), "--db", str(seeded_path)],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 2 and done.stdout == ""
    assert "standard output is not one" in done.stderr

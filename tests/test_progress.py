"""Progress on long commands: a bar on stderr when it is a terminal, nothing otherwise."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"


def test_synth_is_silent_but_for_its_result_when_stderr_is_not_a_terminal(tmp_path: Path):
    done = subprocess.run(
        [str(COUNTERPOINT), "synth", "--db", str(tmp_path / "s.db"), "--count", "3000"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.startswith("Wrote 3000 positions") and "\x1b" not in done.stdout


def test_synth_draws_a_bar_on_a_terminal(tmp_path: Path):
    leader, follower = os.openpty()
    try:
        process = subprocess.Popen(
            [str(COUNTERPOINT), "synth", "--db", str(tmp_path / "s.db"), "--count", "20000"],
            stdout=subprocess.PIPE,
            stderr=follower,
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80"},
        )
        seen = b""
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                seen += os.read(leader, 65536)
        while select.select([leader], [], [], 0.2)[0]:
            seen += os.read(leader, 65536)
        out = process.stdout.read() if process.stdout else b""
    finally:
        os.close(leader)
        os.close(follower)
    assert process.returncode == 0
    assert b"synthesising" in seen and b"/20000" in seen
    assert out.startswith(b"Wrote 20000 positions")

"""Print how many cells tmux moves its cursor for each sample in `hostile_text.TMUX_WIDTHS`.

    .venv/bin/python tests/measure_tmux_widths.py

Each sample goes through `one_line` (as the app shows it), is printed with
printf in a fresh 120x10 tmux session under C.UTF-8, and `#{cursor_x}` is read
back. The script prints tmux's width, Rich's width as the app measures it, and
the recorded width, so `TMUX_WIDTHS` can be checked or re-recorded by hand.
Needs tmux; not part of the test run.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hostile_text import TMUX_WIDTHS
from rich.cells import cell_len

from store.plain_text import one_line
from tui.cell_widths import measure_like_tmux

SESSION = "counterpoint-widths"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def main() -> int:
    measure_like_tmux()
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    tmux(
        "new-session",
        "-d",
        "-s",
        SESSION,
        "-x",
        "120",
        "-y",
        "10",
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 bash --norc --noprofile",
    )
    time.sleep(0.5)
    mismatches = 0
    try:
        print(f"{'tmux':>5} {'rich':>5} {'recorded':>8}  sample")
        for sample, recorded in TMUX_WIDTHS.items():
            shown = one_line(sample)
            tmux(
                "send-keys", "-t", SESSION, "-l", f"clear; printf '%s' {shlex.quote(shown)}; read\n"
            )
            time.sleep(0.4)
            cursor = int(tmux("display", "-p", "-t", SESSION, "#{cursor_x}").strip())
            tmux("send-keys", "-t", SESSION, "Enter")
            time.sleep(0.2)
            rich = cell_len(shown)
            mismatches += cursor != rich or cursor != recorded
            print(f"{cursor:>5} {rich:>5} {recorded:>8}  {sample!r}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    print(tmux("-V").strip(), f"— {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run a Python module as `python -m` would, then write its peak resident memory.

    python bench/peak.py OUT_FILE -m tui --db X export ...

The peak (VmHWM, KiB) is written to OUT_FILE at exit. A child's peak as its parent
sees it (`wait4`'s ru_maxrss) counts the pages it shared with the parent before
`exec`, so a benchmark that had built a large list reported 300 MiB for an export
that used 60: the process measures itself instead.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def peak_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    out, flag, module, *args = sys.argv[1:]
    if flag != "-m":
        raise SystemExit("usage: peak.py OUT_FILE -m MODULE [ARGS...]")
    atexit.register(lambda: Path(out).write_text(str(peak_kib()), encoding="ascii"))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()

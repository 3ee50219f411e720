"""Whole processes against the tools an analyst would use instead, for bench/run.py.

- `counterpoint export --format json` against `sqlite3 -json` of the positions table,
  each writing a file (time, and the export's peak memory at two sizes);
- `counterpoint list -s WORD` against the `sqlite3` shell running the same full-text
  query and printing the same rows;
- the first screen in a real terminal (tmux at 80x24): Counterpoint, a bare Textual
  app showing one label, and VisiData opened on the same store's positions table
  (when `bench/cache/visidata` holds it: `python -m venv bench/cache/visidata &&
  bench/cache/visidata/bin/pip install visidata`). The clock runs from the tmux
  command until its screen shows the first rows (polled every few milliseconds).

Each pair takes turns, one process each per round, so a change in the machine's speed
during the run falls on both alike.
"""

from __future__ import annotations

import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VISIDATA = ROOT / "bench" / "cache" / "visidata" / "bin" / "vd"
BARE_APP = ROOT / "bench" / "bare_app.py"
PEAK = ROOT / "bench" / "peak.py"
HAVE_SQLITE_SHELL = shutil.which("sqlite3") is not None
"""The sqlite3 shell is a reference, not a dependency: without it (a new CI machine),
the ratios against it are left out and the report says so."""


def run_process(argv: list[str], out: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one process writing `out`. The peak
    is the process's own report when it is Counterpoint (`bench/peak.py`), else 0:
    what `wait4` says of a child counts pages it shared with this process."""
    peak_file = out.with_name(out.name + ".peak")
    argv = [str(peak_file) if part == PEAK_FILE else part for part in argv]
    started = time.perf_counter()
    with out.open("wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT)
        status = process.wait()
    seconds = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed (status {status})")
    peak = int(peak_file.read_text()) if peak_file.exists() else 0
    peak_file.unlink(missing_ok=True)
    return seconds, peak


PEAK_FILE = "{peak}"
"""Stands in a command line for the file its peak memory is written to."""


def counterpoint(db: Path, *args: str) -> list[str]:
    """`counterpoint --db DB ARGS`, reporting its own peak memory (bench/peak.py)."""
    return [sys.executable, str(PEAK), PEAK_FILE, "-m", "tui", "--db", str(db), *args]


def in_turns(commands: dict[str, list[str]], reps: int) -> dict[str, tuple[float, int]]:
    """name -> (median seconds, median peak RSS KiB), the commands taking turns."""
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(reps):
            for name, argv in commands.items():
                out = Path(tmp) / "out"
                elapsed, peak = run_process(argv, out)
                out.unlink()
                seconds[name].append(elapsed)
                peaks[name].append(peak)
    return {
        name: (statistics.median(seconds[name]), int(statistics.median(peaks[name])))
        for name in commands
    }


def export_json(db: Path, out: Path) -> list[str]:
    return counterpoint(db, "export", "--format", "json", "-o", str(out))


def sqlite_json(db: Path) -> list[str]:
    return ["sqlite3", "-json", str(db), "SELECT * FROM positions"]


def exports(large: Path, small: Path, reps: int) -> dict[str, tuple[float, int]]:
    """`export --format json` of the large and small stores and `sqlite3 -json` of the
    large one's positions table. The export writes its file with -o (atomically, as a
    user's would be); sqlite3's standard output goes to a file."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "export.json"
        commands = {
            "export large": export_json(large, target),
            "sqlite3 large": sqlite_json(large),
            "export small": export_json(small, target),
        }
        if not HAVE_SQLITE_SHELL:
            del commands["sqlite3 large"]
        return in_turns(commands, reps)


LIST_SQL = (
    "SELECT p.date_start, p.side, p.kind, p.credibility, p.id, p.summary FROM positions p "
    "JOIN positions_fts f ON f.rowid = p.rowid WHERE positions_fts MATCH '{word}' "
    "AND p.status = 'active' ORDER BY p.date_start, p.id"
)


def listings(db: Path, word: str, reps: int) -> tuple[dict[str, tuple[float, int]], int]:
    """`list -s WORD` against the sqlite3 shell printing the same rows; and how many."""
    sql = LIST_SQL.format(word=word)
    rows = int(
        subprocess.run(
            ["sqlite3", str(db), f"SELECT count(*) FROM ({sql})"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    timed = in_turns(
        {"list": counterpoint(db, "list", "-s", word), "sqlite3": ["sqlite3", str(db), sql]}, reps
    )
    return timed, rows


# First screens in tmux ----------------------------------------------------------------


def _screen(sock: str, name: str) -> str:
    return subprocess.run(
        ["tmux", "-S", sock, "capture-pane", "-p", "-t", name],
        capture_output=True,
        text=True,
    ).stdout


def first_screen(argv: list[str], ready: re.Pattern[str], env: dict[str, str]) -> float:
    """Seconds from starting `argv` in a fresh 80x24 tmux session until its screen
    matches `ready`."""
    with tempfile.TemporaryDirectory() as tmp:
        sock, name = str(Path(tmp) / "tmux.sock"), "bench"
        command = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command += " exec " + shlex.join(argv)
        started = time.perf_counter()
        subprocess.run(
            ["tmux", "-S", sock, "new-session", "-d", "-x", "80", "-y", "24", "-s", name, command],
            check=True,
        )
        try:
            deadline = started + 120
            while not ready.search(_screen(sock, name)):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{shlex.join(argv)} showed no first screen in 120 s")
                time.sleep(0.003)
            return time.perf_counter() - started
        finally:
            subprocess.run(["tmux", "-S", sock, "kill-server"], capture_output=True)


def first_screens(db: Path, reps: int) -> dict[str, float]:
    """name -> median seconds to the first screen, in a real terminal. Counterpoint
    opens fresh (not where a previous run left off), in a home of its own."""
    if shutil.which("tmux") is None:
        return {}
    with tempfile.TemporaryDirectory() as home:
        env = {
            "TERM": "xterm-256color",
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_STATE_HOME": f"{home}/state",
            "COUNTERPOINT_AUTHOR": "bench",
        }
        configs: dict[str, tuple[list[str], re.Pattern[str]]] = {
            "bare": ([sys.executable, str(BARE_APP)], re.compile("Counterpoint")),
            "counterpoint": (
                [sys.executable, "-m", "tui", "--db", str(db), "--fresh"],
                re.compile(r"[A-Z]{3}[1-6-] "),  # a row's kind code and grade
            ),
        }
        if VISIDATA.exists():
            configs["visidata"] = (
                [str(VISIDATA), str(db), "+:positions::"],
                re.compile(r"syn-0000000"),
            )
        times: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(reps):
            for name, (argv, ready) in configs.items():
                times[name].append(first_screen(argv, ready, env))
    return {name: statistics.median(values) for name, values in times.items()}

"""The scale benchmark: five ratios, each measured within one run of this script.

    .venv/bin/python bench/run.py          # 1,000 and 1,000,000 positions -> docs/performance.md
    .venv/bin/python bench/run.py --smoke  # tiny sizes, 2 repetitions: checks that it works

Stores are built with `counterpoint synth` (seed 1) into bench/cache/ and kept
between runs. Every figure is the median of at least 5 repetitions (2 with
--smoke). Ratios, not seconds, are the targets: this machine is shared and its
speed varies, but both sides of a ratio are measured in the same run.

1. start to first painted screen, large store ÷ a bare Textual app with one label
   (whole processes, headless at 80x24: interpreter start, imports, first frame;
   the project's bytecode compiled first, as after any first start; the
   configurations measured in turns, 11 times each);
2. one cursor step (j) and one page step, large ÷ small (the action plus drawing
   every visible line, as Textual would; the stores measured in turns, three rounds);
3. a topic filter plus a search term applied until the screen is drawn ÷ the SQL
   statements the app ran for it (recorded with a trace callback) run alone;
4. peak resident memory of the app after start and a walk (G, g, five pages,
   Tab), large ÷ small;
5. synth throughput (rows per second) ÷ a bare executemany of the same rows into
   the same schema (`--synth-count` positions, default 100,000).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seed.synth import DAYS, register_vocabulary, synthesise, synthetic_batches  # noqa: E402
from store import Filter, Store  # noqa: E402
from store.writer import INSERTS, rows_for, write_documents  # noqa: E402

CACHE = ROOT / "bench" / "cache"
DOC = ROOT / "docs" / "performance.md"
FIRST_PAINT = ROOT / "bench" / "first_paint.py"
SEARCH = "Geneva"
TOPIC = "kashmir"


@dataclass
class Ratio:
    number: int
    name: str
    value: float
    target: str
    detail: str

    @property
    def passed(self) -> bool:
        bound = float(self.target[2:].strip())
        return self.value <= bound if self.target.startswith("≤") else self.value >= bound


def store_of(count: int, dense_as: int | None = None) -> Path:
    """A synthetic store of `count` positions, built once and cached.

    `dense_as=N` packs the positions as densely in time as a store of N positions
    over twenty years: the same screenfuls, a smaller database.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    days = DAYS * count // dense_as if dense_as else DAYS
    path = CACHE / (f"synth-{count}-dense-as-{dense_as}.db" if dense_as else f"synth-{count}.db")
    if path.exists():
        with Store.open(path) as store:
            if store.position_count() == count:
                return path
        path.unlink()
    print(f"building {path.name} ...", file=sys.stderr, flush=True)
    with Store.open(path, create=True) as store:
        started = time.perf_counter()
        synthesise(store.db.conn, count, seed=1, days=max(days, 1))
        print(f"  {count} positions in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def median(values: list[float]) -> float:
    return statistics.median(values)


# 1 and 4: whole processes -----------------------------------------------------------


def startup_seconds(reps: int) -> float:
    """The interpreter's own start (python -c pass), to add to in-process times."""
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - started)
    return median(times)


SPREAD: dict[str, tuple[float, float]] = {}
"""Fastest and slowest start of each configuration, for the report: the noise behind ratio 1."""


def first_paints(
    configs: dict[str, list[str]], reps: int, interpreter: float
) -> dict[str, tuple[float, float]]:
    """name -> (median seconds from process start to first paint, median peak RSS KiB).

    The configurations take turns, one process each per round, so a change in the
    machine's speed during the run touches all of them alike.
    """
    paints: dict[str, list[float]] = {name: [] for name in configs}
    peaks: dict[str, list[int]] = {name: [] for name in configs}
    for _ in range(reps):
        for name, args in configs.items():
            result = subprocess.run(
                [sys.executable, str(FIRST_PAINT), *args],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            inside, rss = result.stdout.split()
            paints[name].append(interpreter + float(inside))
            peaks[name].append(int(rss))
    SPREAD.update({name: (min(times), max(times)) for name, times in paints.items()})
    return {name: (median(paints[name]), median(peaks[name])) for name in configs}


# 2 and 3: in-process, with the app running headless ---------------------------------


async def steps_and_filter(path: Path, reps: int) -> dict[str, list[float]]:
    from tui.app import CounterpointApp
    from tui.widgets.timeline_view import TimelineView

    def draw(view: TimelineView) -> None:
        for y in range(view.size.height):
            view.render_line(y)

    results: dict[str, list[float]] = {"step": [], "page": [], "apply": [], "sql": []}
    with Store.open(path) as store:
        app = CounterpointApp(store, author="bench")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen_stack[1]
            view = screen.query_one(TimelineView)
            for _ in range(max(reps, 5) * 10):
                started = time.perf_counter()
                view.action_cursor_down()
                draw(view)
                results["step"].append(time.perf_counter() - started)
            for _ in range(max(reps, 5)):
                started = time.perf_counter()
                view.action_page_down()
                draw(view)
                results["page"].append(time.perf_counter() - started)
            statements: list[str] = []
            for _ in range(reps):
                screen.apply(Filter(), "")
                await pilot.pause()
                statements.clear()
                store.db.conn.set_trace_callback(statements.append)
                started = time.perf_counter()
                screen.apply(Filter(topics=frozenset({TOPIC})), SEARCH)
                draw(view)
                results["apply"].append(time.perf_counter() - started)
                store.db.conn.set_trace_callback(None)
                replay = [
                    s
                    for s in statements
                    if s.lstrip().upper().startswith(("SELECT", "PRAGMA DATA_VERSION"))
                ]
                started = time.perf_counter()
                for sql in replay:
                    store.db.conn.execute(sql).fetchall()
                results["sql"].append(time.perf_counter() - started)
    return results


def in_turns(paths: dict[str, Path], reps: int, rounds: int) -> dict[str, dict[str, float]]:
    """steps_and_filter on each store in turn, `rounds` times over, then the median of all
    the repetitions of each: a slow minute on this shared machine then falls on every
    store alike instead of on whichever was being measured (sub-millisecond steps
    moved by half between runs measured one store after the other)."""
    raw: dict[str, dict[str, list[float]]] = {name: {} for name in paths}
    for _ in range(rounds):
        for name, path in paths.items():
            for metric, values in asyncio.run(steps_and_filter(path, reps)).items():
                raw[name].setdefault(metric, []).extend(values)
    return {
        name: {metric: median(values) for metric, values in metrics.items()}
        for name, metrics in raw.items()
    }


# 5: writing ---------------------------------------------------------------------------


def synth_against_bare(count: int, reps: int) -> tuple[float, float, float]:
    """(synth rows/s, bare executemany rows/s, bare rows/s without FTS triggers)."""
    synth, bare, bare_no_fts = [], [], []
    prepared = [
        (documents, rows_for(positions))
        for documents, positions in synthetic_batches(count, seed=1)
    ]
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            with Store.open(Path(tmp) / "synth.db", create=True) as store:
                started = time.perf_counter()
                synthesise(store.db.conn, count, seed=1)
                synth.append(count / (time.perf_counter() - started))
            for no_fts, sink in ((False, bare), (True, bare_no_fts)):
                with Store.open(Path(tmp) / f"bare-{no_fts}.db", create=True) as store:
                    conn = store.db.conn
                    register_vocabulary(conn)  # sides, topics, actors: not timed, as synth's
                    if no_fts:
                        for name in ("positions_ai", "positions_ad", "positions_au"):
                            conn.execute(f"DROP TRIGGER {name}")
                    started = time.perf_counter()
                    conn.execute("BEGIN")
                    for documents, rows in prepared:
                        write_documents(conn, documents)
                        for table, sql in INSERTS.items():
                            conn.executemany(sql, rows[table])
                    conn.commit()
                    sink.append(count / (time.perf_counter() - started))
    return median(synth), median(bare), median(bare_no_fts)


# Report -------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
        f"{memory:.0f} GiB; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "store", "tui", "seed", "bench"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        return head + (" (with uncommitted changes)" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def report(ratios: list[Ratio], small: int, large: int, reps: int) -> str:
    lines = [
        "# Performance",
        "",
        f"Measured by `bench/run.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}.",
        f"Machine: {machine()}.",
        f"Stores: {small:,} and {large:,} synthetic positions (`counterpoint synth --seed 1`).",
        f"Each figure is the median of {reps} or more repetitions, both sides of a ratio "
        "measured in the same run.",
        "",
        "| # | ratio | measured | target | met |",
        "|---|---|---|---|---|",
    ]
    for r in ratios:
        lines.append(
            f"| {r.number} | {r.name} | {r.value:.2f} | {r.target} | "
            f"{'yes' if r.passed else 'no'} |"
        )
    lines += ["", "What was measured:", ""]
    lines += [f"{r.number}. {r.detail}" for r in ratios]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Counterpoint's scale benchmark.")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny stores and 2 repetitions; writes no report"
    )
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--synth-count", type=int, default=100_000)
    args = parser.parse_args()
    small, large = (200, 2000) if args.smoke else (1_000, 1_000_000)
    reps = 2 if args.smoke else max(args.reps, 5)
    synth_count = 2000 if args.smoke else args.synth_count
    small_path, large_path = store_of(small), store_of(large)
    dense_path = store_of(small, dense_as=large)

    # Compile the project's bytecode first, as the first start on any machine does
    # (environments with PYTHONDONTWRITEBYTECODE would otherwise compile every time).
    compileall.compile_dir(str(ROOT / "store"), quiet=1)
    compileall.compile_dir(str(ROOT / "tui"), quiet=1)
    compileall.compile_dir(str(ROOT / "seed"), quiet=1)
    # Whole processes vary by a third from one start to the next here: more of them.
    paint_reps = reps if args.smoke else max(reps, 11)
    interpreter = startup_seconds(paint_reps)
    paints = first_paints(
        {
            "bare": ["--bare"],
            "large": ["--db", str(large_path)],
            "small": ["--db", str(small_path)],
            "small walk": ["--db", str(small_path), "--walk"],
            "large walk": ["--db", str(large_path), "--walk"],
        },
        paint_reps,
        interpreter,
    )
    bare_paint, bare_rss = paints["bare"]
    large_paint, small_paint = paints["large"][0], paints["small"][0]
    small_rss, large_rss = paints["small walk"][1], paints["large walk"][1]
    runs = in_turns(
        {"small": small_path, "dense": dense_path, "large": large_path},
        reps,
        rounds=1 if args.smoke else 3,
    )
    small_run, dense_run, large_run = runs["small"], runs["dense"], runs["large"]
    synth_rate, bare_rate, bare_no_fts_rate = synth_against_bare(synth_count, reps)

    ratios = [
        Ratio(
            1,
            f"start to first paint, {large:,} ÷ bare Textual app",
            large_paint / bare_paint,
            "≤ 1.5",
            f"First paint: {large_paint * 1000:.0f} ms on {large:,} positions, "
            f"{bare_paint * 1000:.0f} ms for a bare app showing one label (both including "
            f"{interpreter * 1000:.0f} ms of interpreter start); {small_paint * 1000:.0f} ms "
            f"on {small:,} positions (ratio to bare {small_paint / bare_paint:.2f}). "
            f"Fastest to slowest of the {paint_reps} starts: bare "
            f"{SPREAD['bare'][0] * 1000:.0f}–{SPREAD['bare'][1] * 1000:.0f} ms, "
            f"{large:,} {SPREAD['large'][0] * 1000:.0f}–{SPREAD['large'][1] * 1000:.0f} ms.",
        ),
        Ratio(
            2,
            f"cursor step (j), {large:,} ÷ {small:,} as dense",
            large_run["step"] / dense_run["step"],
            "≤ 1.2",
            f"One j with all visible lines drawn: {large_run['step'] * 1000:.2f} ms on "
            f"{large:,}; {dense_run['step'] * 1000:.2f} ms on {small:,} positions packed as "
            f"densely in time (the same kind of screenful); "
            f"{small_run['step'] * 1000:.2f} ms on {small:,} spread over twenty years, "
            f"where most rows hold one position (ratio to that "
            f"{large_run['step'] / small_run['step']:.2f}).",
        ),
        Ratio(
            2,
            f"page step, {large:,} ÷ {small:,} as dense",
            large_run["page"] / dense_run["page"],
            "≤ 1.2",
            f"One page down with the new lines drawn: {large_run['page'] * 1000:.2f} ms on "
            f"{large:,}, {dense_run['page'] * 1000:.2f} ms on {small:,} as dense, "
            f"{small_run['page'] * 1000:.2f} ms on {small:,} spread out (ratio to that "
            f"{large_run['page'] / small_run['page']:.2f}): drawing a full row costs more "
            "than drawing a mostly empty one, whatever the size of the database.",
        ),
        Ratio(
            3,
            f"topic + search applied and drawn ÷ its SQL alone ({large:,})",
            large_run["apply"] / large_run["sql"],
            "≤ 2",
            f"Topic {TOPIC} and search '{SEARCH}': {large_run['apply'] * 1000:.0f} ms "
            f"in the app, {large_run['sql'] * 1000:.0f} ms for the same SELECT statements "
            f"alone (on {small:,}: {small_run['apply'] * 1000:.1f} ms and "
            f"{small_run['sql'] * 1000:.1f} ms).",
        ),
        Ratio(
            4,
            f"peak memory, {large:,} ÷ {small:,}",
            large_rss / small_rss,
            "≤ 1.3",
            f"Peak resident memory after start and a walk: {large_rss / 1024:.1f} MiB on "
            f"{large:,}, {small_rss / 1024:.1f} MiB on {small:,} (a bare Textual app: "
            f"{bare_rss / 1024:.1f} MiB).",
        ),
        Ratio(
            5,
            "synth rows/s ÷ bare executemany rows/s",
            synth_rate / bare_rate,
            "≥ 0.7",
            f"{synth_count:,} positions: synth (generation included) {synth_rate:,.0f}/s; "
            f"a bare executemany of the same prepared rows into the same schema (whose FTS "
            f"triggers index row by row) {bare_rate:,.0f}/s; the same with the FTS "
            f"triggers dropped, so no search index at all, {bare_no_fts_rate:,.0f}/s "
            f"(synth ÷ that: {synth_rate / bare_no_fts_rate:.2f}).",
        ),
    ]
    text = report(ratios, small, large, reps)
    print(text)
    if not args.smoke:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""The scale benchmark: every ratio of issues 6 and 16, each measured within one run.

    .venv/bin/python bench/run.py                # 1,000 / 10,000 / 1,000,000 -> docs/performance.md
    .venv/bin/python bench/run.py --ten-million  # and 10,000,000 (not in CI: a long build)
    .venv/bin/python bench/run.py --smoke        # tiny sizes, 2 repetitions: checks that it works

Stores are built with `counterpoint synth` (seed 1) into bench/cache/ and kept
between runs. Every figure is the median of at least 5 repetitions (3 for whole
exports and imports, 2 with --smoke). Ratios, not seconds, are the targets: this
machine is shared and its speed varies, but both sides of a ratio are measured in
the same run, in turns.

1. start to first painted screen, large store ÷ a bare Textual app with one label
   (whole processes, headless at 80x24), and the first screen in a real tmux
   terminal against VisiData's on the same store (bench/peers.py);
2. one cursor step (j) and one page step, large ÷ small packed as densely;
3. a topic filter plus a search term applied until the first screenful is drawn ÷
   the SQL that reads that screenful (recorded with a trace callback, run alone);
   and until the counts are on the status line ÷ the cheapest exact count SQL;
4. peak resident memory of the app after start and a walk, large ÷ small;
5. the bulk path, synth and import, each in rows per second ÷ the floor
   (bench/loading.py);
6. `export --format json` ÷ `sqlite3 -json`, and its peak memory at 1,000,000 ÷
   at 10,000;
7. `list -s WORD` ÷ the sqlite3 shell printing the same rows.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import loading  # noqa: E402  (bench/, beside this script)
import peers  # noqa: E402

from seed.synth import DAYS, synthesise  # noqa: E402
from store import Filter, Store  # noqa: E402

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
        seconds = time.perf_counter() - started
        print(f"  {count} positions in {seconds:.1f} s", file=sys.stderr)
    built_in(path).write_text(json.dumps({"seconds": seconds, "commit": commit()}))
    return path


def built_in(path: Path) -> Path:
    """Where a cached store's build time is kept: a 10,000,000-position store takes
    many minutes to build, so its build is measured once, when it is built."""
    return path.with_name(path.name + ".build.json")


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

    results: dict[str, list[float]] = {
        "step": [],
        "page": [],
        "apply": [],
        "sql": [],
        "page_sql": [],
        "counted": [],
        "cheapest_count": [],
    }
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
            for _ in range(reps):
                screen.apply(Filter(), "")
                await pilot.pause()
                await settle(pilot, screen, sentences=True)
                statements: list[str] = []
                main_thread = threading.get_ident()

                def record(sql: str, into: list[str] = statements, main: int = main_thread) -> None:
                    if threading.get_ident() == main:  # not the counts' worker
                        into.append(sql)

                store.db.conn.set_trace_callback(record)
                started = time.perf_counter()
                screen.apply(Filter(topics=frozenset({TOPIC})), SEARCH)
                draw(view)
                drawn = time.perf_counter()
                results["apply"].append(drawn - started)
                store.db.conn.set_trace_callback(None)
                await settle(pilot, screen)
                results["counted"].append(time.perf_counter() - started)
                await settle(pilot, screen, sentences=True)
                selects = [
                    s
                    for s in statements
                    if s.lstrip().upper().startswith(("SELECT", "PRAGMA DATA_VERSION"))
                ]
                pages = [s for s in selects if "count(" not in s.lower()]
                for name, replay in (("sql", selects), ("page_sql", pages)):
                    started = time.perf_counter()
                    for sql in replay:
                        store.db.conn.execute(sql).fetchall()
                    results[name].append(time.perf_counter() - started)
                started = time.perf_counter()
                for sql, params in cheapest_counts(store):
                    store.db.conn.execute(sql, params).fetchall()
                results["cheapest_count"].append(time.perf_counter() - started)
    return results


async def settle(pilot, screen, *, sentences: bool = False) -> None:
    """Until the counts (and the search's count) are on the status line; with
    `sentences`, until the sentences behind them are too (the app is then quiet: no
    worker left to compete with the next measurement)."""
    deadline = time.perf_counter() + 300
    while (
        screen.counts.counting
        or screen.search_status.endswith("counting")
        or (sentences and screen.counts.shown and screen.counts.sentences is None)
    ):
        if time.perf_counter() > deadline:
            raise RuntimeError("the counts did not arrive within 300 s")
        await pilot.pause(0.001)


def cheapest_counts(store: Store) -> list[tuple[str, list[object]]]:
    """The least SQL that gives the counts the status line shows for topic + search:
    per side from the covering (topic, side, …) index alone, and the search's matches
    as the topic's rows whose rowid the full-text index matches (the fastest of the
    forms tried: joining from the full-text side took 3.5 s at 1M, this one 0.11 s).
    The bench stores retract nothing, so no status test is needed for these to be
    exact."""
    assert not store.db.execute("SELECT 1 FROM positions WHERE status = 'retracted'").fetchone()
    return [
        (
            "SELECT side, count(*) FROM position_topics WHERE topic = ? GROUP BY side",
            [TOPIC],
        ),
        (
            "SELECT count(*) FROM position_topics t JOIN positions p ON p.id = t.position_id "
            "WHERE t.topic = ? AND p.rowid IN "
            "(SELECT rowid FROM positions_fts WHERE positions_fts MATCH ?)",
            [TOPIC, SEARCH],
        ),
    ]


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


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:,.1f} MiB"


def built_seconds(path: Path) -> float | None:
    record = built_in(path)
    return json.loads(record.read_text())["seconds"] if record.exists() else None


def growth_table(sizes: list[int], growth: dict[str, dict[int, str]]) -> list[str]:
    """Each measure at each store size: how it grows from 10,000 to 10,000,000."""
    lines = [
        "| measure | " + " | ".join(f"{size:,}" for size in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for measure, by_size in growth.items():
        cells = [by_size.get(size, "not run") for size in sizes]
        lines.append(f"| {measure} | " + " | ".join(cells) + " |")
    return lines


COMMANDS = """\
Commands (from the project's root, after `make .venv/.installed`):

    .venv/bin/python bench/run.py                  # 1,000 / 10,000 / 1,000,000 -> this file
    .venv/bin/python bench/run.py --ten-million    # adds the 10,000,000 column (not in CI)
    .venv/bin/python bench/run.py --smoke          # tiny stores, 2 repetitions (CI runs this)

Stores are built once into bench/cache/ (`counterpoint synth --seed 1`) and kept; a
store's build time is recorded when it is built. VisiData is measured when
bench/cache/visidata holds it:

    python3 -m venv bench/cache/visidata && bench/cache/visidata/bin/pip install visidata
"""


def main() -> None:
    parser = argparse.ArgumentParser(description="Counterpoint's scale benchmark.")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny stores and 2 repetitions; writes no report"
    )
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--synth-count", type=int, default=100_000)
    parser.add_argument(
        "--ten-million",
        action="store_true",
        help="also measure a 10,000,000-position store (its build takes many minutes)",
    )
    args = parser.parse_args()
    small, mid, large = (200, 1000, 2000) if args.smoke else (1_000, 10_000, 1_000_000)
    huge = 20_000 if args.smoke else 10_000_000
    reps = 2 if args.smoke else max(args.reps, 5)
    few = 2 if args.smoke else 3  # whole exports and imports of a million: minutes each
    synth_count = 2000 if args.smoke else args.synth_count
    small_path, mid_path, large_path = store_of(small), store_of(mid), store_of(large)
    dense_path = store_of(small, dense_as=large)
    huge_path = store_of(huge) if args.ten_million else None

    # Compile the project's bytecode first, as the first start on any machine does
    # (environments with PYTHONDONTWRITEBYTECODE would otherwise compile every time).
    for package in ("store", "tui", "seed"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    # Whole processes vary by a third from one start to the next here: more of them.
    paint_reps = reps if args.smoke else max(reps, 11)
    interpreter = startup_seconds(paint_reps)
    configs = {
        "bare": ["--bare"],
        "large": ["--db", str(large_path)],
        "small": ["--db", str(small_path)],
        "mid": ["--db", str(mid_path)],
        "small walk": ["--db", str(small_path), "--walk"],
        "large walk": ["--db", str(large_path), "--walk"],
    }
    if huge_path:
        configs["huge"] = ["--db", str(huge_path)]
        configs["huge walk"] = ["--db", str(huge_path), "--walk"]
    paints = first_paints(configs, paint_reps, interpreter)
    bare_paint, bare_rss = paints["bare"]
    large_paint, small_paint = paints["large"][0], paints["small"][0]
    small_rss, large_rss = paints["small walk"][1], paints["large walk"][1]
    stores = {"small": small_path, "mid": mid_path, "dense": dense_path, "large": large_path}
    runs = in_turns(stores, reps, rounds=1 if args.smoke else 3)
    if huge_path:
        runs.update(in_turns({"huge": huge_path}, 2 if args.smoke else 3, rounds=1))
    small_run, dense_run, large_run = runs["small"], runs["dense"], runs["large"]
    rates = loading.measure(synth_count, few)
    exported = peers.exports(large_path, mid_path, few)
    listed, list_rows = (
        peers.listings(large_path, SEARCH, reps) if peers.HAVE_SQLITE_SHELL else ({}, 0)
    )
    screens = peers.first_screens(large_path, paint_reps)

    export_time, export_rss = exported["export large"]
    sqlite_json_time = exported.get("sqlite3 large", (0.0, 0))[0]
    ratios = [
        Ratio(
            1,
            f"start to first paint, {large:,} ÷ bare Textual app",
            large_paint / bare_paint,
            "≤ 1.15",
            f"First paint (headless, in a process of its own): {ms(large_paint)} on "
            f"{large:,} positions, {ms(bare_paint)} for a bare app showing one label (both "
            f"including {ms(interpreter)} of interpreter start); {ms(small_paint)} on "
            f"{small:,} positions (ratio to bare {small_paint / bare_paint:.2f}). "
            f"Fastest to slowest of the {paint_reps} starts: bare "
            f"{ms(SPREAD['bare'][0])}–{ms(SPREAD['bare'][1])}, "
            f"{large:,} {ms(SPREAD['large'][0])}–{ms(SPREAD['large'][1])}.",
        ),
    ]
    if "visidata" in screens:
        ratios.append(
            Ratio(
                1,
                f"first screen in tmux, {large:,}: Counterpoint ÷ VisiData",
                screens["counterpoint"] / screens["visidata"],
                "≤ 1",
                f"From the command to its first rows on an 80x24 tmux screen: Counterpoint "
                f"{ms(screens['counterpoint'])}, VisiData {ms(screens['visidata'])} (opened "
                f"on the same file's positions table, `vd FILE +:positions::`), a bare "
                f"Textual app {ms(screens['bare'])} (Counterpoint ÷ bare "
                f"{screens['counterpoint'] / screens['bare']:.2f}).",
            )
        )
    ratios += [
        Ratio(
            2,
            f"cursor step (j), {large:,} ÷ {small:,} as dense",
            large_run["step"] / dense_run["step"],
            "≤ 1.2",
            f"One j with all visible lines drawn: {ms(large_run['step'])} on {large:,}; "
            f"{ms(dense_run['step'])} on {small:,} positions packed as densely in time (the "
            f"same kind of screenful); {ms(small_run['step'])} on {small:,} spread over "
            f"twenty years (ratio to that {large_run['step'] / small_run['step']:.2f}).",
        ),
        Ratio(
            2,
            f"page step, {large:,} ÷ {small:,} as dense",
            large_run["page"] / dense_run["page"],
            "≤ 1.2",
            f"One page down with the new lines drawn: {ms(large_run['page'])} on {large:,}, "
            f"{ms(dense_run['page'])} on {small:,} as dense, {ms(small_run['page'])} on "
            f"{small:,} spread out (ratio to that {large_run['page'] / small_run['page']:.2f}).",
        ),
        Ratio(
            3,
            f"topic + search until the first screenful is drawn ÷ its page SQL ({large:,})",
            large_run["apply"] / large_run["page_sql"],
            "≤ 3",
            f"Topic {TOPIC} and search '{SEARCH}' applied until the window is drawn: "
            f"{ms(large_run['apply'])}; the SELECT statements that read the window's rows, "
            f"run alone: {ms(large_run['page_sql'])}; every statement the app ran before "
            f"drawing (the page and the counts that stop at √total which choose how to read "
            f"it): {ms(large_run['sql'])}. On {small:,}: {ms(small_run['apply'])} against "
            f"{ms(small_run['page_sql'])}.",
        ),
        Ratio(
            3,
            f"counts on the status line ÷ the cheapest exact count SQL ({large:,})",
            large_run["counted"] / large_run["cheapest_count"],
            "≤ 2",
            f"From applying topic + search until the per-side counts and the search's "
            f"count are on the status line: {ms(large_run['counted'])}. The cheapest SQL "
            f"giving the same numbers (per side from the covering topic index alone; the "
            f"search's matches from the full-text rowids joined to the topic): "
            f"{ms(large_run['cheapest_count'])}. The app also counts the answers shown "
            f"beside the matches, which that SQL does not.",
        ),
        Ratio(
            4,
            f"peak memory, {large:,} ÷ {small:,}",
            large_rss / small_rss,
            "≤ 1.3",
            f"Peak resident memory after start and a walk: {mib(large_rss)} on {large:,}, "
            f"{mib(small_rss)} on {small:,} (a bare Textual app: {mib(bare_rss)}).",
        ),
        Ratio(
            5,
            "bulk path rows/s ÷ the floor",
            rates.bulk / rates.floor,
            "≥ 0.5",
            f"{synth_count:,} positions. The floor: the same prepared rows executemany'd "
            f"into the same tables with every index and trigger dropped, then one FTS5 "
            f"rebuild: {rates.floor:,.0f}/s. The bulk path (`bulk_load` of generated "
            f"records, building their rows, deferring indexes, triggers and counts): "
            f"{rates.bulk:,.0f}/s.",
        ),
        Ratio(
            5,
            "synth rows/s ÷ the floor",
            rates.synth / rates.floor,
            "≥ 0.5",
            f"`synthesise` of {synth_count:,} positions, generation included: "
            f"{rates.synth:,.0f}/s.",
        ),
        Ratio(
            5,
            "import rows/s ÷ the floor",
            rates.imported / rates.floor,
            "≥ 0.5",
            f"`counterpoint import` of a JSON export of the same {synth_count:,} positions, "
            f"whole process (reading, validating, anchoring quotes, splitting the documents' "
            f"sentences, a revision per position): {rates.imported:,.0f}/s, peak "
            f"{mib(rates.import_rss_kib)}.",
        ),
        Ratio(
            6,
            f"export peak memory, {large:,} ÷ {mid:,}",
            export_rss / exported["export small"][1],
            "≤ 1.5",
            f"Peak resident memory of the export process: {mib(export_rss)} for {large:,} "
            f"positions, {mib(exported['export small'][1])} for {mid:,}.",
        ),
    ]
    if peers.HAVE_SQLITE_SHELL:
        ratios += [
            Ratio(
                6,
                f"export --format json ÷ sqlite3 -json ({large:,})",
                export_time / sqlite_json_time,
                "≤ 3",
                f"`counterpoint export --format json -o FILE` of {large:,} positions: "
                f"{export_time:.1f} s; `sqlite3 -json` of the positions table into a file: "
                f"{sqlite_json_time:.1f} s. {few} runs each, in turns.",
            ),
            Ratio(
                7,
                f"list -s {SEARCH} ÷ the sqlite3 shell ({large:,})",
                listed["list"][0] / listed["sqlite3"][0],
                "≤ 3",
                f"`counterpoint list -s {SEARCH}` printing {list_rows:,} rows into a file: "
                f"{ms(listed['list'][0])}; the sqlite3 shell running the same full-text query "
                f"in timeline order and printing the same rows: {ms(listed['sqlite3'][0])}.",
            ),
        ]
    else:
        print(
            "no sqlite3 shell: the export and list ratios against it are left out", file=sys.stderr
        )
    text = report(ratios, small, large, reps)

    sizes = [mid, large] + ([huge] if huge_path else [])
    growth: dict[str, dict[int, str]] = {
        "file size": {},
        "build (synth), recorded when built": {},
        "first paint (headless)": {mid: ms(paints["mid"][0]), large: ms(large_paint)},
        "cursor step (j)": {mid: ms(runs["mid"]["step"]), large: ms(large_run["step"])},
        "page step": {mid: ms(runs["mid"]["page"]), large: ms(large_run["page"])},
        "topic + search, first screenful": {
            mid: ms(runs["mid"]["apply"]),
            large: ms(large_run["apply"]),
        },
        "its page SQL alone": {mid: ms(runs["mid"]["page_sql"]), large: ms(large_run["page_sql"])},
        "counts on the status line": {
            mid: ms(runs["mid"]["counted"]),
            large: ms(large_run["counted"]),
        },
        "cheapest exact count SQL": {
            mid: ms(runs["mid"]["cheapest_count"]),
            large: ms(large_run["cheapest_count"]),
        },
        "peak memory after a walk": {large: mib(large_rss)},
        "export --format json": {
            mid: f"{exported['export small'][0]:.1f} s",
            large: f"{export_time:.1f} s",
        },
        "export peak memory": {mid: mib(exported["export small"][1]), large: mib(export_rss)},
    }
    for size, path in zip(sizes, [mid_path, large_path, huge_path], strict=False):
        assert path is not None
        growth["file size"][size] = mib(path.stat().st_size / 1024)
        seconds = built_seconds(path)
        growth["build (synth), recorded when built"][size] = (
            f"{seconds:.0f} s ({size / seconds:,.0f}/s)" if seconds else "not recorded"
        )
    if huge_path:
        huge_run = runs["huge"]
        for measure, key in (
            ("cursor step (j)", "step"),
            ("page step", "page"),
            ("topic + search, first screenful", "apply"),
            ("its page SQL alone", "page_sql"),
            ("counts on the status line", "counted"),
            ("cheapest exact count SQL", "cheapest_count"),
        ):
            growth[measure][huge] = ms(huge_run[key])
        growth["first paint (headless)"][huge] = ms(paints["huge"][0])
        growth["peak memory after a walk"][huge] = mib(paints["huge walk"][1])
        growth["export --format json"][huge] = "not run (about 15 minutes)"
    text += "\n## Growth with the store's size\n\n" + "\n".join(growth_table(sizes, growth))
    text += "\n\n" + COMMANDS
    print(text)
    if not args.smoke:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        kept = DOC.read_text(encoding="utf-8").split(BEYOND, 1) if DOC.exists() else []
        DOC.write_text(text + ("\n" + BEYOND + kept[1] if len(kept) == 2 else ""), "utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)


BEYOND = "## Beyond one SQLite file"
"""The hand-written part of docs/performance.md, kept when the measured part is rewritten."""


if __name__ == "__main__":
    main()

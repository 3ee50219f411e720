"""How long another analyst's write takes to show in an open app (issue 4: within 2 s).

Runs the app headless on a freshly seeded database in a temporary directory;
a second connection (as another process would) commits a note at varying
moments against the app's poll, and we time from the commit to the note's mark
being on the timeline. Prints every run, the median and the maximum.

    .venv/bin/python bench/live_refresh.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from seed import seed
from store import Store
from tui.app import CounterpointApp
from tui.widgets.timeline_view import TimelineView

TARGET = "pk-denies-attack"


async def _until(pilot, condition) -> None:
    while not condition():
        await pilot.pause(0.02)


async def measure(path: Path, runs: int) -> list[float]:
    times = []
    with Store.open(path) as store:
        app = CounterpointApp(store, author="me")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)
            view = app.screen_stack[1].query_one(TimelineView)
            for n in range(runs):
                await pilot.pause(0.137 * n)  # vary the phase against the poll
                with Store.open(path) as other:
                    other.set_note(TARGET, "colleague", f"note {n}")
                start = time.monotonic()
                await _until(pilot, lambda: TARGET in view.annotated)
                times.append(time.monotonic() - start)
                with Store.open(path) as other:
                    other.set_note(TARGET, "colleague", "")
                await _until(pilot, lambda: TARGET not in view.annotated)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "live.db"
    with Store.open(path, create=True) as store:
        seed(store)
    times = asyncio.run(measure(path, args.runs))
    print("seconds from another connection's commit to the mark on screen:")
    print("  runs:", " ".join(f"{t:.2f}" for t in times))
    print(f"  median {statistics.median(times):.2f}, max {max(times):.2f} (target: under 2)")


if __name__ == "__main__":
    main()

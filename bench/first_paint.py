"""One timed start of an app, for bench/run.py: prints seconds to first paint and peak memory.

    python bench/first_paint.py --bare             # a bare Textual app with one label
    python bench/first_paint.py --db PATH [--walk] # Counterpoint on PATH

Runs headless at 80x24. "First paint" is when the first frame with the timeline
(or the label) has been rendered. With --walk, the app then moves about (G, g,
page down five times, Tab) before peak resident memory (VmHWM) is read. Prints
one line: `first_paint_seconds peak_rss_kib`. Time is measured from the top of
this script; the parent adds interpreter start-up by timing the whole process.
"""

from __future__ import annotations

import argparse
import time

STARTED = time.perf_counter()

from peak import peak_kib  # noqa: E402  (bench/, beside this script)


def run_bare() -> float:
    from textual.app import App
    from textual.widgets import Label

    painted: list[float] = []

    class Bare(App[None]):
        def compose(self):
            yield Label("Counterpoint")

        def on_mount(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            painted.append(time.perf_counter() - STARTED)
            self.exit()

    Bare().run(headless=True, size=(80, 24))
    return painted[0]


def run_counterpoint(db: str, walk: bool) -> float:
    from store import Store
    from tui.app import CounterpointApp
    from tui.screens.timeline_screen import TimelineScreen
    from tui.widgets.timeline_view import TimelineView

    painted: list[float] = []
    original = TimelineScreen.on_mount

    def on_mount(screen: TimelineScreen) -> None:
        original(screen)
        screen.call_after_refresh(done, screen)

    def done(screen: TimelineScreen) -> None:
        painted.append(time.perf_counter() - STARTED)
        if walk:
            view = screen.query_one(TimelineView)
            view.action_last()
            view.action_first()
            for _ in range(5):
                view.action_page_down()
            view.action_other_side()
        screen.app.call_after_refresh(screen.app.exit)

    TimelineScreen.on_mount = on_mount  # type: ignore[method-assign]
    with Store.open(db) as store:
        CounterpointApp(store, author="bench").run(headless=True, size=(80, 24))
    return painted[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--db")
    parser.add_argument("--walk", action="store_true")
    args = parser.parse_args()
    seconds = run_bare() if args.bare else run_counterpoint(args.db, args.walk)
    print(f"{seconds:.6f} {peak_kib()}")


if __name__ == "__main__":
    main()

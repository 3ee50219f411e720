"""The monkey: seeded random keys on every screen over hostile and edge-of-range records.

The database holds the seed, the hostile text of `hostile_text.py` and the records of
`edge_records.py` (dates at the ends of the calendar and dates that are not dates,
100k-character summaries, a 2 MB document without full stops, a link to nothing),
written as another tool might. A `random.Random(seed)` draws a sequence of keys:
every key the app's screens and widgets bind, printable characters, the navigation
keys, and now and then a resize among 80x24, 120x40, 48x16 and 20x5. Keys that open a
screen are drawn often, so every screen is visited many times.

After each key the app must still be running (or, after q or Quit in the command
palette, have exited with status 0 and no exception, and then it is started again), and
every line on screen must be exactly the screen's width and terminal-safe
(`tui_helpers.assert_terminal_safe`). A failure names the seed, the key's index and the
last 20 keys, and the command that replays it: each seed runs on a database of its own
and workers finish before the next key, so a seed replays the same way.

CI runs seeds 4 and 5, 200 keys each (together they reach every screen, which the test
checks). The long run is in docs/reliability.md, for example:
    COUNTERPOINT_MONKEY_KEYS=5000 COUNTERPOINT_MONKEY_SEEDS=1,2,3,4 \
        .venv/bin/pytest -s tests/test_monkey.py
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import string
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from edge_records import add_edge_records
from hostile_text import add_hostile_records
from textual import events
from textual.command import CommandPalette
from textual.keys import _character_to_key, key_to_character
from textual.widgets import Input
from textual.worker import WorkerError, WorkerState
from tui_helpers import assert_terminal_safe

from seed import seed as seed_store
from store import Store
from tui.app import CounterpointApp
from tui.key_registry import binding_owners
from tui.screens.export_screen import ExportScreen
from tui.screens.timeline_screen import TimelineScreen

KEYS = int(os.environ.get("COUNTERPOINT_MONKEY_KEYS", "200"))
SEEDS = [int(seed) for seed in os.environ.get("COUNTERPOINT_MONKEY_SEEDS", "1,2").split(",")]
"""Seeds whose sequences together reach every screen (re-chosen when the bound keys
change, since the keys drawn change with them: 1,2 since issue 13 added A and F1)."""
SIZES = ((80, 24), (120, 40), (48, 16), (20, 5))
SIZE_WEIGHTS = (2, 3, 2, 1)
"""120x40 most often: only from 100 columns on is the inspector a side panel."""
HISTORY = 20
COVERAGE_KEYS = 400
"""From this many keys in all on, the sequences together must have reached every screen."""

BINDING_OWNERS = tuple(binding_owners(CounterpointApp))
"""Every class of ours that binds keys, found as the help finds them (no hand list)."""

OPENERS = {
    "c": 4,
    "f": 4,
    "a": 4,
    "e": 4,
    "question_mark": 3,
    "ctrl+p": 3,
    "slash": 4,
    "enter": 5,
    "i": 3,
    "D": 3,
}
"""Keys that open a screen (matrix, filters, note, export, help, palette, search,
inspector, documents; Enter on the documents opens the reader), drawn far more often
than the rest so that every screen is visited."""

CLOSERS = {"escape": 10, "ctrl+s": 3, "y": 2, "n": 1}
"""Keys that close a screen: Escape, and Ctrl+S, y and n for the note editor, whose
Escape asks whether to discard typed text."""

OTHER_KEYS = (
    "enter",
    "escape",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "space",
    "ctrl+p",
    "ctrl+s",
    "ctrl+r",
    "ctrl+c",
)
"""Besides the bound keys. Not ctrl+v: pasting a copied "/..." into the export dialog
would write outside the test's directory (see `safe_key`)."""

PRINTABLE = list(string.ascii_letters + string.digits + string.punctuation + " éभ印")
"""What an analyst types into a field (Latin, Devanagari, CJK)."""

QUIT = "q"
"""q quits from the timeline (and closes other screens): drawn rarely. After any exit (q,
or Quit from the command palette) the app must have exited cleanly, with status 0 and no
exception, and the monkey starts it again."""


def bound_keys() -> list[str]:
    keys = {
        key.strip()
        for owner in BINDING_OWNERS
        for binding in owner.BINDINGS
        for key in binding.key.split(",")
    }
    keys.discard(QUIT)
    return sorted(keys)


def key_sequence(seed: int, count: int) -> list[str]:
    """`count` keys drawn from `random.Random(seed)`; "resize:WxH" is a resize.

    Of every 100 keys, about: 3 resizes, 0.3 q, 24 screen openers, 15 closers, 30 other
    bound or navigation keys, 28 printable characters."""
    rng = random.Random(seed)
    ordinary = sorted({*bound_keys(), *OTHER_KEYS})
    openers, opener_weights = zip(*OPENERS.items(), strict=True)
    closers, closer_weights = zip(*CLOSERS.items(), strict=True)

    def resize() -> str:
        width, height = rng.choices(SIZES, SIZE_WEIGHTS)[0]
        return f"resize:{width}x{height}"

    draws = (
        (0.03, resize),
        (0.003, lambda: QUIT),
        (0.24, lambda: rng.choices(openers, opener_weights)[0]),
        (0.15, lambda: rng.choices(closers, closer_weights)[0]),
        (0.30, lambda: rng.choice(ordinary)),
        (1.0, lambda: rng.choice(PRINTABLE)),
    )
    keys = [resize()]  # the first size, too, is the seed's choice
    while len(keys) < count:
        roll = rng.random()
        for chance, draw in draws:
            if roll < chance:
                keys.append(draw())
                break
            roll -= chance
    return keys


def safe_key(app: CounterpointApp, key: str) -> str:
    """In the export dialog "/" and "~" become "-": the tests run as root here, and a
    typed absolute path ("/etc/x") or "~user/x" would be written outside tmp_path."""
    if isinstance(app.screen, ExportScreen) and key in ("slash", "/", "tilde", "~"):
        return "minus"
    return key


async def finish_workers(app: CounterpointApp) -> None:
    """Let every worker (the matrix's, the command palette's searches) finish before the
    next key, so that a seed replays the same way however busy the machine is. A worker
    that fails makes the app exit with status 1, which the monkey reports."""
    for worker in list(app.workers):
        if worker.state in (WorkerState.PENDING, WorkerState.RUNNING):
            with contextlib.suppress(WorkerError):  # cancelled, or failed: the app exits
                await worker.wait()


async def press(pilot, key: str) -> None:
    """Send one key as the terminal driver would, and let the app handle it.

    `Pilot.press` waits twice for the whole process to look idle (at least 20 ms each,
    and longer while the other core is busy): about 90 ms a key, measured here. This
    waits only until the screen and its widgets have handled what was queued (Pilot's
    own `_wait_for_screen`, before and after the workers finish: the app forwards the
    key to the focused widget's queue), and pauses fully only when the key opened or
    closed a screen, which must be laid out before its lines can be read."""
    app = pilot.app
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)  # "?" arrives as "question_mark", as Pilot sends it
    before = app.screen
    app.post_message(events.Key(key, key_to_character(key)))
    await pilot._wait_for_screen()
    await finish_workers(app)
    await pilot._wait_for_screen()
    while app.return_code is None and app.screen is not before:
        before = app.screen  # a worker may push a screen (the matrix) during the pause
        await pilot.pause()
    await drawn(app)


async def drawn(app: CounterpointApp, seconds: float = 5.0) -> None:
    """Wait until the screen has drawn every change, as its update timer does 60 times a
    second: lines read from the compositor before that can mix the old layout with the
    new one, which the terminal never receives. (Textual's private flags, read only.)"""
    deadline = time.monotonic() + seconds
    while app.return_code is None:
        screen = app.screen
        pending = {
            "layout": screen._layout_required,
            "scroll": screen._scroll_required,
            "repaint": screen._repaint_required,
            "dirty": list(screen._dirty_widgets),
        }
        if not any(pending.values()):
            return
        assert time.monotonic() < deadline, f"{screen} never finished drawing: {pending}"
        await asyncio.sleep(1 / 120)


def where(app: CounterpointApp) -> str:
    """A name for what is on screen, for the visit counts and the failure message."""
    screen = app.screen
    if isinstance(screen, TimelineScreen):
        if isinstance(app.focused, Input):
            return "search"
        return "timeline+inspector" if screen.panel.display else "timeline"
    if isinstance(screen, CommandPalette):
        return "palette"
    return type(screen).__name__


EVERY_SCREEN = {
    "timeline",
    "timeline+inspector",
    "InspectorScreen",
    "MatrixScreen",
    "FilterScreen",
    "NoteEditorScreen",
    "ExportScreen",
    "HelpScreen",
    "DocumentListScreen",
    "ReaderScreen",
    "palette",
    "search",
}


@dataclass
class Monkey:
    seed: int
    keys: list[str]
    index: int = 0
    restarts: int = 0
    seen: Counter = field(default_factory=Counter)
    size: tuple[int, int] = SIZES[0]
    pressing: bool = False
    """False while the app starts: a crash then is not the key's doing."""

    def describe(self, app: CounterpointApp, problem: str) -> str:
        upto = self.index + 1 if self.pressing else self.index
        first = max(0, upto - HISTORY)
        try:
            screen = where(app)
        except Exception:  # the app may be gone; the name is only a hint
            screen = "?"
        doing = (
            f"key #{self.index} ({self.keys[self.index]!r} on {screen}"
            if self.pressing
            else f"starting the app (before key #{self.index}"
        )
        return (
            f"monkey seed {self.seed}, {doing} at {self.size[0]}x{self.size[1]}, "
            f"after {self.restarts} restarts): {problem}\n"
            f"last keys: {self.keys[first:upto]}\n"
            f"replay: COUNTERPOINT_MONKEY_SEEDS={self.seed} "
            f"COUNTERPOINT_MONKEY_KEYS={self.index + 1} "
            f".venv/bin/pytest -x tests/test_monkey.py"
        )

    async def run(self, store: Store) -> None:
        """Press every key, starting the app again whenever q has closed it."""
        while self.index < len(self.keys):
            app = CounterpointApp(store, author="alice")
            self.pressing = False
            try:
                async with app.run_test(size=self.size, notifications=True) as pilot:
                    await self.drive(app, pilot)
            except AssertionError:
                raise
            except Exception as exc:
                raise AssertionError(self.describe(app, f"the app raised {exc!r}")) from exc
            if app.return_code is None:  # every key pressed, the app still running
                return
            assert app.return_code == 0, self.describe(app, f"exit status {app.return_code}")
            self.restarts += 1
            self.index += 1

    async def drive(self, app: CounterpointApp, pilot) -> None:
        assert_terminal_safe(app)
        self.pressing = True
        while self.index < len(self.keys):
            key = self.keys[self.index]
            if key.startswith("resize:"):
                width, height = (int(n) for n in key.removeprefix("resize:").split("x"))
                self.size = (width, height)
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                await drawn(app)
            else:
                await press(pilot, safe_key(app, key))
            if app.return_code is not None:
                # q, or Quit chosen in the command palette: `run` checks that the exit
                # was clean (status 0, no exception) and starts the app again.
                return
            self.seen[where(app)] += 1
            try:
                assert_terminal_safe(app)
            except AssertionError as exc:
                raise AssertionError(self.describe(app, str(exc))) from None
            self.index += 1


def edge_store(directory: Path) -> Store:
    """A new seeded database in `directory` with the hostile and the edge records."""
    directory.mkdir()
    path = directory / "counterpoint.db"
    with Store.open(path, create=True) as store:
        seed_store(store)
    store = Store.open(path)
    add_hostile_records(store, directory)
    add_edge_records(store)
    return store


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> Path:
    """The working directory and HOME are tmp_path (and XDG_DATA_HOME is under it), so
    whatever the export dialog or a screenshot from the command palette writes lands
    there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


async def test_random_keys_on_every_screen_keep_the_app_alive_and_whole(in_tmp: Path):
    """A sequence per seed, each on a database of its own (so that a seed replays alone
    as it ran); all the sequences together must have reached every screen."""
    seen: Counter = Counter()
    for seed in SEEDS:
        monkey = Monkey(seed, key_sequence(seed, KEYS))
        store = edge_store(in_tmp / f"seed-{seed}")
        start = time.monotonic()
        try:
            await monkey.run(store)
        finally:
            store.close()
        seconds = time.monotonic() - start
        seen += monkey.seen
        print(
            f"\nmonkey seed {seed}: {KEYS} keys in {seconds:.1f} s "
            f"({KEYS / seconds:.0f} keys/s), {monkey.restarts} restarts after a quit; "
            f"visits: {dict(monkey.seen)}"
        )
    if KEYS * len(SEEDS) >= COVERAGE_KEYS:  # a short replay need not reach every screen
        missed = EVERY_SCREEN - set(seen)
        assert not missed, f"monkey seeds {SEEDS} never reached {sorted(missed)}"

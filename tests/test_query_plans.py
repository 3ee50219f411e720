"""Every query the app runs is served by an index: none reads the positions table whole.

The app is driven through the timeline, counts, search, filters, jumps and the
matrix while SQLite's trace callback records each statement; each recorded
SELECT is then explained with EXPLAIN QUERY PLAN. A plan step that scans the
positions table without an index fails the test. (Aggregate counts walk a
covering index, which the plan says; that is allowed: counting needs every
matching entry, but never the table rows.)
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from store import Filter, Store
from tui.app import CounterpointApp
from tui.screens.matrix_screen import MatrixScreen

FULL_SCAN = re.compile(r"\bSCAN (p|positions)\b(?!.*\bINDEX\b)")


async def recorded_statements(path: Path) -> list[str]:
    statements: list[str] = []
    with Store.open(path) as store:
        store.db.conn.set_trace_callback(statements.append)
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("j", "G", "g", "tab", "pagedown", "pageup", "l", "h")
            await pilot.press("right_square_bracket", "left_square_bracket")
            await pilot.press("slash", *"Indus", "enter", "n", "N")
            await pilot.press("enter", "escape")  # inspector panel at 100 columns
            screen = app.screen_stack[1]
            screen.apply(
                Filter(topics=frozenset({"kashmir"}), annotated=True, bookmarked_by="alice"),
                "Trump",
            )
            await pilot.pause()
            screen.apply(Filter(actors=frozenset({"Tharoor"})), "")
            await pilot.pause()
            await pilot.press("x", "z", "z", "c")
            for _ in range(200):  # the matrix is computed in a worker thread
                if isinstance(app.screen, MatrixScreen):
                    break
                await pilot.pause(0.02)
            assert isinstance(app.screen, MatrixScreen)
            await pilot.press("escape", "b", "q")
        store.db.conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


async def test_no_query_scans_the_positions_table(seeded_path: Path):
    statements = await recorded_statements(seeded_path)
    assert len(statements) > 30  # the scenario really ran the app's queries
    conn = sqlite3.connect(seeded_path)
    full_scans = {}
    for sql in set(statements):
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        bad = [step for step in plan if FULL_SCAN.search(step)]
        if bad:
            full_scans[sql] = bad
    conn.close()
    assert full_scans == {}


def test_the_check_recognises_a_full_scan(seeded_path: Path):
    conn = sqlite3.connect(seeded_path)
    plan = [
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM positions p WHERE p.summary LIKE '%x%'"
        )
    ]
    conn.close()
    assert any(FULL_SCAN.search(step) for step in plan)

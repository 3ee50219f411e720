"""The coding desk on the timeline: retract with a reason, restore, and undo by keys,
each a revision; retracted positions leave the panes unless the filter asks for them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tui_helpers import put_cursor_on, timeline, view

from store import RevisionAction, Store
from tui.app import CounterpointApp
from tui.screens.reason_screen import ReasonScreen


@pytest.fixture
def app(store: Store) -> CounterpointApp:
    return CounterpointApp(store)


def shown(app: CounterpointApp) -> set[str]:
    return set(view(app).window.layout.places)


async def test_retract_then_undo_by_keys(app: CounterpointApp, store: Store):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await put_cursor_on(pilot, "pk-delegation")
        await pilot.press("R")
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press("enter")  # no reason: refused, the box stays
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"duplicate of another", "enter")
        await pilot.pause()
        assert store.get("pk-delegation").retracted
        assert "pk-delegation" not in shown(app)
        # The cursor stays where it was: on a neighbour in the same pane, not the top.
        near = view(app).current
        first = store.positions()[0][0]
        assert near is not None and near.side == "pakistan" and near.id != first.id
        assert abs((near.date_start - store.get("pk-delegation").date_start).days) <= 14
        assert store.history("pk-delegation")[-1].reason == "duplicate of another"
        await pilot.press("u")
        await pilot.pause()
        assert not store.get("pk-delegation").retracted
        assert "pk-delegation" in shown(app)
        assert [r.action for r in store.history("pk-delegation")][-2:] == [
            RevisionAction.RETRACT,
            RevisionAction.UNDO,
        ]
        await pilot.press("u")  # nothing more of this session's to undo
        await pilot.pause()
        assert store.history("pk-delegation")[-1].action is RevisionAction.UNDO


async def test_a_retracted_position_is_shown_marked_when_asked_and_restored_by_r(
    app: CounterpointApp, store: Store
):
    store.retract("pk-delegation", "testing", author="someone", origin="cli")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "pk-delegation" not in shown(app)
        screen = timeline(app)
        screen.filter = replace(screen.filter, include_retracted=True)
        await pilot.pause()
        assert "pk-delegation" in shown(app)
        await put_cursor_on(pilot, "pk-delegation")
        await pilot.press("R")
        await pilot.press("enter")  # restoring: the reason is optional
        await pilot.pause()
        assert not store.get("pk-delegation").retracted
        assert store.history("pk-delegation")[-1].action is RevisionAction.RESTORE

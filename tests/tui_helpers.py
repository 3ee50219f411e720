"""Helpers shared by the pilot tests: the timeline screen, its view, and moving the cursor."""

from __future__ import annotations

from tui.app import CounterpointApp
from tui.screens.timeline_screen import TimelineScreen
from tui.widgets.timeline_view import TimelineView


def timeline(app: CounterpointApp) -> TimelineScreen:
    screen = app.screen_stack[1]
    assert isinstance(screen, TimelineScreen)
    return screen


def view(app: CounterpointApp) -> TimelineView:
    return timeline(app).query_one(TimelineView)


async def put_cursor_on(pilot, position_id: str) -> None:
    assert view(pilot.app).select(position_id)
    await pilot.pause()

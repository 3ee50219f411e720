"""Wide mode (`w`): at 80x24 the lane under the cursor takes the width and the others
narrow to their marks, so a summary can be read in the pane: 40 characters or more."""

from __future__ import annotations

from tui_helpers import put_cursor_on, screen_lines, view

from store import Store
from store.plain_text import one_line
from tui.app import CounterpointApp
from tui.bands import Lane


def visible_summary(line: str, summary: str) -> int:
    """How many characters of `summary` the screen line shows (up to an ellipsis)."""
    text = one_line(summary)
    for length in range(len(text), 0, -1):
        if text[:length] in line:
            return length
    return 0


def shown_lengths(app: CounterpointApp, ids: list[str], store: Store) -> list[int]:
    lines = screen_lines(app, view(app).region)  # the panes, not the preview under them
    lengths = []
    for position_id in ids:
        summary = store.get(position_id).summary
        lengths.append(max(visible_summary(line, summary) for line in lines))
    return lengths


async def test_w_widens_the_cursors_lane_to_40_characters_of_summary(store: Store):
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await put_cursor_on(pilot, "in-attributes-attack")
        layout = view(app).window.layout
        first = [pid for pid, place in layout.places.items() if place.lane is Lane.FIRST]
        top = round(view(app).scroll_y)
        rows = view(app).size.height - 1  # under the header
        on_screen = [pid for pid in first if top <= layout.places[pid].row < top + rows]
        before = shown_lengths(app, on_screen, store)
        await pilot.press("w")
        await pilot.pause()
        after = shown_lengths(app, on_screen, store)
        assert max(before) < 20
        # Every row shows 40 characters of its summary, or all of a shorter one.
        assert all(
            a >= min(40, len(one_line(store.get(pid).summary)))
            for a, pid in zip(after, on_screen, strict=True)
        ), after
        # The other side narrows to its marks: kind code and grade still there.
        assert any("│▷⇄ DEN3" in line or "DEN3" in line for line in screen_lines(app))
        await pilot.press("tab")  # the cursor crosses: now that side is the wide one
        await pilot.pause()
        assert view(app).wide_lane is Lane.SECOND
        await pilot.press("w")
        await pilot.pause()
        assert view(app).wide_lane is None
        assert shown_lengths(app, on_screen[:1], store) == before[:1]

"""The history in the app: H on the timeline or in the inspector opens every revision of
the position, in the words of `counterpoint history`; the inspector says who coded it."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static
from tui_helpers import put_cursor_on, timeline, view

from store import Store
from tui.app import CounterpointApp
from tui.history_text import describe
from tui.screens.history_screen import HistoryScreen
from tui.screens.inspector_screen import InspectorScreen

POSITION = "pk-delegation"


def edit_summary(store: Store, summary: str, author: str = "bob") -> None:
    record = {**store.history(POSITION)[-1].after}
    record.pop("status"), record.pop("status_reason")
    store.edit_position(
        {**record, "summary": summary}, author=author, origin="cli", reason="clearer"
    )


def shown_text(screen: HistoryScreen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query(Static))


async def test_h_on_the_timeline_opens_the_history_and_escape_closes_it(store: Store):
    edit_summary(store, "Pakistan sends a delegation to four capitals")
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, POSITION)
        await pilot.press("H")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        text = shown_text(screen)
        for revision in store.history(POSITION):
            entry = describe(revision)
            assert entry.header in text
            assert all(line in text for line in entry.lines)
        assert "2 revisions; current status: active" in text
        await pilot.press("escape")
        assert app.screen is timeline(app)
        assert view(app).current is not None and view(app).current.id == POSITION


async def test_the_history_scrolls_with_j_and_k(store: Store):
    for n in range(6):
        edit_summary(store, f"Pakistan sends a delegation, wording {n}")
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, POSITION)
        await pilot.press("H")
        body = app.screen.query_one("#history-body", VerticalScroll)
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("j", "j", "j")
        assert body.scroll_y == 3
        await pilot.press("k")
        assert body.scroll_y == 2
        await pilot.press("H")  # H again closes it
        assert not isinstance(app.screen, HistoryScreen)


async def test_the_inspector_screen_says_who_coded_it_and_h_opens_the_history(store: Store):
    edit_summary(store, "Pakistan sends a delegation to four capitals", author="bob")
    provenance = store.provenance([POSITION])[POSITION]
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(90, 40)) as pilot:
        await put_cursor_on(pilot, POSITION)
        await pilot.press("enter")
        inspector = app.screen
        assert isinstance(inspector, InspectorScreen)
        lines = str(inspector.query_one("#detail-text", Static).render()).splitlines()
        assert f"History {provenance.describe()}" in lines
        assert "last edited by bob on" in provenance.describe()
        await pilot.press("H")
        assert isinstance(app.screen, HistoryScreen)
        assert "· bob · edit · cli — clearer" in shown_text(app.screen)
        await pilot.press("escape")
        assert app.screen is inspector


async def test_in_the_side_panel_the_line_shows_and_h_opens_the_cursors_history(store: Store):
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await put_cursor_on(pilot, POSITION)
        await pilot.press("enter")
        panel_text = str(timeline(app).query_one("#detail-text", Static).render())
        assert "History seeded on " in panel_text and "· 1 revision" in panel_text
        edit_summary(store, "Changed while the panel was open")  # read when H is pressed
        await pilot.press("H")
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.position.id == POSITION
        assert '"Changed while the panel was open"' in shown_text(screen)


async def test_a_position_without_revisions_shows_no_history_line(store: Store):
    store.db.execute("DELETE FROM revisions WHERE position_id = ?", [POSITION])
    store.db.conn.commit()
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(90, 40)) as pilot:
        await put_cursor_on(pilot, POSITION)
        await pilot.press("enter")
        text = str(app.screen.query_one("#detail-text", Static).render())
        assert "History" not in text
        await pilot.press("H")
        assert "0 revisions; current status: active" in shown_text(app.screen)
        assert "No revisions recorded" in shown_text(app.screen)

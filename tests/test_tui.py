"""Pilot tests: the timeline used the way an analyst uses it, keyboard only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_answers import neighbours
from textual.widgets import Input, SelectionList, Static
from tui_helpers import put_cursor_on, timeline, view

from seed import position_records
from store import Filter, Store
from tui.app import CounterpointApp
from tui.bands import Lane, Zoom
from tui.key_registry import binding_owners
from tui.screens.filter_screen import FilterScreen
from tui.screens.help_screen import HelpScreen, binding_rows
from tui.screens.inspector_screen import InspectorScreen
from tui.screens.timeline_screen import TimelineScreen
from tui.widgets.position_detail import PositionDetail
from tui.widgets.preview_bar import PreviewBar
from tui.widgets.status_bar import StatusBar

SEED = {r["id"]: r for r in position_records()}


@pytest.fixture
def app(store: Store) -> CounterpointApp:
    return CounterpointApp(store)


def current(app: CounterpointApp) -> str:
    position = view(app).current
    assert position is not None
    return position.id


def status(app: CounterpointApp) -> str:
    return str(timeline(app).query_one(StatusBar).render())


async def test_first_screen_counts_every_side(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status(app).startswith("India 12/15s · Pakistan 16/14s · other 13/16s — of 41")
        assert "no filters" in status(app)
        assert current(app) == "in-attributes-attack"  # India's first position
        assert str(timeline(app).query_one(PreviewBar).render()).startswith("INDIA ALG")


def side_order(side: str) -> list[str]:
    """A side's ids in timeline order, as the seed file says they should be."""
    return [
        i for _, i in sorted((r["date_start"], r["id"]) for r in SEED.values() if r["side"] == side)
    ]


async def test_j_and_k_move_within_the_side_in_date_order(app):
    india = side_order("india")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert current(app) == india[1]
        await pilot.press("j", "down")
        assert current(app) == india[3]
        await pilot.press("k", "up")
        assert current(app) == india[1]
        assert view(app).cursor.lane is Lane.FIRST


async def test_g_G_home_end_and_pages(app):
    india = side_order("india")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G")
        assert current(app) == india[-1]
        await pilot.press("g")
        assert current(app) == india[0]
        await pilot.press("end")
        assert current(app) == india[-1]
        await pilot.press("home", "pagedown")
        after_page = india.index(current(app))
        assert after_page > 1  # a page is many rows, not one step
        await pilot.press("pageup")
        assert india.index(current(app)) < after_page - 1
        await pilot.press("pageup")
        assert current(app) == india[0]


async def test_tab_crosses_to_the_other_side_at_the_same_date(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-attributes-attack")  # 23 Apr
        await pilot.press("tab")
        assert current(app) == "pk-denies-attack"  # also from 23 Apr
        assert view(app).cursor.lane is Lane.SECOND
        await pilot.press("shift+tab")
        assert current(app) == "in-attributes-attack"
        await pilot.press("l")  # no third party on 23 Apr, so l goes on to Pakistan
        assert current(app) == "pk-denies-attack"
        await pilot.press("h")
        assert current(app) == "in-attributes-attack"


async def test_the_other_side_marks_where_tab_will_land(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-delegations")  # 21-24 May: nothing from Pakistan
        ghosts = view(app)._ghosts()
        assert len(ghosts) == 1
        ghost = next(iter(ghosts))
        marked = view(app).window.layout.position_at(ghost)
        await pilot.press("tab")
        assert current(app) == marked.id
        assert marked.side == "pakistan"


async def test_lane_keys_reach_third_parties_in_the_same_band(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-iwt-condition")  # 28 May band has reporter commentary
        await pilot.press("l")
        assert view(app).cursor.lane is Lane.OTHER
        assert view(app).current.side == "other"
        await pilot.press("l")
        assert view(app).cursor.lane is Lane.SECOND


async def test_link_key_jumps_from_the_accusation_to_the_denial_and_back(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-attributes-attack")
        await pilot.press("right_square_bracket")
        assert current(app) == "pk-denies-attack"
        await pilot.press("left_square_bracket")
        assert current(app) == "in-attributes-attack"
        await pilot.press("o")
        assert current(app) == "pk-denies-attack"
        await pilot.press("o")  # the denial's only link leads back
        assert current(app) == "in-attributes-attack"


async def test_search_marks_matches_and_n_N_step_through_them(app, store: Store):
    expected = [p.id for p in store.positions(Filter(text="Indus"))[0]]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"Indus")
        await pilot.press("enter")
        assert view(app).matches == frozenset(expected)
        assert f"/Indus: {len(expected)} matches, n/N" in status(app)
        seen = [current(app)]
        for _ in range(len(expected) - 1):
            await pilot.press("n")
            seen.append(current(app))
        assert sorted(seen) == sorted(expected)
        await pilot.press("n")
        assert current(app) == seen[0]  # wraps
        await pilot.press("N")
        assert current(app) == seen[-1]


async def test_search_that_is_not_fts_syntax_says_so(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"NEAR(", "enter")
        assert "not FTS5 syntax, searched as words" in status(app)


async def test_escape_cancels_the_search_box(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "x", "escape")
        assert not timeline(app).query_one("#search", Input).display
        assert timeline(app).search_text == ""
        assert app.focused is view(app)


async def open_filters(pilot) -> FilterScreen:
    await pilot.press("f")
    screen = pilot.app.screen
    assert isinstance(screen, FilterScreen)
    return screen


@pytest.mark.parametrize(
    "widget_id, value, expected",
    [
        ("filter-sides", "pakistan", lambda r: r["side"] == "pakistan"),
        ("filter-kinds", "denial", lambda r: r["kind"] == "denial"),
        ("filter-topics", "indus_waters_treaty", lambda r: "indus_waters_treaty" in r["topics"]),
        ("filter-actors", "shashi-tharoor", lambda r: "Shashi Tharoor" in r["actors"]),
        (
            "filter-documents",
            "000_94edd1293f8f187e",
            lambda r: any(s["document"] == "000_94edd1293f8f187e" for s in r["sources"]),
        ),
    ],
)
async def test_each_filter_of_the_panel(app, widget_id, value, expected):
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_filters(pilot)
        panel.query_one(f"#{widget_id}", SelectionList).select(value)
        await pilot.press("ctrl+s")
        await pilot.pause()
        wanted = {i for i, r in SEED.items() if expected(r)}
        store = timeline(app).store
        # The matches, and beside them their direct answers (on by default).
        assert set(view(app).window.layout.places) == wanted | neighbours(store, wanted)
        counts = store.counts(timeline(app).filter)
        assert counts.shown == len(wanted)


async def test_filter_panel_by_keyboard_alone(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_filters(pilot)
        await pilot.press("down", "space")  # Side: Pakistan
        await pilot.press("tab", "tab", "space")  # Topic: first entry (Terrorism)
        await pilot.press("ctrl+s")
        flt = timeline(app).filter
        assert flt.sides == {"pakistan"} and flt.topics == {"terrorism"}
        assert "side Pakistan; topic Terrorism" in status(app)


async def test_date_range_typed_in_the_panel(app):
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_filters(pilot)
        panel.query_one("#filter-dates", Input).value = "2025-04-01..2025-04-30"
        await pilot.press("ctrl+s")
        wanted = {
            i
            for i, r in SEED.items()
            if r["date_start"] <= "2025-04-30" and r["date_end"] >= "2025-04-01"
        }
        store = timeline(app).store
        assert set(view(app).window.layout.places) == wanted | neighbours(store, wanted)


async def test_an_unreadable_date_range_keeps_the_panel_open(app):
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_filters(pilot)
        panel.query_one("#filter-dates", Input).value = "sometime"
        await pilot.press("ctrl+s")
        assert app.screen is panel
        assert "cannot read 'sometime'" in str(panel.query_one("#filter-error", Static).render())
        await pilot.press("escape")
        assert timeline(app).filter.is_empty


async def test_x_clears_filters_and_search(app):
    async with app.run_test(size=(80, 24)) as pilot:
        timeline(app).filter = Filter(sides=frozenset({"india"}))
        timeline(app).search_text = "Indus"
        await pilot.pause()
        await pilot.press("x")
        assert timeline(app).filter.is_empty
        assert view(app).matches == frozenset()
        assert status(app).startswith("India 12/15s · Pakistan 16/14s · other 13/16s")


async def test_an_empty_result_says_so_and_how_to_clear_it(app):
    async with app.run_test(size=(80, 24)) as pilot:
        timeline(app).filter = Filter(
            sides=frozenset({"india"}), topics=frozenset({"nuclear_risk"})
        )
        await pilot.pause()
        empty = timeline(app).query_one("#empty", Static)
        assert empty.display and not view(app).display
        assert "Press x to clear them" in str(empty.render())
        await pilot.press("escape")
        assert view(app).display and not empty.display


async def test_zoom_cycles_day_week_month(app):
    async with app.run_test(size=(80, 24)) as pilot:
        day_rows = view(app).layout_rows
        await pilot.press("z")
        assert timeline(app).zoom is Zoom.WEEK and "zoom week" in status(app)
        week_rows = view(app).layout_rows
        await pilot.press("z")
        assert timeline(app).zoom is Zoom.MONTH
        assert view(app).layout_rows < week_rows <= day_rows
        await pilot.press("z")
        assert timeline(app).zoom is Zoom.DAY
        assert current(app) == "in-attributes-attack"  # the cursor stays put


async def test_help_lists_every_binding(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = binding_rows(app, app.screen.groups)
        owners = binding_owners(CounterpointApp)
        assert len(rows) == sum(len(o.BINDINGS) for o in owners if o.BINDING_GROUP_TITLE)
        assert ("Timeline", "tab", "Other side") in rows
        assert ("Everywhere", "^p", "Command palette") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)


async def test_narrow_inspector_is_a_screen_and_escape_returns_to_the_same_cursor(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-suspends-iwt")
        await pilot.press("enter")
        assert isinstance(app.screen, InspectorScreen)
        text = str(app.screen.query_one("#detail-text", Static).render())
        assert "its suspension of the Indus Waters Treaty as a necessary response" in text
        assert "India defends its suspension" in text  # the surrounding sentence
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)
        assert current(app) == "in-suspends-iwt"


async def test_following_a_link_from_the_inspector(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "in-attributes-attack")
        await pilot.press("i")
        await pilot.press("down", "enter")  # second link: denied by pk-denies-attack
        assert isinstance(app.screen, TimelineScreen)
        assert current(app) == "pk-denies-attack"


async def test_wide_inspector_is_a_side_panel_that_follows_the_cursor(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        panel = timeline(app).query_one("#panel", PositionDetail)
        assert panel.display and isinstance(app.screen, TimelineScreen)
        await pilot.press("j")
        assert "India suspends the Indus Waters Treaty" in str(
            panel.query_one("#detail-text", Static).render()
        )
        await pilot.press("escape")
        assert not panel.display


async def test_command_palette_offers_topics_as_filters(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"topic Indus Waters")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert timeline(app).filter.topics == {"indus_waters_treaty"}


async def test_q_quits(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keys_typed_after_q_open_nothing(app):
    """Typing ahead over a slow link ("q" then "e"): once quitting has begun, no screen
    opens (one did, and crashed on mount because it was never composed)."""
    async with app.run_test(size=(80, 24)):
        screens = len(app.screen_stack)
        app.exit()
        timeline(app).action_export()
        timeline(app).action_filters()
        assert len(app.screen_stack) == screens


async def test_markup_in_data_is_shown_literally_and_does_nothing(store: Store, tmp_path: Path):
    hostile = dict(
        SEED["pk-rehman-agenda"],
        id="pk-hostile",
        links=[],
        summary="[bold]x[/bold] [@click=app.quit]quit[/] red",
    )
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"positions": [hostile]}), encoding="utf-8")
    store.import_file(path)
    # Import refuses control characters; a file written by another tool may still hold one.
    store.db.execute(
        "UPDATE positions SET summary = ? WHERE id = 'pk-hostile'",
        ["[bold]x[/bold] [@click=app.quit]quit[/] \x1b[31mred"],
    )
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "pk-hostile")
        preview = str(timeline(app).query_one(PreviewBar).render())
        assert "[bold]x[/bold] [@click=app.quit]quit[/] [31mred" in preview
        await pilot.press("enter")
        detail = str(app.screen.query_one("#detail-text", Static).render())
        assert "[@click=app.quit]quit[/]" in detail and "\x1b" not in detail
        await pilot.click("#detail-text")
        await pilot.press("escape")
        assert app.is_running


async def test_an_empty_database_says_how_to_seed_it(db_path: Path):
    with Store.open(db_path, create=True) as empty_store:
        app = CounterpointApp(empty_store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            message = str(timeline(app).query_one("#empty", Static).render())
            assert f"counterpoint seed --db {db_path}" in message
            await pilot.press("j", "tab", "enter", "right_square_bracket", "z")
            assert app.is_running


def test_inspector_shows_the_surrounding_sentence_only_when_it_adds_something(store: Store):
    from tui.widgets.position_detail import detail_text

    def text_for(position_id: str) -> str:
        [details] = store.details([store.get(position_id)])
        return detail_text(details).plain

    whole = text_for("in-iwt-condition")  # the quote is the whole sentence
    assert "Officials have warned" in whole and "in: " not in whole
    part = text_for("pk-denies-attack")
    assert "in: This effort follows an attack in Indian-controlled Kashmir" in part

"""Helpers shared by the pilot tests: the timeline screen, its view, moving the cursor,
waiting for workers, and the text a screen sends to the terminal."""

from __future__ import annotations

import time
import unicodedata

from rich.cells import cell_len
from textual.geometry import Region

from store.plain_text import BIDI_CONTROLS
from tui.app import CounterpointApp
from tui.screens.matrix_screen import MatrixScreen
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


async def wait_until(pilot, condition, seconds: float = 10.0) -> float:
    """Let the app run until condition() holds; return how long that took."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, "the change never appeared"
        await pilot.pause(0.05)
    return time.monotonic() - start


async def open_matrix(pilot) -> MatrixScreen:
    """Press c and wait for the matrix, which is computed in a worker thread."""
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, MatrixScreen))
    return pilot.app.screen


def screen_lines(app: CounterpointApp, region: Region | None = None) -> list[str]:
    """The characters of each line of the current screen (or of `region` of it), as
    they go to the terminal.

    Reads the compositor's strips (a private attribute: Textual has no public way to
    get the composed lines as text); each segment's text is what is written between
    style codes, so anything found here reaches the terminal.
    """
    strips = app.screen._compositor.render_strips()
    if region is not None:
        strips = [strip.crop(region.x, region.right) for strip in strips[region.y : region.bottom]]
    return ["".join(segment.text for segment in strip) for strip in strips]


def last_notice(app: CounterpointApp) -> str:
    """The newest notification's text (Textual keeps them in a private attribute)."""
    notices = list(app._notifications)
    return str(notices[-1].message) if notices else ""


FORBIDDEN_FORMAT = set(BIDI_CONTROLS) | {"\u200e", "\u200f", "\u061c", "\ufe0f", "\ufe0e"}


def assert_terminal_safe(app: CounterpointApp) -> list[str]:
    """Every line: no control, bidi or presentation character; exactly the screen's width."""
    lines = screen_lines(app)
    width = app.size.width
    assert len(lines) == app.size.height
    for number, line in enumerate(lines):
        bad = [ch for ch in line if unicodedata.category(ch) == "Cc" or ch in FORBIDDEN_FORMAT]
        assert not bad, f"line {number} sends {bad!r} to the terminal: {line!r}"
        assert cell_len(line) == width, f"line {number} is {cell_len(line)} cells: {line!r}"
    return lines


def uncite(store, document_id: str, sentences: list[int]) -> set[str]:
    """Delete (and commit) every position citing these sentences of a document, by
    index: the seed cites nearly every sentence, and the reader's tests need some that
    none cites. Returns the ids deleted."""
    cited = store.sentence_citations(document_id)
    victims = {p for index in sentences for p in cited[index].cited_by}
    for victim in victims:
        store.db.execute("DELETE FROM positions WHERE id = ?", [victim])
    store.db.conn.commit()
    return victims

"""The first side | date lane | second side panes: one Line-API widget, so they scroll as one.

How state flows: the screen hands the view a `TimelineSource` (what to show: the
filter, search and zoom in force) and binds `counts` for the header. The view owns
the rest: its `window` (one `TimelineWindow`: rows and marks, replaced whole on
each load, so one load is one redraw) and its `cursor`. It reads the store only
through that source (the step past either end of the window, the first and last,
the next search match, the other side's nearest, the window around any of them)
and reports back with one message, `CursorMoved`, whose `control` is the view (so
`@on(TimelineView.CursorMoved, "#timeline")` selects it).

There is no widget per position: `render_line` draws the visible rows straight
from the window's layout. Line 0 is a fixed header (pane titles and counts); the
rows scroll beneath it. The cursor is a lane and a row, and the other pane's
position nearest in date is marked as the place Tab will land. Marks never rely on
colour: ▶ cursor, ▷ the other side's nearest, ● a search match, ⇄ a linked position,
⚑ bookmarked by you, ✎ with a note, ❖ both; ✗ retracted (shown only when the filter asks);
↳ shown because it answers a position the filter matches (dimmed too).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import Position, SideCounts, Vocabularies
from store.plain_text import one_line

from ..bands import Lane, Lanes, Place
from ..row_text import compact_text, fit, lane_text, pane_text
from ..timeline_source import Marks, TimelineSource, TimelineWindow

_OWN_MARKS = {(False, False): " ", (True, False): "⚑", (False, True): "✎", (True, True): "❖"}
"""(bookmarked, annotated) -> the third mark column."""
LANE_WIDTH = 12
WIDE_LANE_WIDTH = 18
NARROW_WIDTH = 8
"""A side narrowed by wide mode: its marks, kind code, grade and doubt mark ("▶⇄ ALG3?")."""
NARROW_CENTRE = 7
"""The centre lane narrowed by wide mode: a band's day ("23 Apr") or a third party's kind."""
DIVIDER = "│"
WIDE_ACTOR = 90
"""In wide mode the actor goes before the summary only from this width on: at 80
columns the summary is what wide mode is for, and the preview line names the actor."""


def pane_widths(total: int, wide: Lane | None = None) -> tuple[int, int, int]:
    """Left pane, centre lane and right pane widths for a total width (dividers excluded).
    With `wide`, that lane takes what the other two, narrowed to their marks, leave."""
    if wide is not None and total >= 3 * NARROW_WIDTH + 2:
        widths = [NARROW_WIDTH, NARROW_CENTRE, NARROW_WIDTH]
        widths[wide] = 0
        widths[wide] = total - 2 - sum(widths)
        return widths[0], widths[1], widths[2]
    lane = WIDE_LANE_WIDTH if total >= 110 else LANE_WIDTH if total >= 60 else max(6, total // 6)
    lane = min(lane, max(0, total - 2))  # a pane squeezed to a few cells by the side panel
    side = max(0, (total - lane - 2) // 2)
    return side, lane, max(0, total - lane - 2 - side)


class TimelineView(ScrollView, can_focus=True):
    """Date-aligned panes with a cursor that moves within a lane and across to the others."""

    BINDING_GROUP_TITLE = "Timeline"
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="timeline.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="timeline.up"),
        Binding("g,home", "first", "First", show=False, id="timeline.first"),
        Binding("G,end", "last", "Last", show=False, id="timeline.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="timeline.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="timeline.page_up"),
        Binding(
            "tab", "other_side", "Other side", show=False, priority=True, id="timeline.other_side"
        ),
        Binding(
            "shift+tab",
            "other_side_back",
            "Other side (back)",
            show=False,
            priority=True,
            id="timeline.other_side_back",
        ),
        Binding("l,right", "lane_right", "Lane right", show=False, id="timeline.lane_right"),
        Binding("h,left", "lane_left", "Lane left", show=False, id="timeline.lane_left"),
        Binding("n", "next_match", "Next match", show=False, id="timeline.next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="timeline.previous_match"),
        Binding("w", "toggle_wide", "Wide", show=False, id="timeline.wide"),
    ]

    COMPONENT_CLASSES = {
        "timeline--header",
        "timeline--cursor",
        "timeline--ghost",
        "timeline--match",
        "timeline--answer",
        "timeline--lane",
        "timeline--year",
        "timeline--divider",
    }

    window: reactive[TimelineWindow] = reactive(TimelineWindow, init=False)
    """What the panes draw: set once per load (by this view only), which puts the cursor
    on the position the window was loaded around and redraws once."""
    cursor: reactive[Place | None] = reactive(None, always_update=True)
    counts: reactive[SideCounts] = reactive(SideCounts())
    """The header's numbers: bound to the screen's counts (data_bind); the view never sets it."""
    wide: reactive[bool] = reactive(False)
    """Wide mode (`w`): the lane under the cursor takes most of the width, the others
    narrow to their marks, so a summary can be read without opening it."""
    vocab: reactive[Vocabularies] = reactive(Vocabularies)
    """The database's sides: which pane shows which, and the header's names. Bound to the
    screen's (data_bind), read again by the screen when the data changes."""

    @dataclass
    class CursorMoved(Message):
        """The position under the cursor changed (None: nothing to point at)."""

        view: TimelineView
        """The view whose cursor moved."""
        position: Position | None

        @property
        def control(self) -> TimelineView:
            """The view, so that `@on(TimelineView.CursorMoved, "#id")` can select it."""
            return self.view

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._source: TimelineSource | None = None
        self._targets: dict[Lane, Position] = {}
        self._ghost_places: set[Place] = set()
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        """Drawn rows, keyed by everything a row's look depends on (see _row_key)."""
        self._styles: dict[str, Style] = {}
        self._generation = 0
        """Bumped whenever the window changes, which invalidates every strip."""

    # Data in ------------------------------------------------------------------

    def show_source(self, source: TimelineSource, keep: Position | None = None) -> None:
        """Show a (new) filtered timeline, around `keep` if given, else from its start."""
        self._source = source
        self.window = source.window_around(keep) if keep is not None else source.first_window()

    def tune_search(self, search_walk: bool) -> None:
        """How search steps (n/N) read pages, once the search's count is known: a large
        store counts after drawing its first screenful. The window stays as it is."""
        if self._source is not None and self._source.search_walk != search_walk:
            self._source = replace(self._source, search_walk=search_walk)

    def _go(self, position: Position | None) -> bool:
        """Put the cursor on a position, loading the window around it if need be."""
        if position is None:
            return False
        if position.id not in self.window.layout.places and self._source is not None:
            if not self._source.contains(position):
                return False
            self.window = self._source.window_around(position)
        return self.select(position.id)

    @property
    def layout_rows(self) -> int:
        return len(self.window.layout.rows)

    @property
    def current(self) -> Position | None:
        return self.window.layout.position_at(self.cursor) if self.cursor else None

    @property
    def matches(self) -> frozenset[str]:
        """Search matches in the window."""
        return self.window.marks.matches

    @property
    def linked(self) -> frozenset[str]:
        return self.window.marks.linked

    @property
    def bookmarked(self) -> frozenset[str]:
        return self.window.marks.bookmarked

    @property
    def annotated(self) -> frozenset[str]:
        return self.window.marks.annotated

    def select(self, position_id: str) -> bool:
        """Put the cursor on a position in the window; False if the window lacks it."""
        place = self.window.layout.places.get(position_id)
        if place is None:
            return False
        self.cursor = place
        return True

    def reveal(self, position: Position) -> bool:
        """Put the cursor on a position anywhere in the filtered timeline."""
        return self._go(position)

    # Reactions ----------------------------------------------------------------

    def _side_of(self, lane: Lane) -> str:
        return Lanes.of_vocabulary(self.vocab).side_of(lane)

    def watch_vocab(self) -> None:
        """New names (a side relabelled by another process): every strip is stale."""
        self._strips.clear()
        self.refresh()

    def watch_window(self, window: TimelineWindow) -> None:
        """A new window: every strip is stale; the cursor goes where the window was loaded
        around, else to the first position (the left pane's, else the right's, else a
        third party's)."""
        self._generation += 1
        layout = window.layout
        self.virtual_size = Size(self.size.width, len(layout.rows) + 1)
        place = layout.places.get(window.around) if window.around else None
        if place is None:
            place = next(
                (
                    Place(rows[0], lane)
                    for lane in (Lane.FIRST, Lane.SECOND, Lane.OTHER)
                    if (rows := layout.lanes.get(lane))
                ),
                None,
            )
        self.cursor = place

    def watch_cursor(self, place: Place | None) -> None:
        if place is not None:
            self._scroll_to_row(place.row)
        self._targets = self._tab_targets()
        self._ghost_places = self._ghosts()
        self.refresh()
        self.post_message(self.CursorMoved(self, self.current))

    def watch_counts(self) -> None:
        self.refresh()

    def watch_wide(self) -> None:
        self._strips.clear()
        self.refresh()

    def action_toggle_wide(self) -> None:
        self.wide = not self.wide

    @property
    def wide_lane(self) -> Lane | None:
        """The lane wide mode widens: the cursor's (the left pane's before there is one)."""
        if not self.wide:
            return None
        return self.cursor.lane if self.cursor else Lane.FIRST

    def notify_style_update(self) -> None:
        """Styles changed (theme, CSS): every cached style and strip is stale."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.window.layout.rows) + 1)
        if self.cursor:
            self._scroll_to_row(self.cursor.row)

    def _scroll_to_row(self, row: int) -> None:
        visible = max(1, self.size.height - 1)
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False, immediate=True)

    def _tab_targets(self) -> dict[Lane, Position]:
        """Where Tab (and h/l) would land on each other side: the same band if it has
        a position there, else that side's position nearest in date. The window
        answers when it holds that side's positions both before and after the
        cursor (the nearest is then certainly inside it); otherwise one indexed query
        each way finds it wherever it is in the timeline."""
        current = self.current
        if current is None or self.cursor is None:
            return {}
        layout = self.window.layout
        targets: dict[Lane, Position] = {}
        row = self.cursor.row
        for lane in (Lane.FIRST, Lane.SECOND):
            if lane is self.cursor.lane:
                continue
            rows = layout.lanes.get(lane, [])
            if rows and rows[0] < row < rows[-1]:
                place = layout.nearest(lane, row)
                if place is not None:
                    targets[lane] = layout.position_at(place)
                continue
            band = [r for r in layout.band_rows(row) if layout.rows[r].at(lane) is not None]
            if band:
                targets[lane] = layout.rows[band[0]].at(lane)
            elif self._source is not None:
                found = self._source.nearest_on_side(self._side_of(lane), current)
                if found is not None:
                    targets[lane] = found
        return targets

    # Actions ------------------------------------------------------------------

    def _lane_rows(self) -> list[int]:
        return self.window.layout.lanes.get(self.cursor.lane, []) if self.cursor else []

    def action_cursor_down(self) -> None:
        rows = self._lane_rows()
        if not self.cursor:
            return
        if (index := bisect_right(rows, self.cursor.row)) < len(rows):
            self.cursor = Place(rows[index], self.cursor.lane)
        elif self._source is not None and self.current is not None:
            self._go(self._source.next_on_side(self._side_of(self.cursor.lane), self.current))

    def action_cursor_up(self) -> None:
        rows = self._lane_rows()
        if not self.cursor:
            return
        if (index := bisect_left(rows, self.cursor.row)) > 0:
            self.cursor = Place(rows[index - 1], self.cursor.lane)
        elif self._source is not None and self.current is not None:
            self._go(self._source.previous_on_side(self._side_of(self.cursor.lane), self.current))

    def action_first(self) -> None:
        if self.cursor and self._source is not None:
            self._go(self._source.first_on_side(self._side_of(self.cursor.lane)))

    def action_last(self) -> None:
        if self.cursor and self._source is not None:
            self._go(self._source.last_on_side(self._side_of(self.cursor.lane)))

    def _page(self, direction: int, reload: bool = True) -> None:
        rows = self._lane_rows()
        if not rows or not self.cursor:
            return
        target = self.cursor.row + direction * max(1, self.size.height - 2)
        beyond = target > rows[-1] if direction > 0 else target < rows[0]
        if beyond and reload and self._source is not None and self.current is not None:
            edge = self.window.layout.position_at(
                Place(rows[-1 if direction > 0 else 0], self.cursor.lane)
            )
            step = self._source.next_on_side if direction > 0 else self._source.previous_on_side
            if edge is not None and step(self._side_of(self.cursor.lane), edge) is not None:
                ahead = 0.8 if direction > 0 else 0.2
                self.window = self._source.window_around(self.current, ahead)
                self._page(direction, reload=False)
                return
        if direction > 0:
            index = min(bisect_left(rows, target), len(rows) - 1)
        else:
            index = max(bisect_right(rows, target) - 1, 0)
        self.cursor = Place(rows[index], self.cursor.lane)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_other_side(self) -> None:
        if self.cursor:
            lane = Lane.FIRST if self.cursor.lane is Lane.SECOND else Lane.SECOND
            self._go(self._targets.get(lane))

    def action_other_side_back(self) -> None:
        if self.cursor:
            lane = Lane.SECOND if self.cursor.lane is Lane.FIRST else Lane.FIRST
            self._go(self._targets.get(lane))

    def _lane_step(self, step: int) -> None:
        """h/l: to the next lane over; the centre lane only if it has a position in this band."""
        if not self.cursor:
            return
        layout = self.window.layout
        lane = self.cursor.lane + step
        while 0 <= lane < len(Lane):
            target = Lane(lane)
            if target is Lane.OTHER:
                band = layout.band_rows(self.cursor.row)
                rows = [r for r in band if layout.rows[r].other is not None]
                if rows:
                    self.cursor = Place(rows[0], Lane.OTHER)
                    return
            elif self._go(self._targets.get(target)):
                return
            lane += step

    def action_lane_right(self) -> None:
        self._lane_step(+1)

    def action_lane_left(self) -> None:
        self._lane_step(-1)

    def _match_step(self, forward: bool) -> None:
        found = self._source.next_match(self.current, forward) if self._source else None
        if not self._go(found):
            self.app.bell()

    def action_next_match(self) -> None:
        self._match_step(True)

    def action_previous_match(self) -> None:
        self._match_step(False)

    # Drawing ------------------------------------------------------------------

    def _ghosts(self) -> set[Place]:
        """Where Tab would land, if it is in this window: marked ▷."""
        places = self.window.layout.places
        return {place for p in self._targets.values() if (place := places.get(p.id)) is not None}

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        row = round(self.scroll_y) + y - 1
        if row >= len(self.window.layout.rows):
            return Strip.blank(width, self._style("base"))
        key = self._row_key(row, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._row(row, width)
            self._strips[key] = strip
        return strip

    def _row_key(self, row: int, width: int) -> tuple:
        """What a row's drawing depends on besides the window and marks (the generation)."""
        cursor = self.cursor.lane if self.cursor and self.cursor.row == row else None
        ghosts = tuple(sorted(p.lane for p in self._ghost_places if p.row == row))
        return (self._generation, row, width, cursor, ghosts, self.has_focus, self.wide_lane)

    def _style(self, name: str) -> Style:
        """Component styles, computed once per style change (they are costly to resolve)."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if name == "base" else self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _header(self, width: int) -> Strip:
        first_w, lane_w, second_w = pane_widths(width, self.wide_lane)
        style = self._style("timeline--header")
        divider = self._style("timeline--divider")
        counts = self.counts
        first, second, other = self.vocab.in_order
        segments = [
            Segment(
                fit(f" {one_line(first.label).upper()} {counts.side_text(first.id)}", first_w),
                style,
            ),
            Segment(DIVIDER, divider),
            Segment(fit(f" other {counts.side_text(other.id, short=True)}", lane_w), style),
            Segment(DIVIDER, divider),
            Segment(
                fit(f" {one_line(second.label).upper()} {counts.side_text(second.id)}", second_w),
                style,
            ),
        ]
        return Strip(segments).adjust_cell_length(width, self._style("base"))

    def _row(self, index: int, width: int) -> Strip:
        first_w, lane_w, second_w = pane_widths(width, self.wide_lane)
        window = self.window
        row = window.layout.rows[index]
        base = self._style("base")
        divider = self._style("timeline--divider")
        if row.is_year:
            year = self._style("timeline--year")
            return Strip(
                [
                    Segment("─" * first_w, divider),
                    Segment(DIVIDER, divider),
                    Segment(fit(f" {row.label}", lane_w), year),
                    Segment(DIVIDER, divider),
                    Segment("─" * second_w, divider),
                ]
            ).adjust_cell_length(width, base)
        cursor = self.cursor  # reactive attributes are read once per row, not once per cell
        segments: list[Segment] = []
        for lane, cell_width in (
            (Lane.FIRST, first_w),
            (Lane.OTHER, lane_w),
            (Lane.SECOND, second_w),
        ):
            if lane is not Lane.FIRST:
                segments.append(Segment(DIVIDER, divider))
            position = row.at(lane)
            if lane is Lane.OTHER and position is None:
                segments.append(Segment(fit(row.label, cell_width), self._style("timeline--lane")))
                continue
            segments.append(
                self._cell(position, Place(index, lane), cell_width, cursor, window.marks)
            )
        return Strip(segments).adjust_cell_length(width, base)

    def _cell(
        self,
        position: Position | None,
        place: Place,
        width: int,
        cursor: Place | None,
        marks: Marks,
    ) -> Segment:
        if position is None or width < 3:
            return Segment(" " * max(width, 0), self._style("base"))
        is_cursor = place == cursor
        is_ghost = place in self._ghost_places
        is_match = position.id in marks.matches
        mark = "▶" if is_cursor else "▷" if is_ghost else "●" if is_match else " "
        is_answer = position.id in marks.answers
        link = (
            "✗"
            if position.retracted
            else "↳"
            if is_answer
            else "⇄"
            if position.id in marks.linked
            else " "
        )
        own = _OWN_MARKS[(position.id in marks.bookmarked, position.id in marks.annotated)]
        if self.wide and place.lane is not self.wide_lane:
            body = compact_text(position, width - 3)
        elif place.lane is Lane.OTHER and not self.wide:
            body = lane_text(position, width - 3)
        else:
            body = pane_text(position, width - 3, actor=not self.wide or width >= WIDE_ACTOR)
        style = self._style("base")
        if is_match:
            style += self._style("timeline--match")
        if is_answer:
            style += self._style("timeline--answer")
        if is_ghost:
            style += self._style("timeline--ghost")
        if is_cursor:
            style += self._style("timeline--cursor")
        return Segment(mark + link + own + body, style)

"""Windows onto the filtered timeline, so the panes never hold more than a screenful or two.

A `TimelineSource` is the filtered timeline for one choice of filter, search and
zoom, made by the timeline screen and handed to the view. It is the only thing
that reads the store for the panes. It answers in two ways:

- windows: about `WINDOW` positions around a place, fetched by keyset queries on
  (date_start, id) that follow the timeline indexes, widened at both ends to
  whole date buckets (so no band is cut in half), laid out in rows, and carrying
  their marks (links, bookmarks, notes, search matches) for just those positions.
  A `TimelineWindow` is one frozen value: the view swaps it in whole.
- single steps: the next position of a side, the first, the last, the next search
  match, the other side's nearest. Each is an indexed query or two; the view
  then asks for the window around the target.

Cost follows what is on screen, not what is in the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from store import Filter, Position, Store

from .bands import Lanes, TimelineLayout, Zoom, bucket_of, build_layout

WINDOW = 240
"""Positions per window: several screens' worth at any terminal size."""
BUCKET_COMPLETION_LIMIT = WINDOW // 2
"""At most this many extra positions to finish a bucket at each end of a window."""


LAST_KEY = ("\U0010ffff", "\U0010ffff")
"""A key after every real one, for 'the last page': also after a date_start that another
tool stored as text that is not a date ("soon" sorts after "9999-12-31")."""


def key_of(position: Position) -> tuple[str, str]:
    return position.timeline_key


@dataclass(frozen=True)
class Marks:
    """What the panes mark beside the positions of one window (ids of those positions only)."""

    matches: frozenset[str] = frozenset()
    """Found by the search."""
    linked: frozenset[str] = frozenset()
    """With a link to or from another position."""
    bookmarked: frozenset[str] = frozenset()
    """Bookmarked by this analyst."""
    annotated: frozenset[str] = frozenset()
    """With a note by anyone."""
    answers: frozenset[str] = frozenset()
    """Shown because they answer a match of the filter, not matching it themselves."""


@dataclass(frozen=True, eq=False)
class TimelineWindow:
    """The positions on hand, laid out in rows, with their marks, and the one it was
    loaded around: everything the panes draw from, as one value.

    Compared by identity: every load is new, even of the same rows. The layout is
    built once and never changed afterwards.
    """

    layout: TimelineLayout = field(default_factory=lambda: build_layout((), Zoom.DAY, Lanes()))
    marks: Marks = Marks()
    around: str | None = None
    """The position the window was loaded around (the cursor goes there), if any."""


def _bucket_end(day: date, zoom: Zoom) -> date:
    start = bucket_of(day, zoom)
    if zoom is Zoom.DAY:
        return start + timedelta(days=1)
    if zoom is Zoom.WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class TimelineSource:
    """The filtered timeline as the view needs it: windows and single-step lookups."""

    store: Store
    filter: Filter
    zoom: Zoom
    search: str = ""
    author: str = ""
    """Whose bookmarks the windows mark."""
    lanes: Lanes = field(default_factory=Lanes)
    """Which side each pane shows (the database names them)."""
    size: int = WINDOW
    """Positions per window, before widening to whole buckets."""
    walk: bool = False
    """Fetch pages by walking the timeline index (the filter matches many rows)."""
    search_walk: bool = False
    """Find search matches by walking (the search matches many rows)."""

    # Windows ---------------------------------------------------------------

    def _page(self, flt: Filter | None = None, **bounds) -> list[Position]:
        flt = self.filter if flt is None else flt
        walk = self.search_walk if flt.text else self.walk
        found, _ = self.store.positions(flt, walk=walk, **bounds)
        return found

    def _complete(self, positions: list[Position]) -> list[Position]:
        """Widen a window at both ends to whole buckets."""
        if not positions:
            return positions
        first, last = positions[0], positions[-1]
        head = self._page(
            before=key_of(first),
            start_from=bucket_of(first.date_start, self.zoom).isoformat(),
            limit=BUCKET_COMPLETION_LIMIT,
        )
        tail = self._page(
            after=key_of(last),
            start_before=_bucket_end(last.date_start, self.zoom).isoformat(),
            limit=BUCKET_COMPLETION_LIMIT,
        )
        return [*head, *positions, *tail]

    def first_window(self) -> TimelineWindow:
        return self._window(self._complete(self._page(limit=self.size)))

    def window_around(self, position: Position, ahead: float = 0.5) -> TimelineWindow:
        """A window holding the position, with the share `ahead` of it from the position on
        (0.5 centres it; paging forward asks for more ahead, so fewer reloads)."""
        key = key_of(position)
        after_count = max(1, round(self.size * ahead))
        before = self._page(before=key, limit=max(1, self.size - after_count))
        after = self._page(from_key=key, limit=after_count)
        return self._window(self._complete([*before, *after]), around=position.id)

    def _window(self, positions: Sequence[Position], around: str | None = None) -> TimelineWindow:
        """Lay the positions out and fetch their marks, querying just their ids."""
        ids = [p.id for p in positions]
        linked = self.store.linked_ids(ids)
        bookmarked, annotated = self.store.marked_ids(ids, self.author)
        matches = (
            self.store.ids_matching(replace(self.filter.matches_only, text=self.search), ids)
            if self.search
            else ()
        )
        answers = (
            set(ids) - self.store.ids_matching(self.filter.matches_only, ids)
            if self.filter.adds_answers
            else set()
        )
        marks = Marks(
            frozenset(matches),
            frozenset(linked),
            frozenset(bookmarked),
            frozenset(annotated),
            frozenset(answers),
        )
        return TimelineWindow(build_layout(positions, self.zoom, self.lanes), marks, around)

    def contains(self, position: Position) -> bool:
        """Whether the filter lets this position through (search does not filter)."""
        return bool(self.store.ids_matching(self.filter, [position.id]))

    # Single steps ------------------------------------------------------------

    def _on_side(self, side: str, **bounds) -> Position | None:
        """The first position of `side` within the keyset bounds, if the filter allows it."""
        if self.filter.sides and side not in self.filter.sides:
            return None
        found = self._page(replace(self.filter, lane=side), limit=1, **bounds)
        return found[0] if found else None

    def next_on_side(self, side: str, position: Position) -> Position | None:
        return self._on_side(side, after=key_of(position))

    def previous_on_side(self, side: str, position: Position) -> Position | None:
        return self._on_side(side, before=key_of(position))

    def first_on_side(self, side: str) -> Position | None:
        return self._on_side(side)

    def last_on_side(self, side: str) -> Position | None:
        return self._on_side(side, before=LAST_KEY)

    def nearest_on_side(self, side: str, position: Position) -> Position | None:
        """The side's position closest in date to `position` (the earlier on a tie)."""
        candidates = [
            p
            for p in (self.previous_on_side(side, position), self.next_on_side(side, position))
            if p is not None
        ]
        if not candidates:
            return None
        return min(
            candidates, key=lambda p: (abs((p.date_start - position.date_start).days), p.date_start)
        )

    def next_match(self, position: Position | None, forward: bool) -> Position | None:
        """The next (or previous) search match in timeline order, wrapping around."""
        if not self.search:
            return None
        flt = replace(self.filter.matches_only, text=self.search)
        if position is not None:
            bound = {"after": key_of(position)} if forward else {"before": key_of(position)}
            found = self._page(flt, **bound, limit=1)
            if found:
                return found[0]
        wrap = {} if forward else {"before": LAST_KEY}
        found = self._page(flt, **wrap, limit=1)
        return found[0] if found else None

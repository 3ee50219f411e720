"""Date-aligned rows, the way a side-by-side diff aligns lines.

Positions are grouped into buckets of one day, week or month (the zoom). Each
bucket becomes a band of rows: the first side's positions down the left, the
second side's down the right (the database names both), and third parties in
the centre lane under the bucket's date. The band is as tall as its longest
column, so a side that said nothing at that date shows blank rows, and reading
down the screen shows who moved first and who answered. A year marker row is put
in wherever the year changes, so rows can show short dates ("22 Apr") without becoming ambiguous.

This module is pure: positions in, rows out. It knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from store import OTHER_SIDE, DatePrecision, Position, Vocabularies


class Zoom(StrEnum):
    """How wide a bucket of the date axis is."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    def next(self) -> Zoom:
        members = list(Zoom)
        return members[(members.index(self) + 1) % len(members)]


class Lane(IntEnum):
    """The three columns, left to right."""

    FIRST = 0
    OTHER = 1
    SECOND = 2


@dataclass(frozen=True)
class Lanes:
    """Which side each pane shows: the database's first and second sides. A position of
    any other side (third parties, or a side another tool wrote) goes to the centre."""

    first: str = ""
    second: str = ""

    @classmethod
    def of_vocabulary(cls, vocab: Vocabularies) -> Lanes:
        return cls(vocab.first.id, vocab.second.id)

    def lane_of(self, side: str) -> Lane:
        if side and side == self.first:
            return Lane.FIRST
        if side and side == self.second:
            return Lane.SECOND
        return Lane.OTHER

    def side_of(self, lane: Lane) -> str:
        return (self.first, OTHER_SIDE, self.second)[lane]


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def bucket_of(day: date, zoom: Zoom) -> date:
    """The first day of the bucket `day` falls in."""
    if zoom is Zoom.WEEK:
        return day - timedelta(days=day.weekday())
    if zoom is Zoom.MONTH:
        return day.replace(day=1)
    return day


@dataclass(frozen=True, order=True)
class Bucket:
    """A band's place on the axis. A position known only to the month is not put on the
    1st of it: it gets a band of its own ("Apr") ahead of that month's days."""

    start: date
    rank: int
    label: str = field(compare=False)


def bucket_for(position: Position, zoom: Zoom) -> Bucket:
    """The band a position belongs in: by the zoom, or coarser if the date is coarser."""
    start, precision = position.date_start, position.date_precision
    month = _MONTHS[start.month - 1]
    if precision is DatePrecision.YEAR:
        return Bucket(date(start.year, 1, 1), 0, f"in {start.year}")
    if precision is DatePrecision.MONTH or zoom is Zoom.MONTH:
        return Bucket(start.replace(day=1), 1, month)
    if precision is DatePrecision.PART_OF_MONTH:
        part = "early" if start.day <= 10 else ("mid" if start.day <= 20 else "late")
        return Bucket(start, 2, f"{part} {month}")
    if precision is DatePrecision.WEEK or zoom is Zoom.WEEK:
        monday = bucket_of(start, Zoom.WEEK)
        return Bucket(monday, 3, f"wk {monday.day} {_MONTHS[monday.month - 1]}")
    return Bucket(start, 4, f"{start.day} {month}")


@dataclass(frozen=True)
class Row:
    """One screen row: what each lane shows. `label` is the centre lane's text when it
    shows a date (first row of a band) or a year marker rather than a position."""

    band: int
    bucket: date
    label: str = ""
    first: Position | None = None
    other: Position | None = None
    second: Position | None = None
    is_year: bool = False

    def at(self, lane: Lane) -> Position | None:
        return (self.first, self.other, self.second)[lane]


@dataclass(frozen=True)
class Place:
    """Where a position sits: its row and lane."""

    row: int
    lane: Lane


@dataclass
class TimelineLayout:
    """The rows for a list of positions, and indexes to move around them."""

    rows: list[Row] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    lanes: dict[Lane, list[int]] = field(default_factory=dict)
    """For each lane, the rows that hold a position, top to bottom."""

    def position_at(self, place: Place) -> Position | None:
        if 0 <= place.row < len(self.rows):
            return self.rows[place.row].at(place.lane)
        return None

    def band_rows(self, row: int) -> range:
        """The rows of the band that contains `row`."""
        band = self.rows[row].band
        start = row
        while start > 0 and self.rows[start - 1].band == band:
            start -= 1
        end = row + 1
        while end < len(self.rows) and self.rows[end].band == band:
            end += 1
        return range(start, end)

    def nearest(self, lane: Lane, row: int) -> Place | None:
        """The position in `lane` nearest to `row`: in the same band if any, else the
        closest by date, the earlier one on a tie."""
        candidates = self.lanes.get(lane, [])
        if not candidates:
            return None
        held = set(candidates)
        same_band = [r for r in self.band_rows(row) if r in held]
        if same_band:
            return Place(same_band[0], lane)
        here = self.rows[row].bucket
        best = min(candidates, key=lambda r: (abs((self.rows[r].bucket - here).days), r))
        return Place(best, lane)


def build_layout(positions: Iterable[Position], zoom: Zoom, sides: Lanes) -> TimelineLayout:
    """Bands of rows for positions given in timeline order (date_start, id)."""
    layout = TimelineLayout(lanes={lane: [] for lane in Lane})
    buckets: dict[Bucket, dict[Lane, list[Position]]] = {}
    for position in positions:
        lanes = buckets.setdefault(bucket_for(position, zoom), {lane: [] for lane in Lane})
        lanes[sides.lane_of(position.side)].append(position)
    year = None
    for band, bucket in enumerate(sorted(buckets)):
        if bucket.start.year != year:
            year = bucket.start.year
            layout.rows.append(
                Row(band=-1 - band, bucket=bucket.start, label=str(year), is_year=True)
            )
        _add_band(layout, band, bucket, buckets[bucket])
    return layout


def _add_band(
    layout: TimelineLayout, band: int, bucket: Bucket, lanes: dict[Lane, list[Position]]
) -> None:
    """Append one band. Third parties sit under the date label in the centre lane."""
    first, others, second = lanes[Lane.FIRST], lanes[Lane.OTHER], lanes[Lane.SECOND]
    height = max(len(first), len(second), len(others) + 1)
    centre: Sequence[Position | None] = [None, *others]
    for offset in range(height):
        row = Row(
            band=band,
            bucket=bucket.start,
            label=bucket.label if offset == 0 else "",
            first=first[offset] if offset < len(first) else None,
            other=centre[offset] if offset < len(centre) else None,
            second=second[offset] if offset < len(second) else None,
        )
        index = len(layout.rows)
        layout.rows.append(row)
        for lane in Lane:
            position = row.at(lane)
            if position is not None:
                layout.places[position.id] = Place(index, lane)
                layout.lanes[lane].append(index)

"""Dates at the edges: refused at the door, marked (never fatal) when another tool wrote them.

The import takes only dates the timeline can place (`store.dates.EARLIEST`..`LATEST`).
A shared database can still hold anything in its date columns, written with SQL by
another program; such a row must show, with a mark, in every view and at every
zoom, and must keep its place in timeline order.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tui_helpers import assert_terminal_safe, open_matrix, put_cursor_on, view, wait_until

from seed import position_records
from store import DateBasis, DatePrecision, Filter, Store
from store.dates import EARLIEST, LATEST, date_label, format_span, read_stored_date
from store.export import render_export
from tui.app import CounterpointApp
from tui.bands import Lanes, Zoom, bucket_for, build_layout
from tui.cli import main
from tui.row_text import pane_text, short_date
from tui.timeline_source import LAST_KEY, _bucket_end

TEMPLATE = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")

STORED = {
    "edge-open-ended": ("2025-05-01", "9999-12-31"),
    "edge-far-future": ("9999-12-31", "9999-12-31"),
    "edge-year-one": ("0001-01-01", "0001-01-01"),
    "edge-soon": ("soon", "soon"),
    "edge-empty": ("", ""),
    "edge-feb-30": ("2025-02-30", "2025-02-30"),
    "edge-no-dashes": ("20250101", "20250101"),
}
"""Dates another tool might store: its 'open-ended' placeholder, year 1, words, nothing,
an impossible day, an ISO date without dashes."""


def add_edge_rows(path: Path) -> None:
    """Copies of a seed position with the dates above, written with SQL as another
    program would (the vocabularies' CHECKs still hold; dates have none but end >= start)."""
    conn = sqlite3.connect(path)
    with conn:
        for n, (position_id, (start, end)) in enumerate(STORED.items()):
            side = ("india", "pakistan", "other")[n % 3]
            conn.execute(
                "INSERT INTO positions (id, side, kind, summary, date_start, date_end, "
                "date_precision, date_text, date_basis, date_note, actors_text, quotes_text) "
                "SELECT ?, ?, kind, 'Edge: ' || ?, ?, ?, 'day', '', 'document', '', "
                "actors_text, quotes_text FROM positions WHERE id = ?",
                [position_id, side, position_id, start, end, TEMPLATE["id"]],
            )
            for table, column in (("position_actors", "actor_id"), ("position_places", "name")):
                conn.execute(
                    f"INSERT INTO {table} SELECT ?, ordinal, {column} FROM {table} "
                    "WHERE position_id = ?",
                    [position_id, TEMPLATE["id"]],
                )
            conn.execute(
                "INSERT INTO position_topics SELECT ?, ordinal, topic, ?, ? "
                "FROM position_topics WHERE position_id = ?",
                [position_id, side, start, TEMPLATE["id"]],
            )
            conn.execute(
                "INSERT INTO sources SELECT ?, ordinal, document_id, quote, start, "
                '"end", prefix, suffix FROM sources WHERE position_id = ?',
                [position_id, TEMPLATE["id"]],
            )
    conn.close()


@pytest.fixture
def edge_path(seeded_path: Path) -> Path:
    add_edge_rows(seeded_path)
    return seeded_path


# At the door --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"date_end": "9999-12-31", "date_precision": "span"}, "date_end"),
        ({"date_start": "0999-12-31", "date_precision": "span"}, "date_start"),
        ({"date_start": "3000-01-01", "date_end": "3000-01-01"}, "date_start"),
    ],
)
def test_the_import_refuses_dates_the_timeline_cannot_place(
    capsys, seeded_path: Path, tmp_path: Path, changes, field
):
    record = {**TEMPLATE, "id": "pk-edge", "links": [], **changes}
    path = tmp_path / "edge.json"
    path.write_text(json.dumps({"positions": [record]}), encoding="utf-8")
    before = seeded_path.read_bytes()
    assert main(["import", "--db", str(seeded_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"positions[0] (id 'pk-edge'): field '{field}'" in err
    assert "outside the dates Counterpoint places (1000-01-01 to 2999-12-31)" in err
    assert seeded_path.read_bytes() == before


def test_the_import_refuses_a_document_published_out_of_range(
    capsys, seeded_path: Path, tmp_path: Path
):
    document = {"id": "doc-edge", "title": "T", "published": "9999-12-31", "text": "Words."}
    path = tmp_path / "edge.json"
    path.write_text(json.dumps({"documents": [document]}), encoding="utf-8")
    assert main(["import", "--db", str(seeded_path), str(path)]) == 2
    assert "documents[0] (id 'doc-edge'): field 'published'" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["0000", "January", "early January"])
def test_date_wording_past_the_calendar_is_a_parse_error_not_a_crash(text: str):
    from store import DateParseError, parse_date_text

    with pytest.raises(DateParseError):
        parse_date_text(text, reference=date(9999, 12, 1))


# Read back from the database -------------------------------------------------------


def test_rows_with_dates_another_tool_wrote_are_read_marked_and_in_sqlite_order(edge_path: Path):
    with Store.open(edge_path) as store:
        positions, _ = store.positions()
        keys = [p.timeline_key for p in positions]
        assert keys == sorted(keys)  # the store's order is SQLite's order of the stored text
        edge = {p.id: p for p in positions if p.id in STORED}
        assert set(edge) == set(STORED)
        for position_id, (start, _end) in STORED.items():
            p = edge[position_id]
            assert p.date_problem, position_id
            assert p.timeline_key == (start, position_id)
            assert EARLIEST <= p.date_start <= p.date_end <= LATEST
            assert p.date_label.startswith("! unreadable date:")
            assert short_date(p).startswith("!")
        days = [p.date_start for p in positions]
        assert days == sorted(days)  # shown where their text sorts: the layout agrees
        assert not any(p.date_problem for p in positions if p.id not in STORED)
        assert store.counts().total == 41 + len(STORED)


def test_a_json_export_keeps_what_is_stored_so_an_import_refuses_it_by_name(
    edge_path: Path, tmp_path: Path, capsys
):
    with Store.open(edge_path) as store:
        text, _ = render_export(store, Filter(), "json")
    exported = {p["id"]: p for p in json.loads(text)["positions"]}
    assert exported["edge-far-future"]["date_start"] == "9999-12-31"
    assert exported["edge-soon"]["date_end"] == "soon"
    assert "date_problem" not in exported["edge-soon"]
    path = tmp_path / "out.json"
    path.write_text(text, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert main(["import", "--db", str(fresh), str(path)]) == 2
    assert "field 'date_" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, shown",
    [
        (["list"], "!"),
        (["show", "edge-far-future"], "unreadable date"),
        (["show", "edge-soon"], "unreadable date"),
        (["export", "--format", "md"], "unreadable date"),
        (["export", "--format", "csv"], '"soon","soon"'),
        (["list", "--date", "9999"], "!"),
        (["list", "-s", "Edge"], "!"),
    ],
)
def test_the_cli_shows_such_rows_marked(capsys, edge_path: Path, argv, shown):
    assert main([argv[0], "--db", str(edge_path), *argv[1:]]) == 0
    assert shown in capsys.readouterr().out


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_app_opens_and_walks_every_such_row_at_every_zoom(edge_path: Path, size):
    with Store.open(edge_path) as store:
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=size) as pilot:
            for zoom in Zoom:
                while view(app)._source is None or view(app)._source.zoom is not zoom:
                    await pilot.press("z")
                for position_id in STORED:
                    assert view(app).reveal(store.get(position_id)), position_id
                    await pilot.pause()
                    assert view(app).current.id == position_id
                    assert_terminal_safe(app)
                for key in (
                    "G",
                    "k",
                    "k",
                    "g",
                    "j",
                    "tab",
                    "l",
                    "h",
                    "enter",
                    "escape",
                    "pagedown",
                    "pagedown",
                    "pageup",
                    "end",
                    "home",
                ):
                    await pilot.press(key)
                    assert_terminal_safe(app)
            await put_cursor_on(pilot, "edge-far-future")
            assert any("!9999-12-" in line for line in assert_terminal_safe(app))
            matrix = await open_matrix(pilot)
            await pilot.pause()
            assert any("!9999-12" in line for line in assert_terminal_safe(app))
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen is not matrix)
            assert app.return_code is None


async def test_an_open_app_survives_another_process_writing_such_a_row(seeded_path: Path):
    """The failure of issue 10: copies already open crashed within seconds."""
    with Store.open(seeded_path) as store:
        app = CounterpointApp(store, author="alice", poll_seconds=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            before = view(app).counts.total
            add_edge_rows(seeded_path)
            await wait_until(pilot, lambda: view(app).counts.total == before + len(STORED))
            await pilot.press("G", "k", "j")
            assert_terminal_safe(app)
            assert app.return_code is None


# The arithmetic, over the whole range ---------------------------------------------


@settings(max_examples=400)
@given(
    day=st.dates(min_value=EARLIEST, max_value=LATEST),
    length=st.integers(min_value=0, max_value=400),
    precision=st.sampled_from(DatePrecision),
    basis=st.sampled_from(DateBasis),
    zoom=st.sampled_from(Zoom),
)
def test_every_placeable_date_buckets_labels_and_steps_at_every_zoom(
    day, length, precision, basis, zoom
):
    end = min(day + timedelta(days=length), LATEST)
    position = store_position(day, end, precision, basis)
    bucket = bucket_for(position, zoom)
    assert bucket.start <= day
    assert _bucket_end(day, zoom) > day
    assert build_layout([position], zoom, Lanes("india", "pakistan")).places[position.id].row == 1
    assert format_span(day, end, precision) and date_label(day, end, precision, basis)
    assert short_date(position) and pane_text(position, 30)


def store_position(start: date, end: date, precision: DatePrecision, basis: DateBasis):
    from store import Kind, Position

    return Position(
        id="p",
        side="india",
        actors=["A"],
        kind=Kind.STATEMENT,
        summary="S",
        topics=["kashmir"],
        places=[],
        date_start=start,
        date_end=end,
        date_precision=precision,
        date_text="",
        date_basis=basis,
        date_note="",
        sources=[],
        links=[],
    )


@given(st.text(), st.text())
def test_any_stored_text_reads_as_a_placeable_day_in_the_texts_order(first: str, second: str):
    a, b = sorted([first, second])
    read_a, read_b = read_stored_date(a, "date_start"), read_stored_date(b, "date_start")
    assert EARLIEST <= read_a.day <= read_b.day <= LATEST
    assert read_a.day == EARLIEST or read_a.day.isoformat() <= a
    assert a < LAST_KEY[0] or a == LAST_KEY[0]


@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_a_placeable_stored_date_reads_as_itself(day: date):
    read = read_stored_date(day.isoformat(), "date_start")
    assert (read.day, read.problem) == (day, None)


def test_a_date_stored_as_bytes_is_marked(seeded_path: Path):
    conn = sqlite3.connect(seeded_path)
    with conn:
        conn.execute(
            "UPDATE positions SET date_start = CAST('2025-04-22' AS BLOB), "
            "date_end = CAST('2025-04-22' AS BLOB) WHERE id = 'attack-pahalgam'"
        )
    conn.close()
    with Store.open(seeded_path) as store:
        position = store.get("attack-pahalgam")
    assert position.date_problem == (
        "date_start is stored as bytes, not text; date_end is stored as bytes, not text"
    )
    assert short_date(position) == "!2025-04-22"

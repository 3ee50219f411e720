"""The store in Datasette: `counterpoint datasette-config` writes metadata with which
`datasette DB -m FILE` serves described tables, facets, full-text search and canned
queries. Datasette runs here for real, on 127.0.0.1, against a seeded database; every
expectation is the same question asked of the file directly with sqlite3."""

from __future__ import annotations

import html
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from store import Store
from store.datasette_metadata import HIDDEN, QUERIES, TABLES
from tui.cli import main

DATASETTE = Path(sys.executable).parent / "datasette"
NOTE_WORD = "Zanskarwatch"
"""A word no seed text has, written into a note so that searching notes has one answer."""


class Served(NamedTuple):
    base: str
    """The database's address, e.g. http://127.0.0.1:PORT/counterpoint."""
    database: Path
    metadata: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def fetch_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        text: str = response.read().decode("utf-8")
        return text


@pytest.fixture(scope="module")
def served(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Datasette serving a copy of the seeded database named counterpoint.db (with one
    analyst's note), with our metadata; stopped afterwards whatever happens. One server
    for the module: starting it costs a second or two."""
    folder = tmp_path_factory.mktemp("datasette")
    database = folder / "counterpoint.db"
    database.write_bytes(seeded_template.read_bytes())
    with Store.open(database) as store:
        first = store.db.execute("SELECT id FROM positions ORDER BY id LIMIT 1").fetchone()[0]
        store.set_note(first, "analyst", f"Check this against {NOTE_WORD} reporting.")
    meta = folder / "metadata.json"
    assert main(["datasette-config", "--db", str(database), "-o", str(meta)]) == 0
    port = free_port()
    log = folder / "datasette.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [str(DATASETTE), str(database), "-m", str(meta), "-h", "127.0.0.1", "-p", str(port)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                fetch(f"{base}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "Datasette did not start:\n" + log.read_text()
                time.sleep(0.2)
        yield Served(f"{base}/counterpoint", database, meta)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def direct(database: Path, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, Any]]:
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def counts(database: Path, table: str, column: str) -> dict[object, int]:
    rows = direct(database, f"SELECT {column} AS v, count(*) AS n FROM {table} GROUP BY {column}")
    return {row["v"]: row["n"] for row in rows}


def facet(data: dict[str, Any], column: str) -> dict[object, int]:
    return {r["value"]: r["count"] for r in data["facet_results"][column]["results"]}


def test_each_canned_query_serves_the_rows_its_sql_gives(served: Served) -> None:
    listed = fetch(f"{served.base}.json")["queries"]
    assert {q["name"] for q in listed} == set(QUERIES)
    for name, query in QUERIES.items():
        rows = fetch(f"{served.base}/{name}.json?_shape=array")
        assert rows == direct(served.database, query["sql"]), name
        assert rows, f"{name} returns nothing on the seed"


def test_claims_come_with_their_answers(served: Served) -> None:
    rows = fetch(f"{served.base}/claims_and_their_answers.json?_shape=array")
    answered = [r for r in rows if r["answer"] is not None]
    assert answered and len(answered) < len(rows)  # some answered, some still open
    for row in answered:
        link = direct(
            served.database,
            "SELECT relation FROM links WHERE source_id = ? AND target_id = ?",
            (row["answer"], row["claim"]),
        )
        assert {"relation": row["answered_by"]} in link


def test_unaddressed_topics_are_checked_both_ways(served: Served) -> None:
    rows = fetch(f"{served.base}/topics_one_side_has_not_addressed.json?_shape=array")
    compared = direct(served.database, "SELECT id, label FROM sides WHERE lane IN (1, 2)")
    expected = set()
    for one in compared:
        for other in compared:
            if one is other:
                continue
            for topic in direct(
                served.database,
                "SELECT t.label FROM topics t WHERE EXISTS (SELECT 1 FROM position_topics pt "
                "JOIN positions p ON p.id = pt.position_id WHERE pt.topic = t.id "
                "AND p.side = ? AND p.status = 'active') AND NOT EXISTS (SELECT 1 FROM "
                "position_topics pt JOIN positions p ON p.id = pt.position_id "
                "WHERE pt.topic = t.id AND p.side = ? AND p.status = 'active')",
                (one["id"], other["id"]),
            ):
                expected.add((topic["label"], one["label"], other["label"]))
    assert {(r["topic"], r["addressed_by"], r["not_addressed_by"]) for r in rows} == expected


def test_positions_open_with_facets_on_side_kind_and_credibility(served: Served) -> None:
    data = fetch(f"{served.base}/positions.json?_size=0")
    assert set(TABLES["positions"]["facets"]) <= set(data["facet_results"])
    for column in ("side", "kind", "credibility"):
        assert facet(data, column) == counts(served.database, "positions", column), column


def test_topics_are_faceted_where_they_live(served: Served) -> None:
    data = fetch(f"{served.base}/position_topics.json?_size=0")
    assert facet(data, "topic") == counts(served.database, "position_topics", "topic")
    labelled = fetch(f"{served.base}/position_topics.json?_labels=on&_shape=array&_size=5")
    names = {r["id"]: r["label"] for r in direct(served.database, "SELECT id, label FROM topics")}
    assert labelled
    for row in labelled:  # topics.label_column: a topic shows as its label
        assert row["topic"]["label"] == names[row["topic"]["value"]]


def test_positions_and_notes_can_be_searched(served: Served) -> None:
    found = fetch(f"{served.base}/positions.json?_search=Tharoor&_shape=array")
    expected = direct(
        served.database,
        "SELECT p.id FROM positions p JOIN positions_fts f ON f.rowid = p.rowid "
        "WHERE positions_fts MATCH 'Tharoor'",
    )
    assert found and {r["id"] for r in found} == {r["id"] for r in expected}
    notes = fetch(f"{served.base}/notes.json?_search={NOTE_WORD}&_shape=array")
    assert [n["text"] for n in notes] == [
        r["text"] for r in direct(served.database, "SELECT text FROM notes")
    ]
    assert NOTE_WORD in notes[0]["text"]


def test_internal_and_index_tables_are_hidden(served: Served) -> None:
    tables = fetch(f"{served.base}.json")["tables"]
    shown = {t["name"] for t in tables if not t["hidden"]}
    hidden = {t["name"] for t in tables if t["hidden"]}
    assert shown == set(TABLES)
    assert set(HIDDEN) <= hidden
    assert all(name in HIDDEN or "_fts" in name for name in hidden)


def test_datasette_shows_our_descriptions(served: Served) -> None:
    page = fetch_text(f"{served.base}/positions")
    assert html.escape(TABLES["positions"]["description"]) in page
    assert html.escape(TABLES["positions"]["columns"]["doubt"]) in page
    query = QUERIES["topics_one_side_has_not_addressed"]
    page = fetch_text(f"{served.base}/topics_one_side_has_not_addressed")
    assert html.escape(query["title"]) in page and html.escape(query["description"]) in page


def test_every_column_of_every_table_is_described(seeded_path: Path) -> None:
    """From the live schema: a migration that adds a column or table without a word for
    it here fails this test."""
    conn = sqlite3.connect(seeded_path)
    try:
        tables = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        }
        assert set(TABLES) <= tables <= set(TABLES) | set(HIDDEN)  # drafts: made on first use
        for table, spec in TABLES.items():
            columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            assert set(spec["columns"]) == columns, table
            assert all(spec["columns"].values()), table
            for key in ("facets", "sortable_columns"):
                assert set(spec.get(key, ())) <= columns, (table, key)
            if "label_column" in spec:
                assert spec["label_column"] in columns, table
    finally:
        conn.close()


def test_the_config_names_the_database_by_its_file(
    capsys: pytest.CaptureFixture[str], seeded_path: Path
) -> None:
    assert main(["datasette-config", "--db", str(seeded_path)]) == 0
    written = json.loads(capsys.readouterr().out)
    assert list(written["databases"]) == [seeded_path.stem]


def test_a_destination_that_cannot_be_written_is_one_line(
    capsys: pytest.CaptureFixture[str], seeded_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "meta.json"
    assert main(["datasette-config", "--db", str(seeded_path), "-o", str(target)]) != 0
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err
    assert not target.exists()


def test_writing_the_config_does_not_need_datasette(seeded_path: Path) -> None:
    """Datasette is a test extra: the command must run where it is not installed."""
    code = (
        "import sys; from tui.cli import main; "
        f"rc = main(['datasette-config', '--db', {str(seeded_path)!r}]); "
        "sys.exit(rc or ('datasette' in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["databases"]


def test_the_queries_never_name_a_side() -> None:
    for query in QUERIES.values():
        assert "india" not in query["sql"].lower() and "pakistan" not in query["sql"].lower()

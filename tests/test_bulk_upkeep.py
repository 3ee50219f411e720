"""The one bulk path: what synth and a large import put off and build once at the end.

Triggers and secondary indexes are dropped inside the write's transaction and made
again before it commits. These tests hold the store to what it must be afterwards
(the same schema objects, a full-text index that agrees with the rows, the right
side counts) and to what must not happen (a small write into a large store
rebuilding its indexes; a failed load leaving the store without them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from seed.synth import register_vocabulary, synthesise, synthetic_batches
from store import Filter, Store
from store.export import render_export
from store.writer import bulk_load


def schema_objects(store: Store) -> list[tuple[str, str, str]]:
    """Every trigger and index with its CREATE statement: what must survive a bulk write."""
    return store.db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') "
        "AND sql IS NOT NULL ORDER BY type, name"
    ).fetchall()


def assert_sound(store: Store) -> None:
    """SQLite's own checks of the file and of the full-text index against its rows, and
    the stored side counts against a count of the rows."""
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.db.execute(  # rank 1: the index is checked against the rows it indexes
        "INSERT INTO positions_fts (positions_fts, rank) VALUES ('integrity-check', 1)"
    )
    store.db.conn.rollback()  # the check is an INSERT: Python's sqlite3 opened a transaction
    stored = dict(store.db.execute("SELECT side, n FROM side_counts WHERE n > 0").fetchall())
    counted = dict(
        store.db.execute(
            "SELECT side, count(*) FROM positions WHERE status = 'active' GROUP BY side"
        ).fetchall()
    )
    assert stored == counted


def statements_of(store: Store) -> list[str]:
    traced: list[str] = []
    store.db.conn.set_trace_callback(traced.append)
    return traced


def test_a_load_into_an_empty_store_defers_and_restores_every_index(tmp_path: Path):
    with Store.open(tmp_path / "fresh.db", create=True) as store:
        wanted = schema_objects(store)
        traced = statements_of(store)
        synthesise(store.db.conn, 1500, seed=2)
        store.db.conn.set_trace_callback(None)
        assert any(s.startswith("DROP INDEX") for s in traced)
        assert schema_objects(store) == wanted
        assert_sound(store)
        found, _ = store.positions(Filter(text="Geneva"), limit=3)
        assert found and all("Geneva" in p.summary for p in found)


def test_a_small_load_into_a_larger_store_keeps_its_indexes(tmp_path: Path):
    with Store.open(tmp_path / "grown.db", create=True) as store:
        synthesise(store.db.conn, 2000, seed=2)
        wanted = schema_objects(store)
        documents, positions = next(synthetic_batches(50, seed=5, batch=50))
        moved = {d.id: "x" + d.id for d in documents}
        renamed = [
            (
                [replace(d, id=moved[d.id]) for d in documents],
                [
                    replace(
                        p,
                        id="x" + p.id,
                        links=(),
                        sources=tuple(replace(s, document=moved[s.document]) for s in p.sources),
                    )
                    for p in positions
                ],
            )
        ]
        traced = statements_of(store)
        assert bulk_load(store.db.conn, renamed, quotes_are_sentences=True, expected=50) == 50
        store.db.conn.set_trace_callback(None)
        assert not any(s.startswith("DROP INDEX") for s in traced)
        assert schema_objects(store) == wanted
        assert_sound(store)
        assert store.counts().total == 2050
        summary = renamed[0][1][0].summary.split()[0]
        found, _ = store.positions(Filter(text=summary), limit=10_000)
        assert any(p.id.startswith("xsyn-") for p in found)


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path: Path):
    with Store.open(tmp_path / "kept.db", create=True) as store:
        register_vocabulary(store.db.conn)
        wanted = schema_objects(store)

        def failing() -> Iterator[tuple[list, list]]:
            yield from synthetic_batches(600, seed=3, batch=200)
            raise RuntimeError("the machine went away")

        with pytest.raises(RuntimeError):
            bulk_load(store.db.conn, failing(), quotes_are_sentences=True)
        assert schema_objects(store) == wanted
        assert store.db.execute("SELECT count(*) FROM positions").fetchone()[0] == 0
        assert_sound(store)


def test_a_large_import_goes_the_bulk_path_and_stores_what_row_by_row_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with Store.open(tmp_path / "source.db", create=True) as source:
        synthesise(source.db.conn, 600, seed=4)
        exported, _ = render_export(source, Filter(), "json")
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    with Store.open(tmp_path / "target.db", create=True) as target:
        wanted = schema_objects(target)
        traced = statements_of(target)
        summary = target.import_file(path, author="tester")
        target.db.conn.set_trace_callback(None)
        assert summary.positions_added == 600
        assert any(s.startswith("DROP INDEX") for s in traced)
        assert schema_objects(target) == wanted
        assert_sound(target)
        bulk = render_export(target, Filter(), "json")[0]
        # A second import that revises every summary rewrites each row in place: only a
        # full-text rebuild, not an append of new rows, keeps the index in step.
        revised = json.loads(exported)
        for record in revised["positions"]:
            record["summary"] += " (revised)"
        again = target.import_data(revised, origin="revised", author="tester")
        assert (again.positions_added, again.positions_updated) == (0, 600)
        assert_sound(target)
        assert target.counts(Filter(text="revised")).shown == 600
    import store.importer as importer

    monkeypatch.setattr(
        importer.DeferredUpkeep,
        "begin",
        classmethod(lambda cls, conn, expected, triggers_always: cls(conn, 0, ())),
    )
    with Store.open(tmp_path / "row-by-row.db", create=True) as target:
        target.import_file(path, author="tester")
        assert_sound(target)
        assert render_export(target, Filter(), "json")[0] == bulk


def test_an_import_reads_no_edtf_when_it_repeats_the_dates(tmp_path: Path, monkeypatch):
    """Every export carries `edtf` beside the dates; the parser costs milliseconds a
    date, so an `edtf` that is exactly what the dates derive to is not parsed. One that
    differs still is, and a disagreement is still refused."""
    with Store.open(tmp_path / "source.db", create=True) as source:
        synthesise(source.db.conn, 300, seed=4)
        data = json.loads(render_export(source, Filter(), "json")[0])
    calls: list[str] = []
    import store.importer as importer

    real = importer.parse_edtf_text

    def counted(text: str):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(importer, "parse_edtf_text", counted)
    with Store.open(tmp_path / "a.db", create=True) as target:
        assert target.import_data(data, origin="same").positions_added == 300
    assert calls == []
    first = data["positions"][0]
    first["edtf"] = "1999-01-01"
    with Store.open(tmp_path / "b.db", create=True) as target:
        with pytest.raises(Exception, match="edtf"):
            target.import_data(data, origin="edited")
        assert target.db.execute("SELECT count(*) FROM positions").fetchone()[0] == 0
    assert calls == ["1999-01-01"]

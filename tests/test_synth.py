"""The synthetic store: valid by the real rules, deterministic, written through the store."""

from __future__ import annotations

from pathlib import Path

from seed_vocabulary import SIDES

from seed.loader import vocabulary_records
from seed.synth import synthesise, synthetic_batches
from store import Filter, Store
from store.export import render_export
from store.importer import validate_records
from tui.cli import main


def test_generated_records_pass_the_importers_checks(db_path: Path):
    documents, positions = next(synthetic_batches(600, seed=7, batch=600))
    vocabulary = vocabulary_records()
    data = {
        "sides": vocabulary["sides"],
        "topics": vocabulary["topics"],
        "documents": [d.model_dump(mode="json") for d in documents],
        "positions": [p.model_dump(mode="json") for p in positions],
    }
    with Store.open(db_path, create=True) as store:
        validated = validate_records(store.db, data, "synth")  # quotes, links, dates, vocab
    assert len(validated.positions) == 600
    assert {p.side for p in validated.positions} == set(SIDES)
    assert any(p.links for p in validated.positions)
    assert len({p.date_precision for p in validated.positions}) >= 5


def test_the_same_seed_gives_the_same_store(tmp_path: Path):
    exports = []
    for name in ("a", "b"):
        with Store.open(tmp_path / f"{name}.db", create=True) as store:
            assert synthesise(store.db.conn, 400, seed=3) == 400
            exports.append(render_export(store, Filter(), "json")[0])
    assert exports[0] == exports[1]
    with Store.open(tmp_path / "c.db", create=True) as store:
        synthesise(store.db.conn, 400, seed=4)
        assert render_export(store, Filter(), "json")[0] != exports[0]


def test_bulk_loaded_positions_are_searchable_and_counted(db_path: Path):
    with Store.open(db_path, create=True) as store:
        synthesise(store.db.conn, 1000, seed=1)
        counts = store.counts()
        assert counts.total == counts.shown == 1000
        found, _ = store.positions(Filter(text="Geneva"), limit=5)
        assert found and all("Geneva" in p.summary for p in found)
        triggers = {
            row[0]
            for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        assert {"positions_ai", "positions_ad", "positions_au"} <= triggers


def test_synth_command_reports_its_rate_and_refuses_a_full_store(db_path: Path, capsys):
    assert main(["synth", "--db", str(db_path), "--count", "300", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote 300 positions to {db_path} in ")
    assert "positions per second" in out
    assert main(["synth", "--db", str(db_path), "--count", "300"]) == 2
    assert "already holds positions" in capsys.readouterr().err
    with Store.open(db_path) as store:
        assert store.position_count() == 300

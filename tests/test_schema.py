"""Opening files: the schema, its pragmas, migrations and every refusal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from store import SCHEMA_VERSION, Store, StoreError
from store.schema import MIGRATIONS


def test_a_new_database_has_the_current_schema_and_pragmas(db_path: Path):
    with Store.open(db_path, create=True) as store:
        db = store.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"documents", "positions", "position_actors", "position_topics",
                "position_places", "sources", "links"} <= set(db.table_names())


def test_full_text_search_is_an_fts5_table_sqlite_utils_recognises(db_path: Path):
    with Store.open(db_path, create=True) as store:
        assert store.db["positions"].detect_fts() == "positions_fts"
        assert "fts5" in store.db["positions_fts"].schema.lower()
        assert "porter" in store.db["positions_fts"].schema.lower()


def test_the_timeline_access_path_is_indexed(db_path: Path):
    with Store.open(db_path, create=True) as store:
        indexes = {index.name: index.columns for index in store.db["positions"].indexes}
        assert indexes["positions_side_timeline"] == ["side", "date_start", "id"]
        assert indexes["positions_timeline"] == ["date_start", "id"]


def test_foreign_keys_are_enforced(seeded_path: Path):
    with Store.open(seeded_path) as store, pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO links (source_id, ordinal, relation, target_id) "
            "VALUES ('attack-pahalgam', 9, 'denies', 'no-such-position')")


def test_check_constraints_hold_the_vocabularies(seeded_path: Path):
    with Store.open(seeded_path) as store, pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE positions SET side = 'china' WHERE id = 'attack-pahalgam'")


def test_side_counts_follow_inserts_updates_and_deletes(seeded_path: Path):
    """The trigger-kept counts agree with a real count after every kind of write."""
    def real(store: Store) -> dict:
        return dict(store.db.execute("SELECT side, count(*) FROM positions GROUP BY side"))

    def kept(store: Store) -> dict:
        return dict(store.db.execute("SELECT side, n FROM side_counts WHERE n > 0"))

    with Store.open(seeded_path) as store:
        assert kept(store) == real(store)
        store.db.execute("UPDATE positions SET side = 'other' WHERE id = 'pk-warns-risks'")
        assert kept(store) == real(store)
        store.db.execute("DELETE FROM links WHERE source_id = 'in-iwt-condition' "
                         "OR target_id = 'in-iwt-condition'")
        for table in ("position_actors", "position_topics", "position_places", "sources"):
            store.db.execute(f"DELETE FROM {table} WHERE position_id = 'in-iwt-condition'")
        store.db.execute("DELETE FROM positions WHERE id = 'in-iwt-condition'")
        assert kept(store) == real(store)
        assert store.position_count() == sum(real(store).values())


def test_there_is_a_migration_step_to_every_version():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))


def test_an_empty_version_0_file_is_migrated_in_place(db_path: Path):
    sqlite3.connect(db_path).close()
    with Store.open(db_path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.position_count() == 0


def test_an_interrupted_migration_completes_on_the_next_open(db_path: Path):
    """Steps are idempotent: a half-made v1 (tables but no FTS, version 0) is finished."""
    db = sqlite_utils.Database(db_path)
    db.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, outlet TEXT, "
               "published TEXT NOT NULL, published_note TEXT NOT NULL DEFAULT '', "
               "text TEXT NOT NULL)")
    db.close()
    with Store.open(db_path) as store:
        assert store.db["positions"].detect_fts() == "positions_fts"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_from_a_newer_counterpoint_is_refused_untouched(seeded_path: Path):
    conn = sqlite3.connect(seeded_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = seeded_path.read_bytes()
    with pytest.raises(StoreError, match="newer than this Counterpoint"):
        Store.open(seeded_path)
    assert seeded_path.read_bytes() == before


def test_another_applications_database_is_refused(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Counterpoint one"):
        Store.open(db_path)
    assert sqlite_utils.Database(db_path).table_names() == ["invoices"]


def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path):
    db_path.write_bytes(b"\x8f\x01 not sqlite at all " * 64)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="cannot be opened as a database"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_missing_file_is_not_created_unless_asked(db_path: Path):
    with pytest.raises(StoreError, match="no database at"):
        Store.open(db_path)
    assert not db_path.exists()


def test_a_directory_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path, create=True)

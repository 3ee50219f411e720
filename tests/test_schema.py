"""Opening files: the schema, its pragmas, migrations and every refusal."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils
from seed_vocabulary import TOPICS
from test_faults import CONTENT_TABLES

from seed import position_records, seed
from store import SCHEMA_VERSION, Filter, Store, StoreError
from store.schema import APPLICATION_ID, MIGRATIONS


def test_a_new_database_has_the_current_schema_and_pragmas(db_path: Path):
    with Store.open(db_path, create=True) as store:
        db = store.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {
            "documents",
            "positions",
            "position_actors",
            "position_topics",
            "position_places",
            "sources",
            "links",
        } <= set(db.table_names())


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
    """A link's source and a quote's document must exist; a link's target need not (yet)."""
    with Store.open(seeded_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(
                "INSERT INTO links (source_id, ordinal, relation, target_id) "
                "VALUES ('no-such-position', 0, 'denies', 'attack-pahalgam')"
            )
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute(
                'INSERT INTO sources (position_id, ordinal, document_id, quote, start, "end") '
                "VALUES ('attack-pahalgam', 9, 'no-such-document', 'x', 0, 1)"
            )


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
        store.db.execute(
            "DELETE FROM links WHERE source_id = 'in-iwt-condition' "
            "OR target_id = 'in-iwt-condition'"
        )
        for table in ("position_actors", "position_topics", "position_places", "sources"):
            store.db.execute(f"DELETE FROM {table} WHERE position_id = 'in-iwt-condition'")
        store.db.execute("DELETE FROM positions WHERE id = 'in-iwt-condition'")
        assert kept(store) == real(store)
        assert store.position_count() == sum(real(store).values())


def test_there_is_a_migration_step_to_every_version():
    """A new file is made at the current version; every older one climbs from 1."""
    assert sorted(MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))


def test_an_empty_file_gets_the_schema_only_when_told_to_create(db_path: Path):
    """A zero-byte file (`touch`) or an empty SQLite file: reading commands refuse it
    untouched; seed and import (create=True) fill it."""
    for make in (lambda: db_path.write_bytes(b""), lambda: sqlite3.connect(db_path).close()):
        db_path.unlink(missing_ok=True)
        make()
        before = db_path.read_bytes()
        with pytest.raises(
            StoreError,
            match=r"empty .* not a Counterpoint database yet; "
            r"create it with: counterpoint seed --db",
        ):
            Store.open(db_path)
        assert db_path.read_bytes() == before
        with Store.open(db_path, create=True) as store:
            assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            assert store.position_count() == 0


def test_an_interrupted_migration_completes_on_the_next_open(db_path: Path):
    """Steps are idempotent: a half-made v1 (our application id, tables but no FTS,
    version 0) is finished."""
    db = sqlite_utils.Database(db_path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, outlet TEXT, "
        "published TEXT NOT NULL, published_note TEXT NOT NULL DEFAULT '', "
        "text TEXT NOT NULL)"
    )
    db.close()
    with Store.open(db_path) as store:
        assert store.db["positions"].detect_fts() == "positions_fts"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "version, words",
    [
        (SCHEMA_VERSION + 1, "newer than this Counterpoint"),
        (2147483647, "newer than this Counterpoint"),
        (-1, "which no Counterpoint wrote"),
        (-2147483648, "which no Counterpoint wrote"),
    ],
)
def test_an_odd_schema_version_is_refused_untouched(seeded_path: Path, version: int, words: str):
    """A newer version, the largest SQLite holds, and negative ones (which once crashed with
    a KeyError): one line each, the file byte-identical."""
    conn = sqlite3.connect(seeded_path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = seeded_path.read_bytes()
    with pytest.raises(StoreError, match=f"schema version {version}, {words}"):
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


def foreign_file(path: Path, setup: list[str]) -> list[str]:
    """Another program's SQLite file in rollback-journal mode; returns its dump."""
    conn = sqlite3.connect(path)
    for sql in setup:
        conn.execute(sql)
    conn.commit()
    dumped = list(conn.iterdump())
    conn.close()
    return dumped


@pytest.mark.parametrize(
    "setup",
    [
        ["CREATE TABLE documents (id TEXT PRIMARY KEY)"],  # one of our table names, version 0
        ["PRAGMA application_id = 1836213876", "CREATE TABLE t (x)"],  # another app's id
        ["PRAGMA application_id = 1836213876"],  # another app's id, no tables yet
        ["CREATE TABLE invoices (id INTEGER)", "PRAGMA user_version = 3"],  # our version number
        [
            "CREATE TABLE documents (id TEXT)",
            "CREATE TABLE positions (id TEXT)",
            "CREATE TABLE sources (x)",
            "CREATE TABLE links (x)",
            "CREATE TABLE invoices (x)",
            "PRAGMA user_version = 4",
        ],  # our tables and more
    ],
    ids=[
        "our-table-name",
        "other-app-id",
        "other-app-id-empty",
        "our-version",
        "our-tables-and-more",
    ],
)
@pytest.mark.parametrize("create", [False, True], ids=["read", "create"])
def test_another_programs_file_is_refused_and_not_written(db_path: Path, setup, create):
    """Refused before anything is written: no journal-mode change, no table added, even
    when the command would create a database (seed, import)."""
    dumped = foreign_file(db_path, setup)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a Counterpoint one; it was left untouched"):
        Store.open(db_path, create=create)
    assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + "-wal").exists()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert list(conn.iterdump()) == dumped
    conn.close()


@pytest.mark.parametrize("special", ["/dev/null", "/dev/zero", "/dev/full"])
def test_a_device_is_not_a_database(special: str):
    with pytest.raises(StoreError, match="not a regular file"):
        Store.open(Path(special), create=True)


FIXTURES = Path(__file__).parent / "fixtures"
V4_FILE = FIXTURES / "schema-v4.sqlite"
"""A real version-4 database, written by the Counterpoint of commit 07385d1: the seed plus
notes and bookmarks by alice and bob."""
V5_FILE = FIXTURES / "schema-v5.sqlite"
"""A real version-5 database, written by the Counterpoint of commit 95cbecb: the seed, notes
by alice and bob (one with two lines and accents), bookmarks, bob's draft, and a link to a
position that database did not hold."""
V6_FILE = FIXTURES / "schema-v6.sqlite"
"""A real version-6 database, written by the Counterpoint of commit ad0b629: the seed, notes
by alice and bob (one with accents), their bookmarks, bob's draft, a link to a position that
database did not hold, and a topic an analyst added (water_sharing)."""
V7_FILE = FIXTURES / "schema-v7.sqlite"
"""A real version-7 database, written by the Counterpoint of commit 964726c: the seed,
notes by alice and bob, their bookmarks, bob's draft, the topic water_sharing, a
position carol coded and then edited (pk-answers-delegation), one alice retracted
(cmt-volatile-conflict) and a document carol added with its URL and author: 43
revisions in all."""
V8_FILE = FIXTURES / "schema-v8.sqlite"
"""A real version-8 database, written by the Counterpoint of commit 5f1c0dc from the
version-7 file above: all of it, and alice's credibility grade 2 with a note and a doubt
on west-links-india-violence, bob's reliability grade C on 000_94edd1293f8f187e: 45
revisions in all."""
V1_FILE = FIXTURES / "schema-v1.sqlite"
"""A real version-1 database (the parent of commit 3665e04): the seed, nothing else."""


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every content table, the actors of a position by name: version 6 made
    them references to actors, named as the position had named them."""
    with closing(sqlite3.connect(path)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in conn.execute("PRAGMA table_info(position_actors)")}
        queries = {
            table: f"SELECT * FROM {table}"
            for table in (*CONTENT_TABLES, "drafts")
            if table in tables
        }
        if "actor_id" in columns:
            queries["position_actors"] = (
                "SELECT x.position_id, x.ordinal, a.name FROM position_actors x "
                "JOIN actors a ON a.id = x.actor_id"
            )
        return {
            table: sorted(conn.execute(sql).fetchall(), key=repr) for table, sql in queries.items()
        }


@pytest.mark.parametrize(
    "fixture",
    [V1_FILE, V4_FILE, V5_FILE, V6_FILE, V7_FILE, V8_FILE],
    ids=["v1", "v4", "v5", "v6", "v7", "v8"],
)
def test_an_old_file_is_carried_forward_with_nothing_lost(tmp_path: Path, fixture: Path):
    path = tmp_path / "old.db"
    shutil.copy(fixture, path)
    before = table_rows(path)
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == int(fixture.stem[-1])
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        vocab = store.vocabularies()
        assert [(s.id, s.label) for s in vocab.in_order] == [
            ("india", "India"),
            ("pakistan", "Pakistan"),
            ("other", "Other"),
        ]
        registry = fixture in (V6_FILE, V7_FILE, V8_FILE)
        added = ["water_sharing"] if registry else []
        assert [t.id for t in vocab.topics] == [*TOPICS, *added]
        assert vocab.topic_label("indus_waters_treaty") == "Indus Waters Treaty"
        assert all(not actor.classified for actor in vocab.actors) == (not registry)
        assert store.counts(Filter(text="Indus")).shown > 0
        assert store.counts(Filter(topics=frozenset({"kashmir"}))).shown > 0
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    after = table_rows(path)
    for table, rows in before.items():
        width = len(rows[0]) if rows else 0  # version 4 added columns to position_topics
        assert [row[:width] for row in after[table]] == rows, table
    with Store.open(path) as again:  # and it opens again as it is (the seed of its day: 40)
        assert again.position_count() == 40


def test_a_version_4_files_notes_bookmarks_and_links_read_as_before(tmp_path: Path):
    path = tmp_path / "old.db"
    shutil.copy(V4_FILE, path)
    with Store.open(path) as store:
        notes = store.notes_for(["pk-denies-attack", "in-attributes-attack"])
        assert notes["in-attributes-attack"][0].text == (
            "Compare with the MEA briefing.\nSecond line."
        )
        assert store.marked_ids(["pk-denies-attack"], "alice") == (
            {"pk-denies-attack"},
            {"pk-denies-attack"},
        )
        assert [e.other_id for e in store.link_ends("pk-denies-attack")] == ["in-attributes-attack"]


def test_a_version_5_files_draft_and_pending_link_survive(tmp_path: Path):
    path = tmp_path / "old.db"
    shutil.copy(V5_FILE, path)
    with Store.open(path) as store:
        draft = store.draft_for("in-attributes-attack", "bob")
        assert draft is not None and "SSH link dropped" in draft.text
        pending = store.db.execute(
            "SELECT source_id FROM links WHERE target_id = 'not-imported-yet'"
        ).fetchall()
        assert pending == [("us-ceasefire",)]
        texts = {n.author: n.text for n in store.notes_for(["in-suspends-iwt"])["in-suspends-iwt"]}
        assert "José, naïve" in texts["alice"]


def test_an_upgraded_file_takes_in_the_seeds_registry(tmp_path: Path):
    """Version 6 makes one unclassified actor per name; importing the seed classifies them,
    and its aliases adopt the actors it names otherwise ("India" is the Government of
    India): their positions move to it, and the filter by actor is exact from then on."""
    path = tmp_path / "old.db"
    shutil.copy(V5_FILE, path)
    with Store.open(path) as store:
        assert store.vocabularies().actor_from_text("India") == "india"
        seed(store)
        vocab = store.vocabularies()
        assert all(actor.classified for actor in vocab.actors)
        assert vocab.actor_from_text("India") == "government-of-india"
        assert vocab.actor("india") is None
        assert store.get("escalation-may").actor_ids == (
            "government-of-india",
            "government-of-pakistan",
        )
        government = Filter(actors=frozenset({"government-of-india"}))
        officials = Filter(actors=frozenset({"indian-officials"}))
        named = {  # what the seed names each actor by, counted from its own file
            actor: sum(actor in p["actors"] for p in position_records())
            for actor in ("Government of India", "Indian officials")
        }
        assert store.counts(government).shown == named["Government of India"]
        assert store.counts(officials).shown == named["Indian officials"]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_version_7_gives_old_quotes_their_context_and_counts_only_active_positions(
    tmp_path: Path,
):
    path = tmp_path / "old.db"
    shutil.copy(V6_FILE, path)
    with Store.open(path) as store:
        texts = {d.id: d.text for d in store.documents()}
        for position in store.positions()[0]:
            for s in position.sources:
                assert s.prefix == texts[s.document][max(0, s.start - 32) : s.start]
                assert s.suffix == texts[s.document][s.end : s.end + 32]
        for document in store.documents():
            assert document.sha256 == hashlib.sha256(document.text.encode()).hexdigest()
        assert store.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0
        assert store.draft_for("in-attributes-attack", "bob") is not None
        before = store.counts(Filter())
        store.db.execute("UPDATE positions SET status = 'retracted' WHERE id = 'pk-delegation'")
        side = store.get("pk-delegation").side
        after = store.counts(Filter())
        assert after.of(side) == before.of(side) - 1 and after.total == before.total - 1
        assert store.counts(Filter(text="delegation")).of(side) < before.of(side)
        assert "pk-delegation" not in {p.id for p in store.positions()[0]}
        assert "pk-delegation" in {p.id for p in store.positions(Filter(include_retracted=True))[0]}


def test_version_8_grades_and_doubts_come_forward_and_views_start_empty(tmp_path: Path):
    path = tmp_path / "old.db"
    shutil.copy(V8_FILE, path)
    with Store.open(path) as store:
        graded = store.get("west-links-india-violence")
        assert (graded.credibility, graded.credibility_by, graded.doubt) == (
            2,
            "alice",
            "the source may conflate two meetings",
        )
        assert store.document("000_94edd1293f8f187e").reliability == "C"
        assert store.saved_views("alice") == []
        assert len(store.db.execute("SELECT * FROM revisions").fetchall()) == 45


def test_an_older_file_read_only_has_no_saved_views_and_says_none(tmp_path: Path):
    path = tmp_path / "old.db"
    shutil.copy(V8_FILE, path)
    with Store.open(path, read_only=True) as store:
        assert store.saved_views("alice") == []
        assert store.saved_view("alice", "a") is None

"""Opening a database file and bringing its schema up to date.

The schema version lives in `PRAGMA user_version`. `MIGRATIONS[n]` takes a
database at version n - 1 to version n; opening runs every step the file is
missing, then records the new version, so an old file is upgraded in place.
sqlite-utils' `enable_fts` commits as it goes, so a step cannot be one
transaction; instead every step is idempotent (IF NOT EXISTS, and enable_fts
checks what exists), and a step interrupted half way is simply run again on the
next open. A file from a newer Counterpoint is refused rather than guessed at.

Opening looks before it writes: a file is Counterpoint's if it carries our
application id, or (made before version 5 set one) if its version is one we
wrote and its tables are ours. Anything else is refused, untouched: its journal
mode is not changed and no table is added. The schema is created only in a new
or empty file, and only when the caller said to create (`seed`, `import`, the
default database).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from .connection import Database
from .errors import StoreError
from .legacy import listed_in_check, read_as_current, read_with_new_columns, side_rows, topic_rows
from .registry import OTHER_LANE
from .vocab import (
    OTHER_SIDE,
    ActorKind,
    DateBasis,
    DatePrecision,
    Kind,
    Relation,
    RevisionAction,
)

BUSY_TIMEOUT_MS = 5000
APPLICATION_ID = 0x43505431
"""`PRAGMA application_id` of every file Counterpoint makes ("CPT1"): SQLite's own way for
a program to know its files, so another program's database is never taken for ours."""


def _choices(vocabulary: type[Enum]) -> str:
    """A CHECK list built from our own enums (never from user input)."""
    return ", ".join(f"'{member.value}'" for member in vocabulary)


def _vocabulary_tables() -> str:
    """The vocabularies that are data (see `store.registry`), as version 6 made them."""
    return f"""
    CREATE TABLE IF NOT EXISTS sides (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        lane INTEGER NOT NULL UNIQUE CHECK (lane IN (1, 2, 3))
    );
    CREATE TABLE IF NOT EXISTS topics (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        ordinal INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        side TEXT REFERENCES sides (id),
        kind TEXT CHECK (kind IN ({_choices(ActorKind)}))
    );
    CREATE TABLE IF NOT EXISTS actor_aliases (
        key TEXT PRIMARY KEY,
        actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        alias TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS actor_aliases_actor ON actor_aliases (actor_id);
    INSERT OR IGNORE INTO sides (id, label, lane) VALUES ('{OTHER_SIDE}', 'Other', {OTHER_LANE});
    CREATE TRIGGER IF NOT EXISTS sides_counted AFTER INSERT ON sides BEGIN
        INSERT OR IGNORE INTO side_counts (side, n) VALUES (new.id, 0);
    END;
    """


POSITIONS_TABLE = f"""
    CREATE TABLE IF NOT EXISTS positions (
        id TEXT PRIMARY KEY,
        side TEXT NOT NULL REFERENCES sides (id),
        kind TEXT NOT NULL CHECK (kind IN ({_choices(Kind)})),
        summary TEXT NOT NULL,
        date_start TEXT NOT NULL,
        date_end TEXT NOT NULL CHECK (date_end >= date_start),
        date_precision TEXT NOT NULL CHECK (date_precision IN ({_choices(DatePrecision)})),
        date_text TEXT NOT NULL DEFAULT '',
        date_basis TEXT NOT NULL CHECK (date_basis IN ({_choices(DateBasis)})),
        date_note TEXT NOT NULL DEFAULT '',
        actors_text TEXT NOT NULL DEFAULT '',
        quotes_text TEXT NOT NULL DEFAULT ''
    )"""
POSITION_ACTORS_TABLE = """
    CREATE TABLE IF NOT EXISTS position_actors (
        position_id TEXT NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        PRIMARY KEY (position_id, ordinal)
    )"""
POSITION_TOPICS_TABLE = """
    CREATE TABLE IF NOT EXISTS position_topics (
        position_id TEXT NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        topic TEXT NOT NULL REFERENCES topics (id),
        side TEXT NOT NULL DEFAULT '',
        date_start TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (position_id, ordinal)
    )"""
SIDE_COUNTS_TABLE = """
    CREATE TABLE IF NOT EXISTS side_counts (
        side TEXT PRIMARY KEY REFERENCES sides (id),
        n INTEGER NOT NULL
    )"""
POSITION_INDEXES = """
    CREATE INDEX IF NOT EXISTS positions_timeline ON positions (date_start, id);
    CREATE INDEX IF NOT EXISTS positions_side_timeline ON positions (side, date_start, id);
    CREATE INDEX IF NOT EXISTS positions_kind ON positions (kind, date_start, id);
    CREATE INDEX IF NOT EXISTS position_actors_actor ON position_actors (actor_id, position_id);
    CREATE INDEX IF NOT EXISTS position_topics_topic ON position_topics (topic, position_id);
    CREATE INDEX IF NOT EXISTS position_topics_matrix
        ON position_topics (topic, side, date_start, position_id);
"""
TOPICS_FOLLOW_TRIGGER = """
    CREATE TRIGGER IF NOT EXISTS position_topics_follow AFTER UPDATE OF side, date_start
        ON positions BEGIN
        UPDATE position_topics SET side = new.side, date_start = new.date_start
         WHERE position_id = new.id;
    END;
"""


def _create_current(db: Database) -> None:
    """A new database, made at the current version in one go (older files climb the
    steps below instead). Sides, topics and actors start empty but for the third lane:
    the seed, an import or an analyst names them."""
    db.executescript(f"""
    {SIDE_COUNTS_TABLE};
    {_vocabulary_tables()}
    CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        outlet TEXT,
        published TEXT NOT NULL,
        published_note TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL
    );
    {POSITIONS_TABLE};
    {POSITION_ACTORS_TABLE};
    {POSITION_TOPICS_TABLE};
    CREATE TABLE IF NOT EXISTS position_places (
        position_id TEXT NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (position_id, ordinal)
    );
    CREATE TABLE IF NOT EXISTS sources (
        position_id TEXT NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        document_id TEXT NOT NULL REFERENCES documents (id),
        quote TEXT NOT NULL,
        start INTEGER NOT NULL CHECK (start >= 0),
        "end" INTEGER NOT NULL CHECK ("end" >= start),
        PRIMARY KEY (position_id, ordinal)
    );
    CREATE INDEX IF NOT EXISTS sources_document ON sources (document_id, position_id);
    {LINKS_TABLE};
    CREATE INDEX IF NOT EXISTS links_target ON links (target_id, source_id);
    {POSITION_INDEXES}
    {SIDE_COUNT_TRIGGERS}
    {TOPICS_FOLLOW_TRIGGER}
    INSERT OR IGNORE INTO side_counts (side, n) SELECT id, 0 FROM sides;
    """)
    db.table("positions").enable_fts(
        ["summary", "quotes_text", "actors_text"], create_triggers=True, tokenize="porter"
    )
    _v2_notes_and_bookmarks(db)
    _drafts(db.conn)
    _v7_coding_desk(db)
    _v8_grades(db)
    _v9_views(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _v2_notes_and_bookmarks(db: Database) -> None:
    """The analysts' own work, in tables of its own so that re-seeding or re-importing
    positions never touches it. Notes are shared (one per analyst per position) and
    searchable; bookmarks are each analyst's own."""
    db.executescript("""
    CREATE TABLE IF NOT EXISTS notes (
        position_id TEXT NOT NULL REFERENCES positions (id),
        author TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (position_id, author)
    );
    CREATE TABLE IF NOT EXISTS bookmarks (
        position_id TEXT NOT NULL REFERENCES positions (id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (position_id, author)
    );
    CREATE INDEX IF NOT EXISTS bookmarks_author ON bookmarks (author, position_id);
    """)
    db.table("notes").enable_fts(["text"], create_triggers=True, tokenize="porter")


SIDE_COUNT_TRIGGERS = """
    CREATE TRIGGER IF NOT EXISTS side_counts_ai AFTER INSERT ON positions BEGIN
        UPDATE side_counts SET n = n + 1 WHERE side = new.side;
    END;
    CREATE TRIGGER IF NOT EXISTS side_counts_ad AFTER DELETE ON positions BEGIN
        UPDATE side_counts SET n = n - 1 WHERE side = old.side;
    END;
    CREATE TRIGGER IF NOT EXISTS side_counts_au AFTER UPDATE OF side ON positions BEGIN
        UPDATE side_counts SET n = n - 1 WHERE side = old.side;
        UPDATE side_counts SET n = n + 1 WHERE side = new.side;
    END;
"""


def recount_sides(conn: sqlite3.Connection) -> None:
    """Set side_counts from the positions themselves (after a bulk load or a migration):
    the active ones, once version 7 gave positions a status."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(positions)")}
    active = " AND status = 'active'" if "status" in columns else ""
    conn.execute("DELETE FROM side_counts")
    conn.execute(
        "INSERT INTO side_counts (side, n) "
        f"SELECT s.id, (SELECT count(*) FROM positions WHERE side = s.id{active}) FROM sides s"
    )


def _v3_side_counts(db: Database) -> None:
    """Positions per side, kept by triggers, so the unfiltered counts on the first screen
    cost three rows to read instead of a pass over the whole index. (Version 3 also
    listed the sides in a CHECK; version 6 took that away, so it is not made here.)"""
    db.executescript(f"""
    CREATE TABLE IF NOT EXISTS side_counts (side TEXT PRIMARY KEY, n INTEGER NOT NULL);
    {SIDE_COUNT_TRIGGERS}
    """)
    with db.conn:
        db.execute("DELETE FROM side_counts")
        db.conn.executemany(
            "INSERT INTO side_counts (side, n) "
            "VALUES (?, (SELECT count(*) FROM positions WHERE side = ?))",
            [(side, side) for side in listed_in_check(db.conn, "positions", "side")],
        )


def _v4_topic_matrix_index(db: Database) -> None:
    """Each topic row also carries its position's side and date_start, indexed, so the
    comparison matrix counts from one index (no join with a million positions) and
    finds each cell's latest position with one index probe. A trigger keeps the copies
    in step with direct updates of positions; the importer rewrites topic rows anyway."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(position_topics)")}
    with db.conn:
        if "side" not in columns:
            db.execute("ALTER TABLE position_topics ADD COLUMN side TEXT NOT NULL DEFAULT ''")
        if "date_start" not in columns:
            db.execute("ALTER TABLE position_topics ADD COLUMN date_start TEXT NOT NULL DEFAULT ''")
        db.execute("""UPDATE position_topics SET
                        side = (SELECT side FROM positions WHERE id = position_id),
                        date_start = (SELECT date_start FROM positions WHERE id = position_id)""")
    db.executescript("""
    CREATE INDEX IF NOT EXISTS position_topics_matrix
        ON position_topics (topic, side, date_start, position_id);
    CREATE TRIGGER IF NOT EXISTS position_topics_follow AFTER UPDATE OF side, date_start
        ON positions BEGIN
        UPDATE position_topics SET side = new.side, date_start = new.date_start
         WHERE position_id = new.id;
    END;
    """)


LINKS_TABLE = f"""
    CREATE TABLE IF NOT EXISTS links (
        source_id TEXT NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        relation TEXT NOT NULL CHECK (relation IN ({_choices(Relation)})),
        target_id TEXT NOT NULL,
        PRIMARY KEY (source_id, ordinal)
    )"""


def _drafts(conn: sqlite3.Connection) -> None:
    conn.execute("""CREATE TABLE IF NOT EXISTS drafts (
        author TEXT NOT NULL,
        position_id TEXT NOT NULL,
        text TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (author, position_id)
    )""")


def _v5_ours_drafts_and_pending_links(db: Database) -> None:
    """Three things the hardening round needs, in one transaction:

    - the application id, so the file says it is Counterpoint's;
    - `drafts`: a note being typed when the session ended (SIGTERM, SIGHUP, a crash)
      is kept per analyst and position until it is saved or thrown away;
    - links whose target is not in the database (yet): an exported slice links to
      positions outside it, and a colleague importing it must not lose those links,
      so `links.target_id` no longer references `positions` (the source still does).
      Views show only links whose both ends are present.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")  # DDL too: sqlite3 opens no transaction for it by itself
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _drafts(conn)
        target_references = any(
            row[3] == "target_id" for row in conn.execute("PRAGMA foreign_key_list(links)")
        )
        if target_references:
            _rebuild(conn, "links", LINKS_TABLE, "source_id, ordinal, relation, target_id")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def _v6_vocabularies_as_data(db: Database) -> None:
    """Sides, topics and actors become tables (see `store.registry`), in one transaction.

    The sides and topics of the file are read from its own CHECK lists (`store.legacy`)
    and written as rows; every distinct actor name becomes an actor of its own, not yet
    classified (no side, no kind), with its name as its first alias, and positions point
    at actors by id. Then positions, their topics and actors, and side_counts are rebuilt
    without the CHECK lists (SQLite's way to change a constraint: a new table, the rows
    copied with their rowids, so the full-text index stays valid; the old one dropped).
    Foreign keys are off meanwhile, as SQLite requires, and checked before the commit.
    """
    from .registry import actor_id_for, alias_key

    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # cannot change inside a transaction
    conn.execute("BEGIN IMMEDIATE")
    try:
        sides = side_rows(conn)
        topics = topic_rows(conn)
        names = [row[0] for row in conn.execute("SELECT DISTINCT name FROM position_actors")]
        triggers = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL"
            )
        ]
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f'DROP TRIGGER "{name}"')  # put back below, once the tables stand
        conn.execute("DROP TABLE side_counts")  # derived: recounted below
        _run(conn, SIDE_COUNTS_TABLE)
        _run(conn, _vocabulary_tables())
        conn.executemany("INSERT OR IGNORE INTO sides (id, label, lane) VALUES (?, ?, ?)", sides)
        conn.executemany(
            "INSERT OR IGNORE INTO topics (id, label, ordinal) VALUES (?, ?, ?)", topics
        )
        actor_of: dict[str, str] = {}
        taken: set[str] = set()
        for name in names:
            key = alias_key(str(name))
            if key not in actor_of:
                actor_of[key] = actor_id_for(str(name), taken)
                taken.add(actor_of[key])
                conn.execute(
                    "INSERT INTO actors (id, name) VALUES (?, ?)", [actor_of[key], str(name)]
                )
            conn.execute(
                "INSERT OR IGNORE INTO actor_aliases (key, actor_id, alias) VALUES (?, ?, ?)",
                [key, actor_of[key], str(name)],
            )
        conn.execute("CREATE TEMP TABLE v6_actor_map (name TEXT PRIMARY KEY, actor_id TEXT)")
        conn.executemany(
            "INSERT OR IGNORE INTO v6_actor_map VALUES (?, ?)",
            [(name, actor_of[alias_key(str(name))]) for name in names],
        )
        columns = ", ".join(row[1] for row in conn.execute("PRAGMA table_info(positions)"))
        _rebuild(conn, "positions", POSITIONS_TABLE, f"rowid, {columns}")
        _rebuild(
            conn,
            "position_topics",
            POSITION_TOPICS_TABLE,
            "position_id, ordinal, topic, side, date_start",
        )
        _rebuild(
            conn,
            "position_actors",
            POSITION_ACTORS_TABLE,
            "position_id, ordinal, (SELECT actor_id FROM v6_actor_map m WHERE m.name = x.name)",
            source="position_actors x",
            target_columns="position_id, ordinal, actor_id",
            keep=lambda sql: "position_actors_name" not in sql,
        )
        conn.execute("DROP TABLE v6_actor_map")
        _run(conn, POSITION_INDEXES)
        for sql in triggers:
            conn.execute(sql)
        recount_sides(conn)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise StoreError(f"upgrading to version 6 would break references: {problems[:3]}")
        conn.execute("PRAGMA user_version = 6")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Each statement of a script, inside the caller's transaction (`executescript`
    would commit it first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def _rebuild(
    conn: sqlite3.Connection,
    table: str,
    create_sql: str,
    select: str,
    *,
    source: str | None = None,
    target_columns: str | None = None,
    keep: Callable[[str], bool] = lambda sql: True,
) -> None:
    """Replace `table` by `create_sql`'s table holding the rows `select` reads from it,
    keeping its indexes and triggers (those `keep` accepts). Inside the caller's
    transaction, with foreign keys off (SQLite's twelve steps, ALTER TABLE section 7)."""
    saved = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL",
            [table],
        )
        if keep(sql)
    ]  # (the caller drops and restores triggers that reference other tables)
    columns = target_columns or select
    conn.execute(create_sql.replace(f"EXISTS {table} (", f"EXISTS {table}_rebuilt (", 1))
    conn.execute(f"INSERT INTO {table}_rebuilt ({columns}) SELECT {select} FROM {source or table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for sql in saved:
        conn.execute(sql)


ACTIVE_COUNT_TRIGGERS = """
    CREATE TRIGGER IF NOT EXISTS side_counts_ai AFTER INSERT ON positions
        WHEN new.status = 'active' BEGIN
        UPDATE side_counts SET n = n + 1 WHERE side = new.side;
    END;
    CREATE TRIGGER IF NOT EXISTS side_counts_ad AFTER DELETE ON positions
        WHEN old.status = 'active' BEGIN
        UPDATE side_counts SET n = n - 1 WHERE side = old.side;
    END;
    CREATE TRIGGER IF NOT EXISTS side_counts_au AFTER UPDATE OF side, status ON positions BEGIN
        UPDATE side_counts SET n = n - 1 WHERE side = old.side AND old.status = 'active';
        UPDATE side_counts SET n = n + 1 WHERE side = new.side AND new.status = 'active';
    END;
"""
"""Version 7's side counts: active positions only (a retracted one leaves the timeline)."""

REVISIONS_TABLE = f"""
    CREATE TABLE IF NOT EXISTS revisions (
        id INTEGER PRIMARY KEY,
        position_id TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ({_choices(RevisionAction)})),
        origin TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        before TEXT,
        after TEXT
    );
    CREATE INDEX IF NOT EXISTS revisions_position ON revisions (position_id, id);
    CREATE INDEX IF NOT EXISTS revisions_author ON revisions (author, id);
"""
"""Every change to a position, kept: no foreign key, since history outlives what it is
about, and nothing ever updates or deletes a row here."""

_V7_COLUMNS = (
    ("documents", "sha256", "TEXT NOT NULL DEFAULT ''"),
    ("documents", "url", "TEXT"),
    ("documents", "author", "TEXT"),
    ("documents", "format", "TEXT NOT NULL DEFAULT 'text'"),
    ("documents", "added_by", "TEXT NOT NULL DEFAULT ''"),
    ("documents", "added_at", "TEXT NOT NULL DEFAULT ''"),
    ("sources", "prefix", "TEXT NOT NULL DEFAULT ''"),
    ("sources", "suffix", "TEXT NOT NULL DEFAULT ''"),
    (
        "positions",
        "status",
        "TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retracted'))",
    ),
    ("positions", "status_reason", "TEXT NOT NULL DEFAULT ''"),
)
"""What version 7 adds to existing tables (name, declaration)."""
QUOTE_CONTEXT = 32
"""Code points of text kept before and after each quote (the W3C TextQuoteSelector's
prefix and suffix, as long as the Hypothesis client keeps them), so a quote can be found
again by its words if offsets ever stop matching."""


def _v7_coding_desk(db: Database) -> None:
    """What the coding desk needs, in one transaction:

    - documents say where they came from (url, author, format), who added them and when,
      and the SHA-256 of their text (computed here for the documents already stored), so
      the same text added twice is recognised;
    - every quote keeps the 32 code points before and after it (filled here from the
      documents: SQLite's substr counts code points, as our offsets do);
    - positions have a status: a retracted one leaves the timeline, its counts and the
      exports, and stays in the database and its history; side counts count active ones;
    - `revisions`: every change to a position, who, when, what before and after, why.
    """
    import hashlib

    conn = db.conn
    conn.create_function(
        "counterpoint_sha256",
        1,
        lambda text: hashlib.sha256(str(text).encode("utf-8")).hexdigest(),
        deterministic=True,
    )
    conn.execute("BEGIN IMMEDIATE")
    try:
        _add_columns(conn, _V7_COLUMNS)
        conn.execute("UPDATE documents SET sha256 = counterpoint_sha256(text) WHERE sha256 = ''")
        conn.execute(
            f"""UPDATE sources SET
                prefix = (SELECT substr(d.text, max(1, sources.start - {QUOTE_CONTEXT} + 1),
                                        min(sources.start, {QUOTE_CONTEXT}))
                            FROM documents d WHERE d.id = sources.document_id),
                suffix = (SELECT substr(d.text, sources."end" + 1, {QUOTE_CONTEXT})
                            FROM documents d WHERE d.id = sources.document_id)
             WHERE prefix = '' AND suffix = ''"""
        )
        for name in ("side_counts_ai", "side_counts_ad", "side_counts_au"):
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        _run(conn, ACTIVE_COUNT_TRIGGERS)
        _run(conn, REVISIONS_TABLE)
        _run(
            conn,
            """CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
            CREATE INDEX IF NOT EXISTS positions_retracted ON positions (id)
                WHERE status = 'retracted';""",
        )
        recount_sides(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


_V8_COLUMNS = (
    (
        "documents",
        "reliability",
        "TEXT CHECK (reliability IS NULL OR reliability IN ('A', 'B', 'C', 'D', 'E', 'F'))",
    ),
    ("documents", "reliability_note", "TEXT NOT NULL DEFAULT ''"),
    ("documents", "reliability_by", "TEXT NOT NULL DEFAULT ''"),
    (
        "positions",
        "credibility",
        "INTEGER CHECK (credibility IS NULL OR credibility BETWEEN 1 AND 6)",
    ),
    ("positions", "credibility_note", "TEXT NOT NULL DEFAULT ''"),
    ("positions", "credibility_by", "TEXT NOT NULL DEFAULT ''"),
    ("positions", "doubt", "TEXT NOT NULL DEFAULT ''"),
)
"""What version 8 adds (name, declaration): every column NULL or empty until graded, so
an older file reads as 'nobody has graded this yet', which is what it is."""


def _add_columns(conn: sqlite3.Connection, columns: tuple[tuple[str, str, str], ...]) -> None:
    """ALTER TABLE … ADD COLUMN for each column a table does not have yet (a step run
    again after an interruption finds them there)."""
    for table, column, declaration in columns:
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


DOCUMENT_SENTENCES_TABLE = """
    CREATE TABLE IF NOT EXISTS document_sentences (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS document_sentences_span
        ON document_sentences (document_id, start, "end");
"""
"""Each document's sentences (code-point offsets), split once when it is stored: its text
never changes. Derived, so rebuildable; what `store.sentence_counts` counts by."""


def _v8_grades(db: Database) -> None:
    """Source criticism, in one transaction: documents gain a reliability grade (A–F)
    and positions a credibility grade (1–6), each with a note and who graded it, and a
    doubt (why the source itself may be wrong), see `store.grades`; and each document's
    sentences are stored (split here for the documents a file already holds), so counts
    can say how many sentences stand behind them."""
    from .sentences import split_sentences

    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        _add_columns(conn, _V8_COLUMNS)
        _run(conn, DOCUMENT_SENTENCES_TABLE)
        missing = conn.execute(
            "SELECT id, text FROM documents WHERE id NOT IN "
            "(SELECT DISTINCT document_id FROM document_sentences)"
        )
        for document_id, text in missing.fetchall():
            conn.executemany(
                'INSERT INTO document_sentences (document_id, start, "end") VALUES (?, ?, ?)',
                [(document_id, x.start, x.end) for x in split_sentences(str(text))],
            )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


VIEWS_TABLE = """
    CREATE TABLE IF NOT EXISTS views (
        author TEXT NOT NULL,
        name TEXT NOT NULL,
        state TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (author, name)
    )
"""
"""Each analyst's saved views: `name` a letter (`m a` saves, `' a` returns), or "" for
where the analyst left off; `state` the filters, search, zoom and cursor as JSON
(`store.views`). An analyst's own, like bookmarks: never touched by an import."""


def _v9_views(db: Database) -> None:
    """Saved views and where each analyst left off (`store.views`)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(VIEWS_TABLE)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    2: _v2_notes_and_bookmarks,
    3: _v3_side_counts,
    4: _v4_topic_matrix_index,
    5: _v5_ours_drafts_and_pending_links,
    6: _v6_vocabularies_as_data,
    7: _v7_coding_desk,
    8: _v8_grades,
    9: _v9_views,
}
"""`MIGRATIONS[n]` takes a file at version n - 1 to version n. A new file is made at the
current version at once (`_create_current`); version 1 is what the first release made."""
SCHEMA_VERSION = max(MIGRATIONS)
READABLE_FROM = 4
"""The oldest version this code reads where it may not migrate it (a read-only file or
mount): version 5 added only what reading never needs, and what version 6 moved into
tables is shown from the old schema by TEMP views (`store.legacy.read_as_current`)."""
_FTS_SHADOWS = ("", "_data", "_idx", "_docsize", "_config")
KNOWN_TABLES = {
    "documents",
    "positions",
    "position_actors",
    "position_topics",
    "position_places",
    "sources",
    "links",
    "notes",
    "bookmarks",
    "side_counts",
    "drafts",
    "sides",
    "topics",
    "actors",
    "actor_aliases",
    "revisions",
    "document_sentences",
    "views",
    *(f"{table}_fts{suffix}" for table in ("positions", "notes") for suffix in _FTS_SHADOWS),
}
"""Every table a migration creates."""
_CORE_TABLES = {"documents", "positions", "sources", "links"}


def schema_version(db: Database) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def _seed_hint(path: Path) -> str:
    return f"create it with: counterpoint seed --db {path}"


def open_database(path: Path, *, create: bool, read_only: bool = False) -> Database:
    """Open (and if allowed create) a Counterpoint database, migrated to SCHEMA_VERSION.

    `read_only` opens with SQLite's mode=ro: nothing can be written, so a file that
    would need migrating is refused. Raises StoreError with one readable sentence for
    every way this can fail; a file that is refused is left exactly as it was.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    exists = path.exists()
    if not exists and (read_only or not create):
        raise StoreError(f"no database at {path}; {_seed_hint(path)}")
    if exists and not path.is_file():
        raise StoreError(
            f"{path} is not a regular file (a device, pipe or socket), so it cannot be a database"
        )
    if exists and not os.access(path, os.R_OK):
        raise StoreError(
            f"{path} cannot be read: permission denied (ask its owner for read access)"
        )
    if exists and path.stat().st_size == 0 and not create:
        raise StoreError(
            f"{path} is an empty file, not a Counterpoint database yet; {_seed_hint(path)}"
        )
    try:
        conn = (
            _connect_read_only(path)
            if read_only
            else sqlite3.connect(path, check_same_thread=False)
        )
        db = Database(conn)
        version = schema_version(db)
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be opened as a database: {exc}") from exc
    try:
        _identify(path, version, application_id, tables, create=create)
        if read_only:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if version < READABLE_FROM:
                raise StoreError(
                    f"{path} is read-only for you and at schema version {version}; "
                    f"open it once with write access to upgrade it to {SCHEMA_VERSION}"
                )
            if version < 6:
                read_as_current(db.conn)
            if version < SCHEMA_VERSION:
                read_with_new_columns(db.conn, _V7_COLUMNS + _V8_COLUMNS)
        else:
            _configure(db)
            _migrate(db, version)
    except StoreError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"{path}: {exc}") from exc
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """mode=ro, or on a read-only mount immutable=1.

    SQLite reads a WAL database only where it can create the `-shm` file beside it,
    which a read-only mount (or a folder the reader may not write) forbids. Such a
    file cannot change under us, so it is opened as immutable, but only when no
    `-wal` file holds commits that immutable mode would ignore.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise  # not the missing -shm: say what it is
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path} cannot be opened read-only: its write-ahead log {wal.name} holds changes "
            "and its folder may not be written; ask someone with write access to open it once"
        )
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def _identify(
    path: Path, version: int, application_id: int, tables: set[str], *, create: bool
) -> None:
    """Refuse, before anything is written, a file that is not a Counterpoint database."""
    not_ours = StoreError(
        f"{path} is an SQLite database but not a Counterpoint one; it was left untouched"
    )
    if application_id not in (0, APPLICATION_ID):
        raise not_ours
    if version < 0:
        raise StoreError(
            f"{path} has schema version {version}, which no Counterpoint "
            "wrote; it was left untouched"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this Counterpoint "
            f"understands ({SCHEMA_VERSION}); upgrade Counterpoint to open it"
        )
    if application_id == APPLICATION_ID:
        return  # ours; version 0 here is a creation interrupted half way: finish it
    if version == 0:
        if tables:
            raise not_ours
        if not create:
            raise StoreError(
                f"{path} is an empty database, not a Counterpoint one yet; {_seed_hint(path)}"
            )
        return
    if not tables >= _CORE_TABLES or tables - KNOWN_TABLES:
        raise not_ours  # a version number we use, but someone else's tables


def _configure(db: Database) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")


def _migrate(db: Database, version: int) -> None:
    if version == 0:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # ours from the first write
        _create_current(db)
        return
    for target in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[target](db)
        db.execute(f"PRAGMA user_version = {target}")

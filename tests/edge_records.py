"""Records at the edges of what their columns allow, written with SQL as another tool might.

The import validates dates, lengths and links, so these rows cannot come in through it
(or soon will not): they are what a shared database can hold after another program, an
old Counterpoint or a hand edit wrote to it. `store/schema.py`'s CHECK constraints still
hold (date_end >= date_start as text, start >= 0, end >= start), so what is left is:

- dates at the ends of the calendar ('0001-01-01', '9999-12-31', spans across it and to
  its end) and past them ('0000-01-01', '10000-01-01');
- date texts that are not ISO dates ('soon', '', '2025-02-30', '20250101'), and a date
  stored as a BLOB (what Python's sqlite3 writes for bytes);
- notes and bookmarks whose time stamps are not time stamps ('yesterday', '0001-01-01');
- a 100,000-character summary, a 10,000-character actor name, a 50,000-character note;
- a 2 MB document text without a full stop, quoted in its middle and past its end;
- a link to an id that does not exist (written with foreign keys off);
- a document whose published date is not a date;
- all of it on each of the three sides, with topics (the matrix), bookmarks and notes.

`add_edge_records(store)` writes them through a connection of its own and returns the
ids written, so a test can find them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store import Store

SIDES = ("india", "pakistan", "other")

EDGE_DATES: dict[str, tuple[str | bytes, str | bytes]] = {
    "max": ("9999-12-31", "9999-12-31"),
    "min": ("0001-01-01", "0001-01-01"),
    "span": ("0001-01-01", "9999-12-31"),
    "toend": ("2025-05-01", "9999-12-31"),
    "year0": ("0000-01-01", "0000-01-01"),
    "y10k": ("10000-01-01", "10000-01-01"),
    "blob": (b"2025-04-22", b"2025-04-22"),
    "soon": ("soon", "soon"),
    "empty": ("", ""),
    "feb30": ("2025-02-30", "2025-02-30"),
    "basic": ("20250101", "20250101"),
}
"""(date_start, date_end) as stored; each passes the CHECK date_end >= date_start."""

LONG_DOC_ID = "edge-long-doc"
LONG_DOC_TEXT = "word " * 200_000 + "the quote here " + "more " * 200_000
"""2 MB with no full stop: the quote's "sentence" is the whole text."""
LONG_QUOTE = "the quote here"

BAD_PUBLISHED_DOC_ID = "edge-undated-doc"
BAD_PUBLISHED_TEXT = "A short text. Its published date is not a date."

LONG_SUMMARY = ("Edge summary " + "भारत پاکستان 印度 " * 2 + "long ") * 2_000
LONG_ACTOR = "Actor" + "x" * 9_995
LONG_NOTE = ("A note that goes on. " * 2_400)[:50_000]
MISSING_TARGET = "edge-no-such-position"
NOTE_AUTHOR = "alice"


def _position_row(
    position_id: str,
    side: str,
    summary: str,
    start: str | bytes,
    end: str | bytes,
    actors: list[str],
    quotes: list[str],
) -> tuple:
    date_text = start if isinstance(start, str) and start else "(no date)"
    return (
        position_id,
        side,
        "statement",
        summary,
        start,
        end,
        "day",
        date_text,
        "stated",
        "",
        "; ".join(actors),
        "\n".join(quotes),
    )


def add_edge_records(store: Store) -> list[str]:
    """Write the edge records into `store`'s file; return the position ids written."""
    ids: list[str] = []
    conn = sqlite3.connect(Path(store.path))
    try:
        with conn:
            _write(conn, ids)
        # A link to a position that does not exist: foreign keys are off on this
        # connection (SQLite's default), as they are for most tools.
        conn.execute("PRAGMA foreign_keys = OFF")
        with conn:
            conn.execute(
                "INSERT INTO links (source_id, ordinal, relation, target_id) "
                "VALUES (?, 1, 'responds_to', ?)",
                ["edge-long-india", MISSING_TARGET],
            )
    finally:
        conn.close()
    return ids


def _write(conn: sqlite3.Connection, ids: list[str]) -> None:
    conn.execute(
        "INSERT INTO documents (id, title, outlet, published, text) VALUES (?, ?, ?, ?, ?)",
        [LONG_DOC_ID, "A document without full stops", None, "2025-05-01", LONG_DOC_TEXT],
    )
    conn.execute(
        "INSERT INTO documents (id, title, outlet, published, text) VALUES (?, ?, ?, ?, ?)",
        [BAD_PUBLISHED_DOC_ID, "An undated document", "Nowhere", "not a date", BAD_PUBLISHED_TEXT],
    )
    quote_start = LONG_DOC_TEXT.index(LONG_QUOTE)
    past_end = len(LONG_DOC_TEXT) + 10
    for side in SIDES:
        for name, (start, end) in EDGE_DATES.items():
            position_id = f"edge-{name}-{side}"
            _insert(
                conn,
                position_id,
                side,
                f"Edge date {name} on {side}: {start!r}",
                start,
                end,
                [f"Edge actor {side}"],
                [(BAD_PUBLISHED_DOC_ID, "Its published date", 14, 32)],
            )
            ids.append(position_id)
        position_id = f"edge-long-{side}"
        _insert(
            conn,
            position_id,
            side,
            LONG_SUMMARY,
            "2025-05-02",
            "2025-05-03",
            [LONG_ACTOR, f"Edge actor {side}"],
            [
                (LONG_DOC_ID, LONG_QUOTE, quote_start, quote_start + len(LONG_QUOTE)),
                (LONG_DOC_ID, "past the end", past_end, past_end + 12),
            ],
        )
        ids.append(position_id)
        conn.execute(
            "INSERT INTO notes (position_id, author, text, updated_at) VALUES (?, ?, ?, ?)",
            [position_id, NOTE_AUTHOR, LONG_NOTE, "2025-06-01T10:00:00+00:00"],
        )
        conn.execute(
            "INSERT INTO notes (position_id, author, text, updated_at) VALUES (?, ?, ?, ?)",
            [position_id, "bob", "Bob's note, dated oddly", "yesterday"],
        )
        conn.execute(
            "INSERT INTO bookmarks (position_id, author, created_at) VALUES (?, ?, ?)",
            [position_id, NOTE_AUTHOR, "0001-01-01"],
        )
        conn.execute(
            "INSERT INTO links (source_id, ordinal, relation, target_id) "
            "VALUES (?, 0, 'responds_to', ?)",
            [f"edge-soon-{side}", f"edge-max-{side}"],
        )


def _insert(
    conn: sqlite3.Connection,
    position_id: str,
    side: str,
    summary: str,
    start: str | bytes,
    end: str | bytes,
    actors: list[str],
    sources: list[tuple[str, str, int, int]],
) -> None:
    conn.execute(
        "INSERT INTO positions (id, side, kind, summary, date_start, date_end, date_precision,"
        " date_text, date_basis, date_note, actors_text, quotes_text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _position_row(
            position_id, side, summary, start, end, actors, [quote for _, quote, _, _ in sources]
        ),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actors (id, name) VALUES (?, ?)",
        [(f"edge-actor-{n}-{position_id}", name) for n, name in enumerate(actors)],
    )
    conn.executemany(
        "INSERT INTO position_actors (position_id, ordinal, actor_id) VALUES (?, ?, ?)",
        [(position_id, n, f"edge-actor-{n}-{position_id}") for n, _ in enumerate(actors)],
    )
    conn.executemany(
        "INSERT INTO position_topics (position_id, ordinal, topic, side, date_start)"
        " VALUES (?, ?, ?, ?, ?)",
        [(position_id, n, topic, side, start) for n, topic in enumerate(("terrorism", "kashmir"))],
    )
    conn.execute(
        "INSERT INTO position_places (position_id, ordinal, name) VALUES (?, 0, ?)",
        [position_id, "Edge place"],
    )
    conn.executemany(
        'INSERT INTO sources (position_id, ordinal, document_id, quote, start, "end")'
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(position_id, n, *source) for n, source in enumerate(sources)],
    )

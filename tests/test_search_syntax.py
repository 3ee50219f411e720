"""One parser of the search text, the same meaning on every full-text index.

The bug this guards (issue 10): a column filter such as `summary:treaty` was checked
against positions_fts and then run, as typed, against notes_fts, which has no such
column: the app crashed and `list`/`export` said "database error". The search text is
now parsed once (`store/search_syntax.py`) and written out per index.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from tui_helpers import assert_terminal_safe

from seed import position_records
from store import Filter, SearchMode, Store
from store.search_syntax import MAX_NESTING, NOTES_INDEX, POSITIONS_INDEX, parse, render
from tui.app import CounterpointApp
from tui.cli import main

SEED = position_records()
SUMMARY_TREATY = {r["id"] for r in SEED if "treaty" in r["summary"].lower()}
"""Positions whose summary says "treaty": the seed has six; two more say it only in a quote."""

NOTES = {
    # Neither summary, quotes nor actors of this position say "treaty"; its note does.
    "pk-rehman-agenda": "The treaty came up again; see the Tulbul navigation project.",
    # An Urdu word, stored (as the note editor would) in NFC.
    "in-delegations": "Headline in the Urdu press: آزاد",
}


@pytest.fixture
def noted(store: Store) -> Store:
    """The seeded store with two notes whose words are in no position's own text."""
    for position_id, text in NOTES.items():
        store.set_note(position_id, "alice", unicodedata.normalize("NFC", text))
    return store


def ids(store: Store, text: str, **facets) -> set[str]:
    positions, _ = store.positions(Filter(text=text, **facets))
    return {p.id for p in positions}


def both(text: str) -> tuple[str | None, str | None]:
    tree = parse(text)
    assert tree is not None, text
    return render(tree, POSITIONS_INDEX), render(tree, NOTES_INDEX)


# The parser and the renderer ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "positions", "notes"),
    [
        # Words, phrases, prefixes, joins, the initial token, NEAR: every word quoted.
        ("treaty", '"treaty"', '"treaty"'),
        ('"ceasefire offer"', '"ceasefire offer"', '"ceasefire offer"'),
        ('"say ""no"""', '"say ""no"""', '"say ""no"""'),
        ("terror*", '"terror"*', '"terror"*'),
        ("terror *", '"terror"*', '"terror"*'),
        ("Indus + water*", '"Indus" + "water"*', '"Indus" + "water"*'),
        ("^India", '^"India"', '^"India"'),
        ("NEAR(India Pakistan, 5)", 'NEAR("India" "Pakistan", 5)', 'NEAR("India" "Pakistan", 5)'),
        ("NEAR (India Pakistan)", 'NEAR("India" "Pakistan")', 'NEAR("India" "Pakistan")'),
        ("NEAR(a b, 99999999999)", 'NEAR("a" "b", 1000000)', 'NEAR("a" "b", 1000000)'),
        ("NEAR", '"NEAR"', '"NEAR"'),
        ('"AND"', '"AND"', '"AND"'),
        ("and or not", '("and" "or" "not")', '("and" "or" "not")'),
        ("(((treaty)))", '"treaty"', '"treaty"'),
        ("Muzaffarābād", '"Muzaffarābād"', '"Muzaffarābād"'),
        # Precedence: implicit AND, then NOT, then AND, then OR; NOT groups from the left.
        ("Indus OR water", '("Indus" OR "water")', '("Indus" OR "water")'),
        ("a OR b c", '("a" OR ("b" "c"))', '("a" OR ("b" "c"))'),
        # Side by side stays side by side: FTS5 drops an empty phrase there, not in AND.
        ('a ""', '("a" "")', '("a" "")'),
        ('a AND ""', '("a" AND "")', '("a" AND "")'),
        ("a NOT b AND c", '(("a" NOT "b") AND "c")', '(("a" NOT "b") AND "c")'),
        ("a AND b OR c", '(("a" AND "b") OR "c")', '(("a" AND "b") OR "c")'),
        ("a OR b NOT c", '("a" OR ("b" NOT "c"))', '("a" OR ("b" NOT "c"))'),
        ("a NOT b NOT c", '("a" NOT "b" NOT "c")', '("a" NOT "b" NOT "c")'),
        ("a NOT (b NOT c)", '("a" NOT ("b" NOT "c"))', '("a" NOT ("b" NOT "c"))'),
        # A superset of FTS5 3.40, which refuses parenthesised groups side by side.
        (
            "treaty (water OR Indus)",
            '("treaty" AND ("water" OR "Indus"))',
            '("treaty" AND ("water" OR "Indus"))',
        ),
        ('"NEAR"(a b)', '("NEAR" AND ("a" "b"))', '("NEAR" AND ("a" "b"))'),
        ("(a) b", '("a" "b")', '("a" "b")'),
        # Column filters: the analyst's names, any case, each index's own columns.
        ("summary:treaty", '{summary} : "treaty"', None),
        ("{summary}: treaty", '{summary} : "treaty"', None),
        ("SUMMARY : treaty", '{summary} : "treaty"', None),
        ('"summary":treaty', '{summary} : "treaty"', None),
        ("quote:reset", '{quotes_text} : "reset"', None),
        ("Quotes:reset", '{quotes_text} : "reset"', None),
        ("quotes_text:reset", '{quotes_text} : "reset"', None),
        ("actor:Rehman", '{actors_text} : "Rehman"', None),
        ("actors:Rehman", '{actors_text} : "Rehman"', None),
        ("actors_text:Rehman", '{actors_text} : "Rehman"', None),
        ("note:ceasefire", None, '"ceasefire"'),
        ("NOTES:ceasefire", None, '"ceasefire"'),
        ("{summary note}:treaty", '{summary} : "treaty"', '"treaty"'),
        ("{quote summary}:treaty", '{summary quotes_text} : "treaty"', None),
        ("-summary:treaty", '{quotes_text actors_text} : "treaty"', '"treaty"'),
        ("-note:treaty", '"treaty"', None),
        ("-{summary quote actor}:treaty", None, '"treaty"'),
        ("-{summary quote actor note}:treaty", None, None),
        ("summary:^India", '{summary} : ^"India"', None),
        ("summary:NEAR(a b, 3)", '{summary} : NEAR("a" "b", 3)', None),
        ("summary:(a OR b)", '({summary} : "a" OR {summary} : "b")', None),
        ("summary:a b", '({summary} : "a" "b")', None),
        ("summary:(a) b", '({summary} : "a" "b")', None),
        # Nested filters intersect, as in FTS5.
        ("summary:(quote:a)", None, None),
        ("{summary quote}:(quote:a)", '{quotes_text} : "a"', None),
        ("-summary:(-quote:a)", '{actors_text} : "a"', '"a"'),
        # FALSE (a filter naming no column of the index) folds through the operators.
        ("summary:a OR note:b", '{summary} : "a"', '"b"'),
        ("summary:a AND note:b", None, None),
        ("summary:a note:b", None, None),
        ("summary:a NOT note:b", '{summary} : "a"', None),
        ("note:a NOT summary:b", None, '"a"'),
        ("a NOT summary:b", '("a" NOT {summary} : "b")', '"a"'),
        ("(summary:a OR note:b) c", '({summary} : "a" AND "c")', '("b" AND "c")'),
        ("a NOT note:b NOT c", '("a" NOT "c")', '("a" NOT "b" NOT "c")'),
    ],
)
def test_each_index_gets_its_own_rendering(text: str, positions: str | None, notes: str | None):
    assert both(text) == (positions, notes)


NOT_SYNTAX = [
    '"',
    "NEAR(",
    "Indus NEAR(",
    "(((",
    "-",
    "AND OR",
    "*",
    "* a",
    "a AND",
    "NOT a",
    "a OR NOT b",
    "'; DROP TABLE positions; --",
    'x" OR 1=1 --',
    "U.S. (",
    "text:water",
    "Text:water",
    "unknown:water",
    "summary:",
    ":a",
    "{}:a",
    "{summary",
    "{summary}a",
    "a.b",
    "a'b",
    "NEAR(a b, x)",
    'NEAR(a b, "1")',
    "NEAR(a b,)",
    "NEAR(a b, 1, 2)",
    "NEAR()",
    "^^a",
    "a + ^b",
    "^NEAR(a b)",
    "NEAR(^a b)",
    "NEAR(summary:a b)",
    "NEAR(a b)*",
    "a**",
    "+a",
    "a+",
    "a\vb",
    "a\fb",
    "a\x00b",
    "a\ud800b",
    "summary:a:b",
    "{summary}:{quote}:a",
    "-(a)",
    "a -b",
    "()",
    "(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1),
    "NEAR(" + "Pakistan " * 1_110,
]


@pytest.mark.parametrize("text", NOT_SYNTAX, ids=lambda t: repr(t[:20]))
def test_what_the_grammar_does_not_take_is_searched_as_words(store: Store, text: str):
    assert parse(text) is None
    assert store.search_mode(Filter(text=text)) is SearchMode.LITERAL
    store.counts(Filter(text=text, sides=frozenset({"india"})))


def test_nesting_up_to_the_limit_is_syntax(store: Store):
    deep = "(" * MAX_NESTING + "treaty OR water" + ")" * MAX_NESTING
    assert both(deep) == ('("treaty" OR "water")', '("treaty" OR "water")')
    assert store.search_mode(Filter(text=deep)) is SearchMode.FTS


def test_what_worked_before_still_reads_as_fts5(store: Store):
    for text in (
        "Indus OR water",
        '"ceasefire offer"',
        "terror*",
        "deny",
        "Indus",
        "Pakistan " * 1_200,
    ):
        assert store.search_mode(Filter(text=text)) is SearchMode.FTS, text
    assert {"pk-denies-attack", "pk-denies-assassinations"} <= ids(store, "deny")


# The bug, end to end ---------------------------------------------------------------


def test_the_seed_has_what_these_tests_rely_on():
    assert len(SUMMARY_TREATY) == 6
    assert not any("treaty" in r["summary"].lower() for r in SEED if r["id"] in NOTES)


@pytest.mark.parametrize("text", ["summary:treaty", "{summary}: treaty"])
def test_a_summary_filter_searches_summaries_only(noted: Store, text: str):
    positions, mode = noted.positions(Filter(text=text))
    assert mode is SearchMode.FTS
    assert {p.id for p in positions} == SUMMARY_TREATY
    assert noted.counts(Filter(text=text)).shown == 6
    # Without the filter, quotes and notes count too.
    assert ids(noted, "treaty") > SUMMARY_TREATY | {"pk-rehman-agenda"}


def test_a_note_filter_searches_notes_only(noted: Store):
    assert ids(noted, "note:treaty") == {"pk-rehman-agenda"}
    assert ids(noted, "note:Tulbul") == {"pk-rehman-agenda"}
    assert ids(noted, "notes:(Tulbul OR آزاد)") == {"pk-rehman-agenda", "in-delegations"}
    assert ids(noted, "summary:Tulbul") == set()
    assert ids(noted, "-note:Tulbul") == set()
    assert ids(noted, "Tulbul") == {"pk-rehman-agenda"}


def test_the_matrix_and_marks_take_column_filters(noted: Store):
    flt = Filter(text="summary:treaty")
    topics = sum(len(r["topics"]) for r in SEED if r["id"] in SUMMARY_TREATY)
    assert sum(cell.count for row in noted.matrix(flt) for cell in row.cells.values()) == topics
    assert noted.ids_matching(flt, [r["id"] for r in SEED]) == SUMMARY_TREATY


def test_search_text_is_read_in_nfc(noted: Store):
    """Typed decomposed (as some keyboards and pasted text give it), a word still finds
    the same word stored composed: FTS5 compares code points."""
    decomposed = unicodedata.normalize("NFD", "آزاد")
    assert decomposed != "آزاد"
    assert ids(noted, decomposed) == {"in-delegations"}
    assert ids(noted, f"note:{decomposed}") == {"in-delegations"}
    assert ids(noted, f'"{decomposed}" "') == {"in-delegations"}  # the literal fallback too


@pytest.mark.parametrize("text", ["summary:treaty", "{summary}: treaty"])
def test_the_cli_lists_and_exports_with_a_column_filter(capsys, seeded_path: Path, text: str):
    with Store.open(seeded_path) as store:
        store.set_note("pk-rehman-agenda", "alice", NOTES["pk-rehman-agenda"])
    capsys.readouterr()
    assert main(["list", "--db", str(seeded_path), "-s", text]) == 0
    out, err = capsys.readouterr()
    assert "error" not in err.lower() and "Traceback" not in err
    assert "word by word" not in err
    # Columns are separated by two or more spaces; the id is the fourth.
    listed = [re.split(r"\s{2,}", line.strip(), maxsplit=5)[4] for line in out.splitlines()[1:]]
    assert sorted(listed) == sorted(SUMMARY_TREATY) and err.startswith("India ")

    assert main(["export", "--db", str(seeded_path), "-s", text]) == 0
    out, err = capsys.readouterr()
    assert {p["id"] for p in json.loads(out)["positions"]} == SUMMARY_TREATY


@pytest.mark.parametrize("text", ["summary:treaty", "{summary}: treaty", "note:Tulbul"])
async def test_the_app_searches_with_a_column_filter(noted: Store, text: str):
    app = CounterpointApp(noted, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        app.post_message(events.Paste(text))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        status = assert_terminal_safe(app)[0]
        expected = 1 if text.startswith("note") else len(SUMMARY_TREATY)
        assert f": {expected} matches, n/N" in status, status
        assert "not FTS5 syntax" not in status and "error" not in status.lower(), status
        await pilot.press("n", "N", "x")
        assert app.is_running


# Properties ------------------------------------------------------------------------

WORDS = [
    "Indus",
    "water",
    "treaty",
    "India",
    "Pakistan",
    "deny",
    "terror",
    "ceasefire",
    "Tulbul",
    "and",
    "x",
    "5",
    "summary",
    "quote",
    "note",
    "आज़ाद",
]
PIECES = [
    *WORDS,
    '"',
    '""',
    '"Indus water"',
    ":",
    "{",
    "}",
    "-",
    "*",
    "^",
    "+",
    "(",
    ")",
    ",",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "summary:",
    "quotes_text:",
    "actors_text:",
    "{summary quotes_text}:",
    "-summary:",
    "{actors_text}",
    "quotes:",
    "note:",
    "notes:",
    "text:",
    "actor:",
    "\t",
    "\n",
]
syntax_like = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", " "])), max_size=14
).map(lambda parts: "".join(a + b for a, b in parts))

_string = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(['"Indus water"', '""', '"."', '"say ""no"""', '"AND"'])
)
_phrase = st.builds(
    lambda caret, parts, star: ("^" if caret else "") + " + ".join(parts) + ("*" if star else ""),
    st.booleans(),
    st.lists(_string, min_size=1, max_size=3),
    st.booleans(),
)
_near = st.builds(
    lambda phrases, n: "NEAR(" + " ".join(phrases) + (f", {n}" if n else "") + ")",
    st.lists(st.lists(_string, min_size=1, max_size=2).map(" + ".join), min_size=1, max_size=3),
    st.sampled_from([None, 0, 1, 3, 10]),
)
_colspec = st.sampled_from(
    [
        "summary",
        "quotes_text",
        "actors_text",
        "{summary actors_text}",
        "-summary",
        "-{quotes_text summary}",
        "quote",
        "note",
    ]
)


def _combine(inner):
    return st.one_of(
        st.builds(
            lambda a, op, b: f"{a} {op} {b}",
            inner,
            st.sampled_from(["AND", "OR", "NOT", ""]),
            inner,
        ),
        inner.map(lambda q: f"({q})"),
        st.builds(lambda c, q: f"{c}:({q})", _colspec, inner),
    )


fts5_like = st.recursive(
    st.one_of(
        _phrase, _near, st.builds(lambda c, q: f"{c} : {q}", _colspec, st.one_of(_phrase, _near))
    ),
    _combine,
    max_leaves=8,
)
"""Text built from FTS5's grammar, so that most of it is valid FTS5."""

any_search = st.one_of(st.text(max_size=80), syntax_like, fts5_like)

FEW = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FEW
@given(
    text=any_search,
    facet=st.sampled_from([{}, {"sides": frozenset({"pakistan"})}, {"annotated": True}]),
)
def test_no_search_text_raises_and_both_sql_forms_agree(noted: Store, text: str, facet):
    flt = Filter(text=text, **facet)
    counts = noted.counts(flt)
    walked, mode = noted.positions(flt, walk=True)
    collected, _ = noted.positions(flt, walk=False)
    assert [p.id for p in walked] == [p.id for p in collected]
    assert counts.shown == len(walked)
    assert noted.ids_matching(flt, [p.id for p in walked]) == {p.id for p in walked}
    typed = unicodedata.normalize("NFC", text).strip()
    assert (mode is SearchMode.LITERAL) == (bool(typed) and parse(typed) is None)


def _rowids(conn: sqlite3.Connection, table: str, match: str | None) -> set[int] | None:
    """Rows of `table` the MATCH string selects; None if SQLite refuses it."""
    if match is None:
        return set()
    try:
        return {
            row[0]
            for row in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (match,))
        }
    except sqlite3.OperationalError:
        return None


@FEW
@given(text=st.one_of(syntax_like, fts5_like))
def test_the_parser_means_what_sqlite_means(noted: Store, text: str):
    """SQLite's own FTS5 is the oracle: whatever it accepts on positions_fts (whose column
    names are all names an analyst may type), the parser accepts too; where both accept,
    on either index, the rendering selects the rows the text does; and whatever the
    parser accepts renders to FTS5 that both indexes take. (`text:`, notes_fts's column,
    is deliberately not a name the parser knows: see store/search_syntax.py.)"""
    conn = noted.db.conn
    tree = parse(text)
    for index in (POSITIONS_INDEX, NOTES_INDEX):
        raw = _rowids(conn, index.table, text)
        if tree is None:
            assert raw is None or index is NOTES_INDEX, f"SQLite took {text!r}; the parser not"
            continue
        rendered = _rowids(conn, index.table, render(tree, index))
        assert rendered is not None, f"{text!r} rendered invalid for {index.table}"
        if raw is not None:
            assert rendered == raw, (text, render(tree, index))

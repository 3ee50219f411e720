"""Counts that do not depend on granularity: the distinct source sentences behind each
side's positions, beside the positions' count, in the status line, headers and matrix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from desk_records import DOC, new_record
from other_sides import make_store
from test_schema import V7_FILE
from tui_helpers import screen_lines, timeline

from store import Filter, Store
from store.sentences import split_sentences
from tui.app import CounterpointApp


def expected(store: Store, flt: Filter | None = None) -> dict[str, int]:
    """Brute force, independently of the code under test: every sentence of every
    document against every quote of every shown position."""
    texts = {d.id: d.text for d in store.documents()}
    sentences = {doc: split_sentences(text) for doc, text in texts.items()}
    found: dict[str, set[tuple[str, int]]] = {}
    for p in store.positions(flt or Filter())[0]:
        for s in p.sources:
            for n, sentence in enumerate(sentences[s.document]):
                if sentence.start < max(s.end, s.start + 1) and s.start < sentence.end:
                    found.setdefault(p.side, set()).add((s.document, n))
    return {side: len(pairs) for side, pairs in found.items()}


def quoting(store: Store, words: str, **changes: object) -> dict:
    start = store.document(DOC).text.index(words)
    source = {"document": DOC, "quote": words, "start": start, "end": start + len(words)}
    return new_record(store, sources=[source], **changes)


def test_the_seed_counts_agree_with_brute_force(store: Store):
    assert store.sentence_counts() == expected(store)
    narrow = Filter(topics=frozenset({"terrorism"}))
    assert store.sentence_counts(narrow) == expected(store, narrow)


def test_splitting_a_sentence_adds_positions_but_no_sentences(store: Store):
    side = "pakistan"
    before_positions = store.counts().of(side)
    before = store.sentence_counts()[side]
    for n, words in enumerate(
        ("Pakistan swiftly responded", "dispatching a high-level delegation")
    ):
        store.create_position(quoting(store, words, id=f"pk-part-{n}"), author="t", origin="test")
    assert store.counts().of(side) == before_positions + 2
    assert store.sentence_counts()[side] == before  # the seed already cites this sentence


def test_a_quote_over_two_sentences_counts_both(tmp_path: Path):
    with Store.open(make_store(tmp_path / "other.db")) as store:
        first = next(p for p in store.positions()[0] if p.side == "armenia")
        text = store.document(first.sources[0].document).text
        sentences = split_sentences(text)
        a, b = sentences[1], sentences[2]  # two neighbours: the quote runs across both
        record = first.model_dump(mode="json")
        record["sources"] = [
            {
                "document": first.sources[0].document,
                "quote": text[a.end - 8 : b.start + 8],
                "start": a.end - 8,
                "end": b.start + 8,
            }
        ]
        store.edit_position(record, author="t", origin="test")
        assert store.sentence_counts() == expected(store)


def test_sides_swapped_give_the_same_rule(tmp_path: Path):
    """The other database compares Armenia and Azerbaijan: nothing depends on side ids."""
    with Store.open(make_store(tmp_path / "other.db")) as store:
        assert store.sentence_counts() == expected(store)
        assert set(store.sentence_counts()) <= {"armenia", "azerbaijan", "other"}


def test_a_sentence_quoted_by_both_sides_counts_once_for_each(store: Store):
    words = "widely seen as Pakistan adopting a similar diplomatic strategy"  # the reporter's
    before = store.sentence_counts()
    store.create_position(
        quoting(store, words, id="in-echo", side="india", actors=["Government of India"]),
        author="t",
        origin="test",
    )
    after = store.sentence_counts()
    assert after["india"] == before["india"] + 1
    assert after["pakistan"] == before["pakistan"]


def test_retracted_positions_do_not_count(store: Store):
    position = store.create_position(
        quoting(
            store,
            "widely seen as Pakistan adopting a similar diplomatic strategy",
            id="in-echo",
            side="india",
            actors=["Government of India"],
        ),
        author="t",
        origin="test",
    )
    with_it = store.sentence_counts()["india"]
    store.retract(position.id, "duplicate", author="t", origin="test")
    assert store.sentence_counts()["india"] == with_it - 1 == expected(store)["india"]


def test_matrix_cells_carry_their_sentences(store: Store):
    for row in store.matrix():
        for side, cell in row.cells.items():
            flt = Filter(topics=frozenset({row.topic.id}), sides=frozenset({side}))
            assert cell.sentences == expected(store, flt).get(side, 0), (row.topic.id, side)


@pytest.mark.parametrize("short", [True, False])
def test_counts_read_with_their_sentences(store: Store, short: bool):
    counts = store.counts().with_sentences(store.sentence_counts())
    line = counts.describe(store.vocabularies(), short=short)
    n, s = counts.of("india"), counts.sentences_of("india")
    assert (f"India {n}/{s}s" if short else f"India {n} ({s} sent.)") in line


async def test_the_status_line_and_headers_show_sentences(store: Store):
    sentences = store.sentence_counts()
    counts = store.counts()
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert timeline(app).counts.sentences == sentences
        lines = screen_lines(app)
        india, pakistan = (f"{counts.of(s)}/{sentences[s]}s" for s in ("india", "pakistan"))
        assert lines[0].startswith(f"India {india} · Pakistan {pakistan}")
        assert lines[1].startswith(f" INDIA {counts.of('india')} ({sentences['india']} sent.)")


def test_stored_sentences_and_splitting_here_agree(store: Store):
    """A file older than version 8, opened read-only, has no stored sentences: its texts
    are split on the fly, and must give what the stored sentences give."""
    flt = Filter(topics=frozenset({"terrorism"}))
    stored = store.sentence_counts(), store.sentence_counts(flt), store.matrix()
    store.db.execute("DROP TABLE document_sentences")
    assert (store.sentence_counts(), store.sentence_counts(flt), store.matrix()) == stored


def test_an_upgraded_file_stores_each_documents_sentences(tmp_path: Path):
    path = tmp_path / "v7.db"
    shutil.copy(V7_FILE, path)
    with Store.open(path) as store:
        for document in store.documents():
            stored = store.db.execute(
                'SELECT start, "end" FROM document_sentences WHERE document_id = ? ORDER BY start',
                [document.id],
            ).fetchall()
            assert stored == [(s.start, s.end) for s in split_sentences(document.text)]
        assert store.sentence_counts() == expected(store)


def test_a_document_added_later_stores_its_sentences_once(store: Store):
    text = "First sentence here. Second one follows. A third ends it."
    document_id, _ = store.add_document(
        {"title": "Three sentences", "published": "2025-06-01", "text": text},
        author="t",
        origin="test",
    )
    rows = store.db.execute(
        "SELECT count(*) FROM document_sentences WHERE document_id = ?", [document_id]
    ).fetchone()[0]
    assert rows == len(split_sentences(text)) == 3

"""Coverage: which positions cite each sentence, and each document's summary row.

Expectations are worked out independently of `store.coverage`: from the positions'
own sources (read through `Store.positions`) and `split_sentences`, checking every
sentence against every source, so the tests hold whatever the splitter decides.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import Store, StoreError
from store.coverage import citations
from store.sentences import Sentence, split_sentences


def overlaps(start: int, end: int, source_start: int, source_end: int) -> bool:
    """The rule, written out: [start, end) and the source share a code point; an empty
    source stands for the code point at its start."""
    source_end = max(source_end, source_start + 1)
    return any(start <= i < end for i in range(source_start, source_end))


def expected_citations(store: Store, document_id: str) -> list[tuple[str, ...]]:
    text = store.document(document_id).text
    positions, _ = store.positions()
    return [
        tuple(
            sorted(
                {
                    p.id
                    for p in positions
                    for s in p.sources
                    if s.document == document_id
                    and overlaps(sentence.start, sentence.end, s.start, s.end)
                }
            )
        )
        for sentence in split_sentences(text)
    ]


def test_each_sentence_lists_the_positions_citing_it(store: Store):
    for document in store.documents():
        found = store.sentence_citations(document.id)
        sentences = split_sentences(document.text)
        assert [(c.start, c.end, c.text) for c in found] == [
            (s.start, s.end, s.text) for s in sentences
        ]
        assert [c.cited_by for c in found] == expected_citations(store, document.id)
        assert any(c.cited_by for c in found)


def test_summaries_count_positions_sentences_and_cited_sentences(store: Store):
    positions, _ = store.positions()
    summaries = {s.id: s for s in store.document_summaries()}
    assert set(summaries) == {d.id for d in store.documents()}
    for document in store.documents():
        summary = summaries[document.id]
        cited = expected_citations(store, document.id)
        assert summary.title == document.title
        assert summary.outlet == document.outlet
        assert summary.published == document.published
        assert summary.positions == sum(
            any(s.document == document.id for s in p.sources) for p in positions
        )
        assert summary.sentences == len(split_sentences(document.text))
        assert summary.cited == sum(1 for ids in cited if ids)
        assert summary.coverage == summary.cited / summary.sentences
        assert summary.coverage_label() == (
            f"{summary.cited}/{summary.sentences} {round(100 * summary.cited / summary.sentences)}%"
        )


def test_a_deleted_position_no_longer_cites(store: Store):
    document = store.documents()[0]
    before = store.sentence_citations(document.id)
    victim = next(c.cited_by[0] for c in before if c.cited_by)
    store.db.execute("DELETE FROM positions WHERE id = ?", [victim])
    after = store.sentence_citations(document.id)
    assert all(victim not in c.cited_by for c in after)
    assert [c.cited_by for c in after] == [
        tuple(p for p in c.cited_by if p != victim) for c in before
    ]
    assert [c.cited_by for c in after] == expected_citations(store, document.id)


def test_a_retracted_position_no_longer_cites(store: Store):
    """Schema 7 gives positions a status; only active ones count (the column is added
    here when this database predates it)."""
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(positions)")}
    if "status" not in columns:
        store.db.execute("ALTER TABLE positions ADD COLUMN status TEXT NOT NULL DEFAULT 'active'")
    document = store.documents()[0]
    before = store.sentence_citations(document.id)
    retracted = next(c.cited_by[0] for c in before if c.cited_by)
    store.db.execute("UPDATE positions SET status = 'retracted' WHERE id = ?", [retracted])
    after = store.sentence_citations(document.id)
    assert [c.cited_by for c in after] == [
        tuple(p for p in c.cited_by if p != retracted) for c in before
    ]
    summary = next(s for s in store.document_summaries() if s.id == document.id)
    cited_before = sum(1 for c in before if c.cited_by)
    assert summary.cited == sum(1 for c in after if c.cited_by) <= cited_before


def add_document(store: Store, document_id: str, text: str) -> None:
    store.db.execute(
        "INSERT INTO documents (id, title, outlet, published, text) VALUES (?, ?, ?, ?, ?)",
        [document_id, "A new article", "The Paper", "2025-07-01", text],
    )


def test_a_document_nobody_cites_has_no_coverage(store: Store):
    text = "First sentence here. Second one there. A third, to be sure."
    add_document(store, "new-doc", text)
    [summary] = [s for s in store.document_summaries() if s.id == "new-doc"]
    assert (summary.positions, summary.cited) == (0, 0)
    assert summary.sentences == len(split_sentences(text)) > 0
    assert summary.coverage == 0.0
    assert summary.outlet == "The Paper"
    assert all(c.cited_by == () for c in store.sentence_citations("new-doc"))


def test_an_empty_document_has_no_sentences(store: Store):
    add_document(store, "empty-doc", "")
    [summary] = [s for s in store.document_summaries() if s.id == "empty-doc"]
    assert (summary.sentences, summary.cited, summary.coverage) == (0, 0, 0.0)
    assert summary.coverage_label() == "0/0 0%"
    assert store.sentence_citations("empty-doc") == []


def test_an_empty_quote_cites_the_sentence_it_points_into(store: Store):
    text = "One sentence. Another sentence."
    add_document(store, "point-doc", text)
    position = store.positions()[0][0].id
    offset = text.index("Another") + 2
    store.db.execute(
        'INSERT INTO sources (position_id, ordinal, document_id, quote, start, "end") '
        "VALUES (?, 99, 'point-doc', '', ?, ?)",
        [position, offset, offset],
    )
    cited = [c.cited_by for c in store.sentence_citations("point-doc")]
    holding = [i for i, s in enumerate(split_sentences(text)) if s.start <= offset < s.end]
    assert cited == [(position,) if i in holding else () for i in range(len(cited))]


def test_an_unknown_document_is_an_error(store: Store):
    with pytest.raises(StoreError, match="no document"):
        store.sentence_citations("no-such-document")


@st.composite
def sentences_and_sources(draw):
    cuts = sorted(draw(st.sets(st.integers(0, 200), min_size=2, max_size=30)))
    sentences = [
        Sentence(a, b, "x" * (b - a)) for a, b in itertools.pairwise(cuts) if draw(st.booleans())
    ]
    sources = draw(
        st.lists(
            st.tuples(st.sampled_from("abcde"), st.integers(0, 210), st.integers(0, 30)).map(
                lambda t: (t[0], t[1], t[1] + t[2])
            ),
            max_size=20,
        )
    )
    return sentences, sources


@given(sentences_and_sources())
def test_bisection_finds_what_checking_every_pair_finds(case):
    sentences, sources = case
    found = citations(sentences, sources)
    assert found == [
        {p for p, a, b in sources if overlaps(s.start, s.end, a, b)} for s in sentences
    ]

"""Property: any selection, coded as a position and exported, lands on the same characters
when the export is imported into a fresh database: by its offsets, and by its words and
context alone (as another tool's JSON would give it) whenever that context is unique."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import Filter, ImportRejected, Store
from store.anchoring import context_of, occurrences
from store.export import render_export

WORDS = st.sampled_from(
    ["the", "treaty", "Indus", "water", "U.S.", "délégation", "said", "—", "talks", "«non»"]
)


@st.composite
def document_and_selection(draw) -> tuple[str, int, int]:
    words = draw(st.lists(WORDS, min_size=3, max_size=40))
    separators = draw(st.lists(st.sampled_from([" ", " ", ", ", ". ", "\n"]), min_size=len(words)))
    text = "".join(w + s for w, s in zip(words, separators, strict=False)).strip()
    starts = [i for i, ch in enumerate(text) if not ch.isspace()]
    start = draw(st.sampled_from(starts))
    ends = [i + 1 for i in range(start, len(text)) if not text[i].isspace()]
    end = draw(st.sampled_from(ends))
    return text, start, end


def coded_store(path: Path, text: str, start: int, end: int) -> Store:
    store = Store.open(path, create=True)
    store.import_data(
        {
            "sides": [{"id": "left", "label": "Left"}, {"id": "right", "label": "Right"}],
            "topics": [{"id": "water", "label": "Water"}],
        },
        origin="test",
    )
    document_id, _ = store.add_document(
        {"id": "doc", "title": "A text", "published": "2025-06-12", "text": text},
        author="alice",
        origin="test",
    )
    store.create_position(
        {
            "id": "p1",
            "side": "left",
            "actors": ["Someone"],
            "kind": "statement",
            "summary": "Someone says something",
            "topics": ["water"],
            "date_basis": "document",
            "sources": [
                {"document": document_id, "quote": text[start:end], "start": start, "end": end}
            ],
        },
        author="alice",
        origin="app",
    )
    return store


@settings(max_examples=40, deadline=None)
@given(document_and_selection())
def test_a_selection_survives_export_and_import(case: tuple[str, int, int]):
    text, start, end = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with coded_store(root / "mine.db", text, start, end) as mine:
            exported, _ = render_export(mine, Filter(), "json")
        data = json.loads(exported)
        [source] = data["positions"][0]["sources"]
        assert (source["start"], source["end"]) == (start, end)
        assert (source["prefix"], source["suffix"]) == context_of(text, start, end)

        with Store.open(root / "theirs.db", create=True) as theirs:
            theirs.import_data(data, origin="export.json")
            [again] = theirs.get("p1").sources
            assert (again.start, again.end, again.quote) == (start, end, text[start:end])

        by_words = {key: value for key, value in source.items() if key not in ("start", "end")}
        data["positions"][0]["sources"] = [by_words]
        quote = text[start:end]
        same_context = [
            s
            for s in occurrences(text, quote)
            if context_of(text, s, s + len(quote))
            == (
                source["prefix"],
                source["suffix"],
            )
        ]
        with Store.open(root / "words.db", create=True) as words:
            if len(same_context) == 1:
                words.import_data(data, origin="words.json")
                [found] = words.get("p1").sources
                assert (found.start, found.end) == (start, end)
            else:  # the same words in the same context twice: refused, not guessed
                with pytest.raises(ImportRejected, match="occurrence"):
                    words.import_data(data, origin="words.json")
                assert words.position_count() == 0

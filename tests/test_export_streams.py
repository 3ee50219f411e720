"""The brief and the annotations are written a page at a time (`store.export_streams`):
the same bytes as the whole-build functions (`to_markdown`, `to_annotations`) that held
every position at once, on the seed and on a synthetic store of a few thousand, with a
page much smaller than the selection so that days, answers and documents straddle pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import store.export as export
from seed.synth import synthesise
from store import Filter, Store
from store.errors import StoreError
from store.export import render_export, to_markdown
from store.web_annotation import to_annotations

FILTERS = {
    "none": Filter(),
    "topic": Filter(topics=frozenset({"terrorism"})),
    "topic+answers": Filter(topics=frozenset({"terrorism"}), with_answers=True),
    "search+answers": Filter(text="ceasefire", with_answers=True),
    "dates": Filter(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31)),
    "nothing": Filter(text="zzzqqqnotaword"),
}


def whole_markdown(store: Store, flt: Filter) -> str:
    """The brief as `write_export` built it before it streamed: every position at once."""
    positions, _ = store.positions(flt)
    answers = frozenset(
        {p.id for p in positions} - store.ids_matching(flt.matches_only, [p.id for p in positions])
        if flt.adds_answers
        else set()
    )
    return to_markdown(store.details(positions), flt, store.vocabularies(), answers=answers)


def whole_annotations(store: Store, flt: Filter) -> str:
    positions, _ = store.positions(flt)
    documents = []
    for document_id in sorted({s.document for p in positions for s in p.sources}):
        try:
            documents.append(store.document(document_id))
        except StoreError:
            continue
    label = f"Counterpoint: {flt.describe(store.vocabularies())}"
    return to_annotations(positions, documents, label)


WHOLE = {"md": whole_markdown, "annotations": whole_annotations}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("synth") / "synth.db"
    with Store.open(path, create=True) as store:
        synthesise(store.db.conn, 3000, seed=1)
    with Store.open(path) as store:
        yield store


def _same_bytes(store: Store, flt: Filter, fmt: str, page: int) -> str:
    old = WHOLE[fmt](store, flt)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "PAGE", page)
        new, count = render_export(store, flt, fmt)
    assert new == old
    assert count == len(store.positions(flt)[0])
    return new


@pytest.mark.parametrize("fmt", ["md", "annotations"])
@pytest.mark.parametrize("name", sorted(FILTERS))
@pytest.mark.parametrize("page", [7, 1000])
def test_the_seed_streams_the_same_bytes(store: Store, fmt: str, name: str, page: int):
    _same_bytes(store, FILTERS[name], fmt, page)


@pytest.mark.parametrize("fmt", ["md", "annotations"])
@pytest.mark.parametrize("name", sorted(FILTERS))
def test_a_synthetic_store_streams_the_same_bytes(synthetic: Store, fmt: str, name: str):
    text = _same_bytes(synthetic, FILTERS[name], fmt, 97)
    assert text  # even an empty selection writes its header


def test_the_synthetic_filters_are_not_trivial(synthetic: Store):
    """What the comparisons above rest on: several pages, answers under their matches,
    positions of the same day across a page boundary."""
    everything = synthetic.positions()[0]
    assert len(everything) == 3000
    flt = FILTERS["topic+answers"]
    shown = synthetic.positions(flt)[0]
    matches = synthetic.positions(replace(flt, with_answers=False))[0]
    assert len(shown) > len(matches) > 97
    assert "- Answers (shown with the filter's matches):" in whole_markdown(synthetic, flt)
    days = [p.date_start for p in everything]
    assert any(days[i - 1] == days[i] for i in range(97, len(days), 97))


def test_an_export_that_is_told_to_stop_stops(synthetic: Store):
    """`advance` may raise (the app's cancel): the export stops after that page."""
    pages: list[int] = []

    def advance(done: int) -> None:
        pages.append(done)
        if len(pages) == 2:
            raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "PAGE", 100)
        for fmt in export.FORMATS:
            pages.clear()
            with pytest.raises(KeyboardInterrupt):
                export.write_export(synthetic, Filter(), fmt, _Sink(), advance)
            assert pages == [100, 100]


class _Sink:
    def write(self, text: str) -> int:
        return len(text)


def test_the_shape_has_one_page_of_items(synthetic: Store, tmp_path: Path):
    """The streamed collection is still one JSON document whose total is its items."""
    import json

    data = json.loads(render_export(synthetic, FILTERS["topic"], "annotations")[0])
    assert data["total"] == len(data["first"]["items"]) > 0

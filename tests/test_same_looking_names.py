"""Names that look the same but are encoded differently (NFC é against e + U+0301)."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path

import pytest

from seed import position_records
from store import Filter, ImportRejected, Store

GOOD = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")
COMPOSED = "Jos\u00e9 Mart\u00ed"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def importing(store: Store, tmp_path: Path, **changes) -> None:
    record = {**copy.deepcopy(GOOD), "id": "pk-nfc", "links": [], **changes}
    path = tmp_path / "nfc.json"
    path.write_text(json.dumps({"positions": [record]}, ensure_ascii=False), encoding="utf-8")
    store.import_file(path)


def test_the_two_encodings_differ_but_look_alike():
    assert COMPOSED != DECOMPOSED and len(DECOMPOSED) == len(COMPOSED) + 2


def test_one_name_in_both_encodings_is_a_repeat(store: Store, tmp_path: Path):
    with pytest.raises(ImportRejected, match="field 'actors': lists a value twice"):
        importing(store, tmp_path, actors=[COMPOSED, DECOMPOSED])


def test_what_analysts_write_is_stored_composed(store: Store, tmp_path: Path):
    importing(
        store, tmp_path, actors=[DECOMPOSED], summary=f"{DECOMPOSED} warns.", places=[DECOMPOSED]
    )
    stored = store.get("pk-nfc")
    assert stored.actors == [COMPOSED] and stored.places == [COMPOSED]
    assert stored.summary == f"{COMPOSED} warns."
    names = [actor.name for actor in store.vocabularies().actors]
    assert COMPOSED in names and DECOMPOSED not in names
    note = store.set_note("pk-nfc", "alice", f"Ask {DECOMPOSED}.")
    assert note is not None and note.text == f"Ask {COMPOSED}."


@pytest.mark.parametrize("typed", [COMPOSED, DECOMPOSED])
def test_either_encoding_typed_finds_either_stored(store: Store, tmp_path: Path, typed: str):
    importing(store, tmp_path, actors=[DECOMPOSED], summary=f"{DECOMPOSED} warns.")
    actor_id = store.vocabularies().actor_from_text(typed)
    assert store.counts(Filter(actors=frozenset({actor_id}))).shown == 1
    assert store.counts(Filter(text=typed)).shown == 1


def test_a_quote_stays_as_published_and_is_found_either_way(store: Store, tmp_path: Path):
    """The document's text is never rewritten (offsets count its code points); the
    search column gets the composed form."""
    text = f"Foreign minister {DECOMPOSED} spoke."
    document = {"id": "doc-nfd", "title": "T", "published": "2025-06-01", "text": text}
    quote = {"document": "doc-nfd", "quote": DECOMPOSED, "start": 17, "end": 17 + len(DECOMPOSED)}
    record = {
        **copy.deepcopy(GOOD),
        "id": "pk-nfd",
        "links": [],
        "sources": [quote],
        "summary": "A minister spoke.",
    }
    path = tmp_path / "nfd.json"
    path.write_text(
        json.dumps({"documents": [document], "positions": [record]}, ensure_ascii=False),
        encoding="utf-8",
    )
    store.import_file(path)
    assert store.document("doc-nfd").text == text
    assert store.get("pk-nfd").sources[0].quote == DECOMPOSED
    for typed in (COMPOSED, DECOMPOSED):
        assert store.counts(Filter(text=typed)).shown == 1, typed

"""W3C Web Annotations: one annotation per quote, in a collection that follows the data
model, read back into a fresh database and exported again unchanged."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from store import Filter, Store
from store.export import render_export
from tui.cli import main

PURPOSES = {"describing", "questioning", "tagging"}


def run(capsys, *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()  # what came before (making the fresh database) is not this command's
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def collection(store: Store) -> dict:
    return json.loads(render_export(store, Filter(), "annotations")[0])


def items(data: dict) -> list[dict]:
    return data["first"]["items"]


def fresh_with_documents(tmp_path: Path, store: Store, name: str = "fresh.db") -> Path:
    """A new database holding the store's documents and vocabularies, no positions."""
    data = json.loads(render_export(store, Filter(), "json")[0])
    data["positions"] = []
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / name
    assert main(["import", "--db", str(path), str(source)]) == 0
    return path


def test_the_collection_follows_the_data_model(store: Store):
    data = collection(store)
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["first"]["type"] == "AnnotationPage"
    annotations = items(data)
    positions = store.positions()[0]
    assert data["total"] == len(annotations) == sum(len(p.sources) for p in positions)
    documents = {d.id: d for d in store.documents()}
    by_iri = {d.url or f"urn:sha256:{d.sha256}": d for d in documents.values()}
    for a in annotations:
        assert a["type"] == "Annotation" and a["id"].startswith("urn:counterpoint:position:")
        assert a["motivation"] == "classifying"
        for body in a["body"]:
            assert body["type"] == "TextualBody" and body["purpose"] in PURPOSES
            assert isinstance(body["value"], str) and body["value"]
        document = by_iri[a["target"]["source"]]
        quote, place = a["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and place["type"] == "TextPositionSelector"
        start, end = place["start"], place["end"]
        assert document.text[start:end] == quote["exact"]
        assert quote["prefix"] == document.text[max(0, start - 32) : start]
        assert quote["suffix"] == document.text[end : end + 32]
    ids = [a["id"] for a in annotations]
    assert len(ids) == len(set(ids))


def test_tags_say_what_the_position_says(store: Store):
    p = store.get("in-accuses-assassinations")
    [a] = [a for a in items(collection(store)) if a["position"]["id"] == p.id][:1]
    tags = [b["value"] for b in a["body"] if b["purpose"] == "tagging"]
    assert f"side:{p.side}" in tags and f"kind:{p.kind.value}" in tags
    assert f"credibility:{p.credibility}" in tags and f"date:{p.edtf}" in tags
    assert {f"topic:{t}" for t in p.topics} <= set(tags)
    doubts = [b["value"] for b in a["body"] if b["purpose"] == "questioning"]
    assert doubts == [p.doubt]


def test_export_import_export_is_identical(capsys, store: Store, tmp_path: Path):
    first = render_export(store, Filter(), "annotations")[0]
    (tmp_path / "a.jsonld").write_text(first, encoding="utf-8")
    fresh = fresh_with_documents(tmp_path, store)
    code, _, err = run(capsys, "import", "--db", fresh, tmp_path / "a.jsonld")
    assert code == 0, err
    with Store.open(fresh) as again:
        assert render_export(again, Filter(), "annotations")[0] == first
        assert again.counts().total == store.counts().total


def test_a_moved_quote_is_found_again_by_its_context(capsys, store: Store, tmp_path: Path):
    data = collection(store)
    target = items(data)[0]
    place = target["target"]["selector"][1]
    true_start = place["start"]
    place["start"], place["end"] = place["start"] + 3, place["end"] + 3  # a shifted text
    (tmp_path / "a.jsonld").write_text(json.dumps(data), encoding="utf-8")
    fresh = fresh_with_documents(tmp_path, store)
    code, _, err = run(capsys, "import", "--db", fresh, tmp_path / "a.jsonld")
    assert code == 0, err
    with Store.open(fresh) as again:
        [source] = again.get(target["position"]["id"]).sources[:1]
        assert source.start == true_start


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("exact", "does not occur"),
        ("source", "is not a document in this database"),
        ("position", "no 'position'"),
    ],
)
def test_what_cannot_be_read_back_is_one_line_and_writes_nothing(
    capsys, store: Store, tmp_path: Path, change: str, says: str
):
    data = collection(store)
    target = items(data)[0]
    if change == "exact":
        target["target"]["selector"][0]["exact"] = "words that never appear in the text"
    elif change == "source":
        target["target"]["source"] = "https://elsewhere.invalid/page"
    else:
        del target["position"]
    (tmp_path / "a.jsonld").write_text(json.dumps(data), encoding="utf-8")
    fresh = fresh_with_documents(tmp_path, store)
    code, out, err = run(capsys, "import", "--db", fresh, tmp_path / "a.jsonld")
    assert code == 2 and out == "" and says in err
    assert len(err.strip().splitlines()) == 1
    with Store.open(fresh) as again:
        assert again.counts().total == 0


def test_offsets_count_code_points_past_characters_outside_the_bmp(
    capsys, store: Store, tmp_path: Path
):
    """A document that opens with flags and an emoji (each one code point, two UTF-16
    units): the selectors count code points, as the store does."""
    data = json.loads(render_export(store, Filter(), "json")[0])
    lead = "🇮🇳🇵🇰 🙂 "
    for document in data["documents"]:
        document["text"] = lead + document["text"]
        document["id"] += "-emoji"
    for p in data["positions"]:
        for s in p["sources"]:
            s["document"] += "-emoji"
            for key in ("start", "end", "prefix", "suffix", "citation"):
                s.pop(key)
    (tmp_path / "e.json").write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / "emoji.db"
    code, _, err = run(capsys, "import", "--db", path, tmp_path / "e.json")
    assert code == 0, err
    with Store.open(path) as emoji:
        shifted = {a["id"]: a for a in items(collection(emoji))}
    for a in items(collection(store)):
        moved = shifted[a["id"]]["target"]["selector"][1]
        assert (
            moved["start"]
            == a["target"]["selector"][1]["start"] + len(lead)
            == (a["target"]["selector"][1]["start"] + 7)
        )


def test_verify_reads_a_collection(capsys, seeded_path: Path, tmp_path: Path):
    with Store.open(seeded_path) as store:
        data = collection(store)
    path = tmp_path / "a.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 0 and out.startswith("verified:")
    tampered = copy.deepcopy(data)
    exact = items(tampered)[0]["target"]["selector"][0]
    exact["exact"] = exact["exact"].replace(exact["exact"][3], "#", 1)
    path.write_text(json.dumps(tampered), encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1 and "changed" in out

"""W3C Web Annotations: one annotation per quote, in a collection that follows the data
model, read back into a fresh database and exported again unchanged."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_text import BIDI, ESC_SEQUENCES, add_hostile_records
from web_annotation_shape import collection_problems

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


def fresh_with_documents(
    tmp_path: Path, store: Store, name: str = "fresh.db", change: Callable[[list], None] = list
) -> Path:
    """A new database holding the store's documents and vocabularies, no positions;
    `change` may edit the documents (a list of import records) first."""
    data = json.loads(render_export(store, Filter(), "json")[0])
    data["positions"] = []
    change(data["documents"])
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / name
    assert main(["import", "--db", str(path), str(source)]) == 0
    return path


def import_into(capsys, path: Path, data: dict, tmp_path: Path) -> tuple[int, str, str]:
    (tmp_path / "a.jsonld").write_text(json.dumps(data), encoding="utf-8")
    return run(capsys, "import", "--db", path, tmp_path / "a.jsonld")


def test_the_collection_follows_the_data_model(store: Store):
    data = collection(store)
    assert collection_problems(data) == []
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["first"]["type"] == "AnnotationPage"
    assert data["first"]["id"] == data["last"] and data["first"]["partOf"] == data["id"]
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
    elif change == "source":  # another tool's annotation: no citation to fall back on
        target["target"]["source"] = "https://elsewhere.invalid/page"
        del target["citation"]
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


def _first(data: dict) -> dict:
    return items(data)[0]


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (lambda d: d["first"].pop("id"), "page id is not an IRI"),
        (lambda d: d.update(items=d["first"]["items"]), "items on the collection"),
        (lambda d: d.update({"@context": "http://example.org/other"}), "@context"),
        (lambda d: _first(d).update(motivation="liking"), "motivation 'liking'"),
        (lambda d: _first(d)["body"][0].update(purpose="praising"), "purpose 'praising'"),
        (lambda d: _first(d)["body"][0].pop("value"), "without a string value"),
        (lambda d: _first(d).update(bodyValue="x"), "both body and bodyValue"),
        (lambda d: _first(d).pop("target"), "no target"),
        (lambda d: _first(d)["target"].update(source="not an iri"), "source is not an IRI"),
        (lambda d: _first(d)["target"]["selector"][0].pop("exact"), "exact is not a string"),
        (lambda d: _first(d)["target"]["selector"][1].update(start=-1), "not counts"),
        (lambda d: _first(d)["target"]["selector"][1].update(end=0), "start is after end"),
        (lambda d: _first(d).update(created="2025-05-01"), "created is not an xsd:dateTime"),
    ],
)
def test_the_shape_check_finds_each_breach(store: Store, spoil, says: str):
    """The check the other tests rely on is not vacuous: each rule catches its breach."""
    data = collection(store)
    spoil(data)
    assert any(says in problem for problem in collection_problems(data)), says


def test_prefix_and_suffix_are_32_code_points_or_all_there_is(store: Store):
    texts = {f"urn:sha256:{d.sha256}": d.text for d in store.documents()}
    lengths = set()
    for a in items(collection(store)):
        text = texts[a["target"]["source"]]
        quote, place = a["target"]["selector"]
        assert len(quote["prefix"]) == min(32, place["start"])
        assert len(quote["suffix"]) == min(32, len(text) - place["end"])
        lengths.add(len(quote["prefix"]))
    assert 32 in lengths  # the seed is not all quotes at the very start of a text


def _one_document_import(store: Store, text: str, quote: str) -> dict:
    """An import file: the store's vocabularies, one document holding `text`, and the
    store's first position re-pointed at `quote` in it (by its words, no offsets)."""
    data = json.loads(render_export(store, Filter(), "json")[0])
    document = {**data["documents"][0], "id": "emoji-doc", "text": text}
    position = {**data["positions"][0], "links": []}
    position["sources"] = [{"document": "emoji-doc", "quote": quote}]
    return {**data, "documents": [document], "positions": [position]}


def test_selectors_count_code_points_where_utf16_would_count_more(
    capsys, store: Store, tmp_path: Path
):
    """Flags and emoji in the quote and around it: offsets and the 32 of context count
    code points (as the store does), not UTF-16 units (as JavaScript would)."""
    quote = "the talks would resume \U0001f1ee\U0001f1f3\U0001f1f5\U0001f1f0 soon"
    text = "\U0001f642" * 40 + " Officials said " + quote + ". " + "\U0001f1f5\U0001f1f0" * 20
    data = _one_document_import(store, text, quote)
    (tmp_path / "e.json").write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / "emoji.db"
    code, _, err = run(capsys, "import", "--db", path, tmp_path / "e.json")
    assert code == 0, err
    with Store.open(path) as emoji:
        exported = render_export(emoji, Filter(), "annotations")[0]
    [a] = items(json.loads(exported))
    selector, place = a["target"]["selector"]
    assert (place["start"], place["end"]) == (56, 56 + len(quote)) == (56, 88)
    assert selector["exact"] == quote == text[56:88]
    assert selector["prefix"] == "\U0001f642" * 16 + " Officials said "
    assert len(selector["prefix"]) == 32 and len(selector["prefix"].encode("utf-16-le")) == 96
    assert selector["suffix"] == ". " + "\U0001f1f5\U0001f1f0" * 15
    assert len(selector["suffix"]) == 32
    # and it comes back to the same bytes
    fresh = tmp_path / "fresh-emoji.db"
    data["positions"] = []
    (tmp_path / "d.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", "--db", str(fresh), str(tmp_path / "d.json")]) == 0
    (tmp_path / "a.jsonld").write_text(exported, encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", fresh, tmp_path / "a.jsonld")
    assert code == 0, err
    with Store.open(fresh) as again:
        assert render_export(again, Filter(), "annotations")[0] == exported


INSERTED = "An editor's note, added when the page was revised.\n"


@pytest.mark.parametrize("found_by", ["url", "citation"])
def test_a_revised_text_is_found_by_url_or_own_id_and_quotes_by_context(
    capsys, store: Store, tmp_path: Path, found_by: str
):
    """The document in the database is a revised text (a line added at the top): its
    hash no longer matches, so it is found by its URL, or by the document id in the
    citation; every quote's old position misses and its words and context find it."""
    data = collection(store)
    moved = items(data)[0]["citation"].rsplit("@", 1)[0]
    url = "https://news.example/pahalgam-diplomacy"

    def revise(documents: list) -> None:
        for d in documents:
            if d["id"] == moved:
                d["text"] = INSERTED + d["text"]
                d["url"] = url if found_by == "url" else None

    old = {}
    for a in items(data):
        if a["citation"].startswith(moved + "@"):
            old[a["id"]] = a["target"]["selector"][1]["start"]
            if found_by == "url":
                a["target"]["source"] = url
                del a["citation"]
    fresh = fresh_with_documents(tmp_path, store, change=revise)
    code, _, err = import_into(capsys, fresh, data, tmp_path)
    assert code == 0, err
    with Store.open(fresh) as again:
        now = {a["id"]: a["target"]["selector"][1]["start"] for a in items(collection(again))}
    assert len(old) > 1
    assert {i: now[i] for i in old} == {i: s + len(INSERTED) for i, s in old.items()}


def test_the_old_position_breaks_a_tie_between_quotes_with_the_same_context(
    capsys, store: Store, tmp_path: Path
):
    """A revised text that repeats a passage: the quote and its 32 code points either
    side now occur twice; the one nearer where the annotation put it is taken."""
    data = collection(store)
    target = next(a for a in items(data) if a["target"]["selector"][1]["start"] > 1000)
    moved = target["citation"].rsplit("@", 1)[0]
    place = target["target"]["selector"][1]
    texts = {d.id: d.text for d in store.documents()}
    passage = texts[moved][place["start"] - 40 : place["end"] + 40] + "\n"

    def revise(documents: list) -> None:
        for d in documents:
            if d["id"] == moved:
                d["text"] = passage + d["text"]

    fresh = fresh_with_documents(tmp_path, store, change=revise)
    alone = copy.deepcopy(data)
    alone["first"]["items"] = [copy.deepcopy(target)]
    alone["total"] = 1
    code, _, err = import_into(capsys, fresh, alone, tmp_path)
    assert code == 0, err
    with Store.open(fresh) as again:
        [source] = again.get(target["position"]["id"]).sources
    assert source.start == place["start"] + len(passage)
    # without the old position it is a tie the import will not guess
    del alone["first"]["items"][0]["target"]["selector"][1]
    again_fresh = fresh_with_documents(tmp_path, store, "f2.db", revise)
    code, _, err = import_into(capsys, again_fresh, alone, tmp_path)
    assert code == 2 and "give --occurrence N" in err and len(err.strip().splitlines()) == 1


def test_a_quote_gone_from_the_text_is_one_line_and_writes_nothing(
    capsys, store: Store, tmp_path: Path
):
    data = collection(store)
    target = items(data)[0]
    moved = target["citation"].rsplit("@", 1)[0]
    exact = target["target"]["selector"][0]["exact"]

    def revise(documents: list) -> None:
        for d in documents:
            if d["id"] == moved:
                d["text"] = d["text"].replace(exact, "[This passage was removed.]")

    fresh = fresh_with_documents(tmp_path, store, change=revise)
    code, out, err = import_into(capsys, fresh, data, tmp_path)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "does not occur" in err and target["position"]["id"] in err
    with Store.open(fresh) as again:
        assert again.counts().total == 0


def test_a_missing_document_is_named_in_one_line_and_nothing_is_written(
    capsys, store: Store, tmp_path: Path
):
    data = collection(store)
    target = items(data)[0]
    missing = target["citation"].rsplit("@", 1)[0]

    def drop(documents: list) -> None:
        documents[:] = [d for d in documents if d["id"] != missing]

    fresh = fresh_with_documents(tmp_path, store, change=drop)
    code, out, err = import_into(capsys, fresh, data, tmp_path)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert target["target"]["source"] in err and "not a document in this database" in err
    with Store.open(fresh) as again:
        assert again.counts().total == 0


@pytest.mark.parametrize(
    ("cut", "says"),
    [
        (lambda d: d.update(first="https://annotations.example/page-1"), "on a page elsewhere"),
        (lambda d: d["first"].update(next="https://annotations.example/p2"), "more pages"),
        (lambda d: d.update(total=d["total"] + 5), "says it holds"),
    ],
)
def test_a_collection_not_all_in_the_file_is_refused_not_half_read(
    capsys, store: Store, tmp_path: Path, cut, says: str
):
    data = collection(store)
    cut(data)
    fresh = fresh_with_documents(tmp_path, store)
    code, out, err = import_into(capsys, fresh, data, tmp_path)
    assert code == 2 and out == "" and says in err
    assert len(err.strip().splitlines()) == 1
    with Store.open(fresh) as again:
        assert again.counts().total == 0


def test_data_text_stays_plain_text_and_cannot_drive_a_terminal(store: Store, tmp_path: Path):
    """Escape sequences, bidi controls and markup in the data: every body is declared
    text/plain, the strings read back exactly, and no C1 control, bidi control or line
    separator stands raw in the file (JSON escapes them), so printing it is safe."""
    add_hostile_records(store, tmp_path)
    text = render_export(store, Filter(), "annotations")[0]
    data = json.loads(text)
    assert collection_problems(data) == []
    assert all(b["format"] == "text/plain" for a in items(data) for b in a["body"])
    controls = {c for c in ESC_SEQUENCES + BIDI + "\u2028\u2029" if not c.isprintable()}
    assert {"\x1b", "\x07", "\x9b", "\u202e", "\u2067"} <= controls
    assert controls.isdisjoint(text)
    summaries = {p.id: p.summary for p in store.positions()[0]}
    hostile = [a for a in items(data) if "hostile" in a["position"]["id"]]
    assert hostile and all(a["body"][0]["value"] == summaries[a["position"]["id"]] for a in hostile)
    assert any("\x9b" in a["body"][0]["value"] for a in hostile)

"""One ingestion path: validate everything, write everything or nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import file_digest

from seed import is_seeded, position_records, seed
from seed.loader import document_records
from store import Filter, ImportRejected, Store
from store.export import to_json


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def new_position(**changes) -> dict:
    """A valid new position quoting the seed's first document."""
    record = copy.deepcopy(next(r for r in position_records() if r["id"] == "pk-rehman-agenda"))
    record.update(id="pk-extra", links=[{"relation": "responds_to", "target": "in-suspends-iwt"}])
    record.update(changes)
    return record


def rejected(store: Store, path: Path) -> str:
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    return str(info.value)


def test_one_bad_record_among_good_ones_writes_nothing(seeded_path: Path, tmp_path: Path):
    good = new_position()
    bad = new_position(id="pk-bad", kind="rumour")
    another = new_position(id="pk-another")
    path = write(tmp_path / "batch.json", {"positions": [good, another, bad]})
    before = file_digest(seeded_path)
    with Store.open(seeded_path) as store:
        message = rejected(store, path)
        assert store.position_count() == len(position_records())
    assert file_digest(seeded_path) == before
    assert message.startswith(f"{path}: positions[2] (id 'pk-bad'): field 'kind': ")
    assert "\n" not in message


@pytest.mark.parametrize(
    "changes, field_text",
    [
        (
            {
                "sources": [
                    {
                        "document": "000_94edd1293f8f187e",
                        "quote": "not in the text",
                        "start": 0,
                        "end": 15,
                    }
                ]
            },
            "field 'sources[0]': quote is not the text at 0..15 of document "
            "'000_94edd1293f8f187e'; it does not occur in the document at all",
        ),
        (
            {
                "sources": [
                    {"document": "000_94edd1293f8f187e", "quote": "Pakistan", "start": 0, "end": 8}
                ]
            },
            "field 'sources[0]': quote is not the text at 0..8",
        ),
        (
            {
                "sources": [
                    {
                        "document": "000_94edd1293f8f187e",
                        "quote": "x" * 5,
                        "start": 99995,
                        "end": 100000,
                    }
                ]
            },
            "field 'sources[0]': offsets 99995..100000 run past the end",
        ),
        (
            {"sources": [{"document": "no-such-doc", "quote": "x", "start": 0, "end": 1}]},
            "field 'sources[0].document': unknown document 'no-such-doc'",
        ),
        ({"date_start": "2025-06-10", "date_end": "2025-06-01"}, "field 'date_end': "),
        ({"topics": ["weather"]}, "field 'topics[0]': unknown topic 'weather'"),
        (
            {"side": "china"},
            "field 'side': unknown side 'china' (choose from: india, other, pakistan)",
        ),
    ],
)
def test_each_cross_check_names_record_and_field(
    store: Store, tmp_path: Path, changes: dict, field_text: str
):
    path = write(tmp_path / "one.json", {"positions": [new_position(**changes)]})
    message = rejected(store, path)
    assert message.startswith(f"{path}: positions[0] (id 'pk-extra'): ")
    assert field_text in message


def test_duplicate_ids_in_one_file_are_refused(store: Store, tmp_path: Path):
    path = write(tmp_path / "dup.json", {"positions": [new_position(), new_position()]})
    assert "positions[1] (id 'pk-extra'): field 'id': repeats the id of positions[0]" in (
        rejected(store, path)
    )


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "is empty"),
        (b"{not json", "is not valid JSON"),
        (b"\xff\xfe{}", "is not valid UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"positions": {}}', "'positions' must be a list"),
        (b'{"positions": [], "extra": 1}', "unknown top-level key 'extra'"),
        (b'{"positions": [42]}', "positions[0]: expected an object"),
    ],
)
def test_files_that_are_not_import_files(store: Store, tmp_path: Path, content: bytes, words: str):
    path = tmp_path / "input.json"
    path.write_bytes(content)
    assert words in rejected(store, path)


def test_a_directory_or_missing_file(store: Store, tmp_path: Path):
    assert "is a directory" in rejected(store, tmp_path)
    assert "cannot be read" in rejected(store, tmp_path / "missing.json")


def test_reimporting_an_id_updates_it_in_place(store: Store, tmp_path: Path):
    write(tmp_path / "a.json", {"positions": [new_position()]})
    first = store.import_file(tmp_path / "a.json")
    changed = new_position(summary="A revised summary.", topics=["kashmir"], links=[])
    write(tmp_path / "b.json", {"positions": [changed]})
    second = store.import_file(tmp_path / "b.json")
    assert (first.positions_added, second.positions_added, second.positions_updated) == (1, 0, 1)
    position = store.get("pk-extra")
    assert (position.summary, list(position.topics), position.links) == (
        "A revised summary.",
        ["kashmir"],
        [],
    )
    assert store.position_count() == len(position_records()) + 1
    assert store.positions(Filter(text="revised"))[0][0].id == "pk-extra"


def test_reimporting_keeps_links_that_point_at_the_updated_position(store: Store, tmp_path: Path):
    target = next(r for r in position_records() if r["id"] == "in-attributes-attack")
    write(tmp_path / "again.json", {"positions": [target]})
    store.import_file(tmp_path / "again.json")
    assert [
        end.other_id for end in store.link_ends("in-attributes-attack") if not end.outgoing
    ] == ["pk-denies-attack"]


def test_positions_may_link_to_each_other_within_one_file(store: Store, tmp_path: Path):
    one = new_position(id="pk-one", links=[{"relation": "elaborates", "target": "pk-two"}])
    two = new_position(id="pk-two", links=[{"relation": "elaborates", "target": "pk-one"}])
    write(tmp_path / "pair.json", {"positions": [one, two]})
    assert store.import_file(tmp_path / "pair.json").positions_added == 2


def test_dates_can_be_resolved_from_wording_and_the_document_date(store: Store, tmp_path: Path):
    stated = new_position(id="pk-stated", date_basis="stated", date_text="late June", date_note="")
    reported = new_position(id="pk-reported", date_basis="document", date_text="")
    for record in (stated, reported):
        for key in ("date_start", "date_end", "date_precision"):
            del record[key]
    write(tmp_path / "dates.json", {"positions": [stated, reported]})
    store.import_file(tmp_path / "dates.json")
    assert store.get("pk-stated").date_label == "late Jun 2025"
    assert store.get("pk-reported").date_label == "by 10 Jun 2025"  # document 000's date


def test_a_document_id_that_is_not_a_string_is_refused_when_dates_are_to_be_resolved(
    store: Store, tmp_path: Path
):
    """A list where the id belongs once reached a dict lookup (TypeError: unhashable)."""
    record = new_position(date_basis="document", date_text="")
    for key in ("date_start", "date_end", "date_precision"):
        del record[key]
    record["sources"][0]["document"] = ["000_94edd1293f8f187e"]
    message = rejected(store, write(tmp_path / "odd.json", {"positions": [record]}))
    assert message.startswith(f"{tmp_path / 'odd.json'}: positions[0] (id 'pk-extra'): ")
    assert "field 'date_start': Field required" in message  # no document to date it by


def test_an_import_file_can_bring_its_own_documents(db_path: Path, tmp_path: Path):
    doc = {
        "id": "doc-new",
        "title": "A new report",
        "published": "2025-07-01",
        "text": "Pakistan welcomed the talks.",
    }
    position = new_position(
        id="pk-welcomes-talks",
        links=[],
        sources=[{"document": "doc-new", "quote": "welcomed the talks", "start": 9, "end": 27}],
    )
    sides = [{"id": "india", "label": "India"}, {"id": "pakistan", "label": "Pakistan"}]
    topics = [{"id": t, "label": t.title()} for t in position["topics"]]
    path = write(
        tmp_path / "with-doc.json",
        {"sides": sides, "topics": topics, "documents": [doc], "positions": [position]},
    )
    with Store.open(db_path, create=True) as store:
        summary = store.import_file(path)
        assert (summary.documents, summary.positions_added) == (1, 1)
        assert store.document("doc-new").title == "A new report"


def test_seeding_is_idempotent(seeded_path: Path):
    with Store.open(seeded_path) as store:
        before = store.db.execute("SELECT count(*) FROM sources").fetchone()[0]
        summary = seed(store)
        assert (summary.positions_added, summary.positions_updated) == (0, 0)
        assert summary.positions_unchanged == len(position_records())
        assert store.position_count() == len(position_records())
        assert store.db.execute("SELECT count(*) FROM sources").fetchone()[0] == before
        assert is_seeded(store)


def test_export_then_import_into_a_fresh_store_gives_the_same_positions(
    store: Store, tmp_path: Path
):
    """Sides, topics and actors travel with the positions, so a fresh database reads the
    file as the one it came from did."""
    exported = json.loads(to_json(store.positions()[0], store.documents(), store.vocabularies()))
    path = write(tmp_path / "export.json", exported)
    with Store.open(tmp_path / "fresh.db", create=True) as fresh:
        summary = fresh.import_file(path)
        assert summary.actors_registered == ()
        again = json.loads(to_json(fresh.positions()[0], fresh.documents(), fresh.vocabularies()))
        assert again == exported
        assert fresh.vocabularies().actors == store.vocabularies().actors


def test_a_link_to_a_position_not_here_yet_is_kept_and_comes_alive_when_it_arrives(
    store: Store, tmp_path: Path
):
    """A slice of a colleague's database links to positions outside it: the link is kept
    (and counted), leads nowhere until its target is imported, then works."""
    linking = new_position(links=[{"relation": "denies", "target": "pk-not-yet"}])
    summary = store.import_file(write(tmp_path / "slice.json", {"positions": [linking]}))
    assert summary.links_pending == 1
    assert store.get("pk-extra").links[0].target == "pk-not-yet"
    assert store.link_ends("pk-extra") == []
    assert "pk-extra" not in store.linked_ids(["pk-extra"])

    target = new_position(id="pk-not-yet", links=[])
    later = store.import_file(write(tmp_path / "rest.json", {"positions": [target]}))
    assert later.links_pending == 0
    assert [end.other_id for end in store.link_ends("pk-extra")] == ["pk-not-yet"]
    assert [end.other_id for end in store.link_ends("pk-not-yet")] == ["pk-extra"]
    assert store.linked_ids(["pk-extra", "pk-not-yet"]) == {"pk-extra", "pk-not-yet"}


def test_a_file_naming_other_sides_than_the_databases_is_refused(store: Store, tmp_path: Path):
    sides = [{"id": "armenia", "label": "Armenia"}, {"id": "azerbaijan", "label": "Azerbaijan"}]
    path = write(tmp_path / "sides.json", {"sides": sides, "positions": [new_position()]})
    assert "field 'sides': the file compares 'armenia' and 'azerbaijan', this database " in (
        rejected(store, path)
    )


def test_an_unknown_actor_becomes_a_new_unclassified_actor(store: Store, tmp_path: Path):
    """A name no actor answers to (compared after NFC and case folding) is registered, and
    the summary names it so that someone classifies it; a known name in another case and
    composition finds its actor."""
    position = new_position(actors=["Foreign Office spokesperson", "SHERRY REHMAN"])
    summary = store.import_file(write(tmp_path / "new-actor.json", {"positions": [position]}))
    assert summary.actors_registered == ("Foreign Office spokesperson",)
    imported = store.get("pk-extra")
    assert imported.actor_ids == ("foreign-office-spokesperson", "sherry-rehman")
    assert imported.actors == ["Foreign Office spokesperson", "Sherry Rehman"]
    actor = store.vocabularies().actor("foreign-office-spokesperson")
    assert actor is not None and not actor.classified


def test_two_names_of_one_actor_in_one_position_are_refused(store: Store, tmp_path: Path):
    position = new_position(actors=["Government of Pakistan", "Pakistan"])
    path = write(tmp_path / "twice.json", {"positions": [position]})
    assert "field 'actors[1]': 'Pakistan' names actor 'government-of-pakistan', listed already" in (
        rejected(store, path)
    )


def test_an_alias_of_a_classified_actor_cannot_be_taken(store: Store, tmp_path: Path):
    actors = [{"id": "pm-office", "name": "PM Office", "aliases": ["Tharoor"]}]
    path = write(tmp_path / "alias.json", {"actors": actors, "positions": []})
    assert "field 'aliases': 'Tharoor' already names actor 'shashi-tharoor'" in (
        rejected(store, path)
    )


def test_a_stored_documents_text_is_never_replaced(store: Store, tmp_path: Path):
    """Quotes point into a document by offset; a new text under a stored id would leave
    them pointing at other words. A corrected title is fine; nothing is written else."""
    [document] = [d for d in document_records() if d["id"] == "000_94edd1293f8f187e"]
    changed = {**document, "text": document["text"].replace("Pahalgam", "Pahalgaam", 1)}
    before = store.document(document["id"]).text
    path = write(tmp_path / "changed.json", {"documents": [changed], "positions": []})
    message = rejected(store, path)
    assert message.startswith(f"{path}: documents[0] (id '000_94edd1293f8f187e'): field 'text'")
    assert "a stored text never changes" in message and "\n" not in message
    assert store.document(document["id"]).text == before
    retitled = {**document, "title": "A corrected title"}
    store.import_file(write(tmp_path / "retitled.json", {"documents": [retitled]}))
    assert store.document(document["id"]).title == "A corrected title"

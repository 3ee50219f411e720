"""The coding desk's store side: create, edit, retract, restore, undo, and the history
that keeps every step; re-seeding leaves analysts' work alone."""

from __future__ import annotations

import pytest
from desk_records import DOC, new_record

from seed import seed
from store import Filter, ImportRejected, RevisionAction, Store, StoreError


def test_a_created_position_is_on_the_timeline_with_its_revision(store: Store):
    before = store.counts(Filter()).of("pakistan")
    position = store.create_position(new_record(store), author="alice", origin="app")
    assert position.id == "pakistan-2025-06-02-pakistan-answers-delegation-own"
    assert store.counts(Filter()).of("pakistan") == before + 1
    assert position.id in {p.id for p in store.positions()[0]}
    assert position.sources[0].prefix.endswith("Indus Waters Treaty, ")
    [revision] = store.history(position.id)
    assert (revision.action, revision.author, revision.origin) == (
        RevisionAction.CREATE,
        "alice",
        "app",
    )
    assert revision.before is None and revision.after["summary"] == position.summary
    again = store.create_position(new_record(store), author="alice", origin="app")
    assert again.id == position.id + "-2"


def test_an_invalid_position_names_its_field_and_writes_nothing(store: Store):
    count = store.db.execute("SELECT count(*) FROM revisions").fetchone()[0]
    bad = new_record(store, date_basis="inferred", date_text="")
    with pytest.raises(ImportRejected) as caught:
        store.create_position(bad, author="alice", origin="app")
    assert caught.value.field == "date_note"
    assert "inferred" in caught.value.reason
    with pytest.raises(ImportRejected) as caught:
        store.create_position(new_record(store, summary="  "), author="alice", origin="app")
    assert caught.value.field == "summary"
    assert store.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == count
    assert store.position_count() == 41


def test_edit_retract_restore_and_undo_each_add_a_revision(store: Store):
    position = store.create_position(new_record(store), author="alice", origin="app")
    edited = store.edit_position(
        {**new_record(store, summary="Pakistan sends its own delegation"), "id": position.id},
        author="alice",
        origin="app",
    )
    assert edited.summary == "Pakistan sends its own delegation"
    unchanged = store.edit_position(
        {**new_record(store, summary="Pakistan sends its own delegation"), "id": position.id},
        author="alice",
        origin="app",
    )
    assert unchanged == edited  # nothing changed: no revision
    store.retract(position.id, "duplicates pk-delegation", author="bob", origin="app")
    assert position.id not in {p.id for p in store.positions()[0]}
    assert store.get(position.id).retracted
    store.restore(position.id, author="bob", origin="app")
    assert not store.get(position.id).retracted
    history = store.history(position.id)
    assert [r.action for r in history] == [
        RevisionAction.CREATE,
        RevisionAction.EDIT,
        RevisionAction.RETRACT,
        RevisionAction.RESTORE,
    ]
    assert [c.field for c in history[1].changes] == ["summary"]
    assert history[2].reason == "duplicates pk-delegation"
    # Undo the restore, then (after it) nothing older can be undone out of order.
    store.revert(history[3].id, author="bob", origin="app")
    assert store.get(position.id).retracted
    with pytest.raises(StoreError, match="changed since"):
        store.revert(history[1].id, author="alice", origin="app")
    assert store.history(position.id)[-1].action is RevisionAction.UNDO


def test_undoing_a_creation_retracts_it(store: Store):
    position = store.create_position(new_record(store), author="alice", origin="app")
    [created] = store.history(position.id)
    store.revert(created.id, author="alice", origin="app")
    assert store.get(position.id).retracted
    assert store.position_count() == 41


def test_a_retraction_needs_a_reason(store: Store):
    with pytest.raises(ImportRejected) as caught:
        store.retract("pk-delegation", "  ", author="alice", origin="app")
    assert caught.value.field == "reason"
    assert not store.get("pk-delegation").retracted


def test_reseeding_leaves_analysts_work_alone(store: Store):
    record = {**store.history("pk-delegation")[-1].after}
    record.pop("status"), record.pop("status_reason")
    record["summary"] = "Pakistan sends a delegation to world capitals (analyst's wording)"
    store.edit_position(record, author="alice", origin="app")
    store.retract("in-suspends-iwt", "testing", author="bob", origin="app")
    summary = seed(store, "carol")
    assert summary.left_alone == 2
    assert store.get("pk-delegation").summary.endswith("(analyst's wording)")
    assert store.get("in-suspends-iwt").retracted
    assert store.history("pk-delegation")[0].action is RevisionAction.SEED


def test_the_seed_writes_one_revision_per_position_and_none_when_nothing_changed(
    store: Store,
):
    count = store.db.execute("SELECT count(*) FROM revisions").fetchone()[0]
    assert count == 41
    seed(store, "carol")
    assert store.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 41


def test_the_same_text_is_recognised_by_its_hash(store: Store):
    text = store.document(DOC).text
    assert store.add_document(
        {"title": "Again", "published": "2025-06-01", "text": text}, author="a", origin="cli"
    ) == (DOC, False)
    new_id, added = store.add_document(
        {"title": "A new article", "published": "2025-06-03", "text": "Fresh words."},
        author="alice",
        origin="cli",
    )
    assert added and new_id.startswith("a-new-article-")
    document = store.document(new_id)
    assert document.added_by == "alice" and len(document.sha256) == 64


def test_a_retracted_position_says_so_wherever_it_is_shown(store: Store):
    store.retract("pk-delegation", "coded twice", author="alice", origin="app")
    [details] = store.details([store.get("pk-delegation")])
    assert ("Status", "retracted: coded twice") in [(f.label, f.value) for f in details.facts()]


def test_counts_with_retracted_positions_included_add_up(store: Store):
    store.retract("pk-delegation", "coded twice", author="alice", origin="app")
    active = store.counts(Filter())
    everything = store.counts(Filter(include_retracted=True))
    assert active.total == active.shown == 40
    assert everything.total == everything.shown == 41

"""Store.matches_at_least, the count that stops early: what chooses how a large store's
first screenful is read, before the exact counts arrive."""

from __future__ import annotations

from pathlib import Path

from seed.synth import synthesise
from store import Filter, Store


def test_matches_at_least_agrees_with_the_exact_count(tmp_path: Path):
    """The walk decision's cheap count: checked row by row over the first rows, then
    collected; for common, rare and absent values, searches and retracted rows, it must
    say exactly what an exact count would."""
    with Store.open(tmp_path / "counted.db", create=True) as store:
        synthesise(store.db.conn, 3000, seed=6)
        store.db.execute("UPDATE positions SET status = 'retracted' WHERE rowid % 7 = 0")
        store.db.conn.commit()
        actor = store.db.execute("SELECT actor_id FROM position_actors LIMIT 1").fetchone()[0]
        filters = [
            Filter(topics=frozenset({"kashmir"})),
            Filter(topics=frozenset({"kashmir"}), text="Geneva"),
            Filter(text="nothingmatchesthis"),
            Filter(actors=frozenset({actor})),
            Filter(actors=frozenset({"no-such-actor"})),
            Filter(topics=frozenset({"kashmir"}), include_retracted=True),
        ]
        for flt in filters:
            exact = store.counts(flt).shown
            for enough in (1, exact, exact + 1, 40, 1000):
                assert store.matches_at_least(flt, enough) == (exact >= enough), (flt, enough)


def test_counts_by_topic_from_the_index_are_the_counts_through_the_positions(
    tmp_path: Path, monkeypatch
):
    """Store.counts reads a filter by topics (and sides) from the covering topic index;
    it must give what counting the positions gives, with several topics sharing
    positions, with sides, and with retracted positions in the store."""
    filters = [
        Filter(topics=frozenset({"kashmir"})),
        Filter(topics=frozenset({"kashmir", "terrorism", "indus_waters_treaty"})),
        Filter(topics=frozenset({"kashmir", "terrorism"}), sides=frozenset({"india", "other"})),
        Filter(topics=frozenset({"kashmir"}), with_answers=True),
        Filter(topics=frozenset({"kashmir"}), include_retracted=True),
    ]
    with Store.open(tmp_path / "topics.db", create=True) as store:
        synthesise(store.db.conn, 3000, seed=8)
        shared = store.db.execute(
            "SELECT count(*) FROM (SELECT position_id FROM position_topics "
            "GROUP BY position_id HAVING count(*) > 1)"
        ).fetchone()[0]
        assert shared  # positions with several topics: counted once each
        for retract in (False, True):
            if retract:
                store.db.execute("UPDATE positions SET status = 'retracted' WHERE rowid % 5 = 0")
                store.db.conn.commit()
            fast = [store.counts(flt) for flt in filters]
            with monkeypatch.context() as patched:
                patched.setattr(Store, "_per_side_by_topic", lambda self, flt, retracted: None)
                slow = [store.counts(flt) for flt in filters]
            assert fast == slow

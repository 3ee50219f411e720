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

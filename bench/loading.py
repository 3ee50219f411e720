"""Writing at scale, for bench/run.py: the bulk path, synth and import against the floor.

The floor is the cheapest way SQLite can hold the same rows searchable: the same
prepared rows `executemany`d into the same tables with every secondary index and
trigger dropped, then one FTS5 `rebuild`. Nothing Counterpoint writes can be
cheaper than that, so each write path is given as a fraction of it:

- the bulk path: `store.writer.bulk_load` of records already generated (what synth
  and a large import both write through);
- synth: the same, generation included (`seed.synth.synthesise`);
- import: `counterpoint import` of a JSON export of the same positions, whole
  process (reading, validation, quote anchoring, sentence splitting, revisions).

All three sides are measured in turns within one run.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import peers

from seed.synth import register_vocabulary, synthesise, synthetic_batches
from store import Filter, Store
from store.export import write_export
from store.writer import INSERTS, bulk_load, rows_for, write_documents


@dataclass(frozen=True)
class Rates:
    """Positions per second of each way of writing the same positions."""

    floor: float
    bulk: float
    synth: float
    imported: float
    import_rss_kib: int


def _sentence_spans(positions) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in positions:
        for source in p.sources:
            spans.setdefault(source.document, []).append((source.start, source.end))
    return spans


def _floor(path: Path, prepared) -> float:
    with Store.open(path, create=True) as store:
        conn = store.db.conn
        register_vocabulary(conn)  # sides, topics, actors: not timed, as for the others
        for kind, name in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        ).fetchall():
            conn.execute(f"DROP {kind.upper()} {name}")
        started = time.perf_counter()
        conn.execute("BEGIN")
        for documents, rows, spans in prepared:
            write_documents(conn, documents, spans=spans)
            for table, sql in INSERTS.items():
                conn.executemany(sql, rows[table])
        conn.execute("INSERT INTO positions_fts (positions_fts) VALUES ('rebuild')")
        conn.commit()
        return time.perf_counter() - started


def _bulk(path: Path, batches) -> float:
    with Store.open(path, create=True) as store:
        register_vocabulary(store.db.conn)
        started = time.perf_counter()
        bulk_load(store.db.conn, batches, quotes_are_sentences=True, expected=None)
        return time.perf_counter() - started


def _synth(path: Path, count: int) -> float:
    with Store.open(path, create=True) as store:
        started = time.perf_counter()
        synthesise(store.db.conn, count, seed=1)
        return time.perf_counter() - started


def _import(path: Path, export: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB, as the process reports it) of `counterpoint import`."""
    seconds, peak = peers.run_process(
        [*peers.counterpoint(path, "import", str(export))], path.with_suffix(".out")
    )
    return seconds, peak


def measure(count: int, reps: int) -> Rates:
    """Each way of writing `count` positions, in turns, `reps` times; the medians."""
    batches = list(synthetic_batches(count, seed=1))
    prepared = [(d, rows_for(p), _sentence_spans(p)) for d, p in batches]
    times: dict[str, list[float]] = {"floor": [], "bulk": [], "synth": [], "import": []}
    peaks: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = folder / "export.json"
        with Store.open(folder / "source.db", create=True) as source:
            synthesise(source.db.conn, count, seed=1)
            with export.open("w", encoding="utf-8") as out:
                write_export(source, Filter(), "json", out)
        for rep in range(reps):
            times["floor"].append(_floor(folder / f"floor-{rep}.db", prepared))
            times["bulk"].append(_bulk(folder / f"bulk-{rep}.db", batches))
            times["synth"].append(_synth(folder / f"synth-{rep}.db", count))
            seconds, peak = _import(folder / f"import-{rep}.db", export)
            times["import"].append(seconds)
            peaks.append(peak)
            for leftover in folder.glob(f"*-{rep}.db*"):
                leftover.unlink()
    rate = {name: count / sorted(values)[len(values) // 2] for name, values in times.items()}
    return Rates(
        rate["floor"], rate["bulk"], rate["synth"], rate["import"], sorted(peaks)[len(peaks) // 2]
    )

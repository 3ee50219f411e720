"""The brief (Markdown) and the W3C annotations, written as they are read.

`to_markdown` and `to_annotations` build their text from every position at once; on a
million positions that held the whole store (and its details) in memory. Here the same
bytes are written a page at a time in timeline order (`Store.pages`): what comes before
the positions (the brief's counts and dates, the collection's `total`) is read first in
SQL, and what each position needs (its details, the answers listed under it, its
documents' IRIs) is read per page. Memory follows a page, plus the brief's current day
(a day's entries are grouped by side, so they are written once the day is over) and one
IRI string per document cited.

`tests/test_export_streams.py` holds both to the whole-build functions' output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from . import json_text
from .dates import read_stored_date
from .details import PositionDetails
from .errors import StoreError
from .query import ANSWER_RELATIONS, Filter
from .records import Position
from .registry import Vocabularies
from .web_annotation import COLLECTION_ID, CONTEXT, PAGE_ID, annotation_at, document_iri

if TYPE_CHECKING:
    from .api import Store

Advance = Callable[[int], None]
"""Told how many more positions were written (a progress display); may raise to stop."""


def quiet(_done: int) -> None:
    return None


def write_markdown(
    store: Store,
    flt: Filter,
    out: TextIO,
    page_size: int,
    title: str = "Counterpoint brief",
    advance: Advance = quiet,
) -> int:
    """`to_markdown`'s text for the filter, byte for byte; how many positions were read
    (answers included, as `write_export` has always counted them)."""
    from .export import _markdown_answers, _markdown_position, md_escape

    vocab = store.vocabularies()
    shown = flt.matches_only if flt.adds_answers else flt
    out.write("\n".join(_brief_header(store, shown, flt, vocab, title)))
    day: str | None = None
    entries: list[tuple[str, list[str]]] = []  # (side, lines) of the day being read

    def end_of_day() -> None:
        if day is None:
            return
        lines = ["", f"## {day}"]
        for side in vocab.in_order:
            chosen = [entry for entry_side, entry in entries if entry_side == side.id]
            if chosen:
                lines += ["", f"### {md_escape(side.label)}"]
                for entry in chosen:
                    lines += ["", *entry]
        out.write("".join(f"\n{line}" for line in lines))

    count = 0
    for page in store.pages(flt, page_size):
        count += len(page)
        own = _matches(store, shown, page) if flt.adds_answers else page
        details = store.details(own)
        by_id = _answers_to(store, flt, shown, details)
        answers = frozenset(by_id)
        for d in details:
            started = d.position.date_start.isoformat()
            if started != day:
                end_of_day()
                day, entries = started, []
            lines = [*_markdown_position(d), *_markdown_answers(d, answers, by_id)]
            entries.append((d.position.side, lines))
        advance(len(page))
    end_of_day()
    out.write("\n")
    return count


def _brief_header(
    store: Store, shown: Filter, flt: Filter, vocab: Vocabularies, title: str
) -> list[str]:
    """The brief's title, filters, dates and counts, read in SQL. The dates are the
    stored texts' least and greatest read as `hydrate` reads them (a stored text that is
    not a date reads as the latest day sorting before it, so the order holds), and a
    position's end is never before its start."""
    from .export import md_escape

    selected, params = store.selected_ids_sql(shown)
    rows = store.db.execute(
        "SELECT side, count(*), min(date_start), max(date_start), max(date_end) "
        f"FROM positions WHERE id IN ({selected}) GROUP BY side",
        params,
    ).fetchall()
    per_side: dict[str, int] = {}
    for row in rows:
        per_side[_text(row[0])] = per_side.get(_text(row[0]), 0) + row[1]
    lines = [f"# {md_escape(title)}", "", f"Filters: {md_escape(flt.describe(vocab))}  "]
    if rows:
        earliest = min(read_stored_date(row[2], "date_start").day for row in rows)
        latest = max(
            read_stored_date(day, field).day
            for row in rows
            for day, field in ((row[3], "date_start"), (row[4], "date_end"))
        )
        lines.append(f"Dates: {earliest.isoformat()} to {latest.isoformat()}  ")
    first, second, other = vocab.in_order
    lines += [
        f"Positions: {sum(per_side.values())} ({md_escape(first.label)} "
        f"{per_side.get(first.id, 0)}, {md_escape(second.label)} {per_side.get(second.id, 0)}, "
        f"other {per_side.get(other.id, 0)})",
        "",
        'Dates marked \\* come from outside the text; "by" means the stance is reported '
        "as of the document's date.",
    ]
    return lines


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _matches(store: Store, shown: Filter, page: list[Position]) -> list[Position]:
    """The page's own matches: without the answers the filter brought in."""
    matching = store.ids_matching(shown, [p.id for p in page])
    return [p for p in page if p.id in matching]


def _answers_to(
    store: Store, flt: Filter, shown: Filter, details: list[PositionDetails]
) -> dict[str, PositionDetails]:
    """The answers the filter brought in that answer these positions, by id: wherever
    they sit in the timeline, they are listed under the position they answer."""
    if not flt.adds_answers:
        return {}
    linked = {
        end.other_id for d in details for end in d.links if end.relation.value in ANSWER_RELATIONS
    }
    answer_ids = store.ids_matching(flt, linked) - store.ids_matching(shown, linked)
    found = store.get_many(answer_ids)
    return {d.position.id: d for d in store.details(found[i] for i in sorted(found))}


def write_annotations(
    store: Store, flt: Filter, out: TextIO, page_size: int, advance: Advance = quiet
) -> int:
    """`to_annotations`'s text for the filter, byte for byte; how many positions."""
    used = store.used_by(flt)
    label = f"Counterpoint: {flt.describe(store.vocabularies())}"
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": COLLECTION_ID,
        "type": "AnnotationCollection",
        "label": label,
        "total": used.quotes,
        "generator": {"type": "Software", "name": "Counterpoint"},
    }
    if not used.quotes:  # no annotation: no page (and no position has a quote)
        out.write(json_text.dumps(collection, indent=2) + "\n")
        selected, params = store.selected_ids_sql(flt)
        count: int = store.db.execute(f"SELECT count(*) FROM ({selected})", params).fetchone()[0]
        advance(count)
        return count
    marker = "counterpoint-streamed-items"
    collection["first"] = {
        "id": PAGE_ID,
        "type": "AnnotationPage",
        "partOf": COLLECTION_ID,
        "startIndex": 0,
        "items": [marker],
    }
    collection["last"] = PAGE_ID
    # The skeleton as a whole dump has it; the items go where the marker stands (the
    # last occurrence: the label, from the data, comes before the page).
    before, _, after = (json_text.dumps(collection, indent=2) + "\n").rpartition(f'"{marker}"')
    indent = before[before.rfind("\n") + 1 :]
    out.write(before)
    count = written = 0
    iris: dict[str, str | None] = {}
    for page in store.pages(flt, page_size):
        _learn_iris(store, page, iris)
        for item in _items(page, iris):
            if written:
                out.write(",\n" + indent)
            out.write(json_text.dumps(item, indent=2).replace("\n", "\n" + indent))
            written += 1
        count += len(page)
        advance(len(page))
    if written != used.quotes:  # the store changed under the export: say so, keep no file
        raise StoreError(
            f"the collection was to hold {used.quotes} annotations and {written} were read "
            "(the database changed during the export); export again"
        )
    out.write(after)
    return count


def _learn_iris(store: Store, page: list[Position], known: dict[str, str | None]) -> None:
    """Add the IRI of each document the page cites that is not known yet (None for one
    the store lacks: the annotation then names it by id, as `annotation` does)."""
    for document_id in sorted({s.document for p in page for s in p.sources} - known.keys()):
        try:
            known[document_id] = document_iri(store.document(document_id))
        except StoreError:
            known[document_id] = None


def _items(page: list[Position], iris: dict[str, str | None]) -> Iterator[dict[str, Any]]:
    for p in page:
        for n, source in enumerate(p.sources):
            yield annotation_at(p, n, iris.get(source.document))

"""Positions out of the store as JSON, CSV or Markdown.

The JSON shape is a stable contract (see the README): `{"positions": [...]}` with
exactly the fields of `Position`, so an export can be imported again. CSV is one
row per position with list fields joined by " | ". Markdown is a brief a person
reads without the app, with the analysts' notes; text from the data is escaped
so it cannot become Markdown structure (links, emphasis, HTML) in the reader's
viewer.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import StoreError
from .plain_text import one_line
from .query import Filter
from .records import Document, Note, Position
from .vocab import Side

if TYPE_CHECKING:
    from .api import Store

FORMATS = ("json", "csv", "md")
CSV_COLUMNS = [
    "id", "side", "actors", "kind", "summary", "topics", "places", "date_start", "date_end",
    "date_precision", "date_text", "date_basis", "date_note", "sources", "links",
]
_LIST_SEPARATOR = " | "


def to_json(positions: Iterable[Position]) -> str:
    records = [p.model_dump(mode="json") for p in positions]
    return json.dumps({"positions": records}, ensure_ascii=False, indent=2) + "\n"


def to_csv(positions: Iterable[Position]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in positions:
        writer.writerow([
            p.id, p.side.value, _LIST_SEPARATOR.join(p.actors), p.kind.value, p.summary,
            _LIST_SEPARATOR.join(t.value for t in p.topics), _LIST_SEPARATOR.join(p.places),
            p.date_start.isoformat(), p.date_end.isoformat(), p.date_precision.value,
            p.date_text, p.date_basis.value, p.date_note,
            _LIST_SEPARATOR.join(f"{s.document}@{s.start}-{s.end}: {s.quote}" for s in p.sources),
            _LIST_SEPARATOR.join(f"{link.relation.value} {link.target}" for link in p.links),
        ])
    return out.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(text: str) -> str:
    """Backslash-escape the punctuation that makes inline Markdown or HTML, on one line.

    Our own prefixes always start the line, so block markers (#, -, 1.) inside
    data can never begin one; links, images, emphasis, code, tables, raw HTML and
    entities need `[ ] * _ ` | < > ~ &` and those are escaped. Control characters
    and direction overrides are dealt with first, as on screen (`one_line`), since
    a brief is read in terminals and renderers that would obey them.
    """
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def md_code(text: str) -> str:
    """An id as inline code. Ids are slugs, but a file written by another tool may hold
    anything, and a backtick would end a single-backtick span early."""
    shown = one_line(text)
    return f"`` {shown} ``" if "`" in shown else f"`{shown}`"


def to_markdown(positions: list[Position], documents: Mapping[str, Document],
                summaries: Mapping[str, str], notes: Mapping[str, list[Note]], flt: Filter,
                title: str = "Counterpoint brief") -> str:
    """A brief a colleague reads without the app.

    Aligned like the timeline: one section per day (of date_start), and within it
    India, then Pakistan, then third parties, so what each side said at the same
    time sits together. Every position carries its date wording, its quotes with
    their documents, its links and the analysts' notes. `summaries` gives the
    summary of every link target, including targets the filter left out, so a
    link always reads as a sentence.
    """
    lines = [f"# {md_escape(title)}", "", f"Filters: {md_escape(flt.describe())}  "]
    if positions:
        first = min(p.date_start for p in positions)
        last = max(p.date_end for p in positions)
        lines.append(f"Dates: {first.isoformat()} to {last.isoformat()}  ")
    counts = {side: sum(p.side is side for p in positions) for side in Side}
    lines += [
        f"Positions: {len(positions)} (India {counts[Side.INDIA]}, Pakistan "
        f"{counts[Side.PAKISTAN]}, other {counts[Side.OTHER]})",
        "",
        "Dates marked \\* come from outside the text; \"by\" means the stance is reported "
        "as of the document's date.",
    ]
    days: dict[str, list[Position]] = {}
    for p in positions:
        days.setdefault(p.date_start.isoformat(), []).append(p)
    for day, group in days.items():
        lines += ["", f"## {day}"]
        for side in Side:
            chosen = [p for p in group if p.side is side]
            if not chosen:
                continue
            lines += ["", f"### {side.label}"]
            for p in chosen:
                lines += ["", *_markdown_position(p, documents, summaries, notes.get(p.id, []))]
    return "\n".join(lines) + "\n"


def _markdown_position(p: Position, documents: Mapping[str, Document],
                       summaries: Mapping[str, str], notes: list[Note]) -> list[str]:
    lines = [
        f"**{md_escape(p.summary)}**  ",
        f"{md_escape(p.date_label)} · {p.kind.label} · {md_escape(', '.join(p.actors))} · "
        f"{md_escape(', '.join(t.label for t in p.topics))} · {md_code(p.id)}",
        "",
    ]
    if p.date_text:
        lines.append(f"- Date wording: “{md_escape(p.date_text)}”")
    if p.date_note:
        lines.append(f"- Date note: {md_escape(p.date_note)}")
    for source in p.sources:
        doc = documents.get(source.document)
        name = doc.title if doc else source.document
        lines.append(f"- “{md_escape(source.quote)}” — *{md_escape(name)}*")
    for link in p.links:
        target = summaries.get(link.target, link.target)
        lines.append(f"- {link.relation.label}: {md_escape(target)} ({md_code(link.target)})")
    for note in notes:
        lines.append(f"- Note by {md_escape(note.author)}, "
                     f"{note.updated_at.strftime('%Y-%m-%d %H:%M')} UTC: {md_escape(note.text)}")
    return lines


def render_export(store: Store, flt: Filter, fmt: str) -> tuple[str, int]:
    """The text of an export and how many positions it holds.

    The CLI's `export` and the TUI's export dialog both call this, so the same
    filters give byte-identical files.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (choose from: {', '.join(FORMATS)})")
    positions, _ = store.positions(flt)
    if fmt == "json":
        return to_json(positions), len(positions)
    if fmt == "csv":
        return to_csv(positions), len(positions)
    documents = {doc.id: doc for doc in store.documents()}
    targets = {link.target for p in positions for link in p.links}
    notes = store.notes_for(p.id for p in positions)
    text = to_markdown(positions, documents, store.summaries(targets), notes, flt)
    return text, len(positions)

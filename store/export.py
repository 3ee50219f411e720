"""Positions out of the store as JSON, CSV or Markdown.

The JSON shape is a stable contract (see the README): `{"positions": [...]}` with
exactly the fields of `Position`, so an export can be imported again. CSV is one
row per position with list fields joined by " | ". Markdown is a brief a person
reads without the app; text from the data is escaped so it cannot become
Markdown structure (links, emphasis, headings) in the reader's viewer.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping

from .models import Document, Position
from .query import Filter
from .vocab import Side

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
    entities need `[ ] * _ ` | < > ~ &` and those are escaped.
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(positions: list[Position], documents: Mapping[str, Document],
                summaries: Mapping[str, str], flt: Filter,
                title: str = "Counterpoint brief") -> str:
    """A readable brief: the filters, the date range, then each side in its own section.

    `summaries` gives the summary of every link target, including targets the
    filter left out, so a link always reads as a sentence.
    """
    lines = [f"# {md_escape(title)}", "", f"Filters: {md_escape(flt.describe())}"]
    if positions:
        first = min(p.date_start for p in positions)
        last = max(p.date_end for p in positions)
        lines.append(f"Dates: {first.isoformat()} to {last.isoformat()}")
    lines += [
        f"Positions: {len(positions)}",
        "",
        "Dates marked * come from outside the text; \"by\" means the stance is reported as of "
        "the document's date.",
    ]
    for side in Side:
        chosen = [p for p in positions if p.side is side]
        if not chosen:
            continue
        lines += ["", f"## {side.label} ({len(chosen)})"]
        for p in chosen:
            lines += ["", f"### {md_escape(p.date_label)} — {md_escape(p.summary)}", ""]
            lines.append(
                f"- {p.kind.label} by {md_escape(', '.join(p.actors))}; topics: "
                f"{md_escape(', '.join(t.label for t in p.topics))}; id `{p.id}`"
            )
            if p.date_text:
                lines.append(f"- Date wording: “{md_escape(p.date_text)}”")
            if p.date_note:
                lines.append(f"- Date note: {md_escape(p.date_note)}")
            for source in p.sources:
                doc = documents.get(source.document)
                name = doc.title if doc else source.document
                lines.append(f"- > {md_escape(source.quote)}  \n  — *{md_escape(name)}*")
            for link in p.links:
                target = summaries.get(link.target, link.target)
                lines.append(f"- {link.relation.label}: {md_escape(target)} (`{link.target}`)")
    return "\n".join(lines) + "\n"

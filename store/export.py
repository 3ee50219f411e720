"""Positions out of the store as JSON, CSV or Markdown.

The JSON shape is a stable contract (see the README): `{"documents": [...],
"positions": [...]}` with exactly the fields of `Document` and `Position`. It
carries the documents the positions' quotes cite, so an export imports on its
own into a fresh database: a slice of the data can move to a colleague. JSON is
the lossless format.

CSV is one row per position with list fields joined by " | ", for people's
spreadsheets: a cell that a spreadsheet would run as a formula gets a leading
apostrophe (see `csv_cell`). Markdown is a brief a person reads without the app,
with the analysts' notes; text from the data is escaped so it cannot become
Markdown structure, a link, an image or HTML in the reader's viewer (`md_escape`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from . import json_text
from .citations import Citation
from .details import LINKS, NOTES, SOURCES, PositionDetails, QuotedSource
from .errors import StoreError
from .export_streams import Advance, quiet, write_annotations, write_markdown
from .plain_text import one_line
from .plover import to_plover
from .query import ANSWER_RELATIONS, Filter
from .records import Document, Position
from .registry import Vocabularies

if TYPE_CHECKING:
    from .api import Store

FORMATS = ("json", "csv", "md", "annotations", "plover")
CSV_COLUMNS = [
    "id",
    "side",
    "actors",
    "kind",
    "summary",
    "topics",
    "places",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "date_basis",
    "date_note",
    "edtf",
    "sources",
    "links",
    "credibility",
    "credibility_note",
    "credibility_by",
    "doubt",
]
_LIST_SEPARATOR = " | "
PAGE = 1000
"""Positions read (and held) at a time while an export streams."""


def to_json(
    positions: Iterable[Position],
    documents: Iterable[Document] = (),
    vocab: Vocabularies | None = None,
) -> str:
    """The import format: the database's two `sides`, the `topics` and `actors` the
    positions use, the `documents` their quotes cite (by id), then the `positions`."""
    positions = list(positions)
    cited = sorted(documents, key=lambda doc: doc.id)
    data: dict[str, Any] = {}
    if vocab is not None:
        data.update(vocabulary_records(vocab, positions))
    data["documents"] = [doc.model_dump(mode="json") for doc in cited]
    data["positions"] = [exported(p) for p in positions]
    return json_text.dumps(data, indent=2) + "\n"


def exported(position: Position) -> dict[str, Any]:
    """A position as the import format has it: its fields, with its date also in EDTF
    and each quote's citation (`store.citations`): both derived, beside the fields they
    are derived from; import checks that they agree."""
    record: dict[str, Any] = {}
    for key, value in position.model_dump(mode="json").items():
        record[key] = value
        if key == "date_note":
            record["edtf"] = position.edtf
    record["sources"] = [
        {**dumped, "citation": Citation.of(s.document, s.start, s.end, s.quote).text}
        for dumped, s in zip(record["sources"], position.sources, strict=True)
    ]
    return record


def vocabulary_records(
    vocab: Vocabularies, positions: list[Position]
) -> dict[str, list[dict[str, Any]]]:
    """What a database receiving these positions needs to know of sides, topics and
    actors: the sides by name, and each topic and actor the positions use."""
    return vocabulary_records_of(
        vocab, {t for p in positions for t in p.topics}, {a for p in positions for a in p.actor_ids}
    )


def vocabulary_records_of(
    vocab: Vocabularies, topic_ids: set[str], actor_ids: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """The sides by name, and these topics and actors, as the import format has them."""
    actors = [vocab.actor(a) for a in sorted(actor_ids)]
    return {
        "sides": [{"id": s.id, "label": s.label} for s in vocab.parties if s.id],
        "topics": [
            {"id": t.id, "label": t.label, "description": t.description}
            for t in vocab.topics
            if t.id in topic_ids
        ],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "side": a.side,
                "kind": a.kind.value if a.kind is not None else None,
                "aliases": list(a.aliases),
            }
            for a in actors
            if a is not None
        ],
    }


def cited_document_ids(positions: Iterable[Position]) -> set[str]:
    return {source.document for p in positions for source in p.sources}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
"""What makes a spreadsheet cell a formula (OWASP, "CSV Injection"; OWASP ASVS 1.2.10
adds NUL): Excel, LibreOffice and Google Sheets run `=HYPERLINK(...)`, `+cmd|...`,
`-2+3`, `@SUM(...)` and the same after a tab or carriage return."""


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting a formula gets a leading `'`.

    No column holds a number that could start with `-`: ids and document ids are
    slugs starting with a letter or digit, dates are ISO dates of years 0001-9999
    (a stored "date" that is not one, written by another tool, is text like any
    other), offsets are never negative and sit after the document id. So the
    apostrophe only ever guards text. The JSON export is the lossless one.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_rows(rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    # Every cell quoted: a spreadsheet whose locale splits on ";" or tabs cannot start a
    # new cell, and so a formula, in the middle of a field (OWASP's advice).
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return out.getvalue()


def to_csv(positions: Iterable[Position], *, header: bool = True) -> str:
    """The positions as CSV rows, after the column names unless `header` is False."""
    return _csv_rows([*([CSV_COLUMNS] if header else []), *(_csv_row(p) for p in positions)])


def _csv_row(p: Position) -> list[str]:
    return [
        csv_cell(cell)
        for cell in (
            p.id,
            p.side,
            _LIST_SEPARATOR.join(p.actors),
            p.kind.value,
            p.summary,
            _LIST_SEPARATOR.join(p.topics),
            _LIST_SEPARATOR.join(p.places),
            *(p.stored_dates or (p.date_start.isoformat(), p.date_end.isoformat())),
            p.date_precision.value,
            p.date_text,
            p.date_basis.value,
            p.date_note,
            p.edtf,
            _LIST_SEPARATOR.join(f"{s.document}@{s.start}-{s.end}: {s.quote}" for s in p.sources),
            _LIST_SEPARATOR.join(f"{link.relation.value} {link.target}" for link in p.links),
            "" if p.credibility is None else str(p.credibility),
            p.credibility_note,
            p.credibility_by,
            p.doubt,
        )
    ]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_AUTOLINK_PARTS = re.compile(r":(?=\S)|\.(?=\w)|/(?=/)")
"""What bare links are made of: a colon with no space after it ("https:", "mailto:",
"xmpp:"), a dot before a letter or digit ("www.x", "x.invalid", "pahalgam.gov.in")
and "//" (a protocol-relative link). "10:30" and "1.5" are escaped too, harmlessly."""
WORD_JOINER = "\u2060"
"""Invisible and never a line break: put before "@", it ends an e-mail address for an
autolinker that reads through backslash escapes (cmark-gfm does)."""
_EMAIL_AT = re.compile(r"(?<=[\w.+\-])@(?=\S)")
"""An "@" that could join an address: after a character an address's name may end with
(letters, digits, . + - _) and before anything at all (an escaped "_" starts with "\\")."""


def md_escape(text: str) -> str:
    """Text from the data as inline Markdown that renders as exactly that text, on one line.

    Our own prefixes always start the line, so block markers (#, -, 1., ===) inside
    data can never begin one; links, images, emphasis, code, tables, raw HTML and
    entities need `[ ] * _ ` | < > ~ &` and those are backslash-escaped. Renderers
    also make links of bare text with no markup at all (GFM's autolinks, linkify in
    markdown-it and editors' previews): `https://…`, `www.…`, `mailto:…`, `//host`,
    bare domains and e-mail addresses. A backslash before the colon of a scheme, the
    dot of a domain and the first of two slashes stops them in both cmark-gfm and
    markdown-it (an escaped character is its own text there); cmark-gfm finds e-mail
    addresses even through escapes, so an "@" between two words gets an invisible
    word joiner in front of it. The rendered text reads as the data; the raw file has
    the backslashes, as it has for `*` and `_`.

    Control characters and direction overrides are dealt with first, as on screen
    (`one_line`), since a brief is read in terminals and renderers that would obey them.
    """
    text = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    text = _AUTOLINK_PARTS.sub(lambda found: "\\" + found.group(), text)
    return _EMAIL_AT.sub(WORD_JOINER + "@", text)


def md_code(text: str) -> str:
    """An id as inline code. Ids are slugs, but a file written by another tool may hold
    anything, and a backtick would end a single-backtick span early."""
    shown = one_line(text)
    return f"`` {shown} ``" if "`" in shown else f"`{shown}`"


def to_markdown(
    details: list[PositionDetails],
    flt: Filter,
    vocab: Vocabularies,
    title: str = "Counterpoint brief",
    answers: frozenset[str] = frozenset(),
) -> str:
    """A brief a colleague reads without the app.

    Aligned like the timeline: one section per day (of date_start), and within it
    the left pane's side, the right pane's, then third parties, so what each side said at the same
    time sits together. Every position shows what the inspector and `counterpoint
    show` show, in the same words: its facts, its quotes in their sentences with
    their documents, its links both ways and the analysts' notes.

    `answers` are positions shown only because they answer a match of the filter: each
    is listed under the position it answers, not as an entry of its own.
    """
    by_id = {d.position.id: d for d in details}
    details = [d for d in details if d.position.id not in answers]
    positions = [d.position for d in details]
    lines = [f"# {md_escape(title)}", "", f"Filters: {md_escape(flt.describe(vocab))}  "]
    if positions:
        earliest = min(p.date_start for p in positions)
        latest = max(p.date_end for p in positions)
        lines.append(f"Dates: {earliest.isoformat()} to {latest.isoformat()}  ")
    counts = {side.id: sum(p.side == side.id for p in positions) for side in vocab.in_order}
    first, second, other = vocab.in_order
    lines += [
        f"Positions: {len(positions)} ({md_escape(first.label)} {counts[first.id]}, "
        f"{md_escape(second.label)} {counts[second.id]}, other {counts[other.id]})",
        "",
        'Dates marked \\* come from outside the text; "by" means the stance is reported '
        "as of the document's date.",
    ]
    days: dict[str, list[PositionDetails]] = {}
    for d in details:
        days.setdefault(d.position.date_start.isoformat(), []).append(d)
    for day, group in days.items():
        lines += ["", f"## {day}"]
        for side in vocab.in_order:
            chosen = [d for d in group if d.position.side == side.id]
            if not chosen:
                continue
            lines += ["", f"### {md_escape(side.label)}"]
            for d in chosen:
                lines += ["", *_markdown_position(d), *_markdown_answers(d, answers, by_id)]
    return "\n".join(lines) + "\n"


def _markdown_answers(
    details: PositionDetails, answers: frozenset[str], by_id: dict[str, PositionDetails]
) -> list[str]:
    """The answers the filter brought in, under the position they answer."""
    ends = [
        end
        for end in details.links
        if end.other_id in answers and end.relation.value in ANSWER_RELATIONS
    ]
    if not ends:
        return []
    lines = ["- Answers (shown with the filter's matches):"]
    for end in ends:
        answer = by_id[end.other_id]
        p = answer.position
        lines.append(
            f"  - {end.reads}: {md_escape(f'[{answer.side_label(p.side)}]')} "
            f"{md_escape(p.summary)} ({md_code(p.id)}; {p.kind.label}, "
            f"{md_escape(p.date_label)}, grade {answer.grade})"
        )
        if p.doubt:
            lines.append(f"    doubt: {md_escape(p.doubt)}")
    return lines


def markdown_position(details: PositionDetails) -> str:
    """One position as the brief has it (its summary, facts, sources with citations,
    links and notes): what `Y` copies in the app."""
    return "\n".join(_markdown_position(details)) + "\n"


def _markdown_position(details: PositionDetails) -> list[str]:
    """One position as a list. Every line starts with our own text ("- ", "in: "), so
    nothing from the data can begin a block; the data itself goes through `md_escape`
    (ids through `md_code`). A note's lines join into one for the same reason."""
    lines = [f"**{md_escape(details.position.summary)}**", ""]
    for fact in details.facts():
        value = md_code(fact.value) if fact.code else md_escape(fact.value)
        lines.append(f"- {fact.label}: {value}")
    lines.append(f"- {SOURCES}:")
    for source in details.sources:
        lines.append(
            f"  - “{md_escape(source.quote)}” — *{md_escape(source.name)}* "
            f"({md_code(cite(source).text)}; {md_escape(source.reliability_text)})"
        )
        around = source.around
        if around is not None:
            lines[-1] += "  "  # a line break, then the sentence the quote sits in
            lines.append(f"    in: {md_escape(around[0] + source.quote + around[1])}")
    if details.links:
        lines.append(f"- {LINKS}:")
        lines += [
            f"  - {end.reads} {md_escape(f'[{details.side_label(end.other_side)}]')} "
            f"{md_escape(end.other_summary)} ({md_code(end.other_id)})"
            for end in details.links
        ]
    if details.notes:
        lines.append(f"- {NOTES}:")
        lines += [
            f"  - {md_escape(note.author)}, {note.stamp}: {md_escape(note.text)}"
            for note in details.notes
        ]
    return lines


def cite(source: QuotedSource) -> Citation:
    return Citation.of(source.document_id, source.start, source.end, source.quote)


def render_export(store: Store, flt: Filter, fmt: str) -> tuple[str, int]:
    """The text of an export and how many positions it holds (`write_export` into a
    string): for the app's dialog and for tests; the command line streams instead."""
    out = io.StringIO()
    count = write_export(store, flt, fmt, out)
    return out.getvalue(), count


def write_export(store: Store, flt: Filter, fmt: str, out: TextIO, advance: Advance = quiet) -> int:
    """Write an export to `out`; how many positions it holds. `advance` is told of each
    page written (the app's progress; it may raise to stop the export).

    The CLI's `export` and the TUI's export dialog both come here, so the same filters
    give byte-identical files. Every format is written as it is read, a page of
    positions at a time in timeline order, what comes before the positions (the
    vocabularies and documents they use, the brief's counts, the collection's total)
    read first in SQL: memory follows a page, not the store (`store.export_streams`).
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (choose from: {', '.join(FORMATS)})")
    if fmt == "json":
        return _write_json(store, flt, out, advance)
    if fmt == "md":
        return write_markdown(store, flt, out, PAGE, advance=advance)
    if fmt == "annotations":
        return write_annotations(store, flt, out, PAGE, advance=advance)
    if fmt == "csv":
        out.write(_csv_rows([CSV_COLUMNS]))
    count = 0
    for page in store.pages(flt, PAGE):
        out.write(to_csv(page, header=False) if fmt == "csv" else to_plover(store, page))
        count += len(page)
        advance(len(page))
    return count


def _indented(text: str, by: int) -> str:
    """Every line of `text` but the first indented by `by` spaces: a value dumped with
    indent=2 placed where `json.dumps(..., indent=2)` of the whole would put it."""
    return text.replace("\n", "\n" + " " * by)


def _write_json(store: Store, flt: Filter, out: TextIO, advance: Advance) -> int:
    """`to_json`'s output, byte for byte, written as the positions are read."""
    used = store.used_by(flt)
    vocab = store.vocabularies()
    header: dict[str, Any] = dict(vocabulary_records_of(vocab, used.topics, used.actors))
    out.write("{\n")
    for key, value in header.items():
        out.write(f"  {json_text.dumps(key)}: {_indented(json_text.dumps(value, indent=2), 2)},\n")
    # The documents one at a time too: at a million positions they are 20,000 texts,
    # and dumping them as one value held 300 MiB.
    out.write('  "documents": [')
    written = 0
    for document in _each_document(store, used.documents):
        out.write(",\n    " if written else "\n    ")
        out.write(_indented(json_text.dumps(document.model_dump(mode="json"), indent=2), 4))
        written += 1
    out.write("\n  ],\n" if written else "],\n")
    out.write('  "positions": [')
    count = 0
    for page in store.pages(flt, PAGE):
        for p in page:
            out.write(",\n    " if count else "\n    ")
            out.write(_indented(json_text.dumps(exported(p), indent=2), 4))
            count += 1
        advance(len(page))
    out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


def _documents(store: Store, ids: Iterable[str]) -> list[Document]:
    return list(_each_document(store, ids))


def _each_document(store: Store, ids: Iterable[str]) -> Iterator[Document]:
    """The stored documents among `ids`, in id order, read one at a time."""
    for document_id in sorted(ids):
        try:
            yield store.document(document_id)
        except StoreError:
            continue


def _cited_documents(store: Store, positions: list[Position]) -> list[Document]:
    """The documents the positions' quotes cite, so the file imports on its own. A
    database written by another tool may lack one: the export still holds every
    position, and importing it says which document is missing."""
    return _documents(store, cited_document_ids(positions))

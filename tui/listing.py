"""Plain-text renderings of positions for the command line.

Tables go to pipes, so they are one position per line, columns separated by
two spaces, nothing cut and no colour. Line breaks and other control
characters inside data are replaced, so a record can never break a row or send
an escape sequence to the terminal.
"""

from __future__ import annotations

from store import Position, Store
from store.plain_text import one_line
from store.sentences import quote_context

COLUMNS = ("DATE", "SIDE", "KIND", "ID", "SUMMARY")


def format_table(positions: list[Position]) -> str:
    """SIDE holds the side's id: a single word, so a pipe can split the columns."""
    rows = [COLUMNS] + [
        (
            one_line(p.date_label),
            one_line(p.side),
            p.kind.value,
            one_line(p.id),
            one_line(p.summary),
        )
        for p in positions
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    )


def format_position_detail(store: Store, p: Position) -> str:
    """Everything about one position, for `counterpoint show`."""
    vocab = store.vocabularies()
    lines = [
        f"{one_line(p.id)}  [{one_line(vocab.side_label(p.side))}] {p.kind.label}",
        one_line(p.summary),
        "",
        f"Actors:  {one_line(', '.join(p.actors))}",
        f"Topics:  {one_line(', '.join(vocab.topic_label(t) for t in p.topics))}",
    ]
    if p.places:
        lines.append(f"Places:  {one_line(', '.join(p.places))}")
    lines.append(
        f"Date:    {p.date_label}  ({p.date_precision.label.lower()}; {p.date_basis.label.lower()})"
    )
    if p.date_text:
        lines.append(f"Wording: “{one_line(p.date_text)}”")
    if p.date_note:
        lines.append(f"Note:    {one_line(p.date_note)}")
    documents = {doc.id: doc for doc in store.documents()}
    lines += ["", "Sources:"]
    for source in p.sources:
        doc = documents.get(source.document)
        title = doc.title if doc else source.document
        lines.append(f"  “{one_line(source.quote)}”")
        lines.append(
            f"    — {one_line(title)} ({one_line(source.document)}, {source.start}..{source.end})"
        )
        around = quote_context(doc.text, source.start, source.end) if doc else None
        if around is not None:
            lines.append(
                "    in: "
                + one_line(
                    ("… " if around.cut_before else "")
                    + around.before
                    + source.quote
                    + around.after
                    + (" …" if around.cut_after else "")
                )
            )
    ends = store.link_ends(p.id)
    if ends:
        lines += ["", "Links:"]
        lines += [
            f"  {end.reads} {one_line(end.other_id)}: {one_line(end.other_summary)}" for end in ends
        ]
    notes = store.notes_for([p.id]).get(p.id, [])
    if notes:
        lines += ["", "Notes:"]
        for note in notes:
            lines.append(f"  {one_line(note.author)}, {note.stamp}:")
            lines += [f"    {one_line(line)}" for line in note.text.splitlines() if line.strip()]
    return "\n".join(lines)

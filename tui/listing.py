"""Plain-text renderings of positions for the command line.

Tables go to pipes, so they are one position per line, columns separated by
two spaces, nothing cut and no colour. Line breaks and other control
characters inside data are replaced, so a record can never break a row or send
an escape sequence to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from store import Kind, Position
from store.details import HISTORY, LINKS, NOTES, SOURCES, PositionDetails
from store.grades import UNGRADED
from store.plain_text import one_line

COLUMNS = ("DATE", "SIDE", "KIND", "CRED", "ID", "SUMMARY")


Row = tuple[str, str, str, str, str, str]


class Listed(Protocol):
    """What a table row reads: a `Position`, or a `ListRow` read without the rest."""

    @property
    def id(self) -> str: ...
    @property
    def side(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def summary(self) -> str: ...
    @property
    def date_label(self) -> str: ...
    @property
    def credibility(self) -> int | None: ...
    @property
    def doubt(self) -> str: ...


def _row(p: Listed, answers: frozenset[str]) -> Row:
    return (
        one_line(p.date_label),
        one_line(p.side),
        p.kind.value,
        UNGRADED if p.credibility is None else str(p.credibility),
        one_line(p.id),
        ("↳ answer: " if p.id in answers else "")
        + one_line(p.summary)
        + (f"  [doubt: {one_line(p.doubt)}]" if p.doubt else ""),
    )


def _line(row: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]


def format_table(positions: list[Position], answers: frozenset[str] = frozenset()) -> str:
    """SIDE holds the side's id: a single word, so a pipe can split the columns. CRED is
    the credibility grade (1–6, "-" ungraded); a doubt follows the summary, since a
    reader of the row must meet it before trusting the row. A position shown only because
    it answers a match (`--answers`) starts its summary with "↳ answer:"."""
    rows: list[tuple[str, ...]] = [COLUMNS, *(_row(p, answers) for p in positions)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    return "\n".join(_line(row, widths) for row in rows)


def table_widths(texts: dict[str, set[str]]) -> list[int]:
    """The columns' widths for a table of positions with these distinct texts
    (`Store.listing_texts`): the widths `format_table` gives the same rows."""

    def widest(header: str, values: set[str]) -> int:
        return max([len(header), *(len(one_line(v)) for v in values)])

    return [
        widest(COLUMNS[0], texts["dates"]),
        widest(COLUMNS[1], texts["sides"]),
        widest(COLUMNS[2], texts["kinds"]),
        max(len(COLUMNS[3]), len(UNGRADED), 1),
        widest(COLUMNS[4], texts["ids"]),
    ]


def table_lines(
    pages: Iterable[tuple[Sequence[Listed], frozenset[str]]], widths: list[int]
) -> Iterator[str]:
    """`format_table`'s lines, a page at a time: (positions, their answers) per page."""
    yield _line(COLUMNS, widths)
    for positions, answers in pages:
        for p in positions:
            yield _line(_row(p, answers), widths)


def format_position_detail(details: PositionDetails) -> str:
    """Everything about one position, for `counterpoint show`: the record the inspector
    and the brief show too (`store.details`), in the same order and words."""
    lines = [one_line(details.position.summary), ""]
    lines += [f"{fact.label + ':':<9}{one_line(fact.value)}" for fact in details.facts()]
    if details.provenance is not None:
        lines.append(f"{HISTORY + ':':<9}{one_line(details.provenance.describe())}")
    lines += ["", f"{SOURCES}:"]
    for source in details.sources:
        lines.append(f"  “{one_line(source.quote)}”")
        lines.append(
            f"    — {one_line(source.name)} "
            f"({one_line(source.document_id)}, {source.start}..{source.end}; "
            f"{source.reliability_text})"
        )
        around = source.around
        if around is not None:
            lines.append("    in: " + one_line(around[0] + source.quote + around[1]))
    if details.links:
        lines += ["", f"{LINKS}:"]
        lines += [
            f"  {end.reads} [{one_line(details.side_label(end.other_side))}] "
            f"{one_line(end.other_summary)} ({one_line(end.other_id)})"
            for end in details.links
        ]
    if details.notes:
        lines += ["", f"{NOTES}:"]
        for note in details.notes:
            lines.append(f"  {one_line(note.author)}, {note.stamp}:")
            lines += [f"    {one_line(line)}" for line in note.text.splitlines() if line.strip()]
    return "\n".join(lines)

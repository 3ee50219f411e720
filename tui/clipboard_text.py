"""What `y` and `Y` copy: a position as a citation a colleague can paste and check, or as
the brief's Markdown. Plain text only: every piece of data goes through `one_line` (the
Markdown through the brief's own escaping), so no control character, escape sequence or
bidi override reaches the analyst's clipboard and, from there, another terminal."""

from __future__ import annotations

from store.citations import Citation
from store.dates import format_span
from store.details import PositionDetails
from store.export import markdown_position
from store.plain_text import one_line
from store.vocab import DatePrecision


def citation_text(details: PositionDetails) -> str:
    """Each quote on its line, with its document's title and date and its citation
    (`doc@start-end#hash`), then the position's id and summary."""
    lines = []
    for source in details.sources:
        cited = Citation.of(source.document_id, source.start, source.end, source.quote)
        published = (
            f", {format_span(source.published, source.published, DatePrecision.DAY)}"
            if source.published
            else ""
        )
        lines.append(
            f"“{one_line(source.quote)}” — {one_line(source.name)}{published} "
            f"[{one_line(cited.text)}]"
        )
    p = details.position
    lines.append(f"Position {one_line(p.id)}: {one_line(p.summary)}")
    return "\n".join(lines) + "\n"


def markdown_text(details: PositionDetails) -> str:
    """The position as the Markdown brief writes it."""
    return markdown_position(details)

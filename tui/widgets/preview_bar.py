"""The two lines under the panes: the whole of the position under the cursor.

Rows are cut to fit 80 columns; this is where the full date, side, kind,
actors and summary of the current row can always be read.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from store import Position, Vocabularies
from store.plain_text import one_line

from ..row_text import DOUBT_MARK, KIND_CODES, grade_mark


class PreviewBar(Static):
    """Shows `position` in full, or a hint when there is none.

    The timeline screen sets `position` from each `TimelineView.CursorMoved` and binds
    `vocab` to its own; the bar reads nothing else.
    """

    position: reactive[Position | None] = reactive(None)
    vocab: reactive[Vocabularies] = reactive(Vocabularies)
    """The database's names for the sides (bound to the screen's)."""

    def render(self) -> Text:
        p = self.position
        if p is None:
            return Text("No position selected.", style="italic")
        text = Text()
        text.append(f"{one_line(self.vocab.side_label(p.side)).upper()} ", style="bold")
        text.append(f"{KIND_CODES[p.kind]}{grade_mark(p)} {p.kind.label} · {p.date_label} · ")
        text.append(one_line(", ".join(p.actors)))
        text.append("\n")
        if p.doubt:  # before the summary: a reader meets the doubt before the claim
            text.append(f"{DOUBT_MARK} Doubt: {one_line(p.doubt)} · ", style="bold reverse")
        text.append(one_line(p.summary))
        return text

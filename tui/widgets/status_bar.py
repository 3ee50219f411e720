"""The top line: what is shown (counts), why (the filters in force) and how (zoom, search).

Filter state is always on screen, so an analyst never mistakes a filtered view
for the whole record.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from store import SideCounts, Vocabularies
from store.plain_text import one_line


class StatusBar(Static):
    """Counts, filters, zoom and search, drawn from reactive attributes.

    The bar sets none of them itself: the timeline screen binds the vocabularies, counts,
    zoom and search to its own attributes (`data_bind`), and read_only is fixed
    when the bar is made (a store does not change its mind while open).
    """

    counts: reactive[SideCounts] = reactive(SideCounts())
    vocab: reactive[Vocabularies] = reactive(Vocabularies)
    """The database's names for the sides (bound to the screen's)."""
    filters: reactive[str] = reactive("no filters")
    zoom: reactive[str] = reactive("day")
    search: reactive[str] = reactive("")
    read_only: reactive[bool] = reactive(False)

    def __init__(self, *, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusBar.read_only, read_only)

    def render(self) -> Text:
        """Most important first, since an 80-column line cuts the end off."""
        text = Text()
        if self.read_only:
            text.append("READ-ONLY", style="bold reverse")
            text.append(" │ ")
        if self.search:  # what was just asked comes first, so its answer is never cut
            text.append(one_line(self.search), style="bold")
            text.append(" │ ")
        text.append(self.counts.describe(self.vocab, short=True), style="bold")
        text.append(f" │ {one_line(self.filters)}")
        text.append(f" │ zoom {self.zoom}")
        return text

"""Everything about one position: the inspector's content, in a side panel or a screen.

A pure formatter of the store's `PositionDetails` (the record `counterpoint show`
and the Markdown brief format too, in the same order and words): the facts, each
source quote with its document and the sentence around it (the quote underlined
inside it), the links as a list that Enter follows, then the analysts' notes. All
data goes into `rich.text.Text`, never into markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import LinkEnd
from store.details import DOUBT, HISTORY, LINKS, NOTES, SOURCES, PositionDetails, QuotedSource
from store.plain_text import one_line

__all__ = ["PositionDetail", "PositionDetails", "detail_text", "link_option", "notes_text"]

LABEL_WIDTH = 8


def detail_text(details: PositionDetails) -> Text:
    """The summary, the facts, who coded it (H opens its history) and the sources: what
    comes above the links."""
    text = Text()
    text.append(one_line(details.position.summary) + "\n\n", style="bold")
    for fact in details.facts():
        if fact.label == DOUBT:  # reverse video and a "?" mark: it stands out in any colours
            text.append(f"? {fact.label:<{LABEL_WIDTH - 2}}", style="bold reverse")
            text.append(" " + one_line(fact.value) + "\n", style="bold")
            continue
        text.append(f"{fact.label:<{LABEL_WIDTH}}", style="bold")
        text.append(one_line(fact.value) + "\n")
    if details.provenance is not None:
        text.append(f"{HISTORY:<{LABEL_WIDTH}}", style="bold")
        text.append(one_line(details.provenance.describe()) + "\n")
    text.append(f"\n{SOURCES} ({len(details.sources)})\n", style="bold underline")
    for source in details.sources:
        _append_source(text, source)
    return text


def _append_source(text: Text, source: QuotedSource) -> None:
    text.append(f"“{one_line(source.quote)}”\n", style="italic")
    text.append(
        f"  — {one_line(source.name)} "
        f"({one_line(source.document_id)}, {source.start}..{source.end}; "
        f"{source.reliability_text})\n",
        style="dim",
    )
    around = source.around
    if around is None:
        return
    # Each part made safe on its own (the quote is underlined), keeping the space, or
    # the absence of one, where the parts meet: the line reads as the CLI's does.
    before, after = one_line(around[0]), one_line(around[1])
    if before and around[0][-1:].isspace():
        before += " "
    if after and around[1][:1].isspace():
        after = " " + after
    text.append("  in: " + before)
    text.append(one_line(source.quote), style="underline")
    text.append(after + "\n")


def notes_text(details: PositionDetails) -> Text:
    """The analysts' notes, below the links; empty when there are none."""
    text = Text()
    if not details.notes:
        return text
    text.append(f"{NOTES} ({len(details.notes)})\n", style="bold underline")
    for note in details.notes:
        text.append(f"{one_line(note.author)}, {note.stamp}\n", style="bold")
        for line in note.text.splitlines() or [""]:
            text.append(f"  {one_line(line)}\n")
    return text


def link_option(end: LinkEnd, details: PositionDetails) -> Option:
    prompt = Text()
    prompt.append(f"{end.reads} ", style="bold")
    prompt.append(f"[{one_line(details.side_label(end.other_side))}] ")
    prompt.append(one_line(end.other_summary))
    prompt.append(f" ({one_line(end.other_id)})", style="dim")
    # No option id: two links may join the same pair (A mirrors B, B mirrors A), and
    # option ids must be unique. The chosen option's index finds its end instead.
    return Option(prompt)


class PositionDetail(VerticalScroll):
    """The inspector's content. Choosing a link posts `LinkChosen`."""

    _ends: tuple[LinkEnd, ...] = ()
    """The link ends the options show, in their order."""

    @dataclass
    class LinkChosen(Message):
        """A link was chosen: go to the position at its other end."""

        detail: PositionDetail
        position_id: str

        @property
        def control(self) -> PositionDetail:
            """The panel, so that `@on(PositionDetail.LinkChosen, "#id")` can select it."""
            return self.detail

    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")
        yield Static(Text(f"{LINKS} (Enter follows)", style="bold underline"), id="links-title")
        yield OptionList(id="detail-links")
        yield Static(id="detail-notes")

    def show(self, details: PositionDetails | None) -> None:
        body = self.query_one("#detail-text", Static)
        links = self.query_one("#detail-links", OptionList)
        title = self.query_one("#links-title", Static)
        notes = self.query_one("#detail-notes", Static)
        links.clear_options()
        self._ends = tuple(details.links) if details is not None else ()
        if details is None:
            body.update(Text("Nothing selected."))
            title.display = links.display = notes.display = False
            return
        body.update(detail_text(details))
        links.add_options([link_option(end, details) for end in details.links])
        title.display = links.display = bool(details.links)
        if details.links:
            links.highlighted = 0
        notes.update(notes_text(details))
        notes.display = bool(details.notes)
        self.scroll_home(animate=False)

    def focus_links(self) -> bool:
        links = self.query_one("#detail-links", OptionList)
        if links.display and links.option_count:
            links.focus()
            return True
        return False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._ends):
            self.post_message(self.LinkChosen(self, self._ends[event.option_index].other_id))

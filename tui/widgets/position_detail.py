"""Everything about one position: the inspector's content, in a side panel or a screen.

The facts come first, then each source quote with its document and the whole
sentence around it (the quote underlined inside it), then the links as a list
that Enter follows. All data goes into `rich.text.Text`, never into markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import Document, LinkEnd, Note, Position, Vocabularies
from store.plain_text import one_line
from store.sentences import quote_context


@dataclass(frozen=True)
class PositionDetails:
    """What the inspector needs, fetched by the screen through the store's API."""

    position: Position
    documents: dict[str, Document]
    links: list[LinkEnd]
    notes: list[Note] = field(default_factory=list)
    vocab: Vocabularies = field(default_factory=Vocabularies)


def detail_text(details: PositionDetails) -> Text:
    p = details.position
    text = Text()
    text.append(one_line(p.summary) + "\n\n", style="bold")
    for label, value in (
        ("Side", details.vocab.side_label(p.side)),
        ("Kind", f"{p.kind.label} — {p.kind.description}"),
        ("Actors", ", ".join(p.actors)),
        ("Topics", ", ".join(details.vocab.topic_label(t) for t in p.topics)),
        ("Places", ", ".join(p.places) or "—"),
        (
            "Date",
            f"{p.date_label}  ({p.date_precision.label.lower()}; {p.date_basis.label.lower()})",
        ),
    ):
        text.append(f"{label:<8}", style="bold")
        text.append(one_line(value) + "\n")
    if p.date_text:
        text.append(f"{'Wording':<8}", style="bold")
        text.append(f"“{one_line(p.date_text)}”\n")
    if p.date_note:
        text.append(f"{'Basis':<8}", style="bold")
        text.append(one_line(p.date_note) + "\n")
    text.append(f"\nSources ({len(p.sources)})\n", style="bold underline")
    for source in p.sources:
        document = details.documents.get(source.document)
        text.append(f"“{one_line(source.quote)}”\n", style="italic")
        title = one_line(document.title) if document else one_line(source.document)
        text.append(
            f"  — {title} ({one_line(source.document)}, {source.start}..{source.end})\n",
            style="dim",
        )
        around = quote_context(document.text, source.start, source.end) if document else None
        if around is not None:
            before = ("… " if around.cut_before else "") + one_line(around.before)
            inside = one_line(source.quote)
            after = one_line(around.after) + (" …" if around.cut_after else "")
            text.append("  in: ")
            text.append(before + (" " if before else ""))
            text.append(inside, style="underline")
            text.append((" " if after and after[0].isalnum() else "") + after + "\n")
    if details.notes:
        text.append(f"\nNotes ({len(details.notes)})\n", style="bold underline")
        for note in details.notes:
            text.append(f"{one_line(note.author)} · {note.stamp}\n", style="bold")
            for line in note.text.splitlines() or [""]:
                text.append(f"  {one_line(line)}\n")
    return text


def link_option(end: LinkEnd, vocab: Vocabularies) -> Option:
    prompt = Text()
    prompt.append(f"{end.reads} ", style="bold")
    prompt.append(f"[{one_line(vocab.side_label(end.other_side))}] ")
    prompt.append(one_line(end.other_summary))
    return Option(prompt, id=end.other_id)


class PositionDetail(VerticalScroll):
    """The inspector's content. Choosing a link posts `LinkChosen`."""

    class LinkChosen(Message):
        def __init__(self, position_id: str) -> None:
            super().__init__()
            self.position_id = position_id

    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")
        yield Static(Text("Links (Enter follows)", style="bold underline"), id="links-title")
        yield OptionList(id="detail-links")

    def show(self, details: PositionDetails | None) -> None:
        body = self.query_one("#detail-text", Static)
        links = self.query_one("#detail-links", OptionList)
        title = self.query_one("#links-title", Static)
        links.clear_options()
        if details is None:
            body.update(Text("Nothing selected."))
            title.display = links.display = False
            return
        body.update(detail_text(details))
        links.add_options([link_option(end, details.vocab) for end in details.links])
        title.display = links.display = bool(details.links)
        if details.links:
            links.highlighted = 0
        self.scroll_home(animate=False)

    def focus_links(self) -> bool:
        links = self.query_one("#detail-links", OptionList)
        if links.display and links.option_count:
            links.focus()
            return True
        return False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.LinkChosen(event.option.id))

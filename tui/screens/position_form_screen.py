"""The position form: code a new position from a quote, or edit one, from the keyboard.

Top to bottom: the quote (as the document has it) and its document; the side; the
kind, each with its one-line definition; the actors (from the registry, a new one
only on purpose); the topics (tick, or name a new one); a one-line summary; the date
as the text gives it, with what it reads as shown beside it as it is typed, and its
basis (stated, as of the document's date, inferred with a note); and links to other
positions, found by search. Tab and Shift+Tab move between fields, Ctrl+S saves,
Escape cancels (asking first if anything was typed).

Saving goes through the store's write API, which validates with the same code as
`import`; an error it names a field for is shown under that field, and nothing is
saved. Dismisses with the saved position's id, or None when cancelled.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, RadioSet, SelectionList, Static

from store import (
    DateBasis,
    DateParseError,
    DateSpan,
    Document,
    Filter,
    ImportRejected,
    Kind,
    Position,
    Relation,
    Store,
    StoreError,
    Vocabularies,
)
from store.plain_text import one_line

from ..link_search import LINK_LIMIT, LinkMatches
from ..position_form_record import (
    SLOTS,
    FormValues,
    KeptDate,
    automatic_basis,
    build_record,
    describe_span,
    problems,
    resolve_date,
    slot_for,
    topics_label,
)
from ..quote_selection import QuoteSelection
from ..widgets.actor_picker import ActorPicker
from ..widgets.field_label import FieldLabel
from ..widgets.link_picker import LinkPicker
from ..widgets.marked_radio_button import MarkedRadioButton
from ..widgets.plain_input import PlainInput
from ..widgets.topic_picker import TopicPicker
from .confirm_screen import ConfirmScreen

BASES = (DateBasis.STATED, DateBasis.DOCUMENT, DateBasis.INFERRED)

FIELD_OF_SLOT = {
    "side": "#form-side",
    "kind": "#form-kind",
    "actors": "#actor-input",
    "topics": "#topic-list",
    "summary": "#form-summary",
    "date": "#form-date",
    "basis": "#form-basis",
    "note": "#form-note",
    "links": "#link-search",
}
"""The widget that takes the focus when its slot shows an error."""


class PositionFormScreen(ModalScreen[str | None]):
    """Dismisses with the id of the position saved, or None when cancelled."""

    CSS_PATH = "position_form_screen.tcss"
    BINDING_GROUP_TITLE = "Position"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="position.save"),
        Binding("escape", "cancel", "Cancel", id="position.cancel"),
        Binding("f1", "codebook", "Codebook", id="position.codebook", priority=True),
    ]

    def __init__(
        self,
        store: Store,
        author: str,
        *,
        quote: QuoteSelection | None = None,
        position: Position | None = None,
    ) -> None:
        """A new position from `quote`, or an edit of `position` (exactly one of them)."""
        if (quote is None) == (position is None):
            raise ValueError("the position form takes a quote (new) or a position (edit)")
        super().__init__()
        self._store = store
        self._author = author
        self._position = position
        self._vocab: Vocabularies = store.vocabularies()
        if position is not None:
            self._sources = [s.model_dump(mode="json") for s in position.sources]
            self._kept: KeptDate | None = KeptDate(
                position.date_text,
                DateSpan(position.date_start, position.date_end, position.date_precision),
            )
        else:
            assert quote is not None
            self._sources = [
                {
                    "document": quote.document_id,
                    "quote": quote.quote,
                    "start": quote.start,
                    "end": quote.end,
                }
            ]
            self._kept = None
        self._documents: dict[str, Document] = {}
        for source in self._sources:
            document_id = str(source["document"])
            if document_id not in self._documents:
                self._documents[document_id] = store.document(document_id)
        self._published = self._documents[str(self._sources[0]["document"])].published
        self._basis_touched = position is not None
        self._auto_basis = DateBasis.DOCUMENT
        """The basis the date field last chose by itself (see `automatic_basis`)."""
        self._created_topics: set[str] = set()
        self._initial: tuple[Any, ...] | None = None

    # Layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        p = self._position
        with VerticalScroll(id="form-body"):
            title = f"Edit position {p.id}" if p else "New position"
            yield Static(Text(one_line(title), style="bold"), id="form-title")
            yield Static(self._quote_text(), id="form-quote")
            yield self._error("quote")
            yield FieldLabel("Side", "form-side")
            with RadioSet(id="form-side"):
                for side in self._vocab.in_order:
                    yield MarkedRadioButton(
                        Text(one_line(side.label)), value=p is not None and p.side == side.id
                    )
            yield self._error("side")
            yield FieldLabel("Kind", "form-kind")
            with RadioSet(id="form-kind"):
                for kind in Kind:
                    label = Text(f"{kind.label:<11}", style="bold")
                    label.append(f" {kind.description}")
                    yield MarkedRadioButton(label, value=p is not None and p.kind is kind)
            yield Static("", id="form-kind-definition")
            yield self._error("kind")
            yield FieldLabel("Actors", "form-actors")
            yield ActorPicker(self._vocab, list(p.actors) if p else [], id="form-actors")
            yield self._error("actors")
            yield FieldLabel("Topics (Space ticks)", "form-topics")
            yield TopicPicker(self._vocab, list(p.topics) if p else [], id="form-topics")
            yield self._error("topics")
            yield FieldLabel("Summary (one line, required)", "form-summary")
            yield PlainInput(p.summary if p else "", id="form-summary")
            yield self._error("summary")
            yield FieldLabel(
                "Date, as the text says it (23 April 2025, early June 2025, by 28 May)",
                "form-date-row",
            )
            with Horizontal(id="form-date-row"):
                yield PlainInput(
                    p.date_text if p else "", placeholder="the document's date", id="form-date"
                )
                yield Static("", id="form-date-reads")
            yield self._error("date")
            yield FieldLabel("Date basis", "form-basis")
            with RadioSet(id="form-basis"):
                basis = p.date_basis if p else DateBasis.DOCUMENT
                for choice in BASES:
                    yield MarkedRadioButton(self._basis_label(choice), value=choice is basis)
            yield self._error("basis")
            yield FieldLabel("Date note (required when inferred: from where?)", "form-note")
            yield PlainInput(p.date_note if p else "", id="form-note")
            yield self._error("note")
            yield FieldLabel("Links to other positions", "form-links")
            yield LinkPicker(self._search, self._vocab, self._initial_links(), id="form-links")
            yield self._error("links")
            yield self._error("form")
        yield Footer()

    @staticmethod
    def _error(slot: str) -> Static:
        error = Static("", id=f"error-{slot}", classes="form-error")
        error.display = False
        return error

    def _quote_text(self) -> Text:
        text = Text()
        for n, source in enumerate(self._sources):
            if n:
                text.append("\n")
            document = self._documents[str(source["document"])]
            text.append(f"“{one_line(str(source['quote']))}”\n", style="italic")
            text.append(f"— {one_line(document.title)}", style="bold")
            text.append(f" ({document.published:%d %b %Y})")
        return text

    def _basis_label(self, basis: DateBasis) -> Text:
        if basis is DateBasis.DOCUMENT:
            return Text(f"as of the document ({self._published.day} {self._published:%b %Y})")
        return Text(basis.label.lower())

    def _initial_links(self) -> list[tuple[Relation, Position]]:
        if self._position is None or not self._position.links:
            return []
        targets = self._store.get_many(link.target for link in self._position.links)
        return [
            (link.relation, targets[link.target])
            for link in self._position.links
            if link.target in targets
        ]

    def on_mount(self) -> None:
        self.query_one("#form-side", RadioSet).focus()
        self._show_kind()
        self._show_date()
        self.call_after_refresh(self._remember_initial)
        self.call_after_refresh(self._show_topic_count)

    def _remember_initial(self) -> None:
        self._initial = self._state()

    # Live feedback ----------------------------------------------------------

    def _show_kind(self) -> None:
        kind = self._kind()
        shown = Text(f"{kind.label}: {kind.description}", style="italic") if kind else Text("")
        self.query_one("#form-kind-definition", Static).update(shown)

    def _date(self) -> tuple[DateSpan | None, str | None]:
        """The date the words stand for, or why they cannot be read."""
        try:
            return resolve_date(self._value("#form-date"), self._published, self._kept), None
        except DateParseError as exc:
            return None, str(exc)

    def _show_date(self) -> None:
        span, error = self._date()
        words = self._value("#form-date").strip()
        if span is not None:
            shown = Text(f"reads as {describe_span(span)}")
            if not words:
                shown.append(" (the document's date)", style="italic")
        else:
            shown = Text(f"✗ {error}", style="bold")
        self.query_one("#form-date-reads", Static).update(shown)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the focused field's label in a character, not by colour alone."""
        for label in self.query(FieldLabel):
            label.show(focused=label.owns(event.widget))

    def _show_topic_count(self) -> None:
        """Say how many topics there are, and that the list scrolls when it does."""
        listing = self.query_one("#topic-list", SelectionList)
        label = next(lb for lb in self.query(FieldLabel) if lb.field_id == "form-topics")
        label.show(
            topics_label(listing.option_count, len(listing.selected), listing.max_scroll_y > 0)
        )

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.call_after_refresh(self._show_topic_count)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._show_topic_count)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "form-date":
            self._show_date()
            if not self._basis_touched:
                span, _ = self._date()
                self._auto_basis = automatic_basis(event.value, span is not None, self._auto_basis)
                self._press_basis(self._auto_basis)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a one-line field goes on to the next field."""
        event.stop()
        self.focus_next()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "form-kind":
            self._show_kind()
        elif event.radio_set.id == "form-basis":
            self._basis_touched = self._basis() is not self._auto_basis

    def _press_basis(self, basis: DateBasis) -> None:
        buttons = list(self.query_one("#form-basis", RadioSet).query(MarkedRadioButton))
        buttons[BASES.index(basis)].value = True

    # Reading the fields -----------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def _pressed(self, selector: str) -> int:
        return self.query_one(selector, RadioSet).pressed_index

    def _kind(self) -> Kind | None:
        index = self._pressed("#form-kind")
        return list(Kind)[index] if index >= 0 else None

    def _basis(self) -> DateBasis:
        index = self._pressed("#form-basis")
        return BASES[index] if index >= 0 else DateBasis.DOCUMENT

    def values(self) -> FormValues:
        """What the fields hold now."""
        side = self._pressed("#form-side")
        p = self._position
        return FormValues(
            side=self._vocab.in_order[side].id if side >= 0 else None,
            kind=self._kind(),
            actors=self.query_one(ActorPicker).names,
            topics=self.query_one(TopicPicker).selected,
            summary=self._value("#form-summary"),
            date_text=self._value("#form-date"),
            date_basis=self._basis(),
            date_note=self._value("#form-note"),
            sources=tuple(self._sources),
            links=self.query_one(LinkPicker).links,
            position_id=p.id if p else None,
            places=tuple(p.places) if p else (),
        )

    def _state(self) -> tuple[Any, ...]:
        """Everything typed or chosen, half-typed fields included: what Escape would lose."""
        return (
            self.values(),
            self.query_one(ActorPicker).typed,
            self.query_one(TopicPicker).typed,
            self.query_one(LinkPicker).typed,
        )

    # Errors -----------------------------------------------------------------

    def _clear_errors(self) -> None:
        for slot in SLOTS:
            error = self.query_one(f"#error-{slot}", Static)
            error.update("")
            error.display = False

    def _show_errors(self, found: dict[str, str]) -> None:
        """Each message under its field; the first such field takes the focus, with its
        message in view."""
        first: str | None = None
        for slot in SLOTS:
            if slot in found:
                error = self.query_one(f"#error-{slot}", Static)
                error.update(Text(f"✗ {one_line(found[slot])}", style="bold"))
                error.display = True
                first = first or slot
        if first is None:
            return
        field = FIELD_OF_SLOT.get(first)
        if field is not None:
            self.query_one(field).focus(scroll_visible=False)
        error = self.query_one(f"#error-{first}", Static)
        body = self.query_one("#form-body", VerticalScroll)
        self.call_after_refresh(body.scroll_to_center, error, animate=False)

    def error_text(self, slot: str) -> str:
        """The message shown under `slot` ("" when none): for tests and the curious."""
        error = self.query_one(f"#error-{slot}", Static)
        return str(error.render()) if error.display else ""

    # Actions ----------------------------------------------------------------

    def _search(self, text: str) -> LinkMatches:
        """The first `LINK_LIMIT` positions matching `text`, this one left out, and how
        many match in all."""
        own = self._position.id if self._position else None
        flt = Filter(text=text)
        try:
            found, _ = self._store.positions(flt, limit=LINK_LIMIT + 1)
            total = self._store.counts(flt).shown
            if own is not None and own in self._store.ids_matching(flt, [own]):
                total -= 1
        except StoreError:
            return LinkMatches([], 0)
        return LinkMatches([p for p in found if p.id != own][:LINK_LIMIT], total)

    def action_save(self) -> None:
        self._clear_errors()
        values = self.values()
        span, date_error = self._date()
        found = problems(values, date_error)
        if found or span is None:
            self._show_errors(found)
            return
        record = build_record(values, span)
        new_topics = [
            {"id": topic_id, "label": label}
            for topic_id, label in self.query_one(TopicPicker).new_selected
        ]
        try:
            if self._position is None:
                saved = self._store.create_position(
                    record, author=self._author, origin="app", new_topics=new_topics
                )
            else:
                saved = self._store.edit_position(
                    record, author=self._author, origin="app", new_topics=new_topics
                )
        except ImportRejected as exc:
            self._show_errors({slot_for(exc.field): _sentence(exc.reason)})
            return
        except StoreError as exc:
            self._show_errors({"form": _sentence(str(exc))})
            return
        self.dismiss(saved.id)

    def action_codebook(self) -> None:
        """The rules this form codes by (docs/codebook.md), over the form."""
        from .codebook_screen import CodebookScreen

        self.app.push_screen(CodebookScreen())

    def action_cancel(self) -> None:
        if self._initial is None or self._state() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard this position form?"), answered)


def _sentence(message: str) -> str:
    """The store's one-line message as the form's sentence."""
    return message[:1].upper() + message[1:]

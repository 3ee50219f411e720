"""The filter panel: side, kind, topic, actor, document, grades and a typed date range.

Space (or Enter) toggles an entry, Tab moves between the lists, Ctrl+S applies,
Escape cancels. The date range is typed as text and read with python-dateutil
("May 2025", "2025-05-01..2025-06-15") or as EDTF ("2025-05/2025-06"); grade ranges
are typed as analysts write them ("1-3", "A-C"). If a typed field cannot be read the
panel says which and why and stays open. Returns the new `Filter`, or None when cancelled.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, SelectionList, Static

from store import DateParseError, Document, Filter, Kind, Vocabularies, parse_date_range
from store.grades import parse_credibility_range, parse_reliability_range
from store.plain_text import one_line

from ..widgets.marked_selection_list import MarkedSelectionList
from ..widgets.plain_input import PlainInput


class FieldError(ValueError):
    """A typed field that cannot be read: which one (its input's id) and why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


def _describe_range(bounds: tuple[object, object] | None) -> str:
    if not bounds:
        return ""
    low, high = bounds
    return str(low) if low == high else f"{low}-{high}"


def _describe_dates(flt: Filter) -> str:
    if not flt.date_from and not flt.date_to:
        return ""
    start = flt.date_from.isoformat() if flt.date_from else ""
    end = flt.date_to.isoformat() if flt.date_to else ""
    return f"{start}..{end}"


class FilterScreen(ModalScreen[Filter | None]):
    """A form over the current filter; the search text is kept as it is."""

    CSS_PATH = "filter_screen.tcss"
    BINDING_GROUP_TITLE = "Filters"
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", id="filters.apply"),
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+r", "reset", "Reset all", id="filters.reset"),
    ]

    def __init__(
        self,
        current: Filter,
        vocab: Vocabularies,
        documents: list[Document],
        author: str,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self._author = author
        self._current = current
        self._vocab = vocab
        self._documents = documents
        self._today = today or date.today()

    def compose(self) -> ComposeResult:
        flt = self._current
        with VerticalScroll(id="filter-body"):
            yield Static(Text("Filters — Space toggles, Tab moves, Ctrl+S applies", style="bold"))
            yield Static(id="filter-summary")
            yield Label("Side")
            yield MarkedSelectionList[str](
                *[(Text(one_line(s.label)), s.id, s.id in flt.sides) for s in self._vocab.in_order],
                id="filter-sides",
            )
            yield Label("Kind")
            yield MarkedSelectionList[str](
                *[(Text(k.label), k.value, k in flt.kinds) for k in Kind], id="filter-kinds"
            )
            yield Label("Topic")
            yield MarkedSelectionList[str](
                *[(Text(one_line(t.label)), t.id, t.id in flt.topics) for t in self._vocab.topics],
                id="filter-topics",
            )
            yield Label("Actor")
            yield MarkedSelectionList[str](
                *[(Text(one_line(a.name)), a.id, a.id in flt.actors) for a in self._vocab.actors],
                id="filter-actors",
            )
            yield Label("Source document")
            yield MarkedSelectionList[str](
                *[(Text(one_line(d.title)), d.id, d.id in flt.documents) for d in self._documents],
                id="filter-documents",
            )
            yield Label("Only")
            yield MarkedSelectionList[str](
                (Text("bookmarked by me"), "bookmarked", flt.bookmarked_by is not None),
                (Text("with a note"), "annotated", flt.annotated),
                (Text("doubted (the source itself may be wrong)"), "doubted", flt.doubted),
                id="filter-only",
            )
            yield Label("Also")
            yield MarkedSelectionList[str](
                (Text("retracted positions (marked ✗)"), "retracted", flt.include_retracted),
                id="filter-also",
            )
            yield Label("Date range (e.g. May 2025, 2025-05-01..2025-06-15, EDTF 2025-05/..)")
            yield PlainInput(value=_describe_dates(flt), placeholder="any date", id="filter-dates")
            yield Label("Information credibility, 1–6 (e.g. 1-3; empty: any, ungraded too)")
            yield PlainInput(
                value=_describe_range(flt.credibility), placeholder="any", id="filter-credibility"
            )
            yield Label("Source reliability, A–F (e.g. A-C: a quoted document in range)")
            yield PlainInput(
                value=_describe_range(flt.reliability), placeholder="any", id="filter-reliability"
            )
            yield Static("", id="filter-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter-sides", SelectionList).focus()
        self._summarise()

    def _summarise(self) -> None:
        """Spell out what is ticked: the tick boxes alone differ only by colour."""
        try:
            described = self.build().describe(self._vocab)
        except FieldError as exc:
            described = f"({exc.field.removeprefix('filter-')} cannot be read yet)"
        self.query_one("#filter-summary", Static).update(Text(f"Will show: {described}"))

    def on_selection_list_selected_changed(self) -> None:
        self._summarise()

    def on_input_changed(self) -> None:
        self._summarise()

    def _selected(self, widget_id: str) -> list[str]:
        return list(self.query_one(f"#{widget_id}", SelectionList).selected)

    def _typed(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def build(self) -> Filter:
        """The filter the form describes; raises FieldError naming an unreadable field."""
        try:
            text = self._typed("filter-dates")
            date_from, date_to = parse_date_range(text, self._today) if text else (None, None)
        except DateParseError as exc:
            raise FieldError("filter-dates", f"Date range: {exc}") from exc
        try:
            text = self._typed("filter-credibility")
            credibility = parse_credibility_range(text) if text else None
        except ValueError as exc:
            raise FieldError("filter-credibility", f"Credibility: {exc}") from exc
        try:
            text = self._typed("filter-reliability")
            reliability = parse_reliability_range(text) if text else None
        except ValueError as exc:
            raise FieldError("filter-reliability", f"Reliability: {exc}") from exc
        return replace(
            self._current,
            sides=frozenset(self._selected("filter-sides")),
            kinds=frozenset(Kind(v) for v in self._selected("filter-kinds")),
            topics=frozenset(self._selected("filter-topics")),
            actors=frozenset(self._selected("filter-actors")),
            documents=frozenset(self._selected("filter-documents")),
            date_from=date_from,
            date_to=date_to,
            bookmarked_by=self._author if "bookmarked" in self._selected("filter-only") else None,
            annotated="annotated" in self._selected("filter-only"),
            doubted="doubted" in self._selected("filter-only"),
            credibility=credibility,
            reliability=reliability,
            include_retracted="retracted" in self._selected("filter-also"),
        )

    def action_apply(self) -> None:
        try:
            flt = self.build()
        except FieldError as exc:
            self.query_one("#filter-error", Static).update(Text(one_line(str(exc)), style="bold"))
            self.query_one(f"#{exc.field}", Input).focus()
            return
        self.dismiss(flt)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_reset(self) -> None:
        for selection in self.query(SelectionList):
            selection.deselect_all()
        for field in self.query(Input):
            field.value = ""

    def action_cancel(self) -> None:
        self.dismiss(None)

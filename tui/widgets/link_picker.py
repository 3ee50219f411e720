"""Linking a position to others: a relation, then a target found by search.

The relation is a radio set (this position *denies* that one). Typing in the search
field lists the best few matches a moment after typing stops (the same search as the
timeline's `/`); Enter there moves to the matches, and Enter on a match adds the link
with the chosen relation. The links so far are listed below; Delete removes one.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from store import Position, Relation
from store.plain_text import one_line

from ..row_text import KIND_CODES, short_date
from .chosen_list import ChosenList
from .marked_radio_button import MarkedRadioButton
from .plain_input import PlainInput

SEARCH_PAUSE = 0.25
"""Seconds after the last key before the search runs: one query per pause in typing."""

Search = Callable[[str], list[Position]]
"""Search text -> the best few positions to offer as targets."""

Link = tuple[Relation, str]


def position_line(p: Position) -> str:
    """A target as the timeline's rows show it: date, kind code, summary."""
    return one_line(f"{short_date(p)} {KIND_CODES[p.kind]} {p.summary}")


class LinkPicker(Vertical):
    """Relation buttons, a search field, its matches, and the links chosen so far."""

    def __init__(
        self, search: Search, links: list[tuple[Relation, Position]], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._search = search
        self._initial = links
        self._found: dict[str, Position] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with RadioSet(id="link-relation"):
            for n, relation in enumerate(Relation):
                yield MarkedRadioButton(Text(relation.label), value=n == 0)
        yield PlainInput(placeholder="search positions to link to", id="link-search")
        yield OptionList(id="link-results")
        yield Static("", id="link-hint")
        yield ChosenList[Link](id="link-chosen")

    def on_mount(self) -> None:
        self._hint("")
        self.query_one("#link-results", OptionList).display = False
        for relation, target in self._initial:
            self._add(relation, target)

    @property
    def links(self) -> tuple[Link, ...]:
        return tuple(self.query_one("#link-chosen", ChosenList).values)

    @property
    def typed(self) -> str:
        return self.query_one("#link-search", Input).value

    @property
    def relation(self) -> Relation:
        index = self.query_one("#link-relation", RadioSet).pressed_index
        return list(Relation)[max(index, 0)]

    def _hint(self, text: str, *, warn: bool = False) -> None:
        """Say what Enter will do, or what went wrong; no line at all when nothing."""
        hint = self.query_one("#link-hint", Static)
        hint.update(Text(one_line(text), style="bold" if warn else "italic"))
        hint.display = bool(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_PAUSE, self.run_search, name="link search")

    def run_search(self) -> None:
        """List the matches for what is typed now (called after a pause in typing)."""
        self._timer = None
        text = self.typed.strip()
        results = self.query_one("#link-results", OptionList)
        results.clear_options()
        self._found = {p.id: p for p in self._search(text)} if text else {}
        results.add_options(Option(Text(position_line(p)), id=p.id) for p in self._found.values())
        results.display = bool(self._found)
        if text and not self._found:
            self._hint("No position matches.")
        elif self._found:
            self._hint("Enter or ↓ moves to the matches; Enter on one adds the link.")
        else:
            self._hint("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:  # Enter before the pause: search now
            self._timer.stop()
            self.run_search()
        results = self.query_one("#link-results", OptionList)
        if results.option_count:
            results.focus()
            results.highlighted = 0
        elif not self.typed.strip():
            self.screen.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "link-results":
            return
        event.stop()
        target = self._found.get(event.option.id or "")
        if target is None:
            return
        relation = self.relation
        if (relation, target.id) in self.links:
            self._hint("That link is there already.", warn=True)
            return
        self._add(relation, target)
        self._hint(f"Added: {relation.label} {target.id}.")
        self.query_one("#link-search", Input).focus()

    def _add(self, relation: Relation, target: Position) -> None:
        prompt = Text(f"{relation.label} → ", style="bold")
        prompt.append(position_line(target))
        self.query_one("#link-chosen", ChosenList).add((relation, target.id), prompt)

"""Linking a position to others: a relation, then a target found by search.

The relation is a radio set (this position *denies* that one). Typing in the search
field lists the matches a moment after typing stops (the same search as the
timeline's `/`), with how many matched beside the field: up to `LINK_LIMIT` of them,
in a list that scrolls, each with its side, kind, date and id. The form scrolls so
the list is in view as it fills. Enter there moves to the matches; the cursor stops
at either end rather than wrapping round, and the line under the list names the link
Enter will add. The links so far are listed below; Delete removes one.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from store import Position, Relation, Vocabularies
from store.plain_text import one_line

from ..link_search import LinkMatches, count_line, match_line, search_hint
from ..row_text import KIND_CODES, short_date
from .chosen_list import ChosenList
from .marked_radio_button import MarkedRadioButton
from .no_wrap_option_list import NoWrapOptionList
from .plain_input import PlainInput

SEARCH_PAUSE = 0.25
"""Seconds after the last key before the search runs: one query per pause in typing."""

Search = Callable[[str], LinkMatches]
"""Search text -> the first matches to offer as targets, and how many matched."""

Link = tuple[Relation, str]

MATCH_ROWS = 6
"""The matches list is at most this tall, and scrolls."""


def position_line(p: Position) -> str:
    """A chosen target as the timeline's rows show it: date, kind code, summary."""
    return one_line(f"{short_date(p)} {KIND_CODES[p.kind]} {p.summary}")


class LinkPicker(Vertical):
    """Relation buttons, a search field, its matches, and the links chosen so far."""

    def __init__(
        self,
        search: Search,
        vocab: Vocabularies,
        links: list[tuple[Relation, Position]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._search = search
        self._vocab = vocab
        self._initial = links
        self._found: dict[str, Position] = {}
        self._total = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with RadioSet(id="link-relation"):
            for n, relation in enumerate(Relation):
                yield MarkedRadioButton(Text(relation.label), value=n == 0)
        with Horizontal(id="link-search-row"):
            yield PlainInput(placeholder="search positions to link to", id="link-search")
            yield Static("", id="link-count")
        yield NoWrapOptionList(id="link-results")
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

    @property
    def count_text(self) -> str:
        """How many matched, as shown beside the search field ("" before a search)."""
        return str(self.query_one("#link-count", Static).render())

    @property
    def status(self) -> str:
        """The line under the matches: what Enter does, or what was done last."""
        hint = self.query_one("#link-hint", Static)
        return str(hint.render()) if hint.display else ""

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
        """List the matches for what is typed now (called after a pause in typing), and
        bring them into view."""
        self._timer = None
        text = self.typed.strip()
        results = self.query_one("#link-results", OptionList)
        results.clear_options()
        found = self._search(text) if text else LinkMatches([], 0)
        self._found = {p.id: p for p in found.positions}
        self._total = max(found.total, len(self._found))
        results.add_options(
            Option(match_line(p, self._vocab.side_label), id=p.id) for p in self._found.values()
        )
        results.display = bool(self._found)
        # Its height is set, not left to `auto`, so the very next layout knows it and
        # the scroll below brings all of it into view.
        results.styles.height = min(MATCH_ROWS, len(self._found)) or None
        count = self.query_one("#link-count", Static)
        count.update(Text(count_line(len(self._found), self._total), style="bold") if text else "")
        self._hint(search_hint(len(self._found), self._total) if text else "")
        if text:
            self.call_after_refresh(self._bring_into_view)

    def _bring_into_view(self) -> None:
        """Scroll the form so the field, its count, the matches and the hint show."""
        hint = self.query_one("#link-hint", Static)
        results = self.query_one("#link-results", OptionList)
        lowest = hint if hint.display else results if results.display else None
        (lowest or self.query_one("#link-search-row")).scroll_visible(animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._to_matches() and not self.typed.strip():
            self.screen.focus_next()

    def on_key(self, event: events.Key) -> None:
        """↓ in the search field goes to the matches, as Enter does (the hint says so)."""
        in_field = self.screen.focused is self.query_one("#link-search")
        if event.key == "down" and in_field and self._to_matches():
            event.stop()
            event.prevent_default()

    def _to_matches(self) -> bool:
        """Focus the first match (searching first if typing has not paused yet); False
        when there is none."""
        if self._timer is not None:
            self._timer.stop()
            self.run_search()
        results = self.query_one("#link-results", OptionList)
        if not results.option_count:
            return False
        results.focus()
        results.highlighted = 0
        self._name_highlighted()
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "link-results":
            return
        event.stop()
        self._name_highlighted()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Another relation: the link Enter would add changes with it."""
        if event.radio_set.id == "link-relation":
            self._name_highlighted()

    def _name_highlighted(self) -> None:
        """Name the link Enter would add, so a wrong target is seen before it is added."""
        results = self.query_one("#link-results", OptionList)
        index = results.highlighted
        if index is None or not results.display:
            return
        target = self._found.get(results.get_option_at_index(index).id or "")
        if target is None:
            return
        self._hint(
            f"Match {index + 1} of {self._total}: Enter adds {self.relation.label} {target.id}."
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "link-results":
            return
        event.stop()
        target = self._found.get(event.option.id or "")
        if target is None:
            return
        relation = self.relation
        if (relation, target.id) in self.links:
            self._hint(f"The link {relation.label} {target.id} is there already.", warn=True)
            return
        self._add(relation, target)
        self._hint(f"Added: {relation.label} {target.id}.")
        self.query_one("#link-search", Input).focus()

    def on_chosen_list_removed(self, event: ChosenList.Removed) -> None:
        event.stop()
        relation, target = event.value
        self._hint(f"Removed: {relation.label} {target}.")

    def _add(self, relation: Relation, target: Position) -> None:
        prompt = Text(f"{relation.label} → ", style="bold")
        prompt.append(position_line(target))
        self.query_one("#link-chosen", ChosenList).add((relation, target.id), prompt)

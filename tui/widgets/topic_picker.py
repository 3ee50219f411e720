"""Ticking a position's topics, and naming a new topic on purpose.

The database's topics are a list to tick (Space). A new topic takes two fields, its
label and its id (the id is filled in from the label unless typed: ids are stored on
every position and never change, so they are worth a look); Enter in either adds it
to the list, ticked and marked "new". Nothing is written until the position is saved:
the form creates the ticked new topics then.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, SelectionList, Static

from store import Vocabularies
from store.plain_text import one_line
from store.topics import topic_id_for

from .marked_selection_list import MarkedSelectionList
from .plain_input import PlainInput

TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
"""What the store accepts as a topic id (`store.topics`)."""


class TopicPicker(Vertical):
    """The database's topics with the chosen ones ticked, and fields for a new one."""

    def __init__(self, vocab: Vocabularies, ticked: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._vocab = vocab
        self._ticked = set(ticked)
        self._new: dict[str, str] = {}
        """New topics added in this form: id -> label."""
        self._cleared = False
        """The fields were just emptied by adding a topic: keep the hint saying so."""

    def on_mount(self) -> None:
        self._hint("")

    def compose(self) -> ComposeResult:
        known = {t.id for t in self._vocab.topics}
        yield MarkedSelectionList[str](
            *[(Text(one_line(t.label)), t.id, t.id in self._ticked) for t in self._vocab.topics],
            *[(Text(topic_id), topic_id, True) for topic_id in self._ticked - known],
            id="topic-list",
        )
        with Horizontal(id="topic-new"):
            yield PlainInput(placeholder="new topic: its label", id="topic-label")
            yield PlainInput(placeholder="its id", id="topic-id")
        yield Static("", id="topic-hint")

    @property
    def selected(self) -> tuple[str, ...]:
        """Ticked topic ids, in the list's order."""
        chosen = set(self.query_one("#topic-list", SelectionList).selected)
        listed = [t.id for t in self._vocab.topics] + list(self._new)
        return tuple(t for t in listed if t in chosen) + tuple(
            sorted(chosen - set(listed), key=str)
        )

    @property
    def new_selected(self) -> list[tuple[str, str]]:
        """(id, label) of the new topics that are ticked: to create on saving."""
        chosen = set(self.selected)
        return [(i, label) for i, label in self._new.items() if i in chosen]

    @property
    def typed(self) -> tuple[str, str]:
        return (
            self.query_one("#topic-label", Input).value,
            self.query_one("#topic-id", Input).value,
        )

    def _hint(self, text: str, *, warn: bool = False) -> None:
        """Say what Enter will do, or what went wrong; no line at all when nothing."""
        hint = self.query_one("#topic-hint", Static)
        hint.update(Text(one_line(text), style="bold" if warn else "italic"))
        hint.display = bool(text)

    def _wanted(self) -> tuple[str, str]:
        label, typed_id = self.typed
        label = " ".join(label.split())
        return label, typed_id.strip() or topic_id_for(label)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        label, topic_id = self._wanted()
        if not any(self.typed) and self._cleared:
            return
        self._cleared = False
        if event.input.id == "topic-label":
            self.query_one("#topic-id", Input).placeholder = topic_id or "its id"
        if label:
            self._hint(f"Enter adds the topic {topic_id} ({label}), created when you save.")
        else:
            self._hint("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        label, topic_id = self._wanted()
        if not label and not self.typed[1].strip():
            self.screen.focus_next()
            return
        problem = self._problem(label, topic_id)
        if problem:
            self._hint(problem, warn=True)
            return
        self._new[topic_id] = label
        listing = self.query_one("#topic-list", SelectionList)
        prompt = Text(one_line(label))
        prompt.append(" (new)", style="italic")
        listing.add_option((prompt, topic_id, True))
        self._cleared = True
        for field_id in ("#topic-label", "#topic-id"):
            self.query_one(field_id, Input).value = ""
        self.query_one("#topic-id", Input).placeholder = "its id"
        self._hint(f"Added the new topic {topic_id} ({label}), ticked.")

    def _problem(self, label: str, topic_id: str) -> str | None:
        if not label:
            return "A new topic needs a label."
        if not TOPIC_ID.match(topic_id):
            return f"{topic_id!r} cannot be an id: lower-case letters, digits, _ . - only."
        everything = [(t.id, t.label) for t in self._vocab.topics] + list(self._new.items())
        for known_id, known_label in everything:
            if known_id == topic_id:
                return f"There is a topic {topic_id} already: tick it in the list."
            if known_label.casefold() == label.casefold():
                return f"There is a topic labelled {known_label!r} already: tick it in the list."
        return None

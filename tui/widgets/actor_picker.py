"""Picking a position's actors from the registry, and a new actor only on purpose.

Typing shows, in grey after the cursor, the rest of the first actor name that starts
with it (→ takes it), and under the field what Enter will do. Enter adds the actor
the text names exactly, else the completed one. A name no actor answers to is not
added at the first Enter: the line under the field says so, and only a second Enter
on the same text adds it as a new actor. A typo must not become an actor.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from store import Vocabularies, alias_key
from store.plain_text import one_line

from ..actor_completion import ActorIndex, ActorSuggester
from .chosen_list import ChosenList
from .plain_input import PlainInput

NEW_ACTOR_MARK = " (new actor)"


class ActorPicker(Vertical):
    """The actors chosen so far (names, in order), a field to add one, and a hint line."""

    def __init__(self, vocab: Vocabularies, chosen: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._vocab = vocab
        self._index = ActorIndex(vocab)
        self._initial = chosen
        self._confirming: str | None = None
        """The alias key of a name no actor answers to, after its first Enter."""
        self._cleared = False
        """The field was just emptied by adding a name: keep the hint saying so."""

    def compose(self) -> ComposeResult:
        yield PlainInput(
            placeholder="type a name: → completes, Enter adds",
            suggester=ActorSuggester(self._index),
            id="actor-input",
        )
        yield Static("", id="actor-hint")
        yield ChosenList[str](id="actor-chosen")

    def on_mount(self) -> None:
        self._hint("")
        for name in self._initial:
            self._add(name, new=self._index.exact(name) is None)

    @property
    def input(self) -> Input:
        return self.query_one("#actor-input", Input)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.query_one("#actor-chosen", ChosenList).values)

    @property
    def typed(self) -> str:
        return self.input.value

    def _hint(self, text: str, *, warn: bool = False) -> None:
        """Say what Enter will do, or what went wrong; no line at all when nothing."""
        hint = self.query_one("#actor-hint", Static)
        hint.update(Text(one_line(text), style="bold" if warn else "italic"))
        hint.display = bool(text)

    def _describe(self, text: str) -> str:
        """What Enter will do with `text`, and which other actors it could mean."""
        if not text.strip():
            return ""
        exact = self._index.exact(text)
        if exact is not None:
            return f"Enter adds {exact.name}."
        completed = self._index.complete(text)
        if completed is not None:
            actor = self._index.exact(completed)
            if actor is not None:
                return f"Enter adds {actor.name}."
        others = self._index.candidates(text)
        if others:
            return "Did you mean: " + "; ".join(a.name for a in others) + "?"
        return "No actor by that name yet."

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value and self._cleared:
            return
        self._cleared = False
        if self._confirming is not None and alias_key(event.value) != self._confirming:
            self._confirming = None
        self._hint(self._describe(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            self.screen.focus_next()
            return
        actor = self._index.exact(text)
        if actor is None:
            completed = self._index.complete(text)
            actor = self._index.exact(completed) if completed is not None else None
        if actor is not None:
            self._take(actor.name, new=False)
        elif self._confirming == alias_key(text):
            self._take(text, new=True)
        else:
            self._confirming = alias_key(text)
            others = self._index.candidates(text)
            meant = f" (did you mean {'; '.join(a.name for a in others)}?)" if others else ""
            self._hint(
                f"No actor is called {text!r}{meant}. Enter again adds {text!r} as a NEW "
                "actor; or change the name.",
                warn=True,
            )

    def _take(self, name: str, *, new: bool) -> None:
        if alias_key(name) in {alias_key(n) for n in self.names}:
            self._hint(f"{name} is added already.", warn=True)
            return
        self._add(name, new=new)
        self._confirming = None
        self._cleared = True
        self.input.value = ""
        self._hint(f"Added {name}{NEW_ACTOR_MARK if new else ''}.")

    def on_chosen_list_removed(self, event: ChosenList.Removed) -> None:
        event.stop()
        self._hint(f"Removed {event.value}.")

    def _add(self, name: str, *, new: bool) -> None:
        prompt = Text(one_line(name))
        if new:
            prompt.append(NEW_ACTOR_MARK, style="italic")
        self.query_one("#actor-chosen", ChosenList).add(name, prompt)

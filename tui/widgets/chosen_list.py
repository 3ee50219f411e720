"""A short list of what has been picked (actors, links), from which Delete removes.

The form keeps each picked value beside its line, so reading the list back gives the
values, never text parsed out of the prompts. The list hides itself while empty, so
Tab does not stop on nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from .no_wrap_option_list import NoWrapOptionList

Value = TypeVar("Value")


class ChosenList(NoWrapOptionList, Generic[Value]):
    """Picked values in the order picked; Delete or Backspace removes the highlighted one."""

    BINDING_GROUP_TITLE = "Position"
    BINDINGS = [
        Binding("delete,backspace", "remove", "Remove", id="position.remove"),
    ]

    @dataclass
    class Removed(Message):
        """A value was removed (by Delete): its picker says so, so the status line
        never goes on announcing the value as added."""

        chosen_list: ChosenList[Any]
        value: Any

        @property
        def control(self) -> ChosenList[Any]:
            return self.chosen_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._values: list[Value] = []
        self.display = False

    @property
    def values(self) -> list[Value]:
        return list(self._values)

    def add(self, value: Value, prompt: Text) -> None:
        """Append `value`, shown as `prompt` (text from data: never markup)."""
        self._values.append(value)
        self.add_option(prompt)
        self.display = True

    def on_focus(self) -> None:
        """Arriving by Tab shows at once which line Delete would remove."""
        if self.highlighted is None and self._values:
            self.highlighted = 0

    def action_remove(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._values):
            return
        value = self._values.pop(index)
        self.remove_option_at_index(index)
        self.post_message(self.Removed(self, value))
        if not self._values:
            self.display = False
            self.screen.focus_previous()

"""A one-line input that keeps only what can be seen of what is typed or pasted.

Textual's `Input` draws its value as it is, so a pasted escape sequence or bidi
override in a search or a file name would go straight to the terminal. Every
edit of an `Input` passes through `replace`, so that is where the text is made
`typeable`.
"""

from __future__ import annotations

from textual.widgets import Input

from store.plain_text import typeable


class PlainInput(Input):
    """An `Input` whose value never holds a control, bidi or invisible format character."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(typeable(text), start, end)

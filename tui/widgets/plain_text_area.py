"""A text area that keeps only what can be seen of what is typed, pasted or loaded.

Textual's `TextArea` draws its document as it is. Every change to the document
is an `Edit` passed to `edit`, so that is where its text is made `typeable`
(line breaks and tabs stay); text given at construction is cleaned the same way.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from store.plain_text import typeable


class PlainTextArea(TextArea):
    """A `TextArea` whose document never holds a control, bidi or invisible format character."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(typeable(text, newlines=True), **kwargs)

    def edit(self, edit: Edit) -> EditResult:
        edit.text = typeable(edit.text, newlines=True)
        return super().edit(edit)

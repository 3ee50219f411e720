"""A form field's label that marks, in a character, whether its field has the focus.

A focused field is otherwise told apart by its background colour alone, which a
terminal without colour (NO_COLOR, a plain-text capture) does not show. Like the
timeline's "▶" cursor and the marked boxes and buttons, the label says it in a
character: "▶ Summary" while the focus is anywhere in the summary's field, "  Summary"
otherwise (the column is kept, so labels do not shift as the focus moves).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Label

FOCUS_MARK = "▶ "


class FieldLabel(Label):
    """The label of the field whose outermost widget has the id `field_id`."""

    DEFAULT_CSS = """
    FieldLabel {
        padding-left: 2;
    }
    FieldLabel.-field-focused {
        padding-left: 0;
    }
    """
    """The mark's column is padding when there is no mark: leading spaces in the text
    would be trimmed as the label is laid out."""

    def __init__(self, text: str, field_id: str) -> None:
        super().__init__(Text(text))
        self.field_id = field_id
        self._text = text
        self._focused = False

    @property
    def text(self) -> str:
        """The label's words, without the mark."""
        return self._text

    def owns(self, widget: Widget | None) -> bool:
        """Whether `widget` is the field or inside it."""
        node = widget
        while node is not None:
            if node.id == self.field_id:
                return True
            node = node.parent if isinstance(node.parent, Widget) else None
        return False

    def show(self, text: str | None = None, *, focused: bool | None = None) -> None:
        """Change the words, the mark, or both."""
        if text is not None:
            self._text = text
        if focused is not None:
            self._focused = focused
        self.set_class(self._focused, "-field-focused")
        self.update(Text((FOCUS_MARK if self._focused else "") + self._text))

"""A radio button that says in a character whether it is the chosen one.

Textual's `RadioButton` draws "▐●▌" whether pressed or not and tells them apart
by colour alone, which shows nothing on a terminal without colour. Here a
button that is not chosen is drawn empty.
"""

from __future__ import annotations

from textual.widgets import RadioButton


class MarkedRadioButton(RadioButton):
    """A `RadioButton` drawing "▐●▌" when chosen and "▐ ▌" when not."""

    @property
    def BUTTON_INNER(self) -> str:
        return "●" if self.value else " "

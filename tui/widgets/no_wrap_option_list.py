"""An option list whose cursor stops at its ends instead of wrapping around.

Textual's `OptionList` moves from the last option to the first on ↓. In a short list
of search matches that is a trap: ↓ ↓ on two matches lands back on the first without
a sign, and Enter then picks the wrong one. Here ↓ on the last option stays there, and
↑ on the first gives the focus back to where the list was reached from (the field
above it), which is what a user pressing ↑ there wants.
"""

from __future__ import annotations

from textual.widgets import OptionList


class NoWrapOptionList(OptionList):
    """An `OptionList` whose ↓ stops at the last option and whose ↑ leaves from the first."""

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            super().action_cursor_down()
        elif self.highlighted < self.option_count - 1:
            self.highlighted += 1

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            super().action_cursor_up()
        elif self.highlighted > 0:
            self.highlighted -= 1
        else:
            self.screen.focus_previous()

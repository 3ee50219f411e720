"""A selection list whose boxes say in a character whether they are ticked.

Textual's `SelectionList` draws every box as "▐X▌" and tells ticked from
unticked by colour alone, which shows nothing on a terminal without colour
(NO_COLOR, monochrome SSH sessions). Here an unticked box is drawn empty.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType


class MarkedSelectionList(SelectionList[SelectionType]):
    """A `SelectionList` drawing "▐X▌" for a ticked value and "▐ ▌" for an unticked one."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        ticked = selection.value in self.selected
        if ticked or len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        segments[1] = Segment(" ", segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)

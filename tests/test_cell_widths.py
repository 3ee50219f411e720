"""Rich, as the app sets it up, measures text as tmux draws it (see `tui/cell_widths.py`).

conftest.py has already called `measure_like_tmux`, as `CounterpointApp` does.
"""

from __future__ import annotations

import unicodedata

import pytest
import rich.cells
from hostile_text import DEVANAGARI, TMUX_WIDTHS
from rich.cells import cell_len

from store.plain_text import one_line
from tui.app import CounterpointApp
from tui.cell_widths import measure_like_tmux
from tui.row_text import fit


@pytest.mark.parametrize(("sample", "tmux_width"), list(TMUX_WIDTHS.items()))
def test_text_is_measured_as_tmux_moved_its_cursor(sample, tmux_width):
    assert cell_len(one_line(sample)) == tmux_width


def test_every_spacing_mark_is_one_cell_and_other_marks_none():
    for codepoint in range(0x900, 0xDFF):  # Devanagari to Sinhala
        character = chr(codepoint)
        category = unicodedata.category(character)
        if category == "Mc":
            assert rich.cells.get_character_cell_size(character) == 1, hex(codepoint)
        elif category == "Mn":
            assert rich.cells.get_character_cell_size(character) == 0, hex(codepoint)


def test_rich_width_table_still_has_the_shape_we_edit():
    table = rich.cells.load_cell_table("auto")
    assert isinstance(table.widths, list)
    assert all(isinstance(row, tuple) and len(row) == 3 for row in table.widths)
    assert table.widths == sorted(table.widths)


def test_measuring_again_changes_nothing(store):
    before = list(rich.cells.load_cell_table("auto").widths)
    measure_like_tmux()
    CounterpointApp(store)
    assert rich.cells.load_cell_table("auto").widths == before


@pytest.mark.parametrize("width", [5, 11, 20, 40])
def test_a_cut_hindi_summary_fills_its_pane_exactly(width):
    assert cell_len(fit(DEVANAGARI, width)) == width

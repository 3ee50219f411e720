"""Measure Indic vowel signs the way tmux draws them, so columns stay aligned.

Textual lays out every line by Rich's cell widths, and the terminal then moves
its cursor by its own. The two agree on CJK, combining marks, joiners and Urdu,
but not on the spacing vowel signs of Devanagari, Bengali and the other Indic
scripts (general category Mc, e.g. U+093E "ा"): Rich's tables count them as zero
cells, while tmux, xterm and VTE (glibc's `wcwidth`) give each one cell. In tmux
at 80 columns, "भारत ने सिंधु जल संधि" measured 14 cells by Rich and moved the
cursor 17, so every row holding Hindi pushed the right-hand pane three cells right.

`measure_like_tmux` edits Rich's loaded width table once, before anything is
drawn, so the spacing marks count one cell everywhere Textual measures. Rich
has no public hook for this; `tests/test_cell_widths.py` fails if its table
changes shape, and checks the measured strings against the widths tmux gave.
"""

from __future__ import annotations

import unicodedata

_done = False
_NO_MARKS_FROM = 0xE0000
"""Tags and variation selectors: thousands of zero-width code points, none of them Mc."""


def measure_like_tmux() -> None:
    """Give every spacing combining mark (Mc) one cell in Rich's width table."""
    global _done
    if _done:
        return
    import rich.cells
    import rich.segment

    table = rich.cells.load_cell_table("auto").widths
    widened: list[tuple[int, int, int]] = []
    for start, end, width in table:
        if width != 0 or start >= _NO_MARKS_FROM:
            widened.append((start, end, width))
            continue
        run_start = start
        for codepoint in range(start, end + 1):
            if unicodedata.category(chr(codepoint)) == "Mc":
                if run_start < codepoint:
                    widened.append((run_start, codepoint - 1, 0))
                run_start = codepoint + 1  # absent from the table: one cell
        if run_start <= end:
            widened.append((run_start, end, 0))
    table[:] = widened
    rich.cells.get_character_cell_size.cache_clear()
    rich.cells.cached_cell_len.cache_clear()
    rich.segment.Segment._split_cells.cache_clear()  # type: ignore[attr-defined]
    _done = True

"""Text that attacks terminals, and script samples whose width terminals disagree on.

`TMUX_WIDTHS` maps each sample, after `one_line`, to the cells tmux 3.3a moved its
cursor when the string was printed at a shell prompt (`#{cursor_x}`), measured
with `tests/measure_tmux_widths.py` on 2026-11-23. Rich, as the app configures
it (`tui/cell_widths.py`), must give the same numbers, or columns drift in tmux.
"""

from __future__ import annotations

ESC_SEQUENCES = ("\x1b[31mred\x1b[0m \x1b]0;pwned\x07 "
                 "\x1b]8;;http://x.invalid\x1b\\link\x1b]8;;\x1b\\ \x9b2J")
"""SGR colour, an OSC title change, an OSC 8 hyperlink and a C1 CSI clear-screen."""

MARKUP = "[bold]x[/bold] [@click=app.quit]quit[/] [link=http://x.invalid]y[/link] [/"
"""Rich markup, a Textual action link, and a stray closing tag that would not parse."""

BIDI = "India \u202ewarns\u202c Pakistan \u2067isolated\u2069"
"""A right-to-left override and isolate: a bidi terminal would reorder the row."""

DEVANAGARI = "भारत ने सिंधु जल संधि स्थगित की"
URDU = "پاکستان نے بھارت کے الزامات مسترد کر دیے"
CJK = "印度与巴基斯坦的外交竞争"
COMBINING = "Pahalgam\u0301\u0301\u0301 e\u0301"
JOINERS = "क्\u200dष ن\u200cی 👨\u200d👩\u200d👧"
PRESENTATION = "☺\ufe0f ☹\ufe0e"

TMUX_WIDTHS: dict[str, int] = {
    DEVANAGARI: 26,
    "भारत ने सिंधु जल संधि": 17,
    "क्\u200dष": 1,
    "क्ष": 2,
    URDU: 40,
    "ن\u200cی": 2,
    "👨\u200d👩\u200d👧": 2,
    CJK: 24,
    COMBINING: 10,
    JOINERS: 7,
    PRESENTATION: 3,
    "가": 2,
    BIDI: 49,
    ESC_SEQUENCES: 53,
    MARKUP: 74,
}

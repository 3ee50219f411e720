"""Text that attacks terminals, script samples whose width terminals disagree on, and
records carrying them into a store (`add_hostile_records`).

`TMUX_WIDTHS` maps each sample, after `one_line`, to the cells tmux 3.3a moved its
cursor when the string was printed at a shell prompt (`#{cursor_x}`), measured
with `tests/measure_tmux_widths.py` on 2026-11-23. Rich, as the app configures
it (`tui/cell_widths.py`), must give the same numbers, or columns drift in tmux.
"""

from __future__ import annotations

import json
from pathlib import Path

from store import Store

ESC_SEQUENCES = (
    "\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b]8;;http://x.invalid\x1b\\link\x1b]8;;\x1b\\ \x9b2J"
)
"""SGR colour, an OSC title change, an OSC 8 hyperlink and a C1 CSI clear-screen."""

ESCAPED_ACTOR = "Mallory\x1b]0;pwned\x07 [@click=app.quit]"
"""An actor name as a file edited by another tool could leave it."""

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


DOC_ID = "hostile-doc"
SENTENCES = [DEVANAGARI, URDU, CJK, BIDI, MARKUP, JOINERS, COMBINING, PRESENTATION]
DOC_TEXT = "".join(f"{sentence}. " for sentence in SENTENCES)


def quote(text: str) -> dict:
    start = DOC_TEXT.index(text)
    return {"document": DOC_ID, "quote": text, "start": start, "end": start + len(text)}


def position(position_id: str, side: str, actor: str, summary: str, source: str) -> dict:
    return {
        "id": position_id,
        "side": side,
        "actors": [actor],
        "kind": "statement",
        "summary": summary,
        "topics": ["humanitarian", "terrorism"],
        "places": [actor],
        "date_start": "2025-04-24",
        "date_end": "2025-04-24",
        "date_precision": "day",
        "date_text": summary,
        "date_basis": "stated",
        "date_note": "",
        "sources": [quote(source)],
        "links": [],
    }


HOSTILE = {
    "documents": [
        {
            "id": DOC_ID,
            "title": f"{MARKUP} {BIDI}",
            "outlet": CJK,
            "published": "2025-05-01",
            "text": DOC_TEXT,
        }
    ],
    "positions": [
        position("in-hostile-markup", "india", MARKUP, f"{MARKUP} {BIDI}", MARKUP),
        position("in-hostile-hindi", "india", "भारत सरकार", f"{DEVANAGARI} {JOINERS}", DEVANAGARI),
        position("pk-hostile-urdu", "pakistan", URDU, f"{URDU} {COMBINING}", URDU),
        position("pk-hostile-bidi", "pakistan", BIDI, f"{BIDI} {PRESENTATION}", BIDI),
        position("other-hostile-cjk", "other", CJK, f"{CJK} {COMBINING}", CJK),
    ],
}
HOSTILE["positions"][0]["links"] = [{"relation": "responds_to", "target": "pk-hostile-urdu"}]


def add_hostile_records(store: Store, tmp_path: Path) -> Store:
    """Import HOSTILE into `store`, then add by SQL the escapes that import refuses."""
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(HOSTILE, ensure_ascii=False), encoding="utf-8")
    store.import_file(path)
    # Import refuses control characters; a file written by another tool may hold them.
    with store.db.conn:
        store.db.execute(
            "UPDATE positions SET summary = summary || ? WHERE id LIKE '%hostile%'",
            [" " + ESC_SEQUENCES],
        )
        store.db.execute(
            "UPDATE documents SET title = title || ? WHERE id = ?", [ESC_SEQUENCES, DOC_ID]
        )
        store.db.execute(
            "UPDATE actors SET name = ? WHERE id = "
            "(SELECT actor_id FROM position_actors WHERE position_id = ? AND ordinal = 0)",
            [ESCAPED_ACTOR, "pk-hostile-bidi"],
        )
        for position_id in ("in-hostile-markup", "pk-hostile-urdu"):
            store.db.execute(
                "INSERT INTO notes (position_id, author, text, updated_at) VALUES (?, ?, ?, ?)",
                [
                    position_id,
                    f"mallory{ESC_SEQUENCES}",
                    f"{MARKUP}\n{ESC_SEQUENCES}\n{BIDI}",
                    "2025-06-01T10:00:00+00:00",
                ],
            )
    return store

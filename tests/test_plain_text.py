"""`one_line` (what is shown) and `typeable` (what a field keeps), case by case and for any text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.plain_text import BIDI_CONTROLS, one_line, typeable

INVISIBLE = {
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2060",
    "\U000e0041",
    "\ufe0f",
    "\ufe0e",
    "\u200e",
    "\u200f",
    "\u061c",
}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words", "plain words"),
        ("  padded\tand\ttabbed\n", "padded and tabbed"),
        ("line\u2028separator\u2029paragraph\r\nbreak", "line separator paragraph break"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),
        ("title\x1b]0;pwned\x07 here", "title]0;pwned here"),
        ("c1\x9b2J csi", "c12J csi"),
        ("NUL\x00 DEL\x7f end", "NUL DEL end"),
        ("next\x85line form\x0cfeed", "next line form feed"),
        ("India \u202ewarns\u202c", "India ⟨RLO⟩warns⟨PDF⟩"),
        ("\u2066\u2067\u2068x\u2069\u202a\u202b\u202d", "⟨LRI⟩⟨RLI⟩⟨FSI⟩x⟨PDI⟩⟨LRE⟩⟨RLE⟩⟨LRO⟩"),
        ("\u200fپاکستان\u200e", "پاکستان"),
        ("क्\u200dष ن\u200cی", "क्\u200dष ن\u200cی"),
        ("☺\ufe0f and ☹\ufe0e", "☺ and ☹"),
        (
            "zero\u200bwidth soft\u00adhyphen \ufeffbom tag\U000e0041s",
            "zerowidth softhyphen bom tags",
        ),
        ("private \ue000 unassigned \U0010fffe", "private unassigned"),
        (
            "e\u0301 漢字 [b]x[/b] [@click=app.quit]q[/]",
            "e\u0301 漢字 [b]x[/b] [@click=app.quit]q[/]",
        ),
    ],
)
def test_one_line_shows_what_is_there_and_nothing_a_terminal_would_obey(text, shown):
    assert one_line(text) == shown


def test_typeable_keeps_what_can_be_seen_and_drops_the_rest():
    assert typeable("a\x1b[2Jb\u202ec\u200dd\ufe0f\u200be") == "a[2Jbc\u200dde"
    assert typeable("one\ntwo\tthree\u2029four") == "one two three four"
    assert typeable("one\r\ntwo\tthree\u2028four", newlines=True) == "one\ntwo\tthree\nfour"


def _no_obeyed_character(text: str) -> bool:
    return not any(
        unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
        or ch in BIDI_CONTROLS
        or ch in INVISIBLE
        or (unicodedata.category(ch) == "Cf" and ch not in "\u200c\u200d")
        for ch in text
    )


@given(st.text())
def test_one_line_of_any_text_is_one_inert_line_and_stable(text):
    shown = one_line(text)
    assert _no_obeyed_character(shown)
    assert "\n" not in shown and "  " not in shown and shown == shown.strip()
    assert one_line(shown) == shown


@given(st.text())
def test_typeable_of_any_text_is_inert_and_keeps_every_visible_character(text):
    kept = typeable(text, newlines=True)
    assert _no_obeyed_character(kept.replace("\n", "").replace("\t", ""))
    visible = [ch for ch in text if unicodedata.category(ch)[0] in "LMNPS" and ch not in INVISIBLE]
    assert [ch for ch in kept if unicodedata.category(ch)[0] in "LMNPS"] == visible


def test_joiners_stay_only_between_what_they_join():
    assert one_line("क्\u200dष ن\u200cی 👨\u200d👩") == "क्\u200dष ن\u200cی 👨\u200d👩"
    assert one_line("ALG \u200d x\u200d \u200cend\u200d") == "ALG x end"

"""Text from the data, made safe to put in front of a person on one line.

Every string a user sees (a pane row, the inspector, a CLI table or error, a
Markdown brief) passes through `one_line`. The rules, and why:

- Control characters (C0, DEL, C1) are dropped: ESC and CSI (U+009B) start
  terminal escape sequences, and the store's import already refuses them, but
  files written by other tools may still carry them.
- Line and paragraph breaks and tabs become one space, so a record can never
  break a row.
- Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
  shown as visible names such as ``⟨RLO⟩``: a terminal that applies the
  bidirectional algorithm would otherwise reorder the rest of the row (a
  "Trojan Source" summary could read differently from what is stored), and a
  terminal that does not would hide them. The analyst sees that they are there.
  The directional marks LRM, RLM and ALM, common in honest Urdu text, only
  steer neutral characters and are dropped.
- Zero-width joiner and non-joiner are kept: Devanagari and Urdu use them, and
  Rich measures the joined pair exactly as tmux draws it (checked in tests).
- Emoji variation selectors are dropped: Rich counts ``☺`` + VS16 as two cells
  where tmux draws one, which would push a column out of line.
- Other invisible format characters (zero-width space, soft hyphen, BOM, tag
  characters), private-use, unassigned and surrogate code points are dropped.

Nothing here is markup: the result is plain text, and callers wrap it in
`rich.text.Text` (never a markup string) or escape it for Markdown.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
"""Characters that reorder what follows them, shown by name instead."""

_KEPT_FORMAT = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_DROPPED = frozenset("\ufe0e\ufe0f")  # text and emoji presentation selectors
_DROPPED_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))
_BREAKING_CATEGORIES = frozenset(("Zl", "Zp"))
_BREAKS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85"
"""Tab and every control Python's splitlines breaks at: they separate words."""


def one_line(text: str) -> str:
    """`text` as one line that shows literally and executes nothing (rules above)."""
    if text.isprintable() and "  " not in text and "\ufe0f" not in text and "\ufe0e" not in text:
        return text.strip()  # the common case, checked in C
    out: list[str] = []
    for ch in text:
        if ch in BIDI_CONTROLS:
            out.append(f"⟨{BIDI_CONTROLS[ch]}⟩")
        elif ch in _KEPT_FORMAT:
            out.append(ch)  # kept only between two joinable characters, below
        elif ch in _DROPPED:
            continue
        elif ch in _BREAKS or unicodedata.category(ch) in _BREAKING_CATEGORIES:
            out.append(" ")
        elif unicodedata.category(ch) in _DROPPED_CATEGORIES:
            continue
        else:
            out.append(ch)
    return " ".join(_loose_joiners_dropped("".join(out)).split())


def _joinable(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "So"


def _loose_joiners_dropped(text: str) -> str:
    """A joiner outside a letter, mark or emoji pair joins nothing a reader can see, but
    Rich (and tmux) would fold the next character, a space say, into it."""
    if "\u200c" not in text and "\u200d" not in text:
        return text
    kept = [
        ch
        for index, ch in enumerate(text)
        if ch not in _KEPT_FORMAT
        or (0 < index < len(text) - 1 and _joinable(text[index - 1]) and _joinable(text[index + 1]))
    ]
    return "".join(kept)


def typeable(text: str, *, newlines: bool = False) -> str:
    """What a field keeps of typed or pasted text: what the user can see.

    Breaks and tabs separate words, so in a one-line field they become a space (a
    pasted "Indus\tWaters" stays two words); a field with lines keeps line breaks
    and tabs. Other controls, bidi controls and marks, presentation selectors and
    invisible format characters are dropped; joiners stay. A pasted escape sequence
    would otherwise be drawn by the field itself, straight to the terminal.
    """
    out: list[str] = []
    for ch in text:
        if ch in _KEPT_FORMAT or (newlines and ch in "\n\t"):
            out.append(ch)
        elif newlines and ch == "\r":
            continue  # "\r\n" is one break, already kept as "\n"
        elif ch in _BREAKS or unicodedata.category(ch) in _BREAKING_CATEGORIES:
            out.append("\n" if newlines else " ")
        elif ch not in _DROPPED and unicodedata.category(ch) not in _DROPPED_CATEGORIES:
            out.append(ch)
    return "".join(out)

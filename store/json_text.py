"""JSON that is safe to print: the same strings to any JSON reader, but nothing in it that
a terminal obeys or that breaks a line.

`json.dumps(ensure_ascii=False)` escapes the C0 controls and leaves the rest raw: the C1
controls (0x7f–0x9f, CSI among them, which a terminal obeys), the bidi controls (which
reorder what is shown around them) and NEL and the Unicode line and paragraph separators
(at which readers that split lines the Unicode way cut a JSON Lines record in two). Every
JSON Counterpoint writes (the export, the annotations, PLOVER) goes through here, so
`counterpoint export | less` or `cat quotes.jsonld` cannot drive the terminal. JSON's own
syntax is ASCII, so these characters can only stand inside strings, where an escape
reads back as the same character."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """JSON text with those characters written as `\\uXXXX` escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(value: Any, *, indent: int | None = None) -> str:
    """`json.dumps` (UTF-8 text, not ASCII escapes, so names read as they are), made
    inert.

    Indented by two, the same text comes from orjson: the standard library's C encoder
    does not indent, and its Python one took half of a large export's time. orjson's
    two-space output is byte for byte `json.dumps(..., ensure_ascii=False, indent=2)`'s
    (tests/test_json_text.py holds it to that); compact, the two differ (orjson leaves
    out the spaces after `,` and `:`), so compact text still comes from `json`."""
    if indent == 2:
        return inert(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8"))
    return inert(json.dumps(value, ensure_ascii=False, indent=indent))

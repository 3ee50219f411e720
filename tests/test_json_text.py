"""store/json_text.dumps: indented text from orjson must be json.dumps's, byte for byte.

Every export's bytes (and so every citation, every round trip and the diff an analyst
sees between two exports) depend on it: the encoder changed for speed, the text must not.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from store import json_text

TEXT = st.text(st.characters(exclude_categories=("Cs",)))  # JSON text has no lone surrogates
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400)
@given(VALUES)
def test_indented_text_is_the_standard_librarys(value):
    expected = json_text.inert(json.dumps(value, ensure_ascii=False, indent=2))
    assert json_text.dumps(value, indent=2) == expected


def test_every_control_and_separator_is_escaped_alike():
    text = "".join(chr(n) for n in range(0x2070)) + "\U0001f600"
    value = {"quote": text, "empty": [], "nested": {"none": None, "list": [{}]}}
    dumped = json_text.dumps(value, indent=2)
    assert dumped == json_text.inert(json.dumps(value, ensure_ascii=False, indent=2))
    assert "\u2028" not in dumped and "\x9b" not in dumped  # inert, as before
    assert json.loads(dumped) == value

"""Row text: honest short dates, fixed widths in display cells, actors without repetition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from seed import position_records
from store.models import Position
from store.plain_text import one_line
from tui.row_text import WIDE_PANE, fit, lane_text, pane_text, short_date

SEED = {r["id"]: Position.model_validate(r) for r in position_records()}


@pytest.mark.parametrize(
    "position_id, label",
    [
        ("attack-pahalgam", "22 Apr*"),
        ("pk-delegation", "early Jun"),
        ("in-delegations", "21–24 May*"),
        ("pk-denies-attack", "23 Apr→*"),
        ("west-links-india-violence", "2023*"),
        ("in-iwt-condition", "by 28 May"),
    ],
)
def test_short_dates_keep_precision_and_basis(position_id, label):
    assert short_date(SEED[position_id]) == label


@pytest.mark.parametrize(
    "text",
    ["plain", "a much longer text than fits", "中文宽字符测试文本", "हिन्दी पाठ", "اردو متن", ""],
)
@pytest.mark.parametrize("width", [1, 5, 12, 30])
def test_fit_gives_exactly_the_width_in_cells(text, width):
    assert cell_len(fit(text, width)) == width


def test_rows_are_exactly_as_wide_as_their_pane():
    for position in SEED.values():
        for width in (10, 30, WIDE_PANE, 70):
            assert cell_len(pane_text(position, width)) == width
            assert cell_len(lane_text(position, width)) == width


def test_wide_rows_name_the_actor_only_when_the_summary_does_not():
    wide = WIDE_PANE + 40
    assert "Government of India:" not in pane_text(SEED["in-attributes-attack"], wide)
    assert "Jalil Abbas Jilani: Pakistani officials" in pane_text(
        SEED["pk-urges-dialogue-treaty"], wide
    )
    assert "Jilani" not in pane_text(SEED["pk-urges-dialogue-treaty"], WIDE_PANE - 1)


SCRIPTS = st.sampled_from(
    [
        "भारत ने सिंधु जल संधि",
        "क्\u200dष",
        "पाकिस्तान",
        "پاکستان نے",
        "ن\u200cی",
        "印度与巴基斯坦",
        "e\u0301\u0301",
        "👨\u200d👩\u200d👧",
        "☺\ufe0f",
        "\u202eRLO\u202c",
        "\x1b[31m",
        "\x9b2J",
        "[bold]",
        "[@click=app.quit]",
        "\u200b",
        "\t",
        "\n",
        " ",
        "Pakistan",
        "a",
        "가",
        "ﷺ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(SCRIPTS | st.text(max_size=3), max_size=12),
    width=st.integers(min_value=1, max_value=90),
)
def test_any_summary_fills_its_row_exactly(pieces, width):
    # model_copy skips validation, as a file written by another tool would.
    position = SEED["in-attributes-attack"].model_copy(
        update={"summary": "".join(pieces) or "x", "actors": ["".join(reversed(pieces)) or "y"]}
    )
    for text in (pane_text(position, width), lane_text(position, width)):
        assert cell_len(text) == width, (text, width)
        assert "\n" not in text and "\x1b" not in text and "\u202e" not in text


@settings(max_examples=300, deadline=None)
@given(text=st.text(), width=st.integers(min_value=1, max_value=60))
def test_any_shown_text_fits_exactly(text, width):
    """A cut can land on a joiner (hypothesis found "ALG \u200d " measuring 4 of 5 cells)."""
    assert cell_len(fit(one_line(text), width)) == width


def test_a_row_shows_its_credibility_and_doubt_without_colour():
    plain = SEED["pk-denies-attack"].model_copy(update={"credibility": None, "doubt": ""})
    graded = plain.model_copy(update={"credibility": 5, "doubt": "the source may swap"})
    assert " DEN- " in pane_text(plain, 40) and "?" not in pane_text(plain, 40)
    row = pane_text(graded, 40)
    assert " DEN5 ? " in row
    assert lane_text(graded, 12).startswith("DEN5 ? ")


@given(
    credibility=st.one_of(st.none(), st.integers(1, 6)),
    doubt=st.text(max_size=30),
    width=st.integers(1, 80),
)
@settings(max_examples=60)
def test_marks_never_widen_a_row(credibility, doubt, width):
    p = SEED["in-attributes-attack"].model_copy(update={"credibility": credibility, "doubt": doubt})
    assert cell_len(pane_text(p, width)) == width
    assert cell_len(lane_text(p, width)) == width

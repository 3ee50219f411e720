"""Date wording becomes honest intervals; formatting and parsing agree."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import DateParseError, DatePrecision, parse_date_range, parse_date_text
from store.dates import format_span

LATE_MAY = date(2025, 5, 28)


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("22 April 2025", date(2025, 4, 22), date(2025, 4, 22), DatePrecision.DAY),
        ("in April", date(2025, 4, 1), date(2025, 4, 30), DatePrecision.MONTH),
        ("early June", date(2025, 6, 1), date(2025, 6, 10), DatePrecision.PART_OF_MONTH),
        ("mid-May", date(2025, 5, 11), date(2025, 5, 20), DatePrecision.PART_OF_MONTH),
        ("late February", date(2025, 2, 21), date(2025, 2, 28), DatePrecision.PART_OF_MONTH),
        ("May 2025", date(2025, 5, 1), date(2025, 5, 31), DatePrecision.MONTH),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), DatePrecision.YEAR),
        ("2025-05-01", date(2025, 5, 1), date(2025, 5, 1), DatePrecision.DAY),
        ("2025-05", date(2025, 5, 1), date(2025, 5, 31), DatePrecision.MONTH),
        ("December", date(2024, 12, 1), date(2024, 12, 31), DatePrecision.MONTH),
    ],
)
def test_wording_resolves_against_the_document_date(text, start, end, precision):
    span = parse_date_text(text, LATE_MAY)
    assert (span.start, span.end, span.precision) == (start, end, precision)


def test_a_month_without_a_year_needs_a_reference():
    with pytest.raises(DateParseError):
        parse_date_text("June")


@pytest.mark.parametrize("text", ["", "recent", "junk", "in"])
def test_words_that_are_not_dates_are_refused(text):
    with pytest.raises(DateParseError):
        parse_date_text(text, LATE_MAY)


def test_ranges_join_two_periods_and_may_be_open():
    assert parse_date_range("2025-05-01..2025-06-15") == (date(2025, 5, 1), date(2025, 6, 15))
    assert parse_date_range("May 2025") == (date(2025, 5, 1), date(2025, 5, 31))
    assert parse_date_range("April 2025..May 2025") == (date(2025, 4, 1), date(2025, 5, 31))
    assert parse_date_range("2025-05..") == (date(2025, 5, 1), None)
    assert parse_date_range("..2025") == (None, date(2025, 12, 31))


@pytest.mark.parametrize("text", ["2025-06-01..2025-05-01", "..", "x..y"])
def test_bad_ranges_are_refused(text):
    with pytest.raises(DateParseError):
        parse_date_range(text)


@pytest.mark.parametrize(
    "start, end, precision, label",
    [
        (date(2025, 4, 22), date(2025, 4, 22), DatePrecision.DAY, "22 Apr 2025"),
        (date(2025, 4, 1), date(2025, 4, 30), DatePrecision.MONTH, "Apr 2025"),
        (date(2025, 6, 1), date(2025, 6, 10), DatePrecision.PART_OF_MONTH, "early Jun 2025"),
        (date(2025, 5, 21), date(2025, 5, 24), DatePrecision.WEEK, "21–24 May 2025"),
        (date(2025, 4, 23), date(2025, 5, 28), DatePrecision.SPAN, "23 Apr–28 May 2025"),
        (date(2023, 1, 1), date(2023, 12, 31), DatePrecision.YEAR, "2023"),
    ],
)
def test_spans_are_shown_only_as_precisely_as_known(start, end, precision, label):
    assert format_span(start, end, precision) == label


def _wording(day: date, precision: DatePrecision) -> str:
    """How a source might name the period of `precision` that contains `day`."""
    if precision is DatePrecision.DAY:
        return day.isoformat()
    if precision is DatePrecision.MONTH:
        return f"{day.year}-{day.month:02d}"
    if precision is DatePrecision.YEAR:
        return str(day.year)
    part = "early" if day.day <= 10 else ("mid" if day.day <= 20 else "late")
    return f"{part} {format_span(day, day, DatePrecision.MONTH)}"


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(
        [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.PART_OF_MONTH]
    ),
)
def test_what_is_formatted_parses_back_to_the_same_span(day: date, precision: DatePrecision):
    span = parse_date_text(_wording(day, precision))
    assert span.precision is precision
    assert span.start <= day <= span.end
    assert parse_date_text(format_span(span.start, span.end, span.precision)) == span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wednesday", date(2025, 6, 11)),
        ("on Wednesday", date(2025, 6, 11)),
        ("on Thursday", date(2025, 6, 12)),  # the document's own day
        ("last Friday", date(2025, 6, 6)),
    ],
)
def test_a_bare_weekday_is_the_latest_such_day_up_to_the_documents_date(text, expected):
    """A report dated Thursday 12 June 2025 saying "on Wednesday" means 11 June (dateutil
    alone read it as January)."""
    span = parse_date_text(text, date(2025, 6, 12))
    assert (span.start, span.end, span.precision) == (expected, expected, DatePrecision.DAY)

"""EDTF dates: derived from the stored date the same way everywhere, read wherever a date
is typed, and selecting the same positions as the equivalent words."""

from __future__ import annotations

import calendar
import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_cli_desk import ARTICLE, QUOTE

from store import DateParseError, Filter, Store, parse_date_range
from store.edtf_dates import looks_like_edtf, parse_edtf_text, to_edtf
from store.export import render_export
from store.vocab import DateBasis, DatePrecision
from tui.cli import main

D = DatePrecision
B = DateBasis


@pytest.mark.parametrize(
    ("start", "end", "precision", "basis", "words", "edtf"),
    [
        ("2025-04-23", "2025-04-23", D.DAY, B.STATED, "23 April", "2025-04-23"),
        ("2025-05-01", "2025-05-31", D.MONTH, B.STATED, "in May", "2025-05"),
        ("2025-05-01", "2025-06-30", D.MONTH, B.STATED, "May and June", "2025-05/2025-06"),
        ("2025-01-01", "2025-12-31", D.YEAR, B.STATED, "2025", "2025"),
        ("2024-01-01", "2025-12-31", D.YEAR, B.STATED, "2024 and 2025", "2024/2025"),
        (
            "2025-06-01",
            "2025-06-10",
            D.PART_OF_MONTH,
            B.STATED,
            "early June",
            "2025-06-01/2025-06-10",
        ),
        ("2025-05-07", "2025-05-10", D.SPAN, B.STATED, "7 to 10 May", "2025-05-07/2025-05-10"),
        ("2025-05-21", "2025-05-24", D.WEEK, B.INFERRED, "", "2025-05-21?/2025-05-24?"),
        ("2023-01-01", "2023-12-31", D.YEAR, B.INFERRED, "", "2023?"),
        ("2025-01-01", "2025-12-31", D.YEAR, B.STATED, "around 2025", "2025~"),
        ("2025-05-01", "2025-05-31", D.MONTH, B.INFERRED, "about May", "2025-05%"),
        ("2025-05-28", "2025-05-28", D.DAY, B.DOCUMENT, "", "2025-05-28"),
        # A month precision whose days are not whole months says its days.
        ("2025-05-03", "2025-05-31", D.MONTH, B.STATED, "in May", "2025-05-03/2025-05-31"),
    ],
)
def test_the_mapping(start, end, precision, basis, words, edtf):
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    assert to_edtf(first, last, precision, basis, words) == edtf
    read = parse_edtf_text(edtf)
    assert (read.start, read.end) == (first, last)
    assert read.uncertain == (basis is B.INFERRED)
    assert read.approximate == ("~" in edtf or "%" in edtf)


@st.composite
def stored_dates(draw) -> tuple[date, date, DatePrecision]:
    """A date as the store holds it, in the shape each precision gives."""
    precision = draw(st.sampled_from(list(DatePrecision)))
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(2998, 12, 1)))
    if precision is D.DAY:
        return day, day, precision
    if precision is D.MONTH:
        months = draw(st.integers(0, 2))
        last_month = date(day.year, day.month, 1) + timedelta(days=31 * months)
        end = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
        return day.replace(day=1), end, precision
    if precision is D.YEAR:
        years = draw(st.integers(0, 1))
        return date(day.year, 1, 1), date(day.year + years, 12, 31), precision
    if precision is D.PART_OF_MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        first, final = draw(st.sampled_from([(1, 10), (11, 20), (21, last)]))
        return day.replace(day=first), day.replace(day=final), precision
    return day, day + timedelta(days=draw(st.integers(1, 40))), precision


KEPT = {D.DAY, D.MONTH, D.YEAR, D.PART_OF_MONTH}
"""The precisions EDTF carries back; a week or a span reads back as a span (or, when its
days are exactly a third of a month, a part of it)."""


@given(stored_dates(), st.sampled_from(list(DateBasis)))
def test_derive_then_parse_gives_the_same_days(stored, basis):
    start, end, precision = stored
    read = parse_edtf_text(to_edtf(start, end, precision, basis))
    assert (read.start, read.end) == (start, end)
    if precision in KEPT:
        assert read.precision is precision
    else:
        assert read.precision in {D.SPAN, D.PART_OF_MONTH}


def test_every_seed_position_has_an_edtf_that_reads_back(store: Store):
    for p in store.positions()[0]:
        read = parse_edtf_text(p.edtf)
        assert (read.start, read.end) == (p.date_start, p.date_end), p.id
        assert read.uncertain == (p.date_basis is B.INFERRED)


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("2025-05", "May 2025"),
        ("2025-05/2025-06", "May 2025..June 2025"),
        ("2025-05-07/2025-05-10", "2025-05-07..2025-05-10"),
        ("2025-05-07/..", "2025-05-07.."),
        ("../2025-05-10", "..10 May 2025"),
        ("2025-04-23", "23 April 2025"),
        ("2025-06-01/2025-06-10", "early June 2025"),
    ],
)
def test_edtf_in_a_filter_selects_what_the_words_select(store: Store, edtf: str, words: str):
    def chosen(text: str) -> list[str]:
        start, end = parse_date_range(text)
        return [p.id for p in store.positions(Filter(date_from=start, date_to=end))[0]]

    assert looks_like_edtf(edtf) and not looks_like_edtf(words)
    assert chosen(edtf) == chosen(words)
    assert chosen(edtf), "the pair must select something to compare"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_date_accepts_edtf(capsys, seeded_path: Path):
    code, by_edtf, _ = run(capsys, "list", "--db", seeded_path, "--date", "2025-05/2025-06")
    assert code == 0
    code, by_words, _ = run(capsys, "list", "--db", seeded_path, "--date", "May 2025..June 2025")
    assert code == 0 and by_edtf.splitlines()[1:] == by_words.splitlines()[1:]


@pytest.mark.parametrize("bad", ["2025-13/2025-14", "2025-02-30/..", "../.."])
def test_a_bad_edtf_filter_is_one_line_exit_2(capsys, seeded_path: Path, bad: str):
    code, out, err = run(capsys, "list", "--db", seeded_path, "--date", bad)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "--date" in err


def test_every_export_carries_the_edtf(store: Store):
    positions = {p.id: p for p in store.positions()[0]}
    data = json.loads(render_export(store, Filter(), "json")[0])
    assert {p["id"]: p["edtf"] for p in data["positions"]} == {
        i: p.edtf for i, p in positions.items()
    }
    rows = list(csv.DictReader(io.StringIO(render_export(store, Filter(), "csv")[0])))
    assert {r["id"]: r["edtf"] for r in rows} == {i: p.edtf for i, p in positions.items()}
    brief = render_export(store, Filter(), "md")[0]
    for p in positions.values():
        assert f"- EDTF: `{p.edtf}`" in brief


def _one_position_file(tmp_path: Path, store: Store, **changes) -> Path:
    data = json.loads(render_export(store, Filter(), "json")[0])
    record = data["positions"][0]
    record.update({"id": "edtf-test", "links": []}, **changes)
    for key in [k for k, v in changes.items() if v is None]:
        del record[key]
    data["positions"] = [record]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_import_takes_the_date_from_edtf_alone(capsys, tmp_path: Path, seeded_path: Path):
    with Store.open(seeded_path) as store:
        path = _one_position_file(
            tmp_path,
            store,
            edtf="2025-05-07/2025-05-10",
            date_start=None,
            date_end=None,
            date_precision=None,
            date_basis="stated",
            date_text="7 to 10 May",
            date_note="",
        )
    code, _, err = run(capsys, "import", "--db", seeded_path, path)
    assert code == 0, err
    with Store.open(seeded_path) as store:
        p = store.get("edtf-test")
        assert (p.date_start, p.date_end, p.date_precision) == (
            date(2025, 5, 7),
            date(2025, 5, 10),
            D.SPAN,
        )


@pytest.mark.parametrize(
    ("edtf", "says"), [("2024-01-01", "date_start..date_end say"), ("2025-99", "not an EDTF")]
)
def test_an_edtf_that_disagrees_or_is_bad_is_refused_by_name(
    capsys, tmp_path: Path, seeded_path: Path, edtf: str, says: str
):
    with Store.open(seeded_path) as store:
        path = _one_position_file(tmp_path, store, edtf=edtf)
        before = store.counts().total
    code, _, err = run(capsys, "import", "--db", seeded_path, path)
    assert code != 0 and "edtf-test" in err and "'edtf'" in err and says in err
    assert len(err.strip().splitlines()) == 1
    with Store.open(seeded_path) as store:
        assert store.counts().total == before


def test_code_takes_an_edtf_date(capsys, seeded_path: Path):
    code, out, _ = run(capsys, "add-document", "--db", seeded_path, ARTICLE)
    assert code == 0
    with Store.open(seeded_path) as store:
        [added] = [d for d in store.documents() if d.format == "html"]
    code, out, err = run(
        capsys,
        *("code", added.id, "--db", seeded_path, "--quote", QUOTE),
        *("--side", "Pakistan", "--kind", "statement", "--actor", "Government of Pakistan"),
        *("--summary", "The delegation says the treaty cannot be switched off"),
        *("--topic", "Indus Waters Treaty", "--date", "2025-06-09/2025-06-11"),
    )
    assert code == 0, err
    with Store.open(seeded_path) as store:
        p = store.get(out.split()[1].rstrip(":"))
        assert (p.date_start, p.date_end) == (date(2025, 6, 9), date(2025, 6, 11))
        assert p.edtf == "2025-06-09/2025-06-11"


def test_open_or_unreadable_edtf_is_not_a_position_date():
    from store import parse_date_text

    for text in ("2025-05-07/..", "../2025"):
        with pytest.raises(DateParseError, match="both ends"):
            parse_date_text(text)


def test_the_form_reads_an_edtf_date():
    from tui.position_form_record import resolve_date

    span = resolve_date("2025-06-09/2025-06-11", date(2025, 6, 12))
    assert (span.start, span.end) == (date(2025, 6, 9), date(2025, 6, 11))
    assert resolve_date("2025-06", date(2025, 6, 12)).precision is D.MONTH

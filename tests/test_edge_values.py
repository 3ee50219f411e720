"""Values at the edges of what their type allows, typed on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import SYNTH_MAX, main


@pytest.mark.parametrize("count", [str(SYNTH_MAX + 1), "100000000000000000000", "0", "-1"])
def test_synth_refuses_counts_out_of_range_before_writing(capsys, tmp_path: Path, count: str):
    """A count past the cap would run for hours (or forever) where a typo was meant."""
    db = tmp_path / "big.db"
    assert main(["synth", "--db", str(db), "--count", count]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'--count'" in err
    assert not db.exists()


@pytest.mark.parametrize("typed", ["0000", "0000-01-01..", "..10000-01-01"])
def test_dates_past_the_calendar_in_a_filter_are_one_line(capsys, seeded_path: Path, typed):
    assert main(["list", "--db", str(seeded_path), "--date", typed]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("typed, count", [("9999", 0), ("1000..2999", 41), ("..9999-12-31", 41)])
def test_dates_at_the_calendars_ends_filter_normally(capsys, seeded_path: Path, typed, count):
    assert main(["list", "--db", str(seeded_path), "--date", typed]) == 0
    assert capsys.readouterr().out.count("\n") == (count + 1 if count else 0)  # + header

"""Shared fixtures: real SQLite files in tmp_path, seeded through the ordinary import path."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from seed import seed
from store import Store
from tui.cell_widths import measure_like_tmux

# Every test measures text as the app does, whatever order the tests run in.
measure_like_tmux()
# No test reads the developer's own keys and theme: an empty config (tests that need one
# name their own file).
os.environ["COUNTERPOINT_CONFIG"] = os.devnull


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user data directory or a database named in the environment."""
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    monkeypatch.delenv("COUNTERPOINT_DB", raising=False)
    return xdg


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "counterpoint.db"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database seeded through the ordinary import path, once per test run."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    with Store.open(path, create=True) as store:
        seed(store)
    assert not path.with_name(path.name + "-wal").exists(), "closing checkpoints the WAL"
    return path


@pytest.fixture
def seeded_path(db_path: Path, seeded_template: Path) -> Path:
    """A seeded database file of the test's own, closed: a copy of the session's template
    (a copy costs about 0.2 ms, seeding about 50 ms, and every test gets the same bytes)."""
    shutil.copyfile(seeded_template, db_path)
    return db_path


@pytest.fixture
def store(seeded_path: Path) -> Iterator[Store]:
    with Store.open(seeded_path) as opened:
        yield opened


def file_digest(path: Path) -> str:
    """SHA-256 of a database file and its WAL, if any: 'byte-identical' made checkable."""
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()

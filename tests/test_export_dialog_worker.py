"""The export dialog writes in a worker thread (`tui.export_job`): it shows how far it
is, Escape stops it leaving no file (not even a temporary one), a failed write says why
in one line and leaves nothing, and a finished export is the CLI's export byte for byte.

The store is synthetic and the export's page small, so an export takes many pages."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet, Static
from tui_helpers import wait_until

import store.export as export
import tui.export_job as export_job
from seed.synth import synthesise
from store import Filter, Store
from tui.app import CounterpointApp
from tui.cli import main
from tui.screens.export_screen import ExportScreen
from tui.screens.timeline_screen import TimelineScreen

COUNT = 1500
PAGE = 50


@pytest.fixture(scope="module")
def synth_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.db"
    with Store.open(path, create=True) as store:
        synthesise(store.db.conn, COUNT, seed=1)
    return path


@pytest.fixture
def synth_path(synth_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db" / "synth.db"
    path.parent.mkdir()
    path.write_bytes(synth_template.read_bytes())
    return path


@pytest.fixture
def synth_store(synth_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(export, "PAGE", PAGE)
    with Store.open(synth_path) as store:
        yield store


def message(app: CounterpointApp) -> str:
    return str(app.screen.query_one("#export-message", Static).render())


def files_in(folder: Path) -> list[str]:
    """Every name in the folder, hidden temporary files included."""
    return sorted(os.listdir(folder))


async def open_dialog(pilot, target: Path, downs: int = 0) -> None:
    await pilot.press("e")
    assert isinstance(pilot.app.screen, ExportScreen)
    if downs:
        pilot.app.screen.query_one(RadioSet).focus()
        await pilot.press(*["down"] * downs, "space")
    path_input = pilot.app.screen.query_one("#export-path", Input)
    path_input.value = str(target)
    path_input.focus()


@pytest.mark.parametrize("fmt, downs", [("md", 0), ("annotations", 3)])
async def test_a_finished_export_is_the_clis_byte_for_byte(
    synth_store: Store, synth_path: Path, tmp_path: Path, fmt: str, downs: int
):
    target = tmp_path / f"dialog.{fmt}"
    app = CounterpointApp(synth_store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, target, downs)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert isinstance(app.screen, TimelineScreen)
    cli = tmp_path / f"cli.{fmt}"
    assert main(["export", "--db", str(synth_path), "--format", fmt, "-o", str(cli)]) == 0
    assert target.read_bytes() == cli.read_bytes()
    assert files_in(tmp_path) == sorted(["db", f"cli.{fmt}", f"dialog.{fmt}"])


class Pause:
    """Holds the export after its second page until the test lets it go: Escape then
    lands mid-export whatever the machine's speed."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()


@pytest.fixture
def paused(monkeypatch: pytest.MonkeyPatch) -> Iterator[Pause]:
    pause = Pause()
    advance = export_job.ExportProgress.advance

    def held(self: export_job.ExportProgress, written: int) -> None:
        advance(self, written)
        if self.done == 2 * PAGE:
            pause.reached.set()
            assert pause.release.wait(10), "the test never let the export go on"

    monkeypatch.setattr(export_job.ExportProgress, "advance", held)
    yield pause
    pause.release.set()


@pytest.mark.parametrize("fmt, downs", [("md", 0), ("json", 2)])
async def test_escape_stops_the_export_and_leaves_no_file(
    synth_store: Store, tmp_path: Path, paused: Pause, fmt: str, downs: int
):
    target = tmp_path / "out" / f"brief.{fmt}"
    target.parent.mkdir()
    app = CounterpointApp(synth_store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, target, downs)
        await pilot.press("enter")
        await wait_until(pilot, paused.reached.is_set)
        await wait_until(pilot, lambda: message(app).startswith(f"Writing {2 * PAGE:,} of"))
        assert message(app) == f"Writing {2 * PAGE:,} of {COUNT:,} positions… (Escape cancels)"
        assert files_in(target.parent) != []  # the temporary file, being written
        await pilot.press("escape")
        assert message(app) == "Cancelling…"
        paused.release.set()
        await wait_until(pilot, lambda: message(app) != "Cancelling…")
        assert message(app) == "Export cancelled: nothing was written."
        assert isinstance(app.screen, ExportScreen)  # still open: try again, or Escape
        assert files_in(target.parent) == []
        await pilot.press("escape")
        assert isinstance(app.screen, TimelineScreen)


async def test_cancelling_a_replacement_keeps_the_old_file(
    synth_store: Store, tmp_path: Path, paused: Pause
):
    target = tmp_path / "brief.md"
    target.write_text("the old brief\n", encoding="utf-8")
    app = CounterpointApp(synth_store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, target)
        await pilot.press("enter", "enter")  # the second confirms the replacement
        await wait_until(pilot, paused.reached.is_set)
        await pilot.press("escape")
        paused.release.set()
        await wait_until(pilot, lambda: message(app).startswith("Export cancelled"))
        assert message(app) == "Export cancelled: brief.md is unchanged."
    assert target.read_text(encoding="utf-8") == "the old brief\n"
    assert files_in(tmp_path) == ["brief.md", "db"]


async def test_a_write_that_fails_mid_export_says_why_and_leaves_nothing(
    synth_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The disk fills after two pages: one line, no file, no temporary file."""
    advance = export_job.ExportProgress.advance

    def disk_full_after_two_pages(self: export_job.ExportProgress, written: int) -> None:
        advance(self, written)
        if self.done >= 2 * PAGE:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_job.ExportProgress, "advance", disk_full_after_two_pages)
    target = tmp_path / "out" / "brief.md"
    target.parent.mkdir()
    app = CounterpointApp(synth_store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not message(app).startswith("Writing"))
        assert message(app) == (
            f"Cannot write {target}: no space left on device; nothing was written"
        )
        assert isinstance(app.screen, ExportScreen)
    assert files_in(target.parent) == []


async def test_a_missing_folder_is_refused_before_anything_is_written(
    synth_store: Store, tmp_path: Path
):
    app = CounterpointApp(synth_store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot, tmp_path / "no-such-folder" / "brief.md")
        await pilot.press("enter")
        assert message(app) == (
            f"Cannot write {tmp_path / 'no-such-folder' / 'brief.md'}: the folder "
            f"{tmp_path / 'no-such-folder'} does not exist; nothing was written"
        )
    assert files_in(tmp_path) == ["db"]


def test_an_export_cancelled_before_it_starts_writes_nothing(synth_store: Store, tmp_path: Path):
    """Escape pressed before the worker opened its connection: it stops at once."""
    shown: list[tuple[int, int]] = []
    progress = export_job.ExportProgress(lambda done, total: shown.append((done, total)))
    progress.cancel()
    with pytest.raises(export_job.ExportCancelled):
        export_job.export_to_file(synth_store, Filter(), "md", tmp_path / "brief.md", progress)
    assert shown == []
    assert files_in(tmp_path) == ["db"]


def test_progress_counts_every_page_of_the_total(synth_store: Store, tmp_path: Path):
    shown: list[tuple[int, int]] = []
    progress = export_job.ExportProgress(lambda done, total: shown.append((done, total)))
    target = tmp_path / "brief.csv"
    assert export_job.export_to_file(synth_store, Filter(), "csv", target, progress) == COUNT
    assert shown == [(done, COUNT) for done in range(0, COUNT + 1, PAGE)]

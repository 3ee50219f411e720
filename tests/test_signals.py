"""SIGTERM and SIGHUP while a note is being typed: the text is kept as a draft, the
terminal is given back as it was, and the exit status names the signal.

The real `counterpoint` runs in a pseudo-terminal (80x24, xterm-256color) whose slave
is its controlling terminal, as under SSH or tmux. A thread reads the master all the
time, so the app never blocks on output. Four endings are tried: `kill -TERM`,
`kill -HUP` with the terminal still there, the master closed (what an SSH drop or a
killed tmux server does: the kernel hangs the terminal up and sends SIGHUP to the
session), and the master closed with no SIGHUP at all. Then the app is opened again
and must offer the draft back.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest
from textual.screen import Screen
from tui_helpers import last_notice, put_cursor_on, view, wait_until

from store import Store
from tui.analyst import current_analyst
from tui.app import CounterpointApp
from tui.cli import main
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.note_editor_screen import NoteEditorScreen

COUNTERPOINT = Path(sys.executable).with_name("counterpoint")
TYPED = "kept across the signal, naïve zanzibar"
SECONDS_TO_EXIT = 5.0


def _take_terminal() -> None:
    """In the child, after setsid: make the pty its controlling terminal, so a hang-up
    of the pty signals it as a real session's would be."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """`counterpoint --db PATH` in a fresh pseudo-terminal."""

    def __init__(self, db: Path, *, controlling: bool = True) -> None:
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.modes_before = termios.tcgetattr(self.slave)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("COLUMNS", "LINES", "COUNTERPOINT_DB") and not key.startswith("TEXTUAL")
        }
        env["TERM"] = "xterm-256color"
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reading = True
        self.proc = subprocess.Popen(
            [str(COUNTERPOINT), "--db", str(db)],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            start_new_session=True,
            preexec_fn=_take_terminal if controlling else None,
            env=env,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while self._reading:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                data = os.read(self.master, 65536) if ready else b""
            except (OSError, ValueError):  # the master was closed: the SSH-drop case
                return
            if data:
                with self._lock:
                    self._output += data

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def wait_for(self, text: str, seconds: float = 30.0) -> None:
        needle = text.encode()
        deadline = time.monotonic() + seconds
        while needle not in self.output:
            assert self.proc.poll() is None, f"the app exited early: {self.output[-1500:]!r}"
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            time.sleep(0.05)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def wait_exit(self) -> tuple[int, float]:
        start = time.monotonic()
        try:
            code = self.proc.wait(timeout=SECONDS_TO_EXIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"the app did not exit within {SECONDS_TO_EXIT} s")
        return code, time.monotonic() - start

    def drain(self) -> bytes:
        """Everything the app wrote, once the master has been quiet for a moment."""
        while True:
            size = len(self.output)
            time.sleep(0.3)
            if len(self.output) == size:
                break
        self._reading = False
        self._reader.join()
        return self.output

    def close(self) -> None:
        self._reading = False
        self._reader.join()
        for fd in (self.master, self.slave):
            with suppress(OSError):  # the master is already closed in the SSH-drop case
                os.close(fd)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def pty_app(seeded_path: Path):
    app = PtyApp(seeded_path)
    yield app
    app.close()


async def first_position(db: Path) -> str:
    """The position under the cursor when the app starts, where `a` was pressed."""
    with Store.open(db, read_only=True) as store:
        app = CounterpointApp(store, author=current_analyst())
        async with app.run_test(size=(80, 24)):
            return view(app).current.id


def drafts_in(db: Path) -> list[tuple[str, str, str]]:
    with Store.open(db, read_only=True) as store:
        return [
            tuple(row)
            for row in store.db.execute(
                "SELECT author, position_id, text FROM drafts ORDER BY author, position_id"
            )
        ]


def type_a_note_without_saving(app: PtyApp, db: Path) -> None:
    app.wait_for("INDIA")
    app.type("a")
    app.wait_for("Note by")
    app.type(TYPED)
    app.wait_for("zanzibar")
    # Sent at once, long before the editor's own autosave (1.5 s after the last key):
    # whatever draft is found afterwards was written because of the signal.
    assert drafts_in(db) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
async def test_a_signal_while_typing_a_note_keeps_it_and_restores_the_terminal(
    pty_app: PtyApp, seeded_path: Path, signum: signal.Signals
):
    type_a_note_without_saving(pty_app, seeded_path)
    os.kill(pty_app.proc.pid, signum)
    code, took = pty_app.wait_exit()
    output = pty_app.drain()

    assert code == 128 + signum, output[-1500:]
    assert took < SECONDS_TO_EXIT
    position = await first_position(seeded_path)
    assert drafts_in(seeded_path) == [(current_analyst(), position, TYPED)]

    modes = termios.tcgetattr(pty_app.slave)
    lflag = modes[3]
    assert lflag & termios.ICANON and lflag & termios.ECHO
    assert modes == pty_app.modes_before
    # The last alternate-screen and cursor switches are the ones that give the screen back.
    assert output.rfind(b"\x1b[?1049l") > output.rfind(b"\x1b[?1049h") >= 0
    assert output.rfind(b"\x1b[?25h") > output.rfind(b"\x1b[?25l") >= 0
    assert b"Traceback" not in output


async def test_the_terminal_hung_up_while_typing_a_note_keeps_it(
    pty_app: PtyApp, seeded_path: Path
):
    """An SSH drop: the master side goes away, the kernel hangs the terminal up (every
    write to it now fails with EIO) and sends SIGHUP. The app must neither hang nor die
    in a traceback on its way out."""
    type_a_note_without_saving(pty_app, seeded_path)
    os.close(pty_app.master)
    code, took = pty_app.wait_exit()

    assert code == 128 + signal.SIGHUP
    assert took < SECONDS_TO_EXIT
    position = await first_position(seeded_path)
    assert drafts_in(seeded_path) == [(current_analyst(), position, TYPED)]


async def test_a_terminal_hung_up_without_sighup_still_ends_the_app(seeded_path: Path):
    """The pty is not the app's controlling terminal, so closing it sends no SIGHUP (as
    when the signal comes late, second-hand from a shell, or never). The app finds out at
    its next write (the editor's cursor blinks), keeps the note and ends as on SIGHUP,
    instead of blocking for good on the output queue of Textual's dead writer thread."""
    app = PtyApp(seeded_path, controlling=False)
    try:
        type_a_note_without_saving(app, seeded_path)
        os.close(app.master)
        code, took = app.wait_exit()
    finally:
        app.close()
    assert code == 128 + signal.SIGHUP
    assert took < SECONDS_TO_EXIT
    position = await first_position(seeded_path)
    assert drafts_in(seeded_path) == [(current_analyst(), position, TYPED)]


async def test_the_draft_a_signal_kept_is_offered_back(pty_app: PtyApp, seeded_path: Path):
    type_a_note_without_saving(pty_app, seeded_path)
    os.kill(pty_app.proc.pid, signal.SIGTERM)
    assert pty_app.wait_exit()[0] == 128 + signal.SIGTERM
    position = await first_position(seeded_path)

    with Store.open(seeded_path) as store:
        app = CounterpointApp(store, author=current_analyst())
        async with app.run_test(size=(80, 24)) as pilot:
            await put_cursor_on(pilot, position)
            await pilot.press("a")
            assert isinstance(app.screen, NoteEditorScreen)
            assert app.screen.text == TYPED
            notice = last_notice(app)
            assert notice.startswith("Restored your unsaved draft from 20"), notice
            assert notice.endswith("UTC; Ctrl+S saves it, Escape discards it."), notice
            await pilot.press("ctrl+s")
            await pilot.pause()
        [note] = store.notes_for([position])[position]
        assert (note.author, note.text) == (current_analyst(), TYPED)
        assert store.draft_for(position, current_analyst()) is None


async def test_sigterm_with_the_discard_question_open_keeps_the_text(store: Store):
    """In-process, so the question can be open: the editor is under it, and still kept.
    Afterwards the signal's old handler is back."""
    before = signal.getsignal(signal.SIGTERM)
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await put_cursor_on(pilot, "pk-denies-attack")
        await pilot.press("a", *"half a thought", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        # The app's handler must be in place, or this kill would end the test run itself.
        assert signal.getsignal(signal.SIGTERM) not in (before, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.exit_status == 128 + signal.SIGTERM
    assert store.draft_for("pk-denies-attack", "alice").text == "half a thought"
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_crash_in_the_app_exits_1_not_0(seeded_path: Path, monkeypatch):
    """Textual prints the traceback and returns from run(); the command must not then
    exit 0 as if all were well."""

    class Broken(Screen):
        def on_mount(self) -> None:
            raise RuntimeError("a bug at start")

    monkeypatch.setattr("tui.app.TimelineScreen", lambda *args: Broken())
    run = CounterpointApp.run
    monkeypatch.setattr(CounterpointApp, "run", lambda self: run(self, headless=True))
    monkeypatch.setattr("tui.cli.needs_a_terminal", lambda: None)  # headless stands in
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(seeded_path)])
    assert exited.value.code == 1

"""The Counterpoint Textual app: thin on purpose.

It holds the open `Store`, shows the timeline screen, and owns the bindings
that work everywhere (help, quit). Everything else lives in screens and widgets.

It also decides how the process ends. SIGTERM (a shutdown, `kill`, tmux killing a
pane) and SIGHUP (an SSH connection dropping, a terminal closed) would otherwise
end Python at once: the note being typed lost, the terminal left raw in the
alternate screen. Instead the note is kept as a draft and the app exits the
ordinary way, so Textual's driver restores the terminal; the exit status says
which signal it was (128 + its number), and a crash never exits 0.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import os
import signal
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.binding import Binding

from store import Store

from .analyst import current_analyst
from .cell_widths import measure_like_tmux
from .commands import CounterpointCommands
from .screens.timeline_screen import POLL_SECONDS, TimelineScreen
from .user_config import HIGH_CONTRAST, UserConfig

_frozen = False

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Signals after which the app keeps unsaved notes as drafts and exits cleanly. SIGINT is
not one of them: in the app Ctrl+C is a key (Textual's raw mode), and keeps its meaning."""

SignalHandler = Callable[[int, Any], Any] | int | None


def _freeze_startup_objects() -> None:
    """Once per process: everything imported so far lives as long as the app, so move it
    out of the garbage collector's reach; otherwise the first screen pays for a full
    collection over Textual's and pydantic's objects (about 40 ms, measured)."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True


class CounterpointApp(App[None]):
    """Two sides (named by the database) on one date axis."""

    TITLE = "Counterpoint"
    CSS_PATH = ["widgets/timeline_view.tcss", "widgets/bars.tcss", "widgets/position_detail.tcss"]
    COMMANDS = App.COMMANDS | {CounterpointCommands}
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            show=False,
            priority=True,
            tooltip="Command palette",
            id="app.command_palette",
        ),
    ]
    """The palette's binding is Textual's own (it adds it when the app has none), given
    here an id for keymaps and a place in the help; the footer's label stays "palette"."""

    def __init__(
        self,
        store: Store,
        author: str | None = None,
        poll_seconds: float = POLL_SECONDS,
        config: UserConfig | None = None,
        *,
        remember: bool = False,
        reopen: bool = False,
    ) -> None:
        """`config` is the analyst's keys and theme (`tui.user_config`); without one, the
        defaults. `remember` saves where the analyst leaves off, `reopen` starts there
        (`store.views`); the command line asks for both."""
        _freeze_startup_objects()
        measure_like_tmux()
        super().__init__()
        self.config = config or UserConfig()
        self._remember, self._reopen = remember, reopen
        self.register_theme(HIGH_CONTRAST)
        self.store = store
        self.author = author or current_analyst()
        self._poll_seconds = poll_seconds
        self.ended_by: signal.Signals | None = None
        """The signal that ended the app, if one did."""
        self._crashed = False
        self._previous_handlers: dict[signal.Signals, SignalHandler] = {}

    @property
    def exit_status(self) -> int:
        """What the process should exit with: 128 + the signal that ended the app (the
        shell's convention), 1 after a crash, else the app's own return code."""
        if self.ended_by is not None:
            return 128 + self.ended_by
        if self._crashed:
            return 1
        return self.return_code or 0

    def panic(self, *renderables) -> None:
        """Textual's path for errors outside a message handler (its input thread, say):
        it sets no return code, so note the crash here."""
        self._crashed = True
        super().panic(*renderables)

    def get_driver_class(self):
        """On a real terminal, Textual's Linux driver made safe against the terminal going
        away (see `tui.terminal_output`); anything else (another platform, a driver chosen
        with TEXTUAL_DRIVER) as Textual would have it."""
        chosen = super().get_driver_class()
        if (chosen.__module__, chosen.__name__) != ("textual.drivers.linux_driver", "LinuxDriver"):
            return chosen
        from .terminal_output import HangupSafeDriver

        return HangupSafeDriver

    def terminal_lost(self) -> None:
        """Writing to the terminal failed: it was hung up, whether or not SIGHUP has
        reached us yet (under a shell it comes second-hand, or not at all). End as on SIGHUP."""
        self._end_by_signal(signal.SIGHUP)

    def on_mount(self) -> None:
        self._handle_ending_signals()
        if self.config.theme:
            self.theme = self.config.theme
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.problem:
            self.notify(self.config.problem, severity="warning", timeout=15, markup=False)
        self.push_screen(
            TimelineScreen(
                self.store,
                self.author,
                self._poll_seconds,
                remember=self._remember,
                reopen=self._reopen,
            )
        )

    def on_unmount(self) -> None:
        self._restore_signal_handlers()

    def _handle_ending_signals(self) -> None:
        """Through the event loop, so the handler runs between messages, never inside one.
        Only the main thread may set signal handlers: elsewhere (an app run in a thread by
        a test) the signals keep their old meaning."""
        loop = asyncio.get_running_loop()
        for signum in ENDING_SIGNALS:
            previous = signal.getsignal(signum)
            try:
                loop.add_signal_handler(signum, self._end_by_signal, signum)
            except (RuntimeError, ValueError):
                continue
            self._previous_handlers[signum] = previous

    def _restore_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, previous in self._previous_handlers.items():
            loop.remove_signal_handler(signum)
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)
        self._previous_handlers.clear()

    def _end_by_signal(self, signum: signal.Signals) -> None:
        """Keep every unsaved note now (the process may not get another chance), then exit
        the ordinary way: Textual's driver leaves the alternate screen, shows the cursor
        and restores the terminal's modes."""
        first = self.ended_by is None
        self.ended_by = signal.Signals(signum)
        try:
            if first:
                self.keep_drafts_now()
        finally:
            if signum == signal.SIGHUP:
                _let_go_of_a_hung_up_terminal()
            self.exit(return_code=128 + signum)

    def keep_drafts_now(self) -> None:
        """Write the text of every open note editor as a draft, synchronously."""
        from .screens.note_editor_screen import NoteEditorScreen

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditorScreen):
                screen.keep_draft_now()

    def push_screen(self, screen, callback=None, wait_for_dismiss: bool = False):
        """Open no new screen once quitting has begun: keys typed after q (an analyst
        typing ahead over a slow link) must not start a screen that never composes."""
        if self._exit:
            return None
        return super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)

    def action_help(self) -> None:
        from .key_registry import help_groups
        from .screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            here = self.screen.focused or self.screen
            self.push_screen(HelpScreen(help_groups(type(self), here)))


def _let_go_of_a_hung_up_terminal() -> None:
    """After a hang-up every write to the terminal fails (EIO) and every read returns at
    once. Textual's writer thread would die on the first failed write, and then block the
    app when its queue filled; Python would exit 120 failing to flush stdout. So each of
    stdin, stdout and stderr that is a hung-up terminal is pointed at /dev/null: what the
    app still writes on its way out goes nowhere, and the exit is quick and clean. A
    terminal that is still there (`kill -HUP` by hand) is left alone and restored."""
    import termios  # POSIX only, as SIGHUP is

    devnull: int | None = None
    for fd in (0, 1, 2):
        try:
            termios.tcgetattr(fd)
            continue
        except termios.error as exc:
            if exc.args[0] != errno.EIO:
                continue  # not a terminal (a pipe, a file): nothing to let go of
        if devnull is None:
            devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, fd)
    if devnull is not None:
        os.close(devnull)

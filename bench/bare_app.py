"""A bare Textual app showing one label: the floor for a first screen in a terminal.

    python bench/bare_app.py

bench/peers.py starts it in tmux beside Counterpoint, to time both first screens.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Counterpoint")


if __name__ == "__main__":
    Bare().run()

"""The codebook (`docs/codebook.md`) inside the app: the coding desk's form opens it, so
the rules for kinds, reporting verbs, links, dates and grades are a key away while an
analyst codes. Rendered by Textual's Markdown widget from the file as it is: its text
is never read as terminal markup."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown, Static

CODEBOOK = Path(__file__).parents[1] / "codebook.md"
"""In the `tui` package: in a checkout a link to docs/codebook.md, in an installed copy
(pip, pipx, uv tool) the file itself, which the wheel carries as package data."""


def codebook_text(path: Path = CODEBOOK) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        return f"# Codebook not found\n\nIt should be at `{path}` ({exc.strerror})."


class CodebookScreen(ModalScreen[None]):
    """The codebook, scrollable; Escape goes back to the form as it was."""

    DEFAULT_CSS = """
    CodebookScreen { align: center middle; }
    CodebookScreen > VerticalScroll { width: 100%; height: 100%; background: $surface; }
    """
    BINDING_GROUP_TITLE = "Codebook"
    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="codebook.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(f"Codebook — {CODEBOOK.name}", classes="title")
        with VerticalScroll():
            yield Markdown(codebook_text())
        yield Footer()

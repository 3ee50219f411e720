"""Grading by keyboard: a position's credibility (1–6) and doubt, or a document's
reliability (A–F), each with a note of why.

One dialog serves both scales, since the analyst's act is the same: pick a grade on a
named scale (or "ungraded"), say why, save. A position's dialog also holds its doubt,
the reason the source itself may be wrong, because the two are judged together: a
doubted position is rarely better than 4. The digits and letters of the scale pick a
grade directly while the scale has the focus; arrows and Space work as in any list.
Ctrl+S (or Enter in a text field) saves, Escape cancels, F1 opens the codebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, RadioButton, RadioSet, Static

from store.grades import UNGRADED
from store.plain_text import one_line

from ..widgets.marked_radio_button import MarkedRadioButton
from ..widgets.plain_input import PlainInput

Grade = str | int | None
"""A grade on either scale: "B", 2, or None for ungraded."""


@dataclass(frozen=True)
class GradeChoice:
    """What the dialog saves: the grade, its note, and (for a position) the doubt."""

    grade: Grade
    note: str
    doubt: str | None
    """None in a document's dialog, which has no doubt field."""


class ScaleSet(RadioSet):
    """The scale; typing a grade's own mark ("3", "b", "-") picks it."""

    def __init__(self, marks: Sequence[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._marks = [m.lower() for m in marks]

    def on_key(self, event: events.Key) -> None:
        key = (event.character or "").lower()
        if key in self._marks:
            event.stop()
            buttons = list(self.query(RadioButton))
            buttons[self._marks.index(key)].value = True
            self._selected = self._marks.index(key)


class GradeScreen(ModalScreen[GradeChoice | None]):
    """Dismisses with the analyst's `GradeChoice`, or None on Escape."""

    CSS_PATH = "grade_screen.tcss"
    BINDING_GROUP_TITLE = "Grade"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="grade.save"),
        Binding("escape", "cancel", "Cancel", id="grade.cancel"),
        Binding("f1", "codebook", "Codebook", id="grade.codebook"),
    ]

    def __init__(
        self,
        title: str,
        scale_name: str,
        scale: dict[str, str] | dict[int, str],
        current: Grade,
        note: str,
        doubt: str | None = None,
    ) -> None:
        """`scale` maps each grade to its name (store.grades.CREDIBILITY or RELIABILITY);
        `doubt` is the position's current doubt, None for a document (no doubt field)."""
        super().__init__()
        self._title = title
        self._scale_name = scale_name
        self._grades: list[Grade] = [None, *scale]
        self._names = ["ungraded", *scale.values()]
        self._current = current
        self._note = note
        self._doubt = doubt

    def _mark(self, grade: Grade) -> str:
        return UNGRADED if grade is None else str(grade)

    def compose(self) -> ComposeResult:
        marks = [self._mark(g) for g in self._grades]
        with Vertical(id="grade-box"):
            yield Static(
                Text(one_line(self._title), style="bold", no_wrap=True, overflow="ellipsis"),
                id="grade-title",
            )
            yield Label(f"{self._scale_name} (type {marks[1]}–{marks[-1]} or -, or arrows+Space)")
            with ScaleSet(marks, id="grade-scale"):
                for grade, name in zip(self._grades, self._names, strict=True):
                    yield MarkedRadioButton(
                        f"{self._mark(grade)}  {name}", value=grade == self._current
                    )
            yield Label("Why this grade (optional)")
            yield PlainInput(self._note, placeholder="note", id="grade-note", compact=True)
            if self._doubt is not None:
                yield Label("Doubt: why the source itself may be wrong (empty: none)")
                yield PlainInput(
                    self._doubt, placeholder="no doubt", id="grade-doubt", compact=True
                )
            yield Static("", id="grade-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#grade-scale", RadioSet).focus()
        self._summarise()

    @property
    def grade(self) -> Grade:
        """The grade picked now (the current one until another is picked)."""
        index = self.query_one("#grade-scale", RadioSet).pressed_index
        return self._current if index < 0 else self._grades[index]

    def _summarise(self) -> None:
        """Say in words what will be saved: the radio marks alone differ only by colour."""
        grade = self.grade
        said = "ungraded" if grade is None else f"{grade} {self._names[self._grades.index(grade)]}"
        text = f"Will save: {said.lower()}"
        if self._doubt is not None:
            doubt = " ".join(self.query_one("#grade-doubt", Input).value.split())
            if doubt == self._doubt:
                text += "; the doubt as it was" if doubt else "; no doubt"
            else:
                text += "; a new doubt" if doubt else "; the doubt withdrawn"
        self.query_one("#grade-summary", Static).update(Text(one_line(text), style="italic"))

    def on_radio_set_changed(self) -> None:
        self._summarise()

    def on_input_changed(self) -> None:
        self._summarise()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        note = " ".join(self.query_one("#grade-note", Input).value.split())
        doubt = None
        if self._doubt is not None:
            doubt = " ".join(self.query_one("#grade-doubt", Input).value.split())
        self.dismiss(GradeChoice(self.grade, note, doubt))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_codebook(self) -> None:
        from .codebook_screen import CodebookScreen

        self.app.push_screen(CodebookScreen())

"""Saved views on the timeline, vim-style: `m` then a letter saves the view (filters,
search, zoom, wide mode, the answers toggle and the cursor's position), `'` then the
letter returns to it; the palette lists them. On leaving, the view is saved as where
this analyst left off, and the next start opens there (`--fresh` skips it).

Kept apart from `timeline_screen` so that the screen stays about showing the timeline;
the bindings live on the screen (Textual reads BINDINGS from widget classes only), the
actions here. Views live in the database, per analyst (`store.views`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from store import LEFT_OFF, StoreError, ViewState
from store.plain_text import one_line

from ..bands import Zoom

if TYPE_CHECKING:
    from .timeline_screen import TimelineScreen

    _Base = TimelineScreen
else:
    _Base = object


class ViewMarks(_Base):
    """Mixed into `TimelineScreen`."""

    def view_state(self) -> ViewState:
        """What the analyst sees now, as a view."""
        current = self.view.current
        return ViewState(
            filter=replace(self.filter, with_answers=False, lane=None),
            search=self.search_text,
            zoom=self.zoom.value,
            cursor=current.id if current else None,
            wide=self.view.wide,
            answers=self.show_answers,
        )

    def restore_view(self, state: ViewState) -> None:
        """Show `state`: one query round, the cursor on its position if still shown."""
        self.set_reactive(type(self).show_answers, state.answers)
        try:
            zoom = Zoom(state.zoom)
        except ValueError:
            zoom = Zoom.DAY
        self.set_reactive(type(self).zoom, zoom)
        self.set_reactive(type(self).filter, self.validate_filter(state.filter))
        self.set_reactive(type(self).search_text, state.search)
        self.view.wide = state.wide
        self.refresh_results(keep=state.cursor)

    def _taken(self) -> str:
        return "".join(v.name for v in self.store.saved_views(self.author))

    def action_save_view(self) -> None:
        if self._refuse_if_read_only("views"):
            return
        from .letter_screen import LetterScreen

        def answered(letter: str | None) -> None:
            if letter is None:
                return
            try:
                self.store.save_view(self.author, letter, self.view_state())
            except StoreError as exc:
                self.notify(one_line(str(exc)), severity="error", markup=False)
                return
            self.notify(f"View saved as {letter}: ' then {letter} returns to it.", markup=False)

        self.app.push_screen(LetterScreen("Save this view as (a–z):", self._taken()), answered)

    def action_recall_view(self) -> None:
        from .letter_screen import LetterScreen

        self.app.push_screen(
            LetterScreen("Go to the view saved as (a–z):", self._taken()), self.go_to_view
        )

    def go_to_view(self, letter: str | None) -> None:
        if letter is None:
            return
        try:
            saved = self.store.saved_view(self.author, letter)
        except StoreError as exc:
            self.notify(one_line(str(exc)), severity="error", markup=False)
            return
        if saved is None:
            self.notify(f"No view saved as {letter} (m then {letter} saves one).", markup=False)
            return
        self.restore_view(saved.state)
        self.notify(one_line(f"View {letter}: {self.filters_in_force}."), markup=False)

    def reopen_where_left_off(self) -> None:
        """At start: the view this analyst left, unless there is none (or it cannot be
        read, which is said)."""
        try:
            saved = self.store.saved_view(self.author, LEFT_OFF)
        except StoreError as exc:
            self.notify(one_line(f"Where you left off: {exc}"), severity="warning", markup=False)
            return
        if saved is not None:
            self.restore_view(saved.state)

    def save_where_left_off(self) -> None:
        """On leaving: quietly, since the app is closing (a read-only file keeps none)."""
        if self.store.read_only:
            return
        try:
            self.store.save_view(self.author, LEFT_OFF, self.view_state())
        except Exception:  # leaving must never fail on this
            return

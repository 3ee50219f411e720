"""What the timeline does for the coding desk: edit (`E`), retract or restore (`R`) and
undo (`u`) the position under the cursor, and code a quote chosen in the reader.

Kept apart from `timeline_screen` so that the screen stays about showing the timeline;
the bindings live on the screen (Textual reads BINDINGS from widget classes only), the
actions here. Every write goes through the store's desk API, which keeps a revision of
it; this session remembers the revisions it made, so `u` takes back this analyst's own
changes, newest first, each undo one more revision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from store import CREDIBILITY, Position, StoreError
from store.plain_text import one_line

if TYPE_CHECKING:
    from ..quote_selection import QuoteSelection
    from ..widgets.position_detail import PositionDetails
    from .grade_screen import GradeChoice
    from .timeline_screen import TimelineScreen

    _Base = TimelineScreen
else:
    _Base = object

ORIGIN = "app"
"""What revisions made here name as their origin."""


class DeskActions(_Base):
    """Mixed into `TimelineScreen`."""

    _made: list[int]
    """Ids of the revisions this session made, oldest first (what `u` can take back)."""
    _last_saved: str | None
    """The position this session saved last: where the reader's `+` adds a quote."""
    _quote_target: str | None
    """The position the open reader was opened from (`r`): where its `+` adds a quote."""

    def _remember(self, position_id: str) -> None:
        """Note the position's newest revision as this session's, if it is this analyst's."""
        history = self.store.history(position_id)
        if history and history[-1].author == self.author:
            self._made.append(history[-1].id)

    def _saved(self, position: Position, verb: str, keep: str | None = None) -> None:
        """After a write: remember it for `u`, redraw, and put the cursor on the position
        (or on `keep`, the neighbour of one that just left the timeline)."""
        self._remember(position.id)
        self._last_saved = position.id
        self.refresh_results(keep=keep or position.id)
        if position.retracted or self.view.reveal(position):
            self.notify(one_line(f"{verb} {position.id}."), markup=False)
        else:
            self.notify(
                one_line(f"{verb} {position.id}; the filters in force hide it (x clears them)."),
                markup=False,
            )

    def open_position_form(
        self, *, quote: QuoteSelection | None = None, position: Position | None = None
    ) -> None:
        """The position form, for a new position from `quote` or to edit `position`."""
        if self._refuse_if_read_only("positions"):
            return
        from .position_form_screen import PositionFormScreen

        def done(saved_id: str | None) -> None:
            if saved_id is not None:
                saved = self.store.get(saved_id)
                self._saved(saved, "Saved" if position is None else "Edited")

        self.app.push_screen(
            PositionFormScreen(self.store, self.author, quote=quote, position=position), done
        )

    def read_source(self, position: Position, index: int = 0) -> None:
        """The reader on the document of the position's quote, at the quote (`r`)."""
        from .reader_screen import ReaderScreen

        if not position.sources:
            return
        source = position.sources[min(index, len(position.sources) - 1)]
        self._quote_target = position.id  # `+` in this reader adds to this position
        self.app.push_screen(
            ReaderScreen(self.store, source.document, at=source.start, on_quote=self.code_quote)
        )

    def action_read_source(self) -> None:
        position = self.view.current
        if position is not None:
            self.read_source(position)

    def code_quote(self, quote: QuoteSelection, purpose: str) -> None:
        """The reader's `n` (a new position from the quote) and `+` (another quote for a
        position: the one the reader was opened from with `r`, else the one coded last in
        this session; it says which and asks first)."""
        if purpose == "new":
            self.open_position_form(quote=quote)
            return
        if self._refuse_if_read_only("quotes"):
            return
        target_id = self._quote_target or self._last_saved
        target = self.store.get_many([target_id]).get(target_id) if target_id else None
        if target is None:
            self.notify(
                "+ adds the quote to the position you opened the reader from (r on the "
                "timeline) or the one you coded last; there is neither yet: n codes a new one.",
                markup=False,
            )
            return
        from .confirm_screen import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            source = {
                "document": quote.document_id,
                "quote": quote.quote,
                "start": quote.start,
                "end": quote.end,
            }
            try:
                updated = self.store.add_quote(target.id, source, author=self.author, origin=ORIGIN)
            except StoreError as exc:
                self.notify(one_line(str(exc)), severity="error", markup=False)
                return
            self._saved(updated, "Quote added to")

        question = f"Add this quote to {target.id} (“{target.summary}”)?"
        self.app.push_screen(ConfirmScreen(one_line(question)), answered)

    def action_grade(self) -> None:
        position = self.view.current
        if position is not None:
            self.grade_position(position)

    def grade_position(
        self, position: Position, then: Callable[[PositionDetails], None] | None = None
    ) -> None:
        """The grade dialog (`v`) for a position's credibility, its note and its doubt;
        each change saved is a revision of its own, so `u` takes them back one by one.
        `then` gets the position's new details (the inspector redraws with them)."""
        if self._refuse_if_read_only("grades"):
            return
        from .grade_screen import GradeScreen

        def answered(choice: GradeChoice | None) -> None:
            if choice is None:
                return
            updated = self._write_grade(position, choice)
            if updated is None:
                return
            if updated is position:
                self.notify("Nothing changed.", markup=False)
                return
            self._saved(updated, "Graded")
            if then is not None:
                then(self.details(updated))

        self.app.push_screen(
            GradeScreen(
                f"Grade {position.id}: {position.summary}",
                "Information credibility",
                CREDIBILITY,
                position.credibility,
                position.credibility_note,
                doubt=position.doubt,
            ),
            answered,
        )

    def _write_grade(self, position: Position, choice: GradeChoice) -> Position | None:
        """Save what changed as one revision (so one `u` takes back one dialog); the
        position as it was when nothing changed, None after an error (the notice says)."""
        assert isinstance(choice.grade, int | None)
        grade_changed = (choice.grade, choice.note) != (
            position.credibility,
            position.credibility_note,
        )
        doubt_changed = choice.doubt is not None and choice.doubt != position.doubt
        try:
            if grade_changed:
                return self.store.grade_position(
                    position.id,
                    choice.grade,
                    choice.note,
                    author=self.author,
                    origin=ORIGIN,
                    doubt=choice.doubt,
                )
            if doubt_changed:
                assert choice.doubt is not None
                return self.store.set_doubt(
                    position.id, choice.doubt, author=self.author, origin=ORIGIN
                )
        except StoreError as exc:
            self.notify(one_line(str(exc)), severity="error", markup=False)
            return None
        return position

    def action_edit(self) -> None:
        position = self.view.current
        if position is not None:
            self.open_position_form(position=position)

    def action_retract(self) -> None:
        """Retract the position under the cursor (asking why), or restore a retracted one
        (shown when the filter includes retracted positions)."""
        position = self.view.current
        if position is None or self._refuse_if_read_only("retractions"):
            return
        from .reason_screen import ReasonScreen

        restoring = position.retracted
        neighbour = None if restoring else self._neighbour(position.id)
        question = (
            f"Restore {position.id}? Why (optional):"
            if restoring
            else f"Retract {position.id}? It leaves the timeline and exports, and stays in "
            "the database and its history. Why:"
        )

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            try:
                if restoring:
                    done = self.store.restore(
                        position.id, author=self.author, origin=ORIGIN, reason=reason
                    )
                else:
                    done = self.store.retract(
                        position.id, reason, author=self.author, origin=ORIGIN
                    )
            except StoreError as exc:
                self.notify(one_line(str(exc)), severity="error", markup=False)
                return
            self._saved(done, "Restored" if restoring else "Retracted", keep=neighbour)

        self.app.push_screen(ReasonScreen(one_line(question), required=not restoring), answered)

    def _neighbour(self, position_id: str) -> str | None:
        """The position next below in the same lane (else next above): where the cursor
        goes when this one leaves the timeline, instead of the top."""
        places = self.view.window.layout.places
        place = places.get(position_id)
        if place is None:
            return None
        others = [
            (pid, p) for pid, p in places.items() if p.lane == place.lane and pid != position_id
        ]
        if not others:
            return None
        return min(
            others, key=lambda item: (item[1].row < place.row, abs(item[1].row - place.row))
        )[0]

    def action_undo(self) -> None:
        """Take back this session's newest change that is still there to take back."""
        if not self._made:
            self.notify("Nothing of yours to undo in this session.", markup=False)
            return
        if self._refuse_if_read_only("undo"):
            return
        revision_id = self._made.pop()
        try:
            position = self.store.revert(revision_id, author=self.author, origin=ORIGIN)
        except StoreError as exc:
            self.notify(one_line(str(exc)), severity="error", markup=False)
            return
        self.refresh_results(keep=position.id)
        if not position.retracted:
            self.view.reveal(position)
        self.notify(one_line(f"Undone: revision {revision_id} of {position.id}."), markup=False)

"""The main screen: status line, the date-aligned panes, the inspector, the preview.

State flows one way. This screen owns the analyst's choices (filter, search,
zoom, jump history, whether the side panel is shown) and turns them into results
in one place, `refresh_results`: it counts in SQL and publishes `counts`, the
filters in force and the search's verdict as its own reactive attributes, which
the status bar and the panes' header are bound to (`data_bind`); and it hands the
panes a `TimelineSource`, the filtered timeline they read their windows (rows
and marks together) from. The panes own their window and cursor and report the
cursor with `TimelineView.CursorMoved`; the screen answers by showing that
position in the preview and the panel. The store is read here (counts, details,
links, notes) and, for the panes, only through the source this screen made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from math import isqrt
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from store import Filter, Position, SearchMode, SideCounts, Store, StoreError, Vocabularies
from store.plain_text import one_line

from ..background_reads import BackgroundReads, Interrupted
from ..bands import Lanes, Zoom
from ..clipboard_text import citation_text, markdown_text
from ..export_job import ExportProgress, export_to_file
from ..row_text import fit
from ..timeline_source import TimelineSource
from ..widgets.plain_input import PlainInput
from ..widgets.position_detail import PositionDetail, PositionDetails
from ..widgets.preview_bar import PreviewBar
from ..widgets.status_bar import StatusBar
from ..widgets.timeline_view import TimelineView
from .desk_actions import DeskActions
from .view_marks import ViewMarks

POLL_SECONDS = 1.0
SENTENCES_AT_ONCE = 20_000
COUNTS_AT_ONCE = 50_000
"""Up to this many positions in the store the counts are made before the first screen
(milliseconds); beyond, with a filter or a search, they follow it from a worker."""
"""Up to this many shown positions, the sentences behind the counts are counted with
them (milliseconds); beyond, in a worker, shown when ready."""
"""How often to look for other processes' writes (PRAGMA data_version: one cheap read)."""

SEARCH_SHOWN = 20
"""Cells of the search text the status line repeats; the count and verdict follow it."""

WIDE = 100
"""From this width on the inspector is a side panel; below it, a screen of its own."""

EMPTY_DATABASE = (
    "This database has no positions yet.\n\n"
    "Seed it with the two source documents:   counterpoint seed --db {path}\n"
    "or import a file of positions:           counterpoint import FILE.json --db {path}\n\n"
    "q quits."
)


class TimelineScreen(DeskActions, ViewMarks, Screen[None]):
    """First side | date lane | second side, with filters, search, zoom and the inspector."""

    CSS_PATH = "timeline_screen.tcss"
    BINDING_GROUP_TITLE = "Views"
    BINDINGS = [
        Binding("slash", "search", "Search", id="timeline.search"),
        Binding("f", "filters", "Filters", id="timeline.filters"),
        Binding("x", "clear", "Clear", show=False, id="timeline.clear"),
        Binding("escape", "escape", "Close / clear", show=False, id="timeline.escape"),
        Binding("enter,i", "inspect", "Inspect", id="timeline.inspect"),
        Binding("right_square_bracket,o", "follow_link", "Link", id="timeline.follow_link"),
        Binding("left_square_bracket", "jump_back", "Back", show=False, id="timeline.jump_back"),
        Binding("z", "zoom", "Zoom", show=False, id="timeline.zoom"),
        Binding("c", "matrix", "Matrix", id="timeline.matrix"),
        Binding("a", "note", "Note", id="timeline.note"),
        Binding("b", "bookmark", "Bookmark", show=False, id="timeline.bookmark"),
        Binding("e", "export", "Export", id="timeline.export"),
        Binding("E", "edit", "Edit", show=False, id="timeline.edit"),
        Binding("v", "grade", "Grade", show=False, id="timeline.grade"),
        Binding("y", "copy_citation", "Copy citation", show=False, id="timeline.copy"),
        Binding("Y", "copy_markdown", "Copy Markdown", show=False, id="timeline.copy_markdown"),
        Binding("R", "retract", "Retract/restore", show=False, id="timeline.retract"),
        Binding("u", "undo", "Undo", show=False, id="timeline.undo"),
        Binding("H", "history", "History", show=False, id="timeline.history"),
        Binding("D", "documents", "Documents", show=False, id="timeline.documents"),
        Binding("A", "toggle_answers", "Answers", show=False, id="timeline.answers"),
        Binding("r", "read_source", "Read source", show=False, id="timeline.read_source"),
        Binding("m", "save_view", "Save view", show=False, id="timeline.save_view"),
        Binding("apostrophe", "recall_view", "Go to view", show=False, id="timeline.recall_view"),
    ]
    """Tab, j/k and the other movement keys belong to TimelineView; ? and q to the app."""

    # What the analyst chose: setting one shows the results again.
    filter: reactive[Filter] = reactive(Filter(with_answers=True), init=False)
    show_answers: reactive[bool] = reactive(True, init=False)
    """Whether a filter's matches bring their direct answers (A toggles; on by default)."""
    zoom: reactive[Zoom] = reactive(Zoom.DAY, init=False)
    search_text: reactive[str] = reactive("", init=False)

    # What those choices give, set only by refresh_results; children are bound to these.
    vocab: reactive[Vocabularies] = reactive(Vocabularies, init=False)
    """The database's sides, topics and actors, read again whenever the data changes (the
    panes, the status and preview bars name sides with it; dialogs are handed it)."""
    counts: reactive[SideCounts] = reactive(SideCounts(), init=False)
    """Positions by side that the filter lets through (the status bar, the panes' header)."""
    filters_in_force: reactive[str] = reactive("no filters", init=False)
    """The filter the counts were made with, described (the status bar)."""
    search_status: reactive[str] = reactive("", init=False)
    """The search and its verdict, or "" when there is no search (the status bar)."""

    def __init__(
        self,
        store: Store,
        author: str,
        poll_seconds: float = POLL_SECONDS,
        *,
        remember: bool = False,
        reopen: bool = False,
    ) -> None:
        """`remember`: save where this analyst leaves off when the screen goes; `reopen`:
        start there (the CLI asks for both, `--fresh` for the first only)."""
        super().__init__()
        self._remember_place = remember
        self._reopen = reopen
        self.store = store
        self.author = author
        self._poll_seconds = poll_seconds
        self._history: list[str] = []
        self._made: list[int] = []
        self._last_saved: str | None = None
        self._quote_target: str | None = None
        self._search_mode = SearchMode.NONE
        self._reads = BackgroundReads(self.store)
        self._seen_version = -1

    # Layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(read_only=self.store.read_only, id="status").data_bind(
            TimelineScreen.vocab,
            TimelineScreen.counts,
            TimelineScreen.zoom,
            filters=TimelineScreen.filters_in_force,
            search=TimelineScreen.search_status,
        )
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield TimelineView(id="timeline").data_bind(
                    TimelineScreen.vocab, TimelineScreen.counts
                )
                yield Static(id="empty")
            yield PositionDetail(id="panel")
        yield PreviewBar(id="preview").data_bind(TimelineScreen.vocab)
        yield PlainInput(
            placeholder='search (FTS5: words, "phrases", OR, prefix*) — '
            "Enter finds, Escape cancels",
            id="search",
        )
        yield Footer(compact=True, show_command_palette=False)

    # The children, each looked up once (they live as long as the screen).

    @cached_property
    def view(self) -> TimelineView:
        return self.query_one("#timeline", TimelineView)

    @cached_property
    def panel(self) -> PositionDetail:
        """The inspector beside the panes; it is open exactly when it is displayed."""
        return self.query_one("#panel", PositionDetail)

    @cached_property
    def preview(self) -> PreviewBar:
        return self.query_one("#preview", PreviewBar)

    @cached_property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        self.search_box.display = False
        self.panel.display = False
        self.refresh_results()
        if self._reopen:
            self.reopen_where_left_off()
        self.view.focus()
        self.set_interval(self._poll_seconds, self.check_for_changes)

    def on_unmount(self) -> None:
        self._reads.interrupt()  # quitting does not wait for a count or the matrix
        if self._remember_place:
            self.save_where_left_off()

    def check_for_changes(self) -> None:
        """Show what other analysts' processes wrote, keeping the cursor where it is."""
        if self.store.data_version() != self._seen_version:
            self.refresh_results()
            current = self.view.current
            if self.panel.display and current is not None:
                self.panel.show(self.details(current))

    # Data ---------------------------------------------------------------------

    def refresh_results(self, keep: str | None = None) -> None:
        """Count by side in SQL and publish the counts and verdicts, then hand the panes the
        filtered timeline, to show around the cursor's position (or `keep`)."""
        current = self.view.current
        anchor = None
        if keep and (current is None or current.id != keep):
            anchor = self.store.get_many([keep]).get(keep)
        anchor = anchor or current
        version = self.store.data_version()
        if version != self._seen_version:
            self.vocab = self.store.vocabularies()
        self._seen_version = version
        self.filters_in_force = self.filter.describe(self.vocab)
        total = self.store.position_count()
        if total > COUNTS_AT_ONCE and not (self.filter.is_empty and not self.search_text):
            self._show_before_counting(total, anchor)
            return
        counts = self.store.counts(self.filter)
        if counts.shown <= SENTENCES_AT_ONCE:
            counts = counts.with_sentences(self.store.sentence_counts(self.filter))
        else:
            self._count_sentences(self.filter, counts)
        self.counts = counts
        matches = self._update_search_status()
        self._show_source(anchor, Store.should_walk(counts.shown, counts.total), matches, counts)
        self._show_empty(counts.total, counts.shown)

    def _show_source(
        self, anchor: Position | None, walk: bool, matches: int, counts: SideCounts
    ) -> None:
        self.view.show_source(
            TimelineSource(
                self.store,
                self.filter,
                self.zoom,
                self.search_text,
                self.author,
                Lanes.of_vocabulary(self.vocab),
                walk=walk,
                search_walk=Store.should_walk(matches, counts.total),
            ),
            keep=anchor,
        )

    def _show_before_counting(self, total: int, anchor: Position | None) -> None:
        """A large store: the first screenful is read and drawn at once, the counts
        follow from a worker ("counting…" meanwhile). Which way to read the pages (walk
        the timeline, or collect the matches) needs only whether the matches pass
        √total, which a count that stops there says cheaply."""
        enough = isqrt(total) + 1
        walk = self.store.matches_at_least(self.filter, enough)
        pending = SideCounts(total=total, counting=True)
        self.counts = pending
        self.search_status = "/…: counting" if self.search_text else ""
        # How search steps read pages waits for the search's count (the worker's):
        # the first screenful does not need it. Meanwhile they read as the filter does.
        self._show_source(anchor, walk, enough if walk else 0, pending)
        shown = len(self.view.window.layout.places)
        self._show_empty(total, shown)
        self._count_later(self.filter, self.search_text)

    def _count_later(self, flt: Filter, search: str) -> None:
        """Count in a worker, on a connection of its own (`BackgroundReads`): the page
        reads never wait behind a count, and a newer filter stops a stale one."""
        self._reads.interrupt("counts")
        self._count_in_worker(flt, search)

    @work(thread=True, exclusive=True, group="counts")
    def _count_in_worker(self, flt: Filter, search: str) -> None:
        """The counts and the search's count, shown as soon as they are made; then the
        sentences behind them, which take longer (they join every match to its quotes'
        sentences)."""
        try:
            with self._reads.reading("counts") as store:
                counts = store.counts(flt)
                searched = replace(flt, text=search)
                matches = store.counts(searched).shown if search else 0
                mode = store.search_mode(searched) if search else SearchMode.NONE
                self.app.call_from_thread(self._show_counts, flt, search, counts, matches, mode)
                sentences = store.sentence_counts(flt)
                self.app.call_from_thread(self._show_sentences, flt, counts, sentences)
        except Interrupted:
            return  # a newer filter's count is on its way, or the screen is going

    def _show_counts(
        self, flt: Filter, search: str, counts: SideCounts, matches: int, mode: SearchMode
    ) -> None:
        if (flt, search) != (self.filter, self.search_text):
            return  # the filter changed meanwhile: its own count is on its way
        self.counts = counts
        self._say_search(matches, mode)
        if search:
            self.view.tune_search(Store.should_walk(matches, counts.total))
        self._show_empty(counts.total, counts.shown)

    def _show_empty(self, total: int, shown: int) -> None:
        empty = self.query_one("#empty", Static)
        if shown:
            empty.display = False
            self.view.display = True
            return
        if total == 0:
            message = EMPTY_DATABASE.format(path=self.store.path)
        else:
            message = (
                f"Nothing matches these filters ({self.filter.describe(self.vocab)}).\n\n"
                "Press x to clear them, or f to change them."
            )
        empty.update(Text(message))
        empty.display = True
        self.view.display = False

    def _update_search_status(self) -> int:
        """How many matches the search has in the filtered timeline (an SQL count); says so
        in `search_status`."""
        if not self.search_text:
            self.search_status = ""
            return 0
        searched = replace(self.filter, text=self.search_text)
        matches = self.store.counts(searched).shown
        self._say_search(matches, self.store.search_mode(searched))
        return matches

    def _say_search(self, matches: int, mode: SearchMode) -> None:
        """The search's verdict on the status line: how many match, and how it was read."""
        if not self.search_text:
            self.search_status = ""
            return
        self._search_mode = mode
        words = (
            "; not FTS5 syntax, searched as words"
            if self._search_mode is SearchMode.LITERAL
            else ""
        )
        # Cut what was typed, so a long search cannot push the verdict off the line.
        shown = fit(one_line(self.search_text), SEARCH_SHOWN).rstrip()
        if matches:
            self.search_status = f"/{shown}: {matches} matches, n/N{words}"
        else:
            self.search_status = f"/{shown}: no matches{words}"

    def validate_filter(self, flt: Filter) -> Filter:
        """Every filter set here (the panel, x, the matrix) carries the answers toggle."""
        return replace(flt, with_answers=self.show_answers)

    def action_toggle_answers(self) -> None:
        self.show_answers = not self.show_answers
        self.filter = self.filter  # validated again, with the toggle
        self.notify(
            "Answers to what the filter shows: "
            + ("shown, marked ↳." if self.show_answers else "hidden."),
            markup=False,
        )

    def watch_filter(self) -> None:
        self.refresh_results()

    def watch_zoom(self) -> None:
        self.refresh_results()

    def watch_search_text(self) -> None:
        self.apply(self.filter, self.search_text)

    def details(self, position: Position) -> PositionDetails:
        [details] = self.store.details([position])
        return details

    # Messages from children ---------------------------------------------------

    @on(TimelineView.CursorMoved, "#timeline")
    def _cursor_moved(self, event: TimelineView.CursorMoved) -> None:
        self.preview.position = event.position
        if self.panel.display:
            self.panel.show(self.details(event.position) if event.position else None)

    def on_position_detail_link_chosen(self, event: PositionDetail.LinkChosen) -> None:
        self.jump_to(event.position_id)
        self.view.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.view.focus()
        self.search_text = event.value.strip()

    # Actions ------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.search_box
        search.value = self.search_text
        search.display = True
        search.focus()

    def action_filters(self) -> None:
        from .filter_screen import FilterScreen  # screens load when first used: fast start

        def applied(result: Filter | None) -> None:
            if result is not None:
                self.filter = result

        self.app.push_screen(
            FilterScreen(self.filter, self.vocab, self.store.documents(), self.author),
            applied,
        )

    def apply_filter(self, flt: Filter) -> None:
        """Used by the command palette."""
        self.filter = flt

    def apply(self, flt: Filter, search: str) -> None:
        """Set filter and search together: one query round, one repaint."""
        self.set_reactive(TimelineScreen.filter, flt)
        self.set_reactive(TimelineScreen.search_text, search)
        self.refresh_results()
        current = self.view.current
        if search and (current is None or current.id not in self.view.matches):
            self.view.action_next_match()

    def action_clear(self) -> None:
        self.apply(Filter(), "")
        self.notify("Filters and search cleared: showing the whole timeline.", markup=False)

    def action_escape(self) -> None:
        if self.search_box.display:
            self.search_box.display = False
            self.view.focus()
        elif self.panel.display:
            self._close_panel()
        elif self.search_text or not self.filter.is_empty:
            self.action_clear()

    def action_zoom(self) -> None:
        self.zoom = self.zoom.next()
        self.notify(f"Zoom: one band per {self.zoom.value}.", markup=False)

    def action_inspect(self) -> None:
        position = self.view.current
        if position is None:
            return
        if self.size.width >= WIDE:
            if self.panel.display:
                self.panel.focus_links()
                return
            self.panel.display = True
            self.panel.show(self.details(position))
            return

        from .inspector_screen import InspectorScreen

        def returned(target: str | None) -> None:
            if target:
                self.jump_to(target)

        self.app.push_screen(
            InspectorScreen(
                self.details(position),
                history=self.store.history,
                read=self.read_source,
                grade=self.grade_position,
            ),
            returned,
        )

    def action_copy_citation(self) -> None:
        """The position under the cursor as a citation, to the analyst's own clipboard
        through OSC 52 (it crosses SSH, and tmux with `set-clipboard on`)."""
        self._copy("citation", citation_text)

    def action_copy_markdown(self) -> None:
        self._copy("Markdown", markdown_text)

    def _copy(self, what: str, render: Callable[[PositionDetails], str]) -> None:
        position = self.view.current
        if position is None:
            self.notify("Nothing to copy: no position under the cursor.", markup=False)
            return
        text = render(self.details(position))
        self.app.copy_to_clipboard(text)
        self.notify(
            one_line(
                f"Copied {position.id} as {what} ({len(text)} characters) through the "
                "terminal (OSC 52; in tmux: set-clipboard on)."
            ),
            markup=False,
        )

    def action_history(self) -> None:
        """Every revision of the position under the cursor (the one the panel shows)."""
        from .history_screen import HistoryScreen

        if (position := self.view.current) is not None:
            self.app.push_screen(HistoryScreen(position, self.store.history(position.id)))

    def on_resize(self, event: events.Resize) -> None:
        """Below WIDE the side panel would squeeze the panes to a few cells: close it (Enter
        opens the inspector as a screen of its own at that width)."""
        if self.panel.display and event.size.width < WIDE:
            self._close_panel()

    def _close_panel(self) -> None:
        self.panel.display = False
        self.view.focus()

    def action_follow_link(self) -> None:
        """Jump to the linked position, preferring one on the other side of the contest."""
        position = self.view.current
        if position is None:
            return
        ends = self.store.link_ends(position.id)
        if not ends:
            self.notify("This position has no links.", markup=False)
            return
        opposite = self.vocab.opposite(position.side)
        ends.sort(key=lambda end: end.other_side != opposite)
        back = self._history[-1] if self._history else None
        target = next((e for e in ends if e.other_id != back), ends[0])
        self.jump_to(target.other_id)

    def jump_to(self, position_id: str) -> None:
        """Move the cursor to a position, remembering where we were for `[`."""
        current = self.view.current
        target = self.store.get_many([position_id]).get(position_id)
        if target is None:
            self.notify(f"No position {position_id!r}.", severity="warning", markup=False)
            return
        if self.view.reveal(target):
            if current and current.id != position_id:
                self._history.append(current.id)
            return
        self.notify(
            "The linked position is hidden by the filters; x clears them.",
            severity="warning",
            markup=False,
        )

    def _refuse_if_read_only(self, what: str) -> bool:
        if self.store.read_only:
            self.notify(
                one_line(
                    f"{self.store.path} is read-only for you, so {what} cannot be "
                    "saved. Ask for write access to the file and its folder."
                ),
                severity="warning",
                markup=False,
            )
            return True
        return False

    def action_note(self) -> None:
        position = self.view.current
        if position is None or self._refuse_if_read_only("notes"):
            return
        from .note_editor_screen import DraftKeeper, NoteEditorScreen, restored_notice

        mine = next(
            (
                n.text
                for n in self.store.notes_for([position.id]).get(position.id, [])
                if n.author == self.author
            ),
            "",
        )
        # Text this analyst typed here and never saved (the session ended): go on with it.
        draft = self.store.draft_for(position.id, self.author)
        keeper = DraftKeeper(
            self.store, position.id, self.author, draft.text if draft is not None else None
        )
        restored = draft.text if draft is not None and draft.text != mine else None
        if draft is not None and restored is None:
            keeper.discard()  # the same as the saved note: nothing was lost

        def saved(text: str | None) -> None:
            if text is None or text == mine:
                return
            try:  # writing the note also ends the draft, in the same transaction
                note = self.store.set_note(position.id, self.author, text)
            except StoreError as exc:  # locked by another writer, disk full: keep the text
                self.notify(
                    one_line(f"{exc}. Your text is back in the editor: Ctrl+S tries again."),
                    severity="error",
                    markup=False,
                )
                self.app.push_screen(
                    NoteEditorScreen(position, self.author, mine, text, keeper=keeper), saved
                )
                return
            self.notify("Note saved." if note else "Note removed.", markup=False)
            self.refresh_results(keep=position.id)
            if self.panel.display:
                self.panel.show(self.details(position))

        self.app.push_screen(
            NoteEditorScreen(position, self.author, mine, restored, keeper=keeper), saved
        )
        if restored is not None and draft is not None:
            self.notify(restored_notice(draft), markup=False, timeout=10)

    def action_bookmark(self) -> None:
        position = self.view.current
        if position is None or self._refuse_if_read_only("bookmarks"):
            return
        try:
            now = self.store.toggle_bookmark(position.id, self.author)
        except StoreError as exc:
            self.notify(one_line(str(exc)), severity="error", markup=False)
            return
        self.notify("Bookmarked." if now else "Bookmark removed.", markup=False)
        self.refresh_results(keep=position.id)

    def action_matrix(self) -> None:
        """The matrix aggregates every filtered position, which takes seconds on a
        million: it is computed in a worker thread while the timeline stays usable."""
        if self.counts.shown > 50_000:
            self.notify(f"Comparing {self.counts.shown:,} positions by topic…", markup=False)
        self._compute_matrix(self.filter)

    @work(thread=True, exclusive=True, group="sentences")
    def _count_sentences(self, flt: Filter, counts: SideCounts) -> None:
        """Sentences behind each side's count, for a large timeline: read in a worker so
        the positions' counts and the first screen never wait for them."""
        try:
            with self._reads.reading("sentences") as store:
                sentences = store.sentence_counts(flt)
        except Interrupted:
            return
        self.app.call_from_thread(self._show_sentences, flt, counts, sentences)

    def _show_sentences(self, flt: Filter, counts: SideCounts, sentences: dict[str, int]) -> None:
        if flt == self.filter and counts == self.counts:  # nothing changed meanwhile
            self.counts = counts.with_sentences(sentences)

    @work(thread=True, exclusive=True, group="matrix")
    def _compute_matrix(self, flt: Filter) -> None:
        try:
            with self._reads.reading("matrix") as store:
                rows = store.matrix(flt)
                latest = store.get_many(
                    cell.latest_id for row in rows for cell in row.cells.values() if cell.latest_id
                )
        except Interrupted:
            return
        self.app.call_from_thread(self._show_matrix, rows, latest, flt)

    def _show_matrix(self, rows, latest, flt: Filter) -> None:
        from .matrix_screen import MatrixScreen

        if self.app.screen is not self:  # the analyst went elsewhere (the palette) meanwhile
            return

        def chosen(choice: tuple[str, str | None] | None) -> None:
            if choice is not None:
                topic, side = choice
                self.filter = replace(
                    self.filter,
                    topics=frozenset({topic}),
                    sides=frozenset({side}) if side else frozenset(),
                )

        self.app.push_screen(MatrixScreen(rows, latest, flt, self.vocab), chosen)

    def action_export(self) -> None:
        from .export_screen import ExportScreen

        flt = self.filter if not self.search_text else replace(self.filter, text=self.search_text)

        def write(fmt: str, path: Path, progress: ExportProgress) -> int:
            # In a worker thread, on a connection of its own; all or nothing.
            return export_to_file(self.store, flt, fmt, path, progress)

        self.app.push_screen(ExportScreen(flt.describe(self.vocab), write))

    def action_documents(self) -> None:
        from .document_list_screen import DocumentListScreen

        self._quote_target = None  # a reader opened from the list adds to what was coded last
        self.app.push_screen(
            DocumentListScreen(self.store, on_quote=self.code_quote, author=self.author)
        )

    def action_jump_back(self) -> None:
        while self._history:
            previous = self.store.get_many([self._history.pop()])
            if previous and self.view.reveal(next(iter(previous.values()))):
                return
        self.app.bell()

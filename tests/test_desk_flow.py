"""The coding desk end to end, in the real app: a new article added, opened from the
document list, a quote selected by keys, a position coded in the form, seen on the
timeline, edited, undone, retracted, restored, and every step in its history."""

from __future__ import annotations

from pathlib import Path

from test_position_form import fill_valid
from tui_helpers import put_cursor_on, timeline, view, wait_until

from store import RevisionAction, Store
from tui.app import CounterpointApp
from tui.screens.document_list_screen import DocumentListScreen, DocumentTable
from tui.screens.position_form_screen import PositionFormScreen
from tui.screens.reader_screen import ReaderScreen
from tui.screens.reason_screen import ReasonScreen
from tui.widgets.reader_view import ReaderView

ARTICLE = Path(__file__).parent / "fixtures" / "delegation-article.html"


async def test_add_open_select_code_edit_undo_retract_restore(store: Store):
    from store.ingest import load_document

    page = load_document(ARTICLE)
    document_id, added = store.add_document(
        {
            "title": page.title,
            "outlet": page.publisher,
            "published": page.published.isoformat() if page.published else "2025-06-12",
            "text": page.text,
            "format": page.format,
        },
        author="alice",
        origin=str(ARTICLE),
    )
    assert added
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentListScreen))
        listing = app.screen
        await wait_until(pilot, lambda: listing.rows is not None)
        table = listing.query_one(DocumentTable)
        row = [r.id for r in listing.rows].index(document_id)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen.query_one(ReaderView)
        await pilot.press("]")  # the first uncited sentence: every one is, in a new document
        await pilot.press("v", "b")  # the sentence, less its last word
        await pilot.pause()
        selection = reader.selection
        assert selection is not None and selection.document_id == document_id
        text = store.document(document_id).text
        assert text[selection.start : selection.end] == selection.quote
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PositionFormScreen))
        await fill_valid(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        created = [p for p in store.positions()[0] if p.sources[0].document == document_id]
        assert len(created) == 1
        position = created[0]
        assert (position.sources[0].start, position.sources[0].end) == (
            selection.start,
            selection.end,
        )
        # The reader now counts the sentence as cited.
        sentence = reader.sentence_at(selection.start)
        await wait_until(pilot, lambda: len(reader.sentences[sentence].cited_by) == 1)
        assert reader.selection is None  # saving from the selection ended it
        await pilot.press("escape", "escape")  # the reader, the list
        await wait_until(pilot, lambda: app.screen is timeline(app))
        assert position.id in view(app).window.layout.places

        # Edit: the form pre-filled; a new summary saved.
        await put_cursor_on(pilot, position.id)
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, PositionFormScreen))
        summary = app.screen.query_one("#form-summary")
        summary.value = "The delegation presses its case in Brussels"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is timeline(app))
        assert store.get(position.id).summary == "The delegation presses its case in Brussels"

        await pilot.press("u")  # undo the edit
        await wait_until(pilot, lambda: store.get(position.id).summary == position.summary)

        await put_cursor_on(pilot, position.id)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*"coded twice", "enter")
        await wait_until(pilot, lambda: store.get(position.id).retracted)
        assert position.id not in view(app).window.layout.places
        await pilot.press("u")  # undo the retraction: restored
        await wait_until(pilot, lambda: not store.get(position.id).retracted)

    assert [r.action for r in store.history(position.id)] == [
        RevisionAction.CREATE,
        RevisionAction.EDIT,
        RevisionAction.UNDO,
        RevisionAction.RETRACT,
        RevisionAction.UNDO,
    ]
    assert {r.author for r in store.history(position.id)} == {"alice"}

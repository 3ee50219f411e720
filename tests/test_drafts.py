"""Drafts of notes in the app: what is typed is kept until it is saved or thrown away.

The note editor writes its unsaved text as a draft once typing pauses; the next time the
same analyst opens that note the draft comes back, with a notice. Ctrl+S (through the
note) and a confirmed Escape end the draft; nobody else ever sees it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tui_helpers import last_notice, put_cursor_on, timeline, wait_until

from store import Store, StoreError
from tui.app import CounterpointApp
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.note_editor_screen import AUTOSAVE_SECONDS, AUTOSAVE_WAIT_MS, NoteEditorScreen
from tui.screens.timeline_screen import TimelineScreen

POSITION = "pk-denies-attack"


def draft_text(store: Store, author: str = "alice") -> str | None:
    draft = store.draft_for(POSITION, author)
    return None if draft is None else draft.text


def count_draft_writes(store: Store, monkeypatch) -> list[str]:
    """Every text the app asks the store to keep as a draft, in order."""
    written: list[str] = []
    save = store.save_draft

    def counting(position_id: str, author: str, text: str, **options) -> None:
        assert options.get("wait_ms") in (None, AUTOSAVE_WAIT_MS), options
        written.append(text)
        save(position_id, author, text, **options)

    monkeypatch.setattr(store, "save_draft", counting)
    return written


async def open_note(pilot, position: str = POSITION) -> NoteEditorScreen:
    await put_cursor_on(pilot, position)
    await pilot.press("a")
    screen = pilot.app.screen
    assert isinstance(screen, NoteEditorScreen)
    return screen


async def test_typing_is_kept_as_a_draft_once_typing_pauses(store: Store, monkeypatch):
    written = count_draft_writes(store, monkeypatch)
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await pilot.press(*"twelve chars")
        assert draft_text(store) is None  # not one write per key
        took = await wait_until(pilot, lambda: draft_text(store) == "twelve chars")
        assert took >= AUTOSAVE_SECONDS * 0.5
        assert written == ["twelve chars"]  # one write for the whole burst
        await pilot.press(*" more")
        await wait_until(pilot, lambda: draft_text(store) == "twelve chars more")
        assert written == ["twelve chars", "twelve chars more"]
        assert store.notes_for([POSITION]) == {}  # a draft is not a note


async def test_the_draft_comes_back_with_a_notice_and_ctrl_s_saves_it(store: Store):
    store.set_note(POSITION, "alice", "the saved note")
    store.save_draft(POSITION, "alice", "the saved note, and more typed before the crash")
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_note(pilot)
        assert editor.text == "the saved note, and more typed before the crash"
        notice = last_notice(app)
        assert notice.startswith("Restored your unsaved draft from 20"), notice
        assert notice.endswith(" UTC; Ctrl+S saves it, Escape discards it."), notice
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
    [note] = store.notes_for([POSITION])[POSITION]
    assert note.text == "the saved note, and more typed before the crash"
    assert draft_text(store) is None


async def test_escape_and_yes_throws_the_draft_away_and_no_keeps_it(store: Store):
    store.set_note(POSITION, "alice", "the saved note")
    store.save_draft(POSITION, "alice", "unsaved words")
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert draft_text(store) == "unsaved words"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, TimelineScreen)
        assert draft_text(store) is None
        await open_note(pilot)  # the saved note, untouched, and no notice this time
        assert app.screen.text == "the saved note"
        await pilot.press("escape")
    assert store.notes_for([POSITION])[POSITION][0].text == "the saved note"


async def test_escape_with_the_text_back_as_saved_leaves_no_draft(store: Store):
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await pilot.press(*"oops")
        await wait_until(pilot, lambda: draft_text(store) == "oops")
        await pilot.press(*["backspace"] * 4, "escape")  # before the next autosave
        assert isinstance(app.screen, TimelineScreen)  # nothing changed: no question
        assert draft_text(store) is None


async def test_saving_the_note_ends_the_draft(store: Store):
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await pilot.press(*"a note")
        await wait_until(pilot, lambda: draft_text(store) == "a note")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert draft_text(store) is None
        await pilot.pause(AUTOSAVE_SECONDS + 0.3)  # no autosave left over to bring it back
        assert draft_text(store) is None
    assert store.notes_for([POSITION])[POSITION][0].text == "a note"


async def test_a_draft_is_its_authors_only(store: Store):
    store.set_note(POSITION, "bob", "bob's note")
    store.save_draft(POSITION, "alice", "alice's private draft")
    app = CounterpointApp(store, author="bob")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_note(pilot)
        assert editor.text == "bob's note"
        assert "draft" not in last_notice(app)
        await pilot.press(*" and more", "ctrl+s")
        await pilot.pause()
        await open_note(pilot)
        await pilot.press("escape")
    assert draft_text(store, "alice") == "alice's private draft"
    assert draft_text(store, "bob") is None
    assert {n.author: n.text for n in store.notes_for([POSITION])[POSITION]} == {
        "bob": "bob's note and more"
    }
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_note(pilot)  # alice's own draft is hers to go on with
        assert editor.text == "alice's private draft"


async def test_a_read_only_database_opens_no_editor_and_keeps_no_draft(seeded_path: Path):
    with Store.open(seeded_path, read_only=True) as store:
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=(80, 24)) as pilot:
            await put_cursor_on(pilot, POSITION)
            await pilot.press("a")
            assert isinstance(app.screen, TimelineScreen)
            assert "read-only" in last_notice(app)
    with Store.open(seeded_path) as store:
        assert store.db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


async def test_a_locked_database_delays_the_draft_and_the_note_but_loses_neither(
    seeded_path: Path, monkeypatch
):
    """Another writer holds the lock: the autosave fails without a word and is tried again
    at the next change; Ctrl+S fails, the editor comes back with the text (the draft
    still there), and saves once the lock is gone."""
    monkeypatch.setattr("store.schema.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(seeded_path)
    with Store.open(seeded_path) as store:
        app = CounterpointApp(store, author="alice")
        async with app.run_test(size=(80, 24)) as pilot:
            await open_note(pilot)
            await pilot.press(*"before")
            await wait_until(pilot, lambda: draft_text(store) == "before")
            holder.execute("BEGIN IMMEDIATE")
            await pilot.press(*" locked")
            await pilot.pause(AUTOSAVE_SECONDS + 0.5)
            assert isinstance(app.screen, NoteEditorScreen)  # no crash, no question
            holder.rollback()
            assert draft_text(store) == "before"
            await pilot.press(*" free")
            await wait_until(pilot, lambda: draft_text(store) == "before locked free")

            holder.execute("BEGIN IMMEDIATE")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert last_notice(app).startswith("the note was not saved")
            assert isinstance(app.screen, NoteEditorScreen)
            assert app.screen.text == "before locked free"
            holder.rollback()
            assert draft_text(store) == "before locked free"
            await pilot.press(*" again")  # the reopened editor keeps the draft too
            await wait_until(pilot, lambda: draft_text(store) == "before locked free again")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, TimelineScreen)
        assert store.notes_for([POSITION])[POSITION][0].text == "before locked free again"
        assert draft_text(store) is None
    holder.close()


async def test_quitting_with_a_note_open_keeps_it_as_a_draft(store: Store):
    app = CounterpointApp(store, author="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await pilot.press(*"typed, then ctrl+q", "ctrl+q")
        await pilot.pause()
    assert draft_text(store) == "typed, then ctrl+q"


async def test_a_crash_with_a_note_open_keeps_it_and_exits_non_zero(store: Store):
    app = CounterpointApp(store, author="alice")
    with pytest.raises(RuntimeError, match="a bug somewhere"):
        async with app.run_test(size=(80, 24)) as pilot:
            await open_note(pilot)
            await pilot.press(*"typed before the crash")

            def bug() -> None:
                raise RuntimeError("a bug somewhere")

            timeline(app).call_later(bug)
            await pilot.pause()
    assert app.exit_status == 1
    assert draft_text(store) == "typed before the crash"


def test_a_draft_written_while_typing_waits_only_briefly_for_a_lock(store: Store):
    """While another writer holds the lock, a draft with a short wait gives up at once
    (the next pause tries again) instead of freezing the screen for the busy timeout;
    the connection's usual timeout is back afterwards."""
    other = sqlite3.connect(store.path)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="draft was not saved"):
            store.save_draft(POSITION, "alice", "typed", wait_ms=50)
    finally:
        other.rollback()
        other.close()
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    store.save_draft(POSITION, "alice", "typed", wait_ms=50)
    assert store.draft_for(POSITION, "alice").text == "typed"

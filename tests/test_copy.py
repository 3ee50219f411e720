"""`y` and `Y` copy the position under the cursor to the analyst's own clipboard through
OSC 52: a well-formed sequence whose payload is plain text, whatever the data holds."""

from __future__ import annotations

import base64
import re
import unicodedata

from tui_helpers import put_cursor_on

from store import Store
from store.citations import Citation
from tui.app import CounterpointApp

OSC52 = re.compile(r"^\x1b\]52;c;(?P<payload>[A-Za-z0-9+/]*={0,2})\x07$")


def plain(text: str) -> bool:
    """No control character but line breaks, no bidi control, no escape."""
    return all(
        ch == "\n" or not (unicodedata.category(ch) in {"Cc", "Cf"} and ch not in "\u200d")
        for ch in text
    )


async def copied(app: CounterpointApp, pilot, key: str) -> str:
    written: list[str] = []
    app._driver.write = written.append  # what would reach the terminal
    await pilot.press(key)
    await pilot.pause()
    [sequence] = [w for w in written if w.startswith("\x1b]52")]
    found = OSC52.match(sequence)
    assert found, repr(sequence[:40])
    return base64.b64decode(found["payload"]).decode("utf-8")


async def test_y_copies_a_citation_and_Y_the_brief_markdown(store: Store):
    app = CounterpointApp(store)
    p = store.get("in-suspends-iwt")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await put_cursor_on(pilot, p.id)
        text = await copied(app, pilot, "y")
        s = p.sources[0]
        assert f"“{s.quote}”" in text
        assert Citation.of(s.document, s.start, s.end, s.quote).text in text
        assert f"Position {p.id}: {p.summary}" in text
        assert plain(text)
        markdown = await copied(app, pilot, "Y")
        assert markdown.startswith("**") and f"`{p.id}`" in markdown and plain(markdown)
        assert any("Copied in-suspends-iwt as citation" in n.message for n in app._notifications)


async def test_what_is_copied_carries_no_escape_from_the_data(store: Store):
    hostile = "Says \x1b]52;c;ZXZpbA==\x07 and \x1b[2J\u202edone\x9b"
    store.db.execute("UPDATE positions SET summary = ? WHERE id = 'in-suspends-iwt'", [hostile])
    store.db.conn.commit()
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await put_cursor_on(pilot, "in-suspends-iwt")
        for key in ("y", "Y"):
            text = await copied(app, pilot, key)
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
            assert "\u202e" not in text and plain(text)

"""One record for everything about a position, and three views that agree on it.

`Store.details` fetches a batch of positions' sources (with their documents and the
sentence around each quote), link ends both ways and notes; the inspector,
`counterpoint show` and the Markdown brief only format that record. The facts each
view must show are taken here from the store's other calls (`get`, `document`,
`link_ends`, `notes_for`), not from the record, so a record that lost something
fails here too.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from textual.widgets import OptionList, Static
from tui_helpers import put_cursor_on

from seed import position_records
from store import Filter, Store
from store.details import LINKS, NOTES, SOURCES
from store.export import WORD_JOINER, md_code, render_export
from tui.app import CounterpointApp
from tui.cli import main
from tui.screens.inspector_screen import InspectorScreen

POSITION = "pk-delegation"
"""Quotes from both seed documents, a link out (mirrors) and one in (supported by)."""

NOTES_BY = {
    "alice": "Compare with India's delegations [b]the same week[/b].",
    "bob": "Bilawal led it; check the date against the ministry's.",
}


@pytest.fixture
def annotated(store: Store) -> Store:
    for minute, (author, text) in enumerate(NOTES_BY.items()):
        store.set_note(POSITION, author, text, at=datetime(2025, 7, 1, 9, minute, tzinfo=UTC))
    return store


def expected_lines(store: Store) -> dict[str, list[str]]:
    """What every view must show of POSITION, from the store's other calls."""
    p = store.get(POSITION)
    titles = {store.document(s.document).title for s in p.sources}
    ends = store.link_ends(POSITION)
    notes = store.notes_for([POSITION])[POSITION]
    vocab = store.vocabularies()
    # The position is the one the test means: otherwise it would prove little.
    assert len(titles) == 2 and {end.outgoing for end in ends} == {True, False}
    assert sorted(n.author for n in notes) == sorted(NOTES_BY)
    return {
        "summary": [p.summary],
        "date": [p.date_label],
        "quotes": [f"“{s.quote}”" for s in p.sources],
        "titles": sorted(titles),
        "links": [
            f"{end.reads} [{vocab.side_label(end.other_side)}] {end.other_summary} ({end.other_id})"
            for end in ends
        ],
        "note authors": [f"{n.author}, {n.stamp}" for n in notes],
        "note texts": [n.text for n in notes],
        "section titles": [SOURCES, LINKS, NOTES],
    }


def assert_shows(lines: list[str], store: Store) -> None:
    text = "\n".join(lines)
    stripped = {line.strip() for line in lines}
    for what, wanted in expected_lines(store).items():
        for item in wanted:
            if what == "links":  # one line each, worded alike: "denied by [Side] … (id)"
                assert item in stripped, (what, item)
            else:
                assert item in text, (what, item)
    [details] = store.details([store.get(POSITION)])
    for fact in details.facts():  # the same labels, each on the line with its value
        pattern = rf"^\s*(- )?{fact.label}:?\s+{re.escape(fact.value)}\s*$"
        assert re.search(pattern, text, re.MULTILINE), fact
    for drifted in ("Note:", "Note by", "Date note", "Date wording"):
        assert drifted not in text


def test_show_prints_every_fact(annotated: Store, capsys):
    capsys.readouterr()
    assert main(["show", "--db", str(annotated.path), POSITION]) == 0
    assert_shows(capsys.readouterr().out.splitlines(), annotated)


class _Visible(HTMLParser):
    """The text a reader of the rendered brief sees, line by line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_the_brief_shows_every_fact(annotated: Store):
    brief, _ = render_export(annotated, Filter(), "md")
    blocks = brief.split("\n\n**")
    [block] = [b for b in blocks if f"- Id: {md_code(POSITION)}\n" in b]
    page = _Visible()
    page.feed(MarkdownIt("gfm-like").render("**" + block))
    lines = "".join(page.parts).replace(WORD_JOINER, "").splitlines()
    assert_shows(lines, annotated)


async def test_the_inspector_shows_every_fact(annotated: Store):
    app = CounterpointApp(annotated, author="alice")
    async with app.run_test(size=(90, 40)) as pilot:
        await put_cursor_on(pilot, POSITION)
        await pilot.press("enter")
        assert isinstance(app.screen, InspectorScreen)
        screen = app.screen
        links = screen.query_one("#detail-links", OptionList)
        shown = [
            screen.query_one("#detail-text", Static),
            screen.query_one("#links-title", Static),
            screen.query_one("#detail-notes", Static),
        ]
        assert all(widget.display for widget in [*shown, links])
        lines = [line for widget in shown for line in str(widget.render()).splitlines()]
        lines += [links.get_option_at_index(i).prompt.plain for i in range(links.option_count)]
        assert_shows(lines, annotated)


def test_details_take_a_few_queries_however_many_positions(annotated: Store):
    """One batch, not a round of queries per position: the brief asks for them all."""
    everything, _ = annotated.positions()
    statements: list[str] = []
    annotated.db.conn.set_trace_callback(statements.append)
    try:
        one = annotated.details(everything[:1])
        for_one = len(statements)
        statements.clear()
        batch = annotated.details(everything)
        for_all = len(statements)
    finally:
        annotated.db.conn.set_trace_callback(None)
    # documents, link ends, notes, provenance, and the sides, topics and actors (three
    # small reads)
    assert len(everything) == 41 and for_all == for_one <= 8
    assert [d.position.id for d in batch] == [p.id for p in everything]  # in their order
    assert batch[everything.index(next(p for p in everything if p.id == POSITION))].notes
    assert one[0].position == everything[0]


def test_each_record_holds_its_own_links_both_ways(annotated: Store):
    """In a batch every position gets the ends from its own point of view."""
    everything, _ = annotated.positions()
    for details in annotated.details(everything):
        assert list(details.links) == annotated.link_ends(details.position.id)
        assert list(details.notes) == annotated.notes_for([details.position.id]).get(
            details.position.id, []
        )


def test_a_link_to_a_position_not_here_yet_is_not_shown(store: Store):
    record = copy.deepcopy(next(r for r in position_records() if r["id"] == POSITION))
    record.update(id="pk-linking-ahead", links=[{"relation": "denies", "target": "pk-not-yet"}])
    store.import_data({"positions": [record]}, origin="slice")
    [details] = store.details([store.get("pk-linking-ahead")])
    assert details.links == ()
    assert "pk-not-yet" not in render_export(store, Filter(), "md")[0]


def test_a_quote_whose_document_is_missing_names_the_document_by_id(
    store: Store, capsys, tmp_path: Path
):
    """A file written by another tool may lack a cited document: every view still shows
    the quote, naming the document by its id, with no sentence around it."""
    position = store.get(POSITION)
    missing = position.sources[0].document
    conn = store.db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    with conn:
        conn.execute("DELETE FROM documents WHERE id = ?", [missing])
    conn.execute("PRAGMA foreign_keys = ON")
    [details] = store.details([position])
    gone = [s for s in details.sources if s.document_id == missing]
    assert gone and all(s.title is None and s.name == missing for s in gone)
    assert all(s.context is None and s.published is None for s in gone)
    kept = [s for s in details.sources if s.document_id != missing]
    assert kept
    for source in kept:
        document = store.document(source.document_id)
        assert (source.title, source.outlet, source.published) == (
            document.title,
            document.outlet,
            document.published,
        )
    capsys.readouterr()
    assert main(["show", "--db", str(store.path), POSITION]) == 0
    assert f"— {missing} ({missing}, " in capsys.readouterr().out

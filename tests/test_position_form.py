"""The position form, driven by keys: new positions, refusals next to their field, edits.

The form is opened on a small host app (the timeline's keys that open it are wired
elsewhere); every test works on a real seeded SQLite file and looks in the store for
what was, or was not, written.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import Input, OptionList, RadioSet, SelectionList
from tui_helpers import wait_until

import tui.screens.position_form_screen as form_module
from store import DateBasis, DatePrecision, Filter, Kind, Relation, Store
from tui.link_search import short_id
from tui.quote_selection import QuoteSelection
from tui.screens.confirm_screen import ConfirmScreen
from tui.screens.position_form_screen import PositionFormScreen
from tui.widgets.actor_picker import ActorPicker
from tui.widgets.field_label import FieldLabel
from tui.widgets.link_picker import LinkPicker
from tui.widgets.topic_picker import TopicPicker

QUOTE_WORDS = "Pakistan"


class FormHost(App[None]):
    """Opens one form and keeps what it dismissed with."""

    def __init__(self, form: PositionFormScreen) -> None:
        super().__init__()
        self.form = form
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def a_quote(store: Store) -> QuoteSelection:
    """The first sentence of a seed document that mentions the quote words."""
    document = store.documents()[0]
    start = document.text.index(QUOTE_WORDS)
    end = document.text.index(".", start) + 1
    return QuoteSelection(document.id, start, end, document.text[start:end])


def all_ids(store: Store) -> set[str]:
    return {p.id for p in store.positions()[0]}


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def focus(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


SUMMARY = "Tharoor blames the other side for the attack"


async def fill_valid(pilot, *, type_summary: bool = False) -> None:
    """Side (first), kind (allegation), an actor, a topic, a summary: by keys, with Tab
    (the summary is typed key by key only when asked: pilot keys are slow)."""
    await pilot.press("enter", "tab")  # the first side; on to kind
    await pilot.press(*["down"] * 6, "enter", "tab")  # allegation; on to actors
    await type_text(pilot, "Thar")
    await pilot.press("enter", "tab", "tab")  # Shashi Tharoor; past his line to topics
    await pilot.press("space", "tab", "tab", "tab")  # the first topic; past new-topic fields
    if type_summary:
        await type_text(pilot, SUMMARY)
    else:
        assert pilot.app.focused.id == "form-summary"
        pilot.app.focused.value = SUMMARY
    await pilot.pause()


@pytest.fixture
def new_form(store: Store) -> PositionFormScreen:
    return PositionFormScreen(store, "alice", quote=a_quote(store))


async def test_a_new_position_filled_by_keys_is_saved_with_every_field(store: Store, new_form):
    before = all_ids(store)
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_valid(pilot, type_summary=True)
        await pilot.press("tab")  # the date
        await type_text(pilot, "early June 2025")
        await pilot.pause()
        assert "early Jun 2025" in str(new_form.query_one("#form-date-reads").render())
        await pilot.press("tab", "right", "right", "enter", "tab")  # basis: inferred
        await type_text(pilot, "Reported a week later.")
        await pilot.press("tab", "right", "enter", "tab")  # relation: denies; the search
        await type_text(pilot, "Pakistan denies")
        await pilot.pause(0.4)
        await pilot.press("enter", "enter")  # to the matches; the first one
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)
    (new_id,) = app.results
    assert all_ids(store) == before | {new_id}
    saved = store.get(new_id)
    first_side = store.vocabularies().in_order[0].id
    first_topic = store.vocabularies().topics[0].id
    assert saved.side == first_side
    assert saved.kind is Kind.ALLEGATION
    assert saved.actors == ["Shashi Tharoor"]
    assert saved.topics == [first_topic]
    assert saved.summary == SUMMARY
    assert (saved.date_start, saved.date_end) == (date(2025, 6, 1), date(2025, 6, 10))
    assert saved.date_precision is DatePrecision.PART_OF_MONTH
    assert saved.date_basis is DateBasis.INFERRED
    assert saved.date_note == "Reported a week later."
    assert saved.date_text == "early June 2025"
    quote = a_quote(store)
    assert [(s.document, s.quote, s.start, s.end) for s in saved.sources] == [
        (quote.document_id, quote.quote, quote.start, quote.end)
    ]
    assert len(saved.links) == 1 and saved.links[0].relation is Relation.DENIES
    (revision,) = store.history(new_id)
    assert (revision.action.value, revision.author, revision.origin) == ("create", "alice", "app")


async def test_an_inferred_date_without_a_note_is_refused_under_the_note(store: Store, new_form):
    before = all_ids(store)
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_valid(pilot)
        await focus(pilot, "#form-basis")
        await pilot.press("right", "right", "enter")  # inferred, and no note
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "note" in new_form.error_text("note")
        assert new_form.error_text("summary") == ""
        assert app.focused is not None and app.focused.id == "form-note"  # where to fix it
        assert app.screen is new_form and app.results == []
    assert all_ids(store) == before


async def test_an_empty_summary_is_refused_under_the_summary(store: Store, new_form):
    before = all_ids(store)
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_valid(pilot)
        await focus(pilot, "#form-summary")
        new_form.query_one("#form-summary", Input).value = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "summary is required" in new_form.error_text("summary").lower()
        assert app.results == []
        new_form.query_one("#form-summary", Input).value = "Now there is one"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)
    assert all_ids(store) == before | set(app.results)


async def test_the_stores_refusal_is_shown_under_the_field_it_names(store: Store, new_form):
    """Commentary belongs to the third lane: only the store's validation knows that."""
    before = all_ids(store)
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_valid(pilot)
        await focus(pilot, "#form-kind")
        await pilot.press("down", "down", "down", "down", "enter")  # allegation -> commentary
        assert new_form.query_one("#form-kind", RadioSet).pressed_index == len(Kind) - 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "other" in new_form.error_text("kind")
        assert app.results == []
    assert all_ids(store) == before


async def test_a_name_no_actor_answers_to_needs_a_second_enter(store: Store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#actor-input")
        await type_text(pilot, "Ministry of Nowhere")
        await pilot.press("enter")
        picker = new_form.query_one(ActorPicker)
        assert picker.names == ()
        assert "NEW actor" in str(new_form.query_one("#actor-hint").render())
        await pilot.press("s", "enter")  # another name: its first Enter only warns
        assert picker.names == ()
        await pilot.press("backspace", "enter")  # back to the first name: warned again
        assert picker.names == ()
        await pilot.press("enter")  # the second Enter on the same name
        assert picker.names == ("Ministry of Nowhere",)
        await type_text(pilot, "tharoor")  # an alias, any case: the canonical name
        await pilot.press("enter")
        assert picker.names == ("Ministry of Nowhere", "Shashi Tharoor")
        await pilot.press("tab", "backspace")  # the list; remove the highlighted (first)
        assert picker.names == ("Shashi Tharoor",)


async def test_a_new_topic_is_made_on_purpose_and_written_only_on_save(store: Store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_valid(pilot)
        await focus(pilot, "#topic-label")
        await type_text(pilot, "Water talks")
        await pilot.press("enter")
        assert "water_talks" in new_form.query_one(TopicPicker).selected
        assert "water_talks" not in {t.id for t in store.vocabularies().topics}
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)
    (new_id,) = app.results
    assert "water_talks" in {t.id for t in store.vocabularies().topics}
    assert "water_talks" in store.get(new_id).topics


async def test_escape_closes_at_once_when_nothing_was_typed(store: Store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.results)
    assert app.results == [None]


async def test_escape_after_typing_asks_first(store: Store, new_form):
    before = all_ids(store)
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#form-summary")
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is new_form
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: app.results)
    assert app.results == [None]
    assert all_ids(store) == before


async def test_editing_prefills_every_field_and_saves_an_edit(store: Store):
    linked = next(p for p in store.positions()[0] if p.links and p.date_note and p.topics)
    form = PositionFormScreen(store, "alice", position=linked)
    app = FormHost(form)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = form.values()
        assert shown.side == linked.side
        assert shown.kind is linked.kind
        assert list(shown.actors) == linked.actors
        assert list(shown.topics) == linked.topics
        assert shown.summary == linked.summary
        assert shown.date_text == linked.date_text
        assert shown.date_basis is linked.date_basis
        assert shown.date_note == linked.date_note
        assert [(r, t) for r, t in shown.links] == [(k.relation, k.target) for k in linked.links]
        await focus(pilot, "#form-summary")
        await pilot.press("end")
        await type_text(pilot, " (edited)")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)
    assert app.results == [linked.id]
    edited = store.get(linked.id)
    assert edited.summary == linked.summary + " (edited)"
    assert (edited.date_start, edited.date_end, edited.date_precision) == (
        linked.date_start,
        linked.date_end,
        linked.date_precision,
    )
    assert edited.links == linked.links
    assert edited.sources == linked.sources
    assert [(r.action.value, r.author, r.origin) for r in store.history(linked.id)][-1] == (
        "edit",
        "alice",
        "app",
    )


async def test_escape_on_an_untouched_edit_closes_at_once(store: Store):
    linked = next(p for p in store.positions()[0] if p.links)
    app = FormHost(PositionFormScreen(store, "alice", position=linked))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.results)
    assert app.results == [None]
    assert store.history(linked.id)[-1].action.value != "edit"


async def test_the_date_is_read_as_it_is_typed_and_picks_its_basis(store: Store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#form-date")
        reads = new_form.query_one("#form-date-reads")
        assert "the document's date" in str(reads.render())
        await type_text(pilot, "May 2025")
        assert "May 2025 (month)" in str(reads.render())
        assert new_form.values().date_basis is DateBasis.STATED
        new_form.query_one("#form-date", Input).value = "the other day"
        await pilot.pause()
        assert "cannot read" in str(reads.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "cannot read" in new_form.error_text("date")


async def search_links(pilot, form: PositionFormScreen, words: str) -> None:
    """Type `words` in the link search and wait for its matches."""
    await focus(pilot, "#link-search")
    await type_text(pilot, words)
    picker = form.query_one(LinkPicker)
    await wait_until(pilot, lambda: picker.count_text and picker._timer is None)
    await pilot.pause()


async def test_every_link_match_is_reachable_and_how_many_is_said(store: Store, new_form):
    matching = store.positions(Filter(text="water"))[0]
    assert len(matching) > 5  # more than the five the form used to offer
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_links(pilot, new_form, "water")
        picker = new_form.query_one(LinkPicker)
        assert picker.count_text == f"{len(matching)} matches"
        await pilot.press("down")  # to the matches, as Enter goes
        results = new_form.query_one("#link-results", OptionList)
        assert app.focused is results
        seen = []
        for _ in range(len(matching) + 3):
            seen.append(results.get_option_at_index(results.highlighted).id)
            await pilot.press("down")
        assert set(seen) == {p.id for p in matching}
        assert seen[-1] == matching[-1].id  # it stopped at the last: no wrapping round


async def test_more_matches_than_listed_are_counted_with_a_nudge_to_narrow(
    store: Store, new_form, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(form_module, "LINK_LIMIT", 3)
    total = store.counts(Filter(text="water")).shown
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_links(pilot, new_form, "water")
        picker = new_form.query_one(LinkPicker)
        assert picker.count_text == f"3 of {total}"
        assert f"3 of {total} shown; type more to narrow" in picker.status
        assert new_form.query_one("#link-results", OptionList).option_count == 3


async def test_the_match_cursor_stops_at_the_ends_and_the_status_follows(store, new_form):
    matching = store.positions(Filter(text="challenges"))[0]
    assert len(matching) == 2
    vocab = store.vocabularies()
    relation = next(iter(Relation))  # the one ticked at first
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_links(pilot, new_form, "challenges")
        picker = new_form.query_one(LinkPicker)
        results = new_form.query_one("#link-results", OptionList)
        for n, p in enumerate(matching):  # each match says whose, what, when and which
            line = str(results.get_option_at_index(n).prompt)
            assert vocab.side_label(p.side) in line and short_id(p.id) in line
        await pilot.press("enter")
        assert results.highlighted == 0
        assert f"Enter adds {relation.label} {matching[0].id}" in picker.status
        await pilot.press("down", "down", "down")
        assert results.highlighted == 1  # not wrapped back to the first
        await pilot.press("up", "up")
        assert results.highlighted == 0
        await pilot.press("up")  # above the first: back to the search field
        assert app.focused is not None and app.focused.id == "link-search"
        await pilot.press("down", "down")
        assert results.highlighted == 1
        assert f"Match 2 of 2: Enter adds {relation.label} {matching[1].id}" in picker.status
        await pilot.press("enter")
        assert picker.links == ((relation, matching[1].id),)
        assert picker.status == f"Added: {relation.label} {matching[1].id}."
        await focus(pilot, "#link-chosen")
        await pilot.press("delete")
        assert picker.links == ()
        assert picker.status == f"Removed: {relation.label} {matching[1].id}."
        await focus(pilot, "#link-relation")
        await pilot.press("right", "enter")  # another relation: the hint follows it
        await pilot.pause()
        assert (
            picker.status == f"Match 2 of 2: Enter adds {picker.relation.label} {matching[1].id}."
        )
        assert picker.relation is not relation


async def test_link_matches_come_into_view_as_they_are_typed(store: Store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await focus(pilot, "#link-search")
        await type_text(pilot, "water")
        picker = new_form.query_one(LinkPicker)
        await wait_until(pilot, lambda: picker.count_text and picker._timer is None)
        body = new_form.query_one("#form-body")
        parts = ("#link-search", "#link-count", "#link-results", "#link-hint")

        def in_view() -> bool:
            shown = body.content_region
            return all(shown.contains_region(new_form.query_one(p).region) for p in parts)

        await wait_until(pilot, in_view, seconds=1.0)
        assert app.focused is not None and app.focused.id == "link-search"  # still typing


async def test_an_unreadable_date_leaves_the_basis_alone(store: Store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#form-date")
        date_field = new_form.query_one("#form-date", Input)
        await type_text(pilot, "said on Wednesday")
        await pilot.pause()
        assert "✗" in str(new_form.query_one("#form-date-reads").render())
        assert new_form.values().date_basis is DateBasis.DOCUMENT
        date_field.value = "23 April 2025"
        await pilot.pause()
        assert new_form.values().date_basis is DateBasis.STATED
        date_field.value = "23 April 2025 or so"  # unreadable again: no flip back
        await pilot.pause()
        assert new_form.values().date_basis is DateBasis.STATED
        date_field.value = ""
        await pilot.pause()
        assert new_form.values().date_basis is DateBasis.DOCUMENT


async def test_the_topics_label_says_how_many_and_that_the_list_scrolls(store, new_form):
    topics = store.vocabularies().topics
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        label = next(lb for lb in new_form.query(FieldLabel) if lb.field_id == "form-topics")
        listing = new_form.query_one("#topic-list", SelectionList)
        assert listing.max_scroll_y > 0  # the seed has more topics than the box shows
        assert label.text == f"Topics ({len(topics)}, 0 ticked; Space ticks; ↓ scrolls for more)"
        await focus(pilot, "#topic-list")
        await pilot.press("space")
        await pilot.pause()
        assert f"({len(topics)}, 1 ticked;" in label.text


async def test_the_focused_fields_label_is_marked_in_a_character(store, new_form):
    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def marked() -> list[str]:
            return [lb.text for lb in new_form.query(FieldLabel) if str(lb.render())[:1] == "▶"]

        assert marked() == ["Side"]
        await pilot.press("tab")
        assert marked() == ["Kind"]
        await focus(pilot, "#topic-label")  # inside the topics field, not its list
        assert [m.split(" (")[0] for m in marked()] == ["Topics"]
        await focus(pilot, "#link-search")
        assert marked() == ["Links to other positions"]


async def test_f1_opens_the_codebook_over_the_form_and_esc_returns(store: Store, new_form):
    from textual.widgets import Markdown

    from tui.screens.codebook_screen import CODEBOOK, CodebookScreen

    app = FormHost(new_form)
    async with app.run_test(size=(80, 24)) as pilot:
        await focus(pilot, "#form-summary")
        await type_text(pilot, "kept")
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        markdown = app.screen.query_one(Markdown)
        assert markdown.source == CODEBOOK.read_text(encoding="utf-8")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is new_form)
        assert new_form.query_one("#form-summary", Input).value == "kept"
    assert app.results == []

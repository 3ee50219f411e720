"""The history formatter: a revision's header and a readable line per change.

Revisions are built by hand here (the store's own are exercised in
tests/test_cli_history.py), so each rule is shown on the smallest case: scalars,
lists, quotes, links, status, creations, data another tool wrote, and hostile text.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from store import PositionStatus, Revision, RevisionAction
from store.revisions import FieldChange
from tui.history_text import (
    RevisionText,
    change_lines,
    created_lines,
    describe,
    header,
    history_text,
    status_line,
)

AT = "2026-11-23T21:04:37+00:00"

BASE: dict[str, Any] = {
    "id": "pk-answer",
    "side": "pakistan",
    "actors": ["Government of Pakistan"],
    "kind": "action",
    "summary": "Pakistan answers",
    "topics": ["terrorism"],
    "places": [],
    "date_start": "2025-06-02",
    "date_end": "2025-06-02",
    "date_precision": "day",
    "date_text": "2 June",
    "date_basis": "stated",
    "date_note": "",
    "sources": [
        {
            "document": "doc-1",
            "quote": "Pakistan swiftly responded",
            "start": 120,
            "end": 146,
            "prefix": "…",
            "suffix": "…",
        }
    ],
    "links": [{"relation": "responds_to", "target": "in-statement"}],
    "status": "active",
    "status_reason": "",
}


def revision(
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    action: RevisionAction = RevisionAction.EDIT,
    author: str = "alice",
    origin: str = "app",
    reason: str = "",
    rid: int = 12,
) -> Revision:
    return Revision(rid, "pk-answer", AT, author, action, origin, reason, before, after)


def edited(**changes: Any) -> Revision:
    return revision(copy.deepcopy(BASE), {**copy.deepcopy(BASE), **changes})


def lines_of(rev: Revision) -> list[str]:
    return list(describe(rev).lines)


# Header -----------------------------------------------------------------------------


def test_the_header_names_number_time_author_action_origin_and_reason():
    rev = revision(BASE, BASE, reason="tighter wording")
    assert header(rev) == "#12 2026-11-23 21:04 UTC · alice · edit · app — tighter wording"


def test_a_header_without_a_reason_has_no_dash():
    assert header(revision(BASE, BASE)) == "#12 2026-11-23 21:04 UTC · alice · edit · app"


def test_a_header_says_when_no_author_was_recorded():
    rev = revision(None, BASE, author="", action=RevisionAction.SEED, origin="seed/p.json")
    assert header(rev) == "#12 2026-11-23 21:04 UTC · (no author) · seed · seed/p.json"


def test_an_unreadable_time_is_said_so():
    rev = Revision(3, "x", "yesterday", "bob", RevisionAction.EDIT, "cli", "", BASE, BASE)
    assert header(rev).startswith("#3 time unreadable · bob · edit · cli")


# Scalars ----------------------------------------------------------------------------


def test_a_changed_summary_reads_old_arrow_new_in_quotes():
    assert lines_of(edited(summary="Pakistan sends a delegation")) == [
        'summary: "Pakistan answers" → "Pakistan sends a delegation"'
    ]


def test_codes_are_shown_bare_and_each_changed_field_has_its_line():
    assert lines_of(edited(kind="statement", date_start="2025-06-03", date_end="2025-06-04")) == [
        "kind: action → statement",
        "date_start: 2025-06-02 → 2025-06-03",
        "date_end: 2025-06-02 → 2025-06-04",
    ]


def test_an_empty_value_reads_none():
    assert lines_of(edited(date_note="From the ministry's calendar.")) == [
        'date_note: (none) → "From the ministry\'s calendar."'
    ]
    assert lines_of(edited(date_text="")) == ['date_text: "2 June" → (none)']


def test_a_revision_that_changed_nothing_says_so():
    text = describe(revision(BASE, copy.deepcopy(BASE)))
    assert text.lines == ("(no field changed)",)


# Lists ------------------------------------------------------------------------------


def test_topics_show_what_was_added_then_what_was_removed():
    assert lines_of(edited(topics=["kashmir"])) == ["topics: + kashmir − terrorism"]
    assert lines_of(edited(topics=["terrorism", "kashmir", "water"])) == [
        "topics: + kashmir + water"
    ]


def test_actors_and_places_read_the_same_way():
    assert lines_of(
        edited(actors=["Government of Pakistan", "Bilawal Bhutto Zardari"], places=["London"])
    ) == ["actors: + Bilawal Bhutto Zardari", "places: + London"]
    assert lines_of(edited(actors=[])) == ["actors: − Government of Pakistan"]


def test_a_list_that_only_changed_order_says_so():
    rev = revision({**BASE, "topics": ["a", "b"]}, {**BASE, "topics": ["b", "a"]})
    assert lines_of(rev) == ["topics: order a, b → b, a"]


# Sources and links ------------------------------------------------------------------


def test_an_added_quote_shows_its_words_document_and_offsets():
    extra = {"document": "doc-2", "quote": "a delegation", "start": 10, "end": 22}
    assert lines_of(edited(sources=[*BASE["sources"], extra])) == [
        'sources: + quote "a delegation" (doc-2, 10–22)'
    ]


def test_a_removed_quote_is_marked_minus():
    assert lines_of(edited(sources=[])) == [
        'sources: − quote "Pakistan swiftly responded" (doc-1, 120–146)'
    ]


def test_a_moved_quote_is_one_gone_and_one_new():
    moved = {**BASE["sources"][0], "start": 121, "end": 147}
    assert lines_of(edited(sources=[moved])) == [
        'sources: + quote "Pakistan swiftly responded" (doc-1, 121–147)',
        'sources: − quote "Pakistan swiftly responded" (doc-1, 120–146)',
    ]


def test_links_read_as_their_relation_and_target():
    assert lines_of(edited(links=[{"relation": "denies", "target": "in-claim"}])) == [
        "links: + denies in-claim",
        "links: − responds to in-statement",
    ]


def test_a_relation_another_tool_invented_is_shown_as_stored():
    assert lines_of(edited(links=[*BASE["links"], {"relation": "echoes", "target": "x"}])) == [
        "links: + echoes x"
    ]


# Status -----------------------------------------------------------------------------


def test_a_retraction_shows_the_status_and_its_reason_on_one_line():
    rev = revision(
        BASE,
        {**BASE, "status": "retracted", "status_reason": "duplicates pk-delegation"},
        action=RevisionAction.RETRACT,
        reason="duplicates pk-delegation",
    )
    assert lines_of(rev) == ['status: active → retracted ("duplicates pk-delegation")']
    assert header(rev).endswith("· retract · app — duplicates pk-delegation")


def test_a_restore_shows_the_status_back_to_active():
    rev = revision(
        {**BASE, "status": "retracted", "status_reason": "wrong"},
        BASE,
        action=RevisionAction.RESTORE,
    )
    assert lines_of(rev) == ["status: retracted → active"]


def test_a_changed_reason_alone_is_a_line_of_its_own():
    rev = revision(
        {**BASE, "status": "retracted", "status_reason": "wrong"},
        {**BASE, "status": "retracted", "status_reason": "a duplicate"},
    )
    assert lines_of(rev) == ['status_reason: "wrong" → "a duplicate"']


# Creations --------------------------------------------------------------------------


def test_a_creation_lists_its_first_fields_compactly():
    rev = revision(None, BASE, action=RevisionAction.CREATE)
    assert lines_of(rev) == [
        'summary: "Pakistan answers"',
        "side: pakistan · kind: action",
        'date: 2025-06-02 (day, stated) "2 June"',
        "topics: terrorism",
        "actors: Government of Pakistan",
        'quote "Pakistan swiftly responded" (doc-1, 120–146)',
        "links: responds to in-statement",
    ]


def test_a_creation_with_a_span_several_quotes_and_no_links():
    after = {
        **BASE,
        "date_start": "2025-05-01",
        "date_end": "2025-05-31",
        "date_precision": "month",
        "date_text": "",
        "places": ["Washington", "London"],
        "sources": BASE["sources"] * 3,
        "links": [],
    }
    assert lines_of(revision(None, after, action=RevisionAction.IMPORT)) == [
        'summary: "Pakistan answers"',
        "side: pakistan · kind: action",
        "date: 2025-05-01..2025-05-31 (month, stated)",
        "topics: terrorism",
        "actors: Government of Pakistan",
        "places: Washington, London",
        'quote "Pakistan swiftly responded" (doc-1, 120–146)',
        'quote "Pakistan swiftly responded" (doc-1, 120–146)',
        'quote "Pakistan swiftly responded" (doc-1, 120–146)',
    ]


def test_a_position_created_retracted_says_so():
    after = {**BASE, "status": "retracted", "status_reason": "out of scope"}
    assert lines_of(revision(None, after, action=RevisionAction.IMPORT))[-1] == (
        'status: retracted ("out of scope")'
    )


# What other tools may have stored ---------------------------------------------------


def test_an_unreadable_snapshot_still_shows_something():
    rev = revision(BASE, {"unreadable": "{not json"})
    lines = lines_of(rev)
    assert 'unreadable: (none) → "{not json"' not in lines  # not free text: bare
    assert "unreadable: (none) → {not json" in lines
    assert 'summary: "Pakistan answers" → (none)' in lines


def test_values_of_an_unexpected_type_are_compact_json():
    assert lines_of(edited(topics="kashmir")) == ['topics: + "kashmir" − terrorism']
    assert lines_of(edited(date_start=20250602)) == ["date_start: 2025-06-02 → 20250602"]
    assert lines_of(edited(sources=[*BASE["sources"], "just words"])) == ['sources: + "just words"']


# Safe for a terminal ----------------------------------------------------------------

HOSTILE = "Ends\x1b[2J here\nand\u202e reversed [b]markup[/b]"


@pytest.mark.parametrize(
    "rev",
    [
        edited(summary=HOSTILE),
        edited(topics=[HOSTILE]),
        edited(sources=[{"document": HOSTILE, "quote": HOSTILE, "start": 1, "end": 2}]),
        edited(links=[{"relation": HOSTILE, "target": HOSTILE}]),
        revision(None, {**BASE, "summary": HOSTILE, "actors": [HOSTILE]}),
        revision(BASE, BASE, author=HOSTILE, origin=HOSTILE, reason=HOSTILE),
        revision(BASE, {**BASE, "status": "retracted", "status_reason": HOSTILE}),
    ],
)
def test_text_from_data_can_neither_break_a_line_nor_escape(rev: Revision):
    text = describe(rev).plain()
    assert "\x1b" not in text and "\u202e" not in text
    assert "⟨RLO⟩" in text  # the override is shown by name, not applied
    assert "[b]markup[/b]" in text  # plain text: brackets stay as typed
    assert len(text.splitlines()) == 1 + len(describe(rev).lines)


# The whole history ------------------------------------------------------------------


def test_plain_indents_the_changes_under_their_header():
    rev = edited(summary="New")
    assert describe(rev).plain() == (
        '#12 2026-11-23 21:04 UTC · alice · edit · app\n  summary: "Pakistan answers" → "New"'
    )


def test_history_text_keeps_the_order_it_is_given():
    revs = [revision(None, BASE, rid=1), edited(summary="New")]
    texts = history_text(revs)
    assert all(isinstance(t, RevisionText) for t in texts)
    assert [t.header.split()[0] for t in texts] == ["#1", "#12"]


def test_change_lines_of_nothing_is_nothing():
    assert change_lines([]) == []


def test_the_status_line_counts_and_says_the_status():
    assert status_line(1, PositionStatus.ACTIVE, "") == "1 revision; current status: active"
    assert status_line(4, PositionStatus.RETRACTED, "a\nduplicate") == (
        '4 revisions; current status: retracted ("a duplicate")'
    )
    assert status_line(0, PositionStatus.ACTIVE, "") == "0 revisions; current status: active"


def test_a_creation_lists_its_grade_and_doubt():
    after = {
        "summary": "s",
        "side": "x",
        "kind": "statement",
        "credibility": 3,
        "credibility_by": "alice",
        "doubt": "dates unclear",
    }
    lines = created_lines(after)
    assert "credibility: 3 (by alice)" in lines
    assert 'doubt: "dates unclear"' in lines


def test_a_grade_change_reads_field_by_field():
    changes = [
        FieldChange("credibility", None, 4),
        FieldChange("credibility_note", "", "thin"),
        FieldChange("doubt", "", "may swap"),
    ]
    assert change_lines(changes) == [
        "credibility: (none) → 4",
        'credibility_note: (none) → "thin"',
        'doubt: (none) → "may swap"',
    ]

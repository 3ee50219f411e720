"""Exports: the JSON contract, CSV shape, and a Markdown brief that data cannot subvert."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from store import Filter, Kind, Store
from store.details import PositionDetails
from store.export import CSV_COLUMNS, md_escape, render_export, to_csv, to_markdown
from store.models import Position

CONTRACT = [
    "id",
    "side",
    "actors",
    "kind",
    "summary",
    "topics",
    "places",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "date_basis",
    "date_note",
    "edtf",
    "sources",
    "links",
    "credibility",
    "credibility_note",
    "credibility_by",
    "doubt",
]


DOCUMENT = [
    "id",
    "title",
    "outlet",
    "published",
    "published_note",
    "text",
    "url",
    "author",
    "format",
    "reliability",
    "reliability_note",
    "reliability_by",
]


def test_json_follows_the_contract(store: Store):
    data = json.loads(render_export(store, Filter(), "json")[0])
    assert list(data) == ["sides", "topics", "actors", "documents", "positions"]
    assert data["sides"] == [
        {"id": "india", "label": "India"},
        {"id": "pakistan", "label": "Pakistan"},
    ]
    used_topics = {t for p in data["positions"] for t in p["topics"]}
    assert {t["id"] for t in data["topics"]} == used_topics
    named = {a for p in data["positions"] for a in p["actors"]}
    assert {a["name"] for a in data["actors"]} == named
    assert [d["id"] for d in data["documents"]] == sorted(d.id for d in store.documents())
    assert all(list(d) == DOCUMENT for d in data["documents"])
    for record in data["positions"]:
        assert list(record) == CONTRACT
        assert all(
            list(s) == ["document", "quote", "start", "end", "prefix", "suffix", "citation"]
            for s in record["sources"]
        )
        assert all(list(link) == ["relation", "target"] for link in record["links"])
        assert record["summary"] and record["actors"] and record["topics"] and record["sources"]


def test_csv_has_one_row_per_position_with_lists_joined(store: Store):
    positions, _ = store.positions()
    rows = list(csv.DictReader(io.StringIO(to_csv(positions))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(positions)
    row = next(r for r in rows if r["id"] == "pk-delegation")
    assert row["places"].split(" | ")[:2] == ["Washington", "Paris"]
    assert row["links"] == "mirrors in-delegations"


def brief(store: Store, flt: Filter) -> str:
    positions, _ = store.positions(flt)
    return to_markdown(store.details(positions), flt, store.vocabularies())


def test_markdown_brief_has_filters_dates_and_aligned_sides(store: Store):
    text = brief(store, Filter(sides=frozenset({"india", "pakistan"})))
    assert text.startswith("# Counterpoint brief\n")
    assert "Filters: side India or Pakistan" in text
    assert "Dates: 2025-04-23 to 2025-06-10" in text
    day = text[text.index("## 2025-04-23") : text.index("## 2025-05-21")]
    assert day.index("### India") < day.index("### Pakistan")
    for position_id in ("in-attributes-attack", "pk-denies-attack"):
        assert f"**{store.get(position_id).summary}**" in day
    assert "### Other" not in text
    alleged, denial = (store.get(i).summary for i in ("in-attributes-attack", "pk-denies-attack"))
    assert f"  - denies \\[India\\] {md_escape(alleged)}" in text
    assert f"  - denied by \\[Pakistan\\] {md_escape(denial)}" in text  # both ways
    assert "— *India and Pakistan Engage in Global Diplomacy Amid Kashmir Tensions*" in text


def test_markdown_brief_carries_the_analysts_notes(store: Store):
    store.set_note(
        "pk-denies-attack",
        "alice",
        "Line one\nline two",
        at=datetime(2025, 7, 1, 9, 30, tzinfo=UTC),
    )
    text = brief(store, Filter(annotated=True))
    assert "- Notes:\n  - alice, 2025-07-01 09:30 UTC: Line one line two\n" in text


def test_markdown_cannot_be_injected_through_data():
    hostile = "[click](javascript:alert(1)) *bold* <script>x</script> `code` a|b &amp;\n# head"
    escaped = md_escape(hostile)
    assert "\n" not in escaped
    for raw in ("[click]", "*bold*", "<script>", "`code`", "a|b", " &amp;"):
        assert raw not in escaped
    assert escaped.replace("\\", "") == " ".join(hostile.split())


def test_markdown_escapes_summaries_and_quotes(store: Store):
    position = store.get("attack-pahalgam")
    hostile = Position.model_validate(
        {**position.model_dump(), "summary": "Evil [link](http://x) **now**"}
    )
    text = to_markdown([PositionDetails(hostile)], Filter(), store.vocabularies())
    assert "Evil \\[link\\](http\\:\\//x) \\*\\*now\\*\\*" in text


def test_json_export_is_inert_in_a_terminal_and_reads_back_the_same(store: Store):
    """C1 controls (CSI), bidi controls and the Unicode line separators are written as
    escapes in the JSON export: the same strings to a JSON reader, inert on a screen."""
    hostile = "Says \x9b2J then \u202eevil\u202c and\u2028a line and NEL\x85 done"
    store.db.execute("UPDATE positions SET summary = ? WHERE id = 'in-suspends-iwt'", [hostile])
    store.db.conn.commit()
    text = render_export(store, Filter(), "json")[0]
    assert not any(ch in text for ch in "\x9b\u202e\u202c\u2028\x85")
    by_id = {p["id"]: p for p in json.loads(text)["positions"]}
    assert by_id["in-suspends-iwt"]["summary"] == hostile


@pytest.mark.parametrize(
    "flt",
    [
        Filter(),
        Filter(topics=frozenset({"terrorism"}), with_answers=True),
        Filter(text="Indus"),
        Filter(kinds=frozenset({Kind.OFFER}), sides=frozenset({"india"})),  # nothing
    ],
    ids=["all", "topic+answers", "search", "empty"],
)
def test_streamed_exports_are_the_whole_ones_byte_for_byte(
    store: Store, flt: Filter, monkeypatch: pytest.MonkeyPatch
):
    """Written a page at a time (7 positions here, so pages join), the JSON and CSV are
    exactly what building them whole gives."""
    from store import export
    from store.export import _cited_documents, to_csv, to_json

    monkeypatch.setattr(export, "PAGE", 7)
    positions = store.positions(flt)[0]
    whole_json = to_json(positions, _cited_documents(store, positions), store.vocabularies())
    assert render_export(store, flt, "json") == (whole_json, len(positions))
    assert render_export(store, flt, "csv") == (to_csv(positions), len(positions))
    json.loads(whole_json)

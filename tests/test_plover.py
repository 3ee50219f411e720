"""PLOVER event records: every kind mapped or said to be unmappable, the fields the
specification names, the sides treated alike, and the mapping table in docs the same
as the code's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_check import swap_sides

from store import Filter, Kind, Store
from store.export import render_export
from store.plover import KIND_TO_PLOVER, coded_stamp

DOCS = Path(__file__).parent.parent / "docs" / "plover.md"
REQUIRED = {"id", "date", "actor", "event"}
"""PLOVER's required fields (its Data Fields table)."""
CATEGORIES = {
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
PLOVER_FIELDS = {
    *("id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient"),
    *("event", "event_loc", "event_text", "quad_code", "event_scale", "mode", "context"),
    *("link", "text", "text_info", "cite_info", "coder", "coded_date", "coded_time"),
    "comment",
}
"""The names in the manual's "PLOVER JSON" table (Data Fields chapter), copied by hand."""
ENTITY_FIELDS = {
    *("code", "sector", "entity_text", "identifier_id", "identifier_text"),
    *("religion", "ethnicity", "office", "gender", "age"),
}
TEXT_INFO_FIELDS = {"sequence", "start", "end", "text_story"}
CITE_INFO_FIELDS = {
    *("corpus", "citation", "url", "title", "language", "publication", "license"),
    *("copyright", "coder", "codebook", "version"),
}
OURS = {"edtf", "cameo", "plover_note", "side", "sources"}
"""The fields we add, as PLOVER allows; docs/plover.md lists them."""
MODES = {
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
}
"""The modes PLOVER's manual gives the categories with modes that our mapping uses."""


def records(store: Store) -> list[dict]:
    text = render_export(store, Filter(), "plover")[0]
    return [json.loads(line) for line in text.splitlines()]


def test_every_kind_has_a_mapping_with_a_reason(store: Store):
    assert set(KIND_TO_PLOVER) == set(Kind)
    used = {p.kind for p in store.positions()[0]}
    assert used <= set(KIND_TO_PLOVER)
    for mapping in KIND_TO_PLOVER.values():
        assert mapping.why and not mapping.why.startswith("unmapped")
        assert mapping.event is None or mapping.event in CATEGORIES
        assert (mapping.event is None) == (mapping.quad is None)
        assert mapping.mode is None or mapping.mode in MODES[mapping.event or ""]


def test_every_seed_kind_is_exported_as_the_mapping_says(store: Store):
    rows = records(store)
    positions = {p.id: p for p in store.positions()[0]}
    assert [r["id"] for r in rows] == [p.id for p in store.positions()[0]]
    assert {positions[r["id"]].kind for r in rows} == {p.kind for p in positions.values()}
    for row in rows:
        p = positions[row["id"]]
        mapping = KIND_TO_PLOVER[p.kind]
        assert set(row) >= REQUIRED
        assert isinstance(row["actor"], list) and isinstance(row["recipient"], list)
        assert [a["entity_text"] for a in row["actor"]] == p.actors
        assert row["event"] == ([mapping.event] if mapping.event else [])
        assert row["has_event"] == (mapping.event is not None)
        assert row["plover_note"] == ("" if mapping.event else mapping.why)
        assert row["cameo"] == mapping.cameo
        assert row["date"] == p.date_start.isoformat() and row["edtf"] == p.edtf
        assert row["event_text"] == [s.quote for s in p.sources]
        assert [(s["document"], s["quote"]) for s in row["sources"]] == [
            (s.document, s.quote) for s in p.sources
        ]
        assert row["cite_info"]["citation"] == row["sources"][0]["citation"]
        first = store.history(p.id)[0]
        assert row["coder"] == first.author
        assert f"{row['coded_date']}T{row['coded_time']}" == first.at


def test_a_denial_and_what_it_denies_name_each_other_as_recipients(store: Store):
    rows = {r["id"]: r for r in records(store)}
    denial = store.get("pk-denies-attack")
    [denied] = [link.target for link in denial.links if link.relation.value == "denies"]
    accuser = store.get(denied)
    assert {e["entity_text"] for e in rows[denial.id]["recipient"]} == set(accuser.actors)
    assert set(denial.actors) <= {e["entity_text"] for e in rows[accuser.id]["recipient"]}


def test_the_sides_swapped_swap_only_the_sides(store: Store):
    """The same coding with the two sides exchanged gives the same records with the
    side fields exchanged: nothing else depends on which side is which."""
    first, second = (s.id for s in store.vocabularies().parties)
    swap = {first: second, second: first}

    def swapped(value):
        if isinstance(value, dict):
            return {k: swap.get(v, v) if k == "side" else swapped(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swapped(v) for v in value]
        return value

    before = [swapped(r) for r in records(store)]
    swap_sides(store)
    assert records(store) == before
    assert any(r["side"] == first for r in before) and any(r["side"] == second for r in before)


def test_the_docs_table_is_the_codes_table():
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] in {k.value for k in Kind}:
            rows[cells[0]] = cells
    assert set(rows) == {k.value for k in Kind}
    for kind, mapping in KIND_TO_PLOVER.items():
        event, mode, quad, cameo, note = rows[kind.value][1:]
        assert event == (mapping.event or "—") and mode == (mapping.mode or "—")
        assert quad == (str(mapping.quad) if mapping.quad else "—")
        assert cameo == mapping.cameo and note == mapping.why
        assert not re.search(r"\s{2,}", note)


def test_a_kind_without_a_row_is_exported_as_unmapped(store: Store, monkeypatch):
    """A kind the table lacks (one added to the codebook first) gives honest rows,
    not a failed export; every other row is as before."""
    before = {r["id"]: r for r in records(store)}
    monkeypatch.delitem(KIND_TO_PLOVER, Kind.DENIAL)
    after = {r["id"]: r for r in records(store)}
    denials = {p.id for p in store.positions()[0] if p.kind is Kind.DENIAL}
    assert denials and after.keys() == before.keys()
    for position_id, row in after.items():
        if position_id not in denials:
            assert row == before[position_id]
            continue
        assert row["event"] == [] and row["mode"] == [] and row["has_event"] is False
        assert row["quad_code"] is None and row["cameo"] == ""
        assert row["plover_note"].startswith("unmapped:") and "'denial'" in row["plover_note"]


def test_a_documents_url_is_in_its_citation(store: Store):
    position = next(
        p
        for p in store.positions()[0]
        if len(p.sources) == 2 and p.sources[0].document != p.sources[1].document
    )
    first, second = (s.document for s in position.sources)
    store.db.execute(
        "UPDATE documents SET url = ? WHERE id = ?", ["https://example.invalid/a", second]
    )
    row = {r["id"]: r for r in records(store)}[position.id]
    assert row["cite_info"]["url"] is None
    assert [s["url"] for s in row["sources"]] == [None, "https://example.invalid/a"]
    store.db.execute(
        "UPDATE documents SET url = ? WHERE id = ?", ["https://example.invalid/b", first]
    )
    row = {r["id"]: r for r in records(store)}[position.id]
    assert row["cite_info"]["url"] == "https://example.invalid/b"


def test_a_stamp_that_is_not_iso_8601_is_kept_whole():
    assert coded_stamp("2025-05-07T10:30:00+00:00") == ("2025-05-07", "10:30:00+00:00")
    assert coded_stamp("7 May 2025") == ("7 May 2025", "")


def test_a_line_break_json_leaves_raw_does_not_split_a_record(store: Store):
    """NEL and the Unicode line and paragraph separators in a summary stay inside their
    record for readers that split lines the Unicode way, and read back unchanged."""
    position = store.positions()[0][0]
    summary = "one\u2028two\u2029three\x85four \x1b[31m"
    store.db.execute("UPDATE positions SET summary = ? WHERE id = ?", [summary, position.id])
    text = render_export(store, Filter(), "plover")[0]
    assert len(text.splitlines()) == len(store.positions()[0]) == text.count("\n")
    row = next(r for r in records(store) if r["id"] == position.id)
    assert row["comment"] == summary


def test_every_field_is_plovers_or_one_we_declare(store: Store):
    """A misspelt field (`date_coded`, `eventText`) would pass unnoticed by a pipeline
    that reads PLOVER's names: every key is the manual's, or one of ours, listed."""
    docs = DOCS.read_text(encoding="utf-8")
    assert all(f"`{field}`" in docs for field in OURS | (PLOVER_FIELDS & set(records(store)[0])))
    for row in records(store):
        assert set(row) <= PLOVER_FIELDS | OURS
        for entity in row["actor"] + row["recipient"]:
            assert set(entity) <= ENTITY_FIELDS | {"side"}
        assert set(row["text_info"]) <= TEXT_INFO_FIELDS
        assert set(row["cite_info"]) <= CITE_INFO_FIELDS

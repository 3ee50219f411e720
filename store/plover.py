"""Positions as PLOVER event records (JSON Lines), for quantitative event pipelines.

PLOVER (Political Language Ontology for Verifiable Event Records, the Open Event Data
Alliance's successor to CAMEO) names the fields of an event record ("Data Fields"
chapter of its manual): `id`, `date`, `enddate`, `actor` and `recipient` (lists of
entity objects), `event` (a list of categories), `mode`, `context`, `quad_code`,
`event_text`, `text_info`, `cite_info`, `coder`, `coded_date`, `coded_time`, `comment`,
and `has_event` ("event has been coded"). Fields beyond those are allowed; ours are
`edtf`, `cameo` (the CAMEO root code alongside), `plover_note`, `side` and `sources`
(every quote with its document, where `cite_info` and `text_info` hold only the first).

Our kinds map to PLOVER categories by `KIND_TO_PLOVER` (the table is also in
docs/plover.md, and a test holds the two equal). PLOVER dropped CAMEO's 01 (public
statement) and 02 (appeal), and it codes intent only as intent to cooperate; where no
category fits, the row says so (`has_event` false, `event` empty, `plover_note` why)
rather than forcing one; a kind the table lacks is exported the same way, its note
saying it is unmapped (`mapping_for`), so an export never fails on one. The recipient
is not coded in Counterpoint; it is taken, side-blind, from the links that make one:
the actors of the positions this one denies or counters, or is denied or countered by,
when they are of another side (a response to an event is not addressed to the event's
actor, so `responds_to` does not count).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import json_text
from .citations import Citation
from .details import PositionDetails
from .records import Position
from .vocab import Kind

if TYPE_CHECKING:
    from .api import Store


@dataclass(frozen=True)
class PloverMapping:
    """What one kind becomes: a PLOVER category (None where none fits), its mode, the
    quad category (1 verbal cooperation … 4 material conflict), the CAMEO root, and why.
    PLOVER asks that a coding's departures from its CAMEO table be documented ("CAMEO
    vs. PLOVER"), so every row says why; a row without a category exports it as
    `plover_note`."""

    event: str | None
    mode: str | None
    quad: int | None
    cameo: str
    why: str


KIND_TO_PLOVER: dict[Kind, PloverMapping] = {
    Kind.ACTION: PloverMapping(
        None,
        None,
        None,
        "04-06, 16",
        "no single category: an action is CONSULT, SUPPORT, COOPERATE or SANCTION by what "
        "was done, which the kind does not say",
    ),
    Kind.STATEMENT: PloverMapping(
        None, None, None, "01", "PLOVER dropped CAMEO 01 (make public statement)"
    ),
    Kind.INTENT: PloverMapping(
        None,
        None,
        None,
        "03",
        "PLOVER codes intent only as AGREE (intent to cooperate); a reported aim is not one",
    ),
    Kind.OFFER: PloverMapping(
        "AGREE", None, 1, "03", "CAMEO 03 is AGREE: an offer or promise to cooperate"
    ),
    Kind.APPEAL: PloverMapping(None, None, None, "02", "PLOVER dropped CAMEO 02 (appeal)"),
    Kind.DEMAND: PloverMapping(
        "REQUEST",
        None,
        3,
        "10",
        "CAMEO 10 is REQUEST (all requests, demands and orders); the kind does not say which mode",
    ),
    Kind.ALLEGATION: PloverMapping(
        "ACCUSE",
        "allege",
        3,
        "11",
        "CAMEO 11 is ACCUSE; mode allege: formally or informally accuse",
    ),
    Kind.DENIAL: PloverMapping(
        "REJECT",
        None,
        3,
        "12",
        "CAMEO 12 is REJECT; PLOVER names REJECT for a denial of responsibility (CAMEO 016) "
        "as a user's choice, which we take",
    ),
    Kind.CRITICISM: PloverMapping(
        "ACCUSE", "disapprove", 3, "11", "CAMEO 11 is ACCUSE; mode disapprove: condemn, complain"
    ),
    Kind.INCIDENT: PloverMapping(
        None,
        None,
        None,
        "18-20",
        "no category from the kind: an incident is coded by what happened (an attack is "
        "ASSAULT), and its actor is often unknown",
    ),
    Kind.COMMENTARY: PloverMapping(
        None, None, None, "", "the reporter's own framing, not an actor's event"
    ),
}


def mapping_for(kind: Kind) -> PloverMapping:
    """The row for `kind`, or an honest "unmapped" one: a kind added to the codebook
    before this table learns it still exports (no category, the note says why) rather
    than stopping the export; tests/test_plover.py fails until the table has it."""
    found = KIND_TO_PLOVER.get(kind)
    if found is not None:
        return found
    return PloverMapping(
        None,
        None,
        None,
        "",
        f"unmapped: Counterpoint's PLOVER table (docs/plover.md) has no row for kind "
        f"{kind.value!r}",
    )


RECIPIENT_RELATIONS = frozenset({"denies", "counters"})
"""The links whose other end is whom a position is addressed to."""

CODEBOOK = "counterpoint-codebook (docs/codebook.md; PLOVER mapping docs/plover.md)"


def _entity(name: str, side: str) -> dict[str, str]:
    return {"entity_text": name, "identifier_text": name, "side": side}


def coded_stamp(at: str) -> tuple[str, str]:
    """A revision's stamp as PLOVER's `coded_date` (YYYY-MM-DD) and `coded_time`, split
    so that date + "T" + time is the ISO 8601 datetime again, as its Data Fields ask. A
    stamp another tool wrote that is not ISO 8601 is kept whole as the date: unchanged
    rather than guessed at."""
    try:
        datetime.fromisoformat(at)
    except ValueError:
        return at, ""
    date_part, _, time_part = at.partition("T")
    return date_part, time_part


def _sources(details: PositionDetails, urls: dict[str, str | None]) -> list[dict[str, Any]]:
    """Every quote with its document: `cite_info` and `text_info` are single objects in
    PLOVER and hold the first, so a position quoting two documents loses neither."""
    return [
        {
            "document": s.document_id,
            "title": s.title,
            "url": urls.get(s.document_id),
            "quote": s.quote,
            "start": s.start,
            "end": s.end,
            "citation": Citation.of(s.document_id, s.start, s.end, s.quote).text,
        }
        for s in details.sources
    ]


def event_record(
    details: PositionDetails,
    others: dict[str, Position],
    coded: tuple[str, str] | None,
    urls: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """One position as a PLOVER record. `others` holds the positions at the other end
    of its links; `coded` is (who, when) of its first revision, if kept; `urls` the
    documents' URLs where known."""
    p = details.position
    urls = urls or {}
    mapping = mapping_for(p.kind)
    recipients: list[dict[str, str]] = []
    for end in details.links:
        other = others.get(end.other_id)
        if end.relation.value in RECIPIENT_RELATIONS and other and other.side != p.side:
            recipients += [
                _entity(name, other.side)
                for name in other.actors
                if _entity(name, other.side) not in recipients
            ]
    sources = _sources(details, urls)
    first = sources[0] if sources else None
    coded_date, coded_time = coded_stamp(coded[1]) if coded else ("", "")
    record: dict[str, Any] = {
        "id": p.id,
        "has_event": mapping.event is not None,
        "date": p.date_start.isoformat(),
        "enddate": p.date_end.isoformat(),
        "edtf": p.edtf,
        "actor": [_entity(name, p.side) for name in p.actors],
        "recipient": recipients,
        "event": [mapping.event] if mapping.event else [],
        "mode": [mapping.mode] if mapping.mode else [],
        "context": [],
        "quad_code": mapping.quad,
        "cameo": mapping.cameo,
        "plover_note": "" if mapping.event else mapping.why,
        "side": p.side,
        "event_text": [s.quote for s in details.sources],
        "text_info": {"start": first["start"], "end": first["end"]} if first else {},
        "cite_info": {
            "citation": first["citation"],
            "url": first["url"],
            "title": first["title"],
            "publication": details.sources[0].outlet,
            "coder": "Counterpoint",
            "codebook": CODEBOOK,
        }
        if first
        else {},
        "sources": sources,
        "coder": coded[0] if coded else "",
        "coded_date": coded_date,
        "coded_time": coded_time,
        "comment": p.summary + (f" [doubt: {p.doubt}]" if p.doubt else ""),
    }
    return record


def to_plover(store: Store, positions: Iterable[Position]) -> str:
    """The positions as PLOVER JSON Lines, one event record a line, in timeline order."""
    details = store.details(list(positions))
    other_ids = {end.other_id for d in details for end in d.links}
    others = store.get_many(other_ids)
    urls = {doc.id: doc.url for doc in store.documents()}
    lines = []
    for d in details:
        history = store.history(d.position.id)
        coded = (history[0].author, history[0].at) if history else None
        lines.append(json_line(event_record(d, others, coded, urls)))
    return "".join(line + "\n" for line in lines)


def json_line(record: dict[str, Any]) -> str:
    """One record as one line of JSON Lines, whatever its text holds: NEL and the
    Unicode line separators, at which readers that split lines the Unicode way would
    cut it, are escaped with the rest (`store.json_text`)."""
    return json_text.dumps(record)

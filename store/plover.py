"""Positions as PLOVER event records (JSON Lines), for quantitative event pipelines.

PLOVER (Political Language Ontology for Verifiable Event Records, the Open Event Data
Alliance's successor to CAMEO) names the fields of an event record ("Data Fields"
chapter of its manual): `id`, `date`, `enddate`, `actor` and `recipient` (lists of
entity objects), `event` (a list of categories), `mode`, `context`, `quad_code`,
`event_text`, `text_info`, `cite_info`, `coder`, `coded_date`, `comment`, and
`has_event` ("event has been coded"). Fields beyond those are allowed; ours are `edtf`,
`cameo` (the CAMEO root code alongside), `plover_note` and `side`.

Our kinds map to PLOVER categories by `KIND_TO_PLOVER` (the table is also in
docs/plover.md, and a test holds the two equal). PLOVER dropped CAMEO's 01 (public
statement) and 02 (appeal), and it codes intent only as intent to cooperate; where no
category fits, the row says so (`has_event` false, `event` empty, `plover_note` why)
rather than forcing one. The recipient is not coded in Counterpoint; it is taken,
side-blind, from the links that make one: the actors of the positions this one denies
or counters, or is denied or countered by, when they are of another side (a response
to an event is not addressed to the event's actor, so `responds_to` does not count).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .citations import Citation
from .details import PositionDetails
from .records import Position
from .vocab import Kind

if TYPE_CHECKING:
    from .api import Store


@dataclass(frozen=True)
class PloverMapping:
    """What one kind becomes: a PLOVER category (None where none fits), its mode, the
    quad category (1 verbal cooperation … 4 material conflict), the CAMEO root, and why
    when there is no category."""

    event: str | None
    mode: str | None
    quad: int | None
    cameo: str
    note: str = ""


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
    Kind.OFFER: PloverMapping("AGREE", None, 1, "03"),
    Kind.APPEAL: PloverMapping(None, None, None, "02", "PLOVER dropped CAMEO 02 (appeal)"),
    Kind.DEMAND: PloverMapping("REQUEST", None, 3, "10"),
    Kind.ALLEGATION: PloverMapping("ACCUSE", "allege", 3, "11"),
    Kind.DENIAL: PloverMapping("REJECT", None, 3, "12"),
    Kind.CRITICISM: PloverMapping("ACCUSE", "disapprove", 3, "11"),
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

RECIPIENT_RELATIONS = frozenset({"denies", "counters"})
"""The links whose other end is whom a position is addressed to."""

CODEBOOK = "counterpoint-codebook (docs/codebook.md; PLOVER mapping docs/plover.md)"


def _entity(name: str, side: str) -> dict[str, str]:
    return {"entity_text": name, "identifier_text": name, "side": side}


def event_record(
    details: PositionDetails,
    others: dict[str, Position],
    coded: tuple[str, str] | None,
) -> dict[str, Any]:
    """One position as a PLOVER record. `others` holds the positions at the other end
    of its links; `coded` is (who, when) of its first revision, if kept."""
    p = details.position
    mapping = KIND_TO_PLOVER[p.kind]
    recipients: list[dict[str, str]] = []
    for end in details.links:
        other = others.get(end.other_id)
        if end.relation.value in RECIPIENT_RELATIONS and other and other.side != p.side:
            recipients += [
                _entity(name, other.side)
                for name in other.actors
                if _entity(name, other.side) not in recipients
            ]
    first = details.sources[0] if details.sources else None
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
        "plover_note": mapping.note,
        "side": p.side,
        "event_text": [s.quote for s in details.sources],
        "text_info": {"start": first.start, "end": first.end} if first else {},
        "cite_info": {
            "citation": Citation.of(first.document_id, first.start, first.end, first.quote).text,
            "title": first.title,
            "publication": first.outlet,
            "coder": "Counterpoint",
            "codebook": CODEBOOK,
        }
        if first
        else {},
        "coder": coded[0] if coded else "",
        "coded_date": coded[1][:10] if coded else "",
        "comment": p.summary + (f" [doubt: {p.doubt}]" if p.doubt else ""),
    }
    return record


def to_plover(store: Store, positions: Iterable[Position]) -> str:
    """The positions as PLOVER JSON Lines, one event record a line, in timeline order."""
    details = store.details(list(positions))
    other_ids = {end.other_id for d in details for end in d.links}
    others = store.get_many(other_ids)
    lines = []
    for d in details:
        history = store.history(d.position.id)
        coded = (history[0].author, history[0].at) if history else None
        lines.append(json.dumps(event_record(d, others, coded), ensure_ascii=False))
    return "".join(line + "\n" for line in lines)

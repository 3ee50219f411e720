"""The store described for Datasette, so colleagues can browse it in a web page with
nothing but `datasette counterpoint.db -m metadata.json`.

Datasette reads a metadata file (JSON) per run: titles and descriptions of each table
and column, the column that labels a row when another table points at it
(`label_column`), the facets a table opens with, which FTS table searches it, and canned
queries. This module writes that file from the live schema, so a column added by a
migration without a description here is caught by a test rather than shown blank.
Datasette itself is never imported: it is a colleague's tool, not a runtime need.

The canned queries are written side-blind: "topics one side has not addressed" pairs
every two compared sides both ways, never naming one.
"""

from __future__ import annotations

import json
from typing import Any

from .grades import CREDIBILITY
from .query import ANSWER_RELATIONS
from .vocab import Kind

ACTIVE = "p.status = 'active'"
CLAIM_KINDS = (Kind.ALLEGATION, Kind.CRITICISM, Kind.DEMAND)
"""What "claims and their answers" lists: the kinds that put something to the other side
(an accusation, a criticism, a demand), answered or not."""


def _sql_list(values: tuple[str, ...]) -> str:
    """An SQL list of our own vocabulary (never user input), so the queries follow the
    enums and `store.query.ANSWER_RELATIONS` instead of copying them."""
    return ", ".join(_sql_text(value) for value in values)


def _sql_text(text: str) -> str:
    """An SQL string literal of our own wording."""
    return "'" + text.replace("'", "''") + "'"


def _credibility_label() -> str:
    """`p.credibility` read as "2 probably true" (as the app shows it), from the grades'
    own table."""
    cases = "\n    ".join(
        f"WHEN {grade} THEN {_sql_text(f'{grade} {label.lower()}')}"
        for grade, label in CREDIBILITY.items()
    )
    return f"CASE p.credibility {cases} ELSE 'ungraded' END"


TABLES: dict[str, dict[str, Any]] = {
    "positions": {
        "description": "One row a position: what one side (or another actor) said or did, "
        "traced to quotes in `sources`. Topics: see position_topics. Search matches summary, "
        "quotes and actors (add _searchmode=raw to the address for AND, OR, NEAR, prefix*).",
        "label_column": "summary",
        "facets": ["side", "kind", "credibility", "status"],
        "sortable_columns": ["date_start", "date_end", "side", "kind", "credibility"],
        "fts_table": "positions_fts",
        "fts_pk": "rowid",
        "columns": {
            "id": "The position's id (stable: links, notes and revisions name it).",
            "side": "The side it belongs to (see sides); 'other' for third parties.",
            "kind": "What sort of move: action, statement, allegation, denial … "
            "(docs/codebook.md).",
            "summary": "One sentence in the codebook's words: who claims or does what.",
            "date_start": "First day the position may date from (YYYY-MM-DD).",
            "date_end": "Last day it may date from.",
            "date_precision": "How finely the date is known: day, week, part_of_month, "
            "month, year, span.",
            "date_text": "The source's own words for the date, when it states one.",
            "date_basis": "Where the date comes from: stated, document (as of the "
            "document's date), inferred (from outside the text).",
            "date_note": "For an inferred date: where it comes from.",
            "actors_text": "The actors' names, for full-text search.",
            "quotes_text": "The quotes' text, for full-text search.",
            "status": "active, or retracted (out of the analysis, kept with its history).",
            "status_reason": "Why it was retracted.",
            "credibility": "Admiralty information credibility: 1 confirmed … 5 improbable, "
            "6 cannot be judged; empty: ungraded.",
            "credibility_note": "Why that grade.",
            "credibility_by": "Who graded it.",
            "doubt": "Why the source itself may be wrong here; empty: no doubt.",
        },
    },
    "sources": {
        "description": "The quotes a position rests on: exact words of a document, with "
        "their offsets in its text (code points).",
        "facets": ["document_id"],
        "columns": {
            "position_id": "The position quoting.",
            "ordinal": "The quote's order within its position.",
            "document_id": "The document quoted.",
            "quote": "The exact words.",
            "start": "Where the quote starts in the document's text (code points).",
            "end": "Where it ends.",
            "prefix": "Up to 32 code points before the quote (to find it again).",
            "suffix": "Up to 32 code points after it.",
        },
    },
    "documents": {
        "description": "The source texts, with their source-reliability grade.",
        "label_column": "title",
        "facets": ["reliability", "outlet"],
        "columns": {
            "id": "The document's id.",
            "title": "Its title.",
            "outlet": "Who published it.",
            "published": "Its date (an editorial assumption when the text has none).",
            "published_note": "Where that date comes from.",
            "text": "The whole text, as quoted.",
            "sha256": "SHA-256 of the text's UTF-8 bytes (`counterpoint verify` checks it).",
            "url": "Where it was read.",
            "author": "Its author, when named.",
            "format": "What it was added from: text, markdown, html.",
            "added_by": "Who added it.",
            "added_at": "When.",
            "reliability": "Admiralty source reliability: A completely … E unreliable, "
            "F cannot be judged; empty: ungraded.",
            "reliability_note": "Why that grade.",
            "reliability_by": "Who graded it.",
        },
    },
    "links": {
        "description": "How one position stands to another: source RELATION target.",
        "facets": ["relation"],
        "columns": {
            "source_id": "The position the link starts from.",
            "ordinal": "Its order among the source's links.",
            "relation": "responds_to, denies, counters, mirrors, supports, elaborates.",
            "target_id": "The position it points to.",
        },
    },
    "position_topics": {
        "description": "The topics each position is coded with, one row a topic: browse "
        "topics here, faceted by topic and side (a position has several topics, so "
        "positions cannot be faceted by topic). Side and date are the position's, repeated.",
        "facets": ["topic", "side"],
        "columns": {
            "position_id": "The position.",
            "ordinal": "The topic's order within the position.",
            "topic": "The topic (see topics).",
            "side": "The position's side, repeated.",
            "date_start": "The position's first day, repeated.",
        },
    },
    "position_actors": {
        "description": "The actors of each position, in the order coded.",
        "facets": ["actor_id"],
        "columns": {
            "position_id": "The position.",
            "ordinal": "The actor's order within the position.",
            "actor_id": "The actor (see actors).",
        },
    },
    "position_places": {
        "description": "The places each position names.",
        "facets": ["name"],
        "columns": {
            "position_id": "The position.",
            "ordinal": "The place's order.",
            "name": "The place.",
        },
    },
    "sides": {
        "description": "The sides compared, and the third lane for everyone else.",
        "label_column": "label",
        "columns": {
            "id": "The side's id.",
            "label": "How it reads.",
            "lane": "Its lane on the timeline (1 and 2 the compared sides, 3 the others).",
        },
    },
    "topics": {
        "description": "The topics positions are coded with.",
        "label_column": "label",
        "columns": {
            "id": "The topic's id.",
            "label": "How it reads.",
            "description": "What it covers.",
            "ordinal": "Its place in lists.",
        },
    },
    "actors": {
        "description": "Who speaks or acts, one row each, with the side they belong to.",
        "label_column": "name",
        "facets": ["side", "kind"],
        "columns": {
            "id": "The actor's id.",
            "name": "The canonical name.",
            "side": "The side they belong to (empty: none).",
            "kind": "government, official, party, organisation, media, person.",
        },
    },
    "actor_aliases": {
        "description": "Other names an actor answers to.",
        "columns": {
            "key": "The alias, folded for matching.",
            "actor_id": "The actor.",
            "alias": "The alias as written.",
        },
    },
    "notes": {
        "description": "Analysts' notes on positions, one per analyst per position.",
        "facets": ["author"],
        "fts_table": "notes_fts",
        "fts_pk": "rowid",
        "columns": {
            "position_id": "The position.",
            "author": "Who wrote it.",
            "text": "The note.",
            "updated_at": "When it was last saved.",
        },
    },
    "bookmarks": {
        "description": "Each analyst's own bookmarks.",
        "facets": ["author"],
        "columns": {
            "position_id": "The position.",
            "author": "Whose bookmark.",
            "created_at": "When.",
        },
    },
    "revisions": {
        "description": "Every change to every position, oldest first: nothing is erased.",
        "facets": ["action", "author", "origin"],
        "columns": {
            "id": "The revision's number.",
            "position_id": "The position changed.",
            "at": "When (UTC).",
            "author": "Who.",
            "action": "create, edit, retract, restore, undo, import, seed.",
            "origin": "Where from: app, cli, an import file.",
            "reason": "Why, as the analyst gave it.",
            "before": "The position before (JSON).",
            "after": "The position after (JSON).",
        },
    },
    "document_sentences": {
        "description": "Each document's sentences, as offsets (split once when stored).",
        "columns": {
            "document_id": "The document.",
            "start": "Where the sentence starts (code points).",
            "end": "Where it ends.",
        },
    },
}

HIDDEN = ("side_counts", "drafts", "views")
"""Kept for the app (running counts; an analyst's unsaved form; where each analyst left
off and their saved views), not for browsing."""

QUERIES: dict[str, dict[str, str]] = {
    "claims_and_their_answers": {
        "title": "Claims and their answers",
        "description": "Every active allegation, criticism and demand, with the positions "
        "that deny, counter or respond to it (none: still unanswered).",
        "sql": f"""SELECT p.date_start AS date, p.side AS claim_side, p.kind AS claim_kind,
  p.id AS claim, p.summary AS claim_summary, l.relation AS answered_by,
  a.side AS answer_side, a.id AS answer, a.summary AS answer_summary
FROM positions p
LEFT JOIN links l ON l.target_id = p.id AND l.relation IN ({_sql_list(ANSWER_RELATIONS)})
  AND l.source_id IN (SELECT id FROM positions WHERE status = 'active')
LEFT JOIN positions a ON a.id = l.source_id
WHERE {ACTIVE} AND p.kind IN ({_sql_list(CLAIM_KINDS)})
ORDER BY p.date_start, p.id, a.date_start, a.id""",
    },
    "topics_one_side_has_not_addressed": {
        "title": "Topics one side has not addressed",
        "description": "For every two compared sides, both ways: the topics one has "
        "positions on and the other has none.",
        "sql": f"""SELECT t.label AS topic, s.label AS addressed_by, o.label AS not_addressed_by,
  (SELECT count(*) FROM position_topics pt JOIN positions p ON p.id = pt.position_id
   WHERE pt.topic = t.id AND p.side = s.id AND {ACTIVE}) AS positions
FROM topics t, sides s, sides o
WHERE s.id != o.id AND s.lane IN (1, 2) AND o.lane IN (1, 2)
  AND EXISTS (SELECT 1 FROM position_topics pt JOIN positions p ON p.id = pt.position_id
              WHERE pt.topic = t.id AND p.side = s.id AND {ACTIVE})
  AND NOT EXISTS (SELECT 1 FROM position_topics pt JOIN positions p ON p.id = pt.position_id
                  WHERE pt.topic = t.id AND p.side = o.id AND {ACTIVE})
ORDER BY t.ordinal, t.id, s.lane""",
    },
    "positions_by_credibility": {
        "title": "Positions by credibility",
        "description": "How many active positions of each side have each credibility "
        "grade, and how many of those carry a doubt.",
        "sql": f"""SELECT {_credibility_label()} AS credibility,
  s.label AS side, count(*) AS positions, sum(p.doubt != '') AS doubted
FROM positions p JOIN sides s ON s.id = p.side
WHERE {ACTIVE}
GROUP BY p.credibility, s.id
ORDER BY p.credibility IS NULL, p.credibility, s.lane""",
    },
    "doubted_positions": {
        "title": "Doubted positions",
        "description": "Positions whose source may itself be wrong, with the reason.",
        "sql": f"""SELECT p.date_start AS date, p.side, p.kind, p.id, p.summary, p.doubt,
  p.credibility
FROM positions p WHERE {ACTIVE} AND p.doubt != ''
ORDER BY p.date_start, p.id""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """The metadata for a database Datasette names `database` (its file's stem)."""
    tables: dict[str, Any] = {name: dict(spec) for name, spec in TABLES.items()}
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": "Counterpoint",
        "description": "Two sides' positions, side by side on one date axis, each traced "
        "to the exact words of its source. Written by `counterpoint datasette-config`.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }


def metadata_json(database: str) -> str:
    return json.dumps(metadata(database), ensure_ascii=False, indent=2) + "\n"

"""Counterpoint's data layer: models, schema, import and the query API.

Nothing here knows about screens. `Store` is the entry point; `Filter` says what
to show; the vocabularies say what the coded fields may hold. `Position` and the
other records exported here are what the store returns; the pydantic models
that validate input live in `store.models` and load only when something is
imported.
"""

from .anchoring import Anchor, anchor, context_of
from .api import QueryResult, SideCounts, Store, TimelineKey
from .coverage import CitedSentence, DocumentSummary
from .dates import DateParseError, DateSpan, parse_date_range, parse_date_text
from .errors import ImportRejected, StoreError
from .grades import (
    CREDIBILITY,
    RELIABILITY,
    best_reliability,
    combined_grade,
    credibility_label,
    parse_credibility_range,
    parse_reliability_range,
    reliability_label,
)
from .ingest import ExtractedDocument, extract_document, load_document, read_document_source
from .matrix import MatrixCell, MatrixRow
from .query import Filter, SearchMode
from .records import Document, Draft, ImportSummary, Link, LinkEnd, Note, Position, Source
from .registry import Actor, SideInfo, TopicInfo, Vocabularies, alias_key
from .revisions import FieldChange, Provenance, Revision
from .schema import SCHEMA_VERSION
from .views import LEFT_OFF, SavedView, ViewState
from .vocab import (
    OTHER_SIDE,
    ActorKind,
    DateBasis,
    DatePrecision,
    Kind,
    PositionStatus,
    Relation,
    RevisionAction,
)

__all__ = [
    "CREDIBILITY",
    "LEFT_OFF",
    "OTHER_SIDE",
    "RELIABILITY",
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Anchor",
    "CitedSentence",
    "DateBasis",
    "DateParseError",
    "DatePrecision",
    "DateSpan",
    "Document",
    "DocumentSummary",
    "Draft",
    "ExtractedDocument",
    "FieldChange",
    "Filter",
    "ImportRejected",
    "ImportSummary",
    "Kind",
    "Link",
    "LinkEnd",
    "MatrixCell",
    "MatrixRow",
    "Note",
    "Position",
    "PositionStatus",
    "Provenance",
    "QueryResult",
    "Relation",
    "Revision",
    "RevisionAction",
    "SavedView",
    "SearchMode",
    "SideCounts",
    "SideInfo",
    "Source",
    "Store",
    "StoreError",
    "TimelineKey",
    "TopicInfo",
    "ViewState",
    "Vocabularies",
    "alias_key",
    "anchor",
    "best_reliability",
    "combined_grade",
    "context_of",
    "credibility_label",
    "extract_document",
    "load_document",
    "parse_credibility_range",
    "parse_date_range",
    "parse_date_text",
    "parse_reliability_range",
    "read_document_source",
    "reliability_label",
]

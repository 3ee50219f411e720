"""A position record to code in tests of the desk: Pakistan's answering delegation,
quoted from the first seed document (one record, used by every desk test)."""

from __future__ import annotations

from store import Store

DOC = "000_94edd1293f8f187e"
QUOTE = "Pakistan swiftly responded"


def new_record(store: Store, **changes: object) -> dict:
    """An import-format position quoting QUOTE in DOC by its offsets; `changes` override."""
    start = store.document(DOC).text.index(QUOTE)
    return {
        "side": "pakistan",
        "actors": ["Government of Pakistan"],
        "kind": "action",
        "summary": "Pakistan answers with a delegation of its own",
        "topics": ["diplomatic_outreach"],
        "date_start": "2025-06-02",
        "date_end": "2025-06-02",
        "date_precision": "day",
        "date_text": "2 June",
        "date_basis": "stated",
        "sources": [{"document": DOC, "quote": QUOTE, "start": start, "end": start + len(QUOTE)}],
        **changes,
    }

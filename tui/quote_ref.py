"""The quote a new position is coded from: where it is and what it says.

The reader's selection hands one of these to the position form. It is only the
part of a selection the form needs (a document, code-point offsets, the words),
so the form can be opened by anything that knows a quote.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """`quote` is `document.text[start:end]`, exactly as the document holds it."""

    document_id: str
    start: int
    end: int
    quote: str

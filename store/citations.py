"""A compact citation for every quote that leaves Counterpoint: `doc@start-end#hash`.

The document id, the quote's offsets in code points of the document's text, and the
first 12 hex digits of the SHA-256 of the quoted characters (UTF-8). Anyone holding
the document can check a quote in a brief without Counterpoint: take the characters
from start to end, hash them, compare; `counterpoint verify BRIEF` does it against the
database. Twelve hex digits (48 bits) cannot be forged by accident and keep the
citation short enough to sit beside the quote. In Markdown it is inline code, which no
renderer turns into a link; the id comes before the last "@", so an id of another tool
holding "@" still reads back.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

DIGEST_LENGTH = 12

_CITATION = re.compile(r"^(?P<document>.+)@(?P<start>\d+)-(?P<end>\d+)#(?P<digest>[0-9a-f]{12})$")


def quote_digest(quote: str) -> str:
    """The short hash of a quote's characters."""
    return hashlib.sha256(quote.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class Citation:
    """Where a quote is, and a fingerprint of what it says."""

    document: str
    start: int
    end: int
    digest: str

    @classmethod
    def of(cls, document: str, start: int, end: int, quote: str) -> Citation:
        return cls(document, start, end, quote_digest(quote))

    @classmethod
    def parse(cls, text: str) -> Citation | None:
        """The citation written as `text`, or None when it is not one."""
        found = _CITATION.match(text.strip())
        if found is None:
            return None
        return cls(found["document"], int(found["start"]), int(found["end"]), found["digest"])

    @property
    def text(self) -> str:
        return f"{self.document}@{self.start}-{self.end}#{self.digest}"

    def as_json(self) -> dict[str, object]:
        """The structured form, for JSON exports: the compact text and its parts."""
        return {
            "text": self.text,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "sha256_12": self.digest,
        }

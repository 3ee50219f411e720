"""The seed: two news documents about the diplomatic contest after the Pahalgam attack,
the positions read off them, and the loader that imports both."""

from .loader import context_sentences, document_records, is_seeded, position_records, seed

__all__ = ["context_sentences", "document_records", "is_seeded", "position_records", "seed"]

"""The seed's sides and topics, as the tests name them (the store knows them only as data)."""

from __future__ import annotations

from seed.loader import vocabulary_records

SIDES = ("india", "pakistan", "other")
"""The seed's two sides, left then right, and the third lane."""
TOPICS = tuple(topic["id"] for topic in vocabulary_records()["topics"])
"""The seed's topic ids in its order."""

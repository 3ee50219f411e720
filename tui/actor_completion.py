"""Finding a registry actor from what an analyst types: exactly, by prefix, by word.

An actor answers to its name and its aliases, compared as the store compares them
(`alias_key`: NFC, case-folded, spaces collapsed), so the form never offers a match the
store would not make. `ActorIndex.exact` is what Enter adds; `complete` is the grey
completion drawn in the field; `candidates` lists actors whose names contain a word
that starts with what was typed, for the hint under the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.suggester import Suggester

from store import Actor, Vocabularies, alias_key


@dataclass(frozen=True, slots=True)
class ActorName:
    """One name an actor answers to (its own, or an alias)."""

    name: str
    key: str
    actor: Actor


class ActorIndex:
    """Every name of every actor of a database, for matching typed text."""

    def __init__(self, vocab: Vocabularies) -> None:
        self._names = [
            ActorName(name, alias_key(name), actor)
            for actor in vocab.actors
            for name in (actor.name, *actor.aliases)
        ]
        self._names.sort(key=lambda n: (n.key, n.actor.name))

    def exact(self, text: str) -> Actor | None:
        """The actor called `text` (by its name, an alias or its id), or None."""
        wanted = alias_key(text)
        if not wanted:
            return None
        for entry in self._names:
            if entry.key == wanted or entry.actor.id == wanted:
                return entry.actor
        return None

    def complete(self, text: str) -> str | None:
        """`text` followed by the rest of the first name that starts with it (as typed,
        so the field can draw the rest after the cursor), or None."""
        wanted = " ".join(text.casefold().split())
        if not wanted or text != text.lstrip():
            return None
        for entry in self._names:
            folded = " ".join(entry.name.casefold().split())
            if folded.startswith(wanted) and len(folded) > len(wanted):
                return text + " ".join(entry.name.split())[len(wanted) :]
        return None

    def candidates(self, text: str, limit: int = 3) -> list[Actor]:
        """Actors with a name in which some word starts with `text` ("Sharif" finds
        "Shehbaz Sharif"), each once, at most `limit`."""
        wanted = alias_key(text)
        if not wanted:
            return []
        found: list[Actor] = []
        for entry in self._names:
            words = entry.key.split()
            hit = entry.key.startswith(wanted) or any(
                " ".join(words[i:]).startswith(wanted) for i in range(1, len(words))
            )
            if hit and entry.actor not in found:
                found.append(entry.actor)
                if len(found) == limit:
                    break
        return found


class ActorSuggester(Suggester):
    """The field's completion: the rest of the first actor name that starts with what
    was typed."""

    def __init__(self, index: ActorIndex) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._index = index

    async def get_suggestion(self, value: str) -> str | None:
        return self._index.complete(value)

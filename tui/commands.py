"""The command palette (Ctrl+P): every action, and every side, kind, topic and actor
as a filter, so anything can be reached by typing a few letters of its name."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from store import Filter, Kind
from store.plain_text import one_line


def highlighted(matcher: Matcher, label: str) -> Content:
    """`Matcher.highlight` without reading the label as markup: labels hold actor names
    from the data, and "[@click=app.quit]" there must stay text (and must not raise)."""
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class CounterpointCommands(Provider):
    """Actions come from the timeline screen's bindings; filters from the vocabularies
    and the actors in the database."""

    def _commands(self) -> list[tuple[str, object, str]]:
        from .screens.timeline_screen import TimelineScreen

        screen = self.screen
        if not isinstance(screen, TimelineScreen):
            return []
        commands: list[tuple[str, object, str]] = []
        for binding in screen.BINDINGS:
            commands.append(
                (
                    binding.description,
                    partial(screen.run_action, binding.action),
                    f"Action ({binding.key.split(',')[0]})",
                )
            )
        current = screen.filter

        def add(label: str, flt: Filter) -> None:
            commands.append((label, partial(screen.apply_filter, flt), "Filter"))

        vocab = screen.vocab
        for side in vocab.in_order:
            label = one_line(side.label)
            add(f"Filter: side {label}", replace(current, sides=frozenset({side.id})))
        for kind in Kind:
            add(f"Filter: kind {kind.label}", replace(current, kinds=frozenset({kind})))
        for topic in vocab.topics:
            label = one_line(topic.label)
            add(f"Filter: topic {label}", replace(current, topics=frozenset({topic.id})))
        for actor in vocab.actors:
            name = one_line(actor.name)
            add(f"Filter: actor {name}", replace(current, actors=frozenset({actor.id})))
        add("Filter: bookmarked by me", replace(current, bookmarked_by=screen.author))
        add("Filter: with a note", replace(current, annotated=True))
        add("Filter: clear all", Filter())
        for saved in screen.store.saved_views(screen.author):
            described = saved.state.filter.describe(vocab)
            search = f", /{one_line(saved.state.search)}" if saved.state.search else ""
            commands.append(
                (
                    f"View {saved.name}: {described}{search}",
                    partial(screen.go_to_view, saved.name),
                    f"Saved view (' {saved.name})",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for label, callback, help_text in self._commands():
            yield DiscoveryHit(Content(label), callback, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlighted(matcher, label), callback, text=label, help=help_text)

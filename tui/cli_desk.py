"""The coding desk without the app: add a document, code a position from its words,
retract or restore one. Registered on the `counterpoint` group by `tui.cli`.

Each command is one call to the store's desk API, which validates as `import` does and
keeps a revision of every change, named after the analyst (the login name).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from store import DateBasis, DateParseError, Kind, Relation, StoreError, parse_date_text
from store.sentences import split_sentences

from .analyst import current_analyst
from .cli import _db, cli, db_option, open_store, say
from .progress import progress

ORIGIN = "cli"


@cli.command("add-document")
@db_option
@click.argument("source", metavar="PATH")
@click.option("--title", help="The document's title (default: from the page or first line).")
@click.option("--publisher", help="Who published it (default: the page's site name).")
@click.option("--published", help='Publication date, e.g. "3 June 2025" (default: the page\'s).')
@click.option("--url", help="Where it was read (default: the page's canonical URL).")
@click.option("--author", "writer", help="Who wrote it (default: the page's author).")
@click.option("--id", "document_id", help="The document's id (default: from its title).")
@click.pass_context
def add_document_command(
    ctx: click.Context,
    db: str | None,
    source: str,
    title: str | None,
    publisher: str | None,
    published: str | None,
    url: str | None,
    writer: str | None,
    document_id: str | None,
) -> None:
    """Add a source document: PATH is plain text, Markdown or a saved HTML page (`-` reads
    standard input). From HTML the article's text and metadata are taken (trafilatura).
    The stored text is what quotes point into: it is kept exactly and never changes; the
    same text added again is recognised by its SHA-256 and not stored twice."""
    from store.ingest import load_document

    with progress(f"reading {source}"):
        extracted = load_document(source if source == "-" else Path(source))
    with open_store(_db(ctx, db), create=True) as store:
        same = store.document_with_text(extracted.text)
        if same is not None:  # said before anything else is asked of the analyst
            stored = store.document(same)
            say(
                f"Already stored as {same} ({stored.title!r}): the same text "
                f"(SHA-256 {stored.sha256[:12]}…); nothing added."
            )
            return
    day = _published(published) if published else extracted.published
    if day is None:
        raise click.UsageError(
            f"{source} names no publication date; give it with --published (e.g. 2025-06-03)"
        )
    record = {
        "title": title or extracted.title,
        "outlet": publisher or extracted.publisher,
        "published": day.isoformat(),
        "text": extracted.text,
        "url": url or extracted.url,
        "author": writer or extracted.author,
        "format": extracted.format,
    }
    if document_id:
        record["id"] = document_id
    with open_store(_db(ctx, db), create=True) as store:
        stored_id, added = store.add_document(record, author=current_analyst(), origin=str(source))
        document = store.document(stored_id)
        if not added:
            say(
                f"Already stored as {stored_id} ({document.title!r}): the same text "
                f"(SHA-256 {document.sha256[:12]}…); nothing added."
            )
            return
        sentences = len(split_sentences(document.text))
        say(
            f"Added {stored_id}: {document.title!r}"
            + (f", {document.outlet}" if document.outlet else "")
            + f", {document.published.isoformat()}; {len(document.text):,} characters, "
            f"{sentences} sentences, SHA-256 {document.sha256[:12]}…"
        )


def _published(text: str) -> date:
    try:
        return parse_date_text(text, date.today()).start
    except DateParseError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc


@cli.command("code")
@db_option
@click.argument("document")
@click.option("--quote", required=True, help="The exact words of the document to cite.")
@click.option(
    "--occurrence", type=click.IntRange(min=1), help="Which occurrence, when it occurs twice."
)
@click.option("--side", required=True, help="One of the two sides (id or name), or other.")
@click.option("--kind", required=True, help="e.g. allegation, denial, action.")
@click.option("--summary", required=True, help="One line: who says or does what.")
@click.option("--actor", "actors", multiple=True, help="A registered actor (name or alias).")
@click.option("--new-actor", "new_actors", multiple=True, help="An actor to register anew.")
@click.option("--topic", "topics", multiple=True, help="A topic id or label; repeatable.")
@click.option(
    "--date",
    "date_text",
    help='As the source words it, e.g. "23 April", "early June", or EDTF: "2025-05-07/2025-05-10".',
)
@click.option(
    "--basis",
    type=click.Choice([b.value for b in DateBasis]),
    help="stated (the words of --date; the default with --date), document (the document's "
    "date; the default without), inferred (needs --date-note).",
)
@click.option("--date-note", default="", help="Where an inferred date comes from.")
@click.option("--link", "links", multiple=True, help="RELATION:ID, e.g. denies:in-accuses-x.")
@click.option("--id", "position_id", help="The position's id (default: made from its fields).")
@click.pass_context
def code_command(
    ctx: click.Context,
    db: str | None,
    document: str,
    quote: str,
    occurrence: int | None,
    side: str,
    kind: str,
    summary: str,
    actors: tuple[str, ...],
    new_actors: tuple[str, ...],
    topics: tuple[str, ...],
    date_text: str | None,
    basis: str | None,
    date_note: str,
    links: tuple[str, ...],
    position_id: str | None,
) -> None:
    """Code a position from DOCUMENT (its id), anchored by the words of --quote: an error
    names each place when they occur more than once (--occurrence N picks one)."""
    with open_store(_db(ctx, db)) as store:
        vocab = store.vocabularies()
        doc = store.document(document)
        side_id = _resolved(vocab.side_from_text, side, "--side")
        try:
            kind_value = Kind.from_text(kind).value
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--kind") from exc
        for name in actors:
            _resolved(vocab.actor_from_text, name, "--actor", " (--new-actor registers one)")
        topic_ids = [_resolved(vocab.topic_from_text, topic, "--topic") for topic in topics]
        chosen_basis = (
            DateBasis(basis) if basis else (DateBasis.STATED if date_text else DateBasis.DOCUMENT)
        )
        if date_text:
            try:
                span = parse_date_text(date_text, doc.published)
            except DateParseError as exc:
                raise click.BadParameter(str(exc), param_hint="--date") from exc
            start, end, precision = span.start, span.end, span.precision.value
        else:
            start = end = doc.published
            precision = "day"
        source: dict[str, object] = {"document": doc.id, "quote": quote}
        if occurrence is not None:
            source["occurrence"] = occurrence
        record: dict[str, object] = {
            "side": side_id,
            "actors": [*actors, *new_actors],
            "kind": kind_value,
            "summary": summary,
            "topics": topic_ids,
            "date_start": start.isoformat(),
            "date_end": end.isoformat(),
            "date_precision": precision,
            "date_text": date_text or "",
            "date_basis": chosen_basis.value,
            "date_note": date_note,
            "sources": [source],
            "links": [_link(text) for text in links],
        }
        if position_id:
            record["id"] = position_id
        position = store.create_position(record, author=current_analyst(), origin=ORIGIN)
        cited = position.sources[0]
        say(
            f"Coded {position.id}: {vocab.side_label(position.side)}, {position.kind.label}, "
            f"{position.date_label}; quoting {doc.id} at {cited.start}–{cited.end}."
        )


def _resolved(lookup: Callable[[str], str], text: str, hint: str, more: str = "") -> str:
    """An id from what the analyst typed, or a usage error in the registry's own words."""
    try:
        return lookup(text)
    except StoreError as exc:
        raise click.BadParameter(f"{exc}{more}", param_hint=hint) from exc


def _link(text: str) -> dict[str, str]:
    relation, _, target = text.partition(":")
    try:
        value = Relation.from_text(relation).value
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--link") from exc
    if not target:
        raise click.BadParameter(f"{text!r} is not RELATION:ID", param_hint="--link")
    return {"relation": value, "target": target}


@cli.command("retract")
@db_option
@click.argument("position_id")
@click.option("--reason", required=True, help="Why it is taken out of the analysis.")
@click.pass_context
def retract_command(ctx: click.Context, db: str | None, position_id: str, reason: str) -> None:
    """Take a position out of the timeline, counts and exports. It stays in the database
    and its history, and `restore` puts it back."""
    with open_store(_db(ctx, db)) as store:
        store.retract(position_id, reason, author=current_analyst(), origin=ORIGIN)
        say(f"Retracted {position_id}: {reason}")


@cli.command("restore")
@db_option
@click.argument("position_id")
@click.option("--reason", default="", help="Why (optional).")
@click.pass_context
def restore_command(ctx: click.Context, db: str | None, position_id: str, reason: str) -> None:
    """Put a retracted position back into the analysis."""
    with open_store(_db(ctx, db)) as store:
        store.restore(position_id, author=current_analyst(), origin=ORIGIN, reason=reason)
        say(f"Restored {position_id}.")

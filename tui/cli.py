"""The `counterpoint` command: a thin layer over the store's API.

Every subcommand opens a `Store`, asks it one thing and prints the answer. Any
failure a person can fix is one line on stderr and a non-zero exit: 2 for bad
input (usage, an invalid import file), 1 for everything else.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click
from platformdirs import user_data_dir

from seed import is_seeded, seed
from store import (
    Filter,
    ImportRejected,
    Kind,
    QueryResult,
    SearchMode,
    Store,
    StoreError,
    Vocabularies,
    parse_credibility_range,
    parse_date_range,
    parse_reliability_range,
)
from store.api import ListRow
from store.atomic_file import (
    BadDestination,
    check_destination,
    open_atomically,
    write_atomically,
)
from store.export import FORMATS, write_export
from store.plain_text import one_line
from store.vocab import Vocabulary

from .analyst import current_analyst
from .interrupts import INTERRUPTED_EXIT, ImportInterrupts, NothingImported
from .listing import format_position_detail, table_lines, table_widths
from .note_input import NoteInputError, note_max_chars, read_note_text
from .progress import progress

DB_ENV = "COUNTERPOINT_DB"
LIST_PAGE = 1000
"""Positions `list` reads (and holds) at a time: it prints as it reads."""
SYNTH_MAX = 10_000_000
"""Ten times the scale benchmarked; at about 8,000 a second, beyond it synth would run for
hours where a typo (a zero too many) was meant."""
EXIT_BAD_INPUT = 2
IMPORT_COMMITTED = "import committed"


def say(message: str, *, err: bool = False) -> None:
    """Print one line that may carry a file name or id from the user: never an escape."""
    click.echo(one_line(message), err=err)


def unchanged(count: int) -> str:
    """', 40 unchanged' for an import's positions that were already as the file has them."""
    return f", {count} unchanged" if count else ""


def default_db_path() -> Path:
    return Path(user_data_dir("counterpoint", appauthor=False)) / "counterpoint.db"


def open_store(db: str | None, *, create: bool = False) -> Store:
    """Open --db / $COUNTERPOINT_DB, or the default database, seeding the latter on first use."""
    if db:
        return Store.open(Path(db), create=create)
    path = default_db_path()
    first_use = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(path, create=True)
    if first_use:
        summary = seed(store, current_analyst())
        say(f"Created {path} and seeded it with {summary.positions_added} positions.", err=True)
    return store


_DB_HELP = f"Database file (default: ${DB_ENV}, else a seeded one in the user data directory)."
EMPTY_DB = "--db is empty: give a database file name"


class DatabasePath(click.Path):
    """A --db value. An empty one is refused: it had meant "." ("is a directory") or,
    silently, the default database, when an unset shell variable was its likely cause."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value:
            raise click.UsageError(EMPTY_DB, ctx=ctx)
        return super().convert(value, param, ctx)


# Whether the file can be read is the store's to say, in its own words (not click's).
DB_PATH = DatabasePath(dir_okay=False, readable=False)
# The environment variable is read once, by the group; a subcommand's own --db is
# explicit and so wins over it (`counterpoint --db A list` and `list --db A` agree).
group_db_option = click.option("--db", "db", envvar=DB_ENV, type=DB_PATH, help=_DB_HELP)
db_option = click.option("--db", "db", type=DB_PATH, help=_DB_HELP)


def _vocabulary(enum: type[Vocabulary]) -> Callable:
    def convert(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):
        try:
            return frozenset(enum.from_text(v) for v in values)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc

    return convert


def _dates(ctx: click.Context, param: click.Parameter, value: str | None):
    if not value:
        return None
    try:
        return parse_date_range(value, reference=date.today())
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def filter_options(command: Callable) -> Callable:
    options = [
        click.option(
            "--side",
            "sides",
            multiple=True,
            help="One of the database's two sides (by id or name) or other; repeatable.",
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            callback=_vocabulary(Kind),
            help="e.g. allegation, denial, action (repeat for several).",
        ),
        click.option(
            "--topic",
            "topics",
            multiple=True,
            help='A topic id or label, e.g. "Indus Waters Treaty" (`topic list` lists them).',
        ),
        click.option(
            "--actor",
            "actors",
            multiple=True,
            help="An actor's id, name or alias, any case, e.g. Tharoor (`actors` lists them).",
        ),
        click.option("--document", "documents", multiple=True, help="A source document id."),
        click.option(
            "--date",
            "dates",
            callback=_dates,
            metavar="RANGE",
            help='"May 2025", "2025-05-01..2025-06-15", "2025-05..", or EDTF: "2025-05/2025-06", '
            '"2025-05-07/..", "2025~".',
        ),
        click.option(
            "--search",
            "-s",
            "text",
            default="",
            metavar="TEXT",
            help="Full-text search over summaries, quotes, actors and notes (FTS5 "
            "syntax allowed; anything else is searched word by word).",
        ),
        click.option("--bookmarked", is_flag=True, help="Only positions you have bookmarked."),
        click.option("--annotated", is_flag=True, help="Only positions that carry a note."),
        click.option(
            "--credibility",
            "credibility",
            help="Only positions graded in this credibility range, e.g. 1-3 (1-6).",
        ),
        click.option(
            "--reliability",
            "reliability",
            help="Only positions quoting a document graded in this range, e.g. A-C (A-F).",
        ),
        click.option("--doubted", is_flag=True, help="Only positions that carry a doubt."),
        click.option(
            "--answers",
            is_flag=True,
            help="Also the positions that answer a match (denies, counters, responds to).",
        ),
        click.option(
            "--view",
            metavar="LETTER",
            help="The filters and search of a view you saved in the app (m then the letter).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


_OPTION_NAMES = {
    "sides": "side",
    "kinds": "kind",
    "topics": "topic",
    "actors": "actor",
    "documents": "document",
    "dates": "date",
    "text": "search",
}
"""Filter parameters by the option that sets them, for messages."""


def store_filter(store: Store, filters: dict[str, Any]) -> Filter:
    """The filter of the options, or of the saved view `--view` names (alone: a view is
    a whole set of filters, and mixing the two would leave it unclear which won)."""
    view = filters.pop("view", None)
    if view is None:
        return build_filter(store.vocabularies(), **filters)
    given = [_OPTION_NAMES.get(name, name) for name, value in filters.items() if value]
    if given:
        raise click.UsageError(
            f"--view brings its own filters and search; give it without --{given[0]}"
        )
    from store.views import with_search

    author = current_analyst()
    try:
        saved = store.saved_view(author, view)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    if saved is None:
        raise click.UsageError(f"{author} has no view saved as {view!r} (m then {view} in the app)")
    return replace(with_search(saved.state), with_answers=saved.state.answers)


def build_filter(
    vocab: Vocabularies,
    sides,
    kinds,
    topics,
    actors,
    documents,
    dates,
    text,
    bookmarked,
    annotated,
    credibility=None,
    reliability=None,
    doubted=False,
    answers=False,
) -> Filter:
    """The filter the options describe, sides, topics and actors named as this database
    names them (a word it does not know is bad input, exit 2)."""
    date_from, date_to = dates if dates else (None, None)
    try:
        side_ids = frozenset(vocab.side_from_text(v) for v in sides)
        topic_ids = frozenset(vocab.topic_from_text(v) for v in topics)
        actor_ids = frozenset(vocab.actor_from_text(v) for v in actors)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        credible = parse_credibility_range(credibility) if credibility else None
        reliable = parse_reliability_range(reliability) if reliability else None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    return Filter(
        credibility=credible,
        reliability=reliable,
        doubted=doubted,
        with_answers=answers,
        sides=side_ids,
        kinds=kinds,
        topics=topic_ids,
        actors=actor_ids,
        documents=frozenset(documents),
        date_from=date_from,
        date_to=date_to,
        text=text,
        bookmarked_by=current_analyst() if bookmarked else None,
        annotated=annotated,
    )


def status_line(flt: Filter, result: QueryResult, vocab: Vocabularies) -> str:
    """Counts, then what produced them, so a person can tell an empty result from a bug."""
    line = f"{result.counts.describe(vocab)} ({flt.describe(vocab)})"
    if result.search_mode is SearchMode.LITERAL:
        line += "; search text is not FTS5 syntax, so it was matched word by word"
    return line


def version_text() -> str:
    """ "counterpoint 0.1.0 (database schema 8)": what a bug report needs to say."""
    from importlib.metadata import PackageNotFoundError, version

    from store.schema import SCHEMA_VERSION

    try:
        ours = version("counterpoint")
    except PackageNotFoundError:  # run from a checkout that was never installed
        ours = "(not installed)"
    return f"counterpoint {ours} (database schema {SCHEMA_VERSION})"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit(0)


def needs_a_terminal() -> str | None:
    """Why the timeline cannot open here, or None. Without a terminal on both ends it
    would write escape codes into a pipe and wait for keys that never come. A browser
    session (`counterpoint serve`) has no terminal either: Textual's web driver stands in
    for one, and says so in TEXTUAL_DRIVER."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    if sys.stdin.isatty() and sys.stdout.isatty():
        return None
    which = "standard input" if not sys.stdin.isatty() else "standard output"
    return (
        f"the timeline needs a terminal, and {which} is not one; "
        "for pipes and files use `counterpoint list` or `counterpoint export`"
    )


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@group_db_option
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Print the version and the database schema version it writes, and exit.",
)
@click.option("--fresh", is_flag=True, help="Open the timeline as new, not where you left off.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, fresh: bool) -> None:
    """Counterpoint: what two sides said and did, side by side on one date axis.

    With no command, opens the timeline (keyboard only; ? lists the keys).
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        why = needs_a_terminal()
        if why:
            refused = click.ClickException(why)
            refused.exit_code = EXIT_BAD_INPUT
            raise refused
        from .app import CounterpointApp  # Textual loads only when the UI is wanted
        from .cli_keys import analyst_config

        config = analyst_config()
        with open_store(db) as store:
            app = CounterpointApp(store, config=config, remember=True, reopen=not fresh)
            app.run()
        if app.exit_status:
            # 128 + the signal that ended the app, or 1 after a crash; SystemExit, because
            # in main()'s non-standalone mode click hands ctx.exit's code back as a return
            # value, which main() does not pass on.
            raise SystemExit(app.exit_status)


def _db(ctx: click.Context, db: str | None) -> str | None:
    return db or ctx.obj.get("db")


@cli.command("seed")
@db_option
@click.option("--force", is_flag=True, help="Import the seed again even if it is there.")
@click.pass_context
def seed_command(ctx: click.Context, db: str | None, force: bool) -> None:
    """Create the database if needed and import the two seed documents."""
    path = _db(ctx, db)
    with Store.open(Path(path), create=True) if path else open_store(None) as store:
        if is_seeded(store) and not force:
            say(
                f"{store.path} is already seeded ({store.position_count()} positions); "
                "--force imports the seed again."
            )
            return
        summary = seed(store, current_analyst())
        kept = (
            f"; {summary.left_alone} left alone (changed by analysts since)"
            if summary.left_alone
            else ""
        )
        say(
            f"Seeded {store.path}: {summary.documents} documents, "
            f"{summary.positions_added} positions added, "
            f"{summary.positions_updated} updated{unchanged(summary.positions_unchanged)}{kept}."
        )


@cli.command("list")
@db_option
@filter_options
@click.pass_context
def list_command(ctx: click.Context, db: str | None, **filters) -> None:
    """Positions in timeline order as a plain-text table (one per line, for pipes)."""
    with open_store(_db(ctx, db)) as store:
        vocab = store.vocabularies()
        flt = store_filter(store, filters)
        result = QueryResult([], store.counts(flt), store.search_mode(flt))
        if result.counts.shown:
            widths = table_widths(store.listing_texts(flt))

            def pages() -> Iterator[tuple[list[ListRow], frozenset[str]]]:
                for page in store.row_pages(flt, LIST_PAGE):
                    ids = [p.id for p in page]
                    answers = (
                        frozenset(set(ids) - store.ids_matching(flt.matches_only, ids))
                        if flt.adds_answers
                        else frozenset()
                    )
                    yield page, answers

            for line in table_lines(pages(), widths):
                sys.stdout.write(line + "\n")
        click.echo(status_line(flt, result, vocab), err=True)


@cli.command("show")
@db_option
@click.argument("position_id")
@click.pass_context
def show_command(ctx: click.Context, db: str | None, position_id: str) -> None:
    """Everything about one position: quotes with their documents, links both ways, notes."""
    with open_store(_db(ctx, db)) as store:
        [details] = store.details([store.get(position_id)])
        click.echo(format_position_detail(details))


@cli.command("history")
@db_option
@click.argument("position_id")
@click.pass_context
def history_command(ctx: click.Context, db: str | None, position_id: str) -> None:
    """Every change to one position, oldest first, with what each changed, and its status."""
    from .history_text import history_text, status_line

    with open_store(_db(ctx, db)) as store:
        position = store.get(position_id)  # an unknown id is one line, exit 1
        revisions = store.history(position_id)
        if not revisions:
            say(f"No revisions recorded for {position_id}: it was written before history was kept.")
        for number, entry in enumerate(history_text(revisions)):
            click.echo(("\n" if number else "") + entry.plain())
        if revisions:
            click.echo()
        click.echo(status_line(len(revisions), position.status, position.status_reason))


@cli.command("import")
@db_option
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, db: str | None, file: Path) -> None:
    """Validate FILE (JSON, the export format) completely, then write it in one transaction.

    FILE may be a pipe (`/dev/stdin`, `<(...)`). Ctrl+C ends with what happened: either
    nothing was imported (exit 130) or, past the commit, all of it (exit 0).
    """
    with ImportInterrupts() as interrupts:
        try:
            with open_store(_db(ctx, db), create=True) as store:
                interrupts.watch(store.db.conn)
                with progress(f"importing {file}") as advance:
                    summary = store.import_file(
                        file,
                        cancelled=interrupts.cancelled,
                        author=current_analyst(),
                        progress=advance,
                    )
                interrupts.mark_committed()
                ctx.ensure_object(dict)[IMPORT_COMMITTED] = True
                say(
                    f"Imported {file}: {summary.documents} documents, "
                    f"{summary.positions_added} positions added, "
                    f"{summary.positions_updated} updated"
                    f"{unchanged(summary.positions_unchanged)}."
                    + pending_links(summary.links_pending)
                    + new_actors(summary.actors_registered)
                )
                if interrupts.interrupted:
                    say(
                        "counterpoint: the interrupt came after the import was committed; "
                        "the import stands.",
                        err=True,
                    )
        except (KeyboardInterrupt, StoreError, sqlite3.Error):
            if interrupts.interrupted and not interrupts.committed:
                raise NothingImported() from None
            raise


def pending_links(count: int) -> str:
    """The links an import kept although their targets are not in the database yet."""
    if not count:
        return ""
    links = "1 link points" if count == 1 else f"{count} links point"
    return (
        f" {links} to positions not in this database yet: kept, and shown once those "
        "positions are imported."
    )


def new_actors(names: tuple[str, ...]) -> str:
    """Names no actor answered to, registered as new actors for someone to classify."""
    if not names:
        return ""
    shown = ", ".join(one_line(name) for name in names[:5])
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    return (
        f" {len(names)} new actor{'s' if len(names) > 1 else ''}, not yet classified: "
        f"{shown}{more} (`counterpoint actors` lists them)."
    )


@cli.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@filter_options
@click.pass_context
def export_command(
    ctx: click.Context, db: str | None, fmt: str, output: Path | None, **filters
) -> None:
    """The positions the filters select, as JSON (the import format), CSV, Markdown, W3C
    annotations or PLOVER event records.

    Every format streams: written as read, a page at a time (`write_export`).
    With -o, the file is replaced only once the new one is whole (`open_atomically`):
    a full disk or a refused write leaves the old file as it was. A destination that
    cannot be a file (missing folder, directory, device, pipe) is bad input, exit 2,
    checked before the database is read; a write that fails is exit 1.
    """
    with destination(output), open_store(_db(ctx, db)) as store:
        flt = store_filter(store, filters)
        with progress(f"exporting {fmt}"):
            if output:  # the file replaces the old one only once whole
                with open_atomically(output) as out:
                    count = write_export(store, flt, fmt, out)
            else:
                count = write_export(store, flt, fmt, sys.stdout)
    if output:
        say(f"Wrote {count} positions to {output}.", err=True)


@contextmanager
def destination(output: Path | None) -> Iterator[None]:
    """Check `-o` before any work, and make a destination that cannot be a file (a
    missing folder, a directory, a device, a pipe) bad input: one line, exit 2."""
    try:
        if output:
            check_destination(output)
        yield
    except BadDestination as exc:
        refused = click.ClickException(str(exc))
        refused.exit_code = EXIT_BAD_INPUT
        raise refused from exc


def write_output(output: Path | None, text: str, said: str) -> None:
    """`text` to the `-o` file, replaced only once whole (`write_atomically`; saying
    `said` on stderr), else to standard output. Call inside `destination`."""
    if output:
        write_atomically(output, text)
        say(said, err=True)
    else:
        click.echo(text, nl=False)


@cli.command("synth")
@click.option(
    "--db", "db", required=True, type=DB_PATH, help="Database to write (created if missing)."
)
@click.option(
    "--count",
    type=click.IntRange(min=1, max=SYNTH_MAX),
    required=True,
    help=f"How many positions to generate (at most {SYNTH_MAX:,}).",
)
@click.option(
    "--seed",
    "seed_value",
    type=int,
    default=0,
    show_default=True,
    help="Random seed: the same seed gives the same store.",
)
def synth_command(db: str, count: int, seed_value: int) -> None:
    """Write COUNT synthetic positions over twenty years (for testing at scale)."""
    from seed.synth import synthesise

    with Store.open(Path(db), create=True) as store:
        if store.position_count():
            raise click.UsageError(f"{db} already holds positions; synth writes a new store")
        started = time.perf_counter()
        with progress("synthesising", count) as advance:
            written = synthesise(store.db.conn, count, seed_value, progress=advance)
        seconds = time.perf_counter() - started
        say(
            f"Wrote {written} positions to {db} in {seconds:.1f} s "
            f"({written / seconds:,.0f} positions per second)."
        )


@cli.command("note")
@db_option
@click.argument("position_id")
@click.argument("text", required=False)
@click.option("--delete", is_flag=True, help="Remove your note on the position.")
@click.pass_context
def note_command(
    ctx: click.Context, db: str | None, position_id: str, text: str | None, delete: bool
) -> None:
    """Write your note on a position (TEXT, or standard input when TEXT is -)."""
    if text is None and not delete:
        raise click.UsageError(
            "give the note's TEXT (or - to read it from standard input), or --delete"
        )
    limit = note_max_chars()
    if text == "-" and not delete:
        if sys.stdin is None:
            raise click.UsageError("standard input is closed; give the note's TEXT instead")
        try:
            text = read_note_text(sys.stdin, limit)
        except NoteInputError as exc:
            raise click.UsageError(str(exc)) from exc
    elif text and not delete and len(text) > limit:
        raise click.UsageError(
            f"the note is {len(text):,} characters; a note holds at most "
            f"{limit:,}; nothing was saved"
        )
    with open_store(_db(ctx, db)) as store:
        note = store.set_note(position_id, current_analyst(), "" if delete else text or "")
        say(
            f"Noted on {position_id} by {note.author}."
            if note
            else f"No note of yours on {position_id} now."
        )


@cli.command("bookmark")
@db_option
@click.argument("position_id")
@click.pass_context
def bookmark_command(ctx: click.Context, db: str | None, position_id: str) -> None:
    """Bookmark a position for yourself, or remove the bookmark if it is there."""
    with open_store(_db(ctx, db)) as store:
        now = store.toggle_bookmark(position_id, current_analyst())
        say(f"{'Bookmarked' if now else 'Removed the bookmark on'} {position_id}.")


@cli.group("topic")
def topic_group() -> None:
    """The topics positions are coded with: list, add, rename, merge."""


@topic_group.command("list")
@db_option
@click.pass_context
def topic_list_command(ctx: click.Context, db: str | None) -> None:
    """Every topic: its id, its label, and how many positions carry it."""
    with open_store(_db(ctx, db)) as store:
        counts = dict(
            store.db.execute("SELECT topic, count(*) FROM position_topics GROUP BY topic")
        )
        for topic in store.vocabularies().topics:
            click.echo(f"{one_line(topic.id)}\t{one_line(topic.label)}\t{counts.get(topic.id, 0)}")


@topic_group.command("add")
@db_option
@click.argument("label")
@click.option("--id", "topic_id", help="The topic's id (default: from the label).")
@click.option("--description", default="", help="What the topic covers.")
@click.pass_context
def topic_add_command(
    ctx: click.Context, db: str | None, label: str, topic_id: str | None, description: str
) -> None:
    """Add a topic labelled LABEL."""
    from store.topics import topic_id_for

    with open_store(_db(ctx, db)) as store:
        topic = store.add_topic(topic_id or topic_id_for(label), label, description)
        say(f"Added topic {topic.id} ({one_line(topic.label)}).")


@topic_group.command("rename")
@db_option
@click.argument("topic")
@click.argument("label")
@click.pass_context
def topic_rename_command(ctx: click.Context, db: str | None, topic: str, label: str) -> None:
    """Give TOPIC (an id or label) the label LABEL; its id stays."""
    with open_store(_db(ctx, db)) as store:
        topic_id = _topic(store, topic)
        old, new = store.rename_topic(topic_id, label)
        say(f"Renamed topic {topic_id}: {one_line(old)} -> {one_line(new)}.")


@topic_group.command("merge")
@db_option
@click.argument("source")
@click.argument("target")
@click.pass_context
def topic_merge_command(ctx: click.Context, db: str | None, source: str, target: str) -> None:
    """Move every position of topic SOURCE to TARGET and remove SOURCE (one transaction)."""
    with open_store(_db(ctx, db)) as store:
        source_id, target_id = _topic(store, source), _topic(store, target)
        moved = store.merge_topic(source_id, target_id)
        say(f"Merged topic {source_id} into {target_id}: {moved} positions moved.")


def _topic(store: Store, text: str) -> str:
    try:
        return store.vocabularies().topic_from_text(text)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from exc


@cli.command("actors")
@db_option
@click.pass_context
def actors_command(ctx: click.Context, db: str | None) -> None:
    """Every actor: id, name, side, kind (blank: not classified yet) and other names."""
    with open_store(_db(ctx, db)) as store:
        vocab = store.vocabularies()
        for actor in vocab.actors:
            side = vocab.side_label(actor.side) if actor.side else ""
            kind = actor.kind.value if actor.kind else ""
            aliases = "; ".join(one_line(a) for a in actor.aliases)
            click.echo(
                "\t".join((one_line(actor.id), one_line(actor.name), one_line(side), kind, aliases))
            )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, turning every expected failure into one line and an exit status.

    Run as the program (no argv), Ctrl+C is ignored once the status is chosen. Python's
    own shutdown, which after a large import takes a while, would otherwise end the
    process by the signal after "Imported …" was printed (tests/test_interrupts.py saw
    exit -2 so).
    """
    try:
        return _run(argv)
    finally:
        if argv is None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(argv: list[str] | None) -> int:
    if os.environ.get(DB_ENV) == "":
        # click reads an empty variable as unset, which would open the default database.
        click.echo(
            f"counterpoint: ${DB_ENV} is empty: give a database file name, or unset it", err=True
        )
        return EXIT_BAD_INPUT
    done: dict = {}  # the commands' context object: `import` notes a committed import in it
    try:
        status = cli.main(args=argv, prog_name="counterpoint", standalone_mode=False, obj=done)
        if isinstance(status, int) and status:  # a command's ctx.exit(n): `check` finding
            return status
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        # click turns a KeyboardInterrupt in a command into Abort. One that came after
        # an import had committed (on its way out) changes nothing: it was imported, and
        # the command said so.
        if done.get(IMPORT_COMMITTED):
            return 0
        click.echo("counterpoint: aborted", err=True)
        return INTERRUPTED_EXIT
    except click.ClickException as exc:
        click.echo(f"counterpoint: {one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except ImportRejected as exc:
        click.echo(f"counterpoint: {one_line(str(exc))}", err=True)
        return EXIT_BAD_INPUT
    except StoreError as exc:
        click.echo(f"counterpoint: {one_line(str(exc))}", err=True)
        return 1
    except sqlite3.Error as exc:
        click.echo(f"counterpoint: database error: {one_line(str(exc))}", err=True)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


# The coding desk's commands (add-document, code, retract, restore) register themselves
# on `cli`; imported last, since they use what is defined above.
from . import (  # noqa: E402, F401
    cli_check,
    cli_datasette,
    cli_desk,
    cli_grades,
    cli_keys,
    cli_serve,
    cli_verify,
)

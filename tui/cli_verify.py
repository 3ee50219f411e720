"""`counterpoint verify [BRIEF]`: prove quotes. Registered on the `counterpoint` group by
`tui.cli`; the checks live in `store.verify`, here they are printed, one a line.

Without BRIEF every quote in the database is checked against its document; with one
(a Markdown brief, a JSON export or an annotation collection) every citation in it is
checked against the database. Exit 0 when all hold, 1 listing what does not, 2 when
BRIEF cannot be read as any of them."""

from __future__ import annotations

from pathlib import Path

import click

from store import ImportRejected, StoreError
from store.input_file import read_input_bytes
from store.plain_text import one_line
from store.verify import verify_brief, verify_database

from .cli import _db, cli, db_option, open_store

MAX_BRIEF_BYTES = 512 * 1024 * 1024


@cli.command("verify")
@db_option
@click.argument("brief", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def verify_command(ctx: click.Context, db: str | None, brief: Path | None) -> None:
    """Prove quotes: with no BRIEF, every quote in the database against its document;
    with BRIEF (Markdown, JSON or annotations Counterpoint wrote), every citation in it
    against the database. One line per quote that does not hold; exit 1 if any."""
    text = None
    if brief is not None:
        try:
            raw = read_input_bytes(
                brief, limit=MAX_BRIEF_BYTES, noun="a brief", advice="verify a smaller export"
            )
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise click.UsageError(f"{brief}: not UTF-8 text (byte {exc.start})") from exc
        except (ImportRejected, OSError) as exc:
            raise click.UsageError(one_line(str(exc))) from exc
    with open_store(_db(ctx, db)) as store:
        try:
            verdict = verify_database(store) if text is None else verify_brief(store, text)
        except StoreError as exc:
            raise click.UsageError(f"{brief}: {one_line(str(exc))}") from exc
    for problem in verdict.problems:
        click.echo(one_line(str(problem)))
    checked = f"{verdict.quotes} quotes of {verdict.positions} positions"
    if verdict.problems:
        click.echo(f"{len(verdict.problems)} do not hold; {checked} checked", err=True)
        ctx.exit(1)
    click.echo(f"verified: {checked}" + (f" in {brief}" if brief else " in the database"))

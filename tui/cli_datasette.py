"""`counterpoint datasette-config`: the metadata file that opens the store in Datasette,
described, faceted, searchable and with canned queries. Registered on the `counterpoint`
group by `tui.cli`; what it writes is `store.datasette_metadata`'s."""

from __future__ import annotations

from pathlib import Path

import click

from store.atomic_file import BadDestination, check_destination, write_atomically
from store.datasette_metadata import metadata_json

from .cli import EXIT_BAD_INPUT, _db, cli, db_option, open_store, say


@cli.command("datasette-config")
@db_option
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (else standard output).",
)
@click.pass_context
def datasette_config_command(ctx: click.Context, db: str | None, output: Path | None) -> None:
    """The metadata for Datasette (a JSON file): run `datasette DB -m FILE` with it for
    described tables and columns, facets, full-text search and canned queries."""
    try:
        if output:
            check_destination(output)
        with open_store(_db(ctx, db)) as store:
            name = Path(store.path).stem  # Datasette names a database by its file's stem
        text = metadata_json(name)
        if output:
            write_atomically(output, text)
    except BadDestination as exc:
        refused = click.ClickException(str(exc))
        refused.exit_code = EXIT_BAD_INPUT
        raise refused from exc
    if output:
        say(f"Wrote Datasette metadata for {name} to {output}.", err=True)
    else:
        click.echo(text, nl=False)

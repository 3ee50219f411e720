"""`counterpoint datasette-config`: the metadata file that opens the store in Datasette,
described, faceted, searchable and with canned queries. Registered on the `counterpoint`
group by `tui.cli`; what it writes is `store.datasette_metadata`'s."""

from __future__ import annotations

from pathlib import Path

import click

from store.datasette_metadata import metadata_json

from .cli import _db, cli, db_option, destination, open_store, write_output


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
    with destination(output):
        with open_store(_db(ctx, db)) as store:
            name = Path(store.path).stem  # Datasette names a database by its file's stem
        write_output(
            output, metadata_json(name), f"Wrote Datasette metadata for {name} to {output}."
        )

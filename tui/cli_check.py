"""`counterpoint check`: lint the coded data against the codebook, on any database.
Registered on the `counterpoint` group by `tui.cli`. The rules live in `store.check`;
here they are only printed, one finding a line, for people and for pipes."""

from __future__ import annotations

import click

from store.check import RULE_IDS, RULES
from store.plain_text import one_line

from .cli import _db, cli, db_option, open_store


@cli.command("check")
@db_option
@click.option("--rules", "list_rules", is_flag=True, help="List the rules and exit.")
@click.option("--rule", type=click.Choice(RULE_IDS), help="Run this rule only.")
@click.pass_context
def check_command(ctx: click.Context, db: str | None, list_rules: bool, rule: str | None) -> None:
    """Hold the coding to the codebook (docs/codebook.md): one line per finding (record,
    rule, why); exit 1 if there is any, 0 when clean. The rules never name a side."""
    if list_rules:
        for info in RULES:
            click.echo(f"{info.id}  {info.description}")
        return
    with open_store(_db(ctx, db)) as store:
        findings, coded = store.check(rule)
    for finding in findings:
        click.echo("  ".join(one_line(part) for part in finding))
    checked = f"{len(coded.positions)} positions, {len(coded.documents)} documents checked"
    if findings:
        click.echo(f"{len(findings)} findings; {checked}", err=True)
        ctx.exit(1)
    click.echo(f"clean: {checked}" + (f" (rule {rule})" if rule else ""))

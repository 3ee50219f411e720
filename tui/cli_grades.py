"""Source criticism without the app: grade a position or a document, say a doubt.
Registered on the `counterpoint` group by `tui.cli`.

Grades follow the Admiralty system analysts already use (`store.grades`): documents
A–F for the source's reliability, positions 1–6 for the information's credibility.
Every grade records who gave it (the login name); a position's grade and doubt are
edits, kept in its history.
"""

from __future__ import annotations

import click

from store import (
    CREDIBILITY,
    RELIABILITY,
    credibility_label,
    reliability_label,
)

from .analyst import current_analyst
from .cli import _db, cli, db_option, open_store, say

ORIGIN = "cli"


@cli.command("grade")
@db_option
@click.argument("position_id", required=False)
@click.option(
    "--credibility",
    type=click.Choice([str(n) for n in CREDIBILITY] + ["none"]),
    help="1 confirmed … 5 improbable, 6 cannot be judged; none clears it.",
)
@click.option("--document", "document_id", help="Grade this document instead of a position.")
@click.option(
    "--reliability",
    type=click.Choice([*RELIABILITY, "none"], case_sensitive=False),
    help="A completely … E unreliable, F cannot be judged; none clears it.",
)
@click.option("--note", default="", help="Why this grade (optional).")
@click.pass_context
def grade_command(
    ctx: click.Context,
    db: str | None,
    position_id: str | None,
    credibility: str | None,
    document_id: str | None,
    reliability: str | None,
    note: str,
) -> None:
    """Grade how far a position (--credibility 1-6) or a document (--document ID
    --reliability A-F) can be trusted, on the NATO/Admiralty scale."""
    with open_store(_db(ctx, db)) as store:
        if document_id is not None:
            if position_id is not None or credibility is not None or reliability is None:
                raise click.UsageError(
                    "a document takes --reliability only: grade --document ID --reliability B"
                )
            grade = None if reliability.lower() == "none" else reliability.upper()
            document = store.grade_document(document_id, grade, note, author=current_analyst())
            say(f"Graded {document.id}: {reliability_label(document.reliability)}.")
            return
        if position_id is None or credibility is None or reliability is not None:
            raise click.UsageError(
                "give a position and --credibility: grade POSITION --credibility 2"
            )
        value = None if credibility == "none" else int(credibility)
        position = store.grade_position(
            position_id, value, note, author=current_analyst(), origin=ORIGIN
        )
        say(f"Graded {position.id}: {credibility_label(position.credibility)}.")


@cli.command("doubt")
@db_option
@click.argument("position_id")
@click.argument("reason", required=False, default="")
@click.option("--clear", is_flag=True, help="Withdraw the position's doubt.")
@click.pass_context
def doubt_command(
    ctx: click.Context, db: str | None, position_id: str, reason: str, clear: bool
) -> None:
    """Say why the source itself may be wrong for a position (shown wherever the position
    is: rows, inspector, `show`, every export), or withdraw it with --clear."""
    if clear == bool(reason.strip()):
        raise click.UsageError(
            'give a reason, or --clear: doubt POSITION "why the source may be wrong"'
        )
    with open_store(_db(ctx, db)) as store:
        position = store.set_doubt(position_id, reason, author=current_analyst(), origin=ORIGIN)
        say(
            f"Doubt on {position.id}: {position.doubt}"
            if position.doubt
            else f"No doubt on {position.id} now."
        )

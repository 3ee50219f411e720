"""`counterpoint serve`: the same timeline in a browser, for colleagues who do not live in
a terminal. textual-serve runs one `counterpoint` process per browser session (Textual's
web driver stands in for the terminal) and relays its screen over a websocket; the server
itself is tui.web_server's. There is no authentication, so it listens on loopback unless
--allow-remote, and then says so. Registered on the `counterpoint` group by `tui.cli`."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from .cli import EXIT_BAD_INPUT, _db, cli, db_option, open_store, say
from .serve_hosts import is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000  # textual-serve's own default


def session_command(db_path: Path) -> str:
    """The shell command each browser session runs: this very counterpoint, by this very
    interpreter, on the database the server was started with. textual-serve hands it to a
    shell, so every part is quoted; `exec` leaves no shell between the server and the app,
    so the process it tracks (and kills, if need be) is the app itself."""
    return "exec " + shlex.join([sys.executable, "-m", "tui", "--db", str(db_path)])


@cli.command("serve")
@db_option
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on. Only loopback (127.0.0.0/8, ::1, localhost) without "
    "--allow-remote.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="TCP port to listen on (1-65535).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a non-loopback --host. There is no authentication: anyone who reaches the "
    "port can read and change the database.",
)
@click.pass_context
def serve_command(
    ctx: click.Context, db: str | None, host: str, port: int, allow_remote: bool
) -> None:
    """The timeline in a browser (textual-serve): one app per browser tab, on the same
    database. Loopback only unless --allow-remote; there is no authentication."""
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        refused = click.ClickException(
            f"--host {host!r} is not a loopback address; serving it to other machines "
            "needs --allow-remote (there is no authentication)"
        )
        refused.exit_code = EXIT_BAD_INPUT
        raise refused
    # Opened once here: a database that cannot be opened is one line now, not a broken
    # page per browser; the default one is created and seeded now, not by a session.
    with open_store(_db(ctx, db)) as store:
        db_path = Path(store.path).resolve()
    if not loopback:
        say(
            f"warning: serving on {host}:{port} to other machines with NO authentication: "
            "anyone who can reach this port can read and change the database",
            err=True,
        )
    from .web_server import CounterpointServer  # aiohttp loads only when serving

    server = CounterpointServer(session_command(db_path), host, port, loopback_only=loopback)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or not ours to take
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        ) from exc

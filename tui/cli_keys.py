"""`counterpoint keys`, and the config the timeline opens with. Registered on the
`counterpoint` group by `tui.cli`.

Every action the app binds, its id (what a keymap in the config file names) and its
keys as this analyst's config sets them, one a line, tab-separated like `actors`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cli import cli

if TYPE_CHECKING:  # Textual (keys, themes) loads only when the app or `keys` needs it
    from .user_config import UserConfig


def known_ids() -> set[str]:
    from .app import CounterpointApp
    from .key_registry import binding_owners

    return {b.id for owner in binding_owners(CounterpointApp) for b in owner.BINDINGS if b.id}


def theme_names() -> set[str]:
    from textual.theme import BUILTIN_THEMES

    from .user_config import HIGH_CONTRAST

    return set(BUILTIN_THEMES) | {HIGH_CONTRAST.name}


def analyst_config() -> UserConfig:
    """The analyst's config, checked against what exists; its problem (if any) said on
    stderr, where it stays readable after the app has closed."""
    from .user_config import load_config

    config = load_config(known_ids(), theme_names())
    if config.problem:
        click.echo(f"counterpoint: {config.problem}", err=True)
    return config


@cli.command("keys")
def keys_command() -> None:
    """Every action of the app: its group, its binding id (for the config file's [keys])
    and its keys, with your config's changes; tab-separated."""
    from .app import CounterpointApp
    from .key_registry import binding_owners, help_groups

    config = analyst_config()
    untitled = [
        ("Dialogs", list(owner.BINDINGS))
        for owner in binding_owners(CounterpointApp)
        if not owner.BINDING_GROUP_TITLE
    ]
    state = (
        "not used"
        if config.problem
        else "in use"
        if config.path and config.path.exists()
        else "none"
    )
    click.echo(f"# config: {config.path} ({state})")
    for title, bindings in [*help_groups(CounterpointApp), *untitled]:
        for binding in bindings:
            keys = config.keymap.get(binding.id or "", binding.key)
            what = binding.tooltip or binding.description or binding.action
            click.echo(f"{title}\t{binding.id}\t{keys}\t{what}")

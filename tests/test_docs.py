"""README.md documents every command, option and key, and nothing that does not exist.

In the manner of sqlite-utils' tests/test_docs.py: the lists are read from the click
commands and from the bindings the help screen shows, so a new command, option, screen
or key fails here until the README says what it is, and a removed one fails until the
README stops saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from store import Store
from tui.app import CounterpointApp
from tui.cli import cli
from tui.key_registry import help_groups
from tui.screens.help_screen import binding_keys

README = Path(__file__).parent.parent / "README.md"
BACKTICKED = re.compile(r"`([^`]+)`")
OPTION = re.compile(r"^--?[A-Za-z][\w-]*$")
ENTRY = re.compile(r"^- `counterpoint(?P<heading>[^`]*)`(?P<body>.*?)(?=^- |\n\n|\Z)", re.M | re.S)
GROUP = re.compile(r"^- \*\*(?P<title>[^*]+)\*\*(?P<body>.*?)(?=^- |\n\n|\Z)", re.M | re.S)


def section(title: str) -> str:
    """The text of README's `## title` section, up to the next `## `."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def command_path(heading: str) -> tuple[str, ...]:
    """The subcommands an entry's heading names (`show ID` -> ("show",)): its leading
    words for as long as each names a subcommand of the one before."""
    path: list[str] = []
    command: click.Command = cli
    for word in heading.split():
        if not isinstance(command, click.Group) or word not in command.commands:
            break
        path.append(word)
        command = command.commands[word]
    return tuple(path)


def commands(
    group: click.Group = cli, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command with its path from the top: the group itself, its commands, and any
    subgroup (`topic`) with its own commands (`topic add`)."""
    found: list[tuple[tuple[str, ...], click.Command]] = [(path, group)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found.extend(commands(command, (*path, name)))
        else:
            found.append(((*path, name), command))
    return found


def options_of(path: tuple[str, ...], command: click.Command) -> set[str]:
    """What a person types for each of the command's options (`--search`, `-s`). The help
    option is on every command; the README names it once, on `counterpoint` itself."""
    params = (
        command.get_params(click.Context(cli, **cli.context_settings))
        if not path
        else command.params
    )
    return {
        opt
        for param in params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    }


@pytest.fixture(scope="module")
def command_entries() -> dict[tuple[str, ...], str]:
    entries: dict[tuple[str, ...], str] = {}
    for match in ENTRY.finditer(section("Command reference")):
        path = command_path(match["heading"])
        assert path not in entries, f"two README entries for `counterpoint {' '.join(path)}`"
        entries[path] = match["body"]
    return entries


ALL_COMMANDS = commands()


@pytest.mark.parametrize(
    ("path", "command"), ALL_COMMANDS, ids=[" ".join(p) or "counterpoint" for p, _ in ALL_COMMANDS]
)
def test_every_command_and_option_is_in_the_readme(command_entries, path, command):
    name = " ".join(("counterpoint", *path))
    assert path in command_entries, f"README's Command reference has no entry for `{name}`"
    written = {token for token in BACKTICKED.findall(command_entries[path]) if OPTION.match(token)}
    options = options_of(path, command)
    assert not options - written, f"`{name}`: options missing from README: {options - written}"
    assert not written - options, f"`{name}`: README lists options it lacks: {written - options}"


def test_the_readme_documents_no_command_that_does_not_exist(command_entries):
    assert set(command_entries) <= {path for path, _ in ALL_COMMANDS}


@pytest.fixture(scope="module")
def key_entries() -> dict[str, set[str]]:
    entries: dict[str, set[str]] = {}
    for match in GROUP.finditer(section("Keys")):
        assert match["title"] not in entries, f"two README key entries for {match['title']}"
        entries[match["title"]] = set(BACKTICKED.findall(match["body"]))
    return entries


def test_every_key_the_help_lists_is_in_the_readme(key_entries, store: Store):
    app = CounterpointApp(store)
    groups = help_groups(CounterpointApp)
    assert {title for title, _ in groups} == set(key_entries), "README's key groups"
    for title, bindings in groups:
        keys = {key for binding in bindings for key in binding_keys(app, binding)}
        missing, stale = keys - key_entries[title], key_entries[title] - keys
        assert not missing, f"{title}: keys missing from README: {missing}"
        assert not stale, f"{title}: README lists keys the help does not: {stale}"


def test_an_installed_copy_carries_the_codebook(tmp_path: Path):
    """pip, pipx and uv install the wheel, not the checkout: F1's codebook must be in it,
    the same text as docs/codebook.md."""
    import shutil
    import subprocess
    import sys
    import zipfile

    build = README.parent / "build"  # setuptools builds there; leave the checkout as found
    had_build = build.exists()
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"),
            *("-w", str(tmp_path), str(README.parent)),
        ],
        check=True,
        capture_output=True,
    )
    if not had_build:
        shutil.rmtree(build, ignore_errors=True)
    [wheel] = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("tui/codebook.md")
    assert shipped == (README.parent / "docs" / "codebook.md").read_bytes()

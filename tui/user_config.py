"""The analyst's own keys and theme, from a TOML file in their config directory.

    # ~/.config/counterpoint/config.toml (platformdirs' user config dir on Linux)
    theme = "counterpoint-high-contrast"   # or any of Textual's themes
    [keys]
    "timeline.search" = "ctrl+f"           # a binding id (`counterpoint keys`) = its keys
    "timeline.filters" = "F,ctrl+g"

The keys go to Textual's keymap, by binding id, so the help, the footer and the palette
show them. NO_COLOR still wins over any theme. A file that cannot be used in full (not
TOML, an unknown id, a key Textual cannot name, an unknown theme) is not used at all:
one line names the file, the line and the problem, and the app opens with its defaults,
so a typo never leaves an analyst half remapped without knowing.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from textual.keys import KEY_NAME_REPLACEMENTS, Keys
from textual.theme import Theme

CONFIG_ENV = "COUNTERPOINT_CONFIG"
"""A config file to use instead of the one in the user config directory."""

HIGH_CONTRAST = Theme(
    name="counterpoint-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#333333",
    warning="#ffff00",
    error="#ff5555",
    success="#00ff00",
    dark=True,
)
"""White on black, yellow and cyan accents: for glare, projectors and tired eyes."""

_MODIFIERS = ("ctrl+", "shift+", "alt+", "meta+", "super+", "hyper+")
_KEY_NAMES = frozenset(k.value for k in Keys) | frozenset(KEY_NAME_REPLACEMENTS.values())
"""Textual's key names, and the short names it gives some characters ("slash" for "/")."""


def config_path() -> Path:
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen)
    from platformdirs import user_config_path

    return user_config_path("counterpoint") / "config.toml"


def valid_key(key: str) -> bool:
    """Whether Textual can name `key`: one of its key names ("enter", "f5", "ctrl+f"), a
    single printable character ("F", "/"), a character's name ("slash",
    "question_mark"), each optionally after modifiers ("ctrl+shift+up")."""
    rest = key
    while rest.startswith(_MODIFIERS) and rest not in _KEY_NAMES:
        rest = rest.split("+", 1)[1]
    if not rest:
        return False
    if rest in _KEY_NAMES or (len(rest) == 1 and rest.isprintable() and not rest.isspace()):
        return True
    try:
        character = unicodedata.lookup(rest.replace("_", " "))
    except KeyError:
        return False
    return (character.isprintable() and not character.isspace()) or rest == "space"


@dataclass
class UserConfig:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    path: Path | None = None
    problem: str | None = None
    """One line saying why the file was not used; None when it was (or there is none)."""


def _line_of(text: str, key: str) -> int:
    """The line of the file where `key` is written (1 when it cannot be found)."""
    pattern = re.compile(rf"^\s*(\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return 1


def load_config(known_ids: set[str], themes: set[str], path: Path | None = None) -> UserConfig:
    """The config at `path` (else `config_path()`), checked against the binding ids and
    theme names that exist. Never raises: a problem is reported in `problem`."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserConfig(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return UserConfig(path=path, problem=f"{path}: cannot be read ({exc})")

    def refused(line: int, why: str) -> UserConfig:
        return UserConfig(path=path, problem=f"{path}:{line}: {why}; using the default keys")

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return refused(int(found[1]) if found else 1, f"not TOML: {reason}")
    for name in data:
        if name not in ("theme", "keys"):
            return refused(_line_of(text, name), f"unknown setting {name!r} (theme, [keys])")
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or theme not in themes):
        return refused(
            _line_of(text, "theme"),
            f"unknown theme {theme!r} (one of: {', '.join(sorted(themes))})",
        )
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        return refused(_line_of(text, "keys"), '[keys] must be a table of id = "keys"')
    keymap: dict[str, str] = {}
    for binding_id, value in keys.items():
        line = _line_of(text, binding_id)
        if binding_id not in known_ids:
            return refused(
                line, f"unknown binding id {binding_id!r} (`counterpoint keys` lists them)"
            )
        if not isinstance(value, str) or not value.strip():
            return refused(line, f'{binding_id}: keys must be a string such as "ctrl+f"')
        for key in (k.strip() for k in value.split(",")):
            if not valid_key(key):
                return refused(line, f"{binding_id}: {key!r} is not a key name Textual knows")
        keymap[binding_id] = ",".join(k.strip() for k in value.split(","))
    return UserConfig(keymap=keymap, theme=theme, path=path)

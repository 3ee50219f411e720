"""The analyst's own keys and theme from a TOML config: used in full, or not at all with
one line naming the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import timeline

from store import Store
from tui.app import CounterpointApp
from tui.cli import main
from tui.cli_keys import known_ids, theme_names
from tui.screens.help_screen import HelpScreen
from tui.user_config import HIGH_CONTRAST, load_config, valid_key


def config(tmp_path: Path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(known_ids(), theme_names(), path)


@pytest.mark.parametrize(
    "key", ["ctrl+f", "F", "/", "slash", "question_mark", "f5", "enter", "shift+tab", "space"]
)
def test_keys_textual_can_name(key: str):
    assert valid_key(key)


@pytest.mark.parametrize("key", ["ctrl+ff", "nope", "", "ctrl+", "ff", " "])
def test_keys_it_cannot(key: str):
    assert not valid_key(key)


def test_no_file_is_the_defaults(tmp_path: Path):
    found = load_config(known_ids(), theme_names(), tmp_path / "missing.toml")
    assert (found.keymap, found.theme, found.problem) == ({}, None, None)


def test_a_good_file_is_used(tmp_path: Path):
    found = config(
        tmp_path,
        f'theme = "{HIGH_CONTRAST.name}"\n[keys]\n"timeline.search" = "ctrl+f"\n'
        '"timeline.filters" = "F, ctrl+g"\n',
    )
    assert found.problem is None and found.theme == HIGH_CONTRAST.name
    assert found.keymap == {"timeline.search": "ctrl+f", "timeline.filters": "F,ctrl+g"}


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('theme = "nord"\n[keys\n', 2, "not TOML"),
        (
            '[keys]\n"timeline.search" = "ctrl+f"\n"timeline.nothing" = "x"\n',
            3,
            "unknown binding id",
        ),
        ('[keys]\n\n"timeline.search" = "ctrl+ff"\n', 3, "not a key name"),
        ('theme = "neon-pink"\n', 1, "unknown theme"),
        ('colour = "red"\n', 1, "unknown setting"),
        ('[keys]\n"timeline.search" = 5\n', 2, "must be a string"),
    ],
)
def test_a_bad_file_is_one_line_and_not_used(tmp_path: Path, text: str, line: int, says: str):
    found = config(tmp_path, text)
    assert found.keymap == {} and found.theme is None
    assert found.problem is not None and "\n" not in found.problem
    assert (
        found.problem.startswith(f"{tmp_path / 'config.toml'}:{line}: ") and says in found.problem
    )


async def test_a_remapped_key_works_and_the_help_shows_it(store: Store, tmp_path: Path):
    remapped = config(tmp_path, '[keys]\n"timeline.search" = "ctrl+f"\n')
    app = CounterpointApp(store, config=remapped)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert not timeline(app).query_one("#search").display  # the old key no longer
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert timeline(app).query_one("#search").display
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tui.screens.help_screen import binding_rows

        rows = binding_rows(app, app.screen.groups)
        assert ("Views", "^f", "Search") in rows


async def test_the_theme_is_set_and_a_problem_is_said_in_the_app(store: Store, tmp_path: Path):
    themed = config(tmp_path, f'theme = "{HIGH_CONTRAST.name}"\n')
    app = CounterpointApp(store, config=themed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
    broken = config(tmp_path, "[keys\n")
    app = CounterpointApp(store, config=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("not TOML" in n.message for n in app._notifications)


def test_keys_lists_every_binding_with_the_configs_keys(capsys, tmp_path: Path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"timeline.search" = "ctrl+f"\n', encoding="utf-8")
    monkeypatch.setenv("COUNTERPOINT_CONFIG", str(path))
    assert main(["keys"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"# config: {path} (in use)"
    rows = [line.split("\t") for line in out[1:]]
    assert {row[1] for row in rows} == known_ids()
    assert ["Views", "timeline.search", "ctrl+f", "Search"] in rows

"""Every binding has a stable id, and the help lists what the classes declare.

The ids are what a keymap (`App.set_keymap`) names, so they must exist, be unique and
say where the key works. The help is built from the classes themselves
(`tui.key_registry`): these tests check that nothing is left out of it, that a new
screen appears in it by declaring a title, and that a keymap shows in it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import tui
from store import Store
from tui.app import CounterpointApp
from tui.bands import Zoom
from tui.key_registry import binding_owners, help_groups
from tui.screens.help_screen import HelpScreen, binding_rows
from tui.screens.matrix_screen import MatrixScreen

ID = re.compile(r"^[a-z]+(\.[a-z_]+)+$")


def every_class_in_tui() -> list[type]:
    """Every class defined anywhere in `tui`, top-level modules included: wider than the
    registry looks, to catch an owner of bindings it would miss."""
    classes = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        module = importlib.import_module(info.name)
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__
        ]
    return classes


OWNERS = binding_owners(CounterpointApp)


def test_the_registry_finds_every_class_that_binds_keys():
    declared = {
        cls for cls in every_class_in_tui() if issubclass(cls, DOMNode) and "BINDINGS" in vars(cls)
    }
    assert declared == set(OWNERS)
    assert len(OWNERS) >= 10  # the app, six screens, the help, the confirmation, two widgets


def test_every_binding_has_a_unique_dotted_id():
    ids: dict[str, str] = {}
    for owner in OWNERS:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding), f"{owner.__name__}: {binding!r} is not a Binding"
            assert binding.id and ID.match(binding.id), f"{owner.__name__}: {binding!r}"
            assert binding.id not in ids, f"{binding.id}: {ids.get(binding.id)}, {owner.__name__}"
            ids[binding.id] = owner.__name__


@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.__name__)
def test_every_owner_says_whether_it_is_in_the_help(owner):
    """A title, or None on purpose: forgetting it must not leave a screen out silently."""
    assert "BINDING_GROUP_TITLE" in vars(owner)


def test_the_help_lists_every_titled_binding_and_no_other():
    listed = {
        (title, binding.id)
        for title, bindings in help_groups(CounterpointApp)
        for binding in bindings
    }
    expected = {
        (owner.BINDING_GROUP_TITLE, binding.id)
        for owner in OWNERS
        if owner.BINDING_GROUP_TITLE
        for binding in owner.BINDINGS
    }
    assert listed == expected
    assert {"help.close", "confirm.yes"}.isdisjoint(binding_id for _, binding_id in listed)


def test_a_new_screen_with_a_title_is_in_the_help(tmp_path: Path, monkeypatch):
    """What adding a screen takes: the module, its BINDINGS and its title. Nothing else."""
    (tmp_path / "extra_screen.py").write_text(
        "from textual.binding import Binding\n"
        "from textual.screen import Screen\n\n\n"
        "class ExtraScreen(Screen):\n"
        '    BINDING_GROUP_TITLE = "Extra"\n'
        '    BINDINGS = [Binding("ctrl+t", "extra", "Extra thing", id="extra.thing")]\n'
    )
    import tui.screens

    monkeypatch.setattr(tui.screens, "__path__", [*tui.screens.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "tui.screens.extra_screen", raising=False)
    try:
        groups = dict(help_groups(CounterpointApp))
        assert [binding.id for binding in groups["Extra"]] == ["extra.thing"]
    finally:
        sys.modules.pop("tui.screens.extra_screen", None)


def titles(groups) -> list[str]:
    return [title for title, _ in groups]


async def test_the_keys_that_work_here_come_first(store: Store):
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = titles(app.screen.groups)
        assert shown[:3] == ["Timeline", "Views", "Everywhere"]
        assert shown[3:] == sorted(shown[3:])
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert titles(app.screen.groups)[:2] == ["Matrix", "Everywhere"]
        matrix = dict(app.screen.groups)["Matrix"]
        assert [b.id for b in matrix][:2] == ["matrix.left", "matrix.down"]  # the table first


async def test_a_keymap_moves_a_key_by_its_id_and_the_help_shows_it(store: Store):
    app = CounterpointApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"timeline.zoom": "Z"})
        await pilot.press("z")
        assert app.screen.zoom is Zoom.DAY  # z no longer zooms
        await pilot.press("Z")
        assert app.screen.zoom is Zoom.WEEK
        await pilot.press("question_mark")
        rows = binding_rows(app, app.screen.groups)
        assert ("Views", "Z", "Zoom") in rows
        assert ("Views", "z", "Zoom") not in rows

"""Who binds which keys, found from the classes themselves, so the help cannot drift.

The owners of bindings are the app and every screen or widget class in `tui`'s
subpackages (`tui.screens`, `tui.widgets`) that declares its own BINDINGS. An owner that
names a BINDING_GROUP_TITLE (Textual's attribute, which its key panel shows too) is
listed in the help under that title; owners that share a title share a group (the
matrix's table and its screen). So a new screen with BINDINGS and a title is in the help
with nothing else to edit: there is no list of screens that could fall behind.

Discovery imports the screen and widget modules, so it runs when the help opens (or a
test asks), never at start-up.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

HelpGroup = tuple[str, list[Binding]]
"""A help section: its title and its bindings, in the order they are listed."""


def _classes_in_subpackages() -> Iterator[type]:
    """Every class defined in a module of one of `tui`'s subpackages, in module order and
    then in the order the module defines them. The top-level modules (the app, the CLI)
    are not walked: screens and widgets live in the subpackages."""
    import tui

    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if info.ispkg or info.name.count(".") < 2:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                yield value


def binding_owners(app_class: type[App]) -> list[type[DOMNode]]:
    """The app class, then every screen and widget class of ours with BINDINGS of its own."""
    owners: list[type[DOMNode]] = [app_class]
    for cls in _classes_in_subpackages():
        if issubclass(cls, DOMNode) and not issubclass(cls, App) and "BINDINGS" in vars(cls):
            owners.append(cls)
    return owners


def _key_order(owner: type[DOMNode]) -> int:
    """Within a group, widgets before screens before the app: the order in which Textual
    looks for a key (from the focused widget outwards)."""
    if issubclass(owner, App):
        return 2
    if issubclass(owner, Screen):
        return 1
    return 0


def help_groups(app_class: type[App], here: DOMNode | None = None) -> list[HelpGroup]:
    """Each titled owner's bindings under its title.

    The groups of `here` (the focused widget or the screen the help was opened from) and
    of everything around it, out to the app, come first, nearest first: the keys that
    work where the analyst is are at the top. The other groups follow by title.
    """
    members: dict[str, list[type[DOMNode]]] = {}
    for owner in sorted(binding_owners(app_class), key=_key_order):
        if owner.BINDING_GROUP_TITLE:
            members.setdefault(owner.BINDING_GROUP_TITLE, []).append(owner)
    near: list[str] = []
    if here is not None:
        for node in here.ancestors_with_self:
            title = node.BINDING_GROUP_TITLE
            if title in members and title not in near:
                near.append(title)
    titles = near + sorted(title for title in members if title not in near)
    return [
        (title, [binding for owner in members[title] for binding in owner.BINDINGS])
        for title in titles
    ]

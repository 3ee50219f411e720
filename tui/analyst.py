"""Who is at the keyboard: notes and bookmarks are recorded under the login name."""

from __future__ import annotations

import getpass


def current_analyst() -> str:
    """The login name, or "analyst" where the system cannot tell (no passwd entry)."""
    try:
        return getpass.getuser() or "analyst"
    except (KeyError, OSError):
        return "analyst"

"""Who is at the keyboard: notes and bookmarks are recorded under the operating system's user.

Each analyst may change and delete only their own notes and bookmarks, so the name
must be one a person cannot pick at will. `getpass.getuser()` reads $LOGNAME,
$USER, $LNAME and $USERNAME before the system, so `LOGNAME=alice counterpoint note
…` would have written (or deleted) alice's note. The name of the process's real
uid comes from the system's account database instead, and no variable changes it.
"""

from __future__ import annotations

import os
import pwd


def current_analyst() -> str:
    """The account name of the real uid; "uid-<n>" where the uid has no passwd entry.

    The fallback keeps two unnamed accounts apart (a shared "analyst" name would
    merge strangers' notes) and stays the same for one uid from run to run.
    """
    uid = os.getuid()
    try:
        name = pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid-{uid}"
    return name or f"uid-{uid}"

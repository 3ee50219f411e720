"""The one exception type callers of the store need to catch.

Its message is a complete sentence a person can act on; the CLI and the TUI show
it as it is, on one line, instead of a traceback.
"""

import re

_FIELD = re.compile(r"field '([^']+)': ")


class StoreError(Exception):
    """Something about the database or the input that a person has to fix."""


class ImportRejected(StoreError):
    """An import file (or a position coded in the app) had an invalid record; nothing was
    written. Every message about one field names it the same way ("field 'summary': …"),
    so a form can show the reason next to that field."""

    @property
    def field(self) -> str | None:
        """The field path the message is about ("summary", "sources[0].quote"), if any."""
        found = _FIELD.search(str(self))
        return found.group(1) if found else None

    @property
    def reason(self) -> str:
        """What is wrong with that field, without where the record came from."""
        found = _FIELD.search(str(self))
        return str(self)[found.end() :] if found else str(self)

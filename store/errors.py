"""The one exception type callers of the store need to catch.

Its message is a complete sentence a person can act on; the CLI and the TUI show
it as it is, on one line, instead of a traceback.
"""


class StoreError(Exception):
    """Something about the database or the input that a person has to fix."""


class ImportRejected(StoreError):
    """An import file had an invalid record; nothing was written."""

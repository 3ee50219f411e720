"""The text of `counterpoint note ID -`: standard input, read no further than a note holds.

`sys.stdin.read()` read until end of file, so `note ID - < /dev/zero` (or a
pipe that never ends) filled memory. A note holds at most `note_max_chars()`
characters, so one more is all that is ever read: with it the note is refused,
before anything is written. The bytes must be UTF-8, whatever the locale says, as
everything else Counterpoint reads is.
"""

from __future__ import annotations

import io
from typing import TextIO


class NoteInputError(ValueError):
    """Standard input cannot be a note: too long, or not UTF-8. The message says which."""


def note_max_chars() -> int:
    """The most characters a note may hold: the limit the store validates notes against."""
    from store.models import Note  # the one place the limit is written

    return next(
        rule.max_length
        for rule in Note.model_fields["text"].metadata
        if getattr(rule, "max_length", None)
    )


def read_note_text(stdin: TextIO, limit: int) -> str:
    """At most `limit` characters of UTF-8 text from `stdin`, or NoteInputError.

    The bytes under a text stream are read (`stdin.buffer`), so the locale's encoding
    and error handler play no part; a stream that is text only (a test's StringIO) is
    read as it is. `TextIOWrapper.read(n)` decodes chunk by chunk and stops at n
    characters, so no more than about 4·n bytes plus one chunk is taken."""
    raw = getattr(stdin, "buffer", None)
    if raw is None:
        text = stdin.read(limit + 1)
    else:
        reader = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
        try:
            text = reader.read(limit + 1)
        except UnicodeDecodeError as exc:
            raise NoteInputError("standard input is not UTF-8 text; nothing was saved") from exc
        finally:
            reader.detach()  # leave the caller's stream open
    if len(text) > limit:
        raise NoteInputError(
            f"standard input holds more than {limit:,} characters, the most "
            "a note may hold; nothing was saved"
        )
    return text

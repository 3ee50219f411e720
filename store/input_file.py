"""Reading a file a person names on the command line, or standard input, safely.

An import file and a document come the same way and meet the same dangers: a device
(`/dev/zero`, a terminal) that never ends or has effects when opened, a directory, a
socket, or a file far too big to be what was meant. Each is refused in one line that
names it, before more than the allowed number of bytes is read.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from .errors import ImportRejected

STDIN = "-"
"""The name that means standard input, as for most Unix tools."""

_READ_CHUNK = 1 << 20


def read_input_bytes(source: Path | str, *, limit: int, noun: str, advice: str) -> bytearray:
    """The bytes of `source` (a path, or "-" for standard input), at most `limit`.

    `noun` is what the file should be ("an import file", "a document") and `advice`
    what to do about one that is too big; both go into the one-line refusals. A
    regular file or a pipe is read; anything else is refused before a byte is read.
    The kind is checked on the name (so a device is never opened: opening some has
    effects) and again on what was opened (the name may have changed in between).
    Opening a pipe waits for its writer, as a reader of a pipe should."""
    if str(source) == STDIN:
        return _read_stdin(limit=limit, noun=noun, advice=advice)
    path = Path(source)
    try:
        _refuse_unreadable_kind(str(path), path.stat(), noun)
        with path.open("rb") as stream:
            return _read_capped(stream, str(path), limit=limit, noun=noun, advice=advice)
    except OSError as exc:
        raise ImportRejected(f"{path}: cannot be read: {exc.strerror or exc}") from exc


def _read_stdin(*, limit: int, noun: str, advice: str) -> bytearray:
    label = "standard input"
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None or stream.closed:
        raise ImportRejected(f"{label}: is closed; give {noun} as a file or pipe one in")
    if stream.isatty():
        raise ImportRejected(
            f"{label}: is a terminal; pipe {noun} into it (… | counterpoint …) or name its file"
        )
    try:
        return _read_capped(stream, label, limit=limit, noun=noun, advice=advice)
    except OSError as exc:
        raise ImportRejected(f"{label}: cannot be read: {exc.strerror or exc}") from exc


def _read_capped(stream: BinaryIO, label: str, *, limit: int, noun: str, advice: str) -> bytearray:
    status = os.fstat(stream.fileno())
    _refuse_unreadable_kind(label, status, noun)
    if stat.S_ISREG(status.st_mode) and status.st_size > limit:
        raise too_big(label, limit=limit, noun=noun, advice=advice)
    raw = bytearray()  # grown in place: no second copy of the file to join
    while chunk := stream.read(_READ_CHUNK):
        raw += chunk
        if len(raw) > limit:
            raise too_big(label, limit=limit, noun=noun, advice=advice)
    return raw


def _refuse_unreadable_kind(label: str, status: os.stat_result, noun: str) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return
    if stat.S_ISDIR(mode):
        raise ImportRejected(f"{label}: is a directory, not {noun}")
    kind = (
        "a character device (a terminal, or a device such as /dev/zero)"
        if stat.S_ISCHR(mode)
        else "a block device"
        if stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise ImportRejected(f"{label}: is {kind}, not {noun}; give a file or a pipe")


def too_big(label: str, *, limit: int, noun: str, advice: str) -> ImportRejected:
    """The refusal of an input larger than `limit` bytes, in the words of the others."""
    return ImportRejected(
        f"{label}: is larger than {limit // (1024 * 1024)} MiB, the most {noun} may be; {advice}"
    )

"""Writing a file so that the old one survives until the new one is whole.

An export replaces a brief a colleague may already rely on. Writing it in place
(`Path.write_text`) truncates the old file first, so a full disk, a quota or an
I/O error leaves half a file and nothing to go back to. Here the text goes to a
temporary file in the target's own folder, is flushed and fsynced, and is then
renamed over the target (`os.replace`, atomic on POSIX within one file system);
the folder is fsynced so that the rename itself survives a power cut. On any
failure the temporary file is removed and the target is byte-identical.

The destination is checked before anything is written, because a rename does
not write *into* a file, it swaps what a name points at: renaming over
`/dev/null` would replace the device with a regular file (as root, for the whole
machine). So a target that exists must be a regular file; a symlink is followed
and the file it names is replaced, the link is kept; the replaced file's
permission bits (and, where allowed, its owner) are kept.

No library is used: `atomicwrites` is archived (unmaintained since 2022), and
neither it nor the maintained alternatives refuse devices and FIFOs, keep the
old file's mode, or tell a bad destination from a failed write, which the CLI
needs for its exit status (2 and 1). The whole mechanism is the standard
temp-fsync-rename sequence below.

Known limits: a hard link to the old file keeps the old content (the name is
given a new file); ACLs and extended attributes of the old file are not copied.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .errors import StoreError

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


class WriteFailed(StoreError):
    """The file could not be written (no space, permission denied, I/O error); the old
    file, if any, is untouched. The CLI exits 1."""


class BadDestination(StoreError):
    """The path cannot be a file we replace: a missing folder, a directory, a device or
    pipe. Nothing was written. The CLI exits 2 (bad input)."""


@dataclass(frozen=True)
class Destination:
    """Where a write goes: `shown` is the path as the person typed it (for messages),
    `real` the file actually replaced (symlinks followed), `existing` its status."""

    shown: Path
    real: Path
    existing: os.stat_result | None

    @property
    def unchanged(self) -> str:
        return f"{self.shown} is unchanged" if self.existing else "nothing was written"


def check_destination(path: Path | str) -> Destination:
    """Where writing `path` would go, or BadDestination / WriteFailed saying why not."""
    shown = Path(path)
    real = Path(os.path.realpath(shown))
    try:
        existing = os.stat(real)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        _refuse_unreadable(shown, exc)
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise BadDestination(f"cannot write {shown}: it is a directory; give a file name")
        if not stat.S_ISREG(existing.st_mode):
            kind = next(
                (name for test, name in _KINDS if test(existing.st_mode)), "not a regular file"
            )
            raise BadDestination(
                f"cannot write {shown}: it is {kind}, not a regular file; nothing was written"
            )
        if not _may_write(real):
            raise WriteFailed(f"cannot write {shown}: permission denied; {shown} is unchanged")
        return Destination(shown, real, existing)
    folder = real.parent
    if not folder.exists():
        raise BadDestination(
            f"cannot write {shown}: the folder {folder} does not exist; nothing was written"
        )
    if not folder.is_dir():
        raise BadDestination(f"cannot write {shown}: {folder} is not a folder; nothing was written")
    return Destination(shown, real, None)


def write_atomically(path: Path | str, text: str) -> Path:
    """Replace `path` with `text` (UTF-8), all or nothing; returns the file written."""
    with open_atomically(path) as out:
        out.write(text)
    return check_destination(path).real


@contextmanager
def open_atomically(path: Path | str) -> Iterator[TextIO]:
    """A text file (UTF-8) that replaces `path` when the block ends without an error,
    and is removed, the old file untouched, when it raises: for writing a file as its
    content is read (a large export) with the same all-or-nothing promise."""
    destination = check_destination(path)
    folder = destination.real.parent
    temporary = _create_temporary(destination)
    try:
        with open(temporary.fd, "w", encoding="utf-8", newline="", closefd=True) as out:
            yield out
            out.flush()
            if destination.existing is not None:
                _keep_owner_and_mode(out.fileno(), destination.existing)
            os.fsync(out.fileno())
        os.replace(temporary.path, destination.real)
    except BaseException as exc:
        _remove(temporary.path)
        if isinstance(exc, OSError):
            raise WriteFailed(
                f"cannot write {destination.shown}: {_reason(exc)}; {destination.unchanged}"
            ) from exc
        raise
    _sync_folder(folder, destination)


@dataclass(frozen=True)
class _Temporary:
    fd: int
    path: Path


def _create_temporary(destination: Destination) -> _Temporary:
    """A new, empty, hidden file beside the target. It is private (0600) while it is
    written when it will replace a file (whose mode it takes just before the rename);
    a new file is created with the mode the umask gives, as `open` would."""
    mode = 0o600 if destination.existing is not None else 0o666
    stem = destination.real.name[:200]  # room for the suffix within NAME_MAX
    for _ in range(100):
        path = destination.real.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        except FileExistsError:
            continue
        except OSError as exc:
            raise WriteFailed(
                f"cannot write {destination.shown}: {_reason(exc)} (a new file "
                f"cannot be made in {destination.real.parent}); "
                f"{destination.unchanged}"
            ) from exc
        return _Temporary(fd, path)
    raise WriteFailed(
        f"cannot write {destination.shown}: no free temporary name in "
        f"{destination.real.parent}; {destination.unchanged}"
    )


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    """The replaced file's owner (when we may set it: root, or already ours) and then its
    permission bits (after chown, which may clear set-id bits)."""
    # Not ours to give away (not root, not ours): the new file is the writer's, as
    # with any editor that saves by renaming.
    with contextlib.suppress(PermissionError):
        os.fchown(fd, old.st_uid, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _sync_folder(folder: Path, destination: Destination) -> None:
    """Make the rename durable. File systems that cannot fsync a folder say EINVAL."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return  # the file is whole and in place; only the rename's durability is unknown
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise WriteFailed(
                f"{destination.shown} was written, but its folder could not "
                f"be synced to disk: {_reason(exc)}"
            ) from exc
    finally:
        os.close(fd)


def _may_write(path: Path) -> bool:
    """Whether the user may write the file: a rename needs only the folder's permission,
    but replacing a file one may not write would be overriding its owner's choice."""
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def _refuse_unreadable(shown: Path, exc: OSError) -> None:
    if exc.errno == errno.ELOOP:
        raise BadDestination(
            f"cannot write {shown}: too many levels of symbolic links; nothing was written"
        ) from exc
    if exc.errno == errno.ENOTDIR:
        raise BadDestination(
            f"cannot write {shown}: part of the path is not a folder; nothing was written"
        ) from exc
    raise WriteFailed(f"cannot write {shown}: {_reason(exc)}; nothing was written") from exc


def _reason(exc: OSError) -> str:
    """The system's words, lower-cased to sit mid-sentence ("no space left on device")."""
    words = exc.strerror or str(exc)
    return words[:1].lower() + words[1:]


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # already gone, or its folder with it
        os.unlink(path)

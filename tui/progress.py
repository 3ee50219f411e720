"""A progress bar on stderr for long commands (synth, import, add-document, export),
drawn with Rich (which Textual already brings) only when stderr is a terminal: a pipe, a
file or a CI log gets nothing but the command's own one-line result.

The bar is transient: it is gone when the work is done, so the terminal keeps only the
result line, as the quiet version would print it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int], None]
"""Called with how many more items are done."""


def _quiet(_done: int) -> None:
    return None


@contextmanager
def progress(label: str, total: int | None = None) -> Iterator[Advance]:
    """A bar of `total` items (a spinner when the total is unknown) labelled `label`."""
    if not sys.stderr.isatty():
        yield _quiet
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
    if total is not None:
        columns.append(MofNCompleteColumn())
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)

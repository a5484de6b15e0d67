"""A progress bar on stderr for long runs, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Runs with fewer inputs to lint than this never show a bar.
MIN_ITEMS = 20


@contextmanager
def progress_bar(total: int, *, enabled: bool | None = None) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; draws a click progress bar when ``enabled`` (None: long run on a terminal)."""
    if enabled is None:
        enabled = total >= MIN_ITEMS and sys.stderr.isatty()
    if not enabled:
        yield lambda n: None
        return
    import click

    with click.progressbar(length=total, label="healthlint", file=sys.stderr, show_pos=True,
                           show_eta=True) as bar:
        yield bar.update

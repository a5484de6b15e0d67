"""Lint many inputs in a process pool whose workers build the pipeline once; results keep the input order."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import Config
from .result import FileResult

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ResultCache


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file to read (``source`` None) or already decoded text (corpus records)."""

    path: str
    fmt: str | None = None
    source: str | None = None
    baseline: frozenset[str] | None = None
    #: (corpus file, line) of a corpus record, named by its input errors.
    origin: tuple[str, int] | None = None
    #: Result-cache key: the process that lints the task stores its result under it.
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Sink:
    """What happens to a fresh result: stored in the cache (if any), annotations dropped unless needed."""

    cache: ResultCache | None = None
    keep_annotations: bool = True

    def __call__(self, task: Task, result: FileResult) -> FileResult:
        if self.cache is not None and task.key is not None:
            self.cache.put(task.key, result)
        if not self.keep_annotations:
            result.annotations = {}
        return result


_CONFIG: Config | None = None
_SINK = Sink()


def _init_worker(config: Config, sink: Sink) -> None:
    """Pool initializer: keep the config and build the linter and spaCy pipeline once per worker."""
    global _CONFIG, _SINK
    _CONFIG, _SINK = config, sink
    # A failing initializer would make the pool respawn workers forever; the tasks report the error instead.
    with contextlib.suppress(Exception):
        warm_up(config)
    tune_gc()


def warm_up(config: Config) -> None:
    """Build (or reuse) the rules, the lexicons and the pipeline by linting one tiny document."""
    from .api import _linter

    _linter(config).lint_source("Warm up.", "text", "<warm-up>")


def tune_gc() -> None:
    """Batch mode: freeze what lives for the whole run (spaCy's vocab, rules, lexicons) out of the cyclic
    garbage collector and collect less often. Linting allocates many short-lived objects that reference
    counting frees; with the default thresholds the collector rescans the long-lived heap over and over
    (about half the run time on a large batch)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def lint_task(task: Task, config: Config) -> FileResult:
    """Lint one task in this process; input errors become results with errors."""
    from .api import _linter, error_result, lint_file
    from .errors import HealthlintError

    try:
        if task.source is None:
            return lint_file(task.path, config, task.fmt, set(task.baseline) if task.baseline else None)
        return _linter(config).lint_source(task.source, task.fmt or "text", task.path,
                                           baseline=set(task.baseline) if task.baseline else None)
    except HealthlintError as e:
        if e.path is None and task.origin:
            e.path, e.line = task.origin
        return error_result(task.path, e)
    except Exception as e:  # a bug must not stop the other files from being linted
        if os.environ.get("HEALTHLINT_DEBUG"):
            raise
        where, line = task.origin if task.origin else (task.path, None)
        return error_result(task.path, HealthlintError(
            f"internal error ({type(e).__name__}: {e}); set HEALTHLINT_DEBUG=1 for the traceback and please "
            "report it", where, line))


def _work(chunk: list[Task]) -> list[FileResult]:
    assert _CONFIG is not None
    return [_SINK(t, lint_task(t, _CONFIG)) for t in chunk]


def default_jobs() -> int:
    """The number of usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def chunk_size(n: int, jobs: int) -> int:
    """About four chunks per worker (load balance), at most 32 inputs each (progress, memory)."""
    return max(1, min(32, n // (jobs * 4) or 1))


def _context() -> mp.context.BaseContext:
    # fork shares the parent's imports and any pipeline it already built; elsewhere use the platform default.
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context()


def lint_many(tasks: Sequence[Task], config: Config, jobs: int,
              on_done: Callable[[int], None] | None = None, sink: Sink | None = None) -> Iterator[FileResult]:
    """Results for ``tasks`` in order; a pool of ``jobs`` workers unless there is one task or one job.

    ``sink`` runs on each result where it was made (the worker): caching, dropping annotations.
    """
    sink = sink or Sink()
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        if len(tasks) > 1:
            with contextlib.suppress(Exception):
                warm_up(config)
            tune_gc()
        for t in tasks:
            r = sink(t, lint_task(t, config))
            if on_done:
                on_done(1)
            yield r
        return
    size = chunk_size(len(tasks), jobs)
    chunks = [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]
    ctx = _context()
    if ctx.get_start_method() == "fork":
        # Build the pipeline, rules and lexicons once here: forked workers inherit them (copy-on-write).
        with contextlib.suppress(Exception):
            warm_up(config)
        tune_gc()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(config, sink)) as pool:
        for results in pool.imap(_work, chunks):
            if on_done:
                on_done(len(results))
            yield from results

"""Lint many inputs in a process pool whose workers build the pipeline once; results keep the input order."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
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

    def wants_annotations(self, task: Task) -> bool:
        """Whether the result of ``task`` must carry its annotations (to be reported or cached)."""
        return self.keep_annotations or (self.cache is not None and task.key is not None)

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


#: A batch with at least this many characters of input prepares readability up front (``prepare_batch``).
BATCH_PREPARE_CHARS = 65_536


def prepare(tasks: Sequence[Task]) -> None:
    """Work that a batch of many words repays, done once before its first document (so that forked workers
    share it); none for a batch too small to repay it."""
    if any(total >= BATCH_PREPARE_CHARS for total in accumulate(map(_size, tasks))):
        from .annotate.readability import prepare_batch

        prepare_batch()


def tune_gc() -> None:
    """Batch mode: freeze what lives for the whole run (spaCy's vocab, rules, lexicons) out of the cyclic
    garbage collector, collect less often and (re-)enable it. Linting allocates many short-lived objects that
    reference counting frees; with the default thresholds the collector rescans the long-lived heap over and
    over (about half the run time on a large batch). No collection before freezing: start-up leaves a few
    hundred objects of garbage, not worth a full pass over the heap (some 80 ms)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    gc.enable()


def lint_task(task: Task, config: Config, *, annotations: bool = True) -> FileResult:
    """Lint one task in this process; input errors become results with errors."""
    from .api import _linter, error_result, lint_file
    from .errors import HealthlintError

    baseline = set(task.baseline) if task.baseline else None
    try:
        if task.source is None:
            return lint_file(task.path, config, task.fmt, baseline, annotations=annotations)
        return _linter(config).lint_source(task.source, task.fmt or "text", task.path, baseline=baseline,
                                           annotations=annotations)
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


def _lint_here(task: Task, config: Config, sink: Sink, on_done: Callable[[int], None] | None) -> FileResult:
    """Lint one task in this process (through the sink) and count it as done."""
    result = sink(task, lint_task(task, config, annotations=sink.wants_annotations(task)))
    if on_done:
        on_done(1)
    return result


def _work(chunk: list[Task]) -> list[FileResult]:
    assert _CONFIG is not None
    return [_lint_here(t, _CONFIG, _SINK, None) for t in chunk]


def default_jobs() -> int:
    """The number of usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def chunk_size(n: int, jobs: int) -> int:
    """The next chunk when ``n`` inputs are left: a quarter of a worker's share (load balance), at most 32
    inputs (progress, memory)."""
    return max(1, min(32, n // (jobs * 4) or 1))


def _size(task: Task) -> int:
    """How much there is to lint: the length of the text or of the file (0 when it cannot be read)."""
    if task.source is not None:
        return len(task.source)
    try:
        return os.path.getsize(task.path)
    except OSError:
        return 0


def _by_size(tasks: Sequence[Task]) -> list[int]:
    """Task indices, largest input first."""
    return sorted(range(len(tasks)), key=lambda i: -_size(tasks[i]))


def plan_chunks(order: list[int], jobs: int) -> list[list[int]]:
    """Task indices (largest first) in chunks for the pool: chunks shrink as the work left does, so that the
    workers run out of work at about the same time (guided self-scheduling)."""
    order = list(order)
    chunks = []
    while order:
        size = chunk_size(len(order), jobs)
        chunks.append(order[:size])
        del order[:size]
    return chunks


def _context() -> mp.context.BaseContext:
    # fork shares the parent's imports and any pipeline it already built; elsewhere use the platform default.
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context()


def lint_many(tasks: Sequence[Task], config: Config, jobs: int,
              on_done: Callable[[int], None] | None = None, sink: Sink | None = None) -> Iterator[FileResult]:
    """Results for ``tasks`` in order; a pool of ``jobs`` workers unless there is one task or one job (with
    fork, this process lints one of the tasks before starting the pool).

    ``sink`` runs on each result where it was made (the worker): caching, dropping annotations.
    """
    sink = sink or Sink()
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        if len(tasks) > 1:
            with contextlib.suppress(Exception):
                warm_up(config)
                prepare(tasks)
            tune_gc()
        for t in tasks:
            yield _lint_here(t, config, sink, on_done)
        return
    order = _by_size(tasks)
    ctx = _context()
    done: dict[int, FileResult] = {}
    if ctx.get_start_method() == "fork":
        # Lint an input of median size here first: the forked workers inherit the pipeline, rules and
        # lexicons and all that a first real document compiles and loads (copy-on-write) instead of each
        # redoing it. (Not the largest: that one is best started in a worker while the other works.)
        first = order.pop(len(order) // 2)
        with contextlib.suppress(Exception):
            prepare(tasks)
        done[first] = _lint_here(tasks[first], config, sink, on_done)
        tune_gc()
    chunks = plan_chunks(order, jobs)
    upto = 0  # results before this index have been yielded
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(config, sink)) as pool:
        for chunk, results in zip(chunks, pool.imap(_work, [[tasks[i] for i in c] for c in chunks]), strict=True):
            if on_done:
                on_done(len(results))
            done.update(zip(chunk, results, strict=True))
            while upto in done:
                yield done.pop(upto)
                upto += 1

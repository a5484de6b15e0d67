"""Lint many inputs in a process pool whose workers build the pipeline once; results keep the input order."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from .config import Config
from .result import FileResult

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ResultCache
    from .document import Document


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
    #: A file where a :class:`Preparser` may have left the parsed document of the input (taken at most once).
    parsed: str | None = None

    def read(self) -> tuple[str, str]:
        """The decoded source and the reader format: as given, else the file's (by its name)."""
        from .document import read_input

        return (self.source, self.fmt or "text") if self.source is not None else read_input(self.path, self.fmt)


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


def prepare(sizes: Iterable[int]) -> None:
    """Work that a batch of many words repays, done once before its first document (so that forked workers
    share it); none for a batch too small to repay it (``sizes``: its inputs', read until they add up to
    enough)."""
    if any(total >= BATCH_PREPARE_CHARS for total in accumulate(sizes)):
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
    from .api import _linter, error_result
    from .errors import HealthlintError

    baseline = set(task.baseline) if task.baseline else None
    try:
        doc = _take(task.parsed) if task.parsed else None
        if doc is not None:
            return _linter(config).lint_document(doc, baseline=baseline, annotations=annotations)
        return _linter(config).lint_source(*task.read(), task.path, baseline=baseline, annotations=annotations)
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


def _take(path: str) -> Document | None:
    """The document a :class:`Preparser` left at ``path`` (the file is removed), or None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        os.remove(path)
    except OSError:
        return None
    return pickle.loads(data)


#: Input size (characters) from which a pool's start-up is used to parse inputs ahead.
PREPARSE_CHARS = 256 * 1024


class Preparser:
    """Reads and parses inputs in a forked process while this one starts up.

    The start-up of a pool's parent (importing spaCy, building the pipeline, the first lint and its compiles:
    about 0.7 s) leaves the other cores idle, and parsing needs none of it. The process parses the tasks in
    the order the pool takes them and leaves each document, pickled, in a temporary folder; it is stopped when
    the pool starts, and a worker takes the document of its task if it is there (loading costs about a fifth
    of parsing), else parses as usual. What it cannot read or parse is left to the worker, which reports it."""

    def __init__(self, ctx: mp.context.BaseContext, tasks: list[tuple[int, Task]]) -> None:
        self.folder = tempfile.mkdtemp(prefix="healthlint-parse-")
        self.process = ctx.Process(target=_preparse, args=(tasks, self.folder), daemon=True)
        self.process.start()

    def place(self, index: int) -> str:
        """Where the document of task ``index`` is left."""
        return os.path.join(self.folder, f"{index}.doc")

    def stop(self) -> None:
        """Stop parsing; the documents left so far stay for the workers."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _preparse(tasks: list[tuple[int, Task]], folder: str) -> None:
    """The pre-parsing process; it leaves with ``os._exit``, so that it never flushes a copy of the parent's
    output buffers."""
    from .document import parse

    try:
        for index, task in tasks:
            try:
                data = pickle.dumps(parse(*task.read(), task.path), pickle.HIGHEST_PROTOCOL)
            except Exception:  # (the worker meets the same error and reports it)
                continue
            part = os.path.join(folder, f"{index}.part")
            with open(part, "wb") as f:
                f.write(data)
            os.replace(part, os.path.join(folder, f"{index}.doc"))
    finally:
        os._exit(0)


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
                prepare(map(_size, tasks))
            tune_gc()
        for t in tasks:
            yield _lint_here(t, config, sink, on_done)
        return
    sizes = [_size(t) for t in tasks]  # (a file's is a system call: asked once)
    order = sorted(range(len(tasks)), key=lambda i: -sizes[i])  # largest first
    ctx = _context()
    fork = ctx.get_start_method() == "fork"
    # With fork, lint an input of median size here first: the forked workers inherit the pipeline, rules and
    # lexicons and all that a first real document compiles and loads (copy-on-write) instead of each redoing
    # it. (Not the largest: that one is best started in a worker while the other works.)
    first = order.pop(len(order) // 2) if fork else None
    chunks = plan_chunks(order, jobs)
    done: dict[int, FileResult] = {}
    pre: Preparser | None = None
    try:
        if first is not None:
            if sum(sizes) >= PREPARSE_CHARS:
                with contextlib.suppress(OSError):  # (no temporary folder: the workers parse)
                    pre = Preparser(ctx, [(i, tasks[i]) for c in chunks for i in c])
            with contextlib.suppress(Exception):
                prepare(sizes)
            done[first] = _lint_here(tasks[first], config, sink, on_done)
            tune_gc()
        if pre is not None:
            pre.stop()
        work = [[replace(tasks[i], parsed=pre.place(i)) if pre else tasks[i] for i in c] for c in chunks]
        upto = 0  # results before this index have been yielded
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(config, sink)) as pool:
            for chunk, results in zip(chunks, pool.imap(_work, work), strict=True):
                if on_done:
                    on_done(len(results))
                done.update(zip(chunk, results, strict=True))
                while upto in done:
                    yield done.pop(upto)
                    upto += 1
    finally:
        if pre is not None:
            pre.close()

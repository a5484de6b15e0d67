"""``healthlint check``: configuration, discovery, linting (parallel, cached), output and the exit status."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .config import Config, find_config, load_config
from .errors import HealthlintError, InputError
from .result import FileResult, RunResult
from .rules import SEVERITY_RANK

if TYPE_CHECKING:  # pragma: no cover
    from .cache import ResultCache
    from .parallel import Task

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(slots=True)
class CheckOptions:
    paths: list[str]
    fmt: str = "text"
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    min_score: int | None = None
    output_file: str | None = None
    input_format: str = "auto"
    stdin_filename: str | None = None
    config_path: str | None = None
    isolated: bool = False
    rules_paths: list[str] = field(default_factory=list)
    reading_grade: float | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    explain_score: bool = False
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    quiet: bool = False
    colour: bool = False
    exit_zero: bool = False
    #: Worker processes (0: one per core). The CLI passes the number of cores; the API default is 1.
    jobs: int = 1
    #: Use the content-hash result cache (the CLI turns it on unless --no-cache).
    cache: bool = False
    #: Cache folder (default: $HEALTHLINT_CACHE_DIR or ./.healthlint_cache).
    cache_dir: str | None = None
    #: Progress bar on stderr: None = when stderr is a terminal and the run is long.
    progress: bool | None = None


def build_config(opts: CheckOptions) -> Config:
    """The config file (explicit, or found upward from the first path), then CLI overrides."""
    if opts.isolated:
        cfg = Config()
    elif opts.config_path:
        cfg = load_config(Path(opts.config_path))
    else:
        first = next((p for p in opts.paths if p != "-"), ".")
        cfg = load_config(find_config(Path(first)))
    if opts.select:
        cfg.select = opts.select
    cfg.extend_select += opts.extend_select
    cfg.ignore += opts.ignore
    cfg.rule_paths += opts.rules_paths
    cfg.exclude += opts.exclude
    if opts.include:
        cfg.include = opts.include
    if opts.fail_on:
        cfg.fail_on = opts.fail_on
    if opts.min_score is not None:
        cfg.min_score = opts.min_score
    if opts.reading_grade is not None:
        cfg.reading_grade = opts.reading_grade
    return cfg


def _stdin_slot(opts: CheckOptions, baseline: dict[str, set[str]]) -> FileResult | Task:
    from .api import error_result
    from .document import decode, format_for, normalise_format
    from .parallel import Task

    name = opts.stdin_filename or "-"
    try:
        source = decode(sys.stdin.buffer.read(), name)
        fmt = normalise_format(opts.input_format) if opts.input_format not in ("auto", "jsonl") \
            else format_for(name)
    except HealthlintError as e:
        return error_result(name, e)
    return Task(name, fmt, source, _frozen(baseline.get(name)))


def corpus_slots(path: str) -> list[FileResult | Task]:
    """Corpus mode: each JSON Lines record's ``text`` (optional ``id``, ``format``) is one input."""
    from .api import error_result
    from .document import normalise_format, read_path
    from .parallel import Task

    try:
        lines = read_path(path).splitlines() if path != "-" else sys.stdin.read().splitlines()
    except HealthlintError as e:
        return [error_result(path, e)]
    out: list[FileResult | Task] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        rid = f"{path}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise InputError("record needs a string 'text' field", path, n)
            rid = str(rec.get("id", rid))
            fmt = normalise_format(str(rec.get("format", "text")))
            out.append(Task(rid, fmt, rec["text"], origin=(path, n)))
        except json.JSONDecodeError as e:
            out.append(error_result(rid, InputError(f"invalid JSON: {e.msg}", path, n)))
        except HealthlintError as e:
            if e.path is None:
                e.path, e.line = path, n
            out.append(error_result(rid, e))
    return out


def lint_corpus(path: str, cfg: Config, jobs: int = 1) -> list[FileResult]:
    """Lint a JSON Lines corpus (see :func:`corpus_slots`), results in record order."""
    return resolve(corpus_slots(path), cfg, jobs=jobs)


def _frozen(fingerprints: set[str] | None) -> frozenset[str] | None:
    return frozenset(fingerprints) if fingerprints else None


def plan(opts: CheckOptions, cfg: Config) -> list[FileResult | Task]:
    """Every input in order: input errors resolved at once, everything else a task."""
    from .api import discover, error_result
    from .parallel import Task
    from .suppress import read_baseline

    baseline = read_baseline(opts.baseline) if opts.baseline else {}
    fmt = None if opts.input_format in ("auto", "jsonl") else opts.input_format
    slots: list[FileResult | Task] = []
    for raw in opts.paths:
        if opts.input_format == "jsonl":
            slots.extend(corpus_slots(raw))
        elif raw == "-":
            slots.append(_stdin_slot(opts, baseline))
        elif not Path(raw).exists():
            slots.append(error_result(raw, InputError("no such file or directory", raw)))
        else:
            slots.extend(Task(f, fmt, None, _frozen(baseline.get(f))) for f in discover([raw], cfg))
    return slots


def resolve(slots: list[FileResult | Task], cfg: Config, *, jobs: int = 1, cache: ResultCache | None = None,
            progress: bool | None = None, keep_annotations: bool = True) -> list[FileResult]:
    """Lint the tasks among ``slots`` (cache first, then the pool) and return results in slot order."""
    from dataclasses import replace

    from .api import _linter
    from .parallel import Sink, default_jobs, lint_many
    from .progress import progress_bar

    results: list[FileResult | None] = [s if isinstance(s, FileResult) else None for s in slots]
    pending: list[int] = []
    tasks: list[Task] = []
    for i, s in enumerate(slots):
        if isinstance(s, FileResult):
            continue
        if cache is not None:
            key = _cache_key(cache, s)
            hit = cache.get(key) if key is not None else None
            if hit is not None:
                if not keep_annotations:
                    hit.annotations = {}
                results[i] = hit
                continue
            s = replace(s, key=key)
        pending.append(i)
        tasks.append(s)
    if tasks:
        _linter(cfg)  # validate the rules here (a bad pack is a clean error); forked workers reuse them
        sink = Sink(cache, keep_annotations)
        with progress_bar(len(tasks), enabled=progress) as advance:
            for i, r in zip(pending, lint_many(tasks, cfg, jobs or default_jobs(), advance, sink), strict=True):
                results[i] = r
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


def _cache_key(cache: ResultCache, task: Task) -> str | None:
    """The cache key of a task, or None when its file cannot be read (the linter reports that)."""
    from .document import format_for

    content: bytes | str
    if task.source is not None:
        content = task.source
    else:
        try:
            content = Path(task.path).read_bytes()
        except OSError:
            return None
    return cache.key(content, task.fmt or format_for(task.path), task.path, task.baseline)


def open_cache(opts: CheckOptions, cfg: Config) -> ResultCache | None:
    """The result cache for this run, or None when off."""
    if not opts.cache:
        return None
    from .cache import ResultCache, default_cache_dir

    return ResultCache(default_cache_dir(opts.cache_dir), cfg.cache_key(), cfg.rule_paths)


def collect(opts: CheckOptions, cfg: Config) -> RunResult:
    """Lint every input in order; input errors become results with errors (never stop the run)."""
    slots = plan(opts, cfg)
    cache = open_cache(opts, cfg)
    files = resolve(slots, cfg, jobs=opts.jobs, cache=cache, progress=opts.progress,
                    keep_annotations=opts.fmt == "json")
    if cache is not None and os.environ.get("HEALTHLINT_CACHE_STATS"):
        click.echo(f"healthlint: cache {cache.root}: {cache.hits} hits, {cache.misses} misses", err=True)
    return RunResult(files=files)


def exit_status(run: RunResult, cfg: Config) -> int:
    if run.errors:
        return EXIT_ERROR
    threshold = {"never": 99, **SEVERITY_RANK}[cfg.fail_on]
    for f in run.files:
        if any(fd.rank >= threshold for fd in f.findings):
            return EXIT_FINDINGS
        if cfg.min_score is not None and f.score is not None and f.score < cfg.min_score:
            return EXIT_FINDINGS
    return EXIT_OK


def run_check(opts: CheckOptions) -> int:
    """Run ``healthlint check`` and return the exit status."""
    from .report import render
    from .suppress import baseline_dict

    try:
        cfg = build_config(opts)
        run = collect(opts, cfg)
    except HealthlintError as e:
        click.echo(f"healthlint: {e}", err=True)
        return EXIT_ERROR
    if opts.input_format == "jsonl" and opts.fmt == "json":
        text = "".join(json.dumps({"id": f.path, **f.to_dict()}, ensure_ascii=False) + "\n"
                       for f in run.files)
    else:
        text = render(run, opts.fmt, colour=opts.colour, explain=opts.explain_score, quiet=opts.quiet)
    if opts.output_file:
        Path(opts.output_file).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    for e in run.errors:
        where = f"{e['path']}:{e['line']}" if e.get("line") else e["path"]
        click.echo(f"healthlint: {where}: {e['message']}", err=True)
    if opts.write_baseline:
        Path(opts.write_baseline).write_text(json.dumps(baseline_dict(run.files), indent=2) + "\n",
                                             encoding="utf-8")
    status = exit_status(run, cfg)
    return EXIT_OK if opts.exit_zero and status == EXIT_FINDINGS else status

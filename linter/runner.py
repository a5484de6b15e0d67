"""``healthlint check``: configuration, file discovery, linting, output and the exit status."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from .config import Config, find_config, load_config
from .errors import HealthlintError, InputError
from .result import FileResult, RunResult
from .rules import SEVERITY_RANK

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


def _stdin_result(opts: CheckOptions, cfg: Config, baseline: dict[str, set[str]]) -> FileResult:
    from .api import _linter, error_result
    from .document import decode, format_for, normalise_format

    name = opts.stdin_filename or "-"
    try:
        source = decode(sys.stdin.buffer.read(), name)
        fmt = normalise_format(opts.input_format) if opts.input_format not in ("auto", "jsonl") \
            else format_for(name)
        return _linter(cfg).lint_source(source, fmt, name, baseline=baseline.get(name))
    except HealthlintError as e:
        return error_result(name, e)


def lint_corpus(path: str, cfg: Config) -> list[FileResult]:
    """Corpus mode: each JSON Lines record's ``text`` (optional ``id``, ``format``) is linted."""
    from .api import _linter, error_result
    from .document import normalise_format, read_path

    results = []
    try:
        lines = read_path(path).splitlines() if path != "-" else sys.stdin.read().splitlines()
    except HealthlintError as e:
        return [error_result(path, e)]
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        rid = f"{path}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise InputError("record needs a string 'text' field", path, n)
            rid = str(rec.get("id", rid))
            r = _linter(cfg).lint_source(rec["text"], normalise_format(str(rec.get("format", "text"))), rid)
        except json.JSONDecodeError as e:
            r = error_result(rid, InputError(f"invalid JSON: {e.msg}", path, n))
        except HealthlintError as e:
            if e.path is None:
                e.path, e.line = path, n
            r = error_result(rid, e)
        results.append(r)
    return results


def collect(opts: CheckOptions, cfg: Config) -> RunResult:
    """Lint every input in order; input errors become results with errors (never stop the run)."""
    from .api import discover, lint_file
    from .suppress import read_baseline

    baseline = read_baseline(opts.baseline) if opts.baseline else {}
    fmt = None if opts.input_format in ("auto", "jsonl") else opts.input_format
    run = RunResult()
    for raw in opts.paths:
        if opts.input_format == "jsonl":
            run.files.extend(lint_corpus(raw, cfg))
        elif raw == "-":
            run.files.append(_stdin_result(opts, cfg, baseline))
        elif not Path(raw).exists():
            from .api import error_result

            run.files.append(error_result(raw, InputError("no such file or directory", raw)))
        else:
            for f in discover([raw], cfg):
                run.files.append(lint_file(f, cfg, fmt, baseline.get(f)))
    return run


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
        text = "".join(json.dumps({"id": f.path, **f.to_dict()}, ensure_ascii=False) + "\n" for f in run.files)
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
        Path(opts.write_baseline).write_text(json.dumps(baseline_dict(run.files), indent=2) + "\n", encoding="utf-8")
    status = exit_status(run, cfg)
    return EXIT_OK if opts.exit_zero and status == EXIT_FINDINGS else status

"""Python API: ``lint_text`` for one string, ``lint_paths`` for files and folders."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import DEFAULT_EXCLUDE, Config, find_config, load_config
from .document import normalise_format, read_input
from .engine import Linter
from .errors import HealthlintError
from .result import FileResult, RunResult

_LINTERS: dict[str, Linter] = {}


def _linter(config: Config) -> Linter:
    key = config.cache_key()
    if key not in _LINTERS:
        _LINTERS[key] = Linter(config)
    return _LINTERS[key]


def lint_text(text: str, format: str = "text", config: Config | None = None, path: str = "<string>") -> FileResult:
    """Lint one string (``format``: text, markdown or html) and return its report."""
    return _linter(config or Config()).lint_source(text, normalise_format(format), path)


def error_result(path: str, err: HealthlintError) -> FileResult:
    """A file that could not be linted: no findings, the error recorded."""
    return FileResult(path=path, errors=[{"path": err.path or path, "line": err.line, "message": err.message}])


def discover(paths: Iterable[str], config: Config) -> Iterator[str]:
    """Files to lint: files as given, folders walked recursively (extensions, include and exclude globs)."""
    exts = tuple(e.lower() for e in config.extensions)
    excludes = [*DEFAULT_EXCLUDE, *config.exclude]
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            yield raw
            continue
        found = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not _excluded(d, os.path.join(root, d), excludes))
            for name in files:
                full = os.path.join(root, name)
                if _excluded(name, full, excludes):
                    continue
                if config.include:
                    if not any(fnmatch.fnmatch(full, g) or fnmatch.fnmatch(name, g) for g in config.include):
                        continue
                elif not name.lower().endswith(exts):
                    continue
                found.append(full)
        yield from sorted(found)


def _excluded(name: str, full: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(full, g) or fnmatch.fnmatch(full, f"*/{g}")
               for g in patterns)


def lint_file(path: str, config: Config, fmt: str | None = None, baseline: set[str] | None = None, *,
              annotations: bool = True) -> FileResult:
    """Lint one file; an unreadable file becomes a result with an error instead of an exception."""
    try:
        return _linter(config).lint_source(*read_input(path, fmt), path, baseline=baseline, annotations=annotations)
    except HealthlintError as e:
        return error_result(path, e)


def lint_paths(paths: Iterable[str], config: Config | None = None) -> RunResult:
    """Lint files and folders; the configuration is found upward from the first path unless given."""
    paths = list(paths)
    if config is None:
        found = find_config(Path(paths[0])) if paths else None
        config = load_config(found)
    run = RunResult()
    for f in discover(paths, config):
        run.files.append(lint_file(f, config))
    return run

"""Content-hash result cache: an unchanged article (same content, config, rule packs, version) is skipped.

Entries live in ``.healthlint_cache/`` of the current folder (or ``--cache-dir`` / ``HEALTHLINT_CACHE_DIR``),
one JSON file per key. Files with findings are cached too. Unreadable or corrupt entries count as misses.
Nothing is ever written next to the inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .result import FileResult, Finding

CACHE_DIR_NAME = ".healthlint_cache"
ENV_CACHE_DIR = "HEALTHLINT_CACHE_DIR"
_LAYOUT = "v1"
_SKIP_DIRS = {"__pycache__", ".git"}


def default_cache_dir(explicit: str | None = None) -> Path:
    """``explicit``, else ``$HEALTHLINT_CACHE_DIR``, else ``./.healthlint_cache``."""
    return Path(explicit or os.environ.get(ENV_CACHE_DIR) or CACHE_DIR_NAME)


def _hash_tree(h: Any, root: Path) -> None:
    """Feed every file under ``root`` (relative path and bytes) into the hash, in a stable order."""
    if not root.is_dir():
        h.update(f"missing:{root}\0".encode())
        return
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            p = Path(dirpath, name)
            h.update(p.relative_to(root).as_posix().encode() + b"\0")
            try:
                h.update(p.read_bytes())
            except OSError:
                h.update(b"<unreadable>")
            h.update(b"\0")


def _code_stamp(h: Any) -> None:
    """Size and mtime of the linter's own modules, so an edited checkout never serves stale results."""
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(pkg).as_posix()}:{st.st_size}:{st.st_mtime_ns}\0".encode())


@lru_cache(maxsize=8)
def rulepack_hash(extra: tuple[str, ...] = ()) -> str:
    """Hash of the built-in catalogue (rules, lexicons, substances), the extra packs and the linter code."""
    from .catalogue import builtin_dir

    h = hashlib.sha256(__version__.encode())
    for d in (builtin_dir(), *map(Path, extra)):
        _hash_tree(h, Path(d))
    _code_stamp(h)
    return h.hexdigest()


class ResultCache:
    """One JSON file per key under ``root/v1/xx/``; ``hits`` and ``misses`` count lookups."""

    def __init__(self, root: Path, config_key: str, rule_paths: Iterable[str] = ()) -> None:
        self.root = Path(root)
        self._base = hashlib.sha256(
            "\0".join([__version__, config_key, rulepack_hash(tuple(rule_paths))]).encode()).hexdigest()
        self.hits = 0
        self.misses = 0
        self._ready = False

    def key(self, content: bytes | str, fmt: str | None, path: str,
            baseline: Iterable[str] | None = None) -> str:
        """The key of one input: its bytes, the reader format, its reported path and its baseline entries."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        h = hashlib.sha256(self._base.encode())
        h.update(f"\0{fmt or 'auto'}\0{path}\0".encode())
        h.update("\n".join(sorted(baseline or ())).encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / _LAYOUT / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The cached result, or None when missing or unreadable."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            result = file_result_from_dict(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        """Store a result (results with input errors are never stored); write failures are ignored."""
        if result.errors:
            return
        try:
            self._prepare()
            target = self._path(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")),
                           encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by healthlint\n*\n", encoding="utf-8")
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# healthlint result cache\n",
                           encoding="utf-8")
        self._ready = True


_FINDING_FIELDS = ("code", "rule", "severity", "message", "line", "column", "end_line", "end_column", "start",
                   "end", "text", "data", "fingerprint")


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """Inverse of :meth:`Finding.to_dict`."""
    return Finding(**{k: d[k] for k in _FINDING_FIELDS})


def file_result_from_dict(d: dict[str, Any]) -> FileResult:
    """Inverse of :meth:`FileResult.to_dict` (findings rebuilt as :class:`Finding` objects)."""
    return FileResult(
        path=d["path"], findings=[finding_from_dict(f) for f in d["findings"]], score=d["score"],
        grade=d["grade"], subscores=d["subscores"], metrics=d["metrics"], annotations=d["annotations"],
        errors=list(d.get("errors", [])), format=d["format"], suppressed=d["suppressed"])

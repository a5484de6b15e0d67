"""Configuration: ``[tool.healthlint]`` in pyproject.toml or ``healthlint.toml``, found upward from a path."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .rules import SEVERITIES

CONFIG_FILES = ("healthlint.toml", ".healthlint.toml", "pyproject.toml")
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", "build", "dist",
                   ".healthlint_cache", "site-packages")


@dataclass(slots=True)
class Config:
    """Effective settings for a run; CLI options override what the file says."""

    select: list[str] = field(default_factory=lambda: ["H"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    rule_paths: list[str] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    support_window: int = 1
    reading_grade: float | None = None
    fail_on: str = "error"
    min_score: int | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=lambda: list(DEFAULT_EXTENSIONS))
    topic: str | None = None
    source: str | None = None
    root: str | None = None

    def enabled(self, code: str, path: str | None = None) -> bool:
        """Whether a rule code is on (select/extend-select minus ignore and per-file ignores)."""
        if not any(code.startswith(s) for s in [*self.select, *self.extend_select]):
            return False
        if any(code.startswith(i) for i in self.ignore):
            return False
        return not (path and any(code.startswith(i) for i in self.ignored_for(path)))

    def ignored_for(self, path: str) -> list[str]:
        rel = self.relative(path)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
                out.extend(codes)
        return out

    def relative(self, path: str) -> str:
        if self.root:
            try:
                return Path(path).resolve().relative_to(Path(self.root).resolve()).as_posix()
            except ValueError:
                pass
        return Path(path).as_posix()

    def cache_key(self) -> str:
        import json

        d = asdict(self)
        d.pop("source", None)
        d.pop("root", None)
        return json.dumps(d, sort_keys=True, default=str)

    def to_dict(self) -> dict[str, Any]:
        return {k.replace("_", "-"): v for k, v in asdict(self).items()}


_LIST_KEYS = ("select", "extend-select", "ignore", "rule-paths", "include", "exclude", "extensions")


def find_config(start: Path) -> Path | None:
    """The nearest healthlint.toml, or pyproject.toml with a [tool.healthlint] table, upward from start."""
    d = start.resolve()
    if d.is_file() or not d.exists():
        d = d.parent
    for folder in (d, *d.parents):
        for name in CONFIG_FILES:
            p = folder / name
            if not p.is_file():
                continue
            if name != "pyproject.toml":
                return p
            try:
                if "healthlint" in tomllib.loads(p.read_text(encoding="utf-8")).get("tool", {}):
                    return p
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
    return None


def load_config(path: Path | None) -> Config:
    """Read a config file (None: defaults)."""
    cfg = Config()
    if path is None:
        return cfg
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"invalid TOML: {e}", str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config: {e}", str(path)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("healthlint", {})
    apply_table(cfg, data, str(path))
    cfg.source = str(path)
    cfg.root = str(path.parent)
    cfg.rule_paths = [str((path.parent / p).resolve()) for p in cfg.rule_paths]
    return cfg


def apply_table(cfg: Config, data: dict[str, Any], where: str) -> None:
    """Validate and apply a ``[tool.healthlint]`` table to ``cfg``."""
    known = {"select", "extend-select", "ignore", "per-file-ignores", "severity", "rule-paths", "rules",
             "support-window", "reading-grade", "fail-on", "min-score", "include", "exclude", "extensions", "topic"}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"unknown option {key!r} (known: {', '.join(sorted(known))})", where)
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{key} must be a list of strings", where)
            if key in ("select", "extend-select", "ignore"):
                value = [v.upper() for v in value]
        attr = key.replace("-", "_")
        if key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError("per-file-ignores must be a table of glob = [codes]", where)
            value = {k: [c.upper() for c in v] for k, v in value.items()}
        elif key == "severity":
            if not isinstance(value, dict) or any(v not in SEVERITIES for v in value.values()):
                raise ConfigError(f"severity must map codes to one of {', '.join(SEVERITIES)}", where)
            value = {k.upper(): v for k, v in value.items()}
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError("rules must be a table of CODE = { option = value }", where)
            value = {k.upper(): v for k, v in value.items()}
        elif key == "fail-on" and value not in (*SEVERITIES, "never"):
            raise ConfigError("fail-on must be error, warning, info or never", where)
        elif key in ("support-window", "min-score") and not isinstance(value, int):
            raise ConfigError(f"{key} must be an integer", where)
        elif key == "reading-grade" and not isinstance(value, int | float):
            raise ConfigError("reading-grade must be a number", where)
        setattr(cfg, attr, value)

"""Where the rule catalogue (rules/: YAML rules, lexicons, substance knowledge base) lives."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import RuleError

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def builtin_dir() -> Path:
    """The built-in catalogue: ``linter/_catalogue`` in an installed wheel, ``rules/`` in a checkout."""
    for candidate in (_PKG / "_catalogue", _PKG.parent / "rules"):
        if (candidate / "lexicons").is_dir():
            return candidate
    raise RuleError("the built-in rule catalogue is missing (reinstall healthlint)")


def lexicon_path(name: str) -> Path:
    return builtin_dir() / "lexicons" / name


def read_terms(path: Path) -> dict[str, str]:
    """A term list: one term per line, ``#`` comments, ``# section: NAME`` sets the category.

    Returns ``{term: section}`` (section ``""`` when none was set).
    """
    terms: dict[str, str] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            body = line.lstrip("#").strip()
            if body.lower().startswith("section:"):
                section = body.split(":", 1)[1].strip()
            continue
        terms.setdefault(line.lower(), section)
    return terms


def yaml_load(text: str) -> object:
    """Parse YAML safely, with libyaml's C loader when PyYAML has it (about 20x faster)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=64)
def read_yaml(path: Path) -> object:
    """A YAML data file of the catalogue (parsed once per process)."""
    import yaml

    try:
        return yaml_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(e, 'problem', e)}", str(path),
                        mark.line + 1 if mark else None) from None


def language(name: str) -> dict:
    """A cue-list data file ``rules/lexicons/NAME.yaml`` as a dict of lists."""
    data = read_yaml(lexicon_path(f"{name}.yaml"))
    if not isinstance(data, dict):
        raise RuleError("expected a mapping of cue lists", str(lexicon_path(f"{name}.yaml")))
    return data

"""The substance knowledge base: one YAML per substance (aliases, status, risk topics with cues)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .catalogue import builtin_dir, read_yaml
from .errors import RuleError


@dataclass(frozen=True, slots=True)
class RiskTopic:
    id: str
    label: str
    cues: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    source: str
    required: bool = True

    def covered_by(self, lower_text: str) -> bool:
        if not any(c.search(lower_text) for c in self.cues):
            return False
        return not any(x.search(lower_text) for x in self.exclude)


@dataclass(frozen=True, slots=True)
class Substance:
    id: str
    name: str
    aliases: tuple[str, ...]
    category: str
    approved: bool
    lawful_supplement: bool
    status_summary: str
    status_source: str
    status_cues: tuple[re.Pattern[str], ...]
    misstatements: dict[str, str] = field(default_factory=dict)
    topics: tuple[RiskTopic, ...] = ()
    status_agency: str = ""
    status_date: str = ""
    path: str = ""


def _regexes(values: object, path: Path, what: str) -> tuple[re.Pattern[str], ...]:
    if values is None:
        return ()
    if not isinstance(values, list):
        raise RuleError(f"{what} must be a list of regular expressions", str(path))
    out = []
    for v in values:
        try:
            out.append(re.compile(str(v), re.IGNORECASE))
        except re.error as e:
            raise RuleError(f"{what}: bad regular expression {v!r}: {e}", str(path)) from None
    return tuple(out)


def load_substance(path: Path) -> Substance:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError("a substance file must be a mapping", str(path))
    for key in ("id", "name", "aliases", "status", "risk_topics"):
        if key not in data:
            raise RuleError(f"missing key {key!r}", str(path))
    status = data["status"] or {}
    topics = []
    for t in data["risk_topics"] or []:
        if not isinstance(t, dict) or "id" not in t or "cues" not in t:
            raise RuleError("each risk topic needs an id and cues", str(path))
        topics.append(RiskTopic(str(t["id"]), str(t.get("label", t["id"])), _regexes(t["cues"], path, "cues"),
                                _regexes(t.get("exclude"), path, "exclude"), str(t.get("source", "")),
                                bool(t.get("required", True))))
    return Substance(
        id=str(data["id"]), name=str(data["name"]),
        aliases=tuple(str(a).lower() for a in data["aliases"]),
        category=str(data.get("category", "")),
        approved=bool(status.get("approved", False)),
        lawful_supplement=bool(status.get("lawful_supplement", False)),
        status_summary=str(status.get("summary", "")), status_source=str(status.get("source", "")),
        status_cues=_regexes(status.get("cues"), path, "status.cues"),
        misstatements={str(k): str(v) for k, v in (data.get("misstatements") or {}).items()},
        topics=tuple(topics), path=str(path),
        status_agency=str(status.get("agency", "")), status_date=str(status.get("date", "")),
    )


@lru_cache(maxsize=8)
def substances(extra: tuple[str, ...] = ()) -> tuple[Substance, ...]:
    """All substances: the built-in ones, then those in ``extra`` dirs (same id replaces)."""
    found: dict[str, Substance] = {}
    dirs = [builtin_dir() / "substances", *(Path(d) / "substances" for d in extra)]
    for d in dirs:
        if d.is_dir():
            for p in sorted(d.glob("*.y*ml")):
                s = load_substance(p)
                found[s.id] = s
    return tuple(found.values())

"""The substance knowledge base: one YAML per substance (aliases, status, risk topics with cues).

Loading reads the YAML only; a substance's regular expressions are compiled when first used: one by one as
the annotator searches them (``Cue.rx``), all at once by ``Substance.compile`` (and by ``status_cues`` and
``RiskTopic.cues``), so a run pays only for the cues its documents need. User packs are compiled at once,
so a bad expression in one is reported whatever the documents say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .catalogue import builtin_dir, read_yaml
from .errors import RuleError

#: The flags of a compiled case-insensitive cue.
_FLAGS = re.compile("", re.IGNORECASE).flags


class Cue:
    """One regular expression of a substance file, compiled when first needed (``rx``). ``pattern`` and
    ``flags`` are those of the compiled pattern, so ``regex_literals`` analyses a cue without compiling it."""

    __slots__ = ("_rx", "flags", "path", "pattern", "what")

    def __init__(self, pattern: str, path: str, what: str) -> None:
        self.pattern, self.flags, self.path, self.what = pattern, _FLAGS, path, what
        self._rx: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        return self._rx if self._rx is not None else self.compile()

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern (a bad one raises a ``RuleError`` naming the file)."""
        try:
            self._rx = _compile(self.pattern)
        except re.error as e:
            raise RuleError(f"{self.what}: bad regular expression {self.pattern!r}: {e}", self.path) from None
        return self._rx


@dataclass(frozen=True, slots=True)
class RiskTopic:
    id: str
    label: str
    cue_list: tuple[Cue, ...]
    exclude_list: tuple[Cue, ...]
    source: str
    required: bool = True

    @property
    def cues(self) -> tuple[re.Pattern[str], ...]:
        return tuple(c.rx for c in self.cue_list)

    @property
    def exclude(self) -> tuple[re.Pattern[str], ...]:
        return tuple(c.rx for c in self.exclude_list)


@dataclass(frozen=True, slots=True)
class Cues:
    """A substance's cues, compiled one by one when first needed: its status cues and its risk topics."""

    status: tuple[Cue, ...]
    topics: tuple[RiskTopic, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Substance:
    """One substance of the knowledge base (compared and hashed by identity)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    category: str
    approved: bool
    lawful_supplement: bool
    status_summary: str
    status_source: str
    misstatements: dict[str, str] = field(default_factory=dict)
    status_agency: str = ""
    status_date: str = ""
    path: str = ""
    #: The YAML of the status cues and of the risk topics, read by ``cues``.
    spec: tuple[Any, Any] = (None, ())
    _cues: list[Cues] = field(default_factory=list, repr=False)

    def cues(self) -> Cues:
        """The status cues and risk topics, their expressions not compiled yet (a value that is not a list
        raises a ``RuleError`` naming the file)."""
        if not self._cues:
            self._cues.append(_outline(self.spec, self.path))
        return self._cues[0]

    def compile(self) -> None:
        """Compile every cue (a bad regular expression raises a ``RuleError`` naming the file)."""
        got = self.cues()
        for cue in (*got.status, *(c for t in got.topics for c in (*t.cue_list, *t.exclude_list))):
            cue.compile()

    @property
    def status_cues(self) -> tuple[re.Pattern[str], ...]:
        return tuple(c.rx for c in self.cues().status)

    @property
    def topics(self) -> tuple[RiskTopic, ...]:
        return self.cues().topics


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    """A cue, compiled once per process (the same cue in several topics is one pattern object)."""
    return re.compile(pattern, re.IGNORECASE)


def _regexes(values: object, path: str, what: str) -> tuple[Cue, ...]:
    if values is None:
        return ()
    if not isinstance(values, list):
        raise RuleError(f"{what} must be a list of regular expressions", path)
    return tuple(Cue(str(v), path, what) for v in values)


def _outline(spec: tuple[Any, Any], path: str) -> Cues:
    status_cues, topics = spec
    outlined = tuple(RiskTopic(str(t["id"]), str(t.get("label", t["id"])), _regexes(t["cues"], path, "cues"),
                               _regexes(t.get("exclude"), path, "exclude"), str(t.get("source", "")),
                               bool(t.get("required", True))) for t in topics)
    return Cues(_regexes(status_cues, path, "status.cues"), outlined)


def load_substance(path: Path) -> Substance:
    """A substance file, its cues not yet compiled (``Substance.compile``)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleError("a substance file must be a mapping", str(path))
    for key in ("id", "name", "aliases", "status", "risk_topics"):
        if key not in data:
            raise RuleError(f"missing key {key!r}", str(path))
    status = data["status"] or {}
    topics = data["risk_topics"] or []
    for t in topics:
        if not isinstance(t, dict) or "id" not in t or "cues" not in t:
            raise RuleError("each risk topic needs an id and cues", str(path))
    return Substance(
        id=str(data["id"]), name=str(data["name"]),
        aliases=tuple(str(a).lower() for a in data["aliases"]),
        category=str(data.get("category", "")),
        approved=bool(status.get("approved", False)),
        lawful_supplement=bool(status.get("lawful_supplement", False)),
        status_summary=str(status.get("summary", "")), status_source=str(status.get("source", "")),
        misstatements={str(k): str(v) for k, v in (data.get("misstatements") or {}).items()},
        path=str(path), status_agency=str(status.get("agency", "")), status_date=str(status.get("date", "")),
        spec=(status.get("cues"), topics),
    )


@lru_cache(maxsize=8)
def substances(extra: tuple[str, ...] = ()) -> tuple[Substance, ...]:
    """All substances: the built-in ones, then those in ``extra`` dirs (same id replaces). The built-in
    cues (checked by the test suite) are compiled on first use, those of ``extra`` packs at once."""
    found: dict[str, Substance] = {}
    dirs = [builtin_dir() / "substances", *(Path(d) / "substances" for d in extra)]
    for k, d in enumerate(dirs):
        if d.is_dir():
            for p in sorted(d.glob("*.y*ml")):
                s = load_substance(p)
                if k:
                    s.compile()
                found[s.id] = s
    return tuple(found.values())

"""The substance knowledge base: one YAML per substance (aliases, status, risk topics with cues)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from re import _constants as _const  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

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
    #: ``literals`` of ``cues``: a cheap prefilter (None: always run the cues).
    triggers: tuple[str, ...] | None = None
    #: ``literals`` of each cue, in ``cues`` order.
    cue_triggers: tuple[tuple[str, ...] | None, ...] = ()

    def first_cue(self, lower_text: str) -> re.Match[str] | None:
        """The match of the first cue (in order) that matches the lower-cased text."""
        if not may_match(self.triggers, lower_text):
            return None
        return first_match(self.cues, self.cue_triggers, lower_text)

    def covered_by(self, lower_text: str) -> bool:
        if self.first_cue(lower_text) is None:
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
    #: ``literals`` of ``status_cues`` and of every status and topic cue (cheap prefilters).
    status_triggers: tuple[str, ...] | None = None
    triggers: tuple[str, ...] | None = None
    status_cue_triggers: tuple[tuple[str, ...] | None, ...] = ()


#: How selective a digit and a symbol (``$``, ``%``) are as required literals, as if they were words of
#: this length: sentences with one are rarer than those containing a short word such as "in" or "men".
_DIGIT_RARITY = 6
_SYMBOL_RARITY = 8


def _rarity(literals: frozenset[str]) -> int:
    """How rarely some literal of the set occurs in text, estimated by the shortest one's length."""
    return min(_DIGIT_RARITY if w.isdigit() else _SYMBOL_RARITY if len(w) == 1 and not w.isalnum() and
               not w.isspace() else len(w) for w in literals)


def _required(items: Any) -> frozenset[str] | None:
    """Literals one of which every match of a parsed pattern contains (None: no such set found)."""
    best: frozenset[str] | None = None

    def better(cand: frozenset[str] | None) -> None:
        nonlocal best
        if cand and (best is None or _rarity(cand) > _rarity(best)):
            best = cand

    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _const.LITERAL:
            run.append(chr(av))
            continue
        if run:
            better(frozenset({"".join(run).lower()}))
            run = []
        if op is _const.SUBPATTERN:
            better(_required(av[-1]))
        elif op is _const.BRANCH:
            alts = [_required(b) for b in av[1]]
            if all(alts):
                better(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op is _const.IN and av and all(o is _const.LITERAL for o, _ in av):
            better(frozenset(chr(c).lower() for _, c in av))
        elif op is _const.IN and av == [(_const.CATEGORY, _const.CATEGORY_DIGIT)]:
            better(frozenset("0123456789"))
        elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT) and av[0] >= 1:
            better(_required(av[2]))
    return best


@lru_cache(maxsize=4096)
def _pattern_literals(pattern: str, flags: int) -> frozenset[str] | None:
    """``_required`` of one pattern, parsed once per process (patterns recur across topics and prefilters)."""
    try:
        return _required(_parser.parse(pattern, flags)) or None
    except Exception:  # a pattern we cannot analyse simply gets no prefilter
        return None


def literals(patterns: Iterable[re.Pattern[str]]) -> tuple[str, ...] | None:
    """Lower-cased literals such that every match of one of ``patterns`` contains one of them (found by
    parsing the patterns); None when some pattern has none. ``may_match`` with them is a substring
    test, far cheaper than running the patterns (or their alternation) on a sentence none can match."""
    found: set[str] = set()
    for p in patterns:
        lits = _pattern_literals(p.pattern, p.flags)
        if not lits:
            return None
        found |= lits
    return tuple(sorted(found, key=lambda w: (-len(w), w))) if found else None


@cache
def _literal_rx(triggers: tuple[str, ...]) -> re.Pattern[str]:
    """One case-sensitive alternation of the literals (run on lower-cased text: the engine's fast path)."""
    return re.compile("|".join(re.escape(w) for w in triggers))


def may_match(triggers: tuple[str, ...] | None, lower_text: str) -> bool:
    """False only when none of the ``literals`` occurs in the lower-cased text (so no pattern matches)."""
    return triggers is None or _literal_rx(triggers).search(lower_text) is not None


def first_match(patterns: tuple[re.Pattern[str], ...], triggers: tuple[tuple[str, ...] | None, ...],
                lower_text: str) -> re.Match[str] | None:
    """The match of the first pattern that matches, skipping those whose ``literals`` are absent."""
    for i, p in enumerate(patterns):
        if i < len(triggers) and not may_match(triggers[i], lower_text):
            continue
        m = p.search(lower_text)
        if m:
            return m
    return None


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
        cues = _regexes(t["cues"], path, "cues")
        topics.append(RiskTopic(str(t["id"]), str(t.get("label", t["id"])), cues,
                                _regexes(t.get("exclude"), path, "exclude"), str(t.get("source", "")),
                                bool(t.get("required", True)), literals(cues), tuple(literals((c,)) for c in cues)))
    status_cues = _regexes(status.get("cues"), path, "status.cues")
    return Substance(
        id=str(data["id"]), name=str(data["name"]),
        aliases=tuple(str(a).lower() for a in data["aliases"]),
        category=str(data.get("category", "")),
        approved=bool(status.get("approved", False)),
        lawful_supplement=bool(status.get("lawful_supplement", False)),
        status_summary=str(status.get("summary", "")), status_source=str(status.get("source", "")),
        status_cues=status_cues, status_triggers=literals(status_cues),
        status_cue_triggers=tuple(literals((c,)) for c in status_cues),
        triggers=literals(status_cues + tuple(c for t in topics for c in t.cues)),
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

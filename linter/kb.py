"""The substance knowledge base: one YAML per substance (aliases, status, risk topics with cues).

Loading reads the YAML only; a substance's regular expressions are compiled the first time its cues are
used (``Substance.compile``), so a run pays only for the substances its documents mention. User packs are
compiled at once, so a bad expression in one is reported whatever the documents say."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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


@dataclass(frozen=True, slots=True)
class Cues:
    """A substance's compiled regular expressions: its status cues and its risk topics."""

    status_cues: tuple[re.Pattern[str], ...]
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
    #: The YAML of the status cues and of the risk topics, compiled by ``compile``.
    spec: tuple[Any, Any] = (None, ())
    _cues: list[Cues] = field(default_factory=list, repr=False)

    def compile(self) -> Cues:
        """The compiled cues, compiled on the first call (a bad regular expression raises a ``RuleError``
        naming the file)."""
        if not self._cues:
            self._cues.append(_compile_cues(self.spec, Path(self.path)))
        return self._cues[0]

    @property
    def status_cues(self) -> tuple[re.Pattern[str], ...]:
        return self.compile().status_cues

    @property
    def topics(self) -> tuple[RiskTopic, ...]:
        return self.compile().topics


#: How selective a digit and a symbol (``$``, ``%``) are as required literals, as if they were words of
#: this length: sentences with one are rarer than those containing a short word such as "in" or "men".
_DIGIT_RARITY = 6
_SYMBOL_RARITY = 8


def _rarity(literals: frozenset[str]) -> int:
    """How rarely some literal of the set occurs in text, estimated by the shortest one's length."""
    return min(_DIGIT_RARITY if w.isdigit() else _SYMBOL_RARITY if len(w) == 1 and not w.isalnum() and
               not w.isspace() else len(w) for w in literals)


def _rarest(sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The first of the rarest sets (None when there is none)."""
    best: frozenset[str] | None = None
    for cand in sets:
        if cand and (best is None or _rarity(cand) > _rarity(best)):
            best = cand
    return best


def _clauses(items: Any) -> list[frozenset[str]]:
    """Literal sets, in pattern order, such that every match of a parsed pattern contains a literal of each
    (lower-cased: a test on lower-cased text)."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _const.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset({"".join(run).lower()}))
            run = []
        if op is _const.SUBPATTERN:
            out += _clauses(av[-1])
        elif op is _const.BRANCH:
            alts = [_rarest(_clauses(b)) for b in av[1]]
            if all(alts):
                out.append(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op is _const.IN and av and all(o is _const.LITERAL for o, _ in av):
            out.append(frozenset(chr(c).lower() for _, c in av))
        elif op is _const.IN and av == [(_const.CATEGORY, _const.CATEGORY_DIGIT)]:
            out.append(frozenset("0123456789"))
        elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT) and av[0] >= 1:
            out += _clauses(av[2])
    return out


_ZERO_WIDTH = (_const.AT, _const.ASSERT, _const.ASSERT_NOT)
#: At most this many strings in a ``prefixes`` set (more are not worth looking for one by one).
_MAX_PREFIXES = 64


def _prefixes(items: Any) -> frozenset[str] | None:
    """Strings, one of which every match of a parsed pattern starts with (lower-cased; None: none found)."""
    run: list[str] = []
    for op, av in items:
        if op is _const.LITERAL:
            run.append(chr(av))
        elif run:
            break
        elif op not in _ZERO_WIDTH:
            return _item_prefixes(op, av)
    return frozenset({"".join(run).lower()}) if run else None


def _item_prefixes(op: Any, av: Any) -> frozenset[str] | None:
    if op is _const.SUBPATTERN:
        return _prefixes(av[-1])
    if op is _const.BRANCH:
        alts = [_prefixes(b) for b in av[1]]
        if not all(alts):
            return None
        out = frozenset().union(*alts)  # type: ignore[arg-type]
        return out if len(out) <= _MAX_PREFIXES else None
    if op is _const.IN and av and all(o is _const.LITERAL for o, _ in av):
        return frozenset(chr(c).lower() for _, c in av)
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT) and av[0] >= 1:
        return _prefixes(av[2])
    return None


#: A letter matching an ASCII one case-insensitively (with a non-ASCII character: ``ſ``, ``ı``, ``İ``...).
_ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)


def _literal_codes(node: Any) -> Iterator[int]:
    """The code points of the literal characters anywhere in a parsed pattern."""
    if isinstance(node, tuple) and len(node) == 2 and node[0] is _const.LITERAL:
        yield node[1]
    elif isinstance(node, (tuple, list, _parser.SubPattern)):
        for item in node:
            yield from _literal_codes(item)


@lru_cache(maxsize=4096)
def _analysis(pattern: str, flags: int) -> tuple[tuple[frozenset[str], ...], bool, tuple[str, ...] | None]:
    """``_clauses`` of one pattern, whether they and its ``_prefixes`` hold on any lower-cased ASCII text
    (no literal of the pattern is a non-ASCII letter matching an ASCII one), and its ``_prefixes`` (the
    shortest, those starting with no other). Parsed once per process (patterns recur across topics and
    prefilters)."""
    try:
        items = _parser.parse(pattern, flags)
    except Exception:  # a pattern we cannot analyse simply gets no prefilter
        return (), False, None
    exact = not any(c > 127 and _ASCII_LETTER.fullmatch(chr(c)) for c in _literal_codes(items))
    starts = _prefixes(items) if exact else None
    if starts is None or "" in starts:
        return tuple(_clauses(items)), exact, None
    shortest: list[str] = []
    for w in sorted(starts, key=len):
        if not any(w.startswith(u) for u in shortest):
            shortest.append(w)
    return tuple(_clauses(items)), exact, tuple(shortest)


def clauses(rx: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Lower-cased literal sets such that every match of ``rx`` in lower-cased ASCII text contains a
    literal of each one (on other text only ``literals`` holds: a case-insensitive ``s`` also matches
    ``ſ``)."""
    got = _analysis(rx.pattern, rx.flags)
    return got[0] if got[1] else ()


def prefixes(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings, one of which every match of ``rx`` in lower-cased ASCII text starts with (None:
    none found)."""
    return _analysis(rx.pattern, rx.flags)[2]


def literals(patterns: Iterable[re.Pattern[str]]) -> tuple[str, ...] | None:
    """Lower-cased literals such that every match of one of ``patterns`` contains one of them (the most
    selective of their literal sets); None when some pattern has none. ``may_match`` with them is a
    substring test, far cheaper than running the patterns (or their alternation) on a sentence none can
    match."""
    found: set[str] = set()
    for p in patterns:
        lits = _rarest(_analysis(p.pattern, p.flags)[0])
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


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    """A cue, compiled once per process (the same cue in several topics is one pattern object)."""
    return re.compile(pattern, re.IGNORECASE)


def _regexes(values: object, path: Path, what: str) -> tuple[re.Pattern[str], ...]:
    if values is None:
        return ()
    if not isinstance(values, list):
        raise RuleError(f"{what} must be a list of regular expressions", str(path))
    out = []
    for v in values:
        try:
            out.append(_compile(str(v)))
        except re.error as e:
            raise RuleError(f"{what}: bad regular expression {v!r}: {e}", str(path)) from None
    return tuple(out)


def _compile_cues(spec: tuple[Any, Any], path: Path) -> Cues:
    status_cues, topics = spec
    compiled = tuple(RiskTopic(str(t["id"]), str(t.get("label", t["id"])), _regexes(t["cues"], path, "cues"),
                               _regexes(t.get("exclude"), path, "exclude"), str(t.get("source", "")),
                               bool(t.get("required", True))) for t in topics)
    return Cues(_regexes(status_cues, path, "status.cues"), compiled)


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

"""What a compiled regular expression's parse says about its matches: literal strings every match contains
or starts with. Annotators and rule kinds use them as cheap prefilters (a substring or word test, or
``str.find``) before running the pattern itself.

The parse comes from ``re._parser`` (the module behind ``re.compile`` in Python 3.11+); a pattern it cannot
analyse simply gets no prefilter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from re import _constants as _const  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

#: How selective a digit and a symbol (``$``, ``%``) are as required literals, as if they were words of
#: this length: sentences with one are rarer than those containing a short word such as "in" or "men".
_DIGIT_RARITY = 6
_SYMBOL_RARITY = 8
_LITERAL = _const.LITERAL


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
    for op, av in items:
        if op is _LITERAL:
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
    if run:
        out.append(frozenset({"".join(run).lower()}))
    return out


_ZERO_WIDTH = (_const.AT, _const.ASSERT, _const.ASSERT_NOT)
#: At most this many strings in a ``prefixes`` set (more are not worth looking for one by one).
_MAX_PREFIXES = 64


def _prefixes(items: Any) -> frozenset[str] | None:
    """Strings, one of which every match of a parsed pattern starts with (lower-cased; None: none found)."""
    run: list[str] = []
    for op, av in items:
        if op is _LITERAL:
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


#: Few trees are kept: the analyses of a pattern come close together, and every tree kept alive (hundreds of
#: objects) makes each later full garbage collection slower.
@lru_cache(maxsize=8)
def _parse(pattern: str, flags: int) -> Any:
    return _parser.parse(pattern, flags)


#: IGNORECASE as a plain int: flags combined with a ``re.RegexFlag`` stay enum members, and the parser then
#: tests them through ``enum``'s Python-level operators at every node (several times slower).
IGNORECASE_BIT = int(re.IGNORECASE)


def parsed(pattern: str, flags: int) -> Any:
    """``re._parser.parse(pattern, flags & ~re.IGNORECASE)``, shared by the analyses of a pattern made close
    together: the parser builds the same tree with or without IGNORECASE (only ``state.flags`` tells). The tree
    must not be changed (``re._compiler.compile`` does not change it)."""
    return _parse(pattern, int(flags) & ~IGNORECASE_BIT)


#: Escapes that can name a character beyond U+00FF (no character up to U+00FF but ASCII letters matches an
#: ASCII letter case-insensitively): an ASCII pattern without them has no literal ``_ASCII_LETTER`` looks for.
_WIDE_ESCAPES = ("\\u", "\\U", "\\N")


def _exact(pattern: str, items: Any) -> bool:
    """Whether no literal of a parsed pattern is a non-ASCII letter matching an ASCII one."""
    if pattern.isascii() and not any(e in pattern for e in _WIDE_ESCAPES):
        return True
    return not any(c > 127 and _ASCII_LETTER.fullmatch(chr(c)) for c in _literal_codes(items))


@lru_cache(maxsize=4096)
def _analysis(pattern: str, flags: int) -> tuple[tuple[frozenset[str], ...], bool, tuple[str, ...] | None]:
    """``_clauses`` of one pattern, whether they and its ``_prefixes`` hold on any lower-cased ASCII text
    (no literal of the pattern is a non-ASCII letter matching an ASCII one), and its ``_prefixes`` (the
    shortest, those starting with no other). Worked out once per process (patterns recur across topics and
    prefilters)."""
    try:
        items = parsed(pattern, flags)
    except Exception:  # a pattern we cannot analyse simply gets no prefilter
        return (), False, None
    exact = _exact(pattern, items)
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


def first_literals(rx: re.Pattern[str], limit: int = 64) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` begins with (None when the pattern is not that simple).

    Python's engine tries a pattern that opens with ``\\b`` at every position of the text; finding these
    strings with ``str.find`` and trying the pattern only where they occur is several times faster."""
    if rx.flags & (re.IGNORECASE | re.LOCALE):  # (a compiled pattern's flags include its inline ones)
        return None
    found = _starts(list(parsed(rx.pattern, rx.flags)), limit)
    if not found:
        return None
    kept: list[str] = []
    for w in sorted(found):  # a string's occurrences include those of every string it begins
        if not kept or not w.startswith(kept[-1]):
            kept.append(w)
    return tuple(kept)


def _starts(items: list[Any], limit: int) -> set[str] | None:
    """``first_literals`` of a parsed sequence (zero-width assertions are skipped)."""
    for i, (op, av) in enumerate(items):
        rest = items[i + 1:]
        if op in (_const.AT, _const.ASSERT, _const.ASSERT_NOT):
            continue
        if op is _const.LITERAL:
            run = [chr(av)]
            for op2, av2 in rest:
                if op2 is not _const.LITERAL:
                    break
                run.append(chr(av2))
            return {"".join(run)}
        if op is _const.IN:
            return {chr(c) for o, c in av} if all(o is _const.LITERAL for o, _ in av) else None
        if op is _const.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                got = _starts([*alt, *rest], limit)
                if got is None:
                    return None
                out |= got
            return out if len(out) <= limit else None
        if op is _const.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _starts([*sub, *rest], limit)
        if op in (_const.MAX_REPEAT, _const.MIN_REPEAT):
            low, _, sub = av
            own = _starts(list(sub), limit) if sub.getwidth()[0] else None
            if own is None or low:
                return own
            after = _starts(rest, limit)
            return None if after is None or len(own | after) > limit else own | after
        return None
    return None  # the pattern can match the empty string


def opens_at_boundary(rx: re.Pattern[str]) -> bool:
    """Whether the pattern opens with ``\\b`` (outside any alternation)."""
    items = parsed(rx.pattern, rx.flags)
    return len(items) > 0 and items[0] == (_const.AT, _const.AT_BOUNDARY)

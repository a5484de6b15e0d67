"""Third-round shortcuts of the claim annotators and of the cue machinery give what the plain computations give:
cue sources and hedge kinds skipped by their prefilters, patterns skipped when a text lacks every word their
matches end with (``Finder.tails``), per-document data kept as internal facts, and the faster walks over parsed
patterns (first words, lower-case test, literal clauses) at start-up."""

from __future__ import annotations

import re
from re import _constants as _sre
from re import _parser
from typing import Any

import pytest

from linter import regex_literals
from linter.annotate import annotate, claims, cues, hedges
from linter.annotate.cues import Scan, may_match, regex_finder, scans, spans_in, triggers
from linter.annotate.lexicon import alternation
from linter.catalogue import language
from linter.document import parse

from .test_cues_fast import _TEXTS, _patterns


def _sources() -> list[str]:
    """Pattern sources of the language file, of its phrase lists and of the annotators' own patterns."""
    lang = language("language")
    found = [str(p) for p in lang["patterns"].values()]
    found += [rf"\b(?:{alternation(v)})\b" for v in lang.values() if isinstance(v, list) and v and
              all(isinstance(w, str) for w in v)]
    return found + [rx.pattern for rx in _patterns()]


def _plain_heads(items: list[Any], rest: tuple[list[Any], ...], prefix: str, bounded: bool) -> set[str] | None:
    """``cues._heads`` as the second round wrote it (one recursion per literal character)."""
    if not items:
        return _plain_heads(rest[0], rest[1:], prefix, bounded) if rest else None
    (op, av), tail = items[0], items[1:]
    if op is _sre.AT:
        if av is not _sre.AT_BOUNDARY:
            return None
        return {prefix} if prefix else _plain_heads(tail, rest, prefix, True)
    if op is _sre.LITERAL:
        return _plain_char(chr(av), tail, rest, prefix, bounded)
    if op is _sre.IN:
        if all(o is _sre.CATEGORY and a in cues._NON_WORD_CLASSES for o, a in av):
            return {prefix} if prefix else None
        if not all(o is _sre.LITERAL for o, _ in av):
            return None
        return cues._union(_plain_char(chr(a), tail, rest, prefix, bounded) for _, a in av)
    if op is _sre.SUBPATTERN:
        return None if av[1] or av[2] else _plain_heads(list(av[3]), (tail, *rest), prefix, bounded)
    if op is _sre.BRANCH:
        return cues._union(_plain_heads(list(b), (tail, *rest), prefix, bounded) for b in av[1])
    if op in cues._REPEATS:
        low, high, body = av
        once = _plain_heads(list(body), (tail, *rest) if high == 1 else (), prefix, bounded)
        return once if low else cues._union((once, _plain_heads(tail, rest, prefix, bounded)))
    return None


def _plain_char(c: str, tail: list[Any], rest: tuple[list[Any], ...], prefix: str, bounded: bool) -> set[str] | None:
    if not (c.isalnum() or c == "_"):
        return {prefix} if prefix else None
    return _plain_heads(tail, rest, prefix + c, bounded) if bounded and c.isascii() else None


def _reversed(items: Any) -> list[Any]:
    """A parsed sequence turned round as a whole (groups, alternatives and repeats too)."""
    out = []
    for op, av in reversed(list(items)):
        if op is _sre.SUBPATTERN:
            av = (*av[:3], _reversed(av[3]))
        elif op is _sre.BRANCH:
            av = (av[0], [_reversed(b) for b in av[1]])
        elif op in cues._REPEATS:
            av = (av[0], av[1], _reversed(av[2]))
        out.append((op, av))
    return out


def _plain_lower_case_only(nodes: Any) -> bool:
    """``cues._lower_case_only`` with every literal tested by ``_caseless_char``."""
    for op, av in nodes:
        if op in cues._CASELESS_OPS:
            continue
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            ok = cues._caseless_char(av)
        elif op is _sre.RANGE:
            ok = all(map(cues._caseless_char, range(av[0], av[1] + 1)))
        elif op is _sre.IN or op is _sre.ATOMIC_GROUP:
            ok = _plain_lower_case_only(av)
        elif op is _sre.BRANCH:
            ok = all(map(_plain_lower_case_only, av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            ok = _plain_lower_case_only(av[2])
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            ok = _plain_lower_case_only(av[1])
        elif op is _sre.SUBPATTERN:
            ok = not av[1] and not av[2] and _plain_lower_case_only(av[3])
        else:
            ok = False
        if not ok:
            return False
    return True


def _plain_clauses(items: Any) -> list[frozenset[str]]:
    """``regex_literals._clauses`` with a sentinel item ending the last literal run."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset({"".join(run).lower()}))
            run = []
        if op is _sre.SUBPATTERN:
            out += _plain_clauses(av[-1])
        elif op is _sre.BRANCH:
            alts = [regex_literals._rarest(_plain_clauses(b)) for b in av[1]]
            if all(alts):
                out.append(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op is _sre.IN and av and all(o is _sre.LITERAL for o, _ in av):
            out.append(frozenset(chr(c).lower() for _, c in av))
        elif op is _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
            out.append(frozenset("0123456789"))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            out += _plain_clauses(av[2])
    return out


_TRICKY_SOURCES = [r"\bab-c\b", r"\b(?:x|y)z\b", r"\ba\u00e9b", r"\bAb(?:C|d)\b", r"(?i:ab)c", r"[A-Z]x|ab",
                   r"\b(?:one|two)(?:\s+three)?\b", r"ab\d+cd", r"(?:ab|ab)c", r"a[bc]d\b", r"\bab_c"]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_pattern_walks_as_before(flags: int) -> None:
    for source in _sources() + _TRICKY_SOURCES:
        tree = _parser.parse(source, flags)
        assert cues._heads(list(tree), (), "", False) == _plain_heads(list(tree), (), "", False), source
        assert cues._heads(cues._items(tree, True), (), "", False, True) == \
            _plain_heads(_reversed(tree), (), "", False), source
        assert cues._lower_case_only(tree) == _plain_lower_case_only(tree), source
        assert regex_literals._clauses(tree) == _plain_clauses(tree), source


def test_relation_cues_as_without_source_prefilters(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [claims._relation_cues(Scan(text)) for text in _TEXTS]
    plain = claims._sources.__wrapped__  # every phrase list run, whatever the prefilter says

    def unfiltered(plain_scan: bool) -> tuple:
        return tuple((src, need if isinstance(src, cues.Finder) else frozenset(), strength, kind)
                     for src, need, strength, kind in plain(plain_scan))

    monkeypatch.setattr(claims, "_sources", unfiltered)
    monkeypatch.setattr(cues.Finder, "lacks_tails", lambda self, scan: False)
    assert [claims._relation_cues(Scan(text)) for text in _TEXTS] == fast


def test_skipped_sources_and_hedge_kinds_have_no_match() -> None:
    for text in _TEXTS:
        claims._relation_cues(Scan(text))  # (builds every source first)
        scan = Scan(text)
        words = scan.cue_words()
        for plain in (True, False):
            for src, need, _, kind in claims._sources(plain):
                if plain == scan.plain and ((need and need.isdisjoint(words)) or
                                            (kind >= 2 and src.lacks_tails(scan))):  # type: ignore[union-attr]
                    assert not list(src.finditer(scan)), text
            for _, pm, need in hedges._matchers(plain):
                if plain == scan.plain and need.isdisjoint(words):
                    assert not list(pm.finditer(scan)), text
        for name in ("weasel", "vague_wording"):
            need = triggers(name)
            assert (not need or not need.isdisjoint(words)) == may_match(name, scan), text
            if not may_match(name, scan):
                assert regex_finder(name).rx.search(text) is None, text


def test_per_document_data_are_internal_facts() -> None:
    first = annotate(parse("Kratom may reduce pain. It is not safe.", "text", "a.txt"))
    second = annotate(parse("Green tea lowers blood pressure, studies show.", "text", "b.txt"))
    assert scans(first) is scans(first) and [s.text for s in scans(second)] == [s.text for s in second.sentences]
    assert [s.text for s in scans(first)] == [s.text for s in first.sentences]
    for ann in (first, second):
        for kind in ("negations", "hedges", "claims"):
            for sent in range(len(ann.sentences)):
                assert spans_in(ann, kind, sent) == ann.in_sentence(kind, sent)
        assert not any(k.startswith("_") for k in ann.to_dict())


@pytest.mark.parametrize("rx", _patterns(), ids=lambda rx: rx.pattern[:40])
def test_every_match_ends_with_one_of_the_last_words(rx: re.Pattern[str]) -> None:
    tails = cues.finder(rx).tails
    for text in [*_TEXTS, "one in three adults faced a higher risk", "it's safe: the supplement's", "a-b c_d risk"]:
        if tails is None or not Scan(text).plain:
            continue
        for m in rx.finditer(text):
            runs = re.findall(r"\w+", m.group(0).lower())
            assert runs and runs[-1] in tails and runs[-1] in Scan(text).words, (rx.pattern, text)


@pytest.mark.parametrize(("source", "tails"), [(r"\b(?:a|bc)\s+(?:risks?|odds)\b", {"risk", "risks", "odds"}),
                                               (r"\bab\b(?!x)", None), (r"\bab-cd\b", {"cd"}), (r"\bab\w+\b", None),
                                               (r"\bit(?:'s)?\b", {"it", "s"}), (r"\bab(?:cd){1,3}\b", None),
                                               (r"\bx(?:\s+y)?\b", {"x", "y"}), (r"\bab", None)])
def test_last_words_of_small_patterns(source: str, tails: set[str] | None) -> None:
    assert cues.Finder(source, re.IGNORECASE).tails == (frozenset(tails) if tails else None)


def test_attribution_patterns_skipped_without_a_last_word_have_no_match() -> None:
    for name in ("weasel", "vague_wording"):
        for text in _TEXTS:
            if regex_finder(name).lacks_tails(Scan(text)):
                assert regex_finder(name).rx.search(text) is None, (name, text)

"""Compiled cue patterns from rules/lexicons/language.yaml, shared by the annotators."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..catalogue import language
from .lexicon import alternation, compile_phrases

if TYPE_CHECKING:  # pragma: no cover
    from .base import Annotations, Span

#: Where a negation's or a hedge's scope stops: clause punctuation and contrastive conjunctions.
SCOPE_BREAK = re.compile(r"[;:,()]|\b(?:but|however|although|though|whereas|while|yet|except)\b", re.IGNORECASE)
#: A clause boundary for relation cues (a weaker break: commas alone do not end a claim's clause).
CLAUSE_BREAK = re.compile(r"[;:()]|\b(?:but|however|although|though|whereas|while|yet)\b", re.IGNORECASE)


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The phrase regex for a flat cue list of language.yaml."""
    return compile_phrases(language("language")[name])


@cache
def regex(name: str) -> re.Pattern[str]:
    """A raw regular expression of language.yaml's ``patterns`` map (case-insensitive)."""
    return re.compile(language("language")["patterns"][name], re.IGNORECASE)


@lru_cache(maxsize=1)
def hedge_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, compile_phrases(words)) for kind, words in language("language")["hedges"].items()]


@lru_cache(maxsize=1)
def hedge_weights() -> dict[str, float]:
    """Graded strength of hedge cues (default 1.0)."""
    return {str(k).lower(): float(v) for k, v in (language("language").get("hedge_weights") or {}).items()}


@lru_cache(maxsize=1)
def hedge_any() -> re.Pattern[str]:
    """One alternation of every hedge cue (a fast pre-check)."""
    words = [w for ws in language("language")["hedges"].values() for w in ws]
    return compile_phrases(words)


def in_scope(text: str, cue_end: int, target: int, max_chars: int = 80) -> bool:
    """Whether ``target`` lies in the forward scope of a cue ending at ``cue_end``."""
    if target < cue_end or target - cue_end > max_chars:
        return False
    return SCOPE_BREAK.search(text, cue_end, target) is None


_RUN = re.compile(r"\w+")


class Scan:
    """Word runs (``\\w+``) of one sentence text: a lower-cased set for prefilters and ``(start, word)``
    pairs for phrase lookup. A regex match of a ``\\b``-delimited phrase always starts at a run equal to
    the phrase's first run, so a disjoint trigger set proves there is no match."""

    __slots__ = ("runs", "text", "words")

    def __init__(self, text: str, lower: str | None = None) -> None:
        self.text = text
        low = text.lower() if lower is None else lower
        if len(low) == len(text):
            self.runs = [(m.start(), m.group()) for m in _RUN.finditer(low)]
        else:  # lower-casing changed lengths (rare Unicode): keep positions of the original text
            self.runs = [(m.start(), m.group().lower()) for m in _RUN.finditer(text)]
        self.words = frozenset(w for _, w in self.runs)


_SCANS: WeakKeyDictionary[Any, list[Scan]] = WeakKeyDictionary()


def scans(ann: Annotations) -> list[Scan]:
    """One :class:`Scan` per sentence of ``ann`` (built once, shared by the annotators)."""
    got = _SCANS.get(ann)
    if got is None or len(got) != len(ann.sentences):
        got = _SCANS[ann] = [Scan(s.text, s.lower) for s in ann.sentences]
    return got


class PhraseMatcher:
    """A phrase list matched like ``compile_phrases(words)`` (same matches, same order), but by looking up
    each word run of the text in a dict of first words and trying only the phrases that start with it."""

    def __init__(self, words: Iterable[str]) -> None:
        phrases = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=len, reverse=True)
        groups: dict[str, list[str]] = {}
        for p in phrases:
            first = _RUN.match(p)
            if first is None:  # a phrase that starts with punctuation: no word trigger
                raise ValueError(f"phrase must start with a word character: {p!r}")
            groups.setdefault(first.group(0), []).append(p)
        self._tails = {w: re.compile(f"(?:{alternation(ps)})\\b", re.IGNORECASE) for w, ps in groups.items()}
        self.triggers = frozenset(self._tails)

    def finditer(self, scan: Scan) -> Iterator[re.Match[str]]:
        """Non-overlapping matches in ``scan.text``, left to right."""
        if self.triggers.isdisjoint(scan.words):
            return
        tails, text, pos = self._tails, scan.text, 0
        for a, w in scan.runs:
            if a < pos:
                continue
            rx = tails.get(w)
            if rx is not None:
                m = rx.match(text, a)
                if m:
                    pos = m.end()
                    yield m

    def search(self, scan: Scan) -> re.Match[str] | None:
        return next(self.finditer(scan), None)


@cache
def matcher(name: str) -> PhraseMatcher:
    """The phrase matcher for a flat cue list of language.yaml (same matches as :func:`pattern`)."""
    return PhraseMatcher(language("language")[name])


@cache
def triggers(name: str) -> frozenset[str]:
    """Words one of which every match of ``patterns[name]`` contains (language.yaml ``pattern_triggers``);
    empty when the pattern has no trigger list (then it must always run)."""
    return frozenset(str(w).lower() for w in (language("language").get("pattern_triggers") or {}).get(name, ()))


def may_match(name: str, scan: Scan) -> bool:
    """False only when ``patterns[name]`` cannot match the scanned text."""
    t = triggers(name)
    return not t or not t.isdisjoint(scan.words)


@lru_cache(maxsize=1)
def hedge_matchers() -> list[tuple[str, PhraseMatcher]]:
    return [(kind, PhraseMatcher(words)) for kind, words in language("language")["hedges"].items()]


@lru_cache(maxsize=1)
def hedge_triggers() -> frozenset[str]:
    return frozenset().union(*(m.triggers for _, m in hedge_matchers()))


_BY_SENTENCE: WeakKeyDictionary[Any, dict[str, tuple[int, dict[int, list[Span]]]]] = WeakKeyDictionary()


def spans_in(ann: Annotations, kind: str, sent: int) -> list[Span]:
    """``ann.in_sentence(kind, sent)`` from a per-sentence index (rebuilt only when spans were added)."""
    spans = ann.of(kind)
    per_kind = _BY_SENTENCE.get(ann)
    if per_kind is None:
        per_kind = _BY_SENTENCE[ann] = {}
    got = per_kind.get(kind)
    if got is None or got[0] != len(spans):
        index: dict[int, list[Span]] = {}
        for sp in spans:
            if sp.sent is not None:
                index.setdefault(sp.sent, []).append(sp)
        got = per_kind[kind] = (len(spans), index)
    return got[1].get(sent, [])

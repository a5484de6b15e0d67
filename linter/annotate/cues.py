"""Compiled cue patterns from rules/lexicons/language.yaml, shared by the annotators."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..catalogue import language
from .lexicon import compile_phrases

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

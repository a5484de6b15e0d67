"""Readability of body prose only (headings, captions, tables and form boilerplate excluded), with
textstat 0.7.3 (pyphen syllables): Flesch–Kincaid grade, SMOG and Flesch reading ease in ``metrics``."""

from __future__ import annotations

import importlib
import re
import sys
from functools import lru_cache
from types import ModuleType
from typing import Any

from ..document.model import LIST_ITEM, PARAGRAPH, QUOTE
from .base import Annotations, Sentence

#: Block kinds whose sentences are read as running prose.
READ_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE})
#: Below this many words or sentences the figures are too noisy to report.
MIN_WORDS = 30
MIN_SMOG_SENTENCES = 3


#: Distinct words whose syllable counts are kept (a few MB at most).
SYLLABLE_CACHE = 200_000


class _LazyPkgResources(ModuleType):
    """Stands in for ``pkg_resources`` while textstat is imported (textstat imports it at module level,
    0.15 s, but uses it only for Dale–Chall word lists, which we never call): the real module is
    imported on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("pkg_resources") is self:
            del sys.modules["pkg_resources"]
        return getattr(importlib.import_module("pkg_resources"), name)


class _CachedHyphenator:
    """pyphen's ``positions`` with a per-word cache (textstat hyphenates every word twice per document)."""

    def __init__(self, pyphen: Any) -> None:
        self._pyphen = pyphen
        self.positions = lru_cache(maxsize=SYLLABLE_CACHE)(pyphen.positions)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pyphen, name)


@lru_cache(maxsize=1)
def _textstat() -> ModuleType:
    """textstat (the formula provider), imported without pkg_resources and with cached syllable counts."""
    import warnings

    lazy = "pkg_resources" not in sys.modules
    if lazy:
        sys.modules["pkg_resources"] = _LazyPkgResources("pkg_resources")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import textstat
    finally:
        if lazy and isinstance(sys.modules.get("pkg_resources"), _LazyPkgResources):
            del sys.modules["pkg_resources"]
    inst = textstat.textstat
    if not isinstance(inst.pyphen, _CachedHyphenator):
        inst.pyphen = _CachedHyphenator(inst.pyphen)
        # polysyllabcount calls syllable_count once per word: a larger per-word cache than textstat's 128.
        inst.syllable_count = lru_cache(maxsize=SYLLABLE_CACHE)(inst.syllable_count)
    return textstat


def prose_text(sentences: list[Sentence]) -> str:
    """One sentence per line with a terminal stop, so textstat counts our sentences, not its own."""
    lines = []
    for s in sentences:
        t = " ".join(s.text.split())
        if t:
            lines.append(t if t[-1] in ".!?" else t + ".")
    return "\n".join(lines)


_PUNCT = re.compile(r"[^\w\s]")  # textstat's ``remove_punctuation`` (apostrophes removed too)
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")  # textstat's ``sentence_count`` pieces
_SYLLABLES: dict[str, int] = {}


def _syllables(ts: ModuleType, words: list[str]) -> list[int]:
    """textstat's ``syllable_count`` of each lower-cased, punctuation-free word (pyphen positions + 1)."""
    cache = _SYLLABLES
    if len(cache) > SYLLABLE_CACHE:
        cache.clear()
    out = []
    for w in words:
        n = cache.get(w)
        if n is None:
            n = cache[w] = len(ts.textstat.pyphen.positions(w)) + 1
        out.append(n)
    return out


def _textstat_figures(ts: ModuleType, text: str) -> tuple[float, float, float]:
    """textstat's ``flesch_kincaid_grade``, ``smog_index`` and ``flesch_reading_ease`` of ``text`` from one
    pass of its own counts: ``lexicon_count``, ``syllable_count``, ``sentence_count`` and ``polysyllabcount``
    (the syllables of each whitespace token, lower-cased and punctuation-free; empty tokens count none)."""
    inst = ts.textstat
    rnd = inst._legacy_round
    words = len(_PUNCT.sub("", text).split())
    lowered = _PUNCT.sub("", text.lower()).split()
    syl = _syllables(ts, lowered) if lowered else []
    syllables = sum(syl)
    pieces = _SENTENCE.findall(text)
    sentences = max(1, len(pieces) - sum(1 for x in pieces if len(_PUNCT.sub("", x).split()) <= 2))
    asl = rnd(float(words / sentences), 1)
    spw = rnd(float(syllables) / float(words), 1) if words else 0.0
    cfg = inst._textstatistics__get_lang_cfg
    fre = rnd(cfg("fre_base") - float(cfg("fre_sentence_length") * asl) - float(cfg("fre_syll_per_word") * spw), 2)
    fk = rnd(float(0.39 * asl) + float(11.8 * spw) - 15.59, 1)
    if sentences >= 3:
        poly = sum(1 for n in syl if n >= 3)
        smog = rnd((1.043 * (30 * (poly / sentences)) ** .5) + 3.1291, 1)
    else:
        smog = 0.0
    return fk, smog, fre


def figures(text: str, sentences: int) -> dict[str, float | None]:
    """FK grade, SMOG and reading ease of prepared prose text (see ``prose_text``)."""
    ts = _textstat()
    if ts.textstat._textstatistics__get_lang_root() in ("es", "it"):  # another reading-ease interval
        fk, smog, fre = ts.flesch_kincaid_grade(text), ts.smog_index(text), ts.flesch_reading_ease(text)
    else:
        fk, smog, fre = _textstat_figures(ts, text)
    return {"fk_grade": round(float(fk), 1),
            "smog": round(float(smog), 1) if sentences >= MIN_SMOG_SENTENCES else None,
            "reading_ease": round(float(fre), 1)}


def annotate(ann: Annotations) -> None:
    body = [s for s in ann.sentences if s.kind in READ_KINDS]
    words = sum(len(s.text.split()) for s in body)
    ann.metrics["words"] = sum(len(b.text.split()) for b in ann.document.blocks if b.kind != "boilerplate")
    ann.metrics["body_words"] = words
    ann.metrics["sentences"] = len(body)
    ann.facts["_body_words"] = words
    if words < MIN_WORDS or not body:
        ann.metrics.update(fk_grade=None, smog=None, reading_ease=None)
        return
    ann.metrics.update(figures(prose_text(body), len(body)))

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
from .base import Annotations

#: Block kinds whose sentences are read as running prose.
READ_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE})
#: Below this many words or sentences the figures are too noisy to report.
MIN_WORDS = 30
MIN_SMOG_SENTENCES = 3


#: Distinct tokens whose syllable counts are kept (a few MB at most).
SYLLABLE_CACHE = 200_000


class _LazyPkgResources(ModuleType):
    """Stands in for ``pkg_resources`` while textstat is imported (textstat imports it at module level,
    0.15 s, but uses it only for Dale–Chall word lists, which we never call): the real module is
    imported on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("pkg_resources") is self:
            del sys.modules["pkg_resources"]
        return getattr(importlib.import_module("pkg_resources"), name)


#: The language textstat 0.7.3 starts with (its ``Pyphen`` dictionary is built on import).
TEXTSTAT_LANG = "en_US"


@lru_cache(maxsize=1)
def _textstat() -> ModuleType:
    """textstat (the formula provider), imported without pkg_resources and with its hyphenation dictionary
    parsed by :mod:`.hyphenation` (textstat builds its ``Pyphen`` at import)."""
    import warnings

    from .hyphenation import preload

    preload(TEXTSTAT_LANG)
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
    return textstat


_PUNCT = re.compile(r"[^\w\s]")  # textstat's ``remove_punctuation`` (apostrophes removed too)
#: textstat's ``sentence_count`` pieces (``\b[^.!?]+[.!?]*``), each with a group that is not empty when the piece
#: has three whitespace tokens with a word character (those it does not ignore: it ignores pieces with at most
#: two words once punctuation is removed). The group only looks ahead, within the piece, so the pieces stay
#: the same.
_PIECE = re.compile(r"\b(?=((?:[^.!?\w]*\w[^.!?\s]*\s){2}[^.!?\w]*\w)?)[^.!?]+[.!?]*")
_STOPS = ".!?"


#: Distinct words counted through pyphen before the syllable trie is built: building it (≈ 4 ms) pays back
#: after some 500 more words (≈ 4 µs a word instead of ≈ 13), and a single article rarely has 1,000.
TRIE_AFTER = 1000


class _Syllables(dict):
    """textstat's ``syllable_count`` of each whitespace token: the hyphenation points that its pyphen finds
    in the lower-cased, punctuation-free word, plus one (0 when no word is left, a token textstat's
    ``lexicon_count`` does not count either: lower-casing never adds or removes a word character).

    The points are pyphen's ``HyphDict.positions`` over textstat's own pattern table, with the patterns
    that start at each position found by walking a trie of the table (pyphen looks up every substring up to
    the longest pattern's length: the same patterns, several times slower for a word seen first). Building
    the trie takes longer than a short article's words do through pyphen, so the first ``trie_after``
    distinct words go through pyphen itself."""

    def __init__(self, pyphen: Any, trie_after: int = TRIE_AFTER) -> None:
        super().__init__()
        self.pyphen = pyphen
        self.trie: dict[str, Any] | None = None
        self.trie_after = trie_after
        self.left, self.right = pyphen.left, pyphen.right
        self.words: dict[str, int] = {}

    def _build_trie(self) -> dict[str, Any]:
        trie: dict[str, Any] = {}
        for key, pattern in self.pyphen.hd.patterns.items():
            node = trie
            for ch in key:
                child = node.get(ch)
                if child is None:  # (``setdefault`` would build a dict for every character)
                    child = node[ch] = {}
                node = child
            node[""] = pattern
        return trie

    def __missing__(self, token: str) -> int:
        if len(self) > SYLLABLE_CACHE:
            self.clear()
            self.words.clear()
        word = _PUNCT.sub("", token.lower())
        n = self.words.get(word)
        if n is None:
            n = self.words[word] = self.positions(word) + 1 if word else 0
        self[token] = n
        return n

    def build_trie(self) -> None:
        """Count through the trie from now on."""
        if self.trie is None:
            self.trie = self._build_trie()

    def positions(self, word: str) -> int:
        """``len(Pyphen.positions(word))``: the odd points between ``left`` and ``len(word) - right``
        (patterns starting after that span cannot reach into it)."""
        if self.trie is None:
            if len(self.words) < self.trie_after:
                return len(self.pyphen.positions(word))
            self.build_trie()
        pointed = f".{word.lower()}."
        last = len(word) - self.right + 1  # the last point counted, as an index into the points
        if last <= self.left:
            return 0
        refs = [0] * (len(pointed) + 1)
        root = self.trie
        for i in range(min(len(pointed) - 1, last + 1)):
            node = root
            for ch in pointed[i:]:
                node = node.get(ch)
                if node is None:
                    break
                pattern = node.get("")
                if pattern:
                    k = i + pattern[0]  # where its values start
                    for v in pattern[1]:
                        if v > refs[k]:
                            refs[k] = v
                        k += 1
        return sum(1 for k in range(self.left + 1, min(last, len(pointed)) + 1) if refs[k] % 2)


@lru_cache(maxsize=1)
def _syllables(pyphen: Any) -> _Syllables:
    """The syllable counter of a pyphen instance (textstat's, which ``set_lang`` replaces)."""
    return _Syllables(pyphen)


def prepare_batch() -> None:
    """Before linting many documents: import textstat and count syllables through the trie from the first word
    on (a batch's words repay building it at once, and workers forked afterwards share it)."""
    _syllables(_textstat().textstat.pyphen).build_trie()


def _sentence_count(lines: list[str], syl: list[int]) -> int:
    """textstat's ``sentence_count`` of the lines joined by newlines (each ends with a stop): its pieces
    (``_PIECE``, which never span two of our lines) less those with at most two words. A line whose only stops
    are those ending it is one piece with the line's words (or none, without a word character), counted from
    ``syl`` (the syllables of the lines' tokens; a token without a word character has none)."""
    count = at = 0
    zeros = syl.count(0)
    inner = []  # lines with a stop before their last run of stops
    for line in lines:
        n = line.count(" ") + 1  # the line's tokens (joined by single spaces)
        head = line.rstrip(_STOPS)
        if "." in head or "!" in head or "?" in head:
            inner.append(line)
        elif n - 3 >= zeros or n - syl[at:at + n].count(0) >= 3:
            count += 1
        at += n
    if inner:
        found = _PIECE.findall("\n".join(inner))
        count += len(found) - found.count("")
    return max(1, count)


def _textstat_figures(ts: ModuleType, lines: list[str], tokens: list[str]) -> tuple[float, float, float]:
    """textstat's ``flesch_kincaid_grade``, ``smog_index`` and ``flesch_reading_ease`` of the prose text
    (``lines`` joined by newlines, split into ``tokens``) from one pass of its own counts: ``lexicon_count``,
    ``syllable_count``, ``sentence_count`` and ``polysyllabcount``."""
    inst = ts.textstat
    rnd = inst._legacy_round
    syl = list(map(_syllables(inst.pyphen).__getitem__, tokens))
    words = len(syl) - syl.count(0)
    syllables = sum(syl)
    sentences = _sentence_count(lines, syl)
    asl = rnd(float(words / sentences), 1)
    spw = rnd(float(syllables) / float(words), 1) if words else 0.0
    cfg = inst._textstatistics__get_lang_cfg
    fre = rnd(cfg("fre_base") - float(cfg("fre_sentence_length") * asl) - float(cfg("fre_syll_per_word") * spw), 2)
    fk = rnd(float(0.39 * asl) + float(11.8 * spw) - 15.59, 1)
    if sentences >= 3:
        poly = len(syl) - syl.count(0) - syl.count(1) - syl.count(2)
        smog = rnd((1.043 * (30 * (poly / sentences)) ** .5) + 3.1291, 1)
    else:
        smog = 0.0
    return fk, smog, fre


def figures(lines: list[str], tokens: list[str], sentences: int) -> dict[str, float | None]:
    """FK grade, SMOG and reading ease of prose: one sentence per line with a terminal stop (so textstat
    counts our sentences, not its own), the whitespace tokens of those lines, the number of sentences."""
    ts = _textstat()
    if ts.textstat._textstatistics__get_lang_root() in ("es", "it"):  # another reading-ease interval
        text = "\n".join(lines)
        fk, smog, fre = ts.flesch_kincaid_grade(text), ts.smog_index(text), ts.flesch_reading_ease(text)
    else:
        fk, smog, fre = _textstat_figures(ts, lines, tokens)
    return {"fk_grade": round(float(fk), 1),
            "smog": round(float(smog), 1) if sentences >= MIN_SMOG_SENTENCES else None,
            "reading_ease": round(float(fre), 1)}


def annotate(ann: Annotations) -> None:
    lines: list[str] = []
    tokens: list[str] = []
    count = 0
    for s in ann.sentences:
        if s.block.kind not in READ_KINDS:
            continue
        count += 1
        toks = s.text.split()
        if not toks:
            continue
        if toks[-1][-1] not in ".!?":
            toks[-1] += "."
        tokens += toks
        lines.append(" ".join(toks))
    words = len(tokens)
    ann.metrics["words"] = sum(len(b.text.split()) for b in ann.document.blocks if b.kind != "boilerplate")
    ann.metrics["body_words"] = words
    ann.metrics["sentences"] = count
    ann.facts["_body_words"] = words
    if words < MIN_WORDS or not count:
        ann.metrics.update(fk_grade=None, smog=None, reading_ease=None)
        return
    ann.metrics.update(figures(lines, tokens, count))

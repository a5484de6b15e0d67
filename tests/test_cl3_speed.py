"""Third-round shortcuts of the claim annotators and of the cue machinery give what the plain computations give:
cue sources and hedge kinds skipped by their prefilters, patterns skipped when a text lacks every word their
matches end with (``Finder.tails``), per-document data kept as internal facts, and what the walks over parsed patterns
(first words, lower-case test, literal clauses) promise."""

from __future__ import annotations

import re
from re import _parser

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


_TRICKY_SOURCES = [r"\bab-c\b", r"\b(?:x|y)z\b", r"\ba\u00e9b", r"\bAb(?:C|d)\b", r"(?i:ab)c", r"[A-Z]x|ab",
                   r"\b(?:one|two)(?:\s+three)?\b", r"ab\d+cd", r"(?:ab|ab)c", r"a[bc]d\b", r"\bab_c"]


#: Text with matches of the tricky sources, in several cases.
_TRICKY_TEXTS = ["ab-c xz yz a\u00e9b AbC Abd abc Xx ab one two three ab12cd abd ab_c twothree",
                 "AB-C XZ A\u00c9B ABC ABD ONE  THREE AB7CD ABD AB_C", "aBc ab ab abc xyz one\tthree"]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_pattern_walks_hold_on_every_match(flags: int) -> None:
    """What the walks over a parsed pattern promise, checked on matches: every match starts with one of the first
    words (``_heads``), holds a literal of each clause (``_clauses``), and a pattern found lower-case only matches
    a lower-cased text case-sensitively where it matched the text (``_lower_case_only``)."""
    texts = _TEXTS + _TRICKY_TEXTS
    for source in _sources() + _TRICKY_SOURCES:
        tree = _parser.parse(source, flags)
        rx = re.compile(source, flags)
        heads = cues._heads(list(tree), (), "", False)
        clauses = regex_literals._clauses(tree)
        twin = re.compile(source, flags & ~re.IGNORECASE) if flags and cues._lower_case_only(tree) else None
        for text in texts:
            low = text.lower()
            if not cues.is_plain(text, low):  # (the shortcuts serve plain texts only)
                continue
            spans = [m.span() for m in rx.finditer(text)]
            for a, b in spans:
                assert heads is None or any(low.startswith(h.lower(), a) for h in heads), (source, text[a:b])
                assert all(any(lit in low[a:b] for lit in clause) for clause in clauses), (source, text[a:b])
            if twin is not None:
                assert [m.span() for m in twin.finditer(low)] == spans, (source, text)


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

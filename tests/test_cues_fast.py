"""The fast paths of linter/annotate/cues.py (word sets, case-sensitive twins, first-word candidates, phrase
matchers) give exactly what the plain regexes give, on sample text and on text made to trip them up."""

from __future__ import annotations

import random
import re
import string

import pytest

from linter.annotate import citations, claims, cues, testimonials
from linter.annotate.cues import PhraseMatcher, Scan, finder, pattern, regex
from linter.annotate.lexicon import compile_phrases
from linter.catalogue import language

from .conftest import SAMPLES

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
#: Text where lower-casing and case-insensitive matching part ways (dotless i, long s, Kelvin sign, dotted
#: capital I), upper case, non-ASCII punctuation and words cut by hyphens and apostrophes.
_TRICKY = [
    "Some STUDIES show ıt doesn’t help; ſome experts say it is widely believed to help.",
    "İt may be 2-fold higher. Many doctors said the FDA warned: cuts the risk (Smith, 2020) [1].",
    "The \u212aratom extract reduces pain, but it can cause liver damage according to the U.S. Food and Drug "
    "Administration.",
    "Self-reported use—of kratom—led to the discovery that it’s an alternative to opioids rather than a cure.",
    "Researchers may in the future study whether green tea lowers blood pressure, studies suggest.",
    "A 45-year-old nurse, one veteran who says it helped, and many patients have reported relief.",
]


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    found = [m.group(0) for t in texts for m in _SENTENCE.finditer(t)] + _TRICKY
    rng = random.Random(5)  # and the same with letters shifted in case
    return found + ["".join(c.upper() if rng.random() < 0.2 else c for c in t) for t in found[::7]]


_TEXTS = _sentences()


def _patterns() -> list[re.Pattern[str]]:
    lang = language("language")
    found = [regex(name) for name in lang["patterns"]]
    found += [pattern(name) for name in ("harm_outcomes", "harm_verbs", "warning_frames", "referral",
                                         "substitute_frames", "disease_verbs", "causal_verbs")]
    found += [rx for _, rx in citations._PATTERNS]
    found += [testimonials._GROUP, testimonials._EXPERIENCE, cues.SCOPE_BREAK, cues.CLAUSE_BREAK]
    found += [v for v in vars(claims).values() if isinstance(v, re.Pattern)]
    return found


def test_scan_words_are_the_word_runs() -> None:
    rng = random.Random(3)
    texts = _TEXTS + ["".join(rng.choice(string.printable + "éı’İ\u212a") for _ in range(40)) for _ in range(500)]
    for text in texts:
        scan = Scan(text)
        assert scan.words == frozenset(w.lower() for w in re.findall(r"\w+", text)), text
        assert [(a, w) for a, w in scan.runs] == [(m.start(), m.group().lower()) for m in re.finditer(r"\w+", text)]
        for w in scan.words:
            assert scan.starts(w) == [a for a, run in scan.runs if run == w]


@pytest.mark.parametrize("rx", _patterns(), ids=lambda rx: rx.pattern[:40])
def test_finder_equals_regex(rx: re.Pattern[str]) -> None:
    for text in _TEXTS:
        scan = Scan(text)
        assert [m.span() for m in finder(rx).finditer(scan)] == [m.span() for m in rx.finditer(text)], text
        pos = len(text) // 3
        got, want = scan.search(rx, pos), rx.search(text, pos)
        assert (got and got.span()) == (want and want.span()), text
        twin, on = scan.on(rx)
        assert [m.span() for m in twin.finditer(on)] == [m.span() for m in rx.finditer(text)], text


def test_twins_and_first_words_where_expected() -> None:
    weasel = finder(regex("weasel"))
    assert weasel.twin is not None and weasel.heads and {"some", "many", "critics", "according"} <= weasel.heads
    assert finder(regex("comparative")).heads is None  # starts with \w+er
    assert finder(re.compile("(?-i:st)x", re.IGNORECASE)).twin is None
    assert finder(re.compile(r"[A-Z]x|\xc9", re.IGNORECASE)).twin is None
    assert finder(re.compile(r"\bclaims?\s+that", re.IGNORECASE)).heads == {"claim", "claims"}
    assert finder(re.compile(r"\b(?:the )?(?:FDA|U\.?S\.? Food)\b")).heads == {"the", "fda", "u", "us"}


#: The phrase lists of the language file (each hedge list by its own name).
PHRASE_LISTS = ["negation", "causal_verbs", "correlational", "absolute", "vague_attribution", "substitute_frames",
                *language("language")["hedges"]]


def phrase_words(name: str) -> list[str]:
    """The phrases of list ``name`` of ``PHRASE_LISTS``."""
    lang = language("language")
    return lang["hedges"][name] if name in lang["hedges"] else lang[name]


@pytest.mark.parametrize("name", PHRASE_LISTS)
def test_phrase_matcher_equals_regex(name: str) -> None:
    words = phrase_words(name)
    rx, pm = compile_phrases(words), PhraseMatcher(words)
    for text in _TEXTS:
        plain = Scan(text).plain
        got = [(m.start(), m.end()) for m in pm.finditer(Scan(text))]
        assert got == [(m.start(), m.end()) for m in rx.finditer(text)] or not plain, text


def test_word_prefilters_are_conservative() -> None:
    for text in _TEXTS:
        words = Scan(text).words
        if citations._PATTERNS[-1][1].search(text):
            assert not citations._AUTHORITY_NAMES.isdisjoint(words), text
        if testimonials._INTRO.search(text):
            assert not testimonials._INTRO_TRIGGERS.isdisjoint(words), text
        if testimonials._GROUP.search(text) and Scan(text).plain:
            assert not testimonials._GROUP_TRIGGERS.isdisjoint(words), text

"""The second round of cue shortcuts gives what the plain regexes give: word runs of ASCII text read off its
``split``, finders that compile a pattern only when a scan needs it, one parse shared by the regex analyses,
claims' pattern tests on slices of the lower-cased text, and phrase prefilters keyed on each phrase's longest
run."""

from __future__ import annotations

import random
import re
import string
from re import _parser

import pytest

from linter import regex_literals
from linter.annotate import citations, claims, cues
from linter.annotate.cues import PhraseMatcher, Scan, finder, pattern, phrase_finder, regex, regex_finder
from linter.annotate.lexicon import compile_phrases
from linter.catalogue import language

from .test_cues_fast import _TEXTS, PHRASE_LISTS, phrase_words

_LISTS = ("negation", "causal_verbs", "correlational", "absolute", "vague_attribution", "substitute_frames",
          "harm_outcomes", "harm_verbs", "warning_frames", "referral", "disease_verbs")


def _runs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group().lower()) for m in re.finditer(r"\w+", text)]


def test_ascii_runs_and_starts() -> None:
    rng = random.Random(8)
    texts = ["".join(rng.choice("ab_ 1-.'\t") for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    texts += ["".join(rng.choice(string.printable) for _ in range(rng.randint(0, 60))) for _ in range(1000)]
    for text in texts:
        scan = Scan(text)
        assert scan.plain and scan.runs == _runs(text), text
        assert scan.words == {w for _, w in _runs(text)}, text
        for w in [*scan.words, "a", "b", "ab", "1"]:
            assert scan.starts(w) == [a for a, run in _runs(text) if run == w], (text, w)


@pytest.mark.parametrize("name", list(language("language")["patterns"]))
def test_regex_finder_compiles_the_pattern_lazily(name: str) -> None:
    got = regex_finder(name)
    rx = re.compile(language("language")["patterns"][name], re.IGNORECASE)
    assert regex(name) is got.rx and finder(got.rx) is got and got.rx.pattern == rx.pattern
    assert got.rx.flags == rx.flags
    for text in _TEXTS:
        scan = Scan(text)
        assert [m.span() for m in got.finditer(scan)] == [m.span() for m in rx.finditer(text)], text
        on, where = got.on(scan)
        assert [m.span() for m in on.finditer(where)] == [m.span() for m in rx.finditer(text)], text


@pytest.mark.parametrize("name", _LISTS)
def test_pattern_is_compile_phrases(name: str) -> None:
    want = compile_phrases(language("language")[name])
    assert (pattern(name).pattern, pattern(name).flags) == (want.pattern, want.flags)
    assert finder(pattern(name)) is phrase_finder(name)


def test_finder_twins_as_before() -> None:
    assert finder(re.compile("(?i)abc")).twin is None  # case-insensitive only inline: no twin
    assert finder(re.compile("abc", re.IGNORECASE | re.ASCII)).twin is None
    assert cues.Finder("(?a)abc", re.IGNORECASE).twin is None
    twin = cues.Finder(r"\babc\b", re.IGNORECASE).twin
    assert twin is not None and not twin.flags & re.IGNORECASE


def _tree(node: object) -> object:
    if isinstance(node, _parser.SubPattern):
        return [_tree(x) for x in node.data]
    if isinstance(node, (list, tuple)):
        return [_tree(x) for x in node]
    return node


_PATTERNS = [regex(n) for n in language("language")["patterns"]]
_PATTERNS += [v for v in vars(claims).values() if isinstance(v, re.Pattern)]


@pytest.mark.parametrize("rx", _PATTERNS, ids=lambda rx: rx.pattern[:30])
def test_one_parse_serves_both_cases(rx: re.Pattern[str]) -> None:
    shared = regex_literals.parsed(rx.pattern, rx.flags)
    assert _tree(shared) == _tree(_parser.parse(rx.pattern, rx.flags))
    assert _tree(shared) == _tree(_parser.parse(rx.pattern, rx.flags & ~re.IGNORECASE))


@pytest.mark.parametrize("source", [r"\bstudy\b", "[a-z]+s", "\u017fome", r"\u017fome", r"\xe9t\xe9", "café",
                                    r"\N{LATIN SMALL LETTER DOTLESS I}", r"(?:\u0130|x)", r"\\u0041"])
def test_exact_shortcut(source: str) -> None:
    tree = _parser.parse(source, re.IGNORECASE)
    walked = not any(c > 127 and regex_literals._ASCII_LETTER.fullmatch(chr(c))
                     for c in regex_literals._literal_codes(tree))
    assert regex_literals._exact(source, tree) == walked


@pytest.mark.parametrize("name", ["by_after", "noun_before", "claim_infinitive", "be_before", "adjective_prev",
                                  "multiplier"])
def test_claims_slice_tests(name: str) -> None:
    rx = regex(name)
    for text in _TEXTS:
        scan = Scan(text)
        for a in range(0, len(text), 7):
            for b in (a + 30, len(text)):
                want = rx.search(text[a:b]) is not None
                assert claims._in(scan, name, a, b) == want, (text, a, b)
                assert claims._in(scan, name, a, b, match=True) == (rx.match(text[a:b]) is not None), (text, a, b)


@pytest.mark.parametrize("name", PHRASE_LISTS)
def test_phrase_keys_hold_in_every_matching_plain_text(name: str) -> None:
    words = phrase_words(name)
    pm, rx = PhraseMatcher(words), compile_phrases(words)
    for text in _TEXTS:
        scan = Scan(text)
        if scan.plain and rx.search(text):
            assert not pm.prefilter(True).isdisjoint(scan.words), text


def test_citation_prefilter_keeps_every_need() -> None:
    for text in _TEXTS:
        low, words = text.lower(), Scan(text).words
        if any(need(text, low, words) for need in citations._NEEDS.values()):
            assert citations._may_cite(text, low, words), text

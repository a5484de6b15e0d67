"""The tokenizer's affix shortcuts (``nlp.edge_search``) give exactly what spaCy's compiled affix patterns give."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest

#: Characters around the affix rules: letters, digits, units, quotes, brackets, dots, symbols, a newline.
ATOMS = ["a", "s", "t", "m", "k", "g", "d", "z", "K", "S", "T", "M", "0", "7", ".", "..", "…", ",", ";", ":", "!",
         "?", "'", "’", "'s", "’S", "\"", "“", "(", ")", "[", "]", "-", "—", "–", "~", "/", "+", "*", "^", "$", "€",
         "%", "°", "°C", "km", "mg", "µg", "²", "#", "&", "<", ">", "=", "_", "©", "😀", "。", "\n", "İ", "ſ", "x",
         "кг", "م"]


def _words() -> list[str]:
    rng = random.Random(3)
    words = ["", *("".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 8))) for _ in range(20000))]
    return words + [w for p in ATOMS for w in (p, f"word{p}", f"{p}word", f"1{p}", f"w{p}w", f"{p}.", f"3{p}.")]


def _plain(role: str) -> Callable[[str], Any]:
    """spaCy's own ``prefix_search``, ``suffix_search`` or ``infix_finditer`` for English."""
    from spacy import util
    from spacy.lang.en import English

    from linter.nlp import import_spacy

    import_spacy()
    d = English.Defaults
    if role == "prefix":
        return util.compile_prefix_regex(d.prefixes).search
    if role == "suffix":
        return util.compile_suffix_regex(d.suffixes).search
    return util.compile_infix_regex(d.infixes).finditer


def _spans(got: Any) -> Any:
    """What the tokenizer reads: a match's length (prefix, suffix), the spans of the matches (infixes)."""
    if got is None or isinstance(got, re.Match):
        return got.end() - got.start() if got else 0
    return [m.span() for m in got]


@pytest.mark.parametrize("role", ["prefix", "suffix", "infix"])
def test_edge_search_matches_spacy_patterns(role: str) -> None:
    from spacy.lang.en import English

    from linter.nlp import edge_search

    plain = _plain(role)
    fast = edge_search(getattr(English.Defaults, f"{role}es"), role)
    assert getattr(fast, "func", None) is not None  # the analysis understood spaCy's English patterns
    for w in _words():
        assert _spans(fast(w)) == _spans(plain(w)), (role, w)


def test_edge_search_keeps_patterns_it_cannot_read() -> None:
    from linter.nlp import edge_search

    for entries, role in (([r"\w+"], "prefix"), ([r"(?i)x"], "suffix"), ([r"a*"], "infix"), ([r"x|y"], "prefix"),
                          ([r"x|y"], "suffix"), ([r"[^a]"], "infix"), ([r"a", r"(?i:b)"], "infix")):
        assert getattr(edge_search(entries, role), "func", None) is None, entries
    assert edge_search([], "infix") is None  # (spaCy's factory passes None for no entries)
    blank = edge_search([" "], "infix")  # (nothing but blank entries: spaCy compiles the empty pattern)
    assert blank is not None and [m.span() for m in blank("ab")] == [(0, 0), (1, 1), (2, 2)]


def test_literal_gate_matches_the_url_pattern() -> None:
    from spacy.lang.en import English

    from linter.nlp import literal_gate

    plain = English.Defaults.url_match
    gated = literal_gate(plain)
    assert getattr(gated, "func", None) is not None
    urls = ["www.example.com", "http://a.b/c?d=e", "x@y.org", "10.0.0.1", "1.2.3.4", "example.com.", "a.b", "..",
            "http://localhost", "https://xn--e1a.xn--p1ai/путь", "ftp://[::1]/", "e.g.", "U.S.", "3.5mg"]
    for w in _words() + urls:
        assert (gated(w) and gated(w).span()) == (plain(w) and plain(w).span()), w


def test_literal_gate_keeps_other_matchers() -> None:
    from linter.nlp import literal_gate

    for pattern in (r"^[a-z]+$", r"^(?:ab|cd)", r"^Http"):
        rx = re.compile(pattern)
        assert literal_gate(rx.match) == rx.match, pattern
    assert literal_gate(None) is None

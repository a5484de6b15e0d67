"""The fast dictionary parser gives pyphen exactly the patterns pyphen's own parser gives."""

from __future__ import annotations

import pyphen
import pytest

from linter.annotate.hyphenation import parse_file, parse_patterns, preload


@pytest.mark.parametrize("lang", ["en", "en_US", "de", "fr"])
def test_patterns_equal_pyphen(lang: str) -> None:
    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    ours = parse_file(path)
    if ours is None:  # a dictionary with features left to pyphen
        pytest.skip(f"{path.name} needs pyphen's parser")
    assert ours == pyphen.HyphDict(path).patterns


def test_preload_feeds_pyphen_cache() -> None:
    path = pyphen.LANGUAGES[pyphen.language_fallback("en")]
    pyphen.hdcache.pop(path, None)
    preload("en")
    assert path in pyphen.hdcache
    fresh = pyphen.HyphDict(path)
    for word in ("hyphenation", "supplementation", "ashwagandha", "withdrawal", "a"):
        assert pyphen.hdcache[path].positions(word) == fresh.positions(word)


def test_parser_declines_alternatives() -> None:
    assert parse_patterns("UTF-8\n1ab/a=b,1,1\n") is None
    assert parse_patterns("UTF-8\nLEFTHYPHENMIN 2\n.ab1c\n") == {".abc": (3, (1,))}

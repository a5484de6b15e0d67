"""The lexicon's tokenizer shortcut splits every shipped term exactly as the spaCy tokenizer does."""

from __future__ import annotations

import pytest

from linter.annotate.lexicon import TermIndex, _tokenized
from linter.catalogue import builtin_dir, read_terms
from linter.kb import substances
from linter.nlp import get_nlp


def _all_terms() -> dict[str, str]:
    terms: dict[str, str] = {}
    for path in sorted((builtin_dir() / "lexicons").glob("*.txt")):
        terms.update(read_terms(path))
    for sub in substances(()):
        terms.update({a: sub.id for a in sub.aliases})
    return terms


def test_shortcut_matches_tokenizer_on_every_shipped_term() -> None:
    tokenizer = get_nlp().tokenizer
    terms = _all_terms()
    assert len(terms) > 1000
    for term, _, toks in _tokenized(terms):
        assert toks == tuple(t.lower_ for t in tokenizer(term)), term


@pytest.mark.parametrize("term", ["cannot sleep", "St. John's wort", "e.g. relief", "COVID-19", "vitamin d3"])
def test_awkward_terms_follow_the_tokenizer(term: str) -> None:
    tokenizer = get_nlp().tokenizer
    (_, _, toks), = _tokenized({term: "x"})
    assert toks == tuple(t.lower_ for t in tokenizer(term))
    assert TermIndex({term: "x"}).firsts == {toks[0]}

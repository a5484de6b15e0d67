"""The lexicon's token matching (first-token scan, ``keys`` gate, sentence bounds), ``find_terms`` on the doc's
token arrays and the caveats annotator's run bits find what the plain references find."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linter.annotate import Annotations, annotate, caveats
from linter.annotate.cues import scans
from linter.annotate.lexicon import TermIndex, find_in_span, load_index
from linter.annotate.substances import _alias_index, find_terms
from linter.document import parse

from .test_caveats_speed import corpus_texts

LEXICONS = ("standard_care.txt", "interventions.txt", "conditions.txt", "symptoms.txt", "outcomes.txt")
#: Terms that nest, overlap and repeat, and sentences where they meet at the edges of a sentence.
NESTED = {"sleep": "a", "sleep apnea": "b", "sleep apnea syndrome": "c", "apnea": "d", "apnea syndrome": "e",
          "st. john's wort": "f", "covid-19": "g", "type 2 diabetes": "h", "diabetes": "i"}
NESTED_TEXT = ("Sleep apnea syndrome and sleep apnea are not sleep. Apnea syndrome, apnea apnea syndrome sleep. "
               "St. John's wort helps COVID-19 and type 2 diabetes? Diabetes type 2 diabetes sleep apnea")


@pytest.fixture(scope="module")
def annotated() -> list[Annotations]:
    return [annotate(parse(text, "text", "<test>")) for text in corpus_texts(NESTED_TEXT)]


def _reference(index: TermIndex, lowers: list[str]) -> Iterator[tuple[int, int, str, str]]:
    """Greedy longest non-overlapping matches, trying every token (the plain definition)."""
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for entries in index._index.values():
        for _, toks, term, cat in entries:
            by_first.setdefault(toks[0], []).append((toks, term, cat))
    i = 0
    while i < len(lowers):
        for toks, term, cat in sorted(by_first.get(lowers[i], ()), key=lambda e: -len(e[0])):
            if tuple(lowers[i:i + len(toks)]) == toks:
                yield i, i + len(toks), term, cat
                i += len(toks)
                break
        else:
            i += 1


def _indexes() -> list[TermIndex]:
    return [TermIndex(NESTED), _alias_index(()), *(load_index(name) for name in LEXICONS)]


def test_match_tokens_equals_the_plain_scan(annotated: list[Annotations]) -> None:
    checked = 0
    for index in _indexes():
        for ann in annotated:
            for s in ann.sentences:
                lowers = [t.lower_ for t in s.span]
                found = index.match_tokens(lowers)
                assert found == list(_reference(index, lowers)), s.text
                checked += len(found)
    assert checked > 1000


def test_match_tokens_keeps_within_the_bounds() -> None:
    index = TermIndex(NESTED)
    lowers = ["x", "sleep", "apnea", "syndrome", "sleep", "apnea"]
    for a in range(len(lowers) + 1):
        for b in range(a, len(lowers) + 1):
            assert index.match_tokens(lowers, a, b) == [(i + a, j + a, t, c) for i, j, t, c in
                                                         _reference(index, lowers[a:b])]


def test_find_terms_equals_the_span_lookup(annotated: list[Annotations]) -> None:
    checked = 0
    for index in _indexes():
        for ann in annotated:
            for s in ann.sentences:
                found = find_terms(index, s)
                assert found == find_in_span(index, s.span, s.span.start_char), s.text
                checked += len(found)
    assert checked > 1000


def test_run_bits_equal_a_fresh_lookup(annotated: list[Annotations]) -> None:
    """The bits learnt document by document (shared, bounded) are those of a table that has seen nothing."""
    masks = caveats._RUN_MASKS
    for ann in annotated:
        doc = caveats._Body(ann.body(), scans(ann))
        tables = caveats._Tables(masks)
        for pos, runs in enumerate(doc.runs):
            if pos in doc.odd:
                continue
            fresh = {w: m for w in runs if (m := masks._mask(w, tables))}
            assert doc.marked[pos] == fresh
            union = 0
            for m in fresh.values():
                union |= m
            assert doc.masks[pos] == union

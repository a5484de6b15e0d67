"""Third speed round of the substance, caveat and provenance annotators against the plain computations: knowledge
base cues analysed before they are compiled, lexicons matched on spaCy's ids of the lower-cased token texts, and
dates found without a full scan of the page head."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.strings import get_string_id

from linter.annotate import Annotations, annotate, caveats
from linter.annotate.cues import Scan
from linter.annotate.lexicon import TermIndex, load_index
from linter.annotate.provenance import _DATE, find_date
from linter.annotate.substances import _alias_index
from linter.document import parse
from linter.kb import load_substance, substances
from linter.regex_literals import clauses, literals, prefixes

from .test_caveats_speed import EDGES, corpus_texts
from .test_substances_speed_equivalence import BAD

LEXICONS = ("standard_care.txt", "interventions.txt", "conditions.txt", "symptoms.txt", "outcomes.txt")


@pytest.fixture(scope="module")
def annotated() -> list[Annotations]:
    return [annotate(parse(text, "text", "<test>")) for text in corpus_texts(EDGES)]


def _kb_cues() -> list:
    return [c for s in substances() for c in (*s.cues().status, *(c for t in s.topics
                                                                  for c in (*t.cue_list, *t.exclude_list)))]


def test_cues_are_analysed_as_their_compiled_patterns() -> None:
    cues = _kb_cues()
    assert len(cues) > 500
    for cue in cues:
        rx = cue.rx
        assert (rx.pattern, rx.flags) == (cue.pattern, cue.flags) and rx.flags & re.IGNORECASE
        assert literals((cue,)) == literals((rx,))
        assert clauses(cue) == clauses(rx)
        assert prefixes(cue) == prefixes(rx)


def test_cues_compile_when_first_used(tmp_path: Path) -> None:
    path = tmp_path / "kanna.yaml"
    path.write_text(BAD.replace("(approved", "approved"), encoding="utf-8")
    sub = load_substance(path)
    outline = sub.cues()
    assert all(c._rx is None for c in (*outline.status, *outline.topics[0].cue_list))
    assert [rx.pattern for rx in sub.topics[0].cues] == [r"\binteract\w*"]
    sub.compile()
    assert all(c._rx is not None for c in outline.status)


def test_token_ids_are_the_ids_of_the_lower_cased_texts(annotated: list[Annotations]) -> None:
    for ann in annotated:
        for doc in ann.docs.values():
            ids, starts, lengths = caveats.doc_tokens(doc)
            assert ids == [t.lower for t in doc] == [get_string_id(t.lower_) for t in doc]
            assert starts == [t.idx for t in doc] and lengths == [len(t) for t in doc]


def test_matching_ids_finds_what_matching_texts_finds(annotated: list[Annotations]) -> None:
    checked = 0
    for index in [_alias_index(()), *(load_index(name) for name in LEXICONS)]:
        for ann in annotated:
            for doc in ann.docs.values():
                texts = [t.lower_ for t in doc]
                ids = caveats.doc_tokens(doc)[0]
                for a, b in [(s.start, s.end) for s in doc.sents] + [(0, len(doc))]:
                    found = index.match_tokens(texts, a, b)
                    assert index.match_tokens(ids, a, b) == found
                    checked += len(found)
    assert checked > 1000


def test_an_index_keeps_its_text_lookups() -> None:
    index = TermIndex({"sleep apnea": "a", "st. john's wort": "b"})
    assert "sleep apnea" in index and "apnea" not in index
    assert index.firsts == frozenset({"sleep", "st."})


ODD_DATES = ["Published ſep 12, 2021 by the team.", "Updated: İstanbul, Jan 3, 2020", "ΣΟΦΙΑ posted 2019-02-03",
             "Last reviewed on march 4 2022", "dıc 5, 2020 and Dec 5, 2020", "no date here 2023a", "By K. Lee 1999"]


def test_find_date_equals_the_scan(annotated: list[Annotations]) -> None:
    texts = [t for ann in annotated for t in (ann.document.source[:3000], ann.document.source[-2000:])]
    for text in [*texts, *ODD_DATES, *(t.upper() for t in ODD_DATES)]:
        rx, target = Scan(text).on(_DATE)
        m = rx.search(target)
        assert find_date(text) == (text[m.start():m.end()] if m else None), text[:60]

"""The caveats annotator's run needs (``_RUN_NEEDS``) hold for every match of their patterns, and the promotion
lexicon's substring test of ``*`` cue prefixes equals a regex alternation of them."""

from __future__ import annotations

import re

import pytest

from linter.annotate import Annotations, annotate, caveats
from linter.annotate.products import has_cue_prefix, lexicon
from linter.document import parse

from .test_caveats_speed import EDGES, corpus_texts

#: Matches of the patterns with run needs at the edges of their runs: contractions, typographic apostrophes,
#: people nouns with suffixes, counts of "individuals"; promotional words with the cue prefixes.
NEEDS = """The drugs didn't help and it isn’t clear; they can't say, we can’t tell, it cannot work. There was no
significant change, not yet approved, too small, remains to be seen. A study of 1,200 patientsx and a trial
in 30 healthy menopausal women; 12 individuals took part. A trial of more than 40 older adults. They weren't
sure it hasn't worked, it doesn’t. Caveats remain, caution advised, avoid it, contraindicated.
This blend boasts seamless absorption and will elevate your mornings; its optimised formula empowers you."""


@pytest.fixture(scope="module")
def annotated() -> list[Annotations]:
    return [annotate(parse(text, "text", "<test>")) for text in corpus_texts(EDGES + "\n\n" + NEEDS)]


def _passes(run: str, kind: str, part: str) -> bool:
    return {"==": run == part, "startswith": run.startswith(part), "endswith": run.endswith(part),
            "in": part in run}[kind]


def test_every_match_has_a_run_that_its_needs_name(annotated: list[Annotations]) -> None:
    patterns = {rx.pattern: rx for pats in caveats._PATTERNS.values() for _, rx in pats}
    checked = 0
    for pattern, tests in caveats._RUN_NEEDS.items():
        rx = re.compile(pattern, patterns[pattern].flags & ~re.IGNORECASE)
        for ann in annotated:
            for s in ann.sentences:
                runs = list(re.finditer(r"\w+", s.lower))
                for m in rx.finditer(s.lower):
                    inside = [r.group() for r in runs if r.start() < m.end() and r.end() > m.start()]
                    assert any(_passes(r, *t) for r in inside for t in tests), (m.group(), s.text)
                    checked += 1
    assert checked > 100


def test_cue_prefix_test_equals_the_alternation(annotated: list[Annotations]) -> None:
    lex = lexicon()
    rx = re.compile("|".join(map(re.escape, lex.cue_prefixes)) or r"(?!)")
    held = 0
    for ann in annotated:
        for s in ann.sentences:
            found = has_cue_prefix(s.lower, lex)
            assert found == (rx.search(s.lower) is not None)
            held += found
    assert held > 0 and lex.cue_prefixes

"""The caveats annotator's run-indexed searches and lexicon lookups find exactly what the plain searches find
(literal or word-run prefilter, then ``fast_search`` / ``TermIndex.match_tokens``), and the document kinds'
grouped selection equals the linear one."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from linter.annotate import Annotations, annotate, caveats
from linter.annotate.cues import fast_search, scans
from linter.annotate.lexicon import load_index
from linter.document import parse
from linter.kinds.base import matches
from linter.kinds.document import _select

ROOT = Path(__file__).resolve().parents[1]

#: Sentences around the edges of the run tests: matches inside words, symbols, contractions, digits of other
#: scripts and characters whose lower-casing changes the length of a text or matches case-insensitively.
EDGES = """Recalls for further study were issued. The evidence is nearly early research, and the larger trials
are promising. It costs $30 or €12 per month; out-of-pocket costs vary. A trial of ٣٠ adults and 1,200 people
found a 3-fold rise; 12% fewer, from 4 to 2, hazard ratios and relative risk. Drugs didn't help; they
couldn’t tell, it can’t hurt and cannot work. İstanbul side effects were rare. ſide effects were common.
The KELVIN Kit was well-tolerated. ΣΟΦΙΑΣ cost nothing. Ｓｉｄｅ effects occurred in ３ of 10 patients.
Caution: not recommended for children. This is not medical advice. Funded by the NIH. Participants enrolled.
Cognitive behavioral therapy and prescription drugs are options; surgery was not needed after surgery."""


def mutated(text: str, seed: int) -> str:
    """``text`` with random letters appended to about 30 % of its longer words (words no cache has seen)."""
    rng = random.Random(seed)
    return " ".join(w + rng.choice("xqz") if len(w) > 3 and rng.random() < 0.3 else w for w in text.split(" "))


def corpus_texts(extra: str) -> list[str]:
    """The samples, the seeds (when ../shared is there) and ``extra``, then a mutated copy of each."""
    paths = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".txt", ".md")]
    seeds = ROOT.parent / "shared" / "seeds"
    paths += sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in paths] + [extra]
    return texts + [mutated(t, k) for k, t in enumerate(texts)]


@pytest.fixture(scope="module")
def annotated() -> list[Annotations]:
    return [annotate(parse(text, "text", "<test>")) for text in corpus_texts(EDGES)]


def _cues() -> list[caveats._Cue]:
    return [caveats._HARM_CUE, *(c for _, groups in caveats._CUES for _, cues in groups for c in cues)]


def test_cue_searches_find_what_the_plain_searches_find(annotated: list[Annotations]) -> None:
    checked = 0
    for ann in annotated:
        doc = caveats._Body(ann.body(), scans(ann))
        for cue in _cues():
            plain = {}
            for pos in doc.prefiltered(cue):
                s = doc.sentences[pos]
                if m := fast_search(cue.rx, s.text, s.lower):
                    plain[pos] = m.span()
            assert {pos: m.span() for pos, m in doc.find(cue).items()} == plain, cue.rx.pattern[:40]
            checked += len(plain)
    assert checked > 300


def test_edge_sentences_use_both_paths(annotated: list[Annotations]) -> None:
    edges = next(ann for ann in annotated if "KELVIN" in ann.document.source)
    doc = caveats._Body(edges.body(), scans(edges))
    assert doc.odd and len(doc.odd) < len(doc.sentences)
    assert any(c.anchored for c in _cues()) and any(c.symbols for c in _cues())


def test_lexicon_lookups_find_what_match_tokens_finds(annotated: list[Annotations]) -> None:
    checked = 0
    for name in ("standard_care.txt", "interventions.txt", "conditions.txt"):
        index = load_index(name)
        lexicon = caveats._lexicon(index)
        for ann in annotated:
            doc = caveats._Body(ann.body(), scans(ann))
            plain = {}
            for pos, s in enumerate(doc.sentences):
                if lexicon.firsts is None or not lexicon.firsts.isdisjoint(doc.runs[pos]):
                    found = [(a, b, term) for a, b, term, _ in index.match_tokens([t.lower_ for t in s.span])]
                    if found:
                        plain[pos] = found
            assert lexicon.find(doc) == plain, name
            checked += len(plain)
    assert checked > 200


def test_top_interventions_are_found_on_demand(annotated: list[Annotations]) -> None:
    index = load_index("interventions.txt")
    firsts = caveats._lexicon(index).firsts or frozenset()
    for ann in annotated[:8]:
        ann.facts.pop("_interventions", None)
        body = ann.body()
        named: Counter[str] = Counter()
        for s, runs in zip(body, caveats._sentence_runs(body, scans(ann)), strict=True):
            if not firsts.isdisjoint(runs):
                named.update(term for _, _, term, _ in index.match_tokens([t.lower_ for t in s.span]))
        assert caveats.top_interventions(ann) == [t for t, _ in named.most_common(3)]


@pytest.mark.parametrize("where", [{"type": "harms"}, {"type": "evidence_quality", "strength": ["strong", "detail"]},
                                   {"type": "harms", "negated": True}, {"strength": {"not": "weak"}},
                                   {"type": "qualified", "text": "not"}, {"quantified": True}, {}])
def test_grouped_selection_equals_the_linear_one(annotated: list[Annotations], where: dict) -> None:
    for ann in annotated:
        linear = [sp for sp in ann.of("caveats") if matches({**sp.attrs, "text": sp.text}, where)]
        assert _select(ann, "caveats", where) == linear

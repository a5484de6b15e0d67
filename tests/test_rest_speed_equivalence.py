"""The fast paths of sentence splitting, readability, pattern rules, readers and fingerprints give exactly what
the plain ways of computing the same thing give."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRICKY = [
    "", "   ", "\n\n", "Hello world.", "Is it? Yes! No... maybe.", 'He said "stop." Then left.',
    "Take 3.5 mg (approx. twice a day), e.g. with food. Dr. Ray agrees.", "Wait!!! Really?! Fine.",
    "See www.example.com/a.b or https://x.org. Done.", "Odd。Spacing…and—dashes.", "(Quote.) Next one.",
    "No stop at all", ". . .", "A.\nB.\n\nC", "U.S. data vs. EU data: fig. 2.", "'Single.' 'Quotes.'",
]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = [".", "!", "?", "...", " ", "\n", '"', "'", ")", "(", "word", "Word", "e.g.", "3.5", "U.S.", "—",
              "…", "。", "?!", ";", "'s", "Dr.", "vs.", "İ", "ſ", "\t"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(n)]


def _samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").iterdir())
            if p.suffix in (".txt", ".md", ".html")]


def test_split_sentences_matches_the_sentencizer() -> None:
    from linter.nlp import get_nlp, split_sentences

    nlp = get_nlp()
    for text in TRICKY + _random_texts(400, 1) + _samples():
        ref = nlp(text)
        doc, found = split_sentences(text)
        want = [(s.start, s.end, s.start_char, s.end_char) for s in ref.sents] if len(ref) else []
        assert [(s.start, s.end, a, b) for s, a, b in found] == want, text
        assert all((s.start_char, s.end_char) == (a, b) for s, a, b in found), text
        assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in ref], text


@pytest.mark.parametrize("trie_after", [0, 10**9])  # the trie from the first word / pyphen throughout
def test_syllable_counts_match_textstat(trie_after: int) -> None:
    from linter.annotate.readability import _Syllables, _textstat

    inst = _textstat().textstat
    count = _Syllables(inst.pyphen, trie_after)
    rng = random.Random(2)
    letters = "abcdefghijklmnopqrstuvwxyzéüßİΣ-'’.0"
    tokens = {t for text in _samples() for t in text.split()}
    tokens |= {"".join(rng.choice(letters) for _ in range(rng.randint(1, 18))) for _ in range(3000)}
    for token in sorted(tokens):
        assert count[token] == inst.syllable_count(token), token


def random_lines(rng: random.Random, atoms: list[str], max_lines: int, max_tokens: int) -> list[str]:
    """Up to ``max_lines`` lines of up to ``max_tokens`` random ``atoms``, each ending in sentence punctuation."""
    lines = []
    for _ in range(rng.randint(1, max_lines)):
        toks = [rng.choice(atoms) for _ in range(rng.randint(1, max_tokens))]
        if toks[-1][-1] not in ".!?":
            toks[-1] += "."
        lines.append(" ".join(toks))
    return lines


@pytest.mark.parametrize(("seed", "atoms", "max_lines", "max_tokens"), [
    (3, ["a", "bb", "-", ".", "!", "?", "'", "é", "_", "1", "—", "x-y", "…", "e.g.", "3.5", "(", '"', "..."], 4, 8),
    # word characters of all kinds
    (9, ["a", "_", "ſ", "é", "٣", "1.5", "a.b", "e.g.", "!!", "?!", "..", "—", "’s", "(x)", "-", "'", "x_y", "…"],
     5, 9),
])
def test_sentence_count_matches_textstat(seed: int, atoms: list[str], max_lines: int, max_tokens: int) -> None:
    from linter.annotate.readability import _PUNCT, _sentence_count, _textstat

    ts = _textstat()
    rng = random.Random(seed)
    for _ in range(1500):
        lines = random_lines(rng, atoms, max_lines, max_tokens)
        syl = [1 if _PUNCT.sub("", t) else 0 for line in lines for t in line.split(" ")]
        assert _sentence_count(lines, syl) == ts.sentence_count("\n".join(lines)), lines


def _finditer_at_literals(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    from linter.kinds.spans import _matches_at
    from linter.regex_literals import first_literals

    starts = first_literals(rx)
    assert starts is not None, rx.pattern
    at = {i for w in starts for i in range(len(text)) if text.startswith(w, i)}
    return [m.span() for m in _matches_at(rx, text, at)]


@pytest.mark.parametrize("pattern", [
    r"\bab|cd\b", r"(?:x)?yz", r"a*b", r"(?<=q)ab", r"\b(?:the\s+)?best\b", r"[ab]c|d", r"(?:ab|ac)+d", r"(?:a|)b",
    r"\Bab", r"^ab", r"ab$", r"(?=a)ab|b", r"(a)\1", r"a.b", r"aa|a", r"a(?!b)",
])
def test_pattern_rules_try_only_where_a_first_literal_occurs(pattern: str) -> None:
    rx = re.compile(pattern)
    rng = random.Random(4)
    for _ in range(300):
        text = "".join(rng.choice(["a", "b", "c", "d", "q", "x", "yz", "the", "best", " ", "\n", "-"])
                       for _ in range(rng.randint(0, 14)))
        assert _finditer_at_literals(rx, text) == [m.span() for m in rx.finditer(text)], text


def test_first_literals_refuse_what_they_cannot_bound() -> None:
    from linter.kinds.spans import first_literals

    for pattern in (r"\d+", r"(?i:ab)", r"(?i)ab", r"(?:ab)*", r"\w+x", r"[^a]b"):
        assert first_literals(re.compile(pattern)) is None, pattern


def test_catalogue_pattern_rules_use_the_fast_path_on_the_samples() -> None:
    from linter.api import _linter
    from linter.config import Config
    from linter.kinds.spans import PatternKind

    rules = [r.evaluator for r in _linter(Config()).rules if isinstance(r.evaluator, PatternKind)]
    assert rules and all(ev.starts for ev in rules)
    for text in _samples():
        lower = text.lower()
        for ev in rules:
            assert _finditer_at_literals(ev.rx, lower) == [m.span() for m in ev.rx.finditer(lower)]


def _random_markup(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    atoms = ["hH", "tTpPsSſ", ":/", "wW.", "\\`<&![", " ", "\t", "\n", "\r", "\f", "x", "\xa0", "*", "_", "~"]
    return ["".join(rng.choice(rng.choice(atoms)) for _ in range(rng.randint(0, 24))) for _ in range(n)]


@pytest.mark.parametrize(("fast", "plain", "flags"), [
    ("linter.document.markdown:_SPECIAL", r"[\\`<&!\[]|https?://|www\.", re.IGNORECASE),
    ("linter.document.markdown:_DELIMS", r"\*+|_+|~+", 0),
    ("linter.document.markdown:_WS_PAIR", r"\s{2,}", 0),
    ("linter.document.html:_WS_COLLAPSE", r"[ \t\n\r\f]*[\t\n\r\f][ \t\n\r\f]*| {2,}", 0),
])
def test_reader_regexes_match_their_plain_forms(fast: str, plain: str, flags: int) -> None:
    import importlib

    module, name = fast.split(":")
    rx, ref = getattr(importlib.import_module(module), name), re.compile(plain, flags)
    for text in _random_markup(3000, 5):
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in ref.finditer(text)], text


def test_url_prefilter_never_hides_a_url() -> None:
    from linter.document.html import _BARE_URL, may_have_url
    from linter.document.text import _URL

    for text in _random_markup(3000, 6):
        if not may_have_url(text):
            assert not _BARE_URL.search(text) and not _URL.search(text), text


def test_fingerprint_text_ignores_whitespace_runs() -> None:
    from linter.suppress import normalise

    rng = random.Random(7)
    atoms = [" ", "  ", "\n", "\t", "\u2028", "\xa0", "a", "A", "Σ", "σ", "İ", "'", ".", "-", "_"]
    for _ in range(3000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 12)))
        assert normalise(re.sub(r"\s+", " ", text)) == normalise(text), text

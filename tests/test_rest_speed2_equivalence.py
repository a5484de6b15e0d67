"""The second round of fast paths (dictionary parsing, pattern rules by block, span
records, link hosts) give exactly what the plain ways of computing the same thing give."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pyphen
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _samples() -> list[tuple[str, str]]:
    from linter.document import format_for

    return [(p.read_text(encoding="utf-8"), format_for(str(p))) for p in sorted((ROOT / "samples").iterdir())
            if p.suffix in (".txt", ".md", ".html")]


def _dictionary_text(path: Path) -> str:
    data = path.read_bytes()
    encoding = data.split(b"\n", 1)[0].decode("ascii").strip()
    return data.decode("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)


@pytest.mark.parametrize("lang", sorted(pyphen.LANGUAGES))
def test_dictionary_parser_matches_pyphen_on_every_dictionary(lang: str) -> None:
    from linter.annotate.hyphenation import parse_patterns

    path = Path(str(pyphen.LANGUAGES[lang]))
    ours = parse_patterns(_dictionary_text(path))
    if ours is not None:
        assert ours == pyphen.HyphDict(path).patterns


def _random_dictionary(rng: random.Random) -> str:
    atoms = ["a", "b", "é", "中", ".", "'", "-", "1", "2", "5", "9", "0", " ", "\t", "x"]
    lines = ["UTF-8", "LEFTHYPHENMIN 2", "% comment"]
    for _ in range(rng.randint(0, 12)):
        lines.append("".join(rng.choice(atoms) for _ in range(rng.randint(0, 7))))
    return "\n".join(lines) + rng.choice(["", "\n", "\r\n"])


def test_dictionary_parser_matches_pyphen_on_random_dictionaries(tmp_path: Path) -> None:
    from linter.annotate.hyphenation import parse_patterns

    rng = random.Random(8)
    parsed = 0
    for n in range(400):
        text = _random_dictionary(rng)
        ours = parse_patterns(text)
        if ours is None:
            assert re.search(r"\d\d", text), text  # only two digits in a row are left to pyphen here
            continue
        path = tmp_path / f"hyph_{n}.dic"
        path.write_text(text, encoding="utf-8")
        try:
            theirs = pyphen.HyphDict(path).patterns
        except ValueError:  # pyphen fails on a dictionary without any pattern (max() of nothing)
            theirs = {}
        assert ours == theirs, text
        parsed += 1
    assert parsed > 100


@pytest.mark.parametrize("text", ["UTF-8\na\u0663b\n", "UTF-8\n^^41b1\n", "UTF-8\nab/a=b,1,1\n", "UTF-8\na12b\n"])
def test_dictionary_parser_leaves_what_it_cannot_read_to_pyphen(text: str) -> None:
    from linter.annotate.hyphenation import parse_patterns

    assert parse_patterns(text) is None


def _plain_hits(ev, ann) -> list:
    """The pattern rule evaluated over every block with the plain ``finditer`` (no literal prefilter)."""
    starts = ev.starts
    ev.starts = None
    try:
        return ev.evaluate(ann, {})
    finally:
        ev.starts = starts


def test_pattern_rules_by_block_give_the_hits_of_a_plain_search() -> None:
    from linter.annotate import annotate
    from linter.api import _linter
    from linter.config import Config
    from linter.document import parse
    from linter.kinds.spans import PatternKind

    lin = _linter(Config())
    rules = [r.evaluator for r in lin.rules if isinstance(r.evaluator, PatternKind)]
    extra = ("İstanbul clinics add ashwagandha to your daily routine. It is the best supplement on the market!\n\n"
             "Safe because it's natural. Try taking it; the #1 product available.")
    docs = [*_samples(), (extra, "text"), (extra.replace("İ", "I"), "markdown")]
    found = 0
    for text, fmt in docs:
        ann = annotate(parse(text, fmt, "x"), lin.settings)
        for ev in rules:
            fast = ev.evaluate(ann, {})
            assert fast == _plain_hits(ev, ann), (ev.p, text[:60])
            found += len(fast)
    assert found


def _reference_record(sp) -> dict:
    d = {"start": sp.start, "end": sp.end, "text": sp.text}
    d.update(sp.attrs)
    for k in [k for k in sp.attrs if k.startswith("_")]:
        del d[k]
    if sp.sent is not None:
        d["sentence"] = sp.sent
    return d


@pytest.mark.parametrize("attrs", [{}, {"a": 1}, {"_x": 1, "b": 2}, {"text": "t", "start": 9, "_scope": (1, 2)},
                                   {"sentence": 4, "z": None}, {"": 0, "_": 1, "__": 2}])
def test_span_records_keep_keys_and_order(attrs: dict) -> None:
    from linter.annotate.base import Span

    for sent in (None, 3):
        sp = Span("k", 1, 5, "abcd", dict(attrs), sent)
        got, want = sp.to_dict(), _reference_record(sp)
        assert got == want and list(got) == list(want)


def test_prose_and_body_lists_are_the_filtered_sentences() -> None:
    from linter.annotate import annotate
    from linter.document import parse
    from linter.document.model import BODY_KINDS, PROSE_KINDS

    for text, fmt in _samples():
        ann = annotate(parse(text, fmt, "x"))
        assert ann.prose() == [s for s in ann.sentences if s.block.kind in PROSE_KINDS]
        assert ann.body() == [s for s in ann.sentences if s.block.kind in BODY_KINDS]
        assert ann.prose() is ann.prose()


@pytest.mark.parametrize("url", ["https://www.amazon.com/dp/B0", "https://pubmed.ncbi.nlm.nih.gov/123/",
                                 "https://shop.example.co.uk/item", "http://nih.gov", "https://x.edu/a?utm_source=b",
                                 "//cdn.example.org/x", "/relative/go/buy", "https://a.b.c.d.e.f.gov.uk/"])
def test_link_host_classes_are_the_plain_tests(url: str) -> None:
    from urllib.parse import urlsplit

    from linter.annotate.links import _SHOP_LABELS, _host_classes, _host_in, tables

    host = (urlsplit(url if "//" in url else "http://x.invalid" + url).hostname or "").removeprefix("www.")
    t = tables()
    assert _host_classes(host) == (_host_in(host, t.affiliate),
                                   _host_in(host, t.commerce) or host.startswith(_SHOP_LABELS),
                                   _host_in(host, t.evidence) or host.endswith(t.evidence_suffixes))

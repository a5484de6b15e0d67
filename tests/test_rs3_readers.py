"""The readers' shortcuts give what the general code gives: verbatim Markdown blocks skip the inline pass,
and stand-alone text lines are classified without splitting every word."""

from __future__ import annotations

import random

import pytest

from linter.document import lines
from linter.document import markdown as md
from tests.test_doc_speed import _random_markdown, _samples


def _shape(doc: md.Document) -> tuple[list[tuple[str, str, list[tuple[int, int, int]], int]], list, list]:
    blocks = [(b.kind, b.text, b.segments, b.level) for b in doc.blocks]
    return blocks, [link.to_dict() | {"block": link.block} for link in doc.links], doc.comments


def test_plain_blocks_read_as_through_the_inline_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = _samples() + _random_markdown(2000, 7) + ["plain words here", "a\nb", "x  y", " lead", "tail "]
    fast = [_shape(md.read_markdown(s)) for s in sources]
    monkeypatch.setattr(md, "_plain_text", lambda source, item: None)  # every block through the inline pass
    assert [_shape(md.read_markdown(s)) for s in sources] == fast


def _reference_classify(line: str, *, first: bool = False) -> str | None:
    """``classify_short_line`` as it was, splitting the whole line."""
    s = line.strip()
    words = s.split()
    if not s:
        return None
    if lines.is_boilerplate(s):
        return "boilerplate"
    if lines._CAPTION_START.match(s) and len(words) <= 40:
        return "caption"
    if len(words) > 20:
        return None
    if first and lines.is_title_case(s) and not s.endswith("."):
        return "heading"
    if lines.ends_like_sentence(s):
        return None
    if lines.is_title_case(s):
        return "heading"
    return "caption"


def test_classify_short_line_matches_the_full_split() -> None:
    rng = random.Random(4)
    atoms = ["word", "Word", "Image", "photo", "of", "the", "Share", ".", "!", " ", "  ", "\t", "\xa0", "\u3000"]
    for _ in range(5000):
        line = " ".join(rng.choice(atoms) for _ in range(rng.randint(0, 45)))
        for first in (False, True):
            assert lines.classify_short_line(line, first=first) == _reference_classify(line, first=first), line

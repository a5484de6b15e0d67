"""The substring tests, ``str.find`` scans and lazy maps of the Markdown reader and the document model give
exactly what the regex scans and eager computations they replace give."""

from __future__ import annotations

import bisect
import random
import re
import sys

from linter.document import markdown as md
from linter.document.model import Block, TextBuilder

from .test_doc_speed import _random_markdown, _samples

_ATOMS = ["a", "w", "W", ".", "w.", "ww", "Www.", "wWw.", "http", "HTTPS", "httpſ", "://", ":", "/", " ", "  ",
          "\n", "\t", "\r", "\xa0", "\u3000", "\x0b", "\x85", "\\", "`", "<", "&", "!", "[", "]", "*", "_", "~", "x"]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ATOMS) for _ in range(rng.randint(0, 10))) for _ in range(n)]


def test_whitespace_other_than_the_space_is_not_printable() -> None:
    ws = re.compile(r"\s")
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        assert c.isspace() == bool(ws.match(c))
        if c.isspace() and c != " ":
            assert not c.isprintable(), hex(i)


def test_substring_tests_match_the_regex_searches() -> None:
    for text in _random_texts(50000, 1):
        assert md._has_ws_pair(text) == bool(md._WS_PAIR.search(text)), text
        if md._SPECIAL.search(text) and not set(md._SPECIAL_CHARS) & set(text):
            assert md._may_have_bare_url(text), text
        syntax = md._SPECIAL.search(text) or md._DELIMS.search(text) or md._WS_PAIR.search(text)
        assert md._has_inline_syntax(text) == bool(syntax), text


def test_special_starts_are_where_the_pattern_matches() -> None:
    for text in _random_texts(20000, 2) + _samples():
        want = [q for q in range(len(text)) if md._SPECIAL.match(text, q)]
        assert list(md._special_starts(text)) == want, text


def _reference_brackets(inl: md._Inline) -> dict[int, int]:
    pairs: dict[int, int] = {}
    open_: list[int] = []
    for m in re.finditer(r"\\.|\[|\]|\n", inl.text):
        c = m.group()
        if c == "\n" and inl.joiner != " ":
            open_.clear()
        elif c == "[":
            open_.append(m.start())
        elif c == "]" and open_:
            pairs[open_.pop()] = m.start()
    return pairs


def _items(source: str) -> tuple[md._BlockParser, list[md._Pending]]:
    lines = md._split_lines(source)
    _meta, skip = md._front_matter(lines)
    parser = md._BlockParser(source)
    parser.parse(lines[skip:], md._Ctx())
    return parser, [item for item in parser.items if not item.html]


def test_bracket_pairs_match_the_regex_scan() -> None:
    extra = ["a\\[b]c [d\\\\]e]", "[a\\\n]b", "x [a | b] y", "[[a]\\]]"]
    for source in _samples() + _random_markdown(1500, 7) + extra:
        parser, items = _items(source)
        for item in items:
            inl = md._Inline(source, item, parser.defs)
            assert inl.brackets == _reference_brackets(inl), source


def _reference_lines(source: str) -> list[md._Line]:
    out = []
    pos = 1 if source.startswith("\ufeff") else 0
    for text in (source[pos:] if pos else source).split("\n"):
        out.append(md._Line(pos, text[:-1] if text.endswith("\r") else text))
        pos += len(text) + 1
    return out


def test_split_lines_matches_the_loop() -> None:
    for source in ["", "\n", "\r", "\ufeff", "\ufeff\r\n\r", "a\r\nb\rc\n\r\n", *_samples(), *_random_markdown(300, 8)]:
        got = md._split_lines(source)
        assert got == _reference_lines(source) and all(type(line) is md._Line for line in got)


def _reference_to_source(block: Block, i: int) -> int:
    if not block.segments:
        return 0
    k = bisect.bisect_right([s[0] for s in block.segments], i) - 1
    if k < 0:
        return block.segments[0][1]
    t0, s0, n = block.segments[k]
    return s0 + (i - t0 if i - t0 < n else n)


def test_block_offsets_match_the_eager_map() -> None:
    for source in _samples() + _random_markdown(500, 11):
        for block in md.read_markdown(source).blocks:
            for i in range(-1, len(block.text) + 2):
                assert block.to_source(i) == _reference_to_source(block, i)
    assert Block("paragraph", "", []).to_source(3) == 0


def _reference_build(b: TextBuilder, kind: str) -> Block | None:
    text = b.text
    stripped = text.strip()
    if stripped and len(stripped) == len(text):
        segs = [g for g in b._segments if g[2] or g[0] < len(text)]
        if segs:
            return Block(kind, stripped, segs)
    return None


def test_untrimmed_builds_drop_only_the_empty_runs_at_the_end() -> None:
    rng = random.Random(12)
    for _ in range(5000):
        b = TextBuilder()
        for _ in range(rng.randint(1, 6)):
            piece = rng.choice(["ab", "c", " ", "de f", "\n", ""])
            if rng.random() < 0.5:
                b.add(piece, rng.randint(0, 50))
            else:
                b.add_synthetic(piece, rng.randint(0, 50), rng.randint(0, 3))
        want = _reference_build(b, "paragraph")
        if want is not None:
            assert b.build("paragraph") == want

"""Plain-text reader and decoding: block kinds, offsets, captions, boilerplate, errors."""

from __future__ import annotations

import pytest

from linter.document import decode, parse
from linter.errors import InputError

ARTICLE = """Can Saffron Lift Your Mood?

Photo of saffron threads in a wooden bowl

Saffron is a spice made from a crocus flower. Small trials have tested it
for low mood, and the results
were mixed.

Key Points

- Talk to a doctor first.
- Saffron can interact with blood thinners.

Leave a Reply

Your email address will not be published.
"""


def test_kinds_and_offsets() -> None:
    doc = parse(ARTICLE, "text", "a.txt")
    kinds = [(b.kind, b.text[:20]) for b in doc.blocks]
    assert kinds[0] == ("heading", "Can Saffron Lift You")
    assert kinds[1][0] == "caption"
    assert kinds[2][0] == "paragraph" and "results were mixed" in doc.blocks[2].text
    assert ("heading", "Key Points") in kinds
    assert [k for k, _ in kinds].count("list_item") == 2
    assert [k for k, _ in kinds][-2:] == ["boilerplate", "boilerplate"]
    for b in doc.blocks:
        for i, ch in enumerate(b.text):
            if ch != " ":
                assert doc.source[b.to_source(i)] == ch


def test_line_and_column_of_a_wrapped_word() -> None:
    doc = parse(ARTICLE, "text")
    para = doc.blocks[2]
    i = para.text.index("were mixed")
    assert doc.line_col(para.to_source(i)) == (7, 1)


def test_one_line_per_paragraph_style() -> None:
    text = "First paragraph is a sentence. It has two.\nSecond paragraph here, also prose.\n"
    doc = parse(text, "text")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


def test_bare_urls_become_links() -> None:
    doc = parse("See https://www.cdc.gov/sleep/index.html for more.\n", "text")
    assert doc.links[0].url == "https://www.cdc.gov/sleep/index.html"
    assert doc.source[doc.links[0].start:doc.links[0].end] == doc.links[0].url


def test_decode_bom_and_errors() -> None:
    assert decode("\ufeffhello".encode(), "x") == "hello"
    with pytest.raises(InputError) as e:
        decode(b"ok\nok\n\xc3(", "bad.txt")
    assert e.value.line == 3 and e.value.path == "bad.txt"
    with pytest.raises(InputError, match="binary"):
        decode(b"a\x00b", "bin.txt")

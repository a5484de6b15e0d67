"""The offset-map invariant shared by the reader tests."""

from __future__ import annotations

from linter.document.model import BLOCK_KINDS, Document


def check_offsets(doc: Document, markup: frozenset[str], *, collapsed: bool = False,
                  comments_closed: bool = False) -> None:
    """Every verbatim character of every block maps back to the same character of the source.

    A run may start with one synthetic character (a space for a line break, a tag or a collapsed whitespace
    run; a decoded entity); that character must stand for one of the ``markup`` characters.
    """
    src = doc.source
    for block in doc.blocks:
        assert block.kind in BLOCK_KINDS
        assert block.text and block.text == block.text.strip()
        if collapsed:
            assert "  " not in block.text  # whitespace runs collapse
        for t0, _s0, n in block.segments:
            for k in range(n):
                i = t0 + k
                pos = block.to_source(i)
                assert 0 <= pos < len(src)
                if src[pos] == block.text[i]:
                    continue
                synthetic = k == 0 and (src[pos] == "&" or (block.text[i].isspace() and src[pos] in markup))
                assert synthetic, (block.index, i, block.text[i], src[pos], block.text)
    for link in doc.links:
        assert 0 <= link.start <= link.end <= len(src)
        assert link.block is None or 0 <= link.block < len(doc.blocks)
    for c in doc.comments:
        assert src.startswith("<!--", c.start) and c.end <= len(src)
        assert not comments_closed or src[c.end - 1] == ">"

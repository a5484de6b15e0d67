"""Plain-text reader: paragraphs, headings, list items, captions and boilerplate from bare lines."""

from __future__ import annotations

import re

from .lines import classify_short_line, ends_like_sentence, may_have_url
from .model import LIST_ITEM, PARAGRAPH, Block, Document, Link, TextBuilder

_LIST = re.compile(r"^[ \t]*(?:[-*•·–+]|\d{1,3}[.)])[ \t]+")
_URL = re.compile(r"""\b(?:https?://|www\.)[^\s<>"'()\[\]]+[^\s<>"'()\[\].,;:!?]""", re.IGNORECASE)
_CONNECTOR_END = re.compile(r"(?:,|\b(?:and|or|of|the|a|an|to|for|with|in|on|that|which|by|as|from|is|are))$",
                            re.IGNORECASE)


def _line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline and a trailing carriage return."""
    spans = []
    pos = 0
    for line in source.split("\n"):
        end = pos + len(line)
        spans.append((pos, end - 1 if line.endswith("\r") else end))
        pos = end + 1
    return spans


def _groups(source: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines separated by blank lines."""
    groups: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    for a, b in _line_spans(source):
        if source[a:b].strip():
            cur.append((a, b))
        elif cur:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def _is_wrapped(source: str, group: list[tuple[int, int]]) -> bool:
    """A hard-wrapped paragraph: most lines break mid-sentence at a similar width."""
    if len(group) < 3:
        return False
    body = group[:-1]
    mid = sum(1 for a, b in body if not ends_like_sentence(source[a:b]) and 30 <= b - a <= 100)
    return mid / len(body) >= 0.6


def _continues(source: str, line: tuple[int, int], nxt: tuple[int, int] | None) -> bool:
    """Whether the next line continues this one's sentence."""
    if nxt is None or _LIST.match(source[nxt[0]:nxt[1]]):
        return False
    text = source[line[0]:line[1]].rstrip()
    following = source[nxt[0]:nxt[1]].lstrip()
    if ends_like_sentence(text):
        return False
    return bool(_CONNECTOR_END.search(text)) or following[:1].islower()


def _add_line(tb: TextBuilder, source: str, a: int, b: int) -> None:
    seg = source[a:b]
    lead = len(seg) - len(seg.lstrip())
    if len(tb) and not tb.endswith_space():
        tb.add_synthetic(" ", a)
    tb.add(seg[lead:].rstrip(), a + lead)


def read_text(source: str, path: str = "<string>") -> Document:
    """Read plain text: blank lines separate paragraphs; stand-alone lines are classified."""
    blocks: list[Block] = []
    first = True
    for group in _groups(source):
        wrapped = _is_wrapped(source, group)
        i = 0
        while i < len(group):
            a, b = group[i]
            line = source[a:b]
            m = _LIST.match(line)
            kind = LIST_ITEM if m else PARAGRAPH
            tb = TextBuilder()
            if m:
                a += m.end()
            elif not wrapped and not _continues(source, group[i], group[i + 1] if i + 1 < len(group) else None):
                short = classify_short_line(line, first=first)
                if short:
                    block = _single(source, a, b, short)
                    if block:
                        blocks.append(block)
                    first = False
                    i += 1
                    continue
            _add_line(tb, source, a, b)
            i += 1
            while i < len(group):
                na, nb = group[i]
                if _LIST.match(source[na:nb]):
                    break
                if not (wrapped or _continues(source, group[i - 1], group[i])):
                    break
                _add_line(tb, source, na, nb)
                i += 1
            block = tb.build(kind)
            if block:
                blocks.append(block)
            first = False
    doc = Document(path=path, source=source, format="text", blocks=blocks)
    doc.links = bare_links(doc)
    return doc


def _single(source: str, a: int, b: int, kind: str) -> Block | None:
    tb = TextBuilder()
    _add_line(tb, source, a, b)
    return tb.build(kind, level=1 if kind == "heading" else 0)


def bare_links(doc: Document) -> list[Link]:
    """Bare URLs in the blocks of a document, as links whose text is the URL."""
    links = []
    for block in doc.blocks:
        if not may_have_url(block.text):
            continue
        for m in _URL.finditer(block.text):
            start, end = block.source_range(m.start(), m.end())
            links.append(Link(url=m.group(0), text=m.group(0), start=start, end=end, block=block.index))
    return links

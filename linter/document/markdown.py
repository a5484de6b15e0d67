"""Markdown reader: CommonMark-ish Markdown to prose blocks with an exact map back to the source.

A line-based block parser (front matter, headings, quotes, lists, tables, code, raw HTML, definitions)
produces pending blocks as lists of source ranges; an inline pass (links, images, emphasis, code spans,
escapes, entities, inline HTML) then builds each block's text with a ``TextBuilder``. Robust, not complete.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import re
import string
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import itemgetter
from typing import Any, NamedTuple

import yaml

from .html import bare_url_at, read_html_fragment
from .lines import is_boilerplate, is_caption_like
from .model import (
    BOILERPLATE,
    CAPTION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE,
    Block,
    Comment,
    Document,
    Link,
    TextBuilder,
)

__all__ = ["read_markdown"]

# ---- block-level syntax

_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)[ \t]*")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_THEMATIC = re.compile(r" {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r" {0,3}> ?")
_LIST = re.compile(r"( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)")
_CELL_BREAK = re.compile(r"\\.?|\|", re.DOTALL)  # a cell separator, or an escape (which hides a pipe)
_DELIM_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_COMMENT_START = re.compile(r" {0,3}<!--")
_HTML1 = re.compile(r" {0,3}<(script|pre|style|textarea)(?:[\s>]|$)", re.IGNORECASE)
_HTML1_END = re.compile(r"</(?:script|pre|style|textarea)\s*>", re.IGNORECASE)
_HTML_DECL = re.compile(r" {0,3}<(\?|!\[CDATA\[|![A-Za-z])")
_HTML6 = re.compile(
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    r"dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    r"iframe|legend|li|link|main|menu|menuitem|nav|noframes|noscript|ol|optgroup|option|p|param|picture|search|"
    r"section|summary|svg|table|tbody|td|template|tfoot|th|thead|title|tr|track|ul|video|audio)(?:[\s/>]|$)",
    re.IGNORECASE,
)
_ATTR = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_HTML7 = re.compile(
    rf" {{0,3}}(?:<[A-Za-z][A-Za-z0-9-]*(?:{_ATTR})*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
)
_DEF = re.compile(
    r""" {0,3}\[(?!\^)((?:[^\\\[\]]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|\S+)"""
    r"""(?:[ \t]+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$"""
)
_DEF_TITLE = re.compile(r"""[ \t]+("[^"]*"|'[^']*'|\([^()]*\))[ \t]*$""")
_TASK = re.compile(r"\[[ xX]\][ \t]+(?=\S)")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^([^\]\s]+)\]:[ \t]*")
#: First characters (after up to three spaces) of fences, comments, headings, rules, quotes, bullets, raw HTML
#: and definitions; an ordered list item starts with a digit.
_OPENERS = frozenset("`~<#-*_>+[")
_FRONT_PAIR = re.compile(r"""^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*["']?(.*?)["']?[ \t]*$""", re.MULTILINE)

# ---- inline syntax

# Where inline syntax may start: ``[\\`<&![]``, or a bare URL (https?:// or www., any case). Python's engine
# skips ahead fast only for a case-sensitive pattern whose alternatives all begin with a literal character.
_SPECIAL = re.compile(r"\\|`|<|&|!|\[|h(?i:ttps?://)|H(?i:ttps?://)|w(?i:ww\.)|W(?i:ww\.)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(
    r"<((?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+|www\.[^\s<>]+|"
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)>"
)
_INLINE_TAG = re.compile(rf"</?([A-Za-z][A-Za-z0-9-]*)(?:{_ATTR})*\s*/?>")
_TAG_ATTR = re.compile(r"""\s(alt|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_CITATION_LABEL = re.compile(r"\d[\d\s,–-]*")
_DEST_STOP = re.compile(r"\\.|[() \t\n]", re.DOTALL)  # an escape, a parenthesis or the end of a destination
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLOCKISH_TAGS = frozenset(
    ["p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "blockquote", "hr",
     "h1", "h2", "h3", "h4", "h5", "h6"]
)
_PUNCT = frozenset(string.punctuation)
_CAPTION_MAX_WORDS = 30
#: Deeper quote/list nesting is read as plain paragraphs (keeps the recursion bounded).
_MAX_DEPTH = 40
_NEXT = (1).__add__  # n -> n + 1 without a Python call (where a line ends: its length plus the newline)


# ---- lines


class _Line(NamedTuple):
    """A line's content (without newline) and the source offset of its first character."""

    start: int
    text: str


def _split_lines(source: str) -> list[_Line]:
    """The source's lines without a BOM or line ends. Each starts one past the end of the one before (in the raw
    text); they are made as ``_Line._make`` makes them, less a Python call per line."""
    pos = 1 if source.startswith("\ufeff") else 0
    texts = (source[pos:] if pos else source).split("\n")
    starts = accumulate(map(_NEXT, map(len, texts)), initial=pos)  # (one more than the lines)
    if "\r" in source:
        texts = [text[:-1] if text.endswith("\r") else text for text in texts]
    return list(map(tuple.__new__, repeat(_Line), zip(starts, texts, strict=False)))


def _indent(text: str) -> int:
    """Width of the leading whitespace in columns (tabs to multiples of 4)."""
    lead = len(text) - len(text.lstrip(" \t"))
    if "\t" not in text[:lead]:
        return lead
    col = 0
    for ch in text[:lead]:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _dedent(line: _Line, cols: int) -> _Line:
    """Remove up to ``cols`` columns of leading whitespace."""
    col = k = 0
    text = line.text
    while k < len(text) and col < cols and text[k] in " \t":
        col += 1 if text[k] == " " else 4 - col % 4
        k += 1
    return _Line(line.start + k, text[k:])


def _lstrip(line: _Line) -> _Line:
    k = len(line.text) - len(line.text.lstrip(" \t"))
    return _Line(line.start + k, line.text[k:]) if k else line


def _blank(line: _Line) -> bool:
    return not line.text.strip()


def _opener(text: str) -> bool:
    """Whether a line (indented less than four columns) may open a block other than a paragraph or a table:
    every such block starts, after up to three spaces, with one of ``_OPENERS`` or a digit."""
    c = text[:4].lstrip(" ")[:1]
    return c in _OPENERS or c.isdigit()


def _fence(text: str) -> re.Match[str] | None:
    m = _FENCE.match(text)
    if m and m.group(1)[0] == "`" and "`" in m.group(2):
        return None
    return m


def _list_marker(text: str) -> re.Match[str] | None:
    m = _LIST.match(text)
    if m is None or _THEMATIC.match(text):
        return None
    return m


def _normal_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _clean_url(url: str) -> str:
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    return html.unescape(_ESCAPED.sub(r"\1", url)).strip()


def _autolink_url(url: str) -> str:
    if url[:4].lower() == "www.":
        return "http://" + url
    if "@" in url and ":" not in url:
        return "mailto:" + url
    return html.unescape(url)


# ---- front matter


def _meta_value(value: Any) -> str | None:
    """A front-matter value as a string (lists joined, dates in ISO form, {name: ...} mappings named)."""
    if value is None or value == "":
        return None
    if isinstance(value, list | tuple):
        parts = [_meta_value(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return _meta_value(value.get("name") or value.get("title"))
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value).strip() or None


def _parse_front_matter(body: str, toml: bool) -> dict[str, Any]:
    data: Any = None
    try:
        data = tomllib.loads(body) if toml else yaml.safe_load(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, TypeError):
        data = None
    if not isinstance(data, dict):
        data = {m.group(1).lower(): m.group(2) for m in _FRONT_PAIR.finditer(body)}
    data = {str(k).lower(): v for k, v in data.items()}
    meta: dict[str, Any] = {"front_matter": True}
    for key, names in (("title", ("title",)), ("author", ("author", "authors")),
                       ("date", ("date", "published", "pubdate", "date_published"))):
        value = next((v for v in (_meta_value(data.get(n)) for n in names) if v), None)
        if value:
            meta[key] = value
    return meta


def _front_matter(lines: list[_Line]) -> tuple[dict[str, Any], int]:
    """YAML (``---``) or TOML (``+++``) front matter at the very top: (meta, number of lines used)."""
    first = lines[0].text.rstrip()
    if first not in ("---", "+++"):
        return {}, 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for j in range(1, len(lines)):
        if lines[j].text.rstrip() in closers:
            body = "\n".join(line.text for line in lines[1:j])
            return _parse_front_matter(body, toml=first == "+++"), j + 1
    return {}, 0


# ---- block parser


@dataclass(slots=True)
class _Pending:
    """A block before inline processing: source ranges joined by ``joiner`` (at source ``seps``)."""

    kind: str
    pieces: list[tuple[int, int]]
    seps: list[int] = field(default_factory=list)
    level: int = 0
    joiner: str = " "
    html: bool = False


@dataclass(slots=True, frozen=True)
class _Ctx:
    """What a paragraph becomes in this container, and whether indented code exists here."""

    para_kind: str = PARAGRAPH
    allow_code: bool = True
    depth: int = 0


class _BlockParser:
    """Splits lines into pending blocks; collects link definitions and block-level comments."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[_Pending] = []
        self.defs: dict[str, str] = {}
        self.comments: list[Comment] = []

    def parse(self, lines: list[_Line], ctx: _Ctx) -> None:
        i, n = 0, len(lines)
        while i < n:
            if lines[i].text.strip():
                i = self._block(lines, i, ctx)
            else:
                i += 1

    def _block(self, lines: list[_Line], i: int, ctx: _Ctx) -> int:
        """Parse the block starting at ``lines[i]`` (not blank); return the index of the next unparsed line."""
        text = lines[i].text
        if text[0] in " \t" and _indent(text) >= 4:
            if ctx.allow_code:
                return self._indented_code(lines, i)
            lines[i] = _lstrip(lines[i])
            text = lines[i].text
        if _opener(text) and (end := self._opened(lines, i, text, ctx)) is not None:
            return end
        if self._table_start(lines, i):
            return self._table(lines, i)
        return self._paragraph(lines, i, ctx)

    def _opened(self, lines: list[_Line], i: int, text: str, ctx: _Ctx) -> int | None:
        """The fence, comment, heading, rule, quote, list, HTML block or definition starting at ``lines[i]``
        (``text``): the index of the next unparsed line, or None when there is none."""
        if m := _fence(text):
            return self._fenced_code(lines, i, m)
        if m := _COMMENT_START.match(text):
            return self._comment(lines, i, m.end() - 4)
        if m := _ATX.match(text):
            return self._atx(lines, i, m)
        if _THEMATIC.match(text):
            return i + 1
        if ctx.depth < _MAX_DEPTH and _QUOTE.match(text):
            return self._quote(lines, i, ctx)
        if ctx.depth < _MAX_DEPTH and (m := _list_marker(text)):
            return self._list_item(lines, i, m, ctx)
        if html_end := self._html_block(lines, i, ctx):
            return html_end
        if m := _FOOTNOTE_DEF.match(text):
            return self._footnote(lines, i, m)
        if m := _DEF.match(text):
            return self._definition(lines, i, m)
        return None

    # -- leaf blocks

    def _indented_code(self, lines: list[_Line], i: int) -> int:
        while i < len(lines) and (_blank(lines[i]) or _indent(lines[i].text) >= 4):
            i += 1
        return i

    def _fenced_code(self, lines: list[_Line], i: int, m: re.Match[str]) -> int:
        fence = m.group(1)
        close = re.compile(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j].text):
            j += 1
        return j + 1

    def _comment(self, lines: list[_Line], i: int, col: int) -> int:
        """``<!-- ... -->`` (possibly over several lines) becomes a Comment; text after it is re-parsed."""
        start = lines[i].start + col
        j, k = i, lines[i].text.find("-->", col + 4)
        while k == -1 and j + 1 < len(lines):
            j += 1
            k = lines[j].text.find("-->")
        if k == -1:
            end = lines[j].start + len(lines[j].text)
            self.comments.append(Comment(self.source[start + 4 : end].strip(), start, end))
            return j + 1
        end = lines[j].start + k + 3
        self.comments.append(Comment(self.source[start + 4 : end - 3].strip(), start, end))
        rest = lines[j].text[k + 3 :]
        if rest.strip():
            lines[j] = _Line(end, rest)
            return j
        return j + 1

    def _atx(self, lines: list[_Line], i: int, m: re.Match[str]) -> int:
        line = lines[i]
        content = line.text[m.end() :]
        close = _ATX_CLOSE.search(content)
        if close:
            content = content[: close.start()]
        content = content.rstrip()
        a = line.start + m.end()
        self.items.append(_Pending(HEADING, [(a, a + len(content))], level=len(m.group(1))))
        return i + 1

    def _definition(self, lines: list[_Line], i: int, m: re.Match[str]) -> int:
        self.defs.setdefault(_normal_label(m.group(1)), _clean_url(m.group(2)))
        if m.group(3) is None and i + 1 < len(lines) and _DEF_TITLE.match(lines[i + 1].text):
            return i + 2
        return i + 1

    def _footnote(self, lines: list[_Line], i: int, m: re.Match[str]) -> int:
        """A footnote definition ``[^1]: text`` is a paragraph of its text (the label is dropped)."""
        para = [_Line(lines[i].start + m.end(), lines[i].text[m.end() :])]
        j = i + 1
        while j < len(lines) and not _blank(lines[j]) and not self._interrupts(lines, j):
            para.append(_lstrip(lines[j]))
            j += 1
        self._add_lines(para, PARAGRAPH)
        return j

    def _paragraph(self, lines: list[_Line], i: int, ctx: _Ctx) -> int:
        para = [_lstrip(lines[i])]
        j = i + 1
        while j < len(lines) and not _blank(lines[j]):
            if m := _SETEXT.match(lines[j].text):
                self._add_lines(para, HEADING, 1 if m.group(1)[0] == "=" else 2)
                return j + 1
            if self._interrupts(lines, j):
                break
            para.append(_lstrip(lines[j]))
            j += 1
        self._add_lines(para, ctx.para_kind)
        return j

    def _add_lines(self, para: list[_Line], kind: str, level: int = 0) -> None:
        pieces = [(start, start + len(text.rstrip())) for start, text in para]
        self.items.append(_Pending(kind, pieces, [b for _, b in pieces[:-1]] if len(pieces) > 1 else [], level))

    def _interrupts(self, lines: list[_Line], j: int) -> bool:
        """Whether ``lines[j]`` ends a paragraph by starting another block."""
        text = lines[j].text
        if not text.strip():
            return True
        if _indent(text) >= 4:
            return False
        if _opener(text):
            if m := _list_marker(text):
                rest = text[m.end() :].strip()
                if rest and (m.group(2) in "-+*" or m.group(2)[:-1] == "1"):
                    return True
            if (_fence(text) or _COMMENT_START.match(text) or _ATX.match(text) or _THEMATIC.match(text)
                    or _QUOTE.match(text) or _HTML1.match(text) or _HTML_DECL.match(text) or _HTML6.match(text)
                    or _FOOTNOTE_DEF.match(text) or _DEF.match(text)):
                return True
        return self._table_start(lines, j)

    # -- tables

    def _table_start(self, lines: list[_Line], i: int) -> bool:
        return (
            "|" in lines[i].text
            and i + 1 < len(lines)
            and "|" in lines[i + 1].text
            and bool(_DELIM_ROW.match(lines[i + 1].text))
        )

    def _table(self, lines: list[_Line], i: int) -> int:
        self._row(lines[i])
        j = i + 2
        while j < len(lines) and not _blank(lines[j]) and not self._interrupts(lines, j):
            self._row(lines[j])
            j += 1
        return j

    def _row(self, line: _Line) -> None:
        """One table row: its non-empty cells joined by " ; " (standing for the pipe before each cell)."""
        text = line.text
        cells: list[tuple[int, int]] = []
        seps: list[int] = []
        k = len(text) - len(text.lstrip())
        pipe = -1
        if text[k : k + 1] == "|":
            pipe, k = k, k + 1
        cell_start = k
        pipes = [m.start() for m in _CELL_BREAK.finditer(text, k) if m.group() == "|"]
        for k in (*pipes, len(text)):  # the end of the line closes the last cell
            raw = text[cell_start:k]
            a = cell_start + len(raw) - len(raw.lstrip())
            b = cell_start + len(raw.rstrip())
            if a < b:
                if cells:
                    seps.append(line.start + max(pipe, 0))
                cells.append((line.start + a, line.start + b))
            pipe, cell_start = k, k + 1
        if cells:
            self.items.append(_Pending(TABLE, cells, seps, joiner=" ; "))

    # -- raw HTML

    def _html_block(self, lines: list[_Line], i: int, ctx: _Ctx) -> int:
        """A raw HTML block: handed to the HTML reader when it is contiguous source, else tag-stripped.

        Returns the next line index, or 0 when ``lines[i]`` does not start an HTML block.
        """
        text = lines[i].text
        if m := _HTML_DECL.match(text):
            closer = {"?": "?>", "![CDATA[": "]]>"}.get(m.group(1), ">")
            j = i
            while j < len(lines) and closer not in lines[j].text:
                j += 1
            return min(j, len(lines) - 1) + 1
        raw_text = bool(_HTML1.match(text))
        if raw_text:
            j = i
            while j < len(lines) and not _HTML1_END.search(lines[j].text):
                j += 1
            j = min(j, len(lines) - 1) + 1
        elif _HTML6.match(text) or _HTML7.match(text):
            j = i + 1
            while j < len(lines) and not _blank(lines[j]):
                j += 1
        else:
            return 0
        block = lines[i:j]
        if self._contiguous(block):
            end = block[-1].start + len(block[-1].text)
            self.items.append(_Pending(PARAGRAPH, [(block[0].start, end)], html=True))
        elif not raw_text:
            self._add_lines([_lstrip(ln) for ln in block], ctx.para_kind)
        return j

    def _contiguous(self, block: list[_Line]) -> bool:
        """Whether these lines are whole, consecutive source lines (no container prefix removed)."""
        src = self.source
        pos = block[0].start
        if pos and src[pos - 1] not in "\n\ufeff":
            return False
        for ln in block:
            if ln.start != pos:
                return False
            pos = ln.start + len(ln.text)
            pos += 2 if src.startswith("\r\n", pos) else 1
        return True

    # -- containers

    def _quote(self, lines: list[_Line], i: int, ctx: _Ctx) -> int:
        inner: list[_Line] = []
        j = i
        while j < len(lines):
            line = lines[j]
            m = _QUOTE.match(line.text)
            if m:
                inner.append(_Line(line.start + m.end(), line.text[m.end() :]))
            elif _blank(line) or not inner or _blank(inner[-1]) or self._interrupts(lines, j):
                break
            else:
                inner.append(line)  # lazy continuation
            j += 1
        self.parse(inner, _Ctx(QUOTE, ctx.allow_code, ctx.depth + 1))
        return j

    def _list_item(self, lines: list[_Line], i: int, m: re.Match[str], ctx: _Ctx) -> int:
        """One list item with its indented and lazy continuation lines; its paragraphs are list items."""
        line = lines[i]
        rest = line.text[m.end() :]
        marker_cols = len(m.group(1)) + len(m.group(2))
        gap = _indent(m.group(3))
        if not rest.strip() or gap > 4:
            content_cols = marker_cols + 1
            first = _Line(line.start + m.start(3) + min(1, len(m.group(3))), line.text[m.start(3) + 1 :])
        else:
            content_cols = marker_cols + gap
            task = _TASK.match(rest)  # a GFM task-list box "[ ] " / "[x] "
            skip = task.end() if task else 0
            first = _Line(line.start + m.end() + skip, rest[skip:])
        items = [first]
        j = i + 1
        while j < len(lines):
            cur = lines[j]
            if _blank(cur):
                k = j
                while k < len(lines) and _blank(lines[k]):
                    k += 1
                if k < len(lines) and _indent(lines[k].text) >= content_cols:
                    items.extend(lines[j:k])
                    j = k
                    continue
                break
            if _indent(cur.text) >= content_cols:
                items.append(_dedent(cur, content_cols))
            elif _blank(items[-1]) or _list_marker(cur.text) or self._interrupts(lines, j):
                break
            else:
                items.append(cur)  # lazy continuation
            j += 1
        self.parse(items, _Ctx(LIST_ITEM, allow_code=False, depth=ctx.depth + 1))
        return j


# ---- inline


def _is_punct(ch: str) -> bool:
    return ch in _PUNCT or unicodedata.category(ch)[0] in "PS"


def _dest_end(text: str, i: int) -> int | None:
    """Where a link destination starting at ``text[i]`` ends: at whitespace or an unbalanced ``)`` (escaped
    characters do not count), else at the end of the text; None when a ``(`` is left open."""
    depth = 0
    for m in _DEST_STOP.finditer(text, i):
        c = m.group()
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif len(c) == 1:
            return None if depth else m.start()
    return None if depth else len(text)


def _tag_attrs(tag: str, base: int) -> dict[str, tuple[str, int]]:
    """``alt`` and ``href`` of an inline HTML tag: (raw value, virtual position of the value)."""
    out: dict[str, tuple[str, int]] = {}
    for a in _TAG_ATTR.finditer(tag):
        g = next(i for i in (2, 3, 4) if a.group(i) is not None)
        out.setdefault(a.group(1).lower(), (a.group(g), base + a.start(g)))
    return out


@functools.lru_cache(maxsize=16)
def _backtick_run(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{n}}}(?!`)")


@dataclass(slots=True)
class _Run:
    """A run of emphasis delimiter characters."""

    char: str
    start: int
    length: int
    can_open: bool
    can_close: bool
    remaining: int = 0
    used_left: int = 0


_DELIMS = re.compile(r"\*\**|__*|~~*")  # runs of * _ ~ (written so that the engine skips ahead to them)
_WS_PAIR = re.compile(r"\s\s+")  # (not \s{2,}: the engine skips ahead to a first \s only in this form)


#: The characters ``_SPECIAL`` matches on their own (all but the bare URLs).
_SPECIAL_CHARS = "\\`<&!["


def _may_have_bare_url(text: str) -> bool:
    """False when ``_SPECIAL`` matches no bare URL in ``text``: one holds "://" or "w." in some case. (Substring
    tests: a regex search, as in ``lines.may_have_url``, stops at every "w" of prose; a colon is rare enough
    that looking for it first pays.)"""
    return (":" in text and "://" in text) or "w." in text or "W." in text


def _has_ws_pair(text: str) -> bool:
    """Whether ``_WS_PAIR`` matches in ``text``. Substring tests decide unless the text has a non-printable
    character other than the newline (every whitespace character but the space is non-printable); a regex
    search would stop at every space."""
    if "  " in text:
        return True
    if "\n" not in text:
        return not text.isprintable() and _WS_PAIR.search(text) is not None
    if " \n" in text or "\n " in text or "\n\n" in text:
        return True
    return not text.replace("\n", "").isprintable() and _WS_PAIR.search(text) is not None


def _has_inline_syntax(text: str) -> bool:
    """Whether ``_SPECIAL``, ``_DELIMS`` or ``_WS_PAIR`` matches in ``text``."""
    if ("\\" in text or "`" in text or "<" in text or "&" in text or "!" in text or "[" in text  # _SPECIAL_CHARS
            or "*" in text or "_" in text or "~" in text):  # what _DELIMS matches
        return True
    return (_may_have_bare_url(text) and _SPECIAL.search(text) is not None) or _has_ws_pair(text)


def _positions(text: str, needles: Iterable[str]) -> list[int]:
    """Where ``text`` has any of ``needles``, in order (``str.find`` skips ahead far faster than a regex)."""
    out: list[int] = []
    for c in needles:
        i = text.find(c)
        while i != -1:
            out.append(i)
            i = text.find(c, i + 1)
    out.sort()
    return out


def _special_starts(text: str) -> Iterator[int]:
    """Where ``_SPECIAL`` matches in ``text``, in order (found by ``str.find`` when there can be no bare URL)."""
    if not _may_have_bare_url(text):
        yield from _positions(text, _SPECIAL_CHARS)
        return
    m = _SPECIAL.search(text)
    while m is not None:
        yield m.start()
        m = _SPECIAL.search(text, m.start() + 1)


def _plain_text(source: str, item: _Pending) -> str | None:
    """The text of a block that is one verbatim run of the source with no inline syntax, no emphasis
    delimiters and no whitespace to collapse or skip (so the inline pass would copy it as it is), else None."""
    if len(item.pieces) != 1:
        return None
    a, b = item.pieces[0]
    text = source[a:b]
    if text[:1].isspace() or _has_inline_syntax(text):
        return None
    return text


class _Inline:
    """Inline pass over one pending block.

    The block's pieces are joined into a virtual string ``text`` (a ``\\n`` between pieces) with ``vmap``
    giving each character's source offset. Scanning marks characters to drop (markup), synthetic
    replacements (entities, breaks) and literal characters (never emphasis); emission then feeds the
    remaining verbatim runs and the replacements to a ``TextBuilder``.
    """

    def __init__(self, source: str, item: _Pending, defs: dict[str, str]) -> None:
        self.source = source
        self.defs = defs
        self.separators: set[int] = set()
        self.vmap: Sequence[int]
        if len(item.pieces) == 1:  # one verbatim run of the source: the map is a range
            a, b = item.pieces[0]
            self.text, self.vmap = source[a:b], range(a, b)
        else:
            parts: list[str] = []
            vmap: list[int] = []
            for k, (a, b) in enumerate(item.pieces):
                if k:
                    self.separators.add(len(vmap))
                    parts.append("\n")
                    vmap.append(item.seps[k - 1])
                parts.append(source[a:b])
                vmap.extend(range(a, b))
            self.text, self.vmap = "".join(parts), vmap
        self.n = n = len(self.text)
        self.drop = bytearray(n)
        self.literal = bytearray(n)
        self.syn: dict[int, tuple[str, int]] = dict.fromkeys(self.separators, (item.joiner, 1))
        self.joiner = item.joiner
        self.links: list[tuple[str, int, int]] = []
        self.alts: list[tuple[int, int]] = []
        self.comments: list[Comment] = []
        self.images = 0
        self.first_is_image = False
        self.link_until = -1
        self.html_anchor: tuple[str, int] | None = None
        self.brackets = self._pair_brackets()
        #: Where each step of :meth:`emit` started: (virtual position, builder length, verbatim length).
        self.steps: list[tuple[int, int, int]] = []

    # -- marking helpers

    def _drop(self, a: int, b: int) -> None:
        if a < b:
            self.drop[a:b] = b"\x01" * (b - a)
        if self.syn:
            for p in [p for p in self.syn if a <= p < b]:
                del self.syn[p]

    def _replace(self, a: int, b: int, text: str) -> None:
        self._drop(a, b)
        self.syn[a] = (text, b - a)

    def _mark_literal(self, a: int, b: int) -> None:
        if a < b:
            self.literal[a:b] = b"\x01" * (b - a)

    # -- scanning

    def scan(self) -> None:
        p = 0
        for q in _special_starts(self.text):
            if q < p or self.drop[q] or self.literal[q] or q in self.syn:
                continue  # already consumed as markup (a link destination, a code span, ...)
            p = self._special(q)
        self._emphasis()

    def _special(self, p: int) -> int:
        c = self.text[p]
        if c == "\\":
            return self._escape(p)
        if c == "`":
            return self._code_span(p)
        if c == "<":
            return self._angle(p)
        if c == "&":
            return self._entity(p)
        if c == "!":
            return self._image(p) if self.text.startswith("![", p) else p + 1
        if c == "[":
            return self._bracket(p)
        return self._bare_url(p)

    def _escape(self, p: int) -> int:
        if p + 1 >= self.n:
            return p + 1
        if p + 1 in self.separators:
            if self.joiner == " ":  # hard line break
                self._replace(p, p + 2, " ")
            return p + 2
        if self.text[p + 1] in _PUNCT:
            self.drop[p] = 1
            self.literal[p + 1] = 1
            return p + 2
        return p + 1

    def _code_span(self, p: int) -> int:
        k = p
        while k < self.n and self.text[k] == "`":
            k += 1
        run = k - p
        m = _backtick_run(run).search(self.text, k)
        if m is None:
            self._mark_literal(p, k)
            return k
        q = m.start()
        if self.joiner != " " and any(k <= sep < q for sep in self.separators):
            self._mark_literal(p, k)  # a code span does not cross table cells
            return k
        self._drop(p, k)
        self._drop(q, q + run)
        self._mark_literal(k, q)
        if q - k > 2 and self.text[k] == " " and self.text[q - 1] == " " and self.text[k:q].strip():
            self._drop(k, k + 1)
            self._drop(q - 1, q)
        return q + run

    def _angle(self, p: int) -> int:
        text = self.text
        if text.startswith("<!--", p):
            e = text.find("-->", p + 4)
            if e == -1:
                return p + 1
            q = e + 3
            start, end = self.vmap[p], self.vmap[q - 1] + 1
            self.comments.append(Comment(self.source[start + 4 : end - 3].strip(), start, end))
            self._drop(p, q)
            return q
        if m := _AUTOLINK.match(text, p):
            self._drop(p, p + 1)
            self._drop(m.end() - 1, m.end())
            self._mark_literal(p + 1, m.end() - 1)
            self.links.append((_autolink_url(m.group(1)), p + 1, m.end() - 1))
            return m.end()
        if m := _INLINE_TAG.match(text, p):
            return self._tag(p, m)
        return p + 1

    def _tag(self, p: int, m: re.Match[str]) -> int:
        """Inline HTML: tags are dropped (``<br>`` and block tags leave a space); ``<img alt>`` and
        ``<a href>`` are understood; ``<script>``/``<style>`` are dropped with their content."""
        name, closing, end = m.group(1).lower(), self.text[p + 1] == "/", m.end()
        attrs = _tag_attrs(m.group(), p)
        if name in ("script", "style") and not closing:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(self.text, end)
            end = close.end() if close else self.n
        if name == "br" or name in _BLOCKISH_TAGS:
            self._replace(p, end, " ")
        else:
            self._drop(p, end)
        if name == "img" and "alt" in attrs:
            value, at = attrs["alt"]
            self._add_image((at, at + len(value)), p)
        elif name == "a" and not closing and "href" in attrs:
            self.html_anchor = (html.unescape(attrs["href"][0]), end)
        elif name == "a" and closing and self.html_anchor is not None:
            url, a = self.html_anchor
            self.links.append((url, a, p))
            self.html_anchor = None
        return end

    def _entity(self, p: int) -> int:
        m = _ENTITY.match(self.text, p)
        if m is None:
            return p + 1
        dec = html.unescape(m.group())
        if dec != m.group():
            self._replace(p, m.end(), dec.replace("\xa0", " "))
        return m.end()

    def _add_image(self, alt: tuple[int, int], p: int) -> None:
        if self.images == 0 and not any(
            not self.drop[q] and not self.text[q].isspace() for q in range(p)
        ):
            self.first_is_image = True
        self.images += 1
        if alt[0] < alt[1]:
            self.alts.append(alt)

    def _image(self, p: int) -> int:
        r = self._match_bracket(p + 1)
        target = self._target(p + 1, r) if r > 0 else None
        if target is None:
            return p + 1
        end = target[1]
        self._drop(p, end)
        self._add_image((p + 2, r), p)
        return end

    def _bracket(self, p: int) -> int:
        if m := _FOOTNOTE_REF.match(self.text, p):
            self._mark_literal(p, m.end())
            return m.end()
        if p < self.link_until:
            return p + 1
        r = self._match_bracket(p)
        target = self._target(p, r) if r > 0 else None
        if target is None:
            return p + 1
        url, end = target
        if end == r + 1 and _CITATION_LABEL.fullmatch(self.text[p + 1 : r]):
            # a resolved numeric reference like [1]: keep the brackets, it reads as a citation
            self._mark_literal(p, r + 1)
            self.links.append((url, p + 1, r))
            return r + 1
        self._drop(p, p + 1)
        self._drop(r, end)
        self.links.append((url, p + 1, r))
        self.link_until = r
        return p + 1

    def _pair_brackets(self) -> dict[int, int]:
        """Matching ``[``/``]`` pairs by nesting (backslash-escaped brackets excluded)."""
        pairs: dict[int, int] = {}
        if "[" not in self.text:
            return pairs
        text = self.text
        open_: list[int] = []
        skip = 0  # an escape hides the character after it (any but a newline)
        for p in _positions(text, "[]\\" if self.joiner == " " else "[]\\\n"):
            if p < skip:
                continue
            c = text[p]
            if c == "\\":
                if text[p + 1 : p + 2] not in ("", "\n"):
                    skip = p + 2
            elif c == "\n":
                open_.clear()  # links do not cross table cells
            elif c == "[":
                open_.append(p)
            elif open_:
                pairs[open_.pop()] = p
        return pairs

    def _match_bracket(self, p: int) -> int:
        """Index of the ``]`` matching the ``[`` at ``p``, or -1."""
        return self.brackets.get(p, -1)

    def _target(self, p: int, r: int) -> tuple[str, int] | None:
        """Destination of the link whose text is ``text[p+1:r]``: inline, full/collapsed or shortcut
        reference. Returns (url, end of the link syntax) or None."""
        text = self.text
        if text.startswith("(", r + 1) and (dest := self._inline_dest(r + 1)):
            return dest
        if text.startswith("[", r + 1):
            r2 = text.find("]", r + 2)
            if r2 != -1 and "[" not in text[r + 2 : r2]:
                label = text[r + 2 : r2] or text[p + 1 : r]
                url = self.defs.get(_normal_label(label))
                if url is not None:
                    return url, r2 + 1
                if text[r + 2 : r2].strip():
                    return None
        url = self.defs.get(_normal_label(text[p + 1 : r]))
        return (url, r + 1) if url is not None else None

    def _skip_ws(self, i: int) -> int:
        while i < self.n and self.text[i] in " \t\n":
            i += 1
        return i

    def _inline_dest(self, q: int) -> tuple[str, int] | None:
        """Parse ``(dest "title")`` starting at ``text[q] == "("``."""
        text, n = self.text, self.n
        i = self._skip_ws(q + 1)
        if i < n and text[i] == "<":
            j = i + 1
            while j < n and text[j] not in "<>\n":
                j += 2 if text[j] == "\\" else 1
            if j >= n or text[j] != ">":
                return None
            url, i = text[i + 1 : j], j + 1
        else:
            j = _dest_end(text, i)
            if j is None:
                return None
            url, i = text[i:j], j
        k = self._skip_ws(i)
        if k < n and k > i and text[k] in "\"'(":
            closer = ")" if text[k] == "(" else text[k]
            e = k + 1
            while e < n and text[e] != closer:
                e += 2 if text[e] == "\\" else 1
            if e >= n:
                return None
            k = self._skip_ws(e + 1)
        if k < n and text[k] == ")":
            return _clean_url(url), k + 1
        return None

    def _bare_url(self, p: int) -> int:
        if p < self.link_until:
            return p + 1
        hit = bare_url_at(self.text, p)
        if hit is None:
            return p + 1
        end, url = hit
        self._mark_literal(p, end)
        self.links.append((url, p, end))
        return end

    # -- emphasis

    def _emphasis(self) -> None:
        """Drop matched ``*``/``_``/``~~`` delimiter runs (a simplified CommonMark delimiter algorithm)."""
        stack: list[_Run] = []
        for run in self._runs():
            if run.can_close:
                self._close(run, stack)
            if run.can_open and run.remaining:
                stack.append(run)

    def _runs(self) -> list[_Run]:
        runs: list[_Run] = []
        text, n = self.text, self.n
        if "*" not in text and "_" not in text and "~" not in text:  # (what _DELIMS matches)
            return runs
        for m in _DELIMS.finditer(text):
            p = m.start()
            while p < m.end():
                if self.literal[p] or self.drop[p] or p in self.syn:
                    p += 1
                    continue
                q = p + 1
                while q < m.end() and not (self.literal[q] or self.drop[q] or q in self.syn):
                    q += 1
                before = text[p - 1] if p > 0 else " "
                after = text[q] if q < n else " "
                run = self._flanking(text[p], p, q - p, before, after)
                if run is not None:
                    runs.append(run)
                p = q
        return runs

    @staticmethod
    def _flanking(ch: str, p: int, length: int, before: str, after: str) -> _Run | None:
        if ch == "~" and length != 2:
            return None
        if ch == "*" and before.isdigit() and after.isdigit():
            return None  # 2*3: a multiplication sign
        ws_b, ws_a = before.isspace(), after.isspace()
        pu_b, pu_a = _is_punct(before), _is_punct(after)
        left = not ws_a and (not pu_a or ws_b or pu_b)
        right = not ws_b and (not pu_b or ws_a or pu_a)
        if ch == "_":
            can_open, can_close = left and (not right or pu_b), right and (not left or pu_a)
        else:
            can_open, can_close = left, right
        if not (can_open or can_close):
            return None
        return _Run(ch, p, length, can_open, can_close, remaining=length)

    def _close(self, closer: _Run, stack: list[_Run]) -> None:
        while closer.remaining:
            k = self._find_opener(closer, stack)
            if k < 0:
                return
            opener = stack[k]
            use = 2 if opener.remaining >= 2 and closer.remaining >= 2 else 1
            o_end = opener.start + opener.remaining
            for q in range(o_end - use, o_end):
                self.drop[q] = 1
            c_start = closer.start + closer.used_left
            for q in range(c_start, c_start + use):
                self.drop[q] = 1
            opener.remaining -= use
            closer.remaining -= use
            closer.used_left += use
            del stack[k + 1 :]
            if not opener.remaining:
                del stack[k]

    @staticmethod
    def _find_opener(closer: _Run, stack: list[_Run]) -> int:
        for k in range(len(stack) - 1, -1, -1):
            o = stack[k]
            if o.char != closer.char:
                continue
            if closer.char == "~" and o.remaining != closer.remaining:
                continue
            both = o.can_close or closer.can_open
            if (closer.char != "~" and both and (o.length + closer.length) % 3 == 0
                    and not (o.length % 3 == 0 and closer.length % 3 == 0)):
                continue
            return k
        return -1

    # -- emission

    def _stops(self) -> list[int]:
        """Where a verbatim run must stop, sorted, ending with ``n``: the first of each run of dropped
        positions, synthetic positions, jumps in the source map and the second character of a whitespace
        pair (computed once, instead of per character in :meth:`emit`)."""
        drop, vmap, n = self.drop, self.vmap, self.n
        stops = set(self.syn)
        i = drop.find(1, 1)
        while i != -1:
            stops.add(i)
            i = drop.find(0, i + 1)
            i = -1 if i == -1 else drop.find(1, i + 1)
        # the map jumps only at a separator or just after one (each piece is a verbatim run of the source)
        if self.separators:
            stops.update(q for sep in self.separators for q in (sep, sep + 1)
                         if 0 < q < n and vmap[q] != vmap[q - 1] + 1)
        if _has_ws_pair(self.text):  # (str.isspace and the regex \s agree on every character)
            for m in _WS_PAIR.finditer(self.text):
                stops.update(range(m.start() + 1, m.end()))
        return [*sorted(stops), n]

    def emit(self) -> TextBuilder:
        """Build the text. Whitespace runs (including those left where markup was dropped) collapse to one
        space. Records the steps that :meth:`builder_pos` reads."""
        b = TextBuilder()
        text, vmap, n, drop, syn = self.text, self.vmap, self.n, self.drop, self.syn
        stops = self._stops()
        syn_get, bisect_right = syn.get, bisect.bisect_right
        steps = self.steps = []
        at, spaced, p = 0, True, 0  # builder length; whether it is empty or ends with whitespace
        while p < n:
            rep = syn_get(p)
            if rep is not None:
                s, k = rep
                steps.append((p, at, 0))
                if s and not (spaced and s.isspace()):
                    b.add_synthetic(s, vmap[p], max(vmap[p + k - 1] - vmap[p] + 1, 1))
                    at, spaced = at + len(s), s[-1].isspace()
                p += k
            elif drop[p]:  # skip the dropped run, up to a stop in it (a synthetic position is one)
                steps.append((p, at, 0))
                q = drop.find(0, p + 1)
                p = min(n if q == -1 else q, stops[bisect_right(stops, p)])
            elif spaced and text[p].isspace():
                steps.append((p, at, 0))
                p += 1
            else:
                q = stops[bisect_right(stops, p)]
                steps.append((p, at, q - p))
                b.add(text[p:q], vmap[p])
                at, spaced, p = at + q - p, text[q - 1].isspace(), q
        steps.append((n, at, 0))
        return b

    def builder_pos(self, p: int) -> int:
        """The builder's length when :meth:`emit` came to virtual position ``p`` (``0 <= p <= n``)."""
        k = bisect.bisect_right(self.steps, p, key=itemgetter(0)) - 1
        start, at, verbatim = self.steps[k]
        return at + min(p - start, verbatim)

    def emit_alts(self) -> TextBuilder:
        """A builder holding the images' alt texts (verbatim), separated by spaces."""
        b = TextBuilder()
        for a, e in self.alts:
            if len(b):
                b.add_synthetic(" ", self.vmap[a], 0)
            for p in range(a, e):
                if p in self.separators:
                    b.add_synthetic(" ", self.vmap[p], 1)
                else:
                    b.add(self.text[p], self.vmap[p])
        return b

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Source (start, end) of the virtual range ``[a, b)`` with surrounding whitespace trimmed."""
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        if a >= b:
            anchor = self.vmap[a] if a < self.n else (self.vmap[-1] + 1 if self.vmap else 0)
            return anchor, anchor
        return self.vmap[a], self.vmap[b - 1] + 1


# ---- assembling the document


@dataclass(slots=True)
class _Assembler:
    """Runs the inline pass over pending blocks and collects blocks, links and comments in order."""

    source: str
    defs: dict[str, str]
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    after_image: bool = False

    def add(self, item: _Pending) -> None:
        if item.html:
            self._add_html(item)
            return
        plain = _plain_text(self.source, item)
        if plain is not None:
            self._add_plain(item, plain)
            return
        inl = _Inline(self.source, item, self.defs)
        inl.scan()
        builder = inl.emit()
        self.comments.extend(inl.comments)
        full = builder.text
        text = full.strip()
        kind = self._kind(item.kind, text, bool(inl.alts), inl.first_is_image)
        block = builder.build(kind, item.level) if text else None
        if not text and kind == CAPTION:
            block = inl.emit_alts().build(CAPTION)
        self.after_image = block is not None and not text
        index = len(self.blocks) if block is not None else None
        if block is not None:
            self.blocks.append(block)
        for url, a, b in inl.links:
            start, end = inl.span(a, b)
            self.links.append(Link(url, full[inl.builder_pos(a) : inl.builder_pos(b)].strip(), start, end, (), index))

    def _add_plain(self, item: _Pending, text: str) -> None:
        """A block whose text is verbatim source (:func:`_plain_text`): what the inline pass would make of it,
        one run with trailing whitespace trimmed (there is none leading)."""
        text = text.rstrip()
        kind = self._kind(item.kind, text, False, False)
        self.after_image = False
        if text:
            self.blocks.append(Block(kind, text, [(0, item.pieces[0][0], len(text))], item.level))

    def _kind(self, kind: str, text: str, alts: bool, first_is_image: bool) -> str:
        """Captions for image-only paragraphs (and caption-like lines next to images); boilerplate. ``alts``:
        the block has images with alt texts; ``first_is_image``: it opens with one."""
        if kind not in (PARAGRAPH, QUOTE, LIST_ITEM):
            return kind
        if not text:
            return CAPTION if alts else kind
        if kind == PARAGRAPH:
            if is_boilerplate(text):
                return BOILERPLATE
            near_image = first_is_image or self.after_image
            if near_image and len(text.split()) <= _CAPTION_MAX_WORDS and is_caption_like(text):
                return CAPTION
        return kind

    def _add_html(self, item: _Pending) -> None:
        a, b = item.pieces[0]
        blocks, links, comments = read_html_fragment(self.source, a, b)
        base = len(self.blocks)
        for link in links:
            if link.block is not None:
                link.block += base
        self.blocks.extend(blocks)
        self.links.extend(links)
        self.comments.extend(comments)
        self.after_image = False


def read_markdown(source: str, path: str = "<string>") -> Document:
    """Read a Markdown document into prose blocks (see the module docstring for what is understood)."""
    lines = _split_lines(source)
    meta, skip = _front_matter(lines)
    parser = _BlockParser(source)
    parser.parse(lines[skip:], _Ctx())
    out = _Assembler(source, parser.defs, comments=list(parser.comments))
    for item in parser.items:
        out.add(item)
    out.links.sort(key=lambda link: link.start)
    out.comments.sort(key=lambda c: c.start)
    return Document(path=path, source=source, format="markdown", blocks=out.blocks, links=out.links,
                    comments=out.comments, meta=meta)

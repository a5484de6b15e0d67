"""HTML reader: an HTML page (or fragment) to prose blocks with an exact map back to the source.

Built on the standard library's ``HTMLParser`` (``convert_charrefs=False``) so every text chunk, entity
and tag arrives with its position; offsets come from ``getpos()`` through a line-start table.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .lines import is_boilerplate, may_have_url
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

__all__ = ["bare_url_at", "bare_urls", "read_html", "read_html_fragment"]



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_VOID = _words("area base br col embed hr img input keygen link meta param source track wbr")
#: Elements whose content is never prose (``title`` is read into ``meta`` separately).
_SKIP = _words(
    "script style noscript template svg head code pre title textarea select iframe video audio canvas"
)
#: Elements that start and end blocks.
_BLOCK = _words(
    "address article aside blockquote body caption center details dialog dd div dl dt fieldset figcaption "
    "figure footer form header hgroup html legend li main menu nav ol p pre section search summary table "
    "tbody td tfoot th thead tr ul"
) | frozenset(_HEADINGS)
#: Inline elements that read as separate words (form controls and their labels).
_SPACED = frozenset({"button", "label", "option", "output"})
_ROW_STRUCTURE = frozenset({"tr", "table", "thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
#: Start tags that implicitly close an open ``<p>`` (HTML's "close a p element").
_CLOSES_P = _BLOCK - _words("body html td th tr tbody thead tfoot caption li dd dt")
_P_SCOPE = frozenset({"td", "th", "caption", "table", "button", "template", "html"})
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "noscript", "base", "template"})

_BOILER_TAGS = frozenset({"form", "nav", "footer", "aside"})
_BOILER_ROLES = frozenset({"navigation", "contentinfo", "search", "complementary"})
_BOILER_MARKERS = ("comment", "share", "newsletter", "cookie", "sidebar", "related", "breadcrumb", "menu")
#: Class tokens that describe a state of a container ("comments-open", "has-sidebar"), not the thing itself.
_STATE_PREFIXES = ("has-", "with-", "no-", "without-", "is-")
_STATE_SUFFIXES = ("-open", "-closed", "-enabled", "-disabled")
#: Page-level containers: their classes describe the page (WordPress puts "comments-open" on <body>).
_NO_MARKER_TAGS = frozenset({"html", "body", "main", "article"})

#: Whitespace that collapses: runs of two or more, or any whitespace other than a plain space (written to
#: open with a character class, which lets the engine skip ahead to whitespace).
_WS_COLLAPSE = re.compile(r"[ \t\n\r\f](?:[ \t\n\r\f]+|(?<=[\t\n\r\f]))")
_ATTR_TOKEN = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?|[ \t\n\r\f]+|[^&\s]+|&"
)
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)

_URL_BODY = r"""[^\s<>"'`\[\]{}|\\^]+"""
_BARE_URL = re.compile(
    rf"(?<![\w@/.:-])(?:https?://(?=[\w-])|www\.(?=[\w-]+\.\w)){_URL_BODY}", re.IGNORECASE
)
_URL_TRAILING = ".,:;!?*_~'\""

_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "citation_author", "parsely-author",
                "twitter:creator")
_DATE_KEYS = ("article:published_time", "datepublished", "date", "dc.date", "citation_publication_date",
              "citation_date", "pubdate", "publish-date", "og:published_time")


def _trim_url(url: str) -> str:
    """Drop trailing punctuation that belongs to the sentence, and an unbalanced closing parenthesis."""
    while url:
        last = url[-1]
        if last in _URL_TRAILING or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def _normal_url(url: str) -> str:
    return "http://" + url if url[:4].lower() == "www." else url


def bare_url_at(text: str, pos: int) -> tuple[int, str] | None:
    """A bare ``http(s)://`` or ``www.`` URL starting exactly at ``pos``: (end, normalised url)."""
    m = _BARE_URL.match(text, pos)
    if not m:
        return None
    raw = _trim_url(m.group())
    if len(raw) < 8:
        return None
    return pos + len(raw), _normal_url(raw)


def bare_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """Every bare URL in ``text``: (start, end, normalised url)."""
    if not may_have_url(text):
        return
    for m in _BARE_URL.finditer(text):
        hit = bare_url_at(text, m.start())
        if hit:
            yield m.start(), hit[0], hit[1]


def _line_starts(source: str, start: int, end: int) -> list[int]:
    """Absolute offsets of the line starts of ``source[start:end]``."""
    starts = [start]
    i = source.find("\n", start, end)
    while i != -1:
        starts.append(i + 1)
        i = source.find("\n", i + 1, end)
    return starts


def _has_marker(attr: str) -> bool:
    """Whether a class/id value names a boilerplate region (comments, share bar, sidebar, ...)."""
    for tok in attr.lower().split():
        if tok.startswith(_STATE_PREFIXES) or tok.endswith(_STATE_SUFFIXES):
            continue
        if any(m in tok for m in _BOILER_MARKERS):
            return True
    return False


def _add_attr_text(b: TextBuilder, raw: str, pos: int) -> None:
    """Append an attribute value as it appears in the source: entities decoded, whitespace collapsed."""
    for m in _ATTR_TOKEN.finditer(raw):
        tok, off = m.group(), pos + m.start()
        if tok[0] in " \t\n\r\f":
            if len(b) and not b.endswith_space():
                b.add(" ", off) if tok == " " else b.add_synthetic(" ", off, len(tok))
        elif tok[0] == "&" and len(tok) > 1:
            dec = html.unescape(tok).replace("\xa0", " ")
            if dec == tok:
                b.add(tok, off)
            elif not dec.isspace() or (len(b) and not b.endswith_space()):
                b.add_synthetic(dec, off, len(tok))
        else:
            b.add(tok, off)


@dataclass(slots=True)
class _El:
    """An open element."""

    tag: str
    boiler: bool = False
    skip: bool = False
    caption: bool = False
    content_start: int = 0


@dataclass(slots=True)
class _Anchor:
    """An open ``<a href>`` collecting its anchor text."""

    url: str
    rel: tuple[str, ...]
    tag_start: int
    tag_end: int
    parts: list[str] = field(default_factory=list)
    start: int | None = None
    end: int = 0
    block: int | None = None


class _Reader(HTMLParser):
    """Event handler that turns parser callbacks into blocks, links, comments and meta."""

    def __init__(self, source: str, start: int = 0, end: int | None = None) -> None:
        super().__init__(convert_charrefs=False)
        self.src = source
        self.start = start
        self.stop = len(source) if end is None else end
        self.line_starts = _line_starts(source, self.start, self.stop)
        self.stack: list[_El] = []
        self.open: defaultdict[str, int] = defaultdict(int)  # open elements by tag
        self.n_skip = 0
        self.n_boiler = 0
        self.builder: TextBuilder | None = None
        self.kind = PARAGRAPH
        self.level = 0
        self.alts: TextBuilder | None = None
        self.anchor: _Anchor | None = None
        self.cell_sep: tuple[int, int] | None = None  # a " ; " owed before the next cell's text
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.title: str | None = None
        self.cands: dict[str, str] = {}

    # ---- driving

    def run(self) -> _Reader:
        """Parse the whole input and flush what is left open."""
        self.feed(self.src[self.start : self.stop])
        self.close()
        self._pop_to(0, self.stop)
        self._close_anchor()
        self._flush()
        return self

    def meta(self) -> dict[str, str]:
        """Title, author and date from ``<title>``, ``<meta>`` and ``<time datetime>``."""
        out: dict[str, str] = {}
        title = self.title or self.cands.get("og:title") or self.cands.get("twitter:title")
        if title:
            out["title"] = title
        for key, names in (("author", _AUTHOR_KEYS), ("date", (*_DATE_KEYS, "time"))):
            value = next((self.cands[k] for k in names if self.cands.get(k)), None)
            if value:
                out[key] = value
        return out

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    # ---- parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        end = pos + len(self.get_starttag_text() or "")
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
            return
        if tag == "time" and a.get("datetime"):
            self.cands.setdefault("time", a["datetime"].strip())
        if tag not in _HEAD_CONTENT:
            self._close_open(("head",), frozenset(), pos)
        if tag in _VOID:
            if not self.n_skip:
                self._void(tag, a, pos, end)
            return
        if tag in _SPACED and not self.n_skip:
            self._space(pos, end - pos)
        if not self.n_skip:
            self._implied_close(tag, pos)
            if tag in _BLOCK:
                self._boundary(tag, pos, end)
            if tag == "a":
                self._open_anchor(a, pos, end)
        self._push(tag, a, end)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<x/>``: void elements as usual, others (XHTML style) opened and closed at once."""
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        if tag == "br":
            if not self.n_skip:
                self._space(pos, len("</br>"))
            return
        if not self.open[tag]:
            return  # a stray end tag
        if tag in _SPACED and not self.n_skip:
            self._space(pos, 1)
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].tag == tag:
                self._pop_to(k, pos)
                return

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![...`` sections; Python 3.11's parser raises AssertionError on malformed ones."""
        saved = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = saved  # the failed scan moved the position
            j = self.rawdata.find(">", i + 3)
            return -1 if j == -1 else j + 1

    def handle_data(self, data: str) -> None:
        if self.n_skip:
            return
        pos = self._pos()
        self._text(data, pos)
        if self.anchor is None:
            for s, e, url in bare_urls(data):
                self.links.append(Link(url, data[s:e], pos + s, pos + e, (), len(self.blocks)))

    def handle_entityref(self, name: str) -> None:
        self._entity("&" + name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#" + name)

    def handle_comment(self, data: str) -> None:
        pos = self._pos()
        if not self.src.startswith("<!--", pos):
            return
        end = pos + 4 + len(data)
        close = self.src.find(">", end, self.stop)
        end = close + 1 if close != -1 else min(end + 3, self.stop)
        self.comments.append(Comment(data.strip(), pos, end))

    # ---- element stack

    def _push(self, tag: str, a: dict[str, str], content_start: int) -> None:
        marker = f"{a.get('class', '')} {a.get('id', '')}"
        boiler = (
            tag in _BOILER_TAGS
            or a.get("role", "").lower() in _BOILER_ROLES
            or (tag not in _NO_MARKER_TAGS and _has_marker(marker))
        )
        el = _El(tag, boiler, tag in _SKIP, "caption" in marker.lower(), content_start)
        self.stack.append(el)
        self.open[tag] += 1
        self.n_skip += el.skip
        self.n_boiler += el.boiler

    def _pop_to(self, k: int, pos: int) -> None:
        """Close the elements from the top of the stack down to index ``k`` (inclusive)."""
        while len(self.stack) > k:
            el = self.stack.pop()
            self.open[el.tag] -= 1
            self.n_skip -= el.skip
            self.n_boiler -= el.boiler
            self._on_close(el, pos)

    def _on_close(self, el: _El, pos: int) -> None:
        if el.tag == "title" and self.title is None and not self.open["svg"]:
            self.title = " ".join(html.unescape(self.src[el.content_start : pos]).split()) or None
        if el.skip or self.n_skip:
            return
        if el.tag == "a":
            self._close_anchor()
        if el.tag in _BLOCK:
            self._boundary(el.tag, pos, pos, closing=True)

    def _close_open(self, tags: tuple[str, ...], stop: frozenset[str], pos: int) -> bool:
        """Close the innermost open element named in ``tags`` unless an element in ``stop`` comes first."""
        if not any(self.open[t] for t in tags):
            return False
        for k in range(len(self.stack) - 1, -1, -1):
            t = self.stack[k].tag
            if t in tags:
                self._pop_to(k, pos)
                return True
            if t in stop:
                return False
        return False

    def _implied_close(self, tag: str, pos: int) -> None:
        """HTML's optional end tags: a new block closes an open ``p``, a new ``li`` closes the last one..."""
        if tag in _CLOSES_P:
            self._close_open(("p",), _P_SCOPE, pos)
        if tag == "li":
            self._close_open(("li",), frozenset({"ul", "ol", "menu"}), pos)
        elif tag in ("dt", "dd"):
            self._close_open(("dt", "dd"), frozenset({"dl"}), pos)
        elif tag == "tr":
            self._close_open(("tr",), frozenset({"table", "thead", "tbody", "tfoot"}), pos)
        elif tag in _CELLS:
            self._close_open(("td", "th"), frozenset({"tr", "table"}), pos)
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_open(("thead", "tbody", "tfoot"), frozenset({"table"}), pos)
        elif tag == "a":
            self._close_open(("a",), frozenset(), pos)
        elif tag in _HEADINGS and self.stack and self.stack[-1].tag in _HEADINGS:
            self._pop_to(len(self.stack) - 1, pos)

    def _in_cell(self) -> bool:
        if not (self.open["td"] or self.open["th"]):
            return False
        for el in reversed(self.stack):
            if el.tag in _CELLS:
                return True
            if el.tag in _ROW_STRUCTURE:
                return False
        return False

    # ---- blocks

    def _context_kind(self) -> tuple[str, int]:
        """Block kind (and heading level) for text starting now, from the open elements."""
        if self.n_boiler:
            return BOILERPLATE, 0
        for el in reversed(self.stack):
            if el.tag in _HEADINGS:
                return HEADING, _HEADINGS[el.tag]
            if el.tag in _CELLS or el.tag == "tr":
                return TABLE, 0
            if el.tag in ("figcaption", "caption") or el.caption:
                return CAPTION, 0
            if el.tag == "li":
                return LIST_ITEM, 0
            if el.tag == "blockquote":
                return QUOTE, 0
        return PARAGRAPH, 0

    def _boundary(self, tag: str, pos: int, end: int, closing: bool = False) -> None:
        """A block element starts or ends here: flush the block, or separate table cells."""
        if tag in _CELLS:
            if not closing and self.builder is not None and len(self.builder):
                self.cell_sep = (pos, end - pos)
            return
        if tag not in _ROW_STRUCTURE and self._in_cell():
            self._space(pos, max(end - pos, 1))
            return
        self._flush()

    def _flush(self) -> None:
        """Finish the current block (or the caption of a lone image) and append it."""
        b, self.builder = self.builder, None
        alts, self.alts = self.alts, None
        self.cell_sep = None
        if b is not None and len(b):
            kind = self.kind
            if kind == PARAGRAPH and is_boilerplate(b.text):
                kind = BOILERPLATE
            block = b.build(kind, self.level)
            if block is not None:
                self.blocks.append(block)
            return
        if alts is not None:
            cap = alts.build(CAPTION)
            if cap is not None:
                self.blocks.append(cap)

    def _ensure_builder(self) -> TextBuilder:
        if self.builder is None:
            self.builder = TextBuilder()
            self.kind, self.level = self._context_kind()
        return self.builder

    # ---- text

    def _emit(self, text: str, pos: int) -> None:
        """Append verbatim text."""
        self._pay_cell_sep()
        self._ensure_builder().add(text, pos)
        self._track_anchor(text, pos, pos + len(text))

    def _emit_syn(self, text: str, pos: int, n: int) -> None:
        """Append text standing for ``n`` source characters of markup."""
        if not text.isspace():
            self._pay_cell_sep()
        self._ensure_builder().add_synthetic(text, pos, n)
        self._track_anchor(text, pos, pos + n)

    def _track_anchor(self, text: str, pos: int, end: int) -> None:
        an = self.anchor
        if an is None:
            return
        an.parts.append(text)
        if text.strip():
            if an.start is None:
                an.start = pos + (len(text) - len(text.lstrip()) if end - pos == len(text) else 0)
                an.block = len(self.blocks)
            an.end = end - (len(text) - len(text.rstrip()) if end - pos == len(text) else 0)

    def _pay_cell_sep(self) -> None:
        """Emit the separator owed before a table cell, now that the cell has text."""
        sep, self.cell_sep = self.cell_sep, None
        b = self.builder
        if sep is not None and b is not None and len(b):
            if b.endswith_space():
                b.add_synthetic("; ", sep[0], 0)  # inserted after the space already there
            else:
                b.add_synthetic(" ; ", *sep)

    def _space(self, pos: int, n: int) -> None:
        """One collapsed space, only between words of a block."""
        b = self.builder
        if self.cell_sep is None and b is not None and len(b) and not b.endswith_space() and pos < self.stop:
            if n == 1 and self.src[pos] == " ":
                self._emit(" ", pos)
            else:
                self._emit_syn(" ", pos, n)

    def _text(self, data: str, pos: int) -> None:
        """Append raw character data, collapsing whitespace runs to one space."""
        i = 0
        for m in _WS_COLLAPSE.finditer(data):
            if m.start() > i:
                self._chunk(data[i:m.start()], pos + i)
            self._space(pos + m.start(), m.end() - m.start())
            i = m.end()
        if i < len(data):
            self._chunk(data[i:], pos + i)

    def _chunk(self, text: str, pos: int) -> None:
        """Text whose only whitespace is single plain spaces: words and inner spaces go in verbatim."""
        if text[0] == " ":
            self._space(pos, 1)
            text, pos = text[1:], pos + 1
        trailing = text.endswith(" ")
        if trailing:
            text = text[:-1]
        if text:
            self._emit(text, pos)
        if trailing:
            self._space(pos + len(text), 1)

    def _entity(self, raw: str) -> None:
        if self.n_skip:
            return
        pos = self._pos()
        if self.src.startswith(";", pos + len(raw)):
            raw += ";"
        dec = html.unescape(raw)
        if dec == raw:
            self._text(raw, pos)
            return
        dec = dec.replace("\xa0", " ")
        if dec.isspace():
            self._space(pos, len(raw))
        else:
            self._emit_syn(dec, pos, len(raw))

    # ---- special elements

    def _void(self, tag: str, a: dict[str, str], pos: int, end: int) -> None:
        if tag in ("br", "input"):
            self._space(pos, end - pos)
        elif tag == "hr":
            self._boundary(tag, pos, end)
        elif tag == "img":
            self._image(a, pos)

    def _image(self, a: dict[str, str], pos: int) -> None:
        """Alt text of an image outside running text becomes a caption (see ``_flush``)."""
        if not a.get("alt", "").strip() or self.n_boiler:
            return
        if self.builder is not None and len(self.builder):
            return  # an inline image inside a sentence: dropped
        m = _ALT.search(self.get_starttag_text() or "")
        if m is None:
            return
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if self.alts is None:
            self.alts = TextBuilder()
        elif len(self.alts) and not self.alts.endswith_space():
            self.alts.add_synthetic(" ", pos, 0)
        _add_attr_text(self.alts, m.group(g), pos + m.start(g))

    def _open_anchor(self, a: dict[str, str], pos: int, end: int) -> None:
        self._close_anchor()
        href = a.get("href")
        if href is None:
            return
        rel = tuple(a.get("rel", "").lower().split())
        self.anchor = _Anchor(href.strip(), rel, pos, end)

    def _close_anchor(self) -> None:
        an, self.anchor = self.anchor, None
        if an is None:
            return
        text = " ".join("".join(an.parts).split())
        if an.start is None:
            block = len(self.blocks) if self.builder is not None and len(self.builder) else None
            self.links.append(Link(an.url, "", an.tag_start, an.tag_end, an.rel, block))
        else:
            self.links.append(Link(an.url, text, an.start, an.end, an.rel, an.block))

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").strip().lower()
        content = " ".join(a.get("content", "").split())
        if key and content:
            self.cands.setdefault(key, content)


def read_html_fragment(source: str, start: int = 0, end: int | None = None) -> tuple[
    list[Block], list[Link], list[Comment]
]:
    """Blocks, links (``block`` relative to the returned list) and comments of ``source[start:end]``."""
    r = _Reader(source, start, end).run()
    return r.blocks, r.links, r.comments


def read_html(source: str, path: str = "<string>") -> Document:
    """Read an HTML document: block elements become blocks; links, comments and meta are collected."""
    r = _Reader(source).run()
    links = sorted(r.links, key=lambda link: link.start)
    return Document(path=path, source=source, format="html", blocks=r.blocks, links=links,
                    comments=r.comments, meta=r.meta())

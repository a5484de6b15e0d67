"""The document model: prose blocks with an offset map back to the decoded source."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

#: Block kinds. Prose kinds are linted; the others are kept so rules can see them (or skip them).
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
QUOTE = "quote"
TABLE = "table"
CAPTION = "caption"
BOILERPLATE = "boilerplate"

BLOCK_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, QUOTE, TABLE, CAPTION, BOILERPLATE)
#: Body prose: what readability and most sentence rules look at.
BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, TABLE})
#: Everything a claim can be made in (a heading can carry a claim; captions and forms cannot).
PROSE_KINDS = BODY_KINDS | {HEADING}


@dataclass(slots=True)
class Block:
    """One block of prose text and the map from its characters to source offsets.

    ``segments`` is a sorted list of ``(text_start, source_start, length)`` runs: the characters
    ``text[text_start:text_start+length]`` came verbatim from ``source[source_start:source_start+length]``.
    Characters outside every run (a decoded entity, a space standing for markup) map to the source
    position of the nearest run before them.
    """

    kind: str
    text: str
    segments: list[tuple[int, int, int]]
    level: int = 0
    index: int = 0
    #: The runs' text starts, made on the first lookup in a block of several runs (most blocks are one run).
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def to_source(self, i: int) -> int:
        """Source offset of text position ``i`` (a start position)."""
        segments = self.segments
        if len(segments) == 1:
            k = 0 if segments[0][0] <= i else -1
        elif segments:
            starts = self._starts
            if starts is None:
                starts = self._starts = [s[0] for s in segments]
            k = bisect.bisect_right(starts, i) - 1
        else:
            return 0
        if k < 0:
            return segments[0][1]
        t0, s0, n = segments[k]
        return s0 + (i - t0 if i - t0 < n else n)

    def to_source_end(self, i: int) -> int:
        """Source offset just after text position ``i - 1`` (an end position, exclusive)."""
        if i <= 0:
            return self.to_source(0)
        return self.to_source(i - 1) + 1

    def source_range(self, i: int, j: int) -> tuple[int, int]:
        """``(to_source(i), to_source_end(j))``: the source span of text positions ``i`` .. ``j``."""
        return self.to_source(i), (self.to_source(j - 1) + 1 if j > 0 else self.to_source(0))

    @property
    def start(self) -> int:
        return self.to_source(0)

    @property
    def end(self) -> int:
        return self.to_source_end(len(self.text))

    @property
    def is_body(self) -> bool:
        return self.kind in BODY_KINDS


@dataclass(slots=True)
class Link:
    """A hyperlink (or bare URL) with its anchor text and its position in the source."""

    url: str
    text: str
    start: int
    end: int
    rel: tuple[str, ...] = ()
    block: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "text": self.text, "start": self.start, "end": self.end, "rel": list(self.rel)}


@dataclass(slots=True)
class Comment:
    """A markup comment (``<!-- ... -->``): where suppression directives live."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A decoded source file turned into prose blocks, links and comments."""

    path: str
    source: str
    format: str
    blocks: list[Block]
    links: list[Link] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts
        for n, b in enumerate(self.blocks):
            b.index = n

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a source offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset) - 1 + 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    @property
    def title(self) -> str:
        """The document title: front-matter/HTML title, else the first heading, else ''."""
        t = self.meta.get("title")
        if t:
            return str(t)
        for b in self.blocks:
            if b.kind == HEADING:
                return b.text
        return ""

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in BODY_KINDS]


class TextBuilder:
    """Builds one block's text piece by piece while recording where each piece came from."""

    __slots__ = ("_len", "_parts", "_segments")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int]] = []
        self._len = 0

    def add(self, text: str, source_start: int) -> None:
        """Append ``text`` copied verbatim from ``source[source_start:]``."""
        if not text:
            return
        if self._segments:
            t0, s0, n = self._segments[-1]
            if t0 + n == self._len and s0 + n == source_start:
                self._segments[-1] = (t0, s0, n + len(text))
                self._parts.append(text)
                self._len += len(text)
                return
        self._segments.append((self._len, source_start, len(text)))
        self._parts.append(text)
        self._len += len(text)

    def add_synthetic(self, text: str, source_start: int, source_len: int = 1) -> None:
        """Append ``text`` that stands for ``source[source_start:source_start+source_len]``
        (a decoded entity, a space for a line break or a tag)."""
        if not text:
            return
        # One-character run anchored at the source start; the rest maps to the same spot.
        self._segments.append((self._len, source_start, min(1, source_len)))
        if len(text) > 1:
            self._segments.append((self._len + 1, source_start + max(source_len - 1, 0), 0))
        self._parts.append(text)
        self._len += len(text)

    def __len__(self) -> int:
        return self._len

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]  # joined once: reading the text again is free
        return self._parts[0] if self._parts else ""

    def endswith_space(self) -> bool:
        return bool(self._parts) and self._parts[-1][-1:].isspace()

    def build(self, kind: str, level: int = 0) -> Block | None:
        """The finished block with surrounding whitespace trimmed, or None when it is empty."""
        text = self.text
        stripped = text.strip()
        if not stripped:
            return None
        if len(stripped) == len(text):  # nothing trimmed: the runs stand, less empty ones at the very end
            segments, k = self._segments, len(self._segments)
            while k and not segments[k - 1][2] and segments[k - 1][0] >= len(text):  # (runs are sorted)
                k -= 1
            if k:
                return Block(kind, stripped, segments[:k], level)
        lead = len(text) - len(text.lstrip())
        end = lead + len(stripped)
        segs = []
        for t0, s0, n in self._segments:
            a, b = max(t0, lead), min(t0 + n, end)
            if n == 0:
                if lead <= t0 < end:
                    segs.append((t0 - lead, s0, 0))
                continue
            if a < b:
                segs.append((a - lead, s0 + (a - t0), b - a))
        if not segs:
            segs = [(0, self._segments[0][1] if self._segments else 0, 0)]
        return Block(kind=kind, text=stripped, segments=segs, level=level)

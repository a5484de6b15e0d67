"""Annotation types: sentences of the document, typed spans with attributes, document facts."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document.model import BODY_KINDS, PROSE_KINDS, Block, Document

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True, slots=True)
class Settings:
    """Options that change what annotators find (part of the cache key)."""

    extra_dirs: tuple[str, ...] = ()
    support_window: int = 1
    topic: str | None = None


@dataclass(slots=True)
class Sentence:
    """One sentence of a prose block, with its spaCy span and its place in the source."""

    index: int
    block: Block
    span: SpacySpan
    start: int
    end: int
    text: str
    offset: int  # where the sentence starts in the block text
    lower: str = ""
    _words: frozenset[str] | None = None

    def __post_init__(self) -> None:
        self.lower = self.text.lower()

    @property
    def words(self) -> frozenset[str]:
        """Lower-cased token texts of the sentence: a cheap prefilter before running regexes
        (``if not TRIGGERS & s.words: continue``)."""
        if self._words is None:
            self._words = frozenset(t.lower_ for t in self.span)
        return self._words

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def is_body(self) -> bool:
        return self.block.kind in BODY_KINDS

    @property
    def is_heading(self) -> bool:
        return self.block.kind == "heading"

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")

    def source_range(self, a: int, b: int) -> tuple[int, int]:
        """Source offsets of sentence-text positions ``a`` .. ``b``."""
        return self.block.source_range(self.offset + a, self.offset + b)


@dataclass(slots=True)
class Span:
    """A typed annotation: where it is, what it covers, its attributes and its sentence."""

    kind: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)
    sent: int | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        attrs = self.attrs
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, **attrs}
        for k in attrs:
            if k[:1] == "_":  # internal
                del d[k]
        if self.sent is not None:
            d["sentence"] = self.sent
        return d


class Annotations:
    """Everything the annotators found in one document; what rules are evaluated over."""

    def __init__(self, document: Document, sentences: list[Sentence], docs: dict[int, Doc],
                 settings: Settings) -> None:
        self.document = document
        self.sentences = sentences
        self.docs = docs
        self.settings = settings
        self.spans: dict[str, list[Span]] = {}
        self.facts: dict[str, Any] = {}
        self.metrics: dict[str, Any] = {}
        self._starts: list[int] | None = None
        self._prose: list[Sentence] | None = None
        self._body: list[Sentence] | None = None

    def add(self, kind: str, start: int, end: int, sent: int | None = None, **attrs: Any) -> Span:
        return self._keep(Span(kind, start, end, self.document.source[start:end], attrs, sent))

    def add_in_sentence(self, kind: str, s: Sentence, a: int, b: int, **attrs: Any) -> Span:
        """Add a span given positions inside sentence ``s``'s text."""
        start, end = s.source_range(a, b)
        return self._keep(Span(kind, start, end, self.document.source[start:end], attrs, s.index))

    def _keep(self, span: Span) -> Span:
        """Append a new span to the list of its kind."""
        found = self.spans.get(span.kind)
        if found is None:
            self.spans[span.kind] = [span]
        else:
            found.append(span)
        return span

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains a source offset (None outside every sentence)."""
        if self._starts is None:
            self._starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def of(self, kind: str) -> list[Span]:
        return self.spans.get(kind, [])

    def in_sentence(self, kind: str, index: int) -> list[Span]:
        return [sp for sp in self.spans.get(kind, []) if sp.sent == index]

    def declare(self, *kinds: str) -> None:
        """Make sure these kinds appear in the output even when nothing was found."""
        for k in kinds:
            self.spans.setdefault(k, [])

    def prose(self) -> list[Sentence]:
        """The sentences of prose blocks (listed once: a list not to change)."""
        if self._prose is None:
            self._prose = [s for s in self.sentences if s.block.kind in PROSE_KINDS]
        return self._prose

    def body(self) -> list[Sentence]:
        """The sentences of body blocks (listed once: a list not to change)."""
        if self._body is None:
            self._body = [s for s in self.sentences if s.block.kind in BODY_KINDS]
        return self._body

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: [sp.to_dict() for sp in v] for k, v in sorted(self.spans.items())}
        for k, v in sorted(self.facts.items()):
            if not k.startswith("_"):
                out[k] = v
        return out

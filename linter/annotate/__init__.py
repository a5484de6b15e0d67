"""The annotation stage: sentences per prose block, then each annotator in a fixed order."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Protocol

from ..document.model import PROSE_KINDS, Document
from .base import Annotations, Sentence, Settings, Span

__all__ = ["ANNOTATORS", "Annotations", "Sentence", "Settings", "Span", "annotate"]

#: Annotator modules in the order they run: later ones may read what earlier ones added.
ANNOTATORS = (
    "links",
    "negation",
    "hedges",
    "citations",
    "attributions",
    "substances",
    "claims",
    "testimonials",
    "promotion",
    "caveats",
    "provenance",
    "readability",
)


class Annotator(Protocol):
    def __call__(self, ann: Annotations) -> None: ...


@lru_cache(maxsize=1)
def _annotators() -> tuple[Annotator, ...]:
    return tuple(importlib.import_module(f".{name}", __name__).annotate for name in ANNOTATORS)


def sentences_of(document: Document) -> tuple[list[Sentence], dict]:
    """Tokenize each prose block and cut it into sentences."""
    from ..nlp import split_sentences

    sentences: list[Sentence] = []
    docs = {}
    for block in document.blocks:
        if block.kind not in PROSE_KINDS:
            continue
        doc, found = split_sentences(block.text)
        docs[block.index] = doc
        text = block.text
        for span, a, b in found:
            sent = text[a:b]
            if sent and not sent.isspace():  # (``sent.strip()``, without the copy)
                start, end = block.source_range(a, b)
                sentences.append(Sentence(len(sentences), block, span, start, end, sent, a))
    return sentences, docs


def annotate(document: Document, settings: Settings | None = None) -> Annotations:
    """All annotations of a document."""
    sentences, docs = sentences_of(document)
    ann = Annotations(document, sentences, docs, settings or Settings())
    for run in _annotators():
        run(ann)
    return ann

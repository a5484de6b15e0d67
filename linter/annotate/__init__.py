"""The annotation stage: sentences per prose block, then each annotator in a fixed order."""

from __future__ import annotations

import importlib
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


def _annotators() -> list[Annotator]:
    return [importlib.import_module(f".{name}", __name__).annotate for name in ANNOTATORS]


def sentences_of(document: Document) -> tuple[list[Sentence], dict]:
    """Run the spaCy pipeline over each prose block and cut it into sentences."""
    from ..nlp import get_nlp

    nlp = get_nlp()
    blocks = [b for b in document.blocks if b.kind in PROSE_KINDS]
    sentences: list[Sentence] = []
    docs = {}
    for block, doc in zip(blocks, nlp.pipe(b.text for b in blocks), strict=True):
        docs[block.index] = doc
        for sp in doc.sents:
            text = sp.text
            if not text.strip():
                continue
            a, b = sp.start_char, sp.end_char
            sentences.append(Sentence(len(sentences), block, sp, block.to_source(a), block.to_source_end(b),
                                      text, a))
    return sentences, docs


def annotate(document: Document, settings: Settings | None = None) -> Annotations:
    """All annotations of a document."""
    sentences, docs = sentences_of(document)
    ann = Annotations(document, sentences, docs, settings or Settings())
    for run in _annotators():
        run(ann)
    return ann

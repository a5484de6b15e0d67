"""Readability of body prose only (headings, captions, tables and form boilerplate excluded), with
textstat 0.7.3 (pyphen syllables): Flesch–Kincaid grade, SMOG and Flesch reading ease in ``metrics``."""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from ..document.model import LIST_ITEM, PARAGRAPH, QUOTE
from .base import Annotations, Sentence

#: Block kinds whose sentences are read as running prose.
READ_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE})
#: Below this many words or sentences the figures are too noisy to report.
MIN_WORDS = 30
MIN_SMOG_SENTENCES = 3


@lru_cache(maxsize=1)
def _textstat() -> ModuleType:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import textstat
    return textstat


def prose_text(sentences: list[Sentence]) -> str:
    """One sentence per line with a terminal stop, so textstat counts our sentences, not its own."""
    lines = []
    for s in sentences:
        t = " ".join(s.text.split())
        if t:
            lines.append(t if t[-1] in ".!?" else t + ".")
    return "\n".join(lines)


def figures(text: str, sentences: int) -> dict[str, float | None]:
    """FK grade, SMOG and reading ease of prepared prose text (see ``prose_text``)."""
    ts = _textstat()
    return {"fk_grade": round(float(ts.flesch_kincaid_grade(text)), 1),
            "smog": round(float(ts.smog_index(text)), 1) if sentences >= MIN_SMOG_SENTENCES else None,
            "reading_ease": round(float(ts.flesch_reading_ease(text)), 1)}


def annotate(ann: Annotations) -> None:
    body = [s for s in ann.sentences if s.kind in READ_KINDS]
    words = sum(len(s.text.split()) for s in body)
    ann.metrics["words"] = sum(len(b.text.split()) for b in ann.document.blocks if b.kind != "boilerplate")
    ann.metrics["body_words"] = words
    ann.metrics["sentences"] = len(body)
    ann.facts["_body_words"] = words
    if words < MIN_WORDS or not body:
        ann.metrics.update(fk_grade=None, smog=None, reading_ease=None)
        return
    ann.metrics.update(figures(prose_text(body), len(body)))

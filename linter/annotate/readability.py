"""Readability of body prose only (headings, captions and form boilerplate excluded), with textstat."""

from __future__ import annotations

from .base import Annotations


def _textstat():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import textstat
    return textstat


def annotate(ann: Annotations) -> None:
    body = ann.body()
    words = sum(len(s.text.split()) for s in body)
    ann.metrics["words"] = sum(len(b.text.split()) for b in ann.document.blocks if b.kind != "boilerplate")
    ann.metrics["body_words"] = words
    ann.metrics["sentences"] = len(body)
    if words < 30 or not body:
        ann.metrics.update(fk_grade=None, smog=None, reading_ease=None)
        return
    ts = _textstat()
    # One sentence per line with a terminal stop, so textstat counts our sentences, not its own.
    text = "\n".join(s.text.strip() if s.text.rstrip()[-1:] in ".!?" else s.text.strip() + "." for s in body)
    ann.metrics["fk_grade"] = round(float(ts.flesch_kincaid_grade(text)), 1)
    ann.metrics["smog"] = round(float(ts.smog_index(text)), 1) if len(body) >= 3 else None
    ann.metrics["reading_ease"] = round(float(ts.flesch_reading_ease(text)), 1)

"""Support lookup: which citations back a sentence (same sentence or the next ``window`` ones)."""

from __future__ import annotations

from .base import Annotations, Span
from .cues import spans_in


def support_for(ann: Annotations, sent: int, window: int | None = None) -> list[Span]:
    """Resolved citations in sentence ``sent`` or the following ``window`` sentences of the same block."""
    w = ann.settings.support_window if window is None else window
    sentences = ann.sentences
    block = sentences[sent].block.index
    found: list[Span] = []
    for i in range(sent, min(sent + w + 1, len(sentences))):
        if sentences[i].block.index != block and i != sent:
            break
        found.extend(c for c in spans_in(ann, "citations", i) if c.get("resolved", True))
    return found

"""Attributions: who a statement is credited to; vague ones ("research suggests") are weasel words."""

from __future__ import annotations

from .base import Annotations
from .cues import pattern
from .support import support_for


def annotate(ann: Annotations) -> None:
    ann.declare("attributions")
    vague = pattern("vague_attribution")
    for s in ann.prose():
        for m in vague.finditer(s.text):
            support = support_for(ann, s.index)
            ann.add_in_sentence("attributions", s, m.start(), m.end(), cue=m.group(0).lower(), vague=True,
                                supported=bool(support), support=[c.get("type") for c in support])

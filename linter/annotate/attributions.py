"""Attributions: vague credit for a statement ("research suggests", "some experts say": weasel words)."""

from __future__ import annotations

from .base import Annotations
from .cues import pattern, regex
from .support import support_for


def annotate(ann: Annotations) -> None:
    ann.declare("attributions")
    vague, weasel = pattern("vague_attribution"), regex("weasel")
    for s in ann.prose():
        taken: list[tuple[int, int]] = []
        for rx in (vague, weasel):
            for m in rx.finditer(s.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                support = support_for(ann, s.index)
                ann.add_in_sentence("attributions", s, m.start(), m.end(), cue=m.group(0).lower(), vague=True,
                                    supported=bool(support), support=sorted({c.get("type") for c in support}),
                                    heading=s.is_heading)

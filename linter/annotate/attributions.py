"""Attributions: vague credit for a statement ("research suggests", "some experts say": weasel words,
``vague=True, type="attribution"``), and vague wording without a source ("many species", "often",
"so-called": ``vague=False, type="wording"``; reported, never a finding of HC106)."""

from __future__ import annotations

from .base import Annotations
from .cues import pattern, regex
from .support import support_for


def annotate(ann: Annotations) -> None:
    ann.declare("attributions")
    vague, weasel, wording = pattern("vague_attribution"), regex("weasel"), regex("vague_wording")
    for s in ann.prose():
        taken: list[tuple[int, int]] = []
        for rx in (vague, weasel, wording):
            attribution = rx is not wording
            for m in rx.finditer(s.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                support = support_for(ann, s.index) if attribution else []
                ann.add_in_sentence("attributions", s, m.start(), m.end(), cue=m.group(0).lower(),
                                    vague=attribution, type="attribution" if attribution else "wording",
                                    supported=bool(support), support=sorted({c.get("type") for c in support}),
                                    heading=s.is_heading)

"""Attributions: vague credit for a statement ("research suggests", "some experts say": weasel words,
``vague=True, type="attribution"``), and vague wording without a source ("many species", "often",
"so-called": ``vague=False, type="wording"``; reported, never a finding of HC106)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Annotations
from .cues import Scan, matcher, may_match, regex, scans
from .support import support_for


def _matches(scan: Scan) -> Iterator[tuple[re.Match[str], bool]]:
    """Attribution matches in priority order (phrase list, weasel pattern, vague wording), with whether
    each is an attribution."""
    yield from ((m, True) for m in matcher("vague_attribution").finditer(scan))
    for name, attribution in (("weasel", True), ("vague_wording", False)):
        if may_match(name, scan):
            yield from ((m, attribution) for m in regex(name).finditer(scan.text))


def annotate(ann: Annotations) -> None:
    ann.declare("attributions")
    all_scans = scans(ann)
    for s in ann.prose():
        taken: list[tuple[int, int]] = []
        for m, attribution in _matches(all_scans[s.index]):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            support = support_for(ann, s.index) if attribution else []
            ann.add_in_sentence("attributions", s, m.start(), m.end(), cue=m.group(0).lower(),
                                vague=attribution, type="attribution" if attribution else "wording",
                                supported=bool(support), support=sorted({c.get("type") for c in support}),
                                heading=s.is_heading, question=s.is_question)

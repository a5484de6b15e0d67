"""Attributions: vague credit for a statement ("research suggests", "some experts say": weasel words,
``vague=True, type="attribution"``), and vague wording without a source ("many species", "often",
"so-called": ``vague=False, type="wording"``; reported, never a finding of HC106)."""

from __future__ import annotations

from .base import Annotations
from .cues import matcher, regex_finder, scans, triggers
from .support import support_for


def annotate(ann: Annotations) -> None:
    ann.declare("attributions")
    phrases = matcher("vague_attribution")
    # Attribution patterns after the phrase list, in priority order: trigger words, finder, whether an attribution.
    patterns = [(triggers(name), regex_finder(name), attribution) for name, attribution in (("weasel", True),
                                                                                           ("vague_wording", False))]
    all_scans = scans(ann)
    for s in ann.prose():
        scan = all_scans[s.index]
        cues = scan.cue_words()
        found = [(m, True) for m in phrases.finditer(scan)]
        for need, rx, attribution in patterns:
            if (need and need.isdisjoint(cues)) or rx.lacks_tails(scan):
                continue  # (may_match; none of the last words of its matches)
            found.extend((m, attribution) for m in rx.finditer(scan))
        if not found:
            continue
        taken: list[tuple[int, int]] = []
        for m, attribution in found:
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            support = support_for(ann, s.index) if attribution else []
            ann.add_in_sentence("attributions", s, m.start(), m.end(), cue=m.group(0).lower(),
                                vague=attribution, type="attribution" if attribution else "wording",
                                supported=bool(support), support=sorted({c.get("type") for c in support}),
                                heading=s.is_heading, question=s.is_question)

"""Hedge (speculation) cues, every one in the document, claim or not, each with a graded ``weight``
(how much it weakens the statement; language.yaml ``hedge_weights``)."""

from __future__ import annotations

import re

from .base import Annotations
from .cues import hedge_matchers, hedge_prefilter, hedge_weights, scans

_DAY_AFTER = re.compile(r"\s+\d{1,4}\b")
_DAY_BEFORE = re.compile(r"(?:\b\d{1,2}(?-i:st|nd|rd|th)?|\b(?:in|of|since|until|by|early|late|mid))\s+$",
                         re.IGNORECASE)


def annotate(ann: Annotations) -> None:
    ann.declare("hedges")
    matchers, weights = hedge_matchers(), hedge_weights()
    all_scans = scans(ann)
    for s in ann.prose():
        scan = all_scans[s.index]
        if hedge_prefilter(scan.plain).isdisjoint(scan.cue_words()):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pm in matchers:
            for m in pm.finditer(scan):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if kind == "modal" and m.group(0).lower() == "may" and _is_month(s.text, m.start(), m.end()):
                    continue
                taken.append((m.start(), m.end()))
                cue = m.group(0).lower()
                ann.add_in_sentence("hedges", s, m.start(), m.end(), cue=cue, type=kind, weight=weights.get(cue, 1.0))


def _is_month(text: str, a: int, b: int) -> bool:
    """'May' the month: capitalised mid-sentence next to a day or year."""
    if text[a] != "M" or a == 0:
        return False
    return bool(_DAY_AFTER.match(text, b) or _DAY_BEFORE.search(text[:a]))

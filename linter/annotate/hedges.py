"""Hedge (speculation) cues, every one in the document, claim or not, each with a graded ``weight``
(how much it weakens the statement; language.yaml ``hedge_weights``)."""

from __future__ import annotations

import re
from functools import cache

from .base import Annotations
from .cues import PhraseMatcher, hedge_matchers, hedge_prefilter, hedge_weights, scans

_DAY_AFTER = re.compile(r"\s+\d{1,4}\b")
_DAY_BEFORE = re.compile(r"(?:\b\d{1,2}(?-i:st|nd|rd|th)?|\b(?:in|of|since|until|by|early|late|mid))\s+$",
                         re.IGNORECASE)


@cache
def _matchers(plain: bool) -> tuple[tuple[str, PhraseMatcher, frozenset[str]], ...]:
    """``(kind, phrase matcher, its prefilter)`` of the hedge kinds, for (plain) scans."""
    return tuple((kind, pm, pm.prefilter(plain)) for kind, pm in hedge_matchers())


def annotate(ann: Annotations) -> None:
    ann.declare("hedges")
    weights = hedge_weights()
    all_scans = scans(ann)
    for s in ann.prose():
        scan = all_scans[s.index]
        cues = scan.cue_words()
        if hedge_prefilter(scan.plain).isdisjoint(cues):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pm, need in _matchers(scan.plain):
            if need.isdisjoint(cues):  # (what PhraseMatcher.finditer tests first)
                continue
            for m in pm.finditer(scan):
                if taken and any(a < m.end() and m.start() < b for a, b in taken):
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

"""Hedge (speculation) cues, every one in the document, claim or not, each with a graded ``weight``
(how much it weakens the statement; language.yaml ``hedge_weights``)."""

from __future__ import annotations

from .base import Annotations
from .cues import hedge_any, hedge_patterns, hedge_weights


def annotate(ann: Annotations) -> None:
    ann.declare("hedges")
    pats, any_cue, weights = hedge_patterns(), hedge_any(), hedge_weights()
    for s in ann.prose():
        if not any_cue.search(s.text):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pat in pats:
            for m in pat.finditer(s.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if kind == "modal" and m.group(0).lower() == "may" and _is_month(s.text, m.start(), m.end()):
                    continue
                taken.append((m.start(), m.end()))
                cue = m.group(0).lower()
                ann.add_in_sentence("hedges", s, m.start(), m.end(), cue=cue, type=kind, weight=weights.get(cue, 1.0))


def _is_month(text: str, a: int, b: int) -> bool:
    """'May' the month: capitalised mid-sentence next to a day or year."""
    import re

    if text[a] != "M" or a == 0:
        return False
    return bool(re.match(r"\s+\d{1,4}\b", text[b:]) or re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\s+$", text[:a])
                or re.search(r"\b(?:in|of|since|until|by|early|late|mid)\s+$", text[:a], re.IGNORECASE))

"""Negation cues (ConText-style triggers with a forward scope to the end of the clause)."""

from __future__ import annotations

from .base import Annotations, Span
from .cues import SCOPE_BREAK, finder, matcher, scans, spans_in


def annotate(ann: Annotations) -> None:
    ann.declare("negations")
    neg = matcher("negation")
    scope_break = finder(SCOPE_BREAK)
    all_scans = scans(ann)
    for s in ann.prose():
        scan = all_scans[s.index]
        for m in neg.finditer(scan):
            scope, text = scope_break.on(scan)
            stop = scope.search(text, m.end())
            scope_end = stop.start() if stop else len(text)
            sp = ann.add_in_sentence("negations", s, m.start(), m.end(), cue=m.group(0).lower())
            sp.attrs["_scope"] = (m.start(), scope_end)


def negations_in(ann: Annotations, sent: int) -> list[Span]:
    """The negation cues of sentence ``sent`` (indexed once per document, not a scan per query)."""
    return spans_in(ann, "negations", sent)


def negated_at(ann: Annotations, sent: int, pos: int) -> bool:
    """Whether sentence-text position ``pos`` of sentence ``sent`` is inside a negation scope."""
    for sp in negations_in(ann, sent):
        a, b = sp.attrs["_scope"]
        if a <= pos <= b:
            return True
    return False

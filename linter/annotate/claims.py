"""Health claims: a sentence that relates an exposure or intervention to a health outcome, with its
strength (correlational, hedged, direct, absolute), negation, support, subject and outcome."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Annotations, Sentence
from .cues import in_scope, pattern
from .lexicon import TermMatch, load_index
from .negation import negated_at
from .support import support_for

_STRENGTH_ORDER = {"correlational": 1, "hedged": 2, "direct": 3, "absolute": 4}
_MODAL_BEFORE = re.compile(r"\b(?:may|might|could|can potentially|could potentially|may potentially|possibly|"
                           r"potentially|perhaps|likely|would)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_HARM_OUTCOME = re.compile(r"\b(?:side effects?|adverse|harm|damage|injur|toxicit|seizure|death|die|overdose|"
                           r"addict|dependen|abuse|withdrawal symptoms when|risk|poison|liver|kidney failure|"
                           r"interaction|contaminat|hospitali[sz])", re.IGNORECASE)
_HARM_VERB = re.compile(r"\b(?:cause|causes|caused|lead to|leads to|result in|results in|trigger|triggers|"
                        r"increase|increases|raise|raises|worsen|worsens|damage|damages|harm|harms|impair|impairs)\b",
                        re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^(?:\W*\w+\W+){0,6}?(?:it|its|this (?:supplement|product|plant|herb|remedy|"
                              r"substance|compound|extract|treatment|therapy)|they)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    strength: str
    text: str


def _cues(s: Sentence) -> list[_Cue]:
    found: list[_Cue] = []
    text = s.text
    for m in pattern("absolute").finditer(text):
        found.append(_Cue(m.start(), m.end(), "absolute", m.group(0)))
    for m in pattern("causal_verbs").finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        strength = "hedged" if _MODAL_BEFORE.search(before) else "direct"
        found.append(_Cue(m.start(), m.end(), strength, m.group(0)))
    for m in pattern("correlational").finditer(text):
        found.append(_Cue(m.start(), m.end(), "correlational", m.group(0)))
    return found


def _outcomes(s: Sentence, extra: tuple[str, ...]) -> list[TermMatch]:
    out: list[TermMatch] = []
    for name in ("conditions.txt", "symptoms.txt", "outcomes.txt"):
        cat = name.split(".")[0]
        out.extend(TermMatch(m.start, m.end, m.term, cat, m.tok_start, m.tok_end)
                   for m in load_index(name, extra).find(s))
    return sorted(out, key=lambda m: m.start)


def annotate(ann: Annotations) -> None:
    ann.declare("claims")
    extra = ann.settings.extra_dirs
    interventions = load_index("interventions.txt", extra)
    topic_known = bool(ann.facts.get("topic"))
    substitute = pattern("substitute_frames")
    standard = load_index("standard_care.txt", extra)
    disease_verbs = pattern("disease_verbs")
    for s in ann.prose():
        cues = _cues(s)
        if not cues:
            continue
        outcomes = _outcomes(s, extra)
        subjects = interventions.find(s) + [
            _mention(m, ann) for m in ann.in_sentence("substance_mentions", s.index)]
        pronoun = _PRONOUN_SUBJECT.search(s.text) if topic_known else None
        if not outcomes or not (subjects or pronoun or _generic_subject(s, cues)):
            continue
        best = max(cues, key=lambda c: _STRENGTH_ORDER[c.strength])
        neg = negated_at(ann, s.index, best.start) or any(
            in_scope(s.lower, n.end - s.start, best.start) for n in ann.in_sentence("negations", s.index)
            if n.start - s.start < best.start)
        outcome = next((o for o in outcomes if o.start >= best.start), outcomes[0])
        subject = next((m for m in subjects if m.start < best.start), subjects[0] if subjects else None)
        support = support_for(ann, s.index)
        harm = bool(_HARM_VERB.search(s.text) and _HARM_OUTCOME.search(s.text[best.start:]))
        hedged = best.strength == "hedged" or any(ann.in_sentence("hedges", s.index))
        sub_m = substitute.search(s.text)
        sub_target = sub_m and (standard.find(s) or re.search(r"\balternative\b", sub_m.group(0), re.I))
        is_disease = bool(disease_verbs.search(s.text)) and any(
            o.category in ("conditions", "symptoms") for o in outcomes)
        ann.add_in_sentence(
            "claims", s, 0, len(s.text.rstrip()),
            strength=best.strength, cue=best.text.lower(), hedged=hedged, negated=neg,
            supported=bool(support), support=sorted({c.get("type") for c in support}),
            subject=(s.text[subject.start:subject.end] if subject else ("it" if pronoun else None)),
            outcome=s.text[outcome.start:outcome.end], outcome_type=outcome.category,
            disease=is_disease and not harm, substitute=bool(sub_target) and not harm,
            benefit=not harm, heading=s.is_heading, question=s.is_question,
        )


def _mention(span, ann: Annotations) -> TermMatch:
    s = ann.sentences[span.sent]
    a = span.start - s.start
    return TermMatch(a, a + (span.end - span.start), span.text, "substance", 0, 0)


def _generic_subject(s: Sentence, cues: list[_Cue]) -> bool:
    """A relation between two noun phrases with no lexicon subject (research-style sentences)."""
    first = min(c.start for c in cues)
    return len(s.text[:first].split()) >= 2


def strongest(claims: list) -> str | None:
    """The strongest strength among claim spans (None when there are none)."""
    best = None
    for c in claims:
        st = c.get("strength")
        if best is None or _STRENGTH_ORDER[st] > _STRENGTH_ORDER[best]:
            best = st
    return best

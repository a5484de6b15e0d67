"""Caveats a balanced article states: evidence quality, disclaimers, alternatives, costs."""

from __future__ import annotations

import re

from .base import Annotations
from .lexicon import load_index

_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "evidence_quality": [
        ("strong", re.compile(
            r"\b(?:randomi[sz]ed|placebo[- ]controlled|double[- ]blind|controlled trials?|observational|"
            r"cohort|case reports?|case series|animal studies|in mice|in rats|in animals|in vitro|test[- ]tube|"
            r"small (?:study|studies|trials?|sample)|sample size|few (?:studies|trials)|no (?:large |good |"
            r"high-quality |randomi[sz]ed |clinical )*(?:trials?|studies)|(?:weak|limited|low[- ]quality|"
            r"insufficient|mixed|conflicting|inconsistent) evidence|not (?:been )?(?:well )?studied|"
            r"short[- ]term (?:studies|trials)|self-reported|(?:systematic|cochrane) review|meta-analys[ie]s|"
            r"(?:trial|study) of (?:\d[\d,]*|more than \d+) (?:\w+ )?(?:adults|people|participants|patients))",
            re.IGNORECASE)),
        ("weak", re.compile(
            r"\b(?:more|further|additional) (?:clinical )?(?:research|studies|investigation|evidence) (?:is|are)? ?"
            r"(?:needed|required|warranted)|calls? for further|further investigation|promising|preliminary|"
            r"emerging (?:area|field|research)|early (?:research|stages?|evidence)|ongoing research|"
            r"careful scrutiny|critical eye", re.IGNORECASE)),
    ],
    "disclaimer": [
        ("strong", re.compile(
            r"\b(?:not (?:intended (?:as|to be)|a substitute for|meant (?:as|to be))\s+(?:\w+\s+){0,3}?"
            r"(?:medical|professional|health) (?:advice|care|diagnosis|treatment)|(?:is|are) not medical advice|"
            r"for (?:general )?(?:information(?:al)?|educational) purposes only|does not (?:constitute|replace|"
            r"provide) (?:\w+ )?medical advice|informational purposes|has not been evaluated by the food and "
            r"drug administration|not intended to diagnose, treat, cure)", re.IGNORECASE)),
    ],
    "cost": [
        ("strong", re.compile(r"(?:[$£€]\s?\d|\b(?:cost|costs|price|prices|priced|afford\w*|insurance|"
                              r"out-of-pocket|per month|per bottle|covered by|medicare|medicaid|expensive|cheap)\b)",
                              re.IGNORECASE)),
    ],
}


def annotate(ann: Annotations) -> None:
    ann.declare("caveats")
    standard = load_index("standard_care.txt", ann.settings.extra_dirs)
    for s in ann.body():
        for ctype, pats in _PATTERNS.items():
            for strength, rx in pats:
                m = rx.search(s.text)
                if m:
                    ann.add_in_sentence("caveats", s, m.start(), m.end(), type=ctype, strength=strength)
                    break
        alt = [m for m in standard.find(s) if m.term not in ("treatment", "therapy")]
        if alt and not any(c.get("substitute") for c in ann.in_sentence("claims", s.index)):
            m = alt[0]
            ann.add_in_sentence("caveats", s, m.start, m.end, type="alternatives", strength="strong",
                                term=m.term)
    found: dict[str, str] = {}
    for c in ann.of("caveats"):
        t = c.get("type")
        if found.get(t) != "strong":
            found[t] = c.get("strength")
    ann.facts["caveat_summary"] = found

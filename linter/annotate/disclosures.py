"""Disclosures of a commercial relationship of the article itself (FTC 16 CFR 255.5).

Counted: affiliate-link notices, commissions, sponsorship, paid partnerships, gifted product, "#ad",
"in partnership with", "supports the channel". Not counted: statements about research ("funded by the
NIH", "the authors declare no conflicts of interest") — they disclose a study's funding, not that the
article earns from what it recommends — and denials ("this is not a sponsored post").
"""

from __future__ import annotations

import re

from .base import Annotations, Sentence

_CUE = re.compile(
    r"\baffiliates?\b(?!\s+(?:of|with)\b)|\baffiliate[ -](?:links?|commissions?|partners?|programs?|marketing)\b"
    r"|\b(?:earn|earns|receive|receives|get|gets|make|makes)\s+(?:a\s+)?(?:small\s+|tiny\s+)?"
    r"(?:commissions?|compensation|referral\s+fees?|a\s+cut|kickbacks?)\b"
    r"|\bcommissions?\s+(?:from|on|if|when)\b|\bat\s+no\s+(?:extra|additional)\s+cost\s+to\s+you\b"
    r"|\bsponsored\b|\bsponsors?\b(?=\s+(?:of|for)\s+(?:this|today's|the)\s+(?:video|post|episode|article))"
    r"|\bthanks?\s+(?:you\s+)?to\s+\S+(?:\s+\S+)?\s+for\s+sponsoring\b|\bsponsoring\b"
    r"|\bpaid\s+(?:partnership|promotion|advertisement|post|endorsement|collaboration)\b"
    r"|\bin\s+(?:paid\s+)?partnership\s+with\b|#ad\b|#sponsored\b|#affiliate\b|\badvertorial\b"
    r"|\bmaterial\s+connection\b|\bas\s+an?\s+amazon\s+associate\b|\bamazon\s+associates?\b"
    r"|\b(?:was|were|been)\s+(?:gifted|sent|given)\s+(?:this|these|the)?\s*(?:products?|items?|samples?)\b"
    r"|\b(?:received|got)\s+(?:this|these|the)\s+(?:products?|items?|samples?)\s+(?:for\s+free|free\s+of)"
    r"|\bsupports?\s+(?:the|this|my|our)\s+(?:channel|blog|site|work)\b|\bhelps?\s+support\s+(?:the|this|my|our)\b"
    r"|\bsupport\s+\S+(?:\s+\S+){0,3}?\s+(?:by|while|when)\s+(?:shopping|buying|purchasing|using\s+(?:my|our|this))\b"
    r"|\b(?:shopping|buying|purchasing)\s+(?:\w+\s+)?(?:through|with|via|using)\s+(?:this|my|our|these)\s+(?:\w+\s+)?links?\b"
    r"|\breferral\s+links?\b|\bdisclosure\s*:|\bdisclaimer\s*:\s*(?=.*\b(?:links?|commission|paid)\b)",
    re.IGNORECASE,
)
_DENIAL = re.compile(r"\b(?:not|no|never|isn't|wasn't|aren't|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RESEARCH = re.compile(r"\b(?:funded|grants?|study|studies|trial|authors?|researchers?|investigators?)\b",
                       re.IGNORECASE)


def find_disclosures(text: str) -> list[re.Match[str]]:
    """Disclosure cues in a sentence, without denials and research-funding statements."""
    out = []
    for m in _CUE.finditer(text):
        if _DENIAL.search(text[max(0, m.start() - 30):m.start()]):
            continue
        if m.group(0).lower().startswith(("sponsor", "paid")) and _RESEARCH.search(text) \
                and not re.search(r"\b(?:post|video|article|page|content|episode)\b", text, re.IGNORECASE):
            continue
        out.append(m)
    return out


def annotate(ann: Annotations) -> None:
    """``disclosures`` spans (one per sentence, at its first cue)."""
    ann.declare("disclosures")
    for s in ann.sentences:
        found = find_disclosures(s.text)
        if found:
            _add(ann, s, found)


def _add(ann: Annotations, s: Sentence, found: list[re.Match[str]]) -> None:
    m = found[0]
    ann.add_in_sentence("disclosures", s, m.start(), m.end(), cue=m.group(0).lower(),
                        cues=sorted({f.group(0).lower() for f in found}))

"""Disclosures of a commercial relationship of the article itself (FTC 16 CFR 255.5).

Counted: affiliate-link notices, commissions, sponsorship, paid partnerships, gifted product, "#ad",
"in partnership with", "supports the channel". Not counted: statements about research ("funded by the
NIH", "the authors declare no conflicts of interest") — they disclose a study's funding, not that the
article earns from what it recommends — denials ("this is not a sponsored post", "not endorsed by any brand
or affiliate"), "affiliate marketing" as a topic, and support by likes or donations ("liking the video helps
support the channel").
"""

from __future__ import annotations

import re

from .base import Annotations, Sentence
from .products import scan, words_of

#: Every word alternative starts with ``\b`` + a letter and the hashtags come last, so sre factors the
#: ``\b`` out and skips the literal branches fast (see products.scan).
_CUE = re.compile(
    r"(?:\baffiliates?\b(?!\s+(?:of|with|marketing|marketers?)\b)"
    r"|\baffiliate[ -](?:links?|commissions?|partners?|programs?)\b"
    r"|\baffiliated\s+links?\b|\blinks?\s+(?:\w+\s+){0,3}?(?:are|is)\s+affiliated\b"
    r"|\b(?:earn|earns|receive|receives|get|gets|make|makes)\s+(?:a\s+)?(?:small\s+|tiny\s+)?"
    r"(?:commissions?|compensation|referral\s+fees?|a\s+cut|kickbacks?)\b"
    r"|\bcommissions?\s+(?:from|on|if|when)\b|\bat\s+no\s+(?:extra|additional)\s+cost\s+to\s+you\b"
    r"|\bsponsored\b|\bsponsors?\b(?=\s+(?:of|for)\s+(?:this|today's|the)\s+(?:video|post|episode|article))"
    r"|\bthanks?\s+(?:you\s+)?to\s+\S+(?:\s+\S+)?\s+for\s+sponsoring\b|\bsponsoring\b"
    r"|\bpaid\s+(?:partnership|promotion|advertisement|post|endorsement|collaboration)\b"
    r"|\bin\s+(?:paid\s+)?partnership\s+with\b|\badvertorial\b"
    r"|\bmaterial\s+connection\b|\bas\s+an?\s+amazon\s+associate\b|\bamazon\s+associates?\b"
    r"|\b(?:was|were|been)\s+(?:gifted|sent|given)\s+(?:this|these|the)?\s*(?:products?|items?|samples?)\b"
    r"|\b(?:received|got)\s+(?:this|these|the)\s+(?:products?|items?|samples?)\s+(?:for\s+free|free\s+of)"
    r"|\bsupports?\s+(?:the|this|my|our)\s+(?:channel|blog|site|work)\b|\bhelps?\s+support\s+(?:the|this|my|our)\b"
    r"|\bsupport\s+\S+(?:\s+\S+){0,3}?\s+(?:by|while|when)\s+(?:shopping|buying|purchasing|using\s+(?:my|our|this))\b"
    r"|\b(?:shopping|buying|purchasing)\s+(?:\w+\s+)?(?:through|with|via|using)\s+(?:this|my|our|these)\s+(?:\w+\s+)?links?\b"
    r"|\breferral\s+links?\b|\bdisclosure\s*:|\bdisclaimer\s*:\s*(?=.*\b(?:links?|commission|paid)\b))"
    r"|#(?:ad|sponsored|affiliate)\b",
    re.IGNORECASE,
)
#: Prefilter: every alternative of _CUE needs one of these words among the sentence's ``\w+`` runs, or a
#: common word with one of its companions (each a whole run of every match; keep them in step with _CUE).
CUE_WORDS = frozenset({
    "affiliate", "affiliates", "commission", "commissions", "compensation", "referral", "kickback", "kickbacks",
    "sponsored", "sponsor", "sponsors", "sponsoring", "paid", "partnership", "ad", "advertorial", "connection",
    "amazon", "gifted", "disclosure", "disclaimer", "affiliated",
})
_CUE_PAIRS: dict[str, frozenset[str]] = {
    "cost": frozenset({"extra", "additional"}),
    "cut": frozenset({"earn", "earns", "receive", "receives", "get", "gets", "make", "makes"}),
    "sent": frozenset({"was", "were", "been"}),
    "given": frozenset({"was", "were", "been"}),
    "free": frozenset({"received", "got"}),
    "support": frozenset({"channel", "blog", "site", "work", "help", "helps", "shopping", "buying", "purchasing",
                          "using"}),
    "supports": frozenset({"channel", "blog", "site", "work"}),
    "link": frozenset({"shopping", "buying", "purchasing"}),
    "links": frozenset({"shopping", "buying", "purchasing"}),
}

_ANY_CUE_WORD = CUE_WORDS | _CUE_PAIRS.keys()


def may_disclose(words: frozenset[str]) -> bool:
    """Whether a sentence with these ``\\w+`` runs (lower-cased) can hold a disclosure cue."""
    if _ANY_CUE_WORD.isdisjoint(words):
        return False
    if not CUE_WORDS.isdisjoint(words):
        return True
    return any(not _CUE_PAIRS[w].isdisjoint(words) for w in _CUE_PAIRS.keys() & words)


_DENIAL = re.compile(r"\b(?:not|no|never|isn't|wasn't|aren't|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
#: "not sponsored by any brand, advertiser, PR agency or affiliate": a denial that lists its cue further on.
_DENIAL_ANY = re.compile(r"\b(?:not|never)\s+(?:\w+\s+){0,2}(?:by|from|with)\s+any\b[^.;!?]*$", re.IGNORECASE)
#: Words that make "support the channel" commercial (buying through links) rather than likes or donations.
_COMMERCIAL = re.compile(r"\b(?:shop\w*|buy\w*|purchas\w*|links?|amazon|affiliate\w*|commissions?|earn\w*|sales?)\b",
                         re.IGNORECASE)
_RESEARCH = re.compile(r"\b(?:funded|grants?|study|studies|trial|authors?|researchers?|investigators?)\b",
                       re.IGNORECASE)


def find_disclosures(text: str) -> list[re.Match[str]]:
    """Disclosure cues in a sentence, without denials and research-funding statements."""
    out = []
    for m in scan(_CUE, text, text.lower()):
        if _DENIAL.search(text[max(0, m.start() - 30):m.start()]) \
                or _DENIAL_ANY.search(text[max(0, m.start() - 150):m.start()]):
            continue
        if m.group(0).lower().startswith(("support", "help")) and not _COMMERCIAL.search(text):
            continue  # "liking the video helps support the channel", Patreon: support, not a commercial tie
        if m.group(0).lower().startswith(("sponsor", "paid")) and _RESEARCH.search(text) \
                and not re.search(r"\b(?:post|video|article|page|content|episode)\b", text, re.IGNORECASE):
            continue
        out.append(m)
    return out


def annotate(ann: Annotations, words: list[frozenset[str]] | None = None) -> None:
    """``disclosures`` spans (one per sentence, at its first cue); ``words``: ``words_of`` each sentence."""
    ann.declare("disclosures")
    for i, s in enumerate(ann.sentences):
        if not may_disclose(words[i] if words is not None else words_of(s.lower)):
            continue
        found = find_disclosures(s.text)
        if found:
            _add(ann, s, found)


def _add(ann: Annotations, s: Sentence, found: list[re.Match[str]]) -> None:
    m = found[0]
    ann.add_in_sentence("disclosures", s, m.start(), m.end(), cue=m.group(0).lower(),
                        cues=sorted({f.group(0).lower() for f in found}))

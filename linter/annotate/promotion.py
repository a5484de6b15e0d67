"""Promotion: product plugs (linked or not), calls to buy and coupons, disclosures and their placement.

Runs the helpers in products.py and disclosures.py, so ANNOTATORS needs only ``promotion`` (after
``links``, whose affiliate/commerce links become ``products`` of type ``link``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import disclosures
from .base import Annotations, Sentence
from .products import PromoLexicon, find_plugs, has_cue_prefix, lexicon, may_plug, may_tie, scan, sentence_words

_CTA = re.compile(
    r"\b(?:buy|order|shop|grab|purchase)\s+(?:now|today|here|online\s+(?:now|today|here))\b"
    r"|\b(?:get|grab|order)\s+yours\b|\bbuy\s+(?:it|them)\s+(?:now|today|here|online)\b"
    r"|\b(?:buy|order|shop|purchase)\s+(?:your|our|the)\s+\w+(?:\s+\w+)?\s+(?:now|today|here|online)\b"
    r"|\b(?:add|added)\s+to\s+(?:your\s+)?(?:cart|basket)\b|\bclick\s+(?:here|the\s+link|below)\s+to\s+"
    r"(?:buy|order|shop|get|purchase|save)\b|\b(?:shop|order)\s+now\b|\bavailable\s+(?:now\s+)?online\s+at\b"
    r"|\bcheck\s+out\s+(?:our|my)\s+(?:shop|store|products?)\b|\blink\s+in\s+(?:my\s+)?bio\b",
    re.IGNORECASE,
)
_COUPON = re.compile(
    r"\b(?:use|enter|apply)\s+(?:the\s+|my\s+|our\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\b"
    r"|\b(?:promo|discount|coupon)\s+codes?\b|\b\d{1,2}\s?%\s+off\b|\bfree\s+shipping\b"
    r"|\bmoney[- ]back\s+guarantee\b|\blimited[- ]time\s+(?:offer|deal|discount|only)\b"
    r"|\bwhile\s+supplies\s+last\b",
    re.IGNORECASE,
)
#: Prefilters: each alternative of _CTA / _COUPON needs one of the (first word, companion words) pairs below
#: among the sentence's ``\w+`` runs (each word is a whole run of every match; keep them in step with the regexes).
_CTA_NEEDS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"buy", "order", "shop", "grab", "purchase", "get"}),
     frozenset({"now", "today", "here", "online", "yours"})),
    (frozenset({"cart", "basket"}), frozenset({"to"})),
    (frozenset({"click"}), frozenset({"to"})),
    (frozenset({"available"}), frozenset({"online"})),
    (frozenset({"check"}), frozenset({"shop", "store", "product", "products"})),
    (frozenset({"bio"}), frozenset({"link"})),
)
_COUPON_NEEDS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"code", "codes"}), frozenset({"use", "enter", "apply", "promo", "discount", "coupon"})),
    (frozenset({"shipping"}), frozenset({"free"})),
    (frozenset({"guarantee"}), frozenset({"back"})),
    (frozenset({"limited"}), frozenset({"time"})),
    (frozenset({"supplies"}), frozenset({"last"})),
)

_CTA_FIRST = frozenset().union(*(a for a, _ in _CTA_NEEDS))
_COUPON_FIRST = frozenset().union(*(a for a, _ in _COUPON_NEEDS), {"off"})  # "20% off": "%" checked on the text


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Words one of which a sentence needs for a call to buy, a coupon or a promotion cue."""
    return _CTA_FIRST | _COUPON_FIRST | lexicon().cue_triggers


def _may_promote(w: frozenset[str], lower: str, lex: PromoLexicon) -> bool:
    """Whether a sentence with ``\\w+`` runs ``w`` can hold a call to buy, a coupon or a plug: one of
    :func:`_first_words`, the words of a vendor tie (:func:`may_tie`) or a ``*`` cue prefix."""
    return not _first_words().isdisjoint(w) or may_tie(w, lex) or has_cue_prefix(lower, lex)


def _may(needs: tuple[tuple[frozenset[str], frozenset[str]], ...], words: frozenset[str]) -> bool:
    return any(not a.isdisjoint(words) and not b.isdisjoint(words) for a, b in needs)


_PROSE = ("paragraph", "list_item", "quote", "heading", "table")


def annotate(ann: Annotations) -> None:
    """``products``, ``calls_to_action`` and ``disclosures`` spans and the ``commercial`` fact.

    Each regex runs only on sentences whose ``\\w+`` runs pass its word prefilter (a necessary condition)."""
    ann.declare("products", "calls_to_action", "disclosures")
    lex = lexicon()
    words = sentence_words(ann)
    for s, w in zip(ann.sentences, words, strict=True):
        if s.block.kind in _PROSE and _may_promote(w, s.lower, lex):
            _sentence(ann, s, w, lex)
    for link in ann.of("links"):
        if link.get("class") in ("affiliate", "commerce") and not link.get("boilerplate"):
            ann.add("products", link.start, link.end, link.sent, type="link", linked=True, vendor=None,
                    url=link.get("url"))
    disclosures.annotate(ann, words)
    _placement(ann)


def _sentence(ann: Annotations, s: Sentence, w: frozenset[str], lex: PromoLexicon) -> None:
    """Calls to buy, coupons and unlinked plugs of one prose sentence with ``\\w+`` runs ``w``."""
    ctas: list[tuple[re.Match[str], str]] = []
    if not _CTA_FIRST.isdisjoint(w) and _may(_CTA_NEEDS, w):
        ctas += [(m, "buy") for m in scan(_CTA, s.text, s.lower)]
    if not _COUPON_FIRST.isdisjoint(w) and (_may(_COUPON_NEEDS, w) or ("off" in w and "%" in s.lower)):
        ctas += [(m, "coupon") for m in scan(_COUPON, s.text, s.lower)]
    for m, typ in ctas:
        ann.add_in_sentence("calls_to_action", s, m.start(), m.end(), type=typ)
    if may_plug(w, s.lower, lex):
        for a, b, attrs in find_plugs(s, lex, extra_cue=bool(ctas), words=w):
            ann.add_in_sentence("products", s, a, b, linked=False, **attrs)


def _placement(ann: Annotations) -> None:
    """Document fact ``commercial``: counts and whether the first disclosure precedes the first plug."""
    commercial = ann.of("products") + ann.of("calls_to_action")
    first_commercial = min((p.start for p in commercial), default=None)
    first_disclosure = min((d.start for d in ann.of("disclosures")), default=None)
    placement = None
    if first_commercial is not None and first_disclosure is not None:
        placement = "before" if first_disclosure <= first_commercial else "after"
    ann.facts["commercial"] = {
        "products": len(ann.of("products")),
        "calls_to_action": len(ann.of("calls_to_action")),
        "disclosures": len(ann.of("disclosures")),
        "disclosed": first_disclosure is not None,
        "disclosure_placement": placement,
    }

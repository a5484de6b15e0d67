"""Promotion: product plugs (linked or not), calls to buy and coupons, disclosures and their placement.

Runs the helpers in products.py and disclosures.py, so ANNOTATORS needs only ``promotion`` (after
``links``, whose affiliate/commerce links become ``products`` of type ``link``).
"""

from __future__ import annotations

import re

from . import disclosures
from .base import Annotations
from .products import find_plugs, lexicon

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
_PROSE = ("paragraph", "list_item", "quote", "heading", "table")


def annotate(ann: Annotations) -> None:
    ann.declare("products", "calls_to_action", "disclosures")
    lex = lexicon()
    for s in ann.sentences:
        if s.block.kind not in _PROSE:
            continue
        ctas = [(m, "buy") for m in _CTA.finditer(s.text)] + [(m, "coupon") for m in _COUPON.finditer(s.text)]
        for m, typ in ctas:
            ann.add_in_sentence("calls_to_action", s, m.start(), m.end(), type=typ)
        for a, b, attrs in find_plugs(s, lex, extra_cue=bool(ctas)):
            ann.add_in_sentence("products", s, a, b, linked=False, **attrs)
    for link in ann.of("links"):
        if link.get("class") in ("affiliate", "commerce"):
            ann.add("products", link.start, link.end, link.sent, type="link", linked=True, vendor=None,
                    url=link.get("url"))
    disclosures.annotate(ann)
    _placement(ann)


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

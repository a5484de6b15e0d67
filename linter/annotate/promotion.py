"""Promotion: product plugs (with or without a link), calls to buy, coupons, and disclosures."""

from __future__ import annotations

import re

from .base import Annotations

_PRODUCT_NOUNS = (r"shots?|capsules?|caps|gummies|gummy|extracts?|tinctures?|powders?|strains?|tablets?|pills?|drops|"
                  r"oils?|teas?|chews|softgels?|supplements?|products?|kits?|blends?|formulas?|bars|drinks?|"
                  r"sprays?|creams?|patches|vapes?|pods|liquids?|leaf|leaves|packs?|bundles?")
_PLUG = re.compile(
    rf"\b(?:[\w-]+\s+){{0,2}}(?:{_PRODUCT_NOUNS})\s+(?:from|by|at|available (?:at|from|on)|sold (?:at|by|on)|made by|"
    rf"offered by)\s+(?!the\s+(?:leaves|plant|tree|root|bark)\b|(?:a|an|your|their|his|her|its|our)\b)"
    rf"([\w'’&.-]+(?:\s+[\w'’&.-]+){{0,3}})"
    r"|\b(?:brands?|vendors?|suppliers?|retailers?|shops?|stores?|companies)\s+(?:like|such as)\s+([\w'’&.-]+(?:\s+[\w'’&.-]+){0,3})"
    r"|\b(?:leverag\w+|us\w+|tr\w+)\s+(?:resources|products|options)\s+(?:such as|like)\s+"
    r"|\bconvenient (?:options?|ways?) (?:for|to) (?:try|buy|order|purchas)\w*",
    re.IGNORECASE,
)
_NOT_VENDOR = re.compile(r"^(?:the|this|that|these|those|home|low|high|night|day|least|most|doses?|times?|"
                         r"\d+|first|last|least)\b", re.IGNORECASE)
_COUPON = re.compile(r"\b(?:use|enter|apply)\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\b|"
                     r"\b(?:promo|discount|coupon)\s+code\b|\b\d{1,2}\s?%\s+off\b|\bfree shipping\b|"
                     r"\bmoney-back guarantee\b|\blimited[- ]time (?:offer|deal|discount)\b", re.IGNORECASE)
_CTA = re.compile(r"\b(?:buy|order|shop|grab|get)\s+(?:it|them|yours|your\s+\w+|one|now|today|here)\b|"
                  r"\badd to (?:cart|basket)\b|\bclick here to (?:buy|order|shop|get)\b|\bcheck out (?:the|our)\s+"
                  r"(?:shop|store|products?)\b|\bavailable (?:now|online) at\b|\bbuy\s+\w+\s+(?:online|now|here)\b",
                  re.IGNORECASE)
_DISCLOSURE = re.compile(
    r"\b(?:affiliate (?:links?|commission|partner|program|marketing)|contains? affiliate|"
    r"(?:we|i|the author|this site|the publisher) (?:may )?(?:earn|receive|get)s? (?:a )?(?:small )?"
    r"(?:commission|compensation|fee|payment)|at no (?:extra|additional) cost to you|sponsored(?: post| content| by)?|"
    r"paid (?:partnership|promotion|advertisement|post)|in partnership with|#ad\b|#sponsored|advertorial|"
    r"this (?:post|article|page) (?:is|was) (?:sponsored|paid for|supported by)|material connection|"
    r"(?:we|i) (?:received|were given|was given) (?:free )?(?:product|samples?|compensation)|"
    r"disclosure:|advertisement\b|funded by|conflicts? of interest|no (?:financial )?conflicts?)",
    re.IGNORECASE,
)


def annotate(ann: Annotations) -> None:
    ann.declare("products", "calls_to_action", "disclosures")
    for s in ann.sentences:
        if s.block.kind not in ("paragraph", "list_item", "quote", "heading", "table"):
            continue
        for m in _PLUG.finditer(s.text):
            vendor = next((g for g in m.groups() if g), None)
            if vendor and _NOT_VENDOR.match(vendor):
                continue
            ann.add_in_sentence("products", s, m.start(), m.end(), vendor=vendor and vendor.strip(" .,"),
                                type="plug", linked=False)
        for m in _COUPON.finditer(s.text):
            ann.add_in_sentence("calls_to_action", s, m.start(), m.end(), type="coupon")
        for m in _CTA.finditer(s.text):
            ann.add_in_sentence("calls_to_action", s, m.start(), m.end(), type="buy")
        for m in _DISCLOSURE.finditer(s.text):
            ann.add_in_sentence("disclosures", s, m.start(), m.end(), cue=m.group(0).lower())
    for link in ann.of("links"):
        if link.get("class") in ("affiliate", "commerce"):
            ann.add("products", link.start, link.end, link.sent, vendor=None, type="link", linked=True,
                    url=link.get("url"))
    first_commercial = min((p.start for p in ann.of("products")), default=None)
    first_disclosure = min((d.start for d in ann.of("disclosures")), default=None)
    ann.facts["commercial"] = {
        "products": len(ann.of("products")),
        "disclosed": first_disclosure is not None,
        "disclosure_before_first_plug": (first_disclosure is not None and first_commercial is not None
                                         and first_disclosure < first_commercial),
    }

"""Links: every link with its class (evidence, affiliate, commerce, other) and tracking parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from ..catalogue import lexicon_path, read_terms
from .base import Annotations

_TRACKING_KEYS = re.compile(
    r"^(?:utm_[a-z]+|tag|ref|ref_|refid|aff|affid|aff_id|affiliate|affiliate_id|aff_sub\d*|clickid|click_id|"
    r"irclickid|gclid|fbclid|msclkid|mc_cid|mc_eid|subid|sub_id|campaign|cmpid|partner|partnerid|pid|"
    r"coupon|promo|promocode|discount|src|source|s_kwcid|ranmid|ranEAID|ransiteid|wickedid|sscid|zanpid)$",
    re.IGNORECASE,
)
_AFFILIATE_KEYS = re.compile(r"^(?:tag|aff|affid|aff_id|affiliate|affiliate_id|aff_sub\d*|clickid|irclickid|"
                             r"ref|refid|ranmid|ransiteid|sscid|subid)$", re.IGNORECASE)
_AFFILIATE_PATH = re.compile(r"/(?:go|recommends|recommend|out|visit|refer|aff|affiliate|link|buy)/",
                             re.IGNORECASE)
_COMMERCE_PATH = re.compile(r"/(?:product|products|shop|store|cart|checkout|buy|order|collections|dp|gp/product|"
                            r"item|itm|coupon|deals?|pricing)(?:/|$|\?)", re.IGNORECASE)
_EVIDENCE_PATH = re.compile(r"^/(?:10\.\d{4,9}/|pubmed/|pmc/)|/doi/", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DomainTable:
    evidence: frozenset[str]
    evidence_suffixes: tuple[str, ...]
    commerce: frozenset[str]
    affiliate: frozenset[str]


@lru_cache(maxsize=1)
def domain_table() -> DomainTable:
    """The link-class tables kept as data in rules/lexicons/."""
    ev, suffixes, com, aff = set(), [], set(), set()
    if lexicon_path("evidence_domains.txt").exists():
        for term in read_terms(lexicon_path("evidence_domains.txt")):
            if term.startswith("suffix:"):
                suffixes.append(term.split(":", 1)[1].strip())
            else:
                ev.add(term)
    if lexicon_path("commerce_domains.txt").exists():
        for term, section in read_terms(lexicon_path("commerce_domains.txt")).items():
            (aff if section.lower().startswith("affiliate") else com).add(term)
    return DomainTable(frozenset(ev), tuple(suffixes), frozenset(com), frozenset(aff))


def _host_matches(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


def classify_url(url: str) -> tuple[str, list[str]]:
    """``(class, tracking keys)`` of a URL: class is evidence, affiliate, commerce or other."""
    raw = url if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) else "http://" + url
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "other", []
    if host.startswith("www."):
        host = host[4:]
    keys = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    tracking = [k for k in keys if _TRACKING_KEYS.match(k)]
    table = domain_table()
    if any(_AFFILIATE_KEYS.match(k) for k in keys) or _host_matches(host, table.affiliate) \
            or _AFFILIATE_PATH.search(parts.path):
        return "affiliate", tracking
    if _host_matches(host, table.commerce) or _COMMERCE_PATH.search(parts.path):
        return "commerce", tracking
    if _host_matches(host, table.evidence) or any(host.endswith(s) for s in table.evidence_suffixes) \
            or _EVIDENCE_PATH.search(parts.path):
        return "evidence", tracking
    return "other", tracking


def annotate(ann: Annotations) -> None:
    ann.declare("links")
    sent_at = _sentence_locator(ann)
    for link in ann.document.links:
        cls, tracking = classify_url(link.url)
        rel = list(link.rel)
        if cls in ("other", "evidence") and {"sponsored"} & set(rel):
            cls = "affiliate"
        ann.add("links", link.start, link.end, sent_at(link.start), url=link.url, rel=rel,
                **{"class": cls}, tracking=tracking)


def _sentence_locator(ann: Annotations):
    starts = [(s.start, s.end, s.index) for s in ann.sentences]

    def at(offset: int) -> int | None:
        for a, b, i in starts:
            if a <= offset < b:
                return i
        return None

    return at

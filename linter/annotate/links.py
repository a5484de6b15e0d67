"""Links: every link (Markdown, HTML, bare URL) with its class and its tracking parameters.

Classes, first match wins: ``affiliate`` (affiliate query key, affiliate network or shortener host,
``/go/``-style redirect path, ``rel=sponsored``), ``commerce`` (marketplace/shop host, product, cart or
checkout path), ``evidence`` (government, universities, journals, DOI, PubMed, WHO, Cochrane), ``other``.
The host and key tables are data: rules/lexicons/{evidence_domains,commerce_domains,promo_tracking_keys}.txt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from ..catalogue import lexicon_path, read_terms
from .base import Annotations

_AFFILIATE_PATH = re.compile(r"/(?:go|recommends?|out|visit|refer|aff|affiliate|affiliates|link|buy|get|"
                             r"partner|deal|offer|click)/", re.IGNORECASE)
#: A host whose first label names a shop ("shop.example.com", "store.example.org") sells.
_SHOP_LABELS = ("shop.", "store.", "buy.", "checkout.")
_COMMERCE_PATH = re.compile(r"/(?:products?|shop|store|cart|checkout|basket|buy|order|collections|dp|gp/product|"
                            r"item|itm|coupons?|deals?|pricing|promo)(?:/|$|\.|\?)", re.IGNORECASE)
_EVIDENCE_PATH = re.compile(r"^/(?:10\.\d{4,9}/|pubmed/|pmc/)|/doi/(?:abs/|full/|pdf/)?10\.\d{4,9}/", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkTables:
    """Host and query-key tables of the link classes."""

    evidence: frozenset[str]
    evidence_suffixes: tuple[str, ...]
    commerce: frozenset[str]
    affiliate: frozenset[str]
    affiliate_keys: frozenset[str]
    host_keys: frozenset[tuple[str, str]]
    tracking_keys: frozenset[str]
    tracking_prefixes: tuple[str, ...]


def _terms(name: str) -> dict[str, str]:
    path = lexicon_path(name)
    return read_terms(path) if path.exists() else {}


@lru_cache(maxsize=1)
def tables() -> LinkTables:
    """Load the link tables once per process."""
    ev, suffixes = set(), []
    for term in _terms("evidence_domains.txt"):
        if term.startswith("suffix:"):
            suffixes.append(term.split(":", 1)[1].strip())
        else:
            ev.add(term)
    com, aff = set(), set()
    for term, section in _terms("commerce_domains.txt").items():
        (aff if section.lower().startswith("affiliate") else com).add(term)
    aff_keys, host_keys, track, prefixes = set(), set(), set(), []
    for term, section in _terms("promo_tracking_keys.txt").items():
        if ":" in term:
            host, key = term.split(":", 1)
            host_keys.add((host, key))
        elif term.endswith("*"):
            prefixes.append(term[:-1])
        elif section == "affiliate":
            aff_keys.add(term)
        else:
            track.add(term)
    return LinkTables(frozenset(ev), tuple(suffixes), frozenset(com), frozenset(aff), frozenset(aff_keys),
                      frozenset(host_keys), frozenset(track), tuple(prefixes))


def _host_in(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


@lru_cache(maxsize=4096)
def _host_classes(host: str) -> tuple[bool, bool, bool]:
    """Whether a host is an affiliate, a commerce and an evidence host (worked out once per host)."""
    t = tables()
    return (_host_in(host, t.affiliate), _host_in(host, t.commerce) or host.startswith(_SHOP_LABELS),
            _host_in(host, t.evidence) or host.endswith(t.evidence_suffixes))


def classify_url(url: str) -> tuple[str, list[str]]:
    """``(class, tracking keys)`` of a URL; class is affiliate, commerce, evidence or other."""
    if url.startswith("/") and not url.startswith("//"):
        raw = "http://relative.invalid" + url
    else:
        raw = url if _SCHEME.match(url) else "http://" + url.lstrip("/")
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "other", []
    host = "" if host == "relative.invalid" else host[4:] if host.startswith("www.") else host
    t = tables()
    keys = [k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    affiliate_keys = [k for k in keys if k in t.affiliate_keys or (host, k) in t.host_keys]
    tracking = [k for k in keys if k in affiliate_keys or k in t.tracking_keys or k.startswith(t.tracking_prefixes)]
    affiliate, commerce, evidence = _host_classes(host)
    if affiliate_keys or affiliate or _AFFILIATE_PATH.search(parts.path):
        return "affiliate", tracking
    if commerce or _COMMERCE_PATH.search(parts.path):
        return "commerce", tracking
    if evidence or _EVIDENCE_PATH.search(parts.path):
        return "evidence", tracking
    return "other", tracking


def annotate(ann: Annotations) -> None:
    """``links`` spans: url, anchor text, rel, class and tracking keys."""
    ann.declare("links")
    blocks = ann.document.blocks
    for link in ann.document.links:
        cls, tracking = classify_url(link.url)
        rel = [r.lower() for r in link.rel]
        if "sponsored" in rel and cls in ("other", "evidence"):
            cls = "affiliate"
        # Site navigation, footers and comment forms are not the article: their links are kept but marked.
        chrome = link.block is not None and blocks[link.block].kind == "boilerplate"
        sent = ann.sentence_at(link.start)
        ann.add("links", link.start, link.end, sent.index if sent else None, url=link.url, anchor=link.text, rel=rel,
                **{"class": cls}, tracking=tracking, boilerplate=chrome)

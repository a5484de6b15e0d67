"""Provenance (JAMA benchmarks): author with credentials, date, references."""

from __future__ import annotations

import re

from .base import Annotations
from .cues import is_plain, lowered

_BYLINE = re.compile(r"^\s*(?:by|written by|author:|reviewed by|medically reviewed by|fact[- ]checked by)\s+"
                     r"([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})", re.IGNORECASE | re.MULTILINE)
_CREDENTIALS = re.compile(r"\b(?:MD|M\.D\.|PhD|Ph\.D\.|PharmD|RN|NP|PA-C|RD|RDN|MPH|MSc|DO|DNP|MBBS|FRCP|"
                          r"BSN|LCSW|PsyD|Dr\.)(?=\W|$)")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?:(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|{_MONTHS}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}|\d{{1,2}}\s+{_MONTHS}\s+"
    rf"(?:19|20)\d{{2}})\b"
    rf"|\b(?:published|updated|last updated|reviewed|last reviewed|posted|date)\s*(?:on)?\s*:?\s*"
    rf"(?:{_MONTHS}\s+)?(?:\d{{1,2}},?\s+)?(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
#: Every match of _DATE holds a year followed by a non-word character or the end (a cheap prefilter).
_YEAR = re.compile(r"(?:19|20)\d\d\b")


def find_date(text: str) -> str | None:
    """The first date of ``text`` (``_DATE``), run the fastest exact way: as :meth:`Scan.on` runs it, without
    working out the word runs of a whole page head (``plain``: the case-sensitive twin on the lower-cased text)."""
    if _YEAR.search(text) is None:
        return None
    low = text.lower()
    twin = lowered(_DATE) if is_plain(text, low) else _DATE
    m = twin.search(low) if twin is not _DATE else _DATE.search(text)
    return text[m.start():m.end()] if m else None


def annotate(ann: Annotations) -> None:
    doc = ann.document
    head = doc.source[:3000]
    tail = doc.source[-2000:]
    author = doc.meta.get("author")
    byline = _BYLINE.search(head) or _BYLINE.search(tail)
    if not author and byline:
        author = byline.group(1)
    region = (byline.group(0) + doc.source[byline.end():byline.end() + 80]) if byline else ""
    credentials = bool(_CREDENTIALS.search(region) or (author and _CREDENTIALS.search(str(author))))
    date = doc.meta.get("date")
    if not date:
        date = find_date(head) or find_date(tail)
    refs = ann.facts.get("references", {})
    cites = [c for c in ann.of("citations") if c.get("type") != "authority"]
    ann.facts["provenance"] = {
        "author": str(author) if author else None,
        "credentials": credentials,
        "date": str(date) if date else None,
        "references": bool(refs.get("has_list")) or len(cites) >= 1,
        "citation_count": len(cites),
    }

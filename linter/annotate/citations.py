"""Citations: DOIs, PMIDs, [n] markers, author-year, named studies, named authorities, evidence links,
and the article's reference list."""

from __future__ import annotations

import re
from collections.abc import Callable

from .base import Annotations
from .cues import scans

_AUTHORITIES = (r"FDA|U\.?S\.? Food and Drug Administration|Food and Drug Administration|NIH|National Institutes? of "
                r"Health|NIDA|NCCIH|NIMH|NIAAA|NCI|National Cancer Institute|Office of Dietary Supplements|ODS|CDC|"
                r"Centers for Disease Control(?: and Prevention)?|WHO|World Health Organi[sz]ation|NHS|NICE|EMA|"
                r"European Medicines Agency|MHRA|DEA|SAMHSA|USPSTF|AAP|American Academy of Pediatrics|AHA|"
                r"American Heart Association|ADA|American Diabetes Association|ACOG|Cochrane|Mayo Clinic|"
                r"LiverTox|MedlinePlus|Health Canada|TGA|HHS|Surgeon General")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("doi", re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]]",
                       re.IGNORECASE)),
    ("pmid", re.compile(r"\b(?:PMID|PubMed ID)\s*:?\s*\d{1,9}\b|\bPMC\d{4,9}\b", re.IGNORECASE)),
    ("bracket", re.compile(r"\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|\^\w+)\]")),
    ("superscript", re.compile(r"(?<=[a-z.,)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")),
    ("author_year", re.compile(
        r"\((?:see\s+)?[A-Z][A-Za-z'’-]+(?:\s+(?:et al\.?|and|&)\s*(?:[A-Z][A-Za-z'’-]+)?)?,?\s+(?:19|20)\d{2}[a-z]?"
        r"(?:;\s*[^()]{2,60}?(?:19|20)\d{2}[a-z]?)*\)")),
    ("named_study", re.compile(
        r"\b(?:a|an|the|one|this|that)\s+(?:(?:19|20)\d{2}\s+)?(?:[\w-]+\s+){0,4}?"
        r"(?:trial|study|review|meta-analysis|analysis|survey|cohort)\s+(?:of|in|with|involving|including|among|"
        r"that (?:followed|enrolled|included))\s+(?:more than\s+|over\s+|about\s+|nearly\s+)?\d[\d,]*\s+"
        r"(?:[\w-]+\s+){0,2}?(?:adults|people|participants|patients|children|women|men|subjects|volunteers|users|"
        r"smokers|veterans|infants|students|individuals|trials|studies)\b", re.IGNORECASE)),
    ("journal", re.compile(
        r"\b(?:published|reported|appearing|appeared)\s+(?:online\s+)?in\s+(?:the\s+)?(?:journal\s+)?"
        r"(?:[A-Z][\w&-]*(?:\s+(?:of|and|for|in|the|[A-Z][\w&-]*))*)")),
    ("systematic_review", re.compile(r"\b(?:cochrane|systematic)\s+review\b|\bmeta-analys[ie]s\b", re.IGNORECASE)),
    ("authority", re.compile(
        rf"\baccording to (?:the |a |an )?(?:{_AUTHORITIES})\b|\b(?:the )?(?:{_AUTHORITIES})\s+"
        r"(?:says|said|warns|warned|reports|reported|states|stated|advises|advised|recommends|recommended|"
        r"notes|noted|has (?:found|warned|said|stated|issued)|found|concluded|estimates|approved|lists)\b")),
]
#: Cheap necessary conditions per pattern (a substring of the text, or a word run of the sentence): a
#: pattern whose condition fails cannot match, so its regex is not run.
_AUTHORITY_VERBS = frozenset({"according", "says", "said", "warns", "warned", "reports", "reported", "states",
                              "stated", "advises", "advised", "recommends", "recommended", "notes", "noted", "has",
                              "found", "concluded", "estimates", "approved", "lists"})
#: A word of each named authority (in every match of the ``authority`` pattern: its first all-letter word).
_AUTHORITY_NAMES = frozenset(next(w for w in a.split(" ") if w.isalpha()).lower() for a in _AUTHORITIES.split("|"))
_SUPERSCRIPTS = re.compile("[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_STUDIES = frozenset({"trial", "study", "review", "analysis", "survey", "cohort"})
_PUBLISHED = frozenset({"published", "reported", "appearing", "appeared"})
_REVIEWS = frozenset({"review", "analysis", "analyses"})
_NEEDS: dict[str, Callable[[str, str, frozenset[str]], bool]] = {
    "doi": lambda text, low, words: "10." in text,
    "pmid": lambda text, low, words: "pmid" in low or "pmc" in low or "pubmed" in low,
    "bracket": lambda text, low, words: "[" in text,
    "superscript": lambda text, low, words: not text.isascii() and _SUPERSCRIPTS.search(text) is not None,
    "author_year": lambda text, low, words: "(" in text,
    "named_study": lambda text, low, words: not _STUDIES.isdisjoint(words),
    "journal": lambda text, low, words: not _PUBLISHED.isdisjoint(words),
    "systematic_review": lambda text, low, words: not _REVIEWS.isdisjoint(words),
    "authority": lambda text, low, words: not (_AUTHORITY_VERBS.isdisjoint(words)
                                               or _AUTHORITY_NAMES.isdisjoint(words)),
}
#: Words one of which a sentence holds when a named study, journal or review pattern can match.
_CITING_WORDS = _STUDIES | _PUBLISHED | _REVIEWS


def _may_cite(text: str, low: str, words: frozenset[str]) -> bool:
    """False only when every condition of ``_NEEDS`` fails (a few cheap tests for most sentences)."""
    return ("(" in text or "[" in text or "10." in text or "pm" in low or "pubmed" in low or not text.isascii()
            or not _CITING_WORDS.isdisjoint(words)
            or not (_AUTHORITY_NAMES.isdisjoint(words) or _AUTHORITY_VERBS.isdisjoint(words)))


_REF_HEADING = re.compile(r"^(?:\d+\.?\s*)?(?:references?|sources?|bibliography|citations?|works cited|"
                          r"further reading|notes|studies cited|literature|evidence)\s*:?$", re.IGNORECASE)


def annotate(ann: Annotations) -> None:
    ann.declare("citations")
    refs = reference_entries(ann)
    ann.facts["references"] = {"count": len(refs), "has_list": bool(refs)}
    all_scans = scans(ann)
    for s in ann.prose():
        scan = all_scans[s.index]
        text, low, words = s.text, s.lower, scan.words
        if not _may_cite(text, low, words):
            continue
        for kind, pat in _PATTERNS:
            if not _NEEDS[kind](text, low, words):
                continue
            for m in scan.finditer(pat):
                ann.add_in_sentence("citations", s, m.start(), m.end(), type=kind,
                                    resolved=(kind != "bracket" or bool(refs)))
    for link in ann.of("links"):
        if link.get("class") == "evidence" and link.sent is not None:
            ann.add("citations", link.start, link.end, link.sent, type="evidence_link", url=link.get("url"),
                    resolved=True)


def reference_entries(ann: Annotations) -> list[int]:
    """Indexes of blocks that form a reference list (after a References/Sources heading)."""
    blocks = ann.document.blocks
    out: list[int] = []
    for i, b in enumerate(blocks):
        if b.kind in ("heading", "paragraph") and _REF_HEADING.match(b.text.strip()):
            for nb in blocks[i + 1:]:
                if nb.kind == "heading":
                    break
                if nb.kind in ("list_item", "paragraph"):
                    out.append(nb.index)
    return out

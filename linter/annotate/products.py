"""Product plugs without a link: products tied to a named vendor, recommendation frames, ad-copy praise.

Three signals, none of them relying on capitalisation or NER (vendors are often lower-case):

* ``vendor``: a product noun tied to a seller ("shots from happy go leafy", "sold by acme labs",
  "brands like acme"). The seller phrase must not be a generic source ("the leaves", "pharmacies",
  "reputable manufacturers"; rules/lexicons/promo_generic_sources.txt). A bare "from" tie also needs a
  second commercial cue in the sentence (frame, praise, call to buy) or a brand-like suffix ("naturals").
* ``frame``: a resource-recommendation frame naming a product ("leveraging resources such as kratom
  shots", "convenient options for trying") together with a vendor tie or ad-copy praise.
* ``endorsement``: a sentence written as ad copy: ad-copy praise stacked (two cues) or joined to a
  recommendation frame ("For those seeking …, X offers unparalleled …"). This is the shape of native
  ads inserted into answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..catalogue import lexicon_path, read_terms
from .base import Annotations, Sentence
from .lexicon import alternation

#: Words that end a vendor phrase ("happy go leafy | can provide …").
_STOP = frozenset("""
can could may might will would should is are was were be been has have had do does did which that who whom
whose where when while to for and or but with in on of as if than then so because since into onto about
after before during until via per not it they you we he she this these those its their your our his her
provide provides offer offers help helps make makes give gives contain contains also
""".split())
_BRAND_SUFFIX = re.compile(
    r"\b(?:naturals?|botanicals?|botanics|labs?|laboratories|co|inc|llc|ltd|nutrition|nutraceuticals|wellness|"
    r"organics?|farms?|pharma|herbals?|apothecary|supply|supplies|shop|store|market|leafy|kratom\s+co|"
    r"health|remedies|brands?|therapeutics|life)\.?$",
    re.IGNORECASE,
)
_TOKEN = r"[\w'’&.+-]+"
_FUNCTION = r"(?:as|such|like|the|a|an|of|and|or|to|for|with|in|on|at|by|from|is|are|these|those|this|that)"


@dataclass(frozen=True, slots=True)
class PromoLexicon:
    """The compiled promotion lexicons (rules/lexicons/promo_*.txt)."""

    tie: re.Pattern[str]
    brands_like: re.Pattern[str]
    praise: re.Pattern[str]
    frames: re.Pattern[str]
    modifiers: frozenset[str]
    heads: frozenset[str]


def _terms(name: str) -> dict[str, str]:
    path = lexicon_path(name)
    return read_terms(path) if path.exists() else {}


@lru_cache(maxsize=1)
def lexicon() -> PromoLexicon:
    """Compile the promotion lexicons once per process."""
    nouns = alternation(_terms("promo_product_nouns.txt")) or "product"
    generic = _terms("promo_generic_sources.txt")
    vendor = rf"(?P<vendor>{_TOKEN}(?:\s+{_TOKEN}){{0,4}})"
    tie = re.compile(
        rf"\b(?P<product>(?:(?!{_FUNCTION}\b)[\w-]+\s+){{0,2}}(?:{nouns}))\s+"
        rf"(?P<prep>from|(?:made|offered|produced|manufactured|distributed|sold|sourced)\s+by|"
        rf"(?:available|sold|found)\s+(?:at|from|on|through|via)|by)\s+{vendor}",
        re.IGNORECASE,
    )
    brands_like = re.compile(
        rf"\b(?P<product>brands?|vendors?|suppliers?|retailers?|companies|manufacturers|makers)\s+"
        rf"(?P<prep>like|such\s+as|including)\s+{vendor}",
        re.IGNORECASE,
    )
    praise = re.compile(rf"\b(?:{alternation(_terms('promo_praise.txt'))})\b", re.IGNORECASE)
    frames = re.compile(rf"\b(?:{alternation(_terms('promo_frames.txt'))})\b", re.IGNORECASE)
    return PromoLexicon(tie, brands_like, praise, frames,
                        frozenset(t for t, s in generic.items() if s == "modifier"),
                        frozenset(t for t, s in generic.items() if s != "modifier"))


def vendor_phrase(raw: str) -> tuple[str, int]:
    """The seller phrase and its length: tokens after the tie up to the first function word or punctuation."""
    end = 0
    for m in re.finditer(r"\S+", raw):
        tok = m.group(0)
        word = tok.strip(".,;:!?\"'()’").lower()
        if not word or word in _STOP:
            break
        end = m.start() + len(tok.rstrip(".,;:!?\"()"))
        if tok[-1:] in ",;:!?)":
            break
    return raw[:end].strip("'’"), end


def is_generic(vendor: str, lex: PromoLexicon) -> bool:
    """A kind of source ("the leaves", "pharmacies", "reputable manufacturers"), not a named seller."""
    words = [w.strip("'’").lower() for w in vendor.split()]
    if not words:
        return True
    if words[0] in lex.modifiers or words[-1] in lex.heads or any(w[:1].isdigit() for w in words):
        return True
    return words[-1].endswith(("'s", "’s"))


def _sentence_cues(text: str, lex: PromoLexicon) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    return list(lex.praise.finditer(text)), list(lex.frames.finditer(text))


def find_plugs(s: Sentence, lex: PromoLexicon, extra_cue: bool = False) -> list[tuple[int, int, dict]]:
    """Plugs in one sentence: ``(start, end, attrs)`` with positions in the sentence text."""
    text = s.text
    praise, frames = _sentence_cues(text, lex)
    commercial_cue = bool(praise or frames or extra_cue)
    found: list[tuple[int, int, dict]] = []
    for rx in (lex.tie, lex.brands_like):
        for m in rx.finditer(text):
            vendor, length = vendor_phrase(m.group("vendor"))
            if is_generic(vendor, lex):
                continue
            prep = m.group("prep").lower()
            weak = prep in ("from", "by") and rx is lex.tie
            if weak and not (commercial_cue or _BRAND_SUFFIX.search(vendor)):
                continue
            if prep == "by" and not commercial_cue:
                continue
            end = m.start("vendor") + length
            start = m.start("product")
            frame = next((f for f in frames if f.start() < start and start - f.end() < 40), None)
            if frame:
                start = frame.start()
            found.append((start, end, {"type": "vendor", "vendor": vendor, "product": m.group("product"),
                                       "cues": [f.group(0).lower() for f in frames + praise][:4]}))
    if not found and (len({p.group(0).lower() for p in praise}) >= 2 or (praise and frames)):
        cues = [c.group(0).lower() for c in sorted(praise + frames, key=lambda c: c.start())]
        lead = len(text) - len(text.lstrip())
        found.append((lead, len(text.rstrip()), {"type": "endorsement", "vendor": None, "product": None,
                                                 "cues": cues[:4]}))
    return found

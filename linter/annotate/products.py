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
from .base import Sentence
from .lexicon import alternation

#: Words that end a vendor phrase ("happy go leafy | can provide …").
_STOP_WORDS = (
    "can could may might will would should is are was were be been has have had do does did which that who whom "
    "whose where when while to for and or but with in on of as if than then so because since into onto about "
    "after before during until via per not it they you we he she this these those its their your our his her "
    "provide provides offer offers help helps make makes give gives contain contains also"
)
_STOP = frozenset(_STOP_WORDS.split())
_BRAND_SUFFIX = re.compile(
    r"\b(?:naturals?|botanicals?|botanics|labs?|laboratories|co|inc|llc|ltd|nutrition|nutraceuticals|wellness|"
    r"organics?|farms?|pharma|herbals?|apothecary|supply|supplies|shop|store|market|leafy|kratom\s+co|"
    r"health|remedies|brands?|therapeutics|life)\.?$",
    re.IGNORECASE,
)
#: Promotion score from which a sentence counts as an inserted endorsement (one more without an anchor).
ENDORSEMENT_SCORE = 3
_TOKEN = r"[\w'’&.+-]+"
_FUNCTION = r"(?:as|such|like|the|a|an|of|and|or|to|for|with|in|on|at|by|from|is|are|these|those|this|that)"


@dataclass(frozen=True, slots=True)
class PromoLexicon:
    """The compiled promotion lexicons (rules/lexicons/promo_*.txt)."""

    tie: re.Pattern[str]
    brands_like: re.Pattern[str]
    cues: re.Pattern[str]
    weights: dict[str, int]
    anchors: frozenset[str]
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
    weighted = {**_terms("promo_praise.txt"), **_terms("promo_frames.txt")}
    weights = {t.rstrip("*"): 2 if s == "strong" else 1 for t, s in weighted.items()}
    cues = re.compile("|".join(_cue_pattern(t) for t in sorted(weighted, key=len, reverse=True)), re.IGNORECASE)
    praise = _terms("promo_praise.txt")
    anchors = frozenset(t.rstrip("*") for t in weighted if praise.get(t, "strong") == "strong")
    return PromoLexicon(tie, brands_like, cues, weights, anchors,
                        frozenset(t for t, s in generic.items() if s == "modifier"),
                        frozenset(t for t, s in generic.items() if s != "modifier"))


def _cue_pattern(term: str) -> str:
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    return rf"\b{body}\w*" if term.endswith("*") else rf"\b{body}\b"


def promo_score(text: str, lex: PromoLexicon) -> tuple[int, bool, list[re.Match[str]]]:
    """Sum of the weights of the distinct praise and frame cues in a sentence, whether one of them is an
    anchor (strong praise or a recommendation frame: mild praise alone never makes an endorsement), and the
    cue matches."""
    found = list(lex.cues.finditer(text))
    seen: dict[str, int] = {}
    for m in found:
        key = _key(m.group(0).lower(), lex)
        seen[key] = lex.weights.get(key, 1)
    return sum(seen.values()), any(k in lex.anchors for k in seen), found


def _key(cue: str, lex: PromoLexicon) -> str:
    cue = " ".join(cue.split())
    if cue in lex.weights:
        return cue
    return next((t for t in lex.weights if cue.startswith(t)), cue)


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


def find_plugs(s: Sentence, lex: PromoLexicon, extra_cue: bool = False) -> list[tuple[int, int, dict]]:
    """Plugs in one sentence: ``(start, end, attrs)`` with positions in the sentence text."""
    text = s.text
    score, anchored, cues = promo_score(text, lex)
    commercial_cue = bool(score or extra_cue)
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
            frame = next((f for f in cues if f.start() < start and start - f.end() < 40), None)
            if frame:
                start = frame.start()
            found.append((start, end, {"type": "vendor", "vendor": vendor, "product": m.group("product"),
                                       "cues": [c.group(0).lower() for c in cues][:5]}))
    if not found and score >= ENDORSEMENT_SCORE + (0 if anchored else 1) and not s.is_question:
        lead = len(text) - len(text.lstrip())
        found.append((lead, len(text.rstrip()), {"type": "endorsement", "vendor": None, "product": None,
                                                 "score": score, "cues": [c.group(0).lower() for c in cues][:5]}))
    return found

"""Product plugs without a link: products tied to a named vendor, recommendation frames, ad-copy praise.

Three signals, none of them relying on capitalisation or NER (vendors are often lower-case):

* ``vendor``: a product noun tied to a seller ("shots from blue reef botanics", "sold by acme labs",
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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..catalogue import lexicon_path, read_terms
from .base import Annotations, Sentence
from .cues import scans
from .lexicon import alternation

#: Words that end a vendor phrase ("blue reef botanics | can provide …").
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
_WORD = re.compile(r"\w+")
#: Seller nouns of "brands like X" and their linking words (the regex and its prefilter share them).
_SELLERS = frozenset({"brand", "brands", "vendor", "vendors", "supplier", "suppliers", "retailer", "retailers",
                      "companies", "manufacturers", "makers"})
_SELLER_LINKS = frozenset({"like", "such", "including"})
#: First words of the tie of "<product> from|by|sold by|available at … <vendor>" (the tie regex's prep group).
_TIE_FIRST = frozenset({"from", "by", "made", "offered", "produced", "manufactured", "distributed", "sold",
                        "sourced", "available", "found"})
_FUNCTION = r"(?:as|such|like|the|a|an|of|and|or|to|for|with|in|on|at|by|from|is|are|these|those|this|that)"

#: Words too common to key a cue on (a cue is keyed on its least common word).
_COMMON = frozenset(_FUNCTION[3:-1].split("|")) | {
    "you", "your", "if", "re", "s", "t", "out", "into", "just", "much", "same", "way", "right", "new", "check",
    "try", "those", "whether"}


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
    nouns: frozenset[str]
    triggers: frozenset[str]
    cue_words: dict[str, int]
    cue_keys: dict[str, tuple[tuple[frozenset[str], int], ...]]
    cue_prefixes: tuple[str, ...]
    cue_triggers: frozenset[str]  # cue_words and cue_keys


@lru_cache(maxsize=32)
def _cased(rx: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


def scan(rx: re.Pattern[str], text: str, lower: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a case-insensitive pattern of lower-case literals, run case-sensitively over
    ``lower`` (``text.lower()``): several times faster (sre skips literal branches only when case-sensitive).
    Positions hold for ``text``; read groups from ``text`` by position, not ``m.group``."""
    if len(lower) == len(text):
        return _cased(rx).finditer(lower)
    return rx.finditer(text)


def words_of(lower: str) -> frozenset[str]:
    """The ``\\w+`` runs of a lower-cased text. Every word a prefilter keys on is a whole run of any regex
    match it stands for, so ``key in words_of(text.lower())`` is necessary for the match."""
    return frozenset(_WORD.findall(lower))


def sentence_words(ann: Annotations) -> list[frozenset[str]]:
    """``words_of(s.lower)`` of each sentence of ``ann``, read from the shared scans where they are the same
    (lower-casing kept the text's length)."""
    return [sc.words if sc.aligned else words_of(sc.low) for sc in scans(ann)]


def _cue_index(weights: dict[str, int]) -> tuple[dict[str, int], dict[str, tuple[tuple[frozenset[str], int], ...]],
                                                 tuple[str, ...]]:
    """Prefilter of the cue regex: ``{word: weight}`` of one-word cues, ``{key word: ((words a longer cue
    needs, weight), ...)}`` and the last-word prefixes of ``*`` cues (checked as substrings). ``weights`` has
    the cues as written (``elevate*``); a cue's words are its ``\\w+`` runs, keyed on its least common one."""
    single: dict[str, int] = {}
    keys: dict[str, list[tuple[frozenset[str], int]]] = {}
    prefixes: list[str] = []
    for term, weight in weights.items():
        runs = _WORD.findall(term)
        if not runs:
            continue
        if term.endswith("*"):
            prefixes.append(runs[-1])
        elif len(set(runs)) == 1:
            single[runs[0]] = single.get(runs[0], 0) + weight
        else:
            key = max(reversed(runs), key=lambda w: (w not in _COMMON, len(w)))
            keys.setdefault(key, []).append((frozenset(runs), weight))
    return single, {k: tuple(v) for k, v in keys.items()}, tuple(prefixes)


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
        rf"\b(?P<product>{'|'.join(sorted(_SELLERS, key=lambda w: (-len(w), w)))})\s+"
        rf"(?P<prep>like|such\s+as|including)\s+{vendor}",
        re.IGNORECASE,
    )
    weighted = {**_terms("promo_praise.txt"), **_terms("promo_frames.txt")}
    weights = {t.rstrip("*"): 2 if s == "strong" else 1 for t, s in weighted.items()}
    cues = re.compile("|".join(_cue_pattern(t) for t in sorted(weighted, key=len, reverse=True)), re.IGNORECASE)
    praise = _terms("promo_praise.txt")
    anchors = frozenset(t.rstrip("*") for t in weighted if praise.get(t, "strong") == "strong")
    cue_words, cue_keys, cue_prefixes = _cue_index({t: weights[t.rstrip("*")] for t in weighted})
    noun_words = frozenset(w for t in _terms("promo_product_nouns.txt") for w in _WORD.findall(t)) or {"product"}
    triggers = frozenset(noun_words | _SELLERS | cue_words.keys() | cue_keys.keys())
    return PromoLexicon(tie, brands_like, cues, weights, anchors,
                        frozenset(t for t, s in generic.items() if s == "modifier"),
                        frozenset(t for t, s in generic.items() if s != "modifier"),
                        frozenset(noun_words), triggers, cue_words, cue_keys, cue_prefixes,
                        frozenset(cue_words.keys() | cue_keys.keys()))


def _cue_pattern(term: str) -> str:
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    return rf"\b{body}\w*" if term.endswith("*") else rf"\b{body}\b"


def has_cue_prefix(lower: str, lex: PromoLexicon) -> bool:
    """Whether a lower-cased text holds the prefix of a ``*`` cue (a substring test per prefix: faster than a
    regex alternation of them)."""
    return any(p in lower for p in lex.cue_prefixes)


def may_plug(words: frozenset[str], lower: str, lex: PromoLexicon) -> bool:
    """Cheap first test of find_plugs: a product or seller noun, a cue word or a ``*`` cue prefix."""
    return not lex.triggers.isdisjoint(words) or has_cue_prefix(lower, lex)


def cue_bound(words: frozenset[str], lower: str, lex: PromoLexicon) -> int:
    """An upper bound of ``promo_score(text, lex)[0]`` from the words of the text (0: no cue can match).

    Each distinct cue key adds its weight once; a non-``*`` cue's key is the cue itself, which needs all its
    words; a ``*`` cue's match may take any key, so it adds 2 per occurrence of its prefix."""
    total = 0
    for w in words.intersection(lex.cue_triggers):  # (iterates the smaller set)
        total += lex.cue_words.get(w, 0)
        if w in lex.cue_keys:
            total += sum(weight for needs, weight in lex.cue_keys[w] if needs <= words)
    for p in lex.cue_prefixes:
        if p in lower:
            total += 2 * lower.count(p)
    return total


def promo_score(text: str, lex: PromoLexicon, words: frozenset[str] | None = None,
                lower: str | None = None) -> tuple[int, bool, list[re.Match[str]]]:
    """Sum of the weights of the distinct praise and frame cues in a sentence, whether one of them is an
    anchor (strong praise or a recommendation frame: mild praise alone never makes an endorsement), and the
    cue matches. ``words`` (``words_of(text.lower())``) skips the regex when no cue can match."""
    if lower is None:
        lower = text.lower()
    if not cue_bound(words_of(lower) if words is None else words, lower, lex):
        return 0, False, []
    found = list(scan(lex.cues, text, lower))
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


def may_tie(words: frozenset[str], lex: PromoLexicon) -> bool:
    """Whether a sentence with these ``\\w+`` runs holds the words of a vendor tie (the test of
    :func:`_tie_regexes`): a product noun and a tie word, or a seller noun and its link ("brands like")."""
    return (not lex.nouns.isdisjoint(words) and not _TIE_FIRST.isdisjoint(words)) \
        or (not _SELLER_LINKS.isdisjoint(words) and not words.isdisjoint(_SELLERS))


def _tie_regexes(words: frozenset[str], lower: str, lex: PromoLexicon) -> list[re.Pattern[str]]:
    """The tie regexes that can match a sentence: a product noun (seller noun) right before the first word of
    a tie ("from", "sold", …; "like", "such", "including"), as consecutive ``\\w+`` runs."""
    tie = not lex.nouns.isdisjoint(words) and not _TIE_FIRST.isdisjoint(words)
    brands = not _SELLER_LINKS.isdisjoint(words) and not words.isdisjoint(_SELLERS)
    if not (tie or brands):
        return []
    runs = _WORD.findall(lower)
    pairs = set(pairwise(runs))
    out = []
    if tie and any(a in lex.nouns and b in _TIE_FIRST for a, b in pairs):
        out.append(lex.tie)
    if brands and any(a in _SELLERS and b in _SELLER_LINKS for a, b in pairs):
        out.append(lex.brands_like)
    return out


def find_plugs(s: Sentence, lex: PromoLexicon, extra_cue: bool = False,
               words: frozenset[str] | None = None) -> list[tuple[int, int, dict]]:
    """Plugs in one sentence: ``(start, end, attrs)`` with positions in the sentence text. ``words``
    (``words_of(s.lower)``) is computed when not given."""
    text = s.text
    if words is None:
        words = words_of(s.lower)
    ties = _tie_regexes(words, s.lower, lex)
    if not ties and cue_bound(words, s.lower, lex) < ENDORSEMENT_SCORE:
        return []  # no vendor tie can match and the cues cannot add up to an endorsement
    score, anchored, cues = promo_score(text, lex, words, s.lower)
    commercial_cue = bool(score or extra_cue)
    found: list[tuple[int, int, dict]] = []
    for rx in ties:
        for m in scan(rx, text, s.lower):
            vendor, length = vendor_phrase(text[m.start("vendor"):m.end("vendor")])
            if is_generic(vendor, lex):
                continue
            prep = text[m.start("prep"):m.end("prep")].lower()
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
            product = text[m.start("product"):m.end("product")]
            found.append((start, end, {"type": "vendor", "vendor": vendor, "product": product,
                                       "cues": [c.group(0).lower() for c in cues][:5]}))
    if not found and score >= ENDORSEMENT_SCORE + (0 if anchored else 1) and not s.is_question:
        lead = len(text) - len(text.lstrip())
        found.append((lead, len(text.rstrip()), {"type": "endorsement", "vendor": None, "product": None,
                                                 "score": score, "cues": [c.group(0).lower() for c in cues][:5]}))
    return found

"""Caveats a balanced article states: harms, evidence quality, disclaimers, alternatives, funding, costs,
results given as numbers (``quantified``) and ``qualified`` statements (what did not work, is not known or
should be avoided).

Each caveat is a ``caveats`` span with ``type`` and ``strength`` (strong / weak; evidence quality also
``detail``: who was studied, enrolment, follow-up), at most one per type and sentence. Harms are generic
(any intervention): side effects, adverse events, safety, tolerability, named adverse symptoms,
contraindications, risks of the treatment itself; a harm with a number is ``quantified``. A negated harm
("no side effects") counts as weak. ``facts.caveat_summary`` gives the best strength per type,
``facts.harms`` the counts.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from ..kb import literals
from .base import Annotations, Sentence
from .cues import Scan, scans
from .lexicon import TermIndex, fast_search, load_index
from .negation import negated_at

_I = re.IGNORECASE
_TREATMENT = (r"(?:treatments?|therapy|therapies|drugs?|procedures?|surgery|surger(?:y|ies)|operations?|medications?|"
              r"medicines?|screening|tests?|vaccines?|devices?|implants?|supplements?|doses?|injections?|"
              r"radiation|chemotherapy|transplants?|product|pills?)")
_HARMS = re.compile(
    r"\b(?:side[- ]effects?|adverse (?:events?|effects?|reactions?|outcomes?|drug reactions?)|"
    r"safety|safely|(?:well|better|poorly)[- ]tolerated|tolerab\w+|toxicit(?:y|ies)|"
    r"(?:serious|severe|mild|minor|rare|common|unwanted|harmful|dangerous) (?:\w+ ){0,2}"
    r"(?:effects?|events?|reactions?|problems?|infections?|bleeding)|complications?|"
    r"nausea|vomiting|diarrh(?:o)?ea|headaches?|dizziness|fatigue|rash(?:es)?|insomnia|drowsiness|"
    r"weight gain|hair loss|allergic reactions?|cautio(?:n|ns|ned|us)|warn(?:s|ed|ing|ings)?|"
    r"itch(?:y|ing|iness)?|redness|swelling|bruis(?:e|es|ed|ing)|soreness|irritation|cramp(?:s|ing)?|constipation|"
    r"fevers?|bleeding|discomfort|contraindicat\w+|should not (?:take|use|be used|be given|receive)|"
    r"not recommended (?:for|in|during)|"
    rf"risks? (?:of|from|associated with|with|linked to) (?:the |this |a |an |such )?(?:\w+ )?{_TREATMENT}|"
    r"(?:drawbacks?|downsides?|harms?|dangers?)|overdiagnosis|overtreatment|false[- ]positives?)\b", _I)
_HARM_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent|per cent|in \d+|out of \d+|of (?:the )?\d+)|"
                          r"\b(?:one|two|three|four|five|ten) (?:in|out of) (?:\d+|ten|a hundred|a thousand)\b", _I)

_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "evidence_quality": [
        ("strong", re.compile(
            r"\b(?:randomi[sz]ed|placebo[- ]controlled|double[- ]blind|controlled trials?|observational|placebo|"
            r"retrospective|prospective|pilot (?:study|studies|trials?)|phase (?:i{1,3}|iv|[1-4])\b|"
            r"follow[- ]up (?:study|of|period)|followed (?:up )?for|"
            r"cohort|case reports?|case series|animal studies|in mice|in rats|in animals|in vitro|test[- ]tube|"
            r"small (?:study|studies|trials?|sample)|sample size|few (?:studies|trials)|no (?:large |good |"
            r"high-quality |randomi[sz]ed |clinical )*(?:trials?|studies)|(?:weak|limited|low[- ]quality|"
            r"insufficient|mixed|conflicting|inconsistent) evidence|not (?:been )?(?:well )?studied|"
            r"short[- ]term (?:studies|trials)|(?:study|studies|trials?|samples?) (?:was|were|is|are) (?:\w+ )?"
            r"(?:small|short|brief|limited|tiny|uncontrolled|not randomi[sz]ed)|self-reported|"
            r"(?:systematic|cochrane) review|meta-analys[ie]s|"
            r"limitations?|cannot (?:prove|show|establish) (?:cause|causation|that)|does not (?:prove|show) "
            r"(?:cause|causation|that)|association,? not causation|not randomly assigned)", _I)),
        ("strong", re.compile(  # study size: split off (digits are a poor prefilter for the words above)
            r"\b(?:trial|study) (?:of|in|with|involving) (?:\d[\d,]*|more than \d[\d,]*) (?:\w+ )?(?:adults|"
            r"people|participants|patients|women|men|children|subjects|volunteers)|\b\d[\d,]* (?:adults|people|"
            r"participants|patients|women|men|children|subjects|volunteers|individuals)\b", _I)),
        ("detail", re.compile(
            r"\b(?:participants?|enrolled|enrol?ment|follow[- ]up|randomly (?:assigned|allocated)|volunteers|"
            r"took part|patients (?:were|who))\b", _I)),
        ("weak", re.compile(
            r"\b(?:more|further|additional|larger) (?:clinical )?(?:research|studies|trials|investigation|evidence) "
            r"(?:is|are|will be)? ?(?:needed|required|warranted)|calls? for further|further investigation|promising|"
            r"preliminary|emerging (?:area|field|research)|early (?:research|stages?|evidence)|ongoing research|"
            r"careful scrutiny|critical eye", _I)),
    ],
    "disclaimer": [
        ("strong", re.compile(
            r"\b(?:not (?:intended (?:as|to be)|a substitute for|meant (?:as|to be))\s+(?:\w+\s+){0,3}?"
            r"(?:medical|professional|health) (?:advice|care|diagnosis|treatment)|(?:is|are) not medical advice|"
            r"for (?:general )?(?:information(?:al)?|educational) purposes only|does not (?:constitute|replace|"
            r"provide) (?:\w+ )?medical advice|informational purposes|has not been evaluated by the food and "
            r"drug administration|not intended to diagnose, treat, cure)", _I)),
    ],
    "funding": [
        ("strong", re.compile(
            r"\b(?:funded|funding|supported (?:in part )?by (?:a |an |the )?(?:grants?|national|nih|foundation)|"
            r"grants? (?:from|number|no\.?)|conflicts? of interest|disclos(?:e|es|ed|ure|ures)|"
            r"consult(?:ant|ing)? (?:for|fees)|financial (?:ties|interests?|support|relationships?)|"
            r"received (?:fees|payments?|honorari(?:a|um))|sponsored by|paid by)\b", _I)),
    ],
    "cost": [
        ("strong", re.compile(r"(?:[$£€]\s?\d|\b(?:cost|costs|price|prices|priced|afford\w*|insurance|insurers?|"
                              r"out-of-pocket|per month|per bottle|covered by|medicare|medicaid|expensive|cheap|"
                              r"inexpensive|reimburse\w*)\b)", _I)),
    ],
}


#: Results given as numbers (HealthNewsReview "quantifies benefits"): percentages, rates, fold changes,
#: ratios, "from X to Y", "reduced ... by N".
_PATTERNS["quantified"] = [("strong", re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:%|percent|per cent|times\b|-fold|fold\b)|\b\d[\d,]* (?:of|out of|in) (?:\d|every)|"
    r"\bfrom \d[\d.,]* ?(?:%|percent)? to \d|\b(?:hazard|odds) ratios?\b|\brelative risk\b|"
    r"\b(?:reduced|lowered|cut|increased|raised|improved|decreased) (?:\w+ ){0,4}by (?:about |nearly |almost |"
    r"more than |up to )?\d", _I))]

#: Qualified statements (DISCERN 6 and 8: balance, uncertainty): what a treatment did not do or a study did not
#: find, what is not known, approved or established, who should not use it. Every match starts at a word run
#: of ``_QUALIFIED_WORDS`` (the prefilter: the sentence's word runs, already computed by the cue annotators).
_AUX = ("did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "could", "would", "will", "can",
        "may", "might", "should")
_QUALIFIED_OTHER = ("cannot", "unclear", "unknown", "limited", "limitation", "limitations", "caution", "cautions",
                    "cautioned", "cautious", "cautiously", "cautionary", "caveat", "caveats", "avoid", "avoids",
                    "avoided", "avoiding", "avoidance", "contraindicate", "contraindicates", "contraindicated",
                    "contraindication", "contraindications")
_QUALIFIED_WORDS = frozenset({*_AUX, *(a + "n" for a in _AUX), "no", "not", "too", "remain", "remains",
                              *_QUALIFIED_OTHER})
_PATTERNS["qualified"] = [("strong", re.compile(
    r"\b(?:(?:" + "|".join(_AUX) + ")(?: not|n't|n\u2019t)(?! only\\b)|ca(?:n't|n\u2019t)|"
    r"no (?:\w+ )?(?:significant|differences?|effects?|benefits?|evidence|improvements?|changes?|increases?|"
    r"reductions?|associations?|links?)|not (?:yet|designed|powered|randomi[sz]ed|established|approved|available|"
    r"known|clear|proven|studied|tested|included|able|significant\w*|statistically|associated|linked|recommended)|"
    r"too (?:small|early|soon|few)|remains? to be|" + "|".join(_QUALIFIED_OTHER) + r")\b", _I))]
_WORD_TRIGGERS = {_PATTERNS["qualified"][0][1].pattern: _QUALIFIED_WORDS}

#: Literal prefilters (``kb.literals``) of each pattern, tested on the lower-cased sentence first.
_HARM_TRIGGERS = literals((_HARMS,))
_TRIGGERS = {rx.pattern: literals((rx,)) for pats in _PATTERNS.values() for _, rx in pats}

#: A standard treatment named only as the setting ("anxiety before surgery") is not an alternative.
_CONTEXT_ONLY = re.compile(r"\b(?:before|after|during|following|undergoing|from|since)\s+(?:\w+\s+)?$", _I)


def _harm(ann: Annotations, s: Sentence) -> None:
    """(Called only for sentences holding one of ``_HARM_TRIGGERS``.)"""
    m = fast_search(_HARMS, s.text, s.lower)
    if not m:
        return
    negated = negated_at(ann, s.index, m.start())
    quantified = bool(fast_search(_HARM_NUMBER, s.text, s.lower))
    ann.add_in_sentence("caveats", s, m.start(), m.end(), type="harms", strength="weak" if negated else "strong",
                        quantified=quantified and not negated, negated=negated)


_WORD = re.compile(r"\w+")

class _LowerOf(dict):
    """Lower-cased token texts by lexeme hash (shared by every document; bounded); a miss reads the
    string store of the doc being converted."""

    strings: Any = None

    def __missing__(self, h: int) -> str:
        w = self[h] = self.strings[h]
        return w


_LOWER_OF = _LowerOf()
_ARRAYS: dict[int, tuple[Any, list[str], list[int], list[int]]] = {}


def _doc_tokens(doc: Any) -> tuple[list[str], list[int], list[int]]:
    """Lower-cased texts, start and end characters of every token of a spaCy doc, read in one
    ``to_array`` call (cached per doc: much cheaper than creating a Token object per token)."""
    got = _ARRAYS.get(id(doc))
    if got is None or got[0] is not doc:
        from spacy.attrs import IDX, LENGTH, LOWER

        if len(_ARRAYS) >= 256:
            _ARRAYS.clear()
        if len(_LOWER_OF) >= 500_000:
            _LOWER_OF.clear()
        if len(doc):
            arr = doc.to_array([LOWER, IDX, LENGTH])
            _LOWER_OF.strings = doc.vocab.strings
            lowers = list(map(_LOWER_OF.__getitem__, arr[:, 0].tolist()))
            starts = arr[:, 1].tolist()
            ends = (arr[:, 1] + arr[:, 2]).tolist()
        else:
            lowers, starts, ends = [], [], []
        got = _ARRAYS[id(doc)] = (doc, lowers, starts, ends)
    return got[1], got[2], got[3]


def sentence_tokens(s: Sentence) -> tuple[list[str], list[int], list[int]]:
    """``[t.lower_ for t in s.span]`` and the tokens' start and end characters in the block text."""
    span = s.span
    lowers, starts, ends = _doc_tokens(span.doc)
    a, b = span.start, span.end
    return lowers[a:b], starts[a:b], ends[a:b]


@lru_cache(maxsize=1024)
def _minimal(triggers: tuple[str, ...]) -> tuple[str, ...]:
    """The ``triggers`` without those containing another one (a text holds one of them iff it holds one
    of the rest), shortest first."""
    ordered = sorted(set(triggers), key=lambda w: (len(w), w))
    out: list[str] = []
    for w in ordered:
        if not any(u in w for u in out):
            out.append(w)
    return tuple(out)


_WORDY = re.compile(r"\w+")


@lru_cache(maxsize=1024)
def _wordy(w: str) -> bool:
    return _WORDY.fullmatch(w) is not None


def candidates(triggers: tuple[str, ...] | None, joined: str, starts: list[int],
               words: str | None = None) -> set[int] | None:
    """Positions (in the list joined) of the texts that contain one of the literal ``triggers``; ``joined``
    is the lower-cased texts joined by NUL, ``starts`` where each begins (None: no prefilter, all).
    (A ``str.find`` loop per literal: several times faster than one alternation of them all.) ``words``:
    the distinct ``\\w+`` runs of ``joined`` joined by NUL, a shorter text in which a literal made of word
    characters occurs iff it occurs in ``joined`` (a cheaper test of absence)."""
    if triggers is None:
        return None
    out: set[int] = set()
    n = len(starts)
    find = joined.find
    for w in _minimal(triggers):
        if words is not None and _wordy(w) and w not in words:
            continue
        i = find(w)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            out.add(k)
            if k + 1 >= n:
                break
            i = find(w, starts[k + 1])
    return out


@lru_cache(maxsize=256)
def _word_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def word_candidates(words: frozenset[str] | None, joined: str, starts: list[int],
                    runs: set[str] | None = None) -> set[int] | None:
    """Positions (as in ``candidates``) of the texts with a ``\\w+`` run in ``words`` (None: all); ``runs``
    is the set of ``\\w+`` runs of ``joined`` if known."""
    if words is None:
        return None
    if runs is not None:
        found = words.intersection(runs)
    elif len(words) <= 128:  # a substring screen (a superset of the words present as runs) is cheaper
        found = frozenset([w for w in words if w in joined])
    else:
        found = words.intersection(_WORD.findall(joined))
    out: set[int] = set()
    if not found:
        return out
    rx = _word_rx(tuple(sorted(found)))
    pos, n = 0, len(starts)
    while True:
        m = rx.search(joined, pos)
        if m is None:
            return out
        k = bisect_right(starts, m.start()) - 1
        out.add(k)
        if k + 1 >= n:
            return out
        pos = starts[k + 1]


def joined_lower(sentences: list[Sentence]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s.lower) + 1
    return "\0".join(s.lower for s in sentences), starts


def _first_words(index: TermIndex) -> frozenset[str] | None:
    """The first ``\\w+`` run of every term's first token (None: some term's first token has none, so
    no word prefilter is possible)."""
    out = set()
    for key in getattr(index, "_index", {None: None}):
        m = _WORD.search(key) if isinstance(key, str) else None
        if not m:
            return None
        out.add(m.group(0))
    return frozenset(out)


_FIRST_WORDS: weakref.WeakKeyDictionary[TermIndex, frozenset[str] | None] = weakref.WeakKeyDictionary()
_KEYS: weakref.WeakKeyDictionary[TermIndex, frozenset[str]] = weakref.WeakKeyDictionary()


def _first_words_of(index: TermIndex) -> frozenset[str] | None:
    if index not in _FIRST_WORDS:
        _FIRST_WORDS[index] = _first_words(index)
    return _FIRST_WORDS[index]


def _keys(index: TermIndex) -> frozenset[str] | None:
    """The longest token of every term: a sentence whose tokens include none of them holds no term."""
    if index not in _KEYS:
        entries_of = getattr(index, "_index", None)
        _KEYS[index] = None if entries_of is None else frozenset(  # type: ignore[assignment]
            max(toks, key=len) for entries in entries_of.values() for toks, _, _ in entries)
    return _KEYS[index]


def _may_contain(index: TermIndex, words: set[str]) -> bool:
    """Whether a sentence with these lower-cased ``\\w+`` runs can hold a term of ``index``."""
    first = _first_words_of(index)
    return first is None or not first.isdisjoint(words)


def _has_key(index: TermIndex, lowers: list[str]) -> bool:
    keys = _keys(index)
    return keys is None or not keys.isdisjoint(lowers)


def _matches(index: TermIndex, lowers: list[str], a: int, b: int) -> list[tuple[int, int, str]]:
    """Greedy longest non-overlapping lexicon matches in tokens ``a``..``b`` (``TermIndex.match_tokens``
    semantics, but trying only tokens that start a term)."""
    entries_of = getattr(index, "_index", None)
    if entries_of is None:  # pragma: no cover - another TermIndex layout
        return [(a + i, a + j, t) for i, j, t, _ in index.match_tokens(lowers[a:b])]
    out: list[tuple[int, int, str]] = []
    i = a
    for k in range(a, b):
        if k < i:
            continue
        entries = entries_of.get(lowers[k])
        if not entries:
            continue
        for toks, term, _ in entries:
            n = len(toks)
            if k + n <= b and tuple(lowers[k:k + n]) == toks:
                out.append((k, k + n, term))
                i = k + n
                break
    return out


#: Sentences naming an intervention or condition that make a document health content (without a claim).
MIN_TOPIC_SENTENCES = 1


def _pattern_caveats(body: list[Sentence], joined: str, starts: list[int], words: str,
                     runs: list[frozenset[str]]) -> dict[int, list[tuple[str, str, re.Match[str]]]]:
    """The first matching strength of every ``_PATTERNS`` type, by body position: each pattern runs only on
    the sentences its prefilter lets through (pattern by pattern, not sentence by sentence): its literals, or
    for a pattern of ``_WORD_TRIGGERS`` the word runs of each sentence (``runs``, by body position)."""
    out: dict[int, list[tuple[str, str, re.Match[str]]]] = {}
    for ctype, pats in _PATTERNS.items():
        done: set[int] = set()
        for strength, group in groupby(pats, key=itemgetter(0)):
            best: dict[int, re.Match[str]] = {}
            for _, rx in group:
                trig = _WORD_TRIGGERS.get(rx.pattern)
                hits = (candidates(_TRIGGERS[rx.pattern], joined, starts, words) if trig is None else
                        _run_candidates(trig, runs))
                for pos in hits if hits is not None else range(len(body)):
                    if pos in done:
                        continue
                    s = body[pos]
                    m = fast_search(rx, s.text, s.lower)
                    if m and (pos not in best or m.start() < best[pos].start()):
                        best[pos] = m  # the leftmost of a strength's patterns, as one alternation would find
            for pos, m in best.items():
                done.add(pos)
                out.setdefault(pos, []).append((ctype, strength, m))
    return out


def _alternative(ann: Annotations, s: Sentence, lowers: list[str], tstarts: list[int], tends: list[int],
                 standard: TermIndex) -> None:
    """The first established treatment named in ``s`` as an option (not as the setting), as a caveat."""
    base = s.span.start_char
    for i, j, term in _matches(standard, lowers, 0, len(lowers)):
        start = tstarts[i] - base
        if term in ("treatment", "therapy") or _CONTEXT_ONLY.search(s.text[max(0, start - 12):start]):
            continue
        ann.add_in_sentence("caveats", s, start, tends[j - 1] - base, type="alternatives", strength="strong",
                            term=term)
        return


def _summarise(ann: Annotations, topical: bool, interventions: Counter[str]) -> None:
    """``caveat_summary``, ``health_topic``, ``_interventions`` and ``harms`` facts."""
    found: dict[str, str] = {}
    for c in ann.of("caveats"):
        t = c.get("type")
        if found.get(t) != "strong":
            found[t] = c.get("strength")
    ann.facts["caveat_summary"] = found
    ann.facts["health_topic"] = topical
    ann.facts["_interventions"] = [t for t, _ in interventions.most_common(3)]
    harms = [c for c in ann.of("caveats") if c.get("type") == "harms"]
    ann.facts["harms"] = {"sentences": sum(1 for c in harms if c.get("strength") == "strong"),
                          "quantified": sum(1 for c in harms if c.get("quantified")),
                          "negated": sum(1 for c in harms if c.get("negated"))}


def _sentence_runs(body: list[Sentence], sent_scans: list[Scan]) -> list[frozenset[str]]:
    """The distinct lower-cased ``\\w+`` runs of each body sentence (as ``_WORD.findall(s.lower)``), mostly
    read from the cue annotators' scans."""
    return [sent_scans[s.index].words if len(s.lower) == len(s.text) else frozenset(_WORD.findall(s.lower))
            for s in body]


def _run_candidates(words: frozenset[str] | None, runs: list[frozenset[str]]) -> set[int] | None:
    """Positions of the sentences with a word run in ``words`` (None: all), like ``word_candidates``."""
    if words is None:
        return None
    return {pos for pos, r in enumerate(runs) if not words.isdisjoint(r)}


def _topical(ann: Annotations, body: list[Sentence], named: set[int], runs: list[frozenset[str]],
             conditions: TermIndex) -> bool:
    """Health content: a claim, or ``MIN_TOPIC_SENTENCES`` sentences naming an intervention (body positions
    ``named``) or a condition (looked up only when the rest does not already decide)."""
    if any(not c.get("negated") for c in ann.of("claims")) or len(named) >= MIN_TOPIC_SENTENCES:
        return True
    hits = _run_candidates(_first_words_of(conditions), runs)
    found = len(named)
    for pos in sorted(hits) if hits is not None else range(len(body)):
        if pos in named:
            continue
        lowers = sentence_tokens(body[pos])[0]
        if _has_key(conditions, lowers) and _matches(conditions, lowers, 0, len(lowers)):
            found += 1
            if found >= MIN_TOPIC_SENTENCES:
                return True
    return False


def annotate(ann: Annotations) -> None:
    ann.declare("caveats")
    extra = ann.settings.extra_dirs
    standard, interventions_ix = load_index("standard_care.txt", extra), load_index("interventions.txt", extra)
    substitutes = {c.sent for c in ann.of("claims") if c.get("substitute")}
    interventions: Counter[str] = Counter()
    named: set[int] = set()
    body = ann.body()
    runs = _sentence_runs(body, scans(ann))
    joined, starts = joined_lower(body)
    words = "\0".join(set().union(*runs))
    harm_hits = candidates(_HARM_TRIGGERS, joined, starts, words)
    matched = _pattern_caveats(body, joined, starts, words, runs)
    int_hits = _run_candidates(_first_words_of(interventions_ix), runs)
    std_hits = _run_candidates(_first_words_of(standard), runs)
    todo = set(matched)
    for hits in (harm_hits, int_hits, std_hits):
        todo.update(range(len(body)) if hits is None else hits)
    for pos in sorted(todo):
        s = body[pos]
        if harm_hits is None or pos in harm_hits:
            _harm(ann, s)
        for ctype, strength, m in matched.get(pos, ()):
            ann.add_in_sentence("caveats", s, m.start(), m.end(), type=ctype, strength=strength)
        want_int = int_hits is None or pos in int_hits
        want_std = (std_hits is None or pos in std_hits) and s.index not in substitutes
        if not (want_int or want_std):
            continue
        lowers, tstarts, tends = sentence_tokens(s)
        if want_int and _has_key(interventions_ix, lowers):
            terms = [term for _, _, term in _matches(interventions_ix, lowers, 0, len(lowers))]
            interventions.update(terms)
            if terms:
                named.add(pos)
        if want_std and _has_key(standard, lowers):
            _alternative(ann, s, lowers, tstarts, tends, standard)
    topical = _topical(ann, body, named, runs, load_index("conditions.txt", extra))
    _summarise(ann, topical, interventions)

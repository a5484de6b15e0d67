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
from collections.abc import Collection, Iterable
from functools import cache, lru_cache
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from ..regex_literals import literals, opens_at_boundary, prefixes
from .base import Annotations, Sentence
from .cues import Scan, fast_search, lowered, scans
from .lexicon import TermIndex, load_index
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

#: Who a study size counts.
_STUDIED = ("adults", "people", "participants", "patients", "women", "men", "children", "subjects", "volunteers")
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
            r"\b(?:trial|study) (?:of|in|with|involving) (?:\d[\d,]*|more than \d[\d,]*) (?:\w+ )?(?:"
            + "|".join(_STUDIED) + r")|\b\d[\d,]* (?:" + "|".join(_STUDIED) + r"|individuals)\b", _I)),
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
#: Run tests (``_run_test``) one of which a word run of every match of a pattern passes: a qualified statement's
#: auxiliary is followed by "not" or is a run of its own before "n't"; a study size counts people. Searched only
#: in sentences with such a run.
_RUN_NEEDS = {
    _PATTERNS["qualified"][0][1].pattern: [("==", w) for w in sorted({"not", "no", "too", "remain", "remains", "can",
                                                                      *(a + "n" for a in _AUX), *_QUALIFIED_OTHER})],
    _PATTERNS["evidence_quality"][1][1].pattern: [("startswith", w) for w in (*_STUDIED, "individuals")],
}

#: Literal prefilters (``regex_literals.literals``) of each pattern, tested on the lower-cased sentence first.
_HARM_TRIGGERS = literals((_HARMS,))
_TRIGGERS = {rx.pattern: literals((rx,)) for pats in _PATTERNS.values() for _, rx in pats}

_WORD = re.compile(r"\w+")


def _run_test(literal: str, first: bool = False, at_start: bool = False) -> tuple[str, str] | None:
    """How a word run shows that a lower-cased text may contain ``literal``, from one of its word parts:
    ``("==", part)`` for a part with other characters on both sides, ``("startswith", part)`` before it
    only, ``("endswith", part)`` after it only, ``("in", part)`` for a literal of word characters only. The
    most selective part, or with ``first`` the first (the run where an occurrence of a literal that starts
    with a word character starts); ``at_start``: of an occurrence at the start of a run. None: the literal
    has no word character."""
    tests = []
    for m in _WORD.finditer(literal):
        before, after = m.start() > 0 or at_start, m.end() < len(literal)
        kind = "==" if before and after else "startswith" if before else "endswith" if after else "in"
        tests.append((kind != "in", len(m.group()) + (kind == "=="), kind, m.group()))
    if not tests:
        return None
    best = tests[0] if first or at_start else max(tests)
    return best[2], best[3]


class _Cue:
    """One pattern and how a document's sentences are searched for it, by bits of ``_RUN_MASKS``.

    ``start``: the bit of the word runs where a match can start, from the pattern's ``regex_literals.prefixes`` (the
    run holding the start of a prefix's first word part; a prefix that does not start with a word character
    is a ``symbol``). A pattern that also opens with ``\\b`` is *anchored*: a match starts at the start of
    such a run, so only those are tried, by a case-sensitive match on the lower-cased text (as
    ``fast_search`` runs it); another is searched from the first such run. ``need``: the bits a sentence
    must have to be searched: ``start`` and a bit of run tests showing one of its ``literals`` (one without a
    word character is a ``symbol``; for an anchored pattern only when no test is a substring search, which
    costs more on every new run than it saves), and a bit of the run tests ``runs`` one of which a word run of
    every match passes, when given. A sentence holding a symbol is searched from its start. A
    pattern without a lower-case twin (:func:`cues.lowered`), and sentences whose lower-casing changes their
    length, keep the literal (or word-run) prefilter and ``fast_search``."""

    __slots__ = ("anchored", "need", "rx", "sensitive", "start", "symbols", "triggers", "words")

    def __init__(self, rx: re.Pattern[str], triggers: tuple[str, ...] | None,
                 words: frozenset[str] | None = None, runs: list[tuple[str, str]] | None = None) -> None:
        self.rx, self.triggers, self.words = rx, triggers, words
        twin = lowered(rx)  # the case-sensitive pattern ``fast_search`` runs on lower-cased text, if any
        self.sensitive = twin if twin is not rx else None
        lower = self.sensitive is not None
        starts = (prefixes(rx) or ()) if lower else ()
        worded = [w for w in starts if _WORD.match(w)]
        self.anchored = bool(starts) and len(worded) == len(starts) and opens_at_boundary(rx)
        tests = [t for w in worded if (t := _run_test(w, first=True, at_start=self.anchored))]
        self.start = _RUN_MASKS.register(tests) if tests else 0
        self.symbols = tuple(w for w in starts if not _WORD.match(w))
        self.need = self.start
        tests = [_run_test(w) for w in triggers] if lower and triggers is not None else []
        if tests and (not self.anchored or all(t and t[0] != "in" for t in tests)):
            self.symbols += tuple(w for w, t in zip(triggers or (), tests, strict=True) if t is None)
            self.need |= _RUN_MASKS.register([t for t in tests if t])
        if runs and lower:
            self.need |= _RUN_MASKS.register(runs)


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """A case-sensitive alternation of literal words, longest first (one that never matches: none)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)")


def _lengths(table: dict[str, int], cut: slice) -> dict[str, tuple[int, ...]]:
    """The lengths of the keys of ``table``, by the part ``cut`` of each key."""
    out: dict[str, set[int]] = {}
    for w in table:
        out.setdefault(w[cut], set()).add(len(w))
    return {part: tuple(sorted(lengths)) for part, lengths in out.items()}


class _Tables:
    """What ``_RunMasks`` looks a new run up in, built from the registered tests: the lengths of the
    ``starts`` keys by their first two characters and of the ``ends`` keys by their last two (``heads``,
    ``tails``; a key of one character under itself: ``short``), one alternation per set of ``in`` tests
    (``inner``) and one of all of them (``gate``), all case-sensitive (the runs are lower-cased)."""

    __slots__ = ("gate", "heads", "inner", "short", "tails")

    def __init__(self, masks: _RunMasks) -> None:
        self.heads, self.tails = _lengths(masks.starts, slice(2)), _lengths(masks.ends, slice(-2, None))
        self.short = any(len(w) == 1 for w in (*masks.starts, *masks.ends))
        self.inner = [(_alternation(w), bits) for w, bits in masks.words.items()]
        self.gate = _alternation(tuple({w for words in masks.words for w in words}))


class _RunMasks:
    """Sets of run tests (``_run_test``) registered as bits, and the bits of the sets a lower-cased word run
    passes a test of: ``bits`` by run (shared by every document; bounded), ``hot`` the runs with some. A new
    run is looked up, with its prefixes and suffixes, in tables of the tests (``_Tables``, built when first
    needed after a registration)."""

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.words: dict[tuple[str, ...], int] = {}
        self.count = 0
        self.bits: dict[str, int] = {}
        self.hot: set[str] = set()
        self._tables: _Tables | None = None

    def register(self, tests: list[tuple[str, str]]) -> int:
        """A new bit for a set of run tests (forgets the runs seen so far)."""
        bit = 1 << self.count
        self.count += 1
        tables = {"==": self.exact, "startswith": self.starts, "endswith": self.ends}
        for kind, part in tests:
            if kind in tables:
                tables[kind][part] = tables[kind].get(part, 0) | bit
        words = tuple(sorted({part for kind, part in tests if kind == "in"}))
        if words:
            self.words[words] = self.words.get(words, 0) | bit
        self._tables = None
        self.forget()
        return bit

    def forget(self) -> None:
        """Drop the runs seen so far."""
        self.bits.clear()
        self.hot.clear()

    def learn(self, runs: frozenset[str]) -> None:
        """Work out the bits of the ``runs`` not seen yet."""
        if len(self.bits) >= 100_000:
            self.forget()
        new = runs.difference(self.bits)
        if not new:
            return
        tables = self._tables or self._build()
        bits, hot, mask_of = self.bits, self.hot, self._mask
        for run in new:
            bits[run] = mask = mask_of(run, tables)
            if mask:
                hot.add(run)

    def _build(self) -> _Tables:
        self._tables = _Tables(self)
        return self._tables

    def _mask(self, run: str, tables: _Tables) -> int:
        mask, size = self.exact.get(run, 0), len(run)
        starts, ends = self.starts, self.ends
        for n in tables.heads.get(run[:2], ()):
            if n <= size:
                mask |= starts.get(run[:n], 0)
        for n in tables.tails.get(run[-2:], ()):
            if n <= size:
                mask |= ends.get(run[-n:], 0)
        if size > 1 and tables.short:
            mask |= starts.get(run[0], 0) | ends.get(run[-1], 0)
        if tables.gate.search(run):
            for rx, bits in tables.inner:
                if mask & bits != bits and rx.search(run):
                    mask |= bits
        return mask


_RUN_MASKS = _RunMasks()
_HARM_CUE = _Cue(_HARMS, _HARM_TRIGGERS)
#: ``(type, [(strength, [cue, ...]), ...])`` for ``_PATTERNS``, consecutive patterns of one strength grouped.
_CUES = [(ctype, [(strength, [_Cue(rx, _TRIGGERS[rx.pattern], _WORD_TRIGGERS.get(rx.pattern),
                                   _RUN_NEEDS.get(rx.pattern)) for _, rx in group])
                  for strength, group in groupby(pats, key=itemgetter(0))]) for ctype, pats in _PATTERNS.items()]


#: A standard treatment named only as the setting ("anxiety before surgery") is not an alternative.
_CONTEXT_ONLY = re.compile(r"\b(?:before|after|during|following|undergoing|from|since)\s+(?:\w+\s+)?$", _I)


_ARRAYS: dict[int, tuple[Any, list[int], list[int], list[int]]] = {}


@cache
def _token_attrs() -> list[int]:
    """spaCy's LOWER, IDX and LENGTH attribute ids (imported once, not at every doc)."""
    from spacy.attrs import IDX, LENGTH, LOWER

    return [LOWER, IDX, LENGTH]


def doc_tokens(doc: Any) -> tuple[list[int], list[int], list[int]]:
    """The ids of the lower-cased texts (``Token.lower``: what ``TermIndex.match_tokens`` reads, without
    looking the texts up), start characters and lengths of every token of a spaCy doc, read in one
    ``to_array`` call (cached per doc: much cheaper than creating a Token object per token)."""
    got = _ARRAYS.get(id(doc))
    if got is None or got[0] is not doc:
        if len(_ARRAYS) >= 256:
            _ARRAYS.clear()
        lowers, starts, lengths = doc.to_array(_token_attrs()).T.tolist() if len(doc) else ([], [], [])
        got = _ARRAYS[id(doc)] = (doc, lowers, starts, lengths)
    return got[1], got[2], got[3]


def _span_lowers(span: Any) -> tuple[list[int], int]:
    """The ids of the lower-cased token texts of a span's doc if ``doc_tokens`` has them, and where the span
    starts in them; else of the span alone (cheaper than reading a whole doc for one of its sentences)."""
    got = _ARRAYS.get(id(span.doc))
    if got is not None and got[0] is span.doc:
        return got[1], span.start
    return [t.lower for t in span], 0


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


@lru_cache(maxsize=1024)
def _wordy(w: str) -> bool:
    return _WORD.fullmatch(w) is not None


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


def joined_lower(sentences: list[Sentence]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s.lower) + 1
    return "\0".join(s.lower for s in sentences), starts


class _Lexicon:
    """What the annotator reads of a ``TermIndex`` (``index``): ``firsts``, the first word run of every term's
    first token (a sentence whose runs include none holds no term, as far as the annotator looks; None: some
    first token has none), and ``need``, the ``_RUN_MASKS`` bit of the ``firsts`` runs."""

    __slots__ = ("firsts", "index", "need")

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        runs = [_WORD.search(first) for first in index.firsts]
        self.firsts = frozenset(m.group(0) for m in runs if m) if all(runs) else None
        self.need = 0 if self.firsts is None else _RUN_MASKS.register([("==", w) for w in self.firsts])

    def find(self, doc: _Body, skip: Collection[int] = ()) -> dict[int, list[tuple[int, int, str]]]:
        """Greedy longest non-overlapping matches (``TermIndex.match_tokens``) in each body sentence (but those
        at positions ``skip``) that has one, by position, as token positions in the sentence. Only sentences
        with the ``need`` bits are looked at (``firsts`` for those without bits)."""
        out: dict[int, list[tuple[int, int, str]]] = {}
        firsts, need, match = self.firsts, self.need, self.index.match_tokens
        body = doc.sentences
        wanted = [pos for pos, union in enumerate(doc.masks) if union & need == need and pos not in doc.odd]
        wanted += [pos for pos in doc.odd if firsts is None or not firsts.isdisjoint(doc.runs[pos])]
        for pos in sorted(wanted):
            if pos in skip:
                continue
            span = body[pos].span
            lowers, a = _span_lowers(span)
            if found := match(lowers, a, a + len(span)):
                out[pos] = [(i - a, j - a, term) for i, j, term, _ in found]
        return out


_LEXICONS: weakref.WeakKeyDictionary[TermIndex, _Lexicon] = weakref.WeakKeyDictionary()


def _lexicon(index: TermIndex) -> _Lexicon:
    got = _LEXICONS.get(index)
    if got is None:
        got = _LEXICONS[index] = _Lexicon(index)
    return got


#: Sentences naming an intervention or condition that make a document health content (without a claim).
MIN_TOPIC_SENTENCES = 1


class _Body:
    """A document's body sentences and what the cue searches share: their lower-cased texts joined by NUL
    (``joined_lower``), their word runs (``_sentence_runs``) and scans and, per sentence, its word runs with
    ``_RUN_MASKS`` bits and their bits (``marked``; where they are is looked up when a cue needs it: ``places``)
    and the union of those bits (``masks``); none for a sentence whose lower-casing changes its length (``odd``:
    searched as before, with ``fast_search``)."""

    __slots__ = ("joined", "marked", "masks", "odd", "runs", "scans", "sentences", "starts")

    def __init__(self, body: list[Sentence], sent_scans: list[Scan]) -> None:
        self.sentences = body
        self.runs = _sentence_runs(body, sent_scans)
        self.scans = [sent_scans[s.index] for s in body]
        self.joined, self.starts = joined_lower(body)
        self.odd = {pos for pos, s in enumerate(body) if len(s.lower) != len(s.text)}
        _RUN_MASKS.learn(frozenset().union(*self.runs))
        hot, bits = _RUN_MASKS.hot, _RUN_MASKS.bits
        self.marked: list[dict[str, int]] = []
        self.masks: list[int] = []
        for pos, runs in enumerate(self.runs):
            marked: dict[str, int] = {}
            union = 0
            if pos not in self.odd:
                for w in hot.intersection(runs):
                    marked[w] = m = bits[w]
                    union |= m
            self.marked.append(marked)
            self.masks.append(union)

    def places(self, pos: int, start: int) -> list[list[int]]:
        """Where each ``marked`` word run with a bit of ``start`` of the sentence at body position ``pos`` occurs
        (``Scan.starts``: ascending, never empty)."""
        scan = self.scans[pos]
        return [scan.starts(w) for w, bits in self.marked[pos].items() if bits & start]

    def prefiltered(self, cue: _Cue) -> Iterable[int]:
        """Positions of the sentences ``cue``'s literal or word-run prefilter lets through."""
        if cue.words is not None:
            return [pos for pos, r in enumerate(self.runs) if not cue.words.isdisjoint(r)]
        found = candidates(cue.triggers, self.joined, self.starts)
        return range(len(self.sentences)) if found is None else found

    def find(self, cue: _Cue) -> dict[int, re.Match[str]]:
        """The first match of ``cue`` in each sentence that has one, by body position."""
        body, out = self.sentences, {}
        sensitive = cue.sensitive
        if sensitive is None or self.odd:
            for pos in self.prefiltered(cue):
                if sensitive is None or pos in self.odd:
                    s = body[pos]
                    if m := fast_search(cue.rx, s.text, s.lower):
                        out[pos] = m
        if sensitive is None:
            return out
        need, start, odd = cue.need, cue.start, self.odd
        flagged = [pos for pos, union in enumerate(self.masks) if union & need == need and pos not in odd]
        if cue.anchored:  # a match at the first run of ``start`` that has one
            match = sensitive.match
            for pos in flagged:
                lower = body[pos].lower
                places = self.places(pos, start)
                for a in places[0] if len(places) == 1 else sorted(chain.from_iterable(places)):
                    if m := match(lower, a):
                        out[pos] = m
                        break
            return out
        symbolic = candidates(cue.symbols, self.joined, self.starts) - odd if cue.symbols else set()
        for pos in sorted({*flagged, *symbolic}) if symbolic else flagged:
            # from the first run of ``start`` (from the start for a sentence holding a symbol)
            a = min(at[0] for at in self.places(pos, start)) if start and pos not in symbolic else 0
            if m := sensitive.search(body[pos].lower, a):
                out[pos] = m
        return out


def _pattern_caveats(doc: _Body) -> dict[int, list[tuple[str, str, re.Match[str]]]]:
    """The first matching strength of every ``_PATTERNS`` type, by body position (a strength's leftmost
    match, as one alternation of its patterns would find)."""
    out: dict[int, list[tuple[str, str, re.Match[str]]]] = {}
    for ctype, groups in _CUES:
        done: set[int] = set()
        for strength, cues in groups:
            best: dict[int, re.Match[str]] = {}
            for cue in cues:
                for pos, m in doc.find(cue).items():
                    if pos not in done and (pos not in best or m.start() < best[pos].start()):
                        best[pos] = m
            for pos, m in best.items():
                done.add(pos)
                out.setdefault(pos, []).append((ctype, strength, m))
    return out


def _harm(ann: Annotations, s: Sentence, m: re.Match[str]) -> None:
    """A harms caveat at ``m`` (the first match of ``_HARMS`` in ``s``)."""
    negated = negated_at(ann, s.index, m.start())
    quantified = bool(fast_search(_HARM_NUMBER, s.text, s.lower))
    ann.add_in_sentence("caveats", s, m.start(), m.end(), type="harms", strength="weak" if negated else "strong",
                        quantified=quantified and not negated, negated=negated)


def _alternative(ann: Annotations, s: Sentence, found: list[tuple[int, int, str]]) -> None:
    """The first established treatment named in ``s`` (``found``: its ``_Lexicon.find`` matches) as an option
    (not as the setting), as a caveat."""
    span, base = s.span, s.span.start_char
    for i, j, term in found:
        start = span[i].idx - base
        if term in ("treatment", "therapy") or _CONTEXT_ONLY.search(s.text[max(0, start - 12):start]):
            continue
        last = span[j - 1]
        ann.add_in_sentence("caveats", s, start, last.idx + len(last) - base, type="alternatives",
                            strength="strong", term=term)
        return


def _summarise(ann: Annotations, topical: bool) -> None:
    """``caveat_summary``, ``health_topic`` and ``harms`` facts."""
    found: dict[str, str] = {}
    for c in ann.of("caveats"):
        t = c.get("type")
        if found.get(t) != "strong":
            found[t] = c.get("strength")
    ann.facts["caveat_summary"] = found
    ann.facts["health_topic"] = topical
    harms = [c for c in ann.of("caveats") if c.get("type") == "harms"]
    ann.facts["harms"] = {"sentences": sum(1 for c in harms if c.get("strength") == "strong"),
                          "quantified": sum(1 for c in harms if c.get("quantified")),
                          "negated": sum(1 for c in harms if c.get("negated"))}


def _sentence_runs(body: list[Sentence], sent_scans: list[Scan]) -> list[frozenset[str]]:
    """The distinct lower-cased ``\\w+`` runs of each body sentence (as ``_WORD.findall(s.lower)``), mostly
    read from the cue annotators' scans."""
    return [sent_scans[s.index].words if len(s.lower) == len(s.text) else frozenset(_WORD.findall(s.lower))
            for s in body]


def _lexicons(ann: Annotations) -> tuple[_Lexicon, _Lexicon, _Lexicon]:
    """The standard care, intervention and condition lexicons (registered before a ``_Body`` reads bits)."""
    extra = ann.settings.extra_dirs
    return (_lexicon(load_index("standard_care.txt", extra)), _lexicon(load_index("interventions.txt", extra)),
            _lexicon(load_index("conditions.txt", extra)))


def _interventions(ann: Annotations, doc: _Body, interventions: _Lexicon) -> set[int]:
    """The body positions of the sentences naming an intervention; sets ``facts["_interventions"]``, the (up to)
    three named most often."""
    found = interventions.find(doc)
    named = Counter(term for pos in sorted(found) for _, _, term in found[pos])
    ann.facts["_interventions"] = [t for t, _ in named.most_common(3)]
    return set(found)


def top_interventions(ann: Annotations) -> list[str]:
    """The (up to) three interventions the body names most often (``facts["_interventions"]``: found when the
    annotator needed them, else on this first call)."""
    if "_interventions" not in ann.facts:
        interventions = _lexicons(ann)[1]
        _interventions(ann, _Body(ann.body(), scans(ann)), interventions)
    return ann.facts["_interventions"]


def _topical(ann: Annotations, doc: _Body, interventions: _Lexicon, conditions: _Lexicon) -> bool:
    """Health content: a claim, or ``MIN_TOPIC_SENTENCES`` sentences naming an intervention or a condition
    (each looked up only when the rest does not already decide)."""
    if any(not c.get("negated") for c in ann.of("claims")):
        return True
    named = _interventions(ann, doc, interventions)
    if len(named) >= MIN_TOPIC_SENTENCES:
        return True
    return len(named) + len(conditions.find(doc, named)) >= MIN_TOPIC_SENTENCES


def annotate(ann: Annotations) -> None:
    ann.declare("caveats")
    standard, interventions, conditions = _lexicons(ann)
    substitutes = {c.sent for c in ann.of("claims") if c.get("substitute")}
    body = ann.body()
    doc = _Body(body, scans(ann))
    harms = doc.find(_HARM_CUE)
    matched = _pattern_caveats(doc)
    alternatives = standard.find(doc, {pos for pos, s in enumerate(body) if s.index in substitutes})
    for pos in sorted({*matched, *harms, *alternatives}):
        s = body[pos]
        if pos in harms:
            _harm(ann, s, harms[pos])
        for ctype, strength, m in matched.get(pos, ()):
            ann.add_in_sentence("caveats", s, m.start(), m.end(), type=ctype, strength=strength)
        if pos in alternatives:
            _alternative(ann, s, alternatives[pos])
    _summarise(ann, _topical(ann, doc, interventions, conditions))

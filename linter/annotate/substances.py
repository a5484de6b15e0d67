"""Knowledge-base substances: mentions, the article's topic, risk-topic coverage, regulatory status,
and status misstatements ("kratom, a natural supplement")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..kb import Cue, Substance, substances
from ..regex_literals import clauses, literals, may_match, prefixes
from .base import Annotations, Sentence
from .caveats import doc_tokens
from .cues import lowered, scans
from .lexicon import TermIndex, TermMatch
from .negation import negated_at

_REFERRAL = re.compile(r"\b(?:consult|talk to|speak (?:to|with)|ask|check with|see)\b.{0,40}\b(?:doctor|physician|"
                       r"healthcare|health care|provider|pharmacist|clinician|professional)", re.IGNORECASE)
_MISSTATE = {
    "supplement": r"(?:,|\bis|\bas|\bare)\s+(?:an?\s+)?(?:(?:natural|herbal|dietary|botanical|safe|legal|popular|"
                  r"plant-based)\s+){0,2}supplements?\b",
    "safe": r"\b(?:is|are)\s+(?:completely\s+|perfectly\s+|totally\s+|generally\s+|very\s+)?safe\b",
    "legal": r"\b(?:is|are)\s+(?:completely\s+|perfectly\s+|totally\s+|fully\s+)?legal\b",
}
_REFERRAL_TRIGGERS = literals((_REFERRAL,))
_MISSTATE_RX = {k: re.compile(r"[^.;]*?" + rx, re.IGNORECASE) for k, rx in _MISSTATE.items()}
#: Literals one of which every misstatement match contains, a prefilter on ASCII text ("": none).
_MISSTATE_LITERALS = {k: literals((rx,)) or ("",) for k, rx in _MISSTATE_RX.items()}
_WORD = re.compile(r"\w+")
#: Literal sets with a literal whose anchor (longest ``\\w+`` run) is shorter occur in most sentences: not
#: worth testing beyond ``regex_literals.literals``.
_MIN_CLAUSE = 3


@lru_cache(maxsize=8)
def _alias_index(extra: tuple[str, ...]) -> TermIndex:
    return TermIndex({a: s.id for s in substances(extra) for a in s.aliases})


@lru_cache(maxsize=8)
def _alias_triggers(extra: tuple[str, ...]) -> frozenset[str]:
    """The longest word of each alias: a sentence without any of them mentions no substance."""
    return frozenset(max(_WORD.findall(a), key=len) for s in substances(extra) for a in s.aliases
                     if _WORD.search(a))


def _words(ann: Annotations) -> list[frozenset[str]]:
    """The ``\\w+`` runs of each sentence's lower-cased text: ``Scan.words``, but where lower-casing changed
    the text's length (those are then the runs of the original text)."""
    return [sc.words if len(s.lower) == len(s.text) else frozenset(_WORD.findall(s.lower))
            for s, sc in zip(ann.sentences, scans(ann), strict=True)]


def annotate(ann: Annotations) -> None:
    ann.declare("substance_mentions", "misstatements")
    extra = ann.settings.extra_dirs
    kb = {s.id: s for s in substances(extra)}
    index, triggers = _alias_index(extra), _alias_triggers(extra)
    words = _words(ann)
    counts: Counter[str] = Counter()
    mentioned: dict[int, set[str]] = {}
    for s in ann.prose():
        if triggers.isdisjoint(words[s.index]):
            continue
        for m in find_terms(index, s):
            counts[m.category] += 1
            mentioned.setdefault(s.index, set()).add(m.category)
            ann.add_in_sentence("substance_mentions", s, m.start, m.end, id=m.category)
            _misstatements(ann, s, m.end, kb[m.category])
    topic = counts.most_common(1)[0][0] if counts else None
    ann.facts["topic"] = kb[topic].name if topic else ann.settings.topic
    if counts:
        body = ann.body()
        ann.facts["substances"] = [_coverage(ann, body, words, kb[sid], n, mentioned, sid == topic)
                                   for sid, n in counts.most_common()]
    else:
        ann.facts["substances"] = []


def find_terms(index: TermIndex, s: Sentence) -> list[TermMatch]:
    """``index.find(s)``, with the tokens read from the doc's arrays (``caveats.doc_tokens``)."""
    span = s.span
    lowers, starts, lengths = doc_tokens(span.doc)
    a, base = span.start, span.start_char
    return [TermMatch(starts[i] - base, starts[j - 1] + lengths[j - 1] - base, term, cat, i - a, j - a)
            for i, j, term, cat in index.match_tokens(lowers, a, span.end)]


def _misstatements(ann: Annotations, s: Sentence, after: int, sub: Substance) -> None:
    window = s.text[after:after + 60]
    lower = window.lower() if window.isascii() else None
    for key, rx in _MISSTATE_RX.items():
        if key not in sub.misstatements or (lower is not None and not _any_in(_MISSTATE_LITERALS[key], lower)):
            continue
        m = rx.match(window)
        if m and not negated_at(ann, s.index, after + m.end() - 1):
            ann.add_in_sentence("misstatements", s, after + m.start(), after + m.end(), substance=sub.id, word=key,
                                fact=sub.misstatements[key])


def _any_in(lits: Iterable[str], text: str) -> bool:
    return any(map(text.__contains__, lits))


_FAST: dict[re.Pattern[str], tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def _fast(rx: re.Pattern[str]) -> tuple[re.Pattern[str], tuple[str, ...] | None]:
    """How to search lower-cased ASCII text for ``rx``: with ``regex_literals.prefixes`` of ``rx`` where it has some
    (see ``_located``), else with its case-sensitive twin (``cues.lowered``) where it has one: Python's
    engine is several times faster case-sensitively."""
    got = _FAST.get(rx)
    if got is None:
        starts = prefixes(rx)
        got = _FAST[rx] = (lowered(rx) if starts is None else rx, starts)
    return got


def _search(rx: re.Pattern[str], text: str, ascii_text: bool) -> re.Match[str] | None:
    """``rx.search(text)`` for lower-cased ``text`` (``ascii_text``: it is ASCII)."""
    if not ascii_text:
        return rx.search(text)
    fast, starts = _fast(rx)
    return fast.search(text) if starts is None else _located(fast, starts, text)


def _located(rx: re.Pattern[str], starts: tuple[str, ...], text: str) -> re.Match[str] | None:
    """``rx.search(text)``, trying ``rx`` only where one of ``starts`` occurs (every match starts with one
    of them), left to right: the engine tries a pattern that opens with ``\\b`` at every position of the text."""
    if len(starts) == 1:  # its occurrences come in order
        w = starts[0]
        i = text.find(w)
        while i >= 0:
            if m := rx.match(text, i):
                return m
            i = text.find(w, i + 1)
        return None
    at = set()
    for w in starts:
        i = text.find(w)
        while i >= 0:
            at.add(i)
            i = text.find(w, i + 1)
    for i in sorted(at):
        if m := rx.match(text, i):
            return m
    return None


def _anchor(lit: str) -> str:
    """The longest ``\\w+`` run of a literal ("" when it has none)."""
    return max(_WORD.findall(lit), key=len, default="")


def _selectivity(lits: frozenset[str]) -> int:
    """How rarely a text holds one of the literals, estimated by their shortest anchor."""
    return min(len(_anchor(w)) for w in lits)


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue of a plan and the literal sets its matches contain: on any text one of ``first``
    (``regex_literals.literals``; None: none known, and no ``rest``), on ASCII text one of each of ``rest`` too (the
    other ``regex_literals.clauses`` worth testing). ``driver``, the most selective of these sets, is looked up by
    word; the others are tested only on the sentences that have one of its literals."""

    group: int
    cue: Cue
    first: frozenset[str] | None
    rest: tuple[frozenset[str], ...]
    driver: frozenset[str] | None

    @classmethod
    def of(cls, group: int, cue: Cue) -> _Cue:
        lits = literals((cue,))  # (a cue is analysed as its pattern, without compiling it)
        first = None if lits is None else frozenset(lits)
        rest = _worth_testing(cue, first)
        return cls(group, cue, first, rest, max((first, *rest), key=_selectivity) if first else None)

    def mask(self, found: int, about: list[Sentence], wide: int) -> int:
        """The sentences (bit j: ``about[j]``) the pattern may match, of those holding a literal of
        ``driver`` (``found``); ``wide``: the non-ASCII ones."""
        mask = found if self.driver is self.first else found | wide
        if self.first and self.driver is not self.first:
            mask = _holding(about, self.first, mask)
        for lits in self.rest:
            if lits is not self.driver and mask & ~wide:
                mask = mask & wide | _holding(about, lits, mask & ~wide)
        return mask


#: A topic's exclude patterns, each with the literal sets its matches contain on ASCII text.
_Excludes = list[tuple[Cue, tuple[frozenset[str], ...]]]


class _Plan:
    """A substance's cues in groups (0: the status cues; k + 1: topic k's cues) with an index of the
    anchors (longest ``\\w+`` run) of their ``driver`` literals, and each topic's exclude patterns with
    the literal sets their matches contain on ASCII text. A literal occurs in a text only where its anchor
    is part of a ``\\w+`` run of the text (iff the literal is its own anchor)."""

    def __init__(self, sub: Substance) -> None:
        outline = sub.cues()
        self.cues = [_Cue.of(g, cue) for g, cues in enumerate((outline.status, *(t.cue_list for t in outline.topics)))
                     for cue in cues]
        self.topics = outline.topics
        self._excludes: list[_Excludes | None] = [None] * len(sub.topics)
        self.always = [c for c, cue in enumerate(self.cues) if cue.driver is None]
        #: The cues whose driver is not needed on non-ASCII text.
        self.wide = [c for c, cue in enumerate(self.cues) if cue.driver is not None and cue.driver is not cue.first]
        #: Anchor ("": none, looked for in every text) -> driver literal -> the cues it drives.
        self.drivers: dict[str, dict[str, list[int]]] = {}
        for c, cue in enumerate(self.cues):
            for w in cue.driver or ():
                self.drivers.setdefault(_anchor(w), {}).setdefault(w, []).append(c)
        self._grams: dict[str, list[str]] = {}
        self._short: list[str] = []
        for a in self.drivers:
            if len(a) >= 3:
                self._grams.setdefault(a[:3], []).append(a)
            elif a:
                self._short.append(a)
        self._hot: dict[str, frozenset[str]] = {}  # word -> the anchors in it, for words with some
        self._cold: set[str] = set()  # words without any

    def excludes(self, k: int) -> _Excludes:
        """Topic ``k``'s exclude patterns with the literal sets their matches contain on ASCII text (worked out
        when a cue of the topic first matches)."""
        got = self._excludes[k]
        if got is None:
            got = self._excludes[k] = [(cue, _worth_testing(cue, None)) for cue in self.topics[k].exclude_list]
        return got

    def _anchors_in(self, word: str) -> frozenset[str]:
        """The anchors that are part of ``word`` (remembered: words recur across documents)."""
        if len(self._cold) + len(self._hot) >= 50_000:
            self._cold.clear()
            self._hot.clear()
        found = [a for a in self._short if a in word]
        grams = self._grams
        for i in range(len(word) - 2):
            for a in grams.get(word[i:i + 3], ()):
                if word.startswith(a, i):
                    found.append(a)
        if found:
            got = self._hot[word] = frozenset(found)
            return got
        self._cold.add(word)
        return frozenset()

    def _anchor_masks(self, about: list[Sentence], words: list[frozenset[str]]) -> dict[str, int]:
        """Each anchor -> the sentences with a word holding it, as a bit mask (bit j: ``about[j]``)."""
        hot, cold = self._hot, self._cold
        by_word: dict[str, int] = {}
        for j, s in enumerate(about):
            for w in words[s.index] - cold:
                by_word[w] = by_word.get(w, 0) | 1 << j
        out: dict[str, int] = {}
        for w, mask in by_word.items():
            for a in hot.get(w) or self._anchors_in(w):
                out[a] = out.get(a, 0) | mask
        if "" in self.drivers:
            out[""] = (1 << len(about)) - 1
        return out

    def candidates(self, about: list[Sentence], words: list[frozenset[str]]) -> dict[int, int]:
        """Each cue (by index) -> the sentences of ``about`` it may match, as a bit mask (bit j: ``about[j]``;
        cues that may match none are left out)."""
        found = dict.fromkeys(self.always, (1 << len(about)) - 1)
        for a, mask in self._anchor_masks(about, words).items():
            for w, cues in self.drivers[a].items():
                held = mask if w == a else _holding(about, (w,), mask)
                if held:
                    for c in cues:
                        found[c] = found.get(c, 0) | held
        wide = sum(1 << j for j, s in enumerate(about) if not s.lower.isascii())
        if wide:
            for c in self.wide:
                found.setdefault(c, 0)
        masks = {c: self.cues[c].mask(found[c], about, wide) for c in found}
        return {c: mask for c, mask in masks.items() if mask}

    def firsts(self, about: list[Sentence], words: list[frozenset[str]],
               memos: dict[int, _Memo]) -> list[dict[int, re.Match[str]]]:
        """Per group, the match of its first cue that matches each sentence of ``about``, by position (each cue
        tried only on its ``candidates`` that no earlier cue of the group matched); ``memos``: the searches
        run, by position."""
        out: list[dict[int, re.Match[str]]] = [{} for _ in range(len(self.topics) + 1)]
        left = [(1 << len(about)) - 1] * len(out)  # the sentences no cue of the group matched yet
        for c, mask in sorted(self.candidates(about, words).items()):
            cue = self.cues[c]
            g = cue.group
            for j in _bits(mask & left[g]):
                text = about[j].lower
                if m := _memo_search(cue.cue, text, text.isascii(), memos.setdefault(j, {})):
                    out[g][j] = m
                    left[g] ^= 1 << j
        return out


def _worth_testing(cue: Cue, first: frozenset[str] | None) -> tuple[frozenset[str], ...]:
    """``regex_literals.clauses`` of ``cue`` but ``first`` and those with a short anchor (which most texts hold)."""
    return tuple(c for c in clauses(cue) if c != first and _selectivity(c) >= _MIN_CLAUSE)


def _holding(about: list[Sentence], lits: Iterable[str], mask: int) -> int:
    """The sentences of ``mask`` (bit j: ``about[j]``) whose lower-cased text holds one of ``lits``."""
    out = 0
    for j in _bits(mask):
        if _any_in(lits, about[j].lower):
            out |= 1 << j
    return out


def _bits(mask: int) -> Iterator[int]:
    """The positions of the set bits of ``mask``, ascending."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


@lru_cache(maxsize=64)
def _plan(sub: Substance) -> _Plan:
    return _Plan(sub)


_NOT_RUN = object()
_Memo = dict[str, re.Match[str] | None]


def _memo_search(cue: Cue, text: str, asc: bool, memo: _Memo) -> re.Match[str] | None:
    """``_search`` of a cue, once per pattern and sentence (a cue may be a status cue and a topic's)."""
    got = memo.get(cue.pattern, _NOT_RUN)
    if got is _NOT_RUN:
        got = memo[cue.pattern] = _search(cue.rx, text, asc)
    return got  # type: ignore[return-value]


def _excluded(excludes: _Excludes, text: str, asc: bool, memo: _Memo) -> bool:
    """Whether one of a topic's exclude patterns matches (on ASCII text, of those whose literal sets all
    have a literal in it)."""
    return any(_memo_search(cue, text, asc, memo) for cue, sets in excludes
               if not asc or all(_any_in(lits, text) for lits in sets))


def _coverage(ann: Annotations, body: list[Sentence], words: list[frozenset[str]], sub: Substance, n: int,
              mentioned: dict[int, set[str]], is_topic: bool) -> dict:
    covered: dict[str, list[int]] = {}
    status_lines: list[int] = []
    # The sentences about the substance: those naming it and, for the topic, those naming none.
    about = [s for s in body if ((here := mentioned.get(s.index)) is None and is_topic) or (here and sub.id in here)]
    plan, topics = _plan(sub), sub.topics
    memos: dict[int, _Memo] = {}
    status, *firsts = plan.firsts(about, words, memos)
    for j in sorted(memos):
        s = about[j]
        if j in status:
            status_lines.append(ann.document.line_of(s.start))
        found = {k: f[j] for k, f in enumerate(firsts) if j in f}
        if not found:
            continue
        text, memo = s.lower, memos[j]
        asc = text.isascii()
        covers = {k: not _excluded(plan.excludes(k), text, asc, memo) for k in found}
        if (may_match(_REFERRAL_TRIGGERS, text) and _search(_REFERRAL, text, asc)
                and not any(covers[k] for k in found if topics[k].id != "regulatory")):
            continue
        for k, m in found.items():
            if covers[k] and not negated_at(ann, s.index, m.start()):
                covered.setdefault(topics[k].id, []).append(ann.document.line_of(s.start))
    if status_lines:
        reg = next((t for t in topics if t.id == "regulatory"), None)
        if reg:
            covered.setdefault(reg.id, status_lines)
    required = [t for t in topics if t.required]
    return {
        "id": sub.id, "name": sub.name, "mentions": n, "topic": is_topic,
        "approved": sub.approved, "lawful_supplement": sub.lawful_supplement,
        "status_stated": bool(status_lines), "status": sub.status_summary, "status_source": sub.status_source,
        "status_agency": sub.status_agency, "status_date": sub.status_date, "status_lines": status_lines,
        "covered": [{"id": t.id, "label": t.label, "lines": covered[t.id]} for t in topics if t.id in covered],
        "missing": [{"id": t.id, "label": t.label, "source": t.source} for t in required if t.id not in covered],
        "coverage": round(sum(1 for t in required if t.id in covered) / len(required), 3) if required else 1.0,
    }

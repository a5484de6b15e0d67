"""Knowledge-base substances: mentions, the article's topic, risk-topic coverage, regulatory status,
and status misstatements ("kratom, a natural supplement")."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..kb import RiskTopic, Substance, literals, may_match, substances
from .base import Annotations, Sentence
from .caveats import _minimal, joined_lower, sentence_tokens, word_candidates
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
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _alias_index(extra: tuple[str, ...]) -> TermIndex:
    return TermIndex({a: s.id for s in substances(extra) for a in s.aliases})


@lru_cache(maxsize=8)
def _alias_triggers(extra: tuple[str, ...]) -> frozenset[str]:
    """The longest word of each alias: a sentence without any of them mentions no substance."""
    return frozenset(max(_WORD.findall(a), key=len) for s in substances(extra) for a in s.aliases
                     if _WORD.search(a))


def _trigger_sentences(sents: list[Sentence], triggers: frozenset[str]) -> list[Sentence]:
    """The sentences with a ``\\w+`` run in ``triggers`` (one search over all of them)."""
    joined, starts = joined_lower(sents)
    hits = word_candidates(triggers, joined, starts)
    return [sents[k] for k in sorted(hits)] if hits else []


def annotate(ann: Annotations) -> None:
    ann.declare("substance_mentions", "misstatements")
    extra = ann.settings.extra_dirs
    kb = {s.id: s for s in substances(extra)}
    triggers = _alias_triggers(extra)
    counts: Counter[str] = Counter()
    mentioned: dict[int, set[str]] = {}
    for s in _trigger_sentences(ann.prose(), triggers):
        for m in _find(_alias_index(extra), s):
            counts[m.category] += 1
            mentioned.setdefault(s.index, set()).add(m.category)
            ann.add_in_sentence("substance_mentions", s, m.start, m.end, id=m.category)
            _misstatements(ann, s, m.end, kb[m.category])
    topic = counts.most_common(1)[0][0] if counts else None
    ann.facts["topic"] = kb[topic].name if topic else ann.settings.topic
    if counts:
        body = ann.body()
        ann.facts["substances"] = [_coverage(ann, body, kb[sid], n, mentioned, sid == topic)
                                   for sid, n in counts.most_common()]
    else:
        ann.facts["substances"] = []


def _find(index: TermIndex, s: Sentence) -> list[TermMatch]:
    """``index.find(s)``, with the tokens read from the doc's arrays."""
    lowers, starts, ends = sentence_tokens(s)
    if index.firsts.isdisjoint(lowers):
        return []
    base = s.span.start_char
    return [TermMatch(starts[a] - base, ends[b - 1] - base, term, cat, a, b)
            for a, b, term, cat in index.match_tokens(lowers)]


def _misstatements(ann: Annotations, s: Sentence, after: int, sub: Substance) -> None:
    window = s.text[after:after + 60]
    for key, rx in _MISSTATE_RX.items():
        if key not in sub.misstatements:
            continue
        m = rx.match(window)
        if m and not negated_at(ann, s.index, after + m.end() - 1):
            ann.add_in_sentence("misstatements", s, after + m.start(), after + m.end(), substance=sub.id, word=key,
                                fact=sub.misstatements[key])


def _about(s: Sentence, sid: str, mentioned: dict[int, set[str]], is_topic: bool) -> bool:
    here = mentioned.get(s.index, set())
    return sid in here or (is_topic and not here)


_CS: dict[re.Pattern[str], re.Pattern[str]] = {}
_UPPER_OR_WIDE = re.compile(r"[A-Z]|[^\x00-\x7f]")


def _cs(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` without IGNORECASE when that finds the same matches in lower-cased ASCII text (an ASCII
    pattern with no upper-case letter at all, escapes included); else ``rx``. Python's engine is several
    times faster case-sensitively."""
    got = _CS.get(rx)
    if got is None:
        got = _CS[rx] = (re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)
                         if rx.flags & re.IGNORECASE and not _UPPER_OR_WIDE.search(rx.pattern) else rx)
    return got


def _search(rx: re.Pattern[str], text: str, ascii_text: bool) -> re.Match[str] | None:
    """``rx.search(text)`` for lower-cased ``text`` (``ascii_text``: it is ASCII)."""
    return (_cs(rx) if ascii_text else rx).search(text)


def _hit(triggers: tuple[str, ...] | None, found: frozenset[str] | None, text: str) -> bool:
    """``may_match(triggers, text)``, answered from ``found`` (the substance's cue literals occurring in
    ``text``, a superset of ``triggers``' own) when given."""
    if found is None:
        return may_match(triggers, text)
    return triggers is None or not found.isdisjoint(triggers)


_SETS: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def _set(triggers: tuple[str, ...]) -> frozenset[str]:
    """``frozenset(triggers)``, cached by identity (the knowledge base's tuples live for the process):
    ``found.isdisjoint`` of a set iterates the tiny ``found``, not the long tuple."""
    got = _SETS.get(id(triggers))
    if got is None or got[0] is not triggers:
        if len(_SETS) >= 65_536:
            _SETS.clear()
        got = _SETS[id(triggers)] = (triggers, frozenset(triggers))
    return got[1]


_PLANS: dict[int, tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]] = {}


def _present(triggers: tuple[str, ...], whole: str) -> list[str]:
    """``[w for w in triggers if w in whole]``, scanning ``whole`` for the literals that contain no other
    one first: a literal containing another can only be present when that one is."""
    got = _PLANS.get(id(triggers))
    if got is None or got[0] is not triggers:
        if len(_PLANS) >= 4096:
            _PLANS.clear()
        base = _minimal(triggers)
        got = _PLANS[id(triggers)] = (triggers, base, tuple((w, tuple(m for m in base if m in w))
                                                            for w in triggers))
    found = {m for m in got[1] if m in whole}
    if not found:
        return []
    return [w for w, parts in got[2] if not found.isdisjoint(parts) and (w in found or w in whole)]


def _first(cues: tuple[re.Pattern[str], ...], triggers: tuple[tuple[str, ...] | None, ...], text: str,
           found: frozenset[str] | None, ascii_text: bool) -> re.Match[str] | None:
    """``kb.first_match`` with the literal tests answered by ``found`` (see ``_hit``)."""
    n = len(triggers)
    for i, c in enumerate(cues):
        if i < n:
            trig = triggers[i]
            if found is None:
                if not may_match(trig, text):
                    continue
            elif trig is not None and found.isdisjoint(_set(trig)):
                continue
        m = _search(c, text, ascii_text)
        if m:
            return m
    return None


def _covers(t: RiskTopic, text: str, found: frozenset[str] | None, ascii_text: bool) -> bool:
    """``RiskTopic.covered_by`` with the literal tests answered by ``found``."""
    if not _hit(t.triggers, found, text) or _first(t.cues, t.cue_triggers, text, found, ascii_text) is None:
        return False
    return not any(_search(x, text, ascii_text) for x in t.exclude)


_CUE_INDEX: dict[int, tuple[Substance, dict[str, tuple[tuple[int, int], ...]] | None]] = {}


def _cue_index(sub: Substance) -> dict[str, tuple[tuple[int, int], ...]] | None:
    """Each cue literal of ``sub`` -> the cues ``(topic position, cue position)`` needing it (topic -1: the
    status cues); None when some cue has no literals (then every cue is tried as before)."""
    got = _CUE_INDEX.get(id(sub))
    if got is None or got[0] is not sub:
        if len(_CUE_INDEX) >= 4096:
            _CUE_INDEX.clear()
        index: dict[str, list[tuple[int, int]]] | None = {}
        groups = [(-1, sub.status_cues, sub.status_cue_triggers)]
        groups += [(k, t.cues, t.cue_triggers) for k, t in enumerate(sub.topics)]
        for k, cues, triggers in groups:
            if index is None or len(triggers) != len(cues) or any(not w for w in triggers):
                index = None
                break
            for i, lits in enumerate(triggers):
                for w in lits:  # type: ignore[union-attr]
                    index.setdefault(w, []).append((k, i))
        got = _CUE_INDEX[id(sub)] = (sub, None if index is None else {w: tuple(v) for w, v in index.items()})
    return got[1]


def _first_of(cues: tuple[re.Pattern[str], ...], which: list[int], text: str,
              ascii_text: bool) -> re.Match[str] | None:
    """The match of the first of the cues at positions ``which`` (ascending) that matches."""
    for i in which:
        m = _search(cues[i], text, ascii_text)
        if m:
            return m
    return None


def _coverage(ann: Annotations, body: list[Sentence], sub: Substance, n: int,
              mentioned: dict[int, set[str]], is_topic: bool) -> dict:
    covered: dict[str, list[int]] = {}
    status_lines: list[int] = []
    about = [s for s in body if _about(s, sub.id, mentioned, is_topic)]
    # Only the cue literals found somewhere in these sentences can be in one of them.
    whole = "\0".join([s.lower for s in about])
    present = None if sub.triggers is None else _present(sub.triggers, whole)
    index = None if present is None else _cue_index(sub)
    for s in about:
        text = s.lower
        # The substance's cue literals in the sentence: a cue's literal occurs in the sentence iff it is
        # one of them (every cue's literals are among ``sub.triggers``).
        found = None if present is None else frozenset([w for w in present if w in text])
        if not (text if found is None else found):
            continue
        asc = text.isascii()
        if index is not None and found is not None:
            # The cues whose literals occur, by topic: the others cannot match (``kb.first_match``).
            wanted: dict[int, list[int]] = {}
            for w in found:
                for k, i in index.get(w, ()):
                    wanted.setdefault(k, []).append(i)
            if not wanted:
                continue
            for k, v in wanted.items():
                wanted[k] = sorted(set(v)) if len(v) > 1 else v
            if -1 in wanted and _first_of(sub.status_cues, wanted[-1], text, asc):
                status_lines.append(ann.document.line_of(s.start))
            if (may_match(_REFERRAL_TRIGGERS, text) and _search(_REFERRAL, text, asc)
                    and not any(k in wanted and _first_of(t.cues, wanted[k], text, asc) is not None
                                and not any(_search(x, text, asc) for x in t.exclude)
                                for k, t in enumerate(sub.topics) if t.id != "regulatory")):
                continue
            for k, t in enumerate(sub.topics):
                m = _first_of(t.cues, wanted[k], text, asc) if k in wanted else None
                if (m and not any(_search(x, text, asc) for x in t.exclude)
                        and not negated_at(ann, s.index, m.start())):
                    covered.setdefault(t.id, []).append(ann.document.line_of(s.start))
            continue
        if (_hit(sub.status_triggers, found, text)
                and _first(sub.status_cues, sub.status_cue_triggers, text, found, asc)):
            status_lines.append(ann.document.line_of(s.start))
        if (may_match(_REFERRAL_TRIGGERS, text) and _search(_REFERRAL, text, asc)
                and not any(_covers(t, text, found, asc) for t in sub.topics if t.id != "regulatory")):
            continue
        for t in sub.topics:
            m = _first(t.cues, t.cue_triggers, text, found, asc) if _hit(t.triggers, found, text) else None
            if m and not any(_search(x, text, asc) for x in t.exclude) and not negated_at(ann, s.index, m.start()):
                covered.setdefault(t.id, []).append(ann.document.line_of(s.start))
    if status_lines:
        reg = next((t for t in sub.topics if t.id == "regulatory"), None)
        if reg:
            covered.setdefault(reg.id, status_lines)
    required = [t for t in sub.topics if t.required]
    return {
        "id": sub.id, "name": sub.name, "mentions": n, "topic": is_topic,
        "approved": sub.approved, "lawful_supplement": sub.lawful_supplement,
        "status_stated": bool(status_lines), "status": sub.status_summary, "status_source": sub.status_source,
        "status_agency": sub.status_agency, "status_date": sub.status_date, "status_lines": status_lines,
        "covered": [{"id": t.id, "label": t.label, "lines": covered[t.id]} for t in sub.topics if t.id in covered],
        "missing": [{"id": t.id, "label": t.label, "source": t.source} for t in required if t.id not in covered],
        "coverage": round(sum(1 for t in required if t.id in covered) / len(required), 3) if required else 1.0,
    }

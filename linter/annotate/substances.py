"""Knowledge-base substances: mentions, the article's topic, risk-topic coverage, regulatory status,
and status misstatements ("kratom, a natural supplement")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from ..kb import RiskTopic, Substance, literals, may_match, substances
from .base import Annotations, Sentence
from .caveats import Scopes, in_scope, joined_lower, negation_scopes, sentence_tokens
from .lexicon import TermIndex, TermMatch

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
    """The sentences with a ``\\w+`` run in ``triggers`` (one search over all of them: the triggers found
    among the text's words, then their whole-word occurrences mapped to sentences)."""
    joined, starts = joined_lower(sents)
    found = triggers.intersection(_WORD.findall(joined))
    if not found:
        return []
    rx = _word_rx(tuple(sorted(found)))
    out: list[Sentence] = []
    pos, n = 0, len(starts)
    while True:
        m = rx.search(joined, pos)
        if m is None:
            return out
        k = bisect_right(starts, m.start()) - 1
        out.append(sents[k])
        if k + 1 >= n:
            return out
        pos = starts[k + 1]


@lru_cache(maxsize=256)
def _word_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def annotate(ann: Annotations) -> None:
    ann.declare("substance_mentions", "misstatements")
    extra = ann.settings.extra_dirs
    kb = {s.id: s for s in substances(extra)}
    triggers = _alias_triggers(extra)
    counts: Counter[str] = Counter()
    mentioned: dict[int, set[str]] = {}
    scopes: Scopes | None = None
    for s in _trigger_sentences(ann.prose(), triggers):
        for m in _find(_alias_index(extra), s):
            counts[m.category] += 1
            mentioned.setdefault(s.index, set()).add(m.category)
            ann.add_in_sentence("substance_mentions", s, m.start, m.end, id=m.category)
            if scopes is None:
                scopes = negation_scopes(ann)
            _misstatements(ann, s, m.end, kb[m.category], scopes)
    topic = counts.most_common(1)[0][0] if counts else None
    ann.facts["topic"] = kb[topic].name if topic else ann.settings.topic
    if counts:
        body = ann.body()
        scopes = scopes if scopes is not None else negation_scopes(ann)
        ann.facts["substances"] = [_coverage(ann, body, scopes, kb[sid], n, mentioned, sid == topic)
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


def _misstatements(ann: Annotations, s: Sentence, after: int, sub: Substance, scopes: Scopes) -> None:
    window = s.text[after:after + 60]
    for key, rx in _MISSTATE_RX.items():
        if key not in sub.misstatements:
            continue
        m = rx.match(window)
        if m and not in_scope(scopes, s.index, after + m.end() - 1):
            ann.add_in_sentence("misstatements", s, after + m.start(), after + m.end(), substance=sub.id, word=key,
                                fact=sub.misstatements[key])


def _about(s: Sentence, sid: str, mentioned: dict[int, set[str]], is_topic: bool) -> bool:
    here = mentioned.get(s.index, set())
    return sid in here or (is_topic and not here)


def _hit(triggers: tuple[str, ...] | None, found: frozenset[str] | None, text: str) -> bool:
    """``may_match(triggers, text)``, answered from ``found`` (the substance's cue literals occurring in
    ``text``, a superset of ``triggers``' own) when given."""
    if found is None:
        return may_match(triggers, text)
    return triggers is None or not found.isdisjoint(triggers)


def _first(cues: tuple[re.Pattern[str], ...], triggers: tuple[tuple[str, ...] | None, ...], text: str,
           found: frozenset[str] | None) -> re.Match[str] | None:
    """``kb.first_match`` with the literal tests answered by ``found`` (see ``_hit``)."""
    for i, c in enumerate(cues):
        if i < len(triggers) and not _hit(triggers[i], found, text):
            continue
        m = c.search(text)
        if m:
            return m
    return None


def _covers(t: RiskTopic, text: str, found: frozenset[str] | None) -> bool:
    """``RiskTopic.covered_by`` with the literal tests answered by ``found``."""
    if not _hit(t.triggers, found, text) or _first(t.cues, t.cue_triggers, text, found) is None:
        return False
    return not any(x.search(text) for x in t.exclude)


def _coverage(ann: Annotations, body: list[Sentence], scopes: Scopes, sub: Substance, n: int,
              mentioned: dict[int, set[str]], is_topic: bool) -> dict:
    covered: dict[str, list[int]] = {}
    status_lines: list[int] = []
    about = [s for s in body if _about(s, sub.id, mentioned, is_topic)]
    # Only the cue literals found somewhere in these sentences can be in one of them.
    whole = "\0".join([s.lower for s in about])
    present = None if sub.triggers is None else [w for w in sub.triggers if w in whole]
    for s in about:
        text = s.lower
        # The substance's cue literals in the sentence: a cue's literal occurs in the sentence iff it is
        # one of them (every cue's literals are among ``sub.triggers``).
        found = None if present is None else frozenset([w for w in present if w in text])
        if not (text if found is None else found):
            continue
        if _hit(sub.status_triggers, found, text) and _first(sub.status_cues, sub.status_cue_triggers, text, found):
            status_lines.append(ann.document.line_of(s.start))
        if (may_match(_REFERRAL_TRIGGERS, text) and _REFERRAL.search(text)
                and not any(_covers(t, text, found) for t in sub.topics if t.id != "regulatory")):
            continue
        for t in sub.topics:
            m = _first(t.cues, t.cue_triggers, text, found) if _hit(t.triggers, found, text) else None
            if m and not any(x.search(text) for x in t.exclude) and not in_scope(scopes, s.index, m.start()):
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

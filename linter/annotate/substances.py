"""Knowledge-base substances: mentions, the article's topic, risk-topic coverage, regulatory status,
and status misstatements ("kratom, a natural supplement")."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..kb import Substance, substances
from .base import Annotations, Sentence
from .lexicon import TermIndex
from .negation import negated_at

_REFERRAL = re.compile(r"\b(?:consult|talk to|speak (?:to|with)|ask|check with|see)\b.{0,40}\b(?:doctor|physician|"
                       r"healthcare|health care|provider|pharmacist|clinician|professional)", re.IGNORECASE)
_MISSTATE = {
    "supplement": r"(?:,|\bis|\bas|\bare)\s+(?:an?\s+)?(?:(?:natural|herbal|dietary|botanical|safe|legal|popular|"
                  r"plant-based)\s+){0,2}supplements?\b",
    "safe": r"\b(?:is|are)\s+(?:completely\s+|perfectly\s+|totally\s+|generally\s+|very\s+)?safe\b",
    "legal": r"\b(?:is|are)\s+(?:completely\s+|perfectly\s+|totally\s+|fully\s+)?legal\b",
}


@lru_cache(maxsize=8)
def _alias_index(extra: tuple[str, ...]) -> TermIndex:
    return TermIndex({a: s.id for s in substances(extra) for a in s.aliases})


def annotate(ann: Annotations) -> None:
    ann.declare("substance_mentions", "misstatements")
    kb = {s.id: s for s in substances(ann.settings.extra_dirs)}
    index = _alias_index(ann.settings.extra_dirs)
    counts: Counter[str] = Counter()
    mentioned: dict[int, set[str]] = {}
    for s in ann.prose():
        for m in index.find(s):
            counts[m.category] += 1
            mentioned.setdefault(s.index, set()).add(m.category)
            ann.add_in_sentence("substance_mentions", s, m.start, m.end, id=m.category)
            _misstatements(ann, s, m.end, kb[m.category])
    topic = counts.most_common(1)[0][0] if counts else None
    ann.facts["topic"] = kb[topic].name if topic else ann.settings.topic
    ann.facts["substances"] = [_coverage(ann, kb[sid], n, mentioned, sid == topic)
                               for sid, n in counts.most_common()]


def _misstatements(ann: Annotations, s: Sentence, after: int, sub: Substance) -> None:
    window = s.text[after:after + 60]
    for key, rx in _MISSTATE.items():
        if key not in sub.misstatements:
            continue
        m = re.match(r"[^.;]*?" + rx, window, re.IGNORECASE)
        if m and not negated_at(ann, s.index, after + m.end() - 1):
            ann.add_in_sentence("misstatements", s, after + m.start(), after + m.end(), substance=sub.id, word=key,
                                fact=sub.misstatements[key])


def _about(s: Sentence, sid: str, mentioned: dict[int, set[str]], is_topic: bool) -> bool:
    here = mentioned.get(s.index, set())
    return sid in here or (is_topic and not here)


def _coverage(ann: Annotations, sub: Substance, n: int, mentioned: dict[int, set[str]], is_topic: bool) -> dict:
    covered: dict[str, list[int]] = {}
    status_lines: list[int] = []
    for s in ann.body():
        if not _about(s, sub.id, mentioned, is_topic):
            continue
        text = s.lower
        if any(c.search(text) for c in sub.status_cues):
            status_lines.append(ann.document.line_of(s.start))
        if _REFERRAL.search(text) and not any(t.covered_by(text) for t in sub.topics if t.id != "regulatory"):
            continue
        for t in sub.topics:
            m = next((m for c in t.cues if (m := c.search(text))), None)
            if m and t.covered_by(text) and not negated_at(ann, s.index, m.start()):
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

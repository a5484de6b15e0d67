"""Testimonials: a named or described person whose experience is offered as evidence of an effect."""

from __future__ import annotations

import re

from .base import Annotations
from .cues import Scan, matcher, pattern, scans, spans_in

_PERSON_NOUNS = (r"veteran|mother|father|mom|dad|mum|parent|teacher|nurse|professional|student|athlete|runner|"
                 r"patient|retiree|grandmother|grandfather|grandma|grandpa|woman|man|wife|husband|customer|client|"
                 r"reader|user|firefighter|officer|engineer|executive|entrepreneur|designer|writer|chef|"
                 r"accountant|mechanic|farmer|soldier|marine|friend|colleague|neighbor|neighbour|sufferer|"
                 r"survivor|mum-of-\w+|mom-of-\w+|father-of-\w+|(?:\d+|[a-z]+)-year-old")
_INTRO = re.compile(
    rf"\b(?:take|meet|consider|like|as)\s+([A-Z][a-z]+(?:\s[A-Z]\.)?),\s+(?:a|an|the|our|my)\s+(?:[\w-]+\s+){{0,4}}?"
    rf"(?:{_PERSON_NOUNS})\b"
    rf"|\b([A-Z][a-z]+(?:\s[A-Z]\.)?),\s+(?:a|an|the|our|my)\s+(?:[\w-]+\s+){{0,4}}?(?:{_PERSON_NOUNS})\b"
    rf"|\b(?:one|a|another)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON_NOUNS})\s+(?:from\s+\w+\s+)?"
    rf"(?:who|says|said|told|reports|reported|found|credits|swears|shared)\b",
)
_GROUP = re.compile(
    r"\b(?:success stories|testimonials?|(?:many|some|most|countless|thousands of|hundreds of|our)\s+"
    r"(?:patients|users|people|customers|clients|readers|individuals|women|men|veterans|athletes)\s+"
    r"(?:have\s+)?(?:found|report|reported|say|said|swear|tell us|told us|credit|noticed|experienced|shared))\b",
    re.IGNORECASE,
)
#: Words one of which every ``_INTRO`` match (a person noun) or ``_GROUP`` match contains: the prefilters.
_INTRO_TRIGGERS = frozenset(w for w in re.findall(r"[a-z]+", _PERSON_NOUNS)
                            if w not in ("a", "d", "z", "of", "w", "old"))
_GROUP_TRIGGERS = frozenset({"success", "testimonial", "testimonials", "found", "report", "reported", "say", "said",
                             "swear", "tell", "told", "credit", "noticed", "experienced", "shared"})
_TRIGGERS = _INTRO_TRIGGERS | _GROUP_TRIGGERS
_EXPERIENCE = re.compile(r"\b(?:found|finds|helped|helps|regained|recovered|felt|feels|noticed|experienced|"
                         r"credits|swears|says|said|reports?|reported|improv\w+|relie\w+|alleviat\w+|"
                         r"(?:was|were) able to|enabled|allowed|changed (?:her|his|their|my) life|"
                         r"no longer|got (?:her|his|their|my) life back)\b", re.IGNORECASE)


def annotate(ann: Annotations) -> None:
    """One testimonial per story: a sentence close to the previous testimonial (same block, within two
    sentences) or naming the same person continues that story."""
    ann.declare("testimonials")
    sentences = [s for s in ann.prose() if not s.is_heading and not s.is_question]
    last: tuple[int, int] | None = None  # (block, sentence index) of the last story
    people: set[str] = set()  # named people and group phrases already reported
    all_scans = scans(ann)
    for i, s in enumerate(sentences):
        if _TRIGGERS.isdisjoint(all_scans[s.index].words):
            continue
        m, group = _first(all_scans[s.index])
        if m is None:
            continue
        window = Scan(s.text + " " + (sentences[i + 1].text if i + 1 < len(sentences) else ""))
        experience = window.search(_EXPERIENCE) is not None
        if not (experience or group):
            continue
        person = m.group(0).lower() if group else next((g for g in m.groups() if g), None)
        continuing = last is not None and last[0] == s.block.index and s.index - last[1] <= 2
        if person in people or (continuing and (group or not person)):
            last = (s.block.index, s.index)
            continue
        efficacy = (experience and _benefit(window)) or any(
            c.get("benefit") for c in spans_in(ann, "claims", s.index))
        ann.add_in_sentence("testimonials", s, m.start(), m.end(), person=None if group else person, group=group,
                            efficacy=efficacy)
        last = (s.block.index, s.index)
        if person:
            people.add(person)


def _benefit(window: Scan) -> bool:
    """Whether a causal verb occurs in ``window``: by the claims' phrase matcher in a plain scan (the same
    matches), else by the phrase regex."""
    if window.plain:
        return matcher("causal_verbs").search(window) is not None
    return pattern("causal_verbs").search(window.text) is not None


def _first(scan: Scan) -> tuple[re.Match[str] | None, bool]:
    """The first testimonial cue of a sentence: a named or described person, else a group phrase (each
    pattern searched only when the text holds one of its trigger words; for ``_GROUP``, whose case-insensitive
    matches lower-case to them, in a plain scan)."""
    if not _INTRO_TRIGGERS.isdisjoint(scan.words):
        m = _INTRO.search(scan.text)
        if m:
            return m, False
    if scan.plain and _GROUP_TRIGGERS.isdisjoint(scan.words):
        return None, True
    return scan.search(_GROUP), True

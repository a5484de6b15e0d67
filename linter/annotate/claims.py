"""Relations and health claims.

``relations``: every sentence that states a relationship, with its strength in the causal-language
classes of Yu et al. (correlational, hedged = conditional causal, direct, absolute), health or not.
``claims``: the relations that are consumer health claims: an exposure or intervention (a lexicon term, a
knowledge-base substance or, when the article's topic is known, a pronoun) acting on a health outcome,
with negation, support, harm/benefit, disease and substitute attributes for the HC rules.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from .base import Annotations, Sentence
from .cues import (
    CLAUSE_BREAK,
    Finder,
    PhraseMatcher,
    Scan,
    finder,
    matcher,
    may_match,
    phrase_finder,
    regex_finder,
    scans,
    spans_in,
    triggers,
)
from .lexicon import TermMatch, load_index
from .substances import find_terms
from .support import support_for

ORDER = {"correlational": 1, "hedged": 2, "direct": 3, "absolute": 4}
_START = attrgetter("start")  # (the sort key of cues and terms)
_PRONOUN = re.compile(r"\b(?:it|its|it's|it’s|this (?:supplement|product|plant|herb|remedy|substance|compound|"
                      r"extract|botanical|leaf|tea|powder|drug)|the (?:supplement|plant|herb|remedy|leaf|extract|"
                      r"botanical))\b", re.IGNORECASE)
_NOT_SUBJECT_AFTER = re.compile(r"^[\s-]*(?:receptors?|withdrawal|use disorders?|addiction|dependence|crisis|"
                                r"epidemic|overdoses?|misuse|abuse|agonists?|antagonists?|system|pathways?)\b",
                                re.IGNORECASE)
_GENERIC_OBJECT = re.compile(r"^\s*(?:plans?|options?|approach(?:es)?|programs?|programmes?|centers?|centres?|"
                             r"providers?|team|yourself|facility|facilities|settings?|modalit(?:y|ies))\b",
                             re.IGNORECASE)
_ING_START = re.compile(r"^\W*$")
_SUPPORT_NOUN = re.compile(r"\s+(?:the|for|of|this|these|our)\b")
_OF_AFTER = re.compile(r"\s+of\b")
_TO_BEFORE = re.compile(r"\bto\s+$")
_PREP_AFTER = re.compile(r"\s+(?:at|in|with|for|using|from|during|after|before|under|via)\b")
_WORD_BEFORE = re.compile(r"[a-z]\s+$")
_HAVE_BEFORE = re.compile(r"\b(?:has|have|had)\s+$")
_RATE_AFTER = re.compile(r"\s+(?:risks?|rates?|levels?|odds|chances?)\b")
_ING_OBJECT = re.compile(r"\b(?:of|for|in|by|on|at|about|to|from|with|and|or)\s+$", re.IGNORECASE)
_CAUSE = re.compile(r"(?i)(?:cause|produce)")
_LETHAL = re.compile(r"(?i)fatal|deadly|lethal|threatening")
#: Research "support" ("these data support further trials", "we support its use"): an evidential verb.
_EVIDENCE_SUBJECT = re.compile(r"\b(?:data|results?|findings?|evidence|stud(?:y|ies)|analys[ie]s|observations?|"
                               r"trials?|research|we|i|experiments?|reviews?|outcomes|differences)\s+(?:\w+\s+){0,3}$",
                               re.IGNORECASE)
#: "helps predict risk", "help hospitals identify families": a tool aiding a judgement, not an effect.
_HELP_JUDGE = re.compile(r"\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:predict|identify|detect|determine|diagnose|explain|"
                         r"understand|assess|estimate|measure|monitor|recogni[sz]e|distinguish|discriminate|screen|select|"
                         r"choose|decide|guide|find|spot|track)\b", re.IGNORECASE)
#: Established background ("is known to reduce", "have long been known to").
_KNOWN_TO = re.compile(r"\bknown\s+to\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: A passive auxiliary before a participle ("was also improved"): an effect, not an intransitive trend.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:not\s+)?(?:(?:also|further|still|\w+ly)\s+)"
                             r"{0,2}$", re.IGNORECASE)
#: An adverb just before a participle ("relamorelin significantly reduced"): look past it for the
#: adjective test ("with significantly reduced risk" stays an adjective).
_ADVERB_BEFORE = re.compile(r"\b\w+ly\s+$", re.IGNORECASE)
#: A verb form that is a noun or an adjective by what follows it: a bracket or dash ("nerve blocks (PNB)",
#: "burns--is"), a military noun after "combat", an anatomical region after "lower", the idiom "cause and
#: effect", or a research outcome as the object ("led to the discovery that").
_NOT_VERB_AFTER = re.compile(r"\s*(?:\(|\)|-|\u2013|\u2014)")
_NOUN_USE = re.compile(
    r"\b(?:combat\s+(?:exposures?|veterans?|troops|soldiers|zones?|hospitals?|injur\w+|deployments?|experiences?|"
    r"units?|roles?|operations?|duty|stress|trauma)|lower\s+(?:respiratory|urinary|back|limbs?|legs?|extremit\w+|"
    r"abdom\w+|gastrointestinal|gi|body|jaw|lip|eyelids?|airways?|tract)|cause(?:\s+and\s+|-and-)effect)\b",
    re.IGNORECASE)
_RESEARCH_OBJECT = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?(?:discover(?:y|ies)|findings?|conclusions?|"
                              r"hypothes[ie]s|reali[sz]ation|identification)\b", re.IGNORECASE)
#: A fronted concessive clause ("Although X is known to reduce Y, ..."): background to the main clause.
_CONCESSIVE = re.compile(r"^\W*(?:although|though|even though|while|whereas)\b[^,;:]*,", re.IGNORECASE)
#: Relation nouns ("its role in", "due to"): research language, too weak to make a consumer claim.
_NOUN_CUES = frozenset({"role in", "key role", "due to", "because of", "as a result of", "effect of", "effects of",
                        "impact of", "impacts of", "benefits of", "benefit of", "cause of", "causes of",
                        "responsible for", "under the effect of", "thanks to", "impact", "impacts", "impacted",
                        "effect on", "effects on", "impact on", "impacts on", "influence on", "efficacy",
                        "effectiveness", "improvement of", "improvement in", "improvements in", "reduction of",
                        "reduction in", "reductions in", "determinant of", "determinants of"})


@dataclass(slots=True)
class Cue:
    """A relation cue in a sentence: positions in the sentence text and its strength."""

    start: int
    end: int
    strength: str
    text: str


def _in(scan: Scan, name: str, a: int, b: int, *, match: bool = False) -> bool:
    """Whether language.yaml pattern ``name`` occurs in (``match``: at the start of) ``scan.text[a:b]`` (run by
    :meth:`Finder.on`)."""
    rx, text = regex_finder(name).on(scan)
    return (rx.match(text[a:b]) if match else rx.search(text[a:b])) is not None


def _participle_ok(scan: Scan, a: int, b: int, word: str) -> bool:
    """Whether a verb form at ``a``..``b`` is the clause's verb (not an adjective, gerund subject or
    reduced relative clause)."""
    text = scan.text
    lo = max(0, a - 30)
    before = text[lo:a]
    if a > 0 and text[a - 1] == "/":  # "HIV/AIDS"
        return False
    if word.startswith("help") and _HELP_JUDGE.match(text, b):
        return False
    if a > 1 and text[a - 1] == "-" and text[a - 2].isalnum():  # "cholesterol-lowering", not "mass--increases"
        return False
    if word.startswith("support") and (_SUPPORT_NOUN.match(text, b) or _EVIDENCE_SUBJECT.search(before)
                                       or _in(scan, "by_after", b, len(text), match=True)):
        return False
    if " " not in word and not word.endswith("ing") and not _OF_AFTER.match(text, b) and \
            _in(scan, "noun_before", lo, a):
        return False
    if _TO_BEFORE.search(before) and not _in(scan, "claim_infinitive", lo, a):
        return False
    if word.endswith("ed") and " " not in word:
        if _in(scan, "be_before", lo, a):
            return True
        adv = _ADVERB_BEFORE.search(before)
        if _in(scan, "adjective_prev", lo, lo + adv.start() if adv else a) or \
                _in(scan, "by_after", b, len(text), match=True):
            return False
        if _PREP_AFTER.match(text, b) and _WORD_BEFORE.search(before) and not _HAVE_BEFORE.search(before):
            return False
        if _HAVE_BEFORE.search(before) and _RATE_AFTER.match(text, b):
            return False
    elif word.endswith("ing") and " " not in word and (_ING_START.match(text[:a]) or _ING_OBJECT.search(before)):
        return False
    return True


def _noun_use(scan: Scan, a: int, b: int, word: str) -> bool:
    """A causal verb form used as a noun or adjective, or with a research outcome as its object."""
    if " " not in word and not word.endswith(("ed", "ing")) and _NOT_VERB_AFTER.match(scan.text, b):
        return True
    rx, text = scan.on(_NOUN_USE)
    if rx.match(text, a):
        return True
    if word not in ("lead to", "leads to", "led to"):
        return False
    rx, text = scan.on(_RESEARCH_OBJECT)
    return rx.match(text, b) is not None


def _background(scan: Scan, a: int, b: int) -> bool:
    """A relation cue that is background, not the sentence's finding: a verb in a relative clause on a
    noun ("a disease that causes pain", "drugs which can prevent it"; not "found that X reduces"), or an
    intransitive trend verb ("rates have increased in the U.S.", "rose from 3.9 percent")."""
    if _search(scan, _KNOWN_TO, max(0, a - 30), a):
        return True
    rx, text = scan.on(_CONCESSIVE)
    concessive = rx.match(text)
    if concessive and a < concessive.end():
        return True
    rel = _search(scan, regex_finder("relative_before"), max(0, a - 40), a)
    if rel and not _search(scan, regex_finder("reporting_before"), max(0, rel.start() - 40), rel.start()):
        return True
    rx, text = regex_finder("trend_after").on(scan)
    if not rx.match(text, b):
        return False
    rx, text = regex_finder("trend_verb").on(scan)
    if rx.fullmatch(text[a:b]) is None:
        return False
    # A passive ("was also improved in the trial arm") is an effect, not an intransitive trend.
    return not (scan.text[b - 2:b].lower() == "ed" and _search(scan, _PASSIVE_BEFORE, max(0, a - 40), a))


def _hedged(scan: Scan, a: int) -> bool:
    """Whether a relation cue at ``a`` is hedged: a modal just before it (in its clause), or a hedging frame
    earlier."""
    rx, text = scan.on(CLAUSE_BREAK)
    clause = a - len(rx.split(text[:a])[-1])
    rx, text = regex_finder("modal_before").on(scan)
    if rx.search(text[max(clause, a - 60):a]):
        return True
    return _search(scan, regex_finder("hedge_frame"), 0, a) is not None


def relation_cues(text: str, scan: Scan | None = None) -> tuple[Cue, ...]:
    """All relation cues of a sentence, each graded (``scan`` is the text's word scan when the caller has
    one)."""
    return _relation_cues(scan if scan is not None and scan.text == text else Scan(text))


#: The phrase lists and the patterns that find relation cues.
_CUE_LISTS = ("absolute", "correlational", "causal_verbs")
_CUE_PATTERNS = ("comparative", "prevalence", "risk_bearing", "multiplier", "benefit_offer", "modal_effect")
#: Where relation cues are looked for, in order, and the strength of their cues (None: a verb, "direct" or
#: "hedged" when it passes the tests of :func:`_relation_cues`).
_CUE_SOURCES = (("absolute", "absolute"), ("correlational", "correlational"), ("comparative", "correlational"),
                ("prevalence", "correlational"), ("risk_bearing", "correlational"), ("multiplier", None),
                ("causal_verbs", None), ("benefit_offer", None), ("modal_effect", None))


@cache
def _sources(plain: bool) -> tuple[tuple[PhraseMatcher | Finder, frozenset[str], str | None, int], ...]:
    """``(phrase matcher or pattern finder, cue words one of which a (plain) text it matches holds (empty: not
    known), strength, kind)`` of the ``_CUE_SOURCES`` (all built before a scan's cue words are read); kind 1: the
    causal verbs, 2: a benefit offer, 3: another pattern, 0: another phrase list."""
    kinds = {"causal_verbs": 1, "benefit_offer": 2}
    return tuple((matcher(name), matcher(name).prefilter(plain), strength, kinds.get(name, 0)) if name in _CUE_LISTS
                 else (regex_finder(name), triggers(name), strength, kinds.get(name, 3))
                 for name, strength in _CUE_SOURCES)


@cache
def _cue_words(plain: bool) -> frozenset[str] | None:
    """Words one of which a (plain) sentence with a relation cue holds (None: no such set, a pattern has
    no trigger words)."""
    found = [triggers(name) for name in _CUE_PATTERNS]
    if not all(found):
        return None
    return frozenset().union(*found, *(matcher(name).prefilter(plain) for name in _CUE_LISTS))


def _relation_cues(scan: Scan) -> tuple[Cue, ...]:
    plain = scan.plain
    sources = _sources(plain)
    needed = _cue_words(plain)
    cues = scan.cue_words()
    if needed is not None and needed.isdisjoint(cues):
        return ()
    text = scan.text
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    future: list[re.Match[str] | None] = []  # the first future frame, searched when first needed
    for source, need, strength, kind in sources:
        if need and need.isdisjoint(cues):  # (may_match, PhraseMatcher.prefilter)
            continue
        if kind >= 2 and source.lacks_tails(scan):  # type: ignore[union-attr]
            continue
        for m in source.finditer(scan):
            a, b = m.span(m.lastindex or 0) if strength is None else m.span()
            if taken and any(x < b and a < y for x, y in taken):  # overlaps a cue found before
                continue
            if strength is None:
                word = m.group(0).lower()
                if kind == 1 and (not _participle_ok(scan, a, b, word) or _noun_use(scan, a, b, word)):
                    continue
                if kind == 2 and word.endswith("support") and _evidence_subject(scan, a):
                    continue
                if _after_future(scan, a, future) or (kind == 1 and _background(scan, a, b)):
                    continue
            taken.append((a, b))
            found.append(Cue(a, b, strength or ("hedged" if _hedged(scan, a) else "direct"), text[a:b]))
    return tuple(sorted(found, key=_START)) if len(found) > 1 else tuple(found)


def _after_future(scan: Scan, a: int, future: list[re.Match[str] | None]) -> bool:
    """Whether a future frame ("should", "further research") comes before ``a`` (``future``: the scan's first
    future frame once searched)."""
    frame = regex_finder("future_frame")
    if not future:
        future.append(frame.search(scan) if may_match("future_frame", scan) else None)
    first = future[0]
    if first is None or first.start() >= a:
        return False
    rx, on = frame.on(scan)
    return first.end() <= a or rx.search(on, 0, a) is not None


def _evidence_subject(scan: Scan, a: int) -> bool:
    return _search(scan, _EVIDENCE_SUBJECT, max(0, a - 40), a) is not None


def _search(scan: Scan, rx: re.Pattern[str] | Finder, pos: int = 0, endpos: int = sys.maxsize
            ) -> re.Match[str] | None:
    """``rx.search(scan.text, pos, endpos)``, run by :meth:`Finder.on` (groups may come lower-cased), or by
    :meth:`Finder.search` to the end of the text."""
    f = rx if isinstance(rx, Finder) else finder(rx)
    if endpos == sys.maxsize:
        return f.search(scan, pos)
    pat, text = f.on(scan)
    return pat.search(text, pos, endpos)


def main_cue(cues: tuple[Cue, ...]) -> Cue:
    """The cue that carries the sentence's main relation: a hedged or absolute cue when there is one,
    else the first cue (later ones tend to sit in objects and subordinate clauses)."""
    for strength in ("absolute", "hedged"):
        for c in cues:
            if c.strength == strength:
                return c
    return cues[0]


def strongest(cues) -> str | None:
    """The strongest strength among cues or claim spans (None when there are none)."""
    best = None
    for c in cues:
        st = c.strength if isinstance(c, Cue) else c.get("strength")
        if st in ORDER and (best is None or ORDER[st] > ORDER[best]):
            best = st
    return best


def _negated(ann: Annotations, s: Sentence, cue: Cue) -> bool:
    """A negation cue before the relation cue, in the same clause and close to it."""
    for n in spans_in(ann, "negations", s.index):
        a = n.start - s.start
        b = n.end - s.start
        if b <= cue.start and cue.start - b <= 40 and not CLAUSE_BREAK.search(s.text, b, cue.start):
            return True
        if a >= cue.end and a - cue.end <= 3 and s.text[cue.end:a].strip() == "":  # "helps no one"
            return False
    return False


def _outcomes(s: Sentence, extra: tuple[str, ...]) -> list[TermMatch]:
    out: list[TermMatch] = []
    for name in ("conditions.txt", "symptoms.txt", "outcomes.txt"):
        cat = name.split(".")[0]
        out.extend(TermMatch(m.start, m.end, m.term, cat, m.tok_start, m.tok_end)
                   for m in find_terms(load_index(name, extra), s))
    return sorted(out, key=_START)


def _subjects(ann: Annotations, s: Sentence, extra: tuple[str, ...]) -> list[TermMatch]:
    """Intervention terms and substance mentions that can be a claim's subject."""
    found = find_terms(load_index("interventions.txt", extra), s)
    for sp in spans_in(ann, "substance_mentions", s.index):
        a = sp.start - s.start
        found.append(TermMatch(a, a + (sp.end - sp.start), sp.text, "substance", 0, 0))
    return sorted((m for m in found if not _NOT_SUBJECT_AFTER.match(s.text[m.end:])), key=lambda m: m.start)


def _verb_cue(c: Cue, subj_end: int) -> bool:
    """Whether a cue can carry a claim about a subject ending at ``subj_end``: after it, and not a noun."""
    return c.start >= subj_end and c.text.lower() not in _NOUN_CUES


def _claim_cue(cues: tuple[Cue, ...], outcomes: list[TermMatch], subj_end: int) -> Cue | None:
    """The strongest cue after the subject that has an outcome in its clause after it."""
    best = None
    for c in cues:
        if not _verb_cue(c, subj_end):
            continue
        if not any(o.start >= c.start and o.start - c.end <= 90 for o in outcomes):
            continue
        if best is None or ORDER[c.strength] > ORDER[best.strength]:
            best = c
    return best


def _harm(scan: Scan, cue: Cue, outcome: TermMatch | None) -> bool:
    """A risk statement: a harm verb whose object is a harm or a condition ("can cause liver damage")."""
    rx, text = phrase_finder("harm_outcomes").on(scan)
    harm_word = rx.search(text[cue.end:cue.end + 90])
    # (on a plain scan the cue's lower-cased text is plain too: the twin matches it as the pattern does)
    verbs, _ = phrase_finder("harm_verbs").on(scan)
    harm_verb = verbs.fullmatch(cue.text.lower().strip()) or _CAUSE.match(cue.text)
    if _LETHAL.search(cue.text):
        return True
    if harm_verb and (harm_word or (outcome is not None and outcome.category in ("conditions", "symptoms"))):
        return True
    return _in(scan, "multiplier", cue.start, cue.end, match=True)


def annotate(ann: Annotations) -> None:
    ann.declare("relations", "claims")
    extra = ann.settings.extra_dirs
    topic_known = bool(ann.facts.get("topic"))
    all_scans = scans(ann)
    substitute = matcher("substitute_frames")
    for s in ann.prose():
        scan = all_scans[s.index]
        cues = relation_cues(s.text, scan)
        if cues:
            best = main_cue(cues)
            ann.add_in_sentence("relations", s, best.start, best.end, strength=best.strength,
                                cue=best.text.lower(), negated=_negated(ann, s, best))
        elif substitute.search(scan) is None:
            continue
        _claim(ann, s, scan, cues, extra, topic_known)


def _claim(ann: Annotations, s: Sentence, scan: Scan, cues: tuple[Cue, ...], extra: tuple[str, ...],
           topic_known: bool) -> None:
    frames = tuple(Cue(m.start(), m.end(), "direct", s.text[m.start():m.end()])
                   for m in matcher("substitute_frames").finditer(scan) if _REPLACING.search(m.group(0)))
    cues = tuple(sorted(cues + frames, key=_START))
    if not any(_verb_cue(c, 0) for c in cues):  # no cue can carry a claim (see _claim_cue)
        return
    subject, pronoun, topic = _claim_subject(ann, s, scan, cues, frames, extra, topic_known)
    if subject is None and pronoun is None and topic is None:
        return
    outcomes = sorted(_outcomes(s, extra) + _safety_outcome(s.text, cues) + _care_outcome(s, extra, frames),
                      key=_START)
    if not outcomes:
        return
    subj_end = subject.end if subject else (pronoun.end() if pronoun else 0)
    cue = _claim_cue(cues, outcomes, min(subj_end, cues[0].start) if subject is None else subj_end)
    if cue is None:
        return
    text = s.text
    outcome = next((o for o in outcomes if o.start >= cue.start), outcomes[-1])
    if _GENERIC_OBJECT.match(text[outcome.end:]) and outcome.term in ("treatment", "pain", "recovery"):
        return
    support = support_for(ann, s.index)
    harm = _harm(scan, cue, outcome)
    warning = _search(scan, phrase_finder("warning_frames"), 0, cue.start) is not None
    benefit = not harm and not warning
    referral = _search(scan, phrase_finder("referral"), 0, cue.start) is not None
    clause_end = _clause_end(scan, cue.end)
    sub_m = _search(scan, phrase_finder("substitute_frames"))
    substitute = bool(sub_m) and _substitute_target(ann, s, scan, sub_m, extra, subject)
    disease_m = _search(scan, phrase_finder("disease_verbs"), max(0, cue.start - 12))
    disease = bool(disease_m) and disease_m.start() <= cue.end + 2 and any(
        o.category in ("conditions", "symptoms") and o.start >= disease_m.start() and o.start <= clause_end
        for o in outcomes)
    hedged = cue.strength == "hedged"
    ann.add_in_sentence(
        "claims", s, 0, len(text.rstrip()),
        strength=cue.strength, cue=cue.text.lower(), hedged=hedged, negated=_negated(ann, s, cue),
        supported=bool(support), support=sorted({c.get("type") for c in support}),
        subject=_named(text, subject, pronoun, topic),
        subject_type=subject.category if subject else "topic",
        outcome=text[outcome.start:outcome.end], outcome_type=outcome.category,
        disease=disease and benefit, substitute=substitute and benefit, benefit=benefit, harm=harm,
        warning=warning, referral=referral, heading=s.is_heading, question=s.is_question, health=True,
        frame=cue in frames,
    )


#: Absolute safety promises are claims about safety itself ("melatonin is completely safe for children").
_SAFETY = re.compile(r"\b(?:(?:100\s?%|completely|totally|perfectly|absolutely|entirely)\s+(?:safe|harmless)|"
                     r"(?:no|zero|without)\s+(?:side[- ]effects|risks?)|risk[- ]free|non[- ]habit[- ]forming)\b",
                     re.IGNORECASE)


def _safety_outcome(text: str, cues: tuple[Cue, ...]) -> list[TermMatch]:
    """A pseudo-outcome "safety" where an absolute cue promises safety, for sentences with no health term."""
    for c in cues:
        if c.strength == "absolute":
            m = _SAFETY.search(text, c.start)
            if m and m.start() == c.start:
                return [TermMatch(m.start(), m.end(), "safety", "safety", 0, 0)]
    return []


#: Substitute frames that offer something in place of a treatment ("alternative to", "instead of", "replace").
_REPLACING = re.compile(r"alternative|instead|replac|substitut|in place of|ditch|swap", re.IGNORECASE)


def _care_outcome(s: Sentence, extra: tuple[str, ...], frames: tuple[Cue, ...]) -> list[TermMatch]:
    """Standard care named after a substitute frame ("a safer alternative to sleeping pills"): the treatment
    to be replaced stands as the claim's outcome when the sentence names no condition."""
    if not frames:
        return []
    first = min(f.start for f in frames)
    return [TermMatch(t.start, t.end, t.term, "standard_care", t.tok_start, t.tok_end)
            for t in find_terms(load_index("standard_care.txt", extra), s) if t.start > first]


def _claim_subject(ann: Annotations, s: Sentence, scan: Scan, cues: tuple[Cue, ...], frames: tuple[Cue, ...],
                   extra: tuple[str, ...], topic_known: bool
                   ) -> tuple[TermMatch | None, re.Match[str] | None, str | None]:
    """What a claim is about: a subject term before the last cue (a substance first), else, when the topic is
    known, a pronoun before it (a match of the scan: its group may be lower-cased), else, for a substitute
    frame, the topic (each None when not found)."""
    subjects = _subjects(ann, s, extra)
    if frames:
        # In "X is a replacement for Y" the subject comes before the frame; Y is what it replaces.
        first_frame = min(f.start for f in frames)
        care = {t.start for t in find_terms(load_index("standard_care.txt", extra), s)}
        before = [m for m in subjects if m.end <= first_frame and m.start not in care]
        if before or topic_known:
            subjects = before
    last_cue = max(c.start for c in cues)
    subject = next((m for m in subjects if m.category == "substance" and m.start < last_cue), None) or next(
        (m for m in subjects if m.start < last_cue), None)
    pronoun = None
    if subject is None and topic_known:
        first = scan.search(_PRONOUN)  # (matches come left to right: only the first can start before the cue)
        pronoun = first if first is not None and first.start() < last_cue else None
    topic = ann.facts.get("topic") if subject is None and pronoun is None and frames and topic_known else None
    return subject, pronoun, topic


def _named(text: str, subject: TermMatch | None, pronoun: re.Match[str] | None, topic: str | None) -> str | None:
    """A claim's subject as written: the term, else the pronoun, else the topic."""
    if subject is not None:
        return text[subject.start:subject.end]
    if pronoun is not None:
        return text[pronoun.start():pronoun.end()]
    return topic


def _clause_end(scan: Scan, pos: int) -> int:
    m = _search(scan, CLAUSE_BREAK, pos)
    return m.start() if m else len(scan.text)


def _substitute_target(ann: Annotations, s: Sentence, scan: Scan, m: re.Match[str], extra: tuple[str, ...],
                       subject: TermMatch | None) -> bool:
    """A substitute frame aimed at standard care ("alternative to opioids"), or a "safer alternative"."""
    care = find_terms(load_index("standard_care.txt", extra), s)
    if subject is not None and subject.end <= m.start() and any(t.start <= subject.start < t.end for t in care):
        return False  # one standard treatment offered as an alternative to another
    for f in phrase_finder("substitute_frames").finditer(scan, m.start()):
        phrase = f.group(0).lower()
        if "alternative" in phrase and not phrase.endswith((" to", " for")):
            return True
        if any(f.end() <= t.start <= f.end() + 40 and (subject is None or t.start != subject.start) for t in care):
            return True
    return False

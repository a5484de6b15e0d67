"""Document-level kinds: what a balanced article must contain, checked over the whole document."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..errors import RuleError
from .base import Evaluator, Hit, check_severity_when, check_where, matches, severity_for

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotations, Span


def _start_anchor(ann: Annotations) -> tuple[int, int]:
    """The title or first block: where a finding about the whole document points."""
    blocks = ann.document.blocks
    if not blocks:
        return 0, 0
    b = blocks[0]
    return b.start, b.end


def _most_named(names: list[str]) -> str:
    """The most frequent name (case-insensitive; ties go to the first named), in its first spelling."""
    counts = Counter(n.lower() for n in names)
    top = max(counts, key=counts.__getitem__)
    return next(n for n in names if n.lower() == top)


def _grouped(ann: Annotations, kind: str, key: str) -> dict[Any, list[Span]] | None:
    """The annotations of ``kind`` by the value of their ``key`` attribute, in order (built once per document
    for the rules that filter on it, kept in ``facts["_span_groups"]`` with the list grouped and its length;
    None when some value cannot be a dict key)."""
    spans = ann.of(kind)
    cache = ann.facts.setdefault("_span_groups", {})
    got = cache.get((kind, key))
    if got is None or got[0] is not spans or got[1] != len(spans):
        groups: dict[Any, list[Span]] = {}
        try:
            for sp in spans:
                groups.setdefault(sp.attrs.get(key), []).append(sp)
            got = (spans, len(spans), groups)
        except TypeError:  # an unhashable value
            got = (spans, len(spans), None)
        cache[(kind, key)] = got
    return got[2]


def _select(ann: Annotations, kind: str, where: dict[str, Any]) -> list[Span]:
    """The annotations of ``kind`` whose attributes (and ``text``) match ``where``; with an equality condition
    on an attribute, only those with that value are tested."""
    key = next((k for k, cond in where.items() if k != "text" and not isinstance(cond, (list, dict))), None)
    groups = None if key is None else _grouped(ann, kind, key)
    spans = ann.of(kind) if groups is None else groups.get(where[key], [])
    if "text" in where:
        return [sp for sp in spans if matches({**sp.attrs, "text": sp.text}, where)]
    return [sp for sp in spans if matches(sp.attrs, where)]


def _check_when(when: dict[str, Any]) -> None:
    if when and "annotation" not in when and "fact" not in when:
        raise RuleError("'when' needs an 'annotation' (with optional where/min) or a 'fact'")
    check_where(when.get("where", {}))


def _precondition(ann: Annotations, when: dict[str, Any]) -> tuple[bool, Span | None]:
    """Whether a document-level rule applies, and the first annotation that made it apply."""
    if not when:
        return True, None
    if "fact" in when:
        return bool(ann.facts.get(when["fact"])), None
    found = _select(ann, when["annotation"], when.get("where", {}))
    return len(found) >= int(when.get("min", 1)), (min(found, key=lambda s: s.start) if found else None)


class Requirement(Evaluator):
    """Fire once when fewer than ``min`` annotations matching ``where`` exist (and ``when`` holds).
    Annotations matching ``partial_where`` count as weak: the finding says only weak ones were found.
    With ``target`` above ``min``, a document with ``min`` .. ``target - 1`` of them gets an ``info``
    finding marked ``thin``; every finding carries ``coverage`` = found / target (weak ones count half,
    once), for graded scoring (``per_fraction``)."""

    PARAMS = {"annotation": (str, None), "where": (dict, {}), "min": (int, 1), "target": (int, 0), "when": (dict, {}),
              "partial_where": (dict, {}), "anchor": (str, "start"), "severity_when": (list, [])}

    def check(self) -> None:
        check_where(self.p["where"])
        check_where(self.p["partial_where"])
        _check_when(self.p["when"])
        check_severity_when(self.p["severity_when"])
        if self.p["anchor"] not in ("start", "when"):
            raise RuleError("anchor must be 'start' or 'when'")

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        applies, first = _precondition(ann, self.p["when"])
        if not applies:
            return []
        found = _select(ann, self.p["annotation"], self.p["where"])
        least = int(options.get("min", self.p["min"]))
        target = max(least, int(options.get("target", self.p["target"])))
        if len(found) >= target:
            return []
        partial = _select(ann, self.p["annotation"], self.p["partial_where"]) if self.p["partial_where"] else []
        a, b = (first.start, first.end) if self.p["anchor"] == "when" and first else _start_anchor(ann)
        coverage = min(1.0, (len(found) + (0.5 if partial else 0.0)) / target) if target else 0.0
        data = {"found": len(found), "weak": len(partial), "only_weak": bool(partial) and not found,
                "weak_text": [p.text for p in partial[:3]], "coverage": round(coverage, 3),
                "thin": len(found) >= least}
        severity = "info" if data["thin"] else severity_for(data, self.p["severity_when"])
        return [Hit(a, b, data, severity)]


class Order(Evaluator):
    """Fire when a ``then`` annotation comes before the first ``first`` annotation (which does exist)."""

    PARAMS = {"first": (str, None), "then": (str, None), "then_where": (dict, {})}

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        firsts = ann.of(self.p["first"])
        thens = _select(ann, self.p["then"], self.p["then_where"])
        if not firsts or not thens:
            return []
        f = min(firsts, key=lambda s: s.start)
        t = min(thens, key=lambda s: s.start)
        if t.start >= f.start:
            return []
        line = ann.document.line_of(f.start)
        return [Hit(t.start, t.end, {"text": t.text, "disclosure_line": line, "disclosure": f.text})]


#: What a negated harm sentence ("no serious adverse events occurred") counts for in the generic harms check.
WEAK_HARM_CREDIT = 0.5


class RiskCoverage(Evaluator):
    """Fire per knowledge-base substance whose required risk topics are covered below a threshold; for an
    article that claims benefits for an intervention outside the knowledge base (``generic``), fire when
    fewer than ``target_harms`` sentences discuss harms or side effects: a warning below ``min_harms``
    non-negated ones, otherwise an info finding marked ``thin``; ``coverage`` = sentences / target, a negated
    one ("no serious side effects were seen") counting ``WEAK_HARM_CREDIT`` (graded scoring: expert ratings
    follow how much an article says about harms, not whether it says anything)."""

    PARAMS = {"warn_below": ((int, float), 0.75), "error_below": ((int, float), 0.5), "min_mentions": (int, 2),
              "topic_only": (bool, False), "generic": (bool, True), "min_harms": (int, 1),
              "target_harms": (int, 1), "min_claims": (int, 1)}

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        hits = []
        warn = float(options.get("warn_below", self.p["warn_below"]))
        err = float(options.get("error_below", self.p["error_below"]))
        kb_topic = False
        for sub in ann.facts.get("substances", []):
            if sub["mentions"] < self.p["min_mentions"] or (self.p["topic_only"] and not sub["topic"]):
                continue
            kb_topic = kb_topic or sub["topic"]
            if sub["coverage"] >= warn:
                continue
            first = next((m for m in ann.of("substance_mentions") if m.get("id") == sub["id"]), None)
            a, b = (first.start, first.end) if first else _start_anchor(ann)
            data = {"substance": sub["name"], "coverage": sub["coverage"],
                    "missing": [t["label"] for t in sub["missing"]],
                    "covered": [t["label"] for t in sub["covered"]],
                    "sources": sorted({t["source"] for t in sub["missing"] if t["source"]})}
            hits.append(Hit(a, b, data, "error" if sub["coverage"] < err else "warning"))
        if not kb_topic and options.get("generic", self.p["generic"]):
            least = int(options.get("min_harms", self.p["min_harms"]))
            target = max(least, int(options.get("target_harms", self.p["target_harms"])))
            hits.extend(self._generic(ann, least, target))
        return hits

    def _generic(self, ann: Annotations, min_harms: int, target: int) -> list[Hit]:
        """Benefit claims about an intervention outside the knowledge base (or health content with no
        claim the annotator could parse), with fewer than ``target`` non-negated sentences on harms or
        side effects."""
        from ..annotate.caveats import top_interventions

        claims = [c for c in ann.of("claims") if c.get("benefit") and not c.get("negated")]
        harms = ann.facts.get("harms", {})
        if not (claims or ann.facts.get("health_topic")):
            return []
        found, weak = int(harms.get("sentences", 0)), int(harms.get("negated", 0))
        credit = found + WEAK_HARM_CREDIT * weak
        if credit >= target:
            return []
        subjects = [c.get("subject") for c in claims if c.get("subject") and c.get("subject") != "it"]
        subject = _most_named(subjects) if subjects else (top_interventions(ann) or ["the intervention"])[0]
        a, b = (claims[0].start, claims[0].end) if claims else _start_anchor(ann)
        thin = found >= min_harms
        missing = [f"harms or side effects ({found} of {target} sentences)" if thin else "harms or side effects"]
        data = {"substance": subject, "coverage": round(min(1.0, credit / target), 3), "missing": missing,
                "covered": [], "sources": [], "generic": True, "claims": len(claims), "found": found,
                "target": target, "thin": thin, "weak_harms": weak}
        return [Hit(a, b, data, "info" if thin else "warning")]


class SubstanceStatus(Evaluator):
    """Fire per unapproved knowledge-base substance whose regulatory status the article never states."""

    PARAMS = {"min_mentions": (int, 2)}

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        hits = []
        for sub in ann.facts.get("substances", []):
            if sub["approved"] or sub["status_stated"] or sub["mentions"] < self.p["min_mentions"]:
                continue
            first = next((m for m in ann.of("substance_mentions") if m.get("id") == sub["id"]), None)
            a, b = (first.start, first.end) if first else _start_anchor(ann)
            hits.append(Hit(a, b, {"substance": sub["name"], "status": sub["status"],
                                   "source": sub["status_source"]}))
        return hits


class FactsRequired(Evaluator):
    """Fire once when fields of a document fact (e.g. provenance: author, date, references) are missing."""

    PARAMS = {"fact": (str, None), "require": (list, None), "when": (dict, {}), "severity_when": (list, [])}

    def check(self) -> None:
        _check_when(self.p["when"])
        check_severity_when(self.p["severity_when"])

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        if not _precondition(ann, self.p["when"])[0]:
            return []
        fact = ann.facts.get(self.p["fact"]) or {}
        require = options.get("require", self.p["require"])
        missing = [k for k in require if not fact.get(k)]
        if not missing:
            return []
        a, b = _start_anchor(ann)
        data = {"missing": missing, "count": len(missing)}
        return [Hit(a, b, data, severity_for(data, self.p["severity_when"]))]


class Metric(Evaluator):
    """Fire when a document metric (e.g. fk_grade) is above ``max`` or below ``min``."""

    PARAMS = {"metric": (str, None), "max": ((int, float), float("inf")), "min": ((int, float), float("-inf")),
              "severity_when": (list, [])}

    def check(self) -> None:
        check_severity_when(self.p["severity_when"])

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        value = ann.metrics.get(self.p["metric"])
        if value is None:
            return []
        hi = float(options.get("max", self.p["max"]))
        lo = float(options.get("min", self.p["min"]))
        if lo <= value <= hi:
            return []
        body = ann.document.body_blocks()
        a, b = (body[0].start, body[0].end) if body else _start_anchor(ann)
        data = {"metric": self.p["metric"], "value": value, "max": hi, "min": lo,
                "over": round(value - hi, 1) if value > hi else 0}
        return [Hit(a, b, data, severity_for(data, self.p["severity_when"]))]

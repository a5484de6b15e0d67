"""The 0–100 score: five sub-scores that start at their maximum and lose points per finding, then gates.

Every deduction is traceable: ``subscores[name]["deductions"]`` lists the finding code, line and points.
The table (health-criteria.md §7, docs/score.md): evidence 30, balance 25, commercial 20, provenance 15,
readability 10. Each rule's YAML ``score:`` block says which sub-score it draws on and what one finding costs:

- ``points`` (``error_points`` for an error, ``partial_points`` when only weak caveats were found);
- ``per_missing``: points per item of the finding's ``missing`` list;
- ``per_fraction``: points × (1 − the finding's ``coverage``); ``generic_points`` × (1 − ``coverage``)
  instead for a finding marked ``generic`` (a check without a knowledge-base topic list, e.g. harms of
  any intervention, graded by how many sentences discuss them);
- ``per_unit`` / ``unit``: points per unit of a number in the finding (e.g. grades ``over`` the target);
- ``max``: the most that rule can take in total;
- ``density``: the points shrink in long articles (× min(1, DENSITY_WORDS / body words)), so a long
  article is judged on its rate of problems, not their count. On by default for the ``evidence``
  sub-score (claim findings), off elsewhere.
"""

from __future__ import annotations

from typing import Any

from .result import Finding
from .rules import Rule

MAXIMA = {"evidence": 30, "balance": 25, "commercial": 20, "provenance": 15, "readability": 10}
#: Gate: an unapproved knowledge-base substance whose status the article never states caps the total.
STATUS_GATE_CAP = 60
#: Body words up to which a ``density`` rule's findings cost their full points (calibrated on dev data).
DENSITY_WORDS = 150
DENSITY_SUBSCORES = frozenset({"evidence"})
GRADES = ((90, "A"), (75, "B"), (60, "C"), (40, "D"), (0, "F"))


def grade_for(score: int) -> str:
    return next(g for floor, g in GRADES if score >= floor)


def points_for(f: Finding, spec: dict[str, Any], scale: float = 1.0) -> float:
    """What one finding costs under its rule's ``score`` spec (before the rule's cap)."""
    if f.severity == "error" and "error_points" in spec:
        points = float(spec["error_points"])
    elif f.data.get("only_weak") and "partial_points" in spec:
        points = float(spec["partial_points"])
    else:
        points = float(spec.get("points", 0))
    if "per_missing" in spec:
        points = float(spec["per_missing"]) * len(f.data.get("missing", []))
    if f.data.get("generic") and "generic_points" in spec:
        points = float(spec["generic_points"]) * (1 - float(f.data.get("coverage", 0)))
    elif "per_fraction" in spec:
        points = float(spec["per_fraction"]) * (1 - float(f.data.get("coverage", 0)))
    if "per_unit" in spec:
        points = float(spec["per_unit"]) * float(f.data.get(spec.get("unit", "over"), 0))
    density = spec.get("density", spec.get("subscore") in DENSITY_SUBSCORES)
    return points * (scale if density else 1.0)


def compute(findings: list[Finding], rules: dict[str, Rule], facts: dict[str, Any],
            metrics: dict[str, Any] | None = None) -> tuple[int, str, dict]:
    """Score, grade and sub-score detail for one file's (unsuppressed) findings."""
    words = (metrics or {}).get("body_words") or facts.get("_body_words") or 0
    scale = min(1.0, DENSITY_WORDS / words) if words else 1.0
    taken: dict[str, float] = {}
    detail: dict[str, dict[str, Any]] = {k: {"max": m, "score": m, "deductions": []} for k, m in MAXIMA.items()}
    for f in findings:
        rule = rules.get(f.code)
        if not rule or not rule.score:
            continue
        spec = rule.score
        sub = spec["subscore"]
        room = float(spec.get("max", MAXIMA[sub])) - taken.get(f.code, 0.0)
        points = max(0.0, min(points_for(f, spec, scale), room))
        if points <= 0:
            continue
        taken[f.code] = taken.get(f.code, 0.0) + points
        d = detail[sub]
        d["deductions"].append({"code": f.code, "rule": f.rule, "line": f.line, "points": round(points, 2)})
        d["score"] = max(0.0, d["score"] - points)
    total = sum(d["score"] for d in detail.values())
    gates = []
    for sub in facts.get("substances", []):
        if not sub["approved"] and not sub["status_stated"] and sub["mentions"] >= 2 and total > STATUS_GATE_CAP:
            gates.append({"gate": "unapproved-substance-status-missing", "substance": sub["name"],
                          "cap": STATUS_GATE_CAP, "code": "HM302"})
            total = STATUS_GATE_CAP
    for d in detail.values():
        d["score"] = round(d["score"], 1)
    score = round(total)
    detail_out: dict[str, Any] = dict(detail)
    if gates:
        detail_out["gates"] = gates
    return score, grade_for(score), detail_out

"""The 0–100 score: five sub-scores that start at their maximum and lose points per finding, then gates.

Every deduction is traceable: ``subscores[name]["deductions"]`` lists the finding code, line and points.
The table (health-criteria.md §7): evidence 30, balance 25, commercial 20, provenance 15, readability 10.
Each rule's YAML says which sub-score it draws on (``score.subscore``), how many points one finding costs
(``score.points``, or ``score.error_points`` for an error-severity finding) and the most that rule can
take in total (``score.max``).
"""

from __future__ import annotations

from typing import Any

from .result import Finding
from .rules import Rule

MAXIMA = {"evidence": 30, "balance": 25, "commercial": 20, "provenance": 15, "readability": 10}
#: Gate: an unapproved knowledge-base substance whose status the article never states caps the total.
STATUS_GATE_CAP = 60
GRADES = ((90, "A"), (75, "B"), (60, "C"), (40, "D"), (0, "F"))


def grade_for(score: int) -> str:
    return next(g for floor, g in GRADES if score >= floor)


def compute(findings: list[Finding], rules: dict[str, Rule], facts: dict[str, Any]) -> tuple[int, str, dict]:
    """Score, grade and sub-score detail for one file's (unsuppressed) findings."""
    taken: dict[str, float] = {}
    detail: dict[str, dict[str, Any]] = {k: {"max": m, "score": m, "deductions": []} for k, m in MAXIMA.items()}
    for f in findings:
        rule = rules.get(f.code)
        if not rule or not rule.score:
            continue
        spec = rule.score
        sub = spec["subscore"]
        points = float(spec.get("error_points", spec.get("points", 0)) if f.severity == "error"
                       else spec.get("points", 0))
        if "per_missing" in spec:
            points = float(spec["per_missing"]) * len(f.data.get("missing", []))
        if "per_fraction" in spec:
            points = float(spec["per_fraction"]) * (1 - float(f.data.get("coverage", 0)))
        if "per_unit" in spec:
            points = float(spec["per_unit"]) * float(f.data.get(spec.get("unit", "over"), 0))
        cap = float(spec.get("max", MAXIMA[sub]))
        room = cap - taken.get(f.code, 0.0)
        points = max(0.0, min(points, room))
        if points <= 0:
            continue
        taken[f.code] = taken.get(f.code, 0.0) + points
        d = detail[sub]
        d["deductions"].append({"code": f.code, "rule": f.rule, "line": f.line, "points": round(points, 2)})
        d["score"] = max(0.0, d["score"] - points)
    _risk_balance(detail["balance"], facts)
    total = sum(d["score"] for d in detail.values())
    gates = []
    for sub in facts.get("substances", []):
        if not sub["approved"] and not sub["status_stated"] and sub["mentions"] >= 2 and total > STATUS_GATE_CAP:
            gates.append({"gate": "unapproved-substance-status-missing", "substance": sub["name"],
                          "cap": STATUS_GATE_CAP})
            total = STATUS_GATE_CAP
    for d in detail.values():
        d["score"] = round(d["score"], 1)
    score = round(total)
    detail_out: dict[str, Any] = dict(detail)
    if gates:
        detail_out["gates"] = gates
    return score, grade_for(score), detail_out


def _risk_balance(d: dict[str, Any], facts: dict[str, Any]) -> None:
    """Risk coverage of the article's main knowledge-base substance scales up to 15 of the 25 points."""
    topic = next((s for s in facts.get("substances", []) if s.get("topic")), None)
    if not topic:
        return
    lost = round(15 * (1 - topic["coverage"]), 1)
    if lost > 0:
        d["deductions"].append({"code": "risk-coverage", "substance": topic["name"],
                                "coverage": topic["coverage"], "points": lost})
        d["score"] = max(0.0, d["score"] - lost)

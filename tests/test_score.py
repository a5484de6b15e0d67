"""The 0–100 score: sub-score maxima, per-rule points and caps, density, gates, traceable deductions."""

from __future__ import annotations

import pytest

from linter.api import lint_text
from linter.engine import Linter
from linter.result import Finding
from linter.score import DENSITY_WORDS, MAXIMA, compute, points_for

RULES = Linter().by_code


def _finding(code: str, severity: str = "warning", **data) -> Finding:
    return Finding(code, RULES[code].name, severity, "", 1, 1, 1, 1, 0, 0, "", data)


def test_maxima_follow_the_catalogue() -> None:
    assert MAXIMA == {"evidence": 30, "balance": 25, "commercial": 20, "provenance": 15, "readability": 10}
    assert compute([], RULES, {})[0] == 100


def test_every_deduction_is_traceable_to_a_finding() -> None:
    res = lint_text("Kratom cures depression. Kratom is sold online in many shops.")
    codes = {f.code for f in res.findings}
    lost = 0.0
    for name, sub in res.subscores.items():
        if name == "gates":
            continue
        taken = sum(d["points"] for d in sub["deductions"])
        assert sub["score"] == pytest.approx(max(0.0, sub["max"] - taken), abs=0.11)
        assert {d["code"] for d in sub["deductions"]} <= codes
        lost += sub["max"] - sub["score"]
    assert res.score == min(round(100 - lost), 60)


def test_risk_coverage_costs_per_fraction_and_weak_evidence_partly() -> None:
    assert points_for(_finding("HM301", coverage=0.25), RULES["HM301"].score) == pytest.approx(18.75)
    assert points_for(_finding("HM301", coverage=0.0, generic=True), RULES["HM301"].score) == pytest.approx(10)
    # generic harms check is graded: 2 of 4 harm sentences cost half its points
    assert points_for(_finding("HM301", coverage=0.5, generic=True), RULES["HM301"].score) == pytest.approx(5)
    full, weak = _finding("HM303", coverage=0.0), _finding("HM303", only_weak=True, coverage=0.5 / 6)
    thin = _finding("HM303", coverage=4 / 6)
    spec = RULES["HM303"].score
    assert points_for(thin, spec) < points_for(weak, spec) < points_for(full, spec) == pytest.approx(20)
    # graded depth checks are not density-scaled: a long article gets no discount for saying little
    assert points_for(full, spec, scale=0.1) == pytest.approx(20)
    assert points_for(_finding("HM310", coverage=1 / 3), RULES["HM310"].score) == pytest.approx(8)


def test_rule_cap_limits_repeated_findings() -> None:
    many = [_finding("HC105") for _ in range(20)]
    _, _, detail = compute(many, RULES, {})
    assert 30 - detail["evidence"]["score"] == pytest.approx(RULES["HC105"].score["max"])


def test_claim_deductions_scale_with_density() -> None:
    f = [_finding("HC105")]
    short = compute(f, RULES, {"_body_words": DENSITY_WORDS // 2})[2]["evidence"]["score"]
    long = compute(f, RULES, {"_body_words": DENSITY_WORDS * 4})[2]["evidence"]["score"]
    assert short < long < 30


def test_status_gate_caps_the_total() -> None:
    sub = {"name": "Kratom", "approved": False, "status_stated": False, "mentions": 3}
    score, _, detail = compute([], RULES, {"substances": [sub]})
    assert score == 60 and detail["gates"][0]["code"] == "HM302"
    assert compute([], RULES, {"substances": [{**sub, "status_stated": True}]})[0] == 100


def test_a_balanced_article_outscores_an_unbalanced_one() -> None:
    bad = "Kava cures anxiety. Kava is a wonderful plant."
    good = ("By Ana Ruiz, MD\nPublished: 2025-03-01\n\nKava may ease anxiety a little, according to a Cochrane "
            "review of small randomised trials. The FDA warned in 2002 that kava has been linked to severe "
            "liver injury; it can interact with alcohol and sedatives. Talking therapy and prescribed "
            "medicines are established options. A bottle costs about $20.\n\nThis article is for information "
            "only and is not medical advice.\n\nSources\n\n- https://www.nccih.nih.gov/health/kava\n")
    assert lint_text(good).score > lint_text(bad).score + 20

"""Acceptance of issue 6 on the seed articles in ../shared/seeds (skipped when that folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import lint_text

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
MISSING_EVERYWHERE = {"liver injury", "seizures and other serious effects", "contamination and potency",
                      "deaths and overdose", "regulatory status (not approved, not a lawful supplement)"}


def _lint(prefix: str):
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not present at {SEEDS}")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return lint_text(found[0].read_text(encoding="utf-8"), "text", path=str(found[0]))


def _kratom_finding(res):
    return next(f for f in res.findings if f.code == "HM301" and f.data["substance"] == "Kratom")


@pytest.mark.parametrize("prefix,covered", [("000", {"addiction and dependence", "interactions with other drugs"}),
                                            ("003", {"addiction and dependence", "withdrawal when stopping"})])
def test_seed_findings(prefix: str, covered: set[str]) -> None:
    res = _lint(prefix)
    codes = {f.code for f in res.findings}
    assert {"HM301", "HM302", "HM305", "HM306"} <= codes
    hit = _kratom_finding(res)
    assert covered <= set(hit.data["covered"])
    assert set(hit.data["missing"]) >= MISSING_EVERYWHERE
    assert res.metrics["fk_grade"] > 12
    assert res.score < 50


def test_seed_000_scores_higher_than_003() -> None:
    assert _lint("000").score > _lint("003").score

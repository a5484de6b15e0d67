"""Golden snapshots of the results on samples/: findings (code, severity, line, column), score, grade,
reading grade. Regenerate after an intended change with ``HEALTHLINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linter.api import lint_file
from linter.config import Config

from .conftest import ROOT, SAMPLES

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")


def snapshot(path: Path) -> dict:
    r = lint_file(str(path), Config())
    return {
        "path": path.relative_to(ROOT).as_posix(),
        "score": r.score,
        "grade": r.grade,
        "fk_grade": r.metrics.get("fk_grade"),
        "smog": r.metrics.get("smog"),
        "findings": [f"{f.line}:{f.column} {f.code} {f.severity}" for f in r.findings],
    }


def test_there_are_enough_samples() -> None:
    assert len(ARTICLES) >= 6
    assert {p.suffix for p in ARTICLES} >= {".txt", ".md", ".html"}


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_sample_matches_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.name}.json"
    got = snapshot(path)
    if os.environ.get("HEALTHLINT_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file; run HEALTHLINT_UPDATE_GOLDEN=1 pytest {__file__}"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_faulty_samples_score_below_their_counterparts() -> None:
    pairs = [("kava-anxiety-promo.txt", "kava-anxiety-balanced.txt"), ("cbd-sleep-hedged.md", "cbd-sleep-sourced.md"),
             ("ashwagandha-affiliate.html", "ashwagandha-balanced.html")]
    for bad, good in pairs:
        sb, sg = snapshot(SAMPLES / bad)["score"], snapshot(SAMPLES / good)["score"]
        assert sb < sg, (bad, sb, good, sg)

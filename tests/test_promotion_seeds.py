"""Acceptance on the two seed articles (read from ../shared/seeds, never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import lint_text
from linter.config import Config

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not present at {SEEDS}")


def _lint(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, lint_text(text, "text", config=Config(select=["HP"]))


def test_seed_003_plug_is_undisclosed_at_the_plug() -> None:
    text, res = _lint("003")
    plug_at = text.index("kratom shots from happy go leafy")
    sentence_at = text.rfind("Leveraging", 0, plug_at)
    line = text.count("\n", 0, plug_at) + 1
    for code in ("HP203", "HP205"):
        hits = [f for f in res.findings if f.code == code and f.line == line]
        assert hits, code
        assert sentence_at <= hits[0].start <= plug_at
        assert hits[0].end >= plug_at + len("kratom shots from happy go leafy")
    assert next(f for f in res.findings if f.code == "HP205").severity == "error"


def test_seed_000_has_no_promotion_warning() -> None:
    _, res = _lint("000")
    assert [f for f in res.findings if f.severity in ("warning", "error")] == []

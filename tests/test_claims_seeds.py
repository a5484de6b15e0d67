"""Acceptance on the shared seed articles (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.api import lint_text

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _findings(prefix: str) -> list:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} not found")
    return lint_text(path.read_text(encoding="utf-8")).findings


def _codes_at(findings: list, needle: str) -> set[str]:
    """Codes of findings whose sentence (the flagged text) contains ``needle``."""
    return {f.code for f in findings if needle.lower() in f.text.lower() or needle.lower() in f.message.lower()}


def _codes_in_sentence(prefix: str, needle: str) -> set[str]:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    at = text.find(needle)
    assert at >= 0, needle
    return {f.code for f in _findings(prefix) if f.start <= at + len(needle) and f.end >= at}


def test_seed000_research_suggests_is_vague_and_unsupported() -> None:
    _findings("000")
    codes = _codes_in_sentence("000", "Research suggests that kratom")
    assert {"HC106", "HC105"} <= codes


def test_seed000_safer_alternative_is_substitute() -> None:
    _findings("000")
    assert "HC102" in _codes_in_sentence("000", "safer alternative")


def test_seed003_testimonials() -> None:
    findings = _findings("003")
    people = {f.data.get("person") for f in findings if f.code == "HC107"}
    assert {"Sarah", "John"} <= people


def test_seed003_mood_claim() -> None:
    _findings("003")
    assert _codes_in_sentence("003", "kratom can help improve mood") & {"HC103", "HC105"}


def test_seed003_natural_supplement() -> None:
    _findings("003")
    assert _codes_in_sentence("003", "Kratom, a natural supplement") & {"HC110", "HC109"}


@pytest.mark.parametrize("needle", ["Addiction is a primary concern", "kratom can produce dependency"])
def test_seed003_caveats_are_not_claims(needle: str) -> None:
    _findings("003")
    assert not _codes_in_sentence("003", needle) & {"HC101", "HC103", "HC105"}


def test_seed_success_stories_reported_once_per_story() -> None:
    findings = _findings("003")
    stories = [f for f in findings if f.code == "HC107" and "success stor" in f.text.lower()]
    assert len(stories) <= 1

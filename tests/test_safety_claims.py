"""Absolute safety promises are claims even without a disease or symptom term."""

from __future__ import annotations

import pytest

from linter.api import lint_text
from linter.config import Config

CFG = Config(select=["HC104"])


@pytest.mark.parametrize("text", [
    "Melatonin is completely safe and non-habit-forming for children.",
    "These ashwagandha gummies are 100% safe.",
    "Kava has no side effects.",
])
def test_safety_promises_are_absolute_claims(text: str) -> None:
    assert [f.code for f in lint_text(text, config=CFG).findings] == ["HC104"]


@pytest.mark.parametrize("text", [
    "No supplement is completely safe.",
    "The FDA says ivermectin is not completely safe.",
    "The new playground is completely safe for toddlers.",
])
def test_negated_or_non_health_safety_is_not_a_claim(text: str) -> None:
    assert not lint_text(text, config=CFG).findings


@pytest.mark.parametrize(("text", "flagged"), [
    ("CBD is a safer alternative to sleeping pills.", True),
    ("Many people use ashwagandha as a natural replacement for antidepressants.", True),
    ("Cognitive behavioural therapy is an alternative to sleeping pills.", False),
    ("Ask your doctor about alternatives to opioids.", False),
])
def test_substitute_for_standard_care_without_a_condition_term(text: str, flagged: bool) -> None:
    codes = [f.code for f in lint_text(text, config=Config(select=["HC102"])).findings]
    assert codes == (["HC102"] if flagged else [])

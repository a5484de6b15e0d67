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

"""Vague attribution needs someone to whom a view is attributed, not just a group of people."""

from __future__ import annotations

import pytest

from linter.api import lint_text
from linter.config import Config

CFG = Config(select=["HC106"])


@pytest.mark.parametrize("text", [
    "Melatonin may shorten the time it takes some people to fall asleep.",
    "Most patients tolerate the drug well, but many users report headaches in the first week [1].\n\n"
    "References\n\n1. Smith J. Sleep. 2020;43:1-9.",
    "Some children need a lower dose.",
])
def test_groups_of_people_are_not_attributions(text: str) -> None:
    assert not lint_text(text, config=CFG).findings


@pytest.mark.parametrize("text", [
    "Some people say valerian works better than sleeping pills.",
    "Many doctors recommend magnesium for cramps.",
    "Several studies link turmeric to lower inflammation.",
])
def test_unnamed_sources_are_attributions(text: str) -> None:
    assert [f.code for f in lint_text(text, config=CFG).findings] == ["HC106"]


@pytest.mark.parametrize(("text", "fmt"), [
    ("# What the Research Shows About Ashwagandha\n\nAshwagandha is a shrub.\n", "markdown"),
    ("What do the studies show? Two small trials found less stress [1].\n\nReferences\n\n1. Lopresti AL. 2019.",
     "text"),
])
def test_headings_and_questions_are_not_vague_attribution(text: str, fmt: str) -> None:
    assert not lint_text(text, fmt, config=CFG).findings

"""Every rule ships examples that must be flagged and examples that must pass (proselint-style)."""

from __future__ import annotations

import pytest

from linter.api import lint_text
from linter.config import Config
from linter.rules import load_rules

RULES = load_rules()


def _cases(kind: str) -> list:
    out = []
    for r in RULES:
        items = r.examples_flag if kind == "flag" else r.examples_pass
        for i, ex in enumerate(items):
            out.append(pytest.param(r.code, ex, id=f"{r.code}-{kind}-{i}"))
    return out


def _lint(code: str, example: object) -> list[str]:
    if isinstance(example, dict):
        text, fmt = example["text"], example.get("format", "text")
    else:
        text, fmt = str(example), "text"
    result = lint_text(text, fmt, config=Config(select=[code]))
    return [f.code for f in result.findings]


@pytest.mark.parametrize(("code", "example"), _cases("flag"))
def test_flag_examples_are_flagged(code: str, example: object) -> None:
    assert code in _lint(code, example)


@pytest.mark.parametrize(("code", "example"), _cases("pass"))
def test_pass_examples_pass(code: str, example: object) -> None:
    assert code not in _lint(code, example)


def test_catalogue_covers_every_family() -> None:
    families = {r.family for r in RULES}
    assert {"HC", "HP", "HM", "HR"} <= families
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_rule_cites_a_source() -> None:
    for r in RULES:
        assert r.sources, f"{r.code} has no sources"
        assert all(s.url.startswith("http") for s in r.sources), r.code

"""Acceptance on the two seed articles in ../shared/seeds (skipped on a bare clone)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linter.cli import main

from .conftest import seed


def _check(path) -> tuple[int, dict]:
    r = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    return r.exit_code, json.loads(r.stdout)["files"][0]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_seed_003_has_claim_promotion_and_caveat_findings() -> None:
    path = seed("003")
    status, f = _check(path)
    assert status == 1
    families = {x["code"][:2] for x in f["findings"]}
    assert {"HC", "HP", "HM"} <= families
    plug = [x for x in f["findings"] if x["code"] == "HP203"]
    assert plug and plug[0]["line"] == 5


def test_seed_000_has_claim_and_caveat_findings() -> None:
    status, f = _check(seed("000"))
    assert status == 1
    families = {x["code"][:2] for x in f["findings"]}
    assert {"HC", "HM"} <= families
    vague = [x for x in f["findings"] if x["code"] == "HC106" and x["line"] == 10]
    assert vague and vague[0]["column"] == 1


def test_every_finding_maps_to_its_text() -> None:
    for prefix in ("000", "003"):
        path = seed(prefix)
        source = path.read_text(encoding="utf-8")
        _, f = _check(path)
        for x in f["findings"]:
            assert source[x["start"]:x["end"]] == x["text"]
            assert _line_col(source, x["start"]) == (x["line"], x["column"])

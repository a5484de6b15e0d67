"""Inline suppression comments (Markdown/HTML) and the fingerprint baseline (plain text)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linter.api import lint_text
from linter.cli import main
from linter.config import Config

CLAIM = "Ginger cures nausea and has no side effects."
CFG = Config(select=["HC104"])


def codes(text: str, fmt: str) -> list[str]:
    return [f.code for f in lint_text(text, fmt, config=CFG).findings]


def test_markdown_disable_enable_block() -> None:
    md = f"{CLAIM}\n\n<!-- healthlint-disable HC104 -->\n\n{CLAIM}\n\n<!-- healthlint-enable HC104 -->\n\n{CLAIM}\n"
    r = lint_text(md, "markdown", config=CFG)
    assert [f.line for f in r.findings] == [1, 9]
    assert r.suppressed == 1


def test_disable_next_line_and_all_codes() -> None:
    md = f"{CLAIM}\n\n<!-- healthlint-disable-next-line -->\n{CLAIM}\n"
    assert [f.line for f in lint_text(md, "markdown", config=CFG).findings] == [1]
    md = f"<!-- healthlint-disable -->\n\n{CLAIM}\n"
    assert codes(md, "markdown") == []


def test_prefix_codes_in_html() -> None:
    html = f"<p>{CLAIM}</p>\n<!-- healthlint-disable-next-line HC -->\n<p>{CLAIM}</p>\n"
    assert [f.line for f in lint_text(html, "html", config=CFG).findings] == [1]


def test_plain_text_comments_are_not_directives() -> None:
    assert codes(f"<!-- healthlint-disable -->\n{CLAIM}\n", "text") == ["HC104"]


def test_baseline_round_trip_survives_edits_elsewhere(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text(f"{CLAIM}\n", encoding="utf-8")
    base = tmp_path / "baseline.json"
    r = CliRunner().invoke(main, ["check", "--select", "HC104", "--write-baseline", str(base), str(art)])
    assert r.exit_code == 1
    assert json.loads(base.read_text())["files"]
    art.write_text(f"A new first line.\n\n{CLAIM}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--select", "HC104", "--baseline", str(base), str(art)])
    assert r.exit_code == 0, r.output
    art.write_text(f"{CLAIM}\n\nTurmeric cures arthritis and has no side effects.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--select", "HC104", "--baseline", str(base), str(art)])
    assert r.exit_code == 1 and ":3:" in r.output

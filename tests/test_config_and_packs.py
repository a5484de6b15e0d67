"""Config discovery and validation, severity overrides, per-file ignores, user rule packs, rule schema errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.api import lint_paths
from linter.cli import main
from linter.config import find_config, load_config
from linter.errors import ConfigError, RuleError
from linter.rules import load_rule

ARTICLE = "Experts agree that ginger cures nausea for everyone.\n"


def _write(p: Path, text: str) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_config_found_upward_in_pyproject(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.healthlint]\nignore = ["hm"]\n')
    art = _write(tmp_path / "content" / "deep" / "a.txt", ARTICLE)
    assert find_config(art) == tmp_path / "pyproject.toml"
    run = lint_paths([str(art)])
    assert run.files[0].findings
    assert not any(f.code.startswith("HM") for f in run.files[0].findings)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "a.txt") is None


def test_severity_override_and_per_file_ignores(tmp_path: Path) -> None:
    _write(tmp_path / "healthlint.toml",
           '[severity]\nHC104 = "info"\n\n[per-file-ignores]\n"drafts/*" = ["HC"]\n')
    a = _write(tmp_path / "a.txt", ARTICLE)
    d = _write(tmp_path / "drafts" / "b.txt", ARTICLE)
    run = lint_paths([str(a), str(d)])
    sev = {f.code: f.severity for f in run.files[0].findings}
    assert sev.get("HC104") == "info"
    assert not any(f.code.startswith("HC") for f in run.files[1].findings)


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    cfg = _write(tmp_path / "healthlint.toml", "fail-on = 'sometimes'\n")
    with pytest.raises(ConfigError, match="fail-on"):
        load_config(cfg)
    _write(tmp_path / "healthlint.toml", "selct = ['HC']\n")
    art = _write(tmp_path / "a.txt", ARTICLE)
    r = CliRunner().invoke(main, ["check", str(art)])
    assert r.exit_code == 2 and "healthlint.toml" in r.stderr and "selct" in r.stderr


PACK_RULE = """\
code: XB901
name: brand-hype
severity: warning
message: "House style: avoid '{match}'"
why:
  text: Our editors ban this phrase.
  sources:
    - title: House style guide
      url: https://example.org/style
kind: pattern
params:
  phrases: [superfood]
examples:
  flag: ["Kale is a superfood."]
  pass: ["Kale is a vegetable."]
"""


def test_user_rule_pack_through_config(tmp_path: Path) -> None:
    _write(tmp_path / "pack" / "XB901.yaml", PACK_RULE)
    _write(tmp_path / "healthlint.toml", 'rule-paths = ["pack"]\nextend-select = ["XB"]\n')
    art = _write(tmp_path / "a.txt", "Kale is a superfood for busy people.\n")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(art)])
    codes = [f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]]
    assert "XB901" in codes


def test_malformed_rule_names_file_and_line(tmp_path: Path) -> None:
    bad = _write(tmp_path / "r.yaml", PACK_RULE.replace("severity: warning", "severity: fatal"))
    with pytest.raises(RuleError) as e:
        load_rule(bad)
    assert e.value.path == str(bad) and e.value.line == 3 and "severity" in e.value.message
    bad = _write(tmp_path / "r2.yaml", PACK_RULE.replace("phrases: [superfood]", "phrase: [superfood]"))
    with pytest.raises(RuleError, match="phrase") as e:
        load_rule(bad)
    assert e.value.line == 12
    bad = _write(tmp_path / "r3.yaml", "code: [unclosed\n")
    with pytest.raises(RuleError, match="invalid YAML") as e:
        load_rule(bad)
    assert e.value.line


def test_bad_pack_via_cli_exits_2(tmp_path: Path) -> None:
    _write(tmp_path / "pack" / "x.yaml", PACK_RULE.replace("kind: pattern", "kind: telepathy"))
    art = _write(tmp_path / "a.txt", ARTICLE)
    r = CliRunner().invoke(main, ["check", "--rules-path", str(tmp_path / "pack"), str(art)])
    assert r.exit_code == 2
    assert "x.yaml" in r.stderr and "telepathy" in r.stderr

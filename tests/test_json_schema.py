"""The JSON report validates against schema 1, and the Python API returns the same file objects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

import linter
from linter.cli import main

SCHEMA = json.loads((Path(linter.__file__).parent / "schema" / "report-1.json").read_text())
TEXT = ("Research suggests that kava may ease anxiety. Buy kava chews from blue reef botanics today! "
        "See https://www.amazon.com/dp/B0TEST?tag=blog-20 for 20% off.\n")


def test_cli_json_validates(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(p)])
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["tool"] == "healthlint" and data["schema"] == 1
    f = data["files"][0]
    for key in ("claims", "hedges", "citations", "links"):
        assert key in f["annotations"]
    assert f["annotations"]["links"][0]["url"].startswith("https://www.amazon.com")
    for fd in f["findings"]:
        assert p.read_text(encoding="utf-8")[fd["start"]:fd["end"]] == fd["text"]


def test_schema_rejects_broken_output() -> None:
    import pytest

    bad = {"tool": "healthlint", "version": "x", "schema": 2, "files": [], "summary": {}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_api_lint_text_matches_file_object() -> None:
    r = linter.lint_text(TEXT)
    d = r.to_dict()
    jsonschema.validate({"tool": "healthlint", "version": linter.__version__, "schema": 1, "files": [d],
                         "summary": {"files": 1, "findings": len(d["findings"]),
                                     "by_severity": {"error": 0, "warning": 0, "info": 0}}}, SCHEMA)
    assert 0 <= d["score"] <= 100 and d["grade"] in "ABCDF"
    assert set(d["subscores"]) >= {"evidence", "balance", "commercial", "provenance", "readability"}


def test_api_lint_paths(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Kava\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    run = linter.lint_paths([str(tmp_path)])
    assert [Path(f.path).name for f in run.files] == ["a.md", "b.txt"]
    assert run.to_dict()["summary"]["files"] == 2

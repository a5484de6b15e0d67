"""The command line: exit codes, formats, selection, stdin, corpus mode, bad input, subcommands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

BAD = ("Miracle kava gummies cure anxiety and have no side effects. Take Maria, a retired teacher who "
       "found that the gummies helped her sleep again. Get yours from calm cove botanicals today.\n")
GOOD = ("Sleep needs change with age.\n\nMost adults need at least seven hours of sleep a night, "
        "according to the CDC.\n")


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return {"bad": bad, "good": good, "dir": tmp_path}


def test_bad_article_exits_1_with_located_findings(files: dict[str, Path]) -> None:
    r = run("check", str(files["bad"]))
    assert r.exit_code == 1
    assert f"{files['bad']}:1:" in r.output
    assert "HC104" in r.output and "score" in r.output


def test_fail_on_never_and_exit_zero(files: dict[str, Path]) -> None:
    assert run("check", "--fail-on", "never", str(files["bad"])).exit_code == 0
    assert run("check", "--exit-zero", str(files["bad"])).exit_code == 0


def test_min_score_gates(files: dict[str, Path]) -> None:
    assert run("check", "--fail-on", "never", "--min-score", "100", str(files["bad"])).exit_code == 1
    assert run("check", "--fail-on", "never", "--min-score", "0", str(files["bad"])).exit_code == 0


def test_select_and_ignore(files: dict[str, Path]) -> None:
    r = run("check", "--format", "json", "--select", "HC104", str(files["bad"]))
    codes = {f["code"] for f in json.loads(r.output)["files"][0]["findings"]}
    assert codes == {"HC104"}
    r = run("check", "--format", "json", "--ignore", "HC,HP", str(files["bad"]))
    codes = {f["code"] for f in json.loads(r.output)["files"][0]["findings"]}
    assert codes and not any(c.startswith(("HC", "HP")) for c in codes)


def test_bad_input_exit_2_names_file_and_line_and_others_still_linted(files: dict[str, Path]) -> None:
    broken = files["dir"] / "broken.txt"
    broken.write_bytes(b"fine line\nbad byte \xff here\n")
    r = CliRunner().invoke(main, ["check", "--format", "json", str(broken), str(files["bad"])])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["broken.txt", "bad.txt"]
    assert data["files"][0]["errors"][0]["line"] == 2
    assert data["files"][1]["findings"]
    assert f"{broken}:2" in r.stderr


def test_missing_file_is_exit_2(files: dict[str, Path]) -> None:
    r = CliRunner().invoke(main, ["check", str(files["dir"] / "nope.md"), str(files["good"])])
    assert r.exit_code == 2
    assert "nope.md" in r.stderr


def test_stdin_with_filename(files: dict[str, Path]) -> None:
    r = run("check", "-", "--stdin-filename", "post.md", "--format", "json", input=BAD)
    data = json.loads(r.output)
    assert data["files"][0]["path"] == "post.md"
    assert data["files"][0]["format"] == "markdown"
    assert r.exit_code == 1


def test_directory_recursion_default_extensions(files: dict[str, Path]) -> None:
    sub = files["dir"] / "sub"
    sub.mkdir()
    (sub / "a.md").write_text(GOOD, encoding="utf-8")
    (sub / "image.png").write_bytes(b"\x89PNG\r\n")
    r = run("check", "--format", "json", "--fail-on", "never", str(files["dir"]))
    names = sorted(Path(f["path"]).name for f in json.loads(r.output)["files"])
    assert names == ["a.md", "bad.txt", "good.txt"]
    r = run("check", "--format", "json", "--fail-on", "never", "--exclude", "sub", str(files["dir"]))
    assert sorted(Path(f["path"]).name for f in json.loads(r.output)["files"]) == ["bad.txt", "good.txt"]


def test_output_file_and_github_format(files: dict[str, Path]) -> None:
    out = files["dir"] / "report.txt"
    r = run("check", "--format", "github", "-o", str(out), str(files["bad"]))
    assert r.output == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("::") and "file=" in text and "line=1" in text
    assert "::error " in text


def test_corpus_mode_jsonl(files: dict[str, Path]) -> None:
    corpus = files["dir"] / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": BAD}) + "\n" + "{not json}\n"
                      + json.dumps({"id": "b2", "text": "# Title\n\nPlain words.", "format": "markdown"}) + "\n",
                      encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--input-format", "jsonl", "--format", "json", str(corpus)])
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a1", f"{corpus}:2", "b2"]
    assert lines[0]["findings"] and lines[1]["errors"][0]["line"] == 2
    assert r.exit_code == 2


def test_rules_and_rule_commands() -> None:
    r = run("rules")
    assert r.exit_code == 0 and "HC101" in r.output and "HP205" in r.output and "HM301" in r.output
    r = run("rule", "HC106")
    assert r.exit_code == 0 and "Why it matters" in r.output and "http" in r.output
    assert run("rule", "testimonial").exit_code == 0
    assert CliRunner().invoke(main, ["rule", "ZZ999"]).exit_code == 2


def test_config_command_shows_effective_config(tmp_path: Path) -> None:
    (tmp_path / "healthlint.toml").write_text('ignore = ["HR401"]\nreading-grade = 10\n', encoding="utf-8")
    r = run("config", str(tmp_path))
    assert "healthlint.toml" in r.output and '"HR401"' in r.output and "10" in r.output


def test_help_and_version_do_not_import_spacy() -> None:
    code = ("import sys; from click.testing import CliRunner; from linter.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
            "r = CliRunner().invoke(main, ['--version']); assert 'healthlint' in r.output; "
            "print('spacy' in sys.modules, 'textstat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"

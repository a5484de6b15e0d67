"""CLI options of the speed work (--jobs, --no-cache, --cache-dir) and the cold start of --help/--version."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import __version__
from linter.cli import main
from linter.progress import progress_bar

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "kava-anxiety-promo.txt"

_NO_SPACY = """
import sys
from click.testing import CliRunner
from linter.cli import main
result = CliRunner().invoke(main, [{arg!r}])
assert result.exit_code == 0, result.output
heavy = sorted(m for m in ("spacy", "thinc", "textstat", "yaml", "linter.engine") if m in sys.modules)
print(heavy)
"""


@pytest.mark.parametrize("arg", ["--help", "--version"])
def test_help_and_version_do_not_import_spacy(arg: str) -> None:
    out = subprocess.run([sys.executable, "-c", _NO_SPACY.format(arg=arg)], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "linter.cli", "--version"], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert __version__ in out.stdout


def test_fast_exit_entry_point_keeps_exit_statuses(tmp_path: Path) -> None:
    def status(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, capture_output=True).returncode

    assert status("--version") == 0
    assert status("check", "--no-cache", "--isolated", str(tmp_path / "missing.md")) == 2
    clean = tmp_path / "clean.txt"
    clean.write_text("Drink water when you are thirsty.\n", encoding="utf-8")
    assert status("check", "--no-cache", "--isolated", "--fail-on", "never", str(clean)) == 0


def test_help_lists_the_speed_options() -> None:
    text = CliRunner().invoke(main, ["check", "--help"]).output
    for opt in ("--jobs", "--no-cache", "--cache-dir"):
        assert opt in text


def test_jobs_must_be_positive() -> None:
    result = CliRunner().invoke(main, ["check", "--jobs", "0", str(SAMPLE)])
    assert result.exit_code == 2


def test_cache_dir_and_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HEALTHLINT_CACHE_DIR", raising=False)
    runner = CliRunner()
    args = ["check", "-f", "json", "--isolated", "-j", "2", str(SAMPLE)]
    plain = runner.invoke(main, [*args, "--no-cache"])
    assert plain.exit_code == 1
    assert not (tmp_path / ".healthlint_cache").exists()
    cached = runner.invoke(main, [*args, "--cache-dir", str(tmp_path / "c")])
    again = runner.invoke(main, [*args, "--cache-dir", str(tmp_path / "c")])
    assert list((tmp_path / "c").rglob("*.json"))
    assert not (tmp_path / ".healthlint_cache").exists()
    assert json.loads(plain.output) == json.loads(cached.output) == json.loads(again.output)
    assert plain.exit_code == cached.exit_code == again.exit_code


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "-j", "1", str(SAMPLE)])
    assert "healthlint  [" not in result.output
    with progress_bar(100) as advance:
        advance(100)  # stderr is not a terminal under pytest: a no-op


def test_progress_bar_when_forced(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar(3, enabled=True) as advance:
        for _ in range(3):
            advance(1)
    assert "healthlint" in capsys.readouterr().err

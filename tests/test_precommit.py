"""The pre-commit hook, installed with the real pre-commit tool into a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BAD = ("# Kava chews\n\nThese miracle kava chews cure anxiety and have no side effects. "
       "Get yours from blue reef botanics today.\n")
GOOD = ("# Sleep\n\nMost adults need at least seven hours of sleep a night, according to the CDC.\n")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
def test_precommit_hook_blocks_bad_and_passes_good(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    if not (ROOT / ".git").exists():
        pytest.skip("the hook is installed from this checkout's git history")
    if os.environ.get("HEALTHLINT_SKIP_PRECOMMIT"):
        pytest.skip("HEALTHLINT_SKIP_PRECOMMIT is set")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    # The hook repo: a snapshot of the working tree committed to a scratch repository.
    hook_repo = tmp_path / "hook"
    shutil.copytree(ROOT, hook_repo, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build",
                                                                     ".pytest_cache", ".ruff_cache", "__pycache__",
                                                                     ".healthlint_cache"))
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "hook")
    rev = _git(hook_repo, "rev-parse", "HEAD").strip()
    site = tmp_path / "site"
    site.mkdir()
    _git(site, "init", "-q")
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: healthlint\n", encoding="utf-8")
    (site / "good.md").write_text(GOOD, encoding="utf-8")
    (site / "bad.md").write_text(BAD, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    good = subprocess.run([*pre_commit, "run", "--files", "good.md"], cwd=site, capture_output=True, text=True,
                          env=env, timeout=900)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([*pre_commit, "run", "--files", "bad.md"], cwd=site, capture_output=True, text=True,
                         env=env, timeout=900)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "HC104" in bad.stdout and "bad.md:3:" in bad.stdout

"""Results do not depend on the process's hash seed (set iteration order) or on the number of jobs."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT, SAMPLES

_SCRIPT = (
    "import json, sys; from pathlib import Path; from linter.api import lint_file; from linter.config import Config; "
    "paths = sorted(p for p in Path(sys.argv[1]).iterdir() if p.suffix in ('.txt', '.md', '.html') "
    "and p.name != 'README.md'); "
    "print(json.dumps([lint_file(str(p), Config()).to_dict() for p in paths], sort_keys=True))"
)


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _SCRIPT, str(SAMPLES)], env=env, capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout


def test_output_is_independent_of_hash_seed() -> None:
    first = _run("1")
    assert first.startswith("[{")
    assert _run("4242") == first

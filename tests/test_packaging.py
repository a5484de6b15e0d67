"""The wheel ships the rule catalogue as package data, and an installed copy finds it from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (test extra) builds the wheel")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    return next(out.glob("healthlint-*.whl"))


@pytest.mark.slow
def test_wheel_contains_catalogue_but_no_rules_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("linter/_catalogue/HC/") for n in names)
    assert any(n.startswith("linter/_catalogue/lexicons/") for n in names)
    assert any(n.startswith("linter/_catalogue/substances/") for n in names)
    assert "linter/schema/report-1.json" in names
    assert not any(n.startswith("rules/") for n in names)


@pytest.mark.slow
def test_installed_wheel_finds_builtin_rules_outside_checkout(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    py = env_dir / "bin" / "python"
    # The installed copy, not a checkout on PYTHONPATH, must answer.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True, env=env)
    code = ("import linter, linter.catalogue as c; from linter.rules import load_rules; "
            "print(c.builtin_dir()); print(len(load_rules()))")
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, check=True, capture_output=True, text=True,
                         env=env).stdout
    where, count = out.split()
    assert "site-packages" in where and where.endswith("_catalogue")
    assert int(count) >= 20
    cli = subprocess.run([str(env_dir / "bin" / "healthlint"), "rules"], cwd=tmp_path, capture_output=True, text=True,
                         env=env)
    assert cli.returncode == 0 and "HC101" in cli.stdout

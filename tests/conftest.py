"""Shared fixtures: paths to the repo, samples and the optional ../shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds() -> Path:
    """The seed articles in ../shared/seeds (skips where ../shared is absent, as on a bare clone)."""
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is not present beside the checkout")
    return SEEDS


def seed(name_prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present beside the checkout")
    found = sorted(SEEDS.glob(f"{name_prefix}*.txt"))
    if not found:
        pytest.skip(f"seed {name_prefix} not found")
    return found[0]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the CLI's result cache out of the working tree and away from other tests."""
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))

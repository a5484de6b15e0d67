"""The content-hash result cache: same findings with and without it, keyed on everything that matters."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from linter import parallel
from linter.api import lint_text
from linter.cache import ResultCache, file_result_from_dict, rulepack_hash
from linter.config import Config
from linter.result import Finding
from linter.runner import CheckOptions, run_check

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for p in sorted(SAMPLES.glob("*.txt"))[:2] + sorted(SAMPLES.glob("*.md"))[:1]:
        shutil.copy(p, d / p.name)
    return d


def _run(tmp_path: Path, paths: list[str], cache_dir: Path | None, **kw: object) -> tuple[int, str]:
    out = tmp_path / "report.json"
    opts = CheckOptions(paths=paths, isolated=True, fmt="json", output_file=str(out), jobs=1,
                        cache=cache_dir is not None, cache_dir=str(cache_dir) if cache_dir else None,
                        **kw)  # type: ignore[arg-type]
    return run_check(opts), out.read_text(encoding="utf-8")


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*.json"))


def test_file_result_round_trip() -> None:
    r = lint_text("Studies show kava cures anxiety. Buy it now at our shop!", path="a.txt")
    assert r.findings
    back = file_result_from_dict(json.loads(json.dumps(r.to_dict())))
    assert all(isinstance(f, Finding) for f in back.findings)
    assert back.to_dict() == json.loads(json.dumps(r.to_dict()))


def test_cached_rerun_is_identical_and_lints_nothing(tmp_path: Path, articles: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / "cache"
    before = sorted(p.name for p in articles.iterdir())
    plain = _run(tmp_path, [str(articles)], None)
    first = _run(tmp_path, [str(articles)], cache_dir)
    assert first == plain
    assert len(_entries(cache_dir)) == 3  # files with findings are cached too

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("linted although cached")

    monkeypatch.setattr(parallel, "lint_task", boom)
    assert _run(tmp_path, [str(articles)], cache_dir) == plain
    assert sorted(p.name for p in articles.iterdir()) == before  # nothing written next to the inputs


def test_changed_content_is_relinted(tmp_path: Path, articles: Path) -> None:
    cache_dir = tmp_path / "cache"
    _run(tmp_path, [str(articles)], cache_dir)
    target = sorted(articles.iterdir())[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nThis miracle cure is guaranteed.\n",
                      encoding="utf-8")
    assert _run(tmp_path, [str(articles)], cache_dir) == _run(tmp_path, [str(articles)], None)
    assert len(_entries(cache_dir)) == 4


def test_corrupt_entries_are_ignored(tmp_path: Path, articles: Path) -> None:
    cache_dir = tmp_path / "cache"
    plain = _run(tmp_path, [str(articles)], cache_dir)
    for i, p in enumerate(_entries(cache_dir)):
        p.write_text(["{broken", "[]", '{"path": 1}'][i % 3], encoding="utf-8")
    assert _run(tmp_path, [str(articles)], cache_dir) == plain
    assert all(json.loads(p.read_text(encoding="utf-8"))["findings"] is not None for p in _entries(cache_dir))


def test_baseline_written_with_cache_equals_without(tmp_path: Path, articles: Path) -> None:
    cache_dir = tmp_path / "cache"
    for run in range(2):
        _run(tmp_path, [str(articles)], cache_dir, write_baseline=str(tmp_path / f"cached{run}.json"))
    _run(tmp_path, [str(articles)], None, write_baseline=str(tmp_path / "plain.json"))
    plain = (tmp_path / "plain.json").read_text(encoding="utf-8")
    assert (tmp_path / "cached0.json").read_text(encoding="utf-8") == plain
    assert (tmp_path / "cached1.json").read_text(encoding="utf-8") == plain
    # the baseline then suppresses everything, cached or not
    with_baseline = _run(tmp_path, [str(articles)], cache_dir, baseline=str(tmp_path / "plain.json"))
    assert with_baseline == _run(tmp_path, [str(articles)], None, baseline=str(tmp_path / "plain.json"))
    assert all(not f["findings"] for f in json.loads(with_baseline[1])["files"])


def test_key_covers_content_format_path_config_and_baseline(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, Config().cache_key())
    k = cache.key(b"text", "text", "a.md")
    assert k == cache.key(b"text", "text", "a.md")
    assert len({k, cache.key(b"text!", "text", "a.md"), cache.key(b"text", "markdown", "a.md"),
                cache.key(b"text", "text", "b.md"), cache.key(b"text", "text", "a.md", {"fp"})}) == 5
    other = ResultCache(tmp_path, Config(ignore=["HP"]).cache_key())
    assert other.key(b"text", "text", "a.md") != k


def test_rule_pack_content_changes_the_key(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "lexicons").mkdir(parents=True)
    (pack / "lexicons" / "extra.txt").write_text("kava\n", encoding="utf-8")
    first = rulepack_hash((str(pack),))
    assert first != rulepack_hash()
    (pack / "lexicons" / "extra.txt").write_text("kava\nkratom\n", encoding="utf-8")
    rulepack_hash.cache_clear()
    assert rulepack_hash((str(pack),)) != first


def test_env_cache_dir_and_current_folder_default(tmp_path: Path, articles: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HEALTHLINT_CACHE_DIR", raising=False)
    opts = CheckOptions(paths=[str(articles)], isolated=True, cache=True, output_file=os.devnull)
    run_check(opts)
    assert _entries(tmp_path / ".healthlint_cache")
    assert (tmp_path / ".healthlint_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", str(tmp_path / "env-cache"))
    run_check(opts)
    assert _entries(tmp_path / "env-cache")


def test_text_run_still_caches_full_results_for_json(tmp_path: Path, articles: Path) -> None:
    cache_dir = tmp_path / "cache"
    out = tmp_path / "report.txt"
    text_opts = CheckOptions(paths=[str(articles)], isolated=True, output_file=str(out), jobs=2, cache=True,
                             cache_dir=str(cache_dir))
    run_check(text_opts)
    cached_json = _run(tmp_path, [str(articles)], cache_dir)
    assert cached_json == _run(tmp_path, [str(articles)], None)
    assert all(f["annotations"] for f in json.loads(cached_json[1])["files"])

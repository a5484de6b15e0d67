"""--jobs: the process pool gives the same output, in the same order, as one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import parallel
from linter.config import Config
from linter.parallel import Task, chunk_size, lint_many
from linter.runner import CheckOptions, run_check

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _run(tmp_path: Path, name: str, paths: list[str], **kw: object) -> tuple[int, str]:
    out = tmp_path / f"{name}.out"
    opts = CheckOptions(paths=paths, isolated=True, output_file=str(out), **kw)  # type: ignore[arg-type]
    return run_check(opts), out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_two_matches_jobs_one(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []
    real = parallel._context

    def spy() -> object:
        pools.append(1)
        return real()

    monkeypatch.setattr(parallel, "_context", spy)
    missing = str(tmp_path / "missing.md")
    files = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".html"))
    paths = [files[0], missing, *files[1:]]
    one = _run(tmp_path, "one", paths, fmt=fmt, jobs=1)
    two = _run(tmp_path, "two", paths, fmt=fmt, jobs=2)
    assert one == two
    assert pools == [1]  # only --jobs 2 started a pool
    assert one[0] == 2  # the missing file is an input error, and it did not stop the run
    if fmt == "json":
        reported = [f["path"] for f in json.loads(two[1])["files"]]
        assert reported == paths
        assert sum(len(f["findings"]) for f in json.loads(two[1])["files"]) > 0


def test_corpus_mode_in_parallel_keeps_record_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    lines = [json.dumps({"id": f"doc{i}", "text": t}) for i, t in enumerate(texts * 3)]
    lines.insert(2, "{not json")
    lines.insert(5, json.dumps({"id": "bad-format", "text": "x", "format": "pdf"}))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = _run(tmp_path, "one", [str(corpus)], fmt="json", input_format="jsonl", jobs=1)
    two = _run(tmp_path, "two", [str(corpus)], fmt="json", input_format="jsonl", jobs=2)
    assert one == two
    ids = [json.loads(line)["id"] for line in two[1].splitlines()]
    assert ids[2] == f"{corpus}:3" and ids[5] == "bad-format"
    assert [i for i in ids if i.startswith("doc")] == [f"doc{i}" for i in range(len(texts) * 3)]


def test_one_task_or_one_job_stays_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool() -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_context", no_pool)
    cfg = Config()
    one = list(lint_many([Task("a.txt", "text", "Kava cures anxiety.")], cfg, jobs=4))
    assert one[0].path == "a.txt" and one[0].findings
    many = [Task(f"{i}.txt", "text", "Kava cures anxiety.") for i in range(3)]
    assert [r.path for r in lint_many(many, cfg, jobs=1)] == ["0.txt", "1.txt", "2.txt"]


def test_progress_callback_counts_every_task() -> None:
    done: list[int] = []
    tasks = [Task(f"{i}.txt", "text", "Studies show that kava reduces anxiety.") for i in range(5)]
    results = list(lint_many(tasks, Config(), jobs=2, on_done=done.append))
    assert [r.path for r in results] == [t.path for t in tasks]
    assert sum(done) == 5


def test_chunk_size() -> None:
    assert chunk_size(1, 2) == 1
    assert chunk_size(200, 2) == 25
    assert chunk_size(100_000, 2) == 32


def test_an_internal_error_is_reported_for_that_file_only(tmp_path, monkeypatch) -> None:
    import json

    from click.testing import CliRunner

    import linter.engine as engine
    from linter.cli import main

    good = tmp_path / "a.txt"
    good.write_text("Ginger cures nausea.\n", encoding="utf-8")
    boom = tmp_path / "b.txt"
    boom.write_text("TRIGGER the bug.\n", encoding="utf-8")
    original = engine.Linter.lint_source

    def flaky(self, source, fmt, path="<string>", **kw):
        if "TRIGGER" in source:
            raise ZeroDivisionError("simulated bug")
        return original(self, source, fmt, path, **kw)

    monkeypatch.setattr(engine.Linter, "lint_source", flaky)
    monkeypatch.delenv("HEALTHLINT_DEBUG", raising=False)
    r = CliRunner().invoke(main, ["check", "--no-cache", "-j", "1", "--format", "json", str(good), str(boom)])
    assert r.exit_code == 2
    files = json.loads(r.stdout)["files"]
    assert files[0]["findings"] and "internal error" in files[1]["errors"][0]["message"]

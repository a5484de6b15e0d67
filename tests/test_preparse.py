"""A pool's parent parses inputs ahead in a forked process during its start-up (``parallel.Preparser``): the
workers lint those documents exactly as they would have parsed them, and what the process cannot read is left to
them to report."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from linter import parallel
from linter.config import Config
from linter.document import parse
from linter.parallel import Task, lint_task
from linter.runner import CheckOptions, run_check

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _run(tmp_path: Path, name: str, paths: list[str], jobs: int) -> tuple[int, str]:
    out = tmp_path / f"{name}.out"
    opts = CheckOptions(paths=paths, isolated=True, output_file=str(out), fmt="json", jobs=jobs)
    return run_check(opts), out.read_text(encoding="utf-8")


def test_preparsed_batch_matches_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, list[str]]] = []
    stop = parallel.Preparser.stop

    def finish_then_stop(self: parallel.Preparser) -> None:
        if not seen:  # let it parse everything first, so that every task is served pre-parsed
            self.process.join()
            seen.append((self.folder, sorted(os.listdir(self.folder))))
        stop(self)

    monkeypatch.setattr(parallel, "PREPARSE_CHARS", 0)
    monkeypatch.setattr(parallel.Preparser, "stop", finish_then_stop)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 au lait cures colds.".encode("latin-1"))
    files = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".html"))
    paths = [files[0], str(tmp_path / "missing.md"), str(bad), *files[1:]]
    one = _run(tmp_path, "one", paths, jobs=1)
    two = _run(tmp_path, "two", paths, jobs=2)
    assert one == two and one[0] == 2  # the missing and the undecodable file are reported, the rest linted
    assert [f["path"] for f in json.loads(two[1])["files"]] == paths
    folder, left = seen[0]
    assert len(left) == len(paths) - 3  # all but the two bad inputs and the one the parent lints itself
    assert all(name.endswith(".doc") for name in left)
    assert not Path(folder).exists()  # removed once the pool is done


def test_a_preparsed_document_is_linted_as_its_source(tmp_path: Path) -> None:
    path = str(SAMPLES / "kava-anxiety-promo.txt")
    place = tmp_path / "0.doc"
    place.write_bytes(pickle.dumps(parse(*Task(path).read(), path)))
    want = lint_task(Task(path), Config()).to_dict()
    assert lint_task(Task(path, parsed=str(place)), Config()).to_dict() == want
    assert not place.exists()  # taken once
    assert lint_task(Task(path, parsed=str(place)), Config()).to_dict() == want  # gone: parsed as usual


def test_small_batches_start_no_preparser(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    monkeypatch.setattr(parallel.Preparser, "__init__", lambda self, *a: started.append(1))
    tasks = [Task(f"{i}.txt", "text", "Kava cures anxiety. " * 20) for i in range(4)]
    assert len(list(parallel.lint_many(tasks, Config(), jobs=2))) == 4
    assert started == []

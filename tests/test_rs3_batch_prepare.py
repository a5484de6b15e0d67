"""A batch's up-front preparation (the readability syllable trie) leaves every count as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_prepare_batch_builds_the_trie_and_counts_alike() -> None:
    from linter.annotate import readability
    from linter.api import lint_text

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").iterdir()) if p.suffix == ".txt"]
    before = [lint_text(t).metrics for t in texts]
    readability.prepare_batch()
    inst = readability._textstat().textstat
    assert readability._syllables(inst.pyphen).trie is not None
    assert [lint_text(t).metrics for t in texts] == before


def test_prepare_only_for_batches_large_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    from linter import parallel
    from linter.annotate import readability

    calls: list[int] = []
    monkeypatch.setattr(readability, "prepare_batch", lambda: calls.append(1))
    parallel.prepare([len("Short.")] * 3)
    assert not calls
    parallel.prepare([len("w " * parallel.BATCH_PREPARE_CHARS)])
    assert calls == [1]

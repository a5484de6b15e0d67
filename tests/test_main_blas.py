"""``python -m linter`` asks numpy's OpenBLAS for one thread unless the environment chose a number."""

from __future__ import annotations

import sys

import pytest

from linter import __main__ as entry


def _run(monkeypatch: pytest.MonkeyPatch) -> int:
    exits: list[int] = []
    monkeypatch.setattr(entry.os, "_exit", exits.append)
    monkeypatch.setattr(entry.gc, "disable", lambda: None)  # (run() turns the collector off for its process)
    monkeypatch.setattr(sys, "argv", ["healthlint", "--version"])
    entry.run()
    return exits[0]


def test_one_blas_thread_by_default(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert _run(monkeypatch) == 0
    assert entry.os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert "healthlint" in capsys.readouterr().out


def test_the_users_setting_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    assert _run(monkeypatch) == 0
    assert entry.os.environ["OPENBLAS_NUM_THREADS"] == "4"

"""The speed benchmark: its corpus (articles of the requested size built from samples/), the order of its runs
and the scaling of its figures to the anchors' machine."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _speed():
    spec = importlib.util.spec_from_file_location("speed_bench", ROOT / "benchmarks" / "speed.py")
    assert spec and spec.loader
    mod = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))  # (its dataclasses look it up)
    spec.loader.exec_module(mod)
    return mod


def test_articles_end_near_their_word_target(tmp_path: Path) -> None:
    speed = _speed()
    files = speed.build_corpus(tmp_path, 12, 2950, [])
    sizes = [len(p.read_text(encoding="utf-8").split()) for p in files]
    assert len(files) == 12 and len(set(p.read_text(encoding="utf-8") for p in files)) == 12
    # Within a paragraph of the target, not a whole ~800-word sample beyond it.
    assert all(abs(n - 2950) < 150 for n in sizes), sizes
    assert abs(sum(sizes) / len(sizes) - 2950) < 60


def test_head_keeps_the_paragraphs_nearest_the_budget() -> None:
    head = _speed()._head
    text = "one two three\n\nfour five six seven\n\neight"
    assert head(text, 3) == "one two three"
    assert head(text, 6) == "one two three\n\nfour five six seven"  # 7 words is nearer 6 than 3 is
    assert head(text, 100) == text
    assert head(text, 0) == "one two three"  # at least one paragraph


def test_runs_are_interleaved_round_by_round() -> None:
    order = _speed().rounds({"help": 3, "batch": 1, "peer": 2})
    assert order == ["help", "batch", "peer", "help", "peer", "help"]
    assert _speed().rounds({"a": 0}) == []


def test_anchor_scaling_divides_by_how_much_slower_the_peer_ran() -> None:
    speed = _speed()
    by = {name: speed.Timing(name, [], walls=walls) for name, walls in
          {"batch_jobs2": [2.0, 2.4, 2.2], "write_good_batch": [2.2, 2.2, 2.3]}.items()}
    derived: dict[str, object] = {}
    speed.anchor_scaled(derived, by)
    assert derived == {"machine_vs_anchor_write_good": 2.0, "batch_jobs2_at_anchor_speed_write_good": 1.1}

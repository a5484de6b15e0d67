"""Shared helpers of the accuracy benchmarks: data reading, metrics, bootstrap intervals, floors."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

SEED = 20261121


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def precision_recall(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[float, float]:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> float:
    labels = list(labels or sorted(set(gold)))
    return sum(f1([g == lab for g in gold], [p == lab for p in pred]) for lab in labels) / len(labels)


def _ranks(xs: Sequence[float]) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    rx, ry = _ranks(x), _ranks(y)
    n = len(x)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def auroc(gold: Sequence[bool], score: Sequence[float]) -> float:
    """Probability that a random positive scores higher than a random negative (ties count half)."""
    pos = [s for g, s in zip(gold, score, strict=True) if g]
    neg = [s for g, s in zip(gold, score, strict=True) if not g]
    if not pos or not neg:
        return float("nan")
    r = _ranks(list(pos) + list(neg))
    return (sum(r[: len(pos)]) - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def bootstrap_ci(metric: Callable[..., float], *columns: Sequence[Any], n: int = 500,
                 alpha: float = 0.05) -> tuple[float, float]:
    """Percentile bootstrap interval of ``metric(*columns)`` over rows resampled with replacement."""
    rng = random.Random(SEED)
    size = len(columns[0])
    values = []
    for _ in range(n):
        idx = [rng.randrange(size) for _ in range(size)]
        values.append(metric(*[[c[i] for i in idx] for c in columns]))
    values = sorted(v for v in values if v == v)
    if not values:
        return float("nan"), float("nan")
    lo = values[int(alpha / 2 * len(values))]
    hi = values[min(len(values) - 1, int((1 - alpha / 2) * len(values)))]
    return lo, hi


def repeated_folds(n: int, folds: int, repeats: int, strata: Sequence[Any] | None = None
                   ) -> Iterator[list[tuple[list[int], list[int]]]]:
    """For each of ``repeats`` shuffles (seeded), ``(train, held_out)`` index lists of ``folds`` folds over
    ``range(n)``; with ``strata``, each stratum (e.g. the gold label) is dealt across the folds separately."""
    rng = random.Random(SEED)
    for _ in range(repeats):
        if strata is None:
            order = list(range(n))
            rng.shuffle(order)
            held = [order[f::folds] for f in range(folds)]
        else:
            held = [[] for _ in range(folds)]
            for value in sorted(set(strata), key=repr):
                members = [i for i in range(n) if strata[i] == value]
                rng.shuffle(members)
                for k, i in enumerate(members):
                    held[k % folds].append(i)
        splits = []
        for test in held:
            chosen = set(test)
            splits.append(([i for i in range(n) if i not in chosen], test))
        yield splits


def row(dataset: str, metric: str, value: float, *, n: int, majority: float | None = None,
        keyword: float | None = None, ci: tuple[float, float] | None = None, target: float | None = None,
        note: str = "") -> dict[str, Any]:
    """One line of the accuracy table."""
    return {"set": dataset, "metric": metric, "value": round(value, 4), "n": n,
            "majority": None if majority is None else round(majority, 4),
            "keyword": None if keyword is None else round(keyword, 4),
            "ci95": None if ci is None else [round(ci[0], 4), round(ci[1], 4)],
            "target": target, "note": note}


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.3f}"
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        return f"[{_cell(float(value[0]))}, {_cell(float(value[1]))}]"
    return str(value)


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain-text table (Markdown pipe syntax) of ``rows`` restricted to ``columns``."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(line[i]) for line in cells)]) for i, c in enumerate(columns)]
    out = ["| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + " |",
           "| " + " | ".join("-" * w for w in widths) + " |"]
    out += ["| " + " | ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)) + " |" for line in cells]
    return "\n".join(out)

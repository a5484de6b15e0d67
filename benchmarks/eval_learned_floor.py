"""A trained floor for the article-level targets: bag-of-words logistic regression, cross-validated on dev.

The keyword floor asks what one reader's guess gets; this one asks what the dev rows themselves support
when a model is fitted to them. Words (two or more letters, lower-cased, seen in two or more training
articles) weighted by sublinear tf-idf and L2-normalised; L2-regularised logistic regression with an
intercept, solved exactly (Newton's method on the dual: articles are far fewer than words); AUROC of the
held-out predictions of repeated stratified k-fold cross-validation. numpy only (spaCy brings it).

    python benchmarks/eval_learned_floor.py --data ../shared/eval
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import auroc, format_table, read_jsonl, repeated_folds, row

_WORD = re.compile(r"\b\w\w+\b")


def _counts(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


class TfidfLogit:
    """L2-regularised logistic regression (strength ``1 / c``) on sublinear tf-idf words."""

    def __init__(self, c: float = 10.0, min_df: int = 2) -> None:
        self.c, self.min_df = c, min_df

    def _matrix(self, docs: Sequence[Counter[str]]) -> np.ndarray:
        x = np.zeros((len(docs), len(self.vocab)))
        for i, counts in enumerate(docs):
            for word, n in counts.items():
                j = self.vocab.get(word)
                if j is not None:
                    x[i, j] = 1.0 + math.log(n)
        x *= self.idf
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return x / np.where(norms > 0, norms, 1.0)

    def fit(self, docs: Sequence[Counter[str]], y: Sequence[bool]) -> TfidfLogit:
        df = Counter(word for counts in docs for word in counts)
        words = sorted(w for w, n in df.items() if n >= self.min_df)
        self.vocab = {w: j for j, w in enumerate(words)}
        n = len(docs)
        self.idf = np.array([math.log((1 + n) / (1 + df[w])) + 1.0 for w in words])
        self.x = self._matrix(docs)
        kernel = self.x @ self.x.T + 1.0  # the constant feature 1 is the intercept
        target = np.asarray(y, dtype=float)
        beta = np.zeros(n)

        def objective(b: np.ndarray) -> float:
            m = kernel @ b
            return float(self.c * np.sum(np.logaddexp(0.0, m) - target * m) + 0.5 * b @ m)

        value = objective(beta)
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-(kernel @ beta)))
            grad = self.c * (p - target) + beta  # the gradient is kernel @ grad; solving without it is enough
            step = np.linalg.solve(self.c * (p * (1 - p))[:, None] * kernel + np.eye(n), grad)
            t = 1.0
            while t > 1e-6 and objective(beta - t * step) > value:
                t /= 2
            beta = beta - t * step
            new = objective(beta)
            done = value - new < 1e-9 * max(1.0, abs(value))
            value = new
            if done:
                break
        self.beta = beta
        return self

    def decision(self, docs: Sequence[Counter[str]]) -> np.ndarray:
        """The log-odds of the positive class for ``docs``."""
        return (self._matrix(docs) @ self.x.T + 1.0) @ self.beta


def cv_auroc(texts: Sequence[str], gold: Sequence[bool], folds: int = 5, repeats: int = 5,
             c: float = 10.0) -> tuple[float, float]:
    """Mean and standard deviation over ``repeats`` of the AUROC of held-out predictions (stratified folds)."""
    docs = [_counts(t) for t in texts]
    results = []
    for splits in repeated_folds(len(docs), folds, repeats, strata=gold):
        held = [0.0] * len(docs)
        for train, test in splits:
            model = TfidfLogit(c).fit([docs[i] for i in train], [gold[i] for i in train])
            for i, v in zip(test, model.decision([docs[i] for i in test]), strict=True):
                held[i] = float(v)
        results.append(auroc(gold, held))
    mean = sum(results) / len(results)
    return mean, (sum((r - mean) ** 2 for r in results) / len(results)) ** 0.5


#: Repeats of the cross-validation: one shuffle to the next moves a figure by up to 0.03 on ~160 rows.
REPEATS = 20


def run(data_dir: Path) -> list[dict[str, Any]]:
    """Rows of the trained floor for the FakeHealth targets (same rows as eval_caveats)."""
    rows = [r for r in read_jsonl(Path(data_dir) / "fakehealth.dev.jsonl") if r.get("usable_text") and r.get("label")]
    tasks = []
    for subset in ("HealthRelease", "HealthStory"):
        sub = [r for r in rows if r["subset"] == subset]
        tasks.append((f"fakehealth {subset}", "AUROC fake vs real", sub, [r["label"] == "fake" for r in sub]))
    for crit in ("harms", "evidence"):
        sub = [r for r in rows if r["subset"] == "HealthRelease"
               and (r.get("criteria") or {}).get(crit) in ("Satisfactory", "Not Satisfactory")]
        tasks.append(("fakehealth HealthRelease", f"AUROC {crit}", sub,
                      [r["criteria"][crit] == "Not Satisfactory" for r in sub]))
    out = []
    for dataset, metric, sub, gold in tasks:
        mean, sd = cv_auroc([r["text"] for r in sub], gold, repeats=REPEATS)
        out.append(row(dataset, f"{metric}: trained floor (tf-idf logistic regression, 5-fold CV)", mean,
                       n=len(gold), majority=0.5, note=f"sd {sd:.3f} over {REPEATS} repeats; fitted on the dev rows"))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/eval"))
    args = ap.parse_args(argv)
    print(format_table(run(args.data), ("set", "metric", "value", "majority", "n", "note")))


if __name__ == "__main__":
    main()

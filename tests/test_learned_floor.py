"""The trained floor of the article-level benchmarks: the model fits, and cross-validation is honest
(benchmarks/eval_learned_floor.py, benchmarks/common.repeated_folds)."""

from __future__ import annotations

import random

import numpy as np

from benchmarks.eval_learned_floor import TfidfLogit, _counts, cv_auroc


def _corpus(n: int, signal: bool, seed: int = 1) -> tuple[list[str], list[bool]]:
    rng = random.Random(seed)
    filler = [f"word{i}" for i in range(60)]
    texts, gold = [], []
    for i in range(n):
        label = i % 2 == 0
        words = rng.sample(filler, 12)
        if signal:
            words.append("harmsdiscussed" if label else "nothingsaid")
        texts.append(" ".join(words))
        gold.append(label)
    return texts, gold


def test_fit_reaches_the_optimum() -> None:
    texts, gold = _corpus(40, signal=True)
    model = TfidfLogit(c=10.0).fit([_counts(t) for t in texts], gold)
    m = (model.x @ model.x.T + 1.0) @ model.beta
    p = 1 / (1 + np.exp(-m))
    grad = (model.x @ model.x.T + 1.0) @ (10.0 * (p - np.asarray(gold, float)) + model.beta)
    assert np.max(np.abs(grad)) < 1e-5


def test_separable_word_is_learned() -> None:
    texts, gold = _corpus(60, signal=True)
    mean, _ = cv_auroc(texts, gold, repeats=2)
    assert mean > 0.95


def test_held_out_labels_without_signal_stay_near_chance() -> None:
    texts, gold = _corpus(80, signal=False)
    mean, _ = cv_auroc(texts, gold, repeats=3)
    assert 0.3 < mean < 0.7


def test_words_seen_once_in_training_are_dropped() -> None:
    model = TfidfLogit().fit([_counts("alpha beta"), _counts("alpha gamma")], [True, False])
    assert set(model.vocab) == {"alpha"}


def test_repeated_folds_partition_and_stratify() -> None:
    from benchmarks.common import repeated_folds

    gold = [i % 5 == 0 for i in range(53)]
    plain = list(repeated_folds(53, 5, 3))
    strat = list(repeated_folds(53, 5, 3, strata=gold))
    assert len(plain) == len(strat) == 3
    for splits in plain + strat:
        assert sorted(i for _, fold in splits for i in fold) == list(range(53))
        assert all(sorted(train + fold) == list(range(53)) for train, fold in splits)
    for splits in strat:
        positives = [sum(gold[i] for i in fold) for _, fold in splits]
        assert max(positives) - min(positives) <= 1
    assert plain[0] != plain[1]

"""Time each pipeline stage per word on a corpus of samples (and seeds, if present), in one process.

    python benchmarks/profile_annotators.py [--repeat 5] [--mutate]

Each timed pass lints the whole corpus; one untimed pass first builds what a long run builds once (imports,
pipeline, lexicons, lazily compiled patterns), so the figures are a steady state. --mutate gives every pass,
the warm-up included, its own random suffixes on 30% of longer words: no word-level cache (spaCy's vocab,
syllable counts, token classes) can serve a later pass, as with a library of articles never seen before.
Start-up itself is measured by speed.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus(mutate: int | None) -> list[tuple[str, str]]:
    """The samples and seeds; with ``mutate`` (a seed), words randomly suffixed."""
    from linter.document import format_for

    paths = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".txt", ".md", ".html")]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        paths += sorted(seeds.glob("*.txt"))
    docs = [(p.read_text(encoding="utf-8"), format_for(str(p))) for p in paths]
    if mutate is not None:
        rng = random.Random(mutate)
        docs = [(" ".join(w + rng.choice("xqz") if len(w) > 3 and rng.random() < 0.3 else w
                          for w in t.split(" ")), f) for t, f in docs]
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--mutate", action="store_true")
    args = ap.parse_args()
    import linter.annotate as A
    from linter.api import _linter
    from linter.config import Config

    passes = [corpus(7 + i if args.mutate else None) for i in range(args.repeat + 1)]
    lin = _linter(Config())
    for text, fmt in passes.pop(0):  # warm-up pass (untimed)
        lin.lint_source(text, fmt)
    from linter.parallel import tune_gc

    tune_gc()  # as the CLI does for a batch
    spent: dict[str, float] = defaultdict(float)
    originals = A._annotators

    def timed() -> list:
        out = []
        for name, fn in zip(A.ANNOTATORS, originals(), strict=True):
            def run(ann, fn=fn, name=name):
                t = time.perf_counter()
                fn(ann)
                spent[name] += time.perf_counter() - t
            out.append(run)
        return out

    A._annotators = timed
    orig_sent = A.sentences_of

    def sent(doc):
        t = time.perf_counter()
        r = orig_sent(doc)
        spent["(spacy sentences)"] += time.perf_counter() - t
        return r

    A.sentences_of = sent
    words = 0
    t0 = time.perf_counter()
    for docs in passes:
        for text, fmt in docs:
            lin.lint_source(text, fmt)
            words += len(text.split())
    total = time.perf_counter() - t0
    print(f"{words} words in {total:.2f} s: {words / total:,.0f} words/s (one core, warm, "
          f"{'mutated' if args.mutate else 'repeated'} corpus)")
    rest = total - sum(spent.values())
    for name, s in [*sorted(spent.items(), key=lambda kv: -kv[1]), ("(parse, rules, score, rest)", rest)]:
        print(f"  {name:<28} {s:7.3f} s  {1e6 * s / words:6.1f} µs/word  {100 * s / total:5.1f}%")


if __name__ == "__main__":
    main()

"""Claim-strength, hedging and vague-attribution accuracy on the dev splits of ../shared/eval.

Every sentence is linted through the public API (``linter.api.lint_text``) and judged from its
``annotations``: the strongest ``relations`` strength (claim strength whether or not the sentence is a
consumer health claim), the ``hedges`` cues and the vague ``attributions``. Each metric is reported with
its floors (majority class, a one-line keyword baseline) and a bootstrap 95% interval.

    python benchmarks/eval_claims.py --data ../shared/eval
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import bootstrap_ci, f1, macro_f1, read_jsonl, row, spearman

YU_LABELS = ("no_relationship", "correlational", "conditional_causal", "direct_causal")
_CLASS = {None: "no_relationship", "correlational": "correlational", "hedged": "conditional_causal",
          "direct": "direct_causal", "absolute": "direct_causal"}
_RANK = {"correlational": 1, "hedged": 2, "direct": 3, "absolute": 4}

# One-line keyword floors.
_KW_HEDGE = re.compile(r"\b(?:may|might|could|suggests?|possibl\w*|likely)\b", re.I)
_KW_CORR = re.compile(r"\b(?:associated|linked|correlat\w*)\b", re.I)
_KW_DIRECT = re.compile(r"\b(?:cause[sd]?|increase[sd]?|reduce[sd]?|improve[sd]?|prevent[sd]?|lead to|leads to)\b",
                        re.I)
_KW_WEASEL = re.compile(r"\b(?:some|many|most|experts?|critics|believed|considered|thought|often|widely)\b", re.I)


def annotations_of(text: str) -> dict[str, Any]:
    """The annotations of one sentence linted as plain text."""
    from linter.api import lint_text

    text = text.strip()
    if text and text[-1] not in ".!?\"'”’)":  # headlines: without end punctuation they read as captions
        text += "."
    return lint_text(text).to_dict()["annotations"]


def strength_class(ann: dict[str, Any]) -> str:
    """Yu class of a sentence: the strength of its strongest relation or claim (negated ones too: Yu grades
    the relation stated, "not linked to" is still correlational language)."""
    best = None
    for item in ann.get("relations", []) + ann.get("claims", []):
        st = item.get("strength")
        if st in _RANK and (best is None or _RANK[st] > _RANK[best]):
            best = st
    return _CLASS[best]


def keyword_class(text: str) -> str:
    if _KW_CORR.search(text):
        return "correlational"
    if _KW_HEDGE.search(text):
        return "conditional_causal"
    return "direct_causal" if _KW_DIRECT.search(text) else "no_relationship"


def _majority(gold: Sequence[str]) -> str:
    return max(set(gold), key=list(gold).count)


def _yu(name: str, path: Path, anns: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(read_jsonl(path))
    gold = [r["label"] for r in rows]
    pred = [strength_class(anns(r["text"])) for r in rows]
    kw = [keyword_class(r["text"]) for r in rows]
    maj = [_majority(gold)] * len(gold)
    n = len(rows)

    def direct(g: Sequence[str], p: Sequence[str]) -> float:
        return f1([x == "direct_causal" for x in g], [x == "direct_causal" for x in p])

    def mf1(g: Sequence[str], p: Sequence[str]) -> float:
        return macro_f1(g, p, YU_LABELS)

    target = name == "yu2020"
    return [
        row(name, "4-class macro-F1", mf1(gold, pred), n=n, majority=mf1(gold, maj), keyword=mf1(gold, kw),
            ci=bootstrap_ci(mf1, gold, pred), target=0.75 if target else None),
        row(name, "direct-causal F1", direct(gold, pred), n=n, majority=direct(gold, maj),
            keyword=direct(gold, kw), ci=bootstrap_ci(direct, gold, pred), target=0.80 if target else None),
    ]


def _bioscope(path: Path, anns: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(read_jsonl(path))
    gold = [r["label"] == "uncertain" for r in rows]
    pred = [bool(anns(r["text"]).get("hedges")) for r in rows]
    kw = [bool(_KW_HEDGE.search(r["text"])) for r in rows]
    maj_pos = sum(gold) > len(gold) / 2
    return [row("bioscope", "uncertain-sentence F1", f1(gold, pred), n=len(rows),
                majority=f1(gold, [maj_pos] * len(gold)), keyword=f1(gold, kw), ci=bootstrap_ci(f1, gold, pred),
                target=0.90, note="research prose; 'or'/'whether' are not consumer hedges")]


def hedge_score(ann: dict[str, Any]) -> float:
    """Certainty proxy: minus the summed graded weight of the hedge cues (higher = more certain)."""
    return -sum(float(h.get("weight", 1.0)) for h in ann.get("hedges", []))


def _pei(path: Path, anns: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [r for r in read_jsonl(path) if r.get("certainty") is not None]
    gold = [float(r["certainty"]) for r in rows]
    pred = [hedge_score(anns(r["text"])) for r in rows]
    kw = [-float(len(_KW_HEDGE.findall(r["text"]))) for r in rows]
    return [row("pei2021", "Spearman(certainty, -hedge weight)", spearman(gold, pred), n=len(rows), majority=0.0,
                keyword=spearman(gold, kw), ci=bootstrap_ci(spearman, gold, pred), target=0.60,
                note="score = -(sum of graded hedge weights); positive = expected direction")]


def _wikiweasel(path: Path, anns: Callable[[str], dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(read_jsonl(path))
    gold = [r["label"] == "uncertain" for r in rows]
    all_anns = [anns(r["text"]) for r in rows]
    pred = [any(a.get("vague") for a in x.get("attributions", [])) for x in all_anns]
    broad = [bool(x.get("attributions") or x.get("hedges")) for x in all_anns]
    kw = [bool(_KW_WEASEL.search(r["text"])) for r in rows]
    maj_pos = sum(gold) > len(gold) / 2
    return [row("wikiweasel", "vague-attribution F1", f1(gold, pred), n=len(rows),
                majority=f1(gold, [maj_pos] * len(gold)), keyword=f1(gold, kw), ci=bootstrap_ci(f1, gold, pred),
                note="not health; weasel label also covers peacock/hedge wording"),
            row("wikiweasel", "uncertain-wording F1 (attribution, wording or hedge)", f1(gold, broad), n=len(rows),
                majority=f1(gold, [maj_pos] * len(gold)), keyword=f1(gold, kw), ci=bootstrap_ci(f1, gold, broad),
                note="vague attribution, vague wording (type=wording) or a hedge cue: the set's broad notion")]


def run(data_dir: Path) -> list[dict[str, Any]]:
    """All claim metrics on the dev splits in ``data_dir`` (sets that are absent are skipped)."""
    data_dir = Path(data_dir)
    sets: list[tuple[str, Callable[[Path], list[dict[str, Any]]]]] = [
        ("yu2020_eurekalert_claim_strength.dev.jsonl", lambda p: _yu("yu2020", p, annotations_of)),
        ("yu2019_causal_language_pubmed.dev.jsonl", lambda p: _yu("yu2019", p, annotations_of)),
        ("bioscope_speculation.dev.jsonl", lambda p: _bioscope(p, annotations_of)),
        ("pei2021_certainty_science_findings.dev.jsonl", lambda p: _pei(p, annotations_of)),
        ("wikiweasel_conll2010.dev.jsonl", lambda p: _wikiweasel(p, annotations_of)),
    ]
    out: list[dict[str, Any]] = []
    for name, fn in sets:
        if (data_dir / name).exists():
            out.extend(fn(data_dir / name))
    return out


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:.3f}"


def _table(rows: list[dict[str, Any]]) -> str:
    head = f"{'set':<11} {'metric':<42} {'value':>6} {'ci95':>15} {'major':>6} {'keywd':>6} {'target':>6} {'n':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        ci = f"[{r['ci95'][0]:.3f},{r['ci95'][1]:.3f}]" if r["ci95"] else ""
        lines.append(f"{r['set']:<11} {r['metric']:<42} {r['value']:>6.3f} {ci:>15} {_fmt(r['majority']):>6} "
                     f"{_fmt(r['keyword']):>6} {_fmt(r['target']):>6} {r['n']:>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    args = ap.parse_args(argv)
    print(_table(run(args.data)))


if __name__ == "__main__":
    main()

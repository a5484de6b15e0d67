"""Promotion check (HP rules) measured on the dev splits: Webis native ads, Mathur affiliate disclosures,
false alarms on NIH/CDC consumer pages. Every metric comes with its floors (majority class, keyword).

    python benchmarks/eval_promotion.py --data ../shared/eval
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import bootstrap_ci, f1, precision_recall, read_jsonl, row
from linter.api import lint_text
from linter.config import Config

#: A document is promotional when one of these fires: product plug, call to buy, undisclosed commercial
#: content (which needs a product), commercial link.
PROMO_CODES = frozenset({"HP201", "HP203", "HP204", "HP205"})
WEBIS = "webis_generated_native_ads_2024.dev.jsonl"
MATHUR = "mathur2018_affiliate_disclosures.dev.jsonl"
MATHUR_SENT = "mathur2018_affiliate_disclosures.sentences.dev.jsonl"
REFERENCE = "reference_articles.dev.jsonl"

#: One-line keyword floors.
KW_AD = re.compile(r"\b(?:offers|renowned|exceptional|premium|innovative|unparalleled|consider)\b", re.I)
KW_DISCLOSURE = re.compile(r"affiliate|commission|sponsor", re.I)
KW_AFFILIATE_URL = re.compile(r"amzn|amazon|tag=|aff|ref=|bit\.ly", re.I)

_CONFIG = Config(select=["HP"])


def _majority_f1(gold: Sequence[bool]) -> float:
    majority = sum(gold) * 2 > len(gold)
    return f1(gold, [majority] * len(gold))


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, str):
        value = ast.literal_eval(value)
    return (int(value[0]), int(value[1])) if value else None


def _overlaps(spans: list[dict[str, Any]], gold: tuple[int, int]) -> bool:
    return any(s["start"] < gold[1] and gold[0] < s["end"] for s in spans)


def _webis(path: Path) -> list[dict[str, Any]]:
    gold_h, pred_h, kw_h, gold_a, pred_a, kw_a = [], [], [], [], [], []
    overlap: list[bool] = []
    for r in read_jsonl(path):
        res = lint_text(r["text"], "text", _CONFIG)
        pred = any(f.code in PROMO_CODES for f in res.findings)
        gold = r["label"] == "ad"
        kw = bool(KW_AD.search(r["text"]))
        gold_a.append(gold), pred_a.append(pred), kw_a.append(kw)
        if r.get("health_related"):
            gold_h.append(gold), pred_h.append(pred), kw_h.append(kw)
        span = _span(r.get("ad_span"))
        if gold and span:
            ann = res.annotations
            overlap.append(_overlaps(ann.get("products", []) + ann.get("calls_to_action", []), span))
    out = []
    for name, g, p, k in (("health slice", gold_h, pred_h, kw_h), ("all topics", gold_a, pred_a, kw_a)):
        prec, rec = precision_recall(g, p)
        out.append(row(f"webis native ads ({name})", "ad F1", f1(g, p), n=len(g), majority=_majority_f1(g),
                       keyword=f1(g, k), ci=bootstrap_ci(f1, g, p), target=0.8 if name == "health slice" else None,
                       note=f"P={prec:.3f} R={rec:.3f}"))
    out.append(row("webis native ads (all topics)", "ad docs with a plug span overlapping ad_span",
                   sum(overlap) / len(overlap) if overlap else 0.0, n=len(overlap),
                   ci=bootstrap_ci(lambda xs: sum(xs) / len(xs), overlap) if overlap else None))
    return out


def _mathur(desc_path: Path, sent_path: Path) -> list[dict[str, Any]]:
    gold, pred, kw = [], [], []
    flagged_lines: dict[str, set[str]] = {}
    for r in read_jsonl(desc_path):
        res = lint_text(r["text"], "text", _CONFIG)
        spans = res.annotations.get("disclosures", [])
        gold.append(r["label"] == "undisclosed")
        pred.append(not spans)
        kw.append(not KW_DISCLOSURE.search(r["text"]))
        lines = set()
        for sp in spans:
            a = r["text"].rfind("\n", 0, sp["start"]) + 1
            b = r["text"].find("\n", sp["start"])
            lines.add(r["text"][a: b if b >= 0 else None].strip())
        flagged_lines[r["id"].split("-", 2)[-1]] = lines
    prec, rec = precision_recall(gold, pred)
    out = [row("mathur descriptions", "undisclosed F1", f1(gold, pred), n=len(gold), majority=_majority_f1(gold),
               keyword=f1(gold, kw), ci=bootstrap_ci(f1, gold, pred), note=f"P={prec:.3f} R={rec:.3f}")]
    sg, sp_, sk, url_gold = [], [], [], []
    for r in read_jsonl(sent_path):
        lines = flagged_lines.get(r.get("item_id", ""))
        if lines is None:
            continue
        sg.append(r["label"] == "disclosure")
        sp_.append(r["text"].strip() in lines)
        sk.append(bool(KW_DISCLOSURE.search(r["text"])))
        if r.get("affiliate_url_rules"):
            url_gold.extend(r.get("urls") or [])
    prec, rec = precision_recall(sg, sp_)
    kp, kr = precision_recall(sg, sk)
    out.append(row("mathur sentences", "disclosure precision", prec, n=len(sg), keyword=kp,
                   ci=bootstrap_ci(lambda g, p: precision_recall(g, p)[0], sg, sp_)))
    out.append(row("mathur sentences", "disclosure recall", rec, n=len(sg), keyword=kr,
                   ci=bootstrap_ci(lambda g, p: precision_recall(g, p)[1], sg, sp_)))
    out.append(row("mathur sentences", "disclosure F1", f1(sg, sp_), n=len(sg), majority=_majority_f1(sg),
                   keyword=f1(sg, sk), ci=bootstrap_ci(f1, sg, sp_)))
    from linter.annotate.links import classify_url

    hits = [classify_url(u)[0] in ("affiliate", "commerce") for u in url_gold]
    kwu = [bool(KW_AFFILIATE_URL.search(u)) for u in url_gold]
    out.append(row("mathur affiliate URLs", "recall (class affiliate or commerce)", sum(hits) / max(1, len(hits)),
                   n=len(hits), keyword=sum(kwu) / max(1, len(kwu)),
                   ci=bootstrap_ci(lambda xs: sum(xs) / len(xs), hits) if hits else None))
    return out


def _false_alarms(path: Path) -> list[dict[str, Any]]:
    alarms, kw = [], []
    for r in read_jsonl(path):
        if r.get("group") != "nih_consumer_page_medquad":
            continue
        res = lint_text(r["text"], "text", _CONFIG)
        alarms.append(any(f.severity in ("warning", "error") for f in res.findings))
        kw.append(bool(KW_AD.search(r["text"])))
    share = sum(alarms) / max(1, len(alarms))
    return [row("reference NIH/CDC pages", "share with an HP warning/error", share, n=len(alarms), majority=0.0,
                keyword=sum(kw) / max(1, len(kw)),
                ci=bootstrap_ci(lambda xs: sum(xs) / len(xs), alarms) if alarms else None, target=0.02,
                note="lower is better")]


def run(data_dir: Path) -> list[dict[str, Any]]:
    """All promotion metrics on the dev files present in ``data_dir``."""
    data_dir = Path(data_dir)
    rows: list[dict[str, Any]] = []
    if (data_dir / WEBIS).exists():
        rows += _webis(data_dir / WEBIS)
    if (data_dir / MATHUR).exists() and (data_dir / MATHUR_SENT).exists():
        rows += _mathur(data_dir / MATHUR, data_dir / MATHUR_SENT)
    if (data_dir / REFERENCE).exists():
        rows += _false_alarms(data_dir / REFERENCE)
    return rows


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, list):
        return f"[{v[0]:.3f}, {v[1]:.3f}]"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    args = ap.parse_args(argv)
    rows = run(args.data)
    cols = ["set", "metric", "value", "ci95", "majority", "keyword", "target", "n", "note"]
    print(" | ".join(cols))
    print(" | ".join("---" for _ in cols))
    for r in rows:
        print(" | ".join(_fmt(r[c]) for c in cols))


if __name__ == "__main__":
    main()

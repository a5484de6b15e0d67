"""Accuracy benchmark: runs every ``benchmarks/eval_*.py`` module present and prints one table.

Each eval module exposes ``run(data_dir: Path) -> list[dict]`` (rows from :func:`benchmarks.common.row`);
missing modules are skipped with a note. The table goes to stdout and the rows to a JSON file.

    python benchmarks/accuracy.py --data ../shared/eval [--out benchmarks/results/accuracy.json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import format_table

MODULES = ("eval_claims", "eval_promotion", "eval_caveats", "eval_learned_floor")
COLUMNS = ("set", "metric", "value", "ci95", "majority", "keyword", "target", "n")


def run_all(data_dir: Path, modules: tuple[str, ...] = MODULES) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of every available eval module, and notes about the ones skipped or failing."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for name in modules:
        try:
            mod = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError as e:
            if e.name in (f"benchmarks.{name}", name):
                notes.append(f"{name}: not present, skipped")
                continue
            raise
        start = time.perf_counter()
        got = mod.run(data_dir)
        notes.append(f"{name}: {len(got)} rows in {time.perf_counter() - start:.1f} s")
        rows.extend({**r, "module": name} for r in got)
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of the eval sets (../shared/eval)")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/accuracy.json"), help="JSON output")
    ap.add_argument("--only", action="append", choices=MODULES, help="run only this module (repeatable)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        ap.error(f"no such folder: {args.data}")
    rows, notes = run_all(args.data, tuple(args.only or MODULES))
    print(format_table(rows, COLUMNS))
    for n in notes:
        print(f"# {n}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from linter import __version__

    args.out.write_text(json.dumps({"healthlint": __version__, "python": platform.python_version(),
                                    "data": str(args.data), "notes": notes, "rows": rows}, indent=1) + "\n",
                        encoding="utf-8")
    print(f"# wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

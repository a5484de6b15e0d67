"""Speed benchmark: whole-process timings of ``healthlint`` (medians of repeated runs) and of peers.

Builds a corpus by scaling ``samples/`` (plus optional real files, ``--extra``), then measures
``healthlint --help``, one file cold, a batch of articles with ``--jobs 1`` and ``--jobs 2`` (no cache),
a cached rerun, throughput and peak RSS; where proselint (pip) or write-good (npm) can be installed into
a temporary folder, it runs them on the same corpus and prints the ratios. Runs are interleaved (one of each
measurement per round), so that ratios compare runs from the same spells of a machine whose speed drifts;
the peers' times also give how much slower this machine is than the one the targets were set on.

    python benchmarks/speed.py [--articles 200] [--runs 3] [--out benchmarks/results/speed.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIME = shutil.which("time") and Path("/usr/bin/time").exists()
TARGETS = {"help": 0.15, "one_file_cold": 0.6, "batch_jobs2": 2.5, "rss_mb": 200, "scaling": 1.8}
#: The peers' 200-article batch times on the machine the targets were set on (../shared/docs/linter-anchors.md:
#: write-good 1.1 s, proselint 4.1-4.3 s).
ANCHORS = {"write_good": 1.1, "proselint": 4.2}


@dataclass
class Timing:
    name: str
    cmd: list[str]
    walls: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def peak_rss(self) -> float | None:
        return max(self.rss_mb) if self.rss_mb else None


def run_once(t: Timing, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    """Run ``t.cmd`` once (output discarded); add its wall time, exit code and peak RSS to ``t``."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        full = ["/usr/bin/time", "-f", "%M", "-o", rss.name, *t.cmd] if TIME else t.cmd
        start = time.perf_counter()
        proc = subprocess.run(full, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t.walls.append(time.perf_counter() - start)
        t.exit_codes.append(proc.returncode)
        text = Path(rss.name).read_text().strip().splitlines()
        if text and text[-1].isdigit():
            t.rss_mb.append(int(text[-1]) / 1024)


def rounds(runs: dict[str, int]) -> list[str]:
    """The order of runs: round after round, each measurement once per round while it has runs left, so that
    every measurement (and every ratio of two) samples the same spells of a machine whose speed drifts."""
    order, left = [], dict(runs)
    while any(left.values()):
        for name, n in left.items():
            if n:
                order.append(name)
                left[name] = n - 1
    return order


def measure_all(specs: list[tuple[str, list[str], int]], env: dict[str, str] | None = None,
                cwd: Path | None = None) -> list[Timing]:
    """``(name, cmd, runs)`` measured in :func:`rounds` order; the timings in the order given."""
    timings = {name: Timing(name, cmd) for name, cmd, _ in specs}
    for name in rounds({name: n for name, _, n in specs}):
        run_once(timings[name], env, cwd)
    return list(timings.values())


def anchor_scaled(derived: dict[str, object], by: dict[str, Timing]) -> None:
    """How much slower than the anchors' machine this one ran each peer's batch (its median over the anchor's
    time, ``ANCHORS``), and healthlint's ``--jobs 2`` batch divided by that factor: an estimate of its time on
    the machine the issue's targets were set on."""
    for peer, anchor in ANCHORS.items():
        if f"{peer}_batch" in by:
            factor = by[f"{peer}_batch"].median / anchor
            derived[f"machine_vs_anchor_{peer}"] = round(factor, 2)
            derived[f"batch_jobs2_at_anchor_speed_{peer}"] = round(by["batch_jobs2"].median / factor, 2)


def _words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split())


def build_corpus(folder: Path, n: int, words_per_article: int, extra: list[Path]) -> list[Path]:
    """``n`` distinct Markdown articles of about ``words_per_article`` words from samples/ (and ``extra``): whole
    samples, the last one cut at a paragraph once the article has its words."""
    sources = [p for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".txt", ".md")
               and p.name != "README.md"] + extra
    texts = [p.read_text(encoding="utf-8") for p in sources]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        parts, words, k = [f"# Article {i}\n"], 0, i
        while words < words_per_article:
            text = _head(texts[k % len(texts)], words_per_article - words)
            parts.append(text)
            words += len(text.split())
            k += 1
        p = folder / f"article-{i:04d}.md"
        p.write_text("\n\n".join(parts), encoding="utf-8")
        out.append(p)
    return out


def _head(text: str, budget: int) -> str:
    """The leading paragraphs of ``text`` whose words come nearest to ``budget`` (all of a shorter text, at
    least one paragraph), so that an article ends near its target size instead of a whole sample beyond it."""
    paras, words = [], 0
    for para in text.split("\n\n"):
        n = len(para.split())
        if paras and words + n - budget > budget - words:
            break
        paras.append(para)
        words += n
    return "\n\n".join(paras)


def anchor_file() -> Path | None:
    """Seed 003 from ../shared, the article the peers' one-file anchors were timed on
    (../shared/docs/linter-anchors.md), when it is there."""
    return next(iter(sorted((ROOT.parent / "shared" / "seeds").glob("003_*.txt"))), None)


def healthlint_cmd() -> list[str]:
    exe = shutil.which("healthlint")
    return [exe] if exe else [sys.executable, "-m", "linter"]


def install_proselint(folder: Path) -> list[str] | None:
    target = folder / "proselint"
    if not (target / "bin" / "proselint").exists():
        r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "proselint"],
                           capture_output=True, text=True)
        if r.returncode:
            print(f"# proselint: pip install failed: {r.stderr.strip()[-200:]}", file=sys.stderr)
            return None
    return ["env", f"PYTHONPATH={target}", sys.executable, str(target / "bin" / "proselint")]


def install_write_good(folder: Path) -> list[str] | None:
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        print("# write-good: node/npm not found", file=sys.stderr)
        return None
    target = folder / "write-good"
    exe = target / "node_modules" / ".bin" / "write-good"
    if not exe.exists():
        r = subprocess.run([npm, "install", "--silent", "--prefix", str(target), "write-good"],
                           capture_output=True, text=True)
        if r.returncode or not exe.exists():
            print(f"# write-good: npm install failed: {r.stderr.strip()[-200:]}", file=sys.stderr)
            return None
    return [str(exe)]


def machine() -> dict[str, object]:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), "")
    mem = ""
    try:
        kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": mem, "python": platform.python_version(),
            "platform": platform.platform(), "load_before": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--words", type=int, default=2950, help="words per article (peers' corpus: 590k/200)")
    ap.add_argument("--runs", type=int, default=3, help="runs per batch measurement (median)")
    ap.add_argument("--quick-runs", type=int, default=7, help="runs for --help and one file (median)")
    ap.add_argument("--single", type=Path, default=None,
                    help="file for the one-file runs (default: seed 003 as in the anchors, else the first article)")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="real articles to add to the mix")
    ap.add_argument("--format", default="text", help="healthlint output format (text: what peers print too)")
    ap.add_argument("--installed", action="store_true",
                    help="time the installed healthlint script instead of a snapshot of this checkout")
    ap.add_argument("--no-peers", action="store_true", help="skip proselint and write-good")
    ap.add_argument("--peers-dir", type=Path, default=Path(tempfile.gettempdir()) / "healthlint-bench-peers")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results/speed.json"))
    args = ap.parse_args(argv)

    info = machine()
    with tempfile.TemporaryDirectory(prefix="hlbench-") as tmp:
        work = Path(tmp)
        # A snapshot of the code and rules: edits made while the benchmark runs can't change the results
        # (or invalidate the result cache between the fill and the cached runs).
        src = work / "src"
        shutil.copytree(ROOT / "linter", src / "linter", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "rules", src / "rules")
        # Byte-compile the snapshot as `pip install` does, so runs under PYTHONDONTWRITEBYTECODE=1 don't
        # compile the package from source every time (no installed healthlint does that).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "linter")], check=True)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}
        env.pop("HEALTHLINT_CACHE_DIR", None)
        # `python -m linter` runs what the console script runs (linter.__main__:run).
        hl = healthlint_cmd() if args.installed else [sys.executable, "-m", "linter"]
        corpus = build_corpus(work / "corpus", args.articles, args.words, args.extra)
        files = [str(p) for p in corpus]
        words = sum(_words(p) for p in corpus)
        one = args.single or anchor_file() or corpus[0]
        single, one_words = str(one.resolve()), _words(one)
        cache = str(work / "cache")
        base = [*hl, "check", "--isolated", "-f", args.format]
        specs = [("help", [*hl, "--help"], args.quick_runs),
                 ("one_file_cold", [*base, "--no-cache", single], args.quick_runs),
                 ("batch_jobs1", [*base, "--no-cache", "-j", "1", *files], args.runs),
                 ("batch_jobs2", [*base, "--no-cache", "-j", "2", *files], args.runs),
                 ("batch_cached", [*base, "--cache-dir", cache, *files], args.runs)]
        run_once(Timing("cache_fill", [*base, "--cache-dir", cache, *files]), env, work)
        stats = subprocess.run([*base, "--cache-dir", cache, *files], env={**env, "HEALTHLINT_CACHE_STATS": "1"},
                               cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
        cache_stats = next((ln for ln in stats.splitlines() if "hits" in ln), "")
        if not args.no_peers:
            args.peers_dir.mkdir(parents=True, exist_ok=True)
            pl = install_proselint(args.peers_dir)
            if pl:
                specs += [("proselint_one", [*pl, "check", single], args.quick_runs),
                          ("proselint_batch", [*pl, "check", *files], args.runs)]
            wg = install_write_good(args.peers_dir)
            if wg:
                specs += [("write_good_one", [*wg, single], args.quick_runs),
                          ("write_good_batch", [*wg, *files], args.runs)]
        results = measure_all(specs, env, work)
    by = {t.name: t for t in results}
    derived = {
        "cache_stats": cache_stats, "format": args.format,
        "corpus_articles": args.articles, "corpus_words": words, "one_file_words": one_words,
        "words_per_s_jobs1": round(words / by["batch_jobs1"].median),
        "words_per_s_jobs2": round(words / by["batch_jobs2"].median),
        "scaling_1_to_2_jobs": round(by["batch_jobs1"].median / by["batch_jobs2"].median, 2),
    }
    for peer in ("write_good", "proselint"):
        if f"{peer}_batch" in by:
            derived[f"batch_jobs2_vs_{peer}"] = round(by["batch_jobs2"].median / by[f"{peer}_batch"].median, 2)
            derived[f"one_file_vs_{peer}"] = round(by["one_file_cold"].median / by[f"{peer}_one"].median, 2)
    anchor_scaled(derived, by)
    print(f"machine: {info['nproc']} cores, {info['cpu']}, {info['ram']}, Python {info['python']}, "
          f"load {info['load_before']:.2f}")
    print(f"corpus: {args.articles} articles, {words} words\n")
    print(f"| {'measurement':<18} | {'median s':>9} | {'min s':>7} | {'max s':>7} | {'peak RSS MB':>11} | target |")
    print(f"| {'-' * 18} | {'-' * 9} | {'-' * 7} | {'-' * 7} | {'-' * 11} | ------ |")
    for t in results:
        target = TARGETS.get(t.name, "")
        rss = f"{t.peak_rss:.0f}" if t.peak_rss else "-"
        print(f"| {t.name:<18} | {t.median:>9.3f} | {min(t.walls):>7.3f} | {max(t.walls):>7.3f} | {rss:>11} "
              f"| {target!s:>6} |")
    print()
    for k, v in derived.items():
        if v is not None:
            print(f"{k}: {v}")
    print(f"command: {' '.join(hl)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": info, "command": hl, "derived": derived, "targets": TARGETS,
                                    "timings": [{**asdict(t), "median": t.median, "peak_rss_mb": t.peak_rss}
                                                for t in results]}, indent=1) + "\n", encoding="utf-8")
    print(f"\n# wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

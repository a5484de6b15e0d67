"""Suppression: ``<!-- healthlint-disable CODE -->`` comments in Markdown/HTML, and baseline fingerprints."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .document.model import Document
from .errors import ConfigError
from .result import Finding

_DIRECTIVE = re.compile(r"^healthlint-(disable-next-line|disable-line|disable|enable)\b\s*(.*)$", re.IGNORECASE)


class Suppressions:
    """Ranges of source offsets where codes are disabled, built from a document's comments."""

    def __init__(self, doc: Document) -> None:
        self.ranges: list[tuple[int, int, frozenset[str] | None]] = []  # (start, end, codes or None=all)
        self.lines: dict[int, frozenset[str] | None] = {}
        open_: dict[str | None, int] = {}
        for c in doc.comments:
            m = _DIRECTIVE.match(c.text.strip())
            if not m:
                continue
            what = m.group(1).lower()
            codes = [x.upper() for x in re.split(r"[\s,]+", m.group(2).strip()) if x]
            keys: list[str | None] = list(codes) if codes else [None]
            if what == "disable":
                for k in keys:
                    open_.setdefault(k, c.end)
            elif what == "enable":
                for k in keys if codes else list(open_):
                    if k in open_:
                        self.ranges.append((open_.pop(k), c.start, frozenset([k]) if k else None))
            else:
                line = doc.line_of(c.start) + (1 if what == "disable-next-line" else 0)
                if what == "disable-next-line":
                    # the next line that has text
                    while line < doc.line_count and not _line_text(doc, line).strip():
                        line += 1
                self.lines[line] = frozenset(codes) if codes else None
        for k, start in open_.items():
            self.ranges.append((start, len(doc.source), frozenset([k]) if k else None))
        self.doc = doc

    def suppressed(self, f: Finding) -> bool:
        for a, b, codes in self.ranges:
            if a <= f.start < b and (codes is None or _covers(codes, f.code)):
                return True
        codes = self.lines.get(f.line, False)
        return codes is not False and (codes is None or _covers(codes, f.code))


def _covers(codes: frozenset[str], code: str) -> bool:
    return any(code.startswith(c) for c in codes)


def _line_text(doc: Document, line: int) -> str:
    starts = doc._line_starts
    a = starts[line - 1]
    b = starts[line] if line < len(starts) else len(doc.source)
    return doc.source[a:b]


_NON_WORD = re.compile(r"\W+")


def normalise(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def fingerprint(code: str, normalised: str) -> str:
    """Stable across edits elsewhere in the file: the code plus the sentence text, as ``normalise`` gives it."""
    return hashlib.sha1(f"{code}|{normalised}".encode()).hexdigest()[:16]


def read_baseline(path: str) -> dict[str, set[str]]:
    """``{path: {fingerprints}}`` from a baseline file written by ``--write-baseline``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found", path) from None
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read baseline: {e}", path) from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise ConfigError("not a healthlint baseline (expected {'files': {path: [fingerprints]}})", path)
    return {k: set(v) for k, v in data["files"].items()}


def baseline_dict(results: list) -> dict:
    return {"tool": "healthlint", "baseline": 1,
            "files": {r.path: sorted({f.fingerprint for f in r.findings}) for r in results if r.findings}}

"""Results: findings, one file's report, and a run over many files (the JSON contract, schema 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import SCHEMA_VERSION, __version__
from .rules import SEVERITY_RANK


@dataclass(slots=True)
class Finding:
    """One reported problem, located by line/column and by character offsets into the decoded source."""

    code: str
    rule: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "rule": self.rule, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
                "start": self.start, "end": self.end, "text": self.text, "data": self.data,
                "fingerprint": self.fingerprint}

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]


@dataclass(slots=True)
class FileResult:
    """The report for one file (or string): findings, score, metrics and the annotations behind them."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    score: int | None = None
    grade: str | None = None
    subscores: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    annotations: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    format: str = "text"
    suppressed: int = 0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path, "format": self.format, "score": self.score, "grade": self.grade,
            "subscores": self.subscores, "metrics": self.metrics,
            "findings": [f.to_dict() for f in self.findings], "annotations": self.annotations,
            "suppressed": self.suppressed,
        }
        if self.errors:
            d["errors"] = self.errors
        return d

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            c[f.severity] += 1
        return c


@dataclass(slots=True)
class RunResult:
    """A run over many files: per-file results, in input order, and a summary."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [e for f in self.files for e in f.errors]

    def summary(self) -> dict[str, Any]:
        scores = [f.score for f in self.files if f.score is not None]
        counts = {"error": 0, "warning": 0, "info": 0}
        by_code: dict[str, int] = {}
        for f in self.files:
            for fd in f.findings:
                counts[fd.severity] += 1
                by_code[fd.code] = by_code.get(fd.code, 0) + 1
        return {"files": len(self.files), "files_with_errors": sum(1 for f in self.files if f.errors),
                "findings": sum(counts.values()), "by_severity": counts,
                "by_code": dict(sorted(by_code.items())),
                "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
                "min_score": min(scores) if scores else None}

    def to_dict(self) -> dict[str, Any]:
        return {"tool": "healthlint", "version": __version__, "schema": SCHEMA_VERSION,
                "files": [f.to_dict() for f in self.files], "summary": self.summary()}

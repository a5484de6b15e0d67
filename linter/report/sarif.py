"""SARIF 2.1.0 for code-scanning dashboards (GitHub upload-sarif and others)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..result import RunResult
from ..rules import load_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def render(run: RunResult, **_: object) -> str:
    rules = {r.code: r for r in load_rules()}
    used = sorted({fd.code for f in run.files for fd in f.findings})
    descriptors = []
    for code in used:
        r = rules.get(code)
        descriptors.append({
            "id": code, "name": r.name if r else code,
            "shortDescription": {"text": r.name if r else code},
            "fullDescription": {"text": r.why if r else code},
            "helpUri": (r.sources[0].url if r and r.sources else "https://example.invalid/healthlint"),
            "defaultConfiguration": {"level": _LEVEL[r.severity] if r else "warning"},
        })
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for f in run.files:
        for fd in f.findings:
            results.append({
                "ruleId": fd.code, "ruleIndex": index[fd.code], "level": _LEVEL[fd.severity],
                "message": {"text": fd.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": fd.line, "startColumn": fd.column, "endLine": fd.end_line,
                               "endColumn": fd.end_column, "charOffset": fd.start, "charLength": fd.end - fd.start},
                }}],
                "partialFingerprints": {"healthlint/v1": fd.fingerprint},
            })
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "healthlint", "version": __version__,
                                         "informationUri": "https://pypi.org/project/healthlint/",
                                         "rules": descriptors}},
                     "results": results}]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

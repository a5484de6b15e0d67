"""GitHub Actions workflow commands (``::error file=…,line=…``), one per finding."""

from __future__ import annotations

from ..result import RunResult

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(run: RunResult, **_: object) -> str:
    out = []
    for f in run.files:
        for e in f.errors:
            line = f",line={e['line']}" if e.get("line") else ""
            out.append(f"::error file={_escape_prop(f.path)}{line},title=healthlint::{_escape_data(e['message'])}")
        for fd in f.findings:
            props = (f"file={_escape_prop(f.path)},line={fd.line},col={fd.column},endLine={fd.end_line},"
                     f"endColumn={fd.end_column},title={_escape_prop(f'{fd.code} {fd.rule}')}")
            out.append(f"::{_LEVEL[fd.severity]} {props}::{_escape_data(fd.message)}")
        if f.score is not None:
            out.append(f"::notice file={_escape_prop(f.path)},title=healthlint score::"
                       f"{_escape_data(f'score {f.score}/100 (grade {f.grade})')}")
    return "\n".join(out) + ("\n" if out else "")

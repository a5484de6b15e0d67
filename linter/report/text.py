"""Human-readable output: ``path:line:col: CODE severity message``, grouped by file, with the score."""

from __future__ import annotations

import click

from ..result import FileResult, RunResult

_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def _file_block(f: FileResult, colour: bool, explain: bool) -> list[str]:
    lines = []
    for e in f.errors:
        where = f"{e.get('path') or f.path}:{e['line']}" if e.get("line") else (e.get("path") or f.path)
        label = click.style("input error", fg="red", bold=True) if colour else "input error"
        lines.append(f"{where}: {label}: {e['message']}")
    for fd in f.findings:
        sev = click.style(fd.severity, fg=_COLOUR[fd.severity]) if colour else fd.severity
        code = click.style(fd.code, bold=True) if colour else fd.code
        lines.append(f"{f.path}:{fd.line}:{fd.column}: {code} {sev} {fd.message}")
    if f.score is not None:
        c = f.counts()
        m = f.metrics
        grade = f" · reading grade {m['fk_grade']}" if m.get("fk_grade") is not None else ""
        lines.append(f"  {f.path}: score {f.score}/100 ({f.grade}) · {c['error']} errors, {c['warning']} warnings, "
                     f"{c['info']} info{grade}"
                     + (f" · {f.suppressed} suppressed" if f.suppressed else ""))
        if explain:
            lines.extend(explain_score(f))
    return lines


def explain_score(f: FileResult) -> list[str]:
    out = []
    for name, d in f.subscores.items():
        if name == "gates":
            for g in d:
                out.append(f"    gate: {g['gate']} ({g['substance']}): total capped at {g['cap']}")
            continue
        out.append(f"    {name:<12} {d['score']:>5}/{d['max']}")
        for x in d["deductions"]:
            where = f" line {x['line']}" if "line" in x else ""
            label = x.get("rule") or (f"{x.get('substance')} coverage {x.get('coverage')}")
            out.append(f"      -{x['points']:<5} {x['code']} {label}{where}")
    return out


def render(run: RunResult, *, colour: bool = False, explain: bool = False, quiet: bool = False, **_: object) -> str:
    lines: list[str] = []
    for f in run.files:
        if quiet and not f.findings and not f.errors:
            continue
        block = _file_block(f, colour, explain)
        if block:
            lines.extend(block)
            lines.append("")
    s = run.summary()
    sev = s["by_severity"]
    lines.append(f"{s['findings']} findings ({sev['error']} errors, {sev['warning']} warnings, {sev['info']} info) "
                 f"in {s['files']} files" + (f"; mean score {s['mean_score']}" if s["mean_score"] is not None else "")
                 + (f"; {s['files_with_errors']} files could not be read" if s["files_with_errors"] else ""))
    return "\n".join(lines) + "\n"


def render_concise(run: RunResult, **_: object) -> str:
    out = []
    for f in run.files:
        for e in f.errors:
            out.append(f"{f.path}:{e.get('line') or 1}:1: E000 {e['message']}")
        for fd in f.findings:
            out.append(f"{f.path}:{fd.line}:{fd.column}: {fd.code} {fd.message}")
    return "\n".join(out) + ("\n" if out else "")

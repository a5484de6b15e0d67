"""The engine: source → document → annotations → findings → score, for one file at a time."""

from __future__ import annotations

import string
from typing import Any

from .annotate import Annotations, Settings, annotate
from .config import Config
from .document import Document, parse
from .result import FileResult, Finding
from .rules import SEVERITY_RANK, Rule, load_rules
from .score import compute
from .suppress import Suppressions, fingerprint, normalise


class _Template(string.Formatter):
    """Message templates: ``{field}`` from the hit data; lists are joined; unknown fields stay as they are."""

    def get_value(self, key: Any, args: Any, kwargs: dict[str, Any]) -> Any:
        if isinstance(key, str) and key in kwargs:
            v = kwargs[key]
            if isinstance(v, list | tuple):
                return ", ".join(map(str, v)) if v else "none"
            return "" if v is None else v
        return "{" + str(key) + "}"

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_TEMPLATE = _Template()
_PARSED: dict[str, list[tuple[str, str | None, str]] | None] = {}


def _parse(message: str) -> list[tuple[str, str | None, str]] | None:
    """The template's (literal, field, spec) parts when every field is a plain name (else None: slow path)."""
    try:
        parts = list(_TEMPLATE.parse(message))
    except ValueError:
        return None
    out: list[tuple[str, str | None, str]] = []
    for literal, name, spec, conversion in parts:
        if name is not None and (not name.isidentifier() or conversion is not None or "{" in (spec or "")):
            return None
        out.append((literal, name, spec or ""))
    return out


def render(message: str, data: dict[str, Any]) -> str:
    text = data.get("text")
    if isinstance(text, str) and len(text) > 90:
        data = {**data, "text": text[:87].rstrip() + "…"}
    try:
        parts = _PARSED[message]
    except KeyError:
        parts = _PARSED[message] = _parse(message)
    if parts is None:
        try:
            return _TEMPLATE.format(message, **data)
        except (IndexError, KeyError, ValueError):
            return message
    out = []
    get_value, format_field = _TEMPLATE.get_value, _TEMPLATE.format_field
    for literal, name, spec in parts:
        out.append(literal)
        if name is not None:
            out.append(format_field(get_value(name, (), data), spec))
    return "".join(out)


class Linter:
    """Holds the configuration and the rules; lints sources one at a time."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.rules: tuple[Rule, ...] = load_rules(tuple(self.config.rule_paths))
        self.by_code = {r.code: r for r in self.rules}
        self.settings = Settings(extra_dirs=tuple(self.config.rule_paths), support_window=self.config.support_window,
                                 topic=self.config.topic)

    def active_rules(self, path: str | None = None) -> list[Rule]:
        # Config.enabled(code, path), with the prefixes and per-file ignores worked out once per call
        c = self.config
        selected = (*c.select, *c.extend_select)
        ignored = (*c.ignore, *(c.ignored_for(path) if path and c.per_file_ignores else ()))
        return [r for r in self.rules if r.enabled and r.code.startswith(selected) and not r.code.startswith(ignored)]

    def lint_source(self, source: str, fmt: str, path: str = "<string>", *, display_path: str | None = None,
                    baseline: set[str] | None = None, annotations: bool = True) -> FileResult:
        """Lint decoded source text; bad rules or input raise HealthlintError. Without ``annotations`` the
        result's annotations stay empty (a report that does not show them)."""
        return self.lint_document(parse(source, fmt, path), display_path=display_path, baseline=baseline,
                                  annotations=annotations)

    def lint_document(self, doc: Document, *, display_path: str | None = None, baseline: set[str] | None = None,
                      annotations: bool = True) -> FileResult:
        """Lint a parsed document (:meth:`lint_source` after its parse)."""
        path = doc.path
        ann = annotate(doc, self.settings)
        result = FileResult(path=display_path or path, format=doc.format)
        findings = self.evaluate(ann, path)
        if doc.comments or baseline:
            sup = Suppressions(doc) if doc.comments else None
            kept = []
            for f in findings:
                if (sup is not None and sup.suppressed(f)) or (baseline and f.fingerprint in baseline):
                    result.suppressed += 1
                else:
                    kept.append(f)
        else:  # nothing can be suppressed
            kept = findings
        result.findings = kept
        result.score, result.grade, result.subscores = compute(kept, self.by_code, ann.facts)
        result.metrics = dict(ann.metrics)
        if annotations:
            result.annotations = ann.to_dict()
        return result

    def evaluate(self, ann: Annotations, path: str | None = None) -> list[Finding]:
        doc = ann.document
        findings: list[Finding] = []
        line_col, source, sentence_at = doc.line_col, doc.source, ann.sentence_at
        normalised: dict[int, str] = {}  # sentence index -> its normalised text, for fingerprints
        severities = self.config.severity
        for rule in self.active_rules(path):
            options = self.config.rules.get(rule.code, {})
            if rule.code == "HR401" and self.config.reading_grade is not None:
                options = {**options, "max": self.config.reading_grade}
            hits = rule.evaluator.evaluate(ann, options)
            code, name, message = rule.code, rule.name, rule.message
            for hit in hits:
                start, end = hit.start, hit.end
                line, col = line_col(start)
                end_line, end_col = line_col(end) if end > start else (line, col)
                text = source[start:end]
                own = hit.data
                if "text" in own:  # (the message shows the hit's text; the finding's data leaves it out)
                    data, kept = own, {k: v for k, v in own.items() if k != "text"}
                else:
                    data, kept = {**own, "text": text}, dict(own)
                s = sentence_at(start)
                if s is None or not s.text:
                    norm = normalise(text)
                else:  # the sentence's text, as normalised (whitespace runs are no matter)
                    norm = normalised.get(s.index)
                    if norm is None:
                        norm = normalised[s.index] = normalise(s.text)
                findings.append(Finding(code, name, severities.get(code) or hit.severity or rule.severity,
                                        render(message, data), line, col, end_line, end_col, start, end, text, kept,
                                        fingerprint(code, norm)))
        findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.code))
        return findings

"""Rules as data: loading and validating the YAML rule files of the catalogue and of user packs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .catalogue import builtin_dir, yaml_load
from .errors import RuleError

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
FAMILIES = {"HC": "claims and evidence", "HP": "promotion", "HM": "missing caveats and provenance",
            "HR": "readability and tone"}
SUBSCORES = ("evidence", "balance", "commercial", "provenance", "readability")
_CODE = re.compile(r"^[A-Z]{1,4}\d{2,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_KEYS = {"code", "name", "severity", "message", "why", "kind", "params", "examples", "score", "link",
         "enabled", "family"}


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(slots=True)
class Rule:
    """One rule: identity, severity, message template, rationale, kind + parameters, examples."""

    code: str
    name: str
    severity: str
    message: str
    why: str
    sources: tuple[Source, ...]
    kind: str
    params: dict[str, Any]
    examples_flag: list[Any]
    examples_pass: list[Any]
    score: dict[str, Any] = field(default_factory=dict)
    link: str | None = None
    enabled: bool = True
    path: str = ""
    evaluator: Any = None

    @property
    def family(self) -> str:
        return re.match(r"[A-Z]+", self.code).group(0)  # type: ignore[union-attr]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity, "family": self.family,
                "message": self.message, "why": self.why,
                "sources": [{"title": s.title, "url": s.url} for s in self.sources],
                "kind": self.kind, "params": self.params, "score": self.score, "link": self.link,
                "enabled": self.enabled, "examples": {"flag": self.examples_flag, "pass": self.examples_pass},
                "path": self.path}


def _key_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level key, for error messages."""
    import yaml

    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    lines = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            continue
        lines[k.value] = k.start_mark.line + 1
        if isinstance(v, yaml.MappingNode):
            for k2, _ in v.value:
                if isinstance(k2, yaml.ScalarNode):
                    lines[f"{k.value}.{k2.value}"] = k2.start_mark.line + 1
    return lines


def load_rule(path: Path) -> Rule:
    """Parse and validate one rule file; errors name the file and line."""
    import yaml

    p = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(f"cannot read rule file: {e}", p) from None
    try:
        data = yaml_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(e, 'problem', None) or e}", p, mark.line + 1 if mark else None) \
            from None
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a YAML mapping", p, 1)
    def fail(msg: str, key: str | None = None) -> RuleError:
        return RuleError(msg, p, _key_lines(text).get(key, 1) if key else 1)

    for key in ("code", "name", "severity", "message", "why", "kind", "examples"):
        if key not in data:
            raise fail(f"missing required key {key!r}")
    unknown = set(data) - _KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(_KEYS))})", sorted(unknown)[0])
    code, name = str(data["code"]), str(data["name"])
    if not _CODE.match(code):
        raise fail(f"code {code!r} must look like HC101 (letters then digits)", "code")
    if not _NAME.match(name):
        raise fail(f"name {name!r} must be kebab-case", "name")
    if data["severity"] not in SEVERITIES:
        raise fail(f"severity must be one of {', '.join(SEVERITIES)}, not {data['severity']!r}", "severity")
    if not isinstance(data["message"], str) or not data["message"].strip():
        raise fail("message must be a non-empty string", "message")
    why = data["why"]
    if isinstance(why, str):
        why = {"text": why, "sources": []}
    if not isinstance(why, dict) or not isinstance(why.get("text"), str):
        raise fail("why must be a mapping with text and sources", "why")
    sources = []
    for s in why.get("sources") or []:
        if not isinstance(s, dict) or "title" not in s:
            raise fail("each source needs a title (and a url)", "why")
        sources.append(Source(str(s["title"]), str(s.get("url", ""))))
    examples = data["examples"]
    if not isinstance(examples, dict) or not set(examples) <= {"flag", "pass"}:
        raise fail("examples must be a mapping with 'flag' and 'pass' lists", "examples")
    flag, pas = examples.get("flag") or [], examples.get("pass") or []
    if not isinstance(flag, list) or not isinstance(pas, list) or not flag:
        raise fail("examples need at least one 'flag' example (and a list of 'pass' examples)", "examples")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise fail("params must be a mapping", "params")
    score = data.get("score") or {}
    if score and (not isinstance(score, dict) or score.get("subscore") not in SUBSCORES):
        raise fail(f"score.subscore must be one of {', '.join(SUBSCORES)}", "score")
    rule = Rule(code=code, name=name, severity=data["severity"], message=data["message"].strip(),
                why=why["text"].strip(), sources=tuple(sources), kind=str(data["kind"]), params=params,
                examples_flag=flag, examples_pass=pas, score=score, link=data.get("link"),
                enabled=bool(data.get("enabled", True)), path=p)
    from .kinds import build_evaluator

    try:
        rule.evaluator = build_evaluator(rule)
    except RuleError as e:
        named = re.search(r"'([\w-]+)'", e.message)
        key = f"params.{named.group(1)}" if named and f"params.{named.group(1)}" in _key_lines(text) else (
            "params" if "params" in data else "kind")
        raise fail(e.message, key) from None
    return rule


def rule_files(directory: Path) -> list[Path]:
    """Rule YAML files of a pack: ``*.yaml`` / ``*.yml`` at its top level and in sub-folders named by family,
    leaving out the lexicons/ and substances/ data folders."""
    out = []
    for p in sorted(directory.rglob("*.y*ml")):
        rel = p.relative_to(directory).parts
        if rel[0] in ("lexicons", "substances") or p.suffix not in (".yaml", ".yml"):
            continue
        out.append(p)
    return out


@lru_cache(maxsize=16)
def load_rules(extra: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The built-in catalogue plus user packs; a pack's rule with an existing code replaces it."""
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for d in (builtin_dir(), *map(Path, extra)):
        if not d.is_dir():
            raise RuleError("rule pack folder does not exist", str(d))
        for f in rule_files(d):
            r = load_rule(f)
            other = names.get(r.name)
            if other and other != r.code:
                raise RuleError(f"rule name {r.name!r} is already used by {other}", str(f))
            rules[r.code] = r
            names[r.name] = r.code
    return tuple(sorted(rules.values(), key=lambda r: r.code))

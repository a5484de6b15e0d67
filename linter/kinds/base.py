"""What every rule kind shares: parameter checking, attribute filters, and the hit record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import RuleError

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotations


@dataclass(slots=True)
class Hit:
    """A place a rule fires: source offsets, data for the message and the JSON, optional severity."""

    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None


class Evaluator:
    """Base class of rule kinds. ``PARAMS`` maps each parameter to (type, default); None default = required."""

    PARAMS: dict[str, tuple[type | tuple[type, ...], Any]] = {}

    def __init__(self, params: dict[str, Any]) -> None:
        unknown = set(params) - set(self.PARAMS)
        if unknown:
            raise RuleError(f"unknown parameter {sorted(unknown)[0]!r} for kind "
                            f"{type(self).__name__} (allowed: {', '.join(sorted(self.PARAMS)) or 'none'})")
        self.p: dict[str, Any] = {}
        for key, (typ, default) in self.PARAMS.items():
            if key not in params:
                if default is None:
                    raise RuleError(f"missing parameter {key!r}")
                self.p[key] = default
                continue
            value = params[key]
            if not isinstance(value, typ):
                raise RuleError(f"parameter {key!r} has the wrong type ({type(value).__name__})")
            self.p[key] = value
        self.check()

    def check(self) -> None:
        """Validate parameters beyond their types (raise RuleError)."""

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        raise NotImplementedError


def matches(attrs: dict[str, Any], where: dict[str, Any]) -> bool:
    """Attribute filter: ``{key: value}`` equality, a list is membership, ``{not: v}``, ``{min: n}``,
    ``{max: n}``, ``{nonempty: true}``."""
    for key, cond in where.items():
        value = attrs.get(key)
        if isinstance(cond, list):
            if value not in cond:
                return False
        elif isinstance(cond, dict):
            for op, arg in cond.items():
                if op == "not" and (value in arg if isinstance(arg, list) else value == arg):
                    return False
                if op == "min" and (value is None or value < arg):
                    return False
                if op == "max" and (value is None or value > arg):
                    return False
                if op == "nonempty" and bool(value) != bool(arg):
                    return False
        elif value != cond:
            return False
    return True


def check_where(where: Any) -> None:
    if not isinstance(where, dict):
        raise RuleError("'where' must be a mapping of attribute filters")
    for key, cond in where.items():
        if isinstance(cond, dict) and not set(cond) <= {"not", "min", "max", "nonempty"}:
            raise RuleError(f"filter on {key!r}: operators are not, min, max, nonempty")


def severity_for(data: dict[str, Any], rules: list[dict[str, Any]]) -> str | None:
    """The first ``severity_when`` entry whose ``where`` matches the hit data."""
    for entry in rules:
        if matches(data, entry.get("where", {})):
            return entry["severity"]
    return None


def check_severity_when(entries: list[Any]) -> None:
    for e in entries:
        if not isinstance(e, dict) or e.get("severity") not in ("error", "warning", "info"):
            raise RuleError("each severity_when entry needs a severity (error|warning|info) and a where")
        check_where(e.get("where", {}))

"""Rule kinds: the code that evaluates a rule (data) over a document's annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import RuleError
from .base import Evaluator, Hit
from .document import FactsRequired, Metric, Order, Requirement, RiskCoverage, SubstanceStatus
from .spans import AnnotationKind, PatternKind

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import Rule

KINDS: dict[str, type[Evaluator]] = {
    "annotation": AnnotationKind,
    "pattern": PatternKind,
    "requirement": Requirement,
    "order": Order,
    "risk_coverage": RiskCoverage,
    "substance_status": SubstanceStatus,
    "facts_required": FactsRequired,
    "metric": Metric,
}

__all__ = ["KINDS", "Evaluator", "Hit", "build_evaluator"]


def build_evaluator(rule: Rule) -> Evaluator:
    try:
        cls = KINDS[rule.kind]
    except KeyError:
        raise RuleError(f"unknown kind {rule.kind!r} (known: {', '.join(sorted(KINDS))})") from None
    return cls(rule.params)

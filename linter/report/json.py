"""The JSON report (schema 1): see docs/json-schema.md and linter/schema/report-1.json."""

from __future__ import annotations

import json

from ..result import RunResult


def render(run: RunResult, **_: object) -> str:
    return json.dumps(run.to_dict(), ensure_ascii=False, indent=2) + "\n"

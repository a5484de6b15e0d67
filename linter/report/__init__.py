"""Output formats: one function per format taking a RunResult and returning the text to write."""

from __future__ import annotations

from collections.abc import Callable

from ..result import RunResult

FORMATS = ("text", "json", "github", "sarif", "concise")


def formatter(name: str) -> Callable[..., str]:
    if name == "json":
        from .json import render
    elif name == "github":
        from .github import render
    elif name == "sarif":
        from .sarif import render
    elif name == "concise":
        from .text import render_concise as render
    else:
        from .text import render
    return render


def render(run: RunResult, name: str, **options: object) -> str:
    return formatter(name)(run, **options)

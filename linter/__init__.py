"""healthlint: a content-quality linter for health articles.

The public API (imported lazily, so ``healthlint --help`` never loads spaCy):

- :func:`lint_text` lints one string and returns a :class:`~linter.result.FileResult`
  whose ``to_dict()`` is one file object of the JSON report (schema 1).
- :func:`lint_paths` lints files and folders and returns a :class:`~linter.result.RunResult`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
SCHEMA_VERSION = 1

if TYPE_CHECKING:  # pragma: no cover
    from .api import lint_paths, lint_text

__all__ = ["SCHEMA_VERSION", "__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")

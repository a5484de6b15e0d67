"""Errors that name the file (and line) they come from; the CLI turns them into exit status 2."""

from __future__ import annotations


class HealthlintError(Exception):
    """A user-facing error: bad input, bad config or a malformed rule."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(HealthlintError):
    """A file that cannot be read or decoded."""


class ConfigError(HealthlintError):
    """A configuration file or option that is not valid."""


class RuleError(HealthlintError):
    """A rule file that does not match the rule schema."""

"""Source files to documents: decoding, format detection and the readers."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .model import Block, Document, Link

__all__ = ["FORMATS", "Block", "Document", "Link", "decode", "format_for", "parse", "read_input", "read_path"]

#: File extensions and the format each one is read as.
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_ALIASES = {"txt": "text", "text": "text", "plain": "text", "md": "markdown", "markdown": "markdown",
            "html": "html", "htm": "html"}


def format_for(path: str, default: str = "text") -> str:
    """The reader format for a file name (by extension)."""
    return FORMATS.get(Path(path).suffix.lower(), default)


def normalise_format(name: str) -> str:
    try:
        return _ALIASES[name.lower()]
    except KeyError:
        raise InputError(f"unknown format {name!r} (use text, markdown or html)") from None


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is tolerated); anything else is an InputError naming the file and line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", path, line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError("binary file (contains NUL bytes)", path, line)
    return text


def read_path(path: str | Path) -> str:
    """Read and decode a file, with errors that name it."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", str(path)) from None
    return decode(data, str(path))


def read_input(path: str, fmt: str | None = None) -> tuple[str, str]:
    """A file's decoded source and its reader format: ``fmt`` if given, else by the file's name."""
    return read_path(path), fmt or format_for(path)


def parse(source: str, fmt: str = "text", path: str = "<string>") -> Document:
    """Turn decoded source text into a Document with the reader for ``fmt``."""
    fmt = normalise_format(fmt)
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(source, path)
    if fmt == "html":
        from .html import read_html

        return read_html(source, path)
    from .text import read_text

    return read_text(source, path)

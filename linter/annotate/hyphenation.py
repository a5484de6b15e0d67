"""pyphen's hyphenation dictionary, parsed faster than pyphen parses it (a cold-start saving).

textstat builds ``Pyphen(lang=...)`` when it is imported, and pyphen parses the ``hyph_*.dic`` file
into a ``HyphDict`` (about 50 ms for English). :func:`preload` builds the same ``HyphDict`` with a
tighter parser and puts it into pyphen's own cache, so textstat's ``Pyphen`` finds it ready. A file with
features the fast parser does not handle (``^^`` escapes, non-standard ``/`` alternatives, a legacy
encoding) is left to pyphen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


#: Bytes of a UTF-8 pattern line to their shape: a digit to its value, a newline kept, any other character
#: (a UTF-8 sequence's lead byte; continuation bytes are deleted) to ``x``.
_SHAPE = bytes(b - 48 if 48 <= b <= 57 else b if b == 10 else 120 for b in range(256))
_CONTINUATION = bytes(range(0x80, 0xC0))
_ASCII = bytes(range(0x80))
_DIGIT = re.compile(r"\d")
#: Inserting a 0 in every gap between two characters (twice: the first pass leaves every other one), at the
#: start and at the end of each line.
_GAPS = ((b"xx", b"x\0x"), (b"xx", b"x\0x"), (b"\nx", b"\n\0x"), (b"x\n", b"x\0\n"))


def parse_patterns(text: str) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """``HyphDict.patterns`` of a UTF-8 dictionary's text, or None where pyphen's parser is needed.

    The lines are parsed together: in their shape, a 0 goes into each gap without a digit, so that a line
    alternates digit and character and its digits are its values (``row[::2]``)."""
    lines = [line for line in map(str.strip, text.split("\n")[1:]) if line and not line.startswith(_IGNORED)]
    raw = "\n".join(lines).encode()
    if b"^^" in raw or b"/" in raw or _other_digits(raw):
        return None
    shape = b"\n%b\n" % raw.translate(_SHAPE, _CONTINUATION)
    for gap, filled in _GAPS:
        shape = shape.replace(gap, filled)
    if len(shape) - shape.count(b"\n") != 2 * shape.count(b"x") + len(lines):  # not one digit per gap
        return None
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for key, row in zip(raw.translate(None, b"0123456789").decode().split("\n"), shape[1:-1].split(b"\n"),
                        strict=True):
        rest = row.lstrip(b"\0x")  # from the first non-zero value (none: no hyphenation point)
        if rest:
            patterns[key] = (len(row) - len(rest)) // 2, tuple(rest[::2].rstrip(b"\0"))
    return patterns


def _other_digits(raw: bytes) -> bool:
    """Whether UTF-8 text has a decimal digit other than 0-9 (a value to pyphen's ``\\d``)."""
    return _DIGIT.search(raw.translate(None, _ASCII).decode()) is not None


def parse_file(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """:func:`parse_patterns` of a dictionary file declared UTF-8 on its first line, else None."""
    data = path.read_bytes()
    if data.split(b"\n", 1)[0].strip().upper() not in (b"UTF-8", b"UTF8"):
        return None
    return parse_patterns(data.decode("utf-8"))


def preload(lang: str) -> None:
    """Put ``lang``'s dictionary into ``pyphen.hdcache`` unless it is there or needs pyphen's parser."""
    import pyphen

    name = pyphen.language_fallback(lang)
    path: Any = pyphen.LANGUAGES.get(name) if name else None
    if path is None or path in pyphen.hdcache:
        return
    patterns = parse_file(Path(str(path)))
    if not patterns:
        return
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(len(k) for k in patterns)
    pyphen.hdcache[path] = hd

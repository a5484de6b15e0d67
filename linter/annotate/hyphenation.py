"""pyphen's hyphenation dictionary, parsed faster than pyphen parses it (a cold-start saving).

textstat builds ``Pyphen(lang=...)`` when it is imported, and pyphen parses the ``hyph_*.dic`` file
into a ``HyphDict`` (about 50 ms for English). :func:`preload` builds the same ``HyphDict`` with a
tighter parser and puts it into pyphen's own cache, so textstat's ``Pyphen`` finds it ready. A file with
features the fast parser does not handle (``^^`` escapes, non-standard ``/`` alternatives, a legacy
encoding) is left to pyphen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


def parse_patterns(text: str) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """``HyphDict.patterns`` of a UTF-8 dictionary's text, or None where pyphen's parser is needed."""
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for raw in text.split("\n")[1:]:
        line = raw.strip()
        if not line or line.startswith(_IGNORED):
            continue
        if "^^" in line or "/" in line:
            return None
        tags: list[str] = []
        values: list[int] = []
        digit = 0
        for ch in line:
            if "0" <= ch <= "9":
                digit = ord(ch) - 48
            else:
                tags.append(ch)
                values.append(digit)
                digit = 0
        values.append(digit)
        if not any(values):
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        patterns["".join(tags)] = start, tuple(values[start:end])
    return patterns


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

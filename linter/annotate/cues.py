"""Compiled cue patterns from rules/lexicons/language.yaml, shared by the annotators."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from functools import cache, lru_cache
from itertools import accumulate, compress
from re import _compiler
from re import _constants as _sre
from typing import TYPE_CHECKING, Any

from ..catalogue import language
from ..regex_literals import IGNORECASE_BIT, parsed
from .lexicon import alternation

if TYPE_CHECKING:  # pragma: no cover
    from .base import Annotations, Span

#: Where a negation's or a hedge's scope stops: clause punctuation and contrastive conjunctions.
SCOPE_BREAK = re.compile(r"[;:,()]|\b(?:but|however|although|though|whereas|while|yet|except)\b", re.IGNORECASE)
#: A clause boundary for relation cues (a weaker break: commas alone do not end a claim's clause).
CLAUSE_BREAK = re.compile(r"[;:()]|\b(?:but|however|although|though|whereas|while|yet)\b", re.IGNORECASE)


def _phrase_source(words: Iterable[str]) -> str:
    """The regex ``lexicon.compile_phrases(words)`` compiles (case-insensitively)."""
    return rf"\b(?:{alternation(words)})\b"


@cache
def phrase_finder(name: str) -> Finder:
    """:func:`pattern` ``name`` as a :class:`Finder`, which compiles the case-insensitive regex only if a scan
    needs it: plain scans run its lower-case twin, which compiles about ten times faster."""
    return Finder(_phrase_source(language("language")[name]), re.IGNORECASE)


def pattern(name: str) -> re.Pattern[str]:
    """The phrase regex for a flat cue list of language.yaml."""
    return phrase_finder(name).rx


@cache
def regex_finder(name: str) -> Finder:
    """:func:`regex` ``name`` as a :class:`Finder` (see :func:`phrase_finder`)."""
    return Finder(language("language")["patterns"][name], re.IGNORECASE)


def regex(name: str) -> re.Pattern[str]:
    """A raw regular expression of language.yaml's ``patterns`` map (case-insensitive)."""
    return regex_finder(name).rx


@lru_cache(maxsize=1)
def hedge_weights() -> dict[str, float]:
    """Graded strength of hedge cues (default 1.0)."""
    return {str(k).lower(): float(v) for k, v in (language("language").get("hedge_weights") or {}).items()}


def in_scope(text: str, cue_end: int, target: int, max_chars: int = 80) -> bool:
    """Whether ``target`` lies in the forward scope of a cue ending at ``cue_end``."""
    if target < cue_end or target - cue_end > max_chars:
        return False
    return SCOPE_BREAK.search(text, cue_end, target) is None


#: Parser nodes that match the same under case-insensitive matching and on lower-cased text.
_CASELESS_OPS = frozenset({_sre.AT, _sre.ANY, _sre.CATEGORY, _sre.NEGATE})
_LITERAL, _NOT_LITERAL = _sre.LITERAL, _sre.NOT_LITERAL


def _caseless_char(code: int) -> bool:
    """A pattern character that matches a lower-cased text as it matches any text case-insensitively: a
    lower-case ASCII letter, or a character no other character lower-cases to (checked for all of Unicode)."""
    if code < 256:
        return _LATIN_CASELESS[code]
    c = chr(code)
    return c.lower() == c == c.upper()


#: :func:`_caseless_char` of the first 256 code points (most pattern characters), looked up.
_LATIN_CASELESS = tuple("a" <= chr(i) <= "z" or chr(i).lower() == chr(i) == chr(i).upper() for i in range(256))


def _lower_case_only(nodes: Iterable[tuple[Any, Any]]) -> bool:
    """Whether parsed regex ``nodes`` name only :func:`_caseless_char` characters, set no flag and refer
    to no group."""
    for op, av in nodes:
        if op is _LITERAL or op is _NOT_LITERAL:  # (most nodes: tested inline)
            if not (_LATIN_CASELESS[av] if av < 256 else _caseless_char(av)):
                return False
            continue
        if op in _CASELESS_OPS:
            continue
        if op is _sre.RANGE:
            ok = all(_LATIN_CASELESS[av[0]:av[1] + 1]) if av[1] < 256 else \
                av[1] - av[0] < 256 and all(map(_caseless_char, range(av[0], av[1] + 1)))
        elif op is _sre.IN or op is _sre.ATOMIC_GROUP:
            ok = _lower_case_only(av)
        elif op is _sre.BRANCH:
            ok = all(map(_lower_case_only, av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            ok = _lower_case_only(av[2])
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            ok = _lower_case_only(av[1])
        elif op is _sre.SUBPATTERN:
            ok = not av[1] and not av[2] and _lower_case_only(av[3])
        else:  # group references and anything unforeseen
            ok = False
        if not ok:
            return False
    return True


#: Non-word character classes (``\\s``, ``\\W``) in parsed patterns.
_NON_WORD_CLASSES = frozenset({_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD})
_REPEATS = frozenset({_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT})
_MAX_HEADS = 512  # more first words than this: not worth a lookup per word

Heads = set[str] | None  # the first word runs of a pattern's matches (None: not known)


def _union(parts: Iterable[Heads]) -> Heads:
    out: set[str] = set()
    for part in parts:
        if part is None or len(out) + len(part) > _MAX_HEADS:
            return None
        out |= part
    return out


def _heads(items: list[Any], rest: tuple[list[Any], ...], prefix: str, bounded: bool, backwards: bool = False
           ) -> Heads:
    """The first word runs (ASCII) of the matches of parsed regex ``items`` followed by ``rest``, ``prefix``
    being the word characters matched so far, ``bounded`` whether a ``\\b`` came before them; ``backwards``: the
    last word runs, reversed, read off items taken in reverse order (:func:`_items`)."""
    if not items:
        return _heads(rest[0], rest[1:], prefix, bounded, backwards) if rest else None
    op, av = items[0]
    if op is _sre.AT:
        if av is not _sre.AT_BOUNDARY:
            return None
        return {prefix} if prefix else _heads(items[1:], rest, prefix, True, backwards)
    if op is _LITERAL:  # (a run of literals in one loop: no recursion per character)
        i, n = 0, len(items)
        while True:
            c = chr(av)
            if not _is_word(c):  # a word run ends here
                return {prefix} if prefix else None
            if not (bounded and c.isascii()):
                return None
            prefix += c
            i += 1
            if i == n or items[i][0] is not _LITERAL:
                return _heads(items[i:], rest, prefix, bounded, backwards)
            av = items[i][1]
    tail = items[1:]
    if op is _sre.IN:
        if all(o is _sre.CATEGORY and a in _NON_WORD_CLASSES for o, a in av):
            return {prefix} if prefix else None
        if not all(o is _sre.LITERAL for o, _ in av):
            return None
        return _union(_char(chr(a), tail, rest, prefix, bounded, backwards) for _, a in av)
    if op is _sre.SUBPATTERN:
        return None if av[1] or av[2] else _heads(_items(av[3], backwards), (tail, *rest), prefix, bounded, backwards)
    if op is _sre.BRANCH:
        return _union(_heads(_items(b, backwards), (tail, *rest), prefix, bounded, backwards) for b in av[1])
    if op in _REPEATS:
        low, high, body = av
        once = _heads(_items(body, backwards), (tail, *rest) if high == 1 else (), prefix, bounded, backwards)
        return once if low else _union((once, _heads(tail, rest, prefix, bounded, backwards)))
    return None


def _items(seq: Any, backwards: bool) -> list[Any]:
    """A parsed sequence's items, in reverse order when reading ``backwards`` (the reversed items of groups,
    alternatives and repeats match the reversed strings; :func:`_heads` gives up on any other item whose meaning
    the turn changes, as it does reading forwards)."""
    return list(reversed(seq)) if backwards else list(seq)


def _char(c: str, tail: list[Any], rest: tuple[list[Any], ...], prefix: str, bounded: bool, backwards: bool
          ) -> Heads:
    if not _is_word(c):  # a word run ends here
        return {prefix} if prefix else None
    return _heads(tail, rest, prefix + c, bounded, backwards) if bounded and c.isascii() else None


_RUN = re.compile(r"\w+")
#: Characters that case-insensitive matching equates with an ASCII letter although lower-casing keeps them
#: apart (dotless i, long s): a lower-cased text holding one cannot stand in for the case-insensitive search.
_FOLDED_APART = ("\u0131", "\u017f")


def _no_folded_apart(low: str) -> bool:
    return _FOLDED_APART[0] not in low and _FOLDED_APART[1] not in low


def is_plain(text: str, low: str) -> bool:
    """:attr:`Scan.plain` of ``text`` and its lower-cased ``low``, without the rest of a scan: whether
    case-insensitive patterns can run as their lower-case twins on ``low``."""
    return len(low) == len(text) and (low.isascii() or _no_folded_apart(low))


#: ``bytes.translate`` table turning every ASCII non-word character into a space: an ASCII text's words are
#: then its ``split()`` (three times faster than ``findall(r"\\w+")``).
_ASCII_BREAKS = bytes(i if i < 128 and (chr(i).isalnum() or chr(i) == "_") else 32 for i in range(256))
_NEXT = (1).__add__


def _spaced(low: str) -> str:
    """An ASCII text with every non-word character turned into a space, and a space added at both ends: its
    ``split()`` is ``findall(r"\\w+", low)``, and ``" run "`` occurs in it where a whole run starts in ``low``
    (at the same index)."""
    return f" {low.encode('ascii').translate(_ASCII_BREAKS).decode('ascii')} "


def _spaced_runs(spaced: str) -> list[tuple[int, str]]:
    """``(start, run)`` of the ``\\w+`` runs of the text :func:`_spaced` made ``spaced`` of (all in C: its
    ``split(" ")`` pieces start one past the ends of the pieces before them, and the empty ones are left out)."""
    pieces = spaced.split(" ")
    starts = accumulate(map(_NEXT, map(len, pieces)), initial=-1)  # (one more than the pieces)
    return list(compress(zip(starts, pieces, strict=False), pieces))


def _spaced_starts(spaced: str, word: str) -> list[int]:
    """Where the text :func:`_spaced` made ``spaced`` of has a whole run equal to ``word``."""
    out: list[int] = []
    key, step = f" {word} ", len(word) + 1
    i = spaced.find(key)
    while i >= 0:
        out.append(i)
        i = spaced.find(key, i + step)  # the next run can start right after this one's closing space
    return out


def _is_word(c: str) -> bool:
    """Whether one character is a ``\\w`` character (the same test as the regex engine's)."""
    return c.isalnum() or c == "_"


def _run_starts(low: str, word: str) -> list[int]:
    """Where ``low`` has a whole ``\\w+`` run equal to ``word`` (itself a run)."""
    out: list[int] = []
    size, n = len(low), len(word)
    i = low.find(word)
    while i >= 0:
        j = i + n
        if (i == 0 or not _is_word(low[i - 1])) and (j == size or not _is_word(low[j])):
            out.append(i)
        i = low.find(word, j)  # an occurrence overlapping this one follows a word character
    return out


#: Every trigger word of the matchers and pattern prefilters built so far (it only grows, so its size tells
#: whether a scan's :meth:`Scan.cue_words` are up to date).
_VOCABULARY: set[str] = set()


class Scan:
    """Word runs (``\\w+``) of one sentence text, lower-cased: their set for prefilters, and where a given run
    starts (looked up on demand) for phrase lookup. A regex match of a ``\\b``-delimited phrase always starts
    at a run equal to the phrase's first run, so a disjoint trigger set proves there is no match. ``plain``:
    ``low`` has the text's positions and a case-insensitive lower-case pattern matches it case-sensitively."""

    __slots__ = ("_at", "_cues", "_runs", "_spaced", "_vocabulary", "aligned", "low", "plain", "text", "words")

    def __init__(self, text: str, lower: str | None = None) -> None:
        self.text = text
        low = self.low = text.lower() if lower is None else lower
        self._at: dict[str, list[int]] = {}
        self._runs: list[tuple[int, str]] | None = None
        self._spaced: str | None = None  # (an ASCII text's :func:`_spaced`)
        self._vocabulary = -1
        self._cues: frozenset[str] = frozenset()
        self.aligned = len(low) == len(text)
        if self.aligned and low.isascii():  # (ASCII: lower-casing and case folding agree on every character)
            spaced = self._spaced = _spaced(low)
            self.words = frozenset(spaced.split())
            self.plain = True
        elif self.aligned:
            self.words = frozenset(_RUN.findall(low))
            self.plain = _no_folded_apart(low)
        else:  # lower-casing changed lengths (rare Unicode): keep positions of the original text
            self._runs = [(m.start(), m.group().lower()) for m in _RUN.finditer(text)]
            for a, w in self._runs:
                self._at.setdefault(w, []).append(a)
            self.words = frozenset(self._at)
            self.plain = False

    def cue_words(self) -> frozenset[str]:
        """The words that trigger some matcher or pattern: a small set against which trigger sets are tested
        much faster than against ``words`` (same answer for registered triggers)."""
        if self._vocabulary != len(_VOCABULARY):
            self._cues = self.words.intersection(_VOCABULARY)
            self._vocabulary = len(_VOCABULARY)
        return self._cues

    @property
    def runs(self) -> list[tuple[int, str]]:
        """``(start, lower-cased run)`` pairs, left to right."""
        if self._runs is None:
            spaced = self._spaced
            self._runs = _spaced_runs(spaced) if spaced is not None else [
                (m.start(), m.group()) for m in _RUN.finditer(self.low)]
        return self._runs

    def on(self, rx: re.Pattern[str]) -> tuple[re.Pattern[str], str]:
        """``rx`` and the text to run it on: in a ``plain`` scan, a case-insensitive lower-case pattern runs
        case-sensitively on ``low`` (same positions and spans; groups come lower-cased), else on ``text``."""
        return finder(rx).on(self)

    def finditer(self, rx: re.Pattern[str], pos: int = 0) -> Iterator[re.Match[str]]:
        """``rx.finditer(text, pos)``, the fastest exact way (:class:`Finder`)."""
        return finder(rx).finditer(self, pos)

    def search(self, rx: re.Pattern[str], pos: int = 0) -> re.Match[str] | None:
        """``rx.search(text, pos)``, the fastest exact way (:class:`Finder`)."""
        return finder(rx).search(self, pos)

    def places(self, words: Collection[str]) -> list[tuple[int, str]]:
        """``(start, word)`` of each run equal to one of ``words``, left to right."""
        if len(words) == 1:
            (w,) = words
            return [(a, w) for a in self.starts(w)]
        return sorted((a, w) for w in words for a in self.starts(w))

    def starts(self, word: str) -> list[int]:
        """Where runs equal to ``word`` (a lower-cased ``\\w+`` run) start, left to right."""
        got = self._at.get(word)
        if got is None:
            spaced = self._spaced
            got = self._at[word] = (_spaced_starts(spaced, word) if spaced is not None else
                                    _run_starts(self.low, word) if self.aligned else [])
        return got


def scans(ann: Annotations) -> list[Scan]:
    """One :class:`Scan` per sentence of ``ann`` (built once, shared by the annotators; kept in an internal fact,
    so that they live and die with the document)."""
    got = ann.facts.get("_scans")
    if got is None or len(got) != len(ann.sentences):
        got = ann.facts["_scans"] = [Scan(s.text, s.lower) for s in ann.sentences]
    return got


_NO_MATCHES: Iterator[re.Match[str]] = iter(())  # exhausted: shared by every scan without a match


def _matches_at(rx: re.Pattern[str], text: str, places: list[tuple[int, str]], pos: int) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``rx`` starting at ``places`` from ``pos`` on, left to right."""
    for a, _ in places:
        if a >= pos:
            m = rx.match(text, a)
            if m:
                pos = m.end()
                yield m


class Finder:
    """A regex run over scans the fastest exact way. In a plain scan: case-sensitively on the lower-cased text
    when the pattern is case-insensitive with only lower-case letters (``twin``: Python's engine runs it several
    times faster so), and only where one of its first words starts when every match starts with one of them
    (``heads``: a ``\\b``, then an ASCII word followed by a non-word character or ``\\b``; the words of a
    case-sensitive pattern are lower-cased, which only adds places to try). Each is worked out when first
    needed, from the pattern's :func:`regex_literals.parsed` tree (one parse when both are needed together), and
    a finder made from a pattern's source compiles the pattern itself (``rx``) only when a scan needs it. Callers
    may also skip a plain scan that holds none of the last words of the pattern's matches (:meth:`lacks_tails`)."""

    __slots__ = ("_heads", "_rx", "_tails", "_twin", "flags", "source")

    def __init__(self, rx: re.Pattern[str] | str, flags: int = 0) -> None:
        """The finder of a compiled pattern, or of a pattern's source and flags."""
        if isinstance(rx, str):
            self.source, self.flags, self._rx = rx, int(flags), None  # (int: see ``regex_literals.IGNORECASE_BIT``)
        else:
            self.source, self.flags, self._rx = rx.pattern, rx.flags, rx
        self._twin: re.Pattern[str] | bool | None = False  # False: not worked out yet
        self._heads: frozenset[str] | bool | None = False
        self._tails: frozenset[str] | bool | None = False

    @property
    def rx(self) -> re.Pattern[str]:
        """The pattern itself (compiled when first needed, then also :func:`finder`'s for it)."""
        if self._rx is None:
            rx = self._rx = re.compile(self.source, self.flags)
            _FINDERS[id(rx)] = self
        return self._rx

    @property
    def twin(self) -> re.Pattern[str] | None:
        """The case-sensitive pattern for lower-cased text (None: there is none)."""
        if self._twin is False:
            twin = None
            if self.flags & IGNORECASE_BIT:
                flags = self.flags & ~IGNORECASE_BIT
                tree = parsed(self.source, flags)
                if not (flags | tree.state.flags) & (re.ASCII | re.LOCALE | re.IGNORECASE) and \
                        _lower_case_only(tree):
                    twin = _compiler.compile(tree, flags)
            self._twin = twin
        return self._twin  # type: ignore[return-value]

    @property
    def heads(self) -> frozenset[str] | None:
        """The lower-cased first words (None: not known)."""
        if self._heads is False:
            heads = _heads(list(parsed(self.source, self.flags)), (), "", False)
            self._heads = frozenset(h.lower() for h in heads) if heads else None
        return self._heads  # type: ignore[return-value]

    @property
    def tails(self) -> frozenset[str] | None:
        """The lower-cased last words (None: not known): the ``heads`` of the pattern read backwards, so a plain
        scan whose ``words`` hold none of them has no match (worked out on request: a small pattern's are cheap,
        a long phrase list's are not)."""
        if self._tails is False:
            tails = _heads(_items(parsed(self.source, self.flags), True), (), "", False, True)
            self._tails = frozenset(t[::-1].lower() for t in tails) if tails else None
        return self._tails  # type: ignore[return-value]

    def lacks_tails(self, scan: Scan) -> bool:
        """True only when ``scan`` is plain and holds none of the ``tails`` (so the pattern has no match in it)."""
        if not scan.plain:
            return False
        tails = self._tails if self._tails is not False else self.tails
        return tails is not None and tails.isdisjoint(scan.words)

    def finditer(self, scan: Scan, pos: int = 0) -> Iterator[re.Match[str]]:
        """``rx.finditer(scan.text, pos)`` (groups lower-cased when run on the lower-cased text)."""
        if not scan.plain:
            return self.rx.finditer(scan.text, pos)
        heads = self._heads if self._heads is not False else self.heads
        hits = heads.intersection(scan.words) if heads is not None else None  # type: ignore[union-attr]
        if hits is not None and not hits:
            return _NO_MATCHES
        twin = self._twin if self._twin is not False else self.twin
        rx, text = (twin, scan.low) if twin is not None else (self.rx, scan.text)
        return rx.finditer(text, pos) if hits is None else _matches_at(rx, text, scan.places(hits), pos)

    def search(self, scan: Scan, pos: int = 0) -> re.Match[str] | None:
        return next(self.finditer(scan, pos), None)

    def on(self, scan: Scan) -> tuple[re.Pattern[str], str]:
        """The pattern and the text to run it on: in a ``plain`` scan, the ``twin`` on ``scan.low`` if there is one
        (same positions and spans; groups come lower-cased), else ``rx`` on ``scan.text``."""
        if scan.plain:
            twin = self._twin if self._twin is not False else self.twin
            if twin is not None:
                return twin, scan.low  # type: ignore[return-value]
        return self.rx, scan.text


#: ``id(pattern)``: its finder (not keyed by the pattern, whose hash is computed from its code each time).
_FINDERS: dict[int, Finder] = {}


def finder(rx: re.Pattern[str]) -> Finder:
    """The :class:`Finder` of a pattern (built once)."""
    got = _FINDERS.get(id(rx))
    if got is None or got._rx is not rx:
        got = _FINDERS[id(rx)] = Finder(rx)
    return got


def lowered(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` to run on lower-cased text: its case-sensitive twin (:class:`Finder`), else ``rx`` itself."""
    return finder(rx).twin or rx


def fast_search(rx: re.Pattern[str], text: str, lower: str) -> re.Match[str] | None:
    """``rx.search(text)``, run as its :func:`lowered` twin on ``lower`` (the lower-cased text) when lower-casing
    kept the text's length. Positions are the same; ``group()`` is lower-cased."""
    if len(lower) == len(text):
        twin = lowered(rx)
        if twin is not rx:
            return twin.search(lower)
    return rx.search(text)


def _plain_runs(phrase: str) -> list[str]:
    """A phrase's first ``\\w+`` run and its further ASCII runs: runs that a plain text holding the phrase holds
    (lower-cased); a further non-ASCII run might match a character that lower-cases otherwise."""
    first, *rest = _RUN.findall(phrase)
    return [first, *(r for r in rest if r.isascii())]


class PhraseMatcher:
    """A phrase list matched like ``compile_phrases(words)`` (same matches, same order), but by looking up
    where the text has a word run that starts a phrase and trying only the phrases that start with it. In a
    ``plain`` scan a first word is tried only when the text also holds a further (ASCII) word run of each of
    its phrases that has one (so of the phrase, if it matches), and when the phrases are all lower-case they
    are matched case-sensitively on the lower-cased text (as :class:`Finder` twins: groups come lower-cased)."""

    def __init__(self, words: Iterable[str]) -> None:
        phrases = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=len, reverse=True)
        groups: dict[str, list[str]] = {}
        for p in phrases:
            first = _RUN.match(p)
            if first is None:  # a phrase that starts with punctuation: no word trigger
                raise ValueError(f"phrase must start with a word character: {p!r}")
            groups.setdefault(first.group(0), []).append(p)
        self._sources = {w: f"(?:{alternation(ps)})\\b" for w, ps in groups.items()}
        self._caseless = all(_caseless_char(ord(c)) for c in set("".join(phrases)))
        self._tails: dict[tuple[str, bool], re.Pattern[str]] = {}  # compiled when a text first needs one
        self.triggers = frozenset(groups)
        runs = {p: _plain_runs(p) for p in phrases}
        #: A first word's phrases' longest further ASCII runs (absent when one of them has none).
        self._needs: dict[str, frozenset[str]] = {}
        for w, ps in groups.items():
            rests = [runs[p][1:] for p in ps]
            if all(rests):
                self._needs[w] = frozenset(min(r, key=lambda r: (-len(r), r)) for r in rests)
        #: Words one of which a plain text holds if it holds a phrase: the longest (likely the rarest) of each
        #: phrase's first run and further ASCII runs.
        self._keys = frozenset(max(r, key=len) for r in runs.values())
        _VOCABULARY.update(self.triggers, self._keys)

    def prefilter(self, plain: bool) -> frozenset[str]:
        """Words one of which a text holds when it holds a phrase (in a ``plain`` scan, a smaller set)."""
        return self._keys if plain else self.triggers

    def _tail(self, word: str, lower: bool) -> re.Pattern[str]:
        """The regex of the phrases that start with ``word``: case-sensitive, for lower-cased text, if ``lower``."""
        rx = self._tails.get((word, lower))
        if rx is None:
            rx = self._tails[word, lower] = re.compile(self._sources[word], 0 if lower else re.IGNORECASE)
        return rx

    def finditer(self, scan: Scan) -> Iterator[re.Match[str]]:
        """Non-overlapping matches in ``scan.text``, left to right."""
        cues = scan._cues if scan._vocabulary == len(_VOCABULARY) else scan.cue_words()  # (inlined: hot)
        if not scan.plain:
            hits: Collection[str] = self.triggers.intersection(cues)
        elif self._keys.isdisjoint(cues):  # (self.prefilter)
            return _NO_MATCHES
        else:  # the first words whose phrases' further runs the text holds
            needs, words = self._needs, scan.words
            hits = [w for w in self.triggers.intersection(cues) if w not in needs or not needs[w].isdisjoint(words)]
        return self._matches(scan, hits) if hits else _NO_MATCHES

    def _matches(self, scan: Scan, hits: Collection[str]) -> Iterator[re.Match[str]]:
        lower = scan.plain and self._caseless
        text, pos = scan.low if lower else scan.text, 0
        for a, w in scan.places(hits):
            if a >= pos:
                m = self._tail(w, lower).match(text, a)
                if m:
                    pos = m.end()
                    yield m

    def search(self, scan: Scan) -> re.Match[str] | None:
        return next(self.finditer(scan), None)


@cache
def matcher(name: str) -> PhraseMatcher:
    """The phrase matcher for a flat cue list of language.yaml (same matches as :func:`pattern`)."""
    return PhraseMatcher(language("language")[name])


@cache
def triggers(name: str) -> frozenset[str]:
    """Words one of which every match of ``patterns[name]`` contains (language.yaml ``pattern_triggers``);
    empty when the pattern has no trigger list (then it must always run)."""
    words = frozenset(str(w).lower() for w in (language("language").get("pattern_triggers") or {}).get(name, ()))
    _VOCABULARY.update(words)
    return words


def may_match(name: str, scan: Scan) -> bool:
    """False only when ``patterns[name]`` cannot match the scanned text."""
    t = triggers(name)
    return not t or not t.isdisjoint(scan._cues if scan._vocabulary == len(_VOCABULARY) else scan.cue_words())


@lru_cache(maxsize=1)
def hedge_matchers() -> list[tuple[str, PhraseMatcher]]:
    return [(kind, PhraseMatcher(words)) for kind, words in language("language")["hedges"].items()]


@cache
def hedge_prefilter(plain: bool) -> frozenset[str]:
    """Words one of which a (plain) text with a hedge cue holds (:meth:`PhraseMatcher.prefilter`)."""
    return frozenset().union(*(m.prefilter(plain) for _, m in hedge_matchers()))


def spans_in(ann: Annotations, kind: str, sent: int) -> list[Span]:
    """``ann.in_sentence(kind, sent)`` from a per-sentence index (an internal fact, rebuilt only when spans were
    added)."""
    spans = ann.of(kind)
    per_kind = ann.facts.get("_spans_by_sentence")
    if per_kind is None:
        per_kind = ann.facts["_spans_by_sentence"] = {}
    got = per_kind.get(kind)
    if got is None or got[0] != len(spans):
        index: dict[int, list[Span]] = {}
        for sp in spans:
            if sp.sent is not None:
                index.setdefault(sp.sent, []).append(sp)
        got = per_kind[kind] = (len(spans), index)
    return got[1].get(sent, [])

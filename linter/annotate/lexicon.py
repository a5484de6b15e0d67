"""Term lexicons matched on token sequences (greedy longest match, case-insensitive)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalogue import lexicon_path, read_terms

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan

    from .base import Sentence


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A lexicon hit inside a sentence: character positions relative to the sentence text."""

    start: int
    end: int
    term: str
    category: str
    tok_start: int
    tok_end: int


_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _tokenized(terms: dict[str, str]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """``(term, category, lower-cased tokens)`` as the pipeline's tokenizer splits each term.

    Letters-and-single-spaces terms with no tokenizer special case among their words split on the spaces
    (spaCy's affix rules never split a run of letters); only the rest go through the tokenizer, which
    keeps building a lexicon cheap at start-up (tests/test_lexicon_tokens.py checks the shortcut)."""
    from ..nlp import get_nlp

    tokenizer = get_nlp().tokenizer
    special = (tokenizer.rules or {}).keys()
    plain = _PLAIN.fullmatch
    rest: list[tuple[str, str]] = []
    for term, cat in terms.items():
        if plain(term) and special.isdisjoint(term.split(" ")):
            yield term, cat, tuple(term.lower().split(" "))
        else:
            rest.append((term, cat))
    for doc, (term, cat) in zip(tokenizer.pipe(t for t, _ in rest), rest, strict=True):
        yield term, cat, tuple(t.lower_ for t in doc)


#: A token: its lower-cased text, or spaCy's id of that text (``Token.lower``, read from a doc's arrays without
#: looking the text up). Ints and strings never compare equal, so an index holds both kinds of keys.
Key = str | int


class TermIndex:
    """Token-tuple index of a term list: ``{first token: [(token count, tokens, term, category), ...]}``,
    longest first, keyed both by the lower-cased token texts and by their spaCy ids (``Key``); ``firsts``, the
    first tokens (texts); ``keys``, the longest token of every term, text and id (tokens that hold none of them
    hold no term)."""

    def __init__(self, terms: dict[str, str]) -> None:
        from spacy.strings import get_string_id

        self._index: dict[Key, list[tuple[int, tuple[Key, ...], str, str]]] = {}
        for term, cat, toks in _tokenized(terms):
            if toks:
                self._index.setdefault(toks[0], []).append((len(toks), toks, term, cat))
        for entries in self._index.values():
            entries.sort(key=itemgetter(0), reverse=True)  # stable: equal lengths keep their order
        self.size = len(terms)
        self.firsts = frozenset(self._index)
        longest = {max(toks, key=len) for entries in self._index.values() for _, toks, _, _ in entries}
        for first in self.firsts:
            self._index[get_string_id(first)] = [(n, tuple(map(get_string_id, toks)), term, cat)
                                                 for n, toks, term, cat in self._index[first]]
        self.keys = frozenset({*longest, *map(get_string_id, longest)})

    def __contains__(self, term: str) -> bool:
        first = term.split()[0] if term.split() else term
        return any(t == term for _, _, t, _ in self._index.get(first, ()))

    def match_tokens(self, lowers: list[str] | list[int], start: int = 0,
                     end: int | None = None) -> list[tuple[int, int, str, str]]:
        """Greedy longest non-overlapping matches over tokens ``lowers[start:end]`` (lower-cased texts, or all
        their spaCy ids: ``Key``), as positions in ``lowers`` (only the tokens that start a term are tried, and
        none when no ``keys`` token is there)."""
        end = len(lowers) if end is None else end
        tokens = lowers[start:end]
        if self.keys.isdisjoint(tokens):
            return []
        index = self._index
        found: list[tuple[int, int, str, str]] = []
        i = start
        for k in compress(range(start, end), map(index.__contains__, tokens)):
            if k < i:
                continue
            for n, toks, term, cat in index[lowers[k]]:
                j = k + n
                if n == 1 or (j <= end and lowers[k + 1] == toks[1] and tuple(lowers[k:j]) == toks):
                    found.append((k, j, term, cat))
                    i = j
                    break
        return found

    def find(self, s: Sentence) -> list[TermMatch]:
        """Matches in a sentence, positions relative to its text."""
        return find_in_span(self, s.span, s.span.start_char)


_TOKENS: dict[int, tuple[SpacySpan, list[str], list[int], list[int]]] = {}


def _tokens(span: SpacySpan) -> tuple[list[str], list[int], list[int]]:
    """Lower-cased texts, start and end characters of a span's tokens (cached: several lexicons read the
    same sentence)."""
    got = _TOKENS.get(id(span))
    if got is None or got[0] is not span:
        if len(_TOKENS) >= 4096:
            _TOKENS.clear()
        lowers, starts, ends = [], [], []
        for t in span:
            lowers.append(t.lower_)
            starts.append(t.idx)
            ends.append(t.idx + len(t))
        got = _TOKENS[id(span)] = (span, lowers, starts, ends)
    return got[1], got[2], got[3]


def find_in_span(index: TermIndex, span: SpacySpan, base: int) -> list[TermMatch]:
    lowers, starts, ends = _tokens(span)
    return [TermMatch(starts[a] - base, ends[b - 1] - base, term, cat, a, b)
            for a, b, term, cat in index.match_tokens(lowers)]


@lru_cache(maxsize=32)
def load_index(name: str, extra: tuple[str, ...] = ()) -> TermIndex:
    """A built-in lexicon file (``rules/lexicons/NAME``), merged with same-named files in ``extra`` dirs."""
    terms = read_terms(lexicon_path(name)) if lexicon_path(name).exists() else {}
    for d in extra:
        p = Path(d) / "lexicons" / name
        if p.exists():
            terms.update(read_terms(p))
    return TermIndex(terms)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases (longest first; spaces match any whitespace)."""
    phrases = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def compile_phrases(words: Iterable[str], *, prefix: str = r"\b", suffix: str = r"\b") -> re.Pattern[str]:
    return re.compile(f"{prefix}(?:{alternation(words)}){suffix}", re.IGNORECASE)

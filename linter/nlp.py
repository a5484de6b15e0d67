"""The spaCy pipeline: ``spacy.blank("en")`` with a sentencizer, built once per process, imported lazily."""

from __future__ import annotations

import importlib
import re
import sys
import types
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from re import _constants as _re_const  # type: ignore[attr-defined]
from re import _parser as _re_parser  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: Abbreviations that end in a full stop without ending a sentence.
_ABBREVIATIONS = ("tsp.", "tbsp.", "approx.", "fig.", "figs.", "vs.", "e.g.", "i.e.", "etc.", "et al.", "al.",
                  "dr.", "mr.", "mrs.", "ms.", "prof.", "no.", "vol.", "pp.", "ca.", "cf.", "mg.", "st.")


def _lazy_info(*args: Any, **kwargs: Any) -> Any:
    """Stands in for ``spacy.info`` until called; then imports the real spacy.cli (which is slow)."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """``import spacy`` without its command-line package.

    ``spacy/__init__.py`` runs ``from .cli.info import info``, which pulls in typer, weasel, requests and
    httpx (about 0.13 s of a 0.55 s import) that linting never uses. Placeholder ``spacy.cli`` modules are
    installed for the duration of the import only, so a later ``import spacy.cli`` loads the real package.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stubs = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stubs["spacy.cli"].__path__ = []  # type: ignore[attr-defined]
    stubs["spacy.cli.info"].info = _lazy_info  # type: ignore[attr-defined]
    if any(name in sys.modules for name in stubs):
        return importlib.import_module("spacy")
    sys.modules.update(stubs)
    try:
        return importlib.import_module("spacy")
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is stubs["spacy.cli"]:
            delattr(spacy, "cli")


#: The lexical attributes that linting reads (``Token.lower_``, and ``is_punct`` for sentence boundaries).
LEXEME_ATTRS = ("LOWER", "IS_PUNCT")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: tokenizer with health-writing abbreviations, then a sentencizer.

    A lexeme gets only the attributes in ``LEXEME_ATTRS`` (spaCy computes some twenty with Python
    functions, most of the cost of tokenizing a word seen for the first time): ``like_num``, ``is_alpha``,
    ``shape_``, ``norm_`` and the like read as unset. Add an attribute there before using it.

    ``spacy.blank("en")`` builds the same tokenizer (:func:`_tokenizer`), but through a full config resolution,
    and computes every attribute of the lexemes of its ~1,400 special cases."""
    import_spacy()
    from spacy.attrs import IDS
    from spacy.lang.en import English
    from spacy.symbols import ORTH
    from spacy.vocab import create_vocab

    vocab = create_vocab(English.lang, English.Defaults)
    getters = vocab.lex_attr_getters
    for attr in set(getters) - {IDS[name] for name in LEXEME_ATTRS}:
        del getters[attr]
    nlp = English(vocab=vocab, create_tokenizer=_tokenizer)
    for abbr in _ABBREVIATIONS:
        for form in {abbr, abbr.capitalize(), abbr.upper()}:
            if " " in form:
                continue
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sentencizer")
    return nlp


def _tokenizer(nlp: Language) -> Any:
    """spaCy's default tokenizer of ``nlp``'s language (its ``tokenizer_factory``), with the affix patterns
    searched through :func:`edge_search` (same matches, without trying every position of a word)."""
    from spacy.tokenizer import Tokenizer

    d = nlp.Defaults
    return Tokenizer(nlp.vocab, rules=d.tokenizer_exceptions, prefix_search=edge_search(d.prefixes, "prefix"),
                     suffix_search=edge_search(d.suffixes, "suffix"), infix_finditer=edge_search(d.infixes, "infix"),
                     token_match=d.token_match, url_match=literal_gate(d.url_match))


def literal_gate(match: Callable[[str], Any] | None) -> Callable[[str], Any] | None:
    """A compiled pattern's ``match`` (the tokenizer's ``url_match``, tried on every word it has not seen),
    skipping words without the one literal every match contains (a URL's dot): the same result, without the
    pattern's backtracking over the word. Anything else is returned as it is."""
    from .regex_literals import literals

    rx = getattr(match, "__self__", None)
    if not isinstance(rx, re.Pattern) or match != rx.match:
        return match
    found = literals([rx])
    if found is None or len(found) != 1 or found[0].upper() != found[0]:  # (a cased literal: not on raw text)
        return match
    return partial(_gated_match, rx.match, found[0])


def _gated_match(match: Callable[[str], Any], literal: str, text: str) -> Any:
    return match(text) if literal in text else None


#: How spaCy's ``compile_prefix_regex``, ``compile_suffix_regex`` and ``compile_infix_regex`` wrap each piece.
_WRAP = {"prefix": "^{}", "suffix": "{}$", "infix": "{}"}


def edge_search(entries: Sequence[str], role: str) -> Callable[[str], Any] | None:
    """The tokenizer's ``prefix_search``, ``suffix_search`` or ``infix_finditer`` (``role``) for spaCy's affix
    ``entries``: the compiled alternation's ``search`` (``finditer``), or an exact shortcut to it.

    Python's engine tries every alternative at every position of a word. Which characters a match of each
    piece can begin (prefix, infix) or end with (suffix) is read from its parse: a word whose first character
    (any character, for infixes) begins no match has none. A suffix match (the tokenizer reads only its length:
    the leftmost match's) ends at the end of the word, so only the pieces that can end with its last
    character are tried (see :class:`_SuffixTable`). Patterns the analysis does not understand keep the plain
    method; no entries, none (as spaCy's ``tokenizer_factory``)."""
    if not entries:
        return None
    wrap = _WRAP[role]
    pieces = [wrap.format(p) for p in entries if p.strip()]
    rx = re.compile("|".join(pieces))
    plain = rx.finditer if role == "infix" else rx.search
    try:
        if rx.flags & (re.IGNORECASE | re.LOCALE):
            raise _Opaque
        parsed = [_alternatives(p) for p in pieces]
        if not parsed:
            raise _Opaque
        if role == "suffix":
            return partial(_search_suffix, _SuffixTable(rx, pieces, [_suffix_end(alts) for alts in parsed]))
        firsts = frozenset().union(*(_first_chars(alts, anchored=role == "prefix") for alts in parsed))
    except _Opaque:
        return plain
    if role == "prefix":
        return partial(_search_prefix, rx.search, firsts)
    return partial(_find_infixes, rx.finditer, firsts)


class _Opaque(Exception):
    """A pattern construct the edge analysis does not handle."""


def _alternatives(piece: str) -> list[list[Any]]:
    """The parsed top-level alternatives of one (wrapped) piece."""
    items = _re_parser.parse(piece)
    if items.state.flags & (re.IGNORECASE | re.LOCALE):
        raise _Opaque
    items = list(items)
    if len(items) == 1 and items[0][0] is _re_const.BRANCH:
        return [list(alt) for alt in items[0][1][1]]
    return [items]


def _edge(items: list[Any], last: bool) -> tuple[set[str], bool]:
    """The characters a match of a parsed sequence can begin (``last``: end) with, and whether it can be
    empty; zero-width assertions are skipped."""
    c = _re_const
    out: set[str] = set()
    for op, av in reversed(items) if last else items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            return out | {chr(av)}, False
        if op is c.IN:
            return out | _class_chars(av), False
        if op is c.SUBPATTERN:
            if av[1] or av[2]:  # inline flags
                raise _Opaque
            got, empty = _edge(list(av[3]), last)
        elif op is c.BRANCH:
            got, empty = set(), False
            for alt in av[1]:
                chars, can_be_empty = _edge(list(alt), last)
                got |= chars
                empty = empty or can_be_empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            got, empty = _edge(list(av[2]), last)
            empty = empty or av[0] == 0
        else:
            raise _Opaque
        out |= got
        if not empty:
            return out, False
    return out, True


def _class_chars(av: Any) -> set[str]:
    c = _re_const
    chars: set[str] = set()
    for op, arg in av:
        if op is c.LITERAL:
            chars.add(chr(arg))
        elif op is c.RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:  # a negated class, a category
            raise _Opaque
    return chars


def _first_chars(alts: list[list[Any]], anchored: bool) -> set[str]:
    """Characters every non-empty match begins with (``anchored``: each alternative must open with ``^``)."""
    chars: set[str] = set()
    for alt in alts:
        if anchored and (not alt or alt[0] != (_re_const.AT, _re_const.AT_BEGINNING)):
            raise _Opaque
        got, empty = _edge(alt, last=False)
        if empty and not anchored:  # an infix pattern matching the empty string
            raise _Opaque
        chars |= got
    return chars


def _suffix_end(alts: list[list[Any]]) -> tuple[set[str], int]:
    """The characters a piece's non-empty matches can end with and its longest match (in characters); each
    alternative must end with ``$``."""
    chars: set[str] = set()
    for alt in alts:
        if not alt or alt[-1] != (_re_const.AT, _re_const.AT_END):
            raise _Opaque
        chars |= _edge(alt, last=True)[0]
    width = max(_re_parser.SubPattern(_re_parser.State(), alt).getwidth()[1] for alt in alts)
    return chars, min(width, sys.maxsize)


#: An alternation of pieces shorter than this fraction of the whole pattern is compiled on its own.
_SUB_PATTERN_SHARE = 4


class _SuffixTable(dict):
    """Last character of a word -> how to find the leftmost suffix match, or None when only an empty match
    (length 0) is possible: ``(search, width, longer)`` runs ``search`` from ``width`` characters before the
    end, for the pieces of bounded length that can end with the character, and ``longer`` (or None) over the
    whole word for those of unbounded length (such as ``\\.\\.+``); the leftmost of the two matches is the match.

    A ``search`` is that of the pieces concerned (compiled when first needed, and only when much shorter than the
    whole pattern: else the whole pattern's). Other pieces can match only the empty string at the end, as ``$``
    does; a word ending with a newline is searched whole (``$`` also matches before a final newline)."""

    def __init__(self, rx: re.Pattern[str], pieces: list[str], ends: list[tuple[set[str], int]]) -> None:
        super().__init__()
        self.rx, self.pieces, self.ends = rx, pieces, ends
        self.compiled: dict[tuple[int, ...], Callable[..., Any]] = {}

    def __missing__(self, ch: str) -> tuple[Callable[..., Any] | None, int, Callable[..., Any] | None] | None:
        picked = [i for i, (chars, _) in enumerate(self.ends) if ch in chars]
        got: tuple[Callable[..., Any] | None, int, Callable[..., Any] | None] | None = None
        if ch == "\n":
            got = (self.rx.search, sys.maxsize, None)
        elif picked:
            bounded = tuple(i for i in picked if self.ends[i][1] < sys.maxsize)
            unbounded = tuple(i for i in picked if self.ends[i][1] == sys.maxsize)
            longer = self._search(unbounded)
            if longer == self.rx.search:  # the whole pattern, over the whole word
                got = (longer, sys.maxsize, None)
            else:
                got = (self._search(bounded), max((self.ends[i][1] for i in bounded), default=0), longer)
        self[ch] = got
        return got

    def _search(self, picked: tuple[int, ...]) -> Callable[..., Any] | None:
        """``search`` of the alternation of the ``picked`` pieces (None for none)."""
        if not picked:
            return None
        search = self.compiled.get(picked)
        if search is None:
            source = "|".join(self.pieces[i] for i in picked)
            search = self.compiled[picked] = (
                re.compile(source).search if _SUB_PATTERN_SHARE * len(source) < len(self.rx.pattern) else
                self.rx.search)
        return search


def _search_prefix(search: Callable[[str], Any], firsts: frozenset[str], text: str) -> Any:
    return search(text) if text[:1] in firsts else None


def _search_suffix(table: _SuffixTable, text: str) -> Any:
    got = table[text[-1:]]
    if got is None:  # no match but an empty one at the end: the same length (0)
        return None
    search, width, longer = got
    found = search(text, max(0, len(text) - width)) if search is not None else None
    if longer is not None:
        other = longer(text)
        if other is not None and (found is None or other.start() < found.start()):
            return other
    return found


def _find_infixes(finditer: Callable[[str], Any], firsts: frozenset[str], text: str) -> Any:
    return () if firsts.isdisjoint(text) else finditer(text)


#: A sentence starts at the first word token after a sentence-final punctuation character, skipping any
#: punctuation in between (spaCy's ``Sentencizer.predict``), over one letter per token (see ``_TokenClasses``).
_NEW_SENTENCE = re.compile(r"p[pu]*w")


class _TokenClasses(dict):
    """Orth id -> "p" (one of the sentencizer's ``punct_chars``), "u" (other punctuation) or "w" (anything
    else), looked up once per lexeme."""

    def __init__(self, nlp: Language) -> None:
        super().__init__()
        self.vocab = nlp.vocab
        self.punct_chars = frozenset(nlp.get_pipe("sentencizer").punct_chars)

    def __missing__(self, orth: int) -> str:
        lex = self.vocab[orth]
        c = self[orth] = "p" if lex.orth_ in self.punct_chars else "u" if lex.is_punct else "w"
        return c


class _Splitter:
    """What :func:`split_sentences` needs from the pipeline, looked up once."""

    def __init__(self, nlp: Language) -> None:
        from spacy.attrs import ORTH
        from spacy.tokens import Span

        self.make_doc = nlp.make_doc
        self.set_annotations = nlp.get_pipe("sentencizer").set_annotations
        self.classes = _TokenClasses(nlp)
        self.span = Span
        self.orth = ORTH

    def starts(self, doc: Doc, text: str) -> list[int]:
        """The first token of each sentence. A token of one of ``punct_chars`` is one of those characters,
        so a text without them is one sentence, as is a text whose only one is its last character (no token
        follows it)."""
        punct = self.classes.punct_chars
        if punct.isdisjoint(text) or (text[-1] in punct and punct.isdisjoint(text[:-1])):
            return [0]
        classes = self.classes
        if len(classes) > 500_000:
            classes.clear()
        orths = doc.to_array(self.orth).tolist()
        return [0, *(m.end() - 1 for m in _NEW_SENTENCE.finditer("".join(map(classes.__getitem__, orths))))]


@lru_cache(maxsize=1)
def _splitter() -> _Splitter:
    return _Splitter(get_nlp())


def split_sentences(text: str) -> tuple[Doc, list[tuple[Span, int, int]]]:
    """Tokenize ``text`` and cut it into sentences exactly as the pipeline's sentencizer does (its
    annotations are set on the doc), reading the tokens' orth ids from an array instead of Token objects.

    Returns the doc and each sentence's span with its start and end characters."""
    sp = _splitter()
    doc = sp.make_doc(text)
    n = len(doc)
    if not n:
        return doc, []
    starts = sp.starts(doc, text)
    guesses = [False] * n
    for i in starts:
        guesses[i] = True
    sp.set_annotations([doc], [guesses])
    span = sp.span
    out = []
    for a, b in zip(starts, [*starts[1:], n], strict=True):
        s = span(doc, a, b)
        out.append((s, s.start_char, s.end_char))
    return doc, out

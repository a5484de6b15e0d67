"""The spaCy pipeline: ``spacy.blank("en")`` with a sentencizer, built once per process, imported lazily."""

from __future__ import annotations

import importlib
import re
import sys
import types
from functools import lru_cache
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

    ``spacy.blank("en")`` builds the same tokenizer, but through a full config resolution, and computes every
    attribute of the lexemes of its ~1,400 special cases."""
    import_spacy()
    from spacy.attrs import IDS
    from spacy.lang.en import English
    from spacy.symbols import ORTH
    from spacy.vocab import create_vocab

    vocab = create_vocab(English.lang, English.Defaults)
    getters = vocab.lex_attr_getters
    for attr in set(getters) - {IDS[name] for name in LEXEME_ATTRS}:
        del getters[attr]
    nlp = English(vocab=vocab)
    for abbr in _ABBREVIATIONS:
        for form in {abbr, abbr.capitalize(), abbr.upper()}:
            if " " in form:
                continue
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sentencizer")
    return nlp


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
        so a text without them is one sentence."""
        if self.classes.punct_chars.isdisjoint(text):
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

"""The spaCy pipeline: ``spacy.blank("en")`` with a sentencizer, built once per process, imported lazily."""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

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


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: tokenizer with health-writing abbreviations, then a sentencizer."""
    spacy = import_spacy()
    from spacy.symbols import ORTH

    nlp = spacy.blank("en")
    for abbr in _ABBREVIATIONS:
        for form in {abbr, abbr.capitalize(), abbr.upper()}:
            if " " in form:
                continue
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sentencizer")
    return nlp

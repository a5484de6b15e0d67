"""The spaCy pipeline: ``spacy.blank("en")`` with a sentencizer, built once per process, imported lazily."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: Abbreviations that end in a full stop without ending a sentence.
_ABBREVIATIONS = ("tsp.", "tbsp.", "approx.", "fig.", "figs.", "vs.", "e.g.", "i.e.", "etc.", "et al.", "al.",
                  "dr.", "mr.", "mrs.", "ms.", "prof.", "no.", "vol.", "pp.", "ca.", "cf.", "mg.", "st.")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: tokenizer with health-writing abbreviations, then a sentencizer."""
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank("en")
    for abbr in _ABBREVIATIONS:
        for form in {abbr, abbr.capitalize(), abbr.upper()}:
            if " " in form:
                continue
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sentencizer")
    return nlp

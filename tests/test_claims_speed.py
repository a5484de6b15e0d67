"""The claim annotators' fast paths give the same matches as the plain regexes, and HC101's severity
follows the claim's subject."""

from __future__ import annotations

import re

import pytest

from linter.annotate.cues import PhraseMatcher, Scan, may_match, regex, triggers
from linter.annotate.lexicon import compile_phrases
from linter.api import lint_text
from linter.catalogue import language
from linter.config import Config

from .conftest import SAMPLES

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_EXTRA = [
    "It doesn't cure anything, and they cannot say it's 100% safe or risk-free.",
    "Some experts say it is widely believed to help; critics claim that studies have shown no effect.",
    "Smokers were three times as likely to die, and 2-fold higher rates doubled the risk of stroke.",
    "It offers real relief and provides antioxidant properties; more research is needed to examine it.",
    "Researchers may in the future study whether green tea lowers blood pressure.",
]


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    return [m.group(0) for t in texts for m in _SENTENCE.finditer(t)] + _EXTRA


@pytest.mark.parametrize("name", ["negation", "causal_verbs", "correlational", "absolute", "vague_attribution",
                                  "substitute_frames"])
def test_phrase_matcher_equals_regex(name: str) -> None:
    words = language("language")[name]
    rx, pm = compile_phrases(words), PhraseMatcher(words)
    for text in _sentences():
        expected = [(m.start(), m.end()) for m in rx.finditer(text)]
        assert [(m.start(), m.end()) for m in pm.finditer(Scan(text))] == expected, text


@pytest.mark.parametrize("name", ["benefit_offer", "multiplier", "comparative", "weasel", "vague_wording",
                                  "future_frame", "modal_effect"])
def test_pattern_triggers_are_conservative(name: str) -> None:
    assert triggers(name), f"{name} has no pattern_triggers in language.yaml"
    for text in _sentences():
        if regex(name).search(text):
            assert may_match(name, Scan(text)), (name, text)


def test_trigger_prefilter_skips_text_without_triggers() -> None:
    assert not may_match("weasel", Scan("The clinic opened in 1998."))
    assert not list(PhraseMatcher(["lead to", "cause"]).finditer(Scan("Leading causes vary.")))


def _hc101(text: str) -> list[str]:
    return [f.severity for f in lint_text(text, "text", config=Config(select=["HC101"])).findings]


def test_hc101_error_for_supplement_subject() -> None:
    assert _hc101("Ashwagandha relieves anxiety and treats insomnia.") == ["error"]


@pytest.mark.parametrize("text", [
    "Prednisone relieves symptoms of sarcoidosis within a couple of months.",
    "Radiation therapy is used to treat parathyroid cancer.",
    "Diuretics help reduce swelling in your feet and ankles.",
])
def test_hc101_warning_for_medicine_or_standard_care(text: str) -> None:
    assert _hc101(text) == ["warning"]

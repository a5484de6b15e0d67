"""Depth of reporting: study details, qualified statements (HM310) and harm cues added for issue 6."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.annotate import caveats
from linter.api import lint_text


def _caveats(text: str, ctype: str) -> list[dict]:
    return [c for c in lint_text(text).annotations["caveats"] if c["type"] == ctype]


def _codes(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in lint_text(text).findings:
        out.setdefault(f.code, []).append(f)
    return out


@pytest.mark.parametrize("text", ["Participants were recruited from two clinics.",
                                  "Follow-up lasted two years.", "Adults were randomly assigned to two groups.",
                                  "Of the patients who took the drug, most improved.", "Forty volunteers took part."])
def test_study_details_are_evidence_quality_details(text: str) -> None:
    assert [c["strength"] for c in _caveats(text, "evidence_quality")] == ["detail"], text


def test_a_sentence_gets_its_strongest_evidence_strength_once() -> None:
    found = _caveats("In a randomised trial of 120 adults, participants took saffron.", "evidence_quality")
    assert [c["strength"] for c in found] == ["strong"]
    # the leftmost match of the strong patterns, as one alternation would find it
    assert found[0]["text"] == "randomised"
    assert _caveats("The study of 120 adults was randomised.", "evidence_quality")[0]["text"] == (
        "study of 120 adults")


@pytest.mark.parametrize("text", ["The drug did not lower blood pressure.", "Saffron didn’t help everyone.",
                                  "There was no significant difference between the groups.",
                                  "The device is not yet approved.", "Whether the effect lasts is unknown.",
                                  "People with kidney disease should avoid it.", "It remains to be seen.",
                                  "We can't say whether it works.", "The trial was too small to tell."])
def test_qualified_statements(text: str) -> None:
    assert [c["strength"] for c in _caveats(text, "qualified")] == ["strong"], text


@pytest.mark.parametrize("text", ["This is not only cheap but fast.", "It works for everyone.",
                                  "No doubt it is popular.", "Nobody knows the dentist's name."])
def test_not_qualified(text: str) -> None:
    assert _caveats(text, "qualified") == [], text


def _sentences() -> list[str]:
    root = Path(__file__).resolve().parents[1]
    paths = [p for p in (root / "samples").iterdir() if p.is_file()]
    seeds = root.parent / "shared" / "seeds"
    paths += sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts.append("It didn't work. They couldn’t tell. It can’t hurt. Results weren't significant. Cautiously, "
                 "we note contraindications. It remains unclear.")
    return [s.lower() for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]


def test_word_prefilter_never_hides_a_qualified_statement() -> None:
    """Every match of a ``_WORD_TRIGGERS`` pattern contains a word run of its trigger set."""
    checked = 0
    for pattern, words in caveats._WORD_TRIGGERS.items():
        rx = re.compile(pattern, re.IGNORECASE)
        for text in _sentences():
            if rx.search(text):
                checked += 1
                assert not words.isdisjoint(re.findall(r"\w+", text)), text
    assert checked > 10


def test_one_sided_article_is_flagged_and_graded() -> None:
    hit = _codes("Saffron lifts mood in people with depression. It works within days.")["HM310"][0]
    assert hit.severity == "warning" and hit.data["coverage"] == 0.0
    thin = _codes("Saffron lifts mood in people with depression. It did not help everyone.")["HM310"][0]
    assert thin.severity == "info" and thin.data["coverage"] == round(1 / 3, 3)
    assert "HM310" not in _codes("Saffron lifts mood a little in people with depression. It did not help "
                                 "everyone. Whether it lasts is unknown. Pregnant women should avoid it.")
    assert "HM310" not in _codes("The weather was fine. We did not go out.")  # not health content


@pytest.mark.parametrize("text", ["The treatment was well-tolerated.", "Mild itching and redness were common.",
                                  "The drug is contraindicated in pregnancy.",
                                  "People who take warfarin should not take it."])
def test_more_harm_cues(text: str) -> None:
    assert _caveats(text, "harms"), text


def test_condition_alone_makes_health_content() -> None:
    assert lint_text("Migraine is a common headache disorder.").annotations["health_topic"] is True
    assert lint_text("The weather was fine on Sunday.").annotations["health_topic"] is False

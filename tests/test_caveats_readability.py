"""Readability (HR401): FK grade and SMOG on body prose only, with exact snapshot figures (textstat 0.7.3)."""

from __future__ import annotations

from linter.api import lint_text
from linter.config import Config

BODY = ("Most adults need seven or more hours of sleep each night. Poor sleep raises the risk of heart disease, "
        "diabetes and depression. Keep a regular bedtime, even at weekends.\n\n"
        "Caffeine late in the day can keep you awake. Screens in the bedroom make it harder to fall asleep. "
        "Regular physical activity improves the quality of sleep for most people.\n")
FRAMED = ("# Comprehensive physiological considerations regarding sleep\n\n" + BODY
          + "\n![A bedroom](bed.png)\n\n*Figure 1: Recommended hours of sleep by age group.*\n\n"
          "| Age group | Recommended duration |\n|---|---|\n| Adults | Seven hours or more |\n")
HARD = ("Pharmacological characterisation of multifunctional botanical preparations necessitates comprehensive "
        "interdisciplinary evaluation methodologies. Comprehensive evaluation methodologies consequently require "
        "sophisticated analytical instrumentation and considerable institutional investment. Institutional "
        "investment facilitates reproducible characterisation of constituent alkaloids.")


def test_snapshot_of_readability_figures() -> None:
    m = lint_text(BODY, "markdown").metrics
    assert (m["body_words"], m["sentences"]) == (59, 6)
    assert (m["fk_grade"], m["smog"], m["reading_ease"]) == (4.8, 9.3, 78.5)


def test_headings_captions_and_tables_are_excluded() -> None:
    body, framed = lint_text(BODY, "markdown").metrics, lint_text(FRAMED, "markdown").metrics
    for key in ("body_words", "sentences", "fk_grade", "smog", "reading_ease"):
        assert framed[key] == body[key], key
    assert framed["words"] > body["words"]


def test_form_boilerplate_is_excluded() -> None:
    html = (f"<html><body><p>{BODY}</p><form><label>Enter your institutional email address for "
            "comprehensive personalised recommendations</label></form></body></html>")
    assert lint_text(html, "html").metrics["fk_grade"] == 4.8


def test_warns_above_grade_8_and_is_configurable() -> None:
    hard = [f for f in lint_text(HARD).findings if f.code == "HR401"]
    assert hard and hard[0].data["value"] > 8 and hard[0].data["max"] == 8
    assert not [f for f in lint_text(BODY).findings if f.code == "HR401"]
    strict = lint_text(BODY, config=Config(reading_grade=4))
    assert next(f for f in strict.findings if f.code == "HR401").data["over"] == 0.8


def test_too_short_text_has_no_grade() -> None:
    m = lint_text("Sleep well.").metrics
    assert m["fk_grade"] is None and m["smog"] is None

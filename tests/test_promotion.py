"""Product plugs, calls to buy, disclosures and their placement (promotion annotators, HP rules)."""

from __future__ import annotations

import pytest

from linter.annotate.disclosures import find_disclosures
from linter.api import lint_text
from linter.config import Config


def codes(text: str, fmt: str = "text") -> set[str]:
    return {f.code for f in lint_text(text, fmt, config=Config(select=["HP"])).findings}


def products(text: str) -> list[dict]:
    return lint_text(text, config=Config(select=["HP"])).annotations["products"]


@pytest.mark.parametrize("text", [
    "Using resources such as kava shots from blue reef botanicals is a simple way to start.",
    "leveraging resources such as sleep gummies from dream cove can offer convenient options for trying them.",
    "Many people like the calming gummies from moonleaf naturals.",
    "Look for brands like greenvale when you buy ashwagandha.",
    "For those seeking better sleep, restwell delivers an unparalleled, effortless routine from the comfort of your "
    "home.",
])
def test_plugs_found_lower_case_vendors(text: str) -> None:
    assert products(text), text
    assert {"HP203", "HP205"} <= codes(text)


@pytest.mark.parametrize("text", [
    "Green tea extract from the leaves of the plant has been studied for weight loss.",
    "Ginger tea from the root may ease nausea.",
    "Melatonin tablets are available at pharmacies without a prescription.",
    "Choose supplements from reputable manufacturers that use third-party testing.",
    "Fish oil capsules from your local drugstore contain omega-3 fatty acids.",
    "Take the tablets by mouth with water.",
    "Several brands are sold in the United States; they differ in dose.",
    "Medicare offers a range of plans; compare them on the official website.",
    "The tea is made from the dried flowers of chamomile.",
])
def test_generic_sources_are_not_plugs(text: str) -> None:
    assert not products(text), text
    assert not codes(text) & {"HP203", "HP205"}


def test_plug_span_starts_at_frame() -> None:
    text = "Sleep matters. Leveraging resources such as kava shots from blue reef can help."
    (p,) = products(text)
    assert text[p["start"]:p["end"]] == "Leveraging resources such as kava shots from blue reef"
    assert p["vendor"] == "blue reef"


def test_disclosure_before_plug_passes_after_is_late() -> None:
    plug = "For a quick dose, try the relaxing shots from calm cove botanicals."
    before = lint_text("This post contains affiliate links.\n\n" + plug)
    assert not {f.code for f in before.findings} & {"HP205", "HP206"}
    assert before.annotations["commercial"]["disclosure_placement"] == "before"
    after = lint_text(plug + "\n\nWe may earn a commission if you buy through our links.")
    assert "HP206" in {f.code for f in after.findings}
    assert after.annotations["commercial"]["disclosure_placement"] == "after"


@pytest.mark.parametrize(("text", "found"), [
    ("This post contains affiliate links.", True),
    ("We may earn a small commission at no extra cost to you.", True),
    ("This video is sponsored by Calmroot.", True),
    ("#ad #partner", True),
    ("Written in partnership with Calmroot.", True),
    ("Paid partnership with a supplement maker.", True),
    ("The study was funded by the National Institutes of Health.", False),
    ("The trial was sponsored by the manufacturer and funded by a grant.", False),
    ("The authors declare no conflicts of interest.", False),
    ("This is not a sponsored post.", False),
    ("She is affiliated with the university hospital.", False),
    ("Some of the links below are affiliated.", True),
    ("This page uses affiliated links.", True),
    ("A beginner's guide to affiliate marketing.", False),
    ("This review is not paid for by any brand, advertiser or affiliate.", False),
    ("Buying through these links helps support the site.", True),
    ("Liking the video helps support the channel.", False),
])
def test_disclosure_cues(text: str, found: bool) -> None:
    assert bool(find_disclosures(text)) is found


def test_calls_to_action_and_no_false_alarm() -> None:
    assert "HP204" in codes("Use code CALM10 for 10% off today.")
    assert "HP204" not in codes("You can get it from contaminated water, and children get them often.")


def test_hype_info_in_body_warning_in_title() -> None:
    doc = lint_text("# The Miracle Herb\n\nKava is a plant.\n\nSome say it is a miracle for sleep.", "markdown",
                    config=Config(select=["HP207"]))
    sev = sorted(f.severity for f in doc.findings)
    assert sev == ["info", "warning"]


@pytest.mark.parametrize("text", [
    "Shop now and use code CALM10 for 20% off, plus free shipping while supplies last.",
    "Our premium capsules from calm cove naturals deliver unparalleled, exceptional results.",
    "This post contains affiliate links; we earn a commission at no extra cost to you.",
    "Tapping resources such as kava shots from sunny reef kava can offer easy options for newcomers.",
])
def test_prefilters_keep_every_regex_match(text: str) -> None:
    """The word prefilters never hide a match: same spans with and without them."""
    from linter.annotate import disclosures, products, promotion

    lower = text.lower()
    words = products.words_of(lower)
    assert bool(list(promotion._CTA.finditer(text))) <= promotion._may(promotion._CTA_NEEDS, words)
    assert bool(list(promotion._COUPON.finditer(text))) <= (promotion._may(promotion._COUPON_NEEDS, words)
                                                            or ("off" in words and "%" in lower))
    assert bool(list(disclosures._CUE.finditer(text))) <= disclosures.may_disclose(words)
    lex = products.lexicon()
    score = products.promo_score(text, lex)[0]
    assert products.cue_bound(words, lower, lex) >= score
    assert [m.span() for m in products.scan(lex.cues, text, lower)] == [m.span() for m in lex.cues.finditer(text)]

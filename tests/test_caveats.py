"""Caveat annotations and the document-level HM checks (harms, evidence quality, status, disclaimer)."""

from __future__ import annotations

from linter.api import lint_text


def _codes(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in lint_text(text).findings:
        out.setdefault(f.code, []).append(f)
    return out


def _caveats(text: str, ctype: str) -> list[dict]:
    return [c for c in lint_text(text).annotations["caveats"] if c["type"] == ctype]


def test_harm_sentence_is_a_strong_caveat_and_counts() -> None:
    res = lint_text("Acupuncture may reduce migraine attacks. Side effects such as bruising were reported "
                    "in 12% of patients.")
    harms = [c for c in res.annotations["caveats"] if c["type"] == "harms"]
    assert harms and harms[0]["strength"] == "strong" and harms[0]["quantified"]
    assert res.annotations["harms"]["sentences"] == 1


def test_negated_harm_is_weak_and_does_not_satisfy_the_check() -> None:
    text = "Acupuncture may reduce migraine attacks in adults. It has no side effects."
    assert _caveats(text, "harms")[0]["strength"] == "weak"
    assert "HM301" in _codes(text)


def test_generic_harms_check_for_intervention_outside_kb() -> None:
    hit = _codes("Acupuncture may reduce migraine attacks in adults, a new study found.")["HM301"][0]
    assert hit.data["generic"] and hit.data["missing"] == ["harms or side effects"]
    one = "Acupuncture may reduce migraine attacks in adults. Mild bruising and soreness are common side effects."
    thin = _codes(one)["HM301"][0]
    assert thin.severity == "info" and thin.data["thin"] and thin.data["coverage"] == round(1 / 6, 3)
    ok = (one + " Serious complications such as infections are rare. A few people get headaches or feel faint "
          "afterwards. Ask about the risks of the treatment before you start. People on blood thinners should "
          "not use it. It was well-tolerated in trials, though 3% of people had a rash.")
    assert "HM301" not in _codes(ok)


def test_negated_harm_counts_half_in_the_generic_check() -> None:
    text = "Acupuncture may reduce migraine attacks in adults. No serious side effects were reported."
    hit = _codes(text)["HM301"][0]
    assert hit.severity == "warning" and hit.data["weak_harms"] == 1 and hit.data["coverage"] == round(0.5 / 6, 3)


def test_weak_evidence_caveat_counts_only_partly() -> None:
    hit = _codes("Saffron may lift mood in people with depression. More research is needed.")["HM303"][0]
    assert hit.data["only_weak"] and hit.severity == "warning" and hit.data["coverage"] == round(0.5 / 6, 3)
    one = _codes("Saffron may lift mood in people with depression, but the trials were small and short.")["HM303"][0]
    assert one.severity == "info" and one.data["thin"] and one.data["coverage"] == round(1 / 6, 3)
    assert "HM303" not in _codes("Saffron may lift mood in people with depression, but the trials were small "
                                 "and short. None was placebo-controlled. The largest followed 60 adults. "
                                 "Participants were recruited online. Follow-up lasted a month. Most "
                                 "participants were women.")


def test_quantified_results_are_graded() -> None:
    hit = _codes("A randomised trial found that saffron eases depression.")["HM309"][0]
    assert hit.severity == "warning" and hit.data["found"] == 0
    text = ("Saffron eases depression. In the trial, 24% of adults taking saffron improved, compared with 12% on "
            "placebo. Scores fell from 18 to 11 points. About 3 in 100 stopped because of stomach upset. In all, "
            "5% dropped out.")
    assert "HM309" not in _codes(text)
    assert "HM309" not in _codes("Saffron eases depression.")  # no study described: no figures asked for


def test_status_in_flux_is_not_a_status_statement() -> None:
    text = ("Kratom is popular for pain. The regulatory status of kratom is in flux. Many people use kratom "
            "daily.")
    assert "HM302" in _codes(text)
    assert "HM302" not in _codes("Kratom is popular for pain. The FDA has not approved kratom for any medical "
                                 "use. Many people use kratom daily.")


def _kratom_topics(text: str) -> tuple[set[str], set[str]]:
    sub = next(s for s in lint_text(text).annotations["substances"] if s["id"] == "kratom")
    return {t["id"] for t in sub["covered"]}, {t["id"] for t in sub["missing"]}


def test_withdrawal_as_benefit_target_is_not_kratom_withdrawal() -> None:
    covered, missing = _kratom_topics("Some people use kratom to manage opioid withdrawal. Kratom is sold "
                                      "online.")
    assert "withdrawal" in missing and "withdrawal" not in covered
    covered, _ = _kratom_topics("Kratom is sold online. People who stop taking kratom can have withdrawal "
                                "symptoms.")
    assert "withdrawal" in covered


def test_clinician_referral_is_not_a_risk() -> None:
    covered, _ = _kratom_topics("Kratom is sold online. Talk to your doctor before using kratom.")
    assert covered == set()


def test_negated_risk_does_not_cover_a_topic() -> None:
    covered, _ = _kratom_topics("Kratom is sold online. Kratom does not cause liver injury.")
    assert "liver" not in covered


def test_covered_and_missing_topics_in_the_finding() -> None:
    f = _codes("Kratom is sold online. Kratom can be addictive, and regular users can become dependent. "
               "Kratom may interact with other medications.")["HM301"][0]
    assert "addiction and dependence" in f.data["covered"]
    assert "liver injury" in f.data["missing"] and f.severity == "error"


def test_disclaimer_and_costs() -> None:
    text = "Chamomile may help you fall asleep."
    assert {"HM305", "HM307"} <= set(_codes(text))
    ok = (text + " A box costs $5.\n\nThis article is for information only and is not medical advice.")
    assert not {"HM305", "HM307"} & set(_codes(ok))


def test_study_design_and_stage_count_as_evidence_quality() -> None:
    for text in ("Saffron eased low mood in a phase 2 trial.", "Saffron did better than placebo.",
                 "The retrospective analysis looked at saffron and mood.", "It was a pilot study of saffron.",
                 "Adults taking saffron were followed for two years."):
        assert [c["strength"] for c in _caveats(text, "evidence_quality")] == ["strong"], text
    for text in ("Saffron prices will phase in over the year.", "The pilot of the plane takes saffron."):
        assert _caveats(text, "evidence_quality") == [], text

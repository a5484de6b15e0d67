"""Claims, strength, hedges, negation, support, attributions and testimonials on our own sentences."""

from __future__ import annotations

import pytest

from linter.api import lint_text
from linter.config import Config


def ann(text: str) -> dict:
    return lint_text(text).to_dict()["annotations"]


def codes(text: str, code: str | None = None) -> set[str]:
    cfg = Config(select=[code]) if code else None
    return {f.code for f in lint_text(text, "text", config=cfg).findings}


@pytest.mark.parametrize(("text", "strength"), [
    ("Drinking green tea was associated with lower blood pressure in the cohort.", "correlational"),
    ("Green tea may lower blood pressure in older adults.", "hedged"),
    ("Green tea lowers blood pressure in older adults.", "direct"),
    ("This tea cures high blood pressure.", "absolute"),
    ("Nurses with longer shifts were twice as likely to report back pain.", "correlational"),
    # A verb with a determiner object is an effect, not a comparison ("raised the risk" vs "raised risk").
    ("Night shift work increased the risk of migraine by 30 percent.", "direct"),
    ("Night shift workers had an increased risk of migraine.", "correlational"),
    ("For night nurses, shift work more than doubles the risk of migraine.", "direct"),
    # Occurrence in a group and a group bearing a risk are correlational.
    ("Sleep problems are common among teenagers with asthma.", "correlational"),
    ("Retired miners face a higher risk of hearing loss.", "correlational"),
    ("Swimmers showed superior lung capacity than runners.", "correlational"),
])
def test_relation_strength(text: str, strength: str) -> None:
    rel = ann(text)["relations"]
    assert rel and rel[0]["strength"] == strength


def test_no_relation_in_plain_description() -> None:
    assert ann("The clinic opened in 1998 and has twelve rooms.")["relations"] == []


@pytest.mark.parametrize("text", [
    "These data support further trials of zinc in older adults.",
    "Fish oil is known to lower triglycerides, but few people take it.",
    "A new blood test helps doctors predict the risk of stroke.",
])
def test_evidential_and_background_verbs_are_not_direct(text: str) -> None:
    assert all(r["strength"] != "direct" for r in ann(text)["relations"])


def test_adjectival_participle_is_not_a_cause() -> None:
    rel = ann("Coffee drinking was linked to reduced liver damage.")["relations"]
    assert rel[0]["strength"] == "correlational"


def test_claim_attributes() -> None:
    claims = ann("Ginger relieves nausea in pregnancy.")["claims"]
    assert len(claims) == 1
    c = claims[0]
    assert (c["strength"], c["hedged"], c["negated"], c["supported"], c["benefit"]) == (
        "direct", False, False, False, True)
    assert c["subject"].lower() == "ginger" and "nausea" in c["outcome"].lower()


def test_negated_claim() -> None:
    c = ann("Ginger does not cure migraine.")["claims"]
    assert c and c[0]["negated"] is True
    assert not codes("Ginger does not cure migraine.") & {"HC101", "HC103", "HC104", "HC105"}


def test_harm_object_is_not_a_benefit() -> None:
    c = ann("Kava can cause liver damage and seizures in heavy users.")["claims"]
    assert all(x["benefit"] is False for x in c)
    assert not codes("Kava can cause liver damage in heavy users.") & {"HC101", "HC103", "HC105"}


def test_regulator_warning_is_a_caveat() -> None:
    text = "The FDA warns that kava can cause seizures."
    assert not codes(text) & {"HC101", "HC103", "HC105"}


def test_withdrawal_as_target_vs_harm() -> None:
    assert "HC101" in codes("Kratom eases opioid withdrawal symptoms.", "HC101")
    assert "HC101" not in codes("Stopping kratom can cause withdrawal symptoms.", "HC101")


def test_question_and_heading_are_not_claims() -> None:
    assert "HC103" not in codes("Does turmeric reduce joint pain?", "HC103")
    md = "# Turmeric Reduces Joint Pain\n\nTurmeric is a spice.\n"
    assert "HC103" not in {f.code for f in lint_text(md, "markdown", config=Config(select=["HC103"])).findings}


def test_treatment_plan_is_not_a_claim() -> None:
    assert ann("Your doctor will discuss a treatment plan for diabetes.")["claims"] == []


def test_receptor_is_not_a_subject() -> None:
    assert ann("Mitragynine binds opioid receptors that reduce pain signals.")["claims"] == [] or all(
        c["subject"].lower() != "opioid" for c in ann("Mitragynine binds opioid receptors that reduce pain signals.")[
            "claims"])


def test_support_from_next_sentence() -> None:
    text = ("Melatonin shortens the time to fall asleep. A 2013 meta-analysis of 19 trials found this "
            "(doi:10.1371/journal.pone.0063773).")
    c = ann(text)["claims"][0]
    assert c["supported"] is True and "doi" in c["support"]


def test_vendor_link_is_not_support() -> None:
    md = "Melatonin shortens [sleep onset](https://shop.example.com/melatonin?ref=abc) for insomnia.\n"
    c = lint_text(md, "markdown").to_dict()["annotations"]["claims"]
    assert c and c[0]["supported"] is False


@pytest.mark.parametrize(("text", "typ"), [
    ("The supplement might help.", "modal"),
    ("Results suggest a small benefit.", "verb"),
    ("This is possibly the cause.", "adverb"),
])
def test_hedges_have_types(text: str, typ: str) -> None:
    assert typ in {h["type"] for h in ann(text)["hedges"]}


def test_may_the_month_is_not_a_hedge() -> None:
    assert ann("The trial ended in May 2021.")["hedges"] == []


def test_vague_attribution() -> None:
    assert "HC106" in codes("Some experts say that chamomile calms the nerves.", "HC106")
    assert "HC106" not in codes("Chamomile is a flower.", "HC106")


def test_testimonial_one_per_story() -> None:
    text = ("Take Maria, a retired teacher who found that valerian helped her sleep. "
            "Maria says she now sleeps eight hours. She felt better within a week.")
    found = [f for f in lint_text(text, config=Config(select=["HC107"])).findings]
    assert len(found) == 1


def test_dosing_imperative_is_not_a_testimonial() -> None:
    assert ann("Take 2 capsules daily with water.")["testimonials"] == []


@pytest.mark.parametrize(("text", "strength"), [
    # Nominalised effects: the effect stated as a noun with its target.
    ("The new rehabilitation schedule had a clear effect on walking speed after hip surgery.", "direct"),
    ("Our trial confirmed the effectiveness of night splints for carpal tunnel pain.", "direct"),
    ("Poor sleep is an important determinant of relapse in bipolar disorder.", "direct"),
    # An adverb between a noun subject and the verb does not make the participle an adjective.
    ("The stretching program markedly reduced heel pain in runners.", "direct"),
    ("Patients in the stretching arm had markedly reduced heel pain.", "direct"),
    # Passives with "also"/"further" before the participle are the clause's verb.
    ("Grip strength was also improved in the training group.", "direct"),
    # Modal effects without a causal verb; "may" still hedges them.
    ("Untreated sleep apnea can be fatal in people with heart failure.", "direct"),
    ("Children with untreated strep throat can develop rheumatic fever.", "direct"),
    ("Children with untreated strep throat may develop rheumatic fever.", "hedged"),
    ("Patients who received the new shunt benefited from shorter hospital stays.", "direct"),
])
def test_relation_strength_nominal_modal_passive(text: str, strength: str) -> None:
    rel = ann(text)["relations"]
    assert rel and rel[0]["strength"] == strength


def test_adverbial_participle_after_preposition_stays_adjective() -> None:
    rel = ann("Runners with markedly reduced heel pain were more active in the study.")["relations"]
    assert all(r["strength"] != "direct" for r in rel)


@pytest.mark.parametrize("text", [
    # Verb forms used as nouns or adjectives.
    "Peripheral nerve blocks (PNB) were used in most of the knee operations in the registry.",
    "Veterans with combat exposure were interviewed about their sleep in the survey.",
    "Infants admitted with lower respiratory infections were enrolled in the registry.",
    "Teachers discussed cause and effect with the students in the science class.",
    # A research outcome as the object of "led to".
    "Ten years of hospital records led to the discovery that winter births are more common in the north.",
    # A fronted concessive clause is background to the main clause.
    "Although statins are known to substantially lower cholesterol, half of patients skip doses.",
])
def test_noun_uses_and_background_are_not_direct(text: str) -> None:
    assert all(r["strength"] != "direct" for r in ann(text)["relations"])


def test_modal_fatal_is_a_harm_claim() -> None:
    claims = ann("Kratom can be fatal when mixed with alcohol.")["claims"]
    assert all(c["harm"] and not c["benefit"] for c in claims)

"""Checks of the data files under rules/: the lexicons and the substance knowledge base.

These tests read the files directly (no linter import), so a broken data file is reported with its name
and line even when the loader itself is being changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

RULES = Path(__file__).parent.parent / "rules"
LEXICONS = RULES / "lexicons"
SUBSTANCES = RULES / "substances"

TERM_LEXICONS = ["conditions.txt", "symptoms.txt", "outcomes.txt", "interventions.txt", "standard_care.txt"]
DOMAIN_LEXICONS = ["evidence_domains.txt", "commerce_domains.txt"]
ALL_LEXICONS = TERM_LEXICONS + DOMAIN_LEXICONS

INTERVENTION_SECTIONS = {"botanical", "supplement", "drug", "therapy", "product"}
CATEGORIES = {"botanical", "supplement", "drug", "cannabinoid", "psychedelic"}
EXPECTED_SUBSTANCES = {
    "kratom", "cbd", "delta8_thc", "kava", "st_johns_wort", "ashwagandha", "psilocybin", "ketamine",
    "tianeptine", "phenibut", "melatonin", "ivermectin",
}
KRATOM_TOPICS = ["regulatory", "addiction", "withdrawal", "liver", "seizures", "interactions", "contamination",
                 "deaths"]
DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
SUFFIX = re.compile(r"^suffix:(?:\.[a-z0-9-]+)+$")
WORDISH = re.compile(r"^[a-z][a-z_-]*$")


# ------------------------------------------------------------------------------------------- lexicons

def parse_lexicon(path: Path) -> tuple[list[str], list[tuple[str, int, str]]]:
    """Return (leading comment lines, [(term, line number, section or group)])."""
    header: list[str] = []
    entries: list[tuple[str, int, str]] = []
    group = ""
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#"):
            if not entries and group == "":
                header.append(stripped)
            body = stripped.lstrip("#").strip()
            if body.lower().startswith("section:") or body.startswith("--"):
                group = body
            continue
        if not stripped:
            assert raw == "", f"{path.name}:{no}: whitespace-only line"
            continue
        entries.append((raw, no, group))
    return header, entries


@pytest.fixture(params=ALL_LEXICONS)
def lexicon(request) -> tuple[str, list[str], list[tuple[str, int, str]]]:
    path = LEXICONS / request.param
    assert path.is_file(), f"missing lexicon {path}"
    header, entries = parse_lexicon(path)
    return request.param, header, entries


def test_lexicon_header(lexicon):
    name, header, entries = lexicon
    text = " ".join(header).lower()
    assert len(header) >= 3, f"{name}: needs a header comment"
    assert "purpose" in text, f"{name}: header must say what the list is for"
    assert "source" in text, f"{name}: header must name its sources"
    assert "licence" in text or "license" in text, f"{name}: header must state the licence"
    assert entries, f"{name}: no entries"


def test_lexicon_entries_clean(lexicon):
    name, _, entries = lexicon
    for term, no, _ in entries:
        where = f"{name}:{no}: {term!r}"
        assert term == term.strip(), f"{where} has surrounding whitespace"
        assert term == term.lower(), f"{where} is not lower-case"
        assert "  " not in term and "\t" not in term, f"{where} has repeated whitespace"
        assert len(term.split()) <= 6, f"{where} is longer than 6 words"
        assert "#" not in term, f"{where} contains '#'"


def test_lexicon_no_duplicates(lexicon):
    name, _, entries = lexicon
    seen: dict[str, int] = {}
    for term, no, _ in entries:
        assert term not in seen, f"{name}:{no}: {term!r} duplicates line {seen[term]}"
        seen[term] = no


def test_lexicon_sorted_within_sections(lexicon):
    name, _, entries = lexicon
    groups: dict[str, list[str]] = {}
    for term, _, group in entries:
        groups.setdefault(group, []).append(term)
    for group, terms in groups.items():
        assert terms == sorted(terms), f"{name}: group {group!r} is not sorted"


@pytest.mark.parametrize("name", TERM_LEXICONS)
def test_term_lexicon_size(name):
    _, entries = parse_lexicon(LEXICONS / name)
    limits = {"conditions.txt": (600, 1200), "symptoms.txt": (150, 400), "outcomes.txt": (100, 250),
              "interventions.txt": (200, 900), "standard_care.txt": (40, 300)}
    lo, hi = limits[name]
    assert lo <= len(entries) <= hi, f"{name}: {len(entries)} terms, expected {lo}-{hi}"


def test_interventions_sections():
    _, entries = parse_lexicon(LEXICONS / "interventions.txt")
    sections = {g.split(":", 1)[1].strip() for _, _, g in entries}
    assert sections == INTERVENTION_SECTIONS
    by_term = {t: g.split(":", 1)[1].strip() for t, _, g in entries}
    assert by_term["kratom"] == "botanical"
    assert by_term["7-hydroxymitragynine"] == "botanical"
    assert by_term["st john's wort"] == "botanical"
    assert by_term["melatonin"] == "supplement"
    assert by_term["nad+"] == "supplement"
    assert by_term["ivermectin"] == "drug"
    assert by_term["cognitive behavioral therapy"] == "therapy"
    assert by_term["this supplement"] == "product"


def test_key_terms_present():
    def terms(name: str) -> set[str]:
        return {t for t, _, _ in parse_lexicon(LEXICONS / name)[1]}

    conditions = terms("conditions.txt")
    for t in ["diabetes", "depression", "anxiety", "ptsd", "opioid use disorder", "substance use disorder",
              "addiction", "withdrawal", "chronic pain", "covid-19", "long covid", "alzheimer's disease"]:
        assert t in conditions, t
    for t in ["cold", "aids", "discharge"]:
        assert t not in conditions, f"{t!r} is ambiguous in ordinary prose"
    assert {"pain", "cravings", "withdrawal symptoms", "brain fog"} <= terms("symptoms.txt")
    assert {"mood", "sleep quality", "immunity", "well-being"} <= terms("outcomes.txt")
    assert {"opioids", "antidepressants", "buprenorphine", "surgery"} <= terms("standard_care.txt")


def test_domain_lexicons_syntax():
    for name in DOMAIN_LEXICONS:
        for term, no, _ in parse_lexicon(LEXICONS / name)[1]:
            ok = DOMAIN.match(term) or (name == "evidence_domains.txt" and SUFFIX.match(term))
            assert ok, f"{name}:{no}: {term!r} is not a bare domain (or suffix: rule)"
            assert not term.startswith("www."), f"{name}:{no}: drop 'www.'"


def test_domain_lexicons_content():
    evidence = {t for t, _, _ in parse_lexicon(LEXICONS / "evidence_domains.txt")[1]}
    assert {"suffix:.gov", "suffix:.edu", "suffix:.nhs.uk", "who.int", "doi.org", "pubmed.ncbi.nlm.nih.gov",
            "cochranelibrary.com"} <= evidence
    _, commerce = parse_lexicon(LEXICONS / "commerce_domains.txt")
    sections = {t: g for t, _, g in commerce}
    assert sections["amazon.com"] == "" or not sections["amazon.com"].startswith("section:")
    for t in ["shareasale.com", "go.skimresources.com", "bit.ly", "amzn.to"]:
        assert t in sections, t
    for t in ["shareasale.com", "go.skimresources.com", "bit.ly"]:
        assert sections[t] == "section: affiliate", t
    assert not evidence & set(sections), "a domain cannot be both evidence and commerce"


# ---------------------------------------------------------------------------------- substance KB

TOP_KEYS = {"id", "name", "aliases", "category", "status", "misstatements", "risk_topics"}
STATUS_KEYS = {"approved", "lawful_supplement", "summary", "agency", "date", "source", "cues"}
TOPIC_KEYS = {"id", "label", "cues", "source", "required"}
TOPIC_OPTIONAL = {"exclude"}
OFFICIAL_HOSTS = ("fda.gov", "nih.gov", "cdc.gov", "dea.gov", "ema.europa.eu", "who.int", "nhs.uk")


def load_substances() -> dict[str, dict]:
    out = {}
    for path in sorted(SUBSTANCES.glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            data = yaml.safe_load(f)
        assert isinstance(data, dict), f"{path.name}: not a mapping"
        assert data.get("id") == path.stem, f"{path.name}: id must match the file name"
        out[path.stem] = data
    return out


KB = load_substances()


def _official(url: str) -> bool:
    host = url.split("/")[2].lower()
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def _regex_list(value, where: str) -> list[re.Pattern[str]]:
    assert isinstance(value, list) and value, f"{where}: must be a non-empty list"
    out = []
    for rx in value:
        assert isinstance(rx, str) and rx.strip(), f"{where}: empty regex"
        try:
            out.append(re.compile(rx))
        except re.error as e:  # pragma: no cover - reported as a failure
            pytest.fail(f"{where}: {rx!r} does not compile: {e}")
    return out


def test_all_substances_present():
    assert set(KB) == EXPECTED_SUBSTANCES


@pytest.mark.parametrize("sid", sorted(EXPECTED_SUBSTANCES))
def test_substance_schema(sid):
    d = KB[sid]
    assert set(d) == TOP_KEYS, f"{sid}: keys {sorted(set(d) ^ TOP_KEYS)}"
    assert isinstance(d["name"], str) and d["name"].strip()
    assert d["category"] in CATEGORIES

    aliases = d["aliases"]
    assert isinstance(aliases, list) and aliases
    assert len(set(aliases)) == len(aliases), f"{sid}: duplicate alias"
    for a in aliases:
        assert isinstance(a, str) and a == a.lower() == a.strip() and a, f"{sid}: alias {a!r}"

    st = d["status"]
    assert set(st) == STATUS_KEYS, f"{sid}: status keys {sorted(set(st) ^ STATUS_KEYS)}"
    assert isinstance(st["approved"], bool) and isinstance(st["lawful_supplement"], bool)
    assert isinstance(st["summary"], str) and 20 < len(st["summary"]) < 400
    assert isinstance(st["agency"], str) and st["agency"].strip()
    assert isinstance(st["date"], str) and DATE.match(st["date"]), f"{sid}: date {st['date']!r}"
    assert st["source"].startswith("https://") and _official(st["source"]), st["source"]
    _regex_list(st["cues"], f"{sid}.status.cues")

    mis = d["misstatements"]
    assert isinstance(mis, dict) and mis, f"{sid}: misstatements must be a non-empty mapping"
    for word, text in mis.items():
        assert isinstance(word, str) and WORDISH.match(word), f"{sid}: misstatement key {word!r}"
        assert isinstance(text, str) and len(text) > 20, f"{sid}: misstatement {word!r}"
    if st["lawful_supplement"]:
        assert "supplement" not in mis, f"{sid}: is a lawful supplement, so 'supplement' is not a misstatement"
    if st["approved"]:
        assert "approved" not in mis, f"{sid}: is approved for some use"

    topics = d["risk_topics"]
    assert isinstance(topics, list) and 3 <= len(topics) <= 8
    ids = [t["id"] for t in topics]
    assert len(set(ids)) == len(ids), f"{sid}: duplicate topic id"
    assert any(t["required"] for t in topics), f"{sid}: no required topic"
    for t in topics:
        where = f"{sid}.{t.get('id')}"
        assert TOPIC_KEYS <= set(t) <= TOPIC_KEYS | TOPIC_OPTIONAL, f"{where}: keys {sorted(t)}"
        assert WORDISH.match(t["id"]), where
        assert isinstance(t["label"], str) and t["label"].strip()
        assert isinstance(t["required"], bool)
        assert t["source"].startswith("https://") and _official(t["source"]), f"{where}: {t['source']}"
        _regex_list(t["cues"], f"{where}.cues")
        if "exclude" in t:
            _regex_list(t["exclude"], f"{where}.exclude")


def test_aliases_unique_across_substances():
    owner: dict[str, str] = {}
    for sid, d in KB.items():
        for a in d["aliases"]:
            assert a not in owner, f"alias {a!r} in both {owner.get(a)} and {sid}"
            owner[a] = sid


def test_kratom_topics_and_status():
    k = KB["kratom"]
    assert [t["id"] for t in k["risk_topics"]] == KRATOM_TOPICS
    assert all(t["required"] for t in k["risk_topics"])
    assert k["status"]["approved"] is False and k["status"]["lawful_supplement"] is False
    assert {"supplement", "safe"} <= set(k["misstatements"])
    for alias in ["kratom", "mitragyna speciosa", "mitragynine", "7-hydroxymitragynine", "7-oh"]:
        assert alias in k["aliases"]


# ------------------------------------------------------------------------------ behavioural checks

def topic(sid: str, tid: str) -> dict:
    return next(t for t in KB[sid]["risk_topics"] if t["id"] == tid)


def cue_hit(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text.lower()) for p in patterns)


def covers(sid: str, tid: str, text: str) -> bool:
    t = topic(sid, tid)
    return cue_hit(t["cues"], text) and not cue_hit(t.get("exclude", []), text)


def test_kratom_withdrawal_cues_and_exclude():
    t = topic("kratom", "withdrawal")
    assert cue_hit(t["cues"], "stopping kratom can cause withdrawal symptoms")
    assert not cue_hit(t["exclude"], "stopping kratom can cause withdrawal symptoms")
    assert cue_hit(t["exclude"], "may help manage opioid withdrawal")
    assert covers("kratom", "withdrawal", "Quitting kratom after daily use can bring on withdrawal.")
    assert not covers("kratom", "withdrawal", "Some people use kratom to ease opioid withdrawal and cravings.")


def test_kratom_liver_cues():
    assert cue_hit(topic("kratom", "liver")["cues"], "rare cases of liver injury")
    assert covers("kratom", "liver", "Rare cases of liver injury have been reported.")


def test_kratom_status_cues():
    cues = KB["kratom"]["status"]["cues"]
    assert cue_hit(cues, "kratom is not approved by the fda for any medical use")
    assert not cue_hit(cues, "the regulatory status of kratom is in flux")
    assert cue_hit(cues, "The DEA lists kratom as a drug and chemical of concern.")
    assert cue_hit(cues, "Kratom is not a lawful dietary supplement in the United States.")
    assert not cue_hit(cues, "Kratom is widely sold online and in smoke shops.")


def test_kratom_regulatory_topic_shares_status_cues():
    assert topic("kratom", "regulatory")["cues"] == KB["kratom"]["status"]["cues"]


@pytest.mark.parametrize(("tid", "text"), [
    ("addiction", "Regular use can lead to dependence and addiction."),
    ("seizures", "Seizures and breathing problems have been reported."),
    ("interactions", "Kratom may interact dangerously with opioids, alcohol and sedatives."),
    ("interactions", "Taking kratom with other sedatives or alcohol raises the risk of harm."),
    ("withdrawal", "Kratom withdrawal can resemble opioid withdrawal."),
    ("regulatory", "Supplements containing kratom are considered adulterated by the FDA."),
    ("contamination", "Tested products contained salmonella and unsafe levels of lead."),
    ("deaths", "Deaths have been reported, usually when other substances were also taken."),
])
def test_kratom_topics_cover_caveats(tid, text):
    assert covers("kratom", tid, text)


@pytest.mark.parametrize(("tid", "text"), [
    ("interactions", "By interacting with receptors in the brain, kratom can help improve mood."),
    ("addiction", "Kratom may help people overcome opioid addiction."),
    ("addiction", "Many people with substance use disorders turn to kratom."),
    ("deaths", "Supporters say kratom could reduce overdose deaths."),
    ("seizures", "Kratom has fewer serious side effects than opioids, fans claim."),
    ("liver", "A detox tea claims to support liver health."),
    ("withdrawal", "People going through opioid withdrawal sometimes try kratom."),
    ("deaths", "For many, it is a lifeline that prevents overdose deaths."),
    ("interactions", "Take it with food to avoid an upset stomach."),
])
def test_kratom_topics_ignore_benefit_wording(tid, text):
    assert not covers("kratom", tid, text)


def test_curly_apostrophe_variants():
    conditions = {t for t, _, _ in parse_lexicon(LEXICONS / "conditions.txt")[1]}
    assert {"alzheimer's disease", "alzheimer\u2019s disease"} <= conditions
    assert "st john\u2019s wort" in KB["st_johns_wort"]["aliases"]


def test_other_substances_behaviour():
    assert covers("cbd", "liver", "CBD can cause liver injury.")
    assert covers("cbd", "interactions", "CBD can interact with blood thinners.")
    assert not covers("cbd", "interactions", "CBD interacts with the endocannabinoid system.")
    assert cue_hit(KB["cbd"]["status"]["cues"], "Epidiolex is the only FDA-approved CBD medicine.")
    assert covers("delta8_thc", "intoxication", "Delta-8 THC is psychoactive and can impair driving.")
    assert not covers("delta8_thc", "intoxication", "The shop calls its gummies non-psychoactive.")
    assert covers("kava", "liver", "Kava supplements have been linked to severe liver damage.")
    assert covers("st_johns_wort", "interactions", "It can make birth control pills less effective.")
    assert covers("st_johns_wort", "serotonin_syndrome", "Taking it with SSRIs can cause serotonin syndrome.")
    assert covers("ketamine", "bladder", "Frequent use can damage the bladder.")
    assert covers("tianeptine", "withdrawal", "Stopping tianeptine can cause opioid-like withdrawal.")
    assert covers("phenibut", "sedation", "Phenibut can cause sedation and reduced consciousness.")
    assert covers("melatonin", "children", "Poison centers saw a sharp rise in children swallowing melatonin.")
    assert covers("ivermectin", "not_for_covid", "Ivermectin is not authorized or approved to treat COVID-19.")
    assert covers("psilocybin", "regulatory", "Psilocybin is a Schedule I drug under federal law.")
    assert not covers("psilocybin", "psychological", "Psilocybin may help reduce anxiety in cancer patients.")

"""The substance knowledge base through the linter: loading, user packs, coverage in the JSON."""

from __future__ import annotations

from pathlib import Path

from linter.api import lint_text
from linter.config import Config
from linter.kb import substances

USER_SUBSTANCE = """\
id: kanna
name: Kanna
aliases: [kanna, sceletium tortuosum]
category: botanical
status:
  approved: false
  lawful_supplement: true
  summary: Kanna is not approved as a medicine.
  source: https://example.org/kanna
  cues: ['\\bnot approved\\b']
risk_topics:
  - id: interactions
    label: interactions with antidepressants
    cues: ['\\binteract\\w*']
    source: https://example.org/kanna
  - id: serotonin
    label: serotonin syndrome
    cues: ['\\bserotonin syndrome\\b']
    source: https://example.org/kanna
"""


def test_builtin_kb_has_kratom_and_eleven_more_with_official_sources() -> None:
    kb = {s.id: s for s in substances()}
    assert "kratom" in kb and len(kb) >= 12
    for s in kb.values():
        assert s.status_source.startswith("https://") and s.topics
        assert all(t.source.startswith("https://") for t in s.topics if t.required)


def test_user_pack_adds_a_substance(tmp_path: Path) -> None:
    (tmp_path / "substances").mkdir()
    (tmp_path / "substances" / "kanna.yaml").write_text(USER_SUBSTANCE, encoding="utf-8")
    cfg = Config(rule_paths=[str(tmp_path)])
    res = lint_text("Kanna is sold as a mood aid. Kanna may interact with antidepressants.", config=cfg)
    sub = next(s for s in res.annotations["substances"] if s["id"] == "kanna")
    assert [t["id"] for t in sub["covered"]] == ["interactions"]
    assert [t["id"] for t in sub["missing"]] == ["serotonin"]
    hit = next(f for f in res.findings if f.code == "HM301")
    assert hit.data["missing"] == ["serotonin syndrome"]


def test_substance_json_reports_coverage_and_status() -> None:
    res = lint_text("Kava is a calming drink. Kava has been linked to severe liver injury.")
    kava = next(s for s in res.annotations["substances"] if s["id"] == "kava")
    assert kava["topic"] and kava["mentions"] == 2 and not kava["status_stated"]
    assert "liver" in {t["id"] for t in kava["covered"]}
    assert 0 < kava["coverage"] < 1 and kava["missing"]
    assert "caveats" in res.annotations and "provenance" in res.annotations


def test_literal_prefilters_never_hide_a_match() -> None:
    """Every cue match contains one of the cue's literals, on every sentence of the samples and seeds."""
    import re

    from linter.annotate import caveats
    from linter.regex_literals import literals, may_match

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "samples").iterdir()) if p.is_file()]
    sentences = [s.lower() for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]
    patterns = [c for s in substances() for c in (*s.status_cues, *(c for t in s.topics for c in t.cues))]
    patterns += [caveats._HARMS, *(rx for pats in caveats._PATTERNS.values() for _, rx in pats)]
    checked = 0
    for rx in patterns:
        lits = literals((rx,))
        for text in sentences:
            if rx.search(text):
                checked += 1
                assert may_match(lits, text), (rx.pattern, text)
    assert checked > 50


def test_literals_pick_selective_required_words() -> None:
    import re

    from linter.regex_literals import literals

    assert literals((re.compile(r"\bwarning letters?\b"),)) == ("warning letter",)
    assert literals((re.compile(r"\b(?:liver|kidney) (?:damage|injury)"),)) == ("damage", "injury")
    assert set(literals((re.compile(r"\b\d+ (?:in|of) \d+"),)) or ()) == set("0123456789")
    assert literals((re.compile(r"[$€]\s?\d"),)) == ("$", "€")
    assert literals((re.compile(r"\w+\s\w+"),)) is None  # nothing literal: no prefilter, always run


def test_textstat_is_imported_without_pkg_resources() -> None:
    import subprocess
    import sys

    code = ("import sys; from linter.annotate.readability import _textstat; ts = _textstat(); "
            "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'; "
            "assert ts.flesch_kincaid_grade('The cat sat on the mat. It was happy there today.') == 0.7")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

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

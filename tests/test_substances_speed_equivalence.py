"""The substance annotator's shortcuts (literal prefilters, prefix search, word index, lazy knowledge base)
against a plain reference: every cue run with ``re.search`` on every sentence about the substance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.annotate import annotate
from linter.annotate import substances as subst
from linter.annotate.negation import negated_at
from linter.document import format_for, parse
from linter.errors import RuleError
from linter.kb import load_substance, substances
from linter.regex_literals import clauses, literals, may_match, prefixes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))
#: Characters that case-fold to ASCII letters (``ſ`` ~ s, Kelvin sign ~ k, ``ı``/``İ`` ~ i), other
#: non-ASCII text and upper case: the prefilters must give what the patterns give there too.
ODD = str.maketrans({"s": "ſ", "k": "\u212a", "i": "ı", "'": "’"})
EXTRA = ("Kratom is not approved by the FDA and is not a lawful dietary supplement. Kratom is a natural "
         "supplement. Kava has been linked to liver damage; talk to your doctor. Do not co-use kratom and "
         "opioids. Melatonin is completely safe. Kava may interact with alcohol. Melatonin can cause morning "
         "drowſiness. The FDA does not teſt ashwagandha products. CBD cannot be added to drınks. Several "
         "states have prohıbited kratom. Other states sell kratom. Kratom ıs a natural ſupplement, a café owner "
         "said. Withdrawal symptoms include nausea when people use kratom for opıoid withdrawal.")


def _texts() -> list[tuple[str, str]]:
    docs = [(p.read_text(encoding="utf-8"), format_for(str(p))) for p in SAMPLES]
    docs.append((EXTRA, "text"))
    odd = [(text.translate(ODD) if k % 2 else text.upper(), fmt) for k, (text, fmt) in enumerate(docs)]
    half = [(text[: len(text) // 2] + text[len(text) // 2:].translate(ODD), fmt) for text, fmt in docs]
    return docs + odd + half


def _sentences() -> list[str]:
    return [s.lower for text, fmt in _texts() for s in annotate(parse(text, fmt)).sentences]


def _patterns() -> list[re.Pattern[str]]:
    return [subst._REFERRAL, *(rx for s in substances() for rx in (
        *s.status_cues, *(c for t in s.topics for c in (*t.cues, *t.exclude))))]


def _cue(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The reference cue test: its ``literals`` gate, then the pattern."""
    return rx.search(text) if may_match(literals((rx,)), text) else None


def _reference(ann, sub, mentioned: dict[int, set[str]], is_topic: bool) -> tuple[list[int], dict[str, list[int]]]:
    status: list[int] = []
    covered: dict[str, list[int]] = {}
    for s in ann.body():
        here = mentioned.get(s.index, set())
        if not (sub.id in here or (is_topic and not here)):
            continue
        text = s.lower
        if any(_cue(c, text) for c in sub.status_cues):
            status.append(ann.document.line_of(s.start))
        firsts = [next((m for c in t.cues if (m := _cue(c, text))), None) for t in sub.topics]
        covers = [m is not None and not any(x.search(text) for x in t.exclude)
                  for m, t in zip(firsts, sub.topics, strict=True)]
        if (subst._REFERRAL.search(text)
                and not any(c for c, t in zip(covers, sub.topics, strict=True) if t.id != "regulatory")):
            continue
        for m, c, t in zip(firsts, covers, sub.topics, strict=True):
            if c and not negated_at(ann, s.index, m.start()):
                covered.setdefault(t.id, []).append(ann.document.line_of(s.start))
    return status, covered


def _misstatements(ann, kb) -> list[tuple[int, int, str]]:
    """The reference misstatement test: every pattern on the 60 characters after each mention."""
    out = []
    for index in dict.fromkeys(sp.sent for sp in ann.of("substance_mentions")):
        s = ann.sentences[index]
        for hit in subst.find_terms(subst._alias_index(()), s):
            sub, window = kb[hit.category], s.text[hit.end:hit.end + 60]
            for key, rx in subst._MISSTATE_RX.items():
                m = rx.match(window) if key in sub.misstatements else None
                if m and not negated_at(ann, s.index, hit.end + m.end() - 1):
                    out.append((*s.source_range(hit.end + m.start(), hit.end + m.end()), key))
    return out


@pytest.mark.parametrize(("text", "fmt"), _texts())
def test_coverage_equals_running_every_cue(text: str, fmt: str) -> None:
    ann = annotate(parse(text, fmt))
    kb = {s.id: s for s in substances()}
    assert [(sp.start, sp.end, sp.attrs["word"]) for sp in ann.of("misstatements")] == _misstatements(ann, kb)
    mentioned: dict[int, set[str]] = {}
    for sp in ann.of("substance_mentions"):
        mentioned.setdefault(sp.sent, set()).add(sp.attrs["id"])
    for got in ann.facts["substances"]:
        status, covered = _reference(ann, kb[got["id"]], mentioned, got["topic"])
        if status and "regulatory" in {t.id for t in kb[got["id"]].topics}:
            covered.setdefault("regulatory", status)
        assert got["status_lines"] == status
        assert {c["id"]: c["lines"] for c in got["covered"]} == covered


def test_prefixes_and_clauses_hold_on_ascii_text() -> None:
    """Every match starts with one of ``prefixes`` and holds a literal of each of ``clauses``."""
    texts = [t for t in _sentences() if t.isascii()]
    checked = 0
    for rx in _patterns():
        starts, sets = prefixes(rx), clauses(rx)
        for text in texts:
            for m in rx.finditer(text):
                checked += 1
                assert starts is None or text.startswith(starts, m.start()), (rx.pattern, text)
                assert all(any(w in m.group() for w in lits) for lits in sets), (rx.pattern, text)
    assert checked > 100


def test_search_finds_what_the_pattern_finds() -> None:
    texts = _sentences()
    for rx in _patterns():
        for text in texts:
            got, want = subst._search(rx, text, text.isascii()), rx.search(text)
            assert (got and got.span()) == (want and want.span()), (rx.pattern, text)


def test_literals_are_the_most_selective_clause() -> None:
    rx = re.compile(r"\bcyp\s?\d\w*", re.IGNORECASE)
    assert clauses(rx) == (frozenset({"cyp"}), frozenset("0123456789"))
    assert set(literals((rx,)) or ()) == set("0123456789")
    assert prefixes(re.compile(r"\b(?:fda|food and drug administration)\b")) == ("f",)
    assert prefixes(re.compile(r"\b(?:not|cannot) approved")) == ("not", "cannot")
    assert prefixes(re.compile(r"\w+ approved")) is None


BAD = """\
id: kanna
name: Kanna
aliases: [kanna]
status:
  summary: Kanna is not approved as a medicine.
  cues: ['\\bnot (approved']
risk_topics:
  - id: interactions
    cues: ['\\binteract\\w*']
"""


def test_cues_compile_on_first_use_and_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "substances" / "kanna.yaml"
    path.parent.mkdir()
    path.write_text(BAD, encoding="utf-8")
    sub = load_substance(path)  # reads the YAML only
    assert sub.aliases == ("kanna",)
    with pytest.raises(RuleError, match="bad regular expression") as e:
        sub.compile()
    assert e.value.path == str(path)
    with pytest.raises(RuleError, match=r"status\.cues"):  # a user pack is compiled when loaded
        substances((str(tmp_path),))

"""The fast paths of the Markdown reader, the pipeline's construction and the batch plumbing give exactly what
the plain ways of computing the same thing give."""

from __future__ import annotations

import gc
import itertools
import random
from pathlib import Path

from linter.document import markdown as md
from linter.document.model import TextBuilder

ROOT = Path(__file__).resolve().parents[1]

_ATOMS = ["# ", "- ", "* ", "1. ", "> ", "    ", "\t", "```", "<!-- c -->", "<div>", "<br>", "<img alt='a b'>",
          "<a href='u'>", "</a>", "[a](b)", "[x]", "[x]: http://e.com", "[^1]", "![alt](i.png)", "**", "*", "_",
          "~~", "`", "\\", "\\*", "&amp;", "&nbsp;", "http://a.b/c", "www.x.org", "<http://q.r>", "|", " | ",
          "---", "===", "| - | - |", "\n", "\n", "\n\n", "\r\n", " ", "  ", "word", "Word. ", "[", "]", "(", ")",
          '"t"', "\xa0", "\u3000", "\x0b", "[1]", "[2]: http://z", "](", "\\(", "(a(b)c)"]


def _random_markdown(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ATOMS) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").iterdir())
            if p.suffix in (".txt", ".md", ".html")]


def _inlines(source: str, plain: bool = False) -> list[md._Inline]:
    """The scanned inline passes of a Markdown source's blocks (``plain``: only of those the reader takes as
    verbatim, :func:`markdown._plain_text`)."""
    lines = md._split_lines(source)
    _meta, skip = md._front_matter(lines)
    parser = md._BlockParser(source)
    parser.parse(lines[skip:], md._Ctx())
    out = []
    for item in parser.items:
        if not item.html and (not plain or md._plain_text(source, item) is not None):
            inl = md._Inline(source, item, parser.defs)
            inl.scan()
            out.append(inl)
    return out


def _reference_emit(inl: md._Inline) -> tuple[str, list[tuple[int, int, int]], list[int]]:
    """Emission one position at a time: the builder's text and runs, and its length at each position."""
    b, bpos, p = TextBuilder(), [0] * (inl.n + 1), 0
    while p < inl.n:
        at = bpos[p] = len(b)
        rep = inl.syn.get(p)
        if rep is None and inl.drop[p]:
            p += 1
            continue
        spaced = not at or b.endswith_space()
        if rep is not None:
            s, k = rep
            if not (spaced and s.isspace()):
                b.add_synthetic(s, inl.vmap[p], max(inl.vmap[p + k - 1] - inl.vmap[p] + 1, 1))
            bpos[p + 1 : p + k] = [at] * (k - 1)
            p += k
        elif spaced and inl.text[p].isspace():
            p += 1
        else:
            b.add(inl.text[p], inl.vmap[p])
            p += 1
    bpos[inl.n] = len(b)
    return b.text, b._segments, bpos


def test_emission_matches_one_position_at_a_time() -> None:
    for source in _samples() + _random_markdown(1500, 1):
        for inl in _inlines(source):
            text, segments, bpos = _reference_emit(inl)
            b = inl.emit()
            assert (b.text, b._segments) == (text, segments), source
            assert [inl.builder_pos(p) for p in range(inl.n + 1)] == bpos, source


def test_plain_blocks_are_those_without_markup() -> None:
    """Blocks the reader takes as verbatim (``_plain_text``) are those in which the inline pass finds nothing."""
    checked = 0
    for source in _random_markdown(1500, 2):
        for inl in _inlines(source, plain=True):
            assert not (inl.drop.count(1) or inl.literal.count(1) or inl.syn or inl.links or inl.alts)
            assert inl.emit().text == inl.text
            checked += 1
    assert checked


def _reference_dest_end(text: str, i: int) -> int | None:
    j, depth = i, 0
    while j < len(text) and text[j] not in " \t\n":
        if text[j] == "\\":
            j += 1
        elif text[j] == "(":
            depth += 1
        elif text[j] == ")":
            if depth == 0:
                break
            depth -= 1
        j += 1
    return None if depth else min(j, len(text))


def test_link_destination_end_matches_the_character_loop() -> None:
    rng = random.Random(3)
    atoms = ["a", "(", ")", "\\", " ", "\t", "\n", "\\(", "\\)", "x/y", "\\ "]
    for _ in range(5000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 12)))
        for i in range(len(text) + 1):
            assert md._dest_end(text, i) == _reference_dest_end(text, i), (text, i)


_OPENING = [md._fence, md._COMMENT_START.match, md._ATX.match, md._THEMATIC.match, md._QUOTE.match,
            md._LIST.match, md._HTML1.match, md._HTML_DECL.match, md._HTML6.match, md._HTML7.match,
            md._FOOTNOTE_DEF.match, md._DEF.match]


def test_lines_that_cannot_open_a_block_match_no_opening_syntax() -> None:
    rng = random.Random(4)
    starts = ["", " ", "  ", "   ", "\x0b", "\xa0", "\u3000"]
    firsts = [*"`~<#-*_>+[=|!&\\ax1٣²", "<!--", "<div>", "[a]: b", "[^1]: x", "```", "---", "1."]
    for _ in range(20000):
        line = rng.choice(starts) + rng.choice(firsts) + rng.choice(["", " x", "#", "-", "  ", ">"])
        if md._indent(line) < 4 and not md._opener(line):
            assert not any(match(line) for match in _OPENING), line


def test_text_builder_text_can_be_read_while_building() -> None:
    b = TextBuilder()
    assert b.text == "" and not b.endswith_space()
    b.add("ab", 0)
    b.add_synthetic(" ", 2)
    assert b.text == "ab " and b.endswith_space()
    b.add("cd", 5)
    assert b.text == "ab cd" and len(b) == 5 and not b.endswith_space()


def _random_prose(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    atoms = ["don't", "U.S.", "e.g.", ":)", "Dr.", "mg.", "tsp.", "'s", "1.5", "10%", "$5", "word", "Word", " ",
             "\n", ".", "!", "?", "...", "—", "'", '"', "(", ")", "http://x.y/z", "a@b.c", "vs.", "’", "“", "。"]
    return ["".join(rng.choice(atoms) + rng.choice(["", " "]) for _ in range(rng.randint(0, 30)))
            for _ in range(n)]


def test_pipeline_tokenizes_as_spacy_blank_english() -> None:
    from spacy.symbols import ORTH

    from linter.nlp import _ABBREVIATIONS, get_nlp, import_spacy

    ref = import_spacy().blank("en")
    for abbr in _ABBREVIATIONS:
        for form in {abbr, abbr.capitalize(), abbr.upper()}:
            if " " not in form:
                ref.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp = get_nlp()
    for text in _samples() + _random_prose(1500, 6):
        got = [(t.text, t.idx, t.lower_, t.is_punct) for t in nlp.make_doc(text)]
        assert got == [(t.text, t.idx, t.lower_, t.is_punct) for t in ref.make_doc(text)], text


def test_plan_chunks_cover_every_task_once_in_shrinking_chunks() -> None:
    from linter.parallel import chunk_size, plan_chunks

    for n, jobs in ((1, 2), (7, 2), (200, 2), (1000, 3)):
        order = list(range(n))[::-1]
        chunks = plan_chunks(order, jobs)
        assert [i for c in chunks for i in c] == order
        assert len(chunks[0]) == chunk_size(n, jobs)
        assert all(len(a) >= len(b) for a, b in itertools.pairwise(chunks))


def test_pool_results_keep_input_order_whatever_the_sizes() -> None:
    from linter.config import Config
    from linter.parallel import Task, lint_many

    texts = ["Kava cures anxiety. " * k for k in (1, 9, 3, 27, 2, 5, 1, 14)]
    tasks = [Task(f"{i}.txt", "text", t) for i, t in enumerate(texts)]
    done: list[int] = []
    results = list(lint_many(tasks, Config(), jobs=2, on_done=done.append))
    assert [r.path for r in results] == [t.path for t in tasks] and sum(done) == len(tasks)
    assert [len(r.findings) for r in results] == [len(r.findings) for r in lint_many(tasks, Config(), jobs=1)]


def test_results_without_annotations_differ_only_there() -> None:
    from linter.api import lint_text
    from linter.config import Config
    from linter.engine import Linter

    text = _samples()[1]
    full = lint_text(text, "markdown").to_dict()
    bare = Linter(Config()).lint_source(text, "markdown", annotations=False).to_dict()
    assert full["annotations"] and not bare["annotations"]
    assert {**bare, "annotations": full["annotations"]} == full


def test_tune_gc_leaves_the_collector_on() -> None:
    from linter.parallel import tune_gc

    was, threshold = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        tune_gc()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        (gc.enable if was else gc.disable)()

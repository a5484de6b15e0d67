"""Sentence-level kinds: flag annotations that match a filter, or phrases/regexes in a scope."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import RuleError
from ..regex_literals import first_literals
from .base import Evaluator, Hit, check_severity_when, check_where, matches, severity_for

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotations, Sentence

SCOPES = ("sentence", "body", "heading", "title", "lead")


class AnnotationKind(Evaluator):
    """Flag each annotation of a type whose attributes match ``where`` (one finding per sentence)."""

    PARAMS = {"annotation": (str, None), "where": (dict, {}), "severity_when": (list, []),
              "per_sentence": (bool, True)}

    def check(self) -> None:
        check_where(self.p["where"])
        check_severity_when(self.p["severity_when"])

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        where = {**self.p["where"], **options.get("where", {})}
        hits: list[Hit] = []
        seen: set[int | None] = set()
        needs_text = "text" in where
        per_sentence = self.p["per_sentence"]
        for sp in ann.of(self.p["annotation"]):
            if not matches({**sp.attrs, "text": sp.text} if needs_text else sp.attrs, where):
                continue
            if per_sentence and sp.sent is not None:
                if sp.sent in seen:
                    continue
                seen.add(sp.sent)
            data = {k: v for k, v in sp.attrs.items() if not k.startswith("_")}
            data["text"] = sp.text
            hits.append(Hit(sp.start, sp.end, data, severity_for(data, self.p["severity_when"])))
        return hits


def _landmarks(ann: Annotations) -> tuple[int | None, int | None]:
    """Indexes of the title block and the lead paragraph (computed once per document)."""
    marks = ann.facts.get("_landmarks")
    if marks is None:
        blocks = ann.document.blocks
        first_heading = next((b.index for b in blocks if b.kind == "heading"), None)
        title = first_heading if first_heading is not None and first_heading <= 1 else None
        lead = next((b.index for b in blocks if b.kind in ("paragraph", "list_item")), None)
        marks = ann.facts["_landmarks"] = (title, lead)
    return marks


def scope_of(ann: Annotations, s: Sentence) -> str:
    """title (a heading that opens the document), lead (first body paragraph), heading or body."""
    title, lead = _landmarks(ann)
    if s.block.index == title:
        return "title"
    if s.is_heading:
        return "heading"
    return "lead" if s.block.index == lead else "body"


class PatternKind(Evaluator):
    """Flag phrases or regular expressions found in sentences of a scope (Vale's 'existence')."""

    PARAMS = {"phrases": (list, []), "patterns": (list, []), "scope": (list, ["sentence"]),
              "skip_negated": (bool, True), "skip_questions": (bool, False), "severity_when": (list, []),
              "case_sensitive": (bool, False)}

    def check(self) -> None:
        if not self.p["phrases"] and not self.p["patterns"]:
            raise RuleError("a pattern rule needs 'phrases' or 'patterns'")
        bad = [s for s in self.p["scope"] if s not in SCOPES]
        if bad:
            raise RuleError(f"unknown scope {bad[0]!r} (use {', '.join(SCOPES)})")
        check_severity_when(self.p["severity_when"])
        from ..annotate.lexicon import alternation

        parts = []
        if self.p["phrases"]:
            parts.append(rf"\b(?:{alternation(self.p['phrases'])})\b")
        parts.extend(str(x) for x in self.p["patterns"])
        source = "|".join(f"(?:{x})" for x in parts)
        # Python's regex engine is much faster case-sensitive; a pattern with no upper-case letter of its own
        # runs case-sensitively on lower-cased text instead of case-insensitively on the original.
        self.on_lower = not self.p["case_sensitive"] and not re.search(r"(?<!\\)[A-Z]", source)
        flags = 0 if self.p["case_sensitive"] or self.on_lower else re.IGNORECASE
        try:
            self.rx = re.compile(source, flags)
        except re.error as e:
            raise RuleError(f"bad regular expression: {e}") from None
        self.starts = first_literals(self.rx) if self.on_lower else None

    @cached_property
    def rx_ci(self) -> re.Pattern[str]:
        """The pattern run case-insensitively on a block whose lower-casing changes its length (compiled when
        first needed)."""
        return re.compile(self.rx.pattern, re.IGNORECASE) if self.on_lower else self.rx

    def _matches(self, ann: Annotations) -> Iterator[tuple[Any, tuple[list[int], list[Sentence]], re.Match[str]]]:
        """Each prose block with a match, its sentences and the match, in order. With ``starts``, only the
        blocks where one occurs are searched, and only there (and those whose lower-casing changed length)."""
        blocks = _block_sentences(ann)
        if self.starts is None:
            visits: Iterable[tuple[int, list[int]]] = ((n, []) for n in range(len(blocks)))
        else:
            visits = _by_block(ann, _occurrences(ann, self.starts))
        for n, at in visits:
            block, sents, lower = blocks[n]
            text, rx = block.text, self.rx
            if self.on_lower:
                text, rx = (lower, rx) if len(lower) == len(text) else (text, self.rx_ci)
            found = rx.finditer(text) if self.starts is None or text is not lower else _matches_at(rx, text, at)
            for m in found:
                yield block, sents, m

    def evaluate(self, ann: Annotations, options: dict[str, Any]) -> list[Hit]:
        from ..annotate.negation import negated_at

        scopes = set(self.p["scope"])
        hits = []
        for block, sents, m in self._matches(ann):
            k = bisect.bisect_right(sents[0], m.start()) - 1
            if k < 0:
                continue
            s = sents[1][k]
            where = scope_of(ann, s)
            in_scope = "sentence" in scopes or where in scopes or (where == "title" and "heading" in scopes) \
                or (where == "lead" and "body" in scopes)
            if not in_scope or (self.p["skip_questions"] and s.is_question):
                continue
            pos = m.start() - s.offset
            if self.p["skip_negated"] and negated_at(ann, s.index, pos):
                continue
            a, b = s.source_range(pos, m.end() - s.offset)
            data = {"match": block.text[m.start():m.end()], "scope": where}
            hits.append(Hit(a, b, data, severity_for(data, self.p["severity_when"])))
        return hits


def _occurrences(ann: Annotations, words: tuple[str, ...]) -> list[int]:
    """Where ``words`` occur in the lower-cased prose blocks joined (:func:`_prose_lower`), in order."""
    joined = _prose_lower(ann)[0]
    found: list[int] = []
    for w in words:
        i = joined.find(w)
        while i >= 0:
            found.append(i)
            i = joined.find(w, i + 1)
    found.sort()
    return found


def _by_block(ann: Annotations, found: list[int]) -> list[tuple[int, list[int]]]:
    """The prose blocks to search, by number, with the positions in their text of the ``found`` ones (sorted
    positions in the joined blocks): the blocks holding one, and those whose lower-casing changed length."""
    _, offsets, unaligned = _prose_lower(ann)
    visits: dict[int, list[int]] = {n: [] for n in unaligned}
    k, size = 0, len(found)
    while k < size:
        n = bisect.bisect_right(offsets, found[k]) - 1
        end = bisect.bisect_left(found, offsets[n + 1], k) if n + 1 < len(offsets) else size
        base = offsets[n]
        visits[n] = [i - base for i in found[k:end]]
        k = end
    return sorted(visits.items()) if unaligned else list(visits.items())


def _matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that can match only at positions in ``starts`` (``match`` at a
    position sees the text before it, as ``\\b`` needs)."""
    end = 0
    for i in sorted(starts):
        if i >= end and (m := rx.match(text, i)):
            yield m
            end = m.end()


def _prose_lower(ann: Annotations) -> tuple[str, list[int], list[int]]:
    """The lower-cased texts of the prose blocks joined by newlines, where each starts, and the numbers of
    those whose lower-casing changed their length (computed once per document)."""
    got = ann.facts.get("_prose_lower")
    if got is None:
        blocks = _block_sentences(ann)
        offsets = [0]
        for _, _, lower in blocks[:-1]:
            offsets.append(offsets[-1] + len(lower) + 1)
        unaligned = [n for n, (block, _, lower) in enumerate(blocks) if len(lower) != len(block.text)]
        got = ann.facts["_prose_lower"] = ("\n".join(lower for _, _, lower in blocks), offsets, unaligned)
    return got


def _block_sentences(ann: Annotations) -> list[tuple[Any, tuple[list[int], list[Sentence]], str]]:
    """Prose blocks with their sentences' start offsets (in block text) and their lower-cased text, computed
    once per document."""
    cached = ann.facts.get("_block_sentences")
    if cached is None:
        by_block: dict[int, list[Sentence]] = {}
        for s in ann.prose():
            by_block.setdefault(s.block.index, []).append(s)
        cached = [(ss[0].block, ([s.offset for s in ss], ss), ss[0].block.text.lower()) for ss in by_block.values()]
        ann.facts["_block_sentences"] = cached
    return cached

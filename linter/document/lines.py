"""Line-level cues shared by the readers: form boilerplate, image captions, title-case headings, URLs."""

from __future__ import annotations

import re

_BOILERPLATE = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment)|post\ a\ comment|add\ a\ comment|\d+\ comments?|comments?$|
        your\ email\ address\ will\ not\ be\ published|required\ fields\ are\ marked|
        save\ my\ name,?\ email|notify\ me\ of|
        share\ (?:this|on)\b|share:?$|tweet$|pin\ it$|print$|
        (?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the)\ newsletter|subscribe$|
        related\ (?:posts|articles|reading|stories)$|you\ may\ also\ like|read\ more$|read\ next$|
        (?:this\ site|we)\ uses?\ cookies|accept\ (?:all\ )?cookies|
        all\ rights\ reserved|copyright\ ©|©\ ?\d{4}|
        skip\ to\ (?:main\ )?content|back\ to\ top|
        (?:previous|next)\ (?:post|article)\b|tags?:|categor(?:y|ies):|filed\ under
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_CAPTION_START = re.compile(
    r"^(?:conceptual\ )?(?:image|photo|photograph|picture|illustration|graphic|infographic|figure|fig\.|"
    r"credit|source:\ getty|stock\ photo)\b",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_VERB = re.compile(
    r"\b(?:showing|shows|depicting|illustrating|representing|featuring|pictured|"
    r"(?:image|photo|illustration)\ (?:of|showing|depicting))\b",
    re.IGNORECASE | re.VERBOSE,
)
_WWW = re.compile(r"[wW][wW][wW]\.")
_MINOR = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per",
    "the", "to", "vs", "via", "with", "without", "is", "are", "be", "can", "could", "may", "might", "should",
    "will", "your", "you", "its", "it", "what", "how", "why", "when"
})
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")


def may_have_url(text: str) -> bool:
    """False when ``text`` has no bare URL: every one holds "://" or "www." (in any case)."""
    return "://" in text or _WWW.search(text) is not None


def is_boilerplate(line: str) -> bool:
    """Comment forms, share bars, cookie notices, copyright lines and the like."""
    s = line.strip()
    return bool(s) and len(s) < 160 and bool(_BOILERPLATE.match(s))


def ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL)


def is_title_case(line: str) -> bool:
    """Most content words capitalised, as in a heading ("Pain Management in Rehabilitation")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    content = [w for w in words if w.lower() not in _MINOR]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.75


def is_caption_like(line: str) -> bool:
    """An image caption or alt text that leaked into the text: no terminal punctuation and a caption
    cue, or sentence case with no finite-looking verb ending the line in punctuation."""
    s = line.strip()
    if not s or len(s.split()) > 40:
        return False
    if _CAPTION_START.match(s):
        return True
    if ends_like_sentence(s):
        return False
    return bool(_CAPTION_VERB.search(s)) or not is_title_case(s)


def classify_short_line(line: str, *, first: bool = False) -> str | None:
    """Kind of a stand-alone line of plain text that is not obviously a paragraph.

    Returns ``"boilerplate"``, ``"caption"``, ``"heading"`` or None (treat as prose).
    """
    s = line.strip()
    if not s:
        return None
    if is_boilerplate(s):
        return "boilerplate"
    if _CAPTION_START.match(s) and len(s.split()) <= 40:
        return "caption"
    if len(s.split(None, 20)) > 20:  # more than 20 words (a paragraph line: not split whole)
        return None
    if first and is_title_case(s) and not s.endswith("."):
        return "heading"
    if ends_like_sentence(s):
        return None
    if is_title_case(s):
        return "heading"
    return "caption"

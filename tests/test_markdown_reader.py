"""Tests for the Markdown reader: block kinds, inline markup, links, comments, meta and the offset map."""

from __future__ import annotations

import random

import pytest

from linter.document.markdown import read_markdown
from linter.document.model import (
    BOILERPLATE,
    CAPTION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE,
    Document,
)

from .reader_checks import check_offsets

#: Source characters a synthetic character may stand for.
_MARKUP = frozenset(" \t\r\n<|\\&")


def assert_offsets(doc: Document) -> None:
    check_offsets(doc, _MARKUP)


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def read(src: str) -> Document:
    doc = read_markdown(src, "t.md")
    assert_offsets(doc)
    return doc


ARTICLE = """---
title: "Magnesium and Sleep"
author: Dr. Ana Ruiz, MD
date: 2024-03-15
---

# Magnesium and Sleep

Magnesium is **essential** for many processes [1]. Some studies
suggest it *may* improve sleep quality ([NIH](https://ods.od.nih.gov/factsheets/Magnesium/ "ODS")).

<!-- healthlint-disable HC105 -->

## Benefits

- Better sleep onset, according to a
  small trial[^1]
- Fewer cramps
  1. at night
  2. after exercise

> "It cured my insomnia overnight!" – a reader

| Form | Dose |
|------|-----:|
| Citrate | 200 mg |
| Glycinate | 300&nbsp;mg |

```python
dose = 200  # not prose
```

![A woman sleeping peacefully](sleep.jpg)

Leave a comment

[^1]: Abbasi B, et al. J Res Med Sci. 2012.
[1]: https://pubmed.ncbi.nlm.nih.gov/23853635/
"""


def test_article_blocks_and_kinds() -> None:
    doc = read(ARTICLE)
    assert doc.format == "markdown"
    assert doc.path == "t.md"
    assert kinds(doc) == [
        (HEADING, "Magnesium and Sleep"),
        (PARAGRAPH, "Magnesium is essential for many processes [1]. Some studies suggest it may improve "
                    "sleep quality (NIH)."),
        (HEADING, "Benefits"),
        (LIST_ITEM, "Better sleep onset, according to a small trial[^1]"),
        (LIST_ITEM, "Fewer cramps"),
        (LIST_ITEM, "at night"),
        (LIST_ITEM, "after exercise"),
        (QUOTE, "\"It cured my insomnia overnight!\" – a reader"),
        (TABLE, "Form ; Dose"),
        (TABLE, "Citrate ; 200 mg"),
        (TABLE, "Glycinate ; 300 mg"),
        (CAPTION, "A woman sleeping peacefully"),
        (BOILERPLATE, "Leave a comment"),
        (PARAGRAPH, "Abbasi B, et al. J Res Med Sci. 2012."),
    ]
    assert [b.level for b in doc.blocks if b.kind == HEADING] == [1, 2]
    assert doc.title == "Magnesium and Sleep"


def test_article_meta_links_and_comments() -> None:
    doc = read(ARTICLE)
    assert doc.meta == {"front_matter": True, "title": "Magnesium and Sleep", "author": "Dr. Ana Ruiz, MD",
                        "date": "2024-03-15"}
    by_text = {link.text: link for link in doc.links}
    nih = by_text["NIH"]
    assert nih.url == "https://ods.od.nih.gov/factsheets/Magnesium/"
    assert doc.source[nih.start : nih.end] == "NIH"
    assert nih.block == 1
    ref = by_text["1"]  # a resolved numeric reference keeps its brackets in the text
    assert ref.url == "https://pubmed.ncbi.nlm.nih.gov/23853635/"
    assert doc.source[ref.start : ref.end] == "1"
    assert [c.text for c in doc.comments] == ["healthlint-disable HC105"]
    c = doc.comments[0]
    assert doc.source[c.start : c.end] == "<!-- healthlint-disable HC105 -->"
    assert all("healthlint" not in b.text for b in doc.blocks)


def test_line_col_of_a_word_on_line_7() -> None:
    doc = read(ARTICLE)
    heading = doc.blocks[0]  # "# Magnesium and Sleep" is line 7, after the front matter
    assert doc.line_col(heading.to_source(heading.text.index("Sleep"))) == (7, 17)
    block = doc.blocks[1]
    assert doc.line_col(block.to_source(block.text.index("Magnesium is"))) == (9, 1)
    assert doc.line_col(block.to_source(block.text.index("essential"))) == (9, 16)
    assert doc.line_col(block.to_source(block.text.index("suggest"))) == (10, 1)
    src = "Intro line\n\n- item\n\n> quote\n\nThe first\nsecond *emphasised* word here.\n"
    doc = read(src)
    block = doc.blocks[-1]
    assert block.text == "The first second emphasised word here."
    assert doc.line_col(block.to_source(block.text.index("emphasised"))) == (8, 9)
    assert doc.line_col(block.to_source(block.text.index("word"))) == (8, 21)
    # line 7: the sentence spans lines 7 and 8
    assert doc.line_col(block.to_source(block.text.index("first"))) == (7, 5)


# ---- headings, paragraphs, breaks


def test_atx_and_setext_headings() -> None:
    doc = read("# One #\n\n### Three ###   \n\n#NoSpace\n\nSetext\n===\n\nTwo\n---\n\n###### Six\n")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (HEADING, 1, "One"),
        (HEADING, 3, "Three"),
        (PARAGRAPH, 0, "#NoSpace"),
        (HEADING, 1, "Setext"),
        (HEADING, 2, "Two"),
        (HEADING, 6, "Six"),
    ]


def test_multi_line_paragraph_joined_with_a_space() -> None:
    src = "Sleep helps\nrecovery and\n   mood.\n\nNext paragraph."
    doc = read(src)
    assert kinds(doc) == [(PARAGRAPH, "Sleep helps recovery and mood."), (PARAGRAPH, "Next paragraph.")]
    block = doc.blocks[0]
    space = block.text.index(" recovery")
    assert src[block.to_source(space)] == "\n"  # the synthetic space stands for the line break


def test_hard_breaks_become_spaces() -> None:
    doc = read("Two spaces  \nbackslash\\\nend")
    assert doc.blocks[0].text == "Two spaces backslash end"


def test_thematic_breaks_skipped() -> None:
    doc = read("Before\n\n***\n\n- - -\n\n___\n\nAfter")
    assert kinds(doc) == [(PARAGRAPH, "Before"), (PARAGRAPH, "After")]


def test_crlf_line_endings() -> None:
    doc = read("# Title\r\n\r\nLine one\r\nline two\r\n\r\n- item\r\n")
    assert kinds(doc) == [(HEADING, "Title"), (PARAGRAPH, "Line one line two"), (LIST_ITEM, "item")]


def test_empty_documents() -> None:
    for src in ("", "\n\n", "   ", "---\n---\n", "```\n", "<!-- only -->"):
        doc = read(src)
        assert doc.blocks == []


# ---- code and front matter


def test_code_blocks_skipped() -> None:
    src = (
        "Text before.\n\n```js\nconst x = 'not prose';\n```\n\n~~~~\n``` inner\n~~~~\n\n"
        "    indented code\n    more code\n\nText after.\n\n````\nunclosed fence runs to the end\n"
    )
    doc = read(src)
    assert kinds(doc) == [(PARAGRAPH, "Text before."), (PARAGRAPH, "Text after.")]


def test_front_matter_yaml_and_toml_skipped() -> None:
    doc = read("---\ntitle: 'A: B'\nauthors:\n  - name: X\n  - Y\n---\nBody text.")
    assert kinds(doc) == [(PARAGRAPH, "Body text.")]
    assert doc.meta["front_matter"] is True
    assert doc.meta["title"] == "A: B"
    assert doc.meta["author"] == "X, Y"
    doc = read('+++\ntitle = "Toml"\ndate = 2024-01-02\n+++\n\nBody.')
    assert doc.meta == {"front_matter": True, "title": "Toml", "date": "2024-01-02"}
    assert kinds(doc) == [(PARAGRAPH, "Body.")]


def test_broken_front_matter_falls_back_to_simple_pairs() -> None:
    doc = read("---\ntitle: Unclosed [bracket\nauthor: 'Jo'\n---\nBody.")
    assert doc.meta == {"front_matter": True, "title": "Unclosed [bracket", "author": "Jo"}


def test_dashes_without_closing_are_not_front_matter() -> None:
    doc = read("---\nJust text.")
    assert kinds(doc) == [(PARAGRAPH, "Just text.")]
    assert doc.meta == {}


# ---- containers


def test_lists_with_continuations_and_nesting() -> None:
    src = (
        "- first item\n  continued (indented)\nlazy continuation\n"
        "* star item\n+ plus item\n\n"
        "1. one\n2) two\n   - nested *deep*\n\n"
        "- [ ] task box\n- [x] done box\n\n"
        "- item with two paragraphs\n\n  second paragraph\n"
    )
    doc = read(src)
    assert kinds(doc) == [
        (LIST_ITEM, "first item continued (indented) lazy continuation"),
        (LIST_ITEM, "star item"),
        (LIST_ITEM, "plus item"),
        (LIST_ITEM, "one"),
        (LIST_ITEM, "two"),
        (LIST_ITEM, "nested deep"),
        (LIST_ITEM, "task box"),
        (LIST_ITEM, "done box"),
        (LIST_ITEM, "item with two paragraphs"),
        (LIST_ITEM, "second paragraph"),
    ]


def test_list_items_interrupt_paragraphs_but_multiplication_does_not() -> None:
    doc = read("Take these:\n- water\n- salt\n\nNot a list:\n2 * 3 = 6\n")
    assert kinds(doc) == [
        (PARAGRAPH, "Take these:"),
        (LIST_ITEM, "water"),
        (LIST_ITEM, "salt"),
        (PARAGRAPH, "Not a list: 2 * 3 = 6"),
    ]


def test_block_quotes_nested_and_lazy() -> None:
    doc = read("> outer line\n> > inner *nested*\n> lazy in inner\n\n"
               "> quoted\nlazy line\n\n> - listed\n> # Heading")
    assert kinds(doc) == [
        (QUOTE, "outer line"),
        (QUOTE, "inner nested lazy in inner"),
        (QUOTE, "quoted lazy line"),
        (LIST_ITEM, "listed"),
        (HEADING, "Heading"),
    ]


def test_deep_nesting_does_not_recurse_forever() -> None:
    doc = read("> " * 500 + "deep quote\n\n" + "\n".join("  " * i + "- x" for i in range(300)))
    assert doc.blocks


# ---- tables


def test_tables_one_block_per_row() -> None:
    src = "Intro:\n| Drug | Dose | Note |\n|:--|--:|---|\n| A \\| B | 5 mg | `x|y` |\n| C | | ok |\n\nAfter."
    doc = read(src)
    assert kinds(doc) == [
        (PARAGRAPH, "Intro:"),
        (TABLE, "Drug ; Dose ; Note"),
        (TABLE, "A | B ; 5 mg ; `x ; y`"),
        (TABLE, "C ; ok"),
        (PARAGRAPH, "After."),
    ]
    row = doc.blocks[1]
    assert doc.source[row.to_source(row.text.index(" ; "))] == "|"


def test_table_without_pipes_in_delimiter_is_not_a_table() -> None:
    doc = read("a | b\n---\n")
    assert kinds(doc) == [(HEADING, "a | b")]


# ---- links


def test_inline_links_text_url_and_offsets() -> None:
    src = ('See [the NHS page](https://www.nhs.uk/sleep "NHS") and [spaced](<https://x.org/a b>) and\n'
           "[**bold** anchor](https://y.org/(paren)) and [a [nested] label](https://z.org).")
    doc = read(src)
    assert doc.blocks[0].text == "See the NHS page and spaced and bold anchor and a [nested] label."
    got = [(link.url, link.text, link.block) for link in doc.links]
    assert got == [
        ("https://www.nhs.uk/sleep", "the NHS page", 0),
        ("https://x.org/a b", "spaced", 0),
        ("https://y.org/(paren)", "bold anchor", 0),
        ("https://z.org", "a [nested] label", 0),
    ]
    for link in doc.links:
        if "*" not in src[link.start : link.end]:
            assert src[link.start : link.end] == link.text
    assert src[doc.links[2].start : doc.links[2].end] == "**bold** anchor"


def test_reference_links_resolve_from_anywhere() -> None:
    src = (
        "[cdc]: https://www.cdc.gov/sleep 'CDC'\n\n"
        "Read [the CDC][cdc], [Cdc][] or just [CDC]. Unknown [x][nope] stays.\n\n"
        "[WHO]: <https://who.int/a\\_b>\n"
        '   "title on the next line"\n'
        "Also [who].\n"
    )
    doc = read(src)
    assert kinds(doc) == [
        (PARAGRAPH, "Read the CDC, Cdc or just CDC. Unknown [x][nope] stays."),
        (PARAGRAPH, "Also who."),
    ]
    assert [(link.url, link.text) for link in doc.links] == [
        ("https://www.cdc.gov/sleep", "the CDC"),
        ("https://www.cdc.gov/sleep", "Cdc"),
        ("https://www.cdc.gov/sleep", "CDC"),
        ("https://who.int/a_b", "who"),
    ]
    for link in doc.links:
        assert src[link.start : link.end] == link.text


def test_numeric_brackets_and_footnotes_stay_verbatim() -> None:
    doc = read("Evidence [1] and [2, 3] and [4–6] and a note[^note] here.\n\n"
               "[^note]: The note text\n  continues.")
    assert kinds(doc) == [
        (PARAGRAPH, "Evidence [1] and [2, 3] and [4–6] and a note[^note] here."),
        (PARAGRAPH, "The note text continues."),
    ]
    assert doc.links == []


def test_autolinks_and_bare_urls() -> None:
    src = "Visit <https://a.org/x_y_z>, www.b.com/page. or (https://c.net/path_1).\nMail <me@d.org>."
    doc = read(src)
    assert doc.blocks[0].text == (
        "Visit https://a.org/x_y_z, www.b.com/page. or (https://c.net/path_1). Mail me@d.org."
    )
    assert [(link.url, link.text) for link in doc.links] == [
        ("https://a.org/x_y_z", "https://a.org/x_y_z"),
        ("http://www.b.com/page", "www.b.com/page"),
        ("https://c.net/path_1", "https://c.net/path_1"),
        ("mailto:me@d.org", "me@d.org"),
    ]
    for link in doc.links:
        assert src[link.start : link.end] == link.text


def test_url_inside_link_is_not_a_second_link() -> None:
    doc = read("[https://a.org](https://a.org) and [x](https://b.org)")
    assert [link.url for link in doc.links] == ["https://a.org", "https://b.org"]


def test_link_block_index() -> None:
    doc = read("# [Head](https://h.org)\n\nPara [p](https://p.org)\n\n- item [i](https://i.org)")
    assert [(link.text, link.block) for link in doc.links] == [("Head", 0), ("p", 1), ("i", 2)]
    for link in doc.links:
        assert link.text in doc.blocks[link.block].text


# ---- inline markup


def test_emphasis_markers_removed_only_when_paired() -> None:
    src = (
        "Use **bold**, *it*, __strong__, _em_, ***both***, ~~struck~~ text.\n"
        "Keep snake_case_name, __init__ ok, 2*3*4, a * b, ~5 mg, single ~tilde~ and marked *.\n"
        "Also mid**word**emphasis and **unclosed bold."
    )
    doc = read(src)
    assert doc.blocks[0].text == (
        "Use bold, it, strong, em, both, struck text. "
        "Keep snake_case_name, init ok, 2*3*4, a * b, ~5 mg, single ~tilde~ and marked *. "
        "Also midwordemphasis and **unclosed bold."
    )


def test_footnote_star_is_kept() -> None:
    doc = read("Results were significant* in one trial.\n\n*Funded by the maker.")
    assert kinds(doc) == [(PARAGRAPH, "Results were significant* in one trial."),
                          (PARAGRAPH, "*Funded by the maker.")]


def test_inline_code_and_escapes() -> None:
    doc = read("Run `pip install *x*` then \\*not emphasis\\* and \\[1\\] and `` a`b `` and `` `x` ``"
               " and \\q.")
    assert doc.blocks[0].text == "Run pip install *x* then *not emphasis* and [1] and a`b and `x` and \\q."


def test_entities_decoded() -> None:
    src = "Tom &amp; Jerry &#39;quoted&#39; &#x2014; a&nbsp;b &copy; &bogus; AT&T &lt;tag&gt;"
    doc = read(src)
    assert doc.blocks[0].text == "Tom & Jerry 'quoted' — a b © &bogus; AT&T <tag>"
    block = doc.blocks[0]
    amp = block.text.index("&")
    assert src[block.to_source(amp) : block.to_source(amp) + 5] == "&amp;"


def test_inline_html_stripped_and_understood() -> None:
    src = ('Dose<sup>[2]</sup> is <b>low</b>.<br>See <a href="https://e.org?a=1&amp;b=2">this page</a> '
           "<span>too</span>.")
    doc = read(src)
    assert doc.blocks[0].text == "Dose[2] is low. See this page too."
    assert [(link.url, link.text) for link in doc.links] == [("https://e.org?a=1&b=2", "this page")]
    link = doc.links[0]
    assert src[link.start : link.end] == "this page"


# ---- comments


def test_comments_block_multiline_and_inline() -> None:
    src = (
        "<!-- healthlint-disable HC101 -->\n"
        "Text <!-- healthlint-disable-line HC102 --> continues.\n\n"
        "<!--\nhealthlint-enable\n-->\n\n"
        "> <!-- in a quote -->\n> quoted\n\n"
        "<!-- a --> trailing text\n"
    )
    doc = read(src)
    assert kinds(doc) == [(PARAGRAPH, "Text continues."), (QUOTE, "quoted"), (PARAGRAPH, "trailing text")]
    assert [c.text for c in doc.comments] == [
        "healthlint-disable HC101",
        "healthlint-disable-line HC102",
        "healthlint-enable",
        "in a quote",
        "a",
    ]
    for c in doc.comments:
        assert src[c.start : c.end].startswith("<!--") and src[c.start : c.end].endswith("-->")


# ---- images, captions, boilerplate, raw HTML


def test_images_and_captions() -> None:
    src = (
        "![Chart of sleep hours](chart.png)\n\n"
        "Image: Getty\n\n"
        "Text with an inline ![icon](i.png) image.\n\n"
        '[![Linked photo](p.jpg "t")](https://shop.example/p)\n\n'
        "![](decorative.png)\n\n"
        "A normal paragraph."
    )
    doc = read(src)
    assert kinds(doc) == [
        (CAPTION, "Chart of sleep hours"),
        (CAPTION, "Image: Getty"),
        (PARAGRAPH, "Text with an inline image."),
        (CAPTION, "Linked photo"),
        (PARAGRAPH, "A normal paragraph."),
    ]
    assert [(link.url, link.block) for link in doc.links] == [("https://shop.example/p", 3)]


def test_boilerplate_paragraphs() -> None:
    doc = read("Real content here.\n\nShare this article\n\n"
               "Your email address will not be published.\n\n© 2024 Site")
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, BOILERPLATE, BOILERPLATE, BOILERPLATE]


def test_raw_html_blocks() -> None:
    src = (
        '<div class="share-bar">\nShare on Facebook\n</div>\n\n'
        '<figure>\n<img src="a.png" alt="A doctor &amp; patient">\n'
        "<figcaption>Photo by X</figcaption>\n</figure>\n\n"
        "<script>\nvar x = '<p>not prose</p>';\n\nstill script\n</script>\n\n"
        '<p>Para with <a href="https://h.org">html link</a>.</p>\n\n'
        "> <div>quoted html <b>stripped</b></div>\n"
    )
    doc = read(src)
    assert kinds(doc) == [
        (BOILERPLATE, "Share on Facebook"),
        (CAPTION, "A doctor & patient"),
        (CAPTION, "Photo by X"),
        (PARAGRAPH, "Para with html link."),
        (QUOTE, "quoted html stripped"),
    ]
    assert [(link.url, link.text, link.block) for link in doc.links] == [("https://h.org", "html link", 3)]
    link = doc.links[0]
    assert src[link.start : link.end] == "html link"


# ---- the offset map


DOCS = [
    ARTICLE,
    "# T\n\nA *b* **c** `d` [e](f) ![g](h) <i>j</i> &amp; k\\*\nl  \nm\\\nn\n",
    "> a\n> > b\n>\n> - c\n>   d\n\n1. x\n   > y\n\n| a | b |\n|---|---|\n| c&amp; | `d` |\n",
    "\ufeff---\ntitle: x\n---\n\tTabbed code\n\n-\ttab item\n\n<!--x-->\n[a]: http://a\n[a] b www.c.com d_e_",
    "Line\r\nwith **CRLF**\r\n\r\n> quote\r\n> more\r\n\r\n| x | y |\r\n|---|---|\r\n| 1 | 2 |\r\n",
]


@pytest.mark.parametrize("src", DOCS)
def test_offset_map_invariant(src: str) -> None:
    doc = read(src)
    assert doc.blocks


_FRAGMENTS = [
    "# Heading {n}\n", "Setext {n}\n===\n", "Plain sentence {n} here.\n", "*em {n}* and **strong**\n",
    "a_b_c {n} and 2*3\n", "[link {n}](https://x.org/{n} \"t\")\n", "[ref {n}][r]\n", "[r]: https://r.org\n",
    "see [1] and [^2]\n", "[^2]: note {n}\n", "<https://auto.org/{n}>\n", "www.bare{n}.com/x.\n",
    "- item {n}\n", "  continued {n}\n", "1. first\n", "   - nested {n}\n", "> quote {n}\n", "> > deeper\n",
    "| a | b |\n", "|---|---|\n", "| c {n} | d |\n", "```\ncode {n}\n```\n", "~~~\n", "    indented {n}\n",
    "<!-- healthlint-disable HC{n} -->\n", "<!--\n", "-->\n", "<div class=\"share\">\nShare this\n</div>\n",
    "<p>html <b>{n}</b></p>\n", "![alt {n}](img.png)\n", "text ![inline](i.png) more\n",
    "&amp; &#39;{n}&#39; &bogus;\n",
    "`code {n}` \\* \\_\n", "line with break  \n", "back\\\n", "---\n", "***\n", "\n", "\n\n", "\t- tab\n",
    "<br>\n", "<img src=x alt=\"pic {n}\">\n", "\r\n", "~~gone~~ ~1\n", "[unclosed {n}\n", "**unclosed\n",
    "<script>\nx\n", "| only | pipes\n", "[x]: <bad\n", "+++\n", "*\n", "_\n", "[", "]", "(", ")", "<", ">",
]


def test_random_documents_never_raise_and_keep_the_invariant() -> None:
    rng = random.Random(20240515)
    for n in range(200):
        parts = [rng.choice(_FRAGMENTS).format(n=n) for _ in range(rng.randint(1, 25))]
        src = "".join(parts)
        if rng.random() < 0.2:
            src = "---\ntitle: T\n---\n" + src
        doc = read_markdown(src)
        assert_offsets(doc)

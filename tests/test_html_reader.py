"""Tests for the HTML reader: block kinds, skipped content, links, comments, meta and the offset map."""

from __future__ import annotations

import random

import pytest

from linter.document.html import bare_urls, read_html
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
_MARKUP = frozenset(" \t\r\n\f<&")


def assert_offsets(doc: Document) -> None:
    check_offsets(doc, _MARKUP, collapsed=True, comments_closed=True)


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def read(src: str) -> Document:
    doc = read_html(src, "t.html")
    assert_offsets(doc)
    return doc


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Magnesium &amp; Sleep | Example Health</title>
<meta name="author" content="Dr. Ana Ruiz, MD">
<meta property="article:published_time" content="2024-03-15T08:00:00Z">
<style>p { color: red }</style><script>var s = "<p>not prose</p>";</script>
</head>
<body class="post-template comments-open">
<nav class="menu"><ul><li><a href="/">Home</a></li></ul></nav>
<article>
<h1>Magnesium   and
   Sleep</h1>
<p>Magnesium is <strong>essential</strong> for many processes<sup>[1]</sup>. Some studies
suggest it <em>may</em> improve sleep (<a href="https://ods.od.nih.gov/factsheets/Magnesium/">NIH</a>).</p>
<!-- healthlint-disable HC105 -->
<h2>Benefits</h2>
<ul>
  <li>Better sleep onset
  <li>Fewer <b>cramps</b></li>
</ul>
<blockquote><p>It cured my insomnia overnight!</p></blockquote>
<table>
  <tr><th>Form</th><th>Dose</th></tr>
  <tr><td>Citrate</td><td>200&nbsp;mg</td></tr>
</table>
<figure><img src="sleep.jpg" alt="A woman sleeping"><figcaption>Photo: Getty Images</figcaption></figure>
<pre><code>dose = 200</code></pre>
<p>Buy it <a href="https://shop.example/mg?ref=abc&amp;tag=x" rel="sponsored nofollow">here</a>.</p>
<p>Leave a comment</p>
<div class="share-buttons">Share on Facebook</div>
</article>
<footer><p>Copyright 2024 Example Health</p></footer>
</body>
</html>
"""


def test_page_blocks_and_kinds() -> None:
    doc = read(PAGE)
    assert doc.format == "html"
    assert kinds(doc) == [
        (BOILERPLATE, "Home"),
        (HEADING, "Magnesium and Sleep"),
        (PARAGRAPH, "Magnesium is essential for many processes[1]. Some studies suggest it may improve "
                    "sleep (NIH)."),
        (HEADING, "Benefits"),
        (LIST_ITEM, "Better sleep onset"),
        (LIST_ITEM, "Fewer cramps"),
        (QUOTE, "It cured my insomnia overnight!"),
        (TABLE, "Form ; Dose"),
        (TABLE, "Citrate ; 200 mg"),
        (CAPTION, "A woman sleeping"),
        (CAPTION, "Photo: Getty Images"),
        (PARAGRAPH, "Buy it here."),
        (BOILERPLATE, "Leave a comment"),
        (BOILERPLATE, "Share on Facebook"),
        (BOILERPLATE, "Copyright 2024 Example Health"),
    ]
    assert [b.level for b in doc.blocks if b.kind == HEADING] == [1, 2]


def test_page_meta_links_and_comments() -> None:
    doc = read(PAGE)
    assert doc.meta == {"title": "Magnesium & Sleep | Example Health", "author": "Dr. Ana Ruiz, MD",
                        "date": "2024-03-15T08:00:00Z"}
    assert doc.title == "Magnesium & Sleep | Example Health"
    got = [(link.url, link.text, link.rel, link.block) for link in doc.links]
    assert got == [
        ("/", "Home", (), 0),
        ("https://ods.od.nih.gov/factsheets/Magnesium/", "NIH", (), 2),
        ("https://shop.example/mg?ref=abc&tag=x", "here", ("sponsored", "nofollow"), 11),
    ]
    for link in doc.links:
        assert doc.source[link.start : link.end] == link.text
        assert link.text in doc.blocks[link.block].text
    assert [c.text for c in doc.comments] == ["healthlint-disable HC105"]
    c = doc.comments[0]
    assert doc.source[c.start : c.end] == "<!-- healthlint-disable HC105 -->"


def test_line_col_of_a_word_on_line_7() -> None:
    src = ("<html>\n<body>\n<h1>Title</h1>\n<p>First paragraph.</p>\n<ul>\n<li>item</li>\n"
           "<li>The <b>seventh</b> line</li>\n</ul>\n")
    doc = read(src)
    block = doc.blocks[-1]
    assert block.text == "The seventh line"
    assert doc.line_col(block.to_source(block.text.index("seventh"))) == (7, 12)
    assert doc.line_col(block.to_source(0)) == (7, 5)
    doc = read(PAGE)
    heading = doc.blocks[1]
    assert doc.line_col(heading.to_source(heading.text.index("Sleep"))) == (13, 4)


# ---- blocks


def test_whitespace_collapses_and_maps_to_the_source() -> None:
    src = "<p>  Sleep\n\n   helps\t\trecovery  </p>"
    doc = read(src)
    assert doc.blocks[0].text == "Sleep helps recovery"
    block = doc.blocks[0]
    assert src[block.to_source(block.text.index("helps"))] == "h"
    assert src[block.to_source(block.text.index(" helps"))] == "\n"


def test_inline_elements_do_not_break_blocks() -> None:
    doc = read("<p>A <span>b</span> <em>c</em><strong>d</strong> <a href='#x'>e</a> <i>f</i><sup>2</sup></p>")
    assert kinds(doc) == [(PARAGRAPH, "A b cd e f2")]


def test_div_text_forms_paragraphs() -> None:
    src = "<div>Loose text <b>here</b><p>A paragraph</p>tail text<section>Section text</section></div>"
    doc = read(src)
    assert kinds(doc) == [
        (PARAGRAPH, "Loose text here"),
        (PARAGRAPH, "A paragraph"),
        (PARAGRAPH, "tail text"),
        (PARAGRAPH, "Section text"),
    ]


def test_br_is_a_space() -> None:
    src = "<p>line one<br>line two<br/>three</p>"
    doc = read(src)
    assert doc.blocks[0].text == "line one line two three"
    block = doc.blocks[0]
    assert src[block.to_source(block.text.index(" line two"))] == "<"


def test_headings_all_levels() -> None:
    doc = read("".join(f"<h{n}>Level {n}</h{n}>" for n in range(1, 7)))
    expected = [(HEADING, n, f"Level {n}") for n in range(1, 7)]
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == expected


def test_lists_and_quotes() -> None:
    src = (
        "<ol><li><p>Para in item</p><ul><li>nested</li></ul> tail</li><li>second</ol>"
        "<blockquote>Direct quote<p>quoted paragraph</p><ul><li>list in quote</li></ul></blockquote>"
        "<dl><dt>Term</dt><dd>Definition</dd></dl>"
    )
    doc = read(src)
    assert kinds(doc) == [
        (LIST_ITEM, "Para in item"),
        (LIST_ITEM, "nested"),
        (LIST_ITEM, "tail"),
        (LIST_ITEM, "second"),
        (QUOTE, "Direct quote"),
        (QUOTE, "quoted paragraph"),
        (LIST_ITEM, "list in quote"),
        (PARAGRAPH, "Term"),
        (PARAGRAPH, "Definition"),
    ]


def test_tables_one_block_per_row() -> None:
    src = (
        "<table><caption>Doses</caption><thead><tr><th>Drug<th>Dose</thead>"
        "<tbody><tr><td>A</td><td><p>5 mg</p><p>daily</p></td></tr>"
        "<tr><td>B</td><td></td><td> </td><td>note</td></tr></tbody></table>"
    )
    doc = read(src)
    assert kinds(doc) == [
        (CAPTION, "Doses"),
        (TABLE, "Drug ; Dose"),
        (TABLE, "A ; 5 mg daily"),
        (TABLE, "B ; note"),
    ]


def test_captions_from_images_figcaption_and_class() -> None:
    src = (
        '<img src="a.png" alt="Lone &amp; proud">'
        '<p><img src="b.png" alt="Only image in a paragraph"></p>'
        '<p>Text with <img src="c.png" alt="inline icon"> an inline image.</p>'
        '<figure><img src="d.png" alt=""><figcaption>Figure 1. Results</figcaption></figure>'
        '<p class="wp-caption-text">Caption by class</p>'
    )
    doc = read(src)
    assert kinds(doc) == [
        (CAPTION, "Lone & proud"),
        (CAPTION, "Only image in a paragraph"),
        (PARAGRAPH, "Text with an inline image."),
        (CAPTION, "Figure 1. Results"),
        (CAPTION, "Caption by class"),
    ]
    cap = doc.blocks[0]
    assert src[cap.to_source(0) : cap.to_source(0) + 4] == "Lone"


def test_boilerplate_regions_and_lines() -> None:
    src = (
        "<body class='single comments-open has-sidebar'><main class='site-main'>"
        "<p>Real content.</p>"
        "<form><label>Email</label><input type=email><button>Subscribe</button></form>"
        "<aside><h3>Popular</h3></aside>"
        "<div id='comments'><h3>2 Replies</h3><p>Great post!</p></div>"
        "<section class='related-articles'><p>Other story</p></section>"
        "<div class='cookie-banner'>We value privacy</div>"
        "<div role='navigation'>Nav text</div>"
        "<nav aria-label='breadcrumb'>Home / Health</nav>"
        "<p>Share this article</p>"
        "<p>Tags: sleep, magnesium</p>"
        "</main></body>"
    )
    doc = read(src)
    assert kinds(doc)[0] == (PARAGRAPH, "Real content.")
    assert [b.kind for b in doc.blocks[1:]] == [BOILERPLATE] * (len(doc.blocks) - 1)
    assert (BOILERPLATE, "Email Subscribe") in kinds(doc)


def test_skipped_content() -> None:
    src = (
        "<head><title>T</title><script>var a = 1;</script></head><body>"
        "<p>Visible</p><script>document.write('<p>hidden</p>')</script><style>.x{}</style>"
        "<noscript>Enable JavaScript</noscript><template><p>tpl</p></template>"
        "<svg><title>Icon title</title><text>svg text</text></svg>"
        "<pre>preformatted code</pre><p>Run <code>x()</code> now</p>"
        "<select><option>Choose</option></select><textarea>typed</textarea>"
        "<video>Your browser does not support video.</video></body>"
    )
    doc = read(src)
    assert kinds(doc) == [(PARAGRAPH, "Visible"), (PARAGRAPH, "Run now")]
    assert doc.meta["title"] == "T"


# ---- links and text


def test_links_text_url_rel_and_offsets() -> None:
    src = (
        '<p>See <a href="https://a.org/x?y=1&amp;z=2" rel="Sponsored  NOFOLLOW">the\n   study</a>, '
        '<a href="https://b.org"><img src=i.png alt="img"></a> and <a name="anchor">no href</a> '
        "and https://bare.org/path_1. or www.cdc.gov/sleep.</p>"
    )
    doc = read(src)
    assert doc.blocks[0].text == (
        "See the study, and no href and https://bare.org/path_1. or www.cdc.gov/sleep."
    )
    got = [(link.url, link.text, link.rel) for link in doc.links]
    assert got == [
        ("https://a.org/x?y=1&z=2", "the study", ("sponsored", "nofollow")),
        ("https://b.org", "", ()),
        ("https://bare.org/path_1", "https://bare.org/path_1", ()),
        ("http://www.cdc.gov/sleep", "www.cdc.gov/sleep", ()),
    ]
    first, empty = doc.links[0], doc.links[1]
    assert src[first.start : first.end] == "the\n   study"
    assert src[empty.start : empty.end] == '<a href="https://b.org">'
    for link in doc.links[2:]:
        assert src[link.start : link.end] == link.text
    assert {link.block for link in doc.links} == {0}


def test_citation_markers_kept() -> None:
    doc = read("<p>Shown in trials<sup>[1]</sup><sup><a href='#r2'>[2]</a></sup> and [3, 4].</p>")
    assert doc.blocks[0].text == "Shown in trials[1][2] and [3, 4]."
    assert [(link.url, link.text) for link in doc.links] == [("#r2", "[2]")]


def test_entities_decoded() -> None:
    src = "<p>Tom &amp; Jerry &#39;q&#39; &#x2014; a&nbsp;b &copy; &bogus; AT&T &lt;tag&gt; 5&nbsp;&nbsp;mg"
    doc = read(src)
    assert doc.blocks[0].text == "Tom & Jerry 'q' — a b © &bogus; AT&T <tag> 5 mg"
    block = doc.blocks[0]
    dash = block.text.index("—")
    assert src[block.to_source(dash) : block.to_source(dash) + 8] == "&#x2014;"


def test_comments_collected_not_prose() -> None:
    src = ("<!-- healthlint-disable -->\n<p>Text <!-- healthlint-disable-line HC101 --> more</p>\n"
           "<!--\nmulti\n-->")
    doc = read(src)
    assert kinds(doc) == [(PARAGRAPH, "Text more")]
    assert [c.text for c in doc.comments] == ["healthlint-disable", "healthlint-disable-line HC101", "multi"]
    for c in doc.comments:
        assert src[c.start : c.end].startswith("<!--") and src[c.start : c.end].endswith("-->")


# ---- meta


def test_meta_fallbacks() -> None:
    src = (
        '<head><meta property="og:title" content="OG Title"><meta name="dc.creator" content="A. Writer">'
        "</head><body><article><time datetime='2021-05-06'>May 6</time><h1>T</h1></article></body>"
    )
    doc = read(src)
    assert doc.meta == {"title": "OG Title", "author": "A. Writer", "date": "2021-05-06"}
    assert read("<p>no meta</p>").meta == {}


# ---- malformed input


@pytest.mark.parametrize(
    "src",
    [
        "<p>Unclosed para<h2>Heading</h2>stray</p> text</p></div></span>",
        "<p>one<p>two<li>orphan li<td>orphan td<td>cell</td>",
        "<div><p>never closed <b>bold <i>both",
        "<![bogus section <p>after</p>",
        "<a href='x'>unclosed anchor <p>para",
        "<p>text &amp",
        "</p></p></br>text",
        "<p><!-- unclosed comment",
        "<script>never closed <p>x</p>",
        "<p attr='unterminated>text</p>",
        "<table><tr><td>a<table><tr><td>nested</table>b</table>",
        "<<<>>> <p>&#xZZ; &#; &;</p>",
        "",
    ],
)
def test_malformed_html_does_not_crash(src: str) -> None:
    read(src)


def test_unclosed_p_closes_at_next_block() -> None:
    doc = read("<p>First<p>Second<h2>Head</h2>After</p> more")
    assert kinds(doc) == [(PARAGRAPH, "First"), (PARAGRAPH, "Second"), (HEADING, "Head"),
                          (PARAGRAPH, "After more")]


def test_bare_urls_helper() -> None:
    text = "see https://a.org/x), (www.b.com/y) and xhttps://no.org and http://c.org/p_(q)."
    assert [url for _, _, url in bare_urls(text)] == ["https://a.org/x", "http://www.b.com/y", "http://c.org/p_(q)"]


# ---- the offset map


DOCS = [
    PAGE,
    "<p>a&amp;b <b>c</b>\n\td<br>e &#169; <a href=x>f</a></p><table><tr><td>1<td>2</table>",
    "\r\n<div>\r\n  CRLF   text\r\n</div>\r\n<ul><li>x\r\n<li>y</ul>",
    "<h1>Ünïcödé — “quotes”</h1><p>emoji 😀 and ß&nbsp;x</p>",
    "text before any tag <p>then a paragraph</p> text after",
]


@pytest.mark.parametrize("src", DOCS)
def test_offset_map_invariant(src: str) -> None:
    doc = read(src)
    assert doc.blocks


_FRAGMENTS = [
    "<h{d}>Heading {n}</h{d}>", "<p>Paragraph {n} with <b>bold</b> and <em>em</em>.", "</p>", "<p>",
    "\n", "  ", "<br>", "<br/>", "<ul><li>item {n}", "<li>next", "</ul>", "<ol>", "</li>", "<blockquote>",
    "</blockquote>",
    "<table>", "<tr>", "<td>cell {n}", "<th>head", "</table>", "<figure><img src=x alt='alt {n}'>",
    "<figcaption>cap {n}</figcaption></figure>", "<img alt='lone {n}'>", "<a href='https://x.org/{n}'>link",
    "</a>", "https://bare{n}.org/x.", "&amp;", "&#39;", "&nbsp;", "&bogus;", "AT&T", "<!-- c {n} -->", "<!--",
    "-->", "<script>var x = '<p>';</script>", "<style>p{{}}</style>", "<pre>code {n}</pre>", "<code>x</code>",
    "<nav>nav {n}</nav>", "<div class='share'>share</div>", "<form><input></form>", "<footer>foot</footer>",
    "<div>", "</div>", "<span>", "</span>", "<sup>[{n}]</sup>", "Leave a comment", "text {n} ", "<![x",
    "<title>T {n}</title>", "<meta name=author content='A {n}'>", "<time datetime='2020-0{d}-01'>",
    "<svg><title>x</title>", "</svg>", "\r\n", "\t", "<", ">", "&", "<head>", "<body>",
]


def test_random_documents_never_raise_and_keep_the_invariant() -> None:
    rng = random.Random(20240516)
    for n in range(200):
        parts = [rng.choice(_FRAGMENTS).format(n=n, d=rng.randint(1, 6)) for _ in range(rng.randint(1, 30))]
        doc = read_html("".join(parts))
        assert_offsets(doc)

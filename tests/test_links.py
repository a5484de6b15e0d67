"""Link classes and tracking parameters (linter/annotate/links.py)."""

from __future__ import annotations

import pytest

from linter.annotate.links import classify_url
from linter.api import lint_text


@pytest.mark.parametrize(("url", "cls"), [
    ("https://www.amazon.com/dp/B0TEST?tag=site-20", "affiliate"),
    ("https://herbs.example/go/kava-bundle", "affiliate"),
    ("https://herbs.example/recommends/ashwagandha", "affiliate"),
    ("http://bit.ly/3abc", "affiliate"),
    ("https://store.example/page?aff_id=77", "affiliate"),
    ("https://calmroot.example/products/sleep-gummies", "commerce"),
    ("https://calmroot.example/cart", "commerce"),
    ("https://www.walmart.com/ip/123", "commerce"),
    ("https://pubmed.ncbi.nlm.nih.gov/12345678/", "evidence"),
    ("https://doi.org/10.1001/jama.2019.1", "evidence"),
    ("https://www.cdc.gov/sleep/index.html", "evidence"),
    ("https://www.who.int/news-room", "evidence"),
    ("https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD0/full", "evidence"),
    ("https://example.com/about", "other"),
    ("https://shop.rootlabs.example/kava-blend", "commerce"),
    ("https://www.store.example.org/", "commerce"),
    ("https://shopping-guide.example/kava", "other"),
    ("https://workshop.example/kava", "other"),
])
def test_classes(url: str, cls: str) -> None:
    assert classify_url(url)[0] == cls


def test_tracking_on_neutral_link() -> None:
    cls, tracking = classify_url("https://example.com/guide?utm_source=mail&utm_medium=x&page=2")
    assert cls == "other"
    assert tracking == ["utm_source", "utm_medium"]


def test_markdown_html_and_bare_links_in_json() -> None:
    md = lint_text("See [the shop](https://calmroot.example/shop/kava?utm_source=blog).", "markdown")
    (link,) = md.annotations["links"]
    assert link["class"] == "commerce" and link["tracking"] == ["utm_source"]
    assert {"url", "text", "start", "end", "class", "tracking", "rel"} <= set(link)
    html = lint_text('<p>Try <a href="https://calmroot.example/kava" rel="sponsored nofollow">it</a>.</p>', "html")
    (link,) = html.annotations["links"]
    assert link["class"] == "affiliate" and "sponsored" in link["rel"]
    bare = lint_text("Details: https://www.nih.gov/health-information and more.")
    assert [x["class"] for x in bare.annotations["links"]] == ["evidence"]


def test_relative_shop_path_is_commerce() -> None:
    assert classify_url("/shop/")[0] == "commerce"
    assert classify_url("/about/team")[0] == "other"


def test_navigation_links_are_not_commercial_content() -> None:
    from linter.api import lint_text

    html = ('<nav><ul><li><a href="/shop/">Shop</a></li><li><a href="/about/?utm_source=nav">About</a></li></ul></nav>'
            "<p>Most adults need seven hours of sleep, according to the CDC.</p>")
    r = lint_text(html, "html")
    links = r.to_dict()["annotations"]["links"]
    assert [lk["boilerplate"] for lk in links] == [True, True]
    assert not {f.code for f in r.findings} & {"HP201", "HP202", "HP205"}

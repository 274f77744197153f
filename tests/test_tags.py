"""Tags the page shows (``extract/tags.py``), on pages written for these tests."""

from __future__ import annotations

from newscrawl.extract import extract_article

TEXT = "".join(f"<p>The harbour board met to discuss the new ferry timetable, item {i}.</p>" for i in range(5))


def tags_of(body: str, head: str = "") -> tuple[list[str], str | None]:
    html = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    out = extract_article(html, "https://example.org/2024/05/14/ferry/", fields=["tags"])
    return out["tags"], out.get("provenance", {}).get("tags")


ARTICLE = (
    '<nav class="topics-bar"><a href="/topics/elections/">Elections</a></nav>'
    "<main><article><h1>Ferry timetable changes</h1>" + TEXT + '<footer class="entry-footer">'
    '<a href="/category/news/" rel="category tag">News</a> '
    '<a href="/tag/ferry/" rel="tag">ferry</a> <a href="/tag/harbour/" rel="tag">harbour</a> '
    '<a href="/thema/verkehr">Verkehr</a> <a href="/tag/ferry/" rel="tag">Ferry</a></footer></article>'
    '<aside class="sidebar"><div class="tagcloud"><a href="/tag/weather/" rel="tag">weather</a></div></aside></main>'
)


def test_the_article_s_tag_links_are_its_tags() -> None:
    # not the topics bar above the headline, the category link, the sidebar's cloud, nor a repeat
    assert tags_of(ARTICLE) == (["ferry", "harbour", "Verkehr"], "html")


def test_tags_in_the_page_s_data_come_first() -> None:
    assert tags_of(ARTICLE, '<meta name="keywords" content="timetable, port">') == (["timetable", "port"], "meta")


def test_no_tag_links_no_tags() -> None:
    assert tags_of("<article><h1>Ferry timetable changes</h1>" + TEXT + '<a href="/about/">About</a></article>') == (
        [],
        None,
    )

"""extract_article on small pages written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import lxml.html
import pytest

from newscrawl.extract import extract_article, normalize_language, parse_html

PARAGRAPHS = [
    "The river rose by two metres overnight, and the town council opened the old school as a shelter for the "
    "families whose houses stand closest to the water.",
    "Volunteers filled sandbags until the early morning. The mayor said the dikes had held so far, but that "
    "the next two days would decide whether the lower streets could stay dry.",
    "Farmers upstream reported flooded fields and warned that the harvest of late potatoes might be lost "
    "entirely if the water stays for more than a week.",
    "Meteorologists expect the rain to ease on Thursday, when a high-pressure system is forecast to move in "
    "from the west and bring a few dry and sunny days.",
]


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>
<nav class="main-nav"><ul><li><a href="/politics">Politics news from around the region</a></li>
<li><a href="/sport">Sport results and fixtures for the weekend</a></li></ul></nav>
<main><article>{body or "<h1>River floods the lower town</h1>"}
<div class="article-body">{paragraphs}</div></article></main>
<footer><a href="/about">About the Example Gazette newsroom</a> <a href="/imprint">Imprint and legal notice</a></footer>
</body></html>"""


def ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "@id": "https://example.org/#site", "name": "Example Gazette"},
        {"@type": "Organization", "@id": "https://example.org/#org", "name": "Example Gazette"},
        {
            "@type": "NewsArticle",
            "headline": "River floods the lower town",
            "datePublished": "2024-05-03T18:19:08+02:00",
            "dateModified": "2024-05-04T08:00:00+02:00",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
            "publisher": {"@id": "https://example.org/#org"},
            "articleSection": "Local",
            "keywords": "flood, weather, river",
            "inLanguage": "en-GB",
            "image": {"@type": "ImageObject", "url": "/img/flood.jpg"},
        },
    ],
}


def test_jsonld_graph() -> None:
    html = page(
        ld(GRAPH)
        + '<link rel="canonical" href="https://Example.org/news/flood?utm_source=x">'
        + '<meta property="og:title" content="River floods the lower town | Example Gazette">'
    )
    out = extract_article(html, "https://example.org/news/flood")
    assert out["headline"] == "River floods the lower town"
    assert out["authors"] == ["Jane Doe", "John Roe"]
    assert out["published"] == "2024-05-03T18:19:08+02:00"
    assert out["published_raw"] == "2024-05-03T18:19:08+02:00"
    assert out["modified"] == "2024-05-04T08:00:00+02:00"
    assert out["section"] == "Local"
    assert out["tags"] == ["flood", "weather", "river"]
    assert out["language"] == "en"  # <html lang> comes first
    assert out["image"] == "https://example.org/img/flood.jpg"
    assert out["canonical_url"] == "https://example.org/news/flood"
    assert out["provenance"]["headline"] == "jsonld"
    assert out["provenance"]["authors"] == "jsonld"
    assert out["provenance"]["published"] == "jsonld"


def test_jsonld_list_and_agency_organisation() -> None:
    data = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {
            "@type": "ReportageNewsArticle",
            "headline": "River floods the lower town",
            "datePublished": "2024-05-03",
            "author": [{"@type": "Person", "name": "By Jane Doe"}, {"@type": "Organization", "name": "dpa"}],
        },
    ]
    out = extract_article(page(ld(data)), "https://example.org/a")
    assert out["authors"] == ["Jane Doe", "dpa"]
    assert out["published"] == "2024-05-03"


def test_site_name_as_author_gives_way_to_byline() -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": {"@type": "Organization", "name": "Example"}}
    body = '<h1>River floods the lower town</h1><p class="byline">By Jane Doe and John Roe</p>'
    out = extract_article(page(ld(data), body), "https://www.example.org/a")
    assert out["authors"] == ["Jane Doe", "John Roe"]
    assert out["byline"] == "By Jane Doe and John Roe"
    assert out["provenance"]["authors"] == "html"


@pytest.mark.parametrize(
    "author",
    [
        {"@type": "Person", "name": "webdesk"},
        {"@type": "Person", "name": "admin"},
        [{"@type": "Person", "name": "jdoe42"}],
        {"@type": "Person", "name": "Web Desk"},
        {"@type": "Person", "name": "Harbour Courier"},  # the site's own name
    ],
)
def test_cms_account_as_author_gives_way_to_a_byline_naming_people(author: object) -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": author}
    head = '<meta property="og:site_name" content="Harbour Courier">' + ld(data)
    body = '<h1>River floods the lower town</h1><div class="field--name-field-byline">By Jane Doe and John Roe</div>'
    out = extract_article(page(head, body), "https://harbour.example/news/a")
    assert out["authors"] == ["Jane Doe", "John Roe"]
    assert out["provenance"]["authors"] == "html"


def test_cms_account_in_the_author_meta_gives_way_to_the_byline() -> None:
    head = '<meta name="author" content="admin">'
    body = '<h1>River floods the lower town</h1><p class="byline">By Ada Writer</p>'
    assert extract_article(page(head, body), "https://harbour.example/a")["authors"] == ["Ada Writer"]


@pytest.mark.parametrize(
    ("author", "byline", "expected"),
    [
        ({"@type": "Person", "name": "webdesk"}, "", ["webdesk"]),  # nothing better: kept
        ({"@type": "Person", "name": "webdesk"}, '<p class="author">jd</p>', ["webdesk"]),  # no person named
        ({"@type": "Organization", "name": "Coastal Press Agency"}, "", ["Coastal Press Agency"]),
        ({"@type": "Person", "name": "Jane Doe"}, '<p class="byline">By Ada Writer</p>', ["Jane Doe"]),
    ],
)
def test_structured_credit_kept_without_a_better_byline(author: object, byline: str, expected: list[str]) -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": author}
    body = "<h1>River floods the lower town</h1>" + byline
    assert extract_article(page(ld(data), body), "https://harbour.example/a")["authors"] == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (
            '<p class="meta">By <a rel="author" href="/author/jane-doe/">Jane Doe</a>, <a rel="author" '
            'href="/author/john-roe/">John Roe</a> and <a rel="author" href="/author/ann-poe/">Ann Poe</a> (Reuters)</p>',
            ["Jane Doe", "John Roe", "Ann Poe", "Reuters"],
        ),
        (  # names set apart only by the page's CSS
            '<div class="meta"><a rel="author" href="/a/1">Jane Doe</a><a rel="author" href="/a/2">John Roe</a></div>',
            ["Jane Doe", "John Roe"],
        ),
        (
            '<div><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Doe'
            '</span></span> &middot; <span itemprop="author" itemscope itemtype="https://schema.org/Person">'
            '<span itemprop="name">John Roe</span></span></div>',
            ["Jane Doe", "John Roe"],
        ),
        (  # one author link, the rest of the line is the date
            '<p class="meta"><a rel="author" href="/author/jane-doe/">Jane Doe</a> 3 May 2024</p>',
            ["Jane Doe"],
        ),
    ],
)
def test_every_marked_author_link_is_credited(byline: str, expected: list[str]) -> None:
    body = "<h1>River floods the lower town</h1>" + byline
    out = extract_article(page("", body), "https://harbour.example/a")
    assert out["authors"] == expected


def test_microdata() -> None:
    body = """<div itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">River floods the lower town</h1>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Doe</span></span>
      <time itemprop="datePublished" datetime="2024-05-03T10:00:00Z">3 May</time>
      <meta itemprop="articleSection" content="Local"></div>"""
    out = extract_article(page("", body), "https://example.org/a")
    assert out["headline"] == "River floods the lower town"
    assert out["authors"] == ["Jane Doe"]
    assert out["published"] == "2024-05-03T10:00:00+00:00"
    assert out["section"] == "Local"
    assert out["provenance"]["authors"] == "microdata"


def test_opengraph_and_meta() -> None:
    head = """<meta property="og:title" content="River floods the lower town - Example Gazette">
      <meta property="og:site_name" content="Example Gazette">
      <meta property="og:description" content="The river rose by two metres.">
      <meta property="og:image" content="//cdn.example.org/flood.jpg">
      <meta property="og:locale" content="pt_BR">
      <meta property="article:published_time" content="2024-05-03T18:19:08+02:00">
      <meta property="article:tag" content="flood"><meta property="article:tag" content="river">
      <meta name="author" content="Jane Doe">"""
    out = extract_article(page(head, "<h1>Something else</h1>", lang=""), "https://example.org/a")
    assert out["headline"] == "River floods the lower town"
    assert out["description"] == "The river rose by two metres."
    assert out["image"] == "https://cdn.example.org/flood.jpg"
    assert out["language"] == "pt-BR"
    assert out["tags"] == ["flood", "river"]
    assert out["authors"] == ["Jane Doe"]
    assert out["provenance"]["published"] == "opengraph"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("River floods the lower town | Example Gazette", "River floods the lower town"),
        ("River floods the lower town – Example Gazette", "River floods the lower town"),
        ("Example Gazette: River floods the lower town", "River floods the lower town"),
        ("River floods the lower town | DW | 03.05.2024", "River floods the lower town"),
        ("River floods the lower town - example.org", "River floods the lower town"),
    ],
)
def test_headline_site_suffix_stripped(title: str, expected: str) -> None:
    head = f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="Example Gazette">'
    if "DW" in title:
        head = head.replace("Example Gazette", "DW")
    out = extract_article(page(head, "<h2>no h1 here</h2>"), "https://www.example.org/a")
    assert out["headline"] == expected


def test_headline_from_h1_without_structured_data() -> None:
    html = page("<title>River floods the lower town | Example Gazette</title>")
    assert extract_article(html, "https://example.org/a")["headline"] == "River floods the lower town"


def test_dates_reject_future_and_pre_1995() -> None:
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    head = f'<meta property="article:published_time" content="{future}"><meta name="date" content="1970-01-01">'
    body = '<h1>River floods the lower town</h1><time datetime="2023-02-01T09:00:00+01:00">1 Feb 2023</time>'
    out = extract_article(page(head, body), "https://example.org/a")
    assert out["published"] == "2023-02-01T09:00:00+01:00"
    assert out["provenance"]["published"] == "html"


def test_updated_label_is_not_published() -> None:
    body = """<h1>River floods the lower town</h1>
      <p>Updated <time datetime="2024-05-04T08:00:00+02:00">4 May 2024</time></p>
      <p>Published <time datetime="2024-05-03T18:00:00+02:00">3 May 2024</time></p>"""
    out = extract_article(page("", body), "https://example.org/a")
    assert out["published"] == "2024-05-03T18:00:00+02:00"
    assert out["modified"] == "2024-05-04T08:00:00+02:00"


def test_related_block_not_nav_or_footer() -> None:
    body = """<h1>River floods the lower town</h1>
      <aside class="related-articles"><h2>Related</h2><ul>
        <li><a href="/news/dikes-hold"><h3>Dikes hold after a night of heavy rain</h3></a>
            <p>Engineers inspected every section of the dike overnight.</p></li>
        <li><a href="https://example.org/news/harvest">Harvest at risk as fields stay under water</a></li>
      </ul></aside>"""
    out = extract_article(page("", body), "https://example.org/news/flood")
    assert out["related"] == [
        {
            "url": "https://example.org/news/dikes-hold",
            "title": "Dikes hold after a night of heavy rain",
            "teaser": "Engineers inspected every section of the dike overnight.",
        },
        {
            "url": "https://example.org/news/harvest",
            "title": "Harvest at risk as fields stay under water",
            "teaser": None,
        },
    ]


def test_body_excludes_furniture() -> None:
    body = """<h1>River floods the lower town</h1>
      <figure><img src="/a.jpg"><figcaption>Sandbags in front of the town hall on Tuesday evening.</figcaption></figure>
      <p class="lead">Two metres in one night: the town prepares for the worst.</p>"""
    extra = """<p>Read also: Dikes hold after a night of heavy rain</p>
      <div class="newsletter"><p>Sign up for our newsletter and get the news every morning.</p></div>
      <section id="comments"><h3>Comments</h3><p>Great article, thank you for the reporting!</p></section>"""
    html = page("", body).replace("</div></article>", extra + "</div></article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[0] in text and PARAGRAPHS[-1] in text
    assert "\n\n" in text
    assert "Sandbags in front" not in text
    assert "Read also" not in text
    assert "newsletter" not in text
    assert "Great article" not in text
    assert "River floods the lower town" not in text


def test_standfirst_from_description_is_kept() -> None:
    lead = "Two metres in one night: the town prepares for the worst as the river keeps rising."
    head = f'<meta name="description" content="{lead}">'
    body = f'<h1>River floods the lower town</h1><header class="intro"><p class="teaser">{lead}</p></header>'
    html = page(head, "").replace("<main><article>", f"<main>{body}<article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(lead)


def test_an_excerpt_below_the_text_is_no_standfirst() -> None:
    """A related post's "excerpt" under the article (Jetpack's related posts) is not its lead."""
    other = "Volunteers in the next valley said the old ferry would run again by the spring, officials hope."
    related = (
        '<div id="jp-relatedposts"><h3>Related</h3><div class="jp-relatedposts-post"><h4><a href="/2024/05/01/ferry/">'
        f'Ferry to run again</a></h4><p class="jp-relatedposts-post-excerpt">{other}</p></div></div>'
    )
    html = page("", "<h1>River floods the lower town</h1>").replace("</div></article>", related + "</div></article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(PARAGRAPHS[0]) and other not in text


def test_bytes_cp1251_and_shift_jis() -> None:
    ru = "Река затопила нижний город"
    html = page("", f"<h1>{ru}</h1>").replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    assert extract_article(html.encode("cp1251"), "https://example.ru/a")["headline"] == ru
    jp = "川が下町を浸水させた"
    html = page("", f"<h1>{jp}</h1>").replace('<meta charset="utf-8">', "")
    html = html.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    assert extract_article(html.encode("shift_jis"), "https://example.jp/a")["headline"] == jp


def test_bytes_utf8_bom_and_wrong_declaration() -> None:
    text = "Überschwemmung in der Unterstadt"
    html = page("", f"<h1>{text}</h1>").replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    assert extract_article(html.encode("utf-8"), "https://example.de/a")["headline"] == text
    assert extract_article(b"\xef\xbb\xbf" + html.encode("utf-8"), "https://example.de/a")["headline"] == text


def test_fields_limit_the_work() -> None:
    out = extract_article(page(ld(GRAPH)), "https://example.org/a", fields=["headline", "published"])
    assert out["headline"] == "River floods the lower town"
    assert out["published"] == "2024-05-03T18:19:08+02:00"
    assert "body" not in out and "authors" not in out and "related" not in out
    assert set(out["provenance"]) == {"headline", "published"}


def test_tree_is_reused_and_not_modified() -> None:
    html = page(ld(GRAPH))
    tree = lxml.html.document_fromstring(html)
    before = lxml.html.tostring(tree)
    out = extract_article(url="https://example.org/a", tree=tree)
    assert lxml.html.tostring(tree) == before
    assert out["headline"] == "River floods the lower town"
    assert out["body"] == extract_article(html, "https://example.org/a")["body"]


def test_empty_input() -> None:
    out = extract_article(None, "https://example.org/a")
    assert out["url"] == "https://example.org/a"
    assert out.get("body") in (None, "")
    assert out["authors"] == [] and out["related"] == []
    assert parse_html(b"").tag == "html"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en_us", "en-US"), ("DE", "de"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("", None), ("x", None)],
)
def test_normalize_language(value: str, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_byline_label_in_a_side_list() -> None:
    """A labelled credit ("Autorin/Autor") in a generic list class is still the byline."""
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": {"@type": "Organization", "name": "Example"}}
    body = (
        '<h1>River floods the lower town</h1><ul class="smallList"><li><strong>Datum</strong> 03.05.2024</li>'
        "<li><strong>Autorin/Autor</strong> Jane Doe</li></ul>"
    )
    out = extract_article(page(ld(data), body).replace("<article>", "<div>"), "https://www.example.org/a")
    assert out["authors"] == ["Jane Doe"]


def test_single_word_byline_does_not_override_site_credit() -> None:
    """Initials or a stray word after "Von" are weaker than the site's own structured credit."""
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": {"@type": "Organization", "name": "Example"}}
    body = '<h1>River floods the lower town</h1><p class="author">jd</p>'
    out = extract_article(page(ld(data), body), "https://www.example.org/a")
    assert out["authors"] == ["Example"]


def test_articleauthor_meta() -> None:
    head = '<meta name="articleAuthor" content="Jane Doe">'
    assert extract_article(page(head), "https://example.org/a")["authors"] == ["Jane Doe"]


def test_headline_fragment_skipped() -> None:
    head = '<meta property="og:title" content="River floods the lower town - Example Gazette">'
    body = """<div itemscope itemtype="https://schema.org/NewsArticle">
      <h2 itemprop="headline">\u2026 and the farmers fear for the harvest</h2></div>"""
    out = extract_article(page(head, body), "https://www.example-gazette.org/a")
    assert out["headline"] == "River floods the lower town"


def test_headline_fullwidth_site_separator() -> None:
    head = '<meta property="og:title" content="川が下町を浸水させた：例新聞"><meta property="og:site_name" content="例新聞">'
    assert extract_article(page(head, "<h2>x</h2>"), "https://www.example.jp/a")["headline"] == "川が下町を浸水させた"


def test_utc_stamp_in_the_pages_own_offset() -> None:
    """A UTC datePublished is expressed in the offset another timestamp of the page carries."""
    data = {"@type": "NewsArticle", "headline": "x" * 20, "datePublished": "2023-11-09T06:35:29Z"}
    body = '<h1>River floods</h1><time datetime="2023-11-08T23:05:04-08:00">4 hours ago</time>'
    out = extract_article(page(ld(data), body), "https://example.com/a", fields=["published"])
    assert out["published"] == "2023-11-08T22:35:29-08:00"
    assert out["published_raw"] == "2023-11-09T06:35:29Z"


def test_utc_stamp_on_a_single_zone_country_domain() -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "datePublished": "2020-12-05T23:15:00Z"}
    out = extract_article(page(ld(data)), "https://example.it/a", fields=["published"])
    assert out["published"] == "2020-12-06T00:15:00+01:00"
    out = extract_article(page(ld(data)), "https://example.com/a", fields=["published"])
    assert out["published"] == "2020-12-05T23:15:00+00:00"


def test_disagreeing_publication_dates_resolved_by_the_shown_date() -> None:
    """JSON-LD says one day, article:published_time and the page another: the page's shown date decides."""
    data = {"@type": "NewsArticle", "headline": "x" * 20, "datePublished": "2023-11-03T10:25:56+01:00"}
    head = ld(data) + '<meta property="article:published_time" content="2023-11-06T15:25:00+01:00">'
    body = '<h1>River floods</h1><p class="date">Published 6 November 2023, 15:25</p>'
    out = extract_article(page(head, body), "https://example.org/a", fields=["published"])
    assert out["published"] == "2023-11-06T15:25:00+01:00"


def test_body_keeps_text_around_inline_scripts() -> None:
    """Scripts are dropped from the copy trafilatura reads, the text after them is not."""
    para = (
        "<p>The water reached the church square <script>track()</script>before midnight, and the fire brigade "
        "closed the old bridge to all traffic while the volunteers carried sandbags to the houses nearby.</p>"
    )
    html = page().replace('<div class="article-body">', '<div class="article-body">' + para)
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert "before midnight, and the fire brigade closed the old bridge" in text
    assert "track()" not in text


def test_body_drops_fact_box() -> None:
    box = (
        '<div class="article-factbox"><p>Key facts about the river and its floods over the last hundred years, '
        "collected by the regional water authority for this page.</p></div>"
    )
    html = page().replace(f"<p>{PARAGRAPHS[2]}</p>", f"<p>{PARAGRAPHS[2]}</p>{box}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[3] in text
    assert "Key facts about the river" not in text


def test_desk_initials_under_the_text_when_only_the_site_is_credited() -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": {"@type": "Person", "name": "Example Gazette"}}
    html = page(ld(data)).replace(
        f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><span>abc, xy; Photo: Jane Roe</span>"
    )
    out = extract_article(html, "https://www.example-gazette.org/a")
    assert out["authors"] == ["abc", "xy"]


def test_desk_initials_do_not_override_an_organisation_credit() -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "author": {"@type": "Organization", "name": "Example"}}
    html = page(ld(data)).replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><p>jd</p>")
    assert extract_article(html, "https://www.example.org/a")["authors"] == ["Example"]


def test_body_drops_teasers_credit_captions_and_player_notices() -> None:
    extra = (
        "<p>Volunteers carry sandbags to the dike (Picture: Example Agency)</p>"
        "<p>Got a story? Get in touch with our news team by e-mail or submit your videos and pictures here.</p>"
        "<p>|</p><p>Flood warning for the valley | 0:21 min</p>"
    )
    teasers = (
        "<div class='sidebar'><h3>Popular</h3>"
        + "".join(
            f"<div><a href='/t{i}'>Storm Season Begins Early {i} Storm Season Begins Early {i}</a>"
            f"<p>A short description of another article number {i}.</p></div>"
            for i in range(12)
        )
        + "</div>"
    )
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>{extra}{teasers}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[3] in text and PARAGRAPHS[0] in text
    for furniture in ("(Picture:", "Got a story", "0:21 min", "Storm Season", "another article", "\n\n|\n\n"):
        assert furniture not in text


def test_dates_of_embedded_posts_and_reader_comments_are_not_the_articles() -> None:
    body = """<h1>River floods the lower town</h1>
      <blockquote class="social-embed"><p>Water everywhere</p>
        <time datetime="2018-03-12T19:30:12+00:00">12 Mar 2018</time></blockquote>
      <p>Published <time datetime="2019-01-29T10:00:00+01:00">29 January 2019</time></p>
      <div class="comments-area"><time datetime="2019-01-28T09:00:00+01:00">28 January 2019</time></div>"""
    out = extract_article(page("", body), "https://example.org/a", fields=["published"])
    assert out["published"] == "2019-01-29T10:00:00+01:00"


def test_reader_comments_are_hidden_from_htmldate_and_put_back() -> None:
    body = """<h1>River floods the lower town</h1><p>Datum: 03.02.2022</p>
      <div class="comments"><div class="comment"><h4>Reader</h4>
        <div class="comment__date">01.02.2022 - 00:00 Uhr</div><p>Well written.</p></div></div>"""
    tree = parse_html(page("", body))
    before = lxml.html.tostring(tree)
    out = extract_article(page("", body), "https://example.org/a", tree=tree, fields=["published"])
    assert out["published"] == "2022-02-03"
    assert out["provenance"]["published"] == "htmldate"
    assert lxml.html.tostring(tree) == before


def test_utc_stamp_on_a_multi_zone_country_domain_takes_its_most_populous_zone() -> None:
    data = {"@type": "NewsArticle", "headline": "x" * 20, "datePublished": "2020-08-25T00:23:33Z"}
    head = ld(data) + '<meta name="dc.date.created" content="2020-08-25 00:23">'
    out = extract_article(page(head), "https://example.ca/a", fields=["published"])
    assert out["published"] == "2020-08-24T20:23:33-04:00"


def test_shown_time_comes_before_the_generic_date_metas() -> None:
    head = '<meta name="dcterms.date" content="2022-01-21T09:43+01:00"><meta name="date" content="2022-01-21">'
    body = '<h1>River floods the lower town</h1><time datetime="2022-01-25T08:00:00+01:00">25.01.2022</time>'
    out = extract_article(page(head, body), "https://example.org/a", fields=["published"])
    assert out["published"] == "2022-01-25T08:00:00+01:00"
    assert extract_article(page(head), "https://example.org/a", fields=["published"])["published"] == (
        "2022-01-21T09:43:00+01:00"
    )


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        ("<p>Erschienen am: 13.10.2021</p>", "2021-10-13"),
        ("<p>Publié le 30 août 2023 à 14h52</p>", "2023-08-30"),
        ("<p>Posted on <b>March 2, 2020</b></p>", "2020-03-02"),
        ("<p>Publicado: 26/05/2020</p>", "2020-05-26"),
        ("<p>Published 05/06/2020</p>", "2021-10-15"),  # day or month first: left to the next layer
        ("<p>Republished on 1 January 2020</p>", "2021-10-15"),
    ],
)
def test_date_labelled_as_published_in_the_text_before_generic_metas(shown: str, published: str) -> None:
    head = '<meta name="dc.date" content="2021-10-15">'
    out = extract_article(page(head, "<h1>River floods the lower town</h1>" + shown), "https://example.org/a")
    assert out["published"] == published


def test_todays_date_in_the_site_header_is_hidden_from_htmldate() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"""<html><body><header><a href="/"><img src="/logo.png" alt="Example Star"></a>
      <span class="date">Tue, 14 Jan 2020</span></header>
      <div class="content"><h2>River floods the lower town</h2><p>News<br>13 Jan 2020, 22:11 GMT+10</p>
      {paragraphs}</div></body></html>"""
    tree = parse_html(html)
    before = lxml.html.tostring(tree)
    out = extract_article(html, "https://example.com/a", tree=tree, fields=["published"])
    assert out["published"] == "2020-01-13"
    assert lxml.html.tostring(tree) == before


def test_htmldate_copyright_year_is_no_publication_day() -> None:
    html = page().replace("</footer>", "<p>© 2020 Example Gazette</p></footer>")
    out = extract_article(html, "https://example.org/a", fields=["published"])
    assert out.get("published") is None


@pytest.mark.parametrize(
    ("stamp", "shown", "published"),
    [
        ("2020-04-14T00:38:07Z", "2020-04-13 16:38", "2020-04-13"),
        ("2020-04-14T00:38:07Z", "2020-04-14 00:38", "2020-04-14T00:38:07+00:00"),
        ("2020-04-14T10:04:07Z", "2020-04-13 16:38", "2020-04-14T10:04:07+00:00"),
    ],
)
def test_utc_small_hours_on_a_site_of_unknown_zone_take_htmldates_previous_day(
    stamp: str, shown: str, published: str
) -> None:
    """htmldate reads more date metas than we do; one carries the local time the page shows."""
    data = {"@type": "NewsArticle", "headline": "x" * 20, "datePublished": stamp}
    head = f'<meta name="dateposted" content="{shown}">' + ld(data)
    out = extract_article(page(head), "https://example.com/a", fields=["published"])
    assert out["published"] == published
    assert out["published_raw"] == stamp


def test_class_id_search_matches_a_plain_regex_search() -> None:
    import re

    from newscrawl.extract.text import attr_index, elements_with_attr

    tree = parse_html(
        '<div class="Related-Box"><p id="AUTHOR">x</p><span class="autor-İnfo">y</span>'
        '<b class="Author-LIST">z</b><i class="KELVIN-related">k</i><u class="related">r</u></div>'
    )
    index = attr_index(tree)
    patterns = [
        (re.compile("related|author", re.IGNORECASE), None),
        (re.compile("author|autor", re.IGNORECASE), re.compile(r"(?<![a-z])list(?![a-z])|info", re.IGNORECASE)),
        (re.compile("Related", re.IGNORECASE), None),  # not written in lower case: matched as it is
        (re.compile("related"), None),
    ]
    for include, exclude in patterns:
        plain = [
            el
            for el in tree.iter()
            if any(
                v and include.search(v) and not (exclude and exclude.search(v)) for v in (el.get("class"), el.get("id"))
            )
        ]
        assert elements_with_attr(tree, include, exclude, index) == plain
        assert elements_with_attr(tree, include, exclude) == plain
    assert [el.tag for el in elements_with_attr(tree, *patterns[1], index)] == ["p"]


def test_by_text_search_selects_what_its_xpath_selects() -> None:
    from newscrawl.extract.authors import _BY_TEXT_XPATH, _by_text

    tree = parse_html(
        "<html><body><p>By Jane Doe</p><p>  \n By\tJohn Roe </p><p>By\u00a0Nobody</p><div><b>x</b>Von Max Muster</div>"
        "<span><i>y</i> <i>z</i>Par Jean Dupont</span><p>Bystander effect</p><li>Autor: Anna</li><p>by</p>"
        f"<div>By Someone {'very long ' * 20}</div><a>Text: Hans Meier</a><em>Paris, 3 mai</em></body></html>"
    )
    found = _by_text(tree)
    assert found == tree.xpath(_BY_TEXT_XPATH)
    assert [el.tag for el in found] == ["p", "p", "div", "li", "p", "a"]


@pytest.mark.parametrize(
    "raw",
    [
        "<p>Überschwemmung</p>".encode(),
        b"\xef\xbb\xbf<p>\xc3\x9cberschwemmung</p>",
        b'<?xml version="1.0" encoding="utf-8"?><p>\xc3\x9cberschwemmung</p>',
        "<meta charset='iso-8859-1'><p>Überschwemmung</p>".encode("latin-1"),
    ],
)
def test_bytes_parse_as_their_decoded_text(raw: bytes) -> None:
    from newscrawl.extract.encoding import decode_html

    assert lxml.html.tostring(parse_html(raw)) == lxml.html.tostring(parse_html(decode_html(raw)))
    assert parse_html(raw).findtext(".//p") == "Überschwemmung"


def test_article_body_fallback_does_not_bring_back_a_fact_box() -> None:
    """Text left out because it stands in a fact box is not text we missed: articleBody stays unused."""
    box_text = " ".join(
        f"Clause {i} of the river authority's emergency regulations, read out in full." for i in range(40)
    )
    box = f'<div class="story-factbox"><p>{box_text}</p></div>'
    article_body = "\n".join([*PARAGRAPHS, box_text])
    data = {"@type": "NewsArticle", "headline": "River floods the lower town", "articleBody": article_body}
    html = page(ld(data)).replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p>{box}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[3] in text
    assert "Clause 1 " not in text


def test_body_drops_the_title_again_with_a_kicker() -> None:
    """A heading that opens the text and repeats the title's words (kicker + headline) is the title block."""
    title = "<h2>Heavy rain: River floods the lower town | Gazette</h2>"
    html = page().replace('<div class="article-body">', f'<div class="article-body">{title}')
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(PARAGRAPHS[0])


def test_body_keeps_an_opening_heading_that_is_not_the_title() -> None:
    lead = "<h2>Two metres in one night: the council opens the old school as a shelter</h2>"
    html = page().replace('<div class="article-body">', f'<div class="article-body">{lead}')
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith("Two metres in one night")


@pytest.mark.parametrize(
    "furniture",
    [
        "Also read: Dikes hold after a night of heavy rain",
        ">> All flood warnings for the region at a glance",
        "Lesedauer: 3 Minuten",
        "4 min read",
        "Sendung: Radio Example, 03.05.2024, 18:00 Uhr",
        "Fehler gefunden? Jetzt melden.",
        "Wie hat Ihnen dieser Artikel gefallen?",
        "Empfohlener redaktioneller Inhalt",
        "An dieser Stelle finden Sie einen von unseren Redakteuren ausgewählten, externen Inhalt, der den Artikel "
        "für Sie mit zusätzlichen Informationen anreichert.",
        "Jane Roe in Example City contributed to this report.",
        "– Additional reporting by John Roe",
        "We independently select the products we review. Buying through our links may earn us a commission.",
        "Pictured left, volunteers carry sandbags to the dike on Tuesday evening.",
    ],
)
def test_body_drops_credit_lines_prompts_and_consent_notices(furniture: str) -> None:
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p><p>{furniture}</p>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[1] in text and PARAGRAPHS[2] in text
    assert furniture[-20:] not in text


@pytest.mark.parametrize(
    "box",
    [
        '<div class="bio-box AuthorBio"><span>Jane Doe has covered the region for the Gazette since 2009 and writes '
        "about rivers, farming and local politics.</span></div>",
        '<div id="disclaimer"><p>Products in this article are selected by our editors; we may receive a share of '
        "the sales made through the links on this page.</p></div>",
    ],
)
def test_body_drops_author_bio_and_disclaimer_boxes(box: str) -> None:
    html = page().replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p>{box}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[3] in text
    assert "since 2009" not in text and "share of the sales" not in text


def test_body_drops_text_clamped_to_a_few_lines() -> None:
    """CSS line clamping truncates a preview (a teaser card); the article's own text is never clamped."""
    card = (
        '<p class="lead md:line-clamp-2">The neighbouring valley also braces for the flood, where '
        "the council has asked residents of the lower streets to move their cars to higher ground.</p>"
    )
    html = page().replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p>{card}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[3] in text
    assert "neighbouring valley" not in text


def test_body_drops_a_trailing_lead_in() -> None:
    """A last line ending in a colon introduced an embed or link list that is not part of the text."""
    html = page().replace(
        f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><p>The latest news on the floods in our live blog:</p>"
    )
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.endswith(PARAGRAPHS[3])


@pytest.mark.parametrize("line", ["Fr, 03.05.2024, 18:19 Uhr", "18:19 CET, May 3, 2024"])
def test_body_drops_a_date_line(line: str) -> None:
    html = page().replace(f"<p>{PARAGRAPHS[0]}</p>", f"<p>{line}</p><p>{PARAGRAPHS[0]}</p>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(PARAGRAPHS[0])


def test_body_keeps_dates_in_tables_and_headings() -> None:
    table = "<table><tr><td>03.05.2024</td><td>18:00</td></tr><tr><td>04.05.2024</td><td>06:00</td></tr></table>"
    html = page().replace(f"<p>{PARAGRAPHS[2]}</p>", f"<h2>Since 12.04.2024 on alert</h2><p>{PARAGRAPHS[2]}</p>{table}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert "Since 12.04.2024 on alert" in text and "04.05.2024" in text


@pytest.mark.parametrize("cls", ["imageCaption", "ImageDescriptionInner", "bildunterschrift"])
def test_body_drops_captions_by_class_in_any_case(cls: str) -> None:
    caption = f'<p class="{cls}">Volunteers carry sandbags to the dike near the old bridge on Tuesday evening</p>'
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>{caption}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[2] in text
    assert "Volunteers carry sandbags" not in text


def test_standfirst_with_an_apostrophe_is_kept() -> None:
    lead = "The river's two metres in one night: the town prepares for the worst as the water keeps rising."
    head = f'<meta name="description" content="{lead}">'
    body = f'<h1>River floods the lower town</h1><header class="intro"><p class="teaser">{lead}</p></header>'
    html = page(head, "").replace("<main><article>", f"<main>{body}<article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(lead)


@pytest.mark.parametrize("cls", ["article-excerpt", "epigraph", "teaser lead", "c-standfirst"])
def test_standfirst_by_class_after_the_h1(cls: str) -> None:
    """Without a matching description, the standfirst is found by its class right after the h1."""
    lead = "Two metres in one night: the town prepares for the worst as the water keeps rising."
    head = '<meta name="description" content="All the news from the valley, every day, from our newsroom.">'
    body = f'<h1>River floods the lower town</h1><header><h2 class="{cls}">{lead}</h2></header>'
    html = page(head, "").replace("<main><article>", f"<main>{body}<article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(lead)


def test_no_standfirst_from_a_byline_or_cookie_notice() -> None:
    notes = (
        '<div class="byline subhead">By Jane Doe, river and weather reporter for the Example Gazette</div>'
        '<div class="cookie-summary">We use cookies to run this site and to measure how it is used by our readers.</div>'
    )
    html = page("", "").replace("<main><article>", f"<main><h1>River floods the lower town</h1>{notes}<article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.startswith(PARAGRAPHS[0])


def test_body_drops_an_upper_case_prompt_before_a_teaser_title() -> None:
    prompt = "READ ANOTHER STORY HERE | Dikes hold after a night of heavy rain"
    kept = "Upstream | The council said the dikes in the upper valley had held through the night."
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p><p>{prompt}</p><p>{kept}</p>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert "Dikes hold after" not in text
    assert kept in text


@pytest.mark.parametrize(
    "prompt",
    [
        "Enjoying our reporting? Log in or create an account to continue reading for free.",
        "Independent reporting costs money: invest in journalism for only 5 euros a month. Subscribe now!",
        "You are using an outdated browser. Please update your browser for the best experience on our site.",
        "Unabhängiger Journalismus braucht Sie: Testen Sie die gedruckte Zeitung zwei Wochen lang ohne Kosten.",
        "Vous aimez nos articles ? Abonnez-vous pour soutenir la rédaction du journal régional.",
    ],
)
def test_body_drops_subscription_and_browser_prompts(prompt: str) -> None:
    html = page().replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><p>{prompt}</p>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[3] in text
    assert prompt[-30:] not in text


def test_body_keeps_a_paragraph_about_subscribers() -> None:
    about = (
        "The water company said its subscribers in the lower town would get bottled water until the pumps "
        "are dry again, and that an account of the damage would follow."
    )
    html = page().replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{PARAGRAPHS[3]}</p><p>{about}</p>")
    assert about in extract_article(html, "https://example.org/a", fields=["body"])["body"]


@pytest.mark.parametrize(
    "quote",
    [
        '<blockquote class="Pullquote Pullquote--right"><div>“The dikes will hold, but only just.”</div></blockquote>',
        '<blockquote class="article__zitat"><p>Die Deiche werden halten, aber nur knapp.</p>'
        '<div class="article__zitat__person">Bürgermeisterin Jane Doe</div></blockquote>',
    ],
)
def test_body_drops_pull_quotes(quote: str) -> None:
    """A pull quote repeats or highlights a line beside the text, with its speaker: not running text."""
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>{quote}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[1] in text and PARAGRAPHS[2] in text
    assert "only just" not in text and "aber nur knapp" not in text


def _credited(first: str, last: str) -> str:
    data = {
        "@type": "NewsArticle",
        "headline": "River floods the lower town",
        "author": {"@type": "Person", "name": "Jane Doe"},
    }
    paragraphs = "".join(f"<p>{p}</p>" for p in [first, *PARAGRAPHS, last])
    html = page(ld(data)).replace(
        '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS),
        f'<div class="article-body">{paragraphs}',
    )
    return extract_article(html, "https://example.org/a", fields=["body"])["body"]


def test_body_drops_byline_and_bio_lines_of_the_credited_author() -> None:
    text = _credited("By Jane Doe, Example City", "Jane Doe is the Gazette's correspondent for the river valley.")
    assert text.startswith(PARAGRAPHS[0]) and text.endswith(PARAGRAPHS[3])


def test_body_keeps_lines_that_name_someone_else_or_only_mention_the_author() -> None:
    first = "By the river, Example City"
    last = "The mayor thanked the volunteers and said that Jane Doe of the Gazette had warned the town first."
    text = _credited(first, last)
    assert text.startswith(first) and text.endswith(last)


MORE = [
    "The fire brigade pumped water out of forty cellars in the lower streets and expects to finish the work "
    "by the end of the week, weather permitting.",
    "Insurers have opened a hotline for residents whose homes were damaged, and the council promised a fund for "
    "those who are not insured against floods.",
    "The school that served as a shelter will reopen for lessons on Monday, the head teacher said after an "
    "inspection of the building.",
]


def _thin_page(state_script: str) -> str:
    """The server renders only the first two paragraphs; the rest comes with the app's data."""
    shown = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    gate = "<div class='gate'><p>Continue reading: the rest of this story loads in your browser.</p></div>"
    return (
        page()
        .replace(
            '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS),
            f'<div class="article-body">{shown}{gate}',
        )
        .replace("</body>", f"{state_script}</body>")
    )


def test_body_from_next_data_blocks_when_the_markup_is_thin() -> None:
    words = PARAGRAPHS[1].split(" ")
    blocks = [
        {"type": "paragraph", "text": PARAGRAPHS[0]},
        {"type": "image", "src": "/img/1.jpg", "caption": "Sandbags at the old bridge"},
        {
            "type": "paragraph",
            "children": [
                {"type": "text", "text": " ".join(words[:4]) + " "},
                {"type": "link", "href": "/b", "children": [{"type": "text", "text": " ".join(words[4:7])}]},
                {"type": "text", "text": " " + " ".join(words[7:])},
            ],
        },
        {"type": "ad", "slot": "inline-1", "text": "Advertisement: the valley's best hotels, now 20% off"},
        {"type": "relatedStory", "text": "Read more: Dikes hold after a night of heavy rain", "href": "/c"},
        *({"type": "paragraph", "text": p} for p in PARAGRAPHS[2:] + MORE),
    ]
    data = {"props": {"pageProps": {"article": {"id": 7, "blocks": blocks}}}, "buildId": "x1"}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    text = extract_article(_thin_page(script), "https://example.org/a", fields=["body"])["body"]
    assert text == "\n\n".join(PARAGRAPHS + MORE)


def test_body_from_a_window_state_with_an_html_body() -> None:
    markup = "".join(f"<p>{p}</p>" for p in PARAGRAPHS + MORE)
    state = {"story": {"title": "River floods the lower town", "bodyHtml": markup}, "user": {"loggedIn": False}}
    script = f"<script>window.__INITIAL_STATE__ = {json.dumps(state)};</script>"
    text = extract_article(_thin_page(script), "https://example.org/a", fields=["body"])["body"]
    assert text == "\n\n".join(PARAGRAPHS + MORE)


def test_body_from_jsonml_state() -> None:
    body = ["div", {"class": "body"}, *(["p", {}, p] for p in PARAGRAPHS + MORE), ["div", {"class": "embed"}]]
    script = f'<script type="application/json" id="app">{json.dumps({"article": {"body": body}})}</script>'
    text = extract_article(_thin_page(script), "https://example.org/a", fields=["body"])["body"]
    assert text == "\n\n".join(PARAGRAPHS + MORE)


def test_body_keeps_the_markup_when_the_state_holds_nothing_more() -> None:
    """A state that repeats the shown text, or holds other long texts (teasers), does not replace it."""
    teasers = [{"type": "teaser", "text": p + " " + p} for p in MORE]
    state = {"article": {"body": [{"type": "paragraph", "text": p} for p in PARAGRAPHS]}, "rail": teasers}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    html = page().replace("</body>", f"{script}</body>")
    assert extract_article(html, "https://example.org/a", fields=["body"])["body"] == "\n\n".join(PARAGRAPHS)


def test_body_drops_a_continue_reading_gate_and_newsletter_pitch() -> None:
    pitch = "<div class='c-x1'><h3>Sign up for the Gazette Briefing</h3><p>The day's top stories, straight to your inbox.</p></div>"
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p>{pitch}<p>Continue reading below</p>")
    assert extract_article(html, "https://example.org/a", fields=["body"])["body"] == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    "credit",
    [
        "(Quelle: APA/dpa)",
        "Sandbags at the old bridge on Tuesday evening, when the water had reached the top step. | Jane Roe/dpa",
    ],
)
def test_body_drops_agency_credits(credit: str) -> None:
    kept = "The agency dpa reported that the dikes held through the night, quoting the fire brigade."
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{PARAGRAPHS[1]}</p><p>{credit}</p><p>{kept}</p>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert credit not in text and kept in text


def blogger_post(body_html: str) -> str:
    """A post as Blogger's classic layout prints it: the blog's name in the only h1, its tagline in the
    page header, a date header, the title in an h3, the text marked as microdata articleBody."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Marsh Notes: River floods</title></head><body>"
        "<header><div class='header-outer'><h1 class='title'><a href='/'>Marsh Notes</a></h1>"
        "<p class='description'><span>Notes from the lower town</span></p></div></header>"
        "<div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>"
        "<div class='date-outer'><h2 class='date-header'><span>Tuesday, May 14, 2024</span></h2>"
        "<div class='post hentry' itemscope itemtype='http://schema.org/BlogPosting'>"
        "<h3 class='post-title entry-title' itemprop='name'>River floods the lower town</h3>"
        f"<div class='post-body entry-content' itemprop='description articleBody'>{body_html}"
        "<div style='clear: both;'></div></div><div class='post-footer'><span class='post-author vcard'>Posted by "
        "<span class='fn' itemprop='author' itemscope itemtype='http://schema.org/Person'><span itemprop='name'>"
        "Jane Doe</span></span></span> at <abbr class='published' itemprop='datePublished' "
        "title='2024-05-14T10:30:00.000-07:00'>10:30 AM</abbr><div class='post-labels'>Labels: "
        "<a href='/search/label/Flood' rel='tag'>Flood</a></div></div></div></div></div></div></div></body></html>"
    )


def test_paragraphs_broken_by_br_and_the_text_marked_as_article_body() -> None:
    """Text typed with <br><br> between paragraphs comes out as paragraphs; what trafilatura adds from
    around it (the blog's tagline, the date header, the labels line) is cut at the marked articleBody's end."""
    out = extract_article(blogger_post("<br /><br />".join(PARAGRAPHS)), "https://b.example/2024/05/river.html")
    assert out["body"] == "\n\n".join(PARAGRAPHS)
    assert out["published"] == "2024-05-14T10:30:00-07:00"  # the abbr's title, not the time it shows
    assert out["authors"] == ["Jane Doe"]


def test_a_call_to_action_in_the_text_is_not_the_text() -> None:
    cta = (
        '<div class="kg-card kg-cta-card"><div class="kg-cta-text"><p>Enjoying the Gazette? Become a member to get '
        'every story in your inbox.</p></div><a href="#/portal/signup" class="kg-cta-button">Subscribe</a></div>'
    )
    html = page("", "<h1>River floods the lower town</h1>").replace("</div></article>", cta + "</div></article>")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text == "\n\n".join(PARAGRAPHS)
    # a long "cta" block is no call to action: a floated box that swallowed the text keeps it
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    swallowed = page("", "<h1>River floods the lower town</h1>").replace(
        f'<div class="article-body">{paragraphs}</div>',
        f'<div class="article-body"><p>{PARAGRAPHS[0]}</p><div class="cta float-l">'
        f"<p>Get the weekly digest.</p>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[1:] * 2)}</div></div>",
    )
    text = extract_article(swallowed, "https://example.org/a", fields=["body"])["body"]
    assert PARAGRAPHS[1] in text and PARAGRAPHS[3] in text


@pytest.mark.parametrize(
    ("mark", "note"),
    [
        ('<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a>', ""),  # a newsletter platform
        ('<sup class="fn"><a href="#a1b2" id="a1b2-link">1</a></sup>', ""),  # WordPress' footnotes block
        ('<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">[1]</a></sup>', ""),  # Markdown
        ('<sup class="reference"><a href="#cite_note-2">[2]</a></sup>', ""),  # a wiki
        (" (<a href='#nb1' class='spip_note'>1</a>)", " (1)"),  # a mark in the writer's own brackets stays
    ],
)
def test_body_drops_footnote_marks_and_keeps_the_notes(mark: str, note: str) -> None:
    notes = (
        '<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a>'
        '<div class="footnote-content"><p>The figures are those of the council\'s own minutes of May.</p></div></div>'
    )
    last = PARAGRAPHS[3].rstrip(".")
    html = page().replace(f"<p>{PARAGRAPHS[3]}</p>", f"<p>{last}{mark}.</p>{notes}")
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert text.endswith(f"{last}{note}.\n\nThe figures are those of the council's own minutes of May."), text[-200:]


def test_body_keeps_numbers_that_link_elsewhere_or_are_not_marks() -> None:
    """A linked number in the text that is no note mark: a page anchor without a note's name, a link away."""
    body = (
        f"<p>{PARAGRAPHS[0]} See table <a href='#t3'>3</a> and page <a href='/report/4'>4</a> of the report.</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    )
    html = page().replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS), body)
    text = extract_article(html, "https://example.org/a", fields=["body"])["body"]
    assert "See table 3 and page 4 of the report." in text

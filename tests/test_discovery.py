"""Unit tests of newscrawl.discovery: pure functions on URLs, small HTML and XML."""

import gzip
from datetime import UTC, datetime

import lxml.html
import pytest

from newscrawl import sites
from newscrawl.discovery import feeds, listing, pages, sitemaps, urls
from newscrawl.discovery.dates import parse_date, parse_since


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://s.example/tag/harbour/", "tag_page"),
        ("https://s.example/topics/climate", "tag_page"),
        ("https://s.example/author/jane-doe/", "author_page"),
        ("https://s.example/people/jane-doe", "author_page"),
        ("https://s.example/?s=harbour", "search_page"),
        ("https://s.example/search?q=x", "search_page"),
        ("https://s.example/about/", "static_page"),
        ("https://s.example/contact-us", "static_page"),
        ("https://s.example/datenschutz/", "static_page"),  # German service pages
        ("https://s.example/ueber-uns/kontakt/", "static_page"),
        ("https://s.example/aktuelles/wirtschaft/seite-2/", "paginated_page"),  # TYPO3's routed news pager
        ("https://s.example/category/world/", "listing_page"),
        ("https://s.example/2024/05/", "listing_page"),
        ("https://s.example/", "listing_page"),
        ("https://s.example/world/page/3/", "paginated_page"),
        ("https://s.example/world?page=2", "paginated_page"),
        ("https://s.example/2024/05/17/council-approves-budget/", None),
        ("https://s.example/world/harbour-plan-approved-9f8e7d", None),
        # script-driven sites: WordPress' plain permalinks and query variables, PHP portals
        ("https://s.example/?p=123", None),
        ("https://s.example/news?p=2", "paginated_page"),  # ?p=N is a post id on the home page only
        ("https://s.example/?page_id=2", "static_page"),
        ("https://s.example/?cat=5", "listing_page"),
        ("https://s.example/?tag=harbour", "tag_page"),
        ("https://s.example/?author=2", "author_page"),
        ("https://s.example/tag.php?t=harbour", "tag_page"),
        ("https://s.example/author.php?id=3", "author_page"),
        ("https://s.example/about.html", "static_page"),
        ("https://s.example/print.php?id=4521", "static_page"),
        ("https://s.example/list.php?sec=world&page=2", "paginated_page"),
        ("https://s.example/2024/05/17/story/index.html", None),
    ],
)
def test_page_kind(url, kind):
    assert urls.page_kind(url) == kind


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://s.example/2024/05/17/council-approves/", True),
        ("https://s.example/world/harbour-plan-approved-by-council", True),
        ("https://s.example/news/story-1234567", True),
        ("https://s.example/world/a1b2c3d4", True),
        ("https://s.example/world", False),
        ("https://s.example/tag/harbour-council-approves-x/", False),
        ("https://s.example/2024/05/", False),
        ("https://s.example/images/harbour-plan-approved.jpg", False),
        ("https://s.example/?p=123", True),
        ("https://s.example/article.php?id=4521", True),
        ("https://s.example/news/view.aspx?NewsID=88123", True),
        ("https://s.example/index.php?option=com_content&view=article&id=12:council-vote&catid=3", True),
        ("https://s.example/list.php?sec=world", False),
        ("https://s.example/article.php?id=latest", False),
        # a button's link to the article: like it, share it, answer a comment
        ("https://s.example/p/harbour-plan-approved-by-council?action=like", False),
        ("https://s.example/2024/05/17/council-approves/?share=twitter&nb=1", False),
        ("https://s.example/2024/05/17/council-approves/?replytocom=42", False),
    ],
)
def test_looks_like_article(url, article):
    assert urls.looks_like_article(url) is article


def test_canonical_guess_strips_tracking_session_and_amp():
    base = "https://s.example/2024/05/17/story/"
    assert urls.canonical_guess(base + "amp/") == base
    assert urls.canonical_guess(base + "?amp=1&utm_source=x") == base
    assert urls.canonical_guess(base + "?PHPSESSID=abc#more") == base
    assert urls.canonical_guess("https://s.example/a.amp.html") == "https://s.example/a.html"
    assert urls.canonical_guess("https://s.example/x?outputType=amp&b=2&a=1") == "https://s.example/x?a=1&b=2"
    assert urls.canonical_guess("https://s.example/amp/") == "https://s.example/amp/"


def test_listing_scope_page_number_and_calendar():
    assert urls.listing_scope("https://s.example/category/world/page/3/") == "/category/world"
    assert urls.listing_scope("https://s.example/world?page=2") == "/world"
    assert urls.listing_scope("https://s.example/page/2/") == ""
    # the query parameters that pick the listing are part of it; paging, tracking and ajax ones are not
    assert urls.listing_scope("https://s.example/list.php?sec=world&page=2&utm_source=x") == "/list.php?sec=world"
    assert urls.listing_scope("https://s.example/list.php?sec=sport") != urls.listing_scope("/list.php?sec=world")
    assert urls.listing_scope("https://s.example/world?_wrapper_format=drupal_ajax&page=1") == "/world"
    # a page of the listing may add parameters its first page did not have (a sort, an empty filter)
    assert urls.in_listing("https://s.example/news?category=&page=2", urls.listing_scope("https://s.example/news"))
    world = urls.listing_scope("https://s.example/list.php?sec=world")
    assert urls.in_listing("https://s.example/list.php?sort=date&sec=world&page=2", world)
    assert not urls.in_listing("https://s.example/list.php?sec=sport&page=2", world)
    assert not urls.in_listing("https://s.example/list.php?page=2", world)
    assert urls.page_number("https://s.example/world/page/3/") == 3
    assert urls.page_number("https://s.example/world?page=4") == 4
    # routed pagers of other CMSs: TYPO3's /seite-N/, /page-N, /pagina/N
    assert urls.listing_scope("https://s.example/aktuelles/wirtschaft/seite-3/") == "/aktuelles/wirtschaft"
    assert urls.page_number("https://s.example/aktuelles/wirtschaft/seite-3/") == 3
    assert urls.page_number("https://s.example/noticias/pagina/2") == 2
    assert urls.page_number("https://s.example/news/page-4") == 4
    assert urls.page_number("https://s.example/2024/05/seitenwechsel-im-rathaus-2/") is None
    assert urls.is_calendar("https://s.example/events/?month=2024-07")
    assert urls.is_calendar("https://s.example/archive?date=2024-05-17")
    assert urls.is_calendar("https://s.example/2024/05/page/2/")
    assert not urls.is_calendar("https://s.example/world?page=2")


LISTING = """<html><head><link rel="next" href="/category/world/page/2/"></head><body>
<header class="site-header"><nav><a href="/category/world/">World</a><a href="/category/business/">Business</a>
<a href="/tag/x/">x</a><a href="/about/">About</a></nav></header>
<main><article><header><h2><a href="/2024/05/17/first-story-here/?utm_source=x">First</a></h2>
<time datetime="2024-05-17T10:00:00+00:00">May 17</time></header></article>
<article><h2><a href="/2024/05/16/second-story-here/amp/">Second</a></h2><time datetime="2024-05-16">May 16</time></article>
<nav class="pagination"><a class="next" href="/category/world/page/2/">Next »</a></nav></main>
<aside class="widget-area"><a href="/2024/01/01/sidebar-story-here/">Recent</a></aside></body></html>"""


def test_article_links_of_main_content_with_card_dates():
    links = listing.article_links(tree(LISTING), "https://s.example/category/world/", ["s.example"])
    assert [link.url for link in links] == [
        "https://s.example/2024/05/17/first-story-here/",
        "https://s.example/2024/05/16/second-story-here/",
    ]
    assert links[0].date == datetime(2024, 5, 17, 10, tzinfo=UTC)


def test_next_page_forms():
    page = "https://s.example/category/world/"
    assert listing.next_page(tree(LISTING), page) == "https://s.example/category/world/page/2/"
    more = '<html><body><main><a class="css-x1" href="/world?page=2">Load more</a></main></body></html>'
    assert listing.next_page(tree(more), "https://s.example/world") == "https://s.example/world?page=2"
    button = '<html><body><button data-href="/world?page=3">Show more</button></body></html>'
    assert listing.next_page(tree(button), "https://s.example/world?page=2") == "https://s.example/world?page=3"
    numbers = '<html><body><a href="/world/page/1/">1</a><a href="/world/page/3/">3</a></body></html>'
    assert listing.next_page(tree(numbers), "https://s.example/world/page/2/") == "https://s.example/world/page/3/"
    other_listing = (
        '<html><body><a href="/business/">Next</a><a href="/world/story-of-the-day-here">more</a></body></html>'
    )
    assert listing.next_page(tree(other_listing), "https://s.example/world/") is None
    newer = '<html><body><a href="/world?page=1">Newer</a></body></html>'
    assert listing.next_page(tree(newer), "https://s.example/world?page=2") is None


def test_section_links_from_navigation():
    found = listing.section_links(tree(LISTING), "https://s.example/", ["s.example"])
    assert found == ["https://s.example/category/world/", "https://s.example/category/business/"]
    footer = '<footer><nav><a href="/corrections-policy">Corrections</a><a href="/world">World</a></nav></footer>'
    page = tree(f"<html><body><nav><a href='/world'>World</a></nav><main></main>{footer}</body></html>")
    assert listing.section_links(page, "https://s.example/", ["s.example"]) == ["https://s.example/world"]


def test_section_links_from_a_menu_outside_nav_and_rails_by_their_label():
    """A table layout: the menu is a div.menu, the sidebar a box headed "Latest news"."""
    page = tree(
        '<html><body><table><tr><td class="top"><div class="menu"><a href="index.php">Home</a> | '
        '<a href="list.php?sec=world">World</a> | <a href="list.php?sec=sport">Sport</a></div></td></tr>'
        '<tr><td><div class="news"><a class="title" href="article.php?id=11">A story of the section</a></div></td>'
        '<td><div class="box"><div class="boxtitle">Latest news</div><ul><li><a href="article.php?id=99">Elsewhere'
        "</a></li></ul></div></td></tr></table></body></html>"
    )
    page_url = "https://s.example/list.php?sec=world"
    assert listing.section_links(page, page_url, ["s.example"]) == [
        "https://s.example/list.php?sec=world",
        "https://s.example/list.php?sec=sport",
    ]
    assert [x.url for x in listing.article_links(page, page_url, ["s.example"])] == [
        "https://s.example/article.php?id=11"
    ]


def test_term_classes_of_a_card_are_not_furniture():
    # WordPress post_class() names the post's tags and categories: "tag-social-care" is not a share bar
    cards = (
        '<html><body><main><article class="post hentry category-promo tag-social-care tag-share-offer">'
        '<h2><a href="/2024/05/17/first-story-here/">First</a></h2></article>'
        '<div class="share-buttons"><a href="/2024/05/16/shared-story-here/">Share</a></div></main></body></html>'
    )
    links = listing.article_links(tree(cards), "https://s.example/category/world/", ["s.example"])
    assert [link.url for link in links] == ["https://s.example/2024/05/17/first-story-here/"]


def test_headline_links_of_cards_whatever_their_shape():
    page = (
        '<html><body><main><h1><a href="/world">World</a></h1>'
        '<div class="views-row"><h2><a href="/world/eastmere-harbour">Eastmere harbour</a></h2>'
        '<a href="/world/eastmere-harbour">Read more</a></div>'
        '<a href="/world/corrin-pier" rel="bookmark"><img src="/p.jpg"></a>'
        '<a href="/world/kestrel-mill">No heading</a><h3><a href="/tags/harbour">harbour</a></h3></main>'
        '<aside><h3><a href="/world/ivel-ferry">Most read</a></h3></aside></body></html>'
    )
    links = listing.article_links(tree(page), "https://s.example/world", ["s.example"])
    assert [link.url for link in links] == [
        "https://s.example/world/eastmere-harbour",
        "https://s.example/world/corrin-pier",
    ]


def test_later_listing_pages_never_fall_back_to_furniture_links():
    empty = (
        '<html><body><main><h1>Nothing Found</h1></main><aside class="widget-area">'
        '<a href="/2024/01/01/sidebar-story-here/">Recent</a></aside></body></html>'
    )
    page = "https://s.example/category/world/?paged=9"
    assert [x.url for x in listing.article_links(tree(empty), page, ["s.example"])] == [
        "https://s.example/2024/01/01/sidebar-story-here/"
    ]
    assert listing.article_links(tree(empty), page, ["s.example"], fallback=False) == []


def drupal_pager(current: int, pages: int) -> str:
    items = "".join(
        f'<li class="pager__item{" is-active" if n == current else ""}"><a href="?page={n}"'
        f'{" aria-current=page" if n == current else ""}><span class="visually-hidden">'
        f"{'Current page' if n == current else 'Page'}</span>{n + 1}</a></li>"
        for n in range(pages)
    )
    return f'<html><body><main><nav class="pager"><ul class="pager__items">{items}</ul></nav></main></body></html>'


def test_next_page_of_numbered_pagers_counting_from_zero_or_one():
    # Drupal views count ?page= from 0: the page after the first is ?page=1, labelled 2
    assert listing.next_page(tree(drupal_pager(0, 4)), "https://s.example/world") == "https://s.example/world?page=1"
    assert listing.next_page(tree(drupal_pager(1, 4)), "https://s.example/world?page=1") == (
        "https://s.example/world?page=2"
    )
    assert listing.next_page(tree(drupal_pager(3, 4)), "https://s.example/world?page=3") is None
    wordpress = (
        '<html><body><div class="nav-links"><a class="page-numbers" href="/category/world/">1</a>'
        '<span aria-current="page" class="page-numbers current">2</span>'
        '<a class="page-numbers" href="/category/world/page/3/">3</a></div></body></html>'
    )
    page = "https://s.example/category/world/page/2/"
    assert listing.next_page(tree(wordpress), page) == "https://s.example/category/world/page/3/"


def test_next_page_arrows_titles_and_older_posts():
    # Drupal's mini pager on the first page (0-based: the next is ?page=1), themed down to arrows
    mini = (
        '<html><body><ul class="pager__items"><li class="pager__item is-active">Page 1</li><li class="pager__item '
        'pager__item--next"><a href="?page=1" title="Go to next page"><span aria-hidden="true">››</span></a></li>'
        "</ul></body></html>"
    )
    assert listing.next_page(tree(mini), "https://s.example/env") == "https://s.example/env?page=1"
    titled = '<html><body><a href="?page=1" title="Go to next page"><svg></svg></a></body></html>'
    assert listing.next_page(tree(titled), "https://s.example/env") == "https://s.example/env?page=1"
    older = (
        '<html><body><nav class="navigation posts-navigation"><div class="nav-previous"><a href="/category/s/page/3/">'
        'Older posts</a></div><div class="nav-next"><a href="/category/s/">Newer posts</a></div></nav></body></html>'
    )
    assert listing.next_page(tree(older), "https://s.example/category/s/page/2/") == (
        "https://s.example/category/s/page/3/"
    )
    paged = '<html><body><a class="next page-numbers" href="/category/b/?paged=3">Next page &raquo;</a></body></html>'
    assert listing.next_page(tree(paged), "https://s.example/category/b/?paged=2") == (
        "https://s.example/category/b/?paged=3"
    )


def test_drupal_paths():
    assert urls.looks_like_article("https://s.example/node/1234")
    assert not urls.looks_like_article("https://s.example/node/1234/edit")
    assert urls.page_kind("https://s.example/taxonomy/term/12") == "tag_page"


BODY = " ".join(f"Sentence {i} of the story tells the reader what the council decided and why." for i in range(20))


def article_html(head: str = "", date: bool = True, h1: bool = True) -> str:
    return (
        f"<html><head>{head}</head><body><header class='site-header'><nav><a href='/'>Home</a></nav></header>"
        f"<main><article>{'<h1>Council decides</h1>' if h1 else ''}"
        f"{'<time datetime=2024-05-17>May 17</time>' if date else ''}<div><p>{BODY}</p><p>{BODY}</p></div>"
        "</article></main></body></html>"
    )


def test_classify_articles_by_structured_data_or_text():
    url = "https://s.example/world/council-decides-on-the-budget"
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2024-05-17"}]}</script>'
    assert pages.classify_page(tree(article_html(ld, date=False)), url) == pages.Verdict(True, "structured")
    assert pages.classify_page(tree(article_html()), url) == pages.Verdict(True, "heuristic")
    assert pages.classify_page(tree(article_html(date=False)), url) == pages.Verdict(False, "no_date")
    shown = article_html(date=False).replace("</h1>", "</h1><div class='info'>14.05.2024 10:30 | By Ada Ashdown</div>")
    assert pages.classify_page(tree(shown), url) == pages.Verdict(True, "heuristic")  # a date printed under it
    assert pages.classify_page(tree(article_html(h1=False)), url) == pages.Verdict(False, "no_headline")
    event = '<script type="application/ld+json">{"@type": "Event"}</script>'
    assert pages.classify_page(tree(article_html(event)), url) == pages.Verdict(False, "not_article_type")
    profile = '<meta property="og:type" content="profile">'
    assert pages.classify_page(tree(article_html(profile)), url).reason == "not_article_type"
    assert pages.classify_page(tree(article_html(ld)), "https://s.example/tag/budget/").reason == "tag_page"
    assert pages.classify_page(tree(LISTING), url).is_article is False


def test_a_page_that_is_not_an_article_is_a_listing_or_thin_by_its_link_density():
    url = "https://s.example/world/council-decides-on-the-budget"
    links = "".join(f"<li><a href='/world/story-{i}'>Story number {i} of the day</a></li>" for i in range(40))
    many = f"<html><body><h1>World</h1><ul>{links}</ul><p>Short text.</p></body></html>"
    few = "<html><body><h1>World</h1><p>Short text, one <a href='/a'>link</a>.</p></body></html>"
    assert pages.classify_page(tree(many), url) == pages.Verdict(False, "listing_page")
    assert pages.classify_page(tree(few), url) == pages.Verdict(False, "thin_page")
    assert pages.page_link_density(tree(many)) > 0.8


def test_sitemap_with_news_block_index_and_gzip():
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://s.example/a</loc>
    <lastmod>2024-05-01</lastmod><news:news><news:publication><news:name>S</news:name></news:publication>
    <news:publication_date>2024-05-02T10:00:00+02:00</news:publication_date><news:title>A &amp; B</news:title>
    </news:news></url><url><loc>https://s.example/b</loc></url></urlset>"""
    kind, entries = sitemaps.parse_sitemap(gzip.compress(body))
    assert kind == "urlset" and [e.url for e in entries] == ["https://s.example/a", "https://s.example/b"]
    assert entries[0].published == datetime(2024, 5, 2, 8, tzinfo=UTC) and entries[0].title == "A & B"
    assert entries[0].date == entries[0].published and entries[1].date is None
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://s.example/s1.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap></sitemapindex>'
    kind, entries = sitemaps.parse_sitemap(index)
    assert kind == "sitemapindex" and entries[0].lastmod == datetime(2024, 1, 1, tzinfo=UTC)
    assert sitemaps.parse_sitemap(b"<html><body>no</body></html>") == ("", [])
    assert sitemaps.parse_sitemap(b"") == ("", [])
    with pytest.raises(sitemaps.SitemapError):
        sitemaps.parse_sitemap(gzip.compress(b" " * 5000), max_bytes=1000)
    assert len(sitemaps.parse_sitemap(body, max_entries=1)[1]) == 1


def test_sitemap_never_expands_entities():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">
    <!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>https://s.example/&b;&e;</loc></url></urlset>"""
    _, entries = sitemaps.parse_sitemap(bomb)
    assert all("aaaa" not in e.url and "root:" not in e.url for e in entries)


def test_sitemaps_from_robots():
    robots = b"User-agent: *\nDisallow: /x\nSitemap: /wp-sitemap.xml\nsitemap: https://s.example/news.xml\n"
    assert sitemaps.sitemaps_from_robots(robots, "https://s.example/robots.txt") == [
        "https://s.example/wp-sitemap.xml",
        "https://s.example/news.xml",
    ]


def test_rss_atom_and_autodiscovery():
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><link>/a</link>
    <pubDate>Thu, 02 May 2024 10:00:00 +0200</pubDate></item><item><guid>https://s.example/b</guid></item>
    <item><guid isPermaLink="false">tag:1</guid></item></channel></rss>"""
    entries = feeds.parse_feed(rss, "https://s.example/")
    assert [e.url for e in entries] == ["https://s.example/a", "https://s.example/b"]
    assert entries[0].published == datetime(2024, 5, 2, 8, tzinfo=UTC)
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>
    <link rel="self" href="https://s.example/api/1"/><link rel="alternate" type="text/html" href="https://s.example/c"/>
    <updated>2024-05-03T00:00:00Z</updated></entry></feed>"""
    (entry,) = feeds.parse_feed(atom)
    assert entry.url == "https://s.example/c" and entry.published == datetime(2024, 5, 3, tzinfo=UTC)
    assert feeds.parse_feed(b"<html><body>not a feed</body></html>") == []
    page = tree(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/comments/feed/">'
        '<link rel="alternate" type="application/atom+xml" href="/atom.xml"><link rel="stylesheet" href="/s.css">'
        "</head><body></body></html>"
    )
    assert feeds.feed_links(page, "https://s.example/") == [
        "https://s.example/atom.xml",
        "https://s.example/comments/feed/",
    ]


def test_feed_next_page_rfc5005_and_wordpress():
    rfc = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="/feed.atom?p=2"/>
    <entry><link href="https://s.example/c"/></entry></feed>"""
    assert feeds.next_page(rfc, "https://s.example/feed.atom") == "https://s.example/feed.atom?p=2"
    wordpress = b"""<?xml version="1.0"?><rss version="2.0"><channel><generator>https://wordpress.org/?v=6.5</generator>
    <item><link>https://s.example/a</link></item></channel></rss>"""
    assert feeds.next_page(wordpress, "https://s.example/feed/") == "https://s.example/feed/?paged=2"
    assert feeds.next_page(wordpress, "https://s.example/feed/?paged=2") == "https://s.example/feed/?paged=3"
    assert feeds.next_page(wordpress, "https://s.example/comments/feed/") is None
    hidden = (  # a security plugin removed <generator>; WordPress' RSS namespaces are still there
        b'<?xml version="1.0"?><rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        b'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel><item><link>https://s.example/a</link>'
        b"</item></channel></rss>"
    )
    assert feeds.next_page(hidden, "https://s.example/feed/") == "https://s.example/feed/?paged=2"
    other = wordpress.replace(b"https://wordpress.org/?v=6.5", b"Drupal 10")
    assert feeds.next_page(other, "https://s.example/rss.xml") is None
    assert feeds.next_page(b"<html>no</html>", "https://s.example/feed/") is None


def test_dates_and_since():
    assert parse_date("2024-05-17") == datetime(2024, 5, 17, tzinfo=UTC)
    assert parse_date("Fri, 17 May 2024 10:00:00 GMT") == datetime(2024, 5, 17, 10, tzinfo=UTC)
    assert parse_date("yesterday") is None and parse_date(None) is None
    assert parse_since("2024-05-01") == datetime(2024, 5, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_since("last week")


def test_profile_for_a_url():
    whole = sites.for_url("https://News.Example.org/")
    assert (whole.key, whole.shape, whole.generic) == ("news.example.org", "site", True)
    assert whole.discovery == ("sections", "feeds", "sitemaps")
    section = sites.for_url("https://news.example.org:8443/category/world/?utm_source=x")
    assert section.shape == "section" and section.domains == ["news.example.org"]
    assert section.section_urls == ["https://news.example.org:8443/category/world/?utm_source=x"]
    with pytest.raises(sites.ProfileError):
        sites.for_url("ftp://news.example.org/")


def test_profile_discovery_key(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        'name = "P"\nbase_url = "https://p.example/"\nsections = ["/world/"]\ndiscovery = ["sections", "feeds"]\n'
    )
    profile = sites.load(str(path))
    assert profile.discovery == ("sections", "feeds") and profile.listing == {} and not profile.generic
    path.write_text('name = "P"\nbase_url = "https://p.example/"\nsections = ["/world/"]\ndiscovery = ["rumours"]\n')
    with pytest.raises(sites.ProfileError, match="discovery"):
        sites.load(str(path))


def test_blogger_cursor_paging_stays_in_the_label_listing():
    label = "https://b.example/search/label/World"
    older = f"{label}?updated-max=2024-05-28T16:32:00.000-07:00&max-results=7"
    assert urls.listing_scope(older) == urls.listing_scope(label) == "/search/label/world"
    assert urls.listing_scope(f"{older}&reverse-paginate=true") == urls.listing_scope(label)
    assert urls.page_number(older) is None  # max-results=7 is a page size, not page 7
    page = (
        "<html><body><div class='main section' id='main'><div class='widget Blog' id='Blog1'>"
        "<div class='blog-posts hfeed'><div class='post hentry'><h3 class='post-title entry-title'>"
        "<a href='https://b.example/2024/05/quiet-harbour-ferry-returns.html'>Ferry</a></h3></div></div>"
        f"<div class='blog-pager'><a class='blog-pager-older-link' href='{older}' title='Older Posts'>Older Posts</a>"
        "</div></div></div><aside><div class='widget PopularPosts'><a href='https://b.example/2023/01/old-popular-"
        "story-here.html'>Old</a></div></aside></body></html>"
    )
    assert listing.next_page(tree(page), label) == older


def test_a_widget_holding_the_posts_is_content_not_furniture():
    """Blogger makes every block a widget, its posts too (div.widget.Blog): the posts' links are the
    listing's on every page, and a sidebar widget stays furniture."""
    page = (
        "<html><body><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'><div class='post hentry'>"
        "<h3 class='post-title entry-title'><a href='/2024/05/quiet-harbour-ferry-returns.html'>Ferry</a></h3>"
        "</div></div></div><div class='widget PopularPosts'><ul><li><a href='/2023/01/old-popular-story-here.html'>"
        "Old</a></li></ul></div></body></html>"
    )
    got = listing.article_links(
        tree(page), "https://b.example/search/label/World?updated-max=x", ["b.example"], fallback=False
    )
    assert [x.url for x in got] == ["https://b.example/2024/05/quiet-harbour-ferry-returns.html"]
    assert listing.is_chrome(tree(page).xpath("//div[@id='Blog1']")[0]) is False
    assert listing.is_chrome(tree(page).xpath("//div[contains(@class, 'PopularPosts')]")[0]) is True


def test_text_broken_by_br_is_a_body():
    """Older Blogger posts (and hand-built pages) break paragraphs with <br><br>, not <p>."""
    text = "<br /><br />".join([BODY, BODY])
    html = article_html().replace(f"<div><p>{BODY}</p><p>{BODY}</p></div>", f"<div class='post-body'>{text}</div>")
    assert "<p>" not in html
    url = "https://b.example/2024/05/council-decides-on-the-budget.html"
    assert pages.classify_page(tree(html), url) == pages.Verdict(True, "heuristic")


def test_a_newsletter_platform_s_cards_post_and_load_more_button():
    """A newsletter platform's post is ``article.newsletter-post`` and a card's title link
    ``a.post-preview-title.newsletter``: the furniture word names the kind of post. The box that holds the
    headline is content; a story linked from furniture first and from the card after is the listing's;
    like/restack buttons are not stories; "Load more" without a URL is the script's pager."""
    card = (
        "<div class='post-preview'><a class='post-preview-title newsletter' href='/p/harbour-ferry-returns-in-may'>"
        "Ferry</a><a class='post-preview-description' href='/p/harbour-ferry-returns-in-may'>Why it came back</a>"
        "<a class='like-button' href='/p/harbour-ferry-returns-in-may?action=like'>12</a>"
        "<a class='post-ufi-comment-button' href='/p/harbour-ferry-returns-in-may/comments'>3</a></div>"
    )
    more = "<button class='button load-more' type='button'>Load more</button>"
    page = (
        f"<html><body><div class='archive-page'><h1>World</h1><div class='list'>{card}</div>{more}</div></body></html>"
    )
    got = listing.article_links(tree(page), "https://n.example/s/world", ["n.example"], fallback=False)
    assert [x.url for x in got] == ["https://n.example/p/harbour-ferry-returns-in-may"]
    assert listing.next_page(tree(page), "https://n.example/s/world") is None
    assert listing.script_pager(tree(page)) is True
    paged = page.replace(more, "<a class='load-more' href='/s/world?page=2'>Load more</a>")
    assert listing.script_pager(tree(paged)) is False
    post = article_html().replace("<article>", "<article class='typography newsletter-post post'>")
    url = "https://n.example/p/council-decides-on-the-budget"
    assert pages.classify_page(tree(post), url) == pages.Verdict(True, "heuristic")
    signup = "<div class='newsletter-signup'><p>" + BODY + "</p></div>"  # no headline inside: still furniture
    assert listing.is_chrome(tree(signup).xpath("//div")[0]) is True

"""A WordPress-like blog: /YYYY/MM/DD/slug/ posts; a magazine front page (a sticky post and the
latest posts of each category, no paging); category archives paged four ways, as themes do it
(numbered ``.page-numbers`` only, ``?paged=N`` with "Next page »", "Older posts" in ``.nav-previous``,
``rel=next``), ``post_class()`` card classes (``tag-social-care``...); a category no menu links to,
whose posts only the sitemaps and the paged feed (``/feed/?paged=N``) list, some of them noindexed
(left out of the sitemaps: the feed alone lists them); tag, author and date archives, ?s= search,
RSS autodiscovery, robots.txt -> Yoast ``sitemap_index.xml`` (``post-sitemap.xml``,
``post-sitemap2.xml``, ...; ``wp-sitemap.xml`` redirects there), AMP twins, tracking and session-id
link variants, a syndicated copy; traps: an events calendar that goes on forever, and a theme whose
``?paged=N`` beyond the last page answers 200 "Nothing Found" with another "Next page »"."""

from __future__ import annotations

import secrets
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from tests.sites.base import (
    NOT_FOUND,
    NOW,
    Article,
    Page,
    TestSite,
    esc,
    html_page,
    ld_json,
    make_articles,
    slugify,
    xml_page,
)

SECTIONS = ["world", "business", "science", "culture"]
HIDDEN = "notices"  # a category no menu links to: its posts are listed by the sitemaps and feed only
PER_PAGE = 10
FEED_SIZE = 10  # WordPress' default posts_per_rss
# How each category's archive pages (docs/discovery.md "Next page"); the home page is not paged.
PAGER = {"world": "numbers", "business": "paged", "science": "older", "culture": "rel-next", HIDDEN: "rel-next"}
# post_class() puts a post's terms on its card: tokens such as "social" or "share" are not furniture.
EXTRA_TAGS = {2: "social care", 5: "share offer", 7: "popular vote"}
SITE_NAME = "The Riverside Ledger"


def _month_add(ym: str, delta: int) -> str:
    year, month = (int(x) for x in ym.split("-"))
    n = year * 12 + month - 1 + delta
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


class WordPressSite(TestSite):
    name = "wordpress"

    def __init__(self, n_articles: int = 150, seed: int = 7) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=120)
        for a in self.articles:
            a.path = f"/{a.published:%Y/%m/%d}/{slugify(a.headline)}/"
            if a.id % 25 == 12:
                a.section = HIDDEN
            if a.id % 9 in EXTRA_TAGS:
                a.tags = sorted({*a.tags, EXTRA_TAGS[a.id % 9]})
        # Noindexed posts: in archives and feeds, not in the sitemaps.
        self.noindex = {a.id for a in self.articles if a.section == HIDDEN and a.id % 50 == 12}
        self.sticky = self.articles[len(self.articles) // 3].id
        # A wire story published twice: the copy in another section has the same body.
        self._set_up(57, 40, "wire:", lambda c: f"/{c.published:%Y/%m/%d}/{slugify(c.headline)}/")
        self.section_paths = {s: f"/category/{s}/" for s in SECTIONS}
        self.non_article_paths = [
            "/about/", "/contact/", "/privacy-policy/", "/our-story/", "/?s=harbour",
            *(f"/tag/{slugify(t)}/" for t in self.tags), *(f"/author/{slugify(n)}/" for n in self.authors),
        ]  # fmt: skip

    def is_trap(self, path: str) -> bool:
        """The calendar, and archive pages beyond the last one (``?paged=N`` or ``/page/N/``)."""
        if path.startswith("/events"):
            return True
        parts = urlsplit(path)
        bits = parts.path.strip("/").split("/")
        if len(bits) < 2 or bits[0] != "category" or bits[1] not in PAGER:
            return False
        page = self._page_of(bits, parse_qs(parts.query))
        arts = [a for a in self.articles if a.section == bits[1]]
        return page is not None and page > max(1, -(-len(arts) // PER_PAGE))

    @staticmethod
    def _page_of(bits: list[str], query: dict[str, list[str]]) -> int | None:
        paged = query.get("paged", [""])[0]
        if paged:
            return int(paged) if paged.isdigit() else None
        if len(bits) == 4 and bits[2] == "page":
            return int(bits[3]) if bits[3].isdigit() else None
        return 1 if len(bits) == 2 else None

    def related_truth(self, article: Article) -> list[str]:
        return [a.path for a in self.related_picks(article, 3)]

    # --- chrome ---

    def _head(self, base: str, title: str, canonical: str, extra: str = "") -> str:
        return (
            f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{esc(title)} – {SITE_NAME}</title>'
            f'<link rel="canonical" href="{base.rstrip("/")}{canonical}">'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &raquo; Feed" href="{base}feed/">'
            f'<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="{base}comments/feed/">'
            f"{extra}</head>"
        )

    def _header(self) -> str:
        nav = "".join(f'<li><a href="/category/{s}/">{s.title()}</a></li>' for s in SECTIONS)
        return (
            '<body class="wp-site"><div id="page" class="site"><header id="masthead" class="site-header">'
            f'<p class="site-title"><a href="/" rel="home">{SITE_NAME}</a></p>'
            '<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
            f'<li><a href="/">Home</a></li>{nav}<li><a href="/events/">Events</a></li>'
            '<li><a href="/about/">About</a></li><li><a href="/contact/">Contact</a></li></ul></nav>'
            '<form role="search" action="/"><input name="s"></form><a href="/?s=harbour">Search</a></header>'
        )

    def _sidebar(self) -> str:
        recent = "".join(f'<li><a href="{a.path}">{esc(a.headline)}</a></li>' for a in self.newest[:5])
        months = "".join(f'<li><a href="/2024/{m:02d}/">2024-{m:02d}</a></li>' for m in range(6, 1, -1))
        return (
            '<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">'
            f"<h2>Recent Posts</h2><ul>{recent}</ul></section>"
            '<section class="widget widget_calendar"><table id="wp-calendar"><caption>June 2024</caption>'
            '<tfoot><tr><td><a href="/2024/05/">« May</a></td></tr></tfoot></table></section>'
            f'<section class="widget widget_archive"><ul>{months}</ul></section></aside>'
        )

    def _footer(self) -> str:
        return (
            '<footer id="colophon" class="site-footer"><a href="/privacy-policy/">Privacy Policy</a> '
            '<a href="/our-story/">Our story</a> <a href="/feed/">RSS</a></footer></div></body></html>'
        )

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        p = parts.path
        if p == "/robots.txt":
            return Page(
                200, "text/plain", f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: {base}sitemap_index.xml\n".encode()
            )
        if p == "/" and "s" in query:
            return self._search(base, query["s"][0])
        if p == "/":
            return self._front(base)
        if p.startswith("/category/"):
            bits = p.strip("/").split("/")
            if len(bits) < 2 or bits[1] not in PAGER:
                return NOT_FOUND
            arts = [a for a in self.newest if a.section == bits[1]]
            if len(bits) == 3 and bits[2] == "feed":
                return self._feed(base, arts[:FEED_SIZE])
            page = self._page_of(bits, query)
            if page is None:
                return NOT_FOUND
            return self._listing(
                base, arts, f"/category/{bits[1]}/", page, bits[1].title(), "CollectionPage", PAGER[bits[1]]
            )
        if p.startswith("/tag/"):
            tag = p.strip("/").split("/")[1]
            arts = [a for a in self.newest if tag in {slugify(t) for t in a.tags}]
            return self._listing(base, arts, f"/tag/{tag}/", 1, f"Tag: {tag}", "CollectionPage") if arts else NOT_FOUND
        if p.startswith("/author/"):
            slug = p.strip("/").split("/")[1]
            arts = [a for a in self.newest if a.author_slug == slug]
            return (
                self._listing(base, arts, f"/author/{slug}/", 1, f"Author: {slug}", "ProfilePage")
                if arts
                else NOT_FOUND
            )
        if p in ("/about/", "/contact/", "/privacy-policy/", "/our-story/"):
            return self._static(base, p)
        if p == "/feed/":
            paged = query.get("paged", ["1"])[0]
            page = int(paged) if paged.isdigit() and int(paged) > 0 else 1
            chunk = self.newest[(page - 1) * FEED_SIZE : page * FEED_SIZE]
            return self._feed(base, chunk) if chunk else NOT_FOUND
        if p == "/comments/feed/":
            return self._feed(base, self.newest[:5], comments=True)
        if p.startswith("/wp-sitemap"):  # Yoast replaces the core sitemaps
            return Page(301, "text/html", b"", {"Location": f"{base}sitemap_index.xml"})
        if p.endswith("sitemap.xml") or p.endswith("sitemap2.xml") or p == "/sitemap_index.xml":
            return self._sitemap(base, p)
        if p.startswith("/events/"):
            return self._events(base, p, query)
        if p in self.by_path:
            return self._article(base, self.by_path[p])
        if p.endswith("/amp/") and p[: -len("amp/")] in self.by_path:
            return self._amp(base, self.by_path[p[: -len("amp/")]])
        bits = p.strip("/").split("/")
        if 1 <= len(bits) <= 4 and all(b.isdigit() for b in bits):  # date archives, e.g. /2024/05/
            prefix = "/" + "/".join(bits) + "/"
            arts = [a for a in self.newest if a.path.startswith(prefix)]
            page = int(bits[-1]) if len(bits) >= 3 and bits[-2] == "page" else 1
            return self._listing(base, arts, prefix, page, f"Archive {prefix}", "CollectionPage")
        return NOT_FOUND

    def _card(self, a: Article, n: int) -> str:
        href = a.path
        if n % 7 == 3:
            href += "?utm_source=home&utm_medium=web"
        elif n % 11 == 5:
            href += f"?PHPSESSID={secrets.token_hex(8)}"  # a fresh session id on every render
        elif n % 13 == 8:
            href += "amp/"
        return (
            f'<article id="post-{a.id}" class="{self._post_class(a)}">'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{href}" rel="bookmark">{esc(a.headline)}</a>'
            f'</h2><div class="entry-meta"><time class="entry-date published" datetime="{a.published.isoformat()}">'
            f'{a.published:%B %d, %Y}</time> by <a href="/author/{a.author_slug}/">{esc(a.author)}</a>'
            f' in <a href="/category/{a.section}/" rel="category tag">{a.section.title()}</a></div></header>'
            f'<div class="entry-summary"><p>{esc(a.teaser)} <a class="more-link" href="{a.path}#more">Continue reading'
            "</a></p></div></article>"
        )

    def _post_class(self, a: Article) -> str:
        classes = f"post-{a.id} post type-post status-publish format-standard hentry category-{a.section}"
        return classes + "".join(f" tag-{slugify(t)}" for t in a.tags) + (" sticky" if a.id == self.sticky else "")

    def _front(self, base: str) -> Page:
        """A magazine front page: the sticky post, then each menu category's latest posts; not paged."""
        sticky = self.articles[self.sticky]
        blocks = "".join(
            f'<section class="wp-block-group category-block"><h2 class="wp-block-heading">{s.title()}</h2>'
            + "".join(self._card(a, a.id) for a in [a for a in self.newest if a.section == s][:3])
            + f'<p><a class="wp-block-button__link" href="/category/{s}/">More {s.title()} news</a></p></section>'
            for s in SECTIONS
        )
        body = (
            f"{self._head(base, SITE_NAME, '/', '<meta property=og:type content=website>')}{self._header()}"
            f'<div id="content" class="site-content"><main id="main" class="site-main"><h1 class="screen-reader-text">'
            f"{SITE_NAME}</h1>{self._card(sticky, sticky.id)}{blocks}</main>{self._sidebar()}</div>{self._footer()}"
        )
        return html_page(body)

    @staticmethod
    def _pager(style: str, root: str, page: int, pages: int) -> str:
        """The archive's page links, as the theme prints them."""

        def url(n: int) -> str:
            if style == "paged":
                return root if n == 1 else f"{root}?paged={n}"
            return root if n == 1 else f"{root}page/{n}/"

        if style == "older":  # the_posts_navigation(): "Older posts" sits in .nav-previous
            older = f'<div class="nav-previous"><a href="{url(page + 1)}">Older posts</a></div>' if page < pages else ""
            newer = f'<div class="nav-next"><a href="{url(page - 1)}">Newer posts</a></div>' if page > 1 else ""
            return f'<nav class="navigation posts-navigation" aria-label="Posts"><div class="nav-links">{older}{newer}</div></nav>'
        if style == "paged":  # a theme on plain query paging; it prints "Next page" on every page
            prev = f'<a class="prev page-numbers" href="{url(page - 1)}">&laquo; Previous page</a>' if page > 1 else ""
            return f'<div class="nav-links">{prev} <a class="next page-numbers" href="{url(page + 1)}">Next page &raquo;</a></div>'
        items = []  # paginate_links(): end_size 1, mid_size 1, dots between
        for n in range(1, pages + 1):
            if n == page:
                items.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            elif n in (1, pages) or abs(n - page) <= 1:
                items.append(f'<a class="page-numbers" href="{url(n)}">{n}</a>')
            elif items[-1] != '<span class="page-numbers dots">&hellip;</span>':
                items.append('<span class="page-numbers dots">&hellip;</span>')
        if style == "rel-next":
            if page > 1:
                items.insert(0, f'<a class="prev page-numbers" href="{url(page - 1)}">&laquo; Previous</a>')
            if page < pages:
                items.append(f'<a class="next page-numbers" href="{url(page + 1)}">Next &raquo;</a>')
        return f'<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{" ".join(items)}</div></nav>'

    def _listing(
        self,
        base: str,
        arts: list[Article],
        root: str,
        page: int,
        title: str,
        ld_type: str | None,
        style: str = "rel-next",
    ) -> Page:
        pages = max(1, -(-len(arts) // PER_PAGE))
        here = root if page == 1 else (f"{root}?paged={page}" if style == "paged" else f"{root}page/{page}/")
        if page > pages and style == "paged":  # the theme's empty page, with its "Next page" still there
            return html_page(
                f"{self._head(base, title, here)}{self._header()}<main id='main' class='site-main'>"
                f'<section class="no-results not-found"><h1 class="page-title">Nothing Found</h1><p>It seems we can'
                f"&rsquo;t find what you&rsquo;re looking for.</p></section>{self._pager(style, root, page, pages)}"
                f"</main>{self._sidebar()}{self._footer()}"
            )
        if page > pages:
            return NOT_FOUND
        chunk = arts[(page - 1) * PER_PAGE : page * PER_PAGE]
        extra = ""
        if style == "rel-next" and page < pages:
            extra = f'<link rel="next" href="{base.rstrip("/")}{root}page/{page + 1}/">'
        extra += ld_json({"@context": "https://schema.org", "@type": ld_type}) if ld_type else ""
        extra += '<meta property="og:type" content="website">'
        cards = "".join(self._card(a, a.id) for a in chunk)
        body = (
            f'{self._head(base, title, here, extra)}{self._header()}<div id="content" class="site-content">'
            f'<main id="main" class="site-main"><header class="page-header"><h1 class="page-title">{esc(title)}</h1>'
            f"</header>{cards}{self._pager(style, root, page, pages)}"
            f"</main>{self._sidebar()}</div>{self._footer()}"
        )
        return html_page(body)

    def _search(self, base: str, term: str) -> Page:
        arts = [a for a in self.newest if term.lower() in a.headline.lower()][:PER_PAGE]
        cards = "".join(self._card(a, a.id) for a in arts)
        return html_page(
            f"{self._head(base, 'Search', '/?s=' + esc(term))}{self._header()}<main id='main'>"
            f"<h1>Search results for {esc(term)}</h1>{cards}</main>{self._footer()}"
        )

    def _static(self, base: str, path: str) -> Page:
        title = path.strip("/").replace("-", " ").title()
        text = " ".join(
            f"The {SITE_NAME} has reported on the river towns since its first pamphlet, and this page tells readers "
            f"how to reach the newsroom, how corrections are handled and who pays for the work, paragraph {i}."
            for i in range(6)
        )
        return html_page(
            f"{self._head(base, title, path, '<meta property=og:type content=website>')}{self._header()}"
            f'<main id="main"><article class="page"><h1 class="entry-title">{title}</h1><div class="entry-content">'
            f"<p>{text}</p><p>{text}</p></div></article></main>{self._sidebar()}{self._footer()}"
        )

    def _article(self, base: str, a: Article) -> Page:
        url = base.rstrip("/") + a.path
        ld = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "Article", "headline": a.headline, "datePublished": a.published.isoformat(),
                 "author": {"@type": "Person", "name": a.author}, "articleSection": a.section.title(),
                 "mainEntityOfPage": url},
                {"@type": "WebPage", "@id": url, "url": url},
                {"@type": "Person", "name": a.author},
            ],
        }  # fmt: skip
        extra = (
            f'<link rel="amphtml" href="{url}amp/"><meta property="og:type" content="article">'
            f'<meta property="og:url" content="{url}"><meta property="og:title" content="{esc(a.headline)}">'
            f'<meta property="article:published_time" content="{a.published.isoformat()}">'
            f'<meta property="article:section" content="{a.section.title()}">{ld_json(ld)}'
        )
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        tags = ", ".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in a.tags)
        idx = self.newest.index(a)
        prev_link = self.newest[idx + 1].path if idx + 1 < len(self.newest) else "/"
        body = (
            f"{self._head(base, a.headline, a.path, extra)}{self._header()}<div id='content'><main id='main'>"
            f'<article id="post-{a.id}" class="{self._post_class(a)}"><header class="entry-header"><h1 class="entry-title">'
            f'{esc(a.headline)}</h1><div class="entry-meta"><span class="byline">By <a class="url fn n" '
            f'href="/author/{a.author_slug}/">{esc(a.author)}</a></span> <time class="entry-date published" '
            f'datetime="{a.published.isoformat()}">{a.published:%B %d, %Y}</time></div></header>'
            f'<div class="entry-content">{paras}{self._related(a)}</div>'
            f'<footer class="entry-footer">Tags: {tags}</footer></article>'
            f'<nav class="navigation post-navigation"><a href="{prev_link}" rel="prev">Previous post</a></nav>'
            f"</main>{self._sidebar()}</div>{self._footer()}"
        )
        return html_page(body)

    def _related(self, a: Article) -> str:
        """Jetpack's "Related" block, as the plugin renders it (with its click-tracking parameters)."""
        picks = self.related_picks(a, 3)
        if not picks:
            return ""
        posts = "".join(
            f'<div class="jp-relatedposts-post jp-relatedposts-post{n} jp-relatedposts-post-thumbs" '
            f'data-post-id="{r.id}" data-post-format="false">'
            f'<a class="jp-relatedposts-post-a" href="{r.path}?relatedposts_hit=1&amp;relatedposts_origin={a.id}'
            f'&amp;relatedposts_position={n}" title="{esc(r.headline)}" rel="" data-origin="{a.id}" '
            f'data-position="{n}"><img class="jp-relatedposts-post-img" src="/wp-content/uploads/{r.id}.jpg" '
            f'width="350" alt="{esc(r.headline)}"></a><h4 class="jp-relatedposts-post-title">'
            f'<a class="jp-relatedposts-post-a" href="{r.path}?relatedposts_hit=1&amp;relatedposts_origin={a.id}'
            f'&amp;relatedposts_position={n}" title="{esc(r.headline)}">{esc(r.headline)}</a></h4>'
            f'<p class="jp-relatedposts-post-excerpt">{esc(r.teaser)}</p>'
            f'<p class="jp-relatedposts-post-date">{r.published:%B %d, %Y}</p>'
            f'<p class="jp-relatedposts-post-context">In &quot;{r.section.title()}&quot;</p></div>'
            for n, r in enumerate(picks)
        )
        return (
            '<div id="jp-relatedposts" class="jp-relatedposts" style="display: block;">'
            '<h3 class="jp-relatedposts-headline"><em>Related</em></h3>'
            f'<div class="jp-relatedposts-items jp-relatedposts-items-visual jp-relatedposts-grid">{posts}</div></div>'
        )

    def _amp(self, base: str, a: Article) -> Page:
        url = base.rstrip("/") + a.path
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        return html_page(
            f'<!DOCTYPE html><html amp lang="en"><head><meta charset="utf-8"><link rel="canonical" href="{url}">'
            f"<title>{esc(a.headline)}</title></head><body><h1>{esc(a.headline)}</h1>"
            f'<time datetime="{a.published.isoformat()}"></time>{paras}</body></html>'
        )

    def _feed(self, base: str, arts: list[Article], comments: bool = False) -> Page:
        items = "".join(
            f"<item><title>{esc(a.headline)}</title><link>{base.rstrip('/')}{a.path}{'#comment-2' if comments else ''}</link>"
            f'<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate><guid isPermaLink="false">{base}?p={a.id}</guid>'
            f"<description>{esc(a.teaser)}</description></item>"
            for a in arts
        )
        return xml_page(
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
            f'<channel><title>{SITE_NAME}</title><atom:link href="{base}feed/" rel="self" type="application/rss+xml"/>'
            f"<link>{base}</link><generator>https://wordpress.org/?v=6.5.4</generator>{items}</channel></rss>",
            content_type="application/rss+xml; charset=UTF-8",
        )

    def _sitemap(self, base: str, path: str) -> Page:
        b = base.rstrip("/")
        posts = sorted(self.articles, key=lambda a: a.published)

        def urlset(rows: list[tuple[str, datetime | None]]) -> Page:
            body = "".join(
                f"<url><loc>{b}{loc}</loc>{f'<lastmod>{mod.isoformat()}</lastmod>' if mod else ''}</url>"
                for loc, mod in rows
            )
            return xml_page(
                f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
            )

        listed = [a for a in posts if a.id not in self.noindex]
        files = {
            "/post-sitemap.xml": [(a.path, a.published) for a in listed[:100]],
            "/post-sitemap2.xml": [(a.path, a.published) for a in listed[100:]],
            "/page-sitemap.xml": [(p, None) for p in ("/", "/about/", "/contact/", "/privacy-policy/", "/our-story/")],
            "/category-sitemap.xml": [(f"/category/{s}/", None) for s in PAGER],
            "/post_tag-sitemap.xml": [(f"/tag/{slugify(t)}/", None) for t in self.tags],
            "/author-sitemap.xml": [(f"/author/{slugify(n)}/", None) for n in self.authors],
        }
        if path == "/sitemap_index.xml":  # Yoast SEO's index
            body = "".join(
                f"<sitemap><loc>{b}{name}</loc><lastmod>{NOW.isoformat()}</lastmod></sitemap>" for name in files
            )
            return xml_page(
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{body}</sitemapindex>"
            )
        return urlset(files[path]) if path in files else NOT_FOUND

    def _events(self, base: str, path: str, query: dict[str, list[str]]) -> Page:
        """An events calendar: every month has two events and links to the months either side, forever."""
        if path == "/events/":
            month = query.get("month", [f"{NOW:%Y-%m}"])[0]
            if len(month) != 7:
                return NOT_FOUND
            events = "".join(
                f'<li><a href="/events/{kind}-gathering-{month}/">{kind.title()} gathering, {month}</a></li>'
                for kind in ("harbour", "orchard")
            )
            return html_page(
                f"{self._head(base, f'Events {month}', f'/events/?month={month}')}{self._header()}<main id='main'>"
                f"<h1>Events in {month}</h1><ul class='events'>{events}</ul>"
                f'<div class="tribe-events-nav"><a href="/events/?month={_month_add(month, -1)}">&laquo; Previous month</a>'
                f' <a href="/events/?month={_month_add(month, 1)}">Next month &raquo;</a></div></main>{self._footer()}'
            )
        slug = path.strip("/").split("/")[-1]
        text = " ".join(
            f"Neighbours are invited to the {slug.replace('-', ' ')} with stalls, music and a short talk by the "
            f"organisers about the year ahead, session {i}."
            for i in range(8)
        )
        ld = {"@context": "https://schema.org", "@type": "Event", "name": slug, "startDate": slug[-7:] + "-12"}
        return html_page(
            f"{self._head(base, slug, path, ld_json(ld))}{self._header()}<main id='main'><article>"
            f"<h1>{esc(slug)}</h1><time datetime='{slug[-7:]}-12'>{slug[-7:]}</time><div><p>{text}</p></div>"
            f"</article></main>{self._footer()}"
        )

"""A WordPress-like blog: /YYYY/MM/DD/slug/ posts, /category/x/page/N/, tag and author archives,
?s= search, an RSS feed found by autodiscovery, robots.txt -> wp-sitemap.xml (an index of posts,
pages, taxonomies and users), AMP twins, tracking and session-id link variants, a syndicated copy,
and an events calendar that goes on forever (the trap)."""

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
PER_PAGE = 10
SITE_NAME = "The Riverside Ledger"


def _month_add(ym: str, delta: int) -> str:
    year, month = (int(x) for x in ym.split("-"))
    n = year * 12 + month - 1 + delta
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


class WordPressSite(TestSite):
    name = "wordpress"

    def __init__(self, n_articles: int = 100, seed: int = 7) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=120)
        for a in self.articles:
            a.path = f"/{a.published:%Y/%m/%d}/{slugify(a.headline)}/"
        # A wire story published twice: the copy in another section has the same body.
        self._set_up(57, 40, "wire:", lambda c: f"/{c.published:%Y/%m/%d}/{slugify(c.headline)}/")
        self.section_paths = {s: f"/category/{s}/" for s in SECTIONS}
        self.non_article_paths = [
            "/about/", "/contact/", "/privacy-policy/", "/our-story/", "/?s=harbour",
            *(f"/tag/{slugify(t)}/" for t in self.tags), *(f"/author/{slugify(n)}/" for n in self.authors),
        ]  # fmt: skip

    def is_trap(self, path: str) -> bool:
        return path.startswith("/events")

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
                200, "text/plain", f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: {base}wp-sitemap.xml\n".encode()
            )
        if p == "/" and "s" in query:
            return self._search(base, query["s"][0])
        if p == "/" or (p.startswith("/page/") and p.strip("/").split("/")[-1].isdigit()):
            page = int(p.strip("/").split("/")[-1]) if p != "/" else 1
            return self._listing(base, self.newest, "/", page, "Latest posts", None)
        if p.startswith("/category/"):
            bits = p.strip("/").split("/")
            if bits[1] not in SECTIONS:
                return NOT_FOUND
            if len(bits) == 3 and bits[2] == "feed":
                return self._feed(base, [a for a in self.newest if a.section == bits[1]])
            page = int(bits[3]) if len(bits) == 4 and bits[2] == "page" else 1
            arts = [a for a in self.newest if a.section == bits[1]]
            return self._listing(base, arts, f"/category/{bits[1]}/", page, bits[1].title(), "CollectionPage")
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
            return self._feed(base, self.newest[:20])
        if p == "/comments/feed/":
            return self._feed(base, self.newest[:5], comments=True)
        if p.startswith("/wp-sitemap"):
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
            f'<article class="post type-post status-publish hentry category-{a.section}">'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{href}" rel="bookmark">{esc(a.headline)}</a>'
            f'</h2><div class="entry-meta"><time class="entry-date published" datetime="{a.published.isoformat()}">'
            f'{a.published:%B %d, %Y}</time> by <a href="/author/{a.author_slug}/">{esc(a.author)}</a>'
            f' in <a href="/category/{a.section}/" rel="category tag">{a.section.title()}</a></div></header>'
            f'<div class="entry-summary"><p>{esc(a.teaser)} <a class="more-link" href="{a.path}#more">Continue reading'
            "</a></p></div></article>"
        )

    def _listing(self, base: str, arts: list[Article], root: str, page: int, title: str, ld_type: str | None) -> Page:
        pages = max(1, -(-len(arts) // PER_PAGE))
        if page > pages:
            return NOT_FOUND
        chunk = arts[(page - 1) * PER_PAGE : page * PER_PAGE]
        here = root if page == 1 else f"{root}page/{page}/"
        extra = f'<link rel="next" href="{base.rstrip("/")}{root}page/{page + 1}/">' if page < pages else ""
        extra += ld_json({"@context": "https://schema.org", "@type": ld_type}) if ld_type else ""
        extra += '<meta property="og:type" content="website">'
        numbers = " ".join(
            f'<a class="page-numbers" href="{root if n == 1 else f"{root}page/{n}/"}">{n}</a>'
            for n in range(1, pages + 1)
        )
        older = f'<a class="next page-numbers" href="{root}page/{page + 1}/">Next &raquo;</a>' if page < pages else ""
        newer = (
            f'<a class="prev page-numbers" href="{root if page == 2 else f"{root}page/{page - 1}/"}">&laquo; Previous</a>'
            if page > 1
            else ""
        )
        cards = "".join(self._card(a, a.id) for a in chunk)
        body = (
            f'{self._head(base, title, here, extra)}{self._header()}<div id="content" class="site-content">'
            f'<main id="main" class="site-main"><header class="page-header"><h1 class="page-title">{esc(title)}</h1>'
            f'</header>{cards}<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{newer} {numbers} {older}</div></nav>'
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
            f'<article id="post-{a.id}" class="post-{a.id} post type-post status-publish format-standard hentry '
            f'category-{a.section} {" ".join(f"tag-{slugify(t)}" for t in a.tags)}">'
            '<header class="entry-header"><h1 class="entry-title">'
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
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{SITE_NAME}</title>'
            f"<link>{base}</link>{items}</channel></rss>",
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

        if path == "/wp-sitemap.xml":
            names = [
                "posts-post-1", "posts-post-2", "posts-page-1", "taxonomies-category-1", "taxonomies-post_tag-1",
                "users-1",
            ]  # fmt: skip
            body = "".join(f"<sitemap><loc>{b}/wp-sitemap-{n}.xml</loc></sitemap>" for n in names)
            return xml_page(
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{body}</sitemapindex>"
            )
        if path == "/wp-sitemap-posts-post-1.xml":
            return urlset([(a.path, a.published) for a in posts[:50]])
        if path == "/wp-sitemap-posts-post-2.xml":
            return urlset([(a.path, a.published) for a in posts[50:]])
        if path == "/wp-sitemap-posts-page-1.xml":
            return urlset([(p, None) for p in ("/about/", "/contact/", "/privacy-policy/", "/our-story/")])
        if path == "/wp-sitemap-taxonomies-category-1.xml":
            return urlset([(f"/category/{s}/", None) for s in SECTIONS])
        if path == "/wp-sitemap-taxonomies-post_tag-1.xml":
            return urlset([(f"/tag/{slugify(t)}/", None) for t in self.tags])
        if path == "/wp-sitemap-users-1.xml":
            return urlset([(f"/author/{slugify(n)}/", None) for n in self.authors])
        return NOT_FOUND

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

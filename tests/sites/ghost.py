"""A Ghost blog on the Casper theme: posts at ``/slug/``, tag pages (``/tag/x/``, the primary tag is
the section the navigation links) and author pages (``/author/x/``) paged ``/page/N/`` and
``/tag/x/page/N/`` with only ``<link rel="next">`` in the head (Casper pages by infinite scroll from
it; ``/page/N/`` past the end is a 404); ``ghost_head`` output (canonical, og:type article,
``article:published_time``, JSON-LD ``Article`` with a ``Person`` author, an array of them for
co-written posts, and the publisher), ``post-card`` cards (the link wraps title and excerpt), the
post's ``article-title``, byline with the authors' names and a date-only ``<time>``, the text in
``gh-content``, a members CTA card (``kg-cta-card``, "Become a member ...") at the end of half
the posts' text and a footer subscribe block ("Sign up for more like this."), "You might also like" (three posts of the primary tag) after the article; RSS at
``/rss/`` and per tag ``/tag/x/rss/`` (15 items, Ghost's ``<generator>``), AMP twins
(``/slug/amp/``), a sitemap index ``/sitemap.xml`` of ``sitemap-pages.xml``, ``sitemap-posts.xml``,
``sitemap-tags.xml`` and ``sitemap-authors.xml`` (with its XSL and image entries); a static page
``/about/`` (JSON-LD Article too, as Ghost makes it, og:type website); a syndicated copy."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from tests.sites.base import (
    FIRST,
    LAST,
    NOT_FOUND,
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
PER_PAGE = 9  # the theme's posts_per_page
RSS_ITEMS = 15
SITE_NAME = "The Ivel Dispatch"
STATIC = ("/about/",)


class GhostSite(TestSite):
    name = "ghost"

    def __init__(self, n_articles: int = 100, seed: int = 53) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=110)
        self.coauthor: dict[int, str] = {}
        for a in self.articles:
            a.path = self._path(a)
            if a.id % 7 == 3:
                names = [f"{f} {last}" for f in FIRST for last in LAST if f"{f} {last}" != a.author]
                self.coauthor[a.id] = names[(a.id * 5) % len(names)]
        self._set_up(58, 33, "syndicated:", lambda c: self._path(c).rstrip("/") + "-2/")
        assert len(self.by_path) == len(self.articles), "paths are unique"
        self.section_paths = {s: f"/tag/{s}/" for s in SECTIONS}
        self.all_authors = sorted({n for a in self.articles for n in self.authors_of(a)})

    @staticmethod
    def _path(a: Article) -> str:
        return f"/{slugify(a.headline)}/"

    def authors_of(self, a: Article) -> list[str]:
        return [a.author, self.coauthor[a.id]] if a.id in self.coauthor else [a.author]

    def is_trap(self, path: str) -> bool:
        return False  # Ghost has no endless listing; pages past the end are 404s

    def related_truth(self, article: Article) -> list[str]:
        """Casper's "You might also like": the three newest other posts of the primary tag."""
        same = [a for a in self.newest if a.section == article.section and a.id != article.id]
        return [a.path for a in same[:3]]

    # --- chrome ---

    def _doc(self, base: str, title: str, canonical: str, content: str, body_class: str, head: str = "") -> Page:
        root = base.rstrip("/")
        nav = "".join(f'<li class="nav-{s}"><a href="{root}/tag/{s}/">{s.title()}</a></li>' for s in SECTIONS)
        return html_page(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" '
            f'content="IE=edge"><title>{esc(title)}</title><meta name="HandheldFriendly" content="True">'
            '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
            f'<link rel="stylesheet" type="text/css" href="{root}/assets/built/screen.css?v=1a2b3c4d5e">'
            f'<link rel="icon" href="{root}/favicon.png" type="image/png"><link rel="canonical" href="{root}{canonical}">'
            f'<meta name="referrer" content="no-referrer-when-downgrade">{head}'
            '<meta name="generator" content="Ghost 5.82"><link rel="alternate" type="application/rss+xml" '
            f'title="{SITE_NAME}" href="{root}/rss/"><script defer src="https://cdn.jsdelivr.net/ghost/portal@~2.37/'
            'umd/portal.min.js" data-i18n="false" data-ghost="'
            + root
            + '/" data-key="a1b2c3" data-api="'
            + root
            + f'/ghost/api/content/" crossorigin="anonymous"></script></head><body class="{body_class} is-head-left-logo'
            ' has-cover"><div class="viewport"><header id="gh-head" class="gh-head outer"><div class="gh-head-inner '
            f'inner"><div class="gh-head-brand"><a class="gh-head-logo" href="{root}/">{SITE_NAME}</a><button '
            'class="gh-search gh-icon-btn" aria-label="Search this site" data-ghost-search></button></div>'
            f'<nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="{root}/">Home</a></li>{nav}'
            f'<li class="nav-about"><a href="{root}/about/">About</a></li></ul></nav><div class="gh-head-actions">'
            '<a class="gh-head-link" href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-head-button" '
            'href="#/portal/signup" data-portal="signup">Subscribe</a></div></div></header>'
            f'<div class="site-content">{content}</div><footer class="site-footer outer"><div class="inner">'
            f'<section class="copyright"><a href="{root}/">{SITE_NAME}</a> &copy; 2024</section><nav class="site-footer-nav">'
            f'<ul class="nav"><li class="nav-sign-up"><a href="#/portal/">Sign up</a></li><li class="nav-rss"><a href="'
            f'{root}/rss/">RSS</a></li></ul></nav><div class="gh-powered-by"><a href="https://ghost.org/" target="_blank"'
            ' rel="noopener">Powered by Ghost</a></div></div></footer></div></body></html>'
        )

    def _author_slug(self, name: str) -> str:
        return slugify(name)

    def _card(self, base: str, a: Article) -> str:
        root = base.rstrip("/")
        minutes = max(1, sum(len(p.split()) for p in a.paragraphs) // 200)
        return (
            f'<article class="post-card post tag-{a.section} tag-hash-import keep-height">'
            f'<a class="post-card-image-link" href="{root}{a.path}"><img class="post-card-image" srcset="{root}/'
            f'content/images/size/w300/2024/05/img{a.id}.jpg 300w" src="{root}/content/images/2024/05/img{a.id}.jpg" '
            f'alt="{esc(a.headline)}" loading="lazy"></a><div class="post-card-content"><a class="post-card-content-link"'
            f' href="{root}{a.path}"><header class="post-card-header"><div class="post-card-tags"><span class="post-card-'
            f'primary-tag">{a.section.title()}</span></div><h2 class="post-card-title">{esc(a.headline)}</h2></header>'
            f'<div class="post-card-excerpt">{esc(a.teaser)}</div></a><footer class="post-card-meta"><time '
            f'class="post-card-meta-date" datetime="{a.published:%Y-%m-%d}">{a.published:%b} {a.published.day}, '
            f'{a.published:%Y}</time><span class="post-card-meta-length">{minutes} min read</span></footer></div></article>'
        )

    def _listing(self, base: str, arts: list[Article], root_path: str, page: int, title: str, body_class: str) -> Page:
        pages = max(1, -(-len(arts) // PER_PAGE))
        if not 1 <= page <= pages:
            return NOT_FOUND
        chunk = arts[(page - 1) * PER_PAGE : page * PER_PAGE]
        root = base.rstrip("/")

        def href(n: int) -> str:
            return f"{root}{root_path}" if n == 1 else f"{root}{root_path}page/{n}/"

        canonical = href(page)[len(root) :]
        head = (f'<link rel="prev" href="{href(page - 1)}">' if page > 1 else "") + (
            f'<link rel="next" href="{href(page + 1)}">' if page < pages else ""
        )
        feed = f'<link rel="alternate" type="application/rss+xml" title="{esc(title)}" href="{root}{root_path}rss/">'
        header = (
            f'<section class="post-card post-card-large"><header class="tag-header"><h1 class="tag-name">{esc(title)}'
            f"</h1></header></section>"
            if root_path != "/"
            else f'<div class="site-header-content outer"><h1 class="site-title">{SITE_NAME}</h1><p class="site-'
            'description">News from the Ivel valley</p></div>'
        )
        content = (
            f'<main id="site-main" class="site-main outer"><div class="inner posts">{header}<div class="post-feed">'
            f"{''.join(self._card(base, a) for a in chunk)}</div></div></main>"
        )
        return self._doc(
            base,
            title if page == 1 else f"{title} (Page {page})",
            canonical,
            content,
            body_class,
            head + (feed if root_path != "/" else ""),
        )

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        p = urlsplit(path).path
        if p == "/robots.txt":
            return Page(
                200,
                "text/plain",
                f"User-agent: *\nSitemap: {base}sitemap.xml\nDisallow: /ghost/\nDisallow: /email/\n"
                "Disallow: /members/api/comments/counts/\nDisallow: /r/\nDisallow: /webmentions/receive/\n".encode(),
            )
        if p == "/sitemap.xml" or p.startswith("/sitemap-"):
            return self._sitemap(base, p)
        if p == "/rss/":
            return self._rss(base, self.newest, "/")
        segs = [s for s in p.split("/") if s]
        page = 1
        if len(segs) >= 2 and segs[-2] == "page":
            if not segs[-1].isdigit() or segs[-1] == "1":
                return NOT_FOUND
            page, segs = int(segs[-1]), segs[:-2]
        if not segs:
            return self._listing(
                base, self.newest, "/", page, SITE_NAME, "home-template" + (" paged" if page > 1 else "")
            )
        if segs[0] == "tag" and len(segs) in (2, 3):
            arts = [a for a in self.newest if a.section == segs[1]]
            arts = arts or [a for a in self.newest if segs[1] in {slugify(t) for t in a.tags}]
            if not arts:
                return NOT_FOUND
            if len(segs) == 3:
                return self._rss(base, arts, f"/tag/{segs[1]}/") if segs[2] == "rss" and page == 1 else NOT_FOUND
            return self._listing(base, arts, f"/tag/{segs[1]}/", page, segs[1].title(), f"tag-template tag-{segs[1]}")
        if segs[0] == "author" and len(segs) == 2:
            arts = [a for a in self.newest if segs[1] in {self._author_slug(n) for n in self.authors_of(a)}]
            if not arts:
                return NOT_FOUND
            return self._listing(base, arts, f"/author/{segs[1]}/", page, segs[1].title(), "author-template")
        if page != 1:
            return NOT_FOUND
        if p in STATIC:
            return self._static(base, p)
        if len(segs) == 2 and segs[1] == "amp":
            a = self.by_path.get(f"/{segs[0]}/")
            return self._post(base, a, amp=True) if a else NOT_FOUND
        a = self.by_path.get(p)
        return self._post(base, a) if a else NOT_FOUND

    def _people(self, base: str, a: Article) -> list[dict[str, object]]:
        root = base.rstrip("/")
        return [
            {
                "@type": "Person",
                "name": n,
                "image": {"@type": "ImageObject", "url": f"{root}/content/images/2024/01/{self._author_slug(n)}.jpg"},
                "url": f"{root}/author/{self._author_slug(n)}/",
                "sameAs": [],
            }
            for n in self.authors_of(a)
        ]

    def _post(self, base: str, a: Article, amp: bool = False) -> Page:
        root = base.rstrip("/")
        people = self._people(base, a)
        published = a.published.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "publisher": {
                "@type": "Organization",
                "name": SITE_NAME,
                "url": f"{root}/",
                "logo": {"@type": "ImageObject", "url": f"{root}/favicon.png", "width": 60, "height": 60},
            },
            "author": people[0] if len(people) == 1 else people,
            "headline": a.headline,
            "url": f"{root}{a.path}",
            "datePublished": published,
            "dateModified": (a.published + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "image": {
                "@type": "ImageObject",
                "url": f"{root}/content/images/2024/05/img{a.id}.jpg",
                "width": 1200,
                "height": 800,
            },
            "keywords": ", ".join([a.section.title(), *a.tags]),
            "description": a.teaser,
            "mainEntityOfPage": f"{root}/",
        }
        head = (
            f'<meta name="description" content="{esc(a.teaser)}"><meta property="og:site_name" content="{SITE_NAME}">'
            f'<meta property="og:type" content="article"><meta property="og:title" content="{esc(a.headline)}">'
            f'<meta property="og:description" content="{esc(a.teaser)}"><meta property="og:url" content="{root}{a.path}">'
            f'<meta property="article:published_time" content="{published}">'
            f'<meta property="article:tag" content="{a.section.title()}"><meta name="twitter:card" content="summary_large_image">'
            f'<link rel="amphtml" href="{root}{a.path}amp/">{ld_json(data)}'
        )
        names = self.authors_of(a)
        avatars = "".join(
            f'<li class="author-list-item"><a href="{root}/author/{self._author_slug(n)}/" class="author-avatar">'
            f'<img class="author-profile-image" src="{root}/content/images/2024/01/{self._author_slug(n)}.jpg" '
            f'alt="{esc(n)}"></a></li>'
            for n in names
        )
        name_links = ", ".join(f'<a href="{root}/author/{self._author_slug(n)}/">{esc(n)}</a>' for n in names)
        minutes = max(1, sum(len(p.split()) for p in a.paragraphs) // 200)
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        cta = (
            '<div class="kg-card kg-cta-card kg-cta-bg-grey"><div class="kg-cta-content"><div class="kg-cta-text">'
            "<p>Enjoying the Dispatch? Become a member to get every story in your inbox.</p></div>"
            '<a href="#/portal/signup" class="kg-cta-button">Subscribe</a></div></div>'
            if a.id % 2 == 0
            else ""
        )
        related = "".join(self._card(base, self.by_path[r]) for r in self.related_truth(a))
        content = (
            '<main id="site-main" class="site-main"><article class="article post tag-' + a.section + ' ">'
            '<header class="article-header gh-canvas"><div class="article-tag post-card-tags"><span class="post-card-'
            f'primary-tag"><a href="{root}/tag/{a.section}/">{a.section.title()}</a></span></div>'
            f'<h1 class="article-title">{esc(a.headline)}</h1><div class="article-byline"><section class="article-'
            f'byline-content"><ul class="author-list">{avatars}</ul><div class="article-byline-meta"><h4 class="author-'
            f'name">{name_links}</h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="'
            f'{a.published:%Y-%m-%d}">{a.published:%b} {a.published.day}, {a.published:%Y}</time><span class="byline-'
            f'reading-time"><span class="bull">&bull;</span> {minutes} min read</span></div></div></section></div>'
            f'<figure class="article-image"><img src="{root}/content/images/2024/05/img{a.id}.jpg" alt="{esc(a.headline)}">'
            f'</figure></header><section class="gh-content gh-canvas">{paras}{cta}</section></article></main>'
            '<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">Sign up for more like '
            'this.</h2><a class="footer-cta-button" href="#/portal" data-portal><div class="footer-cta-input">Enter '
            "your email</div><span>Subscribe</span></a></div></section>"
            '<aside class="read-more-wrap outer"><div class="read-more inner"><h2 class="read-more-title">You might '
            f'also like</h2><div class="read-more-feed">{related}</div></div></aside>'
        )
        cls = f"post-template tag-{a.section}" + (" amp" if amp else "")
        return self._doc(base, a.headline, a.path, content, cls, head)

    def _static(self, base: str, p: str) -> Page:
        root = base.rstrip("/")
        paras = "".join(
            f"<p>The Dispatch is written by members of the valley's reading rooms, note {i}, and funded by readers.</p>"
            for i in range(10)
        )
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": "About",
            "url": f"{root}{p}",
            "datePublished": "2021-02-01T09:00:00.000Z",
            "publisher": {"@type": "Organization", "name": SITE_NAME},
        }
        content = (
            '<main id="site-main" class="site-main"><article class="article page"><header class="article-header '
            f'gh-canvas"><h1 class="article-title">About</h1></header><section class="gh-content gh-canvas">{paras}'
            "</section></article></main>"
        )
        head = f'<meta property="og:type" content="website">{ld_json(data)}'
        return self._doc(base, "About", p, content, "page-template page-about", head)

    def _rss(self, base: str, arts: list[Article], root_path: str) -> Page:
        root = base.rstrip("/")
        items = "".join(
            f"<item><title><![CDATA[{a.headline}]]></title><description><![CDATA[{a.teaser}]]></description>"
            f'<link>{root}{a.path}</link><guid isPermaLink="false">66{a.id:022x}</guid>'
            f"<category><![CDATA[{a.section.title()}]]></category>"
            + "".join(f"<dc:creator><![CDATA[{n}]]></dc:creator>" for n in self.authors_of(a))
            + f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
            f"<content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in a.paragraphs)}]]></content:encoded></item>"
            for a in arts[:RSS_ITEMS]
        )
        return xml_page(
            '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" '
            'version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
            f"<title><![CDATA[{SITE_NAME}]]></title><description><![CDATA[News from the Ivel valley]]></description>"
            f"<link>{root}/</link><generator>Ghost 5.82</generator><lastBuildDate>Sun, 30 Jun 2024 18:00:00 GMT"
            f'</lastBuildDate><atom:link href="{root}{root_path}rss/" rel="self" type="application/rss+xml"/>'
            f"<ttl>60</ttl>{items}</channel></rss>",
            content_type="application/rss+xml; charset=utf-8",
        )

    def _sitemap(self, base: str, p: str) -> Page:
        root = base.rstrip("/")
        xsl = f'<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="//{root.split("//")[1]}/sitemap.xsl"?>'
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
        last = f"{self.newest[0].published:%Y-%m-%dT%H:%M:%S.000Z}"
        if p == "/sitemap.xml":
            items = "".join(
                f"<sitemap><loc>{root}/sitemap-{k}.xml</loc><lastmod>{last}</lastmod></sitemap>"
                for k in ("pages", "posts", "authors", "tags")
            )
            return xml_page(
                f'{xsl}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
            )
        if p == "/sitemap-posts.xml":
            urls = [
                (
                    a.path,
                    f"{a.published + timedelta(hours=2):%Y-%m-%dT%H:%M:%S.000Z}",
                    f"{root}/content/images/2024/05/img{a.id}.jpg",
                )
                for a in self.newest
            ]
        elif p == "/sitemap-pages.xml":
            urls = [(s, "2024-01-10T09:00:00.000Z", "") for s in STATIC]
        elif p == "/sitemap-tags.xml":
            urls = [(f"/tag/{t}/", last, "") for t in SECTIONS]
        elif p == "/sitemap-authors.xml":
            urls = [(f"/author/{self._author_slug(n)}/", last, "") for n in self.all_authors]
        else:
            return NOT_FOUND
        body = "".join(
            f"<url><loc>{root}{u}</loc><lastmod>{m}</lastmod>"
            + (
                f"<image:image><image:loc>{img}</image:loc><image:caption>{esc(u.strip('/'))}</image:caption></image:image>"
                if img
                else ""
            )
            + "</url>"
            for u, m, img in urls
        )
        return xml_page(f"{xsl}<urlset {ns}>{body}</urlset>")

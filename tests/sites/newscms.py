"""A Drupal-built regional news site: articles at pathauto aliases (/news/YYYY/MM/DD/slug), at short
aliases editors typed (/world/eastmere-harbour) or, where no alias was made, at /node/NID; section fronts (/world, ...) of views rows with node--teaser cards,
paged the ways Drupal themes page views (0-based ?page=N): a full pager whose theme hides
next/previous (numbers only), the default full pager with rel=next, a mini pager (›› only, no rel)
and a "Load more" infinite-scroll pager; a front page of promoted content, a section no menu links to
(only the sitemap lists its articles), robots.txt without a Sitemap: line, a simple_sitemap index
with paged sitemaps (/sitemap.xml?page=N), RSS at /rss.xml and per-section feeds
(/taxonomy/term/N/feed); JSON-LD NewsArticle in an @graph (its author the account that saved the
node on some pages; none, nor og:title, on an older template's), kickers above (or inside) the headline,
bylines of that family ("By A and B", "A, Role"), a "Read more" related field
(field--name-field-related), a "Most read" block; tag (/tags/x, /taxonomy/term/N), author
(/authors/x, /user/N) and basic pages, tracking variants, a wire copy; and the trap: a monthly
archive whose "Next month ›" runs into the future forever."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

from tests.sites.base import (
    FIRST,
    LAST,
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

SECTIONS = ["world", "business", "environment", "sport"]
HIDDEN = "obituaries"  # a section no menu links to and the front page does not promote
# Each section front's pager (docs/discovery.md "Next page"): Drupal counts views pages from 0.
PAGER = {"world": "numbers", "business": "full", "environment": "mini", "sport": "load-more", HIDDEN: "full"}
TERM_IDS = {s: 3 + i for i, s in enumerate(PAGER)}
PER_PAGE = 8
FRONT_PER_PAGE = 10
SITEMAP_CHUNK = 50  # simple_sitemap's max links per sitemap page
SITE_NAME = "The Harbour Courier"
LOCAL = timezone(timedelta(hours=1))  # the site's time zone (summer time)
ROLES = ("Environment Correspondent", "Chief Reporter", "Business Editor", "Sports Writer")
KICKERS = ("Harbour works", "Exclusive", "Analysis", "In pictures", "Council watch", "Explainer")
STATIC = ("/about-us", "/contact", "/terms-of-use", "/corrections-policy")


def _month_add(ym: str, delta: int) -> str:
    year, month = (int(x) for x in ym.split("-"))
    n = year * 12 + month - 1 + delta
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


class NewsCmsSite(TestSite):
    name = "newscms"

    def __init__(self, n_articles: int = 120, seed: int = 23) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=100)
        self.nid: dict[int, int] = {}
        self.coauthor: dict[int, str] = {}
        for a in self.articles:
            if a.id % 20 == 7:
                a.section = HIDDEN
            self.nid[a.id] = 1000 + 3 * a.id
            a.path = self._path(a)
            if a.id % 3 == 1:  # a second byline name, never the first's
                names = [f"{f} {last}" for f in FIRST for last in LAST if f"{f} {last}" != a.author]
                self.coauthor[a.id] = names[(a.id * 7) % len(names)]
        self._set_up(70, 50, "wire:", self._path)
        assert len(self.by_path) == len(self.articles), "paths are unique"
        self.section_paths = {s: f"/{s}" for s in PAGER}

    def _path(self, a: Article) -> str:
        if a.id % 10 in (3, 4):  # no path alias: the node's own path
            return f"/node/{self.nid[a.id]}"
        if a.id % 10 == 6:  # a short alias an editor typed: /world/<place>-<noun>
            return f"/{a.section}/{slugify(' '.join(a.headline.split()[:2]))}"
        return f"/news/{a.published.astimezone(LOCAL):%Y/%m/%d}/{slugify(a.headline)}"

    def is_trap(self, path: str) -> bool:
        return path.startswith("/archive")

    def authors_of(self, a: Article) -> list[str]:
        return [a.author, self.coauthor[a.id]] if a.id in self.coauthor else [a.author]

    def kicker(self, a: Article) -> str:
        return KICKERS[a.id % len(KICKERS)]

    def related_truth(self, article: Article) -> list[str]:
        """The "Read more" field: up to three earlier articles of the same section."""
        same = [a for a in self.newest if a.section == article.section and a.id != article.id]
        older = [a for a in same if a.published < article.published] or same
        return [a.path for a in older[:3]]

    # --- chrome ---

    def _doc(self, base: str, title: str, canonical: str, content: str, head: str = "", body_class: str = "") -> Page:
        menu = "".join(
            f'<li class="menu-item"><a href="/{s}" data-drupal-link-system-path="taxonomy/term/{TERM_IDS[s]}">'
            f"{s.title()}</a></li>"
            for s in SECTIONS
        )
        most_read = "".join(
            f'<div class="views-row"><a href="/node/{self.nid[a.id]}">{esc(a.headline)}</a></div>'
            for a in self.newest[3:8]
        )
        return html_page(
            f'<!DOCTYPE html><html lang="en" dir="ltr" prefix="og: https://ogp.me/ns#"><head><meta charset="utf-8">'
            f'<link rel="canonical" href="{base.rstrip("/")}{canonical}"><meta name="Generator" content="Drupal 10 '
            f'(https://www.drupal.org)"><meta property="og:site_name" content="{SITE_NAME}">{head}'
            f"<title>{esc(title)} | {SITE_NAME}</title></head>"
            f'<body class="{body_class}"><a href="#main-content" class="visually-hidden focusable skip-link">Skip to '
            'main content</a><div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
            '<div class="layout-container"><header role="banner"><div class="region region-header">'
            f'<a href="/" rel="home" class="site-logo">{SITE_NAME}</a></div><div class="region region-primary-menu">'
            '<nav role="navigation" aria-labelledby="block-mainnavigation-menu" id="block-mainnavigation">'
            f'<ul class="menu"><li class="menu-item"><a href="/">Home</a></li>{menu}'
            '<li class="menu-item"><a href="/archive">Archive</a></li></ul></nav></div></header>'
            f'<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">{content}</div>'
            '<aside class="layout-sidebar-second" role="complementary"><div class="views-element-container block '
            f'block-views block-views-blockmost-read-block-1"><h2>Most read</h2><div class="view-content">{most_read}'
            '</div></div></aside></main><footer role="contentinfo"><div class="region region-footer">'
            '<nav role="navigation" aria-labelledby="block-footer-menu"><ul class="menu">'
            + "".join(
                f'<li class="menu-item"><a href="{p}">{p.strip("/").replace("-", " ").title()}</a></li>' for p in STATIC
            )
            + '<li class="menu-item"><a href="/rss.xml">RSS</a></li></ul></nav></div></footer></div></div></body></html>'
        )

    def _created(self, a: Article) -> str:
        local = a.published.astimezone(LOCAL)
        return f"{local:%a, %m/%d/%Y - %H:%M}"

    def _teaser(self, a: Article) -> str:
        href = a.path + ("?utm_source=front&utm_medium=teaser" if a.id % 6 == 2 else "")
        return (
            f'<div class="views-row"><article role="article" about="{a.path}" class="node node--type-article '
            f'node--promoted node--view-mode-teaser"><div class="field field--name-field-kicker">{esc(self.kicker(a))}'
            f'</div><h2 class="node__title"><a href="{href}" rel="bookmark"><span class="field field--name-title">'
            f'{esc(a.headline)}</span></a></h2><div class="node__meta"><span class="field field--name-uid">'
            f'<a href="/user/{10 + self.authors.index(a.author)}">{esc(a.author)}</a></span> <span class="field field--name-created">{self._created(a)}</span>'
            f'</div><div class="node__content"><div class="field field--name-body"><p>{esc(a.teaser)}</p></div>'
            f'<ul class="links inline"><li class="node-readmore"><a href="{a.path}" rel="tag" title="{esc(a.headline)}"'
            f' hreflang="en">Read more<span class="visually-hidden"> about {esc(a.headline)}</span></a></li></ul>'
            "</div></article></div>"
        )

    @staticmethod
    def _pager(style: str, root: str, page: int, pages: int) -> str:
        """The view's pager for 0-based ``page`` of ``pages``, as the theme prints it."""

        def href(n: int) -> str:
            return f"?page={n}"

        if style == "load-more":  # views_infinite_scroll, its rel attribute removed by the theme
            if page + 1 >= pages:
                return ""
            return (
                '<ul class="js-pager__items pager" data-drupal-views-infinite-scroll-pager="manual">'
                f'<li class="pager__item"><a class="button" href="{href(page + 1)}" title="Load more items">Load more'
                "</a></li></ul>"
            )
        if style == "mini":  # the mini pager, themed down to arrows and a title
            prev = (
                f'<li class="pager__item pager__item--previous"><a href="{href(page - 1)}" title="Go to previous page">'
                '<span aria-hidden="true">‹‹</span></a></li>'
                if page > 0
                else ""
            )
            nxt = (
                f'<li class="pager__item pager__item--next"><a href="{href(page + 1)}" title="Go to next page">'
                '<span aria-hidden="true">››</span></a></li>'
                if page + 1 < pages
                else ""
            )
            return (
                f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><ul class="pager__items '
                f'js-pager__items">{prev}<li class="pager__item is-active">Page {page + 1}</li>{nxt}</ul></nav>'
            )
        items = []
        if page > 0:
            items.append(
                f'<li class="pager__item pager__item--first"><a href="{href(0)}" title="Go to first page">« First</a></li>'
            )
            if style == "full":
                items.append(
                    f'<li class="pager__item pager__item--previous"><a href="{href(page - 1)}" title="Go to previous '
                    'page" rel="prev">‹ Previous</a></li>'
                )
        for n in range(pages):
            if n == page:
                items.append(
                    f'<li class="pager__item is-active"><a href="{href(n)}" title="Current page" aria-current="page">'
                    f'<span class="visually-hidden">Current page</span>{n + 1}</a></li>'
                )
            else:
                items.append(
                    f'<li class="pager__item"><a href="{href(n)}" title="Go to page {n + 1}">'
                    f'<span class="visually-hidden">Page</span>{n + 1}</a></li>'
                )
        if page + 1 < pages:
            if style == "full":
                items.append(
                    f'<li class="pager__item pager__item--next"><a href="{href(page + 1)}" title="Go to next page" '
                    'rel="next">Next ›</a></li>'
                )
            items.append(
                f'<li class="pager__item pager__item--last"><a href="{href(pages - 1)}" title="Go to last page">Last »</a></li>'
            )
        return (
            '<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" '
            f'class="visually-hidden">Pagination</h4><ul class="pager__items js-pager__items">{"".join(items)}</ul></nav>'
        )

    def _view(
        self, base: str, arts: list[Article], root: str, page: int, title: str, style: str, head: str = ""
    ) -> Page:
        per_page = FRONT_PER_PAGE if root == "/" else PER_PAGE
        pages = max(1, -(-len(arts) // per_page))
        chunk = arts[page * per_page : (page + 1) * per_page]
        rows = "".join(self._teaser(a) for a in chunk) or '<div class="view-empty">No content available.</div>'
        here = root if page == 0 else f"{root}?page={page}"
        content = (
            f'<div class="region region-content"><h1 class="page-title">{esc(title)}</h1><div class="views-element-'
            f'container"><div class="view view-frontpage view-id-frontpage view-display-id-page_1"><div class="view-'
            f'content">{rows}</div>{self._pager(style, root, page, pages) if chunk else ""}</div></div></div>'
        )
        return self._doc(base, title, here, content, head + '<meta property="og:type" content="website">')

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        p = parts.path
        raw_page = query.get("page", ["0"])[0]
        page = int(raw_page) if raw_page.isdigit() else 0
        if p == "/robots.txt":  # Drupal's stock robots.txt: no Sitemap: line
            return Page(
                200,
                "text/plain",
                b"User-agent: *\nDisallow: /admin/\nDisallow: /search/\nDisallow: /user/login\n"
                b"Disallow: /user/register\nDisallow: /node/add/\n",
            )
        if p == "/":
            promoted = [a for a in self.newest if a.section != HIDDEN]
            feed = f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="{base}rss.xml">'
            return self._view(base, promoted, "/", page, "Top stories", "full", feed)
        if p.strip("/") in PAGER:
            section = p.strip("/")
            arts = [a for a in self.newest if a.section == section]
            feed = (
                f'<link rel="alternate" type="application/rss+xml" title="{section.title()}" '
                f'href="{base}taxonomy/term/{TERM_IDS[section]}/feed">'
            )
            return self._view(base, arts, f"/{section}", page, section.title(), PAGER[section], feed)
        if p in self.by_path:
            return self._article(base, self.by_path[p])
        if p.startswith("/node/"):
            nid = p.split("/")[2]
            match = [a for a in self.articles if str(self.nid[a.id]) == nid]
            return self._article(base, match[0]) if match else NOT_FOUND
        if p == "/rss.xml":
            return self._rss(base, [a for a in self.newest if a.section != HIDDEN][:10])
        if p.startswith("/taxonomy/term/"):
            bits = p.strip("/").split("/")
            section = next((s for s, t in TERM_IDS.items() if str(t) == bits[2]), None)
            if section is None:
                return NOT_FOUND
            arts = [a for a in self.newest if a.section == section]
            if len(bits) == 4 and bits[3] == "feed":
                return self._rss(base, arts[:10])
            return self._view(base, arts, p, page, section.title(), "full")
        if p.startswith("/tags/"):
            tag = p.split("/")[2]
            arts = [a for a in self.newest if tag in {slugify(t) for t in a.tags}]
            return self._view(base, arts, p, page, tag, "full") if arts else NOT_FOUND
        if p.startswith("/authors/") or p.startswith("/user/"):
            return self._person(base, p)
        if p in STATIC:
            return self._basic_page(base, p)
        if p == "/sitemap.xml":
            return self._sitemap(base, query.get("page", [""])[0])
        if p == "/archive":
            return self._archive(base, query.get("month", [f"{NOW:%Y-%m}"])[0])
        return NOT_FOUND

    def _article(self, base: str, a: Article) -> Page:
        url = base.rstrip("/") + a.path
        local = a.published.astimezone(LOCAL)
        modified = (a.published + timedelta(hours=3)).astimezone(LOCAL)
        authors = self.authors_of(a)
        ld = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "NewsArticle",
                    "@id": url,
                    "headline": a.headline,
                    "name": a.headline,
                    "description": a.teaser,
                    "datePublished": local.isoformat(),
                    "dateModified": modified.isoformat(),
                    # schema_metatag's common setup names the account that saved the node, not the byline
                    "author": [{"@type": "Person", "name": n} for n in authors]
                    if a.id % 5
                    else {"@type": "Person", "name": "webdesk"},
                    "publisher": {"@type": "NewsMediaOrganization", "@id": base, "name": SITE_NAME},
                    "mainEntityOfPage": url,
                    "articleSection": a.section.title(),
                },
                {"@type": "NewsMediaOrganization", "@id": base, "name": SITE_NAME, "url": base},
            ],
        }
        legacy = a.id % 5 == 2  # pages of an older template: no JSON-LD, no og:title
        head = (
            f'<link rel="shortlink" href="{base}node/{self.nid[a.id]}"><meta property="og:type" content="article">'
            + ("" if legacy else f'<meta property="og:title" content="{esc(a.headline)}">')
            + f'<meta property="og:url" content="{url}"><meta name="description" content="{esc(a.teaser)}">'
            f'<meta property="article:published_time" content="{local.isoformat()}">' + ("" if legacy else ld_json(ld))
        )
        links = [f'<a href="/authors/{slugify(n)}" hreflang="en">{esc(n)}</a>' for n in authors]
        if a.id % 3 == 1:
            byline = f"By {links[0]} and {links[1]}"
        elif a.id % 3 == 2:
            byline = f"{links[0]}, {ROLES[a.id % len(ROLES)]}"
        else:
            byline = f"By {links[0]}"
        kicker = f'<div class="field field--name-field-kicker field--type-string">{esc(self.kicker(a))}</div>'
        title = f'<span class="field field--name-title field--type-string">{esc(a.headline)}</span>'
        if a.id % 4 == 1:  # this theme prints the kicker inside the heading
            heading = f'<h1 class="page-title"><span class="field--name-field-kicker">{esc(self.kicker(a))}</span> {title}</h1>'
        else:
            heading = f'{kicker}<h1 class="page-title">{title}</h1>'
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        tags = "".join(
            f'<div class="field__item"><a href="/tags/{slugify(t)}" hreflang="en">{esc(t)}</a></div>' for t in a.tags
        )
        related = "".join(
            f'<div class="field__item"><a href="{p}" hreflang="en">{esc(self.by_path[p].headline)}</a></div>'
            for p in self.related_truth(a)
        )
        content = (
            '<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><ol><li><a href="/">Home'
            f'</a></li><li><a href="/{a.section}">{a.section.title()}</a></li></ol></nav></div>'
            '<div class="region region-content"><div id="block-courier-content" class="block block-system '
            f'block-system-main-block"><article role="article" about="{a.path}" class="node node--type-article '
            f'node--promoted node--view-mode-full">{heading}<div class="node__meta"><div class="field '
            f'field--name-field-byline">{byline}</div><span class="field field--name-created field--type-created">'
            f'{local:%a, %m/%d/%Y - %H:%M}</span></div><div class="node__content"><div class="field field--name-field-'
            f'image"><img src="/sites/default/files/styles/wide/public/{local:%Y-%m}/{a.id}.jpg" alt="" width="1200" '
            'height="675"></div><div class="clearfix text-formatted field field--name-body field--type-text-with-'
            f'summary field--label-hidden field__item">{paras}</div><div class="field field--name-field-tags '
            f'field--type-entity-reference field--label-above"><div class="field__label">Tags</div><div class="field__'
            f'items">{tags}</div></div><div class="field field--name-field-related field--type-entity-reference '
            f'field--label-above"><div class="field__label">Read more</div><div class="field__items">{related}</div>'
            "</div></div></article></div></div>"
        )
        return self._doc(base, a.headline, a.path, content, head, "path-node page-node-type-article")

    def _person(self, base: str, path: str) -> Page:
        key = path.split("/")[2]
        if path.startswith("/user/"):  # the account that submitted the node: its id
            uid = int(key) - 10 if key.isdigit() else -1
            name = self.authors[uid] if 0 <= uid < len(self.authors) else ""
        else:
            name = next((n for a in self.articles for n in self.authors_of(a) if slugify(n) == key), "")
        arts = [a for a in self.newest if name in self.authors_of(a)]
        if not arts:
            return NOT_FOUND
        bio = " ".join(
            f"{name} reports on the harbour towns for the Courier, from council chambers to the fish market, and "
            f"answers readers' letters every Friday, note {i}."
            for i in range(6)
        )
        content = (
            f'<div class="region region-content"><article class="profile"><h1 class="page-title">{esc(name)}</h1>'
            f'<div class="field field--name-field-bio"><p>{bio}</p></div></article><div class="view-content">'
            + "".join(self._teaser(a) for a in arts[:10])
            + "</div></div>"
        )
        ld = ld_json(
            {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": {"@type": "Person", "name": name}}
        )
        return self._doc(base, name, path, content, ld)

    def _basic_page(self, base: str, path: str) -> Page:
        title = path.strip("/").replace("-", " ").title()
        text = " ".join(
            f"The Courier is owned by a trust of its readers; this page sets out how we check facts, how to reach "
            f"the news desk and how we correct what we get wrong, clause {i}."
            for i in range(8)
        )
        content = (
            f'<div class="region region-content"><article role="article" class="node node--type-page node--view-mode-'
            f'full"><h1 class="page-title"><span class="field--name-title">{title}</span></h1><div class="field '
            f'field--name-body"><p>{text}</p><p>{text}</p></div></article></div>'
        )
        return self._doc(base, title, path, content, "", "path-node page-node-type-page")

    def _rss(self, base: str, arts: list[Article]) -> Page:
        b = base.rstrip("/")
        items = "".join(
            f"<item><title>{esc(a.headline)}</title><link>{b}{a.path}</link><description>{esc(a.teaser)}</description>"
            f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate><dc:creator>{esc(a.author)}</dc:creator>"
            f'<guid isPermaLink="false">{self.nid[a.id]} at {base}</guid></item>'
            for a in arts
        )
        return xml_page(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xml:base="' + base + '" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f"<title>{SITE_NAME}</title><link>{base}</link><description></description><language>en</language>"
            f"{items}</channel></rss>",
            content_type="application/rss+xml; charset=utf-8",
        )

    def _sitemap(self, base: str, page: str) -> Page:
        """simple_sitemap: an index of /sitemap.xml?page=N, each with at most SITEMAP_CHUNK links."""
        b = base.rstrip("/")
        rows: list[tuple[str, datetime | None]] = [("/", NOW)]
        rows += [(f"/{s}", NOW) for s in PAGER] + [(p, None) for p in STATIC]
        rows += [(a.path, a.published + timedelta(hours=3)) for a in sorted(self.articles, key=lambda a: a.published)]
        chunks = [rows[i : i + SITEMAP_CHUNK] for i in range(0, len(rows), SITEMAP_CHUNK)]
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
        if not page:
            body = "".join(
                f"<sitemap><loc>{b}/sitemap.xml?page={i + 1}</loc><lastmod>{NOW.isoformat()}</lastmod></sitemap>"
                for i in range(len(chunks))
            )
            return xml_page(f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex {ns}>{body}</sitemapindex>')
        if not page.isdigit() or not 1 <= int(page) <= len(chunks):
            return NOT_FOUND
        body = "".join(
            f"<url><loc>{b}{loc}</loc>{f'<lastmod>{mod.isoformat()}</lastmod>' if mod else ''}"
            "<changefreq>weekly</changefreq><priority>0.5</priority></url>"
            for loc, mod in chunks[int(page) - 1]
        )
        return xml_page(f'<?xml version="1.0" encoding="UTF-8"?><urlset {ns}>{body}</urlset>')

    def _archive(self, base: str, month: str) -> Page:
        """The monthly archive view: "‹ Previous month" and "Next month ›" on every month, forever."""
        if len(month) != 7 or not month[:4].isdigit() or not month[5:].isdigit():
            return NOT_FOUND
        arts = [a for a in self.newest if f"{a.published.astimezone(LOCAL):%Y-%m}" == month]
        rows = "".join(self._teaser(a) for a in arts) or '<div class="view-empty">No content for this month.</div>'
        content = (
            f'<div class="region region-content"><h1 class="page-title">Archive: {month}</h1><div class="view '
            f'view-archive"><div class="view-content">{rows}</div><nav class="pager" role="navigation"><ul class="pager">'
            f'<li class="pager__item"><a href="/archive?month={_month_add(month, -1)}">‹ Previous month</a></li>'
            f'<li class="pager__item"><a href="/archive?month={_month_add(month, 1)}">Next month ›</a></li></ul></nav>'
            "</div></div>"
        )
        return self._doc(base, f"Archive {month}", f"/archive?month={month}", content)

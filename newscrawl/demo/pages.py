"""HTML, XML and text of the demo site's pages. Pure functions of the content and the base URL."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from newscrawl.demo import words as w
from newscrawl.demo.content import Article, Author, Block, slugify

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TRACKING = "?utm_source=home&utm_medium=web"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def attr(text: str) -> str:
    return escape(text, quote=True)


# --- dates ---------------------------------------------------------------------------------------


def show_date(dt: datetime, style: str) -> tuple[str, str, str | None]:
    """How a page shows ``dt`` in ``style``: (visible text, ISO truth, <time datetime> value or None)."""
    day = f"{dt.day} {_MONTHS[dt.month - 1]} {dt.year}"
    naive = dt.replace(tzinfo=None).isoformat()
    if style == "time-offset":
        return f"{day}, {dt:%H:%M}", dt.isoformat(), dt.isoformat()
    if style == "time-day":
        return day, dt.date().isoformat(), dt.date().isoformat()
    if style == "day":
        return day, dt.date().isoformat(), None
    if style == "us":
        hour = dt.hour % 12 or 12
        return (
            f"{_MONTHS[dt.month - 1]} {dt.day}, {dt.year} {hour}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}",
            naive,
            None,
        )
    if style == "dotted":
        return f"{dt:%d.%m.%Y %H:%M}", naive, None
    if style == "iso":
        return dt.isoformat(), dt.isoformat(), None
    if style == "rfc":
        return rfc822(dt), dt.isoformat(), None
    if style == "utc":
        utc = dt.astimezone(UTC)
        return f"{utc.day} {_MONTHS[utc.month - 1]} {utc.year} {utc:%H:%M} UTC", utc.isoformat(), None
    raise ValueError(f"unknown date style {style!r}")


def rfc822(dt: datetime) -> str:
    return f"{_DAYS[dt.weekday()]}, {dt:%d} {_MONTHS[dt.month - 1][:3]} {dt:%Y %H:%M:%S %z}"


def _date_html(dt: datetime, style: str, css: str) -> str:
    text, _, machine = show_date(dt, style)
    if machine is not None:
        return f'<time class="{css}" datetime="{machine}">{escape(text)}</time>'
    return f'<span class="{css}">{escape(text)}</span>'


# --- bylines -------------------------------------------------------------------------------------


def byline(article: Article) -> tuple[str, str]:
    """The byline as (HTML, text shown)."""
    people = [
        (f'<a class="author" rel="author" href="/author/{a.slug}/">{escape(a.name)}</a>', a.name)
        for a in article.authors
    ]
    parts: list[tuple[str, str]] = []
    form = article.byline_form
    if form == "agency-only":
        assert article.agency
        return f'<span class="agency">{escape(article.agency)}</span>', article.agency
    for n, person in enumerate(people):
        if n:
            sep = " and " if n == len(people) - 1 else ", "
            parts.append((sep, sep))
        parts.append(person)
    if form == "role":
        role = article.authors[0].role
        parts.append((f', <span class="role">{escape(role)}</span>', f", {role}"))
    if article.agency:
        parts.append((f' (<span class="agency">{escape(article.agency)}</span>)', f" ({article.agency})"))
    return "By " + "".join(h for h, _ in parts), "By " + "".join(t for _, t in parts)


# --- page frame ----------------------------------------------------------------------------------


def _head(title: str, extra: str = "", description: str | None = None) -> str:
    desc = f'\n<meta name="description" content="{attr(description)}">' if description else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>{desc}
<link rel="alternate" type="application/rss+xml" title="{attr(w.SITE_NAME)}" href="/feed.xml">
<link rel="stylesheet" href="/static/site.css">{extra}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="logo" href="/">{escape(w.SITE_NAME)}</a>
<nav class="main-nav" aria-label="Sections"><ul>
<li><a href="/">Home</a></li>
{"".join(f'<li><a href="/{key}/">{name}</a></li>' for key, name in w.SECTIONS.items())}
<li><a href="/about/">About</a></li>
</ul></nav>
<form class="search-form" action="/search" method="get"><input type="search" name="q" placeholder="Search"><button>Search</button></form>
</header>
<div class="ad ad-leaderboard" aria-hidden="true"><span class="ad-label">Advertisement</span><div class="ad-slot" data-slot="top"></div></div>
"""


_FOOTER = f"""<footer class="site-footer">
<ul class="footer-links">
<li><a href="/about/">About us</a></li>
<li><a href="/about/#contact">Contact</a></li>
<li><a href="/about/#privacy">Privacy</a></li>
<li><a href="/feed.xml">RSS</a></li>
<li><a href="/sitemap.xml">Sitemap</a></li>
</ul>
<p class="copyright">© {escape(w.SITE_NAME)}. A demo site: every story, person and place here is invented.</p>
</footer>
</body>
</html>
"""


def _page(title: str, main: str, extra: str = "", description: str | None = None) -> bytes:
    return (_head(title, extra, description) + f'<main id="main">\n{main}\n</main>\n' + _FOOTER).encode()


# --- article -------------------------------------------------------------------------------------


def article_page(article: Article, base_url: str, by_id: dict[int, Article], edited: bool) -> bytes:
    url = absolute(base_url, article.path)
    image = absolute(base_url, article.image_path)
    section = w.SECTIONS[article.section]
    modified = article.edited_modified if edited else article.modified
    _, published_iso, _ = show_date(article.published, article.date_style)
    modified_iso = show_date(modified, article.date_style)[1] if modified else None
    meta = [
        f'<link rel="canonical" href="{attr(url)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{attr(w.SITE_NAME)}">',
        f'<meta property="og:title" content="{attr(article.headline)}">',
        f'<meta property="og:description" content="{attr(article.description)}">',
        f'<meta property="og:url" content="{attr(url)}">',
        f'<meta property="og:image" content="{attr(image)}">',
        f'<meta property="article:section" content="{attr(section)}">',
        *(f'<meta property="article:tag" content="{attr(t)}">' for t in article.tags),
    ]
    if article.has_og_dates:
        meta.append(f'<meta property="article:published_time" content="{published_iso}">')
        if modified_iso:
            meta.append(f'<meta property="article:modified_time" content="{modified_iso}">')
    if article.has_jsonld:
        meta.append(_jsonld(article, url, image, published_iso, modified_iso))
    byline_html, _ = byline(article)
    dates = f'<p class="dateline">Published {_date_html(article.published, article.date_style, "published")}</p>'
    if modified:
        dates += f'\n<p class="updated">Updated {_date_html(modified, article.date_style, "modified")}</p>'
    tags = "".join(f'<li><a href="/tag/{slugify(t)}/" rel="tag">{escape(t)}</a></li>' for t in article.tags)
    caption = f"{escape(article.image_caption)}. Photo: {escape(article.photographer)}/Ledger Images"
    main = f"""<article class="story">
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/{article.section}/">{section}</a></li></ol></nav>
<h1 class="headline">{escape(article.headline)}</h1>
<p class="standfirst">{escape(article.description)}</p>
<div class="meta">
<p class="byline">{byline_html}</p>
{dates}
</div>
<div class="share"><a href="#share-fb">Share on Facebook</a> <a href="#share-x">Share on X</a> <a href="#share-mail">Share by email</a></div>
<div class="story-body">
<figure class="lead-image"><img src="{article.image_path}" alt="{attr(article.image_caption)}" width="1200" height="675"><figcaption>{caption}</figcaption></figure>
{_body_html(article, by_id, edited)}
</div>
<ul class="tags">{tags}</ul>
{_bio_html(article.authors)}
</article>
<aside class="related"><h2>Related stories</h2><ul>
{"".join(_related_item(by_id[j]) for j in article.related_ids)}</ul></aside>
{_comments_html(article)}
<div class="ad ad-footer" aria-hidden="true"><span class="ad-label">Advertisement</span><div class="ad-slot" data-slot="bottom"></div></div>"""
    return _page(f"{article.headline} | {w.SITE_NAME}", main, "\n" + "\n".join(meta), article.description)


def body_blocks(article: Article, edited: bool) -> list[Block]:
    blocks = list(article.blocks)
    if edited:
        blocks.append(Block("p", article.correction, escape(article.correction)))
    return blocks


def _body_html(article: Article, by_id: dict[int, Article], edited: bool) -> str:
    out: list[str] = []
    read_also = by_id[article.read_also_id]
    for n, block in enumerate(body_blocks(article, edited)):
        css = ' class="correction"' if block.text.startswith("Correction:") else ""
        out.append(f"<{block.tag}{css}>{block.html}</{block.tag}>")
        if n == article.ad_after:
            out.append('<div class="ad ad-inline" aria-hidden="true"><span class="ad-label">Advertisement</span></div>')
        if n == article.read_also_after:
            out.append(
                f'<p class="read-also"><strong>Read also:</strong> <a href="{read_also.path}">'
                f"{escape(read_also.headline)}</a></p>"
            )
        if n == article.newsletter_after:
            out.append(
                '<aside class="newsletter-signup"><h3>The Morning Ledger</h3>'
                "<p>Get our newsletter: the day's five most important stories, in your inbox before breakfast.</p>"
                '<form action="/newsletter" method="post"><input type="email" name="email" placeholder="Your email">'
                "<button>Sign up</button></form></aside>"
            )
    return "\n".join(out)


def _bio_html(authors: Sequence[Author]) -> str:
    if not authors:
        return ""
    a = authors[0]
    return (
        f'<section class="author-bio"><h3>About the author</h3><p><a href="/author/{a.slug}/">{escape(a.name)}</a></p>'
        f"<p>{escape(a.bio)}</p></section>"
    )


def _related_item(other: Article) -> str:
    return f'<li><a href="{other.path}">{escape(other.headline)}</a><p>{escape(other.description)}</p></li>\n'


def _comments_html(article: Article) -> str:
    items = []
    for c in article.comments:
        when = article.published + timedelta(minutes=c.minutes_after)
        items.append(
            f'<li class="comment"><p class="comment-author">{escape(c.handle)}</p>'
            f'<p class="comment-date">{when:%d.%m.%Y %H:%M}</p><p class="comment-text">{escape(c.text)}</p></li>'
        )
    return f'<section class="comments"><h2>Comments ({len(items)})</h2><ol>{"".join(items)}</ol></section>'


def _jsonld(article: Article, url: str, image: str, published: str, modified: str | None) -> str:
    authors: list[dict[str, str]] = [
        {"@type": "Person", "name": a.name, "url": f"/author/{a.slug}/"} for a in article.authors
    ]
    if article.agency:
        authors.append({"@type": "Organization", "name": article.agency})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "headline": article.headline,
        "description": article.description,
        "datePublished": published,
    }
    if modified:
        data["dateModified"] = modified
    data.update(
        {
            "author": authors,
            "image": [image],
            "articleSection": w.SECTIONS[article.section],
            "keywords": list(article.tags),
            "inLanguage": "en",
            "publisher": {"@type": "Organization", "name": w.SITE_NAME},
        }
    )
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


# --- listings and other pages --------------------------------------------------------------------


def _teaser(article: Article, tracked: bool = False) -> str:
    href = article.path + (TRACKING if tracked else "")
    text, _, _ = show_date(article.published, "day")
    return (
        f'<article class="teaser"><h2 class="teaser-title"><a href="{attr(href)}">{escape(article.headline)}</a></h2>'
        f'<p class="teaser-text">{escape(article.description)}</p><p class="teaser-meta">{text}</p></article>\n'
    )


def listing_page(section: str, page: int, pages: int, articles: Sequence[Article], base_url: str) -> bytes:
    path = f"/{section}/" if page == 1 else f"/{section}/page/{page}/"
    name = w.SECTIONS[section]
    links = []
    extra = f'\n<link rel="canonical" href="{attr(absolute(base_url, path))}">'
    if page > 1:
        prev = f"/{section}/" if page == 2 else f"/{section}/page/{page - 1}/"
        links.append(f'<a rel="prev" href="{prev}">Newer stories</a>')
        extra += f'\n<link rel="prev" href="{prev}">'
    if page < pages:
        links.append(f'<a rel="next" href="/{section}/page/{page + 1}/">Older stories</a>')
        extra += f'\n<link rel="next" href="/{section}/page/{page + 1}/">'
    main = (
        f'<h1 class="section-title">{name}</h1>\n<div class="stories">\n{"".join(_teaser(a) for a in articles)}</div>\n'
        f'<nav class="pagination">{" ".join(links)} <span>Page {page} of {pages}</span></nav>'
    )
    title = f"{name} | {w.SITE_NAME}" if page == 1 else f"{name}, page {page} | {w.SITE_NAME}"
    return _page(title, main, extra, f"The latest {name.lower()} stories from {w.SITE_NAME}.")


def home_page(latest: Sequence[Article], by_section: dict[str, list[Article]], base_url: str) -> bytes:
    top = "".join(_teaser(a, tracked=n % 2 == 1) for n, a in enumerate(latest[:12]))
    blocks = []
    for key, name in w.SECTIONS.items():
        items = "".join(f'<li><a href="{a.path}">{escape(a.headline)}</a></li>' for a in by_section[key][:4])
        blocks.append(f'<section class="section-block"><h2><a href="/{key}/">{name}</a></h2><ul>{items}</ul></section>')
    most_read = "".join(
        f'<li><a href="{attr(a.path + TRACKING)}">{escape(a.headline)}</a></li>' for a in list(latest)[3:20:4]
    )
    main = (
        f'<h1 class="visually-hidden">{escape(w.SITE_NAME)}</h1>\n'
        f'<section class="top-stories"><h2>Latest</h2>\n{top}</section>\n'
        + "\n".join(blocks)
        + f'\n<aside class="most-read"><h2>Most read</h2><ol>{most_read}</ol></aside>'
    )
    extra = f'\n<link rel="canonical" href="{attr(absolute(base_url, "/"))}">'
    return _page(w.SITE_NAME, main, extra, "Invented news from invented places: the newscrawl demo site.")


def tag_page(tag: str, articles: Sequence[Article]) -> bytes:
    teasers = "".join(_teaser(a) for a in articles)
    main = f'<h1 class="tag-title">Stories tagged “{escape(tag)}”</h1>\n<div class="stories">\n{teasers}</div>'
    return _page(f"{tag} | {w.SITE_NAME}", main)


def author_page(author: Author, articles: Sequence[Article]) -> bytes:
    main = (
        f'<section class="profile"><h1>{escape(author.name)}</h1><p class="role">{escape(author.role)}</p>'
        f'<p class="bio">{escape(author.bio)}</p></section>\n<h2>Latest stories</h2>\n<div class="stories">\n'
        f"{''.join(_teaser(a) for a in articles)}</div>"
    )
    return _page(f"{author.name} | {w.SITE_NAME}", main, "", author.bio)


def about_page() -> bytes:
    main = f"""<h1>About {escape(w.SITE_NAME)}</h1>
<p>{escape(w.SITE_NAME)} is the demo site bundled with newscrawl. It serves generated stories about
invented places, firms and people so that the crawler can be tried and tested without touching
anyone else's website.</p>
<h2 id="contact">Contact</h2><p>There is nobody to contact: this site runs on your own machine.</p>
<h2 id="privacy">Privacy</h2><p>No cookies, no tracking, no data leaves your computer.</p>"""
    return _page(f"About | {w.SITE_NAME}", main)


def search_page(query: str, results: Sequence[Article]) -> bytes:
    items = "".join(_teaser(a) for a in results) or "<p>No stories match your search.</p>"
    main = f'<h1>Search results for “{escape(query)}”</h1>\n<div class="stories">\n{items}</div>'
    return _page(f"Search | {w.SITE_NAME}", main, '\n<meta name="robots" content="noindex">')


def not_found_page() -> bytes:
    main = (
        '<h1>Page not found</h1>\n<p>Sorry, there is no page at this address. Try the <a href="/">front page</a>.</p>'
    )
    return _page(f"Page not found | {w.SITE_NAME}", main)


# --- machine-readable ----------------------------------------------------------------------------


def robots_txt(base_url: str) -> bytes:
    return f"User-agent: *\nDisallow: /search\n\nSitemap: {absolute(base_url, '/sitemap.xml')}\n".encode()


def sitemap_xml(entries: Iterable[tuple[str, str]], base_url: str) -> bytes:
    """``entries``: (path, lastmod in W3C datetime form)."""
    urls = "".join(
        f"<url><loc>{xml_escape(absolute(base_url, path))}</loc><lastmod>{lastmod}</lastmod></url>\n"
        for path, lastmod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    ).encode()


def feed_xml(articles: Sequence[Article], base_url: str) -> bytes:
    items = []
    for a in articles:
        link = xml_escape(absolute(base_url, a.path))
        creators = "".join(f"<dc:creator>{xml_escape(name)}</dc:creator>" for name in a.credited)
        items.append(
            f"<item><title>{xml_escape(a.headline)}</title><link>{link}</link>"
            f'<guid isPermaLink="true">{link}</guid><pubDate>{rfc822(a.published)}</pubDate>'
            f"<description>{xml_escape(a.description)}</description>{creators}"
            f"<category>{w.SECTIONS[a.section]}</category></item>\n"
        )
    newest = rfc822(articles[0].published) if articles else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f"<channel><title>{xml_escape(w.SITE_NAME)}</title><link>{xml_escape(absolute(base_url, '/'))}</link>"
        f"<description>The latest stories from {xml_escape(w.SITE_NAME)}</description><language>en</language>"
        f"<lastBuildDate>{newest}</lastBuildDate>"
        f'<atom:link href="{xml_escape(absolute(base_url, "/feed.xml"))}" rel="self" type="application/rss+xml"/>\n'
        f"{''.join(items)}</channel>\n</rss>\n"
    ).encode()


def image_svg(article: Article) -> bytes:
    hue = (article.id * 47) % 360
    label = xml_escape(w.SECTIONS[article.section])
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">'
        f'<rect width="1200" height="675" fill="hsl({hue},45%,55%)"/>'
        f'<text x="600" y="350" font-size="40" text-anchor="middle" fill="#fff">{label}</text></svg>'
    ).encode()

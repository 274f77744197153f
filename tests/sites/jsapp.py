"""A modern JS-framework-rendered news site (server-side rendered, hydrated): hashed class names,
__NEXT_DATA__, sections at /world with "Load more" links (?page=N, no rel=next), opinion pieces with
no structured data at all, an Atom feed at a common path that no page announces, no Sitemap: line in
robots.txt but /sitemap.xml -> a Google News sitemap and gzipped monthly sitemaps, ?amp=1 twins,
tracking variants, a syndicated copy, and a day-by-day archive whose "Older" link never ends (the trap)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
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

SECTIONS = ["world", "tech", "climate", "sport", "opinion"]
PER_PAGE = 8
HOME_PER_PAGE = 12
SITE_NAME = "Pulse"


def css(name: str) -> str:
    """A hashed class name, as CSS-in-JS tooling emits them."""
    return "css-" + hashlib.sha1(name.encode()).hexdigest()[:6]


class JsAppSite(TestSite):
    name = "jsapp"

    def __init__(self, n_articles: int = 80, seed: int = 11) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=90)
        for a in self.articles:
            a.path = f"/{a.section}/{slugify(a.headline)}-{hashlib.sha1(str(a.id).encode()).hexdigest()[:6]}"
        self._set_up(33, 21, "(syndicated):", lambda c: f"/{c.section}/{slugify(c.headline)}-syn{c.id}")
        self.section_paths = {s: f"/{s}" for s in SECTIONS}

    def is_trap(self, path: str) -> bool:
        return path.startswith("/archive")

    def related_truth(self, article: Article) -> list[str]:
        picks = [a.path for a in self.related_picks(article, 4)]
        if self.body_shape(article) == "hydrated":  # its inline "Read more:" teaser
            picks.insert(0, self._read_more(article).path)
        return picks

    def _read_more(self, a: Article) -> Article:
        """The other story a hydrated article's "Read more:" teaser links (never the article itself)."""
        pick = self.newest[(a.id + 7) % len(self.newest)]
        return pick if pick is not a else self.newest[(a.id + 8) % len(self.newest)]

    # --- chrome ---

    def _doc(self, base: str, title: str, canonical: str, main: str, head: str = "", data: object = None) -> Page:
        nav = "".join(f'<a class="{css("navlink")}" href="/{s}">{s.title()}</a>' for s in SECTIONS)
        trending = "".join(
            f'<li class="{css("trend")}"><a href="{a.path}?utm_campaign=trending">{esc(a.headline)}</a></li>'
            for a in self.newest[:5]
        )
        # as Next.js serializes it: JSON with "<" escaped, not HTML-escaped (a script's text is raw)
        next_data = json.dumps({"props": {"pageProps": data or {}}, "page": canonical, "buildId": "b1x9"})
        next_data = next_data.replace("<", "\\u003c")
        return html_page(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | {SITE_NAME}</title>'
            f'<meta name="viewport" content="width=device-width"><link rel="canonical" href="{base.rstrip("/")}{canonical}">'
            f'<link rel="preload" as="script" href="/_next/static/chunks/main-8f2a.js">{head}</head><body>'
            f'<div id="__next"><div class="{css("shell")}"><header class="{css("header")}">'
            f'<a class="{css("logo")}" href="/">{SITE_NAME}</a><nav aria-label="Main" class="{css("nav")}">{nav}'
            f'<a class="{css("navlink")}" href="/archive">Archive</a><a class="{css("navlink")}" href="/newsletters">'
            f'Newsletters</a><a class="{css("navlink")}" href="/search?q=">Search</a></nav></header>'
            f'<main class="{css("main")}">{main}</main>'
            f'<aside class="{css("rail")}"><h2 class="{css("railtitle")}">Trending</h2><ol>{trending}</ol></aside>'
            f'<footer class="{css("footer")}"><a href="/about">About us</a><a href="/contact">Contact</a>'
            f'<a href="/careers">Careers</a><a href="/our-mission">Our mission</a></footer></div></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{next_data}</script>'
            '<script src="/_next/static/chunks/main-8f2a.js" defer></script></body></html>'
        )

    def _card(self, a: Article) -> str:
        href = a.path
        if a.id % 9 == 4:
            href += "?amp=1"
        elif a.id % 6 == 1:
            href += "?utm_source=pulse&utm_medium=section"
        return (
            f'<div class="{css("card")}"><a class="{css("cardlink")}" href="{href}"><h3 class="{css("cardtitle")}">'
            f'{esc(a.headline)}</h3></a><p class="{css("teaser")}">{esc(a.teaser)}</p><div class="{css("meta")}">'
            f'<a class="{css("kicker")}" href="/{a.section}">{a.section.title()}</a> '
            f'<time datetime="{a.published.isoformat()}">{a.published:%d %b}</time></div></div>'
        )

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        p = parts.path
        page = int(query["page"][0]) if query.get("page", [""])[0].isdigit() else 1
        if p == "/robots.txt":
            return Page(200, "text/plain", b"User-agent: *\nDisallow: /api/\n")
        if p == "/":
            return self._listing(base, self.newest, "/", page, "Top stories", HOME_PER_PAGE)
        if p.strip("/") in SECTIONS:
            section = p.strip("/")
            arts = [a for a in self.newest if a.section == section]
            return self._listing(base, arts, f"/{section}", page, section.title(), PER_PAGE)
        if p in self.by_path:
            a = self.by_path[p]
            return self._amp(base, a) if "amp" in query else self._article(base, a)
        if p.startswith("/people/"):
            return self._person(base, p.split("/")[2])
        if p.startswith("/topics/"):
            tag = p.split("/")[2]
            arts = [a for a in self.newest if tag in {slugify(t) for t in a.tags}]
            return self._listing(base, arts, p, page, f"Topic: {tag}", 50) if arts else NOT_FOUND
        if p == "/search":
            return self._doc(base, "Search", "/search", f'<h1 class="{css("h1")}">Search</h1><input name="q">')
        if p in ("/about", "/contact", "/careers", "/our-mission", "/newsletters"):
            return self._static(base, p)
        if p == "/archive":
            return self._archive(base, query.get("date", [f"{NOW:%Y-%m-%d}"])[0])
        if p == "/atom.xml":
            return self._atom(base)
        if p == "/sitemap.xml" or p.startswith("/sitemaps/"):
            return self._sitemap(base, p)
        return NOT_FOUND

    def _listing(self, base: str, arts: list[Article], root: str, page: int, title: str, per_page: int) -> Page:
        pages = max(1, -(-len(arts) // per_page))
        if page > pages:
            return NOT_FOUND
        chunk = arts[(page - 1) * per_page : page * per_page]
        sep = "&" if "?" in root else "?"
        more = (
            f'<a class="{css("loadmore")}" href="{root}{sep}page={page + 1}" data-testid="load-more">Load more</a>'
            if page < pages
            else ""
        )
        cards = "".join(self._card(a) for a in chunk)
        main = f'<h1 class="{css("h1")}">{esc(title)}</h1><div class="{css("grid")}">{cards}</div>{more}'
        return self._doc(
            base, title, root if page == 1 else f"{root}{sep}page={page}", main, data={"items": len(chunk)}
        )

    def _article(self, base: str, a: Article) -> Page:
        url = base.rstrip("/") + a.path
        head = f'<link rel="amphtml" href="{url}?amp=1"><meta property="og:title" content="{esc(a.headline)}">'
        if a.section != "opinion":  # opinion pieces carry no structured data at all
            head += '<meta property="og:type" content="article">' + ld_json(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": a.headline,
                    "datePublished": a.published.isoformat(),
                    "author": [{"@type": "Person", "name": a.author}],
                    "articleSection": a.section.title(),
                }
            )
        shape = self.body_shape(a)
        if shape == "thin":
            # only the first paragraphs are rendered on the server; the rest arrives with the app's data
            shown = "".join(f'<p class="{css("para")}">{esc(p)}</p>' for p in a.paragraphs[:2])
            paras = (
                f'{shown}<div class="{css("gate")}"><p class="{css("gatecopy")}">Continue reading: the rest of '
                f'this story loads in your browser.</p><div class="{css("spinner")}"></div></div>'
            )
        elif shape == "hydrated":
            paras = self._hydrated(a)
        else:
            paras = "".join(f'<p class="{css("para")}">{esc(p)}</p>' for p in a.paragraphs)
        main = (
            f'<article class="{css("article")}"><div class="{css("kicker")}"><a href="/{a.section}">{a.section.title()}'
            f'</a></div><h1 class="{css("headline")}">{esc(a.headline)}</h1><div class="{css("byline")}">By '
            f'<a href="/people/{a.author_slug}">{esc(a.author)}</a> · <time datetime="{a.published.isoformat()}">'
            f'{a.published:%d %B %Y}</time></div><div class="{css("body")}">{paras}</div>{self._related(a)}'
            f'<div class="{css("topics")}">'
            + "".join(f'<a href="/topics/{slugify(t)}">{esc(t)}</a>' for t in a.tags)
            + "</div></article>"
        )
        data = {"article": {"id": a.id, "headline": a.headline, "blocks": self._blocks(a)}}
        return self._doc(base, a.headline, a.path, main, head, data=data)

    @staticmethod
    def body_shape(a: Article) -> str:
        """How the article's text reaches the page: all in the server-rendered markup ("full"), only its
        first paragraphs there and the rest in __NEXT_DATA__ ("thin"; not for opinion pieces, which carry
        no structured data and are recognised by their text), or hydrated markup with ad slots, a
        newsletter sign-up and a read-more teaser between the paragraphs ("hydrated")."""
        if a.id % 3 == 0 and a.section != "opinion":
            return "thin"
        return "hydrated" if a.id % 3 == 1 else "full"

    def _hydrated(self, a: Article) -> str:
        """Paragraphs of sentence spans, with the furniture a hydrated app puts between them."""
        out = []
        other = self._read_more(a)
        for i, p in enumerate(a.paragraphs):
            sentences = p.split(". ")
            spans = "".join(f"<span>{esc(s)}. </span>" for s in sentences[:-1]) + f"<span>{esc(sentences[-1])}</span>"
            out.append(f'<p class="{css("para")}" data-block="paragraph">{spans}</p>')
            if i == 0:
                out.append(
                    f'<div class="{css("adslot")}" data-ad="inline-1"><span class="{css("adlabel")}">Advertisement'
                    "</span></div>"
                )
            elif i == 1:
                out.append(
                    f'<div class="{css("signup")}"><h3 class="{css("signuptitle")}">Sign up for the {SITE_NAME} '
                    f'Briefing</h3><p class="{css("signupcopy")}">The day\'s top stories, straight to your inbox every '
                    f'weekday morning.</p><input type="email" placeholder="Email address"><button>Sign up</button></div>'
                )
            elif i == 2:
                out.append(
                    f'<p class="{css("readmore")}">Read more: <a href="{other.path}">{esc(other.headline)}</a></p>'
                )
        return "".join(out)

    def _blocks(self, a: Article) -> list[dict[str, object]]:
        """The article as the app's content blocks: paragraphs (one with an inline link, as rich text),
        among an ad slot, the lead image with its caption and a related-story teaser."""
        other = self._read_more(a)
        blocks: list[dict[str, object]] = []
        for i, p in enumerate(a.paragraphs):
            if i == 1:
                words = p.split(" ")
                blocks.append(
                    {
                        "type": "paragraph",
                        "children": [
                            {"type": "text", "text": " ".join(words[:5]) + " "},
                            {
                                "type": "link",
                                "href": other.path,
                                "children": [{"type": "text", "text": " ".join(words[5:8])}],
                            },
                            {"type": "text", "text": " " + " ".join(words[8:])},
                        ],
                    }
                )
            else:
                blocks.append({"type": "paragraph", "text": p})
            if i == 0:
                blocks.append({"type": "image", "src": f"/img/{a.id}.jpg", "caption": f"The site of {a.headline}"})
            elif i == 2:
                blocks.append({"type": "ad", "slot": "inline-1"})
                blocks.append({"type": "relatedStory", "text": f"Read more: {other.headline}", "href": other.path})
        return blocks

    def _related(self, a: Article) -> str:
        """A client-rendered "Related" rail: hashed classes only, the heading is the one clue."""
        picks = self.related_picks(a, 4)
        if not picks:
            return ""
        items = "".join(
            f'<li class="{css("relitem")}"><a class="{css("rellink")}" href="{r.path}">'
            f'<span class="{css("relkicker")}">{r.section.title()}</span>'
            f'<h3 class="{css("reltitle")}">{esc(r.headline)}</h3></a>'
            f'<p class="{css("relteaser")}">{esc(r.teaser)}</p></li>'
            for r in picks
        )
        return (
            f'<section class="{css("relsection")}"><h2 class="{css("relheading")}">Related</h2>'
            f'<ul class="{css("rellist")}">{items}</ul></section>'
        )

    def _amp(self, base: str, a: Article) -> Page:
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        return html_page(
            f'<!DOCTYPE html><html amp><head><meta charset="utf-8"><link rel="canonical" href="{base.rstrip("/")}{a.path}">'
            f'<title>{esc(a.headline)}</title></head><body><h1>{esc(a.headline)}</h1><time datetime="{a.published.isoformat()}">'
            f"</time>{paras}</body></html>"
        )

    def _person(self, base: str, slug: str) -> Page:
        arts = [a for a in self.newest if a.author_slug == slug]
        if not arts:
            return NOT_FOUND
        bio = " ".join(
            f"{arts[0].author} has covered councils, courts and the river economy for the paper and writes about "
            f"how small towns pay for big projects, note {i}."
            for i in range(6)
        )
        main = (
            f'<h1 class="{css("h1")}">{esc(arts[0].author)}</h1><div class="{css("bio")}"><p>{bio}</p></div>'
            + "".join(self._card(a) for a in arts)
        )
        return self._doc(base, arts[0].author, f"/people/{slug}", main, '<meta property="og:type" content="profile">')

    def _static(self, base: str, path: str) -> Page:
        title = path.strip("/").replace("-", " ").title()
        text = " ".join(
            f"{SITE_NAME} is an independent newsroom funded by its readers; this page explains our standards, our "
            f"team and how to get in touch with the desk, part {i}."
            for i in range(8)
        )
        main = f'<h1 class="{css("h1")}">{title}</h1><div class="{css("prose")}"><p>{text}</p><p>{text}</p></div>'
        return self._doc(base, title, path, main)

    def _archive(self, base: str, day_text: str) -> Page:
        """One day's stories with Older/Newer links: the Older link never ends (empty days still have one)."""
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            return NOT_FOUND
        arts = [a for a in self.newest if a.published.date() == day]
        older, newer = day - timedelta(days=1), day + timedelta(days=1)
        main = (
            f'<h1 class="{css("h1")}">Archive: {day:%d %B %Y}</h1><div class="{css("grid")}">'
            + "".join(self._card(a) for a in arts)
            + f'</div><div class="{css("pager")}"><a class="{css("pagerlink")}" href="/archive?date={older}">← Older</a>'
            f'<a class="{css("pagerlink")}" href="/archive?date={newer}">Newer →</a></div>'
        )
        return self._doc(base, f"Archive {day}", f"/archive?date={day}", main)

    def _atom(self, base: str) -> Page:
        b = base.rstrip("/")
        entries = "".join(
            f"<entry><title>{esc(a.headline)}</title><id>urn:pulse:{a.id}</id>"
            f'<link rel="alternate" type="text/html" href="{b}{a.path}?utm_source=atom"/>'
            f"<published>{a.published.isoformat()}</published><updated>{a.published.isoformat()}</updated></entry>"
            for a in self.newest[:20]
        )
        return xml_page(
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{SITE_NAME}</title>'
            f"<id>{b}/</id><updated>{NOW.isoformat()}</updated>{entries}</feed>",
            content_type="application/atom+xml",
        )

    def _sitemap(self, base: str, path: str) -> Page:
        b = base.rstrip("/")
        months = sorted({f"{a.published:%Y-%m}" for a in self.articles})
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        if path == "/sitemap.xml":
            last = {m: max(a.published for a in self.articles if f"{a.published:%Y-%m}" == m) for m in months}
            rows = [("/sitemaps/news.xml", NOW), ("/sitemaps/pages.xml", None)]
            rows += [(f"/sitemaps/articles-{m}.xml.gz", last[m]) for m in months]
            body = "".join(
                f"<sitemap><loc>{b}{loc}</loc>{f'<lastmod>{mod.isoformat()}</lastmod>' if mod else ''}</sitemap>"
                for loc, mod in rows
            )
            return xml_page(f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex {ns}>{body}</sitemapindex>')
        if path == "/sitemaps/news.xml":
            body = "".join(
                f"<url><loc>{b}{a.path}</loc><news:news><news:publication><news:name>{SITE_NAME}</news:name>"
                f"<news:language>en</news:language></news:publication><news:publication_date>{a.published.isoformat()}"
                f"</news:publication_date><news:title>{esc(a.headline)}</news:title></news:news></url>"
                for a in self.newest[:15]
            )
            return xml_page(
                f'<?xml version="1.0" encoding="UTF-8"?><urlset {ns} '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>'
            )
        if path == "/sitemaps/pages.xml":
            locs = ["/about", "/contact", "/our-mission", "/newsletters"]
            locs += [f"/people/{slugify(n)}" for n in self.authors] + [f"/topics/{slugify(t)}" for t in self.tags]
            body = "".join(f"<url><loc>{b}{loc}</loc></url>" for loc in locs)
            return xml_page(f'<?xml version="1.0" encoding="UTF-8"?><urlset {ns}>{body}</urlset>')
        for m in months:
            if path == f"/sitemaps/articles-{m}.xml.gz":
                arts = [a for a in self.articles if f"{a.published:%Y-%m}" == m]
                body = "".join(
                    f"<url><loc>{b}{a.path}</loc><lastmod>{a.published.isoformat()}</lastmod></url>" for a in arts
                )
                return xml_page(f'<?xml version="1.0" encoding="UTF-8"?><urlset {ns}>{body}</urlset>', gz=True)
        return NOT_FOUND

"""A newsletter on a hosted newsletter platform built like Substack: posts at ``/p/<slug>``; the home
page, ``/archive`` and the section pages ``/s/<section>`` render a shell and only the first posts on
the server, the rest comes from ``/api/v1/archive?sort=new&offset=N&limit=12`` (``&section_id=N`` on a
section page), which the page script calls from a "Load more" button that has no URL; a sitemap index
``/sitemap.xml`` of per-year sitemaps (``/sitemap/2024``) that also lists the non-article pages, and
``/feed`` (RSS of the 20 newest posts, the text in ``content:encoded``). A post page carries JSON-LD
``NewsArticle`` (the subtitle as description, an array of ``Person`` authors whose urls are the
``/@handle`` profiles on the same host, ``isAccessibleForFree``), the ``post-title`` h1, the
``subtitle`` h3 (a standfirst: the truth's first paragraph), the byline (profile links, "May 14, 2024",
"∙ Paid" on paid posts) and the text in ``available-content``/``body markup`` with h3 subheadings, a
blockquote, a captioned image, a footnote (its marker in the text, its note at the end), a subscribe
widget and a "Share" button between the paragraphs; a paid post shows only its first paragraphs and
then the paywall ("This post is for paid subscribers", "Already a paid subscriber? Sign in"). After
the post: like/comment/restack buttons, a "Ready for more?" subscribe footer, many reader comments, the
"More from <section>" block (three posts of the section: ``related_truth``) and a publication sidebar of
"Top" and "Latest" posts (not related). Non-articles: ``/about``, ``/archive``, ``/s/<section>``,
``/podcast``, ``/p/<slug>/comments``, ``/subscribe``, ``/account/login?redirect=...``, ``/@handle``."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, quote, urlsplit

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

SECTIONS = ["world", "letters", "field-notes", "interviews"]
SECTION_NAMES = {"world": "World", "letters": "Letters", "field-notes": "Field Notes", "interviews": "Interviews"}
SERVER_RENDERED = 12  # posts a listing renders before its script takes over
HOME_RENDERED = 8
API_LIMIT = 12
RSS_ITEMS = 20
SITE_NAME = "The Wexcombe Letter"
SUBDOMAIN = "wexcombe"
_SUBHEADS = ("What the numbers say", "Who pays", "The view from the harbour", "What comes next", "A short history")
_QUOTES = (
    "We were told the work would take a season, and it has taken three.",
    "Nobody on the council wanted to be the one who said no to it.",
    "If the water comes up again, the whole quay goes with it.",
)


def handle(name: str) -> str:
    return slugify(name).replace("-", "")


class SubstackSite(TestSite):
    name = "substack"

    def __init__(self, n_articles: int = 90, seed: int = 71) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=420)
        self.coauthor: dict[int, str] = {}
        self.subtitle: dict[int, str] = {}
        self.blocks: dict[int, list[tuple[str, str]]] = {}  # the text as rendered: ("p" | "h3" | "quote", text)
        self.footnote: dict[int, str] = {}
        self.paid: set[int] = set()
        for a in self.articles:
            a.path = f"/p/{slugify(a.headline)}"
            if a.id % 7 == 3:
                names = [f"{f} {last}" for f in FIRST for last in LAST if f"{f} {last}" != a.author]
                self.coauthor[a.id] = names[(a.id * 5) % len(names)]
            words = a.paragraphs[0].split()
            self.subtitle[a.id] = f"Why {' '.join(words[2:9]).rstrip('.,')}, and what it means for the valley"
            blocks = [("p", p) for p in a.paragraphs]
            blocks.insert(2, ("h3", _SUBHEADS[a.id % len(_SUBHEADS)]))
            blocks.insert(4, ("quote", _QUOTES[a.id % len(_QUOTES)]))
            if a.id % 6 == 2 and a.id not in (33, 58):  # paid (not the syndicated pair): the free part only
                self.paid.add(a.id)
                blocks = blocks[:2]
            else:
                self.footnote[a.id] = f"The figures are from the {a.tags[0]} committee's minutes, note {a.id + 1}."
            self.blocks[a.id] = blocks
            a.paragraphs = [self.subtitle[a.id], *(t for _, t in blocks)]
            if a.id in self.footnote:
                a.paragraphs.append(self.footnote[a.id])
        self._set_up(58, 33, "(cross-post):", lambda c: f"/p/{slugify(c.headline)}")
        copy, original = self.articles[58], self.articles[33]
        self.blocks[copy.id], self.footnote[copy.id] = self.blocks[original.id], self.footnote[original.id]
        self.subtitle[copy.id] = self.subtitle[original.id]
        self.coauthor.pop(copy.id, None)
        if original.id in self.coauthor:
            self.coauthor[copy.id] = self.coauthor[original.id]
        copy.author = original.author
        assert len(self.by_path) == len(self.articles), "paths are unique"
        self.section_paths = {s: f"/s/{s}" for s in SECTIONS}
        self.all_authors = sorted({n for a in self.articles for n in self.authors_of(a)})

    def authors_of(self, a: Article) -> list[str]:
        return [a.author, self.coauthor[a.id]] if a.id in self.coauthor else [a.author]

    def is_trap(self, path: str) -> bool:
        return path.startswith("/api/")  # the script's API: not a page a crawler should need

    def related_truth(self, article: Article) -> list[str]:
        """ "More from <section>": three other posts of the section, nearest in time (none on every fifth)."""
        return [a.path for a in self.related_picks(article, 3)]

    def section_rendered(self, section: str) -> list[Article]:
        """The posts a section page renders on the server: what a crawler that runs no script can list."""
        return [a for a in self.newest if a.section == section][:SERVER_RENDERED]

    # --- chrome ---

    def _doc(
        self, base: str, title: str, canonical: str, content: str, head: str = "", preloads: object = None
    ) -> Page:
        root = base.rstrip("/")
        nav = "".join(
            f'<a class="nav-link" href="{root}/s/{s}">{SECTION_NAMES[s]}</a>' for s in SECTIONS
        ) + "".join(f'<a class="nav-link" href="{root}{p}">{t}</a>' for p, t in (("/podcast", "Podcast"),
                    ("/archive", "Archive"), ("/about", "About")))  # fmt: skip
        login = f"{root}/account/login?redirect={quote(canonical, safe='')}&for_pub={SUBDOMAIN}"
        state = json.dumps({"pub": {"name": SITE_NAME, "subdomain": SUBDOMAIN}, **(preloads or {})})
        return html_page(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-'
            f'width, initial-scale=1, maximum-scale=1"><title>{esc(title)}</title><link rel="canonical" '
            f'href="{root}{canonical}"><link rel="alternate" type="application/rss+xml" href="{root}/feed" '
            f'title="{SITE_NAME}"><link rel="stylesheet" href="https://substackcdn.com/bundle/theme/main.1a2b.css">'
            f'<meta name="theme-color" content="#ffffff">{head}</head><body class="pc-root"><div id="entry">'
            '<div id="main" class="main typography use-theme-bg"><div class="main-menu"><div class="topbar-content">'
            f'<a class="navbar-title-link" href="{root}/">{SITE_NAME}</a><div class="navbar-buttons">'
            f'<a class="button primary subscribe-btn" href="{root}/subscribe?utm_source=menu&simple=true&next='
            f'{quote(root + canonical, safe="")}">Subscribe</a><a class="button sign-in-link" href="{login}">Sign in'
            f'</a></div></div><div class="topbar-menu"><nav class="navbar-pages">{nav}</nav></div></div>{content}'
            '<div class="footer-wrap publication-footer"><div class="footer"><div class="footer-copyright">'
            f'© 2024 {SITE_NAME}</div><a href="https://substack.com/privacy">Privacy</a> ∙ <a href="https://'
            'substack.com/tos">Terms</a> ∙ <a href="https://substack.com/ccpa#personal-data-collected">Collection '
            'notice</a></div><div class="footer-substack-cta"><a href="https://substack.com/signup?utm_source='
            'substack&utm_medium=web&utm_content=footer">Start writing</a><a href="https://substack.com/app/app-'
            'store-redirect?utm_campaign=app-marketing&utm_content=web-footer-button">Get the app</a></div></div>'
            f'</div></div><script>window._preloads = JSON.parse({json.dumps(state)})</script><script src="https://'
            'substackcdn.com/bundle/static/js/main.9f8e.js" async></script></body></html>'
        )

    def _date(self, a: Article) -> str:
        return f"{a.published:%b} {a.published.day}, {a.published:%Y}"

    def _card(self, base: str, a: Article) -> str:
        """A post preview as the archive and section pages render it."""
        root = base.rstrip("/")
        names = ", ".join(esc(n) for n in self.authors_of(a))
        lock = '<svg class="lock-icon" role="img" aria-label="Paid"></svg>' if a.id in self.paid else ""
        return (
            f'<div class="post-preview portable-archive-post" data-testid="post-preview"><div class="post-preview-'
            f'content"><a class="post-preview-title newsletter" href="{root}{a.path}">{esc(a.headline)}</a>'
            f'<a class="post-preview-description" href="{root}{a.path}">{esc(self.subtitle[a.id])}</a>'
            f'<div class="post-preview-meta"><time datetime="{a.published:%Y-%m-%dT%H:%M:%S.000Z}">'
            f'{a.published:%b} {a.published.day}</time> ∙ {lock}<span class="post-preview-byline">{names}</span>'
            f'</div><div class="post-preview-actions"><a class="like-button" href="{root}{a.path}?action=like"'
            f' aria-label="Like">{(a.id * 7) % 40 + 3}</a><a class="post-ufi-comment-button" href="{root}{a.path}'
            f'/comments" aria-label="View comments">{(a.id * 3) % 17 + 1}</a><a class="restack-button" href="'
            f'{root}{a.path}?action=restack" aria-label="Restack"></a></div></div><a class="post-preview-image"'
            f' href="{root}{a.path}"><img src="https://substackcdn.com/image/fetch/w_300/img{a.id}.jpeg" alt="">'
            "</a></div>"
        )

    def _listing(self, base: str, title: str, canonical: str, arts: list[Article], shown: int, api: str) -> Page:
        cards = "".join(self._card(base, a) for a in arts[:shown])
        more = (
            '<button class="button load-more" type="button" data-testid="load-more">Load more</button>'
            if len(arts) > shown
            else ""
        )
        content = (
            f'<div class="container archive-page"><h1 class="archive-title">{esc(title)}</h1><div class="portable-'
            f'archive-tabs"><button class="tab active">Latest</button><button class="tab">Top</button><button '
            f'class="tab">Discussions</button></div><div class="portable-archive-list">{cards}</div>{more}</div>'
        )
        preloads = {"archive": {"api": api, "offset": shown, "limit": API_LIMIT}}
        return self._doc(base, title, canonical, content, preloads=preloads)

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        p, query = parts.path, parse_qs(parts.query)
        if p == "/robots.txt":
            return Page(
                200,
                "text/plain",
                f"User-agent: *\nDisallow: /action/\nDisallow: /publish\nDisallow: /sign-in\nDisallow: /channel-"
                f"frame\nDisallow: /session-attribution-frame\n\nSitemap: {base}sitemap.xml\n".encode(),
            )
        if p == "/sitemap.xml" or p.startswith("/sitemap/"):
            return self._sitemap(base, p)
        if p == "/feed":
            return self._rss(base)
        if p == "/api/v1/archive":
            return self._api(base, query)
        if p == "/":
            return self._home(base)
        if p == "/archive":
            return self._listing(base, "Archive", "/archive", self.newest, SERVER_RENDERED, "/api/v1/archive?sort=new")
        if p.startswith("/s/") and p[3:] in SECTIONS:
            s = p[3:]
            arts = [a for a in self.newest if a.section == s]
            api = f"/api/v1/archive?sort=new&section_id={SECTIONS.index(s) + 100}"
            return self._listing(base, SECTION_NAMES[s], p, arts, SERVER_RENDERED, api)
        if p.startswith("/@"):
            return self._profile(base, p[2:])
        if p in ("/about", "/podcast", "/subscribe", "/account/login"):
            return self._static(base, p, parts.query)
        post, _, rest = p.partition("/comment")
        if post in self.by_path and (rest == "s" or rest.startswith("/")):  # /p/slug/comments, /p/slug/comment/N
            return self._comments_page(base, self.by_path[post])
        a = self.by_path.get(p)
        if a is None:
            return NOT_FOUND
        return self._post(base, a)  # ?action=like, ?utm_source=...: the post itself, as the platform serves it

    def _home(self, base: str) -> Page:
        hero, rest = self.newest[0], self.newest[1:HOME_RENDERED]
        root = base.rstrip("/")
        content = (
            f'<div class="container home-page"><div class="home-hero"><h2 class="home-hero-title"><a href="{root}'
            f'{hero.path}">{esc(hero.headline)}</a></h2><div class="home-hero-subtitle">{esc(self.subtitle[hero.id])}'
            f'</div></div><div class="home-welcome"><p>Local politics, money and water in the Wexcombe valley, by '
            f'people who live here.</p></div><div class="portable-archive-list">'
            f'{"".join(self._card(base, a) for a in rest)}</div><a class="button see-all" href="{root}/archive">'
            "See all</a></div>"
        )
        return self._doc(base, SITE_NAME, "/", content, preloads={"archive": {"offset": HOME_RENDERED}})

    def _people(self, base: str, a: Article) -> list[dict[str, object]]:
        root = base.rstrip("/")
        return [
            {
                "@type": "Person",
                "name": n,
                "url": f"{root}/@{handle(n)}",
                "description": f"Writes about the valley's {a.section.replace('-', ' ')}.",
                "identifier": f"user:{sum(map(ord, n)) * 7919}",
                "image": {"@type": "ImageObject", "url": f"https://substackcdn.com/image/fetch/w_88/{handle(n)}.png"},
            }
            for n in self.authors_of(a)
        ]

    def _body(self, base: str, a: Article) -> str:
        root = base.rstrip("/")
        out = []
        note = a.id in self.footnote
        for i, (kind, text) in enumerate(self.blocks[a.id]):
            if kind == "h3":
                out.append(f'<h3 class="header-anchor-post">{esc(text)}<div class="pencraft header-anchor-parent">'
                           f'<div class="header-anchor-widget"><button aria-label="Link"></button></div></div></h3>')  # fmt: skip
            elif kind == "quote":
                out.append(f"<blockquote><p>{esc(text)}</p></blockquote>")
            elif i == 1 and note:
                out.append(
                    f'<p>{esc(text)}<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" '
                    'id="footnote-anchor-1" href="#footnote-1" target="_self">1</a></p>'
                )
            else:
                out.append(f"<p>{esc(text)}</p>")
            if i == 0:
                out.append(
                    '<div class="subscription-widget-wrap-editor" data-attrs=\'{"url":"'
                    + root
                    + '/subscribe?","text":"Subscribe","language":"en"}\' data-component-name="SubscribeWidgetToDOM">'
                    '<div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">'
                    f"Thanks for reading {SITE_NAME}! Subscribe for free to receive new posts and support my work.</p>"
                    '</div><form class="subscription-widget-subscribe"><input type="email" class="email-input" '
                    'name="email" placeholder="Type your email…" tabindex="-1"><input type="submit" class="button '
                    'primary" value="Subscribe"><div class="fake-input-wrapper"><div class="fake-input"></div><div '
                    'class="fake-button"></div></div></form></div></div>'
                )
            if kind == "h3":
                out.append(
                    '<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" '
                    f'target="_blank" href="https://substackcdn.com/image/fetch/f_auto/img{a.id}-2.jpeg"><div '
                    f'class="image2-inset"><picture><img src="https://substackcdn.com/image/fetch/w_1456/img{a.id}'
                    '-2.jpeg" width="1456" height="971" alt="" loading="lazy"></picture></div></a><figcaption '
                    f'class="image-caption">The {a.tags[0]} site at {a.published:%B}\'s end, seen from the north '
                    "bank.</figcaption></figure></div>"
                )
            if kind == "quote" and a.id not in self.paid:
                share = f"{root}{a.path}?utm_source=substack&utm_medium=email&utm_content=share&action=share"
                out.append(
                    '<p class="button-wrapper" data-attrs=\'{"url":"' + share + '","text":"Share","action":null,'
                    f'"class":null}}\' data-component-name="ButtonCreateButton"><a class="button primary" href="{share}">'
                    "<span>Share</span></a></p>"
                )
        if note:
            out.append(
                '<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1"'
                ' class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content">'
                f"<p>{esc(self.footnote[a.id])}</p></div></div>"
            )
        return "".join(out)

    def _comments(self, base: str, a: Article, n: int) -> str:
        root = base.rstrip("/")
        items = []
        for i in range(n):
            who = f"{FIRST[(a.id + i) % len(FIRST)]} {LAST[(a.id * 3 + i) % len(LAST)]}"
            day = a.published + timedelta(days=i % 4, hours=i)
            items.append(
                f'<div class="comment" id="comment-{a.id * 100 + i}"><div class="comment-content"><div class="comment-'
                f'meta"><a class="comment-author" href="{root}/@{handle(who)}reads">{esc(who)}</a><a class="comment-date"'
                f' href="{root}{a.path}/comment/{a.id * 100 + i}"><time datetime="{day:%Y-%m-%dT%H:%M:%S.000Z}">'
                f'{day:%b} {day.day}</time></a></div><div class="comment-body"><p>Thanks for this. The {a.tags[-1]} '
                f"question came up at our street meeting too, and nobody could say who would pay for the "
                f'{a.tags[0]} in the end, comment {i}.</p></div><div class="comment-actions"><button>Like ({i % 5})'
                "</button><button>Reply</button><button>Share</button></div></div></div>"
            )
        return (
            f'<div class="comments-section" id="comments"><h4 class="comments-heading">Discussion about this post</h4>'
            f'<div class="comment-list">{"".join(items)}</div></div>'
        )

    def _post(self, base: str, a: Article) -> Page:
        root = base.rstrip("/")
        people = self._people(base, a)
        published = a.published.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        image = f"https://substackcdn.com/image/fetch/w_1200,h_600,c_fill/img{a.id}.jpeg"
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "url": f"{root}{a.path}",
            "mainEntityOfPage": f"{root}{a.path}",
            "headline": a.headline,
            "description": self.subtitle[a.id],
            "image": [{"@type": "ImageObject", "url": image}],
            "datePublished": published,
            "dateModified": (a.published + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "isAccessibleForFree": a.id not in self.paid,
            "author": people,
            "publisher": {
                "@type": "Organization",
                "name": SITE_NAME,
                "url": f"{root}",
                "description": "Local politics, money and water in the Wexcombe valley.",
                "identifier": "pub:2211",
                "logo": {"@type": "ImageObject", "url": "https://substackcdn.com/image/fetch/w_256/logo.png"},
            },
        }
        if a.id in self.paid:
            data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}
        head = (
            f'<meta name="description" content="{esc(self.subtitle[a.id])}"><meta property="og:type" content="article">'
            f'<meta property="og:title" content="{esc(a.headline)}"><meta property="og:description" content="'
            f'{esc(self.subtitle[a.id])}"><meta property="og:url" content="{root}{a.path}"><meta property="og:image" '
            f'content="{image}"><meta name="twitter:card" content="summary_large_image"><meta name="author" content="'
            f'{esc(a.author)}">{ld_json(data)}'
        )
        names = self.authors_of(a)
        byline_names = " and ".join(
            f'<a class="pencraft frontend-pencraft-Text-module__decoration-hover-underline" href="{root}/@{handle(n)}">'
            f"{esc(n)}</a>"
            for n in names
        )
        avatars = "".join(
            f'<a class="profile-hover-card-target" href="{root}/@{handle(n)}"><img class="avatar" alt="{esc(n)}" '
            f'src="https://substackcdn.com/image/fetch/w_80/{handle(n)}.png"></a>'
            for n in names
        )
        paid_marker = '<div class="pencraft audience-label">∙ Paid</div>' if a.id in self.paid else ""
        paywall = (
            '<div class="paywall" data-component-name="Paywall"><h2 class="paywall-title">This post is for paid '
            'subscribers</h2><div class="paywall-cta"><a class="button primary subscribe-btn" href="'
            f'{root}/subscribe?simple=true&next={quote(root + a.path, safe="")}&utm_source=paywall&utm_medium=web">'
            f'Subscribe</a></div><div class="paywall-login"><p>Already a paid subscriber? <a href="{root}/account/'
            f'login?redirect={quote(a.path, safe="")}&for_pub={SUBDOMAIN}">Sign in</a></p></div></div>'
            if a.id in self.paid
            else ""
        )
        related = self.related_picks(a, 3)
        more_from = (
            '<div class="more-from-publication"><h3 class="more-from-title">Recommended</h3>'
            '<div class="portable-archive-list">' + "".join(self._card(base, r) for r in related) + "</div></div>"
            if related
            else ""
        )
        top = sorted(self.originals(), key=lambda x: (x.id * 37) % 101)[:5]
        sidebar = (
            '<div class="post-sidebar"><div class="sidebar-section"><h4>Top</h4><ul>'
            + "".join(f'<li><a href="{root}{t.path}">{esc(t.headline)}</a></li>' for t in top)
            + '</ul></div><div class="sidebar-section"><h4>Latest</h4><ul>'
            + "".join(f'<li><a href="{root}{t.path}">{esc(t.headline)}</a></li>' for t in self.newest[:5])
            + "</ul></div></div>"
        )
        likes, ncomments = (a.id * 7) % 40 + 3, 6 + a.id % 9
        content = (
            '<div class="single-post-container"><div class="container"><div class="single-post"><div class="post">'
            '<article class="typography newsletter-post post"><div class="post-header"><h1 class="post-title '
            f'published" dir="auto">{esc(a.headline)}</h1><h3 class="subtitle" dir="auto">'
            f'{esc(self.subtitle[a.id])}</h3><div class="post-header-byline"><div class="byline-wrapper">{avatars}'
            f'<div class="byline-names">{byline_names}</div><div class="byline-date">{self._date(a)}</div>'
            f'{paid_marker}</div><div class="post-ufi"><a class="like-button" href="{root}{a.path}?action=like">'
            f'{likes}</a><a class="post-ufi-comment-button" href="{root}{a.path}/comments">{ncomments}</a>'
            f'<a class="restack-button" href="{root}{a.path}?action=restack">Restack</a></div></div></div>'
            f'<div class="available-content"><div dir="auto" class="body markup">{self._body(base, a)}</div></div>'
            f'{paywall}<div class="post-footer"><div class="post-ufi"><a class="like-button" href="{root}{a.path}'
            f'?action=like">{likes} Likes</a><a class="post-ufi-comment-button" href="{root}{a.path}/comments">'
            f'{ncomments} Comments</a><a class="restack-button" href="{root}{a.path}?action=restack">Restack</a>'
            f'<a class="share-button" href="{root}{a.path}?utm_source=substack&utm_content=share">Share</a></div>'
            '</div></article></div><div class="visibility-check"></div><div class="subscribe-footer"><h3 class="'
            f'subscribe-footer-title">Ready for more?</h3><form class="subscribe-widget" action="{root}/api/v1/free"'
            ' method="post"><input type="email" name="email" placeholder="Type your email…"><button type="submit" '
            f'class="button primary">Subscribe</button></form></div>{self._comments(base, a, ncomments)}'
            f"{more_from}</div>{sidebar}</div></div>"
        )
        return self._doc(base, a.headline, a.path, content, head)

    def _comments_page(self, base: str, a: Article) -> Page:
        root = base.rstrip("/")
        head = (
            f'<meta property="og:type" content="article"><meta property="og:title" content="Comments - {esc(a.headline)}">'
            f'<meta name="robots" content="noindex">'
        )
        content = (
            '<div class="container comments-page"><div class="post-header"><h1 class="post-title">'
            f'<a href="{root}{a.path}">{esc(a.headline)}</a></h1><h3 class="subtitle">{esc(self.subtitle[a.id])}</h3>'
            f'<div class="byline-date">{self._date(a)}</div></div>{self._comments(base, a, 30)}</div>'
        )
        return self._doc(base, f"Comments - {a.headline}", f"{a.path}/comments", content, head)

    def _profile(self, base: str, h: str) -> Page:
        for n in self.all_authors:
            if handle(n) == h:
                break
        else:
            return NOT_FOUND
        arts = [a for a in self.newest if n in self.authors_of(a)]
        root = base.rstrip("/")
        data = {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": {"@type": "Person", "name": n}}
        content = (
            f'<div class="container profile-page"><h1 class="profile-name">{esc(n)}</h1><div class="profile-bio">'
            f"<p>{esc(n)} writes about councils, harbours and money in the valley, and reads every reply.</p></div>"
            '<div class="profile-posts">'
            + "".join(f'<a href="{root}{a.path}">{esc(a.headline)}</a>' for a in arts[:10])
            + "</div></div>"
        )
        return self._doc(base, n, f"/@{h}", content, f'<meta property="og:type" content="profile">{ld_json(data)}')

    def _static(self, base: str, p: str, query: str) -> Page:
        root = base.rstrip("/")
        if p == "/about":
            text = "".join(
                f"<p>{SITE_NAME} is a reader-funded newsletter about the valley's councils and harbours, letter {i}."
                " Paid subscribers keep it free for everyone else.</p>"
                for i in range(8)
            )
            content = f'<div class="container about-page"><h1 class="about-title">About {SITE_NAME}</h1>{text}</div>'
        elif p == "/podcast":
            episodes = "".join(self._card(base, a) for a in self.newest[:3])
            content = (
                '<div class="container podcast-page"><h1>The Wexcombe Letter podcast</h1><p>Conversations with the '
                f'people behind the stories.</p><div class="portable-archive-list">{episodes}</div></div>'
            )
        elif p == "/subscribe":
            content = (
                f'<div class="container subscribe-page"><h1>Subscribe to {SITE_NAME}</h1><p>Local politics, money '
                'and water in the Wexcombe valley.</p><form><input type="email" name="email"><button>Subscribe'
                f'</button></form><a href="{root}/account/login?redirect=%2Fsubscribe">Sign in</a></div>'
            )
        else:
            content = (
                '<div class="container login-page"><h1>Sign in to Substack</h1><form><input type="email" '
                'name="email"><button>Continue</button></form></div>'
            )
        return self._doc(base, p.strip("/").title(), p + (f"?{query}" if query else ""), content)

    def _api(self, base: str, query: dict[str, list[str]]) -> Page:
        root = base.rstrip("/")
        arts = self.newest
        if "section_id" in query:
            s = SECTIONS[int(query["section_id"][0]) - 100]
            arts = [a for a in arts if a.section == s]
        offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", [str(API_LIMIT)])[0])
        items = [
            {
                "id": 9000 + a.id,
                "canonical_url": f"{root}{a.path}",
                "slug": a.path[3:],
                "title": a.headline,
                "subtitle": self.subtitle[a.id],
                "post_date": a.published.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "audience": "only_paid" if a.id in self.paid else "everyone",
                "section_id": SECTIONS.index(a.section) + 100,
            }
            for a in arts[offset : offset + limit]
        ]
        return Page(200, "application/json; charset=utf-8", json.dumps(items).encode())

    def _rss(self, base: str) -> Page:
        root = base.rstrip("/")

        def text(a: Article) -> str:
            html = self._body(base, a)
            if a.id in self.paid:
                html += f'<p><a href="{root}{a.path}">Read more</a></p>'
            return html

        items = "".join(
            f"<item><title><![CDATA[{a.headline}]]></title><description><![CDATA[{self.subtitle[a.id]}]]></description>"
            f'<link>{root}{a.path}</link><guid isPermaLink="false">{root}{a.path}</guid>'
            f"<dc:creator><![CDATA[{', '.join(self.authors_of(a))}]]></dc:creator>"
            f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
            f'<enclosure url="https://substackcdn.com/image/fetch/img{a.id}.jpeg" length="0" type="image/jpeg"/>'
            f"<content:encoded><![CDATA[{text(a)}]]></content:encoded></item>"
            for a in self.newest[:RSS_ITEMS]
        )
        return xml_page(
            '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" '
            'version="2.0"><channel>'
            f"<title><![CDATA[{SITE_NAME}]]></title><description><![CDATA[Local politics, money and water in the "
            f"Wexcombe valley.]]></description><link>{root}</link><generator>Substack</generator>"
            f"<lastBuildDate>{NOW:%a, %d %b %Y %H:%M:%S} GMT</lastBuildDate>"
            f'<atom:link href="{root}/feed" rel="self" type="application/rss+xml"/><copyright><![CDATA[{SITE_NAME}]]>'
            f"</copyright><language><![CDATA[en]]></language>{items}</channel></rss>",
            content_type="application/rss+xml; charset=utf-8",
        )

    def _sitemap(self, base: str, p: str) -> Page:
        root = base.rstrip("/")
        years = sorted({a.published.year for a in self.articles}, reverse=True)
        if p == "/sitemap.xml":
            items = "".join(f"<sitemap><loc>{root}/sitemap/{y}</loc></sitemap>" for y in years)
            pages = "".join(f"<sitemap><loc>{root}/sitemap/{k}</loc></sitemap>" for k in ("pages",))
            return xml_page(
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{pages}{items}</sitemapindex>'
            )
        key = p[len("/sitemap/") :]
        if key == "pages":
            rows = [("/", "daily"), ("/archive", "daily"), ("/about", "weekly"), ("/podcast", "weekly")]
            rows += [(f"/s/{s}", "daily") for s in SECTIONS]
            body = "".join(f"<url><loc>{root}{u}</loc><changefreq>{f}</changefreq></url>" for u, f in rows)
        elif key.isdigit() and int(key) in years:
            body = "".join(
                f"<url><loc>{root}{a.path}</loc><lastmod>{a.published + timedelta(hours=3):%Y-%m-%d}</lastmod>"
                "<changefreq>monthly</changefreq></url>"
                for a in self.newest
                if a.published.year == int(key)
            )
        else:
            return NOT_FOUND
        return xml_page(
            f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{body}</urlset>"
        )

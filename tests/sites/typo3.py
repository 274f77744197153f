"""A regional paper on TYPO3 with the news extension (tx_news), as German-speaking publishers and
organisations run it: news at speaking URLs (``/aktuelles/detail/<slug>``, the canonical) and, where
a link was built without the route enhancer (older items in the lists, the date menu's archive, the
RSS feed), at the plugin's raw form ``/index.php?id=12&tx_news_pi1%5Bnews%5D=N&...&cHash=<hex>``
(the same page; a wrong or missing cHash is a 404, as TYPO3's cHash check makes it); category lists
(``/aktuelles/<kategorie>/``) paged by the news pagination widget, either with query arguments
(``?tx_news_pi1%5BcurrentPage%5D=2&cHash=...``) or routed (``/aktuelles/<kategorie>/seite-2/``),
"Weiter" in ``li.next``; a date menu (``/aktuelles/archiv/2024/05/``) and tag lists
(``/aktuelles/schlagwort/<tag>/``); the detail template of tx_news (``news-single``, microdata
``Article``: ``headline``, a ``<time itemprop="datePublished">`` with the day only on most pages and
the day and time on a customised template, an author ``Person`` whose name the editor typed, "X und
Y" included, or none; the teaser in ``lead``, the text in ``news-text-wrap``, an image with
caption and "Foto:" credit, categories and tags, "Ähnliche Artikel" / "Verwandte Nachrichten"
(``news-related-news``), related files and links, "Zurück", a share bar); a cookie banner on every
page; og: tags from the seo extension and JSON-LD on a few pages only; robots.txt, the seo
extension's sitemap index (``/sitemap.xml`` of ``?sitemap=pages&type=1533906435`` and
``...&sitemap=news``), RSS of the newest 10 (``/rss.xml``, raw plugin links); content pages
(Impressum, Datenschutz with its "Stand:" date, Kontakt) that are no articles; a syndicated copy at
the slug TYPO3 makes unique (``-1``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qsl, quote, urlsplit

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

SECTIONS = ["world", "business", "region", "culture"]
SLUG = {"world": "welt", "business": "wirtschaft", "region": "region", "culture": "kultur"}
TITLE = {"world": "Welt", "business": "Wirtschaft", "region": "Region", "culture": "Kultur"}
ROUTED_PAGER = {"business", "culture"}  # /seite-N/; the others page with ?tx_news_pi1[currentPage]=N&cHash=
PER_PAGE = 10  # tx_news' itemsPerPage
LIST_PID, DETAIL_PID = 7, 12
SITE_NAME = "Ivelsee-Bote"
LOCAL = timezone(timedelta(hours=2))  # Mitteleuropäische Sommerzeit
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember")  # fmt: skip
GERMAN_NAMES = (
    "Jürgen Weiß", "Sabine Köhler", "Lukas Grüninger", "Marie Schönberger", "Stefan Hübner", "Renate Böhm",
)  # fmt: skip
STATIC = {"/impressum/": "Impressum", "/datenschutz/": "Datenschutzerklärung", "/kontakt/": "Kontakt"}
SEO_SITEMAP = "1533906435"  # EXT:seo's page type for XML sitemaps


def chash(args: dict[str, str]) -> str:
    """A stand-in for TYPO3's cHash: a digest of the arguments that make the page (not of the order)."""
    text = "&".join(f"{k}={v}" for k, v in sorted(args.items()) if k != "cHash")
    return hashlib.md5(f"{text}|encryptionKey".encode()).hexdigest()


def _qs(args: dict[str, str]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in args.items())


def _de_day(d: datetime) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


class Typo3Site(TestSite):
    name = "typo3"

    def __init__(self, n_articles: int = 100, seed: int = 67) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=120)
        self.uid: dict[int, int] = {}
        self.coauthor: dict[int, str] = {}
        for a in self.articles:
            self.uid[a.id] = 200 + 3 * a.id
            if a.id % 2 == 0:
                a.author = GERMAN_NAMES[(a.id // 2) % len(GERMAN_NAMES)]
            if a.id % 7 == 3:  # the author field holds "X und Y", as editors type it
                self.coauthor[a.id] = GERMAN_NAMES[(a.id + 1) % len(GERMAN_NAMES)]
                if self.coauthor[a.id] == a.author:
                    self.coauthor[a.id] = GERMAN_NAMES[(a.id + 2) % len(GERMAN_NAMES)]
            local = a.published.astimezone(LOCAL)
            # the detail template prints the day only; a customised one (every third item) the time too
            if not self.timed(a):
                a.published = datetime(local.year, local.month, local.day, tzinfo=UTC)
            when = local + timedelta(days=21)
            a.paragraphs.append(
                f"Die nächste öffentliche Sitzung zu dem Vorhaben ist für den {_de_day(when)} im Rathaus von "
                f"{a.headline.split()[0]} angesetzt; Anträge können bis dahin schriftlich eingereicht werden."
            )
            # the teaser is shown above the text as its lead: the record's body starts with it
            a.paragraphs.insert(0, self._lead(a))
            a.path = self._path(a)
        self._set_up(61, 40, "Übernahme:", lambda c: self._path(c) + "-1")
        assert len(self.by_path) == len(self.articles), "paths are unique"
        self.section_paths = {s: f"/aktuelles/{SLUG[s]}/" for s in SECTIONS}
        self.by_uid = {self.uid[a.id]: a for a in self.articles}

    @staticmethod
    def _path(a: Article) -> str:
        return f"/aktuelles/detail/{slugify(a.headline)}"

    @staticmethod
    def timed(a: Article) -> bool:
        return a.id % 3 == 0

    def authors_of(self, a: Article) -> list[str]:
        if a.id % 9 == 5:
            return []
        return [a.author, self.coauthor[a.id]] if a.id in self.coauthor else [a.author]

    def is_trap(self, path: str) -> bool:
        return False  # the date menu lists only months that have news

    def related_truth(self, article: Article) -> list[str]:
        """tx_news' related news: up to three items an editor picked (none on every fifth)."""
        return [a.path for a in self.related_picks(article, 3)]

    def teaser_of(self, a: Article) -> str:
        return a.paragraphs[0]

    @staticmethod
    def _lead(a: Article) -> str:
        place = a.headline.split()[0]
        return (
            f"In {place} wird über ein Vorhaben gestritten, das Anwohner und Gemeinderat seit Monaten "
            f"beschäftigt. Ein Überblick über den Stand (Nr. {a.id + 1})."
        )

    # --- URLs ---

    def raw_args(self, a: Article) -> dict[str, str]:
        args = {
            "id": str(DETAIL_PID),
            "tx_news_pi1[news]": str(self.uid[a.id]),
            "tx_news_pi1[controller]": "News",
            "tx_news_pi1[action]": "detail",
        }
        return {**args, "cHash": chash(args)}

    def raw_path(self, a: Article) -> str:
        return "/index.php?" + _qs(self.raw_args(a))

    def href(self, a: Article, raw: bool = False) -> str:
        return self.raw_path(a) if raw else a.path

    def lookup(self, path: str) -> Article | None:
        """The article a fetched path shows: its speaking URL or the raw plugin form."""
        parts = urlsplit(path)
        if parts.path in self.by_path and not parts.query:
            return self.by_path[parts.path]
        if parts.path in ("/", "/index.php"):
            args = dict(parse_qsl(parts.query))
            if args.get("id") == str(DETAIL_PID) and args.get("cHash") == chash(args):
                uid = args.get("tx_news_pi1[news]", "")
                return self.by_uid.get(int(uid)) if uid.isdigit() else None
        return None

    def page_href(self, section: str, page: int) -> str:
        root = self.section_paths[section]
        if page == 1:
            return root
        if section in ROUTED_PAGER:
            return f"{root}seite-{page}/"
        args = {"tx_news_pi1[currentPage]": str(page)}
        return f"{root}?{_qs({**args, 'cHash': chash({'path': root, **args})})}"

    # --- chrome ---

    def _doc(
        self, base: str, title: str, canonical: str, content: str, head: str = "", aside: str = "", pid: int = 1
    ) -> Page:
        root = base.rstrip("/")
        sub = "".join(f'<li><a href="/aktuelles/{SLUG[s]}/" title="{TITLE[s]}">{TITLE[s]}</a></li>' for s in SECTIONS)
        return html_page(
            '<!DOCTYPE html>\n<html lang="de-DE">\n<head>\n\n<meta charset="utf-8">\n<!-- \n\tThis website is '
            "powered by TYPO3 - inspiring people to share!\n\tTYPO3 is a free open source Content Management "
            "Framework initially created by Kasper Skaarhoj and licensed under GNU/GPL.\n-->\n\n"
            f'<base href="{root}/"><link rel="shortcut icon" href="/typo3conf/ext/site_bote/Resources/Public/Icons/'
            f'favicon.ico" type="image/vnd.microsoft.icon"><title>{esc(title)} - {SITE_NAME}</title>'
            '<meta name="generator" content="TYPO3 CMS"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><meta name="twitter:card" content="summary">{head}'
            '<link rel="stylesheet" href="/typo3temp/assets/compressed/merged-5e8a0c.css?1716800000" media="all">'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}: Aktuelles" href="{root}/rss.xml">'
            f'<link rel="canonical" href="{root}{canonical}"></head>\n<body id="p{pid}" class="page-{pid}">'
            '<div id="cookie-consent" class="cookie-banner" role="dialog" aria-live="polite"><div class="cookie-'
            'banner__text"><p>Wir verwenden Cookies, um Ihnen ein optimales Nutzungserlebnis zu bieten. Einige sind '
            "für den Betrieb der Seite notwendig, andere helfen uns, diese Website und die Nutzererfahrung zu "
            'verbessern. Weitere Informationen finden Sie in unserer <a href="/datenschutz/">Datenschutzerklärung'
            '</a>.</p></div><div class="cookie-banner__buttons"><button class="btn btn-primary" data-consent="all">'
            'Alle akzeptieren</button><button class="btn btn-secondary" data-consent="necessary">Nur notwendige'
            '</button></div></div><a class="skip-link" href="#content">Zum Inhalt springen</a>'
            f'<header class="page-header"><a class="logo" href="/"><img src="/fileadmin/templates/logo.svg" alt='
            f'"{SITE_NAME}"></a><nav class="main-navigation" aria-label="Hauptnavigation"><ul class="nav level-1">'
            '<li><a href="/">Startseite</a></li><li class="has-sub"><a href="/aktuelles/">Aktuelles</a>'
            f'<ul class="level-2">{sub}</ul></li><li><a href="/kontakt/">Kontakt</a></li></ul></nav></header>'
            f'<main id="content" class="main-content"><div class="container"><div class="row"><div class="col-md-8">'
            f'<!--TYPO3SEARCH_begin-->{content}<!--TYPO3SEARCH_end--></div><aside class="col-md-4 sidebar">{aside}'
            '</aside></div></div></main><footer class="page-footer"><div class="container"><p>&copy; 2024 '
            f'{SITE_NAME} Verlags-GmbH</p><ul class="footer-nav"><li><a href="/impressum/">Impressum</a></li><li><a '
            'href="/datenschutz/">Datenschutz</a></li><li><a href="/kontakt/">Kontakt</a></li></ul></div></footer>'
            '<script src="/typo3temp/assets/compressed/merged-b71f2d.js?1716800000"></script></body>\n</html>'
        )

    def _menus(self) -> str:
        months = sorted(
            {(a.published.astimezone(LOCAL).year, a.published.astimezone(LOCAL).month) for a in self.articles}
        )
        items = "".join(
            f'<li class="item"><a href="/aktuelles/archiv/{y}/{m:02d}/">{MONTHS[m - 1]} {y}</a> '
            f'<span class="count">({self._in_month(y, m)})</span></li>'
            for y, m in reversed(months)
        )
        cats = "".join(f'<li><a href="/aktuelles/{SLUG[s]}/">{TITLE[s]}</a></li>' for s in SECTIONS)
        return (
            f'<div class="news-menu-view"><h3>Archiv</h3><ul>{items}</ul></div>'
            f'<div class="news-category-menu"><h3>Kategorien</h3><ul>{cats}</ul></div>'
        )

    def _in_month(self, y: int, m: int) -> int:
        return sum(
            1
            for a in self.articles
            if (a.published.astimezone(LOCAL).year, a.published.astimezone(LOCAL).month) == (y, m)
        )

    def _item(self, a: Article, raw: bool) -> str:
        """tx_news' List/Item.html partial."""
        href = self.href(a, raw)
        day = a.published.astimezone(LOCAL)
        return (
            f'<div class="article articletype-0 topnews" itemscope="itemscope" itemtype="http://schema.org/Article">'
            f'<div class="news-img-wrap"><a title="{esc(a.headline)}" href="{href}"><img itemprop="image" src="/'
            f'fileadmin/_processed_/5/3/csm_bild{a.id}_3f1c2a.jpg" width="282" height="188" alt=""></a></div>'
            f'<div class="header"><h3><a title="{esc(a.headline)}" href="{href}"><span itemprop="headline">'
            f'{esc(a.headline)}</span></a></h3></div><div class="teaser-text"><div itemprop="description"><p>'
            f'{esc(self.teaser_of(a))}</p></div><a class="more" title="{esc(a.headline)}" href="{href}">Weiterlesen'
            f'</a></div><div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="'
            f'{day:%Y-%m-%d}">{day:%d.%m.%Y}</time></span><span class="news-list-category">{TITLE[a.section]}</span>'
            "</p></div></div>"
        )

    def _list(self, base: str, arts: list[Article], title: str, canonical: str, body: str, pid: int) -> Page:
        content = (
            f'<div id="c{40 + pid}" class="frame frame-default frame-type-news_pi1"><header><h1>{esc(title)}</h1>'
            f'</header><div class="news"><div class="news-list-view" id="news-container-{40 + pid}">{body}</div>'
            "</div></div>"
        )
        return self._doc(base, title, canonical, content, aside=self._menus(), pid=pid)

    @staticmethod
    def _pagination(prev: str | None, nxt: str | None, page: int, pages: int, link: Callable[[int], str]) -> str:
        items = []
        if prev:
            items.append(f'<li class="previous"><a href="{prev}" title="Zurück">Zurück</a></li>')
        for n in range(1, pages + 1):
            items.append(f'<li class="current">{n}</li>' if n == page else f'<li><a href="{link(n)}">{n}</a></li>')
        if nxt:
            items.append(f'<li class="next"><a href="{nxt}" title="Weiter">Weiter</a></li>')
        return f'<div class="page-navigation"><p>Seite {page} von {pages}.</p><ul class="f3-widget-paginator">{"".join(items)}</ul></div>'

    def _category(self, base: str, section: str, page: int) -> Page:
        arts = [a for a in self.newest if a.section == section]
        pages = max(1, -(-len(arts) // PER_PAGE))
        if not 1 <= page <= pages:
            return NOT_FOUND
        chunk = arts[(page - 1) * PER_PAGE : page * PER_PAGE]
        rows = "".join(self._item(a, raw=a.id % 6 == 4) for a in chunk)

        def link(n: int) -> str:
            return self.page_href(section, n)

        pager = self._pagination(
            link(page - 1) if page > 1 else None, link(page + 1) if page < pages else None, page, pages, link
        )
        return self._list(base, arts, TITLE[section], link(page), rows + pager, 20 + SECTIONS.index(section))

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        p = parts.path
        args = dict(parse_qsl(parts.query))
        if p == "/robots.txt":
            return Page(
                200,
                "text/plain",
                f"User-agent: *\nDisallow: /typo3/\nDisallow: /typo3_src/\nAllow: /typo3/sysext/frontend/Resources/"
                f"Public/*\nDisallow: /*?tx_solr\n\nSitemap: {base}sitemap.xml\n".encode(),
            )
        if p == "/sitemap.xml" or (p in ("/", "/index.php") and args.get("type") == SEO_SITEMAP):
            return self._sitemap(base, args.get("sitemap", ""))
        if p == "/rss.xml" or (p in ("/", "/index.php") and args.get("type") == "9818"):
            return self._rss(base)
        a = self.lookup(path)
        if a is not None:
            return self._detail(base, a)
        if p in ("/", "/index.php") and not parts.query:
            return self._home(base)
        if p == "/aktuelles/":
            rows = "".join(self._item(a, raw=a.id % 6 == 4) for a in self.newest[:PER_PAGE])
            return self._list(base, self.newest, "Aktuelles", "/aktuelles/", rows, 6)
        if p in STATIC:
            return self._static(base, p)
        segs = [s for s in p.split("/") if s]
        if len(segs) >= 2 and segs[0] == "aktuelles":
            section = next((s for s in SECTIONS if SLUG[s] == segs[1]), None)
            if section is not None and p == self.section_paths[section]:
                if section in ROUTED_PAGER:
                    return self._category(base, section, 1) if not parts.query else NOT_FOUND
                raw_page = args.get("tx_news_pi1[currentPage]")
                if raw_page is None:
                    return self._category(base, section, 1) if not parts.query else NOT_FOUND
                want = {"tx_news_pi1[currentPage]": raw_page}
                if not raw_page.isdigit() or args.get("cHash") != chash({"path": p, **want}):
                    return NOT_FOUND
                return self._category(base, section, int(raw_page))
            if section in ROUTED_PAGER and len(segs) == 3 and segs[2].startswith("seite-"):
                n = segs[2][6:]
                return self._category(base, section, int(n)) if n.isdigit() and n != "1" else NOT_FOUND
            if segs[1] == "archiv" and len(segs) == 4 and segs[2].isdigit() and segs[3].isdigit():
                return self._archive(base, int(segs[2]), int(segs[3]))
            if segs[1] == "schlagwort" and len(segs) == 3:
                arts = [a for a in self.newest if segs[2] in {slugify(t) for t in a.tags}]
                if not arts:
                    return NOT_FOUND
                rows = "".join(self._item(a, raw=False) for a in arts[:PER_PAGE])
                return self._list(base, arts, f"Schlagwort: {segs[2]}", p, rows, 8)
        return NOT_FOUND

    def _home(self, base: str) -> Page:
        latest = "".join(self._item(a, raw=False) for a in self.newest[:6])
        content = (
            '<div id="c2" class="frame frame-default frame-type-text"><header><h1>Willkommen beim '
            f"{SITE_NAME}</h1></header><p>Nachrichten aus der Region rund um den Ivelsee – täglich aktualisiert."
            '</p></div><div id="c3" class="frame frame-default frame-type-news_pi1"><header><h2>Neueste Meldungen'
            f'</h2></header><div class="news"><div class="news-list-view news-list-latest">{latest}</div></div>'
            '<p><a class="btn" href="/aktuelles/">Alle Meldungen</a></p></div>'
        )
        head = (
            f'<meta property="og:title" content="{SITE_NAME}"><meta property="og:type" content="website">'
            '<meta name="description" content="Nachrichten aus der Region rund um den Ivelsee.">'
        )
        return self._doc(base, "Startseite", "/", content, head, pid=1)

    def _archive(self, base: str, year: int, month: int) -> Page:
        arts = [
            a for a in self.newest
            if (a.published.astimezone(LOCAL).year, a.published.astimezone(LOCAL).month) == (year, month)
        ]  # fmt: skip
        if not arts:
            return NOT_FOUND
        old = NOW - timedelta(days=60)
        rows = "".join(self._item(a, raw=a.published < old) for a in arts)
        return self._list(
            base, arts, f"Archiv: {MONTHS[month - 1]} {year}", f"/aktuelles/archiv/{year}/{month:02d}/", rows, 9
        )

    def _detail(self, base: str, a: Article) -> Page:
        root = base.rstrip("/")
        local = a.published.astimezone(LOCAL)
        names = self.authors_of(a)
        head = (
            f'<meta name="description" content="{esc(self.teaser_of(a))}"><meta property="og:title" content="'
            f'{esc(a.headline)}"><meta property="og:description" content="{esc(self.teaser_of(a))}">'
            f'<meta property="og:image" content="{root}/fileadmin/_processed_/5/3/csm_bild{a.id}_9a8b7c.jpg">'
        )
        if a.id % 6 == 0:  # a few pages carry JSON-LD, from a schema extension
            head += ld_json(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": a.headline,
                    "datePublished": local.isoformat(),
                    "author": [{"@type": "Person", "name": n} for n in names],
                    "publisher": {"@type": "Organization", "name": SITE_NAME},
                    "mainEntityOfPage": f"{root}{a.path}",
                }
            )
        if self.timed(a):
            date = f'<time itemprop="datePublished" datetime="{local.isoformat()}">{local:%d.%m.%Y %H:%M}</time> Uhr'
        else:
            date = f'<time itemprop="datePublished" datetime="{local:%Y-%m-%d}">{local:%d.%m.%Y}</time>'
        author = ""
        if names:
            author = (
                '<span class="news-list-author" itemprop="author" itemscope="itemscope" itemtype="http://schema.org/'
                f'Person">Von <span itemprop="name">{esc(" und ".join(names))}</span></span>'
            )
        paras = [f"<p>{esc(p)}</p>" for p in a.paragraphs[1:]]
        figure = (
            f'<figure class="image"><img src="/fileadmin/user_upload/bilder/{a.id}.jpg" width="800" height="533" '
            f'alt=""><figcaption class="image-caption">Blick auf {esc(a.headline.split()[0])} am Abend. Foto: '
            f"{esc(names[0] if names else 'Archiv')}</figcaption></figure>"
        )
        if a.id % 2:  # an image the editor put into the text
            paras.insert(2, figure)
            lead_img = ""
        else:
            lead_img = (
                '<div class="news-img-wrap"><div class="outer"><div class="mediaelement mediaelement-image">'
                f'<a href="/fileadmin/user_upload/bilder/{a.id}.jpg" title="" class="lightbox" rel="lightbox[myImage'
                f'Set]"><img itemprop="image" src="/fileadmin/_processed_/5/3/csm_bild{a.id}_9a8b7c.jpg" width="800" '
                f'height="533" alt=""></a></div><p class="news-img-caption">Blick auf {esc(a.headline.split()[0])}. '
                f'</p><p class="news-img-copyright">Foto: {esc(names[0] if names else "Archiv")}</p></div></div>'
            )
        picks = self.related_picks(a, 3)
        heading = "Ähnliche Artikel" if a.id % 2 else "Verwandte Nachrichten"
        related = ""
        if picks:
            related = (
                f'<div class="news-related news-related-news"><h4>{heading}</h4><ul>'
                + "".join(
                    f'<li><span class="news-related-news-date">{r.published.astimezone(LOCAL):%d.%m.%Y}</span> '
                    f'<a title="{esc(r.headline)}" href="{r.path}">{esc(r.headline)}</a></li>'
                    for r in picks
                )
                + "</ul></div>"
            )
        files = (
            '<div class="news-related news-related-files"><h4>Zugehörige Dateien</h4><ul><li><span class="news-'
            f'related-files-link"><a href="/fileadmin/user_upload/dokumente/sitzungsvorlage-{a.id}.pdf" target="_'
            f'blank">Sitzungsvorlage {a.id + 1} (PDF)</a></span> <span class="news-related-files-size">'
            f"{120 + a.id} KB</span></li></ul></div>"
            if a.id % 3 != 2
            else ""
        )
        place = slugify(a.headline.split()[0])
        links = (
            '<div class="news-related news-related-links"><h4>Weiterführende Links</h4><ul><li><a href="https://'
            f'www.{place}-gemeinde.example/rathaus/bekanntmachungen/oeffentliche-sitzung-des-gemeinderats-{a.id}" '
            'target="_blank" title="Bekanntmachung">Bekanntmachung der Gemeinde</a><p>Tagesordnung und '
            f'Sitzungsunterlagen</p></li><li><a href="/buergerservice/formulare/antrag-auf-akteneinsicht/">'
            "Antrag auf Akteneinsicht</a></li></ul></div>"
            if a.id % 4 != 1
            else ""
        )
        cats = f'<a title="{TITLE[a.section]}" href="/aktuelles/{SLUG[a.section]}/">{TITLE[a.section]}</a>'
        tags = ", ".join(f'<a title="{esc(t)}" href="/aktuelles/schlagwort/{slugify(t)}/">{esc(t)}</a>' for t in a.tags)
        url = f"{root}{a.path}"
        share = (
            '<div class="news-social-share"><span>Teilen:</span><a class="facebook" href="https://www.facebook.com/'
            f'sharer/sharer.php?u={quote(url, safe="")}" target="_blank" rel="noopener">Facebook</a><a class="'
            f'twitter" href="https://twitter.com/intent/tweet?url={quote(url, safe="")}" target="_blank" rel="noopener">'
            f'X</a><a class="mail" href="mailto:?subject={quote(a.headline)}&amp;body={quote(url, safe="")}">E-Mail</a>'
            "</div>"
        )
        content = (
            f'<div id="c{60 + a.id % 3}" class="frame frame-default frame-type-news_pi1"><div class="news news-single">'
            '<div class="article" itemscope="itemscope" itemtype="http://schema.org/Article"><div class="header">'
            f'<h1 itemprop="headline">{esc(a.headline)}</h1></div><div class="footer"><p><span class="news-list-date">'
            f'{date}</span>{author}<span class="news-list-category">{cats}</span></p></div>'
            f'<div class="lead" itemprop="description"><p>{esc(self.teaser_of(a))}</p></div>{lead_img}'
            f'<div class="news-text-wrap" itemprop="articleBody">{"".join(paras)}</div>'
            f'<div class="news-tags">Schlagwörter: {tags}</div>{share}{related}{files}{links}'
            '<div class="news-backlink-wrap"><a href="/aktuelles/">Zurück</a></div></div></div></div>'
        )
        return self._doc(base, a.headline, a.path, content, head, pid=DETAIL_PID)

    def _static(self, base: str, p: str) -> Page:
        title = STATIC[p]
        text = "".join(
            f"<p>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV ist die Redaktion des {SITE_NAME}; "
            f"Hinweise zur Verarbeitung personenbezogener Daten und zu Ihren Rechten finden Sie hier, Absatz {i}. "
            "Sie können uns jederzeit schriftlich oder per E-Mail erreichen, wir antworten in der Regel "
            "innerhalb weniger Werktage.</p>"
            for i in range(6)
        )
        stand = "<p><em>Stand: 14. Mai 2024</em></p>" if p == "/datenschutz/" else ""
        content = (
            f'<div id="c90" class="frame frame-default frame-type-text"><header><h1>{title}</h1></header>{stand}'
            f"{text}</div>"
        )
        head = f'<meta property="og:title" content="{title}">'
        return self._doc(base, title, p, content, head, pid=30 + list(STATIC).index(p))

    def _rss(self, base: str) -> Page:
        """tx_news' Rss.xml template: the newest 10, linked as the plugin builds them without routing."""
        root = base.rstrip("/")
        items = "".join(
            f'<item><guid isPermaLink="false">news-{self.uid[a.id]}</guid><pubDate>'
            f"{a.published.astimezone(LOCAL):%a, %d %b %Y %H:%M:%S %z}</pubDate><title>{esc(a.headline)}</title>"
            f"<link>{esc(root + self.raw_path(a))}</link><description>{esc(self.teaser_of(a))}</description>"
            f"<category>{TITLE[a.section]}</category></item>"
            for a in self.newest[:10]
        )
        return xml_page(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
            'modules/content/" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f"<title>{SITE_NAME}: Aktuelles</title><link>{root}/</link><description>Meldungen aus der Region"
            f"</description><language>de-de</language><generator>TYPO3 EXT:news</generator>"
            f"<lastBuildDate>{NOW:%a, %d %b %Y %H:%M:%S +0000}</lastBuildDate>{items}</channel></rss>",
            content_type="application/rss+xml; charset=utf-8",
        )

    def _sitemap(self, base: str, which: str) -> Page:
        """EXT:seo's XML sitemap: an index of one sitemap per provider (pages, and tx_news' news)."""
        root = base.rstrip("/")
        xsl = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="'
            f'{root}/typo3/sysext/seo/Resources/Public/CSS/Sitemap.xsl"?>\n'
        )
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        if not which:
            items = "".join(
                f"<sitemap><loc>{esc(root + '/?' + _qs({'sitemap': k, 'type': SEO_SITEMAP, 'cHash': chash({'sitemap': k})}))}"
                f"</loc><lastmod>{NOW:%Y-%m-%dT%H:%M:%S+00:00}</lastmod></sitemap>"
                for k in ("pages", "news")
            )
            return xml_page(f"{xsl}<sitemapindex {ns}>{items}</sitemapindex>")
        if which == "pages":
            rows = [("/", NOW), ("/aktuelles/", NOW), *((p, NOW) for p in self.section_paths.values())]
            rows += [(p, datetime(2024, 5, 14, tzinfo=UTC)) for p in STATIC]
        elif which == "news":
            rows = [(a.path, a.published + timedelta(hours=1)) for a in self.newest]
        else:
            return NOT_FOUND
        body = "".join(
            f"<url><loc>{root}{loc}</loc><lastmod>{mod:%Y-%m-%dT%H:%M:%S+00:00}</lastmod><priority>0.5</priority></url>"
            for loc, mod in rows
        )
        return xml_page(f"{xsl}<urlset {ns}>{body}</urlset>")

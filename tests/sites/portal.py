"""A hand-built PHP news portal of the 2000s, still running: every page is a script with a query
string. Articles at ``article.php?id=N`` (linked relatively, without a leading slash), sections at
``list.php?sec=world`` paged with ``&page=N`` ("Next »" and numbers), a front page of cards, a
printer-friendly twin of every article (``print.php?id=N``, the same text), an RSS feed at
``rss.php``, no sitemap and no JSON-LD, Open Graph or ``<time>``: the date and byline are visible
text only ("14.05.2024 10:30 | By Ada Ashdown"), the page is ISO-8859-1 (declared in a meta tag only;
the site name has accented letters), "Related news" under the text; tag (``tag.php?t=x``), author
(``author.php?id=N``), search and static (``about.html``) pages; and the trap: a day-by-day
archive (``archive.php?date=YYYY-MM-DD``) whose "Next day »" never ends."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from tests.sites.base import NOT_FOUND, Article, Page, TestSite, esc, make_articles, slugify, xml_page

SECTIONS = ["world", "business", "region", "sport"]
PER_PAGE = 12
FRONT = 15
SITE_NAME = "Gazeta Vale Clément"
STATIC = ("/about.html", "/contact.html", "/advertise.html")


def _page(text: str, status: int = 200) -> Page:
    # The server sends no charset: only the page's meta tag says ISO-8859-1.
    return Page(status, "text/html", text.encode("iso-8859-1", "xmlcharrefreplace"))


class PortalSite(TestSite):
    name = "portal"

    def __init__(self, n_articles: int = 100, seed: int = 31) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=90)
        for a in self.articles:
            a.path = f"/article.php?id={4000 + a.id}"
            if a.id % 4 == 0:  # Latin-1 letters in the text, as the page's charset writes them
                a.headline = a.headline.replace("council", "conseil général")
                a.paragraphs[-1] += " Le café du port était fermé ce jour-là."
        self._set_up(61, 30, "wire:", lambda c: f"/article.php?id={4000 + c.id}")
        self.section_paths = {s: f"/list.php?sec={s}" for s in SECTIONS}

    def is_trap(self, path: str) -> bool:
        return path.startswith("/archive.php")

    def related_truth(self, article: Article) -> list[str]:
        return [a.path for a in self.related_picks(article, 4)]

    # --- chrome ---

    def _doc(self, title: str, content: str, head: str = "") -> Page:
        nav = " | ".join(f'<a href="list.php?sec={s}">{s.title()}</a>' for s in SECTIONS)
        latest = "".join(f'<li><a href="{a.path.lstrip("/")}">{esc(a.headline)}</a></li>' for a in self.newest[:6])
        return _page(
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            f"<title>{esc(title)} - {SITE_NAME}</title>"
            '<link rel="alternate" type="application/rss+xml" title="RSS" href="rss.php">'
            f'<link rel="stylesheet" href="style.css">{head}</head><body><table width="980" align="center"><tr>'
            f'<td colspan="2" class="top"><a href="index.php"><img src="img/logo.gif" alt="{SITE_NAME}"></a>'
            f'<div class="menu"><a href="index.php">Home</a> | {nav} | <a href="archive.php?date=2024-06-30">Archive'
            '</a></div><form action="search.php"><input name="q"><input type="submit" value="Search"></form></td></tr>'
            f'<tr><td class="main" valign="top">{content}</td><td class="right" width="250" valign="top">'
            f'<div class="box"><div class="boxtitle">Latest news</div><ul>{latest}</ul></div>'
            '<div class="box"><div class="boxtitle">Advertising</div><a href="advertise.html"><img src="img/banner.gif">'
            "</a></div></td></tr>"
            '<tr><td colspan="2" class="bottom">'
            + " | ".join(f'<a href="{p.lstrip("/")}">{p.strip("/").split(".")[0].title()}</a>' for p in STATIC)
            + f" | &copy; 2004-2024 {SITE_NAME}</td></tr></table></body></html>"
        )

    def _card(self, a: Article) -> str:
        return (
            f'<div class="news"><a href="{a.path.lstrip("/")}" class="title">{esc(a.headline)}</a><br>'
            f'<span class="date">{a.published:%d.%m.%Y %H:%M}</span><br>{esc(a.teaser)} '
            f'<a href="{a.path.lstrip("/")}">more &raquo;</a></div>'
        )

    def _list(self, title: str, arts: list[Article], root: str, page: int) -> Page:
        pages = max(1, -(-len(arts) // PER_PAGE))
        if not 1 <= page <= pages:
            return _page("<html><body>No news.</body></html>", 404)
        chunk = arts[(page - 1) * PER_PAGE : page * PER_PAGE]
        numbers = " ".join(
            f"<b>{n}</b>" if n == page else f'<a href="{root}&amp;page={n}">{n}</a>' for n in range(1, pages + 1)
        )
        nxt = f' <a href="{root}&amp;page={page + 1}">Next &raquo;</a>' if page < pages else ""
        content = f'<h2>{esc(title)}</h2>{"".join(self._card(a) for a in chunk)}<div class="pages">Pages: {numbers}{nxt}</div>'
        return self._doc(title, content)

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        p = parts.path
        if p == "/robots.txt":
            return Page(200, "text/plain", b"User-agent: *\nDisallow: /admin/\n")
        if p in ("/", "/index.php"):
            cards = "".join(self._card(a) for a in self.newest[:FRONT])
            return self._doc("News", f"<h2>Top news</h2>{cards}")
        if p == "/list.php" and q.get("sec") in SECTIONS:
            arts = [a for a in self.newest if a.section == q["sec"]]
            page = int(q.get("page", "1")) if q.get("page", "1").isdigit() else 0
            return self._list(q["sec"].title(), arts, f"list.php?sec={q['sec']}", page)
        if p in ("/article.php", "/print.php"):
            a = self.by_path.get(f"/article.php?id={q.get('id', '')}")
            if a is None:
                return _page("<html><body>Article not found.</body></html>", 404)
            return self._article(a) if p == "/article.php" else self._print(a)
        if p == "/rss.php":
            return self._rss(base)
        if p == "/tag.php":
            arts = [a for a in self.newest if q.get("t") in {slugify(t) for t in a.tags}]
            return self._list(f"Tag: {q.get('t')}", arts, f"tag.php?t={q.get('t')}", 1) if arts else NOT_FOUND
        if p == "/author.php":
            arts = [a for a in self.newest if str(self.authors.index(a.author)) == q.get("id")]
            return self._list("Author", arts, f"author.php?id={q.get('id')}", 1) if arts else NOT_FOUND
        if p == "/search.php":
            return self._doc("Search", f"<h2>Search: {esc(q.get('q', ''))}</h2><p>No results.</p>")
        if p == "/archive.php":
            return self._archive(q.get("date", ""))
        if p in STATIC:
            text = " ".join(
                f"The portal has served the valley since 2004 and welcomes letters, point {i}." for i in range(12)
            )
            return self._doc(
                p.strip("/").split(".")[0].title(), f"<h2>{p.strip('/').split('.')[0].title()}</h2><p>{text}</p>"
            )
        return NOT_FOUND

    def _article(self, a: Article) -> Page:
        author_id = self.authors.index(a.author)
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        tags = ", ".join(f'<a href="tag.php?t={slugify(t)}">{esc(t)}</a>' for t in a.tags)
        picks = self.related_picks(a, 4)
        related = (
            '<div class="related"><b>Related news:</b><ul>'
            + "".join(
                f'<li><a href="{r.path.lstrip("/")}">{esc(r.headline)}</a> ({r.published:%d.%m.%Y})</li>' for r in picks
            )
            + "</ul></div>"
            if picks
            else ""
        )
        content = (
            f'<div class="path"><a href="index.php">Home</a> &raquo; <a href="list.php?sec={a.section}">'
            f'{a.section.title()}</a></div><h1 class="title">{esc(a.headline)}</h1>'
            f'<div class="info">{a.published:%d.%m.%Y %H:%M} | By <a href="author.php?id={author_id}">{esc(a.author)}</a>'
            f' | <a href="print.php?id={a.path.split("=")[1]}">Print</a></div>'
            f'<div class="text"><img src="img/news/{a.id}.jpg" align="left" hspace="8">{paras}</div>'
            f'<div class="tags">Tags: {tags}</div>{related}'
        )
        return self._doc(a.headline, content, f'<meta name="description" content="{esc(a.teaser)}">')

    def _print(self, a: Article) -> Page:
        paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
        return _page(
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            f'<title>{esc(a.headline)}</title><meta name="robots" content="noindex"></head><body onload="window.print()">'
            f"<h1>{esc(a.headline)}</h1><p>{a.published:%d.%m.%Y %H:%M} | {esc(a.author)}</p>{paras}"
            f"<p>&copy; {SITE_NAME}</p></body></html>"
        )

    def _rss(self, base: str) -> Page:
        items = "".join(
            f"<item><title>{esc(a.headline)}</title><link>{base}{a.path.lstrip('/')}</link>"
            f"<description>{esc(a.teaser)}</description><pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>"
            for a in self.newest[:20]
        )
        return xml_page(
            f'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>{SITE_NAME}</title>'
            f"<link>{base}</link>{items}</channel></rss>".replace(SITE_NAME, "Gazeta Vale Clement"),
            content_type="application/rss+xml",
        )

    def _archive(self, day: str) -> Page:
        try:
            d = date.fromisoformat(day)
        except ValueError:
            return NOT_FOUND
        arts = [a for a in self.newest if a.published.date() == d]
        cards = "".join(self._card(a) for a in arts) or "<p>No news on this day.</p>"
        return self._doc(
            f"Archive {d}",
            f'<h2>Archive: {d:%d.%m.%Y}</h2>{cards}<div class="pages"><a href="archive.php?date={d - timedelta(days=1)}">'
            f'&laquo; Previous day</a> | <a href="archive.php?date={d + timedelta(days=1)}">Next day &raquo;</a></div>',
        )

"""A Blogger (Blogspot) blog on the classic "Simple" layout: posts at ``/YYYY/MM/slug.html``, labels
at ``/search/label/X``; the home page shows whole posts (seven, Blogger's default) and pages, as
label pages do, by an "Older Posts" link to ``/search?updated-max=<timestamp>&max-results=7`` (a
label's: ``/search/label/X?updated-max=...``), "Newer Posts" with ``&reverse-paginate=true``; the
Atom feed ``/feeds/posts/default`` (25 entries, ``rel=next`` to ``?start-index=26&max-results=25``,
openSearch totals) and its RSS twin ``?alt=rss``; ``/sitemap.xml`` an index of
``/sitemap.xml?page=N``; a Blog Archive widget (``/YYYY/``, ``/YYYY/MM/`` and its toggles,
``?widgetType=BlogArchive&widgetId=...&action=toggle...``: the trap, one variant per month and
year); post pages with the blog's name as the only ``h1`` (the post title is an ``h3``), a
``date-header``, ``post-body entry-content`` (``<p>`` paragraphs, or on older posts text broken by
``<br />``), ``post-author vcard``, ``abbr.published`` with an ISO ``title``, label links, a
related-posts widget and Blogger's comment block (``?showComment=...`` permalinks); ``?m=1``
mobile twins of every page (the same post, its canonical the desktop URL); static pages at
``/p/slug.html``; a syndicated copy.

Blogger's default robots.txt disallows ``/search``, which a polite crawler obeys: a label scrape
would then read nothing. This blog's owner turned on a custom robots.txt that allows it
(``default_robots = True`` serves the default)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, quote, urlsplit

from tests.sites.base import (
    NOT_FOUND,
    Article,
    Page,
    TestSite,
    esc,
    html_page,
    make_articles,
    slugify,
    xml_page,
)

SECTIONS = ["world", "business", "culture", "travel"]
PER_PAGE = 7  # posts on the home page and on a label page
FEED_PER_PAGE = 25
SITEMAP_CHUNK = 40
SITE_NAME = "Lowmarsh Notebook"
BLOG_ID = "4471902835561920117"
LOCAL = timezone(timedelta(hours=-7))  # the blog's time zone (Pacific, summer time)
STATIC = ("/p/about.html", "/p/contact-us.html", "/p/privacy-policy.html")


def _ts(d: datetime) -> str:
    """Blogger's timestamps: local time with milliseconds and offset."""
    return d.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M:%S.000-07:00")


def _month_ms(year: int, month: int) -> int:
    return int(datetime(year, month, 1, tzinfo=LOCAL).timestamp() * 1000)


class BloggerSite(TestSite):
    name = "blogger"
    default_robots = False

    def __init__(self, n_articles: int = 100, seed: int = 41) -> None:
        self.articles = make_articles(seed, n_articles, SECTIONS, days=120)
        taken: set[str] = set()
        for a in self.articles:
            a.path = self._path(a)
            if a.path in taken:  # Blogger adds a number to a slug already used that month
                a.path = a.path.replace(".html", f"_{a.id % 100:02d}.html")
            taken.add(a.path)
        self._set_up(66, 40, "reblog:", lambda c: self._path(c).replace(".html", f"_{c.id % 100:02d}.html"))
        assert len(self.by_path) == len(self.articles), "paths are unique"
        self.section_paths = {s: f"/search/label/{s.title()}" for s in SECTIONS}
        self.post_id = {a.id: 1000000000000000000 + 7919 * a.id for a in self.articles}

    @staticmethod
    def _path(a: Article) -> str:
        # Blogger cuts the slug from the title at about 40 characters, on a word boundary
        slug = slugify(a.headline)[:40].rsplit("-", 1)[0]
        local = a.published.astimezone(LOCAL)
        return f"/{local:%Y/%m}/{slug}.html"

    def is_trap(self, path: str) -> bool:
        return "widgetType=" in path

    def related_truth(self, article: Article) -> list[str]:
        return [a.path for a in self.related_picks(article, 3)]

    def labels(self, a: Article) -> list[str]:
        return [a.section.title(), *(t.title() for t in a.tags)]

    # --- chrome ---

    def _doc(self, base: str, title: str, canonical: str, content: str, mobile: bool, head: str = "") -> Page:
        root = base.rstrip("/")
        m = "?m=1" if mobile else ""
        pages = "".join(
            f'<li><a href="{root}/search/label/{s.title()}{m}">{s.title()}</a></li>' for s in SECTIONS
        ) + "".join(f'<li><a href="{root}{p}{m}">{p[3:-5].replace("-", " ").title()}</a></li>' for p in STATIC)
        sidebar = "" if mobile else self._sidebar(root)
        return html_page(
            "<!DOCTYPE html><html class='v2' dir='ltr' xmlns='http://www.w3.org/1999/xhtml' "
            "xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data'><head>"
            "<meta content='width=1100' name='viewport'/><meta content='text/html; charset=UTF-8' "
            "http-equiv='Content-Type'/><meta content='blogger' name='generator'/>"
            f"<link href='{root}/favicon.ico' rel='icon' type='image/x-icon'/><link href='{root}{canonical}' "
            f"rel='canonical'/><link rel='alternate' media='only screen and (max-width: 640px)' "
            f"href='{root}{canonical}{'&amp;' if '?' in canonical else '?'}m=1'/><link rel='alternate' type='application/atom+xml' title='{SITE_NAME} - Atom' "
            f"href='{root}/feeds/posts/default'/><link rel='alternate' type='application/rss+xml' title='{SITE_NAME}"
            f" - RSS' href='{root}/feeds/posts/default?alt=rss'/><link rel='service.post' type='application/atom+xml'"
            f" title='{SITE_NAME} - Atom' href='https://www.blogger.com/feeds/{BLOG_ID}/posts/default'/>{head}"
            f"<title>{esc(title)}</title></head><body class='loading variant-simplysimple'>"
            "<div class='navbar section' id='navbar'><div class='widget Navbar' id='Navbar1'><script type='text/javascript'>"
            "function setAttributeOnload(object, attribute, val) {}</script><div id='navbar-iframe-container'></div>"
            "</div></div><div class='content'><div class='content-outer'><header><div class='header-outer'>"
            "<div class='header section' id='header'><div class='widget Header' id='Header1'><div id='header-inner'>"
            f"<div class='titlewrapper'><h1 class='title'><a href='{root}/{m}'>{SITE_NAME}</a></h1></div>"
            "<div class='descriptionwrapper'><p class='description'><span>Notes from the marsh towns</span></p></div>"
            "</div></div></div></div></header><div class='tabs-outer'><div class='tabs section' id='crosscol'>"
            f"<div class='widget PageList' id='PageList1'><div class='widget-content'><ul><li><a href='{root}/{m}'>Home"
            f"</a></li>{pages}</ul></div></div></div></div><div class='main-outer'><div class='columns fauxcolumns'>"
            "<div class='columns-inner'><div class='column-center-outer'><div class='column-center-inner'>"
            f"<div class='main section' id='main'><div class='widget Blog' id='Blog1'>{content}</div></div></div></div>"
            f"<div class='column-right-outer'><div class='column-right-inner'><aside>{sidebar}</aside></div></div>"
            "</div></div></div><footer><div class='footer-outer'><div class='foot section' id='footer-1'>"
            "<div class='widget Attribution' id='Attribution1'><div class='widget-content' style='text-align: center;'>"
            "Simple theme. Powered by <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div>"
            "</div></div></footer></div></div></body></html>"
        )

    def _sidebar(self, root: str) -> str:
        labels = "".join(
            f"<li><a dir='ltr' href='{root}/search/label/{quote(label)}'>{esc(label)}</a>"
            f"<span dir='ltr'>({n})</span></li>"
            for label, n in sorted(self._label_counts().items())
        )
        popular = "".join(
            f"<li><div class='item-title'><a href='{root}{a.path}'>{esc(a.headline)}</a></div></li>"
            for a in self.newest[4:9]
        )
        return (
            "<div class='sidebar section' id='sidebar-right-1'><div class='widget PopularPosts' id='PopularPosts1'>"
            f"<h2>Popular Posts</h2><div class='widget-content popular-posts'><ul>{popular}</ul></div></div>"
            f"<div class='widget Label' id='Label1'><h2>Labels</h2><div class='widget-content list-label-widget-content'>"
            f"<ul>{labels}</ul></div></div><div class='widget BlogArchive' id='BlogArchive1'><h2>Blog Archive</h2>"
            f"<div class='widget-content'><div id='ArchiveList'><div id='BlogArchive1_ArchiveList'>"
            f"{self._archive_widget(root)}</div></div></div></div></div>"
        )

    def _label_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for a in self.articles:
            for label in self.labels(a):
                counts[label] = counts.get(label, 0) + 1
        return counts

    def _archive_widget(self, root: str) -> str:
        """The hierarchy: years, months, the newest month open with its posts; every closed entry's
        toggle link is a /search URL with the widget's parameters."""
        months: dict[tuple[int, int], list[Article]] = {}
        for a in self.newest:
            local = a.published.astimezone(LOCAL)
            months.setdefault((local.year, local.month), []).append(a)
        newest = max(months)
        out = []
        for year in sorted({y for y, _ in months}, reverse=True):
            items = []
            for y, mo in sorted((k for k in months if k[0] == year), reverse=True):
                toggle = (
                    f"{root}/search?updated-min={datetime(y, mo, 1, tzinfo=LOCAL).isoformat()}&amp;updated-max="
                    f"{datetime(y + mo // 12, mo % 12 + 1, 1, tzinfo=LOCAL).isoformat()}&amp;max-results=50&amp;"
                    f"widgetType=BlogArchive&amp;widgetId=BlogArchive1&amp;action=toggle&amp;dir=open&amp;"
                    f"toggle=MONTHLY-{_month_ms(y, mo)}&amp;toggleopen=MONTHLY-{_month_ms(*newest)}"
                )
                posts = (
                    "<ul class='posts'>"
                    + "".join(f"<li><a href='{root}{a.path}'>{esc(a.headline)}</a></li>" for a in months[(y, mo)])
                    + "</ul>"
                    if (y, mo) == newest
                    else ""
                )
                state = "expanded" if (y, mo) == newest else "collapsed"
                items.append(
                    f"<li class='archivedate {state}'><a class='toggle' href='{toggle}'><span class='zippy'>&#9658;"
                    f"&#160;</span></a><a class='post-count-link' href='{root}/{y}/{mo:02d}/'>"
                    f"{datetime(y, mo, 1):%B}</a> <span class='post-count' dir='ltr'>({len(months[(y, mo)])})</span>"
                    f"{posts}</li>"
                )
            out.append(
                f"<ul class='hierarchy'><li class='archivedate expanded'><a class='post-count-link' href='{root}/{year}/'>"
                f"{year}</a><ul class='hierarchy'>{''.join(items)}</ul></li></ul>"
            )
        return "".join(out)

    # --- pages ---

    def render(self, path: str, base: str) -> Page:
        parts = urlsplit(path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        p = parts.path
        mobile = q.get("m") == "1"
        if p == "/robots.txt":
            rules = "Disallow: /search\nAllow: /\n" if self.default_robots else "Allow: /\n"
            return Page(
                200,
                "text/plain",
                f"User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\n{rules}\nSitemap: "
                f"{base}sitemap.xml\n".encode(),
            )
        if p == "/sitemap.xml":
            return self._sitemap(base, q.get("page"))
        if p == "/feeds/posts/default":
            return self._feed(base, q)
        if p == "/":
            return self._listing(base, self.newest, "/", "/search", q, SITE_NAME, mobile)
        if p.startswith("/search/label/"):
            label = p.removeprefix("/search/label/").replace("%20", " ")
            arts = [a for a in self.newest if label in self.labels(a)]
            if not arts:
                return NOT_FOUND
            return self._listing(base, arts, p, p, q, f"{SITE_NAME}: {label}", mobile, label)
        if p == "/search":
            if "q" in q:
                return self._doc(base, SITE_NAME, "/search", "<div class='status-msg-body'>No posts.</div>", mobile)
            return self._listing(base, self.newest, "/", "/search", q, SITE_NAME, mobile)
        if p in self.by_path:
            return self._post(base, self.by_path[p], mobile)
        if p in STATIC:
            return self._static(base, p, mobile)
        parts_ = p.strip("/").split("/")
        if 1 <= len(parts_) <= 2 and all(x.isdigit() for x in parts_):
            return self._archive(base, p, [int(x) for x in parts_], q, mobile)
        return NOT_FOUND

    def _listing(
        self,
        base: str,
        arts: list[Article],
        canonical: str,
        pager_path: str,
        q: dict[str, str],
        title: str,
        mobile: bool,
        label: str | None = None,
    ) -> Page:
        """Home, label and /search pages: posts updated before ``updated-max`` (newest first), or with
        ``reverse-paginate`` the ones just after it."""
        try:
            n = int(q.get("max-results", PER_PAGE))
        except ValueError:
            n = PER_PAGE
        n = max(1, min(n, 50))
        if "updated-max" in q:
            try:
                bound = datetime.fromisoformat(q["updated-max"].replace(" ", "+"))
            except ValueError:
                return NOT_FOUND
            if q.get("reverse-paginate") == "true":
                newer = [a for a in arts if a.published >= bound]
                chunk = newer[-n:]
            else:
                chunk = [a for a in arts if a.published < bound][:n]
            if "updated-min" in q:
                try:
                    low = datetime.fromisoformat(q["updated-min"].replace(" ", "+"))
                except ValueError:
                    return NOT_FOUND
                chunk = [a for a in chunk if a.published >= low]
        else:
            chunk = arts[:n]
        if not chunk:
            body = "<div class='status-msg-wrap'><div class='status-msg-body'>No posts.</div></div>"
            return self._doc(base, title, canonical, body, mobile)
        m = "&amp;m=1" if mobile else ""
        root = base.rstrip("/")
        pager = []
        if chunk[0] is not arts[0]:
            pager.append(
                f"<span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='{root}{pager_path}?updated-max="
                f"{quote(_ts(chunk[0].published), safe=':')}&amp;max-results={n}&amp;reverse-paginate=true{m}' "
                "id='Blog1_blog-pager-newer-link' title='Newer Posts'>Newer Posts</a></span>"
            )
        if chunk[-1] is not arts[-1]:
            pager.append(
                f"<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='{root}{pager_path}?updated-max="
                f"{quote(_ts(chunk[-1].published), safe=':')}&amp;max-results={n}{m}' id='Blog1_blog-pager-older-link' "
                "title='Older Posts'>Older Posts</a></span>"
            )
        pager.append(f"<a class='home-link' href='{root}/'>Home</a>")
        status = (
            f"<div class='status-msg-wrap'><div class='status-msg-body'>Showing posts with the label <b>{esc(label)}</b>."
            f" <a href='{root}/'>Show all posts</a></div></div>"
            if label
            else ""
        )
        posts = self._posts(base, chunk, full=label is None)
        body = f"{status}<div class='blog-posts hfeed'>{posts}</div><div class='blog-pager' id='blog-pager'>{''.join(pager)}</div>"
        return self._doc(base, title, canonical, body, mobile)

    def _posts(self, base: str, arts: list[Article], full: bool) -> str:
        """Posts grouped under a date header per day, as the Blog widget prints them; the home page
        shows whole posts, a label page the first paragraph and a "Read more" jump link."""
        out, day = [], None
        for a in arts:
            local = a.published.astimezone(LOCAL)
            if local.date() != day:
                if day is not None:
                    out.append("</div></div>")
                day = local.date()
                out.append(f"<div class='date-outer'><h2 class='date-header'><span>{local:%A, %B} {local.day}, {local:%Y}"
                           "</span></h2><div class='date-posts'>")  # fmt: skip
            out.append(f"<div class='post-outer'>{self._post_block(base, a, full, on_post_page=False)}</div>")
        out.append("</div></div>")
        return "".join(out)

    def _body(self, a: Article) -> str:
        if a.id % 3 == 0:  # an older post: the editor broke lines, not paragraphs
            return "<br /><br />".join(esc(p) for p in a.paragraphs)
        return "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)

    def _post_block(self, base: str, a: Article, full: bool, on_post_page: bool) -> str:
        root = base.rstrip("/")
        local = a.published.astimezone(LOCAL)
        pid = self.post_id[a.id]
        url = root + a.path
        title = (
            f"<h3 class='post-title entry-title' itemprop='name'>{esc(a.headline)}</h3>"
            if on_post_page
            else f"<h3 class='post-title entry-title' itemprop='name'><a href='{url}'>{esc(a.headline)}</a></h3>"
        )
        if full:
            body = self._body(a)
        else:
            body = (
                f"<p>{esc(a.paragraphs[0])}</p><div class='jump-link'><a href='{url}#more' title='{esc(a.headline)}'>"
                "Read more &#187;</a></div>"
            )
        labels = ", ".join(
            f"<a href='{root}/search/label/{quote(label)}' rel='tag'>{esc(label)}</a>" for label in self.labels(a)
        )
        comments = 2 + a.id % 3
        return (
            "<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' "
            "itemtype='http://schema.org/BlogPosting'>"
            f"<meta content='https://blogger.googleusercontent.com/img/b/{pid}/s1600/photo.jpg' itemprop='image_url'/>"
            f"<meta content='{BLOG_ID}' itemprop='blogId'/><meta content='{pid}' itemprop='postId'/><a name='{pid}'></a>"
            f"{title}<div class='post-header'><div class='post-header-line-1'></div></div>"
            f"<div class='post-body entry-content' id='post-body-{pid}' itemprop='description articleBody'>{body}"
            "<div style='clear: both;'></div></div><div class='post-footer'><div class='post-footer-line post-footer-line-1'>"
            "<span class='post-author vcard'>Posted by <span class='fn' itemprop='author' itemscope='itemscope' "
            f"itemtype='http://schema.org/Person'><meta content='https://www.blogger.com/profile/0{pid}' itemprop='url'/>"
            f"<a class='g-profile' href='https://www.blogger.com/profile/0{pid}' rel='author' title='author profile'>"
            f"<span itemprop='name'>{esc(a.author)}</span></a></span></span> <span class='post-timestamp'>at "
            f"<meta content='{url}' itemprop='url'/><a class='timestamp-link' href='{url}' rel='bookmark' "
            f"title='permanent link'><abbr class='published' itemprop='datePublished' title='{_ts(a.published)}'>"
            f"{local:%-I:%M %p}</abbr></a></span> <span class='post-comment-link'><a class='comment-link' href='{url}"
            f"#comment-form' onclick=''>{comments} comments:</a></span></div><div class='post-footer-line "
            f"post-footer-line-2'><span class='post-labels'>Labels: {labels}</span></div></div></div>"
        )

    def _post(self, base: str, a: Article, mobile: bool) -> Page:
        root = base.rstrip("/")
        local = a.published.astimezone(LOCAL)
        picks = self.related_picks(a, 3)
        related = (
            "<div class='related-posts'><h4>Related Posts</h4><ul class='related-posts-list'>"
            + "".join(f"<li><a href='{root}{r.path}'>{esc(r.headline)}</a></li>" for r in picks)
            + "</ul></div>"
            if picks
            else ""
        )
        comments = []
        for i in range(2 + a.id % 3):
            cid = 7000000000000000000 + 131 * a.id + i
            when = a.published + timedelta(hours=3 + 5 * i)
            ms = int(when.timestamp() * 1000)
            comments.append(
                f"<dt class='comment-author blogger-comment-icon' id='c{cid}'><a name='c{cid}'></a>"
                f"<a href='https://www.blogger.com/profile/1{cid}' rel='nofollow'>Reader {i + 1}</a> said...</dt>"
                f"<dd class='comment-body' id='Blog1_cmt-{cid}'><p>Thanks for writing about the {esc(a.tags[0])}, "
                f"we saw it too last {when:%A}.</p></dd><dd class='comment-footer'><span class='comment-timestamp'>"
                f"<a href='{root}{a.path}?showComment={ms}#c{cid}' title='comment permalink'>{when.astimezone(LOCAL):%B %-d, %Y at %-I:%M %p}"
                "</a></span></dd>"
            )
        comment_block = (
            f"<div class='comments' id='comments'><a name='comments'></a><h4>{len(comments)} comments:</h4>"
            f"<div id='Blog1_comments-block-wrapper'><dl class='avatar-comment-indent' id='comments-block'>"
            f"{''.join(comments)}</dl></div><p class='comment-footer'><a href='https://www.blogger.com/comment/"
            f"fullpage/post/{BLOG_ID}/{self.post_id[a.id]}' onclick=''>Post a Comment</a></p></div>"
        )
        prev_next = "".join(
            f"<span id='blog-pager-{kind}-link'><a class='blog-pager-{kind}-link' href='{root}{o.path}' "
            f"id='Blog1_blog-pager-{kind}-link' title='{title} Post'>{title} Post</a></span>"
            for kind, title, o in (
                ("newer", "Newer", self._neighbour(a, 1)),
                ("older", "Older", self._neighbour(a, -1)),
            )
            if o is not None
        )
        content = (
            "<div class='blog-posts hfeed'><div class='date-outer'><h2 class='date-header'><span>"
            f"{local:%A, %B} {local.day}, {local:%Y}</span></h2><div class='date-posts'><div class='post-outer'>"
            f"{self._post_block(base, a, True, on_post_page=True)}{related}{comment_block}</div></div></div></div>"
            f"<div class='blog-pager' id='blog-pager'>{prev_next}<a class='home-link' href='{root}/'>Home</a></div>"
        )
        head = (
            f"<meta content='{root}{a.path}' property='og:url'/><meta content='{esc(a.headline)}' property='og:title'/>"
            f"<meta content='{esc(a.teaser)}' property='og:description'/>"
        )
        return self._doc(base, f"{SITE_NAME}: {a.headline}", a.path, content, mobile, head)

    def _neighbour(self, a: Article, step: int) -> Article | None:
        i = self.newest.index(a) - step
        return self.newest[i] if 0 <= i < len(self.newest) else None

    def _static(self, base: str, p: str, mobile: bool) -> Page:
        title = p[3:-5].replace("-", " ").title()
        text = "".join(
            f"<p>This notebook has followed the marsh towns since 2011; write to us about point {i}.</p>"
            for i in range(8)
        )
        content = (
            f"<div class='blog-posts hfeed'><div class='post-outer'><div class='post hentry'><h3 class='post-title "
            f"entry-title'>{title}</h3><div class='post-body entry-content'>{text}</div></div></div></div>"
        )
        return self._doc(base, f"{SITE_NAME}: {title}", p, content, mobile)

    def _archive(self, base: str, p: str, ym: list[int], q: dict[str, str], mobile: bool) -> Page:
        def in_range(a: Article) -> bool:
            local = a.published.astimezone(LOCAL)
            return local.year == ym[0] and (len(ym) == 1 or local.month == ym[1])

        arts = [a for a in self.newest if in_range(a)]
        if not arts:
            return NOT_FOUND
        return self._listing(base, arts, p, "/search", q, f"{SITE_NAME}: {p.strip('/')}", mobile)

    def _sitemap(self, base: str, page: str | None) -> Page:
        chunks = [self.newest[i : i + SITEMAP_CHUNK] for i in range(0, len(self.newest), SITEMAP_CHUNK)]
        if page is None:
            items = "".join(f"<sitemap><loc>{base}sitemap.xml?page={i + 1}</loc></sitemap>" for i in range(len(chunks)))
            return xml_page(
                "<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"{items}</sitemapindex>"
            )
        if not page.isdigit() or not 1 <= int(page) <= len(chunks):
            return NOT_FOUND
        urls = "".join(
            f"<url><loc>{base.rstrip('/')}{a.path}</loc><lastmod>{a.published.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"
            "</lastmod></url>"
            for a in chunks[int(page) - 1]
        )
        return xml_page(
            "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"{urls}</urlset>"
        )

    def _feed(self, base: str, q: dict[str, str]) -> Page:
        root = base.rstrip("/")
        try:
            start = max(1, int(q.get("start-index", "1")))
            n = max(1, min(int(q.get("max-results", str(FEED_PER_PAGE))), 150))
        except ValueError:
            return NOT_FOUND
        chunk = self.newest[start - 1 : start - 1 + n]
        total = len(self.newest)
        if q.get("alt") == "rss":
            items = "".join(
                f"<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-{BLOG_ID}.post-{self.post_id[a.id]}</guid>"
                f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate>"
                + "".join(
                    f"<category domain='http://www.blogger.com/atom/ns#'>{esc(x)}</category>" for x in self.labels(a)
                )
                + f"<title>{esc(a.headline)}</title><description>{esc(self._body(a))}</description>"
                f"<link>{root}{a.path}</link><author>noreply@blogger.com ({esc(a.author)})</author></item>"
                for a in chunk
            )
            return xml_page(
                "<?xml version='1.0' encoding='UTF-8'?><rss xmlns:atom='http://www.w3.org/2005/Atom' "
                "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' version='2.0'><channel>"
                f"<atom:id>tag:blogger.com,1999:blog-{BLOG_ID}</atom:id><title>{SITE_NAME}</title><link>{base}</link>"
                f"<generator>Blogger</generator><openSearch:totalResults>{total}</openSearch:totalResults>"
                f"<openSearch:startIndex>{start}</openSearch:startIndex><openSearch:itemsPerPage>{n}"
                f"</openSearch:itemsPerPage>{items}</channel></rss>",
                content_type="application/rss+xml; charset=UTF-8",
            )
        nxt = (
            f"<link rel='next' type='application/atom+xml' href='{root}/feeds/posts/default?start-index={start + n}"
            f"&amp;max-results={n}'/>"
            if start - 1 + n < total
            else ""
        )
        entries = "".join(
            f"<entry><id>tag:blogger.com,1999:blog-{BLOG_ID}.post-{self.post_id[a.id]}</id>"
            f"<published>{_ts(a.published)}</published><updated>{_ts(a.published)}</updated>"
            + "".join(f"<category scheme='http://www.blogger.com/atom/ns#' term='{esc(x)}'/>" for x in self.labels(a))
            + f"<title type='text'>{esc(a.headline)}</title><content type='html'>{esc(self._body(a))}</content>"
            f"<link rel='replies' type='application/atom+xml' href='{root}/feeds/{self.post_id[a.id]}/comments/default'"
            f" title='Post Comments'/><link rel='alternate' type='text/html' href='{root}{a.path}' title='{esc(a.headline)}'/>"
            f"<author><name>{esc(a.author)}</name><uri>https://www.blogger.com/profile/0{self.post_id[a.id]}</uri>"
            "<email>noreply@blogger.com</email></author></entry>"
            for a in chunk
        )
        return xml_page(
            "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
            "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' "
            f"xmlns:gd='http://schemas.google.com/g/2005'><id>tag:blogger.com,1999:blog-{BLOG_ID}</id>"
            f"<updated>{_ts(self.newest[0].published)}</updated><title type='text'>{SITE_NAME}</title>"
            f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='{root}/feeds/posts/default'/>"
            f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG_ID}/posts/default"
            f"?start-index={start}&amp;max-results={n}'/><link rel='alternate' type='text/html' href='{base}'/>{nxt}"
            f"<generator version='7.00' uri='https://www.blogger.com'>Blogger</generator><openSearch:totalResults>{total}"
            f"</openSearch:totalResults><openSearch:startIndex>{start}</openSearch:startIndex>"
            f"<openSearch:itemsPerPage>{n}</openSearch:itemsPerPage>{entries}</feed>",
            content_type="application/atom+xml; charset=UTF-8",
        )

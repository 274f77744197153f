"""The WordPress-style shape of the benchmark site (``benchmarks.site --shape wordpress``).

A blog as a default WordPress theme with common plugins renders it, where a whole-site crawl without
a profile costs most: posts at ``/YYYY/MM/DD/slug/`` whose comment threads run to hundreds of
comments (avatar, commenter link, permalink with ``<time>``, reply link, nested replies), Jetpack
related posts and share buttons inside the entry content, a Yoast JSON-LD graph on three posts in
five (og:type article on all), previous/next post links, and a sidebar of widgets (recent posts,
recent comments, archives, categories with counts, a tag cloud). The home page and eight
categories list 10 posts a page (``/page/N/``, numbered page links, "Next »"); robots.txt names
``wp-sitemap.xml`` (posts, categories, tags, users), as WordPress 5.5+ ships it. Tag, author and
date archive pages exist (a crawler without a profile should skip them).

Everything is derived from the post number, so a page is the same on every request. Comments are
picked from a pre-built pool (a contiguous run per post). Posts cost ~4 ms each to render, so they
are rendered once, at start, and kept zlib-compressed (~25 MB for 3,000): serving one costs the
server a decompression, and every crawler in a run is served the same way (replayed from memory).
"""

from __future__ import annotations

import hashlib
import json
import random
import zlib
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from html import escape

from newscrawl.demo import words as w

SITE = "The Harbourside Journal"
CATEGORIES = ("news", "local", "politics", "business", "environment", "arts", "sport", "letters")
PER_PAGE = 10
_EPOCH = datetime(2023, 1, 2, 6, 0, tzinfo=UTC)

_VOCABULARY = (  # noqa: SIM905
    "council committee budget harbour ferry district report survey proposal agreement residents "
    "teachers farmers engineers officials voters students doctors prices wages rents taxes permits "
    "bridge tunnel station school hospital factory library market square airport reservoir pier "
    "announced rejected approved delayed questioned defended criticised welcomed postponed promised "
    "quietly sharply slowly briefly openly carefully formally largely partly honestly frankly "
    "new local regional small large early late recent former public private coastal annual weekly "
    "the the the the a a an of of of in in on at for with from by after before during about "
    "and and but while although because since when where which that who its their this those some "
    "year month week morning evening plan vote debate hearing inquiry strike protest deal shortage "
    "water power energy fish wool coffee paper glass fuel transport housing parking bins potholes"
).split()
_COMMENT_OPENERS = (
    "Great article.", "I disagree.", "Thanks for writing this.", "Not sure about this.", "Exactly right.",
    "Well said.", "This is nonsense.", "Has anyone asked the council?", "Finally someone says it.", "Interesting.",
)  # fmt: skip
_PEOPLE = tuple(f"{f} {last}" for f in w.FIRST_NAMES for last in w.LAST_NAMES[:12])
_WORDS = _VOCABULARY + [c.split()[-1] for c in w.CITIES] + list(w.LAST_NAMES[:12])
_TAGS = tuple(dict.fromkeys(f"{a} {b}" for a in _VOCABULARY[40:60] for b in _VOCABULARY[:12]))[:120]
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def _rng(n: int, salt: int = 0) -> random.Random:
    return random.Random(n * 104_729 + salt * 7_919 + 3)


def _sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    return " ".join(rng.choices(_WORDS, k=rng.randint(low, high))).capitalize() + "."


def _slug(text: str) -> str:
    return "-".join("".join(c for c in word.lower() if c.isalnum()) for word in text.split())[:70].strip("-")


def _when(n: int) -> datetime:
    """Post n's publication time: one post every ~4 hours from 2023 on (all in the past)."""
    return _EPOCH + timedelta(hours=4 * n, minutes=(n * 37) % 60)


def _nice(when: datetime) -> str:
    return f"{_MONTHS[when.month - 1]} {when.day}, {when.year}"


@lru_cache(maxsize=8192)
def headline(n: int) -> str:
    rng = _rng(n, 1)
    return " ".join(rng.choices(_WORDS, k=rng.randint(5, 10))).capitalize() + f" {n}"


def category(n: int) -> str:
    return CATEGORIES[n % len(CATEGORIES)]


def post_path(n: int) -> str:
    return f"/{_when(n):%Y/%m/%d}/{_slug(headline(n))}/"


def _author(n: int) -> str:
    return _PEOPLE[(n * 7) % 40]


def _tags(n: int) -> list[str]:
    rng = _rng(n, 2)
    return rng.sample(_TAGS, rng.randint(2, 6))


_HEAD_COMMON = (
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="max-image-preview:large">'
    + "".join(
        f"<link rel='stylesheet' id='{name}-css' href='/wp-content/plugins/{name}/style.css?ver=6.{i}' media='all' />"
        for i, name in enumerate(("wp-block-library", "jetpack", "contact-form-7", "wpdiscuz", "yoast", "theme"))
    )
    + "<style id='global-styles-inline-css'>"
    + "".join(
        f"body .has-c{i}-color{{color:var(--wp--preset--color--c{i}) !important;}}"
        f".wp-block-c{i}{{margin:{i % 6}px;padding:{i % 4}em}}"
        for i in range(120)
    )
    + '</style><script>window._wpemojiSettings={"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/","ext":".png"};</script>'
)
_NAV = (
    '<nav id="site-navigation" class="main-navigation"><button class="menu-toggle">Menu</button><ul id="primary-menu" class="menu">'
    '<li class="menu-item"><a href="/">Home</a></li>'
    + "".join(
        f'<li class="menu-item menu-item-has-children"><a href="/category/{c}/">{c.title()}</a><ul class="sub-menu">'
        + "".join(
            f'<li class="menu-item"><a href="/tag/{_slug(t)}/">{t.title()}</a></li>' for t in _TAGS[i * 6 : i * 6 + 6]
        )
        + "</ul></li>"
        for i, c in enumerate(CATEGORIES)
    )
    + '<li class="menu-item"><a href="/about/">About</a></li><li class="menu-item"><a href="/contact/">Contact</a></li>'
    "</ul></nav>"
)
_FOOTER = (
    '<footer id="colophon" class="site-footer"><div class="footer-widgets">'
    + "".join(
        f'<a href="/{p}/">{p.replace("-", " ").title()}</a> '
        for p in ("about", "contact", "privacy-policy", "advertise", "terms", "corrections", "newsletter")
    )
    + f'</div><div class="site-info"><a href="https://wordpress.org/">Proudly powered by WordPress</a> &copy; {SITE}</div>'
    "</footer></div><script src='/wp-includes/js/comment-reply.min.js?ver=6.5' id='comment-reply-js' async></script>"
    '<script>/* <![CDATA[ */ var wpdiscuzAjaxObj = {"url":"\\/wp-admin\\/admin-ajax.php","enableRating":1}; /* ]]> */</script>'
    "</body></html>"
)


class WordPressSite:
    """Renders the pages of a blog of ``total`` posts (post 0 is the oldest)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.base = ""  # the server's address, for the absolute URLs of robots.txt, sitemaps, canonical
        self._pool = [self._comment_html(i) for i in range(6000)]
        self._rendered: list[bytes] = []

    # --- chrome ---

    def _head(self, title: str, canonical: str, extra: str = "") -> str:
        return (
            f'<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>{escape(title)} &#8211; {SITE}</title>'
            f'{_HEAD_COMMON}<link rel="canonical" href="{self.base}{canonical}">'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE} &raquo; Feed" href="/feed/">'
            f"{extra}</head>"
        )

    def _header(self, body_class: str) -> str:
        return (
            f'<body class="{body_class}"><div id="page" class="site"><a class="skip-link screen-reader-text" '
            'href="#content">Skip to content</a><header id="masthead" class="site-header"><div class="site-branding">'
            f'<p class="site-title"><a href="/" rel="home">{SITE}</a></p><p class="site-description">News from '
            f"the waterfront since 1998</p></div>{_NAV}</header>"
        )

    @lru_cache(maxsize=64)  # noqa: B019 - one site per process, and the sidebar changes every 50 posts
    def _sidebar(self, newest: int) -> str:
        recent = "".join(
            f'<li><a href="{post_path(k)}">{escape(headline(k))}</a></li>'
            for k in range(newest, max(-1, newest - 5), -1)
        )
        rng = _rng(newest, 3)
        comments = "".join(
            f'<li class="recentcomments"><span class="comment-author-link"><a href="https://{_slug(p)}.example.net/" '
            f'class="url" rel="ugc external nofollow">{p}</a></span> on <a href="{post_path(k)}#comment-{k * 1000 + 7}">'
            f"{escape(headline(k))}</a></li>"
            for p, k in ((rng.choice(_PEOPLE), rng.randrange(max(1, newest))) for _ in range(5))
        )
        last = _when(newest)
        months = []
        year, month = last.year, last.month
        for _ in range(24):
            months.append(f"<li><a href='/{year}/{month:02d}/'>{_MONTHS[month - 1]} {year}</a></li>")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        cats = "".join(
            f'<li class="cat-item"><a href="/category/{c}/">{c.title()}</a> ({self.total // len(CATEGORIES)})</li>'
            for c in CATEGORIES
        )
        cloud = "".join(
            f'<a href="/tag/{_slug(t)}/" class="tag-cloud-link tag-link-{i}" style="font-size: {8 + i % 14}pt;" '
            f'aria-label="{t} ({3 + i % 40} items)">{t}</a>'
            for i, t in enumerate(_TAGS[:80])
        )
        return (
            '<aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search">'
            '<form role="search" method="get" class="search-form" action="/"><input type="search" name="s">'
            '<input type="submit" value="Search"></form></section>'
            f'<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section>'
            f'<section id="recent-comments-2" class="widget widget_recent_comments"><h2 class="widget-title">Recent Comments</h2><ul id="recentcomments">{comments}</ul></section>'
            f'<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul>{"".join(months)}</ul></section>'
            f'<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul>{cats}</ul></section>'
            f'<section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">{cloud}</div></section>'
            '<section id="text-3" class="widget widget_text"><h2 class="widget-title">Newsletter</h2><div class="textwidget">'
            "<p>Get the week's stories in your inbox every Friday. No spam, unsubscribe any time.</p>"
            '<p><a href="/newsletter/">Sign up</a></p></div></section></aside>'
        )

    # --- comments ---

    def _comment_html(self, i: int) -> str:
        rng = _rng(i, 4)
        who = rng.choice(_PEOPLE)
        avatar = hashlib.md5(who.encode()).hexdigest()
        text = " ".join([rng.choice(_COMMENT_OPENERS)] + [_sentence(rng, 6, 18) for _ in range(rng.randint(1, 5))])
        site = f"https://{_slug(who)}.example.net/" if rng.random() < 0.4 else ""
        name = f"<a href='{site}' class='url' rel='ugc external nofollow'>{who}</a>" if site else who
        link = (
            f' See <a href="https://www.example.org/{_slug(text[:30])}" rel="nofollow ugc">this</a>.'
            if i % 4 == 0
            else ""
        )
        # {ID}, {WHEN}, {NICE}, {PATH}: filled per post
        return (
            '<article id="div-comment-{ID}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">'
            f"<img alt='' src='https://secure.gravatar.com/avatar/{avatar}?s=60&#038;d=mm&#038;r=g' srcset='https://secure.gravatar.com/avatar/{avatar}?s=120&#038;d=mm&#038;r=g 2x' class='avatar avatar-60 photo' height='60' width='60' loading='lazy' decoding='async'/>"
            f'<b class="fn">{name}</b> <span class="says">says:</span></div><div class="comment-metadata">'
            '<a href="{PATH}#comment-{ID}"><time datetime="{WHEN}">{NICE}</time></a></div></footer>'
            f'<div class="comment-content"><p>{escape(text)}{link}</p></div><div class="reply">'
            "<a rel='nofollow' class='comment-reply-link' href='?replytocom={ID}#respond' data-commentid='{ID}' "
            "aria-label='Reply to " + escape(who) + "'>Reply</a></div></article>"
        )

    def _thread(self, n: int) -> tuple[int, str]:
        rng = _rng(n, 5)
        count = rng.choice((0, 2, 8, 25, 60, 120, 180, 250, 350, 500))
        if not count:
            return 0, ""
        start = rng.randrange(len(self._pool) - count)
        when, path = _when(n), post_path(n)
        parts, depth = [], 0
        for k in range(count):
            cid = n * 1000 + k
            at = when + timedelta(minutes=17 * (k + 1))
            nice = f"{_nice(at)} at {at.hour % 12 or 12}:{at.minute:02d} {'am' if at.hour < 12 else 'pm'}"
            body = self._pool[start + k].format(ID=cid, WHEN=at.isoformat(), NICE=nice, PATH=path)  # fmt: skip
            kind = "even" if k % 2 else "odd"
            item = f'<li id="comment-{cid}" class="comment {kind} depth-{depth + 1}">{body}'
            if k % 5 in (1, 2) and depth < 3:  # a reply to it follows, nested
                parts.append(item + '<ol class="children">')
                depth += 1
            else:
                parts.append(item + "</li>")
                while depth and k % 5 == 3:
                    parts.append("</ol></li>")
                    depth -= 1
        parts.extend("</ol></li>" for _ in range(depth))
        title = f'<h2 class="comments-title">{count} thoughts on &ldquo;{escape(headline(n))}&rdquo;</h2>'
        form = (
            '<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>'
            '<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">'
            'Your email address will not be published. Required fields are marked *</p><textarea id="comment" name="comment">'
            '</textarea><input name="author"><input name="email"><input name="url"><input type="submit" value="Post Comment">'
            "</form></div>"
        )
        return (
            count,
            f'<div id="comments" class="comments-area">{title}<ol class="comment-list">{"".join(parts)}</ol>{form}</div>',
        )

    # --- pages ---

    def post(self, n: int) -> bytes:
        rng = _rng(n)
        title, cat, when, path = headline(n), category(n), _when(n), post_path(n)
        author, tags = _author(n), _tags(n)
        modified = when + timedelta(hours=rng.randint(1, 30))
        paragraphs = []
        for k in range(rng.randint(6, 16)):
            text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
            if k % 4 == 2:
                other = rng.randrange(max(1, n))
                text += f' (<a href="{post_path(other)}">{escape(headline(other))}</a>)'
            paragraphs.append(f"<p>{text}</p>" if k % 7 != 5 else f"<h2>{_sentence(rng, 4, 7)}</h2><p>{text}</p>")
        related = "".join(
            f'<div class="jp-relatedposts-post jp-relatedposts-post{i}" data-post-id="{r}"><h4 class="jp-relatedposts-post-title">'
            f'<a class="jp-relatedposts-post-a" href="{post_path(r)}" title="{escape(headline(r))}" rel="nofollow">{escape(headline(r))}</a>'
            f'</h4><p class="jp-relatedposts-post-date">{_nice(_when(r))}</p><p class="jp-relatedposts-post-context">In &quot;{category(r).title()}&quot;</p></div>'
            for i, r in enumerate(rng.sample(range(max(1, n)), min(3, max(1, n))))
        )
        share = (
            '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">'
            'Share this:</h3><div class="sd-content"><ul>'
            + "".join(
                f'<li class="share-{s}"><a rel="nofollow noopener noreferrer" class="share-{s} sd-button" '
                f'href="{path}?share={s}" target="_blank"><span>{s.title()}</span></a></li>'
                for s in ("facebook", "x", "linkedin", "email", "print")
            )
            + "</ul></div></div></div>"
        )
        count, comments = self._thread(n)
        prev_next = (
            '<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">'
            + (
                f'<div class="nav-previous"><a href="{post_path(n - 1)}" rel="prev">{escape(headline(n - 1))}</a></div>'
                if n
                else ""
            )
            + (
                f'<div class="nav-next"><a href="{post_path(n + 1)}" rel="next">{escape(headline(n + 1))}</a></div>'
                if n + 1 < self.total
                else ""
            )
            + "</div></nav>"
        )
        head = (
            f'<meta name="description" content="{escape(_sentence(_rng(n, 6)))}">'
            f'<meta property="og:locale" content="en_US"><meta property="og:type" content="article">'
            f'<meta property="og:title" content="{escape(title)}"><meta property="og:url" content="{path}">'
            f'<meta property="og:site_name" content="{SITE}"><meta property="article:published_time" content="{when.isoformat()}">'
            f'<meta property="article:modified_time" content="{modified.isoformat()}">'
            f'<meta property="og:image" content="/wp-content/uploads/{when:%Y/%m}/photo-{n}.jpg"><meta name="author" content="{author}">'
        )
        if n % 5 < 3:
            graph = {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "Article", "@id": f"{path}#article", "headline": title, "datePublished": when.isoformat(),
                     "dateModified": modified.isoformat(), "author": {"@id": f"/#/schema/person/{n % 40}"},
                     "commentCount": count, "articleSection": [cat.title()], "keywords": tags,
                     "mainEntityOfPage": {"@id": path}, "inLanguage": "en-US"},
                    {"@type": "WebPage", "@id": path, "url": path, "name": f"{title} - {SITE}"},
                    {"@type": "BreadcrumbList", "itemListElement": [
                        {"@type": "ListItem", "position": 1, "name": "Home", "item": "/"},
                        {"@type": "ListItem", "position": 2, "name": title}]},
                    {"@type": "Person", "@id": f"/#/schema/person/{n % 40}", "name": author},
                ],
            }  # fmt: skip
            head += f'<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph)}</script>'
        tag_links = ", ".join(f'<a href="/tag/{_slug(t)}/" rel="tag">{t}</a>' for t in tags)
        article = (
            f'<article id="post-{n}" class="post-{n} post type-post status-publish format-standard has-post-thumbnail hentry '
            f'category-{cat}">'
            f'<header class="entry-header"><span class="cat-links"><a href="/category/{cat}/" rel="category tag">{cat.title()}</a></span>'
            f'<h1 class="entry-title">{escape(title)}</h1><div class="entry-meta"><span class="byline"> by <span class="author vcard">'
            f'<a class="url fn n" href="/author/{_slug(author)}/">{author}</a></span></span> <span class="posted-on">'
            f'<a href="{path}" rel="bookmark"><time class="entry-date published" datetime="{when.isoformat()}">{_nice(when)}</time>'
            f'<time class="updated" datetime="{modified.isoformat()}">{_nice(modified)}</time></a></span> '
            f'<span class="comments-link"><a href="{path}#comments">{count} Comments</a></span></div></header>'
            f'<figure class="post-thumbnail"><img width="1200" height="675" src="/wp-content/uploads/{when:%Y/%m}/photo-{n}.jpg" '
            f'class="attachment-post-thumbnail wp-post-image" alt="" decoding="async" srcset="/wp-content/uploads/{when:%Y/%m}/photo-{n}-300x169.jpg 300w, '
            f'/wp-content/uploads/{when:%Y/%m}/photo-{n}-768x432.jpg 768w"></figure>'
            f'<div class="entry-content">{"".join(paragraphs)}{share}<div id="jp-relatedposts" class="jp-relatedposts">'
            f'<h3 class="jp-relatedposts-headline"><em>Related</em></h3>{related}</div></div>'
            f'<footer class="entry-footer"><span class="tags-links">Tagged {tag_links}</span></footer></article>'
        )
        newest = min(self.total - 1, (n // 50 + 1) * 50)
        return (
            self._head(f"{title}", path, head)
            + self._header(f"post-template-default single single-post postid-{n} single-format-standard")
            + f'<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">'
            f"{article}{prev_next}{comments}</main></div>{self._sidebar(newest)}</div>{_FOOTER}"
        ).encode()

    def listing(self, root: str, posts: list[int], page: int, title: str) -> bytes | None:
        pages = max(1, -(-len(posts) // PER_PAGE))
        if page > pages:
            return None
        chunk = posts[(page - 1) * PER_PAGE : page * PER_PAGE]
        here = root if page == 1 else f"{root}page/{page}/"
        cards = "".join(
            f'<article id="post-{n}" class="post-{n} post type-post status-publish hentry category-{category(n)}">'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{post_path(n)}" rel="bookmark">{escape(headline(n))}</a></h2>'
            f'<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{_when(n).isoformat()}">'
            f'{_nice(_when(n))}</time></span> <span class="byline">by <a href="/author/{_slug(_author(n))}/">{_author(n)}</a></span></div></header>'
            f'<div class="entry-summary"><p>{escape(_sentence(_rng(n, 6)))} <a class="more-link" href="{post_path(n)}">Continue reading</a></p></div>'
            "</article>"
            for n in chunk
        )
        shown = sorted({1, 2, 3, page - 1, page, page + 1, pages} & set(range(1, pages + 1)))
        numbers = " ".join(
            f'<span aria-current="page" class="page-numbers current">{k}</span>' if k == page
            else f'<a class="page-numbers" href="{root if k == 1 else f"{root}page/{k}/"}">{k}</a>'
            for k in shown
        )  # fmt: skip
        older = f'<a class="next page-numbers" href="{root}page/{page + 1}/">Next &raquo;</a>' if page < pages else ""
        extra = f'<link rel="next" href="{root}page/{page + 1}/">' if page < pages else ""
        extra += '<meta property="og:type" content="website">'
        newest = posts[0] if posts else 0
        return (
            self._head(title if page == 1 else f"{title} - Page {page}", here, extra)
            + self._header("archive category")
            + '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">'
            f'<header class="page-header"><h1 class="page-title">{escape(title)}</h1></header>{cards}'
            f'<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{numbers} {older}</div></nav>'
            f"</main></div>{self._sidebar(newest)}</div>{_FOOTER}"
        ).encode()

    def sitemap(self, path: str) -> bytes | None:
        per_file = 2000
        if path == "/wp-sitemap.xml":
            files = [f"/wp-sitemap-posts-post-{k + 1}.xml" for k in range(-(-self.total // per_file))]
            files += ["/wp-sitemap-taxonomies-category-1.xml", "/wp-sitemap-users-1.xml"]
            entries = "".join(f"<sitemap><loc>{self.base}{f}</loc></sitemap>" for f in files)
            return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()
        if path.startswith("/wp-sitemap-posts-post-"):
            k = int(path.rsplit("-", 1)[1].split(".")[0]) - 1
            urls: list[tuple[str, str | None]] = [
                (post_path(n), _when(n).isoformat()) for n in range(k * per_file, min(self.total, (k + 1) * per_file))
            ]
        elif path == "/wp-sitemap-taxonomies-category-1.xml":
            urls = [(f"/category/{c}/", None) for c in CATEGORIES]
        elif path == "/wp-sitemap-users-1.xml":
            urls = [(f"/author/{_slug(p)}/", None) for p in _PEOPLE[:40]]
        else:
            return None
        entries = "".join(
            f"<url><loc>{self.base}{u}</loc>{f'<lastmod>{d}</lastmod>' if d else ''}</url>" for u, d in urls
        )
        return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()

    def render(self, path: str) -> tuple[int, str, bytes] | None:
        html = "text/html; charset=UTF-8"
        if path == "/robots.txt":
            return (
                200,
                "text/plain",
                (
                    "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                    f"Sitemap: {self.base}/wp-sitemap.xml\n"
                ).encode(),
            )
        if path.startswith("/wp-sitemap"):
            body = self.sitemap(path)
            return (200, "application/xml", body) if body else None
        parts = [p for p in path.split("/") if p]
        page = 1
        if len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdigit():
            page, parts = int(parts[-1]), parts[:-2]
        newest_first = list(range(self.total - 1, -1, -1))
        if not parts:
            body = self.listing("/", newest_first, page, "Latest news")
        elif parts[0] == "category" and len(parts) == 2 and parts[1] in CATEGORIES:
            posts = [n for n in newest_first if category(n) == parts[1]]
            body = self.listing(f"/category/{parts[1]}/", posts, page, parts[1].title())
        elif parts[0] == "tag" and len(parts) == 2:
            posts = [n for n in newest_first[:400] if parts[1] in {_slug(t) for t in _tags(n)}]
            body = self.listing(f"/tag/{parts[1]}/", posts, page, f"Tag: {parts[1]}") if posts else None
        elif parts[0] == "author" and len(parts) == 2:
            posts = [n for n in newest_first[:400] if _slug(_author(n)) == parts[1]]
            body = self.listing(f"/author/{parts[1]}/", posts, page, f"Author: {parts[1]}") if posts else None
        elif len(parts) == 4 and all(p.isdigit() for p in parts[:3]):
            n = self._by_path().get(path.split("?", 1)[0])
            body = zlib.decompress(self._rendered[n]) if n is not None else None
        else:
            body = None
        return (200, html, body) if body is not None else None

    def prerender(self) -> None:
        """Render every post once (after ``base`` is set), compressed."""
        self._rendered = [zlib.compress(self.post(n), 1) for n in range(self.total)]

    @lru_cache(maxsize=1)  # noqa: B019 - one site per process
    def _by_path(self) -> dict[str, int]:
        return {post_path(n): n for n in range(self.total)}

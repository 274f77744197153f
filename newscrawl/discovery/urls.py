"""What a URL's shape says before it is fetched: article-like, a listing, a page never to emit,
a pagination step, a calendar; AMP variants collapsed to their canonical form."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newscrawl.extract.urls import is_tracking_param, normalize_url

# Path segments that mark a page as something other than an article, by kind (the skip reason).
_SEGMENT_KINDS: dict[str, frozenset[str]] = {
    "tag_page": frozenset(
        [
            "tag",
            "tags",
            "topic",
            "topics",
            "label",
            "labels",
            "keyword",
            "keywords",
            "hashtag",
            "hashtags",
            "taxonomy",
            "subject",
            "subjects",
        ]
    ),
    "author_page": frozenset(
        [
            "author",
            "authors",
            "people",
            "person",
            "profile",
            "profiles",
            "staff",
            "contributor",
            "contributors",
            "writer",
            "writers",
            "journalist",
            "journalists",
            "columnist",
            "columnists",
            "byline",
            "user",
            "users",
            "team",
        ]
    ),
    "search_page": frozenset(["search", "suche", "recherche", "buscar", "busca", "cerca", "zoeken"]),
    "static_page": frozenset(
        [
            "about",
            "about-us",
            "aboutus",
            "contact",
            "contact-us",
            "contacts",
            "impressum",
            "imprint",
            # German-language sites' service pages (a privacy policy dated "Stand: 14. Mai 2024" under
            # its h1 passed for an article by its text and date)
            "datenschutz",
            "datenschutzerklaerung",
            "kontakt",
            "ueber-uns",
            "agb",
            "nutzungsbedingungen",
            "barrierefreiheit",
            "privacy",
            "privacy-policy",
            "terms",
            "terms-of-service",
            "terms-of-use",
            "tos",
            "cookies",
            "cookie-policy",
            "legal",
            "advertise",
            "advertising",
            "careers",
            "jobs",
            "subscribe",
            "subscription",
            "subscriptions",
            "newsletter",
            "newsletters",
            "login",
            "log-in",
            "signin",
            "sign-in",
            "register",
            "signup",
            "sign-up",
            "account",
            "my-account",
            "faq",
            "help",
            "sitemap",
            "feed",
            "feeds",
            "rss",
            "atom",
            "wp-login.php",
            "wp-admin",
            "cart",
            "checkout",
            "shop",
            "donate",
            "print",  # a printer-friendly twin of an article (print.php?id=N, /print/N)
            "printer",
        ]
    ),
    "listing_page": frozenset(
        ["category", "categories", "section", "sections", "archive", "archives", "index", "latest"]
    ),
}
# Query parameters that pick a kind of page (WordPress' query variables, as plain permalinks show them).
_QUERY_KINDS = {
    "page_id": "static_page",
    "cat": "listing_page",
    "category_name": "listing_page",
    "tag": "tag_page",
    "author": "author_page",
    "author_name": "author_page",
}
# Query parameters that name one article, and an item number as their value (Joomla adds ":slug").
_ARTICLE_ID_PARAMS = frozenset(
    [
        "p",
        "id",
        "aid",
        "nid",
        "artid",
        "articleid",
        "article_id",
        "newsid",
        "news_id",
        "storyid",
        "story_id",
        "postid",
        "post_id",
        "itemid",
        "item_id",
        "contentid",
        "content_id",
        "docid",
        "doc_id",
        "entryid",
        "entry_id",
    ]
)
# Query parameters that ask the site to do something with the page it names (like it, share it, reply
# to a comment, edit it): the link is a button, not another article (a newsletter platform's
# ``?action=like``/``?action=restack``, WordPress' ``?replytocom=N``, Jetpack's ``?share=twitter``).
_ACTION_PARAMS = frozenset({"action", "share", "replytocom"})
_ID_VALUE = re.compile(r"^\d+(?::[\w-]*)?$")
_SCRIPT = re.compile(r"(?<=.)(?<!^index)\.(?:php\d?|aspx?|jsp|cfm|html?|shtml)$")
_SEARCH_PARAMS = frozenset({"s", "q", "query", "search", "keyword", "keywords", "term"})
PAGING_PARAMS = frozenset(
    {"page", "paged", "pg", "pagenum", "page_no", "pageno", "offset", "start", "cursor", "after", "before", "from"}
    | {"p", "seite", "pagina", "strana", "sayfa"}  # ?p=N pages a listing, except on the home page (WordPress' post id)
)
_NOT_SCOPE_PARAMS = frozenset(
    {"ajax", "format", "output", "amp", "view_mode"}
    # Blogger pages a listing by a timestamp cursor: ?updated-max=<ISO>&max-results=N (&reverse-paginate=true)
    | {"updated-max", "updated-min", "max-results", "reverse-paginate", "by-date"}
)
# A listing's page step: WordPress' /page/N/, and the routed pagers of other CMSs and languages
# (TYPO3 route enhancers /seite-N/, /page-N, /pagina/N).
_PAGE_PATH = re.compile(r"/(?:page|seite|pagina)[/-](\d+)/?$", re.IGNORECASE)
_ASSET = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|ico|css|js|mjs|json|xml|rss|atom|pdf|zip|gz|mp3|mp4|m4a|webm|mov|avi|"
    r"woff2?|ttf|eot|docx?|xlsx?|pptx?|txt|csv)$",
    re.IGNORECASE,
)
_DATE_ARCHIVE = re.compile(r"^/(?:\d{4})(?:/\d{1,2}){0,2}/?$")
_DATE_IN_PATH = re.compile(r"/(19|20)\d{2}/(0?[1-9]|1[0-2])(?:/(0?[1-9]|[12]\d|3[01]))?/")
_DATE_VALUE = re.compile(r"^(19|20)\d{2}[-/]?(0[1-9]|1[0-2])(?:[-/]?(0[1-9]|[12]\d|3[01]))?$")
_CALENDAR_PARAMS = frozenset({"date", "day", "month", "year", "ym", "ymd", "calendar", "cal", "week", "m", "d"})
_CALENDAR_SEGMENTS = frozenset({"calendar", "kalender", "agenda", "events", "event"})
_ID = re.compile(r"\d{4,}|[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]*$|[0-9a-f]*[a-f][0-9a-f]*\d[0-9a-f]*$")
_AMP_PARAMS = frozenset({"amp", "outputtype", "output"})


def segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.lower().split("/") if s]


def page_kind(url: str) -> str | None:
    """The kind of non-article page this URL's shape names (``tag_page``, ``author_page``,
    ``search_page``, ``static_page``, ``listing_page``, ``paginated_page``), or None."""
    parts = urlsplit(url)
    segs = [_SCRIPT.sub("", s) for s in segments(url)]
    query = dict(parse_qsl(parts.query.lower(), keep_blank_values=True))
    if query.keys() & _SEARCH_PARAMS:
        return "search_page"
    for name, kind in _QUERY_KINDS.items():
        if name in query:
            return kind
    if not segs or _is_home(parts.path):
        if article_id(url):
            return None
        return "paginated_page" if query.keys() & PAGING_PARAMS else "listing_page"
    for kind, names in _SEGMENT_KINDS.items():
        if any(s in names for s in segs):
            return kind
    if _PAGE_PATH.search(parts.path) or any(v.isdigit() for k, v in query.items() if k in PAGING_PARAMS):
        return "paginated_page"
    if _DATE_ARCHIVE.match(parts.path):
        return "listing_page"
    return None


def article_id(url: str) -> bool:
    """The query names one item by number, as script-driven sites link articles: WordPress' plain
    permalinks (``/?p=123``), ``article.php?id=4521``, ``view.aspx?NewsID=88``, Joomla's
    ``index.php?option=com_content&view=article&id=12:slug``."""
    parts = urlsplit(url)
    if not parts.query:
        return False
    home = _is_home(parts.path)
    return any(
        k.lower() in _ARTICLE_ID_PARAMS and _ID_VALUE.match(v) and (home or k.lower() != "p")
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    )


def looks_like_article(url: str) -> bool:
    """True when the URL has the shape of an article: a dated path with a slug, a long slug or an id
    (in the path, or the query's item id)."""
    parts = urlsplit(url)
    path = parts.path
    if _ASSET.search(path) or page_kind(url) is not None:
        return False
    if parts.query and any(k.lower() in _ACTION_PARAMS for k, _ in parse_qsl(parts.query)):
        return False
    if article_id(url):
        return True
    segs = segments(url)
    if not segs:
        return False
    if len(segs) == 2 and segs[0] == "node" and segs[1].isdigit():  # Drupal's path of a node without an alias
        return True
    last = re.sub(r"\.(?:html?|php|aspx?|shtml)$", "", segs[-1])
    if _DATE_IN_PATH.search(path + "/") and not re.fullmatch(r"\d{1,4}", last):
        return True
    words = [w for w in re.split(r"[-_]", last) if w]
    if len(words) >= 3 and len(last) >= 12:
        return True
    return len(last) >= 6 and any(_ID.fullmatch(w) for w in words)


def is_asset(url: str) -> bool:
    return bool(_ASSET.search(urlsplit(url).path))


def collapse_amp(url: str) -> str:
    """The non-AMP form of an AMP twin URL: ``/amp/`` or ``/amp`` path ends, ``.amp.html``, ``?amp``,
    ``?amp=1``, ``?outputType=amp``."""
    parts = urlsplit(url)
    path = parts.path
    if re.search(r"/amp/?$", path, re.IGNORECASE) and path.strip("/").lower() != "amp":
        path = re.sub(r"amp/?$", "", path, flags=re.IGNORECASE)
    path = re.sub(r"\.amp\.html?$", ".html", path, flags=re.IGNORECASE)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower() == "amp" or (k.lower() in _AMP_PARAMS and v.lower() == "amp"))
    ]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), parts.fragment))


def canonical_guess(url: str) -> str:
    """The URL an article is scheduled under: normalized (tracking/session params, query order,
    fragment) and AMP variants collapsed."""
    return normalize_url(collapse_amp(url))


def listing_scope(url: str) -> str:
    """The listing a page belongs to: its path without a ``/page/N`` step or trailing slash, and the
    query parameters that pick the listing (``list.php?sec=world``); paging, cursor, calendar, tracking
    and framework parameters (``?page=N``, ``?date=``, ``_wrapper_format``, ``ajax``) stay in the same listing."""
    parts = urlsplit(url)
    path = _PAGE_PATH.sub("", parts.path.lower()).rstrip("/")
    path = re.sub(r"/index\.(?:html?|php)$", "", path)
    if parts.query:
        kept = sorted(
            (k.lower(), v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in PAGING_PARAMS and k.lower() not in _NOT_SCOPE_PARAMS and k.lower() not in _CALENDAR_PARAMS
            and not k.startswith("_") and not is_tracking_param(k)
        )  # fmt: skip
        if kept:
            path += "?" + urlencode(kept)
    return path


def in_listing(url: str, scope: str) -> bool:
    """``url`` is a page of the listing ``scope`` (a ``listing_scope``): the same path, with every query
    parameter that picks the listing; parameters the listing's own URL does not have (a sort order, an
    empty filter: ``/news?category=&page=2`` of ``/news``) do not make it another listing."""
    own = listing_scope(url)
    if own == scope:
        return True
    path, _, query = own.partition("?")
    wanted_path, _, wanted = scope.partition("?")
    return path == wanted_path and set(parse_qsl(wanted, keep_blank_values=True)) <= set(
        parse_qsl(query, keep_blank_values=True)
    )


def page_number(url: str) -> int | None:
    """The page number a listing URL names (``/page/3/``, ``?page=3``), or None."""
    parts = urlsplit(url)
    m = _PAGE_PATH.search(parts.path)
    if m:
        return int(m.group(1))
    for k, v in parse_qsl(parts.query):
        if k.lower() in PAGING_PARAMS and v.isdigit() and not (k.lower() == "p" and _is_home(parts.path)):
            return int(v)
    return None


def _is_home(path: str) -> bool:
    return path.lower() in ("", "/", "/index.php")


def is_calendar(url: str) -> bool:
    """True for calendar-shaped listing URLs (dates in the path or the query, calendar paths):
    the kind that goes on forever, one day or month at a time."""
    parts = urlsplit(url)
    if _DATE_IN_PATH.search(parts.path + "/") or any(s in _CALENDAR_SEGMENTS for s in segments(url)):
        return True
    return any(k.lower() in _CALENDAR_PARAMS or _DATE_VALUE.match(v) for k, v in parse_qsl(parts.query))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def on_site(url: str, domains: Iterable[str]) -> bool:
    """True for http(s) URLs on one of ``domains`` or a subdomain of one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in (d.lower() for d in domains if d))

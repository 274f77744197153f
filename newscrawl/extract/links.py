"""Related links: the article's related-articles blocks and inline "Read also:" links.

Three kinds of evidence find them, on any site and in many languages:

1. a container whose class or id says related (WordPress core and plugins: Jetpack
   ``#jp-relatedposts``, YARPP ``.yarpp-related``, Contextual Related Posts ``.crp_related``, theme
   ``related-posts`` blocks; news CMSs: ``relatedContent``, ``more-on-this``, ``read-also`` ...);
2. a heading or label whose whole text says so ("Related posts", "More on this story", "Mehr zum
   Thema", "À lire aussi", "Lee también", "関連記事", ...): the smallest enclosing element with
   links is the block;
3. an inline label in the article text ("READ MORE:", "Lesen Sie auch:", "Les også:") followed
   by a link in the same paragraph.

Left out: navigation, header and footer, comments, share bars, ads and sponsored widgets
(Outbrain, Taboola), most-read / latest / trending rails (their headings do not say related),
links to other sites, tag / author / section pages, and the page itself.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.text import AttrIndex, clean_text, elements_with_attr, node_text, remembered
from newscrawl.extract.urls import drop_tracking, normalize_url

# Class/id values that name a related-articles block.
_RELATED_ATTR = re.compile(
    r"related|relacionad|correlat|relaterte|gerelateerd|verwandt|yarpp|crp_related|similar-?(?:posts|articles|news)"
    r"|read-?also|also-?read|lire-?aussi|leggi-?anche|lee-?tambien|leia-?tambem|lesen-?sie-?auch|see-?also"
    r"|more-?(?:on-?this|on-?the-?topic|topic|like-?this)|mehr-?zum-?thema|zum-?thema|you-?(?:may|might)-?(?:also-?)?like"
    r"|recirculation|further-?reading|more-?to-?read|read-?next|keep-?reading",
    re.IGNORECASE,
)
# Ads, sponsored widgets and popularity rails: never a related block, whatever else they say.
_NOT_RELATED_ATTR = re.compile(
    r"outbrain|taboola|plista|ligatus|sponsor|advert|adsense|promoted-?(?:content|posts?|stories|links)|popular"
    r"|most-?read|meistgelesen|trending"
    r"|unrelated|related-?(?:tags?|topics?|searches|keywords|videos?|products?|files?|downloads?|documents?|attachments?)"
    # TYPO3's news extension (tx_news): its related-links field links any page, mostly other sites'
    r"|news-related-links|product|(?:^|[\s_-])(?:video-?)?player",
    re.IGNORECASE,
)
_NO_BLOCK_TAGS = frozenset(
    ("a", "span", "img", "picture", "source", "h1", "h2", "h3", "h4", "h5", "h6", "p", "body", "html")
)

# A story's timeline of earlier articles.
_TIMELINE = (
    r"(?:story )?timeline|the story so far|chronolog(?:y|ie)|chronik|zeitleiste|cronolog[íi]a|【?時系列で見る】?|時系列"
)
# A heading or label that names a related block: the whole (short) text must say it.
_PHRASES = (
    # en
    r"related(?: (?:articles?|posts?|stories|story|news|content|coverage|reading|links))?|see also|further reading"
    r"|read (?:also|more|next)|also read|more (?:on|about) (?:this|th(?:e|is) (?:story|topic|subject))"
    r"|more (?:on|about) \w[\w' -]{0,40}|more (?:stories )?like this|keep reading|what to read next|related reads"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|we recommend"
    r"|recommended(?: (?:reading|stories|articles))?|similar (?:articles|stories|posts)|in (?:this|the same) series"
    rf"|{_TIMELINE}"
    # de
    r"|mehr zu(?:m|r)? \w[\w' -]{0,40}|mehr zum thema|(?:aktuelle )?(?:nachrichten|news|artikel|beiträge) zu(?:m|r)? \w[\w' -]{0,40}"
    r"|lesen sie (?:auch|mehr)|auch interessant|das könnte (?:sie|dich|dir|ihnen) auch (?:interessieren|gefallen)|weitere (?:artikel|beiträge)"
    r"|ähnliche (?:artikel|beiträge|news|nachrichten)|verwandte (?:artikel|beiträge)|(?:passend )?zum thema"
    r"|die redaktion empfiehlt|empfehlungen der redaktion|empfehlungen"
    # fr
    r"|(?:à )?lire (?:aussi|également)|(?:à )?voir aussi|sur le même (?:sujet|thème)|articles (?:liés|similaires)"
    r"|vous (?:aimerez|pourriez) aussi(?: aimer)?|dans le même dossier"
    # es, pt, it
    r"|le[ae]r? también|lea también|(?:también )?te puede interesar|le puede interesar|noticias relacionadas"
    r"|artículos relacionados|contenido relacionado|más sobre \w[\w' -]{0,40}|ver también|quizás te interese"
    r"|leia também|veja também|notícias relacionadas|artigos relacionados|você também pode gostar"
    r"|leggi anche|articoli correlati|(?:ti )?potrebbe interessarti|vedi anche"
    # nl, scandinavian, pl
    r"|lees ook|zie ook|gerelateerde? (?:artikelen|berichten|nieuws)|gerelateerd|meer over dit onderwerp|ook interessant"
    r"|les også|relaterte (?:saker|artikler)|læs også|relaterede artikler|läs också|relaterat|relaterade artiklar"
    r"|czytaj (?:także|też)|zobacz (?:także|też)|powiązane artykuły"
    # ru, uk, tr
    r"|читайте (?:также|також)|по теме|до теми|похожие новости|схожі новини|ещё по теме|більше на тему"
    r"|ilgili haberler|benzer haberler|(?:bunlar da )?ilginizi çekebilir"
    # ja, zh, ko, ar, hi
    r"|関連記事|関連ニュース|関連リンク|あわせて読みたい|合わせて読みたい|こちらもおすすめ|相关新闻|相关文章|相關新聞|延伸閱讀|延伸阅读"
    r"|관련\s?기사|مقالات ذات صلة|اقرأ أيضا|اقرأ ايضا|أخبار ذات صلة|य[हे] भी पढ़ें|संबंधित खबरें"
)
_HEADING_TEXT = re.compile(rf"^(?:{_PHRASES})\s*[:：»›>|–-]?$", re.IGNORECASE)
# The same phrases found in the page's text nodes joined by NULs: a node that starts with one.
_SHORT_TEXTS = etree.XPath("//body/descendant::text()[string-length(.) < 90][string-length(normalize-space(.)) > 2]")
_LABEL_SCAN = re.compile(rf"\x00(?:{_PHRASES}|more) ?(?:\x00|[:：»›>|–-])")  # on lower-cased text: ~5x faster
# An inline label before a link in the same paragraph ("READ MORE: <a>", "Lesen Sie auch: <a>").
_INLINE_LABEL = re.compile(rf"^(?:{_PHRASES}|more)\s*[:：»›>|–-]", re.IGNORECASE)
# Headings of rails that are not about this article, even when a phrase above matches a part.
_NOT_RELATED_TEXT = re.compile(
    r"most (?:read|popular|viewed|shared)|popular|trending|latest|top (?:stories|news)|headlines|meistgelesen"
    r"|häufig gelesen|viel gelesen|meist gelesen|schlagzeilen|neueste|aktuelles$|dernières|derniers articles|últimas"
    r"|ultime notizie|laatste|siste nytt|senaste|najnowsze|последние|son dakika|sponsored|anzeige|advert|partner|promoted|les plus lus|más leídas"
    r"|más vistas",
    re.IGNORECASE,
)
# A class/id token that names navigation and page furniture: the word leads the token ("comments",
# "site-nav", "share-bar"), so modifiers such as "has-comments" or "main--with-contextual-nav" do not count.
_EXCLUDE_TOKEN = re.compile(
    r"^(?:(?:site|main|global|page|primary|secondary|top|sub|mobile|header|footer)[-_]+)?"
    r"(?:nav|navbar|navigation|menu|mainmenu|megamenu|footer|breadcrumbs?|comments?|commentlist|comment-list|cookie"
    r"|share|sharing|social|author-?box|tag-?cloud|tags|taglist|topics)(?:$|[-_])",
    re.IGNORECASE,
)
_NON_ARTICLE_PATH = re.compile(
    r"^/(?:tags?|authors?|autor|autoren|autores|auteurs?|autori|redaktion|team|staff|profile?|users?|category|categories|kategorie|rubrik"
    r"|thema|themen|topics?|section|sections|search|suche)(?:/|$)",
    re.IGNORECASE,
)
# Account, subscription and feed pages: anywhere in the path.
_SERVICE_PATH = re.compile(
    r"/(?:login|log-in|signin|sign-in|register|registrierung|account|subscribe|subscription|abo|newsletters?|feed|rss"
    r"|wp-login\.php|page/\d+)(?:/|$)",
    re.IGNORECASE,
)
_NOT_ARTICLE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|zip)$", re.IGNORECASE)
_TEASER_ATTR = re.compile(r"teaser|excerpt|summary|desc|lead|dek|standfirst|intro|abstract|snippet", re.IGNORECASE)
_SPACES = re.compile(r"\s{2,}")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MAX_LINKS = 40
# Inline boxes that hold links but are no article teasers: buttons, pictures, galleries, embeds.
_NOT_CARD_ATTR = re.compile(
    r"btn|button|cta|picture|image|photo|gallery|slideshow|video|embed|figure|caption", re.IGNORECASE
)
_CARD_TAGS = frozenset(("div", "aside", "article", "section", "a"))


def _label_text(text: str) -> str:
    return clean_text(text).strip(" .…\u00a0")


def _attrs(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _furniture(el: HtmlElement) -> bool:
    return _furniture_attrs(_attrs(el))


@functools.lru_cache(maxsize=4096)  # asked for every ancestor of every candidate link; a site repeats its classes
def _furniture_attrs(attrs: str) -> bool:
    return any(_EXCLUDE_TOKEN.match(token) for token in attrs.split())


_not_related = remembered(_NOT_RELATED_ATTR)
_related = remembered(_RELATED_ATTR)


def _excluded(el: HtmlElement) -> bool:
    """Inside navigation, header, footer, comments, share bars, ads or a popularity rail."""
    for level, anc in enumerate((el, *el.iterancestors())):
        tag = anc.tag if isinstance(anc.tag, str) else ""
        if tag in ("body", "html"):
            return False
        # an ad or popularity wrapper sits close around its widget; page-wide classes further up
        # ("has-popular-posts", "single-product") say nothing about this block
        if level <= 3 and _not_related(_attrs(anc)):
            return True
        if anc is not el and (tag in ("nav", "footer", "header") or _furniture(anc)):
            return not _related(_attrs(el))
    return False


def _links(box: HtmlElement, skip: HtmlElement | None = None) -> list[HtmlElement]:
    return [a for a in box.iter("a") if a.get("href") and (skip is None or skip not in a.iterancestors())]


def _too_big(box: HtmlElement, n_links: int) -> bool:
    """A block that holds the article's own text (or a whole page column) is not a related block."""
    if n_links > 2 * _MAX_LINKS:
        return True
    text = _text_len(box)
    link_text = sum(_text_len(a) for a in box.iter("a"))
    return text - link_text > 400 + 400 * max(n_links, 1)


def _text_len(el: HtmlElement) -> int:
    """Length of the element's text with runs of whitespace counted once."""
    text = el.text_content()
    return len(text) - sum(len(run) - 1 for run in _SPACES.findall(text))


def _label_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Elements whose whole short text is a related heading or an inline label, in document order.

    The page's short text nodes are joined and scanned with one regular expression (one pass in C
    instead of a Python call per node); the few hits are then checked one by one.
    """
    texts = _SHORT_TEXTS(tree)
    if not texts:
        return []
    values = [" ".join(text.split()).lower() for text in texts]
    starts: list[int] = []
    at = 1
    for value in values:
        starts.append(at)
        at += len(value) + 1
    joined = "\x00" + "\x00".join(values) + "\x00"
    found: list[HtmlElement] = []
    for match in _LABEL_SCAN.finditer(joined):
        text = texts[bisect_right(starts, match.start() + 1) - 1]
        value = _label_text(str(text))
        if len(value) > 60 or not (_HEADING_TEXT.match(value) or _INLINE_LABEL.match(value + " ")):
            continue
        parent = text.getparent()
        if parent is None or not isinstance(parent.tag, str):
            continue
        if text.is_tail:  # the text after ``parent`` belongs to parent's parent
            parent = parent.getparent()
            if parent is None:
                continue
        found.append(parent)
    return found


def _block_of(el: HtmlElement) -> HtmlElement:
    block = el
    while block.tag in ("a", "b", "strong", "em", "i", "span", "u", "small", "mark") and block.getparent() is not None:
        block = block.getparent()
    return block


def _inline_links(label: HtmlElement) -> list[HtmlElement]:
    """Links that follow an inline "Read also:" label in its paragraph (the label leads the paragraph)."""
    block = _block_of(label)
    if block.tag not in ("p", "li", "div", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "section", "span"):
        return []
    full = clean_text(block.text_content())
    if not _INLINE_LABEL.match(full[:60]):
        return []
    links = _links(block)
    if not links or len(links) > 4:
        return []
    link_text = sum(len(clean_text(a.text_content())) for a in links)
    if len(full) - link_text > 60:  # a sentence with a link in it, not a label and its links
        return []
    return links


def _is_heading(el: HtmlElement) -> bool:
    return el.tag in _HEADINGS or (
        not _links(el)
        and len(clean_text(el.text_content())) < 80
        and bool(_HEADING_TEXT.match(_label_text(el.text_content())))
    )


def _heading_links(label: HtmlElement) -> tuple[HtmlElement, list[HtmlElement]] | None:
    """The links of the section a related heading leads: its following siblings up to the next heading.

    When the heading has no such siblings (it sits in a wrapper of its own), the search moves up
    one level at a time, at most four.
    """
    head = label
    while head.getparent() is not None and clean_text(head.getparent().text_content()) == clean_text(
        head.text_content()
    ):
        head = head.getparent()
    cur = head
    for _ in range(4):
        box = cur.getparent()
        if box is None or box.tag in ("body", "html"):
            return None
        anchors: list[HtmlElement] = []
        text = link_text = 0
        for sib in cur.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            if _is_heading(sib):
                break
            found = _links(sib) if sib.tag != "a" else [sib]
            if sib.tag == "p" and _text_len(sib) - sum(_text_len(a) for a in found) >= 150:
                break  # running text: the article goes on, the section ended
            anchors += found
            text += _text_len(sib)
            link_text += sum(_text_len(a) for a in found)
        if anchors:
            too_big = len(anchors) > 2 * _MAX_LINKS or text - link_text > 400 + 400 * len(anchors)
            return None if too_big else (box, anchors)
        if _first_child(box) is not cur:
            return None  # above this level the heading no longer leads its block
        cur = box
    return None


def _first_child(el: HtmlElement) -> HtmlElement | None:
    for child in el:
        if isinstance(child.tag, str):
            return child
    return None


def _leading_text(el: HtmlElement) -> str:
    for h in el.iter(*_HEADINGS):
        return clean_text(h.text_content())
    return clean_text(el.text_content())[:40]


def _containers(tree: HtmlElement, index: AttrIndex | None) -> list[tuple[HtmlElement, HtmlElement]]:
    """The page's related links, each with the block it was found in (document order not kept)."""
    found: list[tuple[HtmlElement, HtmlElement]] = []
    labelled: list[tuple[HtmlElement, HtmlElement]] = []  # links a label or their own class marks
    taken: set[HtmlElement] = set()
    for el in elements_with_attr(tree, _RELATED_ATTR, _NOT_RELATED_ATTR, index=index):
        if el.tag == "a":
            labelled.append((el, _block_of(el)))
        elif el.tag not in _NO_BLOCK_TAGS and not any(anc in taken for anc in el.iterancestors()):
            links = _links(el)
            if links and not _NOT_RELATED_TEXT.search(_leading_text(el)) and not _too_big(el, len(links)):
                found += [(a, el) for a in links]
                taken.add(el)  # its inner related-named parts add nothing
    for label in _label_elements(tree):
        if label.tag == "a" or any(anc.tag == "a" for anc in label.iterancestors()):
            continue  # a "Read more" button is a link, not a label
        inline = _inline_links(label)
        if inline:
            labelled += [(a, _block_of(a)) for a in inline]
            continue
        section = _heading_links(label)
        if section is not None and not _NOT_RELATED_TEXT.search(clean_text(label.text_content())):
            found += [(a, section[0]) for a in section[1]]
    found = [(a, box) for a, box in found if not _mid_sentence(a)] + labelled
    for card in _inline_cards(tree):
        found += [(a, card) for a in _links(card)]
    verdict: dict[HtmlElement, bool] = {}
    kept = []
    for a, box in found:
        if box not in verdict:
            verdict[box] = _excluded(box)
        if not verdict[box] and not _excluded_link(a, box):
            kept.append((a, box))
    return kept


def _inline_cards(tree: HtmlElement) -> list[HtmlElement]:
    """Teaser cards set in the article text: a box of one to four links to other articles (title,
    maybe an image and a line of teaser) among the text's paragraphs, after the first of them."""
    counts: dict[HtmlElement, int] = {}
    long: set[HtmlElement] = set()
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and _text_len(p) >= 80:
            counts[parent] = counts.get(parent, 0) + 1
            long.add(p)
    if not counts:
        return []
    body = max(counts, key=lambda el: counts[el])
    if counts[body] < 3:
        return []
    cards: list[HtmlElement] = []
    before = False
    pending: list[HtmlElement] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if child in long:  # a paragraph of 80 characters or more
            if before:
                cards += pending
            before, pending = True, []
        elif before and child.tag in _CARD_TAGS and _is_card(child):
            pending.append(child)
    return cards + pending


def _is_card(el: HtmlElement) -> bool:
    links = _links(el)
    urls = {a.get("href") for a in links}
    if not 1 <= len(urls) <= 4 or _furniture(el) or _NOT_RELATED_ATTR.search(_attrs(el)):
        return False
    if _NOT_CARD_ATTR.search(_attrs(el)):
        return False
    if not all(_article_url(a.get("href") or "") for a in links) or not any(_title_ok(_title(a, el)) for a in links):
        return False
    if _NOT_RELATED_TEXT.search(_leading_text(el)):
        return False
    text = _text_len(el) - sum(_text_len(a) for a in links)
    return text <= 150 + 250 * len(urls)


def _article_url(href: str) -> bool:
    """Not obviously a section, author, account or file link (relative or absolute)."""
    path = urlsplit(href.strip()).path
    if not path or path == "/" or _SERVICE_PATH.search(path) or _NOT_ARTICLE_FILE.search(path):
        return False
    return not (_NON_ARTICLE_PATH.match(path) and len([part for part in path.split("/") if part]) <= 2)


def _excluded_link(a: HtmlElement, box: HtmlElement) -> bool:
    """A link inside a nav/share/ad part of an otherwise related block."""
    for anc in a.iterancestors():
        if anc is box:
            return False
        if _not_related(_attrs(anc)) or _furniture(anc):
            return True
    return False


def _same_site(host: str, link_host: str) -> bool:
    if not host or not link_host or host == link_host:
        return True
    site = host.split(".", 1)[-1] if host.count(".") >= 2 else host
    return link_host == site or link_host.endswith("." + site)


def _title(a: HtmlElement, box: HtmlElement) -> str:
    heading = a.xpath(".//h2|.//h3|.//h4|.//h5|.//h6")
    title = node_text(heading[0]) if heading else node_text(a)
    if _title_ok(title):
        return title
    item = _item(a, box)
    if item is not a:
        heading = item.xpath(".//h2|.//h3|.//h4|.//h5|.//h6")
        if heading and _title_ok(node_text(heading[0])):
            return node_text(heading[0])
    return clean_text(a.get("title")) or title


def _title_ok(title: str) -> bool:
    if title.isascii():
        return len(title) >= 12 and len(title.split()) >= 3
    return len(title) >= 8 if " " not in title else len(title) >= 12 and len(title.split()) >= 2


def _same_link(href: str) -> str:
    return drop_tracking(href.strip().split("#", 1)[0])


def _mid_sentence(a: HtmlElement) -> bool:
    """A link inside running text ("... the ferry was suspended in March ..."), not a teaser's title."""
    block = _block_of(a)
    if block.tag != "p":
        return False
    full, text = block.text_content(), a.text_content()
    at = full.find(text) if text else -1
    return at > 0 and len(full[:at].strip()) > 25


def _item(a: HtmlElement, box: HtmlElement) -> HtmlElement:
    """The link's own item in the block: its largest ancestor that holds no other article link."""
    href = _same_link(a.get("href") or "")
    item = a
    for _ in range(4):
        parent = item.getparent()
        if parent is None or parent is box:
            break
        if any(_same_link(x.get("href") or "") != href for x in parent.iter("a") if x.get("href")):
            break
        item = parent
    return item


def _teaser(a: HtmlElement, box: HtmlElement, title: str) -> str | None:
    item = _item(a, box)
    for el in item.iter("p", "div", "span"):
        if el.tag != "p" and not _TEASER_ATTR.search(_attrs(el)):
            continue
        text = node_text(el)
        if text and text != title and title not in text and len(text) > 20:
            return text
    return None


def find_related(
    tree: HtmlElement, url: str, base: str | None = None, index: AttrIndex | None = None
) -> list[dict[str, Any]]:
    """The page's related-article links, in page order: ``{url, title, teaser}``."""
    base = base or url
    page = normalize_url(url) if url else ""
    host = (urlsplit(url).hostname or "").lower()
    anchors = _containers(tree, index)
    order = {el: n for n, el in enumerate(tree.iter("a"))}
    anchors.sort(key=lambda pair: order.get(pair[0], 0))
    out: list[dict[str, Any]] = []
    seen = {page}
    for a, box in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not _same_site(host, (parts.hostname or "").lower()):
            continue
        if not _article_url(parts.path):
            continue
        title = _title(a, box)
        if not _title_ok(title):
            continue
        key = normalize_url(absolute)
        if key in seen:
            continue
        seen.add(key)
        out.append({"url": drop_tracking(absolute), "title": title, "teaser": _teaser(a, box, title)})
        if len(out) >= _MAX_LINKS:
            break
    return out

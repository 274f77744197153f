"""Body text: trafilatura's main-content extraction on the shared tree, then our clean-up."""

from __future__ import annotations

import functools
import logging
import re
import warnings
from collections.abc import Iterator
from copy import copy, deepcopy
from dataclasses import dataclass
from itertools import islice
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.appstate import state_body
from newscrawl.extract.text import AttrIndex, clean_text, elements_with_attr, node_text

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# Short paragraphs that are page furniture, not article text (many languages).
_BOILER = re.compile(
    r"^(?:(?:read|see|watch|listen)\s+(?:also|more|next)|continue reading|related(?: articles?| stories)?\s*:|more on this|more from|more\s*:"
    r"|lesen sie (?:auch|mehr)|auch interessant|mehr zum thema|mehr zu|weiterlesen|das könnte sie auch interessieren"
    r"|zum thema|lire aussi|à lire aussi|lire la suite|lee también|leer más|te puede interesar|leggi anche"
    r"|les også|les mer|läs också|läs mer|læs også|læs mere|lees ook|lue myös|czytaj (?:więcej|też|także)|читайте также"
    r"|devamını oku|ilginizi çekebilir|advertisement|anzeige|werbung|sponsored|publicité|publicidad"
    r"|newsletter|sign up|subscribe|abonnieren|jetzt abonnieren|abonnez-vous|suscríbete|share (?:this|on)|teilen"
    r"|follow (?:us|\S+ on)|folgen sie|click here|hier klicken|got a story|for more stories|join (?:our|the) (?:comment|conversation)"
    r"|(?:this|the) (?:article|story) (?:was|is|has been) |this is a breaking|dieser artikel|mit agenturmaterial"
    r"|copyright|©|\(c\)|all rights reserved|alle rechte vorbehalten|foto:|photo:|bild:|image:|credit:|getty images"
    r"|quelle:|quellen:|source:|sources:|ein klick für den datenschutz|il vous reste|la suite est réservée"
    r"|comments?\b|kommentare?\b|stand:|published:|updated:|aktualisiert:|von [A-ZÄÖÜ]\S+ [A-ZÄÖÜ]\S+$|by [A-Z]\S+ [A-Z]\S+$"
    r"|also (?:read|see|watch)|siehe auch|voir aussi|lea también|vea también|(?:>>|→|▶|►)"
    r"|lesedauer|lesezeit|reading time|temps de lecture|tiempo de lectura|tempo di lettura|\d+\s*min(?:ute)?s?\.? read\b"
    r"|sendung:|(?:haben sie einen )?fehler gefunden|(?:wie )?hat ihnen (?:dieser|der) (?:artikel|beitrag) gefallen"
    r"|did you (?:like|enjoy) this|was this (?:article|story) helpful|durchschnittliche bewertung|average rating"
    r"|ihre meinung ist uns wichtig|get in touch with|empfohlener redaktioneller inhalt|externer inhalt)",
    re.IGNORECASE,
)
# A label after which only tags, sources or sharing follow.
_END = re.compile(
    r"^(?:tags?|schlagw(?:ö|oe)rter|themen|mots-cl[ée]s|etiketler|etiquetas|temas|emner|ämnen|tagi|keywords)\s*:?\s*$",
    re.IGNORECASE,
)
# Boilerplate that runs longer than a short line: newsroom contact and follow-us promos, comment-form
# notices, video-player fallbacks, media availability ("Verfügbar bis ..."), "| 0:21 min" video teasers,
# embed-consent notices, contribution credits, affiliate disclosures, "Pictured ..." captions, and an
# upper-case prompt before a teaser title ("ALSO READ | ...").
_BOILER_LONG = re.compile(
    r"^(?:got a story|for more stories like this|follow \S+ on (?:twitter|facebook|instagram|x)\b"
    r"|join thought-provoking conversations|you must confirm your public display name|please log ?out and then log ?in"
    r"|to view this video please enable javascript|up next$|supports html5|\d+ wochen kostenlos testen)"
    r"|verfügbar bis \d|\|\s*\d{1,2}:\d{2}\s*min\.?$"
    r"|^(?:an dieser stelle finden sie (?:einen|ein|eine) |ich bin damit einverstanden, dass mir (?:der |ein )?externe)"
    r"|contributed (?:to )?this report\.?$|^[-–—]?\s*additional reporting\b|may earn (?:us )?(?:an? )?(?:affiliate )?commission"
    r"|^pictured\b|^(?-i:[A-Z][A-Z ]{2,40}[A-Z]) \| (?=.{10,160}$)",
    re.IGNORECASE,
)
# video.js's fallback text, which articleBody copies line by line
_VIDEO_FALLBACK = re.compile(
    r"to view this video please enable javascript,?\s+and\s+consider\s+upgrading\s+to\s+a\s+web\s+browser\s+that"
    r"\s+supports\s+html5\s+video",
    re.IGNORECASE,
)
# A caption that ends in its picture credit: "... (Picture: PA)", "... (Foto: dpa)".
_CREDIT_END = re.compile(r"\((?:pictures?|photos?|images?|fotos?|bild|credit)\s*:[^()]{1,80}\)$", re.IGNORECASE)
# A credit to a news or picture agency that ends a caption or stands alone: "... | Anna Muster/dpa",
# "(Quelle: APA/dpa)", "(Source: Reuters)".
_AGENCY = r"(?:dpa|afp|ap|apa|sda|kna|epd|reuters|ansa|efe|epa|keystone|imago|getty images|picture alliance|xinhua)"
_AGENCY_CREDIT = re.compile(
    rf"\|\s*[^|]{{0,60}}/\s*{_AGENCY}$|^\((?:quelle|source|fuente|fonte)\s*:[^()]{{0,60}}\b{_AGENCY}\)$", re.IGNORECASE
)


def _agency_credit(p: str) -> bool:
    return len(p) < 400 and _AGENCY_CREDIT.search(p) is not None


# A heading after which only teasers for other articles follow ("Popular", "Ähnliche:").
_TEASER_LABEL = re.compile(
    r"^(?:(?:most )?popular|trending(?: now)?|most read|meistgelesen|ähnliche(?: artikel| themen)?|related(?: articles| stories)?"
    r"|more (?:stories|news)|weitere artikel|mehr artikel|también te puede interesar|à lire aussi)\s*:?$",
    re.IGNORECASE,
)
_CAPTION_TAGS = ("figcaption",)
# Subscription, log-in and browser prompts, found anywhere in a short paragraph: a paywall or a
# membership pitch says "subscribe now" in the middle of a sentence about the site's journalism.
_PROMO = re.compile(
    r"subscribe (?:now|today)|log ?in or (?:create|register)|create (?:a free|an) account to continue"
    r"|already (?:a subscriber|have an account)|(?:support|invest in) (?:our |independent |quality )?journalism"
    r"|using a browser version|(?:outdated|unsupported|older) (?:web )?browser|update your browser"
    r"|abonnieren für|bereits abonnent|testen sie (?:\S+ ){0,4}(?:wochen|tage|monate)|\d+ (?:wochen|tage) kostenlos"
    r"|déjà abonné|abonnez-vous|ya eres suscriptor|suscríbete|sei già abbonato|abbonati (?:ora|subito)"
    r"|(?:straight|delivered|direct(?:ly)?) to your inbox|in your inbox every|direkt in ihr (?:e-mail-)?postfach|dans votre boîte (?:mail|de réception)"
    r"|有料会員|会員登録|無料会員",
)
# A word each of _PROMO's phrases contains: most paragraphs have none, and `in` is much cheaper than the search.
_PROMO_KEYS = (
    "subscri", "log", "account", "already", "journalism", "browser", "abonn", "testen sie", "kostenlos", "suscr",
    "abbona", "inbox", "postfach", "boîte", "会員",
)  # fmt: skip


def _paragraphs(body: HtmlElement) -> tuple[list[str], list[str]]:
    """The text blocks of trafilatura's output and the kind of each: head, p, item (of a list), row, ..."""
    out: list[str] = []
    kinds: list[str] = []
    for child in body:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            for item in child.iter("item"):
                text = clean_text("".join(item.itertext()))
                if text:
                    out.append(text)
                    kinds.append("item")
            continue
        if tag == "table":
            for row in child.iter("row"):
                cells = [clean_text("".join(c.itertext())) for c in row.iter("cell")]
                text = " ".join(c for c in cells if c)
                if text:
                    out.append(text)
                    kinds.append("row")
            continue
        if tag == "graphic":
            continue
        for text in _blank_line_split(child):
            out.append(text)
            kinds.append(tag)
    return out, kinds


_BREAK = "\ue000"  # a private-use character: lxml refuses control characters
_BLANK_LINE = re.compile(f"{_BREAK}\\s*(?:{_BREAK}\\s*)+")


def _blank_line_split(block: HtmlElement) -> list[str]:
    """A block's text, cut into paragraphs where it has a blank line (two or more line breaks, trafilatura's
    ``<lb/>`` from ``<br>``): text typed with <br><br> between paragraphs (Blogger's older posts, old CMSes);
    a single break joins the lines as before (a space there lowered fundus-dev body F1 on two pages)."""
    for lb in block.iter("lb"):
        lb.tail = _BREAK + (lb.tail or "")
    text = "".join(block.itertext())
    parts = _BLANK_LINE.split(text) if _BREAK in text else [text]
    return [t for t in (clean_text(p.replace(_BREAK, "")) for p in parts) if t]


# Containers inside the article that are not its running text: fact boxes, info boxes, "most read"
# lists, newsletter sign-ups, author bios, disclaimers, text clamped to a few lines by CSS (a
# teaser's preview), and pull quotes (a line of the text, or of someone quoted in it, set large beside
# it with the speaker's name). A paragraph found whole inside one of them is dropped.
_BOX_ATTR = re.compile(
    r"fact-?box|info-?box|fakten-?box|key-?facts|fact-?sheet|most-?read|newsletter"
    r"|author[-_]*bio|about[-_]*(?:the[-_]*)?author|disclaimer|line-clamp|pull-?quote|quote-?box|zitat",
    re.IGNORECASE,
)


# A call to action ("Become a member ...", Ghost's kg-cta-card): a box only while short, as a call to
# action is (a floated "cta" block that swallowed the article's next paragraphs was 5,000 characters).
_CTA_ATTR = re.compile(r"(?<![a-z])cta(?![a-z])", re.IGNORECASE)
_CTA_MAX = 600


def _box_texts(tree: HtmlElement, index: AttrIndex | None) -> list[str]:
    out = []
    for el in elements_with_attr(tree, _BOX_ATTR, index=index):
        if el.tag in ("body", "html", "main", "article"):
            continue
        text = node_text(el)
        if text:
            out.append(text)
    for el in elements_with_attr(tree, _CTA_ATTR, index=index):
        text = node_text(el)
        if text and len(text) <= _CTA_MAX and el.tag not in ("body", "html", "main", "article"):
            out.append(text)
    return out


_CAPTION_ATTR = re.compile("caption|credit|bildunterschrift|image-?desc|legende?", re.IGNORECASE)


def _captions(tree: HtmlElement, index: AttrIndex | None = None) -> set[str]:
    caps: set[str] = set()
    for el in tree.iter(*_CAPTION_TAGS):
        t = node_text(el)
        if t:
            caps.add(t)
    for el in elements_with_attr(tree, _CAPTION_ATTR, index=index):
        if el.tag == "body":
            continue
        t = node_text(el)
        if t and len(t) < 600:
            caps.add(t)
    return caps


_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"\w")


def _promo(p: str) -> bool:
    """A subscription, log-in or browser-support prompt."""
    if len(p) >= 400:
        return False
    low = p.lower()  # and a case-sensitive search: ~5x faster than IGNORECASE
    return any(k in low for k in _PROMO_KEYS) and _PROMO.search(low) is not None


def _furniture(p: str) -> bool:
    """Longer boilerplate, a caption ending in its picture credit, a lone separator."""
    if len(p) < 400 and (_BOILER_LONG.search(p) or _CREDIT_END.search(p)):
        return True
    return not _WORD.search(p)


_DATE_PART = re.compile(r"\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2})\b")


def _date_line(p: str) -> bool:
    """A line that is only a date or time ("17:41 JST, October 13, 2024", "Updated: 10.11.2025 17:59")."""
    if len(p) > 50 or not _DATE_PART.search(p):
        return False
    words = _TOKEN.findall(p)
    return sum(not w.isdigit() for w in words) <= 3


def _teaser_title(p: str) -> bool:
    """A teaser card's title read twice (image alt + link text): "Some Title Some Title"."""
    half = len(p) // 2
    return len(p) >= 20 and len(p) % 2 == 1 and p[:half] == p[half + 1 :] and p[half] == " "


def _covered(part: str, whole: str, n: int = 1) -> float:
    """Share of the token n-grams of ``part`` that occur in ``whole``."""
    tokens, other = _TOKEN.findall(part), _TOKEN.findall(whole)
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))] if tokens else []
    if not grams:
        return 1.0
    have = {tuple(other[i : i + n]) for i in range(max(1, len(other) - n + 1))}
    return sum(g in have for g in grams) / len(grams)


def _title_words(tree: HtmlElement, headings: set[str]) -> set[str]:
    """Lower-cased words of the page's titles: headline and h1 (``headings``), og:title, twitter:title, <title>."""
    titles = list(headings)
    head = tree.find("head")
    if head is not None:
        titles.append(head.findtext("title") or "")
        titles += head.xpath("meta[@property='og:title' or @name='twitter:title']/@content")
    return {w.lower() for t in titles for w in _TOKEN.findall(t)}


def _title_like(p: str, title_words: set[str]) -> bool:
    """A heading made mostly of the title's words: the headline again, with a kicker or the site's name."""
    words = _TOKEN.findall(p.lower())
    return len(words) >= 3 and sum(w in title_words for w in words) >= 0.6 * len(words)


def _credit_line(p: str, at_end: bool, names: list[list[str]]) -> bool:
    """A byline or an author's bio line left in the text: a short line that is mostly a credited
    author's name ("Von Anna Muster, Berlin"), or, at the end, a line that opens with one
    ("Anna Muster ist Korrespondentin ...")."""
    if len(p) >= (500 if at_end else 100):
        return False
    words = _TOKEN.findall(p.lower())
    for name in names:
        n = len(name)
        at = next((i for i in range(len(words) - n + 1) if words[i : i + n] == name), None)
        if at is None:
            continue
        if len(words) - n <= 3 or (at_end and at <= 3):
            return True
    return False


# Class names of a standfirst (the lead paragraph between headline and text) across CMSs and languages.
_LEAD_ATTR = re.compile(
    r"(?:^|[\s_-])(?:standfirst|excerpt|sub-?headline|subhead|epigraph|synopsis|intro|lead|dek|summary|chapo|abstract"
    r"|entradilla|sottotitolo|vorspann)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Elements with such a class that are not a standfirst: bylines ("font--subhead author-text"), captions, notices.
_NOT_LEAD_ATTR = re.compile(r"aside|alert|cookie|consent|author|byline|date|caption", re.IGNORECASE)
_NOT_LEAD_TAGS = frozenset(("span", "a", "li", "figure", "figcaption", "img", "button", "label"))


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``el`` (not inside it) in document order, lazily: XPath's following:: axis builds them all."""
    node: HtmlElement | None = el
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter("*")
        node = node.getparent()


def _lead_after_h1(h1: HtmlElement, first: str) -> str | None:
    """The standfirst shown right after the page's first h1, found by its class name, above the
    body's ``first`` paragraph (an "excerpt" further down is a teaser of another article)."""
    with_class = (el for el in _following(h1) if el.get("class") or el.tag == "p")
    for el in islice(with_class, 80):
        if el.tag == "p" and node_text(el) == first:
            return None
        cls = el.get("class") or ""
        if el.tag in _NOT_LEAD_TAGS or not _LEAD_ATTR.search(cls) or _NOT_LEAD_ATTR.search(cls):
            continue
        if any(_LEAD_ATTR.search(d.get("class") or "") for d in el.iterdescendants("*")):
            continue  # a wrapper: the standfirst is the inner element, without the byline or date beside it
        text = node_text(el)
        links = sum(len(node_text(a)) for a in el.iter("a"))
        if 40 <= len(text) <= 600 and links < 0.3 * len(text):
            return text
    return None


def _shown_lead(tree: HtmlElement, description: str) -> str | None:
    """The description as the page shows it (a standfirst), or None if it is only in the meta tags."""
    snippet = description[:40]
    if len(snippet) < 20:
        return None
    for text_node in tree.xpath("//body/descendant::text()[contains(., $snippet)]", snippet=snippet):
        el = text_node.getparent()
        if el is None or el.tag in ("script", "style", "noscript", "template", "title", "textarea"):
            continue
        for _ in range(3):
            text = node_text(el)
            if len(text) >= 0.9 * len(description):
                return text if len(text) <= 1.3 * len(description) + 20 else None
            parent = el.getparent()
            if parent is None:
                break
            el = parent
    return None


# Subtrees trafilatura discards anyway (tree_cleaning) or that are never article text. Dropping them
# from our copy before the call makes each of trafilatura's own copies and XPath passes cheaper:
# -2.5 ms of ~18 ms per page, body F1 unchanged on fundus-dev. <form> (ASP.NET pages wrap the whole
# page in one) and <aside> (some sites put the standfirst there) cost recall and are kept.
_PRUNE_TAGS = (
    "style",
    "noscript",
    "svg",
    "template",
    "iframe",
    "nav",
    "menu",
    "footer",
    "button",
    "select",
    "textarea",
)


@functools.cache
def _share_justext_stoplist() -> None:
    """Let trafilatura's justext fallback hold its all-languages stoplist once, not twice.

    On a page of unknown language the fallback scores paragraphs against every language's stopwords
    (~154,000 words, already lower-case), and justext lower-cases that list again into a set of new
    strings on first use: ~13 MB more in each process that extracts, each extraction worker included.
    The set built here holds the same strings and equals justext's own (tests/test_extract_helpers.py)."""
    from justext import core
    from trafilatura import external

    words = external.JT_STOPLIST or external.jt_stoplist_init()
    shared = frozenset(words)
    lower_cased = core.define_stoplist

    def define_stoplist(stoplist: tuple[str, ...]) -> frozenset[str]:
        return shared if stoplist is words else lower_cased(stoplist)

    core.define_stoplist = define_stoplist


_IN_EXTRACT_BODY = [False]


@functools.cache
def _spare_losing_readability() -> None:
    """Let trafilatura skip its readability comparison where readability's text could not be taken.

    trafilatura (2.x) runs readability on every page and takes its text only when it is more than
    twice as long as its own, or when its own text is empty or has no paragraphs (or more tables
    than paragraphs). Readability's text is drawn from the tree it reads, so where trafilatura's
    own text is at least half of that tree's shown text it cannot win: readability then answers
    empty, as when it fails, and the comparison goes on as before (jusText's rescue included).
    The output is the same; readability was ~17% of a fundus-dev page's extraction
    (docs/extraction.md, CPU). Only while ``extract_body`` calls trafilatura: anyone else's call
    in the process runs trafilatura as shipped (``benchmarks.extraction`` times it so). Left alone
    if trafilatura's comparison is not the one this reads."""
    import inspect

    from trafilatura import core, external

    compare, readability = getattr(core, "compare_extraction", None), getattr(external, "try_readability", None)
    if compare is None or readability is None:
        return
    if list(inspect.signature(compare).parameters) != ["cleaned_tree", "raw_tree", "body", "text", "options"]:
        return
    spare = [False]

    def try_readability(htmlinput: HtmlElement) -> HtmlElement:
        return HtmlElement() if spare[0] else readability(htmlinput)

    def compare_extraction(cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any) -> Any:
        spare[0] = _IN_EXTRACT_BODY[0] and _readability_loses(raw_tree, body, text, options)
        try:
            return compare(cleaned_tree, raw_tree, body, text, options)
        finally:
            spare[0] = False

    external.try_readability = try_readability
    core.compare_extraction = compare_extraction


def _readability_loses(tree: Any, body: Any, text: str, options: Any) -> bool:
    """Whether trafilatura keeps ``text`` (from ``body``) whatever readability makes of ``tree``."""
    if not text or getattr(options, "focus", None) != "balanced":
        return False
    if not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    # an upper bound of the length of readability's text (whitespace runs as one space, as trafilatura
    # counts): the tree's text without its scripts' and styles' (readability drops them; removing a
    # piece of text shortens the count by its own count, less at most one space)
    bound = len(" ".join(etree.tostring(tree, method="text", encoding="unicode").split()))
    for el in tree.iter("script", "style"):
        if el.text:
            bound -= len(" ".join(el.text.split())) - 1
    return 2 * len(text) >= bound


# an attribute test only: a string test on every element cost 0.8 ms
_ITEMPROP = etree.XPath("/descendant::*[@itemprop]")


def _marked_text(tree: HtmlElement) -> str | None:
    """The text of the one element microdata marks as the articleBody (Blogger's post-body), if long."""
    marked = [el for el in _ITEMPROP(tree) if "articleBody" in (el.get("itemprop") or "").split()]
    if len(marked) != 1:
        return None
    text = node_text(marked[0])
    return text if len(text) >= 400 else None


# A footnote's reference mark: a number, a bracketed number or a dagger, linked to a place on the page.
_NOTE_MARK = re.compile(r"^\s*(?:\[?\d{1,3}\]?|[*†‡§]{1,3})\s*$")
_NOTE_ATTR = re.compile(r"foot|fn|note|ref|cite", re.IGNORECASE)
_NOTE_LINKS = etree.XPath("//a[starts-with(normalize-space(@href), '#')]")


def _drop_note_marks(root: HtmlElement) -> None:
    """Footnote marks out of the text, theirs and their notes' (``text.<sup><a href="#fn1">1</a></sup>``
    reads "text.1" otherwise): links to an anchor on the page whose text is only a mark, in a ``<sup>``
    or named as a note (a newsletter platform's ``a.footnote-anchor``, WordPress' ``sup.fn``, Markdown's
    ``a.footnote-ref``, a wiki's ``sup.reference``). The notes' own text stays."""
    for a in _NOTE_LINKS(root):
        if not _NOTE_MARK.match(a.text_content()):
            continue
        parent = a.getparent()
        in_sup = parent is not None and parent.tag == "sup" and not (parent.text or "").strip()
        named = _NOTE_ATTR.search(" ".join((a.get("class") or "", a.get("id") or "", a.get("href") or "")))
        mark = parent if in_sup and parent is not None and len(parent) == 1 else a
        if (in_sup or named) and not _text_before(mark).endswith(("(", "[")):  # "(1)" as written stays
            mark.drop_tree()


def _text_before(el: HtmlElement) -> str:
    prev = el.getprevious()
    parent = el.getparent()
    text = prev.tail if prev is not None else parent.text if parent is not None else None
    return (text or "").rstrip()


def _pruned_copy(tree: HtmlElement) -> HtmlElement:
    """A copy of the page without scripts (JSON-LD kept), styles, navigation and other furniture,
    and without footnote marks."""
    root = deepcopy(tree)
    kept = [s for s in root.iter("script") if "ld+json" in (s.get("type") or "")]
    for script in kept:
        script.tag = "ldjson"
    etree.strip_elements(root, "script", *_PRUNE_TAGS, with_tail=False)
    for script in kept:
        script.tag = "script"
    _drop_note_marks(root)
    return root


_EXTRACTOR: list[Any] = []


def _options(url: str | None) -> Any:
    """The options ``bare_extraction`` builds from our arguments (no metadata, no comments, tables,
    no images, no dedup) for ``url``: a copy of one built once, as trafilatura's own recall retry
    copies them. Building them reads trafilatura's config (~0.15 ms a page)."""
    from trafilatura.settings import Extractor

    if not _EXTRACTOR:
        _EXTRACTOR.append(Extractor(output_format="python", comments=False, tables=True, images=False, dedup=False))
    options = copy(_EXTRACTOR[0])
    # what Extractor(url=url) sets; nothing else it holds depends on the URL (the date search's
    # upper bound, fixed at the first page, serves metadata extraction, which is off)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


@dataclass
class _Page:
    """What the clean-up knows about the page besides the paragraphs."""

    caps: set[str]
    boxes: list[str]
    tight_boxes: str  # the boxes without spaces: trafilatura joins a box's blocks without one ("...quote.Name")
    headings: set[str]
    title_words: set[str]
    authors: list[str] | None


def _clean(paragraphs: list[str], kinds: list[str], page: _Page) -> tuple[list[str], int]:
    """The paragraphs that are article text, and how many characters were left out as box text."""
    kept: list[str] = []
    boxed = 0  # characters left out because they stand in a box: not text we missed
    dek = False
    for i, p in enumerate(paragraphs):
        after_teaser, dek = dek, False
        if p in page.headings or p in page.caps:
            continue
        if kinds[i] == "head" and not kept and _title_like(p, page.title_words):
            continue
        if _teaser_title(p):
            dek = True  # the teaser's short description follows
            continue
        if after_teaser and len(p) < 300:
            continue
        if page.boxes and (
            any(p in b for b in page.boxes) or (len(p) >= 40 and p.replace(" ", "") in page.tight_boxes)
        ):
            boxed += len(p)
            continue
        if _END.match(p) and all(len(q) < 80 for q in paragraphs[i + 1 :]):
            break
        if _TEASER_LABEL.match(p):
            rest = paragraphs[i + 1 :]
            if len(rest) <= 10 and all(len(q) < 300 for q in rest):
                break
            continue
        if len(p) < 160 and _BOILER.match(p):
            continue
        if _promo(p) or _agency_credit(p):
            continue
        if _furniture(p) or (kinds[i] not in ("row", "item", "head") and _date_line(p)):
            continue
        kept.append(p)
    while kept and kept[-1].endswith(":") and len(kept[-1]) < 150:
        kept.pop()  # it introduced an embed or a link list that is not part of the text
    names = [words for a in page.authors or () if len(words := _TOKEN.findall(a.lower())) >= 2]
    if names and len(kept) > 3:
        ends = [(i, i >= len(kept) - 2) for i in (0, 1, len(kept) - 2, len(kept) - 1)]
        drop = {i for i, at_end in ends if _credit_line(kept[i], at_end, names)}
        kept = [p for i, p in enumerate(kept) if i not in drop]
    return kept, boxed


def _from_state(tree: HtmlElement, kept: list[str], boxed: int, page: _Page) -> list[str] | None:
    """The article's paragraphs from a client-rendered app's embedded state when the markup shows only
    part of them (the rest is rendered in the browser): the state's text must hold what the markup
    shows and be clearly longer once cleaned like the markup's."""
    state = state_body(tree, kept) if kept else None
    if not state:
        return None
    found, _ = _clean(state, ["p"] * len(state), page)
    shown, whole = "\n\n".join(kept), "\n\n".join(found)
    if len(shown) + boxed < 0.8 * len(whole) and _covered(shown, whole) > 0.9:
        return found
    return None


def extract_body(
    tree: HtmlElement,
    url: str = "",
    headline: str | None = None,
    description: str | None = None,
    article_body: str | None = None,
    index: AttrIndex | None = None,
    author_boxes: list[str] | None = None,
    authors: list[str] | None = None,
) -> str:
    """Article text, paragraphs separated by a blank line; "" when nothing article-like is found.

    ``author_boxes`` are the author bios the page shows (``find_author_details``): kept out like boxes;
    ``authors`` the credited names, whose byline or bio lines at either end of the text are dropped."""
    from trafilatura import bare_extraction

    _share_justext_stoplist()
    _spare_losing_readability()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _IN_EXTRACT_BODY[0] = True
        try:
            doc = bare_extraction(_pruned_copy(tree), url=url or None, options=_options(url or None))
        finally:
            _IN_EXTRACT_BODY[0] = False
    body = getattr(doc, "body", None)
    if body is None:
        return ""
    paragraphs, kinds = _paragraphs(body)
    caps = _captions(tree, index)
    boxes = _box_texts(tree, index) + (author_boxes or [])
    h1s = list(tree.iter("h1"))
    headings = {node_text(h) for h in h1s}
    if headline:
        headings.add(clean_text(headline))
    page = _Page(caps, boxes, "\n".join(boxes).replace(" ", ""), headings, _title_words(tree, headings), authors)
    kept, boxed = _clean(paragraphs, kinds, page)
    marked = _marked_text(tree)
    if marked and any(p in marked for p in kept):
        # trafilatura sometimes appends text from around the article (a blog's tagline, a date header, a
        # labels line); the text the page marks as its articleBody says where the article ends
        while kept and kept[-1] not in marked:
            kept.pop()
        while kept and kept[-1].endswith(":") and len(kept[-1]) < 150:
            kept.pop()
    state = _from_state(tree, kept, boxed, page)
    if state:
        kept, boxed = state, 0
    text = "\n\n".join(kept)
    if (
        article_body
        and len(article_body) >= 400
        and len(text) + boxed < 0.6 * len(article_body)
        and _covered(text, article_body) > 0.8
    ):
        # the publisher's own articleBody holds what we found and much more: we missed part of the article
        article_body = _VIDEO_FALLBACK.sub("\n", article_body)
        parts = [clean_text(p) for p in re.split(r"\n\s*\n|\n", article_body)]
        return "\n\n".join(
            p for p in parts if p and p not in caps and not _furniture(p) and not any(p in b for b in boxes)
        )
    lead = None
    if description and kept and _covered(description, "\n".join(kept[:3]), 2) < 0.5:
        lead = _shown_lead(tree, clean_text(description))
    if lead is None and kept and h1s:
        lead = _lead_after_h1(h1s[0], kept[0])
        if lead and (_covered(lead, "\n".join(kept[:3]), 2) >= 0.5 or any(lead in b for b in boxes)):
            lead = None
    if lead and lead not in caps:
        text = lead + "\n\n" + text
    return text

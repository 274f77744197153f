"""The extraction helpers other modules rely on: dates, bylines, text, URLs, encoding."""

from __future__ import annotations

import re

import pytest

from newscrawl.extract.bylines import split_authors
from newscrawl.extract.dates import plausible, to_iso
from newscrawl.extract.encoding import decode_html
from newscrawl.extract.text import clean_text, join_paragraphs, word_count
from newscrawl.extract.urls import normalize_url


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By A. Smith, B. Jones and C. Brown (Reuters)", ["A. Smith", "B. Jones", "C. Brown", "Reuters"]),
        ("Von Max Mustermann und Erika Musterfrau", ["Max Mustermann", "Erika Musterfrau"]),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Por María López y Juan Pérez", ["María López", "Juan Pérez"]),
        ("Jane Doe, Science Editor", ["Jane Doe"]),
        ("Korrespondentin Anna Schmidt", ["Anna Schmidt"]),
        ("Jane Doe | Staff writer", ["Jane Doe"]),
        ("Jane Doe in Berlin", ["Jane Doe"]),
        ("Text: Hans Meier / dpa", ["Hans Meier", "dpa"]),
        ("By Jane Doe Updated 12:30 PM EDT, May 3, 2024", ["Jane Doe"]),
        ("By Jane Doe, jane.doe@example.org", ["Jane Doe"]),
        ("By TPN, in News, Business", ["TPN"]),
        ("dpa", ["dpa"]),
        # a job word as the surname of a two-word name is a name, not a role
        ("By Ada Writer", ["Ada Writer"]),
        ("By Ada Writer and Tom Host", ["Ada Writer", "Tom Host"]),
        ("By Jane Doe Staff Writer", ["Jane Doe"]),
        ("Jane Doe, Harbour Correspondent", ["Jane Doe"]),
        ("Jane Doe | Garden Writer", ["Jane Doe"]),
        ("Jane Doe, Senior Writer at The Example Times", ["Jane Doe"]),
        ("Jane Doe Senior Writer at The Example Times", ["Jane Doe"]),
        ("Anna Muster, Redakteurin bei Der Beispielbote", ["Anna Muster"]),
        ("Staff Writer", []),
        # the outlet a name wrote for is not an author; an agency is
        ("By Jane Roe And John Doe For The Sunday Example", ["Jane Roe", "John Doe"]),
        ("By Jane Doe for AFP", ["Jane Doe", "AFP"]),
        # Iberian surnames joined by "e"/"y" are one person
        ("Mateus Silva e Costa", ["Mateus Silva e Costa"]),
        ("Por Lucía Ortega y Vidal, Ana Pérez y EFE", ["Lucía Ortega y Vidal", "Ana Pérez", "EFE"]),
        ("Propos recueillis par Anne Dupont", ["Anne Dupont"]),
        # an agency after the names with no separator (a syndicated byline's lost line break)
        ("By Jane Roe and John Doe Reuters", ["Jane Roe", "John Doe", "Reuters"]),
        ("By JANE DOE AP Entertainment Writer", ["JANE DOE", "AP"]),
        ("By Jane Doe The Associated Press", ["Jane Doe", "The Associated Press"]),
        ("By Mei Li Ani", ["Mei Li Ani"]),
        # not names: a link, a lower-case phrase after "von", a label left alone
        ("Von „https://wiki.example.org/index.php?title=Treffen&oldid=12“", []),
        ("Example Radio (www.radio.example)", ["Example Radio"]),
        ("von hier aus gesehen", []),
        ("von kinra", ["kinra"]),
        # blog and CMS phrasings: "Posted by", the date before the name, other languages
        ("Posted by Jane Doe", ["Jane Doe"]),
        ("Posted on May 3, 2024 by Jane Doe", ["Jane Doe"]),
        ("Veröffentlicht am 8. Februar 2022 von Anna Muster", ["Anna Muster"]),
        ("Geschrieben von Anna Muster", ["Anna Muster"]),
        ("Publié par Jean Dupont", ["Jean Dupont"]),
        ("Escrito por María López", ["María López"]),
        ("Scritto da Marco Rossi", ["Marco Rossi"]),
        ("Da Silva Pereira", ["Da Silva Pereira"]),
        ("By Jane Doe, May 3, 2024 by the desk", ["Jane Doe"]),
        ("Zuletzt geändert am: 03.05.2024", []),
        ("", []),
        (None, []),
    ],
)
def test_split_authors(byline: str | None, names: list[str]) -> None:
    assert split_authors(byline) == names


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-05-03", "2024-05-03"),
        ("2024-05-03T18:19:08.721+0200", "2024-05-03T18:19:08+02:00"),
        ("2024-05-03T18:19:08Z", "2024-05-03T18:19:08+00:00"),
        ("Tue, 4 May 2021 19:18:00 +0200", "2021-05-04T19:18:00+02:00"),
        ("03.05.2024, 18:19 Uhr", "2024-05-03T18:19:00"),
        ("23.06.2016", "2016-06-23"),
        ("2016.06.23", "2016-06-23"),
        ("23.06.2016 um 16.14 Uhr", "2016-06-23T16:14:00"),
        ("3. Mai 2024", "2024-05-03"),
        ("le 3 mars 2024 à 14h05", "2024-03-03T14:05:00"),
        ("May 3, 2024 6:19 PM EDT", "2024-05-03T18:19:00-04:00"),
        ("05/03/2024", "2024-05-03"),
        ("01-11-2023 10:29", "2023-11-01T10:29:00"),
        ("2024年5月3日", "2024-05-03"),
        ("3 марта 2021", "2021-03-03"),
        ("Published: 12 March 2023", "2023-03-12"),
        ("February 1, 2026 12:39 AM", "2026-02-01T00:39:00"),
        ("February 1, 2026 12:39 PM", "2026-02-01T12:39:00"),
        ("Feb. 1, 2026, 12:05 a.m. ET", "2026-02-01T00:05:00-05:00"),
        ("am 3. Mai 2024 um 9:30 Uhr", "2024-05-03T09:30:00"),
        ("03.05.2024 am 14:00", "2024-05-03T14:00:00"),
        ("no date here", None),
        ("", None),
        (None, None),
    ],
)
def test_to_iso(text: str | None, iso: str | None) -> None:
    assert to_iso(text) == iso


def test_plausible() -> None:
    assert plausible("2024-05-03")
    assert plausible("2024-05-03T10:00:00+02:00")
    assert not plausible("1994-12-31")
    assert not plausible("2999-01-01")
    assert not plausible(None)


def test_decode_html() -> None:
    assert decode_html("já") == "já"
    assert decode_html(None) == ""
    assert decode_html("<meta charset='utf-8'>já".encode()) == "<meta charset='utf-8'>já"
    assert decode_html("<meta charset='windows-1252'>caf\u00e9".encode("cp1252")).endswith("café")
    assert decode_html(b"\xff\xfe" + "hi ü".encode("utf-16-le")) == "hi ü"


def test_text_helpers() -> None:
    assert clean_text("  a&amp;b \n c\u00ad ") == "a&b c"
    assert join_paragraphs([" one ", "", "two"]) == "one\n\ntwo"
    assert word_count("one two  three") == 3
    assert word_count(None) == 0


def test_clean_text_collapses_what_a_regex_whitespace_class_matches() -> None:
    # clean_text splits on str.split()'s whitespace; it must be exactly the set re's \s matches
    spaces = "".join(chr(c) for c in range(0x3001) if re.fullmatch(r"\s", chr(c)))
    assert spaces == "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    assert clean_text(f"{spaces}a{spaces}b{spaces}") == "a b"
    assert clean_text("x\x1c\x85\u3000y &amp;amp; &#32;z") == "x y &amp; z"


def test_normalize_url() -> None:
    assert normalize_url("https://Example.org/a?utm_source=x&b=2&a=1#top") == "https://example.org/a?a=1&b=2"


def test_the_worker_parses_a_page_into_the_tree_parsel_builds_with_plain_html_elements():
    from lxml import etree
    from lxml.html import HtmlComment, HtmlElement
    from parsel import Selector
    from parsel.selector import create_root_node

    from newscrawl.extract import HTMLParser, parse_html

    page = (
        "  <html><head><title>T</title></head><body><!-- note --><form action='/s'><input name='q'>"
        "<select><option>a</option></select><label>L</label></form><h1>Title &amp; more</h1>"
        "<p>Text\x00 here.</p></body></html>\n"
    )
    ours = create_root_node(page, HTMLParser)
    theirs = Selector(text=page, type="html").root
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert all(type(el) is HtmlElement for el in ours.iter(etree.Element))
    assert any(isinstance(el, HtmlComment) for el in ours.iter(etree.Comment))
    assert ours.find(".//h1").text_content() == "Title & more"
    assert type(theirs.find(".//form")) is not HtmlElement  # lxml.html's own lookup: a FormElement
    assert all(type(el) is HtmlElement for el in parse_html(page).iter(etree.Element))


def test_app_state_is_read_only_where_it_goes_on_after_the_shown_text() -> None:
    from newscrawl.extract.appstate import _continues

    last = "and the council will meet again in the spring to decide"
    more = "The second half of the article, which the browser renders from the state, goes on at length here and there."
    state = '{"body":[{"type":"paragraph","text":"... ' + last + '."},{"type":"paragraph","text":"' + more + '"}]}'
    assert _continues(state, last[-40:])
    done = '{"body":[{"type":"paragraph","text":"... ' + last + '."}],"id":"a1b2","url":"/news/a1b2","tags":["x"]}'
    assert not _continues(done, last[-40:])
    assert not _continues(state, "a sentence the state does not hold at all")


def test_the_justext_fallback_scores_with_the_same_stoplist_held_once() -> None:
    from justext import core
    from trafilatura import external

    from newscrawl.extract.body import _share_justext_stoplist

    _share_justext_stoplist()
    words = external.JT_STOPLIST
    assert len(words) > 100_000
    shared = core.define_stoplist(words)
    # what justext would have built: every word lower-cased again, as new strings
    assert shared == frozenset(w.lower() for w in words)
    some = next(iter(shared))
    assert any(w is some for w in words)  # the same string objects, not copies
    assert core.define_stoplist(("The", "And")) == frozenset({"the", "and"})  # other lists as before


def test_a_comment_beside_the_headline_neither_breaks_the_page_nor_gives_it_a_date():
    # 8 of the 429 real pages of ../shared/data have one; each page was lost with a ValueError
    from parsel import Selector

    from newscrawl.process_pool import _extract, _from_tree

    line = "The harbour wall was repaired in section {}, the port authority said on its first day back at work."
    paragraphs = "".join(f"<p>{line.format(n)} Ferries resumed their timetable at noon, and the boats were full.</p>"
                         for n in range(12))  # fmt: skip
    page = (
        "<html><head><title>Harbour reopens</title></head><body><article><!-- 01.01.2020 -->"
        "<h1>Harbour reopens after the storm</h1><!-- teaser -->"
        f"<p class='meta'>14.05.2024 10:30 | Ada Quill</p>{paragraphs}</article></body></html>"
    )
    url = "https://news.example/2024/05/harbour-reopens"
    in_worker = _extract(page, url, None, True)
    in_crawl = _from_tree(Selector(text=page, type="html").root, url, None, True)
    assert "_not_article" not in in_worker
    assert in_worker == in_crawl
    assert in_worker["published"].startswith("2024-05-14")


def _readability_page(article: str, rest: str = "", script: str = "") -> tuple[object, object, str]:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(f"<html><body>{script}<div>{rest}</div><article>{article}</article></body></html>")
    body = lxml_html.fragment_fromstring(article, create_parent="body")
    return tree, body, " ".join(body.text_content().split())


def test_readability_is_spared_only_where_its_text_cannot_outgrow_trafilatura_s_own() -> None:
    from trafilatura.settings import Extractor

    from newscrawl.extract.body import _readability_loses

    balanced = Extractor()
    story = "<p>" + "The ferry timetable changes in spring. " * 20 + "</p>"
    menu = "<a href='/'>" + "Home News Sport Weather " * 60 + "</a>"
    data = "<script type='application/ld+json'>" + '{"headline": "Ferry timetable"}' * 80 + "</script>"
    # the own text is most of what the page shows (a script's text is not shown)
    assert _readability_loses(*_readability_page(story, script=data), balanced)
    # readability could find twice as much text on the page: it runs
    assert not _readability_loses(*_readability_page(story, rest=menu), balanced)
    # trafilatura would also take readability's text where its own has no paragraph
    tree, body, text = _readability_page(story.replace("<p>", "<div>").replace("</p>", "</div>"))
    assert not _readability_loses(tree, body, text, balanced)
    assert not _readability_loses(tree, body, "", balanced)
    assert not _readability_loses(*_readability_page(story), Extractor(recall=True))


def test_sparing_readability_leaves_every_test_site_article_s_body_as_it_was(monkeypatch) -> None:
    from newscrawl.extract import body as body_module
    from newscrawl.extract import extract_article
    from tests.sites.evaluate import SITES

    pages = []
    for site_class in SITES.values():
        site = site_class()
        for article in site.articles[:: max(1, len(site.articles) // 6)]:
            pages.append((article.path, site.render(article.path, "http://127.0.0.1:8000").body))
    decided = []
    loses = body_module._readability_loses

    def spy(*args):
        decided.append(loses(*args))
        return decided[-1]

    monkeypatch.setattr(body_module, "_readability_loses", spy)
    spared = [extract_article(html, "http://127.0.0.1:8000" + path, fields=["body"]) for path, html in pages]
    assert any(decided) and not all(decided)  # both paths taken on these pages
    monkeypatch.setattr(body_module, "_readability_loses", lambda *args: False)
    assert [extract_article(html, "http://127.0.0.1:8000" + path, fields=["body"]) for path, html in pages] == spared


def test_readability_is_spared_in_our_extraction_only(monkeypatch) -> None:
    """A caller of trafilatura in the same process gets trafilatura as shipped."""
    import trafilatura
    from trafilatura import external

    from newscrawl.extract.body import extract_body

    runs = []

    class Counted(external.ReadabilityDocument):  # type: ignore[misc,name-defined]
        def summary(self, *args, **kwargs):
            runs.append(1)
            return super().summary(*args, **kwargs)

    monkeypatch.setattr(external, "ReadabilityDocument", Counted)
    story = "".join(
        f"<p>The ferry timetable changes in spring, item {i} of the harbour board's agenda.</p>" for i in range(12)
    )
    html = f"<html><body><article><h1>Ferry timetable</h1>{story}</article></body></html>"
    from lxml import html as lxml_html

    assert extract_body(lxml_html.fromstring(html), "https://example.org/a")
    assert runs == []  # trafilatura's own text is the whole page: readability could not win
    trafilatura.bare_extraction(html, url="https://example.org/a")
    assert runs == [1]

"""The bundled demo site: deterministic content, noise kept out of the truth, the profile, the server."""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from parsel import Selector

from newscrawl import sites
from newscrawl.demo import content, pages, words
from newscrawl.demo.server import DemoServer, main
from newscrawl.demo.site import DemoSite, build_site
from newscrawl.extract import extract_article
from newscrawl.extract.author_details import find_author_details
from newscrawl.extract.bylines import split_authors
from newscrawl.extract.dates import to_iso
from newscrawl.extract.structured import read_page_data
from newscrawl.extract.text import clean_text, join_paragraphs
from newscrawl.extract.urls import normalize_url

BASE = "http://127.0.0.1:8765/"
EDITED = frozenset({3, 17, 150})
NOISE = ("Advertisement", "Read also", "newsletter", "Share on", "Photo:", "About the author", "Sign up", "Comments")


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return build_site()


@pytest.fixture(scope="module")
def truth(site: DemoSite) -> list[dict[str, object]]:
    return site.truth(BASE)


def _select(sel: Selector, selector: str) -> list[str]:
    """The profile selector semantics of docs/adding-a-site.md: strings as they are, elements as their whole text."""
    matches = sel.xpath(selector[6:]) if selector.startswith("xpath:") else sel.css(selector)
    values = []
    for match in matches:
        root = match.root
        text = clean_text(root if isinstance(root, str) else "".join(root.itertext()))
        if text:
            values.append(text)
    return values


def _first(sel: Selector, selector: str) -> str | None:
    return next(iter(_select(sel, selector)), None)


def _page(site: DemoSite, path: str) -> Selector:
    status, _, body = site.render(path, BASE)
    assert status == 200, path
    return Selector(text=body.decode())


# --- content ---


def test_build_is_deterministic(site: DemoSite) -> None:
    again = DemoSite(0, 240, frozenset())  # a new object, rendered from scratch
    assert again.truth(BASE) == site.truth(BASE)
    for path in [*site.article_paths[::7], *site.non_article_paths]:
        assert again.render(path, BASE) == site.render(path, BASE)
    assert build_site(seed=1).truth(BASE) != site.truth(BASE)


def test_size_sections_and_uniqueness(site: DemoSite, truth: list[dict[str, object]]) -> None:
    assert len(truth) == len(site.article_paths) == 240
    assert {t["section"] for t in truth} == {"World", "Business", "Science", "Culture"}
    assert len({t["headline"] for t in truth}) == len(truth)
    assert len({t["url"] for t in truth}) == len(truth)
    assert len({t["id"] for t in truth}) == len(truth)
    assert not set(site.article_paths) & {urlsplit(p).path for p in site.non_article_paths}


def test_record_fields_and_values(truth: list[dict[str, object]]) -> None:
    fields = ["url", "canonical_url", "site", "section", "headline", "description", "body", "authors", "byline"]
    fields += ["author_details", "published", "modified", "language", "tags", "image", "related", "id"]
    published = []
    for t in truth:
        assert list(t) == fields
        assert [d["name"] for d in t["author_details"]] == t["authors"]  # type: ignore[attr-defined]
        assert t["site"] == "demo" and t["language"] == "en"
        assert t["canonical_url"] == t["url"] == normalize_url(str(t["url"]))
        assert re.fullmatch(
            r"http://127\.0\.0\.1:8765/(world|business|science|culture)/\d{4}/\d{2}/[a-z0-9-]+/", str(t["url"])
        )
        body = str(t["body"])
        paragraphs = body.split("\n\n")
        assert 5 <= sum(len(p.split()) > 8 for p in paragraphs) <= 15
        assert 300 <= len(body.split()) <= 950
        assert all(p == clean_text(p) for p in paragraphs)
        assert 2 <= len(t["tags"]) <= 4  # type: ignore[arg-type]
        assert 3 <= len(t["related"]) <= 4  # type: ignore[arg-type]
        assert t["authors"] == split_authors(str(t["byline"]))
        day = datetime.fromisoformat(str(t["published"])[:10])
        assert datetime(2025, 6, 1) <= day <= datetime(2026, 10, 31)
        if t["modified"] is not None:
            assert str(t["modified"])[:16] > str(t["published"])[:16] or len(str(t["published"])) == 10
        published.append(day)
    assert published == sorted(published, reverse=True)  # newest first


def test_every_date_and_byline_form_is_used(site: DemoSite) -> None:
    assert {a.date_style for a in site.articles} == set(content.DATE_STYLES)
    assert {a.byline_form for a in site.articles} == set(content.BYLINE_FORMS)
    assert 0.35 < sum(a.has_jsonld for a in site.articles) / len(site.articles) < 0.65
    assert any(a.modified for a in site.articles) and not all(a.modified for a in site.articles)
    assert any(b.tag == "h2" for a in site.articles for b in a.blocks)


def test_bodies_hold_no_page_noise(site: DemoSite, truth: list[dict[str, object]]) -> None:
    by_id = {a.id: a for a in site.articles}
    for t in truth:
        body = str(t["body"])
        for phrase in NOISE:
            assert phrase not in body, (t["id"], phrase)
        article = by_id[int(str(t["id"]))]
        assert article.image_caption not in body
        assert article.authors[0].bio not in body if article.authors else True
        assert all(c.text not in body for c in article.comments)
        assert by_id[article.read_also_id].headline not in body


def test_more_articles_only_add_newer_ones(truth: list[dict[str, object]]) -> None:
    bigger = build_site(n_articles=245)
    more = bigger.truth(BASE)
    assert more[5:] == truth
    assert {t["id"] for t in more[:5]} == {240, 241, 242, 243, 244}
    assert min(str(t["published"])[:10] for t in more[:5]) >= str(truth[0]["published"])[:10]
    first_pages = [_first(_page(bigger, f"/{s}/"), "article.teaser h2 a::attr(href)") for s in words.SECTIONS]
    assert {urljoin(BASE, str(p)) for p in first_pages} & {str(t["url"]) for t in more[:5]}


def test_edited_articles_change_alone(truth: list[dict[str, object]]) -> None:
    edited = build_site(edited=EDITED).truth(BASE)
    for before, after in zip(truth, edited, strict=True):
        if after["id"] not in EDITED:
            assert before == after
            continue
        assert after["body"] != before["body"]
        assert str(after["body"]).startswith(str(before["body"]))
        assert str(after["body"]).split("\n\n")[-1].startswith("Correction: ")
        assert after["modified"] is not None and after["modified"] != before["modified"]
        assert {k for k in after if after[k] != before[k]} == {"body", "modified"}
    with pytest.raises(ValueError):
        build_site(n_articles=20, edited={30})


# --- the profile reproduces the truth ---


def test_profile_loads() -> None:
    profile = sites.load("demo")
    assert profile.demo_server
    assert [urlsplit(u).path for u in profile.section_urls] == ["/world/", "/business/", "/science/", "/culture/"]
    assert {"headline", "body", "byline", "published", "modified", "section", "tags", "image"} <= set(profile.article)


def test_listings_reach_every_article_once(site: DemoSite) -> None:
    profile = sites.load("demo").with_base_url(BASE)
    found: list[str] = []
    for url in profile.section_urls:
        while url:
            sel = _page(site, urlsplit(url).path)
            links = _select(sel, profile.listing["article_links"])
            assert 1 <= len(links) <= 10
            found += [urljoin(url, href) for href in links]
            nxt = _first(sel, profile.listing["next_page"])
            url = urljoin(url, nxt) if nxt else ""
    assert Counter(found) == Counter(urljoin(BASE, p) for p in site.article_paths)


def test_profile_selectors_reproduce_the_truth() -> None:
    profile = sites.load("demo")
    article, related = profile.article, profile.related
    site = build_site(edited=EDITED)
    for expected in site.truth(BASE):
        url = str(expected["url"])
        sel = _page(site, urlsplit(url).path)
        byline = _first(sel, article["byline"])
        got = {
            "url": url,
            "canonical_url": normalize_url(urljoin(url, _first(sel, article["canonical_url"]) or "")),
            "site": "demo",
            "section": _first(sel, article["section"]),
            "headline": _first(sel, article["headline"]),
            "description": _first(sel, article["description"]),
            "body": join_paragraphs(_select(sel, article["body"])),
            "authors": split_authors(byline),
            "byline": byline,
            # what the spider adds for the names the profile pins
            "author_details": find_author_details(sel.root, read_page_data(sel.root, url), split_authors(byline), url)[
                0
            ],
            "published": to_iso(_first(sel, article["published"])),
            "modified": to_iso(_first(sel, article["modified"])),
            "language": _first(sel, article["language"]),
            "tags": _select(sel, article["tags"]),
            "image": urljoin(url, _first(sel, article["image"]) or ""),
            "related": [
                {
                    "url": urljoin(url, _first(item, related["url"]) or ""),
                    "title": _first(item, related["title"]),
                    "teaser": _first(item, related["teaser"]),
                }
                for item in sel.css(related["item"])
            ],
            "id": expected["id"],
        }
        assert got == expected


def test_structured_data_agrees_with_the_truth(site: DemoSite, truth: list[dict[str, object]]) -> None:
    for t in truth[:60]:
        sel = _page(site, urlsplit(str(t["url"])).path)
        assert sel.css('meta[property="og:url"]::attr(content)').get() == t["url"]
        assert sel.css('meta[property="og:image"]::attr(content)').get() == t["image"]
        og_published = sel.css('meta[property="article:published_time"]::attr(content)').get()
        assert og_published in (None, t["published"])
        script = sel.css('script[type="application/ld+json"]::text').get()
        if script:
            data = json.loads(script)
            assert data["@type"] == "NewsArticle"
            assert (data["headline"], data["datePublished"], data.get("dateModified")) == (
                t["headline"],
                t["published"],
                t["modified"],
            )
            assert [a["name"] for a in data["author"]] == t["authors"]
            assert data["keywords"] == t["tags"]


def test_date_forms_round_trip() -> None:
    moment = datetime.fromisoformat("2026-03-04T10:15:00+01:00")
    expected = {
        "time-offset": "2026-03-04T10:15:00+01:00",
        "time-day": "2026-03-04",
        "day": "2026-03-04",
        "us": "2026-03-04T10:15:00",
        "dotted": "2026-03-04T10:15:00",
        "iso": "2026-03-04T10:15:00+01:00",
        "rfc": "2026-03-04T10:15:00+01:00",
        "utc": "2026-03-04T09:15:00+00:00",
    }
    for style in content.DATE_STYLES:
        text, iso, machine = pages.show_date(moment, style)
        assert iso == expected[style]
        assert to_iso(machine or text) == iso, (style, text)


# --- the server ---


def test_server_refuses_other_hosts(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--host", "0.0.0.0"])
    assert exc.value.code == 2
    assert "loopback" in capsys.readouterr().err


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers["Content-Type"], err.read()


def test_server_over_http() -> None:
    site = build_site(n_articles=60, edited={5})
    with DemoServer(n_articles=60, edited={5}) as srv:
        base = srv.base_url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", base)
        status, ctype, body = _get(base + "robots.txt")
        assert status == 200 and ctype.startswith("text/plain")
        assert "Disallow: /search" in body.decode() and f"Sitemap: {base}sitemap.xml" in body.decode()

        status, _, body = _get(base + "sitemap.xml")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        urls = ElementTree.fromstring(body).findall("s:url", ns)
        assert {u.findtext("s:loc", namespaces=ns) for u in urls} == {base + p.lstrip("/") for p in site.article_paths}
        assert all(u.findtext("s:lastmod", namespaces=ns) for u in urls)

        status, ctype, body = _get(base + "feed.xml")
        assert status == 200 and "rss" in ctype
        items = ElementTree.fromstring(body).findall("channel/item")
        assert len(items) == 50
        assert items[0].findtext("link") == base + site.article_paths[0].lstrip("/")
        assert re.fullmatch(r"\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}", items[0].findtext("pubDate") or "")

        truth = {t["id"]: t for t in site.truth(base)}
        status, ctype, body = _get(str(truth[5]["url"]) + "?utm_source=home&utm_medium=web")
        assert status == 200 and ctype == "text/html; charset=utf-8"
        assert f'<link rel="canonical" href="{truth[5]["url"]}">' in body.decode()
        assert "Correction:" in body.decode()

        status, _, body = _get(base + "no/such/page/")
        assert status == 404 and b"Page not found" in body

        netloc = urlsplit(base).netloc
        conn = http.client.HTTPConnection(netloc, timeout=10)
        try:
            for path in ("/", "/about/", site.article_paths[1]):  # keep-alive: one connection, several requests
                conn.request("GET", path)
                with conn.getresponse() as response:
                    assert response.status == 200 and response.read()
            conn.request("HEAD", "/feed.xml")
            with conn.getresponse() as response:
                assert response.status == 200 and int(response.headers["Content-Length"]) > 0
                assert response.read() == b""
        finally:
            conn.close()


def test_generic_extraction_credits_every_byline_name(site: DemoSite, truth: list[dict[str, object]]) -> None:
    """Without the profile: bylines of several author links (and an agency) credit every name."""
    several = [t for t in truth if len(t["authors"]) > 1]  # type: ignore[arg-type]
    assert len(several) > 20
    for t in several:
        _, _, html = site.render(urlsplit(str(t["url"])).path, BASE)
        assert extract_article(html, str(t["url"]), fields=["authors"])["authors"] == t["authors"], t["url"]

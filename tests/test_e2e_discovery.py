"""End-to-end: `newscrawl crawl URL` (no profile) as a subprocess against the discovery test sites on
127.0.0.1, both shapes, measured against the generators' truth."""

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

import newscrawl
from tests.sites.base import SiteServer, path_of
from tests.sites.blogger import BloggerSite
from tests.sites.evaluate import SECTION, SITES, Result, crawl, measure, related_scores
from tests.sites.fields import score
from tests.sites.jsapp import JsAppSite
from tests.sites.newscms import NewsCmsSite
from tests.sites.substack import SubstackSite
from tests.sites.wordpress import WordPressSite

SCHEMA = json.loads((Path(newscrawl.__file__).parent / "schema" / "article.schema.json").read_text())
NEVER_EMITTED = (
    "/tag/", "/tags/", "/taxonomy/", "/topics/", "/author/", "/authors/", "/user/", "/people/", "/events/",
    "/archive", "/about", "/contact", "/search", "/category/", "print.php", "tag.php", "author.php", "list.php",
)  # fmt: skip


def _whole_wordpress(r: Result) -> None:
    """Yoast sitemaps from robots.txt, the paged feed, the theme's endless ?paged= and the calendar bounded."""
    assert r.summary["skipped"], "non-article pages were fetched or listed, and counted"
    site = WordPressSite()
    assert {"/robots.txt", "/sitemap_index.xml", "/post-sitemap2.xml", "/feed/", "/feed/?paged=2"} <= set(r.requested)
    got = {x["url"].split("/", 3)[3] for x in r.records}
    feed_only = [a.path for a in site.articles if a.id in site.noindex]
    assert feed_only and all(p.lstrip("/") in got for p in feed_only), "posts only the paged feed lists"
    assert len([p for p in r.requested if "?paged=" in p and p.startswith("/category/business/")]) <= 5
    skipped = r.summary["skipped"]
    assert skipped["calendar_pages"] == 1 and skipped["tag_page"] > 0 and skipped["author_page"] > 0
    assert skipped["not_article_type"] > 0  # the calendar's event pages: JSON-LD Event
    fields = score("wordpress", r.records)  # a related post's excerpt is no standfirst
    assert (fields.records, fields.headline, fields.authors, fields.body_exact) == (r.emitted,) * 4, fields.misses


def _whole_jsapp(r: Result) -> None:
    assert r.summary["skipped"], "non-article pages were fetched or listed, and counted"
    # no Sitemap: line and no announced feed: the common locations are probed, gzipped sitemaps read
    assert {"/sitemap.xml", "/sitemaps/news.xml", "/atom.xml"} <= set(r.requested)
    assert any(p.endswith(".xml.gz") for p in r.requested)
    opinion = [x for x in r.records if "/opinion/" in x["url"]]
    assert len(opinion) >= 15, "articles without structured data are recognised by their text"
    # the body complete and clean in all three shapes: full markup, thin markup + __NEXT_DATA__ blocks,
    # hydrated markup with ad slots, a newsletter sign-up and a read-more teaser
    fields = score("jsapp", r.records)
    assert fields.records == r.emitted and fields.body_exact == r.emitted, fields.misses.get("body")


def _whole_newscms(r: Result) -> None:
    """simple_sitemap's paged index found without a Sitemap: line; the hidden section's articles from it;
    the archive's endless "Next month" bounded; extraction of that CMS family's pages."""
    assert r.summary["skipped"], "non-article pages were fetched or listed, and counted"
    assert {"/sitemap.xml", "/sitemap.xml?page=1", "/sitemap.xml?page=3", "/rss.xml"} <= set(r.requested)
    site = NewsCmsSite()
    hidden = {a.path for a in site.articles if a.section == "obituaries"}
    assert hidden and hidden <= {"/" + x["url"].split("/", 3)[3] for x in r.records}
    assert any("/node/" in x["url"] for x in r.records)
    fields = score("newscms", r.records)
    assert fields.records == r.emitted
    assert (fields.published, fields.body_exact) == (r.emitted,) * 2, fields.misses
    assert fields.related_f1 is not None and fields.related_f1 >= 0.95, fields.misses.get("related")
    # The headline without its kicker, above or inside the h1; the byline's names over a JSON-LD
    # author that is the account that saved the node ("webdesk").
    assert (fields.headline, fields.authors) == (r.emitted,) * 2, fields.misses


def _whole_portal(r: Result) -> None:
    """Script URLs (article.php?id=N, list.php?sec=X&page=N) with a menu and a sidebar in a table
    layout, a date and byline printed as text only, an ISO-8859-1 page declared in a meta tag."""
    assert {"/rss.php", *(f"/list.php?sec={s}&page=3" for s in ("world", "business", "region", "sport"))} <= set(
        r.requested
    )
    assert not [p for p in r.requested if p.startswith("/print.php")], "printer-friendly twins are not fetched"
    assert not [p for p in r.requested if p.startswith(("/tag.php", "/author.php", "/search.php", "/about.html"))]
    fields = score("portal", r.records)  # the date and time printed under the headline (no zone: as shown)
    assert (fields.records, fields.headline, fields.published, fields.body_exact) == (r.emitted,) * 4, fields.misses
    assert fields.authors == r.emitted, fields.misses.get("authors")  # "| By <a href=author.php?id=N>"
    assert any("général" in x["headline"] for x in r.records)  # decoded from ISO-8859-1, not mojibake


def _whole_blogger(r: Result) -> None:
    """Blogger: the paged sitemap index and the Atom feed's rel=next pages; the archive widget's toggles,
    ?m=1 twins and comment permalinks not fetched; the post's title in an h3 under the blog's h1, the
    abbr's ISO title, <br>-broken text, Blogger's comments left out."""
    assert {"/robots.txt", "/sitemap.xml", "/sitemap.xml?page=3", "/feeds/posts/default"} <= set(r.requested)
    assert "/feeds/posts/default?start-index=26&max-results=25" in r.requested
    assert not [p for p in r.requested if "widgetType=" in p or "m=1" in p or "showComment" in p]
    fields = score("blogger", r.records)
    assert (fields.records, fields.headline, fields.authors, fields.published, fields.body_exact) == (r.emitted,) * 5, (
        fields.misses
    )


def _whole_ghost(r: Result) -> None:
    """Ghost: the sitemap index's posts sitemap, the home page's rel=next pages; the members CTA is not
    text, co-authors from the JSON-LD Person array, "You might also like" as related."""
    assert {"/robots.txt", "/sitemap.xml", "/sitemap-posts.xml", "/page/2/"} <= set(r.requested)
    assert not [p for p in r.requested if p.startswith(("/author/", "/about/"))]
    fields = score("ghost", r.records)
    assert (fields.records, fields.headline, fields.authors, fields.published, fields.body_exact) == (r.emitted,) * 5, (
        fields.misses
    )
    assert fields.related_f1 is not None and fields.related_f1 >= 0.95, fields.misses.get("related")


def _whole_typo3(r: Result) -> None:
    """TYPO3 with tx_news: EXT:seo's sitemap index (?sitemap=news&type=1533906435), the RSS feed's raw
    plugin links (index.php?id=N&tx_news_pi1[news]=M&...&cHash=) one record with the speaking URL
    they name as canonical; German service pages not fetched; the lead, "X und Y", no author, the
    day-only date, "Foto:" captions and the related-files/-links blocks read as the template means."""
    assert {"/robots.txt", "/sitemap.xml", "/rss.xml"} <= set(r.requested)
    assert any("sitemap=news" in p and "type=1533906435" in p for p in r.requested)
    assert not [p for p in r.requested if p.startswith(("/impressum/", "/datenschutz/", "/kontakt/"))]
    raw = [x for x in r.records if "tx_news_pi1" in x["url"]]
    assert raw, "articles first reached at the raw plugin URL"
    assert all("/aktuelles/detail/" in x["canonical_url"] for x in r.records)
    fields = score("typo3", r.records)
    assert (fields.records, fields.headline, fields.authors, fields.published, fields.body_exact) == (r.emitted,) * 5, (
        fields.misses
    )
    assert fields.related_f1 is not None and fields.related_f1 >= 0.95, fields.misses.get("related")
    assert any("Böhm" in name for x in r.records for name in x["authors"])


def _whole_substack(r: Result) -> None:
    """A newsletter platform: every post from the per-year sitemaps and the full-text feed, the home page
    and archive rendering only their first posts; the script's API never called; comment pages,
    profiles, sign-in and subscribe pages not fetched, like/restack buttons not taken for posts; the text
    without the subscribe widget, share button, paywall notice and footnote marks (the free part of a
    paid post), "Recommended" as related, the "Top"/"Latest" sidebar not."""
    assert {"/robots.txt", "/sitemap.xml", "/sitemap/2023", "/sitemap/2024", "/feed"} <= set(r.requested)
    assert not [p for p in r.requested if p.startswith(("/api/", "/@", "/subscribe", "/account/"))]
    assert not [p for p in r.requested if p.endswith("/comments") or "action=" in p]
    assert not [x["url"] for x in r.records if "/p/" not in x["url"] or x["url"].endswith("/comments")]
    site = SubstackSite()
    paid = {site.articles[i].path for i in site.paid}
    assert len(paid & {path_of(x["url"]) for x in r.records}) == len(paid)
    fields = score("substack", r.records)
    assert (fields.records, fields.headline, fields.authors, fields.published, fields.body_exact) == (r.emitted,) * 5, (
        fields.misses
    )
    assert fields.related_f1 is not None and fields.related_f1 >= 0.95, fields.misses.get("related")


WHOLE_SITE_CHECKS = {
    "wordpress": _whole_wordpress,
    "jsapp": _whole_jsapp,
    "newscms": _whole_newscms,
    "portal": _whole_portal,
    "blogger": _whole_blogger,
    "ghost": _whole_ghost,
    "typo3": _whole_typo3,
    "substack": _whole_substack,
}


def _reachable(name: str, shape: str) -> float:
    """The share of the truth a crawl that runs no script can reach: all of it, except on a section whose
    further pages only the page's script loads (below)."""
    if (name, shape) == ("substack", "section"):
        site = SubstackSite()
        return len(site.section_rendered(SECTION)) / len(site.truth("http://x/", SECTION))
    return 1.0


@pytest.mark.parametrize("shape", ["section", "site"])
@pytest.mark.parametrize("name", sorted(SITES))
def test_discovery_reaches_every_article_and_nothing_else(tmp_path: Path, name: str, shape: str) -> None:
    r = measure(name, shape, tmp_path)
    assert r.exit_code == 0, r.stderr[-3000:]
    assert r.recall == _reachable(name, shape), (r.recall, r.truth, r.emitted)
    assert r.precision == 1.0, [x["url"] for x in r.records][:20]  # for a section scrape: only its articles
    assert r.duplicates == 0
    assert len({x["canonical_url"] for x in r.records}) == len(r.records)
    assert r.trap_pages <= 50
    host = "127.0.0.1"
    assert all(x["site"] == host for x in r.records)
    assert not [x["url"] for x in r.records if any(p in x["url"] for p in NEVER_EMITTED)]
    assert r.summary["articles_written"] == r.emitted
    precision, recall, f1, scored = related_scores(name, r.records)
    assert scored == r.emitted and f1 >= 0.95, (precision, recall, f1)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in r.records:  # generic extraction keeps the record's contract too
        validator.validate(record)
    # AMP twins and ?amp variants are collapsed before scheduling: never fetched.
    assert not [p for p in r.requested if p.endswith("/amp/") or "amp=1" in p]
    if shape == "section":  # stays inside the section: no other listing, no robots/sitemap/feed discovery
        assert not [p for p in r.requested if "sitemap" in p or "feed" in p or p.startswith(("/atom", "/rss"))]
    else:
        assert "Traceback" not in r.stderr
        WHOLE_SITE_CHECKS[name](r)


# The other pagers of the test sites (the parametrized test above scrapes "world"), and how many
# listing pages each section has: its last page ends the scrape (the theme that prints "Next page" on
# an empty page past the end costs one page more).
PAGERS = [
    ("wordpress", "business", 5),  # ?paged=N, "Next page »" even past the last page
    ("wordpress", "science", 4),  # "Older posts" in .nav-previous
    ("wordpress", "culture", 4),  # rel=next
    ("newscms", "business", 4),  # Drupal's full pager, 0-based ?page=N
    ("newscms", "environment", 4),  # the mini pager: arrows only
    ("newscms", "sport", 3),  # "Load more"
    ("portal", "sport", 3),  # "Pages: 1 2 3 Next »" on list.php?sec=sport&page=N
    ("blogger", "travel", 4),  # "Older Posts": /search/label/Travel?updated-max=<timestamp>&max-results=7
    ("ghost", "culture", 3),  # only <link rel="next"> in the head: /tag/culture/page/N/
    ("typo3", "business", 3),  # tx_news' paginator routed: /aktuelles/wirtschaft/seite-N/, "Weiter" in li.next
]


@pytest.mark.parametrize(("name", "section", "pages"), PAGERS)
def test_section_scrape_follows_each_pager_to_its_end(tmp_path: Path, name: str, section: str, pages: int) -> None:
    r = measure(name, "section", tmp_path, section=section)
    assert r.exit_code == 0, r.stderr[-3000:]
    assert (r.recall, r.precision, r.duplicates) == (1.0, 1.0, 0), (r.truth, r.emitted)
    assert r.summary["listing_pages"] == pages, [p for p in r.requested if not p.startswith(("/20", "/news", "/node"))]


def test_substack_section_scrape_stops_where_only_the_script_can_load_more(tmp_path: Path) -> None:
    """The newsletter's section page renders its 12 newest posts and a "Load more" button with no URL
    that calls the platform's API: the scrape emits exactly those posts, guesses no API URL, and says
    that the section went on (skipped/script_pager) rather than passing for read to its end. The
    whole-site crawl reaches the rest from the sitemaps (above)."""
    r = measure("substack", "section", tmp_path)
    assert r.exit_code == 0, r.stderr[-3000:]
    shown = {a.path for a in SubstackSite().section_rendered(SECTION)}
    assert len(shown) == 12 < r.truth
    assert sorted(path_of(x["url"]) for x in r.records) == sorted(shown)
    assert r.summary["skipped"]["script_pager"] == 1 and r.summary["listing_pages"] == 1
    assert not [p for p in r.requested if p.startswith("/api/")]


def test_blogger_default_robots_txt_is_obeyed_and_the_sitemap_still_reaches_every_post(tmp_path: Path) -> None:
    """Blogger's default robots.txt disallows /search (label pages, "Older Posts"): none is fetched, and
    the sitemap and feed still give every post."""
    site = BloggerSite()
    site.default_robots = True
    with SiteServer(site) as server:
        result = crawl(site, server, "site", tmp_path)
        requested = server.paths()
        truth = site.truth(server.base_url)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not [p for p in requested if p.startswith("/search")]
    records = [json.loads(line) for line in (tmp_path / "blogger-site.jsonl").read_text().splitlines()]
    owner = {url: key for key, urls in truth.items() for url in urls}  # a syndicated copy counts as its original
    assert sorted(owner.get(x["canonical_url"], x["canonical_url"]) for x in records) == sorted(truth)


def test_feed_paging_is_bounded_by_the_section_page_budget(tmp_path: Path) -> None:
    r = measure("wordpress", "site", tmp_path, "-s", "NEWSCRAWL_SECTION_MAX_PAGES=3")
    assert r.exit_code == 0, r.stderr[-3000:]
    feed_pages = [p for p in r.requested if p.startswith("/feed/")]
    assert sorted(feed_pages) == ["/feed/", "/feed/?paged=2", "/feed/?paged=3"]
    assert r.summary["skipped"]["feed_budget"] == 1


def test_since_skips_older_articles_before_fetching_them(tmp_path: Path) -> None:
    site = JsAppSite()
    since = datetime(2024, 6, 1, tzinfo=UTC)
    r = measure("jsapp", "site", tmp_path, "--since", "2024-06-01")
    assert r.exit_code == 0, r.stderr[-3000:]
    newer = {a.path for a in site.originals() if a.published >= since}
    older = {a.path for a in site.articles if a.published < since}
    got = {"/" + x["url"].split("/", 3)[3] for x in r.records}
    assert got == newer
    fetched_old = [p for p in r.requested if p.split("?")[0] in older]
    assert len(fetched_old) <= 2, fetched_old
    assert r.summary["skipped"]["older_than_since"] > 0


def test_incremental_generic_crawl_keys_state_by_host_and_fetches_only_new(tmp_path: Path) -> None:
    site = WordPressSite()
    with SiteServer(site) as server:
        first = crawl(site, server, "section", tmp_path, state=True)
        assert first.returncode == 0, first.stderr[-3000:]
        assert (tmp_path / "output" / ".state" / "127.0.0.1.sqlite").is_file()
        articles_before = len(server.paths(lambda p: p.startswith("/2024/")))
        second = crawl(site, server, "section", tmp_path, state=True)
        articles_after = len(server.paths(lambda p: p.startswith("/2024/")))
    assert second.returncode == 0, second.stderr[-3000:]
    out = tmp_path / "wordpress-section.jsonl"
    assert out.read_text() == ""
    assert articles_after == articles_before, "known articles are not requested again"
    summary = json.loads((tmp_path / "wordpress-section.jsonl.summary.json").read_text())
    assert summary["listings_stopped_at_known"] == 1 and summary["status"] == "healthy"


def test_max_pages_and_max_articles_bound_a_section_scrape(tmp_path: Path) -> None:
    r = measure("wordpress", "section", tmp_path, "--max-pages", "1")
    assert r.exit_code == 0 and r.emitted == 10 and r.summary["listing_pages"] == 1
    r = measure("jsapp", "section", tmp_path, "--max-articles", "5")
    assert r.exit_code == 0 and r.emitted == 5

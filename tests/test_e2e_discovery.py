"""End-to-end: `newscrawl crawl URL` (no profile) as a subprocess against the discovery test sites on
127.0.0.1, both shapes, measured against the generators' truth."""

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

import newscrawl
from tests.sites.base import SiteServer
from tests.sites.evaluate import SITES, crawl, measure, related_scores
from tests.sites.jsapp import JsAppSite
from tests.sites.wordpress import WordPressSite

SCHEMA = json.loads((Path(newscrawl.__file__).parent / "schema" / "article.schema.json").read_text())
NEVER_EMITTED = ("/tag/", "/topics/", "/author/", "/people/", "/events/", "/archive", "/about", "/contact", "/search")


@pytest.mark.parametrize("shape", ["section", "site"])
@pytest.mark.parametrize("name", sorted(SITES))
def test_discovery_reaches_every_article_and_nothing_else(tmp_path: Path, name: str, shape: str) -> None:
    r = measure(name, shape, tmp_path)
    assert r.exit_code == 0, r.stderr[-3000:]
    assert r.recall >= 0.98, (r.recall, r.truth, r.emitted)
    assert r.precision >= 0.98, [x["url"] for x in r.records][:20]
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
        assert all(x["url"].split("/")[3] in ("world", "2024") for x in r.records)
        assert not [p for p in r.requested if "sitemap" in p or "feed" in p or p.startswith("/atom")]
    else:
        assert r.summary["skipped"], "non-article pages were fetched or listed, and counted"
        assert "Traceback" not in r.stderr


def test_whole_site_finds_sitemaps_feeds_and_bounds_the_calendar(tmp_path: Path) -> None:
    r = measure("wordpress", "site", tmp_path)
    assert {"/robots.txt", "/wp-sitemap.xml", "/wp-sitemap-posts-post-2.xml", "/feed/"} <= set(r.requested)
    skipped = r.summary["skipped"]
    assert skipped["calendar_pages"] == 1 and skipped["tag_page"] > 0 and skipped["author_page"] > 0
    assert skipped["not_article_type"] > 0  # the calendar's event pages: JSON-LD Event
    j = measure("jsapp", "site", tmp_path)
    # no Sitemap: line and no announced feed: the common locations are probed, gzipped sitemaps read
    assert {"/sitemap.xml", "/sitemaps/news.xml", "/atom.xml"} <= set(j.requested)
    assert any(p.endswith(".xml.gz") for p in j.requested)
    opinion = [x for x in j.records if "/opinion/" in x["url"]]
    assert len(opinion) >= 15, "articles without structured data are recognised by their text"


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

from datetime import UTC, datetime, timedelta

from newscrawl.summary import build_summary


def stats(**extra):
    base = {
        "start_time": datetime.now(UTC) - timedelta(seconds=10),
        "newscrawl/written": 8,
        "newscrawl/validated": 8,
        "newscrawl/coverage/headline": 8,
        "newscrawl/coverage/authors": 6,
        "newscrawl/dropped/no_body": 2,
        "newscrawl/duplicates/canonical_url": 1,
        "downloader/response_status_count/200": 20,
        "downloader/response_status_count/404": 3,
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 1,
        "newscrawl/output": "out.jsonl",
    }
    base.update(extra)
    return base


def test_healthy_run():
    s = build_summary(stats(), "finished")
    assert (s["status"], s["exit_code"], s["problems"]) == ("healthy", 0, [])
    assert s["articles_written"] == 8 and s["duplicates"] == 1 and s["dropped"] == {"no_body": 2}
    assert s["http_errors"] == {"404": 3}
    assert s["download_errors"] == {"twisted.internet.error.TimeoutError": 1}
    assert s["coverage"]["headline"] == 1.0 and s["coverage"]["authors"] == 0.75 and s["coverage"]["image"] == 0.0
    assert 9 < s["duration_s"] < 60


def test_nothing_written_is_unhealthy():
    s = build_summary(
        stats(**{"newscrawl/written": 0, "newscrawl/validated": 0, "newscrawl/article_requests": 4}), "finished"
    )
    assert (s["status"], s["exit_code"]) == ("unhealthy", 3)
    assert "no articles written: 4 article pages requested" in s["problems"][0]


def test_coverage_floor_breach_is_unhealthy():
    s = build_summary(stats(), "finished", {"authors": 0.9, "headline": 0.9})
    assert (s["status"], s["exit_code"]) == ("unhealthy", 3)
    assert s["problems"] == ["coverage of authors is 0.75, under the site's floor 0.90"]


def test_interrupted_crawl_failed():
    s = build_summary(stats(), "shutdown")
    assert (s["status"], s["exit_code"]) == ("failed", 1)
    assert build_summary(stats(), "closespider_timeout")["status"] == "healthy"

"""`newscrawl crawl --fast`: the settings for servers one owns or mirrors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newscrawl import sites
from newscrawl.cli import UsageError, build_parser, crawl_settings
from newscrawl.process_pool import AUTO_MAX_PROCESSES, pool_size


def _settings(tmp_path: Path, *argv: str) -> dict[str, object]:
    args = build_parser().parse_args(["crawl", "demo", "-O", str(tmp_path / "out.jsonl"), *argv])
    settings = crawl_settings(args, sites.load("demo"))
    names = ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED",
             "LOG_LEVEL", "ROBOTSTXT_OBEY", "CONCURRENT_ITEMS")  # fmt: skip
    return {name: settings[name] for name in names} | {"priority": settings.getpriority("DOWNLOAD_DELAY")}


def test_defaults_stay_polite(tmp_path: Path) -> None:
    polite = _settings(tmp_path)
    assert polite["AUTOTHROTTLE_ENABLED"] is True
    assert float(polite["DOWNLOAD_DELAY"]) > 0  # type: ignore[arg-type]
    assert polite["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2


def test_fast_drops_delays_and_throttling_but_obeys_robots(tmp_path: Path) -> None:
    fast = _settings(tmp_path, "--fast")
    assert fast["AUTOTHROTTLE_ENABLED"] is False
    assert fast["DOWNLOAD_DELAY"] == 0
    assert int(fast["CONCURRENT_REQUESTS_PER_DOMAIN"]) >= 16  # type: ignore[call-overload]
    assert fast["LOG_LEVEL"] == "WARNING"
    assert fast["ROBOTSTXT_OBEY"] is True
    assert fast["priority"] == 40  # over a profile's [settings] (spider priority, 30)


def test_fast_yields_to_explicit_settings(tmp_path: Path) -> None:
    fast = _settings(tmp_path, "--fast", "-s", "DOWNLOAD_DELAY=1", "--log-level", "INFO")
    assert fast["DOWNLOAD_DELAY"] == "1"
    assert fast["LOG_LEVEL"] == "INFO"
    assert fast["AUTOTHROTTLE_ENABLED"] is False


def test_fast_extracts_in_one_worker_per_core(tmp_path: Path) -> None:
    args = build_parser().parse_args(["crawl", "demo", "-O", str(tmp_path / "out.jsonl"), "--fast"])
    assert crawl_settings(args, sites.load("demo"))["NEWSCRAWL_EXTRACT_PROCESSES"] == "auto"
    cores = len(os.sched_getaffinity(0))
    assert pool_size("auto") == max(1, min(cores, AUTO_MAX_PROCESSES))
    assert pool_size(" 3 ") == 3
    assert pool_size(0) == 0


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_bad_worker_count_is_a_usage_error_naming_the_setting(tmp_path: Path, value: str) -> None:
    args = build_parser().parse_args(
        ["crawl", "demo", "-O", str(tmp_path / "out.jsonl"), "--fast", "-s", f"NEWSCRAWL_EXTRACT_PROCESSES={value}"]
    )
    with pytest.raises(UsageError, match=f"NEWSCRAWL_EXTRACT_PROCESSES must be .* got '{re.escape(value)}'"):
        crawl_settings(args, sites.load("demo"))

"""The ``newscrawl`` command: a thin front to a Scrapy crawl of the ``news`` spider."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl import sites
from newscrawl.discovery.dates import parse_since

if TYPE_CHECKING:
    from scrapy.settings import Settings

    from newscrawl.state import Store

# Scrapy, the spider and extraction are imported by the commands that use them: `--help` stays quick,
# and an extraction worker process (which imports the main module again) does not load the crawler.

# Scrapy's start-up chatter and final stats dump hide the progress lines and the summary (-v shows them).
_CHATTY_LOGGERS = (
    "scrapy.middleware", "scrapy.utils.log", "scrapy.crawler", "scrapy.addons", "scrapy.core.engine",
    "scrapy.statscollectors",
)  # fmt: skip


class UsageError(Exception):
    pass


if __name__ == "__main__":  # `python -m newscrawl.cli`: modules importing newscrawl.cli get this one, same UsageError
    sys.modules.setdefault("newscrawl.cli", sys.modules[__name__])


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def _since(text: str) -> str:
    try:
        parse_since(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


# Reserved by RFC 2606 / RFC 6761: such hosts never resolve, so a crawl of one is a mistake.


def url_profile(url: str) -> sites.Profile:
    """The stand-in profile for crawling ``url`` without a site profile (usage error if unusable)."""
    try:
        profile = sites.for_url(url)
    except sites.ProfileError as exc:
        raise UsageError(str(exc)) from None
    return profile


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newscrawl", description="Crawl news sites into JSON Lines article records.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    crawl = commands.add_parser("crawl", help="crawl a site", description="Crawl a site into JSON Lines.")
    crawl.add_argument(
        "target",
        metavar="TARGET",
        help=f"a site profile key ({', '.join(sites.available())}), a profile file (.toml), or a URL to crawl "
        "without a profile: a home page crawls the whole site, any other page is one section's listing",
    )
    out = crawl.add_mutually_exclusive_group()
    out.add_argument(
        "-o", dest="append_to", metavar="FILE", help="append records to FILE (a torn last line is repaired)"
    )
    out.add_argument("-O", dest="overwrite", metavar="FILE", help="write records to FILE, replacing it")
    crawl.add_argument("--max-articles", type=_positive_int, metavar="N", help="fetch at most N article pages")
    crawl.add_argument("--max-pages", type=_positive_int, metavar="N", help="read at most N listing pages per section")
    crawl.add_argument("--base-url", metavar="URL", help="point the profile at another origin (mirrors, tests)")
    crawl.add_argument(
        "--fast",
        action="store_true",
        help="for servers you own or mirror: high concurrency, no delays or throttling, quiet logs "
        "(robots.txt still obeyed; settings NEWSCRAWL_FAST_SETTINGS)",
    )
    crawl.add_argument(
        "--since",
        type=_since,
        metavar="DATE",
        help="skip articles published before DATE (2024-05-01 or an ISO date-time): sitemap and feed dates skip "
        "them before they are fetched",
    )
    state = crawl.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="PATH", help="the state store (default output/.state/<site>.sqlite)")
    state.add_argument("--no-state", action="store_true", help="a stateless run: dedupe within this run only")
    state.add_argument(
        "--redis",
        metavar="URL",
        help="a distributed crawl: scrapy-redis queue and state at URL (redis://host:port/db), shared by every worker",
    )
    crawl.add_argument(
        "--refresh-days",
        type=float,
        metavar="N",
        help="re-fetch known articles published in the last N days; emit those whose text changed",
    )
    crawl.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="let the crawl reach HOST although its address is private or loopback",
    )
    archiving = crawl.add_mutually_exclusive_group()
    archiving.add_argument(
        "--warc", metavar="DIR", help="also write every fetched response and its request to WARC files in DIR"
    )
    archiving.add_argument(
        "--replay", metavar="DIR", help="re-run a crawl from its WARC files in DIR, with no network (--warc wrote them)"
    )
    crawl.add_argument(
        "-s", dest="settings", action="append", default=[], type=_setting, metavar="NAME=VALUE", help="a Scrapy setting"
    )
    crawl.add_argument("-v", "--verbose", action="store_true", help="log Scrapy's start-up details too")
    crawl.add_argument("--log-level", default=None, choices=("DEBUG", "INFO", "WARNING", "ERROR"), help="log level")
    from newscrawl.archive import add_archive_parser

    add_archive_parser(commands, _setting, _since)
    commands.add_parser("sites", help="list the site profiles")
    merge = commands.add_parser(
        "merge",
        help="merge JSON Lines outputs (e.g. of several workers) into one file, one record per article",
        description="Merge outputs into OUT: one record per canonical URL (its highest revision). Idempotent.",
    )
    merge.add_argument("out", metavar="OUT", help="the merged file (written atomically; may also be an input)")
    merge.add_argument("inputs", metavar="INPUT", nargs="+", help="JSON Lines files to merge")
    extract = commands.add_parser(
        "extract",
        help="extract one article page and print its record as JSON",
        description="Extract one article page (a saved file, or a URL to fetch) and print its fields as JSON.",
    )
    extract.add_argument("source", metavar="FILE_OR_URL", help="a saved HTML file (- for stdin), or an http(s) URL")
    extract.add_argument("--url", help="the page's URL (for relative links and canonical URLs of a saved file)")
    return parser


def crawl_settings(args: argparse.Namespace, profile: sites.Profile) -> Settings:
    from newscrawl.pipelines.output import output_path
    from newscrawl.process_pool import pool_size

    settings = _project_settings()
    if args.fast:
        for name, value in settings.getdict("NEWSCRAWL_FAST_SETTINGS").items():
            settings.set(name, value, priority="cmdline")
    for name, value in args.settings:
        settings.set(name, value, priority="cmdline")
    if args.log_level:
        settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    if args.allow_host:
        hosts = settings.getlist("NEWSCRAWL_ALLOW_HOSTS") + args.allow_host
        settings.set("NEWSCRAWL_ALLOW_HOSTS", hosts, priority="cmdline")
    if args.state:
        settings.set("NEWSCRAWL_STATE", args.state, priority="cmdline")
    if args.no_state:
        settings.set("NEWSCRAWL_STATE_ENABLED", False, priority="cmdline")
        settings.set("NEWSCRAWL_REDIS_URL", "", priority="cmdline")
    if args.redis:
        if not args.redis.startswith(("redis://", "rediss://", "unix://")):
            raise UsageError(f"--redis {args.redis}: expected a redis://host:port/db URL")
        settings.set("NEWSCRAWL_REDIS_URL", args.redis, priority="cmdline")
    if args.refresh_days is not None:
        if args.refresh_days < 0:
            raise UsageError(f"--refresh-days must be >= 0, got {args.refresh_days}")
        settings.set("NEWSCRAWL_REFRESH_DAYS", args.refresh_days, priority="cmdline")
    if args.append_to or args.overwrite:
        settings.set("NEWSCRAWL_OUTPUT", args.append_to or args.overwrite, priority="cmdline")
        settings.set("NEWSCRAWL_OUTPUT_OVERWRITE", bool(args.overwrite), priority="cmdline")
    if args.warc:
        settings.set("NEWSCRAWL_WARC_DIR", args.warc, priority="cmdline")
    if args.replay:
        settings.set("NEWSCRAWL_REPLAY_DIR", args.replay, priority="cmdline")
    try:
        pool_size(settings.get("NEWSCRAWL_EXTRACT_PROCESSES"))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = output_path(settings, profile.key)
    _check_writable(path)
    settings.set("NEWSCRAWL_OUTPUT", str(path), priority="cmdline")
    return settings


def _check_writable(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab"):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write the output file {path}: {exc.strerror or exc}") from None


def redis_errors(settings: Settings) -> tuple[type[Exception], ...]:
    """What opening the state store raises when Redis cannot be reached: nothing to catch, and redis
    left unimported (~6 MB of RSS), in a crawl without Redis."""
    if not settings.get("NEWSCRAWL_REDIS_URL"):
        return ()
    import redis

    return (redis.RedisError,)


def run_crawl(args: argparse.Namespace) -> int:
    from newscrawl.state import StateIncompatible, StateLocked, open_store, state_path
    from newscrawl.summary import EXIT_FAILED

    if "://" in args.target:
        if args.base_url:
            raise UsageError("--base-url applies to a profile; a URL target is crawled where it points")
        profile = url_profile(args.target)
    else:
        try:
            profile = sites.load(args.target)
        except sites.ProfileError as exc:
            raise UsageError(str(exc)) from None
    if args.replay:
        from newscrawl.archive import check_replay

        check_replay(args, profile)
    settings = crawl_settings(args, profile)
    if not args.replay:
        check_seeds(args, profile, settings)
    try:
        state = open_store(settings, profile.key)
    except StateLocked as exc:
        print(f"newscrawl: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except StateIncompatible as exc:
        raise UsageError(str(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        raise UsageError(f"cannot open the state store {state_path(settings, profile.key)}: {exc}") from None
    except redis_errors(settings) as exc:
        raise UsageError(f"cannot reach Redis at {settings.get('NEWSCRAWL_REDIS_URL')}: {exc}") from None
    try:
        return _crawl(args, profile, settings, state)
    finally:
        state.close()


def check_seeds(args: argparse.Namespace, profile: sites.Profile, settings: Settings) -> None:
    """A seed the address guard refuses is a usage error, named with its reason, before any request."""
    from newscrawl.middlewares.guard import refusal

    if profile.demo_server and not args.base_url:
        return  # the bundled demo serves on 127.0.0.1, which its profile allows
    if args.base_url:
        profile = profile.with_base_url(args.base_url)
    seeds = [*profile.section_urls, *(profile.url(u) for u in (*profile.feeds, *profile.sitemaps))]
    if "://" in args.target:
        seeds.insert(0, args.target)
    allow = [*settings.getlist("NEWSCRAWL_ALLOW_HOSTS"), *profile.allowed_hosts]
    for url in seeds:
        why = refusal(url, allow)
        if why:
            raise UsageError(f"{url}: refused by the address guard ({why}); --allow-host HOST lets it through")


def _crawl(args: argparse.Namespace, profile: sites.Profile, settings: Settings, state: Store) -> int:
    from scrapy.crawler import CrawlerProcess

    from newscrawl.spiders.news import NewsSpider

    process = CrawlerProcess(settings)
    spider_args: dict[str, Any] = {"target": args.target, "state": state}
    for name in ("base_url", "max_articles", "max_pages", "since"):
        if getattr(args, name) is not None:
            spider_args[name] = getattr(args, name)
    return run_spider(process, NewsSpider, args.verbose, "crawl", **spider_args)


def run_spider(process: Any, spider_cls: type, verbose: bool, what: str, **spider_args: Any) -> int:
    """Run one spider in ``process``, print its run summary and return the exit status it says."""
    from newscrawl.summary import EXIT_FAILED, RunSummary

    if not verbose:
        for name in _CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    from scrapy import signals

    from newscrawl.process_pool import freeze_long_lived

    crawler = process.create_crawler(spider_cls)
    crawler.signals.connect(freeze_long_lived, signal=signals.engine_started)
    process.crawl(crawler, **spider_args)
    process.start()
    summary = next((ext.summary for ext in crawler.extensions.middlewares if isinstance(ext, RunSummary)), None)
    if summary is None:
        print(f"newscrawl: the {what} stopped before it could write a summary", file=sys.stderr)
        return EXIT_FAILED
    print(format_summary(summary), file=sys.stderr)
    return int(summary["exit_code"])


def format_summary(s: dict[str, Any]) -> str:
    def counts(mapping: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in mapping.items()) or "none"

    duration = s["duration_s"] or 0.0
    rate = s["articles_written"] / duration if duration else 0.0
    coverage = ", ".join(f"{k} {v:.0%}" for k, v in s["coverage"].items())
    lines = [
        f"newscrawl: {s['site']}: {s['status']} (exit {s['exit_code']})",
        *(f"  problem: {p}" for p in s["problems"]),
        f"  articles written  {s['articles_written']}",
        f"  already known     {s['known_skipped']} (not fetched again)",
        f"  refreshed         {counts(s['refreshed'])}",
        f"  duplicates        {s['duplicates']} ({counts(s['duplicates_by_kind'])})",
        f"  dropped           {counts(s['dropped'])}",
        f"  skipped           {counts(s['skipped'])}",
        f"  HTTP errors       {counts(s['http_errors'])}",
        f"  download errors   {counts(s['download_errors'])}",
        f"  blocked           {counts(s['blocked'])}",
        f"  errors logged     {s['errors_logged']}",
        f"  coverage          {coverage}",
        *([f"  WARC              {counts(s['warc'])}"] if s.get("warc") else []),
        *([f"  archive           {counts(s['archive'])}"] if s.get("archive") else []),
        f"  time              {duration:.1f} s ({rate:.1f} articles/s)",
        f"  output            {s['output']}",
        f"  summary           {s['output']}.summary.json",
    ]
    return "\n".join(lines)


_FETCH_LIMIT = 16 * 1024 * 1024


def run_extract(args: argparse.Namespace) -> int:
    from newscrawl.extract import extract_article

    source: str = args.source
    if source.startswith(("http://", "https://")):
        html, url = _fetch(source), args.url or source
    elif source == "-":
        html, url = sys.stdin.buffer.read(), args.url or ""
    else:
        try:
            html = Path(source).read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
        url = args.url or Path(source).resolve().as_uri()
    record = extract_article(html, url)
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": _project_settings().get("USER_AGENT")})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body: bytes = response.read(_FETCH_LIMIT + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise UsageError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None
    if len(body) > _FETCH_LIMIT:
        raise UsageError(f"cannot fetch {url}: larger than {_FETCH_LIMIT} bytes")
    return body


def _project_settings() -> Settings:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    return settings


def run_merge(args: argparse.Namespace) -> int:
    from newscrawl.merge import merge_records, write_jsonl

    paths = [Path(p) for p in args.inputs]
    for path in paths:
        if not path.is_file():
            raise UsageError(f"cannot read {path}: no such file")
    records, report = merge_records(paths)
    write_jsonl(records, Path(args.out))
    print(
        f"newscrawl merge: {report.files} files, {report.lines} records, {report.articles} articles written to "
        f"{args.out}, {report.duplicates} duplicates removed, {len(report.malformed)} malformed lines skipped",
        file=sys.stderr,
    )
    for where in report.malformed[:20]:
        print(f"  malformed: {where}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:  # `newscrawl extract page.html | head`: the reader has gone, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "merge":
            return run_merge(args)
        if args.command == "extract":
            return run_extract(args)
        if args.command == "archive":
            from newscrawl.archive import run_archive

            return run_archive(args)
        if args.command == "sites":
            for key in sites.available():
                print(f"{key}\t{sites.load(key).name}")
            return 0
        return run_crawl(args)
    except (UsageError, sites.ProfileError) as exc:
        from newscrawl.summary import EXIT_USAGE

        print(f"newscrawl: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())

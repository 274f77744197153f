"""The ``newscrawl archive`` command, and the checks of ``newscrawl crawl --replay``
(docs/operations.md, "Archives"). The work is done by spiders/archive.py and middlewares/warc.py."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newscrawl import sites


def add_archive_parser(commands: Any, setting: Callable[[str], tuple[str, str]], since: Callable[[str], str]) -> None:
    archive = commands.add_parser(
        "archive",
        help="extract article records from WARC files (ours, or Common Crawl's CC-NEWS)",
        description="Extract article records from WARC files through the crawl's extraction, pipelines, dedupe "
        "and state. A file read to its end is recorded in the state store: a rerun skips it.",
    )
    archive.add_argument(
        "sources", metavar="SOURCE", nargs="+", help="WARC files (.warc.gz, .warc), or folders of them"
    )
    out = archive.add_mutually_exclusive_group()
    out.add_argument(
        "-o", dest="append_to", metavar="FILE", help="append records to FILE (a torn last line is repaired)"
    )
    out.add_argument("-O", dest="overwrite", metavar="FILE", help="write records to FILE, replacing it")
    archive.add_argument(
        "--site",
        dest="hosts",
        action="append",
        default=[],
        metavar="HOST",
        help="only pages of HOST (the same host with or without www.; never a part of another name); repeatable",
    )
    archive.add_argument("--since", type=since, metavar="DATE", help="skip articles published before DATE")
    state = archive.add_mutually_exclusive_group()
    state.add_argument("--state", metavar="PATH", help="the state store (default output/.state/archive.sqlite)")
    state.add_argument("--no-state", action="store_true", help="a stateless run: dedupe within this run only")
    archive.add_argument(
        "-s", dest="settings", action="append", default=[], type=setting, metavar="NAME=VALUE", help="a Scrapy setting"
    )
    archive.add_argument("-v", "--verbose", action="store_true", help="log Scrapy's start-up details too")
    archive.add_argument("--log-level", default=None, choices=("DEBUG", "INFO", "WARNING", "ERROR"), help="log level")


def _files(sources: list[str]) -> list[Path]:
    from newscrawl.cli import UsageError
    from newscrawl.warc import WarcError, warc_files

    try:
        files = warc_files(sources)
    except WarcError as exc:
        raise UsageError(str(exc)) from None
    if not files:
        raise UsageError(f"no WARC files (*.warc.gz, *.warc) in {', '.join(sources)}")
    return files


def check_replay(args: argparse.Namespace, profile: sites.Profile) -> None:
    """A replay needs an archive, no Redis, and the origin the archived crawl had (the demo's port)."""
    from newscrawl.cli import UsageError
    from newscrawl.warc import WarcError, iter_entries

    if args.redis:
        raise UsageError("--replay reads one archive in one process; it does not take --redis")
    files = _files([args.replay])
    if args.base_url or profile.generic:
        return
    try:
        info = next((e for e in iter_entries(files[0]) if isinstance(e, dict)), {})
    except WarcError as exc:
        raise UsageError(str(exc)) from None
    from newscrawl.warc import INFO_BASE_URL

    if info.get(INFO_BASE_URL):
        args.base_url = info[INFO_BASE_URL]


def run_archive(args: argparse.Namespace) -> int:
    from newscrawl.cli import UsageError, _check_writable, _project_settings, redis_errors
    from newscrawl.pipelines.output import output_path
    from newscrawl.spiders.archive import SITE
    from newscrawl.state import StateIncompatible, StateLocked, open_store, state_path
    from newscrawl.summary import EXIT_FAILED

    files = _files(args.sources)
    settings = _project_settings()
    # no network and no politeness to keep: the crawl's --fast settings (a second core extracts)
    for name, value in settings.getdict("NEWSCRAWL_FAST_SETTINGS").items():
        settings.set(name, value, priority="cmdline")
    settings.set("NEWSCRAWL_REDIS_URL", "", priority="cmdline")
    for name, value in args.settings:
        settings.set(name, value, priority="cmdline")
    if args.log_level:
        settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    if args.state:
        settings.set("NEWSCRAWL_STATE", args.state, priority="cmdline")
    if args.no_state:
        settings.set("NEWSCRAWL_STATE_ENABLED", False, priority="cmdline")
    if args.append_to or args.overwrite:
        settings.set("NEWSCRAWL_OUTPUT", args.append_to or args.overwrite, priority="cmdline")
        settings.set("NEWSCRAWL_OUTPUT_OVERWRITE", bool(args.overwrite), priority="cmdline")
    path = output_path(settings, SITE)
    _check_writable(path)
    settings.set("NEWSCRAWL_OUTPUT", str(path), priority="cmdline")
    unusable: tuple[type[Exception], ...] = (OSError, sqlite3.Error, *redis_errors(settings))
    try:
        state = open_store(settings, SITE)
    except StateLocked as exc:
        print(f"newscrawl: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except StateIncompatible as exc:
        raise UsageError(str(exc)) from None
    except unusable as exc:
        raise UsageError(f"cannot open the state store {state_path(settings, SITE)}: {exc}") from None
    try:
        return _archive(args, files, settings, state)
    finally:
        state.close()


def _archive(args: argparse.Namespace, files: list[Path], settings: Any, state: Any) -> int:
    from scrapy.crawler import CrawlerProcess

    from newscrawl.cli import run_spider
    from newscrawl.spiders.archive import ArchiveSpider

    process = CrawlerProcess(settings)
    return run_spider(
        process, ArchiveSpider, args.verbose, "run", files=files, hosts=args.hosts, since=args.since, state=state
    )

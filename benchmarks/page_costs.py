"""CPU per page of the two costs that grow with a WordPress-style page, A/B in one process.

    python -m benchmarks.page_costs [--posts 400] [--rounds 4]

1. The extraction worker's whole job on a post (``process_pool._extract``: parse, article
   detection, ``extract_article``, MinHash) with reader-comment sections left out (as the crawl
   does) and kept (``comments.comment_sections`` answering nothing), in alternating rounds; and
   whether the records differ.
2. A category listing page's link scan (``discovery.listing.article_links`` + ``section_links``)
   with the per-site link cache warm (as in a crawl) and cleared before every page.

Pages come from ``benchmarks.wordpress`` (every 7th post, 30 listing pages). CPU time
(``time.process_time``), medians over rounds; run it on a quiet machine for absolute figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from parsel import Selector

import newscrawl.extract.comments as comments
from benchmarks.wordpress import CATEGORIES, WordPressSite, post_path
from newscrawl.discovery import listing
from newscrawl.process_pool import _extract

FIELDS = ["canonical_url", "section", "headline", "description", "body", "authors", "byline", "published",
          "modified", "language", "tags", "image", "related"]  # fmt: skip
BASE = "http://127.0.0.1:8000"


def _ms(fn: Any, items: list[Any]) -> tuple[float, list[Any]]:
    started = time.process_time()
    out = [fn(*item) for item in items]
    return 1000 * (time.process_time() - started) / len(items), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    site = WordPressSite(args.posts)
    site.base = BASE
    posts = [(BASE + post_path(n), (site.post(n)).decode()) for n in range(1, args.posts, 7)]
    print(f"{len(posts)} posts, median {statistics.median(len(t) for _, t in posts) / 1024:.0f} KB")

    found = comments.comment_sections
    times: dict[str, list[float]] = {"comments left out": [], "comments kept": []}
    records: dict[str, list[Any]] = {}
    _extract(posts[0][1], posts[0][0], FIELDS, True)  # imports
    for n in range(args.rounds):
        for mode in list(times) if n % 2 == 0 else list(reversed(times)):
            comments.comment_sections = found if mode == "comments left out" else (lambda root: [])
            ms, out = _ms(lambda url, text: _extract(text, url, FIELDS, True), posts)
            times[mode].append(ms)
            records[mode] = [{k: v for k, v in r.items() if k != "_signature"} for r in out]
    comments.comment_sections = found
    print("extraction worker, per post:")
    for mode, values in times.items():
        print(f"  {mode:<20} {statistics.median(values):7.2f} ms  (rounds: {', '.join(f'{v:.1f}' for v in values)})")
    differ = sum(a != b for a, b in zip(records["comments left out"], records["comments kept"], strict=True))
    print(f"  records that differ: {differ} of {len(posts)}")

    pages = []
    for category in CATEGORIES[:3]:
        for page in range(2, 12):
            path = f"/category/{category}/page/{page}/"
            body = site.render(path)
            if body is not None:
                pages.append((BASE + path, body[2].decode()))
    trees = [(url, Selector(text=text, type="html").root) for url, text in pages]

    def scan(url: str, tree: Any, cold: bool) -> None:
        if cold:
            listing._target.cache_clear()
            listing._section_target.cache_clear()
        listing.article_links(tree, url, ["127.0.0.1"])
        listing.section_links(tree, url, ["127.0.0.1"])

    scans: dict[str, list[float]] = {"cache warm": [], "cache cleared": []}
    for n in range(args.rounds):
        for mode in list(scans) if n % 2 == 0 else list(reversed(scans)):
            ms, _ = _ms(lambda url, tree, m=mode: scan(url, tree, m == "cache cleared"), trees)
            scans[mode].append(ms)
    print(f"listing page link scan ({len(trees)} category pages):")
    for mode, values in scans.items():
        print(f"  {mode:<20} {statistics.median(values):7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

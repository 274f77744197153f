"""CPU cost of ``find_author_details`` against the whole ``extract_article``, measured in one run.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.author_details_cost [DATASET_DIR ...]

Per page: the best of 3 runs of ``find_author_details`` (tree, page data and authors prepared
beforehand) and of ``extract_article`` (all fields), by ``time.process_time``; prints the medians
and the share, so the ratio holds on a loaded machine even when the absolute times do not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from benchmarks.extraction import DEFAULT_DATASETS, SCORER, load_scorer
from newscrawl.extract import extract_article, parse_html
from newscrawl.extract.author_details import find_author_details
from newscrawl.extract.authors import find_authors
from newscrawl.extract.structured import read_page_data


def best_ms(fn: Callable[..., object], *args: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - start)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="*", type=Path, default=DEFAULT_DATASETS)
    args = ap.parse_args(argv)
    scorer = load_scorer(SCORER)
    details_ms: list[float] = []
    article_ms: list[float] = []
    warnings.simplefilter("ignore")
    for dataset in args.datasets:
        for rec, html in scorer.iter_pages(dataset):
            url = rec["url"]
            tree = parse_html(html)
            data = read_page_data(tree, url)
            authors = find_authors(tree, data, url)[0]
            details_ms.append(best_ms(find_author_details, tree, data, authors, url, data.attr_index))
            article_ms.append(best_ms(extract_article, html, url))
    d, a = statistics.median(details_ms), statistics.median(article_ms)
    p90 = statistics.quantiles(details_ms, n=10)[-1]
    print(f"{len(details_ms)} pages: find_author_details median {d:.2f} ms (p90 {p90:.2f} ms);")
    print(
        f"extract_article median {a:.2f} ms; author details {100 * sum(details_ms) / sum(article_ms):.1f}% of the total"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

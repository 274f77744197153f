"""CPU cost of ``find_authors`` per page, to compare two versions of the code on a shared machine.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.authors_cost [DATASET_DIR ...]
    # another version, e.g. the previous commit: git archive OLD | tar -x -C /tmp/old, then
    PYTHONPATH=/tmp/old .venv/bin/python benchmarks/authors_cost.py

Per page: the best of 3 runs of ``find_authors`` (tree and page data prepared beforehand), by
``time.process_time``; prints the median, mean and p90 over pages and which module was timed. Run
the two versions alternately, twice each: the machine's load moves the absolute times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import warnings
from pathlib import Path

from benchmarks.author_details_cost import best_ms
from benchmarks.extraction import DEFAULT_DATASETS, SCORER, load_scorer
from newscrawl.extract import authors, parse_html
from newscrawl.extract.structured import read_page_data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="*", type=Path, default=DEFAULT_DATASETS)
    args = ap.parse_args(argv)
    scorer = load_scorer(SCORER)
    times: list[float] = []
    warnings.simplefilter("ignore")
    for dataset in args.datasets:
        for rec, html in scorer.iter_pages(dataset):
            tree = parse_html(html)
            data = read_page_data(tree, rec["url"])
            times.append(best_ms(authors.find_authors, tree, data, rec["url"]))
    p90 = statistics.quantiles(times, n=10)[-1]
    print(
        f"{authors.__file__}: {len(times)} pages, find_authors median {statistics.median(times):.3f} ms, "
        f"mean {statistics.fmean(times):.3f} ms, p90 {p90:.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

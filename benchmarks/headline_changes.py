"""Pages whose headline the current rule chooses differently from the rule before issue #12.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.headline_changes [DATASET_DIR]   # default ../shared/data/dates-dev
    .venv/bin/python -m benchmarks.headline_changes DIR --cpu-against OLD/newscrawl/extract/headline.py

``--cpu-against`` times ``find_headline`` of another version (e.g. ``git archive 78771b0 | tar -x -C
OLD``) against this one on the same parsed pages, alternating, min of 5 runs per page, the new
version's caches cleared before each run; it prints the per-page median and mean CPU ms of both.

For a set without headline annotations (dates-dev) this is how the change was read: each page where
``choose_headline`` with the shipped ``Rules`` and with every rule off (a fixed order, JSON-LD
first) disagree, with all the candidates, and the count.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path

from benchmarks.extraction import DEFAULT_DATASETS, load_scorer
from newscrawl.extract import headline, parse_html
from newscrawl.extract.headline import RULES, Rules, choose_headline, headline_candidates
from newscrawl.extract.structured import read_page_data

BEFORE = Rules(min_support=0, shortest_structured=False, suffix_by_comparison=False, visible_h1=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASETS[1])
    ap.add_argument("--cpu-against", type=Path, help="another version's headline.py to time against this one")
    args = ap.parse_args(argv)
    if args.cpu_against:
        return cpu(args.dataset, args.cpu_against)
    pages = changed = 0
    for record, html in load_scorer().iter_pages(args.dataset):
        tree = parse_html(html)
        data = read_page_data(tree, record["url"])
        now = choose_headline(headline_candidates(tree, data, record["url"], RULES), RULES)
        before = choose_headline(headline_candidates(tree, data, record["url"], BEFORE), BEFORE)
        pages += 1
        if now != before:
            changed += 1
            print(f"{record['id']}\n  now:    {now}\n  before: {before}")
            for source, text in headline_candidates(tree, data, record["url"], RULES):
                print(f"    {source:<14} {text[:160]}")
    print(f"{args.dataset.name}: {changed} of {pages} pages changed")
    return 0


def cpu(dataset: Path, other: Path) -> int:
    spec = importlib.util.spec_from_file_location("other_headline", other)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {other}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    times: dict[str, list[float]] = {"other": [], "this": []}
    for record, html in load_scorer().iter_pages(dataset):
        tree = parse_html(html)
        data = read_page_data(tree, record["url"])
        runs: dict[str, list[float]] = {"other": [], "this": []}
        for _ in range(5):
            start = time.process_time()
            module.find_headline(tree, data, record["url"])
            runs["other"].append(time.process_time() - start)
            headline.loose.cache_clear()
            headline._squeezed.cache_clear()
            start = time.process_time()
            headline.find_headline(tree, data, record["url"])
            runs["this"].append(time.process_time() - start)
        for name, values in runs.items():
            times[name].append(min(values) * 1000)
    for name, values in times.items():
        print(f"{name}: median {statistics.median(values):.3f} ms, mean {statistics.fmean(values):.3f} ms per page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Pages whose headline the current rule chooses differently from the rule before issue #12.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.headline_changes [DATASET_DIR]   # default ../shared/data/dates-dev

For a set without headline annotations (dates-dev) this is how the change was read: each page where
``choose_headline`` with the shipped ``Rules`` and with every rule off (a fixed order, JSON-LD
first) disagree, with all the candidates, and the count.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.extraction import DEFAULT_DATASETS, load_scorer
from newscrawl.extract import parse_html
from newscrawl.extract.headline import RULES, Rules, choose_headline, headline_candidates
from newscrawl.extract.structured import read_page_data

BEFORE = Rules(min_support=0, shortest_structured=False, suffix_by_comparison=False, visible_h1=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASETS[1])
    args = ap.parse_args(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())

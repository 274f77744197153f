"""Which headline source agrees with the expected headline, and how well any fixed order can do.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.headline_sources [DATASET_DIR]   # default ../shared/data/fundus-dev

For every page it reads the candidate headlines ``find_headline`` chooses from (JSON-LD headline,
og:title, twitter:title, the first h1 inside article/main, the first h1, the <title>; the site
name stripped as ``find_headline`` strips it), then prints how many pages each source matches
exactly (whitespace-normalised, as the scorer's headline_exact), the score of every fixed priority
order of the six sources (the best ones) and of two rules that look at agreement between sources,
and the share of pages that at least one source matches.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from benchmarks.extraction import DEFAULT_DATASETS, load_scorer
from newscrawl.extract import parse_html
from newscrawl.extract.headline import site_keys, strip_site
from newscrawl.extract.structured import ld_text, read_page_data
from newscrawl.extract.text import clean_text, node_text

SOURCES = ("jsonld", "og:title", "twitter:title", "h1 in article", "first h1", "title")


def candidates(html: bytes, url: str) -> dict[str, str]:
    tree = parse_html(html)
    data = read_page_data(tree, url)
    keys = site_keys(data, url)
    found: dict[str, str] = {}
    headline = ld_text(data.article.get("headline")) if data.article else None
    if headline:
        found["jsonld"] = strip_site(headline, keys)
    for name in ("og:title", "twitter:title"):
        value = data.meta_first(name)
        if value:
            found[name] = strip_site(value, keys)
    in_article = [t for t in (node_text(h) for h in tree.xpath("//article//h1 | //main//h1")) if t]
    anywhere = [t for t in (node_text(h) for h in tree.iter("h1")) if t]
    if in_article:
        found["h1 in article"] = in_article[0]
    if anywhere:
        found["first h1"] = anywhere[0]
    title = tree.find(".//title")
    if title is not None and clean_text(title.text_content()):
        found["title"] = strip_site(clean_text(title.text_content()), keys)
    return found


def _loose(text: str | None) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in (text or "").casefold()).split())


def _h1_tiebreak(found: dict[str, str]) -> str:
    ld, og = found.get("jsonld"), found.get("og:title")
    h1 = found.get("h1 in article") or found.get("first h1")
    if ld and og and _loose(ld) != _loose(og):
        return ld if h1 and _loose(h1) == _loose(ld) else og
    return next((found[s] for s in SOURCES if s in found), "")


def _majority(found: dict[str, str], order: tuple[str, ...]) -> str:
    votes: dict[str, int] = {}
    for value in found.values():
        votes[value] = votes.get(value, 0) + 1
    ranked = [found[s] for s in order if s in found]
    return max(ranked, key=lambda v: (votes[v], -ranked.index(v)), default="")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASETS[0])
    args = ap.parse_args(argv)
    scorer = load_scorer()
    pages = []
    for record, html in scorer.iter_pages(args.dataset):
        expected = (record.get("expected") or {}).get("headline")
        if expected:
            found = candidates(html, record["url"])
            pages.append((" ".join(expected.split()), {k: " ".join(v.split()) for k, v in found.items()}))
    n = len(pages)
    print(f"{args.dataset.name}: {n} pages with an expected headline")
    print(f"  {'source':<16}{'present':>9}{'matches':>9}")
    for source in SOURCES:
        present = sum(source in found for _, found in pages)
        matches = sum(found.get(source) == expected for expected, found in pages)
        print(f"  {source:<16}{present:>9}{matches:>9}")
    orders = []
    for order in itertools.permutations(SOURCES):
        hits = sum(next((found[s] for s in order if s in found), "") == expected for expected, found in pages)
        orders.append((hits, order))
    orders.sort(key=lambda o: -o[0])
    print(f"  best fixed orders of the {len(orders)} (first source present wins):")
    for hits, order in orders[:3]:
        print(f"    {hits}/{n} = {hits / n:.3f}  {' > '.join(order)}")
    rules = {
        "JSON-LD vs og:title disagree: the one an h1 repeats, else og:title": _h1_tiebreak,
        "majority of the sources, ties by the best fixed order": lambda found: _majority(found, orders[0][1]),
    }
    for name, rule in rules.items():
        hits = sum(rule(found) == expected for expected, found in pages)
        print(f"    {hits}/{n} = {hits / n:.3f}  {name}")
    any_match = sum(any(v == expected for v in found.values()) for expected, found in pages)
    print(f"  pages some source matches: {any_match}/{n} = {any_match / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

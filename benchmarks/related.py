"""Related links on real pages: precision and recall of ``related`` against hand labels.

``benchmarks/related_labels.json`` holds the related-article links of 63 pages of the shared
evaluation sets (its ``about`` says how the pages were chosen and what counts as related). A
predicted link is right when its normalized URL is one of the page's labelled URLs; scores are
summed over links (micro average), so pages without a related block count through their false
positives.

Usage (from the repository root; only the labelled pages, a few seconds)::

    .venv/bin/python -m benchmarks.related [--pages] [--without cards|timeline] [--links FILE]

``--without`` switches one kind of evidence off (to see what it adds); ``--links`` runs another
version of ``newscrawl/extract/links.py`` (e.g. ``git show REV:newscrawl/extract/links.py > old.py``).

``python -m benchmarks.extraction`` prints the same figures for the labelled pages of each dataset.
"""

from __future__ import annotations

import argparse
import gzip
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from newscrawl.extract.urls import normalize_url

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "related_labels.json"
DATA = ROOT.parent / "shared" / "data"


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    """Labelled pages by page id."""
    pages = orjson.loads(path.read_bytes())["pages"]
    return {p["id"]: p for p in pages}


def _urls(links: Iterable[Any]) -> set[str]:
    out = set()
    for link in links or ():
        url = link.get("url") if isinstance(link, dict) else getattr(link, "url", None)
        if url:
            out.add(normalize_url(url))
    return out


def page_counts(predicted: Iterable[Any], labelled: Iterable[Any]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one page's related links."""
    pred, gold = _urls(predicted), _urls(labelled)
    return len(pred & gold), len(pred - gold), len(gold - pred)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def related_report(name: str, preds: dict[str, dict[str, Any]], labels: dict[str, dict[str, Any]]) -> str | None:
    """One line of related precision/recall/F1 over the labelled pages among ``preds``."""
    tp = fp = fn = pages = 0
    for pid, label in labels.items():
        if pid not in preds:
            continue
        a, b, c = page_counts(preds[pid].get("related") or [], label["related"])
        tp, fp, fn, pages = tp + a, fp + b, fn + c, pages + 1
    if not pages:
        return None
    p, r, f = prf(tp, fp, fn)
    return f"{name}: related on {pages} labelled pages  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})"


def _html(page: dict[str, Any]) -> bytes:
    meta = DATA / page["dataset"] / f"{page['id']}.json"
    rec = orjson.loads(meta.read_bytes())
    return gzip.decompress((meta.parent / rec["html_file"]).read_bytes())


def _switch(without: list[str], links_file: Path | None) -> None:
    import importlib.util
    import re

    import newscrawl.extract
    from newscrawl.extract import links

    if links_file is not None:
        spec = importlib.util.spec_from_file_location("other_links", links_file)
        if spec is None or spec.loader is None:
            raise SystemExit(f"cannot load {links_file}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        newscrawl.extract.find_related = module.find_related  # type: ignore[attr-defined]
    if "cards" in without:
        links._inline_cards = lambda tree: []
    if "timeline" in without:
        phrases = links._PHRASES.replace(f"|{links._TIMELINE}", "")
        links._HEADING_TEXT = re.compile(rf"^(?:{phrases})\s*[:：»›>|–-]?$", re.IGNORECASE)
        links._INLINE_LABEL = re.compile(rf"^(?:{phrases}|more)\s*[:：»›>|–-]", re.IGNORECASE)


def _cpu_ms(labels: dict[str, dict[str, Any]]) -> float:
    import statistics
    import time

    import newscrawl.extract
    from newscrawl.extract.structured import read_page_data

    times = []
    for page in labels.values():
        tree = newscrawl.extract.parse_html(_html(page))
        index = read_page_data(tree, page["url"]).attr_index
        best = float("inf")
        for _ in range(5):
            start = time.process_time()
            newscrawl.extract.find_related(tree, page["url"], page["url"], index)  # type: ignore[attr-defined]
            best = min(best, time.process_time() - start)
        times.append(best * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    from newscrawl.extract import extract_article

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--pages", action="store_true", help="print each page's counts and its misses")
    ap.add_argument("--without", action="append", default=[], choices=("cards", "timeline"))
    ap.add_argument("--links", type=Path, help="another links.py to measure instead")
    ap.add_argument("--cpu", action="store_true", help="also time find_related alone (median over pages)")
    args = ap.parse_args(argv)
    _switch(args.without, args.links)
    if args.cpu:
        print(f"find_related: median {_cpu_ms(load_labels(args.labels)):.3f} ms CPU per page (best of 5 runs each)")
    labels = load_labels(args.labels)
    preds: dict[str, dict[str, Any]] = {}
    for pid, page in labels.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            preds[pid] = extract_article(_html(page), page["url"], fields=("related",))
        if args.pages:
            tp, fp, fn = page_counts(preds[pid].get("related") or [], page["related"])
            gold, got = _urls(page["related"]), _urls(preds[pid].get("related") or [])
            print(f"{pid:<48} tp {tp:>2} fp {fp:>2} fn {fn:>2}")
            for url in sorted(got - gold):
                print(f"    + {url[:120]}")
            for url in sorted(gold - got):
                print(f"    - {url[:120]}")
    for dataset in ("fundus-dev", "dates-dev"):
        subset = {k: v for k, v in labels.items() if v["dataset"] == dataset}
        line = related_report(dataset, preds, subset)
        if line:
            print(line)
    print(related_report("all", preds, labels))
    with_block = sum(1 for v in labels.values() if v["related"])
    print(f"labels: {len(labels)} pages, {with_block} with related links, {len(labels) - with_block} without")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

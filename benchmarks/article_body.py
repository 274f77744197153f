"""Body F1 on the public article-extraction benchmark (181 real pages), beside trafilatura.

    .venv/bin/python -m benchmarks.article_body DIR [--only newscrawl|trafilatura]

DIR is a local copy of the public ``scrapinghub/article-extraction-benchmark`` repository (its
``ground-truth.json`` and ``html/*.html.gz``); nothing of it is kept in this repo. Used as a held-out
check: no rule is fitted on it.

The metric follows the benchmark's published definition: texts are split into ``\\w+`` tokens, each
page's 4-token shingles are matched as multisets, the page's true/false positive and false negative
counts are normalised to sum to one, and precision and recall are the means over pages; F1 is taken
from the two means.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import orjson

from benchmarks.extraction import TOOLS

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(tp: float, wrong: float, other: float) -> float:
    if wrong == other == 0:
        return 1.0
    return tp / (tp + wrong) if tp + wrong else 0.0


def score(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    precision = statistics.mean(_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0)
    return 2 * precision * recall / (precision + recall), precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="a copy of the public article-extraction-benchmark repository")
    parser.add_argument("--only", choices=sorted(TOOLS))
    args = parser.parse_args()
    truth_file = args.data / "ground-truth.json"
    if not truth_file.is_file():
        parser.error(f"{truth_file} not found: DIR must hold ground-truth.json and html/")
    truth = orjson.loads(truth_file.read_bytes())
    pages = [
        (key, value, gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes()))
        for key, value in truth.items()
    ]
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'tool':<12} {'F1':>6} {'P':>6} {'R':>6} {'median CPU ms':>14}")
    for name, fn in TOOLS.items():
        if args.only and name != args.only:
            continue
        counts, cpu = [], []
        for _key, value, html in pages:
            start = time.process_time()
            try:
                body = fn(html, value.get("url") or "").get("body") or ""
            except Exception:  # a tool that fails on a page scores an empty body there
                body = ""
            cpu.append((time.process_time() - start) * 1000)
            counts.append(page_counts(value.get("articleBody") or "", body))
        f1, p, r = score(counts)
        print(f"{name:<12} {f1:>6.4f} {p:>6.4f} {r:>6.4f} {statistics.median(cpu):>14.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark ``extract_article`` against trafilatura on the shared evaluation sets.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.extraction [DATASET_DIR ...] [--out DIR] [--only newscrawl|trafilatura]

For each dataset (default: ``../shared/data/fundus-dev`` and ``../shared/data/dates-dev``) both
tools run over every page; predictions are written as JSONL, scored with the shared
``score_extraction.py``, and printed side by side with the median CPU time per page. A per-page
diff report (``<dataset>-diff.jsonl``: expected vs predicted per field, with scores) is written
next to the predictions so misses can be read.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

from benchmarks import author_labels_text as author_labels

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_DATASETS = [SHARED / "data" / "fundus-dev", SHARED / "data" / "dates-dev"]
SCORER = SHARED / "tools" / "score_extraction.py"

METRICS = ("headline_exact", "authors_f1", "date_day_acc", "body_f1", "body_p", "body_r")


def load_scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_newscrawl(html: bytes, url: str) -> dict[str, Any]:
    from newscrawl.extract import extract_article

    return extract_article(html, url)


def run_trafilatura(html: bytes, url: str) -> dict[str, Any]:
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    if doc is None:
        return {}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    author = d.get("author") or ""
    return {
        "headline": d.get("title"),
        "authors": [a.strip() for a in author.split(";") if a.strip()],
        "published": d.get("date"),
        "body": d.get("text"),
    }


TOOLS: dict[str, Callable[[bytes, str], dict[str, Any]]] = {
    "newscrawl": run_newscrawl,
    "trafilatura": run_trafilatura,
}


def predict_one(
    rec: dict[str, Any], html: bytes, fn: Callable[[bytes, str], dict[str, Any]]
) -> tuple[dict[str, Any], float]:
    start = time.process_time()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = fn(html, rec["url"])
    except Exception as exc:  # a benchmark reports failures instead of stopping
        out = {"error": repr(exc)}
    elapsed = time.process_time() - start
    return {"id": rec["id"], "url": rec["url"], **out}, elapsed * 1000


def predict(
    pages: list[tuple[dict[str, Any], bytes]], tools: list[str]
) -> dict[str, list[tuple[dict[str, Any], float]]]:
    """Every tool on every page, page by page, the tools' order alternating from page to page: a
    machine whose speed drifts (a shared VM) slows both alike, where timing one tool's whole run and
    then the other's could not tell a few percent apart."""
    out: dict[str, list[tuple[dict[str, Any], float]]] = {tool: [] for tool in tools}
    for n, (rec, html) in enumerate(pages):
        for tool in tools if n % 2 == 0 else tools[::-1]:
            out[tool].append(predict_one(rec, html, TOOLS[tool]))
    return out


def diff_rows(
    pages: list[tuple[dict[str, Any], bytes]],
    preds: dict[str, dict[str, dict[str, Any]]],
    scores: dict[str, dict[str, dict[str, Any]]],
) -> Iterator[dict[str, Any]]:
    for rec, _ in pages:
        pid = rec["id"]
        row: dict[str, Any] = {"id": pid, "url": rec["url"]}
        for field, value in rec["expected"].items():
            if field not in ("headline", "authors", "published", "body"):
                continue
            row[field] = {"expected": value if field != "body" else value[:300]}
            for tool, by_id in preds.items():
                got = by_id.get(pid, {}).get(field)
                row[field][tool] = got if field != "body" or got is None else got[:300]
        for tool, by_id in scores.items():
            s = by_id.get(pid, {})
            row[f"score_{tool}"] = {k: round(v, 3) for k, v in s.items() if k in METRICS}
            prov = preds[tool].get(pid, {}).get("provenance")
            if prov:
                row[f"provenance_{tool}"] = prov
        yield row


def print_related(name: str, preds: dict[str, dict[str, Any]]) -> None:
    """Related-link precision/recall on the hand-labelled pages (benchmarks/related_labels.json)."""
    from benchmarks.related import load_labels, related_report

    if "newscrawl" in preds:
        line = related_report(f"{name} newscrawl", preds["newscrawl"], load_labels())
        if line:
            print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="*", type=Path, default=DEFAULT_DATASETS)
    ap.add_argument("--out", type=Path, default=ROOT / "output" / "benchmark")
    ap.add_argument("--only", choices=sorted(TOOLS), action="append", help="run only this tool (repeatable)")
    ap.add_argument("--scorer", type=Path, default=SCORER)
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    tools = args.only or list(TOOLS)
    args.out.mkdir(parents=True, exist_ok=True)
    labels = author_labels.load_labels()
    author_rows: list[dict[str, Any]] = []
    for dataset in args.datasets:
        name = dataset.resolve().name
        pages = list(scorer.iter_pages(dataset))
        records = [rec for rec, _ in pages]
        summaries: dict[str, dict[str, Any]] = {}
        cpu: dict[str, float] = {}
        preds: dict[str, dict[str, dict[str, Any]]] = {}
        scores: dict[str, dict[str, dict[str, Any]]] = {}
        runs = predict(pages, tools)
        for tool in tools:
            path = args.out / f"{name}-{tool}.jsonl"
            times: list[float] = []
            by_id: dict[str, dict[str, Any]] = {}
            with path.open("wb") as fh:
                for pred, ms in runs[tool]:
                    times.append(ms)
                    by_id[pred["id"]] = pred
                    fh.write(orjson.dumps(pred, default=str) + b"\n")
            cpu[tool] = statistics.median(times)
            preds[tool] = by_id
            summary, rows = scorer.score(records, by_id, {})
            summaries[tool] = summary
            scores[tool] = {r["id"]: r for r in rows}
            errors = sum(1 for p in by_id.values() if "error" in p)
            if errors:
                print(f"{name}: {tool} failed on {errors} pages", file=sys.stderr)
        if "newscrawl" in preds:
            author_rows += score_author_details(labels, pages, preds["newscrawl"])
        with (args.out / f"{name}-diff.jsonl").open("wb") as fh:
            for row in diff_rows(pages, preds, scores):
                fh.write(orjson.dumps(row, default=str) + b"\n")
        print(f"\n{name}: {len(pages)} pages  (predictions and {name}-diff.jsonl in {args.out})")
        print(f"  {'metric':<16}" + "".join(f"{t:>14}" for t in tools))
        for metric in METRICS:
            cells = []
            for tool in tools:
                v = summaries[tool].get(metric)
                cells.append(f"{v['value']:>14.4f}" if v else f"{'-':>14}")
            print(f"  {metric:<16}" + "".join(cells))
        print(f"  {'cpu_ms_median':<16}" + "".join(f"{cpu[t]:>14.2f}" for t in tools))
        print_related(name, preds)
        if "newscrawl" in cpu and "trafilatura" in cpu and cpu["trafilatura"]:
            ours, theirs = [ms for _, ms in runs["newscrawl"]], [ms for _, ms in runs["trafilatura"]]
            per_page = statistics.median(a / b for a, b in zip(ours, theirs, strict=True) if b > 0)
            print(
                f"  cpu ratio newscrawl/trafilatura: {cpu['newscrawl'] / cpu['trafilatura']:.2f}x (median pages), "
                f"{per_page:.2f}x (median page's own ratio), {sum(ours) / sum(theirs):.2f}x (all pages)"
            )
    if author_rows:
        s = author_labels.summarize(author_rows)
        print(
            f"\nauthor_details on {s['pages']} hand-labelled pages (benchmarks/author_labels.json):\n"
            f"  url precision {s['url_p']:.4f}  recall {s['url_r']:.4f}\n"
            f"  bio token F1 {s['bio_f1']:.4f} on {s['bio_pages']} pages with a bio;"
            f" false-bio rate {s['false_bio_rate']:.4f} on {s['no_bio_pages']} pages without"
        )
    return 0


def score_author_details(
    labels: dict[str, dict[str, Any]], pages: list[tuple[dict[str, Any], bytes]], preds: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Score ``author_details`` on this dataset's labelled pages (the labels say which pages and what)."""
    from newscrawl.extract import parse_html

    rows = []
    for rec, html in pages:
        label = labels.get(rec["id"])
        if label is None:
            continue
        haystack = author_labels.page_haystack(parse_html(html), rec["url"])
        details = preds.get(rec["id"], {}).get("author_details") or []
        rows.append({"id": rec["id"], **author_labels.score_page(rec["id"], label, details, haystack)})
    return rows


if __name__ == "__main__":
    raise SystemExit(main())

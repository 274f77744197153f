"""The extraction worker's CPU per page, by stage, on each page kind; optionally A/B against another checkout.

    python -m benchmarks.worker_stages [--kind wordpress|news|demo|fundus] [--rounds 4] [--src OTHER] [--cold]

The worker's whole job (``process_pool._extract``: parse, comment pruning, article detection,
``extract_article``; MinHash in checkouts that computed it there) runs over one page kind: 57 WordPress-style posts (every 7th of
``benchmarks.wordpress``, as ``benchmarks.page_costs``), 60 pages of the news shape
(``benchmarks.site``), 60 demo articles, or the 129 real pages of ``../shared/data/fundus-dev``.
Each stage's CPU time (``time.process_time``) is summed per page; trafilatura is the share of the
body stage spent in its ``bare_extraction``.

``--src OTHER`` loads newscrawl from OTHER as well, side by side in this process (A = OTHER, B =
this checkout), and runs the two on each page in turn, A B then B A: a loaded machine's drift falls
on both alike (whole rounds in turn, or two processes, could not resolve 5% on a machine shared with
other jobs). ``--cold`` empties the per-process caches before each round (a set of pages from many
sites, such as fundus-dev: there a site's class names and links do not repeat). Medians over rounds.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FUNDUS = ROOT.parent / "shared" / "data" / "fundus-dev"
FIELDS = ["canonical_url", "section", "headline", "description", "body", "authors", "byline", "published",
          "modified", "language", "tags", "image", "related"]  # fmt: skip
BASE = "http://127.0.0.1:8000"
# module -> the stage functions it calls by name (wrapped there, so the caller's own name is timed)
STAGES = {
    "newscrawl.process_pool": ["without_comments", "classify_page", "minhash", "extract_article"],
    "newscrawl.extract": ["read_page_data", "find_headline", "find_authors", "find_author_details", "extract_body",
                          "find_dates", "find_related"],
}  # fmt: skip
# per-process caches that a crawl of one site keeps warm: (module, name)
CACHES = [("newscrawl.extract.text", "_VERDICTS"), ("newscrawl.extract.urls", "normalize_url"),
          ("newscrawl.extract.links", "_furniture_attrs")]  # fmt: skip

Page = tuple[str, str, bool]  # url, text, classify (a page found by discovery is checked for being an article)


def pages(kind: str) -> list[Page]:
    if kind == "wordpress":
        from benchmarks.wordpress import WordPressSite, post_path

        site = WordPressSite(400)
        site.base = BASE
        return [(BASE + post_path(n), site.post(n).decode(), True) for n in range(1, 400, 7)]
    if kind == "news":
        from benchmarks.site import article_page, article_path

        return [(BASE + article_path(n), article_page(n, 3000).decode(), False) for n in range(0, 3000, 50)]
    if kind == "demo":
        from newscrawl.demo.site import build_site

        demo = build_site(n_articles=240)
        return [(BASE + p, demo.render(p, BASE)[2].decode(), True) for p in demo.article_paths[::4]]
    from newscrawl.extract.encoding import decode_html

    out = []
    for path in sorted(FUNDUS.rglob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        html = gzip.decompress((path.parent / rec["html_file"]).read_bytes())
        out.append((rec["url"], decode_html(html), False))
    return out


class Side:
    """One checkout's newscrawl, its stage functions wrapped to add their CPU time to ``spent``."""

    def __init__(self, src: Path | None) -> None:
        for name in [m for m in sys.modules if m == "newscrawl" or m.startswith("newscrawl.")]:
            del sys.modules[name]
        if src is not None:
            sys.path.insert(0, str(src))
        try:
            modules = {name: importlib.import_module(name) for name in STAGES}
            self.caches = [getattr(importlib.import_module(m), n, None) for m, n in CACHES]
        finally:
            if src is not None:
                sys.path.remove(str(src))
        self.where = str(Path(modules["newscrawl.process_pool"].__file__ or "").parent.parent)
        self.spent: dict[str, float] = {}
        for name, functions in STAGES.items():
            for fn_name in functions:
                if not hasattr(modules[name], fn_name):
                    continue  # a stage this checkout does not run in the worker (MinHash: the crawl process computes it now)
                setattr(modules[name], fn_name, self._timed(getattr(modules[name], fn_name), fn_name))
        self.extract: Callable[..., Any] = modules["newscrawl.process_pool"]._extract

    def _timed(self, fn: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.process_time() - started

        return timed

    def clear(self) -> None:
        for cache in self.caches:
            if hasattr(cache, "cache_clear"):
                cache.cache_clear()
            elif isinstance(cache, dict):
                for known in cache.values():
                    known.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=["wordpress", "news", "demo", "fundus"], default="wordpress")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--src", type=Path, help="A/B: newscrawl from this checkout is side A")
    parser.add_argument("--cold", action="store_true", help="empty the per-process caches before each round")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    import parsel.selector
    import trafilatura

    sides = {"B": Side(None)} if args.src is None else {"A": Side(args.src.resolve()), "B": Side(None)}
    current = ["B"]
    # parsing and trafilatura are shared by both sides: timed for the side running
    for module, name, label in ((parsel.selector, "create_root_node", "parse"), (trafilatura, "bare_extraction", "  trafilatura")):  # fmt: skip
        fn = getattr(module, name)

        def shared(*a: Any, _fn: Callable[..., Any] = fn, _label: str = label, **k: Any) -> Any:
            started = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent = sides[current[0]].spent
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - started

        setattr(module, name, shared)
    todo = pages(args.kind)
    print(f"{args.kind}: {len(todo)} pages; " + ", ".join(f"{k} = {s.where}" for k, s in sides.items()))

    def run(key: str, page: Page, total: dict[str, float]) -> None:
        current[0] = key
        url, text, classify = page
        started = time.process_time()
        with contextlib.suppress(Exception):  # a page the code cannot extract costs what it cost
            sides[key].extract(text, url, FIELDS, classify)
        total[key] = total.get(key, 0.0) + time.process_time() - started

    for key in sides:  # imports and first-use compiles
        for page in todo[:5]:
            run(key, page, {})
    results: dict[str, dict[str, list[float]]] = {key: {} for key in sides}
    for r in range(args.rounds):
        total: dict[str, float] = {}
        for side in sides.values():
            if args.cold:
                side.clear()
            side.spent.clear()
        for i, page in enumerate(todo):
            for key in sides if (i + r) % 2 == 0 else reversed(list(sides)):
                run(key, page, total)
        for key, side in sides.items():
            for stage, seconds in {"total": total[key], **side.spent}.items():
                results[key].setdefault(stage, []).append(1000 * seconds / len(todo))
    print(
        f"CPU ms per page, median of {args.rounds} rounds (min){'; caches emptied before each round' if args.cold else ''}"
    )
    first = next(iter(results))
    for stage in sorted(results[first], key=lambda s: -statistics.median(results[first][s])):
        cells = []
        for key in results:
            values = results[key].get(stage, [0.0])
            cells.append(f"{key} {statistics.median(values):7.2f} ({min(values):6.2f})")
        line = f"  {stage:<20} " + "   ".join(cells)
        if len(results) == 2:
            a, b = (statistics.median(results[k].get(stage, [0.0])) for k in ("A", "B"))
            line += f"   {100 * (b - a) / a:+6.1f}%" if a else ""
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The crawl process's own work per article, in-process: A/B of two checkouts in alternating rounds.

    python -m benchmarks.crawl_costs                      # this checkout
    python -m benchmarks.crawl_costs --src OLD --rounds 6  # and another checkout, alternating

Each round runs in a fresh interpreter with newscrawl imported from the checkout under test and
times, in CPU ms per article (``time.process_time``):

- ``response check``: ``ResponseCheckMiddleware.process_response`` on generated WordPress posts
  (the page as the crawl process gets it: body checks, link count, encoding);
- ``item``: ``NewsSpider.build_article`` (the item loader over what an extraction worker returns)
  and the four pipelines (normalize, dedupe, validate, JSON Lines output with the SQLite state
  store) for ``--articles`` articles built from the worker's output on generated news, WordPress and
  demo pages (each body altered so that no two are near-duplicates). The worker's output is
  computed with this checkout's code once, before the rounds, so both sides get the same input.

The JSON Lines written by each side are compared (``crawled_at`` is fixed): they must be identical.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["canonical_url", "section", "headline", "description", "body", "authors", "byline", "published",
          "modified", "language", "tags", "image", "related", "author_details"]  # fmt: skip
BASE = "http://127.0.0.1:8000"


def pages() -> list[tuple[str, str]]:
    from benchmarks.site import article_page, article_path
    from benchmarks.wordpress import WordPressSite, post_path
    from newscrawl.demo.site import build_site

    found = [(BASE + article_path(n), article_page(n, 3000).decode()) for n in range(0, 3000, 60)]
    wp = WordPressSite(300)
    wp.base = BASE
    found += [(BASE + post_path(n), wp.post(n).decode()) for n in range(1, 300, 6)]
    demo = build_site(n_articles=240)
    found += [(BASE + path, demo.render(path, BASE)[2].decode()) for path in demo.article_paths[::5]]
    return found


def worker_outputs(path: Path) -> None:
    from newscrawl.process_pool import _extract

    out = []
    for url, text in pages():
        found = _extract(text, url, FIELDS, False)
        found.pop("_signature", None)
        found.pop("canonical_url", None)  # each article its own URL, below
        out.append(found)
    path.write_bytes(pickle.dumps(out))


def measure(inputs: Path, articles: int, out: Path) -> dict[str, float]:
    """One round, in this interpreter (newscrawl from PYTHONPATH)."""
    import asyncio

    from scrapy.exceptions import DropItem
    from scrapy.http import HtmlResponse, Request, Response
    from scrapy.utils.reactor import install_reactor
    from scrapy.utils.test import get_crawler

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    from benchmarks.wordpress import WordPressSite
    from newscrawl.cli import _project_settings
    from newscrawl.middlewares.responses import ResponseCheckMiddleware
    from newscrawl.pipelines.dedupe import DedupePipeline
    from newscrawl.pipelines.normalize import NormalizePipeline
    from newscrawl.pipelines.output import JsonLinesPipeline
    from newscrawl.pipelines.validate import ValidatePipeline
    from newscrawl.spiders.news import NewsSpider
    from newscrawl.state import minhash, open_store, remember_signature

    results: dict[str, float] = {}
    wp = WordPressSite(300)
    wp.base = BASE
    posts = [wp.post(n) for n in range(1, 300, 5)]
    check = ResponseCheckMiddleware(get_crawler(settings_dict=_project_settings().copy_to_dict()))
    meta = {"newscrawl_nesting_in_worker": True}
    answers = []
    for n, body in enumerate(posts):
        request = Request(f"{BASE}/p/{n}/", meta=meta)
        headers = {"Content-Type": "text/html; charset=UTF-8"}
        answers.append((request, Response(request.url, body=body, headers=headers, request=request)))
    started = time.process_time()
    for _ in range(3):
        for request, response in answers:
            check.process_response(request, response)
    results["response check"] = 1000 * (time.process_time() - started) / (3 * len(answers))

    found = pickle.loads(inputs.read_bytes())
    prepared = []
    for i in range(articles):
        result = dict(found[i % len(found)])
        if result.get("body"):  # every third word marked: no two bodies are near-duplicates
            result["body"] = "\n\n".join(
                " ".join(w + str(i) if k % 3 == 0 else w for k, w in enumerate(p.split(" ")))
                for p in result["body"].split("\n\n")
            )
            result["_signature"] = minhash(result["body"])  # computed by the worker in a crawl
        prepared.append(result)

    class Pool:
        active = True
        taken = 0

        async def extract(self, response: Any, fields: Any, classify: bool = False) -> dict[str, Any]:
            result = dict(prepared[self.taken])
            self.taken += 1
            sig = result.pop("_signature", None)
            if sig is not None:
                remember_signature(result["body"], sig)  # as ExtractionPool.extract does
            return result

        def close(self) -> None:
            pass

    tmp = Path(tempfile.mkdtemp())
    settings = _project_settings()
    settings.set("NEWSCRAWL_OUTPUT", str(out))
    settings.set("NEWSCRAWL_STATE", str(tmp / "state.sqlite"))
    crawler = get_crawler(NewsSpider, settings.copy_to_dict())
    spider = NewsSpider(target=BASE + "/")
    spider._set_crawler(crawler)
    crawler.spider = spider
    spider.state = open_store(crawler.settings, spider.site)
    spider._nesting_in_worker = True
    spider.max_nesting = 1000
    spider.extraction = Pool()  # type: ignore[assignment]
    pipes = [
        cls.from_crawler(crawler) for cls in (NormalizePipeline, DedupePipeline, ValidatePipeline, JsonLinesPipeline)
    ]
    for pipe in pipes:
        if hasattr(pipe, "open_spider"):
            pipe.open_spider()
    page = b"<html><body><p>x</p></body></html>"
    responses = []
    for n in range(articles):
        request = Request(f"{BASE}/a/{n}/", meta=meta)
        responses.append(HtmlResponse(request.url, body=page, encoding="utf-8", request=request))

    async def run() -> None:
        for response in responses:
            item = await spider.build_article(response)
            if item is None:
                continue
            item.crawled_at = "2026-01-01T00:00:00+00:00"
            try:
                for pipe in pipes:
                    item = pipe.process_item(item)
            except DropItem:
                pass

    started = time.process_time()
    asyncio.run(run())
    for pipe in pipes:
        if hasattr(pipe, "close_spider"):
            pipe.close_spider()
    spider.state.close()
    results["item"] = 1000 * (time.process_time() - started) / articles
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, help="another checkout, measured in alternating rounds")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--round", nargs=2, metavar=("INPUTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.round:
        import newscrawl

        assert newscrawl.__file__ is not None
        measured = measure(Path(args.round[0]), args.articles, Path(args.round[1]))
        print(json.dumps({**measured, "src": str(Path(newscrawl.__file__).parent.parent)}))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="newscrawl-costs-"))
    inputs = tmp / "worker-outputs.pickle"
    worker_outputs(inputs)
    sides = {"this": ROOT} | ({"src": args.src.resolve()} if args.src else {})
    times: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    outputs: dict[str, bytes] = {}
    for n in range(args.rounds):
        for name in sides if n % 2 == 0 else reversed(list(sides)):
            out = tmp / f"{name}-{n}.jsonl"
            env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(sides[name]), str(ROOT)]))
            # this file as a script: ``-m`` would put the working directory first on sys.path, before
            # PYTHONPATH, and the other checkout has no benchmarks.crawl_costs
            cmd = [sys.executable, str(Path(__file__).resolve()), "--articles", str(args.articles),
                   "--round", str(inputs), str(out)]  # fmt: skip
            line = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True, check=True).stdout
            measured = json.loads(line.strip().splitlines()[-1])
            if measured.pop("src") != str(sides[name]):
                raise SystemExit(f"round {n} of {name} did not import newscrawl from {sides[name]}")
            times[name].append(measured)
            outputs.setdefault(name, out.read_bytes())
    print(f"CPU ms per article, medians of {args.rounds} rounds (min-max); {args.articles} articles")
    for name, rounds in times.items():
        cells = []
        for step in rounds[0]:
            values = [r[step] for r in rounds]
            cells.append(f"{step} {statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})")
        print(f"  {name:<5} {sides[name]}: " + ", ".join(cells))
    if len(outputs) == 2:
        same = outputs["this"] == outputs["src"]
        records = len(outputs["this"].splitlines())
        print(f"JSON Lines written: {'identical' if same else 'DIFFERENT'} ({records} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

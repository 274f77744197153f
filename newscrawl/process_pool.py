"""``extract_article`` in worker processes, so that a CPU-bound crawl uses more than one core.

The crawl process downloads, schedules, dedupes and writes; generic extraction (most of the CPU of
a fast crawl, docs/performance.md) runs in NEWSCRAWL_EXTRACT_PROCESSES worker processes ("auto":
one per core). A worker gets the decoded page and its URL, parses it as parsel does for
``response.selector``, and returns the fields the crawl process would have computed, plus the
page's nesting depth (the body check the crawl process then skips: middlewares/responses.py) and,
for a page found by discovery, whether it is an article (discovery/pages.py). The body's MinHash
for dedupe is computed in the crawl process: it needs NumPy, ~15 MB more in each worker for
~0.5 ms of CPU per article. With 0 processes (the default: a polite crawl waits on the network, not
on the CPU) extraction stays in the crawl process.

Workers are started by ``spawn``: never forked from the running reactor, and children of the
crawl process, which waits for them, so their CPU time counts in its own (``time``, ``getrusage``).
A worker that dies (a crash in a C library, the OOM killer) breaks the pool: the pages it held are
extracted again in the crawl process, the error is logged and counted, and a new pool takes over.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from newscrawl.discovery.pages import classify_page
from newscrawl.extract import HTMLParser, extract_article
from newscrawl.extract.comments import without_comments
from newscrawl.extract.text import nesting_at_end

if TYPE_CHECKING:
    from scrapy.http import TextResponse

logger = logging.getLogger(__name__)


# "auto": one worker per core, at most this many. A worker holds ~80 MB, and beyond about three workers
# per crawl process, the crawl process itself (a third to a half of a worker's CPU per article,
# docs/performance.md) is the limit; scrapy-redis adds crawl processes.
AUTO_MAX_PROCESSES = 4


def pool_size(value: object) -> int:
    """NEWSCRAWL_EXTRACT_PROCESSES as a number of workers: a whole number >= 0, or "auto" (one per
    core this process may run on, at most AUTO_MAX_PROCESSES)."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - macOS has no affinity
            cores = os.cpu_count() or 1
        return max(1, min(cores, AUTO_MAX_PROCESSES))
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = -1
    if number < 0:
        raise ValueError(f"NEWSCRAWL_EXTRACT_PROCESSES must be a whole number >= 0 or 'auto', got {value!r}")
    return number


def freeze_long_lived() -> None:
    """Leave what exists now (modules, classes, the crawler's components: it lives as long as the
    process) out of the garbage collector's full collections, which otherwise walk all of it each
    time (~100,000 objects in a crawl process: full collections took 0.53 s of a 1,000-article
    WordPress-style crawl, 0.24 s with this; 0.16-0.39 ms per post in a worker, ~0 with this)."""
    gc.collect()
    gc.freeze()


def _start_worker(parent: int) -> None:
    # A worker blocks on its task queue, whose write end it holds itself: a crawl process killed
    # with SIGKILL would leave it waiting forever. It watches its parent instead.
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    # the lazy imports of the first page (trafilatura, htmldate) are paid once per worker, at start
    extract_article(
        "<html><body><article><h1>Start</h1><p>Worker ready.</p></article></body></html>", "http://localhost/"
    )
    freeze_long_lived()


def _extract(text: str, url: str, fields: list[str] | None, classify: bool) -> dict[str, Any]:
    from parsel.selector import create_root_node

    # the tree ``Selector(text=text, type="html").root`` would be, with elements looked up in C
    root = create_root_node(text, HTMLParser)
    return _from_tree(root, url, fields, classify, own_tree=True)


def _from_tree(root: Any, url: str, fields: list[str] | None, classify: bool, own_tree: bool = False) -> dict[str, Any]:
    # the page's nesting depth and, if asked, whether it is an article: the crawl process did not
    # parse the page to check them (the spider acts on both)
    nesting = nesting_at_end(root)
    # once for both: classify_page and extract_article would each leave reader comments out of a copy
    root = without_comments(root, in_place=own_tree)
    if classify:
        verdict = classify_page(root, url)
        if not verdict.is_article:
            return {"_nesting": nesting, "_not_article": verdict.reason}
    return {**extract_article(tree=root, url=url, fields=fields), "_nesting": nesting}


class ExtractionPool:
    """Runs ``extract_article`` for a response, in this process or in worker processes."""

    def __init__(self, processes: int, count: Callable[[str], None] | None = None) -> None:
        self.processes = max(0, processes)
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        if self.processes:
            self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
        )

    async def extract(self, response: TextResponse, fields: list[str] | None, classify: bool = False) -> dict[str, Any]:
        pool = self._pool
        if pool is None:
            return _from_tree(response.selector.root, response.url, fields, classify)
        loop = asyncio.get_running_loop()
        try:
            found: dict[str, Any] = await loop.run_in_executor(
                pool, _extract, response.text, response.url, fields, classify
            )
        except BrokenProcessPool:
            if self._pool is pool:
                if self.count is not None:
                    self.count("extract/pool_restarts")
                logger.error(
                    "an extraction worker process died; starting new ones (page %s extracted here)", response.url
                )
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._start()
            return _from_tree(response.selector.root, response.url, fields, classify)
        if self.count is not None:
            self.count("extract/in_workers")
        return found

    @property
    def active(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

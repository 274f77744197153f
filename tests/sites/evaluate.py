"""Crawl the discovery test sites in both shapes and measure against their truth.

    python -m tests.sites.evaluate [SITE ...] [--all-sections]   # from the repo root: prints the table

Each run is ``newscrawl crawl URL`` in a subprocess against a loopback server (127.0.0.1, a free
port): a section scrape (one section's listing URL) and a whole-site crawl (the home page).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.sites.base import SiteServer, TestSite
from tests.sites.jsapp import JsAppSite
from tests.sites.newscms import NewsCmsSite
from tests.sites.wordpress import WordPressSite

SITES: dict[str, type[TestSite]] = {"wordpress": WordPressSite, "jsapp": JsAppSite, "newscms": NewsCmsSite}
SECTION = "world"
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")


@dataclass
class Result:
    site: str
    shape: str
    truth: int
    emitted: int
    recall: float
    precision: float
    duplicates: int
    trap_pages: int
    exit_code: int
    records: list[dict]
    summary: dict
    requested: list[str]
    stderr: str

    def row(self) -> str:
        return (
            f"{self.site:<10} {self.shape:<8} {self.truth:>5} {self.emitted:>7} {self.recall:>6.3f} "
            f"{self.precision:>9.3f} {self.duplicates:>10} {self.trap_pages:>10}"
        )


HEADER = f"{'site':<10} {'shape':<8} {'truth':>5} {'emitted':>7} {'recall':>6} {'precision':>9} {'duplicates':>10} {'trap pages':>10}"


def crawl(
    site: TestSite, server: SiteServer, shape: str, work: Path, *extra: str, state: bool = False, section: str = SECTION
) -> subprocess.CompletedProcess[str]:
    url = server.base_url if shape == "site" else server.base_url + site.section_paths[section].lstrip("/")
    out = work / f"{site.name}-{shape}.jsonl"
    state_args = () if state else ("--no-state",)
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "crawl", url, "--allow-host", "127.0.0.1", "-O", str(out),
         *state_args, *FAST, *extra],
        cwd=work, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def measure(name: str, shape: str, work: Path, *extra: str, section: str = SECTION) -> Result:
    """One crawl of site ``name``: the whole site (``shape="site"``) or one section's scrape."""
    site = SITES[name]()
    with SiteServer(site) as server:
        result = crawl(site, server, shape, work, *extra, section=section)
        requested = server.paths()
        base = server.base_url
    out = work / f"{site.name}-{shape}.jsonl"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    summary_path = Path(f"{out}.summary.json")
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    truth = site.truth(base, section if shape == "section" else None)
    owner = {url: key for key, urls in truth.items() for url in urls}
    emitted = [owner.get(r["canonical_url"]) for r in records]
    hits = {key for key in emitted if key is not None}
    good = sum(key is not None for key in emitted)
    return Result(
        site=name,
        shape=shape,
        truth=len(truth),
        emitted=len(records),
        recall=len(hits) / len(truth) if truth else 1.0,
        precision=good / len(records) if records else 1.0,
        duplicates=good - len(hits),
        trap_pages=sum(site.is_trap(p) for p in requested),
        exit_code=result.returncode,
        records=records,
        summary=summary,
        requested=requested,
        stderr=result.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    every_section = "--all-sections" in args  # a section scrape of each section, not only SECTION's
    names = [a for a in args if a != "--all-sections"] or list(SITES)
    unknown = [n for n in names if n not in SITES]
    if unknown:
        print(f"unknown site(s) {', '.join(unknown)}; known: {', '.join(SITES)}", file=sys.stderr)
        return 2
    print(HEADER)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            sections = list(SITES[name]().section_paths) if every_section else [SECTION]
            runs = [("section", s) for s in sections] + [("site", SECTION)]
            for shape, section in runs:
                result = measure(name, shape, Path(tmp), section=section)
                label = f" ({section})" if every_section and shape == "section" else ""
                print(result.row() + label, "" if result.exit_code == 0 else f"(exit {result.exit_code})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

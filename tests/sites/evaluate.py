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

from newscrawl.extract.urls import normalize_url
from tests.sites.base import SiteServer, TestSite, credited, path_of
from tests.sites.blogger import BloggerSite
from tests.sites.ghost import GhostSite
from tests.sites.jsapp import JsAppSite
from tests.sites.newscms import NewsCmsSite
from tests.sites.portal import PortalSite
from tests.sites.substack import SubstackSite
from tests.sites.typo3 import Typo3Site
from tests.sites.wordpress import WordPressSite

SITES: dict[str, type[TestSite]] = {
    "wordpress": WordPressSite,
    "jsapp": JsAppSite,
    "newscms": NewsCmsSite,
    "portal": PortalSite,
    "blogger": BloggerSite,
    "ghost": GhostSite,
    "typo3": Typo3Site,
    "substack": SubstackSite,
}
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
    headline_exact: float = 0.0  # share of the emitted articles whose headline / authors are the site's
    authors_exact: float = 0.0

    def row(self) -> str:
        return (
            f"{self.site:<10} {self.shape:<8} {self.truth:>5} {self.emitted:>7} {self.recall:>6.3f} "
            f"{self.precision:>9.3f} {self.duplicates:>10} {self.trap_pages:>10} {self.headline_exact:>8.3f} "
            f"{self.authors_exact:>7.3f}"
        )


HEADER = (
    f"{'site':<10} {'shape':<8} {'truth':>5} {'emitted':>7} {'recall':>6} {'precision':>9} {'duplicates':>10} "
    f"{'trap pages':>10} {'headline':>8} {'authors':>7}"
)


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
    article = {base.rstrip("/") + a.path: a for a in site.articles}
    # a page fetched at another URL than its canonical one (a CMS's raw script form) is scored as the canonical
    known = [
        (r, article.get(r.get("url")) or article[r["canonical_url"]])
        for r in records
        if r.get("url") in article or r.get("canonical_url") in article
    ]
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
        headline_exact=sum(r.get("headline") == a.headline for r, a in known) / len(known) if known else 0.0,
        authors_exact=sum(r.get("authors") == credited(site, a) for r, a in known) / len(known) if known else 0.0,
    )


def related_scores(name: str, records: list[dict]) -> tuple[float, float, float, int]:
    """Precision, recall and F1 of the records' ``related`` links against the site's
    ``related_truth`` (site-relative paths, compared after URL normalization), summed over records;
    and how many records were scored."""
    site = SITES[name]()
    tp = fp = fn = scored = 0
    for record in records:
        article = site.by_path.get(path_of(normalize_url(record["canonical_url"])))
        if article is None:
            continue
        truth = {path_of(normalize_url("http://x" + p)) for p in site.related_truth(article)}
        got = {path_of(normalize_url(link["url"])) for link in record.get("related") or []}
        tp, fp, fn, scored = tp + len(got & truth), fp + len(got - truth), fn + len(truth - got), scored + 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), scored


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    every_section = "--all-sections" in args  # a section scrape of each section, not only SECTION's
    names = [a for a in args if a != "--all-sections"] or list(SITES)
    unknown = [n for n in names if n not in SITES]
    if unknown:
        print(f"unknown site(s) {', '.join(unknown)}; known: {', '.join(SITES)}", file=sys.stderr)
        return 2
    print(HEADER)
    related: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            sections = list(SITES[name]().section_paths) if every_section else [SECTION]
            runs = [("section", s) for s in sections] + [("site", SECTION)]
            for shape, section in runs:
                result = measure(name, shape, Path(tmp), section=section)
                label = f" ({section})" if every_section and shape == "section" else ""
                print(result.row() + label, "" if result.exit_code == 0 else f"(exit {result.exit_code})", flush=True)
                p, r, f, n = related_scores(name, result.records)
                related.append(f"{name:<10} {shape:<8} {n:>7} {p:>9.3f} {r:>6.3f} {f:>6.3f}")
    print(f"\n{'site':<10} {'shape':<8} {'records':>7} {'related P':>9} {'R':>6} {'F1':>6}")
    print("\n".join(related))
    return 0


if __name__ == "__main__":
    sys.exit(main())

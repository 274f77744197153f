"""What a whole-site crawl of a discovery test site extracted, field by field, against the generator's
truth: headline (exact; a kicker is not part of it), authors (the byline's names, in order), published
(the same instant), body (exact, and token F1) and, where the site says which articles its related
block shows (``related_truth``), related links (precision, recall, F1 over the records).

    python -m tests.sites.fields [SITE ...]      # from the repo root
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newscrawl.discovery.dates import parse_date
from tests.sites.base import credited, path_of
from tests.sites.evaluate import SITES, measure


@dataclass
class FieldScores:
    site: str
    records: int = 0
    headline: int = 0
    authors: int = 0
    published: int = 0
    body_exact: int = 0
    body_f1: float = 0.0
    related_tp: int = 0
    related_found: int = 0
    related_truth: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)

    @property
    def related_f1(self) -> float | None:
        if not self.related_truth:
            return None
        p = self.related_tp / self.related_found if self.related_found else 0.0
        r = self.related_tp / self.related_truth
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        n = max(1, self.records)
        rel = "-" if self.related_f1 is None else f"{self.related_f1:.3f}"
        return (
            f"{self.site:<10} {self.records:>7} {self.headline / n:>8.3f} {self.authors / n:>7.3f} "
            f"{self.published / n:>9.3f} {self.body_exact / n:>10.3f} {self.body_f1 / n:>7.3f} {rel:>10}"
        )


HEADER = f"{'site':<10} {'records':>7} {'headline':>8} {'authors':>7} {'published':>9} {'body exact':>10} {'body F1':>7} {'related F1':>10}"


def _token_f1(got: str, want: str) -> float:
    a, b = Counter(got.split()), Counter(want.split())
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def score(name: str, records: list[dict]) -> FieldScores:
    site = SITES[name]()
    related_truth = getattr(site, "related_truth", None)
    out = FieldScores(name)

    def miss(what: str, detail: str) -> None:
        out.misses.setdefault(what, []).append(detail)

    for rec in records:
        # a page fetched at another URL than its canonical one (a CMS's raw script form) is scored as the canonical
        a = site.by_path.get(path_of(rec["url"])) or site.by_path.get(path_of(rec.get("canonical_url") or ""))
        if a is None:
            continue
        out.records += 1
        if rec.get("headline") == a.headline:
            out.headline += 1
        else:
            miss("headline", f"{a.path}: {rec.get('headline')!r} != {a.headline!r}")
        if rec.get("authors") == credited(site, a):
            out.authors += 1
        else:
            miss("authors", f"{a.path}: {rec.get('authors')!r} != {credited(site, a)!r}")
        if parse_date(rec.get("published")) == a.published:
            out.published += 1
        else:
            miss("published", f"{a.path}: {rec.get('published')!r} != {a.published.isoformat()!r}")
        want = "\n\n".join(a.paragraphs)
        out.body_exact += rec.get("body") == want
        out.body_f1 += _token_f1(rec.get("body") or "", want)
        if rec.get("body") != want:
            miss("body", a.path)
        if related_truth is not None:
            truth = set(related_truth(a))
            got = {path_of(r["url"]) for r in rec.get("related") or []}
            out.related_tp += len(truth & got)
            out.related_found += len(got)
            out.related_truth += len(truth)
            if got != truth:
                miss("related", f"{a.path}: extra {sorted(got - truth)}, missing {sorted(truth - got)}")
    return out


def main(argv: list[str] | None = None) -> int:
    names = (sys.argv[1:] if argv is None else argv) or list(SITES)
    unknown = [n for n in names if n not in SITES]
    if unknown:
        print(f"unknown site(s) {', '.join(unknown)}; known: {', '.join(SITES)}", file=sys.stderr)
        return 2
    print(HEADER)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            result = score(name, measure(name, "site", Path(tmp)).records)
            results.append(result)
            print(result.row(), flush=True)
    for result in results:
        for what, details in result.misses.items():
            print(f"\n{result.site}: {len(details)} {what} misses, e.g.")
            for detail in details[:3]:
                print("  ", detail[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())

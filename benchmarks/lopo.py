"""Leave-one-publisher-out: is each extraction rule general, or fitted to the dev publishers?

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.lopo [--fundus DIR] [--dates DIR] [--no-cache] [--field NAME ...]
    .venv/bin/python -m benchmarks.lopo --before    # the headline rule before issue #12: a fixed order

Every rule with a choice (a source order, a rule on or off, a threshold) is a *family* of named
variants below; the first variant is the simplest (the rule off) and wins ties. For each publisher
P (on dates-dev: each site, by host) the variants are chosen on the pages of the *other*
publishers (coordinate ascent from the shipped variants: each family in turn, the others at their
current choice, two sweeps) and P's pages are scored with that choice. ``lopo`` is the mean of
these held-out page scores; ``plain`` is the shipped code on all pages; ``best`` the choice made
on all pages; ``alone`` each variant with the other families as shipped; ``chosen`` how often each
variant was picked. A rule that only helps the publisher it was written for loses the vote when
that publisher is held out, so its gain disappears from ``lopo``.

Each page is extracted once per variant, only for the field the family scores (``fields=``), and
cached in ``output/lopo/`` under a hash of the extraction code, so a rerun after no code change
scores in seconds. trafilatura's own figures are in ``benchmarks.extraction``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import re
import statistics
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import orjson

from benchmarks.extraction import DEFAULT_DATASETS, ROOT, load_scorer
from newscrawl.extract import body, dates, extract_article
from newscrawl.extract import headline as hl

# field -> the scorer's metric
METRIC = {"headline": "headline_exact", "authors": "authors_f1", "body": "body_f1", "published": "date_day_acc"}


@dataclasses.dataclass(frozen=True)
class Family:
    name: str
    field: str
    variants: dict[str, dict[str, Any]]  # variant -> {module attribute: value}; first = simplest
    shipped: str


def _rules(**changes: Any) -> dict[str, Any]:
    return {"newscrawl.extract.headline.RULES": dataclasses.replace(hl.RULES, **changes)}


def _order(*first: str) -> dict[str, Any]:
    return {"newscrawl.extract.headline.ORDER": first + tuple(s for s in hl.ORDER if s not in first)}


_PULL_QUOTES = re.compile(r"\|pull-\?quote\|quote-\?box\|zitat")


def _off(target: str, value: Any) -> dict[str, dict[str, Any]]:
    return {"off": {target: value}, "on": {}}


FAMILIES = [
    Family(
        "headline order",
        "headline",
        {
            "jsonld first": {},
            "og:title first": _order("og:title"),
            "h1 first": _order("h1"),
            "title first": _order("title"),
        },
        "jsonld first",
    ),
    Family(
        "headline support",
        "headline",
        {
            "off": _rules(min_support=0),
            "2": _rules(min_support=2),
            "3": _rules(min_support=3),
            "4": _rules(min_support=4),
        },
        "off" if not hl.RULES.min_support else str(hl.RULES.min_support),
    ),
    Family(
        "headline shortest structured",
        "headline",
        {"off": _rules(shortest_structured=False), "on": _rules(shortest_structured=True)},
        "on" if hl.RULES.shortest_structured else "off",
    ),
    Family(
        "headline suffix by comparison",
        "headline",
        {"off": _rules(suffix_by_comparison=False), "on": _rules(suffix_by_comparison=True)},
        "on" if hl.RULES.suffix_by_comparison else "off",
    ),
    Family(
        "headline visible h1",
        "headline",
        {"off": _rules(visible_h1=False), "on": _rules(visible_h1=True)},
        "on" if hl.RULES.visible_h1 else "off",
    ),
    Family(
        "dates labelled time over metas",
        "published",
        _off("newscrawl.extract.dates._publication_label", lambda el: False),
        "on",
    ),
    Family(
        "dates shown update",
        "published",
        {
            "off": {
                "newscrawl.extract.dates._as_shown": lambda tree, published, modified, zone: dates._local(
                    published, zone
                )
            },
            "head 500": {"newscrawl.extract.dates._SHOWN_HEAD": 500},
            "head 1000": {"newscrawl.extract.dates._SHOWN_HEAD": 1000},
            "head 2000": {"newscrawl.extract.dates._SHOWN_HEAD": 2000},
            "head 4000": {"newscrawl.extract.dates._SHOWN_HEAD": 4000},
            "whole page": {},
        },
        "whole page",
    ),
    Family("authors sign-off", "authors", _off("newscrawl.extract.authors._sign_off", lambda tree: []), "on"),
    Family("authors CMS accounts", "authors", _off("newscrawl.extract.authors.account_like", lambda name: False), "on"),
    Family(
        "authors several marked links",
        "authors",
        _off("newscrawl.extract.authors._byline_around", lambda el, marked: el),
        "on",
    ),
    Family(
        "authors byline completes",
        "authors",
        _off("newscrawl.extract.authors._completes", lambda names, shown: False),
        "on",
    ),
    Family(
        "authors dc.creator order",
        "authors",
        _off("newscrawl.extract.authors._catalogue_order", lambda value: value),
        "on",
    ),
    Family("body boxes", "body", _off("newscrawl.extract.body._box_texts", lambda tree, index: []), "on"),
    Family("body title block", "body", _off("newscrawl.extract.body._title_like", lambda p, words: False), "on"),
    Family("body teaser titles", "body", _off("newscrawl.extract.body._teaser_title", lambda p: False), "on"),
    Family("body date lines", "body", _off("newscrawl.extract.body._date_line", lambda p: False), "on"),
    Family("body promos", "body", _off("newscrawl.extract.body._promo", lambda p: False), "on"),
    Family(
        "body pull quotes",
        "body",
        _off(
            "newscrawl.extract.body._BOX_ATTR", re.compile(_PULL_QUOTES.sub("", body._BOX_ATTR.pattern), re.IGNORECASE)
        ),
        "on",
    ),
    Family(
        "body credit lines", "body", _off("newscrawl.extract.body._credit_line", lambda p, at_end, names: False), "on"
    ),
    Family("body agency credits", "body", _off("newscrawl.extract.body._agency_credit", lambda p: False), "on"),
    Family("body app state", "body", _off("newscrawl.extract.body._from_state", lambda *args: None), "on"),
    Family(
        "body shown standfirst",
        "body",
        {
            "off": {
                "newscrawl.extract.body._shown_lead": lambda tree, description: None,
                "newscrawl.extract.body._lead_after_h1": lambda h1, first: None,
            },
            "on": {},
        },
        "on",
    ),
]

Config = tuple[tuple[str, str], ...]  # (family, variant) pairs that differ from shipped


def _code_hash() -> str:
    h = hashlib.sha1()
    for path in [*sorted((ROOT / "newscrawl" / "extract").glob("*.py")), Path(__file__)]:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@contextlib.contextmanager
def _applied(config: Config, families: dict[str, Family]) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        patches: dict[str, Any] = {}
        for family, variant in config:
            patches.update(families[family].variants[variant])
        # several headline families each replace RULES: merge their changes
        rules = [v for f, var in config for k, v in families[f].variants[var].items() if k.endswith(".RULES")]
        if rules:
            merged = {
                fld.name: getattr(r, fld.name)
                for r in rules
                for fld in dataclasses.fields(r)
                if getattr(r, fld.name) != getattr(hl.RULES, fld.name)
            }
            patches["newscrawl.extract.headline.RULES"] = dataclasses.replace(hl.RULES, **merged)
        for target, value in patches.items():
            stack.enter_context(mock.patch(target, value))
        yield


def group_of(record: dict[str, Any]) -> str:
    if record.get("publisher"):
        return str(record["publisher"])
    url = record["url"]
    if "web.archive.org/web/" in url:
        url = url.split("/", 5)[-1] if url.count("/") >= 5 else url
        url = url[url.find("http") :] if "http" in url else url
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


class Runner:
    def __init__(self, dataset: Path, scorer: Any, families: list[Family], cache: bool, tag: str = "") -> None:
        self.scorer = scorer
        self.pages = list(scorer.iter_pages(dataset))
        self.records = {rec["id"]: rec for rec, _ in self.pages}
        self.groups: dict[str, list[str]] = {}
        for rec, _ in self.pages:
            self.groups.setdefault(group_of(rec), []).append(rec["id"])
        self.families = {f.name: f for f in families}
        self.path = ROOT / "output" / "lopo" / f"{dataset.resolve().name}{tag}-{_code_hash()}.json"
        self.cache: dict[str, float | None] = {}
        if cache and self.path.exists():
            self.cache = orjson.loads(self.path.read_bytes())

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(orjson.dumps(self.cache))

    def scores(self, field: str, config: Config, ids: list[str]) -> dict[str, float]:
        """Per-page score of ``field`` under ``config`` (pages without an expected value left out)."""
        key = f"{field}|{config}|"
        todo = [pid for pid in ids if key + pid not in self.cache]
        if todo:
            html = {rec["id"]: data for rec, data in self.pages}
            preds = {}
            with _applied(config, self.families), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for pid in todo:
                    preds[pid] = extract_article(html[pid], self.records[pid]["url"], fields=[field])
            _, rows = self.scorer.score([self.records[pid] for pid in todo], preds, {})
            for row in rows:
                self.cache[key + row["id"]] = row.get(METRIC[field])
        return {pid: v for pid in ids if (v := self.cache[key + pid]) is not None}

    def _all(self, field: str, config: dict[str, str]) -> dict[str, float]:
        key = tuple((f, v) for f, v in config.items() if v != self.families[f].shipped)
        return self.scores(field, key, list(self.records))

    def choose(self, field: str, out: set[str]) -> dict[str, str]:
        """The variants chosen on the pages outside ``out``: coordinate ascent from the shipped
        variants (each family in turn, the others at their current choice, two sweeps), ties to
        the variant listed first."""
        fams = [f for f in self.families.values() if f.field == field]
        config = {f.name: f.shipped for f in fams}
        for _ in range(2):
            changed = False
            for f in fams:

                def train(v: str, f: Family = f) -> float:
                    vals = [s for pid, s in self._all(field, {**config, f.name: v}).items() if pid not in out]
                    return statistics.fmean(vals) if vals else 0.0

                best = max(f.variants, key=lambda v: (round(train(v), 9), -list(f.variants).index(v)))
                changed |= best != config[f.name]
                config[f.name] = best
            if not changed:
                break
        return config

    def report(self, field: str) -> dict[str, Any]:
        fams = [f for f in self.families.values() if f.field == field]
        plain = self._all(field, {})
        chosen: dict[str, Counter[str]] = {f.name: Counter() for f in fams}
        held: dict[str, float] = {}
        in_sample = self.choose(field, set())
        best = self._all(field, in_sample)
        folds = []  # publishers for whom the others chose differently, and what that cost them
        for group, gids in self.groups.items():
            config = self.choose(field, set(gids))
            for f in fams:
                chosen[f.name][config[f.name]] += 1
            scores = {pid: s for pid, s in self._all(field, config).items() if pid in set(gids)}
            held.update(scores)
            if config != in_sample:
                changed = ", ".join(f"{f} {v}" for f, v in config.items() if in_sample[f] != v)
                loss = sum(best[pid] - s for pid, s in scores.items())
                folds.append(
                    f"{group}: {changed} (its pages score {loss:.3f} less in total than with the all-pages choice)"
                )
        return {
            "plain": statistics.fmean(plain.values()) if plain else None,
            "lopo": statistics.fmean(held.values()) if held else None,
            "best": statistics.fmean(best.values()) if plain else None,
            "folds": folds,
            "families": {
                f.name: {
                    "shipped": f.shipped,
                    "alone": {v: statistics.fmean(self._all(field, {f.name: v}).values() or [0.0]) for v in f.variants},
                    "chosen": dict(chosen[f.name]),
                }
                for f in fams
            },
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fundus", type=Path, default=DEFAULT_DATASETS[0])
    ap.add_argument("--dates", type=Path, default=DEFAULT_DATASETS[1])
    ap.add_argument("--no-cache", action="store_true", help="extract again even if the code is unchanged")
    ap.add_argument("--field", action="append", choices=sorted(METRIC), help="only this field (repeatable)")
    ap.add_argument(
        "--before",
        action="store_true",
        help="the headline as chosen before issue #12: every rule of headline.Rules off, the source order the only choice",
    )
    args = ap.parse_args(argv)
    scorer = load_scorer()
    fields = args.field or list(METRIC)
    families, tag = FAMILIES, ""
    if args.before:
        hl.RULES = hl.Rules(min_support=0, shortest_structured=False, suffix_by_comparison=False, visible_h1=False)
        families, tag, fields = [f for f in FAMILIES if f.name == "headline order"], "-before", ["headline"]
    runs = [(args.fundus, fields)]
    if "published" in fields and args.dates:
        runs.append((args.dates, ["published"]))
    for dataset, wanted in runs:
        runner = Runner(dataset, scorer, families, cache=not args.no_cache, tag=tag)
        print(f"\n{dataset.name}: {len(runner.pages)} pages, {len(runner.groups)} publishers/sites")
        print(f"  {'field':<10}{'metric':<16}{'plain':>8}{'lopo':>8}{'best':>8}   (best: variants chosen on all pages)")
        details = []
        for field in wanted:
            r = runner.report(field)
            runner.save()
            if r["plain"] is None:
                continue
            print(f"  {field:<10}{METRIC[field]:<16}{r['plain']:>8.4f}{r['lopo']:>8.4f}{r['best']:>8.4f}")
            details.append((r["families"], r["folds"]))
        for fams, folds in details:
            for fold in folds:
                print(f"    held out {fold}")
            for name, d in fams.items():
                scores = "  ".join(f"{v} {s:.4f}" for v, s in d["alone"].items())
                picks = ", ".join(f"{v} x{n}" for v, n in sorted(d["chosen"].items(), key=lambda kv: -kv[1]))
                print(f"    {name:<32} shipped {d['shipped']:<14} alone: {scores}  | chosen: {picks}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

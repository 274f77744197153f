"""Merge JSON Lines outputs (e.g. one per worker of a distributed crawl) into one file, one record per
article: the highest revision of each canonical URL, the earliest crawled copy among equals.

Idempotent: merging the merged file again, alone or with its inputs, gives the same file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson


@dataclass
class MergeReport:
    files: int = 0
    lines: int = 0
    articles: int = 0
    duplicates: int = 0
    malformed: list[str] = field(default_factory=list)  # "file:line" of lines that are not a JSON record


def _better(new: dict[str, Any], old: dict[str, Any]) -> bool:
    new_rev, old_rev = new.get("revision") or 1, old.get("revision") or 1
    if new_rev != old_rev:
        return bool(new_rev > old_rev)
    return bool((new.get("crawled_at") or "") < (old.get("crawled_at") or ""))


def merge_records(paths: Iterable[Path]) -> tuple[list[dict[str, Any]], MergeReport]:
    report = MergeReport()
    best: dict[str, dict[str, Any]] = {}
    for path in paths:
        report.files += 1
        with path.open("rb") as fh:
            for number, line in enumerate(fh, 1):
                if not line.endswith(b"\n"):  # a torn last line: never a complete record
                    report.malformed.append(f"{path}:{number}")
                    continue
                try:
                    record = orjson.loads(line)
                except orjson.JSONDecodeError:
                    record = None
                key = (record.get("canonical_url") or record.get("url")) if isinstance(record, dict) else None
                if not key:
                    report.malformed.append(f"{path}:{number}")
                    continue
                report.lines += 1
                if key not in best or _better(record, best[key]):
                    best[key] = record
    records = sorted(best.values(), key=lambda r: (r.get("crawled_at") or "", r.get("canonical_url") or r["url"]))
    report.articles = len(records)
    report.duplicates = report.lines - report.articles
    return records, report


def write_jsonl(records: Iterable[dict[str, Any]], out: Path) -> None:
    """Write atomically: a reader never sees a half-written merge."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with tmp.open("wb") as fh:
        for record in records:
            fh.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out)

"""The incremental state store: what earlier runs of a site have written.

One SQLite file per site (default ``output/.state/<site>.sqlite``): articles by normalized
canonical URL with content hash, MinHash signature, first/last seen and published date; the URLs
each was fetched at; the output files written and how far each is known to be committed.

Crash safety rests on one rule: a record counts as emitted once its line is complete in an output
file. The output pipeline writes the line, then records it here. A run killed between the two
leaves a complete line the store does not know yet; the next ``open()`` reads every output file
past its committed offset and records those lines (and cuts a torn last line), so nothing is
fetched and written twice, and nothing written is forgotten.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import logging
import os
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from newscrawl.extract.urls import normalize_url
from newscrawl.jsonl import repair_torn_tail

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs with Jaccard >= 0.8 meet in a band with probability > 0.999
ROWS = NUM_PERM // BANDS

RECORD_BATCH = 50  # records per transaction (StateStore.record)
RECORD_BATCH_SECONDS = 1.0

SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    content_hash TEXT,
    published TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    minhash BLOB
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS aliases (url TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bands (band INTEGER NOT NULL, value INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (band, value, article)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS bands_article ON bands (article);  -- record() deletes by article: no full scan
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, committed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS listings (url TEXT PRIMARY KEY, complete INTEGER NOT NULL, last_complete TEXT);
CREATE TABLE IF NOT EXISTS archive_files (name TEXT PRIMARY KEY, completed TEXT NOT NULL);
"""


class StateLocked(RuntimeError):
    """Another run holds the state of this site."""


class StateIncompatible(RuntimeError):
    """A state file this version of newscrawl cannot read."""


@dataclass(frozen=True)
class Known:
    key: str
    url: str
    content_hash: str | None
    published: str | None
    revision: int


# Signatures of recent bodies: dedupe and the store ask for the same one, and an extraction worker
# process sends the one it computed along with the body (process_pool.py).
_RECENT: OrderedDict[str, np.ndarray] = OrderedDict()


def _permutations(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    a = rng.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)  # odd: a bijection
    b = rng.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_A, _B = _permutations()


def minhash(body: str) -> np.ndarray:
    """MinHash of the body's 3-word shingles (case folded), as 64 unsigned values.

    Each shingle's hash (the first 4 bytes of its SHA-1, little-endian) is mixed with the
    MurmurHash3 32-bit finalizer, then permuted by h * a + b (mod 2**32) for each of the 64
    (a, b); the signature is the minimum per permutation. These are the values datasketch
    2.0's MinHash (scheme "affine32", seed 1) gives, computed here because importing datasketch
    loads SciPy: +62 MB of RSS in the crawl process and in every extraction worker.
    """
    words = body.casefold().split()
    # the word triples, zipped in C: a third cheaper than slicing per shingle
    triples = zip(words, words[1:], words[2:], strict=False)
    shingles = set(map(" ".join, triples)) if len(words) >= 3 else {" ".join(words)}
    sha1 = hashlib.sha1
    # the 4-byte prefixes read as one little-endian array: a third cheaper than int.from_bytes per shingle
    h = np.frombuffer(b"".join([sha1(s.encode()).digest()[:4] for s in shingles]), dtype="<u4").astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    permuted = h[:, None] * _A + _B
    return permuted.min(axis=0).astype(np.uint64)


def remember_signature(body: str, sig: np.ndarray) -> None:
    _RECENT[body] = sig
    _RECENT.move_to_end(body)
    if len(_RECENT) > 256:
        _RECENT.popitem(last=False)


def signature(body: str) -> np.ndarray:
    """The body's MinHash, computed once."""
    sig = _RECENT.get(body)
    if sig is None:
        sig = minhash(body)
        remember_signature(body, sig)
    return sig


def _bands(sig: np.ndarray) -> tuple[tuple[int, int], ...]:
    """(band number, a 64-bit hash of the band's rows): equal bands, equal hashes."""
    return _bands_of(sig.astype(np.uint64, copy=False).tobytes())


@functools.lru_cache(maxsize=64)  # dedupe looks the bands up, then the store writes them
def _bands_of(data: bytes) -> tuple[tuple[int, int], ...]:
    size = ROWS * 8  # bytes of a band's rows (uint64)
    return tuple(
        (
            band,
            int.from_bytes(
                hashlib.blake2b(data[band * size : (band + 1) * size], digest_size=8).digest(), "big", signed=True
            ),
        )
        for band in range(BANDS)
    )


# The articles sharing a band with a signature, in one statement: 2.6x cheaper than one query per
# band. (A row-value IN over the 16 (band, value) pairs would scan the whole table.)
_CANDIDATES = " UNION ".join(["SELECT article FROM bands WHERE band = ? AND value = ?"] * BANDS)


def state_path(settings: BaseSettings, site: str) -> Path | None:
    """Where the state of ``site`` lives, or None for a stateless run."""
    if not settings.getbool("NEWSCRAWL_STATE_ENABLED"):
        return None
    return Path(settings.get("NEWSCRAWL_STATE") or Path("output") / ".state" / f"{site}.sqlite")


def open_store(settings: BaseSettings, site: str) -> Store:
    """The state store a crawl of ``site`` uses: Redis when NEWSCRAWL_REDIS_URL is set, else SQLite."""
    url = settings.get("NEWSCRAWL_REDIS_URL")
    if url:
        from newscrawl.state_redis import RedisStore

        prefix = settings.get("NEWSCRAWL_REDIS_PREFIX") or "newscrawl"
        return RedisStore(url, site, prefix, settings.getfloat("NEWSCRAWL_REDIS_HEARTBEAT_TTL")).open()
    retention = settings.getfloat("NEWSCRAWL_STATE_RETENTION_DAYS")
    return StateStore(state_path(settings, site), site, retention).open()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """What every state store offers the spider and the pipelines (SQLite here, Redis in state_redis)."""

    site: str
    recovered: int = 0

    def open(self) -> Store:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known(self, url: str) -> Known | None:
        raise NotImplementedError

    def with_hash(self, content_hash: str) -> str | None:
        raise NotImplementedError

    def near_duplicate(self, sig: np.ndarray, threshold: float) -> str | None:
        raise NotImplementedError

    def record(self, item: Mapping[str, Any], output: str | None = None, committed: int | None = None) -> None:
        raise NotImplementedError

    def start_output(self, output: str, size: int) -> None:
        raise NotImplementedError

    def outputs(self) -> list[tuple[str, int]]:
        """The output files written so far and how far each is committed."""
        raise NotImplementedError

    def begin_sections(self, urls: list[str]) -> set[str]:
        raise NotImplementedError

    def complete_sections(self, urls: set[str]) -> None:
        raise NotImplementedError

    def archive_read(self, name: str) -> bool:
        """Whether ``newscrawl archive`` has read the WARC file ``name`` to its end (and written its records)."""
        raise NotImplementedError

    def archive_done(self, name: str) -> None:
        raise NotImplementedError

    def claim(self, url: str) -> bool:
        """Whether this process may fetch and write the article at ``url`` (another worker may hold it)."""
        return True

    def touch(self, urls: list[str]) -> None:
        """Note that these known articles are still listed (the Redis store's retention counts from it)."""

    def refresh_due(self, published: str | None, days: float) -> bool:
        """Whether an article published at ``published`` falls in the last ``days`` days."""
        if not days or not published:
            return False
        try:
            when = datetime.fromisoformat(published)
        except ValueError:
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when >= datetime.now(UTC) - timedelta(days=days)

    def writing(self, output: str, size: int) -> None:
        """This process appends to ``output`` (now ``size`` bytes long), committed up to its end."""
        self.start_output(output, size)

    def _reconcile_outputs(self, skip: frozenset[str] = frozenset()) -> int:
        """Record the complete lines written after each output's committed offset; cut torn tails.
        ``skip``: outputs another live process is writing (the Redis store's live workers)."""
        recovered = sum(
            self.reconcile_output(path_text, committed)
            for path_text, committed in self.outputs()
            if path_text not in skip
        )
        if recovered:
            logger.warning("state: recorded %d articles written by an interrupted run", recovered)
        return recovered

    def reconcile_output(self, path_text: str, committed: int, repair: bool = True) -> int:
        """Record the complete lines of one output after its committed offset; returns how many were new.
        Without ``repair`` a torn last line is left alone (and not read)."""
        path = Path(path_text)
        if not path.is_file():
            return 0
        if repair and repair_torn_tail(path):
            logger.warning("%s: cut a torn last line left by an interrupted run", path)
        size = path.stat().st_size
        if size <= committed:
            if size < committed:
                self.start_output(path_text, size)
            return 0
        recovered = 0
        with path.open("rb") as fh:
            fh.seek(committed)
            offset = committed
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                offset += len(line)
                try:
                    record = orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue
                if not isinstance(record, dict) or not record.get("url"):
                    continue
                known = self.known(record.get("canonical_url") or record["url"])
                if known is None or (record.get("revision") or 1) > known.revision:
                    self.record(record, path_text, offset)
                    recovered += 1
        self.start_output(path_text, offset)
        return recovered


class StateStore(Store):
    """The state of one site in SQLite. ``path=None`` keeps it in memory for a stateless run."""

    def __init__(self, path: Path | None, site: str, retention_days: float = 0.0) -> None:
        self.path = path
        self.site = site
        self.retention_days = retention_days
        self._lock_fh: Any = None
        self.db: sqlite3.Connection | None = None
        self.recovered = 0
        self.signatures_dropped = 0
        self._batched = 0  # records in the open transaction
        self._batch_started = 0.0

    def open(self) -> StateStore:
        if self.path is None:
            self.db = sqlite3.connect(":memory:")
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock()
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.isolation_level = None
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if (
            self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone()
            and version != SCHEMA_VERSION
        ):
            self.close()
            raise StateIncompatible(
                f"{self.path}: a state store of another newscrawl version (schema {version}, this version reads "
                f"{SCHEMA_VERSION}); move it away to start afresh, or pass --state PATH"
            )
        self.db.executescript(_SCHEMA)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.recovered = self._reconcile_outputs()
        if self.retention_days > 0:
            self.signatures_dropped = self.drop_signatures(self.retention_days)
        return self

    def drop_signatures(self, days: float) -> int:
        """Forget the MinHash of articles last written more than ``days`` ago; returns how many.

        Signatures and their bands are most of the store's size; a copy of an article is looked
        for among recent ones. The URLs and content hashes stay: an old article listed again is
        still known, and an exact copy of it is still a duplicate.
        """
        cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        self.commit()
        db = self._db
        old = "SELECT id FROM articles WHERE last_seen < ? AND minhash IS NOT NULL"
        db.execute("BEGIN")
        try:
            db.execute(f"DELETE FROM bands WHERE article IN ({old})", (cutoff,))
            dropped = db.execute(f"UPDATE articles SET minhash = NULL WHERE id IN ({old})", (cutoff,)).rowcount
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return int(dropped)

    def _lock(self) -> None:
        assert self.path is not None
        self._lock_fh = open(f"{self.path}.lock", "a+")  # noqa: SIM115  (held for the whole run)
        try:
            fcntl.flock(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_fh.seek(0)
            holder = self._lock_fh.read().strip() or "another process"
            self._lock_fh.close()
            self._lock_fh = None
            raise StateLocked(
                f"another newscrawl run ({holder}) is using the state of site {self.site!r} at {self.path}; "
                "wait for it to end, or give this run its own --state PATH or --no-state"
            ) from None
        self._lock_fh.seek(0)
        self._lock_fh.truncate()
        self._lock_fh.write(f"pid {os.getpid()}")
        self._lock_fh.flush()

    def close(self) -> None:
        if self.db is not None:
            self.commit()
            self.db.close()
            self.db = None
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    @property
    def _db(self) -> sqlite3.Connection:
        assert self.db is not None, "state store is not open"
        return self.db

    # --- reading ---------------------------------------------------------------------------------

    def known(self, url: str) -> Known | None:
        """The article at normalized ``url`` (its canonical URL or any URL it was fetched at)."""
        row = self._db.execute(
            "SELECT a.key, a.url, a.content_hash, a.published, a.revision FROM articles a "
            "WHERE a.key = ?1 OR a.key = (SELECT key FROM aliases WHERE url = ?1)",
            (url,),
        ).fetchone()
        return Known(*row) if row else None

    def with_hash(self, content_hash: str) -> str | None:
        row = self._db.execute("SELECT key FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,)).fetchone()
        return row[0] if row else None

    def near_duplicate(self, sig: np.ndarray, threshold: float) -> str | None:
        """The key of a stored article whose body is at least ``threshold`` similar (estimated Jaccard)."""
        params = [number for band_value in _bands(sig) for number in band_value]
        candidates = {a for (a,) in self._db.execute(_CANDIDATES, params)}
        best, best_score = None, threshold
        for article in sorted(candidates):
            row = self._db.execute("SELECT minhash, key FROM articles WHERE id = ?", (article,)).fetchone()
            if row and row[0]:
                key = row[1]
                score = float(np.mean(np.frombuffer(row[0], dtype=np.uint64) == sig))
                if score >= best_score:
                    best, best_score = key, score
        return best

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- writing ---------------------------------------------------------------------------------

    def record(self, item: Mapping[str, Any], output: str | None = None, committed: int | None = None) -> None:
        """Remember a written record (and how far its output file is committed), all or nothing.

        Records are committed in batches (RECORD_BATCH, or after RECORD_BATCH_SECONDS), not one by
        one: a commit was half a record's cost (0.21 of 0.40 ms). Reads on this connection see
        them at once; a crash loses at most the open batch here, never in the output file, and
        the committed offset of the output is in the same batch, so the next ``open()`` records
        those lines again from the file (the crash rule above).
        """
        key = item.get("canonical_url") or item["url"]
        now = _now()
        sig = signature(item["body"]) if item.get("body") else None
        db = self._db
        if not self._batched:
            db.execute("BEGIN")
            self._batch_started = time.monotonic()
        db.execute("SAVEPOINT record")
        try:
            db.execute(
                "INSERT INTO articles (key, url, content_hash, published, first_seen, last_seen, revision, minhash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET url = excluded.url, "
                "content_hash = excluded.content_hash, published = coalesce(excluded.published, published), "
                "last_seen = excluded.last_seen, revision = excluded.revision, minhash = excluded.minhash",
                (key, item["url"], item.get("content_hash"), item.get("published"), now, now,
                 item.get("revision") or 1, sig.tobytes() if sig is not None else None),
            )  # fmt: skip
            db.execute("INSERT OR REPLACE INTO aliases (url, key) VALUES (?, ?)", (normalize_url(item["url"]), key))
            if sig is not None:
                (article,) = db.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
                db.execute("DELETE FROM bands WHERE article = ?", (article,))
                db.executemany(
                    "INSERT OR IGNORE INTO bands (band, value, article) VALUES (?, ?, ?)",
                    [(band, value, article) for band, value in _bands(sig)],
                )
            if output is not None and committed is not None:
                db.execute(
                    "INSERT INTO outputs (path, committed) VALUES (?, ?) "
                    "ON CONFLICT (path) DO UPDATE SET committed = excluded.committed",
                    (output, committed),
                )
            db.execute("RELEASE record")
        except BaseException:
            db.execute("ROLLBACK TO record")  # this record only: the batch's others stay
            db.execute("RELEASE record")
            raise
        finally:
            self._batched += 1  # the BEGIN above is open whether or not this record made it
        if self._batched >= RECORD_BATCH or time.monotonic() - self._batch_started >= RECORD_BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit the open batch of records. Every other write commits it first, so that no change
        but a record (which the output file holds as well) can be lost to a crash."""
        if self._batched and self.db is not None:
            self.db.execute("COMMIT")
            self._batched = 0

    def outputs(self) -> list[tuple[str, int]]:
        return [(p, int(c)) for p, c in self._db.execute("SELECT path, committed FROM outputs").fetchall()]

    def start_output(self, output: str, size: int) -> None:
        self.commit()
        self._db.execute(
            "INSERT INTO outputs (path, committed) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET committed = excluded.committed",
            (output, size),
        )

    def begin_sections(self, urls: list[str]) -> set[str]:
        """The sections whose last run read and fetched them to the end; all count as incomplete until
        ``complete_sections``, so a run killed mid-way leaves them incomplete for the next one."""
        self.commit()
        complete = {
            url
            for url in urls
            if self._db.execute("SELECT complete FROM listings WHERE url = ?", (url,)).fetchone() == (1,)
        }
        self._db.executemany(
            "INSERT INTO listings (url, complete) VALUES (?, 0) ON CONFLICT (url) DO UPDATE SET complete = 0",
            [(url,) for url in urls],
        )
        return complete

    def complete_sections(self, urls: set[str]) -> None:
        self.commit()
        self._db.executemany(
            "UPDATE listings SET complete = 1, last_complete = ? WHERE url = ?", [(_now(), url) for url in urls]
        )

    def archive_read(self, name: str) -> bool:
        return self._db.execute("SELECT 1 FROM archive_files WHERE name = ?", (name,)).fetchone() is not None

    def archive_done(self, name: str) -> None:
        self.commit()
        self._db.execute("INSERT OR REPLACE INTO archive_files (name, completed) VALUES (?, ?)", (name, _now()))

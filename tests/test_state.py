import hashlib
import json
from pathlib import Path

import pytest

from newscrawl.state import StateLocked, StateStore, minhash, signature

BODY = " ".join(f"w{i}" for i in range(50))


def rec(url: str, body: str = BODY, **extra) -> dict:
    return {"url": url, "canonical_url": url, "content_hash": str(hash(body)), "body": body, **extra}


def test_state_persists_across_runs_and_knows_fetched_urls(tmp_path: Path):
    path = tmp_path / "s" / "demo.sqlite"
    with StateStore(path, "demo") as store:
        store.record(
            {**rec("https://n.example/a/"), "url": "https://n.example/a/?utm_source=x", "published": "2026-01-02"}
        )
        assert store.count() == 1
    with StateStore(path, "demo") as store:
        known = store.known("https://n.example/a/")
        assert known is not None and known.published == "2026-01-02" and known.revision == 1
        assert store.known("https://n.example/a/?utm_source=x") is None  # lookups take normalized URLs
        assert store.with_hash(str(hash(BODY))) == "https://n.example/a/"
        assert store.known("https://n.example/b/") is None


def test_a_second_run_of_the_same_site_is_refused_with_a_clear_message(tmp_path: Path):
    path = tmp_path / "demo.sqlite"
    with StateStore(path, "demo"):
        with pytest.raises(StateLocked) as err:
            StateStore(path, "demo").open()
        message = str(err.value)
        assert "another newscrawl run (pid " in message and "'demo'" in message and str(path) in message
    StateStore(path, "demo").open().close()  # free again once the first run ends


def test_open_records_lines_written_after_the_last_commit_and_cuts_a_torn_tail(tmp_path: Path):
    path, out = tmp_path / "demo.sqlite", tmp_path / "run1.jsonl"
    with StateStore(path, "demo") as store:
        store.start_output(str(out), 0)
        first = json.dumps(rec("https://n.example/1/")) + "\n"
        out.write_text(first)
        store.record(rec("https://n.example/1/"), str(out), len(first))
    # the process was killed after writing two more lines, before recording them, mid-way through a third
    with out.open("a") as fh:
        fh.write(json.dumps(rec("https://n.example/2/", BODY + " two")) + "\n")
        fh.write(json.dumps(rec("https://n.example/3/", BODY + " three")) + "\n")
        fh.write('{"url": "https://n.example/4/", "bo')
    with StateStore(path, "demo") as store:
        assert store.recovered == 2
        assert [store.known(f"https://n.example/{i}/") is not None for i in (1, 2, 3, 4)] == [True, True, True, False]
    assert out.read_text().count("\n") == 3 and out.read_text().endswith("\n")
    with StateStore(path, "demo") as store:
        assert store.recovered == 0


def test_records_are_committed_in_batches_and_a_lost_batch_is_recovered_from_the_output(tmp_path: Path):
    path, out = tmp_path / "demo.sqlite", tmp_path / "run1.jsonl"
    store = StateStore(path, "demo").open()
    store.start_output(str(out), 0)
    written = 0
    for i in range(3):
        line = json.dumps(rec(f"https://n.example/{i}/", f"{BODY} {i}")) + "\n"
        with out.open("a") as fh:
            fh.write(line)
        written += len(line)
        store.record(rec(f"https://n.example/{i}/", f"{BODY} {i}"), str(out), written)
        assert store.known(f"https://n.example/{i}/") is not None  # seen at once by dedupe
    # the process is killed with the batch open: another connection sees none of it
    assert store.db is not None and store.db.in_transaction
    import sqlite3

    with sqlite3.connect(path) as other:
        assert other.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    store.db.close()  # uncommitted: rolled back, as a kill leaves it
    store.db = None
    store._lock_fh.close()
    with StateStore(path, "demo") as again:
        assert again.recovered == 3
        assert all(again.known(f"https://n.example/{i}/") is not None for i in range(3))
    with StateStore(path, "demo") as again:
        assert again.recovered == 0 and again.count() == 3


def test_near_duplicate_finds_a_lightly_edited_copy_only(tmp_path: Path):
    with StateStore(None, "run") as store:
        store.record(rec("https://n.example/a/"))
        assert store.near_duplicate(signature(BODY.replace("w25", "changed")), 0.8) == "https://n.example/a/"
        assert store.near_duplicate(signature(" ".join(f"x{i}" for i in range(50))), 0.8) is None


@pytest.mark.parametrize(
    ("published", "days", "due"),
    [("2999-01-01", 3, True), ("2000-01-01T10:00:00+02:00", 3, False), ("2000-01-01", 0, False), (None, 3, False),
     ("not a date", 3, False)],
)  # fmt: skip
def test_refresh_due(published, days, due):
    assert StateStore(None, "x").refresh_due(published, days) is due


def test_a_store_of_another_schema_is_refused_with_a_clear_message(tmp_path: Path):
    import sqlite3

    from newscrawl.state import StateIncompatible

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE articles (key TEXT PRIMARY KEY)")
    with pytest.raises(StateIncompatible, match="a state store of another newscrawl version"):
        StateStore(path, "demo").open()
    with StateStore(tmp_path / "new.sqlite", "demo"):
        pass
    StateStore(tmp_path / "new.sqlite", "demo").open().close()  # its own files open again


def test_minhash_values_are_pinned():
    # stored signatures and bands must not change between versions: these are datasketch 2.0's
    # MinHash(num_perm=64, seed=1) values for this text
    sig = minhash("The harbour reopened on Sunday morning after three days of repairs to the outer wall.")
    assert sig.dtype.name == "uint64" and len(sig) == 64
    assert [int(v) for v in sig[:6]] == [248095005, 308449638, 454140538, 305700032, 402255466, 228228399]
    assert (
        hashlib.sha256(sig.tobytes()).hexdigest() == "dad769ceb6af8e803c32a2e7ad42633e6f5162c8dcb41df4bf0989e1e06e6411"
    )
    assert (minhash("Sunday MORNING") == minhash("sunday morning")).all()  # case folded


def test_signatures_of_articles_older_than_the_retention_are_dropped_but_the_articles_stay_known(tmp_path: Path):
    path = tmp_path / "s.sqlite"
    old = {
        "url": "https://n.example/old/",
        "canonical_url": "https://n.example/old/",
        "body": BODY,
        "content_hash": "h1",
    }
    new = {**old, "url": "https://n.example/new/", "canonical_url": "https://n.example/new/", "content_hash": "h2",
           "body": BODY.replace("w1 ", "v1 ")}  # fmt: skip
    with StateStore(path, "s") as store:
        store.record(old)
        store.record(new)
        store.db.execute("UPDATE articles SET last_seen = '2020-01-01T00:00:00+00:00' WHERE key = ?", (old["url"],))
    with StateStore(path, "s", retention_days=180) as store:
        assert store.signatures_dropped == 1
        assert store.known(old["url"]) is not None and store.with_hash("h1") == old["url"]
        # a lightly edited copy now finds only the recent article
        assert store.near_duplicate(signature(BODY.replace("w25", "changed")), 0.8) == new["url"]
        assert store.db.execute("SELECT count(*) FROM bands").fetchone()[0] == 16
    with StateStore(path, "s", retention_days=180) as store:
        assert store.signatures_dropped == 0

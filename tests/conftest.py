import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_newscrawl(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`newscrawl ARGS` as a user runs it: a separate process, from a folder outside the repo."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def newscrawl():
    return run_newscrawl


REDIS_TEST_URL = os.environ.get("NEWSCRAWL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url():
    """A reachable Redis (database 15 by default) and a key prefix of this test's own, cleaned up after.

    Without Redis the test is skipped, except under CI (CI=true), where it fails: CI must run it.
    """
    import uuid

    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        message = f"no Redis at {REDIS_TEST_URL} ({exc}); start one or set NEWSCRAWL_TEST_REDIS_URL"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    prefix = f"nctest{uuid.uuid4().hex[:10]}"
    yield REDIS_TEST_URL, prefix
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()

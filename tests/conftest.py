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

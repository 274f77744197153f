"""Articles per second of `newscrawl crawl demo`, median of N runs (default 3).

    python -m benchmarks.demo_crawl [--runs N] [extra newscrawl crawl options]

Each run is a fresh, stateless crawl of the bundled demo site into a temporary file; the rate is
the run summary's articles written / crawl duration (engine start to close, server start-up and
interpreter start excluded), and the wall time of the whole command is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args, extra = parser.parse_known_args()
    rates, walls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(1, args.runs + 1):
            out = Path(tmp) / f"run{run}.jsonl"
            started = time.monotonic()
            result = subprocess.run(
                [sys.executable, "-m", "newscrawl.cli", "crawl", "demo", "--no-state", "-O", str(out), *extra],
                cwd=tmp, capture_output=True, text=True, check=False,
            )  # fmt: skip
            wall = time.monotonic() - started
            if result.returncode != 0:
                print(result.stderr[-3000:], file=sys.stderr)
                return result.returncode
            summary = json.loads(Path(f"{out}.summary.json").read_text())
            rate = summary["articles_written"] / summary["duration_s"]
            rates.append(rate)
            walls.append(wall)
            print(
                f"run {run}: {summary['articles_written']} articles in {summary['duration_s']:.2f} s "
                f"= {rate:.1f} articles/s (whole command {wall:.2f} s)"
            )
    print(f"median: {statistics.median(rates):.1f} articles/s (whole command {statistics.median(walls):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

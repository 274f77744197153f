"""JSON Lines files as a crash leaves them."""

from __future__ import annotations

import os
from pathlib import Path


def repair_torn_tail(path: Path) -> int:
    """Cut an unterminated last line (left by a crash mid-write); returns the bytes removed."""
    with path.open("r+b") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return 0
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                keep = start + cut + 1
                break
            pos = start
        else:
            keep = 0
        fh.truncate(keep)
        return size - keep

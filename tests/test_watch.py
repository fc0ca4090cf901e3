import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import FIXTURES
from mapgen.build import build
from mapgen.watch import _hidden, _under, article_changes, watch

FERRY = " date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n"


@pytest.fixture
def articles(tmp_path):
    d = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", d)
    return d


def _files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_builds_kept_warm_write_what_a_clean_build_writes(articles, tmp_path, gazetteer, private_cache, monkeypatch):
    """Each change is one more build with the same memory; the last output is a clean build's, byte for byte."""
    monkeypatch.setattr("mapgen.documents._SETTLED_NS", 0)  # files count as settled at once: kept, then served
    out, clean = tmp_path / "out", tmp_path / "clean"
    edits = [
        lambda: (articles / "ferry.txt").write_text(FERRY),
        lambda: (articles / "ferry.txt").write_text(FERRY.replace("Malindi", "Lamu")),  # same file, changed
        lambda: next(p for p in sorted(articles.iterdir()) if p.name != "ferry.txt").unlink(),
    ]

    def changes():
        for edit in edits:
            edit()
            yield {"changed"}

    built, memories = [], []

    def once(memory):
        built.append(build([articles], out, gazetteer=gazetteer, memory=memory).articles)
        memories.append(len(memory))

    watch([articles], out, once, changes=changes, say=lambda line: None)
    assert built == [2, 3, 3, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out", "results"]  # no stage left beside it
    assert memories[0] > 0 and memories[-1] < memories[-2]  # what the removed article held is let go
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean) and "Lamu" in (out / "data" / "events.csv").read_text()


def test_a_failed_build_is_followed_by_the_next(tmp_path):
    calls = []

    def once(memory):
        calls.append(memory)

    watch([tmp_path], tmp_path / "out", once, changes=lambda: iter([{"a"}, {"b"}]), say=lambda line: None)
    assert len(calls) == 3 and calls[0] is calls[2]  # one memory for every build


@pytest.mark.parametrize("path, skipped", [
    ("site", True), ("site/index.html", True), ("site/sources/x.html", True),
    (".site.building-123/index.html", True), (".site.old-42/data/events.csv", True),
    ("site2/index.html", False), ("news/a.txt", False), ("sitemap.txt", False),
])
def test_the_output_and_a_builds_own_folders_are_not_watched(tmp_path, path, skipped):
    assert _under(tmp_path / "site")(str(tmp_path / path)) is skipped


@pytest.mark.parametrize("path, hidden", [
    ("news/a.txt", False), ("news/world/b.md", False), ("news/.a.txt.swp", True), ("news/.git/index", True),
    ("news/drafts/.~lock.c.txt#", True), ("elsewhere/.x", False),
])
def test_hidden_files_under_the_inputs_are_not_watched(tmp_path, path, hidden):
    assert _hidden(str(tmp_path / path), [tmp_path / "news"]) is hidden


def test_changes_are_seen_through_file_events(tmp_path):
    news, out = tmp_path / "news", tmp_path / "news" / "site"
    news.mkdir()
    stop, seen = threading.Event(), []

    def listen():
        for changed in article_changes([news], out, debounce_ms=50, stop=stop):
            seen.append(changed)
            if any(p.endswith("a.txt") for p in changed):
                stop.set()

    thread = threading.Thread(target=listen)
    thread.start()
    time.sleep(0.5)  # the watcher is up
    out.mkdir()
    (out / "index.html").write_text("a build's output")
    (news / ".a.txt.swp").write_text("an editor's swap file")
    (news / "a.txt").write_text(FERRY)
    thread.join(timeout=20)
    stop.set()
    assert not thread.is_alive()
    assert {os.path.basename(p) for changed in seen for p in changed} == {"a.txt"}


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])  # Ctrl-C, a service manager
def test_mapgen_build_watch_builds_again_when_an_article_is_added(articles, tmp_path, gazetteer, stop):
    out = tmp_path / "out"
    env = {**os.environ, "TQDM_DISABLE": "1"}  # the session's gazetteer index (see conftest)
    p = subprocess.Popen([sys.executable, "-m", "mapgen", "build", str(articles), "--out", str(out), "--watch",
                          "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # (even if ours ignores it)
    try:
        first = p.stdout.readline()
        assert first.startswith("Built 2 articles: "), first + p.stderr.read()
        time.sleep(0.5)
        (articles / "ferry.txt").write_text(FERRY)
        second = p.stdout.readline()
        assert second.startswith("Built 3 articles: ") and " in " in second
        assert "Malindi" in (out / "data" / "events.csv").read_text()
    finally:
        p.send_signal(stop)
        _, err = p.communicate(timeout=30)
    assert p.returncode == 0, err
    assert "ferry.txt changed: building again" in err and "stopped watching" in err


def test_watch_refuses_what_it_cannot_watch(tmp_path):
    r = subprocess.run([sys.executable, "-m", "mapgen", "build", "s3://bucket/news", "--out", str(tmp_path / "o"),
                        "--watch"], capture_output=True, text=True)
    assert r.returncode == 2 and "--watch watches local folders" in r.stderr


def test_an_input_folder_removed_and_made_again_is_watched_again(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    stop, seen = threading.Event(), []

    def listen():
        for changed in article_changes([news], tmp_path / "site", debounce_ms=50, stop=stop):
            seen.append(changed)
            if any(p.endswith("b.txt") for p in changed):
                stop.set()

    thread = threading.Thread(target=listen)
    thread.start()
    time.sleep(0.5)
    shutil.rmtree(news)  # a sync tool replacing the folder: the folder watched is gone
    time.sleep(1.5)
    news.mkdir()
    time.sleep(2.5)  # the new folder is seen, and watched from then on
    (news / "b.txt").write_text(FERRY)
    thread.join(timeout=20)
    stop.set()
    assert not thread.is_alive()
    assert {str(news)} in seen and any(p.endswith("b.txt") for changed in seen for p in changed)


def test_a_watching_process_loads_what_a_first_analysis_needs_before_the_first_change(gazetteer):
    """In a fresh process: the word lists are not loaded by importing, and are after the warm-up."""
    check = (
        "import mapgen.words as w, mapgen.analysis, mapgen.watch as watch\n"
        "assert w._derived.cache_info().currsize == 0\n"
        "watch.warm_up()\n"
        "assert w._derived.cache_info().currsize == 1\n"
    )
    r = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_after_a_build_the_cache_failed_the_next_does_not_trust_what_the_memory_held(tmp_path, monkeypatch):
    """ "build again": the cache lost entries the memory stood in front of; the next build reads afresh."""
    import mapgen.watch
    from mapgen.cache import Memory
    from mapgen.cli import _watch
    from mapgen.errors import CacheError, InputError

    memory = Memory()
    memory.entries["documents"]["k"] = ("file state", "document")
    held = []

    def build_once(memory):
        held.append(len(memory))
        if len(held) == 1:
            raise InputError("b.txt: unreadable")  # another failure: what the memory holds is still good
        raise CacheError("a.txt: its results left the result cache while the build ran; build again")

    monkeypatch.setattr(mapgen.watch, "watch", lambda inputs, out, once, say: [once(memory) for _ in range(3)])
    before = signal.getsignal(signal.SIGTERM)
    try:
        _watch([tmp_path], tmp_path / "out", build_once)
    finally:
        signal.signal(signal.SIGTERM, before)
    assert held == [1, 1, 0]

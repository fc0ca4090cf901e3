import multiprocessing
import os
import sqlite3
import time

import pytest

import mapgen
from mapgen.analysis import analyse
from mapgen.cache import ResultCache, cache_file, code_version
from mapgen.documents import parse
from mapgen.engine import analyse_all

ARTICLE = " date 2022-05-04\nFloods hit Porto Alegre on Tuesday, and rescuers reached Canoas the next day.\n"
OTHER = " date 2022-05-04\nA ferry sank off Mombasa on Friday; survivors were taken to Malindi.\n"


def file_of(tmp_path, code="c1"):
    return cache_file(tmp_path / "cache", code)


def cache(tmp_path, **kw):
    kw.setdefault("gazetteer_fingerprint", "g1")
    kw.setdefault("code", "c1")
    return ResultCache(tmp_path / "cache", **kw)


@pytest.fixture
def doc():
    return parse(ARTICLE.encode(), "floods.txt")


def test_a_stored_analysis_is_found_by_content_not_by_path(tmp_path, doc, gazetteer):
    c = cache(tmp_path)
    assert c.load_analysis(doc) is None
    a = analyse(doc, gazetteer)
    c.store_analysis(doc, a.places, a.events)
    moved = parse(ARTICLE.encode(), "elsewhere/renamed.txt")
    assert c.load_analysis(moved) == (a.places, a.events)
    assert (c.hits, c.misses) == (1, 1)
    assert {"geonames:3452925", "geonames:3467467"} <= {p.id for p in a.places}  # Porto Alegre, Canoas


@pytest.mark.parametrize("change", [
    {"gazetteer_fingerprint": "g2"},
    {"corrections": "corrections-v2"},
    {"options": "another weights table"},
    {"code": "c2"},
])
def test_anything_an_analysis_depends_on_changes_the_key(tmp_path, doc, change):
    c = cache(tmp_path)
    c.store_analysis(doc, (), ())
    assert c.load_analysis(doc) == ((), ())
    assert cache(tmp_path, **change).load_analysis(doc) is None


def test_a_changed_article_is_a_miss(tmp_path, doc):
    c = cache(tmp_path)
    c.store_analysis(doc, (), ())
    assert c.load_analysis(parse(ARTICLE.replace("Tuesday", "Monday").encode(), "floods.txt")) is None


def test_no_stale_entry_is_used_after_a_code_change(tmp_path, gazetteer):
    """A poisoned entry under the old code version proves the lookup would have used it."""
    docs = [parse(ARTICLE.encode(), "a.txt"), parse(OTHER.encode(), "b.txt")]
    old = cache(tmp_path, gazetteer_fingerprint=gazetteer.fingerprint, code="old")
    for d in docs:
        old.store_analysis(d, (), ())
    assert all(not a.places for a in analyse_all(docs, gazetteer, cache=old))
    new = cache(tmp_path, gazetteer_fingerprint=gazetteer.fingerprint, code="new")
    fresh = analyse_all(docs, gazetteer, cache=new)
    assert fresh == [analyse(d, gazetteer) for d in docs] and all(a.places for a in fresh)
    assert (new.hits, new.misses) == (0, 2)
    again = cache(tmp_path, gazetteer_fingerprint=gazetteer.fingerprint, code="new")
    assert analyse_all(docs, gazetteer, cache=again) == fresh and again.hits == 2


def test_code_version_follows_the_package_version_and_files(monkeypatch):
    before = code_version()
    assert before.startswith(mapgen.__version__ + "-")
    code_version.cache_clear()
    monkeypatch.setattr(mapgen, "__version__", "99.0")
    try:
        assert code_version() != before and code_version().startswith("99.0-")
    finally:
        code_version.cache_clear()


def test_an_unreadable_entry_is_a_miss(tmp_path, doc):
    c = cache(tmp_path)
    c.store_analysis(doc, (), ())
    c.close()
    with sqlite3.connect(file_of(tmp_path)) as db:
        db.execute("UPDATE results SET value = ?", (b"not a cache entry",))
    assert cache(tmp_path).load_analysis(doc) is None


def test_an_unusable_cache_only_makes_the_build_slower(tmp_path, doc, gazetteer):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    c = cache(tmp_path, gazetteer_fingerprint=gazetteer.fingerprint)
    assert analyse_all([doc], gazetteer, cache=c) == [analyse(doc, gazetteer)]
    assert c.load_analysis(doc) is None


def test_a_deleted_cache_file_is_made_again(tmp_path, doc):
    c = cache(tmp_path)
    c.store_analysis(doc, (), ())
    c.close()
    for f in (tmp_path / "cache").iterdir():  # a desk reclaims the space while a --watch process runs
        f.unlink()
    again = cache(tmp_path)
    assert again.load_analysis(doc) is None
    again.store_analysis(doc, ("kept",), ())
    again.close()
    with sqlite3.connect(file_of(tmp_path)) as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone() == (1,)


def _store_in_child(root: str, text: str) -> None:
    c = ResultCache(root, gazetteer_fingerprint="g1", code="c1")
    c.store_analysis(parse(text.encode(), "other.txt"), ("from the child",), ())
    c.close()


def test_a_forked_process_opens_its_own_connection_and_the_parents_still_works(tmp_path, doc):
    c = cache(tmp_path)
    c.store_analysis(doc, (), ())
    c.flush()
    child = multiprocessing.get_context("fork").Process(target=_store_in_child, args=(str(tmp_path / "cache"), OTHER))
    child.start()
    child.join()
    assert child.exitcode == 0
    c.store_analysis(doc, ("after",), ())
    c.close()
    again = cache(tmp_path)
    assert again.load_analysis(doc) == (("after",), ())
    assert again.load_analysis(parse(OTHER.encode(), "other.txt")) == (("from the child",), ())


def _write_forever(root: str, text: str, value: tuple, stop) -> None:
    c = ResultCache(root, gazetteer_fingerprint="g1", code="c1")
    d = parse(text.encode(), "floods.txt")
    while not stop.is_set():
        c.store_analysis(d, *value)
        c.flush()


def test_concurrent_writers_never_show_a_reader_half_an_entry(tmp_path, doc):
    """Three processes rewrite one entry while a fourth reads it: each read is the whole entry or none."""
    value = ((), tuple(range(5_000)))
    ctx = multiprocessing.get_context("spawn")
    stop = ctx.Event()
    writers = [ctx.Process(target=_write_forever, args=(str(tmp_path / "cache"), ARTICLE, value, stop))
               for _ in range(3)]
    for w in writers:
        w.start()
    seen = []
    try:
        reader, deadline = cache(tmp_path), time.monotonic() + 60
        while sum(s is not None for s in seen) < 100 and time.monotonic() < deadline:  # writers start slowly
            seen.append(reader.load_analysis(doc))
    finally:
        stop.set()
        for w in writers:
            w.join()
    assert all(s is None or s == value for s in seen) and sum(s is not None for s in seen) == 100


@pytest.mark.parametrize("json", [True, False])  # the keys asked as a JSON array, or (an SQLite without) not
def test_entries_are_written_in_batches_and_all_kept(tmp_path, json, monkeypatch):
    import mapgen.cache

    monkeypatch.setattr(mapgen.cache, "_KEYS_A_QUERY", 1_000)
    if not json:
        monkeypatch.setattr(mapgen.cache, "_has_json", lambda db: False)
    docs = [parse(f" date 2022-05-04\nStory {i} from Porto Alegre.\n".encode(), f"{i}.txt") for i in range(1_234)]
    c = cache(tmp_path)
    for i, d in enumerate(docs):
        c.store_analysis(d, (), (i,))
    c.close()
    again = cache(tmp_path)
    missing = parse(b"Not stored.", "none.txt")
    assert again.load_many([*docs, missing]) == [((), (i,)) for i in range(len(docs))] + [None]
    assert again.hits == len(docs) and again._json == json


def test_corrections_per_article_invalidate_only_the_articles_they_touch(tmp_path):
    """A corrections fingerprint per article: editing the Mombasa correction leaves the Porto Alegre entry valid."""
    floods, ferry = parse(ARTICLE.encode(), "a.txt"), parse(OTHER.encode(), "b.txt")

    def touching(version):
        return lambda d: f"mombasa-{version}" if "Mombasa" in d.text else ""

    before = cache(tmp_path, corrections=touching(1))
    before.store_analysis(floods, (), ())
    before.store_analysis(ferry, (), ())
    before.close()
    after = cache(tmp_path, corrections=touching(2))
    assert after.load_analysis(floods) == ((), ()) and after.load_analysis(ferry) is None


def test_a_build_without_the_cache_keeps_its_results_in_a_scratch_store_it_removes(tmp_path, monkeypatch):
    from mapgen.cache import scratch_root

    monkeypatch.setattr("mapgen.cache.default_root", lambda: tmp_path / "results")
    killed = tmp_path / "scratch" / "build-999999999-x"  # a build killed before it could clean up
    killed.mkdir(parents=True)
    with scratch_root() as folder:
        assert folder.parent == tmp_path / "scratch" and folder.is_dir()
        c = ResultCache(folder, gazetteer_fingerprint="g")
        c.store_analysis(parse(ARTICLE.encode(), "a.txt"), (), ())
        c.close()
        assert c.path.is_file() and c.path.parent == folder
    assert not folder.exists() and not killed.exists() and not (tmp_path / "results").exists()
    assert not _open_files_under(folder)  # its space given back, not held by a kept connection


def _open_files_under(folder) -> list[str]:
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("lists open files through Linux's /proc")
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_memory_serves_what_a_build_read_and_forgets_what_the_next_did_not_use(tmp_path, doc):
    from mapgen.cache import Memory

    memory, other = Memory(), parse(OTHER.encode(), "ferry.txt")
    first = cache(tmp_path, memory=memory)
    first.store_document("k-floods", ("state", doc), b"text")
    first.store_document("k-ferry", ("state", other), b"text 2")
    first.flush()
    with sqlite3.connect(file_of(tmp_path)) as db:  # from here on only the memory has them
        db.execute("DELETE FROM documents")
    db.close()
    second = cache(tmp_path, memory=memory)
    assert second.load_documents(["k-floods"]) == [("state", doc)]
    second.forget_unused()  # the second build read only the floods article's entry
    assert cache(tmp_path, memory=memory).load_documents(["k-floods", "k-ferry"]) == [("state", doc), None]


def test_memory_stands_only_in_front_of_the_file_it_was_kept_with(tmp_path, doc):
    """A --watch process whose cache file was removed (by hand, or by an older install's pruning) must
    not take its memory for what the new file holds: the writers read the file."""
    from mapgen.cache import Memory

    memory = Memory()
    first = cache(tmp_path, memory=memory)
    first.store_document("k-floods", ("state", doc), b"text")
    first.close()
    assert first.load_documents(["k-floods"]) == [("state", doc)] and len(memory) == 1
    for suffix in ("", "-wal", "-shm"):
        file_of(tmp_path).with_name(file_of(tmp_path).name + suffix).unlink(missing_ok=True)
    second = cache(tmp_path, memory=memory)
    assert len(memory) == 0 and second.load_documents(["k-floods"]) == [None]


def test_a_documents_text_is_kept_apart_and_given_only_for_the_content_it_was_read_from(tmp_path, doc):
    from mapgen.cache import squeeze

    text = squeeze(doc.text.encode())
    first = cache(tmp_path)
    first.store_document("k-floods", ("state", doc), text)
    first.store_text("k-damaged", doc.sha256, b"\xff" + text)
    first.close()
    second = cache(tmp_path)
    assert second.load_documents(["k-floods", "k-none"]) == [("state", doc), None]
    assert second.load_texts(["k-none", "k-floods", "k-floods", "k-damaged"],
                             [doc.sha256, doc.sha256, "0" * 64, doc.sha256]) == [None, text, None, None]


def test_memory_holds_the_latest_entry_and_pieces_unpacked(tmp_path, doc, gazetteer):
    from mapgen.cache import Memory
    from mapgen.contributions import contribute

    memory = Memory()
    c = cache(tmp_path, memory=memory)
    c.store_document("k", ("old state", doc), b"text")
    c.store_document("k", ("new state", doc), b"text")
    assert c.load_documents(["k"]) == [("new state", doc)]
    assert c.have_contributions([doc]) == [False]
    c.store_contribution(doc, contribute(analyse(doc, gazetteer)))
    assert c.have_contributions([doc]) == [True]
    shares, count, *_ = summary = c.load_pieces([doc], "summary")[0]  # unpacked, and so remembered
    assert memory.entries["piece_summary"][c.contribution_key(doc)] is summary and count and shares



def test_each_code_version_has_a_file_and_an_upgrade_removes_files_no_build_used_for_a_week(tmp_path, doc):
    week_ago = time.time() - 8 * 24 * 3600
    old = cache(tmp_path, code="0.1.0-aaaa")
    old.store_analysis(doc, (), ())
    old.close()
    legacy = tmp_path / "cache" / "results.sqlite"  # the one file of earlier releases, with its WAL
    for f in (legacy, legacy.with_name("results.sqlite-wal")):
        f.write_bytes(b"")
    notes = tmp_path / "cache" / "notes.txt"  # not the cache's: never touched
    notes.write_text("mine")
    for f in (old.path, legacy, legacy.with_name("results.sqlite-wal"), notes):
        os.utime(f, (week_ago, week_ago))
    recent = cache(tmp_path, code="0.1.1-bbbb")  # another install, used an hour ago
    recent.store_analysis(doc, (), ())
    recent.close()
    os.utime(recent.path, (time.time() - 3600, time.time() - 3600))

    new = cache(tmp_path, code="0.2.0-cccc")
    assert new.load_analysis(doc) is None  # a new version's file: the old entries were never its own
    left = {p.name for p in (tmp_path / "cache").iterdir()}
    assert {n for n in left if not n.endswith(("-wal", "-shm"))} == {new.path.name, recent.path.name, "notes.txt"}
    assert not {n for n in left if n.startswith((old.path.name, legacy.name))}  # with their WAL files
    assert cache(tmp_path, code="0.1.1-bbbb").load_analysis(doc) == ((), ())

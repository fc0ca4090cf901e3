import os
import time

from mapgen.housekeeping import OTHERS_KEPT, prune


def test_only_the_most_recently_used_other_versions_are_kept(tmp_path):
    root = tmp_path / "cache"
    root.mkdir()
    hours = [*range(OTHERS_KEPT), OTHERS_KEPT, 36, 8 * 24, 30 * 24]  # since each file was last used
    files = [root / f"results-v{n}.sqlite" for n in range(len(hours))]
    now = time.time()
    for h, f in zip(hours, files):
        f.write_bytes(b"")
        os.utime(f, (now - h * 3600, now - h * 3600))
    mine = files[-1]  # the oldest, but the version of the build asking
    removed = prune(root, "results-*.sqlite", mine, now)
    # beyond the most recent few, but used within the day: kept (an edited checkout makes many versions)
    assert sorted(removed) == [files[OTHERS_KEPT + 1], files[OTHERS_KEPT + 2]]
    assert sorted(root.iterdir()) == sorted(files[:OTHERS_KEPT + 1] + [mine])


def test_only_the_files_of_the_pattern_go_and_their_sqlite_journals_with_them(tmp_path):
    now, old = time.time(), time.time() - 30 * 24 * 3600
    mine, other, unrelated = (tmp_path / n for n in ("gazetteer-new.sqlite", "gazetteer-old.sqlite", "notes.sqlite"))
    for f in (mine, other, other.with_name(other.name + "-wal"), unrelated):
        f.write_bytes(b"")
        os.utime(f, (old, old))
    assert prune(tmp_path, "gazetteer-*.sqlite", mine, now) == [other]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-new.sqlite", "notes.sqlite"]


def test_the_gazetteer_index_of_other_sources_goes_when_unused_but_not_when_an_index_is_given(cache_dir):
    from mapgen.gazetteer import open_gazetteer
    from mapgen.gazetteer.index import default_index_path

    old = time.time() - 30 * 24 * 3600
    stale = cache_dir / "gazetteer-0000000000000000.sqlite"  # another version's sources, a month unused
    stale.write_bytes(b"")
    os.utime(stale, (old, old))
    open_gazetteer(default_index_path())  # given by path (as a user may): its folder is not tidied
    assert stale.exists()
    own = open_gazetteer().path
    assert not stale.exists() and own.exists()


def test_what_is_kept_is_written_whole_and_a_folder_that_cannot_be_written_is_let_go(tmp_path):
    from mapgen.housekeeping import keep

    target = tmp_path / "derived" / "outline.js"
    keep(target, b"first")
    keep(target, b"second")
    assert target.read_bytes() == b"second" and sorted(p.name for p in target.parent.iterdir()) == ["outline.js"]
    blocked = tmp_path / "a-file"
    blocked.write_bytes(b"")
    keep(blocked / "under" / "it.json", b"x")  # its folder cannot be made: nothing raised, nothing written
    assert blocked.read_bytes() == b""

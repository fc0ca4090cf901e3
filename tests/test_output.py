"""mapgen never destroys what is not its own: every way a new user pointed --out at their files."""
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from mapgen.build import build
from mapgen.errors import MapgenError, OutputError
from mapgen.maps import article_page
from mapgen.output import MANIFEST


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def desk(tmp_path):
    """A reporter's folder: articles in arts/, their own notes and spreadsheet beside them."""
    d = tmp_path / "desk"
    shutil.copytree(FIXTURES / "articles", d / "arts")
    (d / "notes.md").write_text("call the mayor back")
    (d / "budget.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    return d


def test_out_equal_to_the_input_is_refused(desk, gazetteer):
    before = snapshot(desk)
    with pytest.raises(OutputError, match="is the input folder itself"):
        build([desk / "arts"], desk / "arts", gazetteer=gazetteer)
    assert snapshot(desk) == before


def test_out_holding_the_input_is_refused(desk, gazetteer):
    before = snapshot(desk)
    with pytest.raises(OutputError, match="holds the input"):
        build([desk / "arts"], desk, gazetteer=gazetteer)
    assert snapshot(desk) == before


def test_a_folder_mapgen_did_not_make_is_refused_before_any_work(desk, tmp_path, gazetteer, monkeypatch):
    other = tmp_path / "Documents"
    other.mkdir()
    (other / "letter.txt").write_text("dear editor")
    monkeypatch.setattr("mapgen.build.analyse_and_contribute", lambda *a, **k: pytest.fail("work started before the check"))
    with pytest.raises(OutputError, match="folder exists and was not made by mapgen .*choose a new folder name"):
        build([desk / "arts"], other, gazetteer=gazetteer)
    assert (other / "letter.txt").read_text() == "dear editor"


def test_out_inside_the_input_is_never_read_back(desk, gazetteer):
    out = desk / "arts" / "maps"
    first = build([desk / "arts"], out, gazetteer=gazetteer)
    second = build([desk / "arts"], out, gazetteer=gazetteer)
    assert first.articles == second.articles == 2 and not second.skipped
    sources = json.loads((out / "data" / "sources.json").read_text())
    assert sorted(s["file"] for s in sources) == ["ganja_strike.txt", "lachin_handover.txt"]


def test_an_earlier_output_elsewhere_in_the_input_is_not_read(desk, tmp_path, gazetteer):
    build([desk / "arts"], desk / "arts" / "old-maps", gazetteer=gazetteer)
    report = build([desk / "arts"], tmp_path / "new-maps", gazetteer=gazetteer)
    assert report.articles == 2 and not report.skipped


def test_an_earlier_output_is_replaced_and_carries_a_manifest(desk, tmp_path, gazetteer):
    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    manifest = json.loads((out / MANIFEST).read_text())
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert manifest["generator"] == "mapgen" and manifest["files"] == written and "index.html" in written
    (desk / "arts" / "ganja_strike.txt").unlink()
    report = build([desk / "arts"], out, gazetteer=gazetteer)
    assert report.articles == 1


def test_a_file_added_to_an_earlier_output_stops_the_replacement(desk, tmp_path, gazetteer):
    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    (out / "my-notes.txt").write_text("mine")
    with pytest.raises(OutputError, match=r"holds files mapgen did not write \(my-notes.txt\)"):
        build([desk / "arts"], out, gazetteer=gazetteer)
    assert (out / "my-notes.txt").read_text() == "mine"


def test_an_empty_folder_is_used(desk, tmp_path, gazetteer):
    out = tmp_path / "empty"
    out.mkdir()
    build([desk / "arts"], out, gazetteer=gazetteer)
    assert (out / "index.html").is_file()


def test_the_working_folder_is_refused_and_nothing_is_left_in_its_parent(desk, gazetteer, monkeypatch):
    work = desk.parent / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    with pytest.raises(OutputError, match="the folder you are working in"):
        build([desk / "arts"], Path("."), gazetteer=gazetteer)
    assert sorted(p.name for p in desk.parent.iterdir()) == ["desk", "work"]


def test_no_lock_or_temporary_file_is_left_beside_the_output(desk, tmp_path, gazetteer):
    build([desk / "arts"], tmp_path / "maps", gazetteer=gazetteer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk", "maps"]


def test_a_parent_that_is_a_file_is_named(desk, gazetteer):
    with pytest.raises(OutputError, match=r"a parent of the output folder \(.*notes.md\) is a file"):
        build([desk / "arts"], desk / "notes.md" / "sub", gazetteer=gazetteer)


def test_leftover_look_alikes_without_mapgen_s_mark_are_not_removed(desk, tmp_path, gazetteer):
    lookalike = tmp_path / ".maps.building-mine"
    lookalike.mkdir()
    (lookalike / "draft.txt").write_text("keep")
    build([desk / "arts"], tmp_path / "maps", gazetteer=gazetteer)
    assert (lookalike / "draft.txt").read_text() == "keep"


# --out as a new user might type it: any path in or around a folder of their own files
_parts = st.sampled_from(["desk", "arts", "maps", "notes", "sub", "..", ".", "notes.md", "out"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_parts, min_size=1, max_size=4), cwd_inside=st.booleans())
def test_no_out_removes_a_file_mapgen_did_not_write(gazetteer, parts, cwd_inside):
    root = Path(tempfile.mkdtemp(prefix="mapgen-prop-"))
    old_cwd = os.getcwd()
    try:
        desk = root / "desk"
        shutil.copytree(FIXTURES / "articles", desk / "arts")
        (desk / "notes.md").write_text("call back")
        (desk / "notes").mkdir()
        (desk / "notes" / "n.txt").write_text("a note about Baku")
        (root / "maps").mkdir()
        (root / "maps" / "keep.csv").write_text("a,b")
        before = snapshot(root)
        os.chdir(desk if cwd_inside else root)
        try:
            build([desk / "arts"], Path(*parts), gazetteer=gazetteer)
        except MapgenError:
            pass
        after = snapshot(root)
        lost = {f for f in before if f not in after or after[f] != before[f]}
        assert not lost, f"--out {Path(*parts)} removed or changed {sorted(lost)}"
    finally:
        os.chdir(old_cwd)
        shutil.rmtree(root, ignore_errors=True)


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)


@given(st.dictionaries(_TEXT, st.one_of(_TEXT, st.lists(_TEXT, max_size=4), st.dictionaries(_TEXT, _TEXT, max_size=4)),
                       max_size=5))
def test_the_manifest_is_written_as_json_writes_it_with_an_indent(manifest):
    from mapgen.output import _indented

    assert _indented(manifest) == json.dumps(manifest, ensure_ascii=False, indent=1)


# the commit: a rebuild moves its new files into the earlier output (output.staged)
FERRY = "Date: 2023-03-07\n\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n"


def _clean(desk, tmp_path, gazetteer) -> dict[str, bytes]:
    build([desk / "arts"], tmp_path / "clean", gazetteer=gazetteer, cache=False)
    return snapshot(tmp_path / "clean")


def test_a_rebuild_leaves_the_files_it_draws_the_same_where_they_are(desk, tmp_path, gazetteer):
    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    inodes = {f: os.stat(out / f).st_ino for f in snapshot(out)}
    (desk / "arts" / "ferry.txt").write_text(FERRY)
    build([desk / "arts"], out, gazetteer=gazetteer)
    after = {f: os.stat(out / f).st_ino for f in snapshot(out)}
    assert after[os.path.join("assets", "mapgen.css")] == inodes[os.path.join("assets", "mapgen.css")]
    assert after["index.html"] != inodes["index.html"]  # drawn again with the ferry's places
    assert snapshot(out) == _clean(desk, tmp_path, gazetteer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "desk", "maps"]


def _on_each_move(monkeypatch, act) -> list:
    """Call act(n) before the commit moves its n-th file into the output (not the stage's own journal);
    returns the files moved."""
    replace, moved = os.replace, []

    def move(src, dst, *args, **kwargs):
        if ".building-" in str(src) and "mapgen-commit" not in str(dst):
            act(len(moved))
            moved.append(dst)
        return replace(src, dst, *args, **kwargs)

    monkeypatch.setattr("mapgen.output.os.replace", move)
    return moved


def test_a_commit_cut_short_is_finished_by_the_next_build(desk, tmp_path, gazetteer, monkeypatch):
    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    (desk / "arts" / "ferry.txt").write_text(FERRY)

    def killed_at_the_third(n):  # the process dies in the middle of the commit
        if n == 2:
            raise KeyboardInterrupt

    moved = _on_each_move(monkeypatch, killed_at_the_third)
    with pytest.raises(KeyboardInterrupt):
        build([desk / "arts"], out, gazetteer=gazetteer)
    monkeypatch.undo()
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".maps.building-")]
    assert len(moved) == 2 and len(left) == 1 and (left[0] / ".mapgen-commit").is_file()
    build([desk / "arts"], out, gazetteer=gazetteer)  # finishes it first, then builds as usual
    assert snapshot(out) == _clean(desk, tmp_path, gazetteer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "desk", "maps"]


def test_ctrl_c_during_a_commit_takes_effect_once_it_is_done(desk, tmp_path, gazetteer, monkeypatch):
    import signal

    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    (desk / "arts" / "ferry.txt").write_text(FERRY)

    def pressed_at_the_first(n):
        if n == 0:
            signal.raise_signal(signal.SIGINT)

    moved = _on_each_move(monkeypatch, pressed_at_the_first)
    with pytest.raises(KeyboardInterrupt):
        build([desk / "arts"], out, gazetteer=gazetteer)
    monkeypatch.undo()
    assert moved and snapshot(out) == _clean(desk, tmp_path, gazetteer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "desk", "maps"]


def test_a_file_edited_while_the_build_ran_is_not_replaced(desk, tmp_path, gazetteer, monkeypatch):
    import mapgen.build

    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    (desk / "arts" / "ferry.txt").write_text(FERRY)
    events, plan = out / "data" / "events.csv", mapgen.build._plan

    def edited_meanwhile(*args, **kwargs):  # after the checks before any work, before the commit
        time.sleep(0.01)
        events.write_text(events.read_text() + "a row of the desk's own\n")
        return plan(*args, **kwargs)

    monkeypatch.setattr("mapgen.build._plan", edited_meanwhile)
    with pytest.raises(OutputError, match="data/events.csv changed since mapgen wrote it"):
        build([desk / "arts"], out, gazetteer=gazetteer)
    assert events.read_text().endswith("a row of the desk's own\n")
    assert "Malindi" not in (out / "index.html").read_text()  # nothing of the build went in
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk", "maps"]


def test_a_file_put_where_the_build_writes_one_is_not_replaced(desk, tmp_path, gazetteer, monkeypatch):
    import mapgen.build

    out = tmp_path / "maps"
    build([desk / "arts"], out, gazetteer=gazetteer)
    (desk / "arts" / "ferry.txt").write_text(FERRY)
    plan, theirs = mapgen.build._plan, {}

    def put_meanwhile(*args, **kwargs):
        made = plan(*args, **kwargs)
        (out / "sources").mkdir(exist_ok=True)
        for page in {article_page(d.id) for d in args[0].docs} - set(snapshot(out)):
            (out / page).write_text("the desk's page")
            theirs[page] = "the desk's page"
        return made

    monkeypatch.setattr("mapgen.build._plan", put_meanwhile)
    with pytest.raises(OutputError, match="holds files mapgen did not write"):
        build([desk / "arts"], out, gazetteer=gazetteer)
    assert theirs and all((out / f).read_text() == text for f, text in theirs.items())

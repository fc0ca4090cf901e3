import json
import shutil

import pytest

from conftest import FIXTURES
from mapgen.build import build
from mapgen.inputs import input_files


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    (d / "world").mkdir(parents=True)
    (d / "a.txt").write_text("Rain in Bergen.")
    (d / "world" / "b.md").write_text("---\ntitle: B\n---\nSnow in Oslo.")
    (d / "world" / "c.HTML").write_text("<html><body><article><p>Wind in Malmo today.</p></article></body></html>")
    (d / ".hidden.txt").write_text("Hidden in Riga.")
    (d / ".git").mkdir()
    (d / ".git" / "x.txt").write_text("Not an article.")
    (d / "a.txt.lock").write_text("")
    (d / "a.txt~").write_text("an editor's backup")
    (d / "mapgen.toml").write_text('title = "T"')
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (d / "README").write_text("no extension")
    return d


def test_only_article_formats_are_read_and_the_rest_are_named_with_a_reason(folder):
    found, passed = input_files([folder])
    assert [f.name for f in found] == ["a.txt", "world/b.md", "world/c.HTML"]
    assert [f.shown for f in found][0] == str(folder / "a.txt")
    reasons = dict(passed)
    assert set(reasons) == {str(folder / "photo.jpg"), str(folder / "README")}
    assert reasons[str(folder / "photo.jpg")].startswith("a .jpg file is not an article format (mapgen reads .txt")
    assert reasons[str(folder / "README")].startswith("a file without an extension is not an article format")


def test_a_file_named_on_the_command_line_is_judged_the_same_way(folder):
    found, passed = input_files([folder / "a.txt", folder / "photo.jpg"])
    assert [f.name for f in found] == ["a.txt"] and [p for p, _ in passed] == [str(folder / "photo.jpg")]


def test_sources_json_names_files_relative_to_their_input_folder(tmp_path, gazetteer):
    arts = tmp_path / "home" / "reporter" / "arts"
    shutil.copytree(FIXTURES / "articles", arts / "2020")
    build([arts], tmp_path / "out", gazetteer=gazetteer)
    sources = json.loads((tmp_path / "out" / "data" / "sources.json").read_text())
    assert sorted(s["file"] for s in sources) == ["2020/ganja_strike.txt", "2020/lachin_handover.txt"]
    assert str(tmp_path) not in (tmp_path / "out" / "data" / "sources.json").read_text()


def test_undated_articles_are_named_in_the_report(tmp_path, gazetteer):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "undated.txt").write_text("Fighting went on near Mariupol on Sunday.")
    (arts / "dated.md").write_text("---\ndate: 2022-03-20\n---\nFighting went on near Mariupol on Sunday.\n")
    report = build([arts], tmp_path / "out", gazetteer=gazetteer)
    assert [f for f, _ in report.undated] == [str(arts / "undated.txt")]

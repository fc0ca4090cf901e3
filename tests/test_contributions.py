"""The build-wide files put together from each article's pieces are what rendering them at once writes."""
import csv
import io
import pickle
from pathlib import Path

import pytest

from mapgen import review
from mapgen.analysis import analyse
from mapgen.build import build
from mapgen.errors import CacheError
from mapgen.cache import ResultCache
from mapgen.contributions import PIECES, Contribution, contribute, unpacked
from mapgen.documents import read_document
from mapgen.exports import PlaceShare, collect, write_data
from mapgen.maps import MapStyle, event_span, write_maps

ARTICLES = {
    "a/one.txt": "Date: 2021-03-04\n\nFloods hit Porto on Monday, and rescuers reached Braga on March 2. "
                 "The mayor of Lisbon said <b>help</b> was on its way.\n",
    "a/two.txt": "Date: 2020-11-20\n\nA storm reached Valparaíso on Nov. 18 and Santiago in 2019. "
                 "Officials in Porto sent aid = \"cmd|' /C calc'!A0\".\n",
    "b/three.txt": "Date: 2021-01-09\n\nTrains between Lyon and Marseille stopped on Thursday; "
                   "Lyon's mayor said service would resume in Grenoble first.\n",
    "b/no_place.txt": "Date: 2021-01-09\n\nNothing here names anywhere at all.\n",
}


@pytest.fixture
def articles(tmp_path):
    root = tmp_path / "in"
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _whole(articles: Path, gazetteer, out: Path) -> None:
    """The build-wide files rendered from the whole collection at once, as before pieces existed."""
    docs = sorted((read_document(p, name=p.relative_to(articles).as_posix()) for p in articles.rglob("*.txt")),
                  key=lambda d: (d.path, d.id))
    analyses = [analyse(d, gazetteer) for d in docs]
    c = collect(analyses)
    write_data(c, out / "data")
    review.write(analyses, out)
    write_maps(c, out, MapStyle())


@pytest.mark.parametrize("cache", [False, True])
def test_pieces_put_together_are_the_files_rendered_at_once(articles, tmp_path, gazetteer, private_cache, cache):
    _whole(articles, gazetteer, tmp_path / "whole")
    build([articles], tmp_path / "built", gazetteer=gazetteer, jobs=1, cache=cache)
    if cache:  # the second build's pieces come from the cache
        build([articles], tmp_path / "built", gazetteer=gazetteer, jobs=1)
    for name in ("data/events.geojson", "data/events.csv", "data/places.geojson", "data/places.csv",
                 "data/sources.json", "review.csv", "review.html", "index.html"):
        assert (tmp_path / "built" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    events = (tmp_path / "built" / "data" / "events.csv").read_text(encoding="utf-8").splitlines()
    assert len(events) > 6 and any("Valparaíso" in line or "Valparaiso" in line for line in events)


def test_a_moved_article_keeps_its_analysis_but_its_review_rows_name_the_new_file(
        articles, tmp_path, gazetteer, private_cache, monkeypatch):
    import mapgen.engine as engine

    build([articles], tmp_path / "out", gazetteer=gazetteer, jobs=1)
    analysed = []
    real = engine.analyse
    monkeypatch.setattr(engine, "analyse", lambda d, *a, **k: analysed.append(d.path) or real(d, *a, **k))
    (articles / "c").mkdir()
    (articles / "a" / "one.txt").rename(articles / "c" / "moved.txt")
    build([articles], tmp_path / "out", gazetteer=gazetteer, jobs=1)
    rows = (tmp_path / "out" / "review.csv").read_text(encoding="utf-8")
    assert analysed == [] and "c/moved.txt" in rows and "a/one.txt" not in rows


def test_a_contribution_holds_each_piece_on_its_own(articles, gazetteer):
    doc = read_document(articles / "a" / "one.txt", "a/one.txt")
    a = analyse(doc, gazetteer)
    c = pickle.loads(pickle.dumps(contribute(a)))
    assert isinstance(c, Contribution)
    (shares, count, span, least, n_rows), events, ranks, rows, popups = unpacked(
        [c.summary, c.events, c.ranks, c.review, c.popups])
    assert count == len(a.events) and {s.place_id for s in map(PlaceShare._make, shares)} == {p.id for p in a.places}
    assert {PlaceShare._make(s).candidate() for s in shares} == {p.candidate for p in a.places}
    assert events.features.count(b'{"type":"Feature"') == len(a.events) > 0
    assert len(list(csv.reader(io.StringIO(events.rows.decode())))) == len(a.events)
    listed = list(review.rows([a]))
    assert len(list(csv.reader(io.StringIO(rows.csv.decode())))) == len(listed) == len(ranks)
    assert rows.rows() == tuple(listed)
    assert list(ranks) == [review.least_confident_first(r) for r in listed]
    assert least == min(ranks) and n_rows == len(listed)
    assert {p for p, _ in popups.events} == {e.place_id for e in a.events}
    assert sum(len(entries) for _, entries in popups.events) == len(a.events)
    assert span == event_span(a.events) and span[0] <= span[1]
    assert b"<" not in b"".join(b"".join(entries) for _, entries in popups.events)


def test_analyses_are_read_from_the_store_when_asked_and_made_again_if_gone_from_it(
        articles, tmp_path, gazetteer):
    import sqlite3

    from mapgen.engine import analyse_and_contribute

    docs = sorted((read_document(p, name=p.relative_to(articles).as_posix()) for p in articles.rglob("*.txt")),
                  key=lambda d: d.path)
    cache = ResultCache(tmp_path / "c", gazetteer_fingerprint=gazetteer.fingerprint)
    first, contributions = analyse_and_contribute(docs, gazetteer, store=cache)
    assert first._held == [None] * len(docs)  # the results went into the store, not into memory
    again, kept = analyse_and_contribute(docs, gazetteer, store=cache)
    everyone = list(range(len(docs)))
    for piece in PIECES:
        assert list(kept.pieces(everyone, piece)) == list(contributions.pieces(everyone, piece))
    assert again._held == [None] * len(docs)
    assert [again[i] for i in range(len(docs))] == [analyse(d, gazetteer) for d in docs]
    with sqlite3.connect(cache.path) as db:
        db.execute("DELETE FROM results")
    assert again[0] == analyse(docs[0], gazetteer) and again[0].places
    # once a build has let the texts go, what leaves the store cannot be made again: said, not guessed
    again.drop_texts()
    with pytest.raises(CacheError, match="a/one.txt: its results left the result cache"):
        again[0]
    with sqlite3.connect(cache.path) as db:
        db.execute("DELETE FROM piece_review")
    with pytest.raises(CacheError, match="build again"):
        list(kept.pieces(everyone, "review"))


def test_the_manifest_digests_made_by_the_writing_processes_are_those_of_the_files(
        articles, tmp_path, gazetteer, private_cache):
    import hashlib
    import json

    for jobs in (1, 2, 2):  # the second build with two jobs takes pages over from the first
        build([articles], tmp_path / "out", gazetteer=gazetteer, jobs=jobs)
        manifest = json.loads((tmp_path / "out" / "mapgen-manifest.json").read_text())
        assert len(manifest["sha256"]) > 10
        for f, digest in manifest["sha256"].items():
            assert hashlib.sha256((tmp_path / "out" / f).read_bytes()).hexdigest() == digest, f

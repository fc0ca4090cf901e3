import heapq

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapgen.build import build


@pytest.fixture(scope="module")
def out(tmp_path_factory, gazetteer):
    root = tmp_path_factory.mktemp("review")
    arts = root / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text(
        "Date: 2024-05-01\n\nPrices rose in Springfield, officials in Lisbon said. "
        "Talks <b>opened</b> in Porto on Monday.\n")
    build([arts], root / "out", gazetteer=gazetteer)
    return root / "out"


def test_review_is_written_and_not_linked_from_the_maps(out):
    assert (out / "review.html").is_file()
    for page in [out / "index.html", *(out / "sources").glob("*.html")]:
        assert "review.html" not in page.read_text()


@pytest.mark.browser
def test_review_lists_least_confident_first_with_a_correction_line(out, page):
    page.goto((out / "review.html").as_uri())
    rows = page.locator("tbody tr")
    assert rows.count() >= 3
    confidences = [c for c in page.locator("tbody tr td:first-child").all_inner_texts()]
    placed = [float(c) for c in confidences if c != "not placed"]
    assert placed == sorted(placed)
    lisbon = page.locator("tbody tr", has=page.locator("th", has_text="Lisbon")).first
    assert "geonames:2267057" in lisbon.inner_text()
    assert "Lisbon,none,,,," in lisbon.locator("code").last.inner_text()
    assert page.locator("b").count() == 0  # article text is data, never markup
    assert not page.console_errors


def test_each_row_shows_the_sentence_its_name_is_in(out):
    from html import unescape

    page = unescape((out / "review.html").read_text())
    assert "Prices rose in Springfield, officials in Lisbon said." in page
    assert "Talks <b>opened</b> in Porto on Monday." in page  # unescaped here: the page escapes it


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1200])
def test_review_fits_the_screen_and_the_line_to_copy_is_visible(out, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((out / "review.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("tbody tr code").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


def test_review_csv_holds_every_row_with_its_lines_and_no_formula(out):
    import csv

    with (out / "review.csv").open(encoding="utf-8", newline="") as f:
        got = list(csv.DictReader(f))
    page_rows = (out / "review.html").read_text().count("<tr class=")
    assert len(got) == page_rows >= 3
    lisbon = next(r for r in got if r["name"] == "Lisbon")
    assert lisbon["chosen"] == "geonames:2267057" and lisbon["placed"] == "yes"
    assert lisbon["line_not_a_place"].startswith("Lisbon,none,")
    assert lisbon["sentence"] == "Prices rose in Springfield, officials in Lisbon said."
    assert float(lisbon["chosen_lat"]) == pytest.approx(38.72, abs=0.05)
    page = (out / "review.html").read_text()
    assert all(f">{r['name']}<" in page for r in got)  # a page this small shows every row of the file


def test_the_page_keeps_the_least_confident_rows_of_all_articles(tmp_path, analyse_text):
    import csv

    from mapgen import review

    analyses = [analyse_text("Date: 2024-05-01\n\nTalks opened in Lisbon, Porto and Braga on Monday.", "a.txt"),
                analyse_text("Date: 2024-05-02\n\nRain fell on Springfield and on Paris.", "b.txt")]
    review.write(analyses, tmp_path, limit=2)
    with (tmp_path / "review.csv").open(encoding="utf-8", newline="") as f:
        every = list(csv.DictReader(f))
    expected = sorted(every, key=lambda r: (r["placed"] == "yes", r["confidence"], r["file"], r["name"]))[:2]
    page = (tmp_path / "review.html").read_text()
    shown = [r["name"] for r in every if f">{r['name']}<" in page]
    assert len(every) >= 4 and sorted(shown) == sorted(r["name"] for r in expected)
    assert f"The 2 least confident of {len(every)} names are shown here" in page


def _row(i: int, sentence: str = "Talks opened."):
    from mapgen.model import Candidate
    from mapgen.review import Row

    c = Candidate(f"geonames:{i}", f"Town {i}", "town", "PT", 40.0, -8.0, 1000)
    return Row(i / 10, f"Town {i}", "A title", "a.txt", "s1", sentence, c, None, ("population 1,000 (+0.40)",), True)


def test_a_large_review_page_shows_the_least_confident_and_says_where_the_rest_are():
    from mapgen import review

    page = review.render([_row(i) for i in range(2)], total=5)
    assert page.count("<tr class=") == 2 and "Town 0" in page and "Town 1" in page and "Town 4" not in page
    assert "The 2 least confident of 5 names are shown here" in page and 'href="review.csv"' in page


@pytest.mark.parametrize("sentence", ["=HYPERLINK(\"http://x\")", "+1 in Porto", "-- Porto", "@Porto"])
def test_review_csv_cells_never_start_a_formula(tmp_path, sentence):
    from mapgen import review

    row = review.csv_row(_row(3, sentence))
    assert row[review.CSV_FIELDS.index("sentence")] == "'" + sentence


def test_a_name_the_gazetteer_lacks_is_a_row_with_the_line_that_adds_it(tmp_path, analyse_text):
    import csv

    from mapgen import review

    a = analyse_text("Date: 2024-05-01\n\nFloodwater rose in Kwashatambo, officials in Lisbon said.", "k.txt")
    assert [m.surface for m in a.unknown] == ["Kwashatambo"]
    review.write([a], tmp_path)
    with (tmp_path / "review.csv").open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["name"] == "Kwashatambo")
    assert row["placed"] == "no" and row["chosen"] == "" and row["evidence"] == review.UNKNOWN
    assert row["line_add_point"] == f"Kwashatambo,,LAT,LON,town,{a.document.id},"
    assert "Kwashatambo" in (tmp_path / "review.html").read_text()


@pytest.mark.parametrize("text, name", [
    # a dateline's town, in capitals: the story's own place, absent from its map unless an editor adds it
    ("Date: 2024-05-01\n\nKWATOBA, Malawi \u2014 Floodwater rose on Tuesday, officials said.", "KWATOBA"),
    # a short name after "the village of"
    ("Date: 2024-05-01\n\nGunmen raided the village of Ubo in Plateau State, Nigeria, on Sunday.", "Ubo"),
])
def test_a_dateline_town_or_a_village_the_gazetteer_lacks_is_a_row_too(analyse_text, text, name):
    assert name in [m.surface for m in analyse_text(text, "k.txt").unknown]


@given(st.lists(st.lists(st.tuples(st.booleans(), st.sampled_from([0.1, 0.5, 0.9]), st.sampled_from("ab")),
                         max_size=6), max_size=30),
       st.integers(min_value=1, max_value=12))
def test_the_least_confident_rows_are_those_ranking_every_row_gives(articles, limit):
    from mapgen.review import _least_confident

    every = heapq.nsmallest(limit, [(rank, i, j) for i, rs in enumerate(articles) for j, rank in enumerate(rs)])
    picked, total = _least_confident(lambda order: [tuple(articles[i]) for i in order], len(articles), limit)
    assert picked == every and total == sum(map(len, articles))

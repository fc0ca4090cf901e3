import datetime as dt

import pytest

from conftest import FIXTURES
from mapgen.documents import choose_title, parse, read_document
from mapgen.errors import ArticleSkipped
from mapgen.formats import full_date, markdown_text

FORMATS = FIXTURES / "formats"


@pytest.mark.parametrize(
    "header",
    [
        "Date: 2024-10-27",
        "date: 2024-10-27",
        "DATE: 27 October 2024",
        "2024-10-27",
        "2024-10-27T09:15:00Z",
        "Published: Oct. 27, 2024",
        "Published: Sunday, October 27, 2024 9:40 AM",
        "Posted: 27/10/2024",
    ],
)
def test_text_date_headers_are_read_and_left_out_of_the_body(header):
    doc = parse(f"{header}\n\nFerries to Bergen were cancelled.\n".encode(), "a.txt")
    assert doc.date == dt.date(2024, 10, 27) and doc.date_source == "header"
    assert doc.text == "Ferries to Bergen were cancelled.\n"


def test_title_and_date_headers_together():
    doc = parse(b"Title: Storm closes Bergen port\nDate: 2024-10-27\n\nFerries were cancelled.\n", "a.txt")
    assert (doc.title, doc.date, doc.text) == ("Storm closes Bergen port", dt.date(2024, 10, 27), "Ferries were cancelled.\n")


def test_a_dateline_like_colon_is_the_body_not_a_header():
    text = "Oslo: the city council met on Monday.\n"
    doc = parse(text.encode(), "a.txt")
    assert doc.text == text and doc.date_source != "header"


@pytest.mark.parametrize("line", ["Date: to be confirmed", "Published: October 2024", "Date: 2024-13-45"])
def test_a_date_line_without_a_day_is_named_not_read(line):
    doc = parse(f"{line}\nFerries to Bergen were cancelled.\n".encode(), "a.txt")
    assert doc.date is None and doc.text == "Ferries to Bergen were cancelled.\n"
    assert doc.date_note.startswith(f"unreadable date line {line!r}")


def test_the_old_date_marker_still_works():
    doc = parse(b" date 2020-12-02 Troops enter Lachin\nTroops entered Lachin.\n", "a.txt")
    assert doc.date == dt.date(2020, 12, 2) and doc.text.startswith("Troops enter Lachin\n")


def test_markdown_front_matter_and_plain_body():
    doc = read_document(FORMATS / "front_matter.md", name="front_matter.md")
    assert doc.title == "Ferry link between Split and Ancona resumes"
    assert doc.date == dt.date(2024, 5, 3) and doc.date_source == "front matter"
    assert "**" not in doc.text and "https://" not in doc.text and "#" not in doc.text
    assert "The overnight ferry between Split and Ancona resumed" in doc.text
    assert "Tokyo" not in doc.text  # a code block is not article text
    assert "Passengers from Zadar can connect by bus." in doc.text.splitlines()


def test_markdown_without_front_matter():
    doc = parse(b"# Bridge reopens in Porto\n\nThe bridge reopened.\n", "b.md")
    assert doc.title == "Bridge reopens in Porto" and doc.date is None
    assert doc.text == "Bridge reopens in Porto\nThe bridge reopened.\n"


def test_markdown_with_broken_front_matter_is_skipped_with_a_reason():
    with pytest.raises(ArticleSkipped, match=r"front matter is not valid YAML \(line \d+\)"):
        parse(b"---\ntitle: [unclosed\ndate: 2024-01-01\n---\nBody in Lyon.\n", "c.md")


def test_markdown_text_keeps_link_words_not_addresses():
    assert markdown_text("See [the port of Gdansk](https://x.example/gdansk) and `Riga`.") == \
        "See the port of Gdansk and Riga.\n"


def test_saved_web_page_main_text_title_and_date():
    doc = read_document(FORMATS / "saved_page.html", name="saved_page.html")
    assert doc.title == "Wildfire reaches the edge of Patras"
    assert doc.date == dt.date(2024, 8, 14) and doc.date_source == "page metadata"
    assert "reached the outskirts of Patras on Tuesday" in doc.text
    for boilerplate in ("cookies", "Related stories", "Heatwave grips Oslo", "Weekend in Lisbon", "All rights reserved"):
        assert boilerplate not in doc.text
    start = doc.text.index("Aigio")
    assert doc.text[start:start + 5] == "Aigio"  # offsets index the extracted text


def test_web_page_without_article_text_is_skipped():
    with pytest.raises(ArticleSkipped, match="no article text found in the web page"):
        parse(b"<html><head><title>x</title><script>var a = 1;</script></head><body> </body></html>", "d.html")


def test_markup_in_a_text_file_is_text():
    doc = parse(b"<script>alert(1)</script> Protest in Lima\nCrowds gathered in Lima.\n", "e.txt")
    assert doc.title == "<script>alert(1)</script> Protest in Lima"


@pytest.mark.parametrize(
    "body, title",
    [
        ("Photo credit: Jane Roe/Agency\nBy Staff Reporter\n.\nHeavy snow cuts off Tromso\nText.", "Heavy snow cuts off Tromso"),
        ("Image: a harbour at dusk\nVideo: 2 min\nStrikes halt trains in Leeds\nText.", "Strikes halt trains in Leeds"),
        ("TALLINN, Estonia, Nov. 8\nPort strike ends in Tallinn\nText.", "Port strike ends in Tallinn"),
        ("RIGA, 3 March 2021 \u2014\nFloods close the old town\nText.", "Floods close the old town"),
    ],
)
def test_titles_skip_credits_bylines_and_punctuation(body, title):
    assert choose_title(body, "fallback") == title


def test_a_paragraph_first_line_gives_its_first_sentence_or_is_cut_at_a_word():
    para = ("Rescue teams in the mountains above Innsbruck worked through the night. " * 4).strip()
    assert choose_title(para, "x") == "Rescue teams in the mountains above Innsbruck worked through the night."
    long_words = "word " * 60
    title = choose_title(long_words, "x")
    assert title.endswith("\u2026") and len(title) <= 120 and title[:-1].split() == ["word"] * len(title[:-1].split())


def test_no_title_line_falls_back_to_the_file_name():
    assert choose_title(".\n\u2014\n", "my-article") == "my-article"


@pytest.mark.parametrize("value, day", [
    ("2024-02-29", dt.date(2024, 2, 29)), ("Feb. 29, 2024", dt.date(2024, 2, 29)), (dt.date(2023, 1, 2), dt.date(2023, 1, 2)),
    ("2023", None), ("May 2023", None), ("soon", None), (20230102, None),
])
def test_full_date_needs_a_whole_day(value, day):
    assert full_date(value) == day


WRAPPED = (
    "Roads reopen\n"
    "Slips closed State Highway 3 through the Manawatu Gorge on Monday, and\n"
    "trucks bound for Wellington queued for hours outside Palmerston\n"
    "North while crews cleared the road, the transport agency said on the\n"
    "Tuesday.\n"
    "\n"
    "- Detour: via the Saddle Road\n"
    "- Trains: running\n"
)


def test_hard_wrapped_paragraphs_are_unwrapped_in_place():
    from mapgen.formats import unwrap

    text = "Gales closed the harbour at Picton on Monday, and the ferries that cross\nCook Strait to Wellington\n"
    out = unwrap(text)
    assert len(out) == len(text) and "cross Cook Strait" in out


@pytest.mark.parametrize("text", [
    "Ferries stopped\nGales closed the harbour.\n",  # a headline over one line: two lines, not a paragraph
    "- Interislander: all sailings off for the day, the operator said\n- Bluebridge: one sailing at noon only\n",
    "Short line\nanother short one\nand a third\n",
])
def test_headlines_lists_and_short_lines_keep_their_breaks(text):
    from mapgen.formats import unwrap

    assert unwrap(text) == text


def test_a_name_wrapped_over_two_lines_is_one_name(analyse_text):
    a = analyse_text(" date 2024-05-06 Report\n\n" + WRAPPED)
    assert "geonames:2185018" in {p.id for p in a.places}  # Palmerston North, not Palmerston in Australia
    assert "Roads reopen\nSlips closed" in a.document.text  # the headline keeps its line
    assert "- Detour: via the Saddle Road\n- Trains" in a.document.text

import datetime as dt

import pytest

from mapgen.documents import parse, read_document
from mapgen.errors import ArticleSkipped


def test_date_marker_is_read_and_removed():
    d = parse(b" date 2020-11-08 BAKU, Azerbaijan, Nov. 8\n\nBody.", "a.txt")
    assert d.date == dt.date(2020, 11, 8) and d.date_source == "marker"
    assert d.text.startswith("BAKU") and d.title == "Body."  # a bare dateline is no headline


def test_date_from_a_dateline_when_there_is_no_marker_but_never_from_a_caption():
    d = parse("Headline\n\nWATCH: clashes \u2013 Nov 14, 2020\n\nTBILISI, Nov. 16 \u2014 Body text.".encode(), "a.txt")
    assert d.date == dt.date(2020, 11, 16) and d.date_source == "dateline"
    d = parse("Headline\n\nWATCH: clashes \u2013 Nov 14, 2020\n\nBody text.".encode(), "a.txt")
    assert d.date is None and d.date_source == "unknown"


def test_undated_article():
    d = parse(b"Headline\n\nOn the night of February 25-26, 1992, forces attacked.", "a.txt")
    assert d.date is None and d.date_source == "unknown"


def test_same_content_same_id_whatever_the_name():
    a, b = parse(b"Same text", "a.txt"), parse(b"Same text", "other/b.txt")
    assert a.id == b.id and a.sha256 == b.sha256 and len(a.id) == 16
    assert parse(b"Other text", "a.txt").id != a.id


def test_long_first_line_makes_a_short_title():
    d = parse(("word " * 100).encode(), "a.txt")
    assert len(d.title) <= 141 and d.title.endswith("\u2026")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"%PDF-1.7\n...", "looks like a PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "looks like a PNG image"),
        (bytes(range(256)) * 4, "binary file"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(data, reason):
    with pytest.raises(ArticleSkipped, match=reason) as e:
        parse(data, "bad.txt")
    assert str(e.value).startswith("bad.txt: ")


@pytest.mark.parametrize(
    "data",
    [
        "Missiles struck Gəncə".encode("utf-8"),
        "\ufeffMissiles struck Gəncə".encode("utf-8"),
        "Missiles struck Gəncə".encode("utf-16"),
    ],
)
def test_unicode_encodings(data):
    assert parse(data, "a.txt").text == "Missiles struck Gəncə"


def test_legacy_single_byte_text():
    text = "Caf\u00e9 owners in Paris said the \u201cstrike\u201d cost them \u20ac500 \u2013 and more. " * 3
    assert parse(text.encode("cp1252"), "a.txt").text == text


def test_oversize_files_are_skipped_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 2000)
    with pytest.raises(ArticleSkipped, match="over the"):
        read_document(p, max_bytes=1000)


@pytest.mark.parametrize("text", [
    "Troops entered Lachin on Dec. 1.",
    "Şuşa, Füzuli and Xankəndi — names in Azerbaijani.",
    "Москва и Киев; 東京.",
])
def test_articles_hold_texts_packed_and_give_them_back_whole(text):
    from mapgen.documents import Articles

    docs = [parse(f" date 2020-11-08\n{text}\n".encode("utf-8", "surrogatepass"), f"a{i}.txt") for i in range(3)]
    articles = Articles.of(docs)
    assert list(articles) == docs and articles[1:] == docs[1:]
    assert all(d.text == "" for d in articles.light) and [d.id for d in articles.light] == [d.id for d in docs]
    assert list(articles.subset([2, 0])) == [docs[2], docs[0]]
    articles.drop_texts()
    assert not articles.texts_held and articles[0] == articles.light[0] and articles[0].text == ""


def test_a_packed_text_comes_back_as_it_was_even_with_a_lone_surrogate():
    from mapgen.documents import packed, whole

    d = parse(b"Troops reached Baku and Ganja.", "a.txt")
    d = type(d)(id=d.id, path=d.path, title=d.title, text="Baku \udc80 Ganja \U0001f30d", sha256=d.sha256)
    light, text = packed(d)
    assert light.text == "" and whole(light, text) == d

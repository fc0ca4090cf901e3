import datetime as dt

import pytest

from mapgen.dates import article_date, find_dates

BASE = dt.date(2020, 11, 14)  # a Saturday


def one(text, base=BASE):
    found = find_dates(text, base)
    assert len(found) == 1, found
    d = found[0]
    return d.date, d.date_end, d.precision


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Nov. 8, 2020 it fell", ("2020-11-08", None, "day")),
        ("On the night of February 25-26, 1992, forces", ("1992-02-25", "1992-02-26", "day")),
        ("25-26 February 1992", ("1992-02-25", "1992-02-26", "day")),
        ("the 10 November 2020 agreement", ("2020-11-10", None, "day")),
        ("Sunday, September 27, 2020, clashes", ("2020-09-27", None, "day")),
        ("Back in July 2020, forces", ("2020-07", None, "month")),
        ("a war in 1992", ("1992", None, "year")),
        ("since the early 1990s", ("1990", "1993", "year")),
    ],
)
def test_explicit_dates(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Missiles struck on Sunday", ("2020-11-08", None, "day")),
        ("officials said Wednesday", ("2020-11-11", None, "day")),
        ("it happened on Saturday", ("2020-11-14", None, "day")),
        ("last Saturday", ("2020-11-07", None, "day")),
        ("next Monday", ("2020-11-16", None, "day")),
        ("yesterday", ("2020-11-13", None, "day")),
        ("today", ("2020-11-14", None, "day")),
        ("two weeks ago", ("2020-10-31", None, "day")),
        ("3 days ago", ("2020-11-11", None, "day")),
        ("last month", ("2020-10", None, "month")),
        ("last year", ("2019", None, "year")),
        ("last week", ("2020-11-02", "2020-11-08", "day")),
        ("on September 27 last year", ("2019-09-27", None, "day")),
        ("handed over on Nov. 15", ("2020-11-15", None, "day")),
        ("in March", ("2020-03", None, "month")),
        ("in December", ("2019-12", None, "month")),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text, expected):
    assert one(text) == expected


def test_relative_dates_need_an_article_date():
    assert find_dates("Missiles struck on Sunday, last month", None) == []
    assert find_dates("in July 2020", None)[0].date == "2020-07"


@pytest.mark.parametrize("text", ["He may go.", "a 2020s trend of 1,275 people", "February 30, 2020", "Room 1992b"])
def test_non_dates_are_ignored(text):
    assert all(d.date != "2020-02-30" for d in find_dates(text, BASE))
    if text in ("He may go.", "February 30, 2020", "Room 1992b"):
        assert find_dates(text, BASE) == []


def test_offsets_point_into_the_text():
    text = "Fighting resumed on Sept. 27 near the border."
    (d,) = find_dates(text, BASE, offset=100)
    assert text[d.start - 100:d.end - 100] == "Sept. 27"


def test_article_date_comes_from_a_dateline_never_a_caption():
    assert article_date("Title\nWATCH: clashes resume \u2013 Nov 14, 2020\nBody.").date is None
    assert article_date("Title\nOn the night of February 25-26, 1992, forces attacked the town.").date is None
    assert article_date("Title\nThe deal was signed on December 1, 2020.").date is None

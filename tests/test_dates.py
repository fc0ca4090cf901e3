import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen import dates
from mapgen.dates import article_date, find_dates

BASE = dt.date(2020, 11, 14)  # a Saturday
THURSDAY = dt.date(2021, 3, 11)
WEDNESDAY = dt.date(2021, 3, 10)


def one(text, base=BASE, **kw):
    found = find_dates(text, base, **kw)
    assert len(found) == 1, found
    d = found[0]
    return d.date, d.date_end, d.precision


def every(text, base=BASE, **kw):
    return [(d.date, d.date_end, d.precision) for d in find_dates(text, base, **kw)]


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
        ("since an offensive in May of last year", ("2019-05", None, "month")),
        ("in March last year", ("2019-03", None, "month")),
        ("to reopen in February next year", ("2021-02", None, "month")),
        ("in June of this year", ("2020-06", None, "month")),
        ("handed over on Nov. 15", ("2020-11-15", None, "day")),
        ("in March", ("2020-03", None, "month")),
        ("it snowed in December", ("2019-12", None, "month")),
        # a weekend is its Saturday and Sunday (the article's date is a Saturday)
        ("rebels attacked Narva over the weekend", ("2020-11-14", "2020-11-15", "day")),
        ("the Tartu fair ended last weekend", ("2020-11-07", "2020-11-08", "day")),
        ("more snow is forecast for next weekend", ("2020-11-21", "2020-11-22", "day")),
        # feasts on a fixed day
        ("fireworks lit Tallinn on New Year's Eve", ("2019-12-31", None, "day")),
        ("the Tartu market stays open until Christmas Eve", ("2020-11-14", "2020-12-24", "day")),
        ("the attack on New Year\u2019s Day 2019 in Narva", ("2019-01-01", None, "day")),
        ("Narva shops will reopen on Boxing Day", ("2020-12-26", None, "day")),
        ("the fair will move to Parnu, Estonia, in December", ("2020-12", None, "month")),  # a country between commas
        ("the Tartu fair has been moved back to December 19", ("2020-12-19", None, "day")),
        # a date ahead in a sentence with no past tense at all: listings and previews
        ("Tickets for the Tartu book fair, in December, go on sale", ("2020-12", None, "month")),
        ("The Narva final on December 22 sells out fast", ("2020-12-22", None, "day")),
        ("The Narva final on December 22 sold out fast", ("2019-12-22", None, "day")),
        ("the new tariff takes effect in January", ("2021-01", None, "month")),  # a schedule: to come
        ("the festival in Tartu begins in March", ("2021-03", None, "month")),
        ("the festival in Tartu began in March", ("2020-03", None, "month")),
        ("In January, the band will tour Estonia", ("2021-01", None, "month")),  # the clause after it is to come
        ("the road to Narva will reopen in November", ("2020-11", None, "month")),  # in a November story: this one
        ("the road to Narva would stay shut until mid-November", ("2020-11", None, "month")),
        ("the Parnu song festival returns in December", ("2020-12", None, "month")),
        ("the final in Tartu is on December 12", ("2020-12-12", None, "day")),
        # an anniversary: the day itself that many years before
        ("Two years after the Nov. 3 floods, Tartu is rebuilding", ("2018-11-03", None, "day")),
        ("a year since the 20 October vote in Narva", ("2019-10-20", None, "day")),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, base, expected",
    [
        ("Gyumri, which the rebels lost on Sunday, was quiet.", THURSDAY, ("2021-03-07", None, "day")),
        ("The ferry left Poti on Tuesday.", WEDNESDAY, ("2021-03-09", None, "day")),
        ("The market in Rustavi reopened Thursday.", THURSDAY, ("2021-03-11", None, "day")),
        ("The talks in Gori will resume on Tuesday.", THURSDAY, ("2021-03-16", None, "day")),
        ("Delegates are due to meet in Batumi on Monday.", WEDNESDAY, ("2021-03-15", None, "day")),
        ("The governor of Kutaisi spoke on Wendesday.", THURSDAY, ("2021-03-10", None, "day")),
        ("Voting in Zugdidi ended Thrusday.", THURSDAY, ("2021-03-11", None, "day")),
        # schedules and forecasts in the present tense are to come
        ("Dinamo Tbilisi host Torpedo Kutaisi on Saturday.", WEDNESDAY, ("2021-03-13", None, "day")),
        ("The Rioni peaks near Kutaisi on Friday, forecasters said.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("The runoff in Batumi is on Sunday.", THURSDAY, ("2021-03-14", None, "day")),
        ("Georgia goes to the polls on Saturday.", WEDNESDAY, ("2021-03-13", None, "day")),
        ("The exhibition opens in Telavi on Tuesday.", THURSDAY, ("2021-03-16", None, "day")),
        # the future as it looked when the news broke
        ("More storms were possible across Kakheti on Thursday.", WEDNESDAY, ("2021-03-11", None, "day")),
        ("Rain was forecast for Kutaisi through Friday.", WEDNESDAY, ("2021-03-10", "2021-03-12", "day")),  # from now
        ("He was due to appear in court in Gori on Thursday.", WEDNESDAY, ("2021-03-11", None, "day")),
        ("Snow could fall in Gudauri on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("Police could not say whether he left Batumi on Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
        # a date opening the sentence takes the tense of its clause
        ("On Thursday, the court in Rustavi will hear the appeal.", WEDNESDAY, ("2021-03-11", None, "day")),
        ("On Monday, the court in Rustavi heard the appeal.", WEDNESDAY, ("2021-03-08", None, "day")),
        ("On Saturday, more than 2,000 runners are expected in Batumi.", WEDNESDAY, ("2021-03-13", None, "day")),
        ("The city will pay 1,500 lari to families in Gori on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        # what made the future so is the past
        ("The league will go to a playoff after no side won Sunday's round.", WEDNESDAY, ("2021-03-07", None, "day")),
        # the future on the article's own weekday is that day
        ("The talks in Gori will resume on Wednesday.", WEDNESDAY, ("2021-03-10", None, "day")),
        # a time's "a.m." ends no clause
        ("The union said no trains would run to Batumi until 5 a.m. Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("The blockade of Poti lasted until 9 p.m. Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
        # ... nor a list's commas
        ("The mayor will visit Tbilisi, Gori and Batumi on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("Flights will resume from Batumi, Kutaisi, and Poti on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("The envoys, who will meet in Gori, Poti and Batumi, arrived on Monday.", WEDNESDAY,
         ("2021-03-08", None, "day")),
        ("He will go, Gori officials said on Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
        # ... but a past verb, or the plural noun, is the past
        ("The hosts beat Torpedo Kutaisi on Saturday.", WEDNESDAY, ("2021-03-06", None, "day")),
        ("The toll in Gori rose after two visits on Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
        ("The river peaked near Kutaisi on Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
        # a plan, a schedule's plural verb, a day a span runs to: to come
        ("More marches in Batumi were planned for Thursday.", WEDNESDAY, ("2021-03-11", None, "day")),
        ("Ticket sales for the Tbilisi concerts begin on Thursday.", WEDNESDAY, ("2021-03-11", None, "day")),
        ("Miners voted to extend their strike in Tkibuli until Friday.", WEDNESDAY,
         ("2021-03-10", "2021-03-12", "day")),
        ("The blockade of Poti lasted until Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
        ("The strike in Tkibuli was extended until Friday.", WEDNESDAY, ("2021-03-10", "2021-03-12", "day")),
        ("Pilgrims filled Mtskheta ahead of the feast on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("Georgia marks its independence day on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("The exhibition in Batumi closes on Sunday.", WEDNESDAY, ("2021-03-14", None, "day")),
        ("The exhibition in Batumi closed on Sunday.", WEDNESDAY, ("2021-03-07", None, "day")),
        # more schedules: a plural team travels and faces, a fair takes place, a leader leaves for, advice
        ("Dila travel to Batumi to face Dinamo on Friday.", WEDNESDAY, ("2021-03-12", None, "day")),
        ("The wine fair takes place in Telavi on Saturday.", WEDNESDAY, ("2021-03-13", None, "day")),
        ("The president leaves for Brussels on Monday.", WEDNESDAY, ("2021-03-15", None, "day")),
        ("Drivers in Gudauri should carry chains from Thursday.", WEDNESDAY, ("2021-03-11", None, "day")),
        # ... unless a past verb stands between the present tense and the date
        ("Two men, who face ten years in jail, were arrested in Gori on Monday.", WEDNESDAY,
         ("2021-03-08", None, "day")),
        ("The show, which opens in Tbilisi, toured Batumi on Monday.", WEDNESDAY, ("2021-03-08", None, "day")),
    ],
)
def test_weekdays_count_from_the_article_date(text, base, expected):
    assert one(text, base) == expected


@pytest.mark.parametrize("text, expected", [
    # a weekday with its week: that week's day (WEDNESDAY's week runs from Monday 8 March 2021)
    ("The envoy will visit Skopje on Thursday next week.", "2021-03-18"),
    ("Talks in Skopje ended on Monday last week.", "2021-03-01"),
    ("Talks in Skopje resume on Friday this week.", "2021-03-12"),
])
def test_a_weekday_of_next_or_last_week_is_that_weeks(text, expected):
    assert [d.date for d in find_dates(text, WEDNESDAY)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # a forecast's, a "may" clause's and a sentence-opening day of a "will" clause are to come
    ("The Drina stood at 4 metres, with a crest forecast for Friday.", "2021-03-12"),
    ("Families may be allowed back into Doboj on Friday, the mayor said.", "2021-03-12"),
    ("On Friday, the ferry to Korcula will resume sailings.", "2021-03-12"),
    # the clause goes on past a name's abbreviation, and the day something is for is to come
    ("The mayor will travel to St. Moritz on Friday for talks.", "2021-03-12"),
    ("Officials in Zadar declared a fire ban for Friday as the heat rose.", "2021-03-12"),
    ("The tour moves to Mostar on Friday.", "2021-03-12"),
    # ... but not the past, nor the month "May", nor what happened on the day
    ("On Friday, the ferry to Korcula resumed sailings.", "2021-03-05"),
    ("Police in Zadar charged a man for Friday's robbery.", "2021-03-05"),
    ("The port of Split, closed in May, reopened on Friday.", "2021-03-05"),
])
def test_a_day_to_come_is_read_from_its_clause(text, expected):
    assert [d.date for d in find_dates(text, WEDNESDAY) if d.precision == "day"] == [expected]


@pytest.mark.parametrize("text, expected", [
    # days and months coordinated with one that writes its year are of that year, down a list
    ("Shelling hit Mostar in June and November 2019.", ["2019-06", "2019-11"]),
    ("Ferries stopped at Hvar on May 5 and June 7, 2019.", ["2019-05-05", "2019-06-07"]),
    ("Protests filled Skopje in March and April last year.", ["2020-03", "2020-04"]),
    ("Rain fell on Zadar in June, July and November 2019.", ["2019-06", "2019-11"]),
    # not across a clause of its own
    ("Markets in Zagreb rose in June and fell in November 2019.", ["2020-06", "2019-11"]),
])
def test_a_year_written_once_is_shared_by_the_dates_listed_with_it(text, expected):
    assert [d.date for d in find_dates(text, WEDNESDAY)] == expected


@pytest.mark.parametrize("text, expected", [
    # a yardstick after a superlative or "the first time" is no span of events
    ("Grain prices in Novi Sad fell to their lowest level since 2017.", []),
    ("Trams ran in Sarajevo on Monday for the first time since March.", ["2021-03-08"]),
    ("It was the wettest day in Split since 1931, forecasters said.", []),
    # a span of events is still one
    ("Roads around Tuzla have been closed since Saturday.", ["2021-03-06"]),
    ("Most schools in Bihac have been shut since Monday.", ["2021-03-08"]),
])
def test_since_after_a_superlative_is_a_yardstick_not_a_span(text, expected):
    assert [d.date for d in find_dates(text, WEDNESDAY)] == expected


@pytest.mark.parametrize("text, base, expected", [
    # one clause, however long, keeps its future to its last date
    ("The choir will sing in Kutaisi on June 21 and in the rebuilt open-air theatre on the seafront at Batumi"
     " on June 28.", WEDNESDAY, ["2021-06-21", "2021-06-28"]),
    # a month after "next year" in its sentence is next year's
    ("The singer will tour next year, his label said on Tuesday, opening in Tbilisi in February.", WEDNESDAY,
     ["2022", "2021-03-09", "2022-02"]),
    ("Next year's budget for Gori, unveiled in February, was cut.", WEDNESDAY, ["2022", "2021-02"]),
    # an aside of where, and the phrase that times the clause, go on with it
    ("The mayor said a mobile clinic would visit Telavi and Sighnaghi, in the Kakheti region, starting Monday.",
     WEDNESDAY, ["2021-03-15"]),
    ("The road to Mestia will close to lorries, beginning Friday.", WEDNESDAY, ["2021-03-12"]),
    # ... but a clause of its own after a comma does not
    ("The road to Mestia would reopen, and it did, on Monday.", WEDNESDAY, ["2021-03-08"]),
])
def test_the_future_reaches_every_date_of_its_clause(text, base, expected):
    assert [d.date for d in find_dates(text, base)] == expected


@pytest.mark.parametrize("text", [
    "The village holds a Sunday farmers' market by the river.",
    "Pilgrims walk to the shrine every Friday.",
    "Each Tuesday the ferry leaves Batumi at dawn.",
    "On a Monday in spring the road to Kazbegi floods.",
    "The choir sings there every Satruday.",
])
def test_any_such_day_is_no_date(text):
    assert every(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("elections held in 1956, 1968, and 1981", [("1956", None, "year"), ("1968", None, "year"), ("1981", None, "year")]),
        ("floods in 2004 and 2011", [("2004", None, "year"), ("2011", None, "year")]),
        ("treaties signed in 1878, 1921 or 1947", [("1878", None, "year"), ("1921", None, "year"), ("1947", None, "year")]),
    ],
)
def test_a_list_of_years_gives_every_year(text, expected):
    assert every(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The fortress of Akhaltsikhe was founded in 1636.", ("1636", None, "year")),
        ("Tabriz was rebuilt in 1780 after the earthquake.", ("1780", None, "year")),
        ("a town first mentioned around 1200, by chroniclers", ("1200", None, "year")),
        ("The village was seized in March 1921.", ("1921-03", None, "month")),
        ("The city was captured in April 1918 by the army.", ("1918-04", None, "month")),
    ],
)
def test_history_years(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", ["Aid reached 1500 homes", "in 1200 villages", "route 1650 to the coast"])
def test_counts_are_no_history_years(text):
    assert find_dates(text, BASE) == []


@pytest.mark.parametrize(
    "text, base, expected",
    [
        ("The fair ran from Oct. 7 to Oct. 9 in Telavi.", BASE, ("2020-10-07", "2020-10-09", "day")),
        ("Strikes hit the port between 27 September and 2 October.", BASE, ("2020-09-27", "2020-10-02", "day")),
        ("The festival lasted from 7 to 9 October.", BASE, ("2020-10-07", "2020-10-09", "day")),
        ("Roads were shut between Oct. 3 and 5.", BASE, ("2020-10-03", "2020-10-05", "day")),
        ("The line has been closed since Feb. 20.", BASE, ("2020-02-20", "2020-11-14", "day")),
        ("Schools stay shut until January 10.", dt.date(2020, 12, 28), ("2020-12-28", "2021-01-10", "day")),
        ("The curfew holds until Nov. 30.", BASE, ("2020-11-14", "2020-11-30", "day")),
        ("He governed from 1992 to 1995.", BASE, ("1992", "1995", "year")),
        ("a war fought between 1918 and 1920", BASE, ("1918", "1920", "year")),
        ("the 1992-1994 war", BASE, ("1992", "1994", "year")),
        ("The mine ran from March 2019 to June 2020.", BASE, ("2019-03", "2020-06", "month")),
        ("The border has been tense since 1991.", BASE, ("1991", "2020", "year")),
    ],
)
def test_ranges_are_one_interval(text, base, expected):
    assert one(text, base) == expected


@pytest.mark.parametrize(
    "text, base, expected",
    [
        ("The bridge reopened on Dec. 28.", dt.date(2021, 1, 3), ("2020-12-28", None, "day")),
        ("The bridge will reopen on Jan. 4.", dt.date(2020, 12, 28), ("2021-01-04", None, "day")),
        ("The dam burst on 30 December.", dt.date(2021, 1, 2), ("2020-12-30", None, "day")),
        ("Snow fell in December.", dt.date(2021, 1, 5), ("2020-12", None, "month")),
        ("The port will open next January.", dt.date(2020, 12, 5), ("2021-01", None, "month")),
    ],
)
def test_dates_without_a_year_roll_over_the_new_year(text, base, expected):
    assert one(text, base) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a day's own event in the present tense: to come (BASE is a Saturday)
        ("Friday's ninth stage runs from Tarbes to Pau.", "2020-11-20"),
        ("Tuesday's final in Porto starts at 8pm.", "2020-11-17"),
        ("Monday is a public holiday in Quebec.", "2020-11-16"),
        # a date opening the sentence, a schedule's present tense after it; a sale's day
        ("On Tuesday the president visits Tulsa.", "2020-11-17"),
        ("Tickets go on sale on Wednesday.", "2020-11-18"),
        ("On Tuesday the president visited Tulsa.", "2020-11-10"),
        # ... in the past tense, or a verb that is no schedule's: gone
        ("Friday's ninth stage was won in Pau.", "2020-11-13"),
        ("Tuesday's storm in Porto is seen as a warning.", "2020-11-10"),
    ],
)
def test_a_days_own_event_in_the_present_tense_is_to_come(text, expected):
    (date, _, _), = every(text)
    assert date == expected


def story_dates(document, base=BASE):
    """The dates of the document's last sentence, read with the document around it."""
    at = max(document.rfind(". ") + 2, document.rfind("\n") + 1)
    return [(d.date, d.date_end, d.precision) for d in find_dates(document[at:], base, at, document=document)]


@pytest.mark.parametrize(
    "document, expected",
    [
        # a past year's month or day as the time of what follows: the days after it are that year's
        ("In March 2008, the Tisza rose over Szolnok. On March 9, the dykes at Csongrad gave way.",
         [("2008-03-09", None, "day")]),
        ("Fighting around Jaffna began on 12 June 1995. By 20 June, the town was emptied.",
         [("1995-06-20", None, "day")]),
        ("In 2004, the tsunami reached Banda Aceh. On December 26 the first wave hit the shore.",
         [("2004-12-26", None, "day")]),
        ("Rain fell on Valencia throughout September 1957. On October 14, the Turia broke its banks.",
         [("1957-10-14", None, "day")]),
        ("The hurricane season of 1998 ended badly. In October 1998, Mitch stalled off Honduras. "
         "Between October 29 and 31, it wrecked Tegucigalpa.", [("1998-10-29", "1998-10-31", "day")]),
        # a story that runs past the new year
        ("In December 1987, frost reached Lisbon. On January 5 the Tagus froze near Santarem.",
         [("1988-01-05", None, "day")]),
    ],
)
def test_a_day_without_a_year_in_a_story_told_in_a_past_year_is_that_year(document, expected):
    assert story_dates(document) == expected


@pytest.mark.parametrize(
    "document, expected",
    [
        # "that year" points back to the year last written, in the sentence or the ones before
        ("The mill at Tartu burned in 1961. On May 4 that year, the river flooded.",
         [("1961-05-04", None, "day")]),
        ("Ferries to Hiiumaa stopped in 1994, and in June of that year the harbour closed.",
         [("1994", None, "year"), ("1994-06", None, "month")]),
        ("She trained in Riga from 1988. In 1990 she moved to Vilnius.\n\nLater that year, on October 2, she "
         "opened a studio.", [("1990-10-02", None, "day")]),
        ("He left Kaunas in 2001. On 3 to 5 March the same year, he sailed to Gdansk.",
         [("2001-03-03", "2001-03-05", "day")]),
        # no year written before: the day's year is not known, so it dates nothing
        ("On May 4 that year, the river flooded Parnu.", []),
        # "this year" is not "that year"
        ("The mill at Tartu burned in 1961. On May 4 this year, the river flooded.",
         [("2020-05-04", None, "day"), ("2020", None, "year")]),
    ],
)
def test_a_day_that_year_is_of_the_year_written_before_it(document, expected):
    assert story_dates(document) == expected


@pytest.mark.parametrize("text, expected", [
    # where an open stretch of the past ends is not when the sentence's events happened
    ("Tourism in Agadir never recovered its level before 2008.", []),
    ("Hotels in Agadir were full in the years before the 2008 crash.", []),
    ("Fishing in Essaouira declined before the 1990s.", []),
    ("Tourism in Agadir fell before March 2020.", []),
    # "after", "in" and a day are still dates
    ("Hotels in Agadir emptied after the 2008 crash.", ["2008"]),
    ("Hotels in Agadir emptied in the 2008 crash.", ["2008"]),
    ("The port of Agadir closed before March 3, 2020.", ["2020-03-03"]),
    # a year to come is a deadline, as "by 2030" is
    ("The tram in Rabat will not open before 2027.", ["2027"]),
    ("The dam near Fes is to be finished before December 2028.", ["2028-12"]),
])
def test_before_a_year_is_no_date(text, expected):
    assert [d.date for d in find_dates(text, WEDNESDAY)] == expected


@pytest.mark.parametrize(
    "document",
    [
        # a year that names something, not when the story is: "the flood of", "since"
        "Survivors of the flood of March 2008 met in Szolnok. On March 9, they laid wreaths.",
        "The shop has traded since June 1995. On June 20, it opened a second branch in Kandy.",
        # last year's figures frame nothing
        "Exports from Mersin fell in March 2019. On May 2 the central bank in Ankara raised rates.",
        # another year written between the frame and the day
        "In March 2008, the Tisza rose. A new dyke was built in 2015. On March 9, it held.",
        # the frame in the paragraph before: this one may be today's
        "Rain fell on Valencia throughout September 1957.\n\nOn October 14, the city marked the flood.",
        # the frame too many sentences back
        "In March 2008, the Tisza rose. Farmers left. Schools shut. Roads closed. On March 9, the dyke held.",
        # the day to come
        "In March 2008, the Tisza rose over Szolnok. On March 29, the town will unveil a memorial.",
    ],
)
def test_a_day_without_a_year_is_read_as_ever_where_no_past_year_frames_the_story(document):
    base = dt.date(2020, 3, 20)
    last = document[max(document.rfind(". ") + 2, document.rfind("\n") + 1):]
    assert story_dates(document, base) == every(last, base)
    assert all(date >= "2019-03" for date, _, _ in every(last, base))


@pytest.mark.parametrize(
    "document, expected",
    [
        # a span of time after or before the last day named: in the sentence, or in the one before it
        ("Rebels took Kindu on April 20. Two days later they entered Kalemie.", [("2020-04-22", None, "day")]),
        ("The Drina rose on 3 March and the dam at Visegrad broke a week later.",
         [("2020-03-03", None, "day"), ("2020-03-10", None, "day")]),
        ("Storms hit Galle on March 3. The next day, rain reached Matara.", [("2020-03-04", None, "day")]),
        ("The Drina rose on 3 March. Ten days earlier, snow had fallen.", [("2020-02-22", None, "day")]),
        # the same day again, or the day before it
        ("Ferries stopped at Bari on March 9. The same day, the port of Brindisi closed.", [("2020-03-09", None, "day")]),
        ("Shops in Tromso shut on March 4. Later that day, snow reached Alta.", [("2020-03-04", None, "day")]),
        ("Voters in Graz went to the polls on March 8. The previous day, rallies filled Linz.",
         [("2020-03-07", None, "day")]),
        ("He said he would never forget that day in Mostar.", []),
        # no day before it: nothing to count from
        ("Markets in Lima rallied. Two days later, prices fell in Cusco.", []),
        ("Officials in Quito said it would happen sooner or later.", []),
        # a year or a month earlier compares figures ("up 5% from a year earlier")
        ("Sales in Quito rose on March 2 by 5% from a year earlier.", [("2020-03-02", None, "day")]),
    ],
)
def test_a_span_after_a_day_is_counted_from_it(document, expected):
    assert story_dates(document) == expected


def test_relative_dates_need_an_article_date():
    assert find_dates("Missiles struck on Sunday, last month", None) == []
    assert find_dates("in July 2020", None)[0].date == "2020-07"


@pytest.mark.parametrize("text", ["Forty-one years ago the dam broke.",  # not "one years ago"
                                  "He may go.", "a trend of 1,275 people", "February 30, 2020", "Room 1992b",
                                  "on Oct. 32", "Derry remembers Bloody Sunday every year.", "the Sunday Times reported"])
def test_non_dates_are_ignored(text):
    assert find_dates(text, BASE) == []


# Month-like names: a month's letters start the name, or a month is one word of it.
MONTH_LIKE_PLACES = [
    "Novi Sad", "Novosibirsk", "Nova Gorica", "Novara", "Nové Zámky", "Marbella", "Maracaibo", "Marseille",
    "Mariupol", "Marand", "Marrakesh", "Marchena", "Marsa Alam", "Mar del Plata", "Decatur", "Decazeville",
    "Decimomannu", "Janesville", "Jan Mayen", "Sept-Îles", "Septemvri", "Sepang", "Augusta", "Augsburg",
    "Mayfield", "Maykop", "Mayagüez", "May Pen", "Octeville", "Juneau", "Junín", "Junagadh", "Juliaca",
    "Aprilia", "Julianehåb", "Febres",
]


@pytest.mark.parametrize("place", MONTH_LIKE_PLACES)
@pytest.mark.parametrize("frame", [
    "Officials in {} said on October 2, 2021 that the road was open.",
    "The mayor of {} spoke on Oct. 2 in a televised address.",
    "Flights from {} resume next week, officials said.",
])
def test_month_like_place_names_are_no_dates(place, frame):
    assert len(MONTH_LIKE_PLACES) >= 30
    text = frame.format(place)
    found = find_dates(text, BASE)
    assert all(place not in d.text and not (set(d.text.split()) & set(place.split())) for d in found), found
    assert len(found) == 1


@pytest.mark.parametrize("text, name", [
    ("Rain fell in March, Cambridgeshire, on Oct. 2.", "March"),
    ("Rain fell in May, Oklahoma, on Oct. 2.", "May"),
    ("Ships left Jan Mayen on Oct. 2.", "Jan Mayen"),
    ("Aid reached August Town on Oct. 2.", "August"),
])
def test_a_month_inside_a_name_the_caller_found_is_no_date(text, name):
    at = text.index(name)
    assert every(text, names=[(at, at + len(name))]) == [("2020-10-02", None, "day")]


def test_offsets_and_words_point_into_the_text():
    text = "Fighting resumed on Sept. 27 near the border."
    (d,) = find_dates(text, BASE, offset=100)
    assert text[d.start - 100:d.end - 100] == "Sept. 27" == d.text


def test_every_shape_has_an_interpreter_and_a_missing_one_fails_at_import():
    assert all(callable(s.interpret) for s in dates.SHAPES)
    with pytest.raises(TypeError, match="has no interpreter"):
        dates._table([("nothing", r"\bnever\b", None, {})])
    with pytest.raises(TypeError, match="does not capture"):
        dates._table([("broken", r"\b(?P<m>May)\b", dates._full, {})])


def test_a_bug_in_an_interpreter_is_not_swallowed(monkeypatch):
    @dates._reads("y")
    def broken(g, base):
        raise KeyError("bug")
    shape = dates.Shape("year", re.compile(r"(?P<y>2020)"), broken, needs=("digit",))
    monkeypatch.setattr(dates, "SHAPES", (shape,))
    dates._selection.cache_clear()
    try:
        with pytest.raises(KeyError):
            find_dates("in 2020", BASE)
    finally:
        monkeypatch.undo()
        dates._selection.cache_clear()
    assert find_dates("in 2020", BASE)[0].date == "2020"


@pytest.mark.parametrize(
    "text, expected, source",
    [
        ("Title\nKUTAISI, Georgia, March 3, 2019 \u2014 Officials said.", dt.date(2019, 3, 3), "dateline"),
        ("Title\nPhoto: the harbour \u2013 Nov 14, 2020\nTBILISI, Nov. 16 \u2014 Officials said.", dt.date(2020, 11, 16),
         "dateline"),
        ("Title\nTBILISI, Jan. 2 (Reuters) - The border, closed on Dec. 30, 2020, stayed shut.", dt.date(2021, 1, 2),
         "dateline"),
        ("Title\nBy Ana Beridze | March 8, 2022\nThe port was busy.", dt.date(2022, 3, 8), "dateline"),
        ("KAZAN, November 25. /TASS/. The ministry said the bridge, built in 2019, was shut.", dt.date(2019, 11, 25),
         "dateline"),
        ("GYUMRI, NOVEMBER 25, ARMENPRESS. The mayor said the plant, opened in 2020, was shut.",
         dt.date(2020, 11, 25), "dateline"),
        ("Title\n25.11.2020\nThe port was busy.", dt.date(2020, 11, 25), "dateline"),
        ("Title\n2020-11-25\nThe port was busy.", dt.date(2020, 11, 25), "dateline"),
        ("Title\nPublished: 8 March 2022 10:31 GMT\nThe port was busy.", dt.date(2022, 3, 8), "dateline"),
        ("Title\nThe dam, built in 1978, failed. As of April 4, 2021, the town was dry.", dt.date(2021, 4, 4), "body"),
        ("Title\nOfficials said on May 5, 2020 the port was shut.\n\u201cOn June 1, 2021 it reopens,\u201d he said.",
         dt.date(2020, 5, 5), "body"),
        ("Title\nWATCH: the harbour \u2013 Nov 14, 2020\n\nThe port was shut on Nov. 15. The mayor said Wednesday "
         "it would reopen.", dt.date(2020, 11, 18), "body"),
    ],
)
def test_article_date(text, expected, source):
    got = article_date(text)
    assert (got.date, got.source) == (expected, source), got.note


@pytest.mark.parametrize(
    "text",
    [
        "Title\nWATCH: clashes resume \u2013 Nov 14, 2020\nBody.",
        "Title\nClick to play video: clashes \u2013 Nov 14, 2020\nBody.",
        "Title\nOn the night of February 25-26, 1992, forces attacked the town.",
        "Title\nThe deal was signed on December 1, 2020.",
        "Title\n\u201cWe left on March 3, 2019,\u201d she said.",
        "Title\nThe first war ended on 12 May 1994. A second broke out in 1995, officials said.",
        "Title\nSHEKI, Nov. 8 \u2014 The road opened.",  # a dateline whose year nothing in the text gives
        "Title\n31.02.2020\nThe port was busy.",
    ],
)
def test_captions_quotes_and_history_give_no_article_date(text):
    got = article_date(text)
    assert got.date is None and got.source == "unknown"


def test_an_estimated_article_date_says_it_is_uncertain():
    got = article_date("Title\nWATCH: the harbour \u2013 Nov 14, 2020\n\nThe port was shut on Nov. 15. "
                       "The mayor said Wednesday it would reopen.")
    assert "uncertain" in got.note and "caption" in got.note


def test_a_reported_future_until_a_weekday_runs_from_the_article_date():
    base = dt.date(2024, 11, 6)  # a Wednesday
    found = find_dates("Results would be delayed until Thursday, officials said.", base)
    assert [(d.date, d.date_end) for d in found] == [("2024-11-06", "2024-11-07")]


_DATE_WORDS = ["January", "Sept.", "Sept", "May", "Mar", "March", "Mayday", "Dec.", "Monday", "Sunday", "Sundays",
               "the", "The", "of", "to", "and", "until", "last", "year", "in", "1", "05", "12th", "31", "1999", "2024",
               "20240", "\u0663", "Oslo", "St", "-", "\u2013", ",", "since", "mid", "Early", "FROM", "between", "1990s",
               "2010", "1500", "circa", "summer", "x_", "\u00e9t\u00e9", "on", "this",
               # whole dates, which the words and gaps around them then break or extend
               "the 12th of March, 1999", "Sunday the 1 May 2024", "Dec. 5-6, 2024", "5 to 6 Sept 1999", "March 2024",
               "May 5 last year", "5 May", "Monday, Jan 31", "the\n31 Dec 2024", "31st of Dec", "Jan 5 \u2013 7"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_WORDS), st.sampled_from(["", " ", "  ", ", ", "\n", "-", ". "])),
                max_size=12))
def test_a_shape_tried_where_it_can_begin_finds_what_scanning_finds_and_has_its_cues(words):
    sentence = "".join(w + gap for w, gap in words)
    starts: dict = {}  # shared by the shapes, as find_dates shares it
    cues = dates._cues(sentence, tuple(dates.CUES))
    for shape in dates.SHAPES:
        assert [m.span() for m in dates._matches(shape, sentence, starts)] == \
            [m.span() for m in shape.pattern.finditer(sentence)], shape.name
        # a shape is not read in a sentence without its cues (a weekday spelt right is no misspelt one's cue:
        # the weekday shape reads it first)
        if shape.pattern.search(sentence) and shape.name != "misspelt_weekday":
            assert cues.issuperset(shape.needs), shape.name

import pytest

from conftest import FIXTURES


def events_by_place(a):
    names = {p.id: p.candidate.name for p in a.places}
    out = {}
    for e in a.events:
        out.setdefault(names[e.place_id], []).append(e)
    return out


def test_explicit_and_relative_dates_become_events(analyse_text):
    a = analyse_text((FIXTURES / "articles" / "ganja_strike.txt").read_text())
    ev = events_by_place(a)
    assert ("2020-10-11", "day") in {(e.date, e.precision) for e in ev["Ganja"]}  # "on Sunday" before Mon 10-12
    assert "2020-10-12" not in {e.date for e in ev["Ganja"]}  # the sentence has a date of its own
    assert "2020-09-27" in {e.date for e in ev["Fuzuli"]}  # "Sept. 27", year from the article
    assert {("2020-07", "month")} <= {(e.date, e.precision) for e in ev["Tovuz"]}


def test_each_event_keeps_its_sentence_and_offsets(analyse_text):
    a = analyse_text((FIXTURES / "articles" / "lachin_handover.txt").read_text())
    for e in a.events:
        assert a.document.text[e.start:e.end] == e.text
    lachin = events_by_place(a)["Laçın"]
    assert {"2020-12-01", "2020-12-02"} <= {e.date for e in lachin}  # "Dec. 1" and the present ("said")
    assert "2020-12-01" in {e.date for e in events_by_place(a)["Baku"]}  # "yesterday"


def test_background_history_without_a_date_gets_no_event(analyse_text):
    a = analyse_text(" date 2021-05-01 Report\nArmenia made territorial claims against Azerbaijan.\n")
    assert a.events == ()


def test_reported_speech_is_dated_to_the_article(analyse_text):
    a = analyse_text(" date 2021-05-01 Report\nBaku officials said the road was open.\n")
    assert [e.date for e in a.events] == ["2021-05-01"]


def test_undated_article_keeps_only_absolute_dates(analyse_text):
    a = analyse_text("Report\nBaku officials said on Sunday that the road, closed in March 2020, was open.\n")
    assert [e.date for e in a.events] == ["2020-03"]


def test_event_ids_are_stable(analyse_text):
    text = (FIXTURES / "articles" / "ganja_strike.txt").read_text()
    assert [e.id for e in analyse_text(text).events] == [e.id for e in analyse_text(text).events]


def dates_at(a):
    """{place name: {(date, date_end, precision)}}"""
    out = {}
    for name, events in events_by_place(a).items():
        out[name] = {(e.date, e.date_end, e.precision) for e in events}
    return out


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Batumi is due to reopen by Dec. 1, and Kutaisi and Poti were closed in October.",
         {"Batumi": {("2020-12-01", None, "day")}, "Kutaisi": {("2020-10", None, "month")},
          "Poti": {("2020-10", None, "month")}}),
        ("Gori voted on Sunday while Zugdidi voted in October.",
         {"Gori": {("2020-11-15", None, "day")}, "Zugdidi": {("2020-10", None, "month")}}),
        ("Telavi flooded in May; Kutaisi was dry in June.",
         {"Telavi": {("2020-05", None, "month")}, "Kutaisi": {("2020-06", None, "month")}}),
        ("Rustavi, which reopened on Sunday, lies near Tbilisi, which closed in October.",
         {"Rustavi": {("2020-11-15", None, "day")}, "Tbilisi": {("2020-10", None, "month")}}),
        ("Poti and Batumi were shelled on Sunday.",
         {"Poti": {("2020-11-15", None, "day")}, "Batumi": {("2020-11-15", None, "day")}}),
    ],
)
def test_each_date_goes_to_the_places_of_its_own_clause(analyse_text, sentence, expected):
    a = analyse_text(f" date 2020-11-19 Report\n\n{sentence}\n")
    got = dates_at(a)
    assert {name: got.get(name) for name in expected} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The envoy flew to Kutaisi on Sunday and to Batumi on Tuesday.",
         {"Kutaisi": {"2020-11-15"}, "Batumi": {"2020-11-17"}}),
        ("Protests began in Gori on Nov. 2 and spread to Telavi a week later.",
         {"Gori": {"2020-11-02"}, "Telavi": {"2020-11-09"}}),
        # the day a source spoke dates neither place
        ("Floods cut roads near Poti on Sunday and reached Zugdidi on Monday, the ministry said on Tuesday.",
         {"Poti": {"2020-11-15"}, "Zugdidi": {"2020-11-16"}}),
        # not in turns: the later date is the first place's too ("the town"), or dates lead their places
        ("Crowds gathered in Gori on Sunday to mark the day troops from Tbilisi left the town in August 2008.",
         {"Gori": {"2020-11-15", "2008-08"}, "Tbilisi": {"2020-11-15", "2008-08"}}),
        ("The fair was held on Nov. 2 at Kutaisi and on Nov. 9 at Batumi.",
         {"Kutaisi": {"2020-11-02", "2020-11-09"}, "Batumi": {"2020-11-02", "2020-11-09"}}),
    ],
)
def test_places_and_their_dates_in_turns_each_get_their_own(analyse_text, sentence, expected):
    a = analyse_text(f" date 2020-11-19 Report\n\n{sentence}\n")
    got = {name: {d for d, _, _ in dates} for name, dates in dates_at(a).items()}
    assert {name: got.get(name) for name in expected} == expected


@pytest.mark.parametrize("places", [
    "Augusta, Novi Sad and Marbella", "Mayfield, Juneau and Decatur", "Novosibirsk, Marseille and Augsburg",
    "Maracaibo, Janesville and Maykop",
])
def test_month_like_place_names_give_no_phantom_event(analyse_text, places):
    a = analyse_text(f" date 2021-10-05 Report\n\nOfficials in {places} said on October 2, 2021 that roads were open.\n")
    assert a.events and {e.date for e in a.events} == {"2021-10-02"}


def test_a_dateline_or_a_headline_alone_is_no_event(analyse_text):
    a = analyse_text(" date 2020-11-08 Kutaisi says farewell to its old airport\n\nBATUMI, Georgia, Nov. 8\n\n"
                     "Officials in Tbilisi said the road was open.\n")
    assert set(events_by_place(a)) == {"Tbilisi"}


def test_a_dateline_opening_the_body_dates_the_article_not_its_place(analyse_text):
    a = analyse_text("Report on the roads\n\nBATUMI, Nov. 8, 2020 \u2014 Officials in Tbilisi said the road was open.\n")
    assert a.document.date.isoformat() == "2020-11-08" and a.document.date_source == "dateline"
    assert {n: {e.date for e in ev} for n, ev in events_by_place(a).items()} == {"Tbilisi": {"2020-11-08"}}


@pytest.mark.parametrize("dateline", ["ZUGDIDI, Georgia \u2014", "ZUGDIDI, Georgia (AP) \u2014", "ZUGDIDI -"])
def test_a_lead_that_names_no_place_happened_where_it_was_filed(analyse_text, dateline):
    a = analyse_text(f" date 2020-11-19 Report\n\n{dateline} A fire destroyed the central market on Sunday, "
                     "officials said.\n")
    assert {e.date for e in events_by_place(a)["Zugdidi"]} == {"2020-11-15"}


def test_a_quote_over_two_paragraphs_is_dated_by_its_attribution(analyse_text):
    a = analyse_text(" date 2020-11-19 Report\n\n\u201cPoti will be rebuilt, every street of it.\n\n"
                     "\u201cIt will take years,\u201d the mayor said.\n")
    (e,) = events_by_place(a)["Poti"]
    assert (e.date, e.when) == ("2020-11-19", "said")
    assert a.document.text[e.when_start:e.when_end] == "said"


def test_each_event_shows_the_words_that_gave_its_date(analyse_text):
    a = analyse_text(" date 2020-11-19 Report\n\nThe ferry left Poti on Tuesday, and it reached Batumi from Oct. 7 "
                     "to Oct. 9.\n")
    for e in a.events:
        assert a.document.text[e.when_start:e.when_end] == e.when
    assert {e.when for e in events_by_place(a)["Poti"]} == {"on Tuesday"}


def test_an_anniversary_story_dates_its_days_in_the_year_it_tells_of(analyse_text):
    a = analyse_text(" date 2023-01-09 Ice storm remembered\n\nIn January 1998, freezing rain fell for days over "
                     "Quebec. On January 5, the power failed in Montreal; on January 9, the army reached "
                     "Saint-Hyacinthe.\n\nOn January 8, survivors gathered in Montreal to mark the day.\n")
    ev = events_by_place(a)
    assert {e.date for e in ev["Saint-Hyacinthe"]} == {"1998-01-09"}
    assert {e.date for e in ev["Montréal"]} == {"1998-01-05", "2023-01-08"}  # a new paragraph with no frame: now


@pytest.mark.parametrize("sentence, undated, dated", [
    ("Ethiopia's Daniel Tesfaye won the 10,000 metres in Oslo on Sunday.", "Ethiopia", "Oslo"),
    ("Brazil's Ana Souza retained her title in Lisbon on Sunday.", "Brazil", "Lisbon"),
])
def test_a_persons_country_before_their_name_is_theirs_not_where_the_event_was(analyse_text, sentence, undated,
                                                                               dated):
    """ "Kenya's X won in Y": the country is the runner's, a place on the map but not where anything
    happened on the day."""
    a = analyse_text(f" date 2020-11-19 Report\n\n{sentence}\n")
    got = dates_at(a)
    assert undated in {p.candidate.name for p in a.places} and undated not in got and got[dated] == {
        ("2020-11-15", None, "day")}


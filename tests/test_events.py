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

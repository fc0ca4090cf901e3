import pytest

from conftest import FIXTURES, place_ids
from mapgen.resolve import Context, rank


def test_tovuz_in_an_azerbaijani_context_is_the_azerbaijani_district(analyse_text):
    a = analyse_text("Azerbaijani forces said Armenian shells hit Tovuz district on the border of Azerbaijan.")
    assert "geonames:584861" in place_ids(a)  # the rayon: a name given as a district is the district
    assert not {"geonames:584821", "geonames:616802", "geonames:616162"} & place_ids(a)


def test_population_prefers_the_town_over_the_village_of_the_same_name(analyse_text):
    a = analyse_text("Azerbaijan said its troops recaptured Fuzuli.")
    assert "geonames:148106" in place_ids(a) and "geonames:8630550" not in place_ids(a)


def test_a_country_name_is_the_country(analyse_text):
    a = analyse_text("Armenia and Azerbaijan signed the deal.")
    assert {"geonames:174982", "geonames:587116"} <= place_ids(a)
    assert "geonames:3689560" not in place_ids(a)  # Armenia, Colombia


def test_names_in_text_keep_their_mentions(analyse_text):
    a = analyse_text("Shushi, which Azerbaijanis call Shusha, was retaken. Şuşa is in Azerbaijan.")
    shusha = next(p for p in a.places if p.id == "geonames:147105")
    assert {m.surface for m in shusha.mentions} == {"Shushi", "Shusha", "Şuşa"}
    for m in shusha.mentions:
        assert a.document.text[m.start:m.end] == m.surface


def test_fixture_article_resolves_every_place(analyse_text):
    a = analyse_text((FIXTURES / "articles" / "ganja_strike.txt").read_text())
    expected = {"geonames:586523", "geonames:146970", "geonames:148106", "geonames:148141", "geonames:584821"}
    assert expected <= place_ids(a)  # Ganja, Stepanakert, Fizuli, Jabrayil, Tovuz


def test_rank_shows_evidence_and_context_changes_the_order(gazetteer):
    plain = rank(gazetteer.lookup("Armenia"), Context())
    assert plain[0].candidate.kind == "country"
    colombia = rank([c for c in gazetteer.lookup("Armenia") if c.kind != "country"], Context.from_countries("CO"))
    assert colombia[0].candidate.id == "geonames:3689560"
    assert any("CO" in e for e in colombia[0].evidence)
    assert 0.0 <= colombia[0].confidence <= 1.0


def test_a_tiny_foreign_village_is_not_a_wild_guess(analyse_text):
    # "Bagci" is a surname here; any village of that name is too small and too far to be meant
    a = analyse_text("Cahit Bagci told reporters in Baku that the talks went well.")
    assert place_ids(a) == {"geonames:587084"}


@pytest.mark.parametrize("a, b", [((40.38, 49.89), (39.64, 46.55)), ((51.5, -0.13), (-33.87, 151.21)), ((0, 179.9), (0, -179.9))])
def test_distance_agrees_with_geopy(a, b):
    from geopy.distance import great_circle

    from mapgen.resolve import km

    assert km(*a, *b) == pytest.approx(great_circle(a, b).km, rel=1e-7)


@pytest.mark.parametrize("text, city, namesake", [
    # a suburb of Melbourne named Dallas, in the state the story names
    ("DALLAS (AP) — Shares rose on Monday. Its plant near Geelong in Victoria will close, and a smaller site in "
     "Ballarat will stay open.", "geonames:4684888", "geonames:8348303"),
    # a village named Atlanta in the state the story is about
    ("ATLANTA (AP) — The agency in Atlanta said Monday that cases rose in Texas, where officials in Austin asked "
     "for help.", "geonames:4180439", "geonames:4671576"),
    # London, Ontario, a twentieth of London's size: Reuters would have written "LONDON, Ontario"
    ("LONDON, Dec 3 (Reuters) - Shares in the Ontario firm fell after its plant in Kitchener closed.",
     "geonames:2643743", "geonames:6058560"),
])
def test_a_wire_dateline_without_its_state_is_the_big_city(analyse_text, text, city, namesake):
    ids = place_ids(analyse_text(text))
    assert city in ids and namesake not in ids


@pytest.mark.parametrize("text, town", [
    ("PARIS, Texas (AP) — The council met on Monday in Paris to talk about roads to Dallas.", "geonames:4717560"),
    # a local paper's dateline is its own town
    ("PARIS — Lamar County commissioners met Monday in Paris and agreed to repave roads near Blossom and Detroit, "
     "Texas.", "geonames:4717560"),
    # the biggest Springfield is not thirty times the capital of Illinois
    ("SPRINGFIELD — Lawmakers in Illinois met Monday in Springfield, and Peoria and Decatur sent mayors.",
     "geonames:4250542"),
])
def test_a_local_or_full_dateline_or_no_far_bigger_namesake_keeps_the_town(analyse_text, text, town):
    assert town in place_ids(analyse_text(text))


@pytest.mark.parametrize("text, planet_town, named", [
    # Earth, a village in Texas, and Jupiter, a town in Florida
    ("Satellites orbiting Earth saw the storm near Galveston, Texas.", "geonames:5520687", False),
    ("Golfers in Jupiter, Florida, and Palm Beach Gardens said the course reopened.", "geonames:4160610", True),
])
def test_a_planet_is_no_town_of_its_name(analyse_text, text, planet_town, named):
    assert (planet_town in place_ids(analyse_text(text))) is named


@pytest.mark.parametrize("text, place", [
    # the second name is one the gazetteer does not hold
    ("Hotel owners in Kabardinka and Zhemchuzhnaya Bukhta said bookings fell in Russia.", "geonames:554668"),
    ("Ferries to Paros and Kalafati were cancelled, officials in Greece said.", "geonames:255721"),
])
def test_a_place_listed_with_a_name_the_gazetteer_lacks_is_still_placed(analyse_text, text, place):
    assert place in place_ids(analyse_text(text))


def test_a_place_listed_with_a_name_the_gazetteer_lacks_is_only_in_the_articles_countries(analyse_text):
    # Mirpur, a Dhaka neighbourhood, and a village of India
    a = analyse_text("DHAKA, Bangladesh (AFP) — Crews sprayed insecticide in Mirpur and Uttarakhali, two of the "
                     "worst-hit areas.")
    assert "geonames:6989988" not in place_ids(a)


def test_a_firm_named_for_two_people_is_no_list_of_places(analyse_text):
    assert place_ids(analyse_text("Shares in Marks and Spencer fell in London.")) == {"geonames:2643743"}


@pytest.mark.parametrize("text, meant, not_meant", [
    # Hengyang, a city of Hunan, answers to "Henan" by an alternate GeoNames keeps
    ("Exporters in Hunan held up, but factories across Henan closed, China's statistics bureau said.",
     "geonames:1808520", "geonames:1808370"),
    # a firm's name, an alternate of a Korean village
    ("Workers at Samsung's plant near Pyeongtaek, South Korea, walked out.", "geonames:1838343", "geonames:6884965"),
])
def test_an_alternate_name_of_a_town_yields_to_what_the_name_means(analyse_text, text, meant, not_meant):
    ids = place_ids(analyse_text(text))
    assert meant in ids and not_meant not in ids


def test_a_towns_english_name_as_frequent_as_a_surname_is_still_the_town(analyse_text):
    a = analyse_text("Ferries to Rhodes and Kos were cancelled, Greek officials said.")
    assert "geonames:400666" in place_ids(a)  # Ródos


@pytest.mark.parametrize("text, county", [
    ("Ranchers near Livingston in Park County, Montana, lost calves.", "geonames:5670652"),  # a park's word
    ("Neighboring Prince William County approved the plan, Virginia officials said.", "geonames:4780384"),  # a title
])
def test_a_county_named_with_a_facilitys_word_or_a_title_is_the_county(analyse_text, text, county):
    assert county in place_ids(analyse_text(text))


def test_a_big_citys_name_is_not_a_small_towns_other_name_in_the_small_towns_state(analyse_text):
    # GeoNames calls Denver City, Texas, "Denver" too
    a = analyse_text("AUSTIN, Texas (AP) — Rents in Texas fell. Rents have also fallen in Phoenix, Nashville and "
                     "Denver, but remain high in Houston and Dallas.")
    assert "geonames:5419384" in place_ids(a) and "geonames:5520110" not in place_ids(a)


@pytest.mark.parametrize("text, expected", [
    ("Flooding hit Mackay, Qld, on Monday.", {"geonames:2152274", "geonames:2159220"}),
    ("Fires near Ballarat, Vic., burned homes.", {"geonames:2145234", "geonames:2177091"}),
    ("Trains to Penrith were cut, NSW officials said.", {"geonames:2155400"}),
    # "N.L." is Nuevo León's and Newfoundland and Labrador's: the town before it says which
    ("The dam near China, N.L., is nearly empty.", {"geonames:3522542", "geonames:3530839"}),
    ("Officials in St. John's, N.L., said.", {"geonames:6354959", "geonames:6324733"}),
])
def test_state_abbreviations_outside_the_us(analyse_text, text, expected):
    assert expected <= place_ids(analyse_text(text))


@pytest.mark.parametrize("text, region", [
    ("Oil washed up along the coast in Krasnodar Krai, Russian officials said.", "geonames:542415"),
    ("Drones hit a depot in Stavropol Krai overnight.", "geonames:487839"),
])
def test_a_krai_named_in_english_is_the_region(analyse_text, text, region):
    assert region in place_ids(analyse_text(text))


@pytest.mark.parametrize("text, placed", [
    # "North Shore" names shores in many countries: Auckland's only where the story is New Zealand's
    ("SYDNEY — House prices on the North Shore rose again, agents in Chatswood said.", False),
    ("AUCKLAND, New Zealand — Homes on the North Shore flooded.", True),
])
def test_a_shore_named_by_its_direction_is_in_the_articles_country(analyse_text, text, placed):
    assert ("geonames:2185964" in place_ids(analyse_text(text))) is placed


@pytest.mark.parametrize("text, town, placed", [
    # a dictionary word opening its sentence before a lower-case word is the word: Young, a town of New
    # South Wales, needs to be big without the article's help there
    ("\"Young people who grew up in Penrith should be able to buy a home here,\" NSW officials said.",
     "geonames:2142245", False),
    ("Independence, in the Kansas City suburbs, adopted the plan, Missouri officials said.", "geonames:4391812", True),
])
def test_a_dictionary_word_opening_a_sentence(analyse_text, text, town, placed):
    assert (town in place_ids(analyse_text(text))) is placed


def test_a_town_heading_a_parks_name_is_no_pin(analyse_text):
    # "National Park" is also a village's name (in New Zealand), which hid the park's word; Tanjung lies
    # 400 km from the park
    a = analyse_text("The apes were released into Tanjung Puting National Park, Indonesian officials said.")
    assert "geonames:1625014" not in place_ids(a)


def test_a_town_listed_before_a_name_ending_in_a_facilitys_word_is_still_placed(analyse_text):
    a = analyse_text("Snow closed Highway 6 toward Harvard and Clay Center, Nebraska officials said.")
    assert "geonames:5069773" in place_ids(a)  # Harvard, Nebraska


def test_a_town_the_words_around_it_rule_out_is_left_for_review_not_dropped(analyse_text):
    """An editor sees the town that a facility's name kept off the map, with the reason, and can place it."""
    a = analyse_text("Passengers at Hickory Regional Airport waited six hours for the storm to pass.")
    assert place_ids(a) == set()
    (left,) = [p for p in a.unplaced if p.candidate.name == "Hickory"]
    assert left.candidate.country == "US" and left.confidence == 0.0
    assert any("rule this place out" in e and "facility" in e for e in left.evidence)


def test_a_word_that_is_no_place_gets_no_review_row(analyse_text):
    a = analyse_text("Reading the report, the minister frowned.")
    assert place_ids(a) == set() and a.unplaced == ()

"""Behaviour classes of geoparsing beyond the seed region, on articles written for these tests."""
import pytest

from conftest import place_ids, placed_words


def kinds(a):
    return {p.candidate.name: p.candidate.kind for p in a.places}


def test_countries_states_and_continents_are_places(analyse_text):
    a = analyse_text("Wildfires in California forced evacuations, while France and Europe sent help.")
    k = kinds(a)
    assert k["California"] == "state" and k["France"] == "country" and k["Europe"] == "continent"
    cal = next(p for p in a.places if p.candidate.name == "California")
    assert cal.candidate.lat == pytest.approx(37, abs=2.5) and cal.candidate.lon == pytest.approx(-119.5, abs=3)


def test_demonyms_are_context_not_map_points(analyse_text):
    a = analyse_text("French officials and Swiss diplomats met in Geneva.")
    assert place_ids(a) == {"geonames:2660646"}  # Geneva only; "Swiss" says which Geneva


def test_a_state_named_in_the_article_decides_a_town(analyse_text):
    a = analyse_text("Flooding closed roads in Springfield, Illinois, officials said.")
    assert "geonames:4250542" in place_ids(a)  # Springfield, IL, not the larger one in Missouri


def test_a_state_is_not_a_town_of_the_same_name_elsewhere(analyse_text):
    a = analyse_text("Hurricane season hit Florida hard, officials in Tallahassee said.")
    assert "geonames:4155751" in place_ids(a)  # the US state, not Florida, Puerto Rico


def test_capital_is_what_news_means(analyse_text):
    a = analyse_text("WASHINGTON \u2014 Officials in Washington said talks would resume.")
    assert "geonames:4140963" in place_ids(a)  # Washington, D.C.


FALSE_FRIENDS = [
    # (text, word that must not be placed, a place that must still be found or None)
    ("US Ambassador to Yerevan Lynne Tracy met the minister.", "Tracy", "geonames:616052"),
    ("Russian leader Vladimir Putin spoke on Monday.", "Vladimir", None),
    ("The Victory Council of the Trend Agency met in Baku.", "Victory", "geonames:587084"),
    ("The Victory Council of the Trend Agency met in Baku.", "Trend", "geonames:587084"),
    ("The Victory Council of the Trend Agency met in Baku.", "Council", "geonames:587084"),
    ("He told Anadolu Agency on Sunday that Baku agreed.", "Agency", "geonames:587084"),
    ("Nice weather helped the harvest, farmers said.", "Nice", None),
    ("Reading the report, the minister frowned.", "Reading", None),
    ("The Minister of Business, Enterprise and Cooperatives spoke.", "Enterprise", None),
    ("No decision was taken in the South, officials said.", "South", None),
    ("Independence Day parades were held across the country.", "Independence", None),
    ("Fans filled the Rogers Centre in Toronto, Canada.", "Rogers", "geonames:6167865"),
    ("The suspects were seen on Hampton Avenue in St. Louis, Missouri.", "Hampton", "geonames:4407066"),
    ("The winning ticket was sold in Morris County, New Jersey.", "Morris", "geonames:5101760"),
    ("A researcher at Loyola University in Chicago, Illinois, said fraud was rare.", "Loyola", "geonames:4887398"),
    ("Police/PA said the suspect, reported by the UN and the MoD, had fled.", "PA", None),
    ("By Carey L. Biron. Officials in Washington said the talks failed.", "Biron", "geonames:4140963"),
    ("The sculpture is by Mario de Santiago, a Spanish artist.", "Santiago", None),
    ("Barges sailed down the Mississippi River to New Orleans.", "Mississippi", "geonames:4335045"),
    ("Schools in Ohio County will get new funds, Kentucky officials said.", "Ohio", "geonames:6254925"),
    ("They stayed at Mar-a-Lago for the weekend, aides in Florida said.", "Lago", "geonames:4155751"),
    ("Sens. Tom Udall and Martin Heinrich wrote to the agency in Washington.", "Udall", None),
    ("Newly elected town councillor Dewly Nelson toured Hinton, Alberta. Nelson himself was a critic.",
     "Nelson", "geonames:5883102"),
    ("Prominent lawyers Xie Yang and Li Heping were sentenced in China.", "Heping", "geonames:1814991"),
    ("The horse, bred in Kentucky, was named Epiphaneia by its owner.", "Epiphaneia", "geonames:6254925"),
    ("TOP KAZAKH DIPLOMAT ARRIVES FOR TALKS", "KAZAKH", None),
    ("Parades marked St. Patrick's Day in Dublin, Ireland.", "St. Patrick", "geonames:2964574"),
    ("Shannon Watts tweeted at @Gillette from Chicago.", "Gillette", "geonames:4887398"),
    ("Farmers in the Nile Delta sold cotton in Cairo.", "Delta", "geonames:360630"),
    ("Tunisia guards its border against groups active in North Africa.", "Africa", "geonames:2464461"),
    ("Fishermen on Lake Chad sell their catch in Nigeria.", "Chad", "geonames:2328926"),
    ("The state news agency SANA said Damascus was calm.", "SANA", "geonames:170654"),
    ("Matson Snr. drove to Khartoum, Sudan, on Friday.", "Snr", "geonames:379252"),
]


@pytest.mark.parametrize("text, word, still_placed", FALSE_FRIENDS)
def test_false_friends(analyse_text, text, word, still_placed):
    """People, organisations, buildings, streets, rivers, counties, common words, acronyms."""
    a = analyse_text(text)
    assert word not in placed_words(a)
    if still_placed:
        assert still_placed in place_ids(a)


@pytest.mark.parametrize(
    "text, geonames_id",
    [
        ("Azerbaijan says its army entered Stepanakert on Tuesday.", 146970),  # Khankendi, a former name
        ("Azerbaijani troops shelled Elisavetpol, the old name of Ganja.", 586523),
        ("Shares of Bombay-listed firms rose on Monday.", 1275339),  # a city of millions needs no context
    ],
)
def test_a_former_or_foreign_name_is_placed_with_context(analyse_text, text, geonames_id):
    assert f"geonames:{geonames_id}" in place_ids(analyse_text(text))


def test_a_former_name_counts_in_an_article_about_the_country_next_door(analyse_text):
    """Armenian sources write Stepanakert for Khankendi, Azerbaijan."""
    a = analyse_text("Armenian separatists in Stepanakert said Shusha was shelled.")
    assert {"geonames:146970", "geonames:147105"} <= place_ids(a)


@pytest.mark.parametrize(
    "text, geonames_id",
    [
        ("The band, called The Turtle, played a late set.", 5245387),  # a nickname of Beloit, Wisconsin
        ("His horse Epiphaneia won the cup.", 170017),  # Hama's ancient name, and no Syria in sight
    ],
)
def test_a_former_or_nick_name_without_its_country_is_left_out(analyse_text, text, geonames_id):
    assert f"geonames:{geonames_id}" not in place_ids(analyse_text(text))


def test_saint_and_st_are_one_name(analyse_text):
    """GeoNames spells Russia's city "Saint Petersburg" and Florida's "St. Petersburg"."""
    a = analyse_text("Russia will close the US consulate in St. Petersburg, Moscow said.")
    assert "geonames:498817" in place_ids(a)
    assert "geonames:4171563" not in place_ids(a)


def test_a_subdivision_called_a_region_weighs_like_a_state(analyse_text):
    """Senegal's Saint-Louis region must not outrank the US city for a graduate of Washington University."""
    a = analyse_text("He studied at Washington University in St. Louis, then moved to Mexico City.")
    assert "geonames:2246451" not in place_ids(a)


@pytest.mark.parametrize(
    "text, expected, not_expected",
    [
        # Canada named, but nothing near London, Ontario: the world city
        ("Officials from London's Heathrow airport and Air Canada Cargo set up the programme.",
         2643743, 6058560),
        # a state inside a university's name is no evidence for London, California
        ("A professor at the University of California, Los Angeles, said the artist is based in London.",
         2643743, 5367815),
        # Fairfax, Centreville and "Va." put Vienna in Virginia, not Austria
        ("Homes in Centreville, Va., are a short drive from Fairfax and Vienna.",
         4791160, 2761369),
    ],
)
def test_a_world_city_namesake_needs_local_evidence(analyse_text, text, expected, not_expected):
    ids = place_ids(analyse_text(text))
    assert f"geonames:{expected}" in ids
    assert f"geonames:{not_expected}" not in ids


@pytest.mark.parametrize(
    "text, expected, not_expected",
    [
        ("Houthi missiles from Hodeidah hit ships in the Gulf of Aden.", "mapgen:gulf-of-aden", "geonames:415189"),
        ("Ships in the Red Sea changed course, Egypt said.", "mapgen:red-sea", "geonames:408646"),
        ("Rebels near Goma, in the Democratic Republic of Congo, took a town.", "geonames:203312", "geonames:2260494"),
    ],
)
def test_seas_and_country_names_news_copy_uses(analyse_text, text, expected, not_expected):
    ids = place_ids(analyse_text(text))
    assert expected in ids and not_expected not in ids


@pytest.mark.parametrize(
    "name, geonames_id",
    [
        ("Kharkov", 706483), ("Kharkiv", 706483), ("Nikolaev", 700569), ("Mykolaiv", 700569),
        ("Dnipropetrovsk", 709930), ("Artemovsk", 713174), ("Bakhmut", 713174),
        ("Sloviansk", 693468),  # GeoNames also lists it as another name of Nikopol: the spelling wins
    ],
)
def test_old_and_russian_spellings_of_ukrainian_cities(analyse_text, name, geonames_id):
    assert f"geonames:{geonames_id}" in place_ids(analyse_text(f"Shelling hit {name}, Ukraine's army said."))


def test_transliterated_arabic_articles_join_a_name(analyse_text):
    a = analyse_text("The SDF held Raqqa and Deir ez-Zor in Syria.")
    assert "geonames:170794" in place_ids(a)


def test_a_capital_that_is_also_a_subdivision_is_one_dot(analyse_text):
    """Kyiv is a city and a first-level subdivision of its own; the map shows the city once."""
    a = analyse_text("KYIV, Ukraine - Explosions were heard in Kyiv and in Kiev's suburbs on Monday.")
    kyiv = [p for p in a.places if p.candidate.name.startswith(("Kyiv", "Kiev"))]
    assert [p.id for p in kyiv] == ["geonames:703448"]


def test_a_city_named_in_a_team_stays_a_city(analyse_text):
    """"Houston Rockets" is not a person called Houston, so the dateline still names the city."""
    a = analyse_text("HOUSTON - Chris Paul scored as the Houston Rockets beat the Portland Trail Blazers.")
    assert "geonames:4699066" in place_ids(a)


@pytest.mark.parametrize(
    "text, expected, not_expected",
    [
        ("Voters in Georgia and Arizona went to the polls, the US networks said.", 4197000, 614540),
        ("Firms leave states such as California or Washington for Texas.", 5815135, 4140963),
        ("Georgia and Armenia signed a deal with Azerbaijan.", 614540, 4197000),
    ],
)
def test_names_listed_together_are_alike(analyse_text, text, expected, not_expected):
    """A state listed with another state of its country is a state; a country with countries, a country."""
    ids = place_ids(analyse_text(text))
    assert f"geonames:{expected}" in ids and f"geonames:{not_expected}" not in ids


def test_a_town_far_from_the_story_in_a_country_it_does_not_name_is_left_out(analyse_text):
    a = analyse_text("ADDIS ABABA - Fighting between federal forces and Fano militias spread around Bahir Dar "
                     "and Gondar in Amhara.")
    assert "geonames:3177219" not in place_ids(a)  # Fano, Italy
    assert {"geonames:342884", "geonames:336014"} <= place_ids(a)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gangs seized parts of Port-au-Prince on Monday.", "geonames:3718426"),
        ("Migrants camped in southern Mexico, near Oaxaca.", "geonames:3996063"),  # the country, not Mexico City
    ],
)
def test_names_news_copy_writes_of_capitals_and_countries(analyse_text, text, expected):
    assert expected in place_ids(analyse_text(text))


def test_a_place_is_no_evidence_for_itself(analyse_text):
    a = analyse_text("Fans in Vienna cheered on Sunday.")
    vienna = next(p for p in a.places if p.id == "geonames:2761369")
    assert not any("km from other places" in e for e in vienna.evidence)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The two inmates were captured in Chattanooga, according to the sheriff.", "geonames:4612862"),
        ("Gallagher, on loan from Southampton, has six goals this season.", "geonames:2637487"),
    ],
)
def test_a_frequent_name_that_is_no_word_is_a_place_after_in_or_from(analyse_text, text, expected):
    assert expected in place_ids(analyse_text(text))


@pytest.mark.parametrize(
    "text, word",
    [
        ("The interview was given in English, aides said.", "English"),
        ("The dog was handed to David on Monday.", "David"),
        ("Passengers flew to Heathrow after the strike.", "Heathrow"),  # not the Florida village
    ],
)
def test_words_names_and_villages_after_in_stay_off_the_map(analyse_text, text, word):
    assert word not in placed_words(analyse_text(text))


def test_a_big_city_with_a_common_name_is_kept_when_the_article_is_about_its_country(analyse_text):
    a = analyse_text("Police in Reading, England, said the Berkshire town was calm.")
    assert "geonames:2639577" in place_ids(a)  # Reading, UK


def test_every_place_keeps_its_evidence_and_confidence(analyse_text):
    a = analyse_text("Azerbaijani forces entered Lachin after Armenia withdrew.")
    lachin = next(p for p in a.places if p.id == "geonames:147625")
    assert 0.5 < lachin.confidence <= 1.0
    assert any("article names AZ" in e for e in lachin.evidence)


def test_no_good_match_is_left_out(analyse_text):
    a = analyse_text("Mr Qarsh visited Zobbelstadt and Kittlewick on Monday.")
    assert place_ids(a) == set()


def test_landmarks_and_seas(analyse_text):
    a = analyse_text("The Kremlin said ships in the Black Sea were safe.")
    assert {"mapgen:kremlin", "mapgen:black-sea"} <= place_ids(a)


@pytest.mark.parametrize(
    "text, geonames_id",
    [
        ("She is an undergraduate student at IBA-Karachi.", 1174872),
        ("The Berlin-based company said on Monday that sales rose.", 2950159),
        ("Kuala Lumpur: Malaysian authorities ordered the former prime minister to appear.", 1735161),
        ("Tickets went on sale in Santa Barbara, California, on Monday.", 5392952),
        ("The Nagorno-Karabakh-Azerbaijan contact line was quiet, Azerbaijan said.", 587116),
    ],
)
def test_names_inside_hyphenated_words_and_two_word_names_that_look_like_people(analyse_text, text, geonames_id):
    assert f"geonames:{geonames_id}" in place_ids(analyse_text(text))


def test_a_world_city_beats_a_small_namesake_unless_its_state_is_named(analyse_text):
    us = "Officials in Washington and New York said the United States would act. "
    assert "geonames:2643743" in place_ids(analyse_text(us + "London agreed."))  # London, England
    local = analyse_text("Police in London, Kentucky, said the road was closed.")
    assert "geonames:4298960" in place_ids(local) and "geonames:2643743" not in place_ids(local)


@pytest.mark.parametrize(
    "text, geonames_id",
    [
        ("Azerbaijani forces said shelling continued in Fizuly, Azerbaijan.", 148106),
        ("Refugees returned to the town of Khojalli, Azerbaijan officials said.", 147774),
    ],
)
def test_near_miss_spellings_of_the_articles_own_places(analyse_text, text, geonames_id):
    a = analyse_text(text)
    place = next(p for p in a.places if p.id == f"geonames:{geonames_id}")
    assert any("spelled like" in e for e in place.evidence) and place.confidence < 0.9


@pytest.mark.parametrize(
    "text",
    [
        "Velyeddin Ismayilov told reporters in Baku that Azerbaijan would rebuild.",  # a surname, not Ismayilli
        "Officials in Zqwerty, Azerbaijan, said nothing.",  # nothing a few letters away
    ],
)
def test_near_misses_do_not_invent_places(analyse_text, text):
    a = analyse_text(text)
    assert all(not any("spelled like" in e for e in p.evidence) for p in a.places)


def test_demonyms_become_countries_only_on_request(gazetteer):
    from mapgen.analysis import analyse
    from mapgen.documents import parse

    doc = parse("Azerbaijani troops and Armenian forces clashed near Tovuz.".encode(), "a.txt")
    assert "geonames:587116" not in place_ids(analyse(doc, gazetteer))
    with_demonyms = analyse(doc, gazetteer, include_demonyms=True)
    assert {"geonames:587116", "geonames:174982"} <= place_ids(with_demonyms)
    az = next(p for p in with_demonyms.places if p.id == "geonames:587116")
    assert [m.surface for m in az.mentions] == ["Azerbaijani"]


def test_first_names_and_countries_joined_by_and_stay_countries(analyse_text):
    a = analyse_text("Georgia and Armenia signed the deal with Jordan and Chad.")
    assert {"geonames:614540", "geonames:174982", "geonames:248816", "geonames:2434508"} <= place_ids(a)


def test_a_name_after_a_town_and_a_comma_is_its_state(analyse_text):
    a = analyse_text("Celebrity Cake Studio in Tacoma, Washington shares tips. Officials in Washington agreed.")
    assert "geonames:5815135" in place_ids(a)  # the state, after "Tacoma,"
    state = next(p for p in a.places if p.id == "geonames:5815135")
    assert [m.start for m in state.mentions] == [a.document.text.index("Washington")]


@pytest.mark.parametrize(
    "text, expected, unexpected",
    [
        ("PLEASANTON, Calif. -- The company said sales rose.", "geonames:5332921", None),
        ("A storm hit Slidell, La., on March 5, officials said.", "geonames:4331987", None),
        ("He was a good Man. The Ottawa office agreed.", None, "geonames:6065171"),  # Manitoba only as "Town, Man."
        ("She holds an M.Sc from the university.", None, "geonames:4597040"),  # not S.C.
        ("The NC Dinos beat the Bears, fans in Seoul said.", None, "geonames:4482348"),  # "NC" is the team
    ],
)
def test_ap_state_abbreviations_only_in_datelines(analyse_text, text, expected, unexpected):
    ids = place_ids(analyse_text(text))
    if expected:
        assert expected in ids
    if unexpected:
        assert unexpected not in ids

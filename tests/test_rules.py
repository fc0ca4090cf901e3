"""One test per resolver rule, on candidates built by hand: no gazetteer, no article."""
import dataclasses
import itertools
from pathlib import Path

import pytest

from mapgen import rules
from mapgen.model import PART, Candidate, Flag, Mention
from mapgen.rules import Context, Rivals, rank, usable
from mapgen.weights import DEFAULT, Weights

_ids = itertools.count(1)


def cand(name="Testville", kind="town", country="XX", lat=10.0, lon=10.0, population=20_000, admin1="01",
         matched="name", id=None):
    """A gazetteer entry as the resolver sees it (the sqlite-utils `fresh_db` idea: cheap and explicit)."""
    return Candidate(id or f"test:{next(_ids)}", name, kind, country, lat, lon, population, admin1, matched)


def ctx(**kw):
    return Context(**kw)


def mention(*flags, area_noun=""):
    return Mention("Testville", 0, 9, 0, "testville", frozenset(flags), area_noun)


def rivals(*cands, context=None):
    return Rivals.of(list(cands), context or ctx())


def score_rule(rule, c, context=None, *others):
    context = context or ctx()
    return rule(c, rivals(c, *others, context=context), context)


def test_every_rule_is_in_a_table_and_every_number_in_weights():
    """A function shaped like a rule or a gate is in one of the tables (read from the source: a compiled
    function shows no signature)."""
    import ast

    declared = set(rules.SCORE) | {r for g in rules.PENALTY_GROUPS for r in g} | set(rules.GATES)
    tree = ast.parse((Path(rules.__file__).parent / "rules.py").read_text(encoding="utf-8"))
    shaped = {f.name for f in tree.body if isinstance(f, ast.FunctionDef)
              and tuple(a.arg for a in f.args.args[:3]) in (("c", "r", "ctx"), ("m", "c", "ctx"))}
    assert len(shaped) > 20 and {getattr(rules, name) for name in shaped} - {rules.usable} <= declared
    for f in dataclasses.fields(Weights):
        assert f.metadata["why"], f.name


def test_population_is_a_log_scale_capped_at_one():
    assert score_rule(rules.population, cand(population=10_000_000)).delta == pytest.approx(1.0)
    assert score_rule(rules.population, cand(population=999)).delta == pytest.approx(3 / 7, abs=0.01)
    assert score_rule(rules.population, cand(population=0)) is None


@pytest.mark.parametrize("kind, admin1, bonus", [
    ("country", "", DEFAULT.country), ("continent", "", DEFAULT.continent), ("sea", "", DEFAULT.sea),
    ("capital", "01", DEFAULT.capital), ("region", "", DEFAULT.world_region), ("region", "07", None),
    ("state", "07", None), ("town", "01", None),
])
def test_kind_bonus(kind, admin1, bonus):
    f = score_rule(rules.kind, cand(kind=kind, admin1=admin1))
    assert (f.delta if f else None) == bonus


@pytest.mark.parametrize("matched, delta", [("name", DEFAULT.own_name), ("alternate", DEFAULT.alternate), ("other", None)])
def test_own_name_beats_an_alternate(matched, delta):
    f = score_rule(rules.own_name, cand(matched=matched))
    assert (f.delta if f else None) == delta


def test_country_named_grows_with_its_share_and_neighbours_count_less():
    assert score_rule(rules.country_named, cand(country="AZ"), ctx(countries={"AZ": 1.0})).delta == pytest.approx(1.0)
    assert score_rule(rules.country_named, cand(country="AZ"), ctx(countries={"AZ": 0.5, "AM": 0.5})).delta \
        == pytest.approx(0.8)
    assert score_rule(rules.country_named, cand(country="GE"), ctx(neighbours=frozenset({"GE"}))).delta == DEFAULT.neighbour
    assert score_rule(rules.country_named, cand(kind="country", country="AZ"), ctx(countries={"AZ": 1.0})) is None


def test_sibling_state():
    state = cand(kind="state", country="US", admin1="AZ")
    assert score_rule(rules.sibling_state, state, ctx(beside=frozenset({"US"}))).delta == DEFAULT.sibling_state
    assert score_rule(rules.sibling_state, cand(kind="town", country="US"), ctx(beside=frozenset({"US"}))) is None


def test_state_named_helps_a_town_in_it():
    town = cand(country="US", admin1="IL")
    assert score_rule(rules.state_named, town, ctx(admin1=frozenset({("US", "IL")}))).delta == DEFAULT.state_named
    assert score_rule(rules.state_named, town, ctx(admin1=frozenset({("US", "OH")}))) is None


def test_a_county_placed_in_a_state_is_no_evidence_for_itself_that_the_story_is_there():
    big = cand("Marlow County", kind="county", country="US", admin1="OH", population=400_000)
    small = cand("Marlow County", kind="county", country="US", admin1="VT", population=9_000)
    c = ctx(admin1=frozenset({("US", "OH"), ("US", "VT")}), own_admin1={"marlow county": frozenset({("US", "OH")})})
    own = c.for_name("marlow county")
    assert score_rule(rules.state_named, big, own) is None
    assert score_rule(rules.state_named, small, own).delta == DEFAULT.state_named  # another name said Vermont
    assert score_rule(rules.state_named, big, c.for_name("other county")).delta == DEFAULT.state_named


def test_a_state_named_like_a_country_holding_the_towns_named_is_the_state():
    state = cand("Georgia", kind="state", country="US", admin1="GA")
    country = cand("Georgia", kind="country", country="GE", admin1="")
    c = ctx(anchor_admin1=frozenset({("US", "GA")}), anchor_countries=frozenset({"US"}))
    r = rivals(state, country, context=c)
    assert rules.holds_named_town(state, r, c).delta == DEFAULT.holds_named_town
    assert rules.state_of_the_story(country, r, c).delta == -DEFAULT.holds_named_town
    assert rank([state, country], c)[0].candidate is state
    # without a country of the name, a state holding the towns gets nothing extra
    assert rules.holds_named_town(state, rivals(state, context=c), c) is None


def test_of_two_countries_of_one_name_the_one_holding_the_towns_named_wins():
    big = cand("Congo", kind="country", country="CD", admin1="", population=100_000_000, matched="alternate")
    small = cand("Congo", kind="country", country="CG", admin1="", population=6_000_000, matched="alternate")
    c = ctx(anchor_countries=frozenset({"CG"}))
    r = rivals(big, small, context=c)
    assert rules.holds_named_town(small, r, c).delta == DEFAULT.holds_named_town
    assert rules.holds_named_town(big, r, c) is None
    assert rank([big, small], c)[0].candidate is small
    assert rank([big, small], ctx())[0].candidate is big  # no town named: the bigger country
    # a country whose name no other country shares gets nothing from it
    assert rules.holds_named_town(small, rivals(small, context=c), c) is None


def test_distance_decays_from_the_other_places_named():
    town = cand(lat=0.0, lon=0.0)
    near = ctx(anchors=(("other", 0.0, 0.5),))
    far = ctx(anchors=(("other", 0.0, 40.0),))
    assert score_rule(rules.distance, town, near).delta > 0.3
    assert score_rule(rules.distance, town, far) is None
    assert score_rule(rules.distance, cand(kind="state"), near) is None  # areas are not pulled by points


def test_a_dateline_pulls_every_name_but_its_own():
    c = ctx(dateline=(0.0, 0.0, "XX"), dateline_key="testville")
    assert c.for_name("testville").dateline is None and c.for_name("other").dateline == (0.0, 0.0, "XX")


def test_dateline_pulls_towards_its_city():
    c = ctx(dateline=(0.0, 0.0, "XX"))
    assert score_rule(rules.dateline, cand(lat=0.0, lon=0.1), c).delta == pytest.approx(DEFAULT.dateline, abs=0.02)
    assert score_rule(rules.dateline, cand(kind="country", admin1=""), c) is None


@pytest.mark.parametrize("noun, kind, sign", [
    ("district", "rayon", +1), ("district", "town", -1), ("county", "county", +1), ("county", "state", -1),
    ("town", "town", +1), ("town", "rayon", -1), ("region", "region", +1),
])
def test_given_as(noun, kind, sign):
    admin1 = "" if kind == "region" else "01"
    county = cand(kind="county")  # a county answers to the name too
    f = score_rule(rules.given_as, cand(kind=kind, admin1=admin1), ctx(area_noun=noun), county)
    assert f is not None and (f.delta > 0) == (sign > 0)


def test_given_as_a_county_a_state_fits_where_no_county_answers_to_the_name():
    """Romania's judete are first-level areas that English calls counties."""
    f = score_rule(rules.given_as, cand(kind="department", population=700_000), ctx(area_noun="county"))
    assert f is not None and f.delta == DEFAULT.area_word


def test_seat_town_penalty_is_waived_when_the_text_says_district():
    rayon, town = cand(kind="rayon", population=30_000), cand(kind="town", population=10_000)
    assert score_rule(rules.seat_town, rayon, ctx(), town).delta == -DEFAULT.seat_town
    assert score_rule(rules.seat_town, rayon, ctx(area_noun="district"), town) is None


@pytest.mark.parametrize("kind", ["county", "rayon", "province"])
def test_an_area_named_like_a_town_in_it_yields_whatever_its_country_calls_it(kind):
    area, town = cand(kind=kind, population=600_000), cand(kind="town", population=60_000)
    assert score_rule(rules.seat_town, area, ctx(), town).delta == -DEFAULT.seat_town
    assert score_rule(rules.seat_town, area, ctx(), cand(kind="town", admin1="02")) is None  # a town elsewhere


def test_a_big_state_yields_to_the_city_of_a_million_named_like_it_inside_it():
    state = cand("Ostrava", kind="state", admin1="05", population=20_000_000)
    city = cand("Ostrava", kind="city", admin1="05", population=3_000_000)
    village = cand("Ostrava", kind="village", admin1="05", population=3_000)
    assert score_rule(rules.seat_town, state, ctx(), city).delta == -DEFAULT.seat_town
    assert score_rule(rules.seat_town, state, ctx(), village) is None  # a big state keeps its name against a village


def test_a_subdivision_named_like_its_country_or_a_sea():
    state = cand(kind="state", country="MX", admin1="15", population=2_000_000)
    assert score_rule(rules.own_country_name, state, ctx(), cand(kind="country", country="MX", admin1="")).delta < 0
    sea = cand(kind="sea", country="", admin1="")
    assert score_rule(rules.sea_name, state, ctx(), sea).delta == -DEFAULT.sea_name


def test_country_city_alternate():
    city = cand(kind="capital", country="KW", matched="alternate")
    assert score_rule(rules.country_city_alternate, city, ctx(), cand(kind="country", country="KW", admin1="")).delta < 0
    # another country's name too: a city's other name that is a country's name means the country
    abroad = cand(kind="city", country="ES", matched="alternate", population=230_000)
    assert score_rule(rules.country_city_alternate, abroad, ctx(), cand(kind="country", country="GD", admin1="")).delta \
        == -DEFAULT.country_city_alternate
    named = cand(kind="city", country="ES", matched="name", population=230_000)
    assert score_rule(rules.country_city_alternate, named, ctx(), cand(kind="country", country="GD", admin1="")) is None


def test_a_town_named_like_its_own_country_yields_to_the_country_whatever_the_local_evidence():
    country = cand("Testland", kind="country", country="XX", admin1="", population=5_000_000)
    village = cand("Testland", kind="village", country="XX", admin1="03", population=3_000, lat=10.0, lon=10.1)
    abroad = cand("Testland", kind="village", country="YY", admin1="03", population=3_000)
    local = ctx(countries={"XX": 1.0}, admin1=frozenset({("XX", "03")}), anchors=(("other", 10.0, 10.0),),
                dateline=(10.0, 10.0, "XX"))
    r = rivals(country, village, abroad, context=local)
    assert rules.own_country_town(village, r, local).delta == -DEFAULT.own_country_town
    assert rules.own_country_town(abroad, r, local) is None  # another country's village is only its namesake
    assert rank([country, village], local)[0].candidate is country


def test_a_city_whose_other_name_is_its_own_countrys_yields_to_the_country():
    country = cand("Testland", kind="country", country="XX", admin1="", population=5_000_000)
    capital = cand("Testland City", kind="capital", country="XX", admin1="01", population=900_000, matched="alternate")
    local = ctx(countries={"XX": 1.0}, dateline=(10.0, 10.0, "XX"))
    r = rivals(country, capital, context=local)
    assert rules.own_country_town(capital, r, local).delta == -DEFAULT.own_country_town
    assert rank([country, capital], local)[0].candidate is country


def test_a_town_named_like_the_big_state_it_lies_in_yields_to_the_state():
    state = cand("Testia", kind="state", country="XX", admin1="05", population=3_000_000)
    city = cand("Testia City", kind="city", country="XX", admin1="05", population=600_000, matched="alternate")
    village = cand("San Pedro", kind="village", country="XX", admin1="05", population=1_500, matched="other")
    elsewhere = cand("Testia", kind="village", country="XX", admin1="07", population=1_500)
    local = ctx(countries={"XX": 1.0}, admin1=frozenset({("XX", "05")}), anchors=(("other", 10.0, 10.1),),
                dateline=(10.0, 10.0, "XX"))
    r = rivals(state, city, village, elsewhere, context=local)
    assert rules.own_state_town(city, r, local).delta == -DEFAULT.own_state_town
    assert rules.own_state_town(village, r, local).delta == -DEFAULT.own_state_town
    assert rules.own_state_town(elsewhere, r, local) is None  # another state's village: state_namesake's case
    assert rank([state, city, village], local)[0].candidate is state
    # a state under seat_rule_population does not keep its name against its town (seat_town), nor does one
    # whose town is a city of a million
    small = cand("Testia", kind="state", country="XX", admin1="05", population=800_000)
    assert rules.own_state_town(city, rivals(small, city, context=local), local) is None
    metropolis = cand("Testia City", kind="city", country="XX", admin1="05", population=2_000_000, matched="alternate")
    assert rules.own_state_town(metropolis, rivals(state, metropolis, context=local), local) is None
    spelling = cand("Testia", kind="state", country="XX", admin1="05", population=3_000_000, matched="alternate")
    assert rules.own_state_town(city, rivals(spelling, city, context=local), local) is None
    # a spelling of the city's own name, or the city's own name, is the city's
    for town in (cand("Testiya", kind="city", country="XX", admin1="05", population=600_000, matched="alternate"),
                 cand("Testia", kind="city", country="XX", admin1="05", population=600_000)):
        assert rules.own_state_town(town, rivals(state, town, context=local), local) is None
    # ... but a small town, whatever the name is to it, never keeps a big state's name
    hamlet = cand("Testiya", kind="village", country="XX", admin1="05", population=1_400, matched="alternate")
    assert rules.own_state_town(hamlet, rivals(state, hamlet, context=local), local).delta == -DEFAULT.own_state_town


def test_a_small_town_named_like_a_state_of_its_country_yields_to_the_state():
    village = cand("Maine", kind="village", country="US", admin1="OR", population=3_000)
    state = cand("Maine", kind="state", country="US", admin1="ME", population=1_300_000)
    abroad = cand("Maine", kind="village", country="FR", admin1="52", population=3_000)
    r = rivals(village, state, abroad)
    assert rules.state_namesake(village, r, ctx()).delta == -DEFAULT.state_namesake
    assert rules.state_namesake(abroad, r, ctx()) is None  # another country's state is not its namesake
    assert rules.state_namesake(cand("Maine", population=200_000, country="US", admin1="OR"), r, ctx()) is None
    assert rules.state_namesake(village, rivals(village, abroad), ctx()) is None



def test_a_city_answering_to_another_states_name_only_by_an_alternate_yields_to_the_state():
    state = cand("Testia", kind="state", admin1="01", population=5_000_000)
    city = cand("Testopol", kind="city", admin1="02", population=900_000, matched="alternate")
    assert rules.state_namesake(city, rivals(state, city), ctx()).delta == -DEFAULT.state_namesake
    own = dataclasses.replace(city, matched="name")  # its own name: a big city keeps it
    assert rules.state_namesake(own, rivals(state, own), ctx()) is None
    capital = dataclasses.replace(city, kind="capital")  # "Washington" is the capital's, not the state's
    assert rules.state_namesake(capital, rivals(state, capital), ctx()) is None


@pytest.mark.parametrize("flag, population, usable_", [
    (Flag.COMMON, 0, False), (Flag.FREQUENT_NAME, 2_000, False),  # "Samsung" is no spelling of a village
    (Flag.FREQUENT_NAME, 50_000, True),  # a frequent word may still be a town's English name ("Rhodes")
    (None, 0, True),
])
def test_a_frequent_word_is_no_alternate_spelling_of_a_village(flag, population, usable_):
    village = cand("Testovo", kind="village", population=population, matched="alternate")
    m = mention(*([flag] if flag else []))
    assert rules.word_as_spelling(m, village, ctx()) is (None if usable_ else False)


def test_small_namesake_unless_its_state_is_named():
    small, famous = cand(population=8_000, admin1="NY"), cand(population=2_000_000, country="XX", admin1="MA")
    assert score_rule(rules.small_namesake, small, ctx(), famous).delta == -DEFAULT.small_namesake
    assert score_rule(rules.small_namesake, small, ctx(admin1=frozenset({("XX", "NY")})), famous) is None


def test_a_country_listed_with_a_country():
    country, town = cand("Lebanon", kind="country", country="LB", admin1="", population=6_000_000), cand("Lebanon")
    assert score_rule(rules.sibling_country, country, ctx(beside_nation=True)).delta == DEFAULT.sibling_country
    assert score_rule(rules.sibling_country, town, ctx(beside_nation=True)) is None
    assert score_rule(rules.sibling_country, country, ctx()) is None
    listed = ctx(nations=frozenset({"jordan"})).for_name("lebanon", frozenset({"jordan"}))
    assert listed.beside_nation and not ctx(nations=frozenset({"jordan"})).for_name("jordan", frozenset({"jordan"})).beside_nation


def test_world_area_namesake_needs_local_evidence():
    sea = cand("Pacific Ocean", kind="sea", country="", population=0, matched="alternate")
    town = cand("Pacific", country="US", population=7_000, lat=38.5, lon=-90.7, admin1="MO")
    found = score_rule(rules.world_area_namesake, town, ctx(countries={"US": 1.0}), sea)
    assert found.delta == -DEFAULT.world_area_namesake
    assert score_rule(rules.world_area_namesake, town, ctx(admin1=frozenset({("US", "MO")})), sea) is None
    assert score_rule(rules.world_area_namesake, town, ctx()) is None  # no sea of that name
    # a place named near the town: within half the local distance, not a city 100 km off
    assert score_rule(rules.world_area_namesake, town, ctx(anchors=(("other", 38.86, -90.7),)), sea) is None
    assert score_rule(rules.world_area_namesake, town, ctx(anchors=(("other", 39.4, -90.7),)), sea).delta == \
        -DEFAULT.world_area_namesake
    big = cand("Asia", country="XX", population=150_000)
    assert score_rule(rules.world_area_namesake, big, ctx(), cand("Asia", kind="continent", country="")) is None
    # the arithmetic its weight states: with its country named, a town under 100,000 falls below the sea
    ranked = rank([town, sea], ctx(countries={"US": 1.0}))
    assert ranked[0].candidate is sea


def test_a_populated_place_named_with_the_article_must_be_a_city():
    assert not usable(mention(Flag.DEFINITE), cand(population=75_000))
    assert usable(mention(Flag.DEFINITE), cand(population=500_000))  # "the Hague"
    assert usable(mention(Flag.DEFINITE), cand(kind="country", admin1="", population=2_000_000))  # "the Gambia"
    assert usable(mention(Flag.DEFINITE), cand(kind="region", admin1="", population=0))  # "the Donbas"


def test_a_seas_short_name_inside_an_organisations_is_not_the_sea():
    sea = cand("Pacific Ocean", kind="sea", country="", population=0, matched="alternate")
    assert not usable(mention(Flag.ORG), sea)  # "Pacific University"
    assert usable(mention(Flag.ORG), dataclasses.replace(sea, matched="name"))  # "Pacific Ocean Institute"


def test_world_city_namesake_needs_local_evidence():
    world = cand("Paris", kind="capital", country="FR", population=2_000_000, lat=48.85, lon=2.35)
    small = cand("Paris", country="US", population=25_000, lat=33.66, lon=-95.55, admin1="TX")
    assert score_rule(rules.world_city_namesake, small, ctx(), world).delta == -DEFAULT.world_city_namesake
    near = ctx(anchors=(("sulphur springs", 33.14, -95.6),))
    assert score_rule(rules.world_city_namesake, small, near, world) is None


def test_foreign_towns_small_or_far():
    village = cand(population=900, country="ZZ")
    assert score_rule(rules.small_foreign_town, village, ctx(countries={"XX": 1.0})).delta == -DEFAULT.small_foreign_town
    assert score_rule(rules.small_foreign_town, village, ctx(countries={"ZZ": 1.0})) is None
    town = cand(population=20_000, country="ZZ", lat=0, lon=0)
    far = ctx(countries={"XX": 1.0}, anchors=(("x", 0, 30),))
    assert score_rule(rules.far_foreign_town, town, far).delta == -DEFAULT.far_foreign_town
    # a town just below a city's size, with nothing but its population and its own name, is not placed
    big_town = cand(population=95_000, country="ZZ", lat=0, lon=0)
    assert rank([big_town], far)[0].score < DEFAULT.threshold


def test_a_town_in_a_state_the_article_names_is_not_far_from_the_story():
    """Its only sure town a namesake abroad, the story still names the state this town lies in."""
    town = cand(population=20_000, country="ZZ", admin1="07", lat=0, lon=0)
    far = ctx(countries={"XX": 1.0}, anchors=(("x", 0, 30),), admin1=frozenset({("ZZ", "07")}))
    assert score_rule(rules.far_foreign_town, town, far) is None


def test_only_the_first_penalty_of_a_group_counts():
    small = cand("Paris", population=8_000, lat=1, lon=1)
    world = cand("Paris", kind="capital", population=2_000_000, lat=9, lon=9)
    found = rank([small, world], ctx())[1].findings
    assert [f.rule for f in found if f.delta < 0].count("small_namesake") == 1
    assert "world_city_namesake" not in [f.rule for f in found]


def test_rank_orders_and_explains():
    a, b = cand(population=1_000_000), cand(population=1_000)
    ranked = rank([b, a], ctx())
    assert [r.candidate for r in ranked] == [a, b]
    assert ranked[0].score == pytest.approx(sum(f.delta for f in ranked[0].findings), abs=1e-3)
    assert 0 <= ranked[1].confidence < ranked[0].confidence <= 1


def test_another_weights_table_changes_the_outcome():
    a, b = cand(population=50_000, matched="alternate"), cand(population=40_000, matched="name")
    assert rank([a, b], ctx())[0].candidate is b
    heavy = Context(weights=Weights.from_mapping({"alternate": 0.5}))
    assert rank([a, b], heavy)[0].candidate is a


# ---- gates ----

@pytest.mark.parametrize("flag", sorted(rules.BLOCKING))
def test_blocking_flags_never_name_a_place(flag):
    assert not usable(mention(flag), cand(kind="country", admin1=""))


def test_a_dateline_names_a_city_even_in_capitals():
    assert usable(mention(Flag.DATELINE, Flag.CAPS, Flag.COMMON), cand(population=30_000))
    assert not usable(mention(Flag.DATELINE), cand(kind="state"))


def test_county_word_admits_only_counties():
    assert usable(mention(Flag.AREA_WORD, area_noun="county"), cand(kind="county"))
    assert not usable(mention(Flag.AREA_WORD, area_noun="county"), cand(kind="state", population=5_000_000))
    # a state or province the gazetteer itself calls "X County" (the key was looked up with the noun)
    judet = Mention("Testia County", 0, 13, 0, "testia county", frozenset({Flag.AREA_WORD}), "county")
    assert usable(judet, cand(kind="department", population=700_000))
    assert not usable(judet, cand(kind="town"))


def test_region_of_a_continent():
    assert not usable(mention(Flag.REGION_OF), cand(kind="continent", admin1=""))


@pytest.mark.parametrize("flags, matched, ok", [
    ((Flag.DOTTED,), "abbreviation", True), ((), "abbreviation", False),
    ((Flag.ACRONYM,), "code", True), ((), "code", False),
    ((Flag.ACRONYM, Flag.STOPS), "dotted", True), ((Flag.ACRONYM,), "dotted", False),
])
def test_abbreviations_only_as_written(flags, matched, ok):
    assert usable(mention(*flags), cand(kind="state", matched=matched)) is ok


def test_an_acronym_is_not_a_city_spelt_another_way():
    assert not usable(mention(Flag.ACRONYM), cand(matched="alternate", population=400_000))


def test_other_names_need_the_article_nearby():
    other = cand(matched="other", population=50_000, country="AZ")
    assert not usable(mention(), other, ctx())
    assert usable(mention(), other, ctx(countries={"AZ": 1.0}))
    assert not usable(mention(Flag.CAPS), other, ctx(countries={"AZ": 1.0}))
    assert usable(mention(), cand(matched="other", population=2_000_000), ctx())


def test_short_codes_are_never_places():
    assert not usable(mention(Flag.SHORT), cand())


def test_a_frequent_name_needs_a_big_place_or_its_country():
    assert usable(mention(Flag.FREQUENT_NAME), cand(population=150_000))
    assert not usable(mention(Flag.FREQUENT_NAME), cand(population=900, country="US"), ctx())
    assert not usable(mention(Flag.FREQUENT_NAME), cand(population=900, country="US"),
                      ctx(countries={"US": 1.0}, country_sizes={"US": 330_000_000}))
    assert usable(mention(Flag.FREQUENT_NAME), cand(population=900, country="AM"),
                  ctx(countries={"AM": 1.0}, country_sizes={"AM": 3_000_000}))
    assert usable(mention(Flag.FREQUENT_NAME), cand(population=900, country="US", admin1="VT"),
                  ctx(admin1=frozenset({("US", "VT")})))


def test_a_given_name_alone_is_a_small_town_only_with_local_evidence():
    village = cand(population=6_000, country="US", admin1="MT", lat=46.0, lon=-110.0)
    assert not usable(mention(Flag.GIVEN_NAME), village, ctx(countries={"US": 1.0}))
    assert usable(mention(Flag.GIVEN_NAME), village, ctx(admin1=frozenset({("US", "MT")})))
    assert usable(mention(Flag.GIVEN_NAME), village, ctx(anchors=(("other", 46.2, -110.3),)))
    assert usable(mention(Flag.GIVEN_NAME), cand(population=300_000), ctx())


def test_a_name_of_generic_words_needs_its_country_in_the_article():
    district = cand("Eastern Region", kind="region", country="KE", admin1="02", population=2_000_000)
    assert not usable(mention(Flag.GENERIC_NAME), district, ctx(countries={"KR": 1.0}))
    assert usable(mention(Flag.GENERIC_NAME), district, ctx(countries={"KE": 1.0}))
    assert usable(mention(Flag.GENERIC_NAME), cand("South Seas", kind="region", country="", admin1=""), ctx())


def test_common_words_and_organisations_need_a_prominent_place():
    assert not usable(mention(Flag.COMMON), cand(population=20_000))
    assert usable(mention(Flag.COMMON), cand(population=2_000_000))
    assert not usable(mention(Flag.ORG), cand(population=150_000, admin1="IL", country="US"),
                      ctx(admin1=frozenset({("US", "IL")})))
    assert not usable(mention(Flag.FACILITY), cand(population=150_000, country="US"), ctx(countries={"US": 1.0}))


def test_a_village_spelt_otherwise_needs_local_evidence_or_a_small_country():
    village = cand(matched="alternate", population=2_000, country="AZ", admin1="28")
    assert not usable(mention(), village, ctx())
    assert usable(mention(), village, ctx(admin1=frozenset({("AZ", "28")})))
    assert usable(mention(), village, ctx(countries={"AZ": 1.0}, country_sizes={"AZ": 10_000_000}))
    us_village = cand(matched="alternate", population=2_000, country="US", admin1="TX")
    assert not usable(mention(), us_village, ctx(countries={"US": 1.0}, country_sizes={"US": 330_000_000}))


def test_cluster_favours_the_namesake_near_other_names_but_not_against_a_state():
    here, there = cand(lat=40.0, lon=-75.0), cand(lat=34.0, lon=-118.0)
    c = ctx(others=(("other", 40.2, -75.1), ("third", 39.9, -74.8)))
    assert score_rule(rules.cluster, here, c, there).delta == DEFAULT.cluster
    assert score_rule(rules.cluster, there, c, here) is None
    state = cand(kind="state", population=5_000_000)
    assert score_rule(rules.cluster, here, c, there, state) is None


def test_a_towns_own_institution_names_the_town():
    town = cand(population=30_000)
    assert not usable(mention(Flag.ORG), town)
    assert usable(mention(Flag.ORG, Flag.CIVIC), town)


def test_a_bare_county_name_abroad_yields_to_a_town():
    county = cand("Dorset", kind="two-tier county", country="GB", population=700_000)
    town = cand("Dorset", kind="town", country="US", population=12_000)
    assert score_rule(rules.bare_county, county, ctx(), town).delta == -DEFAULT.bare_county
    assert score_rule(rules.bare_county, county, ctx(countries={"GB": 1.0}), town) is None
    assert score_rule(rules.bare_county, county, ctx(area_noun="county"), town) is None


def test_part_of_a_region_lies_in_the_articles_countries_or_next_door():
    m = mention(Flag.REGION_OF)
    province = cand("Testlands", kind="province", country="ZW", admin1="07")
    about_gb = ctx(countries={"GB": 1.0})
    assert usable(m, province, about_gb) is False
    assert usable(m, province, ctx(countries={"ZW": 1.0}))
    assert usable(m, province, ctx(countries={"GB": 1.0}, neighbours=frozenset({"ZW"})))
    assert usable(m, province, ctx())  # an article naming no country says nothing against it
    assert usable(m, cand("Testland", kind="country", country="ZW", admin1=""), about_gb)  # "Eastern Testland"
    assert usable(m, cand(kind="continent", country="", admin1=""), ctx()) is False  # "Southern Asia"


def test_a_common_word_given_as_an_area_names_the_area_in_the_articles_country():
    m = mention(Flag.COMMON, Flag.AREA_WORD, area_noun="department")
    small = cand("Testville", kind="department", country="UY", admin1="07", population=50_000)
    assert usable(m, small, ctx(countries={"UY": 1.0}))
    assert not usable(m, small, ctx(countries={"AR": 1.0}))  # not a country the article is about
    assert not usable(m, cand(kind="town", country="UY", population=50_000), ctx(countries={"UY": 1.0}))
    assert not usable(mention(Flag.COMMON, Flag.ORG, Flag.AREA_WORD, area_noun="department"), small,
                      ctx(countries={"UY": 1.0}))  # inside an organisation's name the usual prominence holds


@pytest.mark.parametrize("population", [400_000, 2_500_000])
def test_a_town_answering_to_a_states_name_only_as_an_other_name_is_not_its_seat(population):
    """A city whose former or foreign name is its state's own name (a colonial "Province City" now called
    otherwise): the bare name is the state's, whatever the city's size."""
    state = cand("Testia", kind="state", country="XX", admin1="05", population=9_000_000)
    city = cand("Newtown", kind="city", country="XX", admin1="05", population=population, matched="other")
    local = ctx(countries={"XX": 1.0})
    assert score_rule(rules.seat_town, state, local, city) is None
    assert rank([state, city], local)[0].candidate is state
    # ... while a city whose own name it is still takes it from a state smaller than a million
    small = cand("Testia", kind="state", country="XX", admin1="05", population=800_000)
    own = cand("Testia", kind="city", country="XX", admin1="05", population=population)
    assert score_rule(rules.seat_town, small, local, own).delta == -DEFAULT.seat_town


def test_a_village_far_smaller_than_the_area_of_its_name_is_not_its_seat():
    region = cand("Testia", kind="region", population=900_000)
    assert score_rule(rules.seat_town, region, ctx(), cand("Testia", kind="town", population=15_000)) is None
    assert score_rule(rules.seat_town, region, ctx(), cand("Testia", kind="village", population=0)) is None
    assert score_rule(rules.seat_town, region, ctx(), cand("Testia", kind="city", population=90_000)).delta \
        == -DEFAULT.seat_town


def test_a_part_of_an_area_named_like_a_far_big_city_is_the_area():
    state = cand("Testia", kind="state", lat=43.0, lon=-75.0, population=20_000_000)
    city = cand("Testia", kind="city", lat=40.7, lon=-74.0, population=8_000_000, matched="alternate")
    part = ctx(area_noun=PART)
    assert score_rule(rules.given_as, state, part, city).delta == DEFAULT.area_word
    assert score_rule(rules.given_as, city, part, state) is None
    assert rank([state, city], part)[0].candidate is state
    near = cand("Testia", kind="city", lat=43.2, lon=-75.1, population=2_000_000)  # "eastern Aleppo": the city's east
    assert score_rule(rules.given_as, state, part, near) is None
    assert score_rule(rules.given_as, state, part, cand("Testia", kind="town", population=5_000)) is None


_CHANGED = {  # a value for each field of Context other than the default
    "countries": {"GE": 1.0}, "anchors": (("tbilisi", 41.7, 44.8),), "admin1": frozenset({("GE", "04")}),
    "own_admin1": {"kakheti": frozenset({("GE", "04")})}, "towns": (("telavi", "geonames:611403", "GE", "04"),),
    "votes": {"georgia": {"GE": 1.0}}, "anchor_admin1": frozenset({("GE", "04")}), "anchor_countries": frozenset({"GE"}),
    "neighbours": frozenset({"AM"}), "states": {"kakheti": "GE"}, "beside": frozenset({"US"}),
    "dateline": (41.7, 44.8, "GE"), "dateline_key": "tbilisi", "others": (("gori", 41.98, 44.11),),
    "country_sizes": {"GE": 3_700_000}, "area_noun": "region", "weights": Weights(country=DEFAULT.country + 1),
    "nations": frozenset({"armenia"}), "beside_nation": True, "counties": (("kakheti", 41.65, 45.69),),
    "paired_admin1": frozenset({("GE", "66")}), "wire_dateline": True, "big_cities": {"yerevan": "AM"},
    "beside_cities": frozenset({"AM"}), "beside_towns": frozenset({"NZ"}), "bordering": {"GE": frozenset({"AM", "AZ", "RU", "TR"})},
}


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Context) if f.init])
def test_a_context_with_one_change_is_what_dataclasses_replace_makes(name):
    """Context._with calls the constructor field by field: a field added to Context must be added there too."""
    base = Context()
    changed = base._with({name: _CHANGED[name]})
    expected = dataclasses.replace(base, **{name: _CHANGED[name]})
    assert getattr(changed, name) == _CHANGED[name] != getattr(base, name)
    assert all(getattr(changed, f.name) == getattr(expected, f.name) for f in dataclasses.fields(Context) if f.init)


def test_a_bare_wire_dateline_takes_back_a_far_smaller_namesake():
    c = ctx(dateline=(0.0, 0.0, "XX"), dateline_key="testville", wire_dateline=True)
    big, small = cand(id="g:1", population=2_000_000), cand(id="g:2", population=5_000)
    own = c.for_name("testville")
    found = rules.dateline_namesake(small, rivals(big, small, context=own), own)
    assert found is not None and found.delta == -DEFAULT.dateline_namesake
    assert rules.dateline_namesake(big, rivals(big, small, context=own), own) is None
    other = c.for_name("elsewhere")  # only the dateline's own name
    assert rules.dateline_namesake(small, rivals(big, small, context=other), other) is None
    given = ctx(dateline=(0.0, 0.0, "XX"), dateline_key="testville").for_name("testville")  # "TESTVILLE, Ohio"
    assert rules.dateline_namesake(small, rivals(big, small, context=given), given) is None
    capital, spelt = cand(id="g:3", kind="capital", population=50_000), dataclasses.replace(big, matched="spelling")
    assert rules.dateline_namesake(capital, rivals(big, capital, context=own), own) is None
    assert rules.dateline_namesake(small, rivals(spelt, small, context=own), own) is None  # not the big city's own name


def test_a_name_listed_with_one_the_gazetteer_lacks_names_a_place_only_in_the_articles_countries():
    m = mention(Flag.UNKNOWN_BESIDE)
    here, abroad = cand(country="XX"), cand(country="YY")
    c = ctx(countries={"XX": 1.0})
    assert rules.unknown_beside(m, here, c) is None and rules.unknown_beside(m, abroad, c) is False
    assert rules.unknown_beside(mention(), abroad, c) is None
    assert rules.unknown_beside(m, cand(kind="country", country="YY"), c) is None  # "CSA Singapore"
    its_state = ctx(countries={"XX": 1.0}, admin1=frozenset({("YY", "01")}))  # "near Fingal ..., Tasmania's"
    assert rules.unknown_beside(m, abroad, its_state) is None


def test_a_towns_other_name_yields_to_the_big_city_whose_own_name_it_is():
    city = cand("Testburg", population=700_000)
    town = cand("Testburg Springs", population=5_000, matched="alternate", lat=20.0)
    c = ctx(countries={"XX": 1.0}, admin1=frozenset({("XX", "01")}))  # its state named: no matter
    assert rules.alternate_namesake(town, rivals(city, town), c).delta == -DEFAULT.small_namesake
    assert rules.alternate_namesake(dataclasses.replace(town, matched="name"), rivals(city, town), c) is None
    near = ctx(anchors=(("other", 20.0, 10.1),))  # a place named near the town
    assert rules.alternate_namesake(town, rivals(city, town), near) is None


def test_a_town_listed_with_big_cities_of_other_countries_yields_to_a_city_of_its_name():
    village = cand("Testburg", kind="village", country="IE", population=600)
    town = cand("Testburg", kind="town", country="GB", population=45_000)
    city = cand("Testburg", kind="city", country="US", population=650_000)
    listed = ctx(beside_cities=frozenset({"US", "CA"}))
    assert score_rule(rules.unlike_its_list, village, listed, city).delta == -DEFAULT.unlike_its_list
    assert score_rule(rules.unlike_its_list, town, listed, city).delta == -DEFAULT.unlike_its_list
    assert score_rule(rules.unlike_its_list, city, listed, village) is None
    assert score_rule(rules.sibling_city, city, listed, village).delta == DEFAULT.sibling_city
    assert score_rule(rules.unlike_its_list, village, ctx(), city) is None  # not listed with big cities
    home = cand("Testburg", kind="town", country="US", population=25_000)  # "Dallas, Testburg and Houston"
    assert score_rule(rules.unlike_its_list, home, listed, city) is None


def test_a_world_citys_namesake_is_no_peer_of_the_big_cities_it_is_listed_with_without_local_evidence():
    capital = cand("Testburg", kind="capital", country="GB", population=9_000_000)
    town = cand("Testburg", kind="town", country="US", population=10_000, admin1="OH")
    assert score_rule(rules.sibling_city, town, ctx(beside_cities=frozenset({"US"})), capital) is None
    in_its_state = ctx(beside_cities=frozenset({"US"}), admin1=frozenset({("US", "OH")}))
    assert score_rule(rules.sibling_city, town, in_its_state, capital).delta == DEFAULT.sibling_city
    assert score_rule(rules.sibling_city, capital, ctx(beside_cities=frozenset({"GB"})), town).delta == DEFAULT.sibling_city


def test_a_name_is_listed_with_the_big_cities_other_names_are():
    c = ctx(big_cities={"yerevan": "AM", "gyumri": "AM", "tbilisi": "GE"})
    assert c.for_name("gyumri", frozenset({"yerevan", "gyumri"})).beside_cities == frozenset({"AM"})
    assert c.for_name("vanadzor", frozenset({"tbilisi", "vanadzor"})).beside_cities == frozenset({"GE"})
    assert c.for_name("vanadzor").beside_cities == frozenset()


def test_a_village_named_like_a_world_city_needs_local_evidence():
    city = cand("Testopolis", kind="city", country="CA", population=1_700_000)
    village = cand("Testopolis", kind="village", country="FR", population=1_900, lat=44.0, lon=2.0)
    away = ctx(countries={"FR": 1.0}, anchors=(("lyon", 45.76, 4.83),))  # its country named, nothing near it
    assert score_rule(rules.world_city_village, village, away, city).delta == -DEFAULT.world_city_village
    assert rank([village, city], away)[0].candidate is city
    near = ctx(countries={"FR": 1.0}, anchors=(("testbourg", 44.1, 2.1),))  # a town named beside it
    assert score_rule(rules.world_city_village, village, near, city) is None
    town = cand("Testopolis", kind="town", country="FR", population=25_000)  # a town, not a village
    assert score_rule(rules.world_city_village, town, away, city) is None


def test_a_countrys_neighbours_are_no_evidence_for_the_name_that_named_it():
    """ "Prices in Ontario": the province makes the article Canada's, but Canada's neighbour, the US, is
    no evidence for Ontario, California, when "Ontario" is what is being resolved."""
    c = ctx(countries={"CA": 1.0}, votes={"ontario": {"CA": 1.0}}, neighbours=frozenset({"US"}),
            bordering={"CA": frozenset({"US"})})
    assert c.for_name("ontario").neighbours == frozenset()
    assert c.for_name("ottawa").neighbours == frozenset({"US"})

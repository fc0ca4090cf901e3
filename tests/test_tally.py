import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen import tally
from mapgen.exports import combine
from mapgen.model import Candidate, Source
from mapgen.tally import place_key, update


def _candidate(place: str, how: str) -> bytes:
    """A gazetteer entry packed; `how` stands for how an article matched it (the entry kept is the last's)."""
    return pickle.dumps(Candidate(f"geonames:{place}", place, "town", "KE", -1.5, 37.0, 1000, "", how))


def _summary(seed: int) -> tuple:
    """An article's summary: places, spellings and confidences drawn from its seed, so two keys with the
    same seed say the same (a key names everything its summary follows from)."""
    towns = ["Lamu", "Malindi", "Kilifi", "Voi", "Garissa"]
    places = (towns[seed % 5:] + towns[:seed % 5])[:seed % 4]
    shares = tuple((f"geonames:{p}", tuple((s, 1 + (seed + len(s)) % 3) for s in (p, p.upper())[:1 + seed % 2]),
                    (seed * 37 % 100) / 100 - 0.2, _candidate(p, f"alt{seed % 5}")) for p in places)
    return shares, seed % 3, (None, None, False) if seed % 3 == 0 else ("2024-01-0" + str(1 + seed % 9), "2024-02-01",
                                                                        seed % 2 == 0), \
        ((seed % 2 == 0, seed % 10 / 10, f"f{seed}", "x") if seed % 5 else None), seed % 5


def _loader(keys, asked):
    def summaries(positions):
        asked.extend(positions)
        return [_summary(int(keys[n].split("-")[1])) for n in positions]
    return summaries


_BUILDS = st.lists(st.sets(st.integers(min_value=0, max_value=40), max_size=25), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(builds=_BUILDS)
def test_a_tally_updated_build_after_build_is_the_tally_summed_afresh(builds):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tally, "_REDO_BEYOND", float("inf"))  # never summed afresh for the number of changes
        _builds_agree(builds)


def _builds_agree(builds):
    earlier = None
    for articles in builds:
        keys = sorted(f"k{n * 7919 % 41:02d}-{n}" for n in articles)  # an order of the keys, as the data's
        asked: list[int] = []
        now = update(earlier, keys, _loader(keys, asked))
        assert now == update(None, keys, _loader(keys, []))
        if earlier is not None:  # only the articles that came, and those naming a place one that went named
            came = {n for n, k in enumerate(keys) if k not in earlier.keys}
            went = set(earlier.keys) - set(keys)
            touched = {pid for n, k in enumerate(earlier.keys) if k in went for pid in earlier.places
                       if n in earlier.places[pid][3]}
            naming = {n for pid in touched if pid in now.places for n in now.places[pid][3]}
            assert set(asked) <= came | naming and came <= set(asked)
        earlier = now


@pytest.mark.parametrize("seeds", [range(30), [3]])  # [3]: its places' only confidence is below 0
def test_the_collection_of_a_tally_is_what_combining_every_summary_gives(seeds):
    keys = [f"k-{n}" for n in seeds]
    summaries = [_summary(n) for n in seeds]
    sources = [Source(f"id{n:02d}", f"a/{n}.txt", f"Title {n}", None, "0" * 64) for n in seeds]
    naming: dict[str, list[int]] = {}
    combined = combine(((s, summary[0]) for s, summary in zip(sources, summaries)), naming=naming)
    t = update(None, keys, lambda positions: [summaries[n] for n in positions])
    assert t.collection(sources) == combined and t.naming() == naming
    assert t.place_keys() == {pid: place_key(pid, [keys[n] for n in at]) for pid, at in naming.items()}
    assert [a.events for a in t.articles] == [s[1] for s in summaries]
    assert len(combined.places) == min(len(keys) + 2, 5) and combined.places[0].label


@pytest.mark.parametrize("changed", [0, 1, 3, 10])
def test_many_changes_are_summed_afresh_and_few_are_not(changed):
    keys = [f"k{n:03d}" for n in range(40)]
    earlier = update(None, keys, lambda positions: [_summary(n) for n in positions])
    now = keys[changed:] + [f"n{n:03d}" for n in range(changed)]
    asked: list[int] = []
    update(earlier, now, lambda positions: asked.extend(positions) or [_summary(n + 50) for n in positions])
    assert (asked == list(range(len(now)))) == (2 * changed > tally._REDO_BEYOND * len(now))


def test_the_same_articles_are_the_same_tally_and_another_order_is_summed_afresh():
    keys = [f"k{n:03d}" for n in range(12)]
    load = lambda positions: [_summary(int(keys[n][1:])) for n in positions]  # noqa: E731
    earlier = update(None, keys, load)
    assert update(earlier, keys, lambda positions: 1 / 0 if positions else []) is earlier
    keys = keys[::-1]  # (never the data's order for the same articles; summed afresh all the same)
    assert update(earlier, keys, load) == update(None, keys, load) != earlier

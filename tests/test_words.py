import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mapgen import words


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path))
    words._derived.cache_clear()
    yield tmp_path
    words._derived.cache_clear()


def test_word_lists_are_derived_once_and_read_back(private_cache, monkeypatch):
    first = words._derived()
    assert first["given_names"]["john"] == "male" and first["given_names"]["maria"] == "female"
    assert "reading" in first["dictionary"] and "birmingham" not in first["dictionary"]
    assert [p.name for p in private_cache.iterdir()] == [words._path().name]
    monkeypatch.setattr(words, "_derive", lambda: pytest.fail("derived again"))
    words._derived.cache_clear()
    assert words._derived() == first


def test_an_unwritable_cache_folder_still_gives_the_word_lists(private_cache, monkeypatch):
    blocked = private_cache / "a file"
    blocked.write_text("where the cache folder would be")
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(blocked))
    assert words.given_names()["john"] == "male" and "split" in words.dictionary_words()
    assert list(private_cache.iterdir()) == [blocked]


def test_an_unreadable_cache_file_is_derived_again(private_cache):
    words._path().write_bytes(b"not a pickle")
    assert words.given_names()["maria"] == "female"
    words._derived.cache_clear()
    assert words._derived()["given_names"]["maria"] == "female"


@pytest.mark.parametrize("word", ["Victory", "Council", "Birmingham", "Easter", "English", "Christmas", "Geneva",
                                  "Tallahassee", "Spokane", "Reading", "Aurora", "Time", "Kalbajar", "Sedona",
                                  "Bristol", "Mobile", "Split", "Şuşa", "K'arvacharr", "Côte", "Jamestown",
                                  "Ma'an", "U.S.", "D.C.", "Straße", "N’Djamena", "2024", "it\u201as", "Μόσχα"])
def test_the_frequent_words_table_answers_as_wordfreq_does(word):
    from wordfreq import zipf_frequency

    truth = zipf_frequency(word.lower(), "en")
    for threshold in (words.FREQUENT_FROM, 3.2, 4.5):  # every question the extractor asks
        assert (words.zipf(word) >= threshold) == (truth >= threshold)
    if truth >= words.FREQUENT_FROM:
        assert words.zipf(word) == truth


def _frequent_sample() -> list[str]:
    return sorted(words.frequent_words())[::7]


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.sampled_from(_frequent_sample()).map(str.title),
    st.tuples(st.sampled_from(_frequent_sample()), st.sampled_from("'\u2019"), st.sampled_from(_frequent_sample()))
    .map("".join),  # "ma'an" is two frequent tokens to wordfreq, "o'clock" one
    st.text("aeioubcdnrstlmhkzéüøßçñãıǰ'", min_size=1, max_size=9).map(str.capitalize),
    st.lists(st.sampled_from("abcdeknsuz"), min_size=2, max_size=4).map(lambda cs: "".join(f"{c}." for c in cs)),
))
def test_zipf_is_wordfreqs_figure_wherever_that_is_frequent(word):
    from wordfreq import zipf_frequency

    truth = zipf_frequency(word.lower(), "en")
    if truth >= words.FREQUENT_FROM:
        assert words.zipf(word) == truth
    else:
        assert words.zipf(word) < words.FREQUENT_FROM


_LETTERS = "aeiouyhbcdklmnrstzéüøßçñãıǰàœĳ"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(_LETTERS, min_size=1, max_size=4), min_size=1, max_size=4),
       st.lists(st.sampled_from("'\u2019\u2018\u02bc"), min_size=3, max_size=3))
def test_a_latin_word_splits_into_wordfreqs_tokens(parts, apostrophes):
    import unicodedata

    from wordfreq import lossy_tokenize

    word = "".join(p + a for p, a in zip(parts[:-1], apostrophes)) + parts[-1]
    folded = unicodedata.normalize("NFC", word).casefold()
    assume(words._LATIN_WORD.fullmatch(folded))  # "ǰ" folds to a "j" and a combining caron
    assert words._tokens(folded) == lossy_tokenize(word, "en")

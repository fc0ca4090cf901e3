import pytest

from mapgen.sentences import Sentence, clauses, quotations, sentence_at, split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rain fell on Nov. 3 in Gori. Roads closed.", ["Rain fell on Nov. 3 in Gori.", "Roads closed."]),
        ("Aid reached the U.S. base. Flights resumed.", ["Aid reached the U.S. base.", "Flights resumed."]),
        ("We waited\u2026 Then the bus came.", ["We waited\u2026", "Then the bus came."]),
        ("\u201cWe will hold them accountable\u2026 When I went to Poti, nothing stood,\u201d he said.",
         ["\u201cWe will hold them accountable\u2026", "When I went to Poti, nothing stood,\u201d he said."]),
        ("Headline without a stop\nBody starts here.", ["Headline without a stop", "Body starts here."]),
        ("\u201cStop!\u201d he said. It ended.", ["\u201cStop!\u201d he said.", "It ended."]),
        # the word before a stop: an abbreviation, however long the sentence; a word merely ending like one is none
        ("Crews from Tartu and Valga worked through the night with Col. Aare Kask. Power returned.",
         ["Crews from Tartu and Valga worked through the night with Col. Aare Kask.", "Power returned."]),
        ("The ferry left approx. 40 minutes late. It met the Supt. Laine at the dock. Then rain.",
         ["The ferry left approx. 40 minutes late.", "It met the Supt. Laine at the dock.", "Then rain."]),
        ("Officials in Pecos met the protocol. Trains ran.", ["Officials in Pecos met the protocol.", "Trains ran."]),
        ("The road to Ust-Ilimsk was a Superintendentship. Snow fell.",
         ["The road to Ust-Ilimsk was a Superintendentship.", "Snow fell."]),
        ("Teams met J. Ortega. Work began.", ["Teams met J. Ortega.", "Work began."]),
        # a decade's "s" is no initial
        ("Mills in Tampere closed in the 1990s. In Pori, two remain.",
         ["Mills in Tampere closed in the 1990s.", "In Pori, two remain."]),
        ("Was the bridge at Mostar open?! Nobody knew... Then \u201cYes!\u201d (It was.) Done.",
         ["Was the bridge at Mostar open?!", "Nobody knew...", "Then \u201cYes!\u201d", "(It was.)", "Done."]),
    ],
)
def test_split_sentences(text, expected):
    assert texts(text) == expected


def test_offsets_point_into_the_text():
    text = "  One here. Two there\u2026 Three.\n\nFour"
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


QUOTES = (
    "Intro line.\n\n"
    "\u201cWe will rebuild Gori. Life will return there,\u201d the mayor said.\n\n"
    "\u201cThe first paragraph of a long quote about Senaki.\n\n"
    "\u201cThe second paragraph, which ends it,\u201d she said.\n\n"
    "Unrelated sentence. \u201cA short quote.\u201d Nothing else.\n\n"
    "The minister said: \u201cBatumi is open. It will stay open.\u201d"
)


@pytest.mark.parametrize(
    "starts, said_by_starts",
    [
        ("\u201cWe will rebuild", "Life will return"),
        ("Life will return", "Life will return"),
        ("\u201cThe first paragraph", "\u201cThe second paragraph"),
        ("It will stay open", "The minister said"),
        ("The minister said", "The minister said"),
    ],
)
def test_quotations_keep_their_attribution_across_sentences(starts, said_by_starts):
    ss = split_sentences(QUOTES)
    (s,) = [s for s in ss if s.text.startswith(starts)]
    assert s.said_by is not None and ss[s.said_by].text.startswith(said_by_starts), ss


@pytest.mark.parametrize("starts", ["Intro line", "Unrelated sentence", "\u201cA short quote", "Nothing else"])
def test_sentences_outside_an_attributed_quote_have_no_attribution(starts):
    (s,) = [s for s in split_sentences(QUOTES) if s.text.startswith(starts)]
    assert s.said_by is None


def test_quotations_spans():
    text = "\u201cOne.\n\n\u201cTwo,\u201d she said. \"Three\" too."
    spans = [text[a:b] for a, b in quotations(text)]
    assert spans == ["\u201cOne.\n\n\u201cTwo,\u201d", "\"Three\""]


def parts(text):
    return [(text[c.start:c.end].strip(" ,."), c.group, c.relative) for c in clauses(Sentence(0, len(text), text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Batumi is due to reopen by Dec. 1, and Kutaisi and Poti were closed in October.",
         [("Batumi is due to reopen by Dec. 1", 0, False), ("Kutaisi and Poti were closed in October", 1, False)]),
        ("Gori voted on Sunday while Zugdidi voted in October.",
         [("Gori voted on Sunday", 0, False), ("Zugdidi voted in October", 1, False)]),
        ("Telavi flooded in May; Sighnaghi in June.", [("Telavi flooded in May", 0, False), ("Sighnaghi in June", 1, False)]),
        ("Rustavi, which reopened on Sunday, lies near Tbilisi.",
         [("Rustavi", 0, False), ("reopened on Sunday", 1, True), ("lies near Tbilisi", 0, False)]),
        ("Wars in 1956, 1968, and 1981 shaped Gori.", [("Wars in 1956, 1968, and 1981 shaped Gori", 0, False)]),
        ("Poti and Khobi were shelled.", [("Poti and Khobi were shelled", 0, False)]),
    ],
)
def test_clauses(text, expected):
    assert parts(text) == expected


@pytest.mark.parametrize("text", [
    "Rain fell on Nov. 3 in St. Louis. Roads closed.\nHEADLINE WITHOUT STOP\n\nDr. Kaya said: \u201cWe left.\u201d Then we ran\u2026 Home at last!",
    "One line only, no full stop",
    "  \n\nLeading blank lines. And U.S. troops arrived.  \n",
])
def test_the_sentence_at_an_offset_is_the_one_the_whole_split_gives(text):
    whole = split_sentences(text)
    for offset in range(len(text)):
        expected = next(((s.start, s.end, s.text) for s in whole if s.start <= offset < s.end), None)
        got = sentence_at(text, offset)
        assert ((got.start, got.end, got.text) if got else None) == expected, offset

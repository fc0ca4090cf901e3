"""Mentions: spans of an article that a gazetteer name matches, with what the text around them says.

Candidates are capitalised runs (and dotted abbreviations) looked up
longest-first, so "New Delhi" wins over "Delhi" and "Nagorno-Karabakh" over
"Karabakh". Nothing is decided here about *which* place a name is; this stage
only records the shape of the text — sentence-initial, inside a person's name,
inside an organisation's name, a common English word — as flags the resolver
weighs. Demonyms ("Azerbaijani troops") are collected as context, not places.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from mapgen.model import PART, Flag, Kind, Mention
from mapgen.names import name_key
from mapgen.sentences import Sentence, split_sentences
from mapgen.words import dictionary_words, given_names, zipf

MAX_WINDOW = 6

# words, with inner apostrophes ("K'arvacharr") but not hyphens: "NUST-Islamabad", "Osaka-based" and
# "Nagorno-Karabakh-Azerbaijan" are looked up part by part, a hyphen joining parts like a space
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['\u2019\u02bc][^\W\d_s][^\W\d_]*)*", re.UNICODE)
# a lower-case elided particle before a capital is part of a name: "Côte d'Ivoire", "Val d'Isère", "Reggio nell'Emilia"
_ELIDED = re.compile(r"[a-z]{1,4}['\u2019\u02bc][A-Z\u00c0-\u00d6\u00d8-\u00de]")
# two particles inside a name: "Talavera de la Reina", "Santiago de los Caballeros"
_ROMANCE_PARTICLES = frozenset((a, b) for a in ("de", "di", "da", "do") for b in ("la", "las", "los", "le", "les", "el", "lo"))
# the Arabic article as transliterated; hyphened to a capital it opens a name: "al-Qaim", "el-Arish", "as-Suwayda"
ARABIC_ARTICLES = frozenset("al el ad ar as ash az ed ez es".split())
_HYPHEN_CHARS = "-\u2010\u2011"  # what joins the parts of a name: ASCII's, and Unicode's hyphen and non-breaking one
_HYPHENS = frozenset(_HYPHEN_CHARS)
_ARTICLE_JOIN = re.compile(rf"[{_HYPHEN_CHARS}][A-Z\u00c0-\u00d6\u00d8-\u00de]")
_AMPERSAND = re.compile(r" & (?:the |[A-Z])")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
POSSESSIVE_ENDINGS = ("'s", "\u2019s")
_NAME_PREFIXES = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})  # "St. Helier", "Mt. Shasta", "ST. LOUIS" in a dateline
_SAINTS = frozenset({"St", "Ste", "Saint", "Sainte"})
_JOINER = re.compile(rf"^(?:[ \t]+|[{_HYPHEN_CHARS}])$")  # a space or one hyphen: "COLUMBUS -- A" is two runs

CONNECTORS = frozenset(
    "of the de del della di da do dos das du des la le les an am im on upon sur en y and bin ibn van von der den"
    " er au aux aan allo alla alle sul sulla nel nella bei".split()  # "Port-au-Prince", "Wijk aan Zee", "Prato allo Stelvio"
) | (ARABIC_ARTICLES - {"as"})  # "Deir ez-Zor", "Ras al-Khaimah" (but "as" joins no English names)
# particles only hyphens join into a name: "Barrow-in-Furness", "Newcastle-under-Lyme", "Weston-super-Mare",
# "Fontenay-sous-Bois", "Villeneuve-lès-Avignon", "Rostov-na-Donu", "Mazar-i-Sharif" (a Persian link)
_HYPHEN_LINKS = CONNECTORS | frozenset("in under super sous lès lez by cum ob na nad i e".split())
# Closed-class words of news English, not name lists: they mark the run they
# sit in as a person's or an organisation's name, or a place's generic part.
TITLE_WORDS = frozenset(
    """president prime minister ambassador secretary miss general colonel senator representative governor mayor
    king queen prince princess pope chancellor commander chief judge justice captain admiral sheikh emir sultan
    envoy spokesman spokeswoman spokesperson premier deputy lord lady sir dame archbishop bishop father rabbi
    imam ayatollah marshal major professor councillor councilor alderman
    hurricane typhoon cyclone storm""".split()  # "Hurricane Milton": a storm's name is no place
)
TITLES = TITLE_WORDS | frozenset(  # abbreviated, as news copy writes them before a name: "Sen.", "Lt."
    """mr mrs ms dr gen col sen rep lt sgt capt adm prof sens reps govs gens rev hon det cpl pvt maj cmdr brig
    supt cllr""".split()
)
# kin are people: "survived by a son, Lincoln" (after a comma as well as a space)
_KIN = frozenset("son daughter wife husband brother sister grandson granddaughter nephew niece widow widower".split())
# Role nouns that, in lower case right before a capitalised run, make it a person's name:
# "councillor Mara Lind", "coach Ian Varga", "lawyers Ana Ruiz and Tomas Berg". Title words that
# double as adjectives or common nouns ("a major Kyiv offensive", "the prime Moscow site") are left out.
ROLES = TITLE_WORDS - frozenset(
    """miss prime general chief justice premier deputy major marshal father lady lord king queen prince princess
    sir dame pope""".split()
) | frozenset(
    """councillor councilor councilman councilwoman alderman coach lawyer lawyers attorney director chairman
    chairwoman ceo founder owner analyst economist journalist reporter correspondent activist activists""".split()
) | _KIN | frozenset("sons daughters brothers sisters".split())
ORGANISATION_WORDS = frozenset(
    """agency council ministry department university college school party army navy forces force corps company
    corporation inc ltd bank news times post press journal herald tribune gazette network channel tv radio
    committee commission organization organisation union association federation foundation institute office
    embassy consulate court parliament assembly congress senate police guard club team fc airlines airways group
    media agency service services security chamber chambers academy""".split()
)
# buildings and streets: "Lancaster Hall", "Dover Street" name the building or street, not a town
# a street or road is named after a place, never in it: "Dover Street" is no pin on Dover, "Hampshire Road" in
# Melbourne none on Hampshire (but "Douglas County Road" is the county's own, in it)
STREET_WORDS = frozenset("street road avenue lane boulevard drive".split())
FACILITY_WORDS = STREET_WORDS | frozenset(
    """street road avenue lane boulevard drive square bridge airport station stadium arena park hall hospital
    house tower building church cathedral mosque temple palace hotel market mall centre center castle chapel abbey
    theatre theater museum cemetery zoo casino resort plaza lodge""".split()
)
# the noun opening a facility's name in the languages whose names news copy keeps ("Stade de France",
# "Estadio Azteca", "Aeropuerto de Madrid-Barajas"): at the head of a longer name the facility's, not a town's
# (Stade, Palacio and Aeropuerto are towns in Germany and Spain), so only there
LEADING_FACILITY_WORDS = frozenset(
    """estadio estádio stade stadio stadion aeropuerto aeroporto aéroport aeroport flughafen luchthaven
    universidad universidade université università universität museo musée museu teatro théâtre palacio palais
    palazzo parque iglesia igreja église chiesa catedral cathédrale basílica basilique hôpital ospedale gare
    bahnhof borsa bourse bolsa börse""".split()  # and an exchange's: "Borsa Istanbul" (Borşa is a Romanian town)
)
# ... and a firm's: "Banco Santander" (El Banco is a Colombian town), "Grupo Mexico", "Groupe Renault"
LEADING_ORGANISATION_WORDS = frozenset(
    "banco banca banque grupo groupe gruppo compañía companhia compagnie société sociedad aerolíneas".split()
)
# a place's name before one of these nouns names a disease, not where it strikes: "Marburg virus",
# "Lyme disease", "Rift Valley fever", and with a medical adjective between, "Crimean-Congo hemorrhagic fever";
# so does one before a virus species' genus, any word ending in "virus" ("Bundibugyo ebolavirus")
DISEASE_NOUNS = frozenset("virus viruses fever disease syndrome flu influenza encephalitis".split())
DISEASE_ADJECTIVES = frozenset("hemorrhagic haemorrhagic respiratory spotted tick equine".split())
NAME_PARTICLES = frozenset("de da di del della du le la van von der bin ibn al el".split())
FEATURE_WORDS = frozenset(
    """river lake delta ocean sea bay gulf strait mountains mountain range valley peninsula desert canal falls
    stream brook creek lagoon reservoir pond glacier glaciers icefield island islands forest""".split()
)
# written in lower case after a name, these still make it a waterway's: "the Guaiba river", "the Mekong delta"
# (not "desert", "valley" or "mountains": "the Arizona desert" is in Arizona)
LOWER_CASE_FEATURE_WORDS = frozenset("river rivers creek canal delta lagoon reservoir stream brook".split())
# the generic last word of a longer name: "Mekong Delta", "Red Sea", "Gold Coast", "Gaza Strip"
GENERIC_HEADS = FEATURE_WORDS | {"coast", "bank", "strip"}
# words that open a feature's name, before the place it is named after ("Lake Chad", "Gulf of Aden"); in Arabic
# and the Maghreb's French, a valley's and a mountain's ("Wadi Hadramawt", "Jebel Marra", "Oued Souf": "Wadi"
# is a given name too, but not before a place's name)
_VALLEY_AND_MOUNTAIN = frozenset("wadi oued jebel jabal djebel".split())
LEADING_FEATURE_WORDS = frozenset("lake mount cape gulf bay sea strait river straits".split()) | _VALLEY_AND_MOUNTAIN
_DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest".split()
)
_PART_OF_A_CONTINENT = _DIRECTIONS | frozenset({"latin"})
GEO_WORDS = _DIRECTIONS | frozenset(
    """city town village district region province state county oblast rayon republic corridor valley river
    mountains mountain lake sea bay island islands peninsula gulf strait border front port harbour harbor basin
    desert plain plateau coast shore highlands upper lower greater metro midwest""".split()  # "Metro Vancouver"
)
_OPENS_A_NAME = GEO_WORDS | GENERIC_HEADS | LEADING_FEATURE_WORDS | ORGANISATION_WORDS | FACILITY_WORDS | TITLES \
    | frozenset("isle isles cape port fort mount saint st".split())
WEEKDAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


@dataclass(slots=True)  # not frozen: a frozen init costs four times as much, and there are many tokens
class Token:
    text: str  # without a possessive ending
    start: int
    end: int
    capitalised: bool  # stored, not derived: read tens of times per token
    lower: str

    def __init__(self, text: str, start: int, end: int, capitalised: bool, lower: str) -> None:
        # written out, so that mypyc compiles it: the one dataclasses writes is run by the interpreter
        self.text = text
        self.start = start
        self.end = end
        self.capitalised = capitalised
        self.lower = lower


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article yields before resolution."""

    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]  # each carries its flags
    demonyms: Counter = field(default_factory=Counter)  # ISO-2 -> count
    person_tokens: frozenset[str] = frozenset()
    demonym_mentions: tuple[tuple[Mention, str], ...] = ()  # ("Azerbaijani", "AZ"): mapped only on request
    unmatched: tuple[Mention, ...] = ()  # name-like words no gazetteer name matches: fuzzy matching's input


def is_common_word(word: str) -> bool:
    """A frequent English word ("Victory", "Council"): risky as a place name unless the place is big.
    wordfreq is case-blind, so this also flags frequent names: "Birmingham", "Emily", "Easter"."""
    return zipf(word) >= 3.2


@lru_cache(maxsize=50_000)
def is_dictionary_word(word: str) -> bool:
    """Is `word` an English word in lower case ("reading", "split"), not only a name ("Birmingham")?
    Asked of frequent words only: the dictionary keeps no others."""
    return word.lower() in dictionary_words()


def _name_not_word(word: str) -> bool:
    """A name, and only a name: neither a dictionary word ("Reading"), a given name ("David"), nor
    as frequent as the names of languages and feasts ("English", "Christmas")."""
    return not is_dictionary_word(word) and not is_first_name(word) and zipf(word) < 4.5


# after these a given name is a place's ("in Aurora"); after "to" or "from" it may be a person ("handed to David")
_IN_OR_NEAR = frozenset({"in", "near", "outside"})
_MOTION = frozenset({"to", "from", "into", "via", "toward", "towards"})


def _name_or_word(word: str, before: Token, listed: bool = False) -> bool:
    """After the lower-case locative `before`, is `word` a place's name even though it is also a dictionary
    word ("Geneva", a gin; "flew to Boston", a card game) or, after "in" or "near", a given name ("Aurora";
    "handed to David" is a person), or `listed` among places ("cities such as Mobile", "the mayor of Tulsa"). A word as frequent as
    "Boston" only after "in" or a word of motion ("at" is for shops and firms too). The frequent_name gate then wants a big city or the article's help: "to
    English" or "to Christmas" name no town of 100,000."""
    if before.capitalised:
        return False
    placed = listed or before.lower in _IN_OR_NEAR
    if zipf(word) >= 4.5 and before.lower not in _MOTION:  # "at Salt + Smoke", "at Target": a shop's
        return placed
    return placed or not is_first_name(word)


@lru_cache(maxsize=50_000)
def is_first_name(word: str, strict: bool = False) -> bool:
    """A given name ("Tom"); `strict` leaves out the doubtful ones ("The", "Will" are "mostly" names)."""
    if len(word) < 3 or not word[:1].isupper() or word.isupper():
        return False
    gender = given_names().get(word.lower(), "unknown")
    return gender in ("male", "female") if strict else gender != "unknown"


def tokens(text: str, sentence: Sentence) -> list[Token]:
    out: list[Token] = []
    append, base = out.append, sentence.start
    for m in _TOKEN.finditer(sentence.text):
        word = m.group()  # never empty, so word[0] is safe
        start = m.start()
        if len(word) > 3 and word.endswith(POSSESSIVE_ENDINGS):
            word = _POSSESSIVE.sub("", word)
        # a plain word is no elided particle: most words need no regex
        capitalised = word[0].isupper() or (
            not (word.isascii() and word.isalpha()) and word[0].islower() and _ELIDED.match(word) is not None) or (
            word in ARABIC_ARTICLES and _ARTICLE_JOIN.match(sentence.text, start + len(word)) is not None)
        append(Token(word, base + start, base + start + len(word), capitalised, word.lower()))
    return out


def _possessive_names(toks: list[Token], text: str, lookup) -> list[Token]:
    """ "Lee's Summit", "King's Lynn": a name with an apostrophe and "s" inside is one token, where the
    gazetteer knows the whole; elsewhere the "s" ends a possessive ("Ohio's Marietta") and splits the run.
    So does a saint's name ending in one, where the gazetteer knows it and the text gives it as a place,
    with its state or country after a comma ("St. John's, N.L."): "St. Mary's" alone is as often a
    hospital or a school, and "St. Patrick's Day" a feast."""
    out, i = [], 0
    while i < len(toks):
        t = toks[i]
        if i + 1 < len(toks) and t.capitalised and toks[i + 1].text == "s" \
                and text[t.end:toks[i + 1].start] in ("'", "\u2019") and (
                    (i + 2 < len(toks) and toks[i + 2].capitalised and text[toks[i + 1].end:toks[i + 2].start] == " "
                     and lookup(name_key(text[t.start:toks[i + 2].end])))
                    or (i >= 1 and toks[i - 1].text in _SAINTS and _saints_place(toks, i, text, lookup))):
            out.append(Token(text[t.start:toks[i + 1].end], t.start, toks[i + 1].end, True, t.lower + "'s"))
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _saints_place(toks: list[Token], i: int, text: str, lookup) -> bool:
    """Is "St. John's" (toks[i - 1:i + 2]) a place the gazetteer knows, followed by its state or country?"""
    after = i + 2
    return after < len(toks) and text[toks[i + 1].end:toks[after].start] == ", " and toks[after].capitalised \
        and bool(lookup(name_key(text[toks[i - 1].start:toks[i + 1].end])))


def _person_of(toks: list[Token], j: int) -> bool:
    """Is token j a given name alone before "of" and a name: "Kurt of Ames", a person and where they live?
    Not a word that opens a place's or a body's name ("Bay of Biscay", "Bank of Canada")."""
    return j + 2 < len(toks) and toks[j + 1].lower == "of" and toks[j + 2].capitalised \
        and toks[j].lower not in _OPENS_A_NAME and is_first_name(toks[j].text)


def _hyphen_linked(toks: list[Token], j: int, text: str) -> int:
    """How many tokens after toks[j] join it to a capital across a hyphened name's inner particles (one or
    two, hyphens all around): 2 or 3, or 0. Inside hyphens these particles join only names; with spaces
    around, "in" and "by" are prepositions ("Ukraine in Europe")."""
    for n in (1, 2):
        end = j + n + 1
        if end >= len(toks) or not toks[end].capitalised:
            continue
        inner = toks[j + 1:end]
        if all(not t.capitalised and t.lower in _HYPHEN_LINKS for t in inner) \
                and all(text[toks[k].end:toks[k + 1].start] in _HYPHENS for k in range(j, end)):
            return n + 1
    return 0


def _runs(toks: list[Token], text: str) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens joined by spaces, hyphens or a single connector ("Bosnia and Herzegovina").
    A given name alone before "of" is a person and where they live ("sons Kurt of Ames and Leo of Keokuk"), two runs."""
    runs, i = [], 0
    while i < len(toks):
        if not toks[i].capitalised:
            i += 1
            continue
        j = i
        while j + 1 < len(toks):
            nxt = toks[j + 1]
            gap = text[toks[j].end:nxt.start]
            abbreviated = toks[j].text in _NAME_PREFIXES or (len(toks[j].text) == 1 and toks[j].text.isupper()) \
                or (toks[j].text.isupper() and nxt.text.isupper() and toks[j].text.title() in _NAME_PREFIXES) \
                or (j == i and toks[j].text == "Co")  # "Co. Kerry", but "Acme Co. Dayton" is a firm and a town
            if nxt.capitalised and (_JOINER.match(gap or "-") or (abbreviated and gap in (". ", "."))):
                j += 1
            elif (
                nxt.lower in CONNECTORS and j + 2 < len(toks) and toks[j + 2].capitalised
                and not (nxt.lower == "of" and j == i and _person_of(toks, j))
                and not (nxt.lower == "and" and _person_of(toks, j + 2))
                and _JOINER.match(text[toks[j].end:nxt.start]) and _JOINER.match(text[nxt.end:toks[j + 2].start])
            ):
                j += 2
            elif (linked := _hyphen_linked(toks, j, text)):
                j += linked  # "Barrow-in-Furness", "Mazar-i-Sharif", "Ashby-de-la-Zouch", "Stow-on-the-Wold"
            elif j + 3 < len(toks) and (nxt.lower, toks[j + 2].lower) in _ROMANCE_PARTICLES and toks[j + 3].capitalised \
                    and all(text[toks[n].end:toks[n + 1].start] == " " for n in (j, j + 1, j + 2)):
                j += 3  # "Talavera de la Reina", "Santiago de los Caballeros"
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


def _explain(run: list[Token], demonym, is_name, titled: bool = False, quoted: bool = False,
             placed: bool = False) -> list[str]:
    """What each token of a run is, before any place is looked up (`titled`: a title or role precedes it;
    `quoted`: "said" does, and a comma follows; `placed`: a locative does, "near Prince George")."""
    covered = []
    for i, t in enumerate(run):
        low = t.lower
        if not t.capitalised:
            covered.append("conn")
        elif low in TITLE_WORDS or (low in TITLES and not t.text.isupper() and i + 1 < len(run) and run[i + 1].capitalised):
            covered.append("title")  # "Dr. Ada Quill", but "DR Congo" is no doctor, "in Visp and Brig" no brigadier
        elif low in ORGANISATION_WORDS or (low in LEADING_ORGANISATION_WORDS and not covered and len(run) > 1):
            covered.append("org")
        elif low in FACILITY_WORDS or (low in LEADING_FACILITY_WORDS and not covered and len(run) > 1):
            covered.append("facility")
        elif low in GEO_WORDS:
            covered.append("geo")
        elif low in WEEKDAYS_MONTHS:
            covered.append("date")
        elif demonym(t.text):
            covered.append("demonym")
        else:
            covered.append("")
    if covered[0] == "title" and (placed or any(t.lower in _NAMED_WITH_NOUN for t in run[1:])) \
            and any(is_name(run[0].start, run[m].end) for m in range(1, len(run))):
        covered[0] = ""  # "near Prince George", "in General Santos", "Prince William County": a place's name
    for k in range(len(run) - 1):
        if covered[k] == "facility" and run[k + 1].lower in _NAMED_WITH_NOUN:
            covered[k] = ""  # "Park County": a county's name, not a park's
    if titled and covered and covered[0] == "":
        m = 0
        while m < len(run) and (covered[m] == "" or (covered[m] == "conn" and run[m].lower == "and")):
            if covered[m] == "":
                covered[m] = "person"  # "Sens. Ada Quill and Bo Lindqvist"
            m += 1
    for k, t in enumerate(run):
        if covered[k] == "title":
            m = k + 1
            while m < len(run) and covered[m] == "":
                covered[m] = "person"
                m += 1
        elif covered[k] == "" and k + 1 < len(run) and t.lower not in _VALLEY_AND_MOUNTAIN and is_first_name(t.text) \
                and not (t.lower in _ROMANCE_FEATURE_WORDS and run[k + 1].lower in _OF) \
                and not run[k + 1].text.isupper() \
                and (covered[k + 1] == "" or (run[k + 1].lower in NAME_PARTICLES and k + 2 < len(run))) \
                and not is_name(run[k].start, run[k + 1 + (covered[k + 1] == "conn")].end) \
                and not any(is_name(run[j].start, run[e].end) for j in range(k + 1)
                            for e in range(k + 1, min(len(run), j + MAX_WINDOW))
                            if (j, e) != (k, k + 1)):  # "San Pedro Sula", "Dera Ismail Khan": one place's name
            m = k
            while m < len(run) and (covered[m] == "" or run[m].lower in NAME_PARTICLES):  # "Luis de Granada"
                covered[m] = "person"
                m += 1
    if quoted and len(run) >= 2 and covered[0] == covered[1] == "" and not is_name(run[0].start, run[1].end) \
            and not is_name(run[0].start, run[-1].end):  # "officials said Ho Chi Minh City, ...": a place said it
        m = 0  # "said Ada Quill, a nurse": two unexplained words after "said", not one name, are who said it
        while m < len(run) and covered[m] == "":
            covered[m] = "person"
            m += 1
    for k in range(len(run) - 3, -1, -1):  # "Edna and Carl Weber": a couple, the first given name a person's too
        if covered[k] == "" and run[k + 1].lower == "and" and covered[k + 2] == "person" \
                and is_first_name(run[k].text, strict=True) and is_first_name(run[k + 2].text, strict=True):
            covered[k] = "person"
    for k in range(len(run) - 2):  # "Ada L. Quill": a middle initial between two names makes them a person's
        mid = run[k + 1].text
        if covered[k] in ("", "person") and len(mid) == 1 and mid.isupper() and run[k + 2].capitalised \
                and covered[k + 2] not in ("title", "org", "conn"):
            covered[k] = covered[k + 1] = covered[k + 2] = "person"
    for k in range(1, len(run)):  # "North American", "Latin American": a part of a continent, no country's people
        if covered[k] == "demonym" and run[k - 1].lower in _PART_OF_A_CONTINENT \
                and not demonym(f"{run[k - 1].text} {run[k].text}"):  # "South African" is a people's name
            covered[k] = "geo"
    return covered


def _titled(toks: list[Token], i: int, text: str) -> bool:
    """Does a title ("Sen.", "President") or a lower-case role ("councillor") come right before token i?"""
    if i == 0:
        return False
    prev = toks[i - 1]
    gap = text[prev.end:toks[i].start]
    if prev.capitalised:
        return prev.lower in TITLES and gap in (". ", " ")
    return prev.lower in ROLES and (gap == " " or (gap == ", " and prev.lower in _KIN))


SPEECH_VERBS = frozenset({"said", "says"})
LOCATIVES = frozenset("in at near from to into outside around toward towards across via through".split())
# what joins the items of a list of names ("Tbilisi, Gori and Batumi")
LIST_JOINS = frozenset({" and ", " or ", ", and ", ", or ", " & ", ", "})
_OPENING_PREPOSITIONS = LOCATIVES | frozenset("on by for with after before during off over under beyond upon".split())
PLACE_NOUNS = frozenset("city town village region district province country capital port".split())
PLURAL_PLACE_NOUNS = frozenset({"cities", "towns", "villages", "regions", "districts", "provinces", "countries",
                                "capitals", "ports", "places", "destinations", "hubs"})
_INTRODUCING = frozenset({"including", "like", "of"})  # "cities including Leeds", "the cities of Hue and Vinh"
# "the mayor of Boise", "the outskirts of Kharkiv": what only a place has
_OF_A_PLACE = PLACE_NOUNS | frozenset(
    "mayor mayors governor residents outskirts suburbs centre center streets inhabitants".split())


def _locative(toks: list[Token], i: int) -> bool:
    """Is token i where English puts a place: "in X", "near X", "the town of X", "cities including X",
    "ports such as X"?"""
    prev = toks[i - 1].lower if i >= 1 else ""
    if prev in LOCATIVES:
        return True
    return _of_a_place(toks, i) or _places_listed(toks, i)


# the hometown after a person's name and age, as news gives it: "Ana Ruiz, 31, of Tempe", "Ana Ruiz, of Tempe"
_HOMETOWN = re.compile(r"(?:,\s+\d{1,3}|[a-z]),\s+of\s+$")


_STATE_OR_COUNTY = frozenset({Kind.SUBDIVISION, Kind.COUNTY})


def _with_its_area(town: tuple, area: tuple, text: str, lookup) -> bool:
    """Is `area` (a found entry) the state, province or county written after `town` ("Dundalk, Co Louth",
    "Tempe, Ariz.")? Then the town is a place, whoever else in the article bears its name. (Not a country:
    results lists write "Ana Ruiz, Cuba".)"""
    return town[3] == area[3] and text[town[2]:area[1]] == ", " and text[area[2]:area[2] + 2] not in POSSESSIVE_ENDINGS \
        and any(c.category in _STATE_OR_COUNTY for c in lookup(area[4]))


def _of_a_place(toks: list[Token], i: int) -> bool:
    """ "the town of X", "the mayor of X", "the outskirts of X": what only a place has."""
    return i >= 2 and toks[i - 1].lower == "of" and toks[i - 2].lower in _OF_A_PLACE


def _places_listed(toks: list[Token], i: int) -> bool:
    """Does a list of places begin at token i: "cities including X", "ports such as X", "the towns of X"?"""
    prev = toks[i - 1].lower if i >= 1 else ""
    if prev == "as" and i >= 3 and toks[i - 2].lower == "such":
        return toks[i - 3].lower in PLURAL_PLACE_NOUNS
    return prev in _INTRODUCING and i >= 2 and toks[i - 2].lower in PLURAL_PLACE_NOUNS


def _a_towns_name(run: list[Token], k: int, toks: list[Token], a: int, text: str, flags: set[Flag]) -> bool:
    """Is the name of a planet (run[k]) a town's here: "in Jupiter", "the town of Mars", "Jupiter, Fla.",
    "Jupiter Police"? ("to", "from", "on" go with planets as much: "back to Earth".)"""
    i = a + k
    before = toks[i - 1].lower if i >= 1 and not toks[i - 1].capitalised else ""
    return before in _IN_OR_NEAR or (before == "of" and i >= 2 and toks[i - 2].lower in PLACE_NOUNS) \
        or Flag.CIVIC in flags or (text[run[k].end:run[k].end + 2] == ", " and i + 1 < len(toks)
                                   and toks[i + 1].capitalised and toks[i + 1].lower not in CELESTIAL_BODIES)


# as frequent as "young", "long", "best" (5.4-5.8), not "Pueblo", "Bath", "Mobile" (3.2-4.9): an everyday word
_EVERYDAY_ZIPF = 5.0


def _word_goes_on(toks: list[Token], i: int, text: str) -> bool:
    """Does a lower-case word follow token i - 1 after a space ("Young people", "Long queues"), as after
    an adjective, and not a comma ("Independence, in the Kansas City suburbs,")?"""
    return i < len(toks) and not toks[i].capitalised and text[toks[i - 1].end:toks[i].start] == " "


def _where_a_place_goes(toks: list[Token], i: int) -> bool:
    """ "in Ramona", "in the Ramona area": where English puts a place rather than a person."""
    return _locative(toks, i) or (i >= 1 and toks[i - 1].lower == "the" and _locative(toks, i - 1))


# a local institution named after its place: "Dover Police Department", "Leeds City Council", "Macon Public Schools",
# and a county's own courts, jail, officers and fair: "Erie County Superior Court", "Polk County Jail", "Ross County Fair"
CIVIC_WORDS = frozenset(
    """police fire sheriff council city township public schools school library court courts commission commissioners
    board supervisors circuit superior probate municipal jail coroner clerk prosecutor treasurer assessor auditor
    fair fairgrounds""".split()
)
# a town's own festival is held there ("the Buxton Festival", "the Dingle Film Festival"), as its police
# serve it: the noun may end a longer capitalised name that the town's name opens
EVENT_NOUNS = frozenset("festival fair fayre carnival regatta biennale biennial triennale fringe".split())
AREA_NOUNS = frozenset(
    "district county province region oblast governorate rayon prefecture parish borough township state department"
    " division".split()  # "the Khulna division": Bangladesh's first-level areas
)
# written in lower case only: "the Artibonite department"; a capitalised "Department" is an agency's
# ("Oregon Department of Transportation")
_LOWER_CASE_AREA_NOUNS = frozenset({"department"})
# "Yuma and Mohave counties": a plural noun after two names joined by "and" is each one's
PLURAL_AREA_NOUNS = {("counties" if n == "county" else n + "es" if n.endswith("sh") else n + "s"): n
                     for n in AREA_NOUNS}
# nouns the gazetteer writes after a second-level area's name ("Mohave County"), never without it
_NAMED_WITH_NOUN = frozenset({"county", "parish", "borough"})
_COUNTY_FORMS = _NAMED_WITH_NOUN | {p for p, n in PLURAL_AREA_NOUNS.items() if n in _NAMED_WITH_NOUN}
TOWN_NOUNS = frozenset("town city village".split())
# "the Pilsen neighborhood": the name of a part of a town, which is not "the Chicago neighborhood of Pilsen"
NEIGHBOURHOOD_NOUNS = frozenset("neighborhood neighbourhood neighborhoods neighbourhoods".split())
_ONE_NEIGHBOURHOOD = frozenset({"neighborhood", "neighbourhood"})
# the Sun's bodies: English capitalises them, and towns take their names ("Earth", Texas; "Jupiter", Florida)
CELESTIAL_BODIES = frozenset("sun moon mercury venus earth mars jupiter saturn uranus neptune pluto".split())
# a name right after these is a vessel's or an airline's: "the cargo ship Kobe", "the carrier Delta"
VESSEL_NOUNS = frozenset("ship vessel tanker freighter carrier ferry liner yacht frigate destroyer cruiser submarine".split())
# verbs and prepositions after which "US" is the pronoun: "let US know", "join US"
PRONOUN_BEFORE = frozenset(
    """let lets tell told join joined help helps helped give gives gave show showed send sent contact email follow
    call called thank ask asked taught brought among""".split()
)
# what may follow a dateline's city: its state or country, a date, the agency (a wire service's), then a dash
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?P<agency>\([\w .&'-]{1,30}\))?\s*(?:\u2014|\u2013|--?)\s"
)


def _area_noun(run: list[Token], end: int, k: int, toks: list[Token], a: int, text: str) -> str:
    """The area noun a name is given with: "the Kalbajar district", "Clarke County", "the province of Kandahar"."""
    after = a + end + 1
    if after < len(toks) and toks[after].capitalised and toks[after].lower in _LOWER_CASE_AREA_NOUNS:
        return ""
    if end + 1 < len(run) and run[end + 1].lower in AREA_NOUNS:
        return run[end + 1].lower
    if after < len(toks) and toks[after].lower in AREA_NOUNS and text[run[end].end:toks[after].start] == " ":
        return toks[after].lower
    before = a + k
    if k == 0 and before >= 2 and toks[before - 1].lower == "of" and toks[before - 2].lower in AREA_NOUNS:
        return toks[before - 2].lower
    last = a + len(run)
    if last < len(toks) and toks[last].lower in PLURAL_AREA_NOUNS and text[run[-1].end:toks[last].start] == " ":
        join = next((j for j in range(1, len(run) - 1) if run[j].lower == "and"), None)
        if join is not None and ((k == 0 and end == join - 1) or (k == join + 1 and end == len(run) - 1)):
            return PLURAL_AREA_NOUNS[toks[last].lower]
        if k == 0 and end == len(run) - 1 and a >= 1 and toks[a - 1].lower in _LIST_AND:
            return PLURAL_AREA_NOUNS[toks[last].lower]  # "Terry, Dawson, and Lubbock counties": the last one
    if (k == 0 or run[k - 1].lower in _LIST_AND) and (end + 1 == len(run) or not run[end + 1].capitalised):
        noun = _plural_noun_before(toks, a, text)  # (the list's last name may run on: "Clare on Sunday")
        if noun:
            return noun
    if k == 0 and end == len(run) - 1:
        return _list_noun(toks, last, text)
    return ""


_LIST_AND = frozenset({"and", "or"})


def _plural_noun_before(toks: list[Token], i: int, text: str) -> str:
    """ "the provinces of Salta, Jujuy and Santiago del Estero": walking back from token i, a run's first,
    over a list of capitalised names joined by commas, "and" or "or", to "of" (or "such as", "including",
    "like") after a plural area noun, or to the noun itself ("counties Galway, Mayo and Clare"),
    each name takes the noun; "the counties of Cook and DuPage" are looked up as "Cook County" (`_noun_key`)."""
    j = i - 1
    while j >= 1 and i - j <= 12:
        t, gap = toks[j], text[toks[j].end:toks[j + 1].start]
        if t.lower in ("of", "including", "like") and gap == " ":
            noun = PLURAL_AREA_NOUNS.get(toks[j - 1].lower, "")
            return noun if text[toks[j - 1].end:t.start] in (" ", ", ") else ""
        if t.lower == "as" and gap == " " and j >= 2 and toks[j - 1].lower == "such":  # "provinces such as Salta"
            noun = PLURAL_AREA_NOUNS.get(toks[j - 2].lower, "")
            return noun if text[toks[j - 2].end:toks[j - 1].start] in (" ", ", ") else ""
        if t.lower in PLURAL_AREA_NOUNS and not t.capitalised and gap == " ":
            return PLURAL_AREA_NOUNS[t.lower]  # "a warning for counties Galway, Mayo and Clare"
        if gap not in (" ", ", ", "-") or not (t.capitalised or t.lower in _LIST_AND or (
                t.lower in CONNECTORS and toks[j - 1].capitalised and gap in (" ", "-"))):  # "Santiago de Cuba"
            return ""
        j -= 1
    return ""


def _list_noun(toks: list[Token], i: int, text: str) -> str:
    """ "Terry, Dawson and Lubbock counties": from token i, right after a name and its comma, a list of
    capitalised names joined by commas, "and" or "or" that ends in a plural area noun gives each the noun."""
    if i >= len(toks):
        return ""
    gap, first = text[toks[i - 1].end:toks[i].start], toks[i]
    if not ((gap == ", " and (first.capitalised or first.lower in _LIST_AND)) or (gap == " " and first.lower == "or")):
        return ""  # (" and " joins two names into one run, which the plural rule above reads)
    for j in range(i + 1, min(len(toks), i + 12)):
        t, gap = toks[j], text[toks[j - 1].end:toks[j].start]
        if t.lower in PLURAL_AREA_NOUNS and gap == " " and toks[j - 1].capitalised:
            return PLURAL_AREA_NOUNS[t.lower]
        if gap not in (" ", ", ", "-") or not (t.capitalised or t.lower in _LIST_AND):
            return ""
    return ""


def _first_listed(toks: list[Token], i: int, text: str) -> int:
    """The first item of the list of names token i ends ("from Brainerd, Fargo and Moorhead": each of them
    stands where a place goes, as the first does); i itself when no name and comma come before it."""
    for _ in range(8):
        j = i - 1
        if j < 0 or not (toks[j].capitalised and text[toks[j].end:toks[i].start] == ", "):
            return i
        while j > 0 and toks[j - 1].capitalised and text[toks[j - 1].end:toks[j].start] == " ":
            j -= 1
        i = j
    return i


def _in_a_list(run: list[Token], toks: list[Token], a: int, text: str) -> bool:
    """Is the run, joined by "and" or "or", a list: the end of one, after a name and a comma ("Halls Gap,
    Moyston and Ararat"), or before a plural area noun ("the Bago and Magway regions"), or two names
    where a place goes whose second is only a name, after a generic word perhaps ("ferries to Paros and
    Folegandros", "plants at Solihull and Castle Bromwich"; "shares in Marks and Spencer" joins a surname,
    a firm's)?"""
    joins = [i for i in range(1, len(run) - 1) if run[i].lower in _LIST_AND]
    if not joins:
        return False
    if a >= 1 and toks[a - 1].capitalised and text[toks[a - 1].end:toks[a].start] == ", ":
        return True
    last = a + len(run)
    if last < len(toks) and toks[last].lower in PLURAL_AREA_NOUNS:
        return True
    second = run[joins[-1] + 1:]
    if len(second) > 1 and second[0].lower in _OPENS_A_NAME:
        second = second[1:]  # "plants at Solihull and Castle Bromwich": a name's generic first word
    # ... or after a plural place noun, which says the names are places ("the ports of Dampier and Cape Lambert")
    return _places_listed(toks, a) or (_locative(toks, a) and all(_name_not_word(t.text) for t in second))


def _with_dotted_tail(span: str, last: Token, toks: list[Token], i: int, text: str, lookup) -> tuple[str, str] | None:
    """ "Washington, D.C.": a name and the dotted abbreviation after its comma, where the gazetteer
    knows them together (span, key). The comma would otherwise split them into two names."""
    if i + 1 >= len(toks) or text[last.end:toks[i + 1].start] != ", " or not _DOTTED.fullmatch(toks[i + 1].text):
        return None
    whole = text[last.end - len(span):toks[i + 1].end]
    return (whole, key) if lookup(key := name_key(whole)) else None


def _noun_key(span: str, run: list[Token], end: int, k: int, toks: list[Token], a: int, text: str, lookup) -> str:
    """ "Yuma" given as a county is looked up as "Yuma County": the gazetteer names counties only
    with their noun, so the bare name would find the town (or nothing)."""
    noun = _area_noun(run, end, k, toks, a, text)
    if noun not in _NAMED_WITH_NOUN:
        return ""
    key = name_key(f"{span} {noun}")
    return key if lookup(key) else ""


def _area_form(span: str, run: list[Token], end: int, k: int, toks: list[Token], a: int, text: str, lookup,
               area_only: bool) -> str:
    """The key of the name with its area noun ("Gicumbi District", which is all GeoNames knows; "the Kursk
    region", whose bare name is only the town's), where the gazetteer knows it (as an area, `area_only`);
    else ""."""
    noun = _area_noun(run, end, k, toks, a, text)
    key = name_key(f"{span} {noun}") if noun else ""
    found = lookup(key) if key else ()
    return key if found and (not area_only or any(c.category.area for c in found)) else ""


def _town_word(run: list[Token], end: int, k: int, toks: list[Token], a: int, text: str) -> bool:
    """ "the town of Lachin", "Kalbajar city": the populated place, not the district."""
    before = a + k
    if k == 0 and before >= 2 and toks[before - 1].lower == "of" and toks[before - 2].lower in TOWN_NOUNS:
        return True
    after = a + end + 1
    return (end + 1 == len(run) and after < len(toks) and toks[after].text in TOWN_NOUNS
            and text[run[end].end:toks[after].start] == " ")


# lower-case words before a name that make it a part of a larger whole: "upstate New York", "western Washington"
PART_WORDS = _DIRECTIONS | frozenset("northeastern northwestern southeastern southwestern upstate downstate".split())


def _part_of(k: int, toks: list[Token], a: int, text: str) -> bool:
    before = a + k - 1
    return k == 0 and before >= 0 and not toks[before].capitalised and toks[before].lower in PART_WORDS \
        and text[toks[before].end:toks[a].start] == " "


def _dateline(run: list[Token], end: int, k: int, a: int, sentence: Sentence, text: str) -> set[Flag]:
    """Does this name open a dateline ("ATLANTA \u2014", "BAKU, Nov. 25 \u2014", "KARACHI:" in capitals
    only), and a wire service's, its agency in brackets ("Geneva (Reuters) -", "OSLO, March 4 (AFP) -")?"""
    if a + k != 0 or (sentence.start > 0 and text[sentence.start - 1] != "\n"):
        return set()
    if (tail := _DATELINE_TAIL.match(text, run[end].end)) is not None:
        return {Flag.DATELINE, Flag.WIRE} if tail["agency"] else {Flag.DATELINE}
    if text[run[end].end:run[end].end + 2] == ": " and text[run[k].start:run[end].end].isupper():
        return {Flag.DATELINE}
    return set()


_DASHES = ("\u2014", "\u2013", "--", " - ")
# the bracket that closes a dateline's agency, and the dash after it: "MANILA (Xinhua) --", "BEIRUT (AP) \u2014"
_AGENCY_TAIL = re.compile(r"\)\s*(?:\u2014|\u2013|--?)\s")


def _agency(start: int, end: int, text: str) -> bool:
    """Is text[start:end] the agency between a dateline's brackets ("MANILA (Xinhua) --", "Dhaka, Aug 20
    (bdnews24) \u2013")? Only where the line opens with the dateline: nothing in lower case before the bracket."""
    if text[start - 1:start] != "(" or _AGENCY_TAIL.match(text, end) is None:
        return False
    line = text[text.rfind("\n", 0, start) + 1:start - 1]
    return bool(line.strip()) and not any(w[:1].islower() for w in line.split())


def _opens_clause(toks: list[Token], i: int, text: str) -> bool:
    """Does token i open its sentence, or the clause after a dash ("ATLANTA \u2014 The Fulton County ...")?
    A dateline's dash starts the story's first sentence, so its "The" is no more a name than any other's."""
    return i == 0 or any(d in text[toks[i - 1].end:toks[i].start] for d in _DASHES)


# after a phrase's head: a verb or a preposition ("the Red Cross said", "the Red Cross in Geneva")
_AFTER_A_HEAD = frozenset(
    """said says has have had is was were will would could can may might must should did does also added announced
    reported warned urged called told stated confirmed denied in on at for from to with by into over since during
    about against""".split()
)


_WITHIN = frozenset("in on at near across outside around throughout inside within".split())


def _definite_head(run: list[Token], end: int, k: int, toks: list[Token], a: int, text: str) -> bool:
    """Is run[k:end + 1] a name after "the" that heads its phrase ("aid from the Red Cross.", "the Red Cross
    said")? English gives a body, a building or a vehicle the article, not a town: "the Lindsay police"
    is the town's, the name only modifying "police", and "The Dalles" writes the article into the name."""
    i = a + k
    if end + 1 != len(run) or i == 0:
        return False
    the = toks[i - 1]
    if the.lower != "the" or text[the.end:run[k].start] != " " or (the.capitalised and not _opens_clause(toks, i - 1, text)):
        return False
    if i >= 2 and toks[i - 2].lower in _WITHIN:
        return False  # "on the Near North Side", "in the Bronx": a part of a city does take the article
    after = a + end + 1
    if after == len(toks):
        return True  # the sentence ends with it
    nxt, gap = toks[after], text[run[end].end:toks[after].start]
    if nxt.capitalised:
        return False  # "the Gainesville and Lindsay communities", "the Cambridge, Pleasant City ... fire departments"
    if nxt.lower == "to" and _to_a_place_by(toks, after + 1):
        return False  # "the Resita to Anina road": where a road or a line runs from
    return (gap == " " and nxt.lower in _AFTER_A_HEAD) or gap.strip() in (",", ";", ":", ")")


_ROUTE_NOUNS = frozenset("road roads route highway motorway railway rail line pipeline corridor flight flights ferry".split())


def _to_a_place_by(toks: list[Token], i: int) -> bool:
    """Do toks[i:] read "Anina road": a capitalised name, then a route's noun?"""
    j = i
    while j < len(toks) and toks[j].capitalised and j - i < MAX_WINDOW:
        j += 1
    return i < j < len(toks) and toks[j].lower in _ROUTE_NOUNS


def _names_a_disease(run: list[Token], end: int, toks: list[Token], a: int, text: str) -> bool:
    """Is run[end] followed, across spaces or hyphens, by a disease noun ("Marburg virus", "Middle East
    respiratory syndrome")? Capitalised or not: a headline writes "Marburg Virus"."""
    i, prev = a + end + 1, run[end]
    for _ in range(3):
        if i >= len(toks) or not _JOINER.match(text[prev.end:toks[i].start] or "-"):
            return False
        if toks[i].lower in DISEASE_NOUNS or toks[i].lower.endswith("virus"):
            # "Marburg virus", and a virus species named after a place: "Reston ebolavirus"; but "Uganda Virus
            # Research Institute" is a body's name, the country's
            return not _heads_a_body(toks, i, text)
        if toks[i].lower not in DISEASE_ADJECTIVES:
            return False
        prev, i = toks[i], i + 1
    return False


def _heads_a_body(toks: list[Token], i: int, text: str) -> bool:
    """Does a capitalised run go on from toks[i] to a body's or a building's word within three words?"""
    for j in range(i + 1, min(i + 4, len(toks))):
        if not (toks[j].capitalised and text[toks[j - 1].end:toks[j].start] == " "):
            return False
        if toks[j].lower in ORGANISATION_WORDS or toks[j].lower in FACILITY_WORDS:
            return True
    return False


def _shouting(toks: list[Token]) -> bool:
    """Is the sentence in capitals ("WE SUPPORT US")? Asked only about "US", so not per sentence."""
    words = [t for t in toks if t.text[:1].isalpha()]
    return len(words) >= 3 and all(t.text.isupper() for t in words)


_RECORD = re.compile(r" \(\d{1,2}-\d{1,2}(?:-\d{1,2})?\)")  # a team's wins and losses: "Buffalo (4-2)"
# "Kenya's Daniel Kiprop": a possessive, a given name, and a second name that is not a named thing's noun
_PERSON_AFTER = re.compile(r"['\u2019]s ([A-Z\u00c0-\u00de][^\W\d_]+) ([A-Z\u00c0-\u00de][^\W\d_]*)")
_NAMED_THINGS = FACILITY_WORDS | ORGANISATION_WORDS | FEATURE_WORDS | GEO_WORDS


def _span_flags(run: list[Token], covered: list[str], k: int, end: int, text: str, toks: list[Token], a: int,
                demonym, sentence: Sentence) -> tuple[set[Flag], str]:
    """What the text around run[k:end + 1], a span the gazetteer knows, says about it (and its area noun)."""
    inside, outside = covered[k:end + 1], covered[:k] + covered[end + 1:]
    if _in_a_list(run, toks, a, text):  # "Halls Gap, Moyston and Ararat": "and" parts two items, not one name
        first = max((i + 1 for i in range(k) if run[i].lower in _LIST_AND and covered[i] == "conn"), default=0)
        last = min((i for i in range(end + 1, len(run)) if run[i].lower in _LIST_AND and covered[i] == "conn"),
                   default=len(run))
        beside = covered[:first] + covered[last:]
        outside = covered[first:k] + covered[end + 1:last]
    else:
        beside = []
    span = text[run[k].start:run[end].end]
    flags: set[Flag] = {Flag.UNKNOWN_BESIDE} if "" in beside else set()
    noun = _area_noun(run, end, k, toks, a, text)
    if noun:
        flags.add(Flag.AREA_WORD)
    elif _town_word(run, end, k, toks, a, text):
        flags.add(Flag.TOWN_WORD)
    elif _part_of(k, toks, a, text):
        noun = PART  # "upstate New York", "western Washington": a part of an area (rules.given_as)
    flags |= _dateline(run, end, k, a, sentence, text)
    after = a + end + 1
    if end + 1 == len(run) and after < len(toks) and toks[after].lower in NEIGHBOURHOOD_NOUNS \
            and text[run[end].end:toks[after].start] == " " and not (after + 1 < len(toks) and toks[after + 1].lower == "of") \
            and (toks[after].lower in _ONE_NEIGHBOURHOOD or any(t.lower in _LIST_AND for t in run)):
        flags.add(Flag.NEIGHBOURHOOD)  # "the Pilsen neighborhood", "the Pilsen and Uptown neighborhoods" (not
        # "DeKalb neighborhoods": the town's own)
    if span == "US" and (_shouting(toks) or (a + k > 0 and toks[a + k - 1].lower in PRONOUN_BEFORE
                                      and not toks[a + k - 1].capitalised)):
        flags.add(Flag.PRONOUN)
    if "person" in inside:
        flags.add(Flag.PERSON)
    if "org" in outside or (end + 1 == len(run) and _AMPERSAND.match(text, run[end].end)):
        flags.add(Flag.ORG)  # "... & Jacobsen LLC", "... & the Broken Bones": a firm's or a band's name
    if end + 1 == len(run) and _RECORD.match(text, run[end].end):
        flags.add(Flag.ORG)  # "Buffalo (4-2) had rallied": a team and its record of wins and losses
    if end + 1 == len(run) and (who := _PERSON_AFTER.match(text, run[end].end)) \
            and is_first_name(who.group(1), strict=True) and who.group(1).lower() not in TITLES and not demonym(who.group(1)) \
            and who.group(2).lower() not in _NAMED_THINGS:  # (not "Ukraine's General Staff", "Dresden's Carola Bridge")
        flags.add(Flag.WHOSE)  # "Kenya's Daniel Kiprop won in Monaco": Kenya is his, the race Monaco's
    if end + 1 < len(run) and (run[end + 1].lower in CIVIC_WORDS or (
            k == 0 and run[-1].lower in EVENT_NOUNS and all(t.capitalised for t in run[end + 1:]))):
        flags.add(Flag.CIVIC)  # "Dover Police Department", and "Osage County Sheriff's Office" ('s ends the run)
    # (by its last word too: "Tanjung Puting National Park", whose "National Park" is a village's name; not
    # past an "and": "toward Harvard and Clay Center")
    if "facility" in outside or (end + 1 < len(run) and run[-1].lower in FACILITY_WORDS
                                 and not any(t.lower in _LIST_AND for t in run[end + 1:])):
        flags.add(Flag.FACILITY)
        if end + 1 < len(run) and run[end + 1].lower in STREET_WORDS \
                and not (run[end].lower == "county" and run[end + 1].lower == "road"):
            flags.add(Flag.STREET)
        if "facility" in covered[end + 1:]:
            flags.add(Flag.BUILDING)
    if "" in outside:
        flags.add(Flag.PARTIAL)
    after = a + end + 1
    if end + 1 == len(run) and after < len(toks) and toks[after].lower in LOWER_CASE_FEATURE_WORDS \
            and not toks[after].capitalised and text[run[end].end:toks[after].start] == " ":
        flags.add(Flag.FEATURE)  # "the Guaiba river"
    if k == 0 and a > 0 and toks[a - 1].lower in VESSEL_NOUNS and not toks[a - 1].capitalised:
        flags.add(Flag.FEATURE)  # "the cargo ship Kobe": a ship's name, not the port it is named after
    if k == 0 and end + 2 == len(run) and run[end + 1].lower in ("fire", "fires") and a > 0 \
            and toks[a - 1].lower == "the":
        flags.add(Flag.FEATURE)  # "the Boulder Fire": a wildfire's name (where it started), not the town's
    if end == k and run[k].lower in CELESTIAL_BODIES and not _a_towns_name(run, k, toks, a, text, flags):
        flags.add(Flag.FEATURE)  # "orbiting Earth", "a mission to Mars": a planet, not the village
    if end + 1 < len(run) and run[end + 1].lower in FEATURE_WORDS:
        # "Hudson River", "Niger Delta" name a river or a delta (which the gazetteer does not hold),
        # not the town or state of that name
        flags.add(Flag.FEATURE)
    if end == k == 0 and run[0].lower in _ROMANCE_FEATURE_WORDS and (
            (len(run) > 2 and run[1].lower in _OF) or (len(run) > 1 and run[0].lower not in _A_PLACE_ALONE
                                                       and covered[1] != "conn")):
        # "Serra do Amolar", "Sierra de Gredos", "Cerro Alegre": a range's or a hill's word, not the city Serra
        # or Havana's Cerro (the gazetteer lacks the whole name; one it has, "Cerro Largo", is found whole)
        flags.add(Flag.FEATURE)
    if _after_a_romance_feature(run, k):
        flags.add(Flag.FEATURE)  # "Golfo de Fonseca", "Río de la Plata": the gulf's or the river's name
    named_after = run[k - 1].lower if k > 0 and covered[k - 1] != "conn" else (
        run[k - 2].lower if k > 1 and run[k - 1].lower == "of" else "")
    if named_after in LEADING_FEATURE_WORDS:
        flags.add(Flag.FEATURE)  # "Gulf of Aden", "Lake Chad", "Mount Kenya": the feature, not the place
    if end == k and k > 0 and run[k].lower in GENERIC_HEADS and covered[k - 1] == "":
        flags.add(Flag.FEATURE)  # "Mekong Delta", "Red Sea": the generic part of a longer name
    if end == k and k > 0 and run[k - 1].lower in _DIRECTIONS:
        flags.add(Flag.REGION_OF)  # "Southern Asia", "East Africa": a part, not the whole continent
    if text[run[k].start - 1:run[k].start] in ("@", "#"):
        flags.add(Flag.HANDLE)  # "@Dover", "#Paris": an account or a tag
    if k == 0 and end + 1 == len(run) and _agency(run[k].start, run[end].end, text):
        flags.add(Flag.AGENCY)  # "MANILA (Xinhua) --": who filed the story, not where
    if _names_a_disease(run, end, toks, a, text):
        flags.add(Flag.DISEASE)
    if _definite_head(run, end, k, toks, a, text):
        flags.add(Flag.DEFINITE)
    if run[k].text in _SAINTS and text[run[end].end:run[end].end + 2] in ("'s", "\u2019s"):
        flags.add(Flag.FEATURE)  # "St. Andrew's Day", "St. Mark's Square": a saint's, not a town
    if span.upper() == span and sum(ch.isalpha() for ch in span) >= 2:
        flags.add(Flag.CAPS)  # "UZBEK", "NASA": shouting or an acronym, not a place's other name
    if text[run[end].end:run[end].end + 1] == "." and (text[run[k].start - 2:run[k].start] == ", " or (
            text[run[k].start - 2:run[k].start] == " (" and text[run[end].end:run[end].end + 2] == ".)"
            and not (k == 0 and _after_a_persons_name(toks, a, text)))):
        flags.add(Flag.DOTTED)  # "Fresno, Calif." as AP datelines write states, or "Polk County (Ore.)"
    if end > k and all(run[i].lower in GEO_WORDS for i in range(k, end + 1)):
        flags.add(Flag.GENERIC_NAME)  # "Northern Province", "North East": a name in many countries
    if end == k:
        word = run[k].text
        letters = word.replace(".", "")
        if letters.isupper() and len(letters) <= 5:
            flags.add(Flag.ACRONYM)
            if len(letters) <= 3:
                flags.add(Flag.SHORT)  # "AP", "EU", "MoJ": only an abbreviation the gazetteer lists
            if "." in word:
                flags.add(Flag.STOPS)  # "N.C.", not "NC"
        if is_common_word(word):
            listed_from = _first_listed(toks, a, text) if k == 0 or (
                k >= 2 and run[k - 1].lower in _LIST_AND and covered[k - 1] == "conn") else -1
            placed_like = listed_from >= 0 and _locative(toks, listed_from)
            if (placed_like or Flag.CIVIC in flags) and _name_not_word(word):
                flags.add(Flag.FREQUENT_NAME)  # "in Tallahassee", "Spokane Police": a place
            elif placed_like and _name_or_word(word, toks[listed_from - 1], _places_listed(toks, listed_from)
                                               or _of_a_place(toks, listed_from)) \
                    and text[run[k].end:run[k].end + 2] not in POSSESSIVE_ENDINGS:
                # "said in Geneva": a dictionary word (a gin, a given name) capitalised after a lower-case locative
                # is a place's name; the frequent_name gate still wants a city of 100,000 or local evidence
                flags.add(Flag.FREQUENT_NAME)
            else:
                flags.add(Flag.COMMON)
                if placed_like:
                    flags.add(Flag.LOCATIVE)
                if is_dictionary_word(word):
                    flags.add(Flag.WORD)
                    if k == 0 and zipf(word) >= _EVERYDAY_ZIPF and _opens_clause(toks, a, text) \
                            and _word_goes_on(toks, a + end + 1, text):
                        flags.add(Flag.OPENING)
        elif is_first_name(word, strict=True) and not (k == 0 and _where_a_place_goes(toks, a)):
            flags.add(Flag.GIVEN_NAME)
        if demonym(word):
            flags.add(Flag.DEMONYM)
        if run[k].lower in WEEKDAYS_MONTHS or (run[k].lower in _ERAS and _after_a_year(toks, a + k, text)):
            flags.add(Flag.DATE)  # "in March"; "300 B.C.", "the fourth century BC": an era, not British Columbia
        if run[k].lower in GEO_WORDS:
            # "South", "Centre": a direction or a word, not a place; but given as an area ("the Eastern
            # province", "the Centre department") the name of one, in a country the article is about
            flags.add(Flag.GENERIC_NAME if noun else Flag.GENERIC)
        elif run[k].lower in _COMPASS_PREFIXES and k + 1 < len(run) and text[run[k].end:run[k + 1].start] in _HYPHENS:
            flags.add(Flag.GENERIC)  # "Nord-Troms", "Sør-Varanger": the north of a name the gazetteer lacks
    return flags, noun


# a Romance feature's word before the particle of its longer name ("Serra do Mar", "Río de la Plata",
# "Isla de Pascua"), where the gazetteer lacks the whole: the feature, not a town of that one word
_ROMANCE_FEATURE_WORDS = frozenset(
    """serra sierra rio río monte lago ilha ilhas isla islas île ile cerro pico ponta punta cabo praia playa laguna
    lac bahía bahia baía baie golfo golfe estrecho estreito bajo arrecife cayo volcán nevado""".split())
# ... that alone are a place's name too: "Rio Olympics", "Cabo resorts", "Bahia governor", "Cayo villages"
_A_PLACE_ALONE = frozenset("rio río monte cabo bahía bahia cayo lac arrecife estreito golfe volcán bajo".split())
_OF = frozenset("de del do da dos das di du des".split())  # the Romance languages' "of"
_ROMANCE_ARTICLES = frozenset("la las los el le les lo o a os as".split())


def _after_a_romance_feature(run: list[Token], k: int) -> bool:
    """Is run[k] the name after a Romance feature's word and its particle ("Bajo de Masinloc", "Río de la
    Plata")? The shoal, the river: not the town (the gazetteer lacks the whole name)."""
    j = k - 1
    if j > 0 and run[j].lower in _ROMANCE_ARTICLES:
        j -= 1
    return j > 0 and run[j].lower in _OF and run[j - 1].lower in _ROMANCE_FEATURE_WORDS


def _after_a_persons_name(toks: list[Token], a: int, text: str) -> bool:
    """Is toks[a] in brackets right after a person's name, a title or a given name opening it? "Cllr Mary
    Cork (Ind.)": a party's initials (Independent), not Indiana."""
    j = a - 1
    while j > 0 and toks[j - 1].capitalised and text[toks[j - 1].end:toks[j].start] in (" ", ". "):
        j -= 1
    return 0 <= j < a - 1 and (toks[j].lower in TITLES or is_first_name(toks[j].text, strict=True))


# the compass words that open hyphened names in other languages ("Nord-Kivu", "Süd-Tirol", "Sør-Trøndelag",
# "Norte-Sul"): never the place alone (France's Nord, Spain's Sur)
_COMPASS_PREFIXES = frozenset(
    "nord sud süd sør nordre søndre vest øst ost est ouest norte sur sul leste oeste noord zuid oost norra södra "
    "östra västra".split())


_ERAS = frozenset({"b.c.", "b.c", "bc", "a.d.", "a.d", "ad", "bce", "ce"})
_YEARS_WORDS = frozenset({"century", "centuries", "millennium", "millennia"})


def _after_a_year(toks: list[Token], i: int, text: str) -> bool:
    """Does token i follow a year or a century ("300 B.C.", "the fourth century BC")? (Tokens are words:
    a number is read from the text.)"""
    if text[max(0, toks[i].start - 12):toks[i].start].rstrip()[-1:].isdigit():
        return True
    return i > 0 and toks[i - 1].lower in _YEARS_WORDS and not text[toks[i - 1].end:toks[i].start].strip()


def extract(text: str, lookup, demonym) -> Extraction:
    """Find every gazetteer-matching span in `text`.

    `lookup(key)` returns candidates for a name key, `demonym(word)` an ISO-2
    code or None: the gazetteer's own methods, passed in so this stage does
    not depend on how the gazetteer is stored.
    """
    sentences = tuple(split_sentences(text))
    found: list[tuple] = []  # a Mention's fields, its flags still a set: each Mention is built once, at the end
    demonym_found: list[tuple[Mention, str]] = []
    unmatched: list[Mention] = []
    demonyms: Counter = Counter()
    person_tokens: set[str] = set()
    names_called: set[str] = set()
    not_placed_like: set[int] = set()  # found entries of one word, not where English puts a place
    after_locative: set[int] = set()  # found entries just after "in", "near", "from"...
    after_in: set[int] = set()  # ... where only a place goes ("in", "near", "the town of", a hometown, "X, Co
    # Louth"): never a person's name, whatever the article's people are called
    for si, s in enumerate(sentences):
        toks = _possessive_names(tokens(text, s), text, lookup)
        for a, b in _runs(toks, text):
            # a sentence-initial common word ("Meanwhile", "Dear") is not part of a name; a first name is ("Ada Quill")
            while a <= b and _opens_clause(toks, a, text) and is_common_word(toks[a].text) and not demonym(toks[a].text) \
                    and not (a < b and is_first_name(toks[a].text, strict=True)) \
                    and not any(lookup(name_key(text[toks[a].start:toks[e].end])) for e in range(a, min(b, a + MAX_WINDOW - 1) + 1)):
                a += 1
            while a <= b and not toks[a].capitalised:
                a += 1
            if a > b:
                continue
            run = toks[a:b + 1]
            covered = _explain(run, demonym, lambda a, b: bool(lookup(name_key(text[a:b]))), _titled(toks, a, text),
                               a > 0 and toks[a - 1].lower in SPEECH_VERBS and text[toks[a - 1].end:toks[a].start] == " "
                               and text[toks[b].end:toks[b].end + 1] == ","  # not "said Statistics Canada,"
                               and not any(c.category is Kind.COUNTRY for c in lookup(name_key(toks[b].text))),
                               _where_a_place_goes(toks, a))
            if a == b and _person_of(toks, a):
                covered[0] = "person"  # "Dale of Oshkosh": Dale is who, Oshkosh where
            if a == b and covered[0] == "title" and a > 0 and toks[a - 1].capitalised \
                    and text[toks[a - 1].end:toks[a].start] == ", " and text[toks[a].end:toks[a].end + 1] == ".":
                covered[0] = ""  # "Biloxi, Miss.": after a town and its comma, a state's abbreviation, no title
            for i, (t, c) in enumerate(zip(run, covered)):
                if c == "person":
                    if i + 1 == len(run) or covered[i + 1] != "person":
                        person_tokens.add(t.text)  # the surname is what recurs ("Quill said"), not a given name
                    elif (i == 0 or covered[i - 1] != "person") and is_first_name(t.text, strict=True) \
                            and all(c in ("person", "conn", "", "title") for c in covered):
                        names_called.add(t.text)  # ... unless the article calls them by it: "we spoke to Ada"
                elif c == "demonym":
                    demonyms[demonym(t.text)] += 1
                    demonym_found.append((Mention(t.text, t.start, t.end, si, name_key(t.text)), demonym(t.text)))
            peoples = {i for i, c in enumerate(covered) if c == "demonym"}
            matches, k = [], 0
            # once per run, not per span: "Yuma county(ies)" (a capitalised "County" is in the name looked up)
            county_near = (b + 1 < len(toks) and (toks[b + 1].lower in _COUNTY_FORMS
                                                  or _list_noun(toks, b + 1, text) in _NAMED_WITH_NOUN)) \
                or _plural_noun_before(toks, a, text) in _NAMED_WITH_NOUN
            # ... and any area noun near: a name the gazetteer knows only with it is looked up so
            area_near = county_near or (b + 1 < len(toks) and (toks[b + 1].lower in AREA_NOUNS
                                                               or toks[b + 1].lower in PLURAL_AREA_NOUNS)) \
                or (a >= 2 and toks[a - 1].lower == "of" and toks[a - 2].lower in AREA_NOUNS) \
                or bool(_list_noun(toks, b + 1, text) or _plural_noun_before(toks, a, text))
            comma_after = text[run[-1].end:run[-1].end + 2] == ", "
            while k < len(run):
                hit = None
                # "Sept-Îles": no month before a hyphen; "May Pen": a month that opens a name the gazetteer knows
                month_led = covered[k] == "date" and k + 1 < len(run) and run[k + 1].capitalised and (
                    text[run[k].end:run[k + 1].start] == "-"
                    or bool(lookup(name_key(text[run[k].start:run[k + 1].end]))))
                if covered[k] in ("", "geo", "demonym", "person") or month_led:
                    for end in range(min(len(run), k + MAX_WINDOW) - 1, k - 1 + month_led, -1):
                        if not run[end].capitalised:
                            continue
                        span = text[run[k].start:run[end].end]
                        dotted = comma_after and end == len(run) - 1 and _with_dotted_tail(
                            span, run[end], toks, a + end, text, lookup)
                        if dotted:
                            hit = (end, *dotted)
                            break
                        key = (county_near and _noun_key(span, run, end, k, toks, a, text, lookup)) or name_key(span)
                        if key and (known := lookup(key)):
                            if area_near and not any(c.category.area and c.matched != "other" for c in known):
                                key = _area_form(span, run, end, k, toks, a, text, lookup, True) or key
                            hit = (end, span, key)
                            break
                        if area_near and (key := _area_form(span, run, end, k, toks, a, text, lookup, False)):
                            hit = (end, span, key)
                            break
                if hit:
                    matches.append((k, *hit))
                    for m in range(k, hit[0] + 1):
                        if covered[m] != "person":
                            covered[m] = "place"
                    k = hit[0] + 1
                else:
                    t = run[k]
                    # a name written where a place goes that no entry matches: for the review page, and for a
                    # near-miss spelling; a dateline's town too ("RENK, South Sudan \u2014"), and a short one
                    # after "the village of" ("the village of Zasa")
                    if covered[k] == "" and len(run) == 1 and (
                            bool(_dateline(run, 0, 0, a, s, text)) or (
                                a + k > 0 and (len(t.text) >= 5 or (len(t.text) >= 3 and _of_a_place(toks, a + k)))
                                and not t.text.isupper() and not is_common_word(t.text) and not is_first_name(t.text)
                                and _locative(toks, a + k))):
                        unmatched.append(Mention(t.text, t.start, t.end, si, name_key(t.text)))
                    k += 1
            # each name right after another, and whether that one is a name only, not an everyday word too
            joined = {k: all(zipf(t.lower) < _EVERYDAY_ZIPF for t in run[k1:e1 + 1])
                      for (k1, e1, _, _), (k, _, _, _) in zip(matches, matches[1:])
                      if k == e1 + 1 and text[run[e1].end:run[k].start] == " "  # "Dallas-Fort Worth" is two
                      and not (k1 == e1 and (run[k1].lower in GEO_WORDS or k1 in peoples))
                      and not (k1 == e1 == 0 and a == 0 and run[0].lower in _OPENING_PREPOSITIONS)}
            # ("Metro Vancouver": a generic word first; "Canadian Niagara Falls": a people's name, Canadian, Texas too;
            # "On Thursday Island, ...": a sentence's capitalised preposition, though Belgium has a village On)
            for k, end, span, key in matches:
                flags, noun = _span_flags(run, covered, k, end, text, toks, a, demonym, s)
                if k in joined:  # "Tucson Mission Hills chapter": the later name is the tail of a longer one
                    flags.add(Flag.PARTIAL)
                    if joined[k]:  # after a name, not a word that is one too ("Real Madrid")
                        flags.add(Flag.TAIL)
                if k == end and not (k == 0 and _where_a_place_goes(toks, a)) \
                        and not (a + k > 0 and toks[a + k - 1].lower == "of"):  # "King Hussein of Jordan": a place
                    not_placed_like.add(len(found))
                if _locative(toks, a + k):
                    after_locative.add(len(found))
                    if toks[a + k - 1].lower in _IN_OR_NEAR or _of_a_place(toks, a + k):
                        after_in.add(len(found))
                elif _HOMETOWN.search(text, max(0, run[k].start - 24), run[k].start):
                    after_in.add(len(found))
                found.append((span, run[k].start, run[k].start + len(span), si, key, flags, noun))
    person = frozenset(person_tokens)
    for i in range(1, len(found)):  # "shelters in Geneva and Samson": a list after "in" goes on in its place
        if i - 1 in after_in and found[i][3] == found[i - 1][3] and text[found[i - 1][2]:found[i][1]] in LIST_JOINS:
            after_in.add(i)
        elif _with_its_area(found[i - 1], found[i], text, lookup):
            after_in.add(i - 1)
    diseases = {key for _, _, _, _, key, flags, _ in found if Flag.DISEASE in flags}
    bodies = {key for _, _, _, _, key, flags, _ in found if Flag.DEFINITE in flags}
    # "ATLANTA, Georgia —": the dateline's state is a place whatever the article's "Georgia Power said" makes
    # of the name elsewhere
    dateline_states = {i for i in range(1, len(found)) if Flag.DATELINE in found[i - 1][5]
                       and text[found[i - 1][2]:found[i][1]] == ", "}
    for i, (span, _, _, _, key, flags, _) in enumerate(found):
        if i in dateline_states:
            continue
        if i not in after_in and (all(w in person for w in span.split())
                                  or (i in not_placed_like and span in names_called)):
            flags.add(Flag.PERSON)  # one sense per article: "Quill said" after "Ada Quill", "told Ada" too, but
            # not "fires near Ararat" after a byline's "Jessica Ararat"
        if i in not_placed_like and key in diseases:
            flags.add(Flag.DISEASE)  # and "Marburg virus" makes "new Marburg cases" the disease; "in Marburg" stays
        if key in bodies and i not in after_locative:
            flags.add(Flag.DEFINITE)  # "the Red Cross said" makes "American Red Cross volunteers" the body too
    return Extraction(
        sentences, tuple(Mention(span, start, end, si, key, frozenset(flags), noun)
              for span, start, end, si, key, flags, noun in found),
        demonyms, person,
        tuple(demonym_found), tuple(m for m in unmatched if m.surface not in person),
    )

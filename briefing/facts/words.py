"""Word lists (general English, not taken from any evaluation data) and the small text
helpers that compare names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..dates.words import CARDINALS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GROUP_WORDS = _words(
    "command ministry force forces party army council committee agency group directorate "
    "department office police guard guards brigade brigades front movement organization "
    "organisation union association institute university college school company corporation "
    "corp inc ltd llc plc bank fund court parliament congress senate government "
    "administration commission authority authorities service services network church club "
    "team league federation coalition alliance militia battalion division regiment navy "
    "airlines airways news times post media foundation center centre hospital board bureau "
    "al-sham al-qaeda taliban hezbollah hamas isis isil state republic international resolve "
    "operation task unit units agency's ministry's"
)


# Nouns for a company or a club ("the company said", "the firm said"): when no name holds
# the noun, they stand for the organisation the article is about (.org_roles)
COMPANY_NOUNS = _words(
    "company firm carrier retailer lender insurer automaker carmaker airline chipmaker "
    "startup conglomerate manufacturer club broadcaster publisher developer bank"
)


# Titles that move from a name into its role; royalty and religious titles stay in names.
_TITLE_WORDS = _words(
    "adm admiral gen general brig brigadier lt lieut lieutenant col colonel maj major capt "
    "captain cmdr cdr commander sgt sergeant cpl corporal dr prof professor sir dame lord "
    "president vice prime minister secretary chancellor sheikh sheik emir senator sen rep "
    "representative gov governor mayor judge justice chief director ceo chairman chairwoman "
    "chair ambassador rev reverend rabbi imam ayatollah detective det inspector insp supt "
    "superintendent constable officer coach manager spokesman spokeswoman spokesperson former "
    "acting deputy foreign defense defence interior state attorney speaker premier marshal "
    "field air rear head leader commissioner envoy minister's president's"
)


COURTESY = frozenset(["mr", "mrs", "ms", "miss", "mx", "messrs", "mr.", "mrs.", "ms."])


# A title's abbreviation and the word it stands for: "Gov. Chris Christie" is "the governor".
TITLE_ABBREVIATIONS = {
    "adm": "admiral",
    "brig": "brigadier",
    "capt": "captain",
    "col": "colonel",
    "gen": "general",
    "gov": "governor",
    "lt": "lieutenant",
    "maj": "major",
    "prof": "professor",
    "rep": "representative",
    "sen": "senator",
    "sgt": "sergeant",
    "supt": "superintendent",
}


SPEECH_VERBS = _words(
    "said says say saying told tells tell added adds noted notes stated states wrote writes "
    "explained explains asked asks insisted insists declared declares announced announces "
    "tweeted posted commented warned warns claimed claims argued argues acknowledged replied "
    "continued recalled ranted admitted admits urged urges reported reports confirmed "
    "confirms according stressed stresses emphasised emphasized vowed pledged quipped "
    "remarked observed suggested texted responded responds cautioned conceded predicted "
    "promised repeated shouted yelled"
)


PERSON_NOUNS = _words(
    "officer official spokesman spokeswoman spokesperson minister chief head commander "
    "president director leader general admiral man woman officer's source governor mayor "
    "ambassador secretary chairman ceo founder analyst expert witness resident victim driver "
    "coach manager captain player"
)


ORG_PRONOUNS = frozenset(["it", "they", "we"])


PERSON_PRONOUNS = frozenset(["he", "she", "i"])


LOCATIVE_PREPS = _words(
    "in at near across outside inside into throughout from to around within towards toward on "
    "off over under along through between beyond via"
)


NON_EVENT_VERBS = _words(
    "founded born established created built formed launched opened started began died aged"
)


QUANTIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "as much as", "an estimated", "nearly", "almost", "about", "around", "approximately",
    "roughly", "some", "over", "under", "just", "only", "close to", "upwards of",
)  # fmt: skip


WORD_NUMBERS = {"zero": 0, **CARDINALS, "dozen": 12, "a dozen": 12, "half": 0.5}


# The sizes a number is written with; "lakh" (10^5) and "crore" (10^7) are how Indian
# English writes them ("9 lakh passengers", "Rs 12,500 crore", "1.5 lakh crore")
MULTIPLIERS = {
    "hundred": 100, "thousand": 1000, "k": 1000, "million": 10**6, "m": 10**6, "mn": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "lakh": 10**5, "crore": 10**7,
}  # fmt: skip
# the sizes written glued to a number ("4.5bn", "900m", "10k"); the others are words
SHORT_SIZES = frozenset(k for k in MULTIPLIERS if len(k) <= 2)
LONG_SIZES = frozenset(k for k in MULTIPLIERS if len(k) > 2)


CURRENCY_SIGNS = frozenset("$€£¥₹")
# A currency written before a sum as its own token: a sign, a sign after its country's
# letters ("US$", "A$", "C$", "HK$"), or a code ("Rs", "Rs.", "INR", "USD").
CURRENCY_BEFORE = re.compile(
    rf"(?:[A-Z]{{1,2}})?[{re.escape(''.join(sorted(CURRENCY_SIGNS)))}]|Rs\.?|INR|USD|EUR|GBP"
)
# A currency named after a sum: "537m euros", "12 lakh rupees"
CURRENCY_AFTER = _words("dollars euros pounds rupees yen yuan francs")


# Measures English writes in the singular after a count ("a 100 yard backstroke", "24
# lakh", "a 180 page book", "471 horsepower"): a count of two or more before any other
# singular noun names or ranks something instead (see facts.numbers).
MEASURE_WORDS = _words(
    "yard foot inch mile meter metre km kilometer kilometre mph kph gram kg pound lb ounce "
    "oz ton tonne gallon liter litre ml cup tsp tbsp teaspoon tablespoon min sec degree "
    "acre hectare lakh crore percent page point dozen score horsepower hp db dba"
)
# Nouns whose plural is the singular: "270 aircraft" counts aircraft.
SAME_PLURAL = _words(
    "aircraft spacecraft hovercraft watercraft sheep deer fish moose bison salmon trout "
    "cattle livestock personnel staff crew offspring series species headquarters police "
    "swine head"
)


# Country names and demonyms the country table below cannot derive by rule.
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "united states": "United States", "united states of america": "United States",
    "the states": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "u.k": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom": "United Kingdom", "russia": "Russia", "russian federation": "Russia",
    "south korea": "South Korea", "north korea": "North Korea", "holland": "Netherlands",
    "the netherlands": "Netherlands", "czech republic": "Czechia", "turkey": "Turkey",
    "türkiye": "Turkey", "ivory coast": "Côte d'Ivoire", "burma": "Myanmar",
    "uae": "United Arab Emirates", "drc": "Democratic Republic of the Congo",
    "vatican": "Holy See", "palestine": "Palestine", "iran": "Iran", "syria": "Syria",
    "vietnam": "Vietnam", "laos": "Laos", "bolivia": "Bolivia", "venezuela": "Venezuela",
    "tanzania": "Tanzania", "moldova": "Moldova", "taiwan": "Taiwan",
}  # fmt: skip


DEMONYMS = {
    "american": "United States", "americans": "United States", "british": "United Kingdom",
    "briton": "United Kingdom", "britons": "United Kingdom", "french": "France",
    "dutch": "Netherlands", "swiss": "Switzerland", "greek": "Greece", "turkish": "Turkey",
    "spanish": "Spain", "danish": "Denmark", "swedish": "Sweden", "finnish": "Finland",
    "polish": "Poland", "irish": "Ireland", "welsh": "Wales", "scottish": "Scotland",
    "english": "England", "filipino": "Philippines", "thai": "Thailand", "lebanese": "Lebanon",
    "chinese": "China", "japanese": "Japan", "portuguese": "Portugal", "afghan": "Afghanistan",
    "iraqi": "Iraq", "israeli": "Israel", "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates", "kuwaiti": "Kuwait", "qatari": "Qatar",
    "yemeni": "Yemen", "pakistani": "Pakistan",
    "bangladeshi": "Bangladesh", "somali": "Somalia", "sudanese": "Sudan",
    "vietnamese": "Vietnam", "congolese": "Democratic Republic of the Congo",
}  # fmt: skip


# Nouns for one person of a nation that no rule derives from a country's name ("the
# Briton", "the Dutchman"); the rest end as the country's name does ("Italian", "Kenyan").
NATIONALS = _words(
    "briton brit spaniard dutchman dutchwoman frenchman frenchwoman englishman englishwoman "
    "irishman irishwoman scotsman scotswoman welshman welshwoman scot dane swede finn pole "
    "turk kiwi aussie swiss greek"
)


WS = re.compile(r"\s+")


PUNCT_EDGE = re.compile(r"^[\s,;:.\-–—(\[\"'“”‘’]+|[\s,;:\-–—(\[\"'“”‘’]+$")


def fold(text: str) -> str:
    """ASCII-folded, lower-cased, whitespace-collapsed form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return WS.sub(" ", text.lower()).strip()


def name_key(text: str) -> str:
    """Comparison key of a name: folded, without a leading article or trailing possessive."""
    key = fold(text)
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    key = re.sub(r"\s*'s?$", "", key)
    key = re.sub(r"[^\w\s\-.&']", "", key)
    return WS.sub(" ", key).strip(" .-")


def clean_surface(text: str) -> str:
    """A surface form without a leading "the", dash or bullet ("-- David Wriglesworth", an
    embedded tweet's signature) or trailing possessive, whitespace collapsed."""
    text = re.sub(r"^[-–—•·*]+\s*", "", WS.sub(" ", text).strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"\s*['’]s?$", "", text).strip()


def is_title_word(word: str) -> bool:
    parts = [p for p in re.split(r"[.\-]+", word.lower()) if p]
    return bool(parts) and all(p in _TITLE_WORDS or p in COURTESY for p in parts)


def split_titles(text: str) -> tuple[str, str]:
    """Split leading titles off a name: "Brig.-Gen. Ghassan Bakir" -> ("Brig.-Gen.", "Ghassan
    Bakir"). Courtesy titles (Mr., Ms.) are dropped, not kept as a role, unless a title
    follows them, as in a judge's "Mr Justice"."""
    words = text.split()
    i = 0
    while i < len(words) - 0 and is_title_word(words[i].strip(",")):
        i += 1
    return " ".join(drop_courtesy(words[:i])), " ".join(words[i:])


def drop_courtesy(words: list[str]) -> list[str]:
    """``words`` without courtesy titles ("Mr", "Ms."), except one a title follows and
    belongs to ("Mr Justice Fenwick", "Madam Speaker")."""
    kept = []
    for j, word in enumerate(words):
        after = words[j + 1].strip(",") if j + 1 < len(words) else ""
        courtesy = word.lower().rstrip(".,") in COURTESY
        if not courtesy or (
            after and is_title_word(after) and after.lower().rstrip(".") not in COURTESY
        ):
            kept.append(word)
    return kept


# What a caption's credit line names before its colon: "Photo: AFP", "Credit: Getty Images".
CREDIT_LABELS = _words(
    "photo photos photograph picture pictures image images credit illustration graphic video "
    "footage"
)


# Prepositions the tagger may read as an adjective or a noun before a role noun ("a free
# kick past goalkeeper Sam Whitaker"): a closed class, never part of a role.
PREPOSITIONS = _words(
    "past near opposite via despite beyond behind beside besides toward towards against "
    "unlike like outside inside around alongside amid versus"
)


def conjuncts(tok: Any) -> list[Any]:
    """The words coordinated with ``tok`` ("A, B and C": each of A, B, C)."""
    first = tok
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    out: list[Any] = []
    todo = [first]
    while todo and len(out) < 20:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def join_tokens(tokens: Iterable[Any]) -> str:
    """Tokens (in article order) as text: verbatim where contiguous, one space at a gap."""
    out: list[str] = []
    prev = None
    for tok in tokens:
        if prev is not None:
            if tok.i == prev.i + 1:
                out.append(prev.whitespace_)
            else:
                out.append(" ")
        out.append(tok.text)
        prev = tok
    return "".join(out).strip()


PLACE_NOUNS = _words(
    "area province city region district village town camp county street road valley river "
    "airport square neighbourhood neighborhood countryside governorate state border crossing "
    "mountains mountain island islands community communities towns cities villages suburb "
    "suburbs parts"
)


# Picture agencies and credits: named in captions, almost never the actors.
CREDITS = frozenset(
    (
        "getty images",
        "getty",
        "epa",
        "pa",
        "press association",
        "shutterstock",
        "rex features",
        "rex",
        "alamy",
        "ap photo",
        "afp/getty images",
        "reuters/ap",
    )
)


MEDIA_WORDS = _words(
    "times post news guardian telegraph herald journal tribune gazette daily tv radio "
    "television magazine press today chronicle observer independent mail express"
)


FACILITY_WORDS = _words(
    "house tower field stadium arena palace hall square street road avenue airport station "
    "park building hospital bridge center centre mall hotel church mosque temple cathedral "
    "embassy consulate prison base camp court courthouse capitol circuit museum factory plant"
)


FUTURE_AUX = frozenset(
    ["will", "'ll", "shall", "wo", "would", "'d", "may", "might", "should", "must", "can"]
)


FUTURE_HEADS = _words(
    "expect expected expects schedule scheduled set due plan plans planned intend intends aim "
    "aims going prepare prepares hope hopes want wants forecast forecasts forecasted "
    "predicted projected slated poised likely"
)


# English verbs whose past is their present form (a closed class of the grammar)
SAME_PAST = _words(
    "bet bid broadcast burst cast cost cut fit forecast hit hurt let put quit read rid set "
    "shed shut slit split spread thrust upset wed"
)


CIRCUMSTANTIAL = _words("as after before while because despite since until amid following during")


def name_tokens(key: str) -> list[str]:
    return [t for t in re.split(r"[\s]+", key) if t]


def _token_match(a: str, b: str) -> bool:
    if a == b:
        return True
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-"):
        if b.startswith(prefix) and b[len(prefix) :] == a:
            return True
        if a.startswith(prefix) and a[len(prefix) :] == b:
            return True
    return len(a) == 2 and a.endswith(".") and b.startswith(a[0])


def subset(small: list[str], big: list[str]) -> bool:
    return bool(small) and all(any(_token_match(s, b) for b in big) for s in small)


CORPORATE = _words(
    "international inc inc. corp corp. corporation co co. company group holdings plc llc ltd "
    "ltd. limited sa ag nv gmbh ab asa oyj spa bv pty"
)


_STOP = _words(
    "a an the of to in on at by for with from and or but is are was were be been being has "
    "have had do does did will would shall should can could may might must its it this that "
    "these those his her their our your my as into over after before than then"
)
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A crude English stem, enough to tell "agrees", "agreed", "agree" are one verb."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    """The stems of the content words of ``text`` (stop words left out)."""
    return {stem(w) for w in re.findall(r"[\w'-]+", fold(text)) if w not in _STOP}


# A body named for whom it serves or belongs to: "Swiss People's Party", "Iffley Fields
# Residents' Association", "Children's Hospital", "Women's March" (the possessive is part
# of the name, not an owner before what it owns).
BODY_WORDS = _words(
    "party association union league alliance movement front council society federation "
    "foundation institute trust fund church organisation organization coalition committee "
    "club college school university hospital bank army congress march cup"
)
GROUP_OWNERS = _words(
    "people peoples residents women men children workers farmers veterans teachers nurses "
    "doctors students parents citizens taxpayers"
)


# What befell the people a count counts, as a reader is told it ("2,059 people have been
# injured" -> "people injured"): a count of people is news for what happened to them.
WHAT_BEFELL = _words(
    "killed injured wounded hurt rescued arrested detained evacuated displaced hospitalised "
    "hospitalized infected diagnosed quarantined charged convicted sentenced jailed freed "
    "released kidnapped abducted missing affected vaccinated treated tested laid dismissed "
    "fired hired stranded trapped"
)

"""Words that stand against each other: a claim that says "volledige" where its sentence says
"beperkte", "groep acht" where it says "groep zeven".

The claim check (kb.claims.verdict) reads these in the sentence whose values (or words) hold
the claim: the sentence says the same of the same thing, but the other way.

>>> [f.report_value for f in labelled("leerlingen uit groep acht", "leerlingen van groep zeven")]
['groep zeven']
"""

from __future__ import annotations

import re

from kb.analyser import fold
from kb.answers.question import DUTCH_NUMBERS
from kb.claims.findings import Finding, Quote
from kb.claims.quantities import number_of

_CONTRASTS: tuple[tuple[str, str], ...] = (
    (r"volledige?|gehele?", r"beperkte?|gedeeltelijke?"),
    (r"verplichte?", r"vrijwillige?|facultatieve?"),
    (r"landelijke?|nationale?|nationaal", r"regionaal|regionale|lokaal|lokale"),
    (r"jongens", r"meisjes"),
    (r"mannen|mannelijke?", r"vrouwen|vrouwelijke?"),
    (
        r"uit\selkaar|gesplitst|splitsen|gescheiden|scheiden",
        r"bij\selkaar|samengevoegd|samenvoegen",
    ),
    (
        r"uitgebreid|uitbreiden|uitbreiding|verruimd",
        r"ingeperkt|inperken|in\ste\sperken|inperking|verkleind|beperkt|beperken|beperking",
    ),
    (r"verhoogd|verhogen|verhoging", r"verlaagd|verlagen|verlaging"),
    (r"opgeven|opzeggen|stoppen\smet|verlaten", r"blijven|blijft"),
    (r"(?:aller)?eerste", r"laatste|tweede|derde|vierde|vijfde"),
    (r"tweede", r"derde|vierde|vijfde"),
    (r"lichtere?|zwaardere?|strengere?|soepelere?|lagere|hogere|andere", r"dezelfde|gelijke"),
    (r"theoretischer", r"praktischer"),
    (
        # "niet langer vast te houden" says "loslaten".
        r"strikter|strenger|strakker"
        r"|(?<!niet\s)(?<!langer\s)(?<!meer\s)(?:vasthouden|vastgehouden|vast\s(?:te\s)?houden)",
        r"loslaten|losgelaten|vrijer|flexibeler",
    ),
    (r"vergroot|vergroten|vergrootte|vergroting", r"verkleint|verkleinen|verkleinde|verkleining"),
    (r"eenvoudig|makkelijk|gemakkelijk|geen\sprobleem", r"geen\ssinecure|lastig|moeilijk"),
    (r"publieke?|openbare?", r"private?|particuliere?"),
    (r"weinig", r"veel|grote?"),
    (r"tekort", r"overschot"),
    (r"zonder", r"(?:samen|in\ssamenwerking)\smet"),
    (
        r"doorloopt|doorlopen|doorgaat|doorgaan|voortgezet|ongewijzigd"
        r"|(?:loopt|lopen|gaat|gaan)\s(?:\w+\s){0,6}?door(?=\s*[.,;?]|$)",
        r"(?:de\s)?laatste",
    ),
    (r"(?:de\s)?talen|taalvakken|alfavakken", r"(?:de\s)?betavakken"),
    (r"alle", r"(?:slechts\s|maar\s)?een\sdeel|sommige|enkele|een\spaar"),
    (r"hele?|heel\w*", r"half|halve"),
    (
        r"goedgekeurd|toegekend|gehonoreerd|aangenomen|geslaagde?",
        r"afgewezen|afgekeurd|verworpen|mislukte?|niet\sgehonoreerd",
    ),
    (
        r"positieve?|positief",
        r"negatieve?|negatief|afwijzend|afwijzende|verslechter\w*|kritisch|kritische",
    ),
)
"""Pairs of words that say the opposite of each other of the same thing (either side may be
the claim's)."""
_PAIRS = [(re.compile(rf"\b(?:{a})\b"), re.compile(rf"\b(?:{b})\b")) for a, b in _CONTRASTS]

_NUMBER = rf"\d+|{'|'.join(w for n, w in DUTCH_NUMBERS.items() if 1 <= n <= 12)}"
_LABEL = re.compile(
    rf"\b(groep|niveau|klas|leerjaar)\s+"
    rf"((?:{_NUMBER})(?:\s*(?:,|en|of|t/m|tot en met)\s*(?:{_NUMBER}))*)\b",
    re.IGNORECASE,
)
"""A school level or year named by its number: "groep zeven", "niveau 3 en 4"."""
_MINISTRIES = {
    "OCW": r"OCW|Onderwijs(?:,\s*Cultuur\s+en\s+Wetenschap)?",
    "EZ": r"EZ|Economische\s+Zaken",
    "SZW": r"SZW|Sociale\s+Zaken(?:\s+en\s+Werkgelegenheid)?",
    "BZK": r"BZK|Binnenlandse\s+Zaken(?:\s+en\s+Koninkrijksrelaties)?",
    "I&M": r"I&M|Infrastructuur\s+en\s+Milieu",
}
_MINISTRY = re.compile(
    r"\b(?:ministeries?|ministers?|staatssecretaris(?:sen)?|bewindslieden|bewindspersonen)\s+van\s+("
    + "|".join(f"(?:{m})" for m in _MINISTRIES.values())
    + r")(?:\s+en\s+("
    + "|".join(f"(?:{m})" for m in _MINISTRIES.values())
    + r"))?\b"
    + r"|(?<![\w&-])(OCW|EZ|SZW|BZK|I&M)(?![\w&])"
)
"""A ministry, or a minister's: "ministerie van Economische Zaken", "ministers van OCW en EZ",
or a ministry's letters alone ("heeft SZW ...", "brief OCW")."""


_SCHOOL_TYPES: tuple[tuple[str, str], ...] = (
    ("vmbo-bb", r"basisberoepsgerichte\s+leerweg|vmbo-bb|basisberoepsgerichte|bbl-vmbo"),
    ("vmbo-kb", r"kaderberoepsgerichte\s+leerweg|vmbo-kb|kaderberoepsgerichte"),
    ("vmbo-gt", r"(?:gemengde|theoretische)\s+leerweg|vmbo-g/?tl|vmbo-gt|vmbo-tl|mavo\w*"),
    ("vmbo", r"vmbo\w*|(?:basis|kader)beroepsgerichte|(?:gemengde|theoretische)\s+leerweg|mavo\w*"),
    ("havo", r"havo\w*"),
    ("vwo", r"vwo\w*|atheneum|gymnasium"),
    ("mbo", r"mbo\w*"),
    ("hbo", r"hbo\w*|hogeschool|hogescholen"),
    ("wo", r"wo|universiteit|universiteiten|universitaire?"),
    ("po", r"basisschool\w*|basisscholen|basisonderwijs|primair\s+onderwijs"),
    ("vo", r"middelbare\s+(?:school|scholen)|voortgezet\s+onderwijs"),
)
"""School types and the vmbo's learning paths, each found by its words; a path also names the
vmbo, so that a claim about "het vmbo" holds for a sentence about its kaderberoepsgerichte
leerweg."""
_SCHOOL_TYPE = [(name, re.compile(rf"\b(?:{words})\b")) for name, words in _SCHOOL_TYPES]


def school_types(text: str) -> dict[str, str]:
    """The school types a text names, each as first written ("de kaderberoepsgerichte
    leerweg" -> {"vmbo-kb": "kaderberoepsgerichte leerweg", "vmbo": "kaderberoepsgerichte"})."""
    folded = fold(text)
    return {name: match.group(0) for name, words in _SCHOOL_TYPE if (match := words.search(folded))}


SECTORS = frozenset(["po", "vo"])
"""School types that name a whole sector ("basisscholen", "het voortgezet onderwijs"): they say
where, not a claim or a subject of their own (kb.claims.claim, kb.claims.parts)."""
_VO = frozenset(["vmbo", "havo", "vwo"])
"""The school types of the voortgezet onderwijs (the middelbare school)."""


def _within_vo(name: str, theirs: dict[str, str]) -> bool:
    """Whether a school type and the sentence's are the voortgezet onderwijs and one of its
    own ("het voortgezet onderwijs" for "havo en vwo", or the other way round)."""
    return (name == "vo" and bool(_VO & theirs.keys())) or (
        name.split("-")[0] in _VO and "vo" in theirs
    )


def _other_school(claim: str, sentence: str, quote: Quote | None) -> list[Finding]:
    """A school type the claim names where the sentence names only others: "klopt niet"."""
    ours, theirs = school_types(claim), school_types(sentence)
    others = [name for name in ours if name not in theirs and not _within_vo(name, theirs)]
    if not ours or not theirs or not others or all(name in ours for name in theirs):
        # Every type the sentence names, the claim names too ("mavo-leerlingen ... met
        # mbo-studenten" against "onder begeleiding van mbo-studenten"): no other school.
        return []
    folded = fold(sentence)
    first = min(theirs.values(), key=folded.find)
    return [Finding("label", "contradicted", ours[others[0]], first, quote)]


Pairs = list[tuple[re.Pattern[str], re.Pattern[str]]]


def contrasts(claim: str, quote: Quote) -> list[Finding]:
    """A word of the claim whose opposite the sentence says instead ("volledige" claimed,
    "beperkte" stated), or another range ("van AD tot promotie" where it says "van AD tot
    Master"): "klopt niet", each side in its own words."""
    return (
        opposed(claim, quote, _PAIRS, "contrast")
        or _other_range(claim, quote)
        or _named_for_another(claim, quote)
        or _least(claim, quote)
    )


_LEAST = re.compile(r"\bminst(?:e)?\s+([a-z]{4,})")


def _least(claim: str, quote: Quote) -> list[Finding]:
    """ "een van de minst populaire sectoren" where the sentence says "een van de
    populairste" (or "meest populaire"): the other end of the same scale."""
    least = _LEAST.search(fold(claim))
    if least is None:
        return []
    stem = least.group(1)[:6]
    most = re.search(rf"\b(?:{stem}\w*ste|meest(?:e)?\s+{stem}\w*)\b", fold(quote.text))
    if most is None:
        return []
    return [Finding("contrast", "contradicted", least.group(0), most.group(0), quote)]


_NAMED_FOR = re.compile(r"\b((?:[A-Z][\w-]+\s+){1,3})(?:voor|over)\s+((?:\w+\s+)?\w+)")
"""A name and what it is for: "Nationaal Akkoord voor menselijk kapitaal"."""


def _named_for_another(claim: str, quote: Quote) -> list[Finding]:
    """The claim's name for another thing than the sentence's ("een Nationaal Akkoord voor
    duurzame energie" where it calls for one "voor menselijk kapitaal")."""
    theirs = {fold(m.group(1)): m for m in _NAMED_FOR.finditer(quote.text)}
    for ours in _NAMED_FOR.finditer(claim):
        stated = theirs.get(fold(ours.group(1)))
        if stated is not None and _other_object(ours.group(2), stated.group(2)):
            said = f"{ours.group(1)}{claim[ours.end(1) : ours.end()]}"
            return [Finding("contrast", "contradicted", said, stated.group(0), quote)]
    return []


def _other_object(ours: str, theirs: str) -> bool:
    """Whether two things a name is for are other things: words in lower case ("duurzame
    energie", "menselijk kapitaal"; not the rest of a name, "Kiezen voor Technologie") with no
    word of four letters or more in common."""
    if not (ours[:1].islower() and theirs[:1].islower()):
        return False
    words = [{w for w in fold(t).split() if len(w) >= 4} for t in (ours, theirs)]
    return bool(words[0] and words[1]) and not words[0] & words[1]


_RANGE = re.compile(r"\bvan\s+([^\W\d][\w-]*)\s+tot\s+(?:en\s+met\s+)?([^\W\d][\w-]*)")
"""A range named by its ends in words: "van AD tot Master", "van mbo tot en met wo"."""


def _other_range(claim: str, quote: Quote) -> list[Finding]:
    ours, theirs = _RANGE.search(claim), _RANGE.search(quote.text)
    if ours is None or theirs is None:
        return []
    if all(_same_end(a, b) for a, b in zip(ours.groups(), theirs.groups(), strict=True)):
        return []
    return [Finding("contrast", "contradicted", ours.group(0), theirs.group(0), quote)]


def _same_end(ours: str, theirs: str) -> bool:
    """One end of a range as the other writes it: "AD-" for "AD", "masterniveau" for
    "Master"."""
    a, b = (fold(end).strip("-") for end in (ours, theirs))
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def opposite_words(claim: str, passage: str) -> list[str]:
    """The claim's words whose opposite (`_CONTRASTS`) the passage says and they do not:
    "negatief" where the passage has "positief"."""
    ours, theirs = fold(claim), fold(passage)
    return [
        said.group(0)
        for one, other in _PAIRS
        for a, b in ((one, other), (other, one))
        if b.search(theirs) and not a.search(theirs)
        for said in a.finditer(ours)
    ]


def opposed(claim: str, quote: Quote, pairs: Pairs, aspect: str) -> list[Finding]:
    """The first of `pairs` (either side may be the claim's) whose one side the claim says and
    whose other the sentence says instead, as a contradicted finding of `aspect`."""
    ours, theirs = fold(claim), fold(quote.text)
    for one, other in pairs:
        for a, b in ((one, other), (other, one)):
            said, stated = a.search(ours), b.search(theirs)
            if said and stated and not a.search(theirs) and not b.search(ours):
                # The sentence's side as it writes it ("Alle"), where folding kept the length.
                words = quote.text if len(theirs) == len(quote.text) else theirs
                shown = words[stated.start() : stated.end()]
                return [Finding(aspect, "contradicted", said.group(0), shown, quote)]
    return []


_HEDGE = re.compile(r"\b(?:weinig|nauwelijks|amper|zelden)\s+(\w{4,})")
_LOW = re.compile(
    r"\b(?:weinig|nauwelijks|amper|zelden|laag|lage|gering\w*|klein\w*|beperkt\w*|tekort\w*|gebrek\w*"
    r"|onvoldoende|schaars\w*)\b"
)


def hedged(claim: str, quote: Quote) -> list[Finding]:
    """ "weinig waarde" claimed where the sentence gives the thing ("waarde") without saying it
    is little ("nauwelijks doordringt" where it "dringt steeds verder door"): "klopt niet"."""
    match = _HEDGE.search(fold(claim))
    theirs = fold(quote.text)
    if match is None or _LOW.search(theirs):
        return []
    given = (
        re.search(rf"\b{match.group(1)}\b", theirs)
        or _split_verb(match.group(1), theirs)
        or (_WANTED.search(theirs) if match.group(1) == "behoefte" else None)
    )
    if given is None:
        return []
    return [Finding("contrast", "contradicted", match.group(0), given.group(0), quote)]


_WANTED = re.compile(r"\bwil(?:len|de|den)?\s+graag\b")
"""A need the sentence states in other words: "weinig behoefte aan" where "het mbo wil graag
... meer docenten"."""


PARTICLES = r"op|af|aan|uit|mee|door|terug|toe|bij|weg|na|om|in|over"
"""The particles a separable verb splits off ("doordringen": "dringt ... door")."""
_PARTICLE = re.compile(rf"^({PARTICLES})(\w{{4,}})$")


def _split_verb(word: str, sentence: str) -> re.Match[str] | None:
    """A separable verb as a sentence splits it: "doordringt" in "dringt steeds verder door"."""
    parts = _PARTICLE.match(word)
    if parts is None:
        return None
    particle, verb = parts.groups()
    return re.search(rf"\b{verb}\b(?:\s+\w+){{0,4}}?\s+{particle}\b", sentence)


_DONE = re.compile(r"\b(?:inmiddels(?:\s+al)?|al|reeds)\b")
_TENTATIVE = re.compile(
    r"\b(?:wordt\s+verkend|worden\s+verkend|verkent|in\s+de\s+toekomst(?:\s+mogelijk)?"
    r"|mogelijk(?!\s+(?:te\s+)?(?:gemaakt|maken|maakt))|wordt\s+onderzocht|onderzocht\s+of|overwogen"
    r"|overweegt|op\s+termijn|voornemens|gepland)\b"
)


_AS_POSSIBLE = re.compile(r"\bzo\s+\w+\s+$")
"""Before "mogelijk", what makes it "as ... as possible" ("zo vroeg mogelijk"), not "may"."""


def _tentative(text: str) -> re.Match[str] | None:
    return next(
        (
            m
            for m in _TENTATIVE.finditer(text)
            if not (m.group(0) == "mogelijk" and _AS_POSSIBLE.search(text, 0, m.start()))
        ),
        None,
    )


def planned(claim: str, quote: Quote) -> list[Finding]:
    """ "al" or "inmiddels" claimed where the sentence says it is explored or may come ("wordt
    verkend", "leidt in de toekomst mogelijk tot"): what the report holds possible is not
    done yet, "klopt niet"."""
    ours, theirs = fold(claim), fold(quote.text)
    done, tentative = _DONE.search(ours), _tentative(theirs)
    if done is None or tentative is None or _tentative(ours) or _DONE.search(theirs):
        return []
    words = quote.text if len(theirs) == len(quote.text) else theirs
    shown = words[tentative.start() : tentative.end()]
    return [Finding("contrast", "contradicted", done.group(0), shown, quote)]


def labels(text: str) -> dict[str, tuple[str, frozenset[int]]]:
    """The levels a text names, by kind: {"niveau": ("niveau 3 en 4", {3, 4})}."""
    found: dict[str, tuple[str, frozenset[int]]] = {}
    for match in _LABEL.finditer(text):
        numbers = frozenset(
            int(number_of(n) or 0) for n in re.findall(_NUMBER, match.group(2).lower())
        )
        kind = match.group(1).lower()
        # A sentence may name several ("op niveau 1 ... op niveau 2"): every one counts.
        before = found.get(kind)
        found[kind] = (before[0], before[1] | numbers) if before else (match.group(0), numbers)
    return found


def ministries(text: str) -> tuple[str, frozenset[str]] | None:
    """The ministries a text names, as written and by short name ("OCW", "EZ")."""
    named: set[str] = set()
    first = ""
    for match in _MINISTRY.finditer(text):
        first = first or match.group(0)
        for name in filter(None, match.groups()):
            named |= {k for k, m in _MINISTRIES.items() if re.fullmatch(m, name)}
    return (first, frozenset(named)) if named else None


def without_ministries(text: str) -> str:
    """`text` without the ministries it names: which ministry is a value of the claim, checked
    apart, not what the claim is about ("de minister van Economische Zaken subsidieert Boris"
    is about Boris, which the report says "de staatssecretaris van OCW" subsidises)."""
    return " ".join(_MINISTRY.sub(" ", text).split())


def labelled(claim: str, sentence: str, quote: Quote | None = None) -> list[Finding]:
    """A level the claim names that the sentence names otherwise ("groep acht" against
    "groep zeven", "niveau 2" against "niveau 3 en 4"): "klopt niet"."""
    stated = labels(sentence)
    found: list[Finding] = []
    for kind, (text, numbers) in labels(claim).items():
        if kind in stated and not numbers <= stated[kind][1]:
            found.append(Finding("label", "contradicted", text, stated[kind][0], quote))
    ours, theirs = ministries(claim), ministries(sentence)
    if ours and theirs and not ours[1] <= theirs[1]:
        # "ministerie van Onderwijs" where the sentence names "ministerie van Economische Zaken".
        found.append(Finding("label", "contradicted", ours[0], theirs[0], quote))
    # "de basisberoepsgerichte leerweg" where the sentence names the theoretische.
    return found + _other_school(claim, sentence, quote)

"""A claim as stated: the statement inside "Klopt het dat …?", its values, places and direction.

>>> claim = parse_claim("Klopt het dat er 40 trainees zijn gestart, zoals de minister zei?")
>>> claim.statement, [q.text for q in claim.quantities]
('er 40 trainees zijn gestart', ['40'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kb.analyser import fold
from kb.claims.contrast import SECTORS, school_types
from kb.claims.quantities import NUMBER, Quantity, quantities

_ASKS = re.compile(
    r"^\s*(?:(?:maar\s|en\s)?(?:klopt\s(?:het|dit)|is\s(?:het\s)?(?:waar|juist|correct)"
    r"|het\srapport\s(?:zegt|stelt|meldt|schrijft)|volgens\shet\srapport\s(?:is|zijn|heeft|hebben)?"
    r"|(?:(?:zegt|stelt|meldt|schrijft|vermeldt)\shet|staat\s(?:er\s)?in\shet)"
    r"\s(?:rapport|voorwoord)(?=\sdat\s)"
    r"|check|controleer|waar\sof\sniet)[,:]?\s(?:dat\s|of\s)?)",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*(?:,\s*(?:zoals|volgens)\b(?![^,?]*(?:[Mm]otie|Kamerlid))[^,?]*"
    r"|[,—–-]?\s*(?:klopt\s(?:dat|dit|het)|toch|waar|of\sniet))\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_SAYS = (
    r"(?:staat|zegt|meldt|stelt|schrijft|noemt|erkent|constateert|signaleert|concludeert"
    r"|waarschuwt|benadrukt|vermeldt|beschrijft)"
)
_REPORT = r"(?:het|in\shet|de|in\sde)\s(?:rapport|voorwoord|rapportage)"
_SOURCE = re.compile(
    r"^(?:volgens\s(?:het\s)?(?:rapport|voorwoord|de\srapportage),?\s"
    rf"|{_REPORT}\s{_SAYS}\s(?:dat\s)?)"
    r"|,?\s(?:volgens|aldus)\s(?:het\s)?(?:rapport|voorwoord)\b,?"
    rf"|,?\s*(?:zo\s)?{_SAYS}\s{_REPORT}(?:\svan\sde\s(?:voortgangs)?rapportage)?$",
    re.IGNORECASE,
)
"""Who says it, inside a statement ("volgens het voorwoord", "het voorwoord meldt dat"): not
part of what is checked (the claim check reads "voorwoord" from the claim as typed)."""
_NEGATION = re.compile(r"\b(?:niet|geen|nooit|nergens|niemand)\b(?!-)")
"""A negation; "niet-bekostigd" is one word, not a negation."""
_ALMOST = re.compile(rf"\b(?:net|nog)\s+geen\s+(?=€|{NUMBER})", re.IGNORECASE)
""""net geen twee miljoen" and "nog geen 40" say "bijna": an approximation, not a negation."""
_EITHER = re.compile(r"\bniet\s+of\s+(?=niet\b)|\b(?:al\s+dan|wel\s+of)\s+niet\b", re.IGNORECASE)
""""niet of niet meer" negates once ("niet (meer)"); "al dan niet" and "wel of niet" not at all."""
_UP = (
    r"meer|hoger|groter|gestegen|stijgt|stijgen|toegenomen|neemt\stoe|groei\w*|beter|sterker"
    r"|vaker|ruimer|positie\w*|toename|toenemend\w*|neemt\stoe|oplopend\w*|op\ste\slopen|loopt\sop"
    r"|hoogste|steeds\sgroter|brede?\s(?:waardering|steun|draagvlak|belangstelling|instemming)"
    r"|steeg|stegen|groeide|groeiden|nam\w*\s(?:\S+\s){0,14}toe|neemt\s(?:\S+\s){0,8}toe"
    r"|toeneemt|toenemen|toe\ste\snemen|oplopen|oploopt|opgelopen|liep\w*\sop|stijging\w*|stijgend\w*"
    r"|gegroeid|toenam(?:en)?|opliep(?:en)?|steeds\s(?:grotere|hogere)"
    r"|vooruit\s?(?:gegaan|gaan|gaat|ging|gingen)"
)
_DOWN = (
    r"minder|lager|kleiner|gedaald|daalt|dalen|afgenomen|neemt\saf|krimp\w*|slechter|zwakker"
    r"|minder\svaak|gezakt|negatie\w*|afname|afnemend\w*|afneemt|afnemen|neemt\saf|teruglopend\w*"
    r"|loopt\sterug|laagste|beperkte?|daalde|daalden|kromp|nam\w*\s(?:\S+\s){0,14}af"
    r"|neemt\s(?:\S+\s){0,8}af|af\ste\snemen|terugloopt|teruglopen|terugloop|teruggelopen"
    r"|liep\w*\sterug|loopt\s(?:\S+\s){0,8}terug|daling\w*|dalend\w*|gekrompen|terugliep(?:en)?"
    r"|afnam(?:en)?|steeds\s(?:kleinere|lagere|minder)"
    r"|achteruit\s?(?:gegaan|gaan|gaat|ging|gingen)"
)
_FLAT = re.compile(
    r"\b(?:stabiel|gelijk\sgebleven|constant|onveranderd|(?:ongeveer|vrijwel|nagenoeg)\sgelijk)\b"
)
_COMPARED = re.compile(
    rf"\b(?:meer|minder)\s(?:dan|als)\s(?=€|{NUMBER}|de\shelft\b)"
    r"|\bonder\smeer\b"
    r"|\bafnemende\s(?:sector|partij|bedrij|instelling|veld|werkveld|branche)\w*"
    r"|\b(?:om|voor)\s(?:onder\smeer\s)?(?:nog\s)?(?:meer|minder)\b"
    r"|\bom\s(?:\S+\s){1,4}(?:beter|meer|minder)\ste\b"
    r"|\bondanks\s(?:de\s|het\s)?(?:\w+\s)?\w+"
)
""""meer dan 150" is an approximation of a number, "onder meer" means "among others" and
"afnemende sectoren" the sectors that take on the graduates, and "om meer leraren voor de klas
te krijgen", "om het beroepsonderwijs beter te laten aansluiten" or "de aanpak voor meer
meisjes" a purpose, and "ondanks de demografische krimp"
what it went against: none is a direction."""
_UP_RE = re.compile(rf"\b(?:{_UP})\b")
_DOWN_RE = re.compile(rf"\b(?:{_DOWN})\b")


@dataclass(frozen=True)
class Claim:
    """What a claim states: `statement` without the asking ("Klopt het dat"), its values,
    whether it is negated, and the direction it claims ("up", "down" or None)."""

    text: str
    statement: str
    quantities: tuple[Quantity, ...]
    negated: bool
    direction: str | None

    def masked(self) -> str:
        """The statement without its values: what the claim is about, for searching (a wrong
        number in a claim must not steer the search away from the right sentence)."""
        out, last = [], 0
        for q in self.quantities:
            out.append(self.statement[last : q.start])
            last = q.end
        out.append(self.statement[last:])
        return " ".join("".join(out).split())


def is_claim(text: str) -> bool:
    """Whether a question asks to check a claim: "Klopt het dat …", "Is het waar dat …",
    "Het rapport zegt dat …?".

    >>> is_claim("Klopt het dat er 38 trainees zijn?"), is_claim("Hoeveel trainees zijn er?")
    (True, False)
    """
    return bool(_ASKS.match(text)) and len(_ASKS.sub("", text, count=1).split()) >= 3


def parse_claim(text: str, places: Callable[[str], bool] = lambda word: False) -> Claim:
    """The claim a text states (the whole text when it does not ask "Klopt het dat"); `places`
    says whether a capitalised first word is a place ("Finland ...", "Limburg ..."), which keeps
    its capital."""
    statement = _ASKS.sub("", text.strip(), count=1)
    statement = _TAIL.sub("", statement).strip().rstrip("?.!").strip()
    statement = " ".join(_SOURCE.sub(" ", statement).split()) or statement
    first = statement.split(" ", 1)[0]
    if (
        first[:1].isupper()
        and first[1:].islower()
        and text.strip().startswith(first)
        and not places(first)
    ):
        # "Het project ..., klopt dat?" reads as "het project ...", never "TechNet" or
        # "VO-raad"; a capital after "Klopt het dat" is a name's ("Klopt het dat Cito ...").
        statement = statement[0].lower() + statement[1:]
    return Claim(
        text=text,
        statement=statement,
        quantities=tuple(quantities(statement)),
        negated=negated(statement),
        direction=direction_of(statement),
    )


def negated(text: str) -> bool:
    """Whether a text says "niet", "geen", "nooit" (an odd number of times)."""
    said = _EITHER.sub("", _ALMOST.sub("bijna ", fold(text)))
    return len(_NEGATION.findall(said)) % 2 == 1


def direction_of(text: str) -> str | None:
    """ "up" for "meer, gestegen, toegenomen, beter", "down" for their opposites, "flat" for
    "stabiel, gelijk gebleven", else None."""
    folded = _COMPARED.sub(" ", fold(_unnamed(text)))
    up, down = bool(_UP_RE.search(folded)), bool(_DOWN_RE.search(folded))
    if up == down:
        return "flat" if not up and _FLAT.search(folded) else None
    return "up" if up else "down"


_NAMED_WORD = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+\b")


def _unnamed(text: str) -> str:
    """`text` with the capitalised words inside it blanked out: the "Meer" of the project
    "Meer meisjes in de techniek" names it; it says no direction."""
    return _NAMED_WORD.sub(lambda m: " " * len(m.group(0)), text)


def direction_words(text: str, about: str = "") -> str | None:
    """The words of `text` that state its direction ("oplopende", "positieve", "op te lopen"),
    as written, so that a verdict can show the report's own words; None without one. Of
    several, the one whose clause shares most words with `about` (the claim) is taken."""
    stated = direction_of(text)
    if stated is None:
        return None
    folded = _COMPARED.sub(lambda m: " " * len(m.group(0)), fold(_unnamed(text)))
    pattern = {"up": _UP_RE, "down": _DOWN_RE, "flat": _FLAT}[stated]
    matches = list(pattern.finditer(folded))
    if not matches:
        return None
    wanted = set(re.findall(r"\w{4,}", fold(about)))

    def near(match: re.Match[str]) -> int:
        left = max(folded.rfind(mark, 0, match.start()) for mark in ",;:(")
        rights = [i for mark in ",;:)" if (i := folded.find(mark, match.end())) >= 0]
        clause = folded[left + 1 : min(rights, default=len(folded))]
        return len(wanted & set(re.findall(r"\w{4,}", clause)))

    match = max(matches, key=near)
    source = text if len(folded) == len(text) else folded
    return source[match.start() : match.end()]


def negation_words(text: str) -> str | None:
    """The negation in `text` with the word after it ("niet vaker", "geen tekort")."""
    text = _ALMOST.sub(lambda m: " " * len(m.group(0)), text)
    match = re.search(r"\b(?:niet|geen|nooit|nergens|niemand)\b(?:\s+[\w-]+)?", text, re.IGNORECASE)
    return match.group(0) if match else None


_JOINS = re.compile(
    rf"\s*;\s*|,?\s+(?:terwijl|maar(?!\s+{NUMBER})|en\s+dat|en\s+daarnaast|waaronder)\s+"
    r"|,\s+(?:waar|waarin|waarbij|waarna|waarmee|en)\s+|\s+(en)\s+"
    r"|,\s+(?:al|hoewel|ofschoon)\s+(?=(?:is|zijn|was|waren|heeft|hebben|wordt|worden|er)\b)"
)
_OPEN_PURPOSE = re.compile(r"\bom\s+(?:(?!te\b)[\w'’-]+\s+){0,3}(?!te\b)[\w'’-]+$")
"""A purpose whose verb is still to come: "om onderwijs | en arbeidsmarkt beter te laten
aansluiten" joins two words, not two claims."""
MIN_CLAUSE_WORDS = 4
"""Words each part of a compound claim must have ("havo en vwo" joins words, not claims)."""


def clauses(statement: str) -> list[str]:
    """The parts of a compound claim, each of which states something checkable on its own: the
    statement split at ";", "terwijl", "maar", ", en", "en dat" and "en" where both sides have
    at least four words and a value, a name or a direction ("VHTO gaf in 2016 trainingen | de
    procesevaluatie verscheen in juli 2016"); the statement itself when it is one claim."""
    # A plain "en" last: "Via het Rif werken bedrijven en scholen ...; het fonds is verlengd"
    # is split at ";", not between the two subjects.
    values = quantities(statement)
    for join in sorted(_JOINS.finditer(statement), key=lambda j: bool(j.group(1))):
        if any(q.start < join.start() < q.end for q in values):
            continue  # "zevenendertig en een half miljoen euro" is one value
        left, right = statement[: join.start()], statement[join.end() :]
        if join.group(1) and (not _joins_claims(left, right) or _OPEN_PURPOSE.search(left)):
            continue
        if _joined(join) == ", waar" and not _VERB.search(fold(left)):
            continue  # "Het Teaching & Learning Lab, waar docenten ...": what the subject is
        if (_checkable_part(left) or _stated_before(join, left, right)) and (
            _checkable_part(right) or _said_apart(join, right)
        ):
            return [*clauses(left.strip()), *clauses(right.strip())]
    return [statement]


_WEL = re.compile(r"wel\b")

MIN_SAID_WORDS = 6
"""Words a part after ", en" must have to be a statement of its own without a value or name
(", en is daarin zelfs hekkensluiter" adds to the first part; it does not state apart)."""


_CONCEDING = ("terwijl", "maar", "al", "hoewel", "ofschoon")
"""Words that join a contrast or a concession ("..., al is er nauwelijks vraag naar ...")."""


def _joined(join: re.Match[str]) -> str:
    """The words that join two parts, lowercased, in single spaces (", maar", "en dat")."""
    return " ".join(join.group(0).split()).lower()


def _stated_before(join: re.Match[str], left: str, right: str) -> bool:
    """Whether the part before "en dat", "terwijl", "maar" or ", en" states something of its
    own in a clause with a verb, even without a value or name ("de huidige instroom ... genoeg
    is om aan de vraag te voldoen, en dat ...", "Onderwijs, bedrijfsleven en overheden werken
    dagelijks samen in regionale verbanden, en ..."); ", en wel ..." says more of it."""
    joined = _joined(join)
    return (
        (
            joined.strip(", ") in ("en dat", ";", *_CONCEDING)
            or (joined == ", en" and not _WEL.match(right))
        )
        and len(left.split()) >= MIN_SAID_WORDS
        and bool(_VERB.search(fold(left)))
    )


def _said_apart(join: re.Match[str], right: str) -> bool:
    """Whether a part the claim joins with "en dat", or with ", en" and a clause of its own,
    is a second statement even without a value, name or direction ("... plaatsvond en dat het
    toen om de eerste editie ging"): what it says in words is checked on its own."""
    joined = _joined(join)
    words = len(right.split())
    if joined.endswith("en dat"):
        return words >= MIN_CLAUSE_WORDS
    if joined.strip(", ") in _CONCEDING or joined == ";":
        # "..., maar de school staat afwijzend tegenover ...", "...; het regionale bedrijfsleven
        # biedt wel ...": a contrast, or a sentence of its own after a semicolon, with a verb,
        # says a second thing.
        return words >= MIN_SAID_WORDS and bool(_VERB.search(fold(right)))
    return joined == ", en" and words >= MIN_SAID_WORDS


_DATE_START = re.compile(
    r"(?:begin|eind|medio|half|halverwege|voorjaar|najaar|zomer|winter|januari|februari|maart"
    r"|april|mei|juni|juli|augustus|september|oktober|november|december|\d{4})\b"
)
"""A date right after "2016 en": two dates of one claim ("in het najaar van 2016 en begin
2017 vijf bijeenkomsten"), not two claims."""


_PHRASE = re.compile(
    r"wetenschap en techn|onderwijs en bedrijfsleven|bedrijfsleven en onderwijs"
    r"|beta en techniek|natuur en techniek|vraag en aanbod"
)
"""Pairs that are one thing in the report ("wetenschap en technologie"), not two claims."""


_ADJECTIVE_END = re.compile(r"\b(?:de|het|een)\s+\w+e$")
_ADJECTIVE_START = re.compile(r"(?:(?:de|het|een)\s+)?(?!deze\s|die\s|welke\s)\w{4,}e\s")
"""Two adjectives of one noun ("de gemengde en (de) theoretische leerweg"): not two claims."""


_VERB = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|hadden|kan|kunnen|kon"
    r"|konden|zal|zullen|zou|zouden|moet|moeten|mag|mogen|gaat|gaan|ging|gingen|komt|komen|kwam"
    r"|kwamen|krijgt|krijgen|kreeg|kregen|blijft|blijven|bleef|bleven|staat|staan|stond|stonden"
    r"|ligt|liggen|lag|lagen|neemt|nemen|nam|namen|biedt|bieden|bood|boden|geeft|geven|gaf|gaven"
    r"|doet|doen|deed|deden|telt|tellen|loopt|lopen|liep|liepen|steeg|stegen|stijgt|stijgen"
    r"|daalt|dalen|groeit|groeien|kiest|kiezen|koos|kozen|begint|beginnen|begon|begonnen"
    r"|trekt|trekken|zoekt|zoeken|vindt|vinden|vond|vonden|heet|heten|houdt|houden|hield|hielden"
    r"|zet|zetten|zit|zitten|zat|zaten|brengt|brengen|bracht|brachten|laat|laten|liet|lieten"
    r"|verscheen|verschenen|verschijnt|verschijnen|schreef|schreven|sprak|spraken|won|wonnen|wint"
    r"|winnen|zag|zagen|ziet|zien|bleek|bleken|blijkt|viel|vielen|valt|vallen|sloot|sloten|sluit"
    r"|sluiten|droeg|droegen|draagt|dragen|hielp|hielpen|helpt|helpen|trok|trokken|riep|riepen)\b"
    r"|(?<!\bte\s)(?:\bge\w{3,}(?:d|t|en)\b|\b\w{3,}(?:de|(?<![mgdn])te|(?<!e)den|dt|(?<!en|ei|ec)(?<!a)(?<!\w\wis)ten)\b"
    r"|\b\w{4,}(?:eert|eren)\b)"
    r"|\b(?:aan|op|af|uit|in|mee|toe|door|voor|over|terug|bij)\w{3,}t\b|^\s*\w{3,}t\s"
)
"""A verb, loosely: a part joined by a plain "en" states something of its own only with one
("de staatssecretaris en de minister van OCW" joins two subjects of one claim). A plural noun
in "-ten" or "-eden" is none ("docenten", "universiteiten", "projecten", "steden", "leden",
"havisten"), nor a noun in "-mte", "-gte", "-dte", "-nte" ("ruimte", "hoogte", "breedte")."""


_SHARED_VERB = re.compile(rf"(?:{_VERB.pattern}|wil\b|wilde\b)")
"""A verb that begins the part after "en": its subject is the one before ("... en wil ...")."""


def _joins_claims(left: str, right: str) -> bool:
    """Whether a plain "en" joins two claims rather than two names or a range: not in "tussen
    2014 en mei 2017", "2016 en begin 2017", "tot en met", "basis- en kaderberoepsgerichte",
    "Food en Proces Campus", "OCW en EZ", "de gemengde en de theoretische", two school types
    ("de pps-en uit mbo en hbo samenkomen"), two infinitives
    ("te werven en te behouden"), the end of a list ("informatica, elektrotechniek en
    werktuigbouwkunde") or two that act on each other ("onderwijs en arbeidsmarkt beter op
    elkaar laten aansluiten")."""
    before, after = left.split()[-1], right.split()[0]
    return (
        # "Food en Proces Campus", "OCW en EZ", "de Topsectoren en de Bouwagenda", "APG en
        # enkele schoolbesturen": names joined; "CIO Platform Nederland en mede mogelijk wordt
        # gemaakt", "... van het Techniekpact en richt zich op ..." join two claims.
        (
            before[:1].islower()
            or before[:1].isdigit()
            or after[:1].isdigit()
            or bool(_VERB_SOON.match(fold(right)))
        )
        and (after[:1].islower() or after[:1].isdigit())
        and not re.search(r",\s*\S+$", left)
        and not before.endswith("-")
        and not _PHRASE.search(fold(f"{before} en {after}"))
        and fold(before) not in ("tussen", "tot")
        and not (before[:1].isdigit() and _DATE_START.match(fold(right)))
        and not re.search(r"\btussen\s+(?:\S+\s+)?\S+$", fold(left))
        and not _alike_words(before, after)
        and not (school_types(before) and school_types(after))
        and fold(after) != "te"
        and not re.match(r"(?:\S+\s+){0,4}(?:op|met|aan|bij)\s+elkaar\b", fold(right))
        and not (_ADJECTIVE_END.search(fold(left)) and _ADJECTIVE_START.match(fold(right)))
        and bool(_VERB.search(fold(right)))
        # "OTIB is samen met mbo-instellingen en de lerarenopleiding ... een pilot gestart":
        # a left side without a verb is one of two subjects, unless the right side begins
        # with the verb the two sides share ("Geef IT Door! koppelt ... en wordt ...").
        and bool(_VERB.search(fold(left)) or _SHARED_VERB.match(fold(right)))
        and not _open_auxiliary(left, right)
    )


_VERB_SOON = re.compile(
    r"\s*(?:\w{2,}t\s|(?!(?:de|het|een)\b)(?:\S+\s+){0,2}(?:is|zijn|was|waren|wordt|worden|werd"
    r"|werden|heeft|hebben|had|hadden|zal|zullen|kan|kunnen)\b)"
)
"""A verb in the present tense first after "en" ("... van het Techniekpact en richt zich op"),
or an auxiliary within the first three words, which begin with no article ("... Nederland en
mede mogelijk wordt gemaakt"): the part says something more of the subject."""

_AUXILIARY = re.compile(
    r"is|zijn|was|waren|heeft|hebben|had|hadden|wordt|worden|werd|werden|zal|zullen"
)
_PARTICIPLE = re.compile(
    r"\w{0,5}ge\w{3,}(?:d|t|en)|\w+eerd|begonnen|bereikt|besteed|benoemd|ontstaan|ontwikkeld"
    r"|verschenen|verkregen|verlengd|verhoogd|verbeterd|vergroot|verdubbeld|verdeeld"
)
"""A past participle ("gestart", "opgezet", "begonnen", "verlengd")."""


def _open_auxiliary(left: str, right: str) -> bool:
    """Whether the left part's only verb is an auxiliary whose participle stands in the right
    part, which has no verb of its own: "OTIB is met mbo-instellingen | en de lerarenopleiding
    van Windesheim een pilot gestart" joins two partners of one claim."""
    ours = [m.group(0).strip() for m in _VERB.finditer(fold(left))]
    theirs = [m.group(0).strip() for m in _VERB.finditer(fold(right))]
    return (
        bool(ours)
        and all(_AUXILIARY.fullmatch(verb) for verb in ours)
        and bool(theirs)
        and all(_PARTICIPLE.fullmatch(verb) for verb in theirs)
    )


def _alike_words(before: str, after: str) -> bool:
    """Two words of one kind joined: "toekomstbestendig en aardbevingsbestendig", "docenten en
    studenten" (the same last four letters), not two claims."""
    return min(len(before), len(after)) >= 6 and fold(before)[-4:] == fold(after)[-4:]


def _checkable_part(text: str) -> bool:
    words = text.split()
    if len(words) < MIN_CLAUSE_WORDS:
        return False
    names = re.search(r"(?<=\w )[A-Z][\w&-]+", text)
    # A sector ("het voortgezet onderwijs", "basisscholen") says where, not a claim of its own.
    types = school_types(text).keys() - SECTORS
    # "... en staat uitsluitend open voor voltijdstudenten": one thing only, checkable.
    only = re.search(r"\b(?:alleen|uitsluitend)\b", text, re.IGNORECASE)
    return bool(quantities(text) or names or direction_of(text) or types or only)

"""Reading a list question: which kind of part of the report it asks for, and what narrows it.

A list question asks for a set of parts of the report in a frame of its own: "Welke
voorbeelden ...", "Noem de doelen", "Zijn er projecten uit Flevoland?", "Wat is er bereikt bij
doel 5?", "Waar komt VHTO voor?", or keywords alone ("voorbeelden Groningen"). A question that
asks for one fact ("Hoeveel mbo-scholen doen mee aan het voorbeeld ...?", "Welke website hoort
bij het voorbeeld ...?") names a part of the report only to say where the fact stands, and is no
list question.

>>> list_request("Welke praktijkvoorbeelden zijn er in Zeeland?", gazetteer, {}).provinces
('Zeeland',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.regions import Gazetteer, Places
from kb.analyser import DUTCH_STOP_WORDS, analyse, fold
from kb.answers.goal_themes import (
    goal_of_theme,
    goals_of_theme,
    matches,
    theme_overlap,
    title_terms,
)
from kb.answers.question import DUTCH_NUMBERS

ListKind = Literal["examples", "achievements", "goals", "footnotes", "mentions"]


@dataclass(frozen=True)
class ListRequest:
    """What a list question asks for: a kind of part, narrowed by goal, place or name."""

    kind: ListKind
    goal: int | None = None
    goals: tuple[int, ...] = ()
    """The goals a theme names equally ("het doel over het mbo": 5 and 9), when not one."""
    provinces: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    """Places named in the question that are no province (a city, an area, a landsdeel)."""
    nearby: tuple[str, ...] = ()
    """The provinces of the places named: where to look when no part names the place itself."""
    terms: tuple[str, ...] = ()
    """Analysed words that a listed part must hold (an organisation, a subject)."""
    words: tuple[str, ...] = ()
    """The question's own words in order (folded): a name of several words is found among them."""
    site: str | None = None
    """A web address the listed examples link to."""
    national: bool = False
    """Examples tied to no place ("landelijke voorbeelden")."""
    by_province: bool = False
    """The question asks which provinces or regions ("Uit welke provincies ...?")."""
    section: str | None = None
    """A section the parts must stand in ("het voorwoord")."""
    parliamentary: bool = False
    """Sources that are papers of the Tweede Kamer ("Welke Kamerstukken ..."), not websites."""


_NOUNS: dict[ListKind, str] = {
    "examples": r"(?:\w*voorbeeld(?:en)?|\w*projecten|project|initiatie(?:f|ven)|cases"
    r"|(?:good|best) practices)",
    "achievements": r"(?:resultat(?:en)?|resultaat|prestaties|successen|opbrengsten|mijlpalen"
    r"|bereikt|behaald|geboekt|opgeleverd|gerealiseerd)",
    "goals": r"(?:doelen|doelstellingen|pactdoelen|ambities)",
    "footnotes": r"(?:bron(?:nen)?|voetno(?:ot|ten)|kamerstuk(?:ken)?|kamerbrie(?:f|ven)"
    r"|brie(?:f|ven)|verwijzing(?:en)?|referenties|bronvermeldingen)",
}
_PLACES_ASKED = r"(?:provincies|regio'?s|steden|plaatsen|gemeenten|landsdelen)"
_ANY_NOUN = "|".join([*_NOUNS.values(), _PLACES_ASKED])
# "Welke (Zeeuwse|twee|andere) voorbeelden", "In welke voorbeelden", "Wat zijn de doelen".
_WHICH = re.compile(
    rf"\bwelke?\s+(?:(?:\w+(?:e|s)|\d+)\s+){{0,2}}({_ANY_NOUN})\b"
    rf"|\bwat (?:zijn|waren) (?:de |alle )?(?:\w+e\s+)?({_ANY_NOUN})\b"
)
_COMMAND = re.compile(
    r"^(?:noem|geef|toon|laat|som|lijst|overzicht|opsomming|kun je|kunt u|ik zoek|zoek)\b"
)
_THERE_ARE = re.compile(
    r"^(?:zijn|staan|is|bestaan|worden|komen)\s+er\b"
    r"|^(?:noemt|geeft|beschrijft|bevat|heeft|kent|toont)\s+(?:het rapport|de rapportage)\b"
)
_QUESTION_START = re.compile(
    r"^(?:wie|wat|waar\w*|wanneer|welke?|hoe\w*|waarom|klopt|is|zijn|heeft|hebben|kan|kunnen"
    r"|wordt|worden|staat|staan|gaat|gaan|doet|doen|moet|moeten|mag|zal|zullen|wil|willen"
    r"|in|op|bij|uit|van|voor|met|aan|over|naar|tot|door|om|sinds|vanaf|per|het|de|een|er)\b"
)
_FACT = re.compile(
    r"^(?:en |maar |dus |en dan )?(?:hoeveel|hoe(?! staat het)|wie|wanneer|waarom|hoelang"
    r"|sinds wanneer"
    r"|in welk jaar|klopt|is het waar|het rapport zegt)\b"
)
_COUNT = re.compile(r"^hoeveel (?:\w+e )?(?:voorbeelden|doelen|doelstellingen|voetnoten|bronnen)\b")
_ACHIEVED = re.compile(
    r"\bwat (?:is|zijn|werd|werden) er\b.*\b(?:bereikt|gedaan|behaald|gerealiseerd|opgeleverd)\b"
    r"|\bhoe staat het (?:er )?(?:voor )?met\b|\b(?:stand van zaken|voortgang) (?:bij|van)\b"
)
_ACHIEVED_BY = re.compile(
    r"\bwat (?:heeft|hebben) (.+?) (?:bereikt|opgeleverd|behaald|gerealiseerd)\b"
)
_PLACE_FRAME = re.compile(
    r"\bwat (?:gebeurt|gebeurde|speelt|is er te doen|loopt) (?:er )?(?:in|rond|bij|uit)\b"
    r"|\bwat (?:noemt|zegt|meldt|vermeldt|staat) (?:er )?(?:in )?(?:het rapport|de rapportage)"
    r" over\b|\bwat staat er over\b"
)
_MENTIONS = (
    re.compile(
        r"\bwaar (?:in (?:het rapport|de rapportage) )?(?:komt|komen) (.+?) "
        r"(?:voor|aan bod|ter sprake)$"
    ),
    re.compile(r"\bwaar (?:wordt|worden) (.+?) (?:genoemd|vermeld|besproken|behandeld)$"),
    re.compile(r"\bwaar (?:gaat|gaan) (?:het rapport|de rapportage) (?:in )?op (.+)$"),
    re.compile(r"\bwaar staat (?:er )?iets over (.+)$"),
    re.compile(
        r"^in welke (?:delen|onderdelen|hoofdstukken|passages) (?:van (?:het rapport|de "
        r"rapportage) )?(?:komt|komen|wordt|worden|staat|staan) (.+?)"
        r"(?: voor| genoemd| vermeld| aan bod)?$"
    ),
    re.compile(
        r"^welke? (.+?) (?:noemt|noemen|beschrijft|bespreekt) (?:het rapport|de rapportage"
        r"|het voorwoord|de voortgangsrapportage)$"
    ),
    re.compile(
        r"^welke? (.+?) (?:worden|zijn) (?:er )?(?:in (?:het rapport|de rapportage) )?"
        r"(?:genoemd|vermeld|besproken|beschreven)$"
    ),
)
_SPECIFIC = re.compile(r"\b(?:aantal|datum|nummer|bedrag|percentage|welk jaar|afzender)\b")
"""A question after a number or a date of a part is no list question ("datum Kamerstuk
33566-96", "aantal projecten Zeeland")."""
_PARLIAMENTARY = re.compile(r"\bkamer(?:stuk|stukken|brief|brieven)\b")
_NATIONAL = re.compile(
    r"\blandelijke?\b|\bnationale\b|\bheel nederland\b|\bhet hele land\b|\bgeen regio\b"
)
_SITE = re.compile(r"(?:www\.)?[a-z0-9-]+\.(?:nl|com|org|eu)\b")
_GOAL_NUMBER = re.compile(r"\b(?:doel|doelstelling|pactdoel)\s+(\d{1,2}|[a-z]+)\b")
_ORDINAL_GOAL = re.compile(
    r"\b(eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde"
    r"|twaalfde)\s+(?:doel|pactdoel)\b"
)
_ORDINALS = [
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
]
_WORD_NUMBERS = {word: number for number, word in DUTCH_NUMBERS.items() if 1 <= number <= 12}
_CUES = frozenset(
    analyse(
        "welke welk voorbeelden voorbeeld praktijkvoorbeelden projecten project techniekprojecten "
        "initiatieven initiatief cases noemt noemen noem geef komt komen voor speelt spelen rol "
        "gaan gaat over staan staat beschrijft beschrijven rapport rapportage voortgangsrapportage "
        "techniekpact nationaal 2020 wat gebeurt gebeurde er in uit doelen doel doelstellingen "
        "doelstelling heeft hebben zijn worden wordt genoemd kamerstukken kamerstuk bronnen bron "
        "voetnoten voetnoot verwijst verwijzen aangehaald vermeld horen hoort bij alle twaalf "
        "overzicht resultaten resultaat bereikt behaald geboekt opgeleverd meldt melden toon "
        "lijst zien laat graag provincie provincies regio regios regio's stad steden landelijk "
        "landelijke gebied techniek uit vandaan heen website www zoek ik kun je kunt u allemaal "
        "opsomming hoeveel kent telt krijgen kreeg gekregen ontvangen ontving betrokken zitten "
        "nederland heel hele per maken te omgeving omstreken rond rondom omtrent betreffende "
        "doet doen deelnemen "
        "twee drie vier vijf zes zeven acht "
        "negen tien elf"
    )
)


def list_request(
    question: str, gazetteer: Gazetteer | None, goal_titles: dict[int, str]
) -> ListRequest | None:
    """What a list question asks for, or None when the question asks for one fact.

    `goal_titles` lets "het doel over leerkrachten" name a goal without its number.
    """
    folded = re.sub(r"\s+", " ", fold(question).strip(" ?!.")).strip()
    if _FACT.match(folded) and not _COUNT.match(folded):
        return None
    places = gazetteer.tag(question) if gazetteer else None
    kind, subject, frame = _asked(question, folded, bool(places and places.regions))
    if kind is None or _SPECIFIC.search(folded):
        return None
    goal = _goal_number(folded)
    # An example or a source is named by its goal's theme only with the word "doel" ("het
    # doel over leerkrachten"); an achievement always belongs to a goal.
    themed = goal is None and (kind == "achievements" or (kind != "goals" and "doel" in folded))
    goals: tuple[int, ...] = ()
    if themed and goal_titles:
        goal = goal_of_theme(_content(subject), goal_titles)
        if goal is None and kind != "achievements":
            goals = _tied_goals(_content(subject), goal_titles)
    place_words = set(analyse(" ".join(places.regions))) if places else set()
    if places and gazetteer:
        place_words |= set(analyse(" ".join(gazetteer.names(question))))
    own = tuple(
        t for n in (goal, *goals) if n is not None for t in title_terms(goal_titles.get(n, ""))
    )
    if goal is not None and not themed:
        subject = re.sub(r"\(.*?\)", " ", _ORDINAL_GOAL.sub(" ", _GOAL_NUMBER.sub(" ", subject)))
    site = _SITE.search(folded) if kind == "examples" else None
    if site:
        subject = subject.replace(site.group(0), " ")
    terms = tuple(t for t in _content(subject) if t not in place_words and not matches(t, own))
    allowed = OWN_WORDS[frame] + (frame == "singular" and kind == "footnotes" and goal is not None)
    own_words = _own_words(question, terms, names=frame != "keywords")
    if own_words > allowed or any(_standalone_number(t, folded) for t in terms):
        return None
    provinces, regions = _split_places(places, gazetteer, folded)
    return ListRequest(
        kind=kind,
        goal=goal,
        goals=goals,
        provinces=provinces,
        regions=regions,
        nearby=places.provinces if places else (),
        terms=terms,
        words=_words(subject),
        site=site.group(0) if site else None,
        national=kind == "examples" and bool(_NATIONAL.search(folded)),
        by_province=bool(re.search(rf"\b{_PLACES_ASKED}\b|\bper (?:provincie|regio)\b", folded)),
        section="voorwoord" if "voorwoord" in folded else None,
        parliamentary=kind == "footnotes" and bool(_PARLIAMENTARY.search(folded)),
    )


def _tied_goals(asked: tuple[str, ...], goal_titles: dict[int, str]) -> tuple[int, ...]:
    """The few goals whose titles each hold every asked word, when a theme names several."""
    tied = goals_of_theme(asked, goal_titles)
    every = bool(tied) and theme_overlap(asked, goal_titles[tied[0]]) == len(set(asked))
    return tuple(tied) if every and 1 < len(tied) <= MOST_TIED_GOALS else ()


MOST_TIED_GOALS = 3
"""More goals than this sharing a theme word ("onderwijs") name no goal in particular."""


def _words(text: str) -> tuple[str, ...]:
    """The words of a question in order, folded, a list cue marked "|" (a name never spans
    one)."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return tuple("|" if set(analyse(w)) & _CUES else w for w in words)


def _asked(question: str, folded: str, has_place: bool) -> tuple[ListKind | None, str, Frame]:
    """The kind of part a question asks for, the part of the question that narrows it, and
    the frame it asks in (how many words of its own it may have: `OWN_WORDS`)."""
    if _COUNT.match(folded):
        return _noun_kind(folded), folded, "plural"
    for pattern in _MENTIONS:
        mention = pattern.search(folded)
        if mention:
            named = mention.group(1)
            kind = _noun_kind(named) if re.search(rf"\b(?:{_ANY_NOUN})\b", named) else None
            return (kind or "mentions"), named, "plural"
    which = _WHICH.search(folded)
    if which:
        return _noun_kind(which.group(0)), folded, _number(which.group(0))
    if _ACHIEVED.search(folded):
        return "achievements", folded, "plural"
    by = _ACHIEVED_BY.search(folded)
    if by and not _content(_GOAL_WORDS.sub(" ", by.group(1))):
        return "achievements", folded, "plural"
    if has_place and _PLACE_FRAME.search(folded):
        return "examples", folded, "singular"
    noun = re.search(rf"\b(?:{_ANY_NOUN})\b", folded)
    if noun and (_COMMAND.match(folded) or _THERE_ARE.match(folded)):
        return _noun_kind(folded), folded, _number(noun.group(0))
    keywords = not question.rstrip().endswith("?") or len(folded.split()) <= 3
    if noun and keywords and not _QUESTION_START.match(folded):
        return _noun_kind(folded), folded, "keywords"
    return None, folded, "plural"


Frame = Literal["plural", "singular", "keywords"]
OWN_WORDS: dict[Frame, int] = {"plural": 2, "singular": 0, "keywords": 2}
"""The most words of its own that a list question may have (a run of capitalised words counts
once: "Regionaal investeringsfonds mbo"); more describe one fact ("Welke projecten die met het
Zeeuwse rijksgeld worden betaald ..."). A question after one part is narrowed only by a place
or a goal ("Welk voorbeeld speelt in Almere?"), a source by one word within its goal ("Welke
bron staat bij doel 6 over de lerarenagenda?", one of a goal's few); "Welk Kamerstuk gaat over
het project Boris?" and "Welk voorbeeld bij doel 7 gaat over een pool van leraren?" ask for one
fact."""
_SINGULAR = re.compile(
    r"\b(?:\w*voorbeeld|project|initiatief|bron|voetnoot|kamerstuk|kamerbrief|brief"
    r"|verwijzing|resultaat)$"
)


def _standalone_number(term: str, folded: str) -> bool:
    """Whether a term is a number of its own in the question (a year, an amount: the question
    is after one fact), not part of a name ("4TU")."""
    return term.isdigit() and bool(re.search(rf"(?<![\w-]){term}(?![\w-])", folded))


def _number(asked: str) -> Frame:
    return "singular" if _SINGULAR.search(asked) else "plural"


def _own_words(question: str, terms: tuple[str, ...], names: bool) -> int:
    """How many words of its own a question has among `terms`. With `names`, a name counts
    once: capitalised words in a row ("Universiteit Utrecht"), and after an article the
    lower-case words that follow ("het Regionaal investeringsfonds mbo"); keywords are typed
    in any case."""
    count, name, lower_too, previous = 0, False, False, ""
    for position, match in enumerate(re.finditer(r"[\w&@.'-]+", question)):
        word = match.group(0).strip(".'-")
        capital = names and position > 0 and word[:1].isupper()
        if set(analyse(word)) & set(terms):
            if not (name and (capital or lower_too)):
                count += 1
                lower_too = capital and previous.lower() in {"het", "de", "een"}
            name = capital or (name and lower_too)
        elif word.lower() not in {"of", "and", "&"}:
            name = False
        previous = word
    return count


_GOAL_WORDS = re.compile(r"\b(?:het |dit )?(?:doel|pactdoel)\s+\w+\b|\bhet techniekpact\b")


def _noun_kind(text: str) -> ListKind | None:
    """The kind of the first list noun in `text` (a place noun asks for examples)."""
    found = [
        (m.start(), kind)
        for kind, noun in [*_NOUNS.items(), ("examples", _PLACES_ASKED)]
        if (m := re.search(rf"\b{noun}\b", text))
    ]
    return min(found)[1] if found else None


def _goal_number(folded: str) -> int | None:
    match = _GOAL_NUMBER.search(folded)
    if match:
        word = match.group(1)
        number = int(word) if word.isdigit() else _WORD_NUMBERS.get(word)
        if number is not None and 1 <= number <= 12:
            return number
    ordinal = _ORDINAL_GOAL.search(folded)
    return _ORDINALS.index(ordinal.group(1)) + 1 if ordinal else None


def _content(text: str) -> tuple[str, ...]:
    """The words that narrow a list: what is left after the list cues and stop words."""
    return tuple(
        t for t in dict.fromkeys(analyse(text)) if t not in _CUES and t not in DUTCH_STOP_WORDS
    )


def _split_places(
    places: Places | None, gazetteer: Gazetteer | None, folded: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The provinces a question names, and its other places (a city, an area). "de stad
    Utrecht" is the city, not the province."""
    regions_named = places.regions if places else ()
    if not regions_named or gazetteer is None:
        return (), ()
    provinces = tuple(p for p in regions_named if p in gazetteer.provinces)
    # A landsdeel stands for its provinces ("Noord-Nederland": Groningen, Fryslân, Drenthe).
    spanned = [
        p for r in regions_named if len(gazetteer.within(r)) > 1 for p in gazetteer.within(r)
    ]
    provinces = tuple(dict.fromkeys([*provinces, *spanned]))
    city = "stad" in folded.split()
    regions = tuple(r for r in regions_named if r not in provinces or city)
    return (() if city else provinces), regions

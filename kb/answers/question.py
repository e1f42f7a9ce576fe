"""What a Dutch question asks for: its type, the noun it asks about, what it counts, and the
places, years and numbers it names.

`question_type("Hoeveel geld komt er vanaf 2018 beschikbaar?")` is "amount";
`missing_entities` lists what the question names and a passage does not ("Groningse" when the
passage is about Friesland).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal, get_args

from ingest.model import Chunk
from ingest.regions import Gazetteer
from kb.analyser import analyse, fold

QuestionType = Literal["amount", "percent", "date", "count", "person", "place", "which", "other"]
"""amount (hoeveel geld, welk bedrag), percent (welk percentage/aandeel), date (wanneer),
count (hoeveel), person (wie: a person or organisation), place (waar), which (welke), other."""

QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
"""Every question type, in the order of `QuestionType` (the columns of the type features)."""
NUMBER_TYPES: frozenset[QuestionType] = frozenset({"amount", "percent", "count"})
"""The types whose values are numbers: a "hoeveel" question may ask any of them."""


def value_answers(kind: QuestionType | None, asked: QuestionType) -> bool:
    """Whether a value of `kind` answers a question of type `asked` (and is shown): a value of
    the type asked, or a number for a question that asks a number ("Hoeveel aanvragen ...?"
    is answered by "59 aanvragen" when the question's type is taken for an amount). Never a
    name for a question that asks another kind of name, nor a number for a "welke" question."""
    return kind == asked or (kind in NUMBER_TYPES and asked in NUMBER_TYPES)


VALUE_TYPES: frozenset[QuestionType] = frozenset({"amount", "percent", "date", "count"})
"""Question types whose answer must hold a value of that type: without one there is no answer."""


def shows_value(kind: QuestionType | None, info: QuestionInfo, value: str | None = None) -> bool:
    """Whether the answer shows a value of `kind` (its text `value`): one that answers the
    type the question is read as (`info.kind`, the type model's reading; `value_answers`), or
    a number or date of the type its words ask (`info.worded`): "Welk deel ..." asks a
    percentage and "Hoe lang ..." a length of time even where the type model reads "welke" or
    "other"; and for a question that asks a number ("Welk nummer heeft het Kamerstuk ...?",
    `NUMBER_ASKED`) a "welke" value with digits ("31288-547"); for words without a question
    word ("totale rijksbijdrage mbo-investeringsfonds"), a value of the one type they name
    (`QuestionInfo.cues`: an amount for "rijksbijdrage"); never a name the words do not ask for."""
    if value_answers(kind, info.kind):
        return True
    if info.asks_number and kind == "which" and value is not None:
        return has_digit(value)
    if info.worded == "other":
        return kind in VALUE_TYPES and info.cues == (kind,)
    return info.worded in VALUE_TYPES and value_answers(kind, info.worded)


def has_digit(text: str) -> bool:
    """Whether `text` holds a digit: a value that can answer a question for a number."""
    return any(char.isdigit() for char in text)


NUMBER_ASKED = re.compile(r"\b(?:welk|welke|wat is het|onder welk)\s+(?:\w*nummer|nr)\b")
"""A question asking which number something has: "Welk nummer ...", "Onder welk
Kamerstuknummer ..." (folded text)."""


CUED_TYPES: frozenset[QuestionType] = frozenset({"percent", "date", "count"})
"""Value types the question's words name by a cue of their own ("welk deel", "procent",
"wanneer", "op welke dag", "hoeveel", "hoe lang"). Not an amount: "welk(e) ... geld" also
reads "Van welke minister kreeg het Alfa-college dat geld?" as asking one."""


def cued_type(info: QuestionInfo) -> QuestionType | None:
    """The value type the question's words name by its own cue (`CUED_TYPES`), if any: its
    values are candidates even when the type model finds that type unlikely."""
    return info.worded if info.worded in CUED_TYPES else None


_MONEY_WORDS = (
    r"geld|poen|euro|bedrag\w*|\w*budget\w*|subsidie|steun|investe\w*|geinvesteerd|kost\w*"
    r"|besteed|uitgetrokken|rijksbijdrage\w*|ondersteuning"
)

_NOT_COUNTED = (
    rf"{_MONEY_WORDS}|is|zijn|wordt|worden|werd|werden|was|waren|gaat|gaan|ging|gingen|heeft"
    r"|hebben|had|hadden|krijgt|krijgen|kreeg|kregen|bedraagt|bedroeg|draagt"
    r"|dragen|droeg|legt|leggen|steekt|steken|stopt|stoppen|geeft|geven"
    r"|gaf|betaalt|betalen|er|de|het|extra|meer|van|procent|miljoen|miljard|duizend"
)
"""Words after "hoeveel" that count nothing: a verb, an article, or money itself."""

_QUESTION_TYPES: tuple[tuple[QuestionType, re.Pattern[str]], ...] = (
    (
        "date",
        re.compile(
            r"\bwanneer\b|\bwelke? (?:datum|dag|maand|\w*jaar)\b"
            r"|\bin welk jaar\b|\bsinds welk"
            r"|\bwelke (?:\w+ )?(?:periode|jaren|maanden|studiejaren|schooljaren)\b"
        ),
    ),
    ("percent", re.compile(r"\b\w*(?:percentages?|procent|aandeel)\b|\bwelk(?:e)? deel\b")),
    ("count", re.compile(rf"\bhoeveel\s+(?!(?:{_NOT_COUNTED})\b)[^\W\d_]")),
    (
        "amount",
        re.compile(
            rf"\b(?:hoeveel|welk|welke|wat)\b.*\b(?:{_MONEY_WORDS})\b|\bwat kost"
            r"|\b(?:wat|hoeveel) (?:legt|leggen|draagt|dragen)\b.*\bbij\b"
        ),
    ),
    ("count", re.compile(r"\bhoeveel\w*\b|\bhoelang\b|\bhoe (?:vaak|lang|groot|veel)\b")),
    ("person", re.compile(r"\bwie\b")),
    (
        "place",
        re.compile(
            r"\bwaar\b|\bwaarheen\b|\b(?:in|bij|op|uit) welke? (?:stad|plaats|provincie|regio"
            r"|gemeente|landsdeel|land|landen|universiteit|school|website)\b"
        ),
    ),
    ("which", re.compile(r"\bwelke?\b")),
)


def question_type(question: str) -> QuestionType:
    """The kind of answer a Dutch question asks for.

    >>> question_type("Hoeveel cross-over kwalificaties raken techniek?")
    'count'
    >>> question_type("Welk bedrag komt er vanaf 2018 beschikbaar?")
    'amount'
    """
    folded = fold(question)
    for kind, pattern in _QUESTION_TYPES:
        if pattern.search(folded):
            return kind
    return "other"


_CUES: tuple[tuple[QuestionType, re.Pattern[str]], ...] = (
    (
        "date",
        re.compile(
            r"\w*(?:datum|jaar|jaartal|maand|periode)|wanneer|sinds|vanaf|start|begin|eind|ingang"
            r"|publicatie|verschijning|gepubliceerd|verschenen|opgericht|oprichting|gestart"
            r"|gelanceerd|afgerond"
        ),
    ),
    (
        "count",
        re.compile(
            r"\w*aantal(?:len)?|hoeveel\w*|frequentie|vaak|keer|looptijd|\w*duur|omvang|bereik"
            r"|totaal|leeftijd|uren|uur"
        ),
    ),
    ("percent", re.compile(r"\w*(?:percentages?|procent|aandeel)|deel|streefcijfer|%")),
    (
        "amount",
        re.compile(
            r"\w*(?:bedrag|budget)\w*|geld|kosten|\w*investering(?:en)?|middelen"
            r"|\w*bijdrage|subsidie|euro|miljoen|financiering|gefinancierd"
        ),
    ),
)
"""Words that ask for a value of a type; whole words after folding ("verschijningsdatum",
"totaalbudget" and "streefpercentage" end in one)."""


def type_cues(question: str) -> list[QuestionType]:
    """The value types a question's words ask for, without a question word: a keyword query
    ("verschijningsdatum rapportage techniekpact", "streefcijfer 2020 masteropgeleide leraren
    vo") or a word a "wat"/"welk" question asks about ("Welk totaalbedrag ...").

    >>> type_cues("verschijningsdatum rapportage techniekpact")
    ['date']
    >>> type_cues("looptijd budget regionale samenwerking")
    ['count', 'amount']
    """
    words = re.findall(r"[^\W_]+|%", fold(question))
    return [kind for kind, cue in _CUES if any(cue.fullmatch(word) for word in words)]


DUTCH_NUMBERS: dict[int, str] = {
    0: "nul",
    1: "een",
    2: "twee",
    3: "drie",
    4: "vier",
    5: "vijf",
    6: "zes",
    7: "zeven",
    8: "acht",
    9: "negen",
    10: "tien",
    11: "elf",
    12: "twaalf",
    13: "dertien",
    14: "veertien",
    15: "vijftien",
    16: "zestien",
    17: "zeventien",
    18: "achttien",
    19: "negentien",
    20: "twintig",
    30: "dertig",
    40: "veertig",
    50: "vijftig",
    60: "zestig",
    70: "zeventig",
    80: "tachtig",
    90: "negentig",
    100: "honderd",
    1000: "duizend",
}
"""Dutch number words, used for values ("vier") and for matching numbers in questions."""

_ASKED = re.compile(r"\b(?:welke?|wat voor(?: een)?|welk soort)\s+([^\W\d_][\w-]*)")


def asked_nouns(question: str) -> frozenset[str]:
    """The analysed noun a "welke X", "welk soort X" or "wat voor X" question asks for.

    >>> sorted(asked_nouns("Langs welke actielijnen wil OCW LOB verbeteren?"))
    ['actielijn']
    """
    match = _ASKED.search(fold(question))
    return frozenset(analyse(match.group(1))) if match else frozenset()


PARTITIVE = re.compile(r"\bhoeveel van (?:de|het)\b")
"""A question for a part of a whole (folded text): "Hoeveel van de geëvalueerde aanvragen
zitten in de bouwsector?". Not "hoeveel van die/deze X", which points back to what was said
("Hoeveel van die regionale clubs zijn er?" asks how many clubs)."""


_SMALL_FIRMS = re.compile(
    r"\b(?:midden- en klein|kleine(?:re)? en middelgrote |kleine(?:re)? )"
    r"(?:bedrijven|bedrijf|ondernemers|ondernemingen)\b"
)
"""The words for what the report calls "mkb" ("3.300 mkb-ers"): "midden- en kleinbedrijven",
"kleine en middelgrote ondernemers", "kleinere bedrijven" (folded text)."""


def counted_terms(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a "hoeveel" question counts: the terms of its first word (the head noun) and of
    the words up to the verb ("hoeveel door OCW en EZ betaalde Centres zijn er"); small firms
    in other words count what the report calls "mkb" (`_SMALL_FIRMS`)."""
    folded = _SMALL_FIRMS.sub("mkb-bedrijven", fold(question))
    match = re.search(r"\bhoeveel\s+(?:van\s+(?:de|het|deze|die)\s+)?((?:\S+\s*){1,6})", folded)
    if not match:
        return frozenset(), frozenset()
    phrase = re.split(
        r"\b(?:zijn|is|werden|worden|wordt|hebben|heeft|kregen|krijgen|kunnen|zitten|raken"
        r"|kozen|kiezen|haalden|staan|gaan|komen|waren|was|werken|passen)\b",
        match.group(1),
    )[0]
    words = [w for w in phrase.split() if analyse(w)]
    head = frozenset(analyse(words[0])) if words else frozenset()
    return head, frozenset(analyse(phrase))


def specific_terms(head: frozenset[str]) -> frozenset[str]:
    """The terms of a counted noun without the head of a hyphenated compound: the whole word
    and its first parts ("mkbbedrijf", "mkb" of "mkb-bedrijven"); empty for a plain noun."""
    whole = [t for t in head if all(p in t for p in head if p != t)]
    if len(head) < 3 or not whole:
        return frozenset()
    word = whole[0]
    last = max((p for p in head if p != word and word.endswith(p)), key=len, default=None)
    return head - {last} if last else frozenset()


def direction(asked: str) -> str | None:
    """For "tot wanneer" the date after "tot (en met)" answers, for "sinds/vanaf wanneer" the
    date after "sinds", "vanaf" or "van"."""
    if re.search(r"\btot wanneer\b|\btot welke\b|\bloopt .*\btot\b|\beindig", asked):
        return r"\btot(?: en met)?\s*$"
    if re.search(r"\b(?:sinds|vanaf) wanneer\b|\bsinds welk", asked):
        return r"\b(?:sinds|vanaf|van)\s*$"
    return None


SINGLE_YEAR = re.compile(r"(?<![\d\-–/])(?:19|20)\d{2}(?![\d\-–/])")

_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[-–/]\s?((?:19|20)?\d{2})(?!\d)")

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])|(?<![\w.,])\d+(?=-\w)")

_SPELLED = {n: word for n, word in DUTCH_NUMBERS.items() if n <= 20}

_TENS = {n: word for n, word in DUTCH_NUMBERS.items() if 20 <= n <= 80 and n % 10 == 0}

_ORDINAL = re.compile(
    r"\b(?:tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)\b(?!\s+kamer\b)"
)
"""An ordinal a question names ("het tweede aanvraagtijdvak") must stand in the passage: the
report may speak of the first one only. "eerste" is left out: it often paraphrases "begin"."""


def missing_entities(question: str, chunk: Chunk, gazetteer: Gazetteer | None) -> tuple[str, ...]:
    """The places, school years, years, numbers and ordinals that the question names and the passage
    (its text, example title, footnotes, and for a footnote the sentence citing it) does not:
    "Groningse" when the passage is about Friesland, "2015-2016" when it reports 2016-2017."""
    passage = " ".join(
        [chunk.text, chunk.title or "", chunk.cited_in or "", *(f.text for f in chunk.footnotes)]
    )
    places, ranges, numbers = _named_in(passage, gazetteer)
    missing: list[str] = []
    if gazetteer is not None:
        asked = gazetteer.tag(question)
        here = {*chunk.regions, *chunk.provinces, *places}
        missing += [r for r in asked.regions if r not in here and not set(asked.provinces) & here]
    rest = question
    for match in _YEAR_RANGE.finditer(question):
        if (match.group(1), match.group(2)[-2:]) not in ranges:
            missing.append(match.group(0))
        rest = rest.replace(match.group(0), " ")
    if chunk.goal is not None:
        rest = re.sub(rf"\bdoel {chunk.goal}\b", " ", rest, flags=re.IGNORECASE)
    missing += [n for n in _NUMBER.findall(rest) if n.replace(".", "") not in numbers]
    missing += [o for o in _ORDINAL.findall(fold(question)) if o not in numbers]
    return tuple(dict.fromkeys(missing))


@functools.lru_cache(maxsize=1024)
def _named_in(
    passage: str, gazetteer: Gazetteer | None
) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    """The regions and provinces, school years and numbers a passage names (once per passage:
    the answer step asks for them with every question)."""
    places: frozenset[str] = frozenset()
    if gazetteer is not None:
        named = gazetteer.tag(passage)
        places = frozenset([*named.regions, *named.provinces])
    ranges = {(m.group(1), m.group(2)[-2:]) for m in _YEAR_RANGE.finditer(passage)}
    numbers = {n.replace(".", "") for n in _NUMBER.findall(passage)}
    # "groep 7-leerlingen" in a question, "groep zeven" in the report; "50-plussers",
    # "vijftigplussers".
    folded = fold(passage)
    words = set(re.findall(r"\w+", folded))
    numbers |= {str(n) for n, word in _SPELLED.items() if word in words}
    numbers |= {str(n) for n, word in _TENS.items() if word in folded}
    numbers |= {n for a, b in ranges for n in (a, a[:2] + b)}
    numbers |= set(_ORDINAL.findall(folded))
    return places, frozenset(ranges), frozenset(numbers)


CITATION = re.compile(
    r"\b(?:kamerstuk\w*|voetno\w*|vergaderjaar|website\w*|webadres\w*|webpagina\w*|online"
    r"|internet|bron\w*|instantie\w*|waar (?:vind|lees|staat|staan|kan))\b"
)
"""A question for what a footnote gives: a Kamerstuk, a source, a web address."""

LETTER = re.compile(r"\b(?:\w*brie(?:f|ven)|motie\w*)\b")
"""A letter or motion: its date is in the footnote, its name in the sentence citing it."""

WHY = re.compile(r"\bwaarom\b|\bwat is de (?:reden|oorzaak)\b|\bhoe komt het\b")
_NOW = re.compile(
    r"\b(?:nu|op dit moment|momenteel|inmiddels|huidige?|tot nu toe|thans|actueel|vandaag)\b"
)
_AMBITION = re.compile(r"\b(?:ambitie\w*|streef\w*|streven|beoogd\w*|moet\w*|doelstelling\w*)\b")


@dataclass(frozen=True)
class QuestionInfo:
    """A question, analysed once for all its candidates."""

    text: str
    folded: str
    kind: QuestionType
    """The type asked: `question_type`, or the type model's reading (kb.answers.decide)."""
    worded: QuestionType
    """The type the question's words ask (`question_type`), kept when `kind` is the model's."""
    nouns: frozenset[str]
    """The noun a "welke X" question asks for."""
    why: bool
    """A "waarom" question: a sentence giving a cause answers."""
    wants_note: bool
    """The question asks for what a footnote gives: a Kamerstuk, a source, a web address, or
    the date of a letter."""
    asks_now: bool
    """The question asks for today's figure ("nu", "inmiddels", "momenteel")."""
    asks_ambition: bool
    """The question asks for a target ("ambitie", "streven", "moet")."""
    asks_number: bool = False
    """The question asks which number something has (`NUMBER_ASKED`)."""
    cues: tuple[QuestionType, ...] = ()
    """The value types its words name without a question word (`type_cues`)."""
    unknown: tuple[str, ...] = ()
    """The names it asks about that the report never mentions (kb.answers.names): set where
    the index is known (`with_names`)."""


@functools.lru_cache(maxsize=1024)
def analyse_question(text: str) -> QuestionInfo:
    """What `text` asks for (see `QuestionInfo`).

    >>> analyse_question("Hoeveel procent van de leraren heeft nu een master?").asks_now
    True
    """
    folded = fold(text)
    kind = question_type(text)
    return QuestionInfo(
        text=text,
        folded=folded,
        kind=kind,
        worded=kind,
        nouns=asked_nouns(text),
        why=bool(WHY.search(folded)),
        wants_note=bool(CITATION.search(folded))
        or (kind == "date" and bool(LETTER.search(folded))),
        asks_now=bool(_NOW.search(folded)),
        asks_ambition=bool(_AMBITION.search(folded)),
        asks_number=bool(NUMBER_ASKED.search(folded)),
        cues=tuple(type_cues(text)),
    )

"""What a Dutch question asks for, and the values of that kind in a report sentence.

`question_type("Hoeveel geld komt er vanaf 2018 beschikbaar?")` is "amount"; `find_values`
returns the spans in a sentence that could answer it ("€ 32,1 miljoen"), and `pick_value` the one
that stands closest to the question's own words. Values are always spans of the sentence: the
report's own characters, never a normalised number.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ingest.regions import Gazetteer
from kb.lexical import analyse, fold
from kb.stopwords import DUTCH_STOP_WORDS

QuestionType = Literal["amount", "percent", "date", "count", "person", "place", "which", "other"]
"""amount (hoeveel geld, welk bedrag), percent (welk percentage/aandeel), date (wanneer),
count (hoeveel), person (wie: a person or organisation), place (waar), which (welke), other."""

VALUE_TYPES: frozenset[QuestionType] = frozenset({"amount", "percent", "date", "count"})
"""Question types whose answer must hold a value of that type: without one there is no answer."""

_MONEY_WORDS = r"geld|euro|bedrag\w*|\w*budget\w*|subsidie|steun|investe\w*|geinvesteerd|kost\w*"
_QUESTION_TYPES: tuple[tuple[QuestionType, re.Pattern[str]], ...] = (
    (
        "date",
        re.compile(
            r"\bwanneer\b|\bwelke? (?:datum|dag|maand|jaar|studiejaar|schooljaar|collegejaar)\b"
            r"|\bin welk jaar\b|\bsinds welk"
        ),
    ),
    ("percent", re.compile(r"\b(?:percentage|procent|aandeel)\b|\bwelk(?:e)? deel\b")),
    (
        "amount",
        re.compile(
            rf"\b(?:hoeveel|welk|welke|wat)\b.*\b(?:{_MONEY_WORDS})\b|\bwat kost"
            r"|\bwat legt\b.*\bbij\b"
        ),
    ),
    ("count", re.compile(r"\bhoeveel\w*\b|\bhoe (?:vaak|lang|groot|veel)\b")),
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


@dataclass(frozen=True)
class Value:
    """A span of a sentence that could answer a question of some type."""

    start: int
    end: int
    text: str


_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"(?:duizend|miljoen|miljard)"
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
_NUMBER_WORDS = [word for number, word in DUTCH_NUMBERS.items() if number >= 2]
_MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_YEAR = r"(?:19|20)\d{2}"

_PERCENT = re.compile(rf"(?<![\w,.])(?:{_NUMBER})\s?(?:%|procent\b)")
_AMOUNT = re.compile(
    rf"€\s?(?:{_NUMBER})(?:\s{_SCALE}\b)?"
    rf"|(?<![\w,.])(?:{_NUMBER})(?:\s{_SCALE})?\s(?:euro)\b"
)
_COUNT = re.compile(
    rf"(?<![\w,.€/-])(?:{_NUMBER})(?:x(?: per jaar)?)?(?:\s{_SCALE}\b)?(?![\d,]|\.\d|-\w|/\d)"
    rf"|\b(?:{'|'.join(_NUMBER_WORDS)})\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"(?:(?:[Bb]egin|[Ee]ind|[Mm]edio|[Hh]alf)\s)?(?:\d{{1,2}}\s)?(?:{_MONTHS})\b(?:\s{_YEAR}\b)?"
    rf"|(?:(?:[Vv]oorjaar|[Nn]ajaar|[Zz]omer)(?:\svan)?\s){_YEAR}\b"
    rf"|(?:(?:[Bb]egin|[Ee]ind|[Mm]edio)\s)?(?<![\d-]){_YEAR}(?:\s?[-–/]\s?(?:{_YEAR}|\d{{2}}))?(?![\d-])"
)
_YEAR_LIKE = re.compile(rf"^{_YEAR}$")
_LABEL = re.compile(
    r"\b(?:niveau|groep|fase|klas|leerjaar|tranche|nr\.|nummer|artikel|hoofdstuk|doel)\s*$",
    re.IGNORECASE,
)
"""A number after one of these names something ("mbo-niveau 2", "groep zeven"), it counts
nothing."""
_NAME_WORD = r"[A-ZÀ-Ý][\w&'’.-]*[\w]|[A-ZÀ-Ý]"
_NAME = re.compile(
    rf"(?:{_NAME_WORD})(?:\s(?:(?:van|de|der|den|het|voor|von|ter|ten|te|&)\s)*(?:{_NAME_WORD}))*"
)
_URL = re.compile(r"(?:https?://|www\.)\S+[\w/]")
_PAPER = re.compile(
    r"(?:Kamerstuk\s)?(?<![\d-])\d{5}-\d{1,4}(?![\d-])|\b\d{2}\s\d{3}\s[IVXL]+,\snr\.\s\d+"
)
"""A parliamentary paper: "Kamerstuk 31524-311", "34 550 VIII, nr. 21"."""


def _spans(pattern: re.Pattern[str], sentence: str) -> list[Value]:
    return [Value(m.start(), m.end(), m.group(0)) for m in pattern.finditer(sentence)]


def _names(sentence: str) -> list[Value]:
    out: list[Value] = []
    for match in _NAME.finditer(sentence):
        words = match.group(0).split(" ")
        # A capital that only starts the sentence ("De", "In") is not part of a name.
        while words and fold(words[0]) in DUTCH_STOP_WORDS:
            words.pop(0)
        if not words:
            continue
        text = " ".join(words)
        start = match.end() - len(text)
        out.append(Value(start, match.end(), text))
    return out


def _outside(values: list[Value], taken: Iterable[Value]) -> list[Value]:
    spans = [(t.start, t.end) for t in taken]
    return [v for v in values if not any(s < v.end and v.start < e for s, e in spans)]


def find_values(
    sentence: str, kind: QuestionType, gazetteer: Gazetteer | None = None
) -> list[Value]:
    """Spans of `sentence` holding a value of `kind` (none for "other"), in text order.

    >>> [v.text for v in find_values("Er is € 32,1 miljoen en 40% voor 2018.", "amount")]
    ['€ 32,1 miljoen']
    """
    if kind == "amount":
        return _spans(_AMOUNT, sentence)
    if kind == "percent":
        return _spans(_PERCENT, sentence)
    if kind == "date":
        return _spans(_DATE, sentence)
    if kind == "count":
        # A number that is a percentage, an amount or a year answers another question.
        others = [*_spans(_PERCENT, sentence), *_spans(_AMOUNT, sentence), *_spans(_DATE, sentence)]
        counts = _outside(_spans(_COUNT, sentence), others)
        return [
            v
            for v in counts
            if not _YEAR_LIKE.match(v.text) and not _LABEL.search(sentence, 0, v.start)
        ]
    if kind == "place":
        urls = _spans(_URL, sentence)
        places = [
            v for v in _outside(_names(sentence), urls)
            if gazetteer is not None and gazetteer.tag(v.text).regions
        ]  # fmt: skip
        return sorted([*places, *urls], key=lambda v: v.start)
    if kind in ("person", "which"):
        papers = _spans(_PAPER, sentence) if kind == "which" else []
        names = _outside(_names(sentence), [*_spans(_URL, sentence), *papers])
        # One capitalised word alone is mostly a sentence start or a common term; a name of
        # several words, or an abbreviation, is what "wie" asks for.
        names = [v for v in names if " " in v.text or v.text.isupper() or len(names) == 1]
        return sorted([*papers, *names], key=lambda v: v.start)
    return []


_WORD = re.compile(r"\S+")


_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–]\s|[()]")
# A clause that starts like this says something about the clause before it ("acht
# kwalificaties goedgekeurd, waarvan er vier raken aan de techniek"): it shares its words.
_PART = re.compile(r"\s*(?:waarvan|hiervan|daarvan|van wie|van hen|waaronder|daaronder)\b", re.I)
_CONTINUES = re.compile(r"\s*(?:waarvan|waaronder|daarvan|daaronder|van wie|van welke)\b", re.I)


@functools.lru_cache(maxsize=256)
def _question_terms(question: str) -> frozenset[str]:
    return frozenset(analyse(question, question=True))


@functools.lru_cache(maxsize=65536)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(analyse(word))


def _trim(value: Value, asked: str) -> Value | None:
    """A name without the words the question already says ("Gedeputeerde Sander de Rouwe" for
    "welke gedeputeerde ...?" is "Sander de Rouwe")."""
    words = value.text.split(" ")
    if len(words) < 2 or not words[0][:1].isupper():
        return value
    asked_words = set(re.findall(r"\w+", asked))
    start = value.start
    while words and (fold(words[0]) in asked_words or fold(words[0]) in DUTCH_STOP_WORDS):
        start += len(words.pop(0)) + 1
    if not words:
        return None
    return Value(start, value.end, " ".join(words))


def _specificity(text: str) -> int:
    """A date with a day or a month says more than a year alone."""
    if re.search(rf"\d\s(?:{_MONTHS})", text):
        return 2
    return 1 if re.search(rf"{_MONTHS}|voorjaar|najaar|zomer", text, re.I) else 0


def pick_value(sentence: str, values: list[Value], question: str) -> Value | None:
    """The value that best answers `question`; see `weigh_value`."""
    return weigh_value(sentence, values, question)[0]


def weigh_value(sentence: str, values: list[Value], question: str) -> tuple[Value | None, int, int]:
    """The value that best answers `question`, the number of distinct question terms in its
    clause, and whether it is followed by what a "hoeveel" question counts: 2 when it names
    the specific kind of a compound ("3.300 mkb-ers" for "hoeveel mkb-bedrijven"), 1 for the
    noun or a "Hiervan/waarvan" clause of a "hoeveel van de ..." question, -1 for the total of
    a "hoeveel van de ..." question or a number of another noun the question names ("76
    sectorplannen" for "hoeveel mensen zijn met de sectorplannen bereikt?"), else 0. Values
    that the question itself names are left out ("in 2016-2017" in the question is not the
    answer).

    Values are ranked by: the question terms in their clause (the part of the sentence
    between commas, semicolons, dashes or brackets; a clause starting with "waarvan", or one
    in brackets, also counts the clause before it); the noun a "welk X" question asks for
    right before the value ("Kamerstuk 31524-311" for "welk Kamerstuk"); a date after "tot
    (en met)" for "tot wanneer" (after "sinds"/"vanaf" for "sinds wanneer"); the counted noun
    right after a number ("4.185 basisscholen" for "hoeveel basisscholen"), then the words of
    the counted phrase after it; how specific a date is; how close the question's words
    stand. On a tie the later value wins, because the report narrows down from left to right: "acht
    kwalificaties goedgekeurd, waarvan er vier raken aan de techniek" answers "hoeveel raken
    techniek?" with "vier".
    """
    asked = fold(question)
    fresh = [
        v
        for v in map(lambda v: _trim(v, asked), values)
        if v is not None and not re.search(rf"(?<!\w){re.escape(fold(v.text))}(?!\w)", asked)
    ]
    if not fresh:
        return None, 0, 0
    wanted = _question_terms(question)
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence)]
    clauses = list(itertools.pairwise(bounds))
    words = list(_WORD.finditer(sentence))
    matched = [i for i, m in enumerate(words) if wanted.intersection(_word_terms(m.group(0)))]

    def clause_of(position: int) -> int:
        return next(
            (i for i, (start, end) in enumerate(clauses) if start <= position < end),
            len(clauses) - 1,
        )

    def word_of(position: int) -> int:
        return next((i for i, m in enumerate(words) if m.end() > position), len(words) - 1)

    head_terms, phrase_terms = counted_terms(question)
    specific_terms = _specific(head_terms)
    nouns = asked_nouns(question)
    named_nouns = {
        t
        for word in re.findall(r"\b(?:de|het|een|deze|die|dit|dat)\s+([^\W\d_][\w-]*)", asked)
        for t in _word_terms(word)
    }
    partitive = bool(re.search(r"\bhoeveel van (?:de|het|deze|die)\b", asked))
    direction = _direction(asked)

    def shared_clauses(value: Value) -> set[int]:
        here = clause_of(value.start)
        shared = {here}
        continues = _CONTINUES.match(sentence, clauses[here][0])
        bracketed = here > 0 and sentence[clauses[here][0] - 1 : clauses[here][0]] == "("
        if here > 0 and (continues or bracketed):
            shared.add(here - 1)
        return shared

    def key(value: Value) -> tuple[int, int, int, int, int, int, float, int]:
        shared = shared_clauses(value)
        first, last = word_of(value.start), word_of(value.end - 1)
        # "welk Kamerstuk" and "Kamerstuk 31524-311": the value the asked noun names.
        named = int(
            bool(nouns)
            and any(nouns & _word_terms(m.group(0)) for m in words[max(0, first - 2) : first])
        )
        inside = [i for i in matched if clause_of(words[i].start()) in shared]
        own = [i for i in inside if not first <= i <= last]
        terms = {t for i in own for t in _word_terms(words[i].group(0))} & wanted
        # "hoeveel basisscholen": the number followed by the counted noun; for "hoeveel van de
        # aanvragen" the number followed by it is the total, not the answer.
        sign = -1 if partitive else 1
        after = [t for m in words[last + 1 : last + 9] for t in _word_terms(m.group(0))]
        next_two = {t for m in words[last + 1 : last + 3] for t in _word_terms(m.group(0))}
        counted = {t for m in words[last + 1 : last + 2] for t in _word_terms(m.group(0))}
        # "Hoeveel mensen zijn er met de sectorplannen bereikt?": "76 sectorplannen" counts
        # something else that the question names, not what it asks for.
        other = bool(head_terms) and bool(counted & (named_nouns - phrase_terms - head_terms))
        # "mkb-bedrijven": "3.300 mkb-ers" names the kind counted, "100 grote bedrijven" only
        # the head of the compound.
        strength = 2 if specific_terms & next_two else 1 if head_terms & next_two else 0
        head = sign * strength if strength else -1 if other else 0
        # "Hoeveel van de leerroutes ...?" and "Hiervan zijn er 87 routes in de techniek."
        if partitive and not head and _PART.match(sentence, clauses[clause_of(value.start)][0]):
            head = 1
        phrase = sign * len(set(after) & phrase_terms)
        before = sentence[max(0, value.start - 12) : value.start].lower()
        leads = 1 if direction and re.search(direction, before) else 0
        closeness = sum(1 / (1 + (first - i if i < first else i - last)) for i in own)
        specific = _specificity(value.text)
        return len(terms), named, leads, head, phrase, specific, closeness, value.start

    best = max(fresh, key=key)
    terms, _, _, head, *_ = key(best)
    return best, terms, head


_ASKED = re.compile(r"\b(?:welke?|wat voor(?: een)?|welk soort)\s+([^\W\d_][\w-]*)")


def asked_nouns(question: str) -> frozenset[str]:
    """The analysed noun a "welke X", "welk soort X" or "wat voor X" question asks for.

    >>> sorted(asked_nouns("Langs welke actielijnen wil OCW LOB verbeteren?"))
    ['actielijn']
    """
    match = _ASKED.search(fold(question))
    return frozenset(analyse(match.group(1))) if match else frozenset()


def counted_terms(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a "hoeveel" question counts: the terms of its first word (the head noun) and of
    the words up to the verb ("hoeveel door OCW en EZ betaalde Centres zijn er")."""
    match = re.search(
        r"\bhoeveel\s+(?:van\s+(?:de|het|deze|die)\s+)?((?:\S+\s*){1,6})", fold(question)
    )
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


def _specific(head: frozenset[str]) -> frozenset[str]:
    """The terms of a counted noun without the head of a hyphenated compound: the whole word
    and its first parts ("mkbbedrijf", "mkb" of "mkb-bedrijven"); empty for a plain noun."""
    whole = [t for t in head if all(p in t for p in head if p != t)]
    if len(head) < 3 or not whole:
        return frozenset()
    word = whole[0]
    last = max((p for p in head if p != word and word.endswith(p)), key=len, default=None)
    return head - {last} if last else frozenset()


def _direction(asked: str) -> str | None:
    """For "tot wanneer" the date after "tot (en met)" answers, for "sinds/vanaf wanneer" the
    date after "sinds", "vanaf" or "van"."""
    if re.search(r"\btot wanneer\b|\btot welke\b|\bloopt .*\btot\b|\beindig", asked):
        return r"\btot(?: en met)?\s*$"
    if re.search(r"\b(?:sinds|vanaf) wanneer\b|\bsinds welk", asked):
        return r"\b(?:sinds|vanaf|van)\s*$"
    return None

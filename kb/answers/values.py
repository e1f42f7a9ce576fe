"""The values in a report sentence that could answer a question.

For a question of type "amount" (kb.answers.question), `find_values` returns the spans in a
sentence that could answer it ("€ 32,1 miljoen"); kb.answers.value_choice says which of them
does. Values are always spans of the sentence: the report's own characters, never a normalised
number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.regions import Gazetteer
from kb.analyser import DUTCH_STOP_WORDS, fold
from kb.answers.question import DUTCH_NUMBERS, QuestionType


@dataclass(frozen=True)
class Value:
    """A span of a sentence that could answer a question of some type."""

    start: int
    end: int
    text: str


_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"(?:duizend|miljoen|miljard)"
_NUMBER_WORDS = [word for number, word in DUTCH_NUMBERS.items() if number >= 2]
_MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_YEAR = r"(?:19|20)\d{2}"

_PERCENT = re.compile(rf"(?<![\w,.])(?:{_NUMBER})\s?(?:%|procent\b)")
_AMOUNT = re.compile(
    rf"€\s?(?:{_NUMBER})(?:\s{_SCALE}\b)?"
    rf"|(?<![\w,.])(?:{_NUMBER})(?:\s{_SCALE})?\s(?:euro)\b"
)
_ORDINALS = r"tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde"
_AGE = r"jarige?\b"
_COUNT = re.compile(
    rf"(?<![\w,.€/-])(?:{_NUMBER})(?:x(?: per jaar)?)?(?:\s{_SCALE}\b)?"
    rf"(?!\d|,\d|\.\d|-(?!{_AGE}|punten\b)\w|/\d)"
    rf"|\b(?:{'|'.join(_NUMBER_WORDS)})(?:tal|{_AGE}|punten(?:plan)?)?\b"
    rf"|\b(?:{_ORDINALS})\b(?!\sKamer)",
    re.IGNORECASE,
)
"""A count: "6.513" (also before a comma), "4x per jaar", "acht", "zestal", "driejarig",
"vijfpuntenplan", "16" of "16-jarige", "10" of "10-punten plan", "tweede" (not of "Tweede
Kamer")."""
_SEASONS = r"zomer|winter|lente|herfst"
_DATE = re.compile(
    rf"(?:(?:[Bb]egin|[Ee]ind|[Mm]edio|[Hh]alf|[Hh]alverwege)\s)?(?:\d{{1,2}}\s)?"
    rf"(?i:{_MONTHS})\b(?:\s{_YEAR}\b)?"
    rf"|(?:(?:[Vv]oorjaar|[Nn]ajaar|[Zz]omer)(?:\svan)?\s){_YEAR}\b"
    rf"|(?:(?:[Bb]egin|[Ee]ind|[Mm]edio|[Hh]alverwege)\s)?(?<![\d-]){_YEAR}(?:\s?[-–/]\s?(?:{_YEAR}|\d{{2}}))?(?![\d-])"
    rf"|\b(?:[Dd]it|[Vv]orig|[Vv]olgend|[Kk]omend|[Aa]fgelopen)\sjaar\b"
    rf"|\b(?:[Dd]eze|[Vv]orige|[Vv]olgende|[Kk]omende|[Aa]fgelopen)\s(?:{_SEASONS})\b"
    rf"|(?<=\bde\s)(?:{_SEASONS})\b"
)
"""A date: "6 februari", "najaar 2016", "2016-2017", "JUNI 2017" (the cover's capitals), and
the report's relative ones: "dit jaar", "vorig jaar", "deze zomer", "zomer" of "voor de zomer"."""
_YEAR_LIKE = re.compile(rf"^{_YEAR}$")
_LABEL = re.compile(
    r"\b(?:niveau|groep|fase|klas|leerjaar|tranche|nr\.|nummer|artikel|hoofdstuk|doel)\s*$",
    re.IGNORECASE,
)
"""A number after one of these names something ("mbo-niveau 2", "groep zeven"), it counts
nothing."""


def _labelled(sentence: str, start: int) -> bool:
    """Whether the number at `start` follows a label word ("groep 7"), in lower case or
    starting the sentence: "Eerst de Klas 82 trainees" names a programme, then counts."""
    label = _LABEL.search(sentence, 0, start)
    if label is None:
        return False
    return label.group(0)[0].islower() or not sentence[: label.start()].strip()


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


_OPENING = re.compile(
    r"(?:hier|daar|waar)\w+|tijdens|vanuit|binnen|via|sinds|volgens|namens|dankzij|daarnaast"
    r"|we|wij|zij|ze|ik|jij|u|hun|ook|verder|inmiddels|momenteel|vervolgens|tevens"
    # prepositions and conjunctions (closed classes) that are no stop words
    r"|naast|tussen|per|rond|langs|behalve|ondanks|voordat|nadat|doordat|zodat|terwijl"
    r"|wanneer|indien|hoewel|zodra|mits|tenzij|zoals"
    # adverbs and quantifiers
    r"|bovendien|echter|eerst|daarna|samen|steeds|vooral|mede|juist|elke|iedere|alle|enkele"
    r"|sommige|diverse|verschillende|beide"
)
"""Words that start a sentence with a capital and are no name ("Tijdens de W&T academie",
"Hierin staan ...", "We willen ...", "Naast vmbo- en mbo-instellingen ..."), beside the stop
words."""


def _names(sentence: str) -> list[Value]:
    out: list[Value] = []
    for match in _NAME.finditer(sentence):
        words = match.group(0).split(" ")
        # A capital that only starts the sentence ("De", "In", "Tijdens") is not part of a name.
        if match.start() == 0 and _OPENING.fullmatch(fold(words[0])):
            words.pop(0)
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
    return list(_values_of(sentence, kind, gazetteer))


@functools.lru_cache(maxsize=8192)
def _values_of(sentence: str, kind: QuestionType, gazetteer: Gazetteer | None) -> tuple[Value, ...]:
    """`find_values`, kept per sentence: the report's sentences come back in every question."""
    return tuple(_find(sentence, kind, gazetteer))


def _find(sentence: str, kind: QuestionType, gazetteer: Gazetteer | None) -> list[Value]:
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
            v for v in counts if not _YEAR_LIKE.match(v.text) and not _labelled(sentence, v.start)
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

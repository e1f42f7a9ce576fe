"""Which of a sentence's values answers a question: `value_fits` describes each value for the
fitted ranker, `weigh_value` and `pick_value` pick one by the rules' order (`_value_key`).

The values themselves come from kb.answers.values (`find_values`).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from kb.analyser import DUTCH_STOP_WORDS, analyse, fold
from kb.answers.periods import LENGTH_QUESTION
from kb.answers.question import (
    PARTITIVE,
    QuestionInfo,
    asked_nouns,
    counted_terms,
    direction,
    specific_terms,
    type_cues,
)
from kb.answers.values import _MONTHS, Value

_WORD = re.compile(r"\S+")


_CLAUSE_END = re.compile(r"[,;:]\s|\s[-–]\s|[()]")
# A clause that starts like this says something about the clause before it ("acht
# kwalificaties goedgekeurd, waarvan er vier raken aan de techniek"): it shares its words.
_PART = re.compile(r"\s*(?:waarvan|hiervan|daarvan|van wie|van hen|waaronder|daaronder)\b", re.I)
_CONTINUES = re.compile(r"\s*(?:waarvan|waaronder|daarvan|daaronder|van wie|van welke)\b", re.I)


@functools.lru_cache(maxsize=256)
def _question_terms(question: str) -> frozenset[str]:
    return frozenset(analyse(question, question=True))


_CACHED_WORD = 64
"""No Dutch word is longer; a longer "word" (typed, or a URL) is analysed without the cache,
which so holds at most 65,536 x 64 characters."""


def _word_terms(word: str) -> frozenset[str]:
    return _word_terms_cached(word) if len(word) <= _CACHED_WORD else frozenset(analyse(word))


@functools.lru_cache(maxsize=65536)
def _word_terms_cached(word: str) -> frozenset[str]:
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


_DAY_MONTH = re.compile(rf"\d\s(?:{_MONTHS})")
_SEASON = re.compile(rf"{_MONTHS}|voorjaar|najaar|zomer", re.I)


def _specificity(text: str) -> int:
    """A date with a day or a month says more than a year alone."""
    if _DAY_MONTH.search(text):
        return 2
    return 1 if _SEASON.search(text) else 0


def pick_value(sentence: str, values: list[Value], question: str) -> Value | None:
    """The value that best answers `question`; see `weigh_value`."""
    return weigh_value(sentence, values, question)[0]


_TIME_UNIT = re.compile(r"\s*(?:jaar|jaren|maand(?:en)?|week|weken|dag(?:en)?|uur|uren)\b", re.I)
"""What a length of time counts, right after its number ("twee jaar")."""
_LENGTH_WORD = re.compile(r"\w*jarig\b", re.I)
"""A length of time in one word ("tweejarig", "driejarig")."""


@dataclass(frozen=True)
class _Asked:
    """What a question brings to weighing the values of a sentence."""

    folded: str
    wanted: frozenset[str]
    """The question's analysed terms."""
    head: frozenset[str]
    phrase: frozenset[str]
    """What a "hoeveel" question counts: its head noun, and the words up to the verb."""
    specific: frozenset[str]
    nouns: frozenset[str]
    """The noun a "welke X" question asks for."""
    named: frozenset[str]
    """Nouns the question names after an article ("met de sectorplannen")."""
    partitive: bool
    """A "hoeveel van de ..." question: the number of the whole is not the answer."""
    length: bool
    """A "hoe lang" question: the number of years, months, weeks or days answers."""
    direction: str | None


@functools.lru_cache(maxsize=256)
def _asked(question: str) -> _Asked:
    folded = fold(question)
    head, phrase = counted_terms(question)
    named = {
        t
        for word in re.findall(r"\b(?:de|het|een|deze|die|dit|dat)\s+([^\W\d_][\w-]*)", folded)
        for t in _word_terms(word)
    }
    return _Asked(
        folded=folded,
        wanted=_question_terms(question),
        head=head,
        phrase=phrase,
        specific=specific_terms(head),
        nouns=asked_nouns(question),
        named=frozenset(named),
        partitive=bool(PARTITIVE.search(folded)),
        # "techniekpact looptijd eindjaar" asks the year it ends, not a length.
        length=bool(LENGTH_QUESTION.search(folded)) and "date" not in type_cues(question),
        direction=direction(folded),
    )


@dataclass(frozen=True)
class _Layout:
    """A sentence's clauses and words, and which words are the question's."""

    sentence: str
    clauses: list[tuple[int, int]]
    words: list[re.Match[str]]
    matched: list[int]

    def clause_of(self, position: int) -> int:
        return next(
            (i for i, (start, end) in enumerate(self.clauses) if start <= position < end),
            len(self.clauses) - 1,
        )

    def word_of(self, position: int) -> int:
        last = len(self.words) - 1
        return next((i for i, m in enumerate(self.words) if m.end() > position), last)

    def terms(self, first: int, last: int) -> list[str]:
        return [t for m in self.words[first:last] for t in _word_terms(m.group(0))]

    def shared_clauses(self, value: Value) -> set[int]:
        """The value's clause, and the one before when this one goes on with it ("waarvan",
        or in brackets)."""
        here = self.clause_of(value.start)
        start = self.clauses[here][0]
        continues = _CONTINUES.match(self.sentence, start)
        bracketed = here > 0 and self.sentence[start - 1 : start] == "("
        return {here, here - 1} if here > 0 and (continues or bracketed) else {here}


def _layout(sentence: str, wanted: frozenset[str]) -> _Layout:
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence)]
    words = list(_WORD.finditer(sentence))
    matched = [i for i, m in enumerate(words) if wanted.intersection(_word_terms(m.group(0)))]
    return _Layout(sentence, list(itertools.pairwise(bounds)), words, matched)


@dataclass(frozen=True)
class ValueFit:
    """How well a value fits a question (the parts of `_value_key`), for the fitted ranker."""

    index: int
    """Its place among the sentence's values that the question does not name itself."""
    terms: int
    named: int
    leads: int
    counted: int
    phrase: int
    specificity: int
    closeness: float
    exclusive: int = 0
    """Question terms in its clauses that no other value's clauses hold ("raken aan de
    techniek" is only in the clause of "vier" in "acht kwalificaties goedgekeurd, waarvan er
    vier raken aan de techniek")."""
    picked: bool = False
    """`weigh_value` would pick it: the best by the rules' order (`_value_key`)."""


def value_fits(
    sentence: str, values: list[Value], info: QuestionInfo
) -> list[tuple[Value, ValueFit]]:
    """Each value the question does not name itself, with how well it fits the question."""
    asked = _asked(info.text)
    fresh = _fresh(values, asked)
    if not fresh:
        return []
    layout = _layout(sentence, asked.wanted)
    held = [_clause_terms(value, layout, asked) for value in fresh]
    keys = [_value_key(value, layout, asked) for value in fresh]
    best = max(range(len(fresh)), key=lambda i: keys[i])
    out: list[tuple[Value, ValueFit]] = []
    for index, value in enumerate(fresh):
        terms, named, leads, counted, phrase, specificity, closeness, _ = keys[index]
        others = set().union(*(h for i, h in enumerate(held) if i != index))
        exclusive = len(held[index] - others)
        fit = ValueFit(
            index,
            terms,
            named,
            leads,
            counted,
            phrase,
            specificity,
            closeness,
            exclusive,
            index == best,
        )
        out.append((value, fit))
    return out


def _clause_terms(value: Value, layout: _Layout, asked: _Asked) -> set[str]:
    """The question terms in the value's clauses (the value's own words left out)."""
    shared = layout.shared_clauses(value)
    first, last = layout.word_of(value.start), layout.word_of(value.end - 1)
    own = [
        i
        for i in layout.matched
        if layout.clause_of(layout.words[i].start()) in shared and not first <= i <= last
    ]
    return {t for i in own for t in _word_terms(layout.words[i].group(0))} & asked.wanted


def _fresh(values: list[Value], asked: _Asked) -> list[Value]:
    """The values, trimmed of the question's own words, that the question does not name."""
    return [
        v
        for v in (_trim(v, asked.folded) for v in values)
        if v is not None and not _says(asked.folded, fold(v.text))
    ]


def _says(folded: str, value: str) -> bool:
    r"""Whether a (folded) question names a (folded) value as words of its own: the
    `(?<!\w)value(?!\w)` of a regular expression, without compiling one per value."""
    start = folded.find(value)
    while start >= 0:
        end = start + len(value)
        if not _word_char(folded[start - 1 : start]) and not _word_char(folded[end : end + 1]):
            return True
        start = folded.find(value, start + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def weigh_value(sentence: str, values: list[Value], question: str) -> tuple[Value | None, int, int]:
    """The value that best answers `question`, the number of distinct question terms in its
    clause, and whether it is followed by what a "hoeveel" question counts: 2 when it names
    the specific kind of a compound ("3.300 mkb-ers" for "hoeveel mkb-bedrijven"), 1 for the
    noun or a "Hiervan/waarvan" clause of a "hoeveel van de ..." question, -1 for the total of
    a "hoeveel van de ..." question or a number of another noun the question names ("76
    sectorplannen" for "hoeveel mensen zijn met de sectorplannen bereikt?"), else 0. Values
    that the question itself names are left out ("in 2016-2017" in the question is not the
    answer).

    Values are ranked by `_value_key`: the question terms in their clause, the noun a "welk X"
    question asks for right before the value, the direction of "tot/sinds wanneer", the
    counted noun right after a number (for "hoe lang" a unit of time: "de komende twee jaar",
    "tweejarig"), the words of the counted phrase after it, how specific a date is, how close
    the question's words stand. On a tie the later value wins, because
    the report narrows down from left to right: "acht kwalificaties goedgekeurd, waarvan er
    vier raken aan de techniek" answers "hoeveel raken techniek?" with "vier".
    """
    asked = _asked(question)
    fresh = _fresh(values, asked)
    if not fresh:
        return None, 0, 0
    layout = _layout(sentence, asked.wanted)
    best = max(fresh, key=lambda v: _value_key(v, layout, asked))
    terms, _, _, head, *_ = _value_key(best, layout, asked)
    return best, terms, head


def _value_key(
    value: Value, layout: _Layout, asked: _Asked
) -> tuple[int, int, int, int, int, int, float, int]:
    """(question terms in the clause, asked noun before it, direction, counted noun, counted
    phrase, date specificity, closeness of the question's words, position): higher is better."""
    shared = layout.shared_clauses(value)
    first, last = layout.word_of(value.start), layout.word_of(value.end - 1)
    # "welk Kamerstuk" and "Kamerstuk 31524-311": the value the asked noun names; also when
    # the noun is a compound of that word ("welk Kamerstuknummer").
    before_terms = set(layout.terms(max(0, first - 2), first))
    named = int(_names_asked(asked.nouns, before_terms, set(layout.terms(first, first + 1))))
    inside = [i for i in layout.matched if layout.clause_of(layout.words[i].start()) in shared]
    own = [i for i in inside if not first <= i <= last]
    terms = {t for i in own for t in _word_terms(layout.words[i].group(0))} & asked.wanted
    head = _counted(value, layout, asked, last)
    # "hoeveel basisscholen": for "hoeveel van de aanvragen" the number followed by the
    # counted words is the total, not the answer.
    sign = -1 if asked.partitive else 1
    phrase = sign * len(set(layout.terms(last + 1, last + 9)) & asked.phrase)
    before = layout.sentence[max(0, value.start - 12) : value.start].lower()
    leads = 1 if asked.direction and re.search(asked.direction, before) else 0
    closeness = sum(1 / (1 + (first - i if i < first else i - last)) for i in own)
    return len(terms), named, leads, head, phrase, _specificity(value.text), closeness, value.start


_COMPOUND_PART = 5
"""The shortest word read as the first part of a compound noun asked."""


def _names_asked(nouns: frozenset[str], before: set[str], opening: set[str]) -> bool:
    """Whether the words right before a value name the noun a "welk X" question asks for:
    the noun itself, or the first part of the compound asked, also as the value's own first
    word ("Kamerstuk 31288-547" for "welk Kamerstuknummer")."""
    return bool(nouns & before) or any(
        len(word) >= _COMPOUND_PART and noun.startswith(word) and noun != word
        for noun in nouns
        for word in before | opening
    )


def _counted(value: Value, layout: _Layout, asked: _Asked, last: int) -> int:
    """Whether a number is followed by what a "hoeveel" question counts (see `weigh_value`);
    for a "hoe lang" question, whether it is a length of time ("de komende twee jaar" and not
    "24 mbo-scholen" answers "Hoe lang loopt het project?")."""
    if asked.length and not asked.head:
        timed = _TIME_UNIT.match(layout.sentence, value.end) or _LENGTH_WORD.fullmatch(value.text)
        return 1 if timed else 0
    sign = -1 if asked.partitive else 1
    next_two = set(layout.terms(last + 1, last + 3))
    counted = set(layout.terms(last + 1, last + 2))
    # "Hoeveel mensen zijn er met de sectorplannen bereikt?": "76 sectorplannen" counts
    # something else that the question names, not what it asks for.
    other = bool(asked.head) and bool(counted & (asked.named - asked.phrase - asked.head))
    # "mkb-bedrijven": "3.300 mkb-ers" names the kind counted, "100 grote bedrijven" only
    # the head of the compound.
    strength = 2 if asked.specific & next_two else 1 if asked.head & next_two else 0
    head = sign * strength if strength else -1 if other else 0
    # "Hoeveel van de leerroutes ...?" and "Hiervan zijn er 87 routes in de techniek."
    clause_start = layout.clauses[layout.clause_of(value.start)][0]
    if asked.partitive and not head and _PART.match(layout.sentence, clause_start):
        head = 1
    return head

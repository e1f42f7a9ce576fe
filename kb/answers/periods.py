"""Periods and durations: the values `find_values` leaves out that answer "over welke periode",
"tussen welke leeftijden" and "hoe lang" questions.

`find_periods(sentence, kind)` gives the spans of `sentence` that join two values of `kind`
into one range ("mei 2016 tot februari 2017", "tussen 10 en 20%", "tussen de 25 en 55") and,
for a count, the number "één"; with `durations` (for a question that asks for a length of
time, `asks_period`) also a length of one ("een half jaar", "een dag"), which answers no
"hoeveel leerlingen". They are candidates of the answer step beside the values they join
(kb.answers.candidates), scored by the ranker like any value; the claim check reads values one
by one and does not use them.
"""

from __future__ import annotations

import re

from kb.analyser import fold
from kb.answers.question import QuestionType
from kb.answers.values import _NUMBER, _YEAR, Value, _spans, find_values

_JOIN = re.compile(r"\s?[-–]\s?|\s(?:tot(?: en met)?|t/m|en)\s")
"""What stands between the two ends of a range: "2014-2017", "mei tot juni", "10 en 20%"."""
_BETWEEN = re.compile(r"\btussen\s(?:de\s)?$", re.IGNORECASE)
"""A range "tussen X en Y" keeps its "tussen": without it "10 en 20%" reads as two values."""

_BARE_FIRST = re.compile(rf"(?<![\w,.])(?:{_NUMBER})(?=\s(?:en|tot)\s)")
"""The first end without its unit: "tussen 10 en 20%", "tussen € 1 en 2 miljoen"."""
_FIRST_ENDS: dict[QuestionType, re.Pattern[str]] = {
    # "2014-medio 2017": the report's one year before a hyphen and a part of a year.
    "date": re.compile(rf"(?<![\d-]){_YEAR}(?=[-–](?:begin|eind|medio)\s)", re.IGNORECASE),
    "percent": _BARE_FIRST,
    "amount": _BARE_FIRST,
}

_ONE = re.compile(r"\béén\b", re.IGNORECASE)
"""The number one, written with its accents; the article "een" alone counts nothing."""
_DURATION = re.compile(
    r"\b(?:een|één)\s(?:half\s)?(?:jaar|maand|week|dag|uur)\b|\banderhalf\s(?:jaar|uur)\b",
    re.IGNORECASE,
)
"""A length of time of one: "een half jaar", "een dag", "anderhalf jaar"."""

_LENGTH_WORDS = r"hoe lang|hoelang|hoeveel tijd|looptijd|duur|duurt|duurde|duurden"
LENGTH_QUESTION = re.compile(rf"\b(?:{_LENGTH_WORDS})\b")
"""A question for a length of time (folded text): "Hoe lang loopt het project?"."""
PERIOD_QUESTION = re.compile(
    rf"\b(?:{_LENGTH_WORDS}|periode|periodes|tijdvak|termijn|welke jaren|welke maanden"
    r"|welke studiejaren|welke schooljaren|van wanneer|tussen|leeftijdsgroep|leeftijden"
    r"|bandbreedte|vanaf wanneer tot"
    r"|hoeveel (?:jaar|jaren|maanden|maand|weken|week|dagen|dag|uur|uren))\b"
)
"""A question that asks for a range or a length of time (folded text): a length
(`LENGTH_QUESTION`), a period, a range of years or ages."""


RANGE_QUESTION = re.compile(
    r"\b(?:periode|periodes|tijdvak|welke jaren|welke maanden|welke studiejaren"
    r"|welke schooljaren|van wanneer tot|vanaf wanneer tot|tussen welke|bandbreedte"
    r"|leeftijdsgroep|leeftijden)\b"
)
"""A question that asks for a range with both its ends (folded text): "Tussen welke maanden
...?", "Over welke periode ...?"; not a length of time, and not "tussen" alone ("de
samenwerking tussen school en bedrijf")."""


def asks_period(question: str) -> bool:
    """Whether `question` asks for a period, a range or a length of time.

    >>> asks_period("Over welke periode zijn de scholingsvouchers toegekend?")
    True
    >>> asks_period("Wanneer zijn de scholingsvouchers toegekend?")
    False
    """
    return bool(PERIOD_QUESTION.search(fold(question)))


def find_periods(
    sentence: str,
    kind: QuestionType,
    durations: bool = False,
    values: list[Value] | None = None,
) -> list[Value]:
    """The ranges of two values of `kind` in `sentence`, and for a count "één" and with
    `durations` the lengths of time of one, in text order; none for other kinds. `values` are
    the sentence's values of `kind` when the caller has them (`find_values`), so that the
    answer step does not look for them twice.

    >>> [v.text for v in find_periods("Van mei 2016 tot februari 2017 zijn er 17.000.", "date")]
    ['mei 2016 tot februari 2017']
    >>> [v.text for v in find_periods("Een participatie tussen 10 en 20%.", "percent")]
    ['tussen 10 en 20%']
    >>> [v.text for v in find_periods("Het is met een half jaar verlengd.", "count", True)]
    ['een half jaar']
    """
    if kind not in ("date", "percent", "amount", "count"):
        return []
    if values is None:
        values = find_values(sentence, kind)
    pattern = _FIRST_ENDS.get(kind)
    firsts = [*values, *(_spans(pattern, sentence) if pattern else [])]
    out: list[Value] = []
    for last in values:
        for first in firsts:
            joined = sentence[first.end : last.start]
            if first.end >= last.start or not _JOIN.fullmatch(joined):
                continue
            between = _BETWEEN.search(sentence, 0, first.start)
            # Two counts joined by "en" are a list ("twee en drie"), a range only after "tussen".
            if joined == " en " and kind == "count" and between is None:
                continue
            start = between.start() if between else first.start
            out.append(Value(start, last.end, sentence[start : last.end]))
    if kind == "count":
        out += _spans(_ONE, sentence)
        out += _spans(_DURATION, sentence) if durations else []
    unique = {(v.start, v.end): v for v in out}
    return sorted(unique.values(), key=lambda v: (v.start, v.end))

"""Quantities in a sentence as comparable values: "ruim 12.000", "€ 32,1 miljoen", "vier", "2016".

A claim and a report sentence are compared value by value. `quantities()` finds the spans that
state a percentage, an amount of money, a count or a date (the same spans that answers bold,
kb.answers.values), reads each as a number or a set of years, and notes the approximation the
text puts before it ("ruim", "bijna", "meer dan", "circa"). `consistent()` says whether the
claim's value can be the report's, approximations included: "meer dan 12.000" fits the
report's "ruim 12.000", "500" does not fit "meer dan 150".

>>> [(q.kind, q.number, q.bound) for q in quantities("Ruim 12.000 leerlingen, € 2 miljoen.")]
[('count', 12000.0, 'some'), ('amount', 2000000.0, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kb.analyser import fold
from kb.answers.question import DUTCH_NUMBERS
from kb.answers.values import Value, find_values
from kb.claims.dates import same_date
from kb.claims.spelling import spelled, spelled_and_half, spelled_milestone

Kind = Literal["percent", "amount", "count", "date"]
KINDS: tuple[Kind, ...] = ("percent", "amount", "count", "date")
Bound = Literal["more", "some", "less", "almost", "about", "cap", "floor"]
"""An approximation before a value; "cap" is a limit ("maximaal", "hooguit")."""


@dataclass(frozen=True)
class Quantity:
    """A value stated in a text: its span, kind, number (None for a date), years (for a date)
    and the approximation before it."""

    kind: Kind
    text: str
    start: int
    end: int
    number: float | None
    years: frozenset[int]
    day_month: tuple[int, int] | None
    """(day, month) of a date that names a month; day 0 when it names none."""
    bound: Bound | None


_DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_SCALES = {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9}
_WORDS = {word: float(number) for number, word in DUTCH_NUMBERS.items()}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s?[-–/]\s?((?:19|20)?\d{2}))?(?!\d)")
_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
_DAY_MONTH = re.compile(rf"(?:(\d{{1,2}})\s)?({'|'.join(_MONTHS)})")
NUMBER = rf"(?:\d+|{'|'.join(DUTCH_NUMBERS.values())}|[a-z]+(?:tig|tien|honderd|duizend))\b"
"""A number in digits or Dutch words ("12", "twaalf", "vijfentwintig"), as a pattern to read
ahead: "maar 12" and "net geen twee miljoen" say how many, not "but" or "not"."""
MORE_AT_MOST = 1.5
"""A claimed figure with "ruim", "meer dan" or "minstens" is held by a report figure above it of
at most this many times it: "ruim 20.000" is not the report's "ruim 35.000"."""
BOTH_MORE_AT_MOST = 1.2
"""When the claim says "ruim" and the report "ruim" or "meer dan", the report's figure is at
most this many times the claim's: "ruim 30.000" for the report's "ruim 35.000", not "ruim
25.000" (a claimed "meer dan 100" is a lower bound, which the report's "meer dan 150" holds)."""
_BELOW: frozenset[Bound | None] = frozenset({"less", "almost"})
"""The bounds that put the figure below the value written ("minder dan", "bijna")."""
ALMOST_AT_LEAST = 0.8
"""A claimed figure with "bijna", "nagenoeg", "net geen", "een kleine" or "krap" is held by a
report figure below it of at least this share of it: "bijna de helft" is not the report's 36%."""
_BOUNDS: tuple[tuple[Bound, re.Pattern[str]], ...] = (
    ("cap", re.compile(r"(?:maximaal|hooguit|hoogstens|ten hoogste|op zijn hoogst)\s$")),
    ("floor", re.compile(r"(?:minimaal|minimum van)\s$")),
    ("almost", re.compile(r"(?:bijna|nagenoeg|net geen|een kleine|krap)\s$")),
    ("less", re.compile(r"(?:minder dan|ruim onder|nog geen)\s$")),
    ("some", re.compile(r"(?:ruim|iets meer dan|net boven|net over)\s$")),
    (
        "more",
        re.compile(
            r"(?:meer dan|ruimschoots|minstens|ten minste|tenminste|bijna \w+ dan|boven de"
            r"|over de|\+)\s$"
        ),
    ),
    ("about", re.compile(r"(?:circa|ca\.|ongeveer|zo'n|zo’n|rond|rond de|plusminus|pakweg)\s$")),
)


_SUFFIX = re.compile(r"(?<=[a-z])(?:jarige?|tal|punten(?:plan)?)$")


def number_of(text: str) -> float | None:
    """The number a value spells: "12.000" 12000, "32,1 miljoen" 32100000, "vier" 4."""
    folded = fold(text)
    match = _DIGITS.search(folded)
    if match:
        number = float(match.group(0).replace(".", "").replace(",", "."))
        rest = folded[match.end() :].split()
    else:
        # "driejarig" is three (years), "zestal" about six, "vijfpuntenplan" five.
        words = [_SUFFIX.sub("", w) for w in re.findall(r"[a-z]+", folded)]
        spelled = [w for w in words if w in _WORDS]
        if not spelled:
            return None
        number = _WORDS[spelled[0]]
        rest = words[words.index(spelled[0]) + 1 :]
    if rest and rest[0] in _SCALES:
        number *= _SCALES[rest[0]]
    return number


def _years(text: str) -> frozenset[int]:
    years: set[int] = set()
    for match in _YEAR.finditer(text):
        first = int(match.group(1))
        years.add(first)
        if match.group(2):
            last = match.group(2)
            end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
            years.update(range(first, end + 1) if first < end <= first + 20 else [end])
    return frozenset(years)


def _bound(text: str, start: int) -> Bound | None:
    return bound_of(text, start)[0]


def bound_of(text: str, start: int) -> tuple[Bound | None, int]:
    """The approximation or limit written before the value at `start` ("ruim", "minimaal"),
    and where it begins in `text` (`start` when there is none)."""
    begin = max(0, start - 24)
    before = fold(text[begin:start])
    for bound, pattern in _BOUNDS:
        if match := pattern.search(before):
            return bound, begin + match.start() if len(before) == start - begin else start
    return None, start


_FRACTIONS = {"helft": 50.0, "derde": 100 / 3, "kwart": 25.0, "vijfde": 20.0, "tiende": 10.0}
_FRACTION = re.compile(
    r"\b(?:de\shelft|(?:een|één|twee|drie)\s(?:helft|derde|kwart|vijfde|tiende)"
    r"|(?:een|één|\w+)\sop\sde\s(?:twee|drie|vier|vijf|tien|\d+))\b",
    re.IGNORECASE,
)


def _fraction(text: str) -> float | None:
    """A share in words as a percentage: "de helft" 50, "vier op de tien" 40 ("de derde
    tranche" is an ordinal, so only "de helft" takes "de")."""
    words = fold(text).split()
    if words[-1] in _FRACTIONS:
        times = {"twee": 2.0, "drie": 3.0}.get(words[0], 1.0)
        return times * _FRACTIONS[words[-1]]
    part, whole = number_of(words[0].replace("een", "een ")), number_of(words[-1])
    if part is None or not whole:
        return None
    return 100.0 * part / whole


_TAL = re.compile(
    rf"\b({'|'.join(w for n, w in DUTCH_NUMBERS.items() if 2 <= n <= 100)})tal\b", re.IGNORECASE
)
"""A count in a "-tal" word: "een zestal projecten", "een tiental"."""
_ORDINAL = re.compile(
    r"(?:tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde)",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(r"\s(duizend|miljoen|miljard)\b")


def quantities(text: str) -> list[Quantity]:
    """The percentages, amounts, counts and dates stated in `text`, in text order; a share in
    words ("de helft", "vier op de tien") is a percentage."""
    found = _in_words(text)
    for kind in KINDS:
        for value in find_values(text, kind):
            if any(q.start < value.end and value.start < q.end for q in found):
                continue
            if (
                kind == "count"
                and text[value.end : value.end + 1].isalpha()
                and not milestone(text, value)
            ):
                # "4TU", "3D": a name, not a count.
                continue
            if kind == "count" and _listed_label(text, value):
                # "mbo niveau 2, 3 en 4": the numbers after a label's first name levels too.
                continue
            if kind == "count" and _ORDINAL.fullmatch(value.text):
                # "de tweede ScienceMakers" names which one; it states no number.
                continue
            if kind == "count" and _aged(text, value):
                # "16-jarige leerlingen", "van 18 jaar en ouder", "mensen boven de 50 jaar": an
                # age, not how many.
                continue
            scale = _SCALE_AFTER.match(text, value.end) if kind == "count" else None
            if scale and not _SCALE_AFTER.search(value.text):
                # "drie miljoen": the number word and its scale are one value.
                value = Value(value.start, scale.end(), text[value.start : scale.end()])
            procent = _PROCENT.match(text, value.end) if kind == "count" else None
            if procent:
                # "dertig procent" is a percentage in words.
                kind_of: Kind = "percent"
                value = Value(value.start, procent.end(), text[value.start : procent.end()])
            elif kind == "count" and _bare_millions(text, value):
                kind_of = "amount"
            else:
                kind_of = kind
            found.append(_quantity(text, kind_of, value))
    for match in _BARE_MILLIONS.finditer(text):
        value = Value(match.start(), match.end(), match.group(0))
        if not any(q.start < value.end and value.start < q.end for q in found):
            found.append(_quantity(text, "amount", value))
    for match in _ONE_YEAR.finditer(text):
        # "een eenjarig programma" against the report's "tweejarig".
        found.append(_quantity(text, "count", Value(*match.span(), match.group(0))))
    return sorted(found, key=lambda q: q.start)


_ONE_YEAR = re.compile(r"\beenjarige?\b", re.IGNORECASE)
_NOTHING_COUNTED = r"(?=\s*(?:[,.;:?!)]|$|\s(?:en|of|maar|terwijl|beschikbaar|klaar)\b))"
_BARE_MILLIONS = re.compile(
    rf"(?<![\w€,.])een\s+(?:miljoen|miljard){_NOTHING_COUNTED}", re.IGNORECASE
)
"""Millions with nothing counted after them are money: "in 2019 nog ruim een miljoen", "loopt
op tot bijna 2 miljoen" (beside "1,5 miljoen euro" for 2017)."""


def _bare_millions(text: str, value: Value) -> bool:
    """Whether a count of millions counts nothing (`_BARE_MILLIONS`): an amount."""
    return bool(re.search(r"(?:miljoen|miljard)$", value.text)) and bool(
        re.match(_NOTHING_COUNTED, text[value.end :])
    )


_LABEL_LIST = re.compile(
    r"\b(?:niveau|groep|fase|klas|leerjaar|tranche)\s*\d{1,2}(?:\s*(?:,|en|of|t/m)\s*\d{1,2})*"
    r"\s*(?:,|en|of|t/m)\s*$",
    re.IGNORECASE,
)
"""A number listed after a labelled one ("niveau 2, 3 en 4", "groep 7 en 8")."""


def _listed_label(text: str, value: Value) -> bool:
    """Whether a count of one or two digits is listed after a labelled number ("niveau 2, 3
    en 4"): a level, as the first is, not how many."""
    return len(value.text) <= 2 and bool(_LABEL_LIST.search(text, 0, value.start))


_WORD = re.compile(r"\b[a-zA-Zë]{6,}\b")
_PROCENT = re.compile(r"\s+procent\b")
_MILESTONE = re.compile(r"(?:e|ste|de)\b")
_NAMED_YEAR = re.compile(r"\bTechniekpact\s+$", re.IGNORECASE)
"""The name a year belongs to: "(Nationaal) Techniekpact 2020", the pact itself."""


def named_year(text: str, value: Quantity) -> bool:
    """Whether a date of `text` is the year in a name ("het Nationaal Techniekpact 2020"): it
    compares only with the year of that name, never with when something happened."""
    return value.kind == "date" and bool(_NAMED_YEAR.search(text, 0, value.start))


_AGE = re.compile(r"-jarig|\s+jaar\s+(?:en|of)\s+(?:ouder|jonger)\b")
_AGE_BEFORE = re.compile(r"(?:(?:boven|onder)\s+de|(?:ouder|jonger)\s+dan)\s+$", re.IGNORECASE)
_YEARS_AFTER = re.compile(r"\s+(?:jaar\b|(?:zijn|hun|haar|die|dat|en|of|is)\b)|\s*[,.;]")
"""After "boven de 50": "jaar", or no noun that says what is counted ("boven de vijftig zijn
baan kwijt")."""


def _aged(text: str, value: Value) -> bool:
    """Whether a count is an age: "16-jarige", "18 jaar en ouder", "boven de 50 jaar", "wie
    boven de vijftig zijn baan verliest"."""
    before = _YEARS_AFTER.match(text, value.end) and _AGE_BEFORE.search(text[: value.start])
    return bool(_AGE.match(text, value.end) or before)


_EURO_AFTER = re.compile(r"\s+euro\b")
_AND_HALF = re.compile(r"\s+en\s+een\s+half\b")
"""A half after a number word ("zevenendertig en een half miljoen")."""


def milestone(text: str, value: Value | Quantity) -> bool:
    """ "de 10.000e leerling": the how-manieth of a hundred or more is a count ("de 21e eeuw"
    names a century)."""
    return bool(_MILESTONE.match(text, value.end)) and (number_of(value.text) or 0) >= 100


def _compounds(text: str) -> list[Quantity]:
    """Counts (and percentages, before "procent") in compound number words that the answer
    values leave out: "zevenentachtig", "vierhonderd uur", "honderdduizend leerlingen",
    "zevenendertigenhalf miljoen euro"."""
    found: list[Quantity] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        number = spelled(word) or spelled_milestone(word) or spelled_and_half(word)
        if number is None or word.lower() in _WORDS:
            continue
        end, value = match.end(), float(number)
        half = _AND_HALF.match(text, end)
        if half and not word.endswith("half"):
            end, value = half.end(), value + 0.5
        scale = _SCALE_AFTER.match(text, end)
        if scale:
            end, value = scale.end(), value * _SCALES[scale.group(1)]
        euro = _EURO_AFTER.match(text, end)
        procent = _PROCENT.match(text, end)
        kind: Kind = "amount" if euro else "percent" if procent else "count"
        end = euro.end() if euro else procent.end() if procent else end
        span = (text[match.start() : end], match.start(), end)
        found.append(Quantity(kind, *span, value, frozenset(), None, _bound(text, match.start())))
    return found


_HALF = re.compile(
    r"\b(?:een\s+)?(anderhalf|half|driekwart|kwart)\s+(duizend|miljoen|miljard)\b", re.IGNORECASE
)
"""Part of a scale in words: "een half miljoen" 500,000, "anderhalf miljard" 1.5 billion, "een
kwart miljard" 250 million."""
_PARTS = {"anderhalf": 1.5, "half": 0.5, "driekwart": 0.75, "kwart": 0.25}
_DOZEN = re.compile(rf"\b(?:een\s+|({NUMBER})\s+)?(half\s+)?dozijn\b", re.IGNORECASE)
"""A dozen, half of one or several: "een half dozijn" 6, "een dozijn" 12, "twee dozijn" 24."""


def _in_words(text: str) -> list[Quantity]:
    """Shares in words ("de helft": 50%), "-tal" counts ("een zestal": about 6), compound
    number words ("vierhonderd") and half a scale ("een half miljoen")."""
    found: list[Quantity] = _compounds(text)
    for words in _FRACTION.finditer(text):
        share = _fraction(words.group(0))
        if share is not None and not _SCALE_AFTER.match(text, words.end()):
            bound = _bound(text, words.start())
            span = (words.group(0), words.start(), words.end())
            found.append(Quantity("percent", *span, share, frozenset(), None, bound))
    for words in _HALF.finditer(text):
        if any(q.start < words.start() < q.end for q in found):
            continue  # "zevenendertig en een half miljoen": the half of a number before it
        value = _PARTS[words.group(1).lower()] * _SCALES[words.group(2).lower()]
        euro = _EURO_AFTER.match(text, words.end())
        end = euro.end() if euro else words.end()
        span = (text[words.start() : end], words.start(), end)
        bound = _bound(text, words.start())
        kind: Kind = "amount" if euro else "count"
        found.append(Quantity(kind, *span, value, frozenset(), None, bound))
    for words in _DOZEN.finditer(text):
        span = (words.group(0), words.start(), words.end())
        times = number_of(words.group(1)) if words.group(1) else 1.0
        dozen = (6.0 if words.group(2) else 12.0) * (times or 1.0)
        found.append(
            Quantity("count", *span, dozen, frozenset(), None, _bound(text, words.start()))
        )
    for words in _TAL.finditer(text):
        span = (words.group(0), words.start(), words.end())
        number = number_of(words.group(1))
        found.append(Quantity("count", *span, number, frozenset(), None, "about"))
    return found


def _quantity(text: str, kind: Kind, value: Value) -> Quantity:
    day_month = None
    if kind == "date":
        match = _DAY_MONTH.search(fold(value.text))
        if match:
            day = int(match.group(1)) if match.group(1) else 0
            day_month = (day, _MONTHS.index(match.group(2)) + 1)
    return Quantity(
        kind=kind,
        text=value.text,
        start=value.start,
        end=value.end,
        number=None if kind == "date" else number_of(value.text),
        years=_years(value.text) | _range_start(text, value) if kind == "date" else frozenset(),
        day_month=day_month,
        bound=_bound(text, value.start),
    )


_RANGE_START = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[-–]\s?$")


def _range_start(text: str, value: Value) -> frozenset[int]:
    """The years from a range's first year written before the value: "2014-medio 2017" (the
    value "medio 2017") covers 2014 to 2017."""
    match = _RANGE_START.search(text[max(0, value.start - 8) : value.start])
    years = _years(value.text)
    if match is None or not years:
        return frozenset()
    first, last = int(match.group(1)), max(years)
    return frozenset(range(first, last + 1)) if first < last <= first + 20 else frozenset()


def consistent(claimed: Quantity, stated: Quantity) -> bool:
    """Whether the claimed value can be the stated one, with both texts' approximations.

    >>> claim, report = quantities("meer dan 500 talenten")[0], quantities("meer dan 150")[0]
    >>> consistent(claim, report)
    False
    """
    if claimed.kind != stated.kind:
        return False
    if claimed.kind == "date":
        return same_date(claimed, stated)
    if claimed.number is None or stated.number is None:
        return fold(claimed.text) == fold(stated.text)
    return _fits(claimed.number, claimed.bound, stated.number, stated.bound)


def _fits(
    claim: float, claim_bound: Bound | None, report: float, report_bound: Bound | None
) -> bool:
    """A claimed number (with its approximation) against the report's (with its own). "ruim"
    ("some") is a little more, "meer dan" ("more") a lower bound: "meer dan 100" holds the
    report's "meer dan 150", "ruim 25.000" is not its "ruim 35.000"."""
    roughly = claim_bound == "some"
    claim_bound = "more" if claim_bound == "some" else claim_bound
    report_bound = "more" if report_bound == "some" else report_bound
    if claim == report:
        # "hoogstens 640 uur" is not the report's "minimaal 640 uur": a limit the other way.
        bounds = {claim_bound, report_bound}
        return not (bounds & (_BELOW | {"cap"}) and bounds & {"floor", "more"})
    near = abs(claim - report) <= 0.1 * abs(report)
    if "cap" in (claim_bound, report_bound):
        # A limit is itself the figure: "maximaal tien" is not the report's "maximaal zeven";
        # a claimed limit holds a plain figure below it.
        return claim_bound == "cap" and report_bound != "cap" and report <= claim
    if report_bound == "floor":
        # A required minimum is itself the figure: "minstens 400 uur" is not "minimaal 640 uur".
        return False
    if claim_bound == "floor":
        return report_bound not in _BELOW and report >= claim
    if claim_bound == "almost" and report_bound == "about":
        # "een kleine tweehonderd" for the report's "ongeveer 180".
        return near or claim * ALMOST_AT_LEAST <= report < claim
    if "about" in (claim_bound, report_bound):
        return near
    if claim_bound == "more":
        # "ruim 20.000" says a little more than 20.000: not the report's 35.000; nor is
        # "ruim 25.000" the report's own "ruim 35.000" (two bounds: the figures themselves).
        above = report > claim or (report_bound == "more" and report >= claim)
        most = BOTH_MORE_AT_MOST if roughly and report_bound == "more" else MORE_AT_MOST
        return above and report <= claim * most
    if claim_bound in _BELOW:
        below = report < claim or (report_bound in _BELOW and report <= claim)
        return below and (claim_bound == "less" or report >= claim * ALMOST_AT_LEAST)
    if report_bound == "more":
        return report <= claim <= report * 1.15
    if report_bound in _BELOW:
        return report * 0.85 <= claim <= report
    return False

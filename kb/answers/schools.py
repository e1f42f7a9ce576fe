"""Which school type a figure is about, and whether it is the one the question asks.

A sentence of the report often gives one figure per school type or level: "Op de havo is het
aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%", "180 havo/vwo-scholen en 280
vmbo-scholen", "op niveau 1 is het aandeel 40%, op niveau 2 is dit 34%". A figure's own school
type stands right after it ("180 havo/vwo-scholen") or earlier in its own clause ("het aandeel
op het vwo ligt op 62%"); a clause ends at a comma, a semicolon, a colon or "en". A question
may name an mbo level as "mbo-4" or "het laagste niveau" (niveau 1).

>>> sentence = "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
>>> sorted(figure_schools(sentence, 39, 42)), sorted(figure_schools(sentence, 75, 78))
(['havo'], ['vwo'])
>>> school_match(sentence, 75, 78, "Hoeveel procent van de havisten kiest een N-profiel?")
-1.0
"""

from __future__ import annotations

import re

from kb.analyser import fold

_LEVEL = r"(?:(?:mbo-?)?niveau[ -]?|mbo[ -])"
"""An mbo level: "niveau 4", "mbo-niveau 4", "mbo-4", "mbo 4"."""
_LOWEST = r"(?:aller)?laagste\s+(?:mbo-?)?niveau"
_HIGHEST = r"(?:aller)?hoogste\s+(?:mbo-?)?niveau"
"""The mbo's lowest level is niveau 1 (entree), its highest niveau 4."""

_SCHOOLS: tuple[tuple[str, str], ...] = (
    ("vmbo-bb", r"basisberoeps\w*(?:\s+leerweg)?|vmbo-bb|vmbo-basis\w*"),
    ("vmbo-kb", r"kaderberoeps\w*(?:\s+leerweg)?|vmbo-kb|vmbo-kader"),
    ("vmbo-gl", r"gemengde\s+leerweg|vmbo-gl"),
    ("vmbo-tl", r"theoretische\s+leerweg|vmbo-tl|vmbo-t|mavo\w*"),
    (
        "vmbo",
        r"vmbo(?!-(?:bb|kb|gl|tl|t|kader|basis\w*)(?!\w))[\w-]*"
        r"|voorbereidend\s+(?:middelbaar\s+)?beroepsonderwijs",
    ),
    ("havo", r"havo\w*|havist\w*"),
    ("vwo", r"vwo\w*|atheneum|gymnasium"),
    ("mbo", r"mbo\w*|(?<!voorbereidend\s)middelbaar\s+beroepsonderwijs"),
    ("hbo", r"hbo\w*|hoger\s+beroepsonderwijs"),
    ("wo", r"wo|wetenschappelijk\s+onderwijs"),
    ("pabo", r"pabo\w*"),
    ("po", r"basisonderwijs|basisschool\w*|basisscholen"),
    ("bol", r"bol"),
    ("bbl", r"bbl"),
    ("niveau 1", rf"{_LEVEL}1|entreeniveau|entree\w*|{_LOWEST}"),
    ("niveau 2", rf"{_LEVEL}2"),
    ("niveau 3", rf"{_LEVEL}3"),
    ("niveau 4", rf"{_LEVEL}4|{_HIGHEST}"),
)
"""Each school type, level or vmbo learning path, by the words that name it (folded text)."""

_FOUND = [(name, re.compile(rf"(?<![\w-])(?:{words})(?![\w])")) for name, words in _SCHOOLS]

_PATHS = frozenset(["vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"])
"""The vmbo's learning paths: where the question names one, only the paths are compared
("de theoretische leerweg van het vmbo": 41% for vmbo-tl, not 40% for vmbo-gl)."""

_PAIR = re.compile(
    r"\b(havo|vwo|vmbo|mbo|hbo|wo|pabo)-?\s+en\s+(?:(?:de|het)\s+)?(havo|vwo|vmbo|mbo|hbo|wo)\b",
    re.IGNORECASE,
)
"""Two school types joined by "en" ("havo en vwo", "hbo- en wo-master") are one clause's."""

_CLAUSE_END = re.compile(r"[,;:]|\s(?:en|maar|terwijl|waarvan)\s")

_AFTER_WORDS = 3
"""Words after a figure read for its own school type ("180 havo/vwo-scholen", "40 procent van
de vmbo-leerlingen"), within its clause."""
_BEFORE = 90
"""Characters before a figure read for its own clause."""


def schools(text: str) -> frozenset[str]:
    """The school types, levels and vmbo learning paths a text names ("havisten" -> havo;
    "vmbo-tl" names the path, not also "vmbo")."""
    folded = fold(text)
    return frozenset(name for name, words in _FOUND if words.search(folded))


def figure_schools(sentence: str, start: int, end: int) -> frozenset[str]:
    """The school types of the figure at `sentence[start:end]`: those named right after it
    in its clause, else those earlier in its own clause; empty when its clause names none."""
    after = _PAIR.sub(r"\1/\2", sentence[end:])
    cut = _CLAUSE_END.search(after)
    words = (after[: cut.start()] if cut else after).split()
    own = schools(" ".join(words[:_AFTER_WORDS]))
    if own:
        return own
    before = _PAIR.sub(r"\1/\2", sentence[max(0, start - _BEFORE) : start])
    ends = list(_CLAUSE_END.finditer(before))
    return schools(before[ends[-1].end() :] if ends else before)


def school_match(sentence: str, start: int, end: int, question: str) -> float:
    """+1 when the figure's own school type is one the question names, -1 when its clause
    names only others, 0 when the question or the clause names none (`matched`)."""
    asked = schools(question)
    return matched(figure_schools(sentence, start, end), asked) if asked else 0.0


def matched(own: frozenset[str], asked: frozenset[str]) -> float:
    """`school_match` for a figure's own school types and the question's, read once per
    question by the caller. Where the question names a vmbo learning path, the paths alone
    are compared."""
    if asked & _PATHS:
        asked, own = asked & _PATHS, own & _PATHS
    if not own or not asked:
        return 0.0
    return 1.0 if own & asked else -1.0

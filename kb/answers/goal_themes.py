"""A goal named by its theme: "het doel over leerkrachten", "doelen over het beroepsonderwijs".

People name a goal with their own words for the report's: "leraren" for "leerkrachten" or
"docenten", "de basisschool" for "het basisonderwijs", "hbo" for "hoger onderwijs". Both sides
are analysed, mapped onto one word per theme, and compared as compounds ("profielkeuze" holds
"profiel"); the report's elliptic compounds ("basis- en voortgezet onderwijs") are written out.

>>> goal_of_theme(analyse("leraren basisschool"), goal_titles)
2
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.analyser import DUTCH_STOP_WORDS, analyse

_THEMES = {
    "leraar": "leraar leraren leerkracht leerkrachten docent docenten onderwijzer onderwijzers",
    "basisonderwijs": "basisonderwijs basisschool basisscholen po primair",
    "vo": "vo voortgezet middelbare havo vwo",
    "mbo": "mbo middelbaar roc",
    "ho": "ho hbo wo hoger hogeschool hogescholen universiteit universiteiten",
    "vakkracht": "vakkracht vakkrachten vakmensen vakman technici technicus werknemers",
    "lob": "lob loopbaanorientatie loopbaanbegeleiding studiekeuze beroepskeuze profielkeuze",
    "stage": "stage stages stageplaatsen stageplekken leerwerkplekken leerbanen",
    "bedrijf": "bedrijf bedrijven bedrijfsleven werkgevers",
    "talent": "talent talenten",
    "samenwerk": "samenwerking samenwerkingen samenwerken samenwerkingsverbanden",
}
_CANONICAL = {
    stem: theme for theme, words in _THEMES.items() for stem in analyse(words) if stem != theme
}
_ELLIPSIS = re.compile(r"\b(\w+)-\s+(?:en|of)\s+(?:\w+\s+)?(\w+)\b")
COMPOUND_PART = 5
"""The shortest word that counts as the part of a compound ("profiel" in "profielkeuze")."""


def theme_terms(text: str) -> tuple[str, ...]:
    """The analysed words of a text with each theme's words mapped onto one."""
    return tuple(dict.fromkeys(_CANONICAL.get(t, t) for t in analyse(text)))


def title_terms(title: str) -> tuple[str, ...]:
    """A goal title's words, its elliptic compounds written out ("basis- en voortgezet
    onderwijs" also holds "basisonderwijs")."""
    written_out = _ELLIPSIS.sub(lambda m: f"{m.group(0)} {m.group(1)}{m.group(2)}", title)
    return tuple(t for t in theme_terms(written_out) if t not in DUTCH_STOP_WORDS)


def matches(term: str, held: Iterable[str]) -> bool:
    """Whether a word is among `held`, as itself or as part of a compound."""
    term = _CANONICAL.get(term, term)
    for h in held:
        if h == term:
            return True
        # Only a compound's first part: "basisonderwijs" is no theme of every "onderwijs".
        short, long = sorted((h, term), key=len)
        if len(short) >= COMPOUND_PART and long.startswith(short):
            return True
    return False


def theme_overlap(terms: Iterable[str], title: str) -> int:
    """How many of the asked words a goal title holds."""
    held = title_terms(title)
    return sum(matches(t, held) for t in dict.fromkeys(terms))


def goal_of_theme(terms: Iterable[str], goal_titles: dict[int, str]) -> int | None:
    """The one goal whose title holds the most of the asked words (at least two, or the
    one word asked), if any."""
    asked = tuple(terms)
    if not asked or not goal_titles:
        return None
    overlap = {n: theme_overlap(asked, t) for n, t in goal_titles.items()}
    ranked = sorted(overlap.values(), reverse=True)
    best = max(overlap, key=lambda n: overlap[n])
    runner_up = ranked[1] if len(ranked) > 1 else 0
    # One word may name a goal when it is all the question asks ("het doel over stages").
    enough = min(2, len(set(asked)))
    return best if overlap[best] >= enough and overlap[best] > runner_up else None


def goals_of_theme(terms: Iterable[str], goal_titles: dict[int, str]) -> list[int]:
    """The goals whose titles hold the most of the asked words, at least half of them."""
    asked = tuple(terms)
    overlap = {n: theme_overlap(asked, t) for n, t in goal_titles.items()}
    most = max(overlap.values(), default=0)
    if not asked or most == 0 or 2 * most < len(asked):
        return []
    return sorted(n for n, count in overlap.items() if count == most)

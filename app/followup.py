"""Follow-up questions: read a short question in the context of the one asked before it.

"en in Limburg?" after "Welke voorbeelden zijn er in Twente?" searches "Welke voorbeelden zijn
er in Limburg?"; "wanneer was dat?" after "hoeveel cross-over kwalificaties raken techniek?"
searches "wanneer cross-over kwalificaties raken techniek?" within the goal of the previous
answer; "welk doel is dat?" is answered from the previous answer itself. The app shows the
question actually searched, so a wrong guess is visible.

>>> previous = Previous("Welke voorbeelden zijn er in Twente?", goal=9)
>>> resolve_followup("en in Limburg?", previous, regions=["Limburg", "Twente"]).searched
'Welke voorbeelden zijn er in Limburg?'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kb.analyser import fold

FollowupKind = Literal["new", "refined", "about_previous"]
About = Literal["goal", "place"]

MAX_FOLLOWUP_WORDS = 7
"""A follow-up is short; a longer question stands on its own."""

# Words that point back at the previous answer ("wanneer was dat?").
_ANAPHORS = frozenset({"dat", "dit", "die", "daar", "daarvan", "hiervan", "ervan", "hij", "zij"})
# Verbs that carry nothing once the previous question supplies the topic.
_FILLERS = frozenset(
    {"is", "was", "waren", "zijn", "wordt", "werd", "gebeurde", "gebeurt", "deed", "doet", "er"}
)
_QUESTION_WORDS = frozenset(
    {"wanneer", "wie", "waar", "hoeveel", "welk", "welke", "wat", "hoe", "waarom", "hoelang"}
)
# The question phrase that opens a question; stripped to find its topic.
_QUESTION_PHRASE = re.compile(
    r"^\s*(?:in\s+welk\s+jaar|hoeveel\s+geld|welk\s+(?:percentage|aandeel|bedrag)|"
    r"hoeveel|wanneer|waarom|welke?|wie|waar|wat|hoe)\b\s*",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"^\s*(?:en\s+hoe\s+(?:zit|staat)\s+het\s+(?:dan\s+)?met|en\s+ook|en|maar\s+ook|ook)\b\s*",
    re.IGNORECASE,
)
_GOAL_MENTION = re.compile(r"\bdoel\s+\d{1,2}\b", re.IGNORECASE)
_GOAL_WORDS = frozenset(
    {"welk", "welke", "doel", "hoort", "valt", "is", "was", "staat", "zit", "bij", "onder", "in"}
    | _ANAPHORS
    | {"het"}
)
_PLACE_WORDS = frozenset(
    {"waar", "staat", "stond", "vind", "ik", "in", "het", "rapport", "de", "bron", "wat", "is"}
    | _ANAPHORS
)


@dataclass(frozen=True)
class Previous:
    """What a follow-up can refer to: the previous question as searched, and the goal of its
    answer (None when it abstained or quoted the preface)."""

    searched: str
    goal: int | None = None


@dataclass(frozen=True)
class Resolved:
    """A question as it will be searched.

    `kind` is "new" (searched as asked), "refined" (rewritten from the previous question) or
    "about_previous" (answered from the previous answer: `about` says what is asked, its goal
    or its place). `goal` restricts the search to the previous answer's goal, for a follow-up
    that points back at it ("wanneer was dat?").
    """

    asked: str
    searched: str
    kind: FollowupKind
    about: About | None = None
    goal: int | None = None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:-[^\W_]+)*", fold(text))


def _topic(question: str) -> str:
    """The previous question without its question phrase and final question mark."""
    return _QUESTION_PHRASE.sub("", question, count=1).strip().rstrip("?").strip()


def _find_region(text: str, regions: Sequence[str]) -> re.Match[str] | None:
    folded = fold(text)
    for region in sorted(regions, key=len, reverse=True):
        found = re.search(rf"(?<![\w-]){re.escape(fold(region))}(?![\w-])", folded)
        if found:
            return found
    return None


def _replace_span(text: str, match: re.Match[str], replacement: str) -> str:
    # fold() keeps the length of Dutch text (accents fold one-to-one after NFC), so a span
    # found in the folded text is the same span in the original.
    return text[: match.start()] + replacement + text[match.end() :]


def _refine(rest: str, previous: str, regions: Sequence[str]) -> str:
    """Put the follow-up's new part into the previous question."""
    rest = rest.strip().rstrip("?").strip()
    new_region = _find_region(rest, regions)
    old_region = _find_region(previous, regions)
    same_length = len(fold(previous)) == len(previous) and len(fold(rest)) == len(rest)
    if new_region and old_region and same_length:
        return _replace_span(previous, old_region, rest[new_region.start() : new_region.end()])
    new_goal = _GOAL_MENTION.search(rest)
    old_goal = _GOAL_MENTION.search(previous)
    if new_goal and old_goal:
        return previous[: old_goal.start()] + new_goal.group(0) + previous[old_goal.end() :]
    return f"{previous.strip().rstrip('?').strip()} {rest}?"


def resolve_followup(
    question: str, previous: Previous | None, regions: Sequence[str] = ()
) -> Resolved:
    """Read `question` in the context of `previous` (the question searched before it).

    Args:
        regions: the place names the index knows, so that "en in Limburg?" can replace the
            place in the previous question rather than add a second one.
    """
    asked = " ".join(question.split())
    words = _words(asked)
    if previous is None or not words or len(words) > MAX_FOLLOWUP_WORDS:
        return Resolved(asked, asked, "new")
    vocabulary = set(words)

    if "doel" in vocabulary and vocabulary <= _GOAL_WORDS and vocabulary & {"welk", "welke"}:
        return Resolved(asked, previous.searched, "about_previous", about="goal")
    if {"waar", "staat"} <= vocabulary and vocabulary <= _PLACE_WORDS:
        return Resolved(asked, previous.searched, "about_previous", about="place")

    if words[0] in _QUESTION_WORDS and vocabulary & _ANAPHORS:
        head = [
            w for w in asked.rstrip("?").split() if fold(w).strip("?,.") not in _ANAPHORS | _FILLERS
        ]
        searched = f"{' '.join(head)} {_topic(previous.searched)}?"
        return Resolved(asked, searched, "refined", goal=previous.goal)

    connector = _CONNECTOR.match(asked)
    if connector and connector.end() < len(asked):
        rest = asked[connector.end() :]
        return Resolved(asked, _refine(rest, previous.searched, regions), "refined")
    return Resolved(asked, asked, "new")


__all__ = ["Previous", "Resolved", "resolve_followup"]

"""List and overview questions, answered from the report's structure instead of one sentence.

"Welke voorbeelden zijn er in Groningen?", "Geef de voorbeelden bij doel 7", "Wat is er bereikt
bij doel 5?", "Welke doelen heeft het Techniekpact?", "Welke Kamerstukken worden genoemd bij
doel 9?", "In welke voorbeelden komt IBM voor?": the answer is a list of parts of the report
(examples, achievements, goals, footnotes), each with its title or first sentence, verbatim,
and its source. `list_request()` reads what a question asks for; `list_items()` collects it.

>>> [item.id for item in list_items(index, list_request("voorbeelden Zeeland", places))]
['techniekpact-2017/doel-04/voorbeeld/2', 'techniekpact-2017/doel-10/voorbeeld/2']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.model import Chunk
from ingest.regions import Gazetteer
from kb.analyser import DUTCH_STOP_WORDS, analyse, fold
from kb.answers.question import DUTCH_NUMBERS
from kb.index import Index

ListKind = Literal["examples", "achievements", "goals", "footnotes", "mentions"]


@dataclass(frozen=True)
class ListRequest:
    """What a list question asks for: a kind of part, narrowed by goal, place or name."""

    kind: ListKind
    goal: int | None = None
    provinces: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    """Analysed words that a listed part must hold (an organisation, a subject)."""
    site: str | None = None
    """A web address the listed examples link to."""


@dataclass(frozen=True)
class Item:
    """One part of the report in a list: its unit id, title, first sentence (verbatim) and
    the chunk to link to."""

    id: str
    kind: str
    goal: int | None
    title: str | None
    text: str
    chunk: Chunk


_EXAMPLES = re.compile(
    r"\b(?:voorbeeld\w*|praktijkvoorbeeld\w*|\w*projecten|initiatieven|gebeurt)\b"
)
_ACHIEVED = re.compile(r"\b(?:wat is er bereikt|bereikt|resultaten|behaald|geboekt|opgeleverd)\b")
_GOALS = re.compile(r"\b(?:welke|de|alle|twaalf|12)\s+doelen\b|^doelen\b|\bdoelen (?:van|heeft)\b")
_SOURCES = re.compile(
    r"\b(?:kamerstukken|kamerbrieven|bronnen|voetnoten|verwijzingen|brieven)\b"
    r"|\bwelke? (?:kamerstuk|bron|voetnoot|brief)\b|\bnaar welke bron\b|\bop welk kamerstuk\b"
)
_MENTIONS = re.compile(
    r"\bwaar (?:in het rapport |in de rapportage )?(?:komt|komen|staat|staan|wordt|worden) (.+?) "
    r"(?:voor|genoemd|vermeld)\b"
)
_SITE = re.compile(r"(?:www\.)?[a-z0-9-]+\.(?:nl|com|org|eu)\b")
_GOAL_NUMBER = re.compile(r"\bdoel\s+(\d{1,2}|[a-z]+)\b")
_CUES = frozenset(
    analyse(
        "welke welk voorbeelden voorbeeld praktijkvoorbeelden projecten techniekprojecten "
        "initiatieven noemt noemen noem geef komt komen voor speelt spelen rol gaan over staan "
        "beschrijft rapport rapportage techniekpact wat gebeurt er in uit doelen doel heeft "
        "hebben zijn worden genoemd kamerstukken bronnen voetnoten verwijst verwijzen"
    )
)
HOLDS = 0.75
"""The IDF-weighted share of a list question's own words that a listed part must hold."""
_WORD_NUMBERS = {word: number for number, word in DUTCH_NUMBERS.items() if 1 <= number <= 12}


def list_request(
    question: str, gazetteer: Gazetteer | None, goal_titles: dict[int, str]
) -> ListRequest | None:
    """What a list question asks for, or None when the question asks for one fact.

    `goal_titles` lets "het doel over leerkrachten" name a goal without its number.
    """
    folded = fold(question)
    goal = _goal(folded, goal_titles)
    if _GOALS.search(folded) and goal is None:
        return ListRequest("goals", terms=_terms(question))
    if _SOURCES.search(folded) and (goal is not None or _plural_sources(folded)):
        return ListRequest("footnotes", goal=goal)
    mention = _MENTIONS.search(folded)
    if mention:
        terms = _terms(mention.group(1))
        return ListRequest("mentions", terms=terms) if terms else None
    if _ACHIEVED.search(folded) and goal is not None and not _EXAMPLES.search(folded):
        return ListRequest("achievements", goal=goal)
    if not _EXAMPLES.search(folded):
        return None
    places = gazetteer.tag(question) if gazetteer else None
    if places and places.regions:
        provinces = tuple(p for p in places.regions if gazetteer and p in gazetteer.provinces)
        city = "stad" in folded.split()
        regions = tuple(r for r in places.regions if r not in provinces or city)
        return ListRequest(
            "examples", goal=goal, provinces=() if city else provinces, regions=regions
        )
    if goal is not None:
        return ListRequest("examples", goal=goal)
    site = _SITE.search(folded)
    if site:
        return ListRequest("examples", site=site.group(0))
    terms = _terms(question)
    return ListRequest("examples", terms=terms) if terms and "welke" in folded else None


def _plural_sources(folded: str) -> bool:
    return bool(
        re.search(r"\b(?:kamerstukken|kamerbrieven|bronnen|voetnoten|verwijzingen)\b", folded)
    )


def _goal(folded: str, goal_titles: dict[int, str]) -> int | None:
    match = _GOAL_NUMBER.search(folded)
    if match:
        word = match.group(1)
        number = int(word) if word.isdigit() else _WORD_NUMBERS.get(word)
        if number is not None and 1 <= number <= 12:
            return number
    if goal_titles and (_ACHIEVED.search(folded) or _EXAMPLES.search(folded) or "doel" in folded):
        asked = set(analyse(folded)) - _CUES
        overlap = {n: len(asked & set(analyse(t))) for n, t in goal_titles.items()}
        best = max(overlap, key=lambda n: overlap[n])
        runner_up = sorted(overlap.values())[-2] if len(overlap) > 1 else 0
        return best if overlap[best] >= 2 and overlap[best] > runner_up else None
    return None


def _terms(question: str) -> tuple[str, ...]:
    """The question's own words: what is left after the list cues and stop words."""
    return tuple(
        t for t in dict.fromkeys(analyse(question)) if t not in _CUES and t not in DUTCH_STOP_WORDS
    )


def list_items(index: Index, request: ListRequest) -> list[Item]:
    """The parts of the report a list question asks for, in report order."""
    parts: dict[str, list[Chunk]] = {}
    for chunk in index.chunks:
        parts.setdefault(chunk.unit_id, []).append(chunk)
    units = {unit: chunks[0] for unit, chunks in parts.items()}
    if request.kind == "goals":
        return _goals(units, request)
    kinds = {
        "examples": ("voorbeeld",),
        "achievements": ("bereikt",),
        "footnotes": ("voetnoot",),
        "mentions": ("voorwoord", "inleiding", "bereikt", "voorbeeld", "voetnoot"),
    }[request.kind]
    store = index.sentences
    weights = {t: store.idf(t) if store else 1.0 for t in request.terms}
    found = [
        chunk
        for chunk in units.values()
        if chunk.kind in kinds
        and (request.goal is None or chunk.goal == request.goal)
        and _in_place(chunk, request)
        and _holds(parts[chunk.unit_id], weights)
        and (request.site is None or any(request.site in fold(url) for url in chunk.urls))
    ]
    return [_item(chunk) for chunk in found]


def _in_place(chunk: Chunk, request: ListRequest) -> bool:
    if not request.provinces and not request.regions:
        return True
    if set(request.provinces) & set(chunk.provinces):
        return True
    # "Amsterdam" is in "Metropoolregio Amsterdam", "Utrecht" in "Utrecht Midden".
    return any(r == c or r in c.split() for r in request.regions for c in chunk.regions)


def _holds(unit: list[Chunk], weights: dict[str, float]) -> bool:
    """Whether a part of the report (its chunks) holds enough of the question's own words."""
    if not weights:
        return True
    first = unit[0]
    text = " ".join(c.text for c in unit)
    held = set(analyse(" ".join([text, first.title or "", *first.urls])))
    found = sum(
        w
        for t, w in weights.items()
        if any(h == t or (len(t) >= 4 and h.startswith(t)) for h in held)
    )
    return found >= HOLDS * sum(weights.values())


def _goals(units: dict[str, Chunk], request: ListRequest) -> list[Item]:
    goals: dict[int, Chunk] = {}
    for chunk in units.values():
        if chunk.goal is not None and chunk.kind == "inleiding":
            goals.setdefault(chunk.goal, chunk)
    chosen = [c for c in goals.values() if _title_holds(c, request.terms)]
    if request.terms and not chosen:
        chosen = [c for c in goals.values() if _title_holds(c, request.terms, c.text)]
    return [
        Item(
            id=f"{c.document}/doel-{c.goal:02d}",
            kind="doel",
            goal=c.goal,
            title=c.goal_title,
            text=c.goal_title or "",
            chunk=c,
        )
        for c in sorted(chosen or goals.values(), key=lambda c: c.goal or 0)
    ]


def _title_holds(chunk: Chunk, terms: tuple[str, ...], more: str = "") -> bool:
    held = set(analyse(f"{chunk.goal_title or ''} {more}"))
    return bool(terms) and all(t in held for t in terms)


def _item(chunk: Chunk) -> Item:
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“‘])", chunk.text, maxsplit=1)[0]
    return Item(
        id=chunk.unit_id,
        kind=chunk.kind,
        goal=chunk.goal,
        title=chunk.title,
        text=first,
        chunk=chunk,
    )

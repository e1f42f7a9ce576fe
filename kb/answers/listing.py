"""List and overview questions, answered from the report's structure instead of one sentence.

"Welke voorbeelden zijn er in Groningen?", "Geef de voorbeelden bij doel 7", "Wat is er bereikt
bij doel 5?", "Welke doelen heeft het Techniekpact?", "Welke Kamerstukken worden genoemd bij
doel 9?", "In welke voorbeelden komt IBM voor?": the answer is a list of parts of the report
(examples, achievements, goals, footnotes), each with its title or first sentence, verbatim,
and its source. `list_request()` (kb.answers.list_question) reads what a question asks for;
`list_items()` collects it.

>>> [item.id for item in list_items(index, list_request("voorbeelden Zeeland", places, {}))]
['techniekpact-2017/doel-04/voorbeeld/2', 'techniekpact-2017/doel-10/voorbeeld/2']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Chunk
from kb.analyser import DUTCH_STOP_WORDS, analyse, fold
from kb.answers.goal_themes import COMPOUND_PART, goals_of_theme
from kb.answers.list_question import ListKind, ListRequest, list_request
from kb.index import Index

__all__ = ["Item", "ListKind", "ListRequest", "in_place", "list_items", "list_request"]


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


COMPOUND_HEAD = 4
"""The shortest last part of a compound that stands for it ("grens" in "landsgrens")."""
PARLIAMENTARY_PAPER = re.compile(
    r"\bKamerstuk\b|\bTweede Kamer\b|\b\d{5}-\d+\b|\bbrief (?:regering|OCW|SZW|EZ)\b"
)
"""A footnote that cites a paper of the Tweede Kamer, as the report writes one ("Kamerstuk
31288-547, brief OCW", "31524-301 Brief regering", "Tweede Kamer, vergaderjaar 2016–2017")."""
HOLDS = 0.75
"""The IDF-weighted share of a list question's own words that a listed part must hold."""
_KINDS: dict[ListKind, tuple[str, ...]] = {
    "examples": ("voorbeeld",),
    "achievements": ("bereikt",),
    "footnotes": ("voetnoot",),
    "mentions": ("voorwoord", "inleiding", "bereikt", "voorbeeld", "voetnoot"),
}


def list_items(index: Index, request: ListRequest) -> list[Item]:
    """The parts of the report a list question asks for, in report order."""
    parts: dict[str, list[Chunk]] = {}
    for chunk in index.chunks:
        parts.setdefault(chunk.unit_id, []).append(chunk)
    units = {unit: chunks[0] for unit, chunks in parts.items()}
    if request.kind == "goals":
        return _goals(units, request, index.goal_titles)
    kinds = _KINDS[request.kind]
    if request.section in kinds:
        kinds = (request.section,)
    candidates = [
        chunk
        for chunk in units.values()
        if chunk.kind in kinds
        and (request.goal is None or chunk.goal == request.goal)
        and (not request.goals or chunk.goal in request.goals)
        and (request.site is None or any(request.site in fold(url) for url in chunk.urls))
        and (not request.parliamentary or bool(PARLIAMENTARY_PAPER.search(chunk.text)))
    ]
    placed = _placed(candidates, request)
    if not request.terms:
        return [_item(chunk) for chunk in placed]
    store = index.sentences
    weights = {t: store.idf(t) if store else 1.0 for t in request.terms}
    names = _names(request.words)
    held = {unit: _held(chunks) for unit, chunks in parts.items()}
    vocabulary = set().union(*held.values())
    found = [
        c
        for c in placed
        if _holds(held[c.unit_id], weights, vocabulary) or _named(_plain(parts[c.unit_id]), names)
    ]
    if not found and (request.goal is not None or request.goals) and request.kind != "mentions":
        # The rest of the question described the goal in other words ("bij doel 5, de
        # aansluiting vo-mbo-ho"): the goal's own list.
        found = placed
    return [_item(chunk) for chunk in found]


def _placed(chunks: list[Chunk], request: ListRequest) -> list[Chunk]:
    """The parts in the places a question names; a city that no part names stands for its
    province."""
    if request.national:
        return [c for c in chunks if not c.provinces and not c.regions]
    if not request.provinces and not request.regions:
        # "Uit welke provincies komen de voorbeelden?": those tied to a place.
        return [c for c in chunks if c.provinces] if request.by_province else chunks
    found = [c for c in chunks if in_place(c, request)]
    if found or not request.nearby:
        return found
    return [c for c in chunks if set(request.nearby) & set(c.provinces)]


def in_place(chunk: Chunk, request: ListRequest) -> bool:
    """Whether a part lies in a province or names a place that the question names."""
    if set(request.provinces) & set(chunk.provinces):
        return True
    # "Amsterdam" is in "Metropoolregio Amsterdam", "Utrecht" in "Utrecht Midden".
    return any(r == c or r in c.split() for r in request.regions for c in chunk.regions)


def _plain(unit: list[Chunk]) -> str:
    """A part's words, folded and spaced, so that "MBO-Raad" reads as "mbo raad"."""
    first = unit[0]
    text = fold(" ".join([first.title or "", *(c.text for c in unit)]))
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def _names(words: tuple[str, ...]) -> list[str]:
    """The runs of two or more of the question's words that could be a name ("Regionaal
    investeringsfonds mbo", "Centres of expertise", "MBO-Raad"), spaced for `_plain` texts."""
    runs = []
    for size in range(len(words), 1, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if (
                "|" not in run
                and run[0] not in DUTCH_STOP_WORDS
                and run[-1] not in DUTCH_STOP_WORDS
            ):
                runs.append(f" {' '.join(run)} ")
    return runs


def _named(text: str, names: list[str]) -> bool:
    """Whether a part (as `_plain` spaces it) holds one of the question's names."""
    return any(name in text for name in names)


def _held(unit: list[Chunk]) -> set[str]:
    """The analysed words of a part of the report: its text, title and web addresses."""
    first = unit[0]
    return set(analyse(" ".join([*(c.text for c in unit), first.title or "", *first.urls])))


def _holds(held: set[str], weights: dict[str, float], vocabulary: set[str]) -> bool:
    """Whether a part of the report holds enough of the question's own words."""
    found = sum(w for t, w in weights.items() if _word_in(t, held, t not in vocabulary))
    return found >= HOLDS * sum(weights.values())


def _word_in(term: str, held: set[str], by_parts: bool) -> bool:
    """A word as itself or as the start of a longer word; a word the report never writes
    (`by_parts`) also as part of a compound on either side ("landsgrens" holds "grens"), so
    that "Hanzehogeschool", which the report writes, is not found in every "school"."""
    if term in held:
        return True
    return any(
        (len(term) >= 4 and h.startswith(term))
        or (by_parts and len(h) >= COMPOUND_PART and term.startswith(h))
        or (by_parts and len(h) >= COMPOUND_HEAD and term.endswith(h))
        or (by_parts and len(term) >= COMPOUND_PART and h.endswith(term))
        for h in held
    )


def _goals(units: dict[str, Chunk], request: ListRequest, titles: dict[int, str]) -> list[Item]:
    goals: dict[int, Chunk] = {}
    for chunk in units.values():
        if chunk.goal is not None and chunk.kind == "inleiding":
            goals.setdefault(chunk.goal, chunk)
    chosen = goals_of_theme(request.terms, titles) if request.terms else sorted(goals)
    return [
        Item(
            id=f"{c.document}/doel-{c.goal:02d}",
            kind="doel",
            goal=c.goal,
            title=c.goal_title,
            text=c.goal_title or "",
            chunk=c,
        )
        for c in (goals[n] for n in chosen if n in goals)
    ]


def _item(chunk: Chunk) -> Item:
    # The printed heading (an example's title in capitals) is the item's title already.
    body = chunk.text[chunk.lead :].lstrip()
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“‘])", body, maxsplit=1)[0]
    return Item(
        id=chunk.unit_id,
        kind=chunk.kind,
        goal=chunk.goal,
        title=chunk.title,
        text=first,
        chunk=chunk,
    )

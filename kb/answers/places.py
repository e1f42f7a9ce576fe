"""Whether a sentence is about another place than the question asks (session 50): read by
the place gate (kb.answers.gates.place_gate) through the candidate column
`sentence_other_place`."""

from __future__ import annotations

import functools

from ingest.regions import Gazetteer


def other_place(question: str, sentence: str, gazetteer: Gazetteer | None) -> bool:
    """The question names a place and the sentence names places, none of them the place
    asked, a place within it or a province or landsdeel it lies in: "Sinds wanneer heeft
    Gelderland zo'n steunpunt ...?" is not answered by "In maart 2017 is het Servicepunt
    Techniek (SPT) Drenthe officieel ...", nor "Welk ROC in Rotterdam ...?" by "ROC Mondriaan
    in Den Haag ...", though their passage may name both. "Goes" answers for Zeeland,
    Noord-Brabant and Limburg for Zuid-Nederland, Fryslân for Leeuwarden."""
    if gazetteer is None:
        return False
    asked = _regions(question, gazetteer)
    named = _regions(sentence, gazetteer) if asked else ()
    return bool(named) and not any(_related(a, n, gazetteer) for a in asked for n in named)


@functools.lru_cache(maxsize=4096)
def _regions(text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The regions `text` names (once per text: the answer step asks with every candidate)."""
    return gazetteer.tag(text).regions


@functools.lru_cache(maxsize=4096)
def _related(a: str, b: str, gazetteer: Gazetteer) -> bool:
    """The same place, one named in the other ("Metropoolregio Amsterdam"), or one a province
    or landsdeel that holds the other."""
    if a in b or b in a:
        return True
    return _holds(a, b, gazetteer) or _holds(b, a, gazetteer)


def _holds(area: str, place: str, gazetteer: Gazetteer) -> bool:
    """`area` is a province or landsdeel and `place` lies in it."""
    spanned = gazetteer.within(area)
    is_area = area in gazetteer.provinces or len(spanned) > 1
    inside = gazetteer.within(place)
    return is_area and bool(inside) and set(inside) <= set(spanned)

"""Whether a sentence is about another place than the question asks (session 50): read by
the place gate (kb.answers.gates.place_gate) through the candidate column
`sentence_other_place`."""

from __future__ import annotations

import functools
import re

from ingest.regions import Gazetteer


def other_place(question: str, sentence: str, gazetteer: Gazetteer | None) -> bool:
    """The question names a place and the sentence names places, none of them the place
    asked, a place within it or a province or landsdeel it lies in: "Sinds wanneer heeft
    Gelderland zo'n steunpunt ...?" is not answered by "In maart 2017 is het Servicepunt
    Techniek (SPT) Drenthe officieel ...", nor "Welk ROC in Rotterdam ...?" by "ROC Mondriaan
    in Den Haag ...", though their passage may name both. "Goes" answers for Zeeland,
    Noord-Brabant and Limburg for Zuid-Nederland, Fryslân for Leeuwarden. A question that sets
    one place beside another (`_BESIDE`: "Doet Zeeland ook mee, net als Brabant?") asks about
    each: a sentence about Brabant alone is about another place (session 53)."""
    if gazetteer is None:
        return False
    asked = _regions(question, gazetteer)
    named = _regions(sentence, gazetteer) if asked else ()
    if not named:
        return False
    found = [any(_related(a, n, gazetteer) for n in named) for a in asked]
    if len(asked) > 1 and _BESIDE.search(question):
        # "Heeft Amsterdam ook zo'n Maakotheek als Rotterdam?": one place beside the other,
        # and the sentence must be about each.
        return not all(found)
    return not any(found)


_BESIDE = re.compile(r"\b(?:ook|naast|zoals|net als|evenals|behalve)\b", re.IGNORECASE)
"""Words that set one place the question names beside another: "naast Rotterdam ook in Den
Haag", "zoals in Arnhem", "net als Brabant"."""


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

"""Places a claim may name: the gazetteer's, and countries and regions abroad.

Ingest tags passages with Dutch places only (ingest/data/gazetteer.json). A claim that moves a
fact abroad ("Wallonië" where the report says "Vlaanderen", "Duitsland" for "België") names a
place as well: the claim check reads these as places, so that the place the report names
stands against the claim's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ingest.regions import Gazetteer, GazetteerEntry
from kb.answers.answer import gazetteer_of
from kb.settings import Settings

ABROAD = (
    "België", "Vlaanderen", "Wallonië", "Brussel", "Duitsland", "Nordrhein-Westfalen",
    "Frankrijk", "Luxemburg", "Verenigd Koninkrijk", "Verenigde Koninkrijk", "Engeland",
    "Ierland", "Spanje", "Portugal", "Italië", "Griekenland", "Oostenrijk", "Zwitserland",
    "Denemarken", "Zweden", "Noorwegen", "Finland", "Estland", "Letland", "Litouwen", "Polen",
    "Tsjechië", "Slowakije", "Hongarije", "Slovenië", "Kroatië", "Roemenië", "Bulgarije",
    "Verenigde Staten", "Amerika", "Canada", "China", "Japan", "India",
)  # fmt: skip
"""Countries and regions abroad, as Dutch writes them."""


def places_of(settings: Settings) -> Gazetteer:
    """The gazetteer of `settings` with the places abroad (`ABROAD`), each a region of its own."""
    return _with_abroad(gazetteer_of(settings))


@functools.lru_cache(maxsize=4)
def _with_abroad(gazetteer: Gazetteer) -> Gazetteer:
    return gazetteer.extended(
        [GazetteerEntry(name=name, region=name, province=None) for name in ABROAD]
    )


def place_test(settings: Settings) -> Callable[[str], bool]:
    """Whether a word is a place (of the gazetteer or abroad): a claim that starts with one
    ("Finland ...") keeps its capital (kb.claims.claim.parse_claim)."""
    gazetteer = places_of(settings)
    return lambda word: bool(gazetteer.tag(word).regions)


def same_places(gazetteer: Gazetteer, claim: str, passage: str) -> bool:
    """Whether the passage names the places the claim names, and no other."""
    return set(gazetteer.tag(claim).regions) == set(gazetteer.tag(passage).regions)


def without_places(gazetteer: Gazetteer, text: str) -> str:
    """`text` without the places it names ("alle Groningse basisscholen")."""
    for name in gazetteer.names(text):
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text)
    return " ".join(text.split())

"""Another of the same kind where the claim names its own (kb.claims.names): a body of the
same kind ("ROC Mondriaan" for "ROC Albeda"), a country abroad ("Estland en Roemenië" for
"Finland"), and the names as the sentence lists them."""

from __future__ import annotations

import re
from itertools import pairwise

from ingest.regions import Gazetteer
from kb.claims.findings import Finding
from kb.claims.places import ABROAD
from kb.claims.slots import compound_noun
from kb.claims.wording import Scored, quote_of
from kb.index import Index
from kb.sentence_store import SentenceStore

TITLES = (
    r"minister|staatssecretaris|ambassadeur|hoogleraar|lector|gedeputeerde|wethouder"
    r"|burgemeester|directeur|voorzitter|kamerlid|commissaris|astronaut|techgirl"
)
"""Words before or after a person's name that say who the person is."""
_TITLED = re.compile(
    rf"\b((?i:{TITLES}))\W*\s+([A-Z][\w'’-]+(?:\s+(?:(?:van|de|der|den|ter|te)\s+)*[A-Z][\w'’-]+)*)"
)
"""A title and the name after it: "Gedeputeerde Sander de Rouwe"."""


def other_titled(statement: str, best: Scored) -> list[Finding]:
    """Another person with the claim's title in the sentence that holds the rest of the claim:
    "gedeputeerde Kor Visscher overhandigde" where it says "Gedeputeerde Sander de Rouwe
    overhandigde" ("klopt niet", with the sentence's person)."""
    sentence = best.sentence.text
    theirs = {m.group(1).lower(): m.group(2) for m in _TITLED.finditer(sentence)}
    for match in _TITLED.finditer(statement):
        title, name = match.group(1).lower(), match.group(2)
        other = theirs.get(title)
        if other and name[:1].isupper() and name not in sentence and other not in statement:
            return [Finding("name", "contradicted", name, other, quote_of(best))]
    return []


_FIELD = re.compile(r"\b(hoogleraar|lector)\s+([a-z][\w-]{3,})")
"""A chair and its field: "hoogleraar plantenziektekunde"."""


def other_field(statement: str, best: Scored) -> list[Finding]:
    """Another field of the claim's chair in the sentence that holds the rest of the claim:
    "hoogleraar natuurkunde Corné Pieterse" where it says "hoogleraar plantenziektekunde Corné
    Pieterse" ("klopt niet", with the sentence's field)."""
    sentence = best.sentence.text
    theirs = {m.group(1): m.group(2) for m in _FIELD.finditer(sentence)}
    for match in _FIELD.finditer(statement):
        chair, field = match.groups()
        other = theirs.get(chair)
        if other and field not in sentence and other not in statement:
            return [
                Finding(
                    "name", "contradicted", f"{chair} {field}", f"{chair} {other}", quote_of(best)
                )
            ]
    return []


_KINDS = frozenset(
    ["Hogeschool", "Universiteit", "Provincie", "Gemeente", "Stichting", "Commissie"]
)
"""The first word of a name that says what kind of body it is ("Hogeschool Utrecht",
"Commissie-Dijkgraaf")."""


_STATE = r"Tweede\s+Kamer|Eerste\s+Kamer|kabinet|regering|Rijksoverheid"
"""The bodies of the state a claim may put in each other's place."""


_COUNCIL = r"[A-Z]{2,4}[- ][Rr]aad"
"""A sector council: "VO-raad", "MBO-Raad", "PO-Raad" (also written "MBO Raad")."""


def _council(name: str) -> str:
    """A council's name however written: "MBO Raad" and "MBO-Raad" are one council."""
    return name.lower().replace(" ", "-")


def other_of_kind(missing: list[str], sentence: str) -> str | None:
    """Another body of the same kind in the sentence where the claim names its own: "ROC
    Mondriaan" where the claim says "ROC Albeda", "Provincie Limburg" for "Provincie Drenthe",
    "het nieuwe kabinet" for "de Tweede Kamer", "de MBO-Raad" for "de VO-raad"."""
    for name in missing:
        if re.fullmatch(_STATE, name, re.IGNORECASE):
            other = re.search(rf"\b(?:{_STATE})\b", sentence, re.IGNORECASE)
            if other and other.group(0).lower() != name.lower():
                return other.group(0)
        if re.fullmatch(_COUNCIL, name):
            councils = [m.group(0) for m in re.finditer(rf"\b{_COUNCIL}\b", sentence)]
            council = next((c for c in councils if _council(c) != _council(name)), None)
            if council:
                return council
        kind, _, rest = name.partition(" ")
        if "-" in kind and kind.split("-")[0] in _KINDS:
            kind, _, rest = name.partition("-")  # "Commissie-Dijkgraaf"
        if not rest or not (kind in _KINDS or (len(kind) > 1 and kind.isupper())):
            continue
        for match in re.finditer(
            rf"\b{re.escape(kind)}(?:\s+(?:van|de|der|den))*[\s-]+[A-Z][\w&-]*(?:\s[A-Z][\w&-]*)*",
            sentence,
        ):
            if match.group(0).replace("-", " ") != name.replace("-", " "):
                return match.group(0)
    return None


def kin_in_passage(
    store: SentenceStore,
    terms: set[str],
    missing: list[str],
    best: Scored,
    least: tuple[float, float],
) -> tuple[str | None, Scored]:
    """Another body of the kind of a missing name (`other_of_kind`), in the best sentence or
    in another sentence of its passage that holds `least[0]` of the claim's other words
    (`terms`), and with the best sentence `least[1]`: "de Universiteit Leiden" against
    "georganiseerd door de Universiteit Utrecht" a sentence before the one about the claim's
    speaker. Returns it and the sentence that names it."""
    kin = other_of_kind(missing, best.sentence.text)
    if kin is not None:
        return kin, best
    alone, together = least
    best_terms = store.terms(best.number).keys()
    for number in store.of_chunk(best.hit.chunk.id):
        sentence = store.sentences[number]
        kin = other_of_kind(missing, sentence.text)
        if kin is None:
            continue
        held = store.terms(number)
        both = store.share(terms, held.keys() | best_terms)
        if store.share(terms, held) >= alone and both >= together:
            return kin, Scored(number, sentence, best.hit, best.score)
    return None, best


_PARTNER = r"[A-Z][\w&+-]*(?:\s[A-Z][\w&+-]*)*"
"""A name listed beside another: "OOM", "FNV Metaal", "A+O Metalektro"."""


def other_partner(statement: str, named: list[str], best: Scored) -> list[Finding]:
    """Another partner beside the one the claim and the sentence share: "de aanvraag van OTIB
    en FNV Metaal" where the sentence has "van OTIB en OOM" ("klopt niet", with "OOM"), even
    when the passage names the claim's partner elsewhere."""
    sentence = best.sentence.text
    for shared in named:
        if shared not in sentence:
            continue
        ours = re.search(rf"{re.escape(shared)}\s+en\s+({_PARTNER})", statement)
        if ours is None or ours.group(1) in sentence or compound_noun(ours.group(1)):
            continue
        theirs = re.search(rf"{re.escape(shared)}\s+en\s+({_PARTNER})", sentence)
        if theirs and theirs.group(1) not in statement and not compound_noun(theirs.group(1)):
            return [Finding("name", "contradicted", ours.group(1), theirs.group(1), quote_of(best))]
    return []


_QUOTED = r"[‘“'\"]([^’”'\"]{3,})[’”'\"]"
"""A title in quotes: ‘Iedereen in Overijssel doet mee’, "Share my Day in Tech"."""
_TITLE_KINDS = (
    r"programma|project|actieplan|rapport|campagne|conferentie|bijeenkomst|academie"
    r"|kaderregeling|examenprogramma|conceptschoolexamenprogramma|training(?:en)?"
)
"""The words before a title that say what it names: "het programma ‘...’"."""


def other_title(statement: str, best: Scored) -> list[Finding]:
    """Another title after the same word in the sentence that holds the claim: "het programma
    'Overijssel Werkt Samen'" where it has "het programma ‘Iedereen in Overijssel doet mee’"
    ("klopt niet", with the sentence's title)."""
    sentence = best.sentence.text
    for ours in re.finditer(rf"\b(\w*(?:{_TITLE_KINDS}))\s+{_QUOTED}", statement, re.I):
        if ours.group(2).lower() in sentence.lower():
            continue
        # The word's end, so that "examenprogramma" and "programma" are the same kind.
        kind = re.escape(ours.group(1)[-len("programma") :])
        for theirs in re.finditer(rf"\w*{kind}\s+{_QUOTED}", sentence, re.IGNORECASE):
            if theirs.group(1).lower() not in statement.lower():
                return [
                    Finding("name", "contradicted", ours.group(2), theirs.group(1), quote_of(best))
                ]
    return []


def placed_elsewhere(
    gazetteer: Gazetteer, statement: str, named: list[str], places: list[str], best: Scored
) -> list[Finding]:
    """A body the sentence places elsewhere than the claim does: "De Dijk ... in Almere" where
    it lists "De Dijk uit Medemblik, ... Helen Parkhurst uit Almere" ("klopt niet")."""
    sentence = best.sentence.text
    if re.search(r"\b(?:ook|eveneens)\b", statement):
        return []  # "ook op een locatie in Middelburg": another place besides
    for name in named:
        if name in places:
            continue
        pattern = rf"{re.escape(name)}\s+(?:uit|in|te)\s+([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)"
        match = re.search(pattern, sentence)
        if match is None or match.group(1) in places:
            continue
        theirs = match.group(1)
        if places and gazetteer.tag(theirs).regions:
            return [Finding("name", "contradicted", ", ".join(places), theirs, quote_of(best))]
    return []


def abroad_instead(gazetteer: Gazetteer, places: list[str], best: Scored) -> list[Finding]:
    """Countries the sentence names where the claim names another it lists elsewhere in the
    passage ("boven 30%: Estland en Roemenië" for "Finland ... boven de 30%", or for "Spanje
    en Roemenië ... onder 10%" where the sentence lists "Spanje, Slovenië en Nederland"):
    "klopt niet"."""
    ours = [p for p in places if p in ABROAD]
    if not ours or len(ours) < len(places):
        return []
    theirs = [p for p in gazetteer.tag(best.sentence.text).regions if p in ABROAD]
    others = [p for p in ours if p not in theirs]
    if not theirs or not others:
        return []
    if len(others) < len(ours):
        # Some of the claim's countries are the sentence's: another counts only where the
        # passage lists it apart.
        listed = gazetteer.tag(best.hit.chunk.text).regions
        if not all(p in listed for p in others):
            return []
    stated = as_written(best.sentence.text, theirs)
    return [Finding("name", "contradicted", ", ".join(others), stated, quote_of(best))]


def as_written(sentence: str, named: list[str]) -> str:
    """The names as the sentence lists them ("Zeeland, Rotterdam en Utrecht") when they stand
    together in it, else joined by commas."""
    spans = sorted(
        (m.start(), m.end()) for n in named for m in [re.search(re.escape(n), sentence)] if m
    )
    if len(spans) == len(named) > 1:
        between = [sentence[a[1] : b[0]] for a, b in pairwise(spans)]
        if all(re.fullmatch(r",\s*|\s+(?:en|of)\s+|,?\s+en\s+", gap) for gap in between):
            return sentence[spans[0][0] : spans[-1][1]]
    return ", ".join(named)


def named_elsewhere(index: Index, missing: list[str]) -> bool:
    """Whether the report names each missing name in another passage: a body of its own ("de
    Vereniging Hogescholen" where the sentence has "de MBO Raad"), not the claim's own word
    for the sentence's."""
    return all(any(name in chunk.text for chunk in index.chunks) for name in missing)

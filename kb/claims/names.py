"""Names and places a claim states, read against the passage about it.

The claim check (kb.claims.verdict) reads a claim's values against the report; these
functions read its names: a name or place the passage lacks makes the claim "klopt niet" when
the best sentence says the same with another name, and "staat niet in het rapport" when it does
not ("ook in Maastricht").
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from ingest.model import Chunk
from ingest.regions import Gazetteer
from kb.analyser import analyse, fold
from kb.claims.abbreviations import abbreviated
from kb.claims.claim import Claim
from kb.claims.contrast import ministries, without_ministries
from kb.claims.findings import FIGURES, Finding
from kb.claims.kin import (
    TITLES,
    abroad_instead,
    as_written,
    kin_in_passage,
    named_elsewhere,
    other_field,
    other_partner,
    other_title,
    other_titled,
    placed_elsewhere,
)
from kb.claims.places import ABROAD, places_of
from kb.claims.slots import first_in_slot, slot_finding
from kb.claims.subject import acronym_of
from kb.claims.wording import PREVIOUS_MARGIN, Scored, quote_of, with_previous
from kb.index import Index
from kb.sentence_store import SentenceStore

_NAME = re.compile(
    r"(?<=[\w,] )(?:[A-Z][\w&-]*[A-Z][\w&-]*|[A-Z][a-z][\w&]+(?:-[A-Z0-9][\w&]*)*)"
    r"(?:[ -](?:[A-Z][\w&]+(?:-[A-Z0-9][\w&]*)*))*"
)
"""A name inside a statement (not its first word): "Google", "VO-raad", "Ton Heerts"; a word
after a name's hyphen begins with a capital ("Noord-Brabant"), so that "Techniekpact-ambassadeur
André Kuipers" names "Techniekpact" and "André Kuipers"."""
_ADJECTIVE = re.compile(r"\b([A-Z][a-z]+s)\b")
"""A capitalised word ending in "s": perhaps a place's adjective ("Amsterdams", "Haags")."""
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\b")

NAME_SUPPORT = 0.5
"""A name or place the passage lacks makes the claim "klopt niet" when the best sentence holds
this share of the claim's other words (the same statement, with another name)."""
OWN_WORD_SUPPORT = 0.25
"""A name the passage lacks is the claim's own word for the sentence's body only when the
sentence holds this share of the claim's other words (not "het Cito" for the SLO)."""
MIN_PREFIX = 5
"""A name is held by a word the passage starts with it ("Kamer" by "Kamerstuk") from this many
letters on."""


def names(
    index: Index,
    store: SentenceStore,
    claim: Claim,
    query: str,
    best: Scored,
    findings: list[Finding],
    others: Sequence[Scored] = (),
) -> list[Finding]:
    """Names and places the claim states that the passage lacks. When the best sentence holds
    the rest of the claim (or its values), it is the same statement with another name:
    "klopt niet", with the sentence's own names beside; else the report does not say it.
    `others`: the sentences to read instead of a heading or footnote (_naming_sentence)."""
    gazetteer = places_of(index.settings)
    places, named = _named(gazetteer, claim)
    best = _naming_sentence(store, named, best, others, findings)
    if ministry := (
        _other_ministry(store, claim, best)
        or first_in_slot(store, claim, best)
        or other_titled(claim.statement, best)
        or other_field(claim.statement, best)
        or other_partner(claim.statement, named, best)
        or other_title(claim.statement, best)
        or placed_elsewhere(gazetteer, claim.statement, named, places, best)
    ):
        return ministry
    named = _besides_ministries(claim, best, named)
    if abroad := abroad_instead(gazetteer, places, best):
        return abroad
    missing = _missing(gazetteer, store, claim, (places, named), best)
    if not missing:
        return []
    # Another body of the kind in the best sentence, or beside it in its passage.
    terms = set(analyse(query)) - {t for n in missing for t in name_terms(n)}
    kin, naming = kin_in_passage(store, terms, missing, best, (OWN_WORD_SUPPORT, NAME_SUPPORT))
    # The other body of the kind is the claim's too ("de MBO-Raad en de VO-raad"): no swap.
    ours = fold(claim.statement).replace("-", " ")
    if kin and not _also(claim.statement) and fold(kin).replace("-", " ") not in ours:
        return [Finding("name", "contradicted", ", ".join(missing), kin, quote_of(naming))]
    share = _share_without(store, query, missing, best)
    # "ook in Maastricht": another instance; a heading states nothing of a name never written.
    unsaid = _also(claim.statement) or (_heading(best) and not named_elsewhere(index, missing))
    slot = [] if unsaid else slot_finding(gazetteer, claim, missing, best, share)
    if slot:
        return slot
    if unsaid or (share < NAME_SUPPORT and not any(f.status == "supported" for f in findings)):
        if not unsaid and _placed_in_passage(store, query, missing, places, best):
            # "ROC Mondriaan in Rotterdam wil ... hybride ... laten lesgeven" where the example
            # says so of "ROC Mondriaan in Den Haag" a sentence before.
            return _elsewhere(gazetteer, store, claim, best, ", ".join(missing))
        return [Finding("name", "absent", ", ".join(missing), None, None)]
    return _said_of_another(
        index, gazetteer, store, claim, best, findings, (named, places, missing), share
    )


def _said_of_another(
    index: Index,
    gazetteer: Gazetteer,
    store: SentenceStore,
    claim: Claim,
    best: Scored,
    findings: list[Finding],
    names_read: tuple[list[str], list[str], list[str]],
    share: float,
) -> list[Finding]:
    """A sentence that holds the rest of the claim (`share` of its words, or its values) but
    not its `missing` names: the claim's own word for the sentence's body, the same statement
    said of another ("klopt niet", with the sentence's names), or not stated of this name.
    `names_read`: the claim's names, its places and the names the passage lacks."""
    named, places, missing = names_read
    # A bare year places many sentences; it does not make one the claim's statement.
    values = [f for f in findings if f.aspect in (*FIGURES, "date") and not _bare_year(f)]
    person = _person(claim.statement, missing)
    listed = _listed_with(claim.statement, missing, [n for n in named if n not in missing])
    place = any(n in places for n in missing)
    other = _other_names(gazetteer, claim, best.sentence.text, place, person)
    if (
        not place
        and values
        and all(f.status == "supported" for f in values)
        and not (share >= NAME_SUPPORT and listed)
        and not person
        and not (named_elsewhere(index, missing) and other)
        and share >= OWN_WORD_SUPPORT
    ):
        # Every value is the report's, in a sentence that says it with another name: the
        # claim's own word for the same body ("het Rijk" for "OCW en EZ", "Rif" for
        # "Regionaal investeringsfonds"), not another subject, unless the report names the
        # claim's elsewhere and the sentence another in its place ("de Vereniging Hogescholen"
        # where it has "de MBO Raad").
        return []
    stated = as_written(best.sentence.text, other)
    if other:
        return [Finding("name", "contradicted", ", ".join(missing), stated, quote_of(best))]
    if place:
        return _elsewhere(gazetteer, store, claim, best, ", ".join(missing))
    # The passage says the rest, but not of this name: the report does not state it.
    return [Finding("name", "absent", ", ".join(missing), None, None)]


def _bare_year(finding: Finding) -> bool:
    """Whether a finding compares a year and nothing more precise ("2017")."""
    return finding.aspect == "date" and bool(re.fullmatch(r"\d{4}", finding.claim_value or ""))


def _held(store: SentenceStore, chunk: Chunk) -> Set[str]:
    """The words a passage holds, with those of the sentence that cites it when it is a
    footnote ("brief Sterk Beroepsonderwijs" for "Kamerstuk 31524-311, brief OCW, 20 februari
    2017"), and the beginnings of its words ("Kamer" of "Kamerstuk")."""
    held = store.passage_terms(chunk.id) | name_terms(chunk.text) | name_terms(chunk.cited_in or "")
    return held | {t[:n] for t in held for n in range(MIN_PREFIX, len(t))}


def _placed_in_passage(
    store: SentenceStore, query: str, missing: list[str], places: list[str], best: Scored
) -> bool:
    """Whether only places are missing and the passage of `best` holds the rest of the claim
    (`NAME_SUPPORT` of its other words): the claim's statement, said of another place."""
    if not all(n in places for n in missing):
        return False
    terms = set(analyse(query)) - {t for n in missing for t in name_terms(n)}
    return store.share(terms, _held(store, best.hit.chunk)) >= NAME_SUPPORT


_BACK = re.compile(
    r"(?:hiervoor|daarvoor|hierbij|daarbij|hiermee|daarmee|hierdoor|daardoor|dit|deze)\b",
    re.IGNORECASE,
)
"""A sentence that starts by referring back to the one before it ("Hiervoor heeft de VSNU ...")."""


def _share_without(store: SentenceStore, query: str, missing: list[str], best: Scored) -> float:
    """The IDF-weighted share of the query's words, less those of the missing names, that
    the best sentence holds, or, when it refers back (`_BACK`), with the sentence before it in
    its passage less `PREVIOUS_MARGIN` ("Hiervoor heeft de VSNU ... opgesteld" after what it
    is for)."""
    terms = set(analyse(query)) - {t for n in missing for t in name_terms(n)}
    alone = store.share(terms, store.terms(best.number))
    if not _BACK.match(best.sentence.text):
        return alone
    return max(alone, with_previous(store, terms, best) - PREVIOUS_MARGIN)


def _elsewhere(
    gazetteer: Gazetteer, store: SentenceStore, claim: Claim, best: Scored, missing: str
) -> list[Finding]:
    """A place the best sentence does not name, where another sentence of its passage names
    another ("in de regio Amersfoort" two sentences on): the same thing, elsewhere ("klopt
    niet"); else the report does not state it of that place."""
    abroad = all(name in ABROAD for name in missing.split(", "))
    for number in sorted(
        store.of_chunk(best.hit.chunk.id),
        # A place abroad stands against a place abroad first ("Vlaanderen" for "Wallonië").
        key=lambda n: abroad and not any(p in store.sentences[n].text for p in ABROAD),
    ):
        sentence = store.sentences[number]
        other = _other_names(gazetteer, claim, sentence.text, True)
        if other:
            quote = quote_of(Scored(number, sentence, best.hit, best.score))
            return [
                Finding("name", "contradicted", missing, as_written(sentence.text, other), quote)
            ]
    return [Finding("name", "absent", missing, None, None)]


_TITLE = re.compile(rf"\b\w*(?:{TITLES}|heer|mevrouw)\W*\s+$", re.IGNORECASE)
_TITLE_AFTER = re.compile(rf"^(?:,\s*|\s+als\s+)(?:\w+\s+){{0,3}}?\w*(?:{TITLES})\b", re.I)
"""A title after the name: "André Kuipers als ambassadeur", "Ank Wijnands, directeur"."""


def _person(statement: str, missing: list[str]) -> bool:
    """Whether a missing name is a person's, after a title ("minister Bussemaker"): never the
    claim's own word for a body the sentence names, as "het Rijk" is for "OCW en EZ"."""
    return any(
        _TITLE.search(statement[:at]) or _TITLE_AFTER.match(statement[at + len(n) :])
        for n in missing
        if (at := statement.find(n)) > 0
    )


def _also(statement: str) -> bool:
    """Whether the claim adds a name as another instance ("ook in Maastricht", "eveneens bij
    Philips"), not "ook" of something else ("in Eindhoven ... ook in 2017 geld krijgen")."""
    return bool(re.search(r"\b(?:ook|eveneens)\s+(?:[a-z]+\s+){0,3}[A-Z]", statement))


def _other_names(
    gazetteer: Gazetteer, claim: Claim, sentence: str, place: bool, person: bool = False
) -> list[str]:
    """The sentence's own names that the claim does not state, as the sentence writes them: a
    place stands against a place ("Enschede" against "Deventer"), a name against a name, and a
    person (`person`: the missing name is one) against a person ("minister Bussemaker" against
    "staatssecretaris Dekker"), never against the body or place the sentence names."""
    claimed = name_terms(claim.statement)
    if place:
        regions = set(gazetteer.tag(claim.statement).regions)
        own = [n for n in gazetteer.names(sentence) if not set(gazetteer.tag(n).regions) <= regions]
    else:
        own = _names_in(sentence)
    if person:
        own = [n for n in own if _person(sentence, [n])]
    return [n for n in dict.fromkeys(own) if not name_terms(n) <= claimed]


def _listed_with(statement: str, missing: list[str], held: list[str]) -> bool:
    """A missing name listed beside one the passage holds ("met IBM en Google"): another member
    of the list, not the claim's own word for a body the passage names."""
    if not held:
        return False
    others = "|".join(re.escape(n) for n in held)
    return any(
        re.search(rf"(?:{others})\s*(?:,|en|of)\s*{re.escape(n)}", statement)
        or re.search(rf"{re.escape(n)}\s*(?:,|en|of)\s*(?:{others})", statement)
        for n in missing
    )


def _named(gazetteer: Gazetteer, claim: Claim) -> tuple[list[str], list[str]]:
    """The places a claim names, and those places with its other names."""
    # "een Amsterdams initiatief": the gazetteer knows the place's adjective as "Amsterdamse".
    adjectives = _ADJECTIVE.sub(r"\1e", claim.statement)
    places = list(
        dict.fromkeys([*gazetteer.tag(claim.statement).regions, *gazetteer.tag(adjectives).regions])
    )
    # Names are read in the claim as typed, so that a name right after "Klopt het dat" counts.
    others = [
        _without_place(gazetteer, n)
        for n in _names_in(claim.text)
        if n in claim.statement and not _place_word(gazetteer, n)
    ]
    return places, list(dict.fromkeys([*places, *others]))


def _without_place(gazetteer: Gazetteer, name: str) -> str:
    """A name without the place's adjective it starts with ("Maakotheek" of "Utrechtse
    Maakotheek"): the place is read as a place."""
    first, _, rest = name.partition(" ")
    return rest if rest and _place_word(gazetteer, first) else name


def _place_word(gazetteer: Gazetteer, name: str) -> bool:
    """Whether a capitalised word is a place or its adjective ("Brabantse", "Amsterdams"): read
    as the place, never as a name of its own."""
    if " " in name:
        return False
    return bool(
        gazetteer.tag(name).regions
        or (_ADJECTIVE.fullmatch(name) and gazetteer.tag(f"{name}e").regions)
    )


def _missing(
    gazetteer: Gazetteer,
    store: SentenceStore,
    claim: Claim,
    names_read: tuple[list[str], list[str]],
    best: Scored,
) -> list[str]:
    """The names of `named` (`names_read`: the claim's places and names) that the passage of
    `best` lacks. A name is held when its words are ("STERA-project" in "het STERA project");
    a place only as a whole, or as the passage names it ("regio Brabant" for "Brabantse")."""
    places, named = names_read
    held = _held(store, best.hit.chunk)
    passage_places = set(gazetteer.tag(best.hit.chunk.text).regions)
    return [
        n
        for n in dict.fromkeys(named)
        if not (name_terms(n) if n in places else set(analyse(n.replace("-", " ")))) <= held
        and n not in passage_places
        and not (n not in places and abbreviated(n, best.hit.chunk.text, held))
        and not (n not in places and acronym_of(n, best.hit.chunk.text, claim.statement))
    ]


def _other_ministry(store: SentenceStore, claim: Claim, best: Scored) -> list[Finding]:
    """Another ministry in the sentence than the claim's: "de bewindslieden van OCW en SZW"
    where the sentence names "OCW en EZ" ("klopt niet"). When the best sentence names none, the
    sentence of its passage that names one and a name of the claim's ("De staatssecretaris van
    OCW subsidieert het project Boris" for a claim about Boris and Sociale Zaken)."""
    ours = ministries(claim.statement)
    if not ours:
        return []
    read = [best]
    if not ministries(best.sentence.text):
        own = {t for n in _names_in(without_ministries(claim.statement)) for t in name_terms(n)}
        read = [
            Scored(number, store.sentences[number], best.hit, best.score)
            for number in store.of_chunk(best.hit.chunk.id)
            if own & name_terms(store.sentences[number].text)
        ]
    for scored in read:
        theirs = ministries(scored.sentence.text)
        if theirs and not ours[1] <= theirs[1]:
            return [Finding("label", "contradicted", ours[0], theirs[0], quote_of(scored))]
    return []


def _besides_ministries(claim: Claim, best: Scored, named: list[str]) -> list[str]:
    """The names of `named` that are not a ministry's, when the passage names ministries too:
    the same in its own way ("Sociale Zaken en Werkgelegenheid" where the passage writes
    "SZW"), or another, which the ministries' comparison reads ("ministerie van OCW" where it
    has Economische Zaken), never as a name against every name of the sentence."""
    if not (ministries(claim.statement) and ministries(best.hit.chunk.text)):
        return named
    besides = without_ministries(claim.statement)
    return [n for n in named if n in besides]


def _naming_sentence(
    store: SentenceStore,
    named: list[str],
    best: Scored,
    others: Sequence[Scored],
    findings: list[Finding],
) -> Scored:
    """The sentence a claim's names are read in: `best`, unless no value placed the claim and
    `best` is a heading or a footnote; then the sentence of `others` that names most of what
    the claim names ("de Borgloschool" below the example's heading "LEERKRACHTTRAINING ONTDEK
    HET ZELF"), in its passage first."""
    if any(f.quote for f in findings) or not _says_nothing(best):
        return best
    cited_in = best.hit.chunk.cited_in
    citing = [s for s in others if cited_in and s.sentence.text in cited_in]
    if citing:
        # A footnote's names are those of the sentence that cites it ("www.mboraad.nl/..."
        # for "het onderzoek van de MBO-Raad"), not of another that names the claim's.
        return citing[0]
    return max(
        others,
        key=lambda s: (
            _names_held(named, _held(store, s.hit.chunk)),
            _names_held(named, set(analyse(s.sentence.text.replace("-", " ")))),
        ),
        default=best,
    )


def _says_nothing(scored: Scored) -> bool:
    """Whether a sentence only names something: a heading or a footnote's reference."""
    return scored.hit.chunk.kind == "voetnoot" or _heading(scored)


def _heading(scored: Scored) -> bool:
    """Whether a sentence is a heading: capitals only ("DOEL 1 ALLE BASISSCHOLEN ...")."""
    return not re.search(r"[a-z]", scored.sentence.text)


def _names_held(named: list[str], words: Set[str]) -> int:
    """How many of `named` a text of `words` names (each with all its words)."""
    return sum(1 for n in named if (terms := set(analyse(n.replace("-", " ")))) and terms <= words)


_GENERIC = frozenset(["Rijk", "Techniekpact"])
"""Capitalised words that name no one body: "het Rijk" is whichever ministry pays, "het
Techniekpact" is what the whole report is about (its goals are everyone's who signed it)."""


_MEMBER = re.compile(
    r"^(?:Kamerlid|Kamerleden|Techgirl|Gedeputeerde|Minister|Staatssecretaris|Wethouder"
    r"|Burgemeester|Ambassadeur|Astronaut|Hoogleraar|Lector)(?:\s+|$)"
)
"""A title before a person's name ("Kamerlid Duisenberg", "Techgirl Ans Hekkenberg"): the
report writes "de heer Duisenberg" and "‘Techgirl’ Ans Hekkenberg"; the title is no part of
the name (`_person` reads it before the name)."""


def _names_in(text: str) -> list[str]:
    """Names inside a text (not its first word), and acronyms anywhere ("FME", "VNO-NCW")."""
    read = [_MEMBER.sub("", n) for n in (*_NAME.findall(text), *_ACRONYM.findall(text))]
    found = [n for n in read if n and n not in _GENERIC]
    return [n for n in dict.fromkeys(found) if not any(n != m and n in m for m in found)]


def name_terms(text: str) -> set[str]:
    """Analysed words, with hyphenated compounds split ("Rif-aanvragen", "ICT-sector")."""
    return set(analyse(text.replace("-", " "))) | set(analyse(text))

"""Whether a sentence names someone the question does not (session 53): read by the agent
gate (kb.answers.gates.agent_gate) through the candidate column `sentence_someone`.

A "wie" question is answered by a sentence that names a person or an organisation the
question does not name itself: a name ("VHTO", "Sander de Rouwe") or a noun for people or
organisations ("bedrijven", "werkzoekenden", "de staatssecretaris"). "Er zijn in totaal 59
aanvragen ingediend, die nog beoordeeld moeten worden." names no one, so it does not say who
assesses the applications. A "welke" question for an organisation, company or school
("Welke bedrijven werken mee?") asks for one too: "het regionaal bedrijfsleven" names
companies only as the question does. "Wie is de voorzitter van ...?" asks for a person's name
beside an office ("Jury-voorzitter Ab van der Touw"): "Het Platform Onderwijs2032 stelt ..."
names the platform, not who chairs it.

>>> someone("Wie beoordeelt de 59 aanvragen?",
...         "Er zijn in totaal 59 aanvragen ingediend, die nog beoordeeld moeten worden.")
0
>>> someone("Welke partijen werken in de regio samen?",
...         "Dagelijks zetten onderwijs, bedrijfsleven en overheden zich in.")
1
>>> someone("Wie gaf de trainingen?", "In 2016 heeft VHTO op acht pabo's trainingen gegeven.")
2
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kb.analyser import analyse, fold
from kb.answers.question import QuestionInfo

NO_ONE, SOMEONE, A_NAME, A_PERSON = 0, 1, 2, 3
"""`someone`'s answers: no one new, a noun for people or organisations, a name, a person's
name beside an office ("Jury-voorzitter Ab van der Touw")."""

_PEOPLE = re.compile(
    r"(?:\w\w(?:ers|eurs|isten|ici)|leiders?|studenten|docenten|leraren"
    r"|leerkrachten?|bedrijven|bedrijf|ondernemingen|bedrijfsleven|scholen|school|instellingen|organisaties?"
    r"|partners?|partijen|gemeenten?|provincies?|ministeries?|ministers?|fondsen|fonds|raad"
    r"|commissies?|opgeleiden|jongeren|leerlingen|meisjes|vrouwen|mannen|hogescholen"
    r"|universiteiten|sectoren|branches?|netwerken|regio's|overheden|overheid|kabinet"
    r"|secretaris|gedeputeerden?|kenniscentr(?:um|a)|platforms?|stichtingen|stichting"
    r"|verenigingen|vereniging|bonden|bond|centrum|centra|campus|college|academie|teams?"
    r"|groep(?:en)?|professionals?|deelnemers|mensen|personen|ouders|kinderen"
    r"|werkzoekenden|werklozen|ambassadeurs|experts|verbanden|consortium|alliantie"
    r"|coalitie|lerarenopleidingen|pabo's|regering|bureaus?|intermediairs)$"
)
"""The end of a word for people or organisations ("mbo-scholen", "vijftigplussers")."""

_NOT_PEOPLE = re.compile(
    r"(?:anders|cijfers|nummers|computers|papers|centers|letters|meters|dossiers|posters"
    r"|flyers|containers)$"
)

_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "de het een in op van voor met door er dit dat deze die om tijdens via uit na ook alle"
        " daarnaast bij als aan en of zo sinds vanaf tot over onder naast volgens zij ze hij"
        " wij we ik u hierbij daarbij hiermee daarmee",
    )
)

_ASKED_NAMES = re.compile(
    r"(?:staatssecretaris|ministers?|gedeputeerden?|universiteit(?:en)?|hogeschool|hogescholen"
    r"|fondsen|fonds|stichting(?:en)?|kenniscentr(?:um|a)|campus|college)$"
)
"""The noun of a "welke X" question that asks for a name ("welke hogeschool")."""

_ASKED_SOMEONE = re.compile(
    r"(?:organisaties?|partij(?:en)?|partners?|bedrijf|bedrijven|school|scholen"
    r"|instelling(?:en)?|vereniging(?:en)?)$"
)
"""The noun of a "welke X" question answered by a name or a noun for people or
organisations ("welke partijen": "bedrijfsleven, lerarenopleidingen en (v)mbo-scholen")."""

_WORD = re.compile(r"[\w'&-]+")


def wanted(info: QuestionInfo) -> int:
    """What the question asks the sentence to name that it does not: `SOMEONE` for "wie" and
    for "welke X" with X an organisation, party, company or school,
    `A_NAME` for "welke X" with X an office holder, university or fund, `A_PERSON` for "wie
    is de voorzitter/directeur/projectleider ...", else `NO_ONE` (nothing asked; a "waarom"
    question asks for a cause, "voor/op wie" an audience, `_AUDIENCE`)."""
    if info.why:
        return NO_ONE
    if info.worded == "person":
        if _AUDIENCE.search(info.folded):
            return NO_ONE
        office = _OFFICE_ASKED.search(info.folded)
        return A_PERSON if office and _OFFICE.search(office.group(1)) else SOMEONE
    if info.worded != "which":
        return NO_ONE
    nouns = _asked_noun(info.folded)
    if any(_ASKED_NAMES.search(noun) for noun in nouns):
        return A_NAME
    return SOMEONE if any(_ASKED_SOMEONE.search(noun) for noun in nouns) else NO_ONE


_AUDIENCE = re.compile(r"\b(?:voor|op|bij|aan) wie\b")
"""A question for an audience or a holder ("Op wie richt de website zich?"), which the report
often names as a kind of what the question names ("werkzoekenden die graag met hun handen
willen werken"): the gate leaves it alone (folded text)."""

_OFFICE_ASKED = re.compile(r"\bwie (?:is|was)(?: er)?(?: eigenlijk)? (?:de|het) ([\w-]+)")
"""A question for the holder of an office: "Wie is de voorzitter van ...?" (folded text)."""

_OFFICES = (
    r"voorzitter|directeur|leider|spreker|hoogleraar|gedeputeerde|minister|staatssecretaris"
    r"|wethouder|burgemeester|ambassadeur|manager|co[oö]rdinator"
)
_OFFICE = re.compile(
    rf"(?:{_OFFICES}|baas|aanjager|trekker|boegbeeld|oprichter|initiatiefnemer|auteur"
    r"|schrijver)$"
)
"""An office whose holder a person's name answers (the noun a "wie is de ..." asks)."""

_PERSON = re.compile(r"\b[A-Z][a-zéèëïöü]+(?:\s(?:van|de|der|den|ter|ten))*\s[A-Z][a-zéèëïöü]+\b")
"""Two words written with one capital each, particles between: "Ab van der Touw"."""

_NEAR_OFFICE = re.compile(rf"{_OFFICES}|leerkracht|docent|adviseur", re.IGNORECASE)
"""An office beside a name that makes it a person's ("Jury-voorzitter Ab van der Touw")."""
_NEAR = 40
"""The characters around a name in which an office makes it a person's."""


def _person(sentence: str, asked: _Asked) -> bool:
    """The sentence names a person the question does not: a name (`_PERSON`) with an office
    within `_NEAR` characters ("Willemijn Schot, projectleider W&T academie")."""
    for match in _PERSON.finditer(sentence):
        around = sentence[max(0, match.start() - _NEAR) : match.end() + _NEAR]
        words = {fold(w) for w in match.group(0).split()}
        if _NEAR_OFFICE.search(around) and not words <= asked.words:
            return True
    return False


_WHICH = re.compile(
    r"\bwelke?\s+(?:(?:\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig)\s+)?"
    r"([^\W\d_][\w-]*)"
)


def _asked_noun(folded: str) -> frozenset[str]:
    """The noun of a "welke X" question, as written and analysed, past a number ("welke
    zeven mbo-instellingen" asks for the institutions, not a number; `question.asked_nouns`,
    which the fitted model's `asked_noun` column reads, keeps "zeven" as it was fitted)."""
    match = _WHICH.search(folded)
    return frozenset({match.group(1), *analyse(match.group(1))}) if match else frozenset()


def someone(question: str, sentence: str) -> int:
    """`A_PERSON` when the sentence names a person the question does not (`_person`),
    `A_NAME` when it names a person or organisation the question does not
    (a word with a capital past its first letter or past the sentence's first word),
    `SOMEONE` when it has only a noun for people or organisations the question lacks,
    else `NO_ONE`. A word that names a kind of what a "welke X" question asks counts though
    the question has X ("welke organisatie": "de regieorganisatie")."""
    asked = _asked(question)
    if _person(sentence, asked):
        return A_PERSON
    found = NO_ONE
    for position, word in enumerate(_WORD.findall(sentence.replace("’", "'"))):
        folded = fold(word)
        named = (position > 0 and word[0].isupper()) or any(c.isupper() for c in word[1:])
        if folded in _FUNCTION_WORDS:
            continue
        if _in(folded, asked, named) and not _kind_of(folded, asked.kinds):
            continue
        if named:
            return A_NAME
        if _PEOPLE.search(folded) and not _NOT_PEOPLE.search(folded):
            found = SOMEONE
    return found


@dataclass(frozen=True)
class _Asked:
    words: frozenset[str]
    """The question's words, folded."""
    stems: frozenset[str]
    """The first five letters of its words of five letters or more written in lower case: a
    name ("Toptechniek in Bedrijf") is no form of a common noun ("bedrijfsleven")."""
    kinds: frozenset[str]
    """The noun a "welke X" question asks (`_asked_noun`)."""


@functools.lru_cache(maxsize=1024)
def _asked(question: str) -> _Asked:
    """The question as `someone` reads it, once per question (it reads every sentence)."""
    written = _WORD.findall(question.replace("’", "'"))
    stems = {fold(w)[:5] for w in written if len(w) >= 5 and not any(c.isupper() for c in w)}
    words = frozenset(fold(w) for w in written)
    return _Asked(words, frozenset(stems), _asked_noun(fold(question)))


def _kind_of(word: str, nouns: frozenset[str]) -> bool:
    """The word is a kind of what a "welke X" question asks, X at its end ("welke
    organisatie": "de regieorganisatie"; "welke bedrijven": "erkende leerbedrijven")."""
    return any(len(word) > len(noun) + 2 and word.endswith(noun) for noun in nouns)


def _in(word: str, asked: _Asked, named: bool) -> bool:
    """The question names the word: itself, or a word it is part of ("VSNU" of
    "VSNU-actieplan"); for a word that is no name also a word that is part of it or a form
    sharing its first five letters ("bedrijfsleven" and "bedrijven"). A name holding a word
    of the question is another name ("O&O-fondsen" for "de fondsen")."""
    if word in asked.words or any(word in other for other in asked.words):
        return True
    if named:
        return False
    return (len(word) >= 5 and word[:5] in asked.stems) or any(
        len(other) >= 4 and other in word for other in asked.words
    )

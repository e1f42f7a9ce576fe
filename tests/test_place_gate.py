"""The place gate (session 50): a question that names a place is not answered by a sentence
that names only other places (another province, or another city of the same province).
Sentences and places are read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt); the questions are worded apart from the
question sets."""

from __future__ import annotations

import pytest

from ingest.regions import Gazetteer, load_gazetteer
from kb.answers.answer import answer
from kb.answers.places import other_place
from kb.index import Index

DRENTHE = "In maart 2017 is het Servicepunt Techniek (SPT) Drenthe officieel van start gegaan."
AMSTERDAM = (
    "Van de twee nieuwe groepen in Amsterdam zijn de eerste werkzoekenden al succesvol "
    "uitgestroomd naar een baan als privacy officer."
)
GOES = (
    "Vandaar dat het Calvijn College in Goes startte met de vakhavo waarbij het ‘gewone’ "
    "havo-programma is verrijkt met een dag per week technische praktijk."
)
MONDRIAAN = "ROC Mondriaan in Den Haag kent een mooie uitdaging op het gebied van cybersecurity."
ROBOTS = (
    "Gedeputeerde Sander de Rouwe overhandigde op 18 mei 2017 de eerste van 415 robots die in "
    "2017 op alle Friese basisscholen worden uitgereikt."
)
HOUSE_OF_SKILLS = (
    "Het House of Skills is het leer-, experimenteer- en matchingscentrum voor met name "
    "middelbaar opgeleiden in de Metropoolregio Amsterdam."
)
BRAINPORT = (
    "Het arbeidsmarktdashboard dat ontwikkeld is door Brainport Network voor de regio’s in "
    "Noord-Brabant en Limburg biedt innovatief, online en actueel transparantie op de "
    "arbeidsmarkt om mobiliteit te stimuleren."
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Wanneer is het servicepunt techniek in Gelderland begonnen?", DRENTHE),
        ("Hoeveel werkzoekenden in Utrecht werken nu als privacy officer?", AMSTERDAM),
        ("Hoeveel werkzoekenden uit Eindhoven werken nu als privacy officer?", AMSTERDAM),
        # another city of the same province
        ("Welk roc in Rotterdam zoekt docenten voor cybersecurity?", MONDRIAAN),
        ("Welke school in Middelburg heeft een havo met een technische praktijkdag?", GOES),
        # one place set beside another: the sentence is about the other alone (session 53)
        ("Heeft Utrecht ook zo'n omscholing tot privacy officer als Amsterdam?", AMSTERDAM),
        ("Start naast Goes ook een school in Den Haag met de vakhavo?", GOES),
    ],
)
def test_a_sentence_about_another_place_names_another_place(
    gazetteer: Gazetteer, question: str, sentence: str
) -> None:
    assert other_place(question, sentence, gazetteer)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # the place asked
        ("Wanneer is het servicepunt techniek in Drenthe begonnen?", DRENTHE),
        # a city within the province asked
        ("Welke school in Zeeland heeft een havo met een technische praktijkdag?", GOES),
        # provinces within the landsdeel asked
        ("Voor wie is het arbeidsmarktdashboard in Zuid-Nederland gemaakt?", BRAINPORT),
        # the province a city asked lies in
        ("Hoeveel robots krijgen de basisscholen in Leeuwarden?", ROBOTS),
        # one name within the other
        ("Voor wie is het House of Skills in Amsterdam bedoeld?", HOUSE_OF_SKILLS),
        # two places without one set beside the other: one of them suffices, as before
        ("Hoeveel geld steekt Den Haag in de Zeeuwse economie?", "Het geld gaat naar Zeeland."),
        # each of two places set beside each other named
        ("Is het dashboard naast Noord-Brabant ook voor Limburg gemaakt?", BRAINPORT),
        # no place asked
        ("Wanneer is het servicepunt techniek begonnen?", DRENTHE),
        # no place in the sentence
        ("Hoeveel werkzoekenden in Utrecht?", "De resultaten zijn veelbelovend."),
    ],
)
def test_the_place_asked_or_none_is_no_other_place(
    gazetteer: Gazetteer, question: str, sentence: str
) -> None:
    assert not other_place(question, sentence, gazetteer)


def test_no_gazetteer_names_no_place() -> None:
    assert not other_place("Wanneer begon het servicepunt in Gelderland?", DRENTHE, None)


@pytest.mark.parametrize(
    "question",
    [
        # Session 49 answered both with "twee", the groups in Amsterdam.
        "Hoeveel werkzoekenden uit Utrecht zijn omgeschoold tot privacy officer?",
        "Hoeveel werkzoekenden in Den Haag zijn al aan de slag als privacy officer?",
        # Session 49 answered "Mondriaan", the roc in Den Haag.
        "Welk roc in Rotterdam zoekt hulp van bedrijven bij het cybersecurity-onderwijs?",
        # Session 49 answered "Calvijn College", in Goes.
        "Welke school in Vlissingen is met een vakhavo gestart?",
        # Session 52 answered with the Calvijn College in Goes: one place beside the other.
        "Is naast het Calvijn College in Goes ook een school in Vlissingen met de vakhavo gestart?",
    ],
)
def test_a_question_about_another_place_abstains(report_index: Index, question: str) -> None:
    assert answer(report_index, question).abstained


def test_a_question_about_a_place_within_is_answered(report_index: Index) -> None:
    result = answer(
        report_index, "Welke school in Zeeland heeft een havo met een dag technische praktijk?"
    )
    assert not result.abstained and "Calvijn College" in result.text

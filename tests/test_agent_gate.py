"""The agent gate (session 53): a "wie" question, or one for which organisation, company or
office holder, abstains when the best sentence names no one the question does not name
itself. What each sentence names was read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt: line 1055 "Er zijn in totaal 59 aanvragen
ingediend, die nog beoordeeld moeten worden."; lines 934-935 the DWSRA projects "worden daarna
geëvalueerd"; line 165 "In 2016 heeft VHTO op acht pabo's trainingen ... gegeven"); the
questions are worded apart from the question sets."""

from __future__ import annotations

import numpy as np
import pytest

from kb.answers.agents import A_NAME, A_PERSON, NO_ONE, SOMEONE, someone, wanted
from kb.answers.answer import answer
from kb.answers.candidates import FEATURES
from kb.answers.gates import agent_gate, kept_gates
from kb.answers.question import analyse_question
from kb.index import Index

APPLICATIONS = "Er zijn in totaal 59 aanvragen ingediend, die nog beoordeeld moeten worden."
TRAININGS = (
    "In 2016 heeft VHTO op acht pabo’s trainingen ‘Genderbewust lesgeven voor W&T’ gegeven om"
    " pabo-studenten bewust te maken van genderstereotypering."
)
JURY = (
    "Jury-voorzitter Ab van der Touw roemde het gezamenlijke initiatief en doorzettingsvermogen"
    " die dit tot een succes hebben gemaakt."
)
PLATFORM = (
    "Het Platform Onderwijs2032 stelt dat Natuur en Technologie behoort tot de vaste kern van"
    " het curriculum van het funderend onderwijs."
)
REGIONS = (
    "Dagelijks zetten onderwijs, bedrijfsleven en overheden zich in regionale"
    " samenwerkingsverbanden in voor beter techniekonderwijs."
)


@pytest.mark.parametrize(
    ("question", "sentence", "named"),
    [
        # the report says what was done, not by whom
        ("Wie moet die 59 aanvragen nog beoordelen?", APPLICATIONS, NO_ONE),
        # a name the question lacks
        ("Wie gaf die trainingen op de pabo's?", TRAININGS, A_NAME),
        # the name is the question's own: it says nothing new
        (
            "Wie is de directeur van VHTO?",
            "In 2016 heeft VHTO op acht pabo’s trainingen gegeven.",
            SOMEONE,
        ),
        # nouns for people or organisations
        ("Welke partijen werken in de regio samen?", REGIONS, SOMEONE),
        # a kind of what "welke X" asks, X at its end, counts though the question has X
        (
            "Welke organisatie volgt het aanbod van keuzedelen?",
            "Het aanbod wordt gemonitord door de regieorganisatie herziening mbo.",
            SOMEONE,
        ),
        # a form of the question's own noun does not ("bedrijfsleven" for "bedrijven")
        (
            "Welke bedrijven werken samen met de netwerken?",
            "De netwerken werken samen met het regionaal bedrijfsleven.",
            NO_ONE,
        ),
        # words ending like a noun for people that are none ("cijfers", "anders")
        ("Wie telde dat?", "De cijfers liggen anders dan verwacht.", NO_ONE),
        # a person's name beside an office (report line 696)
        ("Wie was de voorzitter van de jury?", JURY, A_PERSON),
        # names of organisations are no person's (report line 71)
        ("Wie is de voorzitter van het platform?", PLATFORM, A_NAME),
        # a name holding a word of the question is another name
        (
            "Met wie delen de fondsen hun voorbeelden?",
            "De fondsen delen ze met andere technische O&O-fondsen.",
            A_NAME,
        ),
        # the question's names are no forms of common nouns ("Bedrijf", "bedrijfsleven")
        (
            "Wie is er betrokken bij de Toptechniek in Bedrijf-netwerken?",
            "Hierbij is ook het regionale bedrijfsleven betrokken.",
            SOMEONE,
        ),
    ],
)
def test_what_a_sentence_names_beside_the_question(
    question: str, sentence: str, named: int
) -> None:
    assert someone(question, sentence) == named


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Wie beoordeelt de aanvragen?", SOMEONE),
        ("Met welke partners werkt de VSNU samen?", SOMEONE),
        # past a number: "welke zeven mbo-instellingen" asks for the institutions
        ("Welke zeven mbo-instellingen doen mee aan het experiment?", SOMEONE),
        ("Welke staatssecretaris gaf de opdracht?", A_NAME),
        ("Welke vier hogescholen richtten het EcPB op?", A_NAME),
        # the holder of an office: a person's name answers
        ("Wie is eigenlijk de baas van TecWijzer?", A_PERSON),
        ("Wie was de projectleider van de W&T academie?", A_PERSON),
        # an audience: often a kind of what the question names ("werkzoekenden die ...")
        ("Op wie richt de website voor werkzoekenden zich?", NO_ONE),
        ("Voor wie is het House of Skills bedoeld?", NO_ONE),
        # a "waarom" asks for a cause; "welke X" for other things, and figures, ask no one
        ("Waarom willen ze weten welke hogeschool wat aanbiedt?", NO_ONE),
        ("Welke doelen heeft het Techniekpact?", NO_ONE),
        ("Hoeveel aanvragen zijn er ingediend?", NO_ONE),
    ],
)
def test_what_a_question_asks_the_sentence_to_name(question: str, asked: int) -> None:
    assert wanted(analyse_question(question)) == asked


def _row(named: int) -> np.ndarray:
    row = np.zeros(len(FEATURES), dtype=np.float32)
    row[FEATURES.index("sentence_someone")] = named
    return row


def test_the_gate_compares_what_is_asked_with_what_the_sentence_names() -> None:
    who = analyse_question("Wie beoordeelt de aanvragen?")
    minister = analyse_question("Welke staatssecretaris gaf de opdracht?")
    count = analyse_question("Hoeveel aanvragen zijn er ingediend?")
    assert agent_gate(_row(NO_ONE), who) and kept_gates(_row(NO_ONE), who)
    assert not agent_gate(_row(SOMEONE), who)
    assert agent_gate(_row(SOMEONE), minister) and not agent_gate(_row(A_NAME), minister)
    assert not agent_gate(_row(NO_ONE), count)
    chair = analyse_question("Wie is de voorzitter van het Platform Onderwijs2032?")
    assert agent_gate(_row(A_NAME), chair) and not agent_gate(_row(A_PERSON), chair)


@pytest.mark.parametrize(
    "question",
    [
        "Wie moet die 59 aanvragen voor de regeling voor vijftigplussers nog beoordelen?",
        "Door wie worden de DWSRA-projecten na december 2018 geëvalueerd?",
    ],
)
def test_a_question_for_someone_the_report_does_not_name_abstains(
    report_index: Index, question: str
) -> None:
    assert answer(report_index, question).abstained


def test_a_question_for_someone_the_report_names_is_answered(report_index: Index) -> None:
    result = answer(report_index, "Wie gaf in 2016 trainingen genderbewust lesgeven op pabo's?")
    assert not result.abstained and "VHTO" in result.text

"""How a claim is read (issue 14, session 23): a claim in words the report says otherwise ("te
weinig" for its "tekort aan", "leraren" for its "docenten", "de vier technische universiteiten"
for its "4TU") is read once more in the report's words, and stays the reader's own claim; a
number and a half in words apart ("zevenendertig en een half miljoen euro") is one value, and a
compound claim is not split inside it; a claimed month stands against the report's month, not
against a year in a quoted title or a year of the sentence before; "ruim dertig trainees via Eerst
de Klas" is compared with Eerst de Klas's 28, not met by the 38 of another programme; "vergroot"
against "verkleint", "vasthouden" against "loslaten"; a figure of the pact as a whole ("tien
doelen") is read in the preface.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import clauses
from kb.claims.quantities import quantities
from kb.claims.synonyms import in_report_words
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import assert_stands_against


def test_the_reports_words_for_a_claims_words() -> None:
    assert in_report_words("Er zijn te weinig techniekleraren.") == (
        "Er zijn een tekort aan techniekdocenten."
    )
    assert in_report_words("een gebrek aan leraren") == "een tekort aan docenten"
    # "lerarenopleidingen" is the report's own word: only whole words are read otherwise.
    assert in_report_words("de instroom in de lerarenopleidingen") == (
        "de instroom in de lerarenopleidingen"
    )
    assert in_report_words("FME en de vier technische universiteiten") == "FME en de 4TU"


def test_too_few_teachers_is_the_prefaces_shortage(report_index: Index) -> None:
    # Preface: "Er is nog altijd een tekort aan vakdocenten techniek."
    claim = "Is het waar dat er nog steeds te weinig techniekdocenten zijn?"
    result = check(report_index, claim)
    assert result.verdict == "klopt"
    assert result.claim == claim
    assert result.statement == "er nog steeds te weinig techniekdocenten zijn"
    assert result.quote is not None
    assert "tekort aan vakdocenten techniek" in result.quote.text


def test_the_four_technical_universities_are_4tu(report_index: Index) -> None:
    # Goal 10: "FME en 4TU hebben op 6 februari een pact gesloten, ..."
    right = check(
        report_index,
        "Is het waar dat FME en de vier technische universiteiten op 6 februari een pact "
        "hebben gesloten?",
    )
    assert right.verdict == "klopt"
    assert right.quote is not None
    assert right.quote.text.startswith("FME en 4TU hebben op 6 februari een pact gesloten")


def test_a_claim_the_report_does_not_make_stays_out_in_its_words(report_index: Index) -> None:
    # The report names no shortage of caretakers (conciërges) at all.
    result = check(report_index, "Er zijn te weinig conciërges op technische scholen.")
    assert result.verdict == "niet_in_rapport"


def test_a_number_and_a_half_in_words_apart() -> None:
    [amount] = quantities("in totaal zevenendertig en een half miljoen euro uitgetrokken")
    assert (amount.kind, amount.number) == ("amount", 37_500_000.0)
    [half] = quantities("nog een half miljoen euro")
    assert half.number == 500_000.0
    statement = "tot en met 2018 zevenendertig en een half miljoen euro uitgetrokken"
    assert clauses(statement) == [statement]


def test_the_dwsra_budget_in_words_apart(report_index: Index) -> None:
    # Goal 11: "Totaal is hiervoor tot en met 2018 € 37,5 miljoen beschikbaar gesteld."
    right = check(
        report_index,
        "Klopt het dat er voor de Regeling DWSRA tot en met 2018 in totaal zevenendertig en een "
        "half miljoen euro is uitgetrokken?",
    )
    assert right.verdict == "klopt"
    assert_stands_against(
        report_index,
        "Klopt het dat er voor de Regeling DWSRA tot en met 2018 in totaal vijfendertig en een "
        "half miljoen euro is uitgetrokken?",
        "€ 37,5 miljoen",
    )


def test_two_subjects_of_one_verb_are_one_claim() -> None:
    # "dat OTIB ... samen met mbo-instellingen en de lerarenopleiding ... een pilot is gestart":
    # the verb at the end is of both; no part before "en" states anything on its own.
    statement = (
        "OTIB in landsdeel Noord samen met mbo-instellingen en de lerarenopleiding van "
        "Windesheim een pilot met een lerarenpool uit het bedrijfsleven is gestart"
    )
    assert clauses(statement) == [statement]
    # A verb right after "en" shares the subject before it: two statements.
    assert clauses("het Techniekpact draait nu vier jaar en telt in totaal twaalf doelen") == [
        "het Techniekpact draait nu vier jaar",
        "telt in totaal twaalf doelen",
    ]


def test_a_month_against_the_month_not_the_years_of_a_title(report_index: Index) -> None:
    # Goals 1 and 5: "... met de kaderregeling ‘Beleidskader subsidie bètatechniek-netwerken
    # 2017-2020’, dat in juni 2017 gepubliceerd wordt."
    assert_stands_against(
        report_index,
        "Klopt het dat OCW de kaderregeling voor de bètatechniek-netwerken in oktober 2017 "
        "publiceert?",
        "juni 2017",
    )


def test_a_season_against_the_season_the_report_names(report_index: Index) -> None:
    # Goal 9: "De eerste rapportage over het experiment (2015/2016) is in mei 2017
    # gepubliceerd. Medio 2020 wordt het experiment geëvalueerd."
    assert_stands_against(
        report_index,
        "Het experiment met de gecombineerde leerweg bol-bbl wordt medio 2019 geëvalueerd.",
        "Medio 2020",
    )
    right = check(
        report_index, "Medio 2020 wordt het experiment met de gecombineerde leerweg geëvalueerd."
    )
    assert right.verdict == "klopt"


def test_a_bound_names_no_value_of_another_thing(report_index: Index) -> None:
    # Goal 6: "In augustus 2016 zijn 28 trainees gestart in kader van Eerst de Klas en zijn 38
    # onderwijstrainees gestart vanuit het OnderwijsTraineeship."
    assert_stands_against(
        report_index, "In augustus 2016 begonnen ruim dertig trainees via Eerst de Klas.", "28"
    )
    right = check(
        report_index,
        "In augustus 2016 begonnen ruim dertig onderwijstrainees via het OnderwijsTraineeship.",
    )
    assert right.verdict == "klopt"


def test_larger_against_smaller_and_holding_against_letting_go(report_index: Index) -> None:
    # Goal 5: "Dat draagt bij aan een betere aansluiting en verkleint de kans op uitval en
    # switch." Goal 10: "Bij de pilots flexibilisering mogen hogescholen hun vaste
    # onderwijsprogramma's loslaten."
    assert_stands_against(
        report_index,
        "Nauwere samenwerking tussen toeleverend en vervolgonderwijs vergroot volgens het "
        "rapport de kans op uitval en switch.",
        "verkleint",
    )
    assert_stands_against(
        report_index,
        "In de pilots flexibilisering moeten hogescholen hun vaste onderwijsprogramma's "
        "vasthouden.",
        "loslaten",
    )
    right = check(
        report_index,
        "Hogescholen in de pilots flexibilisering hoeven hun vaste onderwijsprogramma niet "
        "langer vast te houden.",
    )
    assert right.verdict == "klopt"


def test_the_number_of_goals_is_the_prefaces(report_index: Index) -> None:
    # Preface: "Voor u ligt de jaarlijkse Voortgangsrapportage van het Nationaal Techniekpact
    # 2020, die een doorkijk geeft in de uitvoering van de 12 doelen."
    assert_stands_against(report_index, "Het Techniekpact telt tien doelen.", "12")
    right = check(report_index, "Klopt het dat het Techniekpact twaalf doelen heeft?")
    assert right.verdict == "klopt"
    assert right.quote is not None
    assert "de uitvoering van de 12 doelen" in right.quote.text

"""How a claim is read (issue 14, session 22): a number and a half written as one word
("zevenendertigenhalf miljoen euro"); months against a half year the report writes out ("met
zes maanden verlengd" against "met een half jaar verlengd"); "alleen voor" one thing where the
report says "voor elke" one; "zo vroeg mogelijk" is no "maybe"; "niet hoger" says what "niet
beter" says; "loslaten" says "niet langer houden aan".
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.contrast import exclusive, planned
from kb.claims.quantities import quantities
from kb.claims.spelling import spelled_and_half
from kb.claims.verdict import check
from kb.claims.wording import negates_too, said_negatively
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, sentence_quote


def test_a_number_and_a_half_in_one_word() -> None:
    assert spelled_and_half("zevenendertigenhalf") == 37.5
    assert spelled_and_half("tweeënhalf") == 2.5
    assert spelled_and_half("zevenendertig") is None
    [amount] = quantities("in totaal zevenendertigenhalf miljoen euro uitgetrokken")
    assert (amount.kind, amount.number) == ("amount", 37_500_000.0)


def test_the_dwsra_budget_spelled_out(report_index: Index) -> None:
    # Goal 11: "Totaal is hiervoor tot en met 2018 € 37,5 miljoen beschikbaar gesteld."
    right = check(
        report_index,
        "Voor de regeling DWSRA is tot en met 2018 in totaal zevenendertigenhalf miljoen euro "
        "uitgetrokken.",
    )
    assert right.verdict == "klopt"
    assert_stands_against(
        report_index,
        "Voor de regeling DWSRA is tot en met 2018 in totaal zevenenveertigenhalf miljoen euro "
        "uitgetrokken.",
        "€ 37,5 miljoen",
    )


def test_months_against_a_half_year(report_index: Index) -> None:
    # Goal 1: "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017."
    right = check(
        report_index, "Het programma Kiezen voor Technologie is met zes maanden verlengd, tot 2017."
    )
    assert right.verdict == "klopt"
    assert_stands_against(
        report_index,
        "Het programma Kiezen voor Technologie is met negen maanden verlengd, tot 2017.",
        "een half jaar",
    )


def test_only_for_one_against_for_every() -> None:
    # Goal 1: "... bestaat uit een pakket rond het thema energie voor elke groep in het
    # basisonderwijs."
    sentence = sentence_quote(
        "De nieuwe leerlijn Techniek, Talent & Energie van de Pedagogische Academie "
        "Hanzehogeschool Groningen bestaat uit een pakket rond het thema energie voor elke groep "
        "in het basisonderwijs."
    )
    [found] = exclusive("de leerlijn is alleen voor de bovenbouw bedoeld", sentence)
    assert (found.status, found.report_value) == ("contradicted", "voor elke groep")
    assert exclusive("de leerlijn is alleen in Groningen bedoeld", sentence) == []
    assert exclusive("de leerlijn is voor de bovenbouw bedoeld", sentence) == []


def test_as_early_as_possible_is_no_maybe() -> None:
    # Goal 1: "Het driejarige programma wil kinderen zo vroeg mogelijk op een laagdrempelige
    # manier in aanraking brengen met programmeren."
    sentence = sentence_quote(
        "Het driejarige programma wil kinderen zo vroeg mogelijk op een laagdrempelige manier "
        "in aanraking brengen met programmeren."
    )
    assert planned("een programma waarin kinderen al jong leren programmeren", sentence) == []
    maybe = sentence_quote("De uitkomst leidt in de toekomst mogelijk tot registratie.")
    [found] = planned("de uitkomst leidt al tot registratie", maybe)
    assert found.status == "contradicted"


def test_not_higher_is_not_better(report_index: Index) -> None:
    # Goal 1: "Ondanks dit aanbod presteerden de leerlingen op deze scholen niet beter."
    assert negates_too("de leerlingen scoorden niet hoger", "presteerden de leerlingen niet beter")
    assert not negates_too("de leerlingen scoorden niet lager", "presteerden niet beter")
    result = check(
        report_index,
        "Leerlingen van de twintig voorhoedescholen, die een uitgebreider aanbod Natuur en "
        "Techniek hebben, scoorden desondanks niet hoger.",
    )
    assert result.verdict == "klopt"


def test_letting_go_says_no_longer(report_index: Index) -> None:
    # Goal 10: "Bij de pilots flexibilisering mogen hogescholen hun vaste onderwijsprogramma’s
    # loslaten."
    assert said_negatively(
        "hogescholen hoeven zich niet langer aan hun vaste onderwijsprogramma te houden",
        "Bij de pilots flexibilisering mogen hogescholen hun vaste onderwijsprogramma’s loslaten.",
    )
    result = check(
        report_index,
        "In de flexibiliseringspilots hoeven hogescholen zich niet langer aan hun vaste "
        "onderwijsprogramma te houden.",
    )
    assert result.verdict == "klopt"

"""How a claim is read (issue 14, session 22): a number and a half written as one word
("zevenendertigenhalf miljoen euro"); months against a half year the report writes out ("met
zes maanden verlengd" against "met een half jaar verlengd"); "alleen voor" one thing where the
report says "voor elke" one; "zo vroeg mogelijk" is no "maybe"; "niet hoger" says what "niet
beter" says; "loslaten" says "niet langer houden aan"; years against a half year; a school type
the claim names too is no other school; "beperkt" against "uitgebreid"; "minst populaire"
against "populairste"; a negation in a clause the claim does not speak of; "nauwelijks" against
a separable verb the sentence splits; a body the report never names is not the claim's own
word for the sentence's; "Associate degree" spells "AD"; "de Tweede Kamer" where the sentence
says "het nieuwe kabinet".
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import parse_claim
from kb.claims.contrast import contrasts, hedged, labelled, planned
from kb.claims.exclusive import exclusive
from kb.claims.kin import other_of_kind
from kb.claims.quantities import quantities
from kb.claims.spelling import spelled_and_half
from kb.claims.subject import acronym_of
from kb.claims.verdict import check
from kb.claims.wording import negates_too, negations, said_negatively
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


def test_years_against_a_half_year(report_index: Index) -> None:
    # Goal 1: "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017."
    assert_stands_against(
        report_index,
        'Is het programma "Kiezen voor Technologie" met twee jaar verlengd?',
        "een half jaar",
    )


def test_a_school_type_the_claim_names_too(report_index: Index) -> None:
    # Goal 5: "Voor de aftrap van het project deden ze drie proeven onder begeleiding van
    # mbo-studenten." (the pupils are mavo-leerlingen of Scholengemeenschap Reigersbos)
    sentence = (
        "Voor de aftrap van het project deden ze drie proeven onder begeleiding van mbo-studenten."
    )
    quote = sentence_quote(sentence)
    claim = "mavo-leerlingen deden drie proeven, met mbo-studenten als begeleiders"
    assert [f for f in labelled(claim, sentence, quote) if f.status == "contradicted"] == []
    other = "mavo-leerlingen deden drie proeven, met hbo-studenten als begeleiders"
    assert [f.report_value for f in labelled(other, sentence, quote)] == ["mbo"]
    result = check(
        report_index,
        "Als aftrap van het diabetesproject deden mavo-leerlingen van Scholengemeenschap "
        "Reigersbos drie proeven, met mbo-studenten als begeleiders.",
    )
    assert result.verdict == "klopt"


def test_restricted_against_extended(report_index: Index) -> None:
    # Goal 3: "Daarnaast heeft de minister van OCW de Subsidieregeling praktijkleren met ingang
    # van schooljaar 2017-2018 uitgebreid voor leerlingen in het voortgezet speciaal onderwijs,
    # het praktijkonderwijs en ..."
    assert_stands_against(
        report_index,
        "Heeft de minister van OCW de Subsidieregeling praktijkleren per schooljaar 2017-2018 "
        "beperkt voor leerlingen in het praktijkonderwijs en het voortgezet speciaal onderwijs?",
        "uitgebreid",
    )


def test_least_against_most() -> None:
    # Goal 12: "De ICT behoort tot één van de populairste sectoren waarin mensen zich laten
    # omscholen."
    sentence = sentence_quote(
        "De ICT behoort tot één van de populairste sectoren waarin mensen zich laten omscholen."
    )
    [found] = contrasts("ICT is een van de minst populaire sectoren", sentence)
    assert (found.claim_value, found.report_value) == ("minst populaire", "populairste")
    assert contrasts("ICT is een van de meest populaire sectoren", sentence) == []


def test_a_negation_in_a_clause_the_claim_does_not_speak_of(report_index: Index) -> None:
    # Goal 12: "Vijftigplussers worden niet vaker werkloos, maar als mensen boven de 50 jaar hun
    # baan verliezen dan komen ze minder snel weer aan het werk."
    assert_stands_against(report_index, "Vijftigplussers worden vaker werkloos.", "niet vaker")
    sentence = sentence_quote(
        "Vijftigplussers worden niet vaker werkloos, maar als mensen boven de 50 jaar hun baan "
        "verliezen dan komen ze minder snel weer aan het werk."
    )
    claim = parse_claim("na baanverlies komen zij wel minder snel weer aan de slag")
    assert negations(claim, sentence) == []


def test_hardly_against_a_separable_verb() -> None:
    # Preface: "En het besef dat iedereen zich hierin moet scholen, dringt steeds verder door in
    # de samenleving."
    sentence = sentence_quote(
        "En het besef dat iedereen zich hierin moet scholen, dringt steeds verder door in de "
        "samenleving."
    )
    [found] = hedged("het besef dat men zich moet scholen, nauwelijks doordringt", sentence)
    assert hedged("het besef dat men zich moet scholen, nauwelijks groeit", sentence) == []
    assert (found.claim_value, found.report_value) == (
        "nauwelijks doordringt",
        "dringt steeds verder door",
    )


def test_a_body_the_report_never_names_is_no_other_word(report_index: Index) -> None:
    # Goal 5: "SLO heeft samen met een groep scholen het conceptschoolexamenprogramma
    # ‘Technologie en Toepassing’ ..."; "Het resultaat is een door het ministerie van OCW
    # vastgesteld conceptschoolexamenprogramma, waar 24 scholen nu ervaring mee opdoen."
    result = check(
        report_index,
        "Klopt het dat 24 scholen nu werken met het conceptexamenprogramma 'Technologie en "
        "Toepassing', dat het Cito heeft ontwikkeld?",
    )
    assert result.verdict != "klopt"


def test_a_name_with_its_lowercase_word_spells_the_acronym() -> None:
    # Goal 7: "... een landelijk afgestemd breed, flexibel opleidingsportfolio van AD tot Master
    # voor de opleiding en professionalisering van ..."
    passage = "een landelijk afgestemd breed, flexibel opleidingsportfolio van AD tot Master"
    assert acronym_of("Associate", passage, "een portfolio van Associate degree tot master")
    assert not acronym_of("Associate", passage, "een portfolio van Associate tot master")
    assert not acronym_of("Associate", passage, "een portfolio van Associate lectoraat")


def test_another_body_of_the_state(report_index: Index) -> None:
    # Preface: "... de partners van het Techniekpact samen met de Topsectoren en de Bouwagenda
    # een oproep aan het nieuwe kabinet hebben gedaan voor een Nationaal Akkoord voor menselijk
    # kapitaal ..."
    sentence = "een oproep aan het nieuwe kabinet hebben gedaan"
    assert other_of_kind(["Tweede Kamer"], sentence) == "kabinet"
    assert other_of_kind(["Kabinet"], sentence) is None
    assert_stands_against(
        report_index,
        "Hebben de Techniekpact-partners samen met de Topsectoren en de Bouwagenda de Tweede "
        "Kamer opgeroepen tot een Nationaal Akkoord voor menselijk kapitaal?",
        "kabinet",
    )

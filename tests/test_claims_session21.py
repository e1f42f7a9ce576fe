"""How a claim is read (issue 14, session 21): a part of a whole ("zes van de goedgekeurde
kwalificaties") is compared with the report's part ("waarvan er vier"), not its whole; another
person with the claim's title; "allereerste" against "tweede"; "boven de vijftig" is an age; a
separable verb split in the sentence ("op te lopen"); "het rapport waarschuwt dat" says who says
it; two figures joined by a comma are two statements; a compound whose parts the passage holds;
"universitaire studenten" are the wo's; "achteruitgegaan" is a direction; "ruim een miljoen" is
money; "eenjarig"; a school placed elsewhere; "in te perken", another range, a name for
another thing.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import direction_of, parse_claim
from kb.claims.coverage import compounded
from kb.claims.quantities import quantities
from kb.claims.subject import schools, whole_not_part
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, contradicted

# Goal 9: "... zijn er momenteel acht cross-over kwalificaties goedgekeurd, waarvan er vier
# raken aan de techniek."
_CROSS_OVER = (
    "Op grond van de aanvragen in het eerste aanvraagtijdvak zijn er momenteel acht cross-over "
    "kwalificaties goedgekeurd, waarvan er vier raken aan de techniek."
)


def test_a_part_is_not_its_whole() -> None:
    claim = "zes van de goedgekeurde cross-over kwalificaties raken aan de techniek"
    [claimed] = quantities(claim)
    eight, four = quantities(_CROSS_OVER)
    assert whole_not_part(claim, claimed, _CROSS_OVER, eight)
    assert not whole_not_part(claim, claimed, _CROSS_OVER, four)
    whole = "er zijn zes cross-over kwalificaties goedgekeurd"
    [claimed] = quantities(whole)
    assert not whole_not_part(whole, claimed, _CROSS_OVER, eight)


def test_a_part_against_the_reports_part(report_index: Index) -> None:
    assert_stands_against(
        report_index,
        "Klopt het dat zes van de goedgekeurde cross-over kwalificaties raken aan de techniek?",
        "vier",
    )
    result = check(
        report_index,
        "Klopt het dat vier van de goedgekeurde cross-over kwalificaties raken aan de techniek?",
    )
    assert result.verdict == "klopt"


def test_the_whole_holds_and_the_part_does_not(report_index: Index) -> None:
    result = check(
        report_index,
        "Er zijn acht cross-over kwalificaties goedgekeurd, waarvan er zes met techniek te maken "
        "hebben.",
    )
    assert result.verdict == "deels"
    assert ("zes", "vier") in contradicted(result)


def test_another_person_with_the_claims_title(report_index: Index) -> None:
    # Goal 3: "Gedeputeerde Sander de Rouwe overhandigde op 18 mei 2017 de eerste van 415
    # robots ..."; "Kor Visscher van Innova-tiecluster Drachten" is named in the same example.
    assert_stands_against(
        report_index,
        "Was het gedeputeerde Kor Visscher die op 18 mei 2017 de eerste van de 415 robots "
        "overhandigde?",
        "Sander de Rouwe",
    )


def test_the_very_first_against_the_second(report_index: Index) -> None:
    # Goal 4: "Op 28 september 2016 vond ... de tweede ScienceMakers plaats".
    assert_stands_against(
        report_index,
        "Ans Hekkenberg was op 28 september 2016 bij de allereerste ScienceMakers.",
        "tweede",
    )


def test_above_fifty_is_an_age(report_index: Index) -> None:
    # Goal 12: "Vijftigplussers worden niet vaker werkloos, maar als mensen boven de 50 jaar hun
    # baan verliezen dan komen ze minder snel weer aan het werk."
    assert quantities("wie boven de vijftig zijn baan kwijtraakt") == []
    assert [q.number for q in quantities("boven de 100 leerlingen")] == [100.0]
    result = check(
        report_index,
        "Vijftigplussers worden niet vaker werkloos, maar wie boven de vijftig zijn baan "
        "kwijtraakt, komt minder snel weer aan de slag.",
    )
    assert result.verdict == "klopt"


def test_a_separable_verb_and_who_warns(report_index: Index) -> None:
    # Goal 6: "De komende jaren dreigt zowel het kwalitatieve als het kwantitatieve
    # lerarentekort echter op te lopen, vooral voor de bètavakken."
    claim = (
        "Is het waar dat het rapport waarschuwt dat het lerarentekort de komende jaren kan "
        "oplopen, met name bij de bètavakken?"
    )
    assert parse_claim(claim).statement.startswith("het lerarentekort")
    assert check(report_index, claim).verdict == "klopt"
    other = "Het lerarentekort dreigt de komende jaren op te lopen, vooral bij de talen."
    result = check(report_index, other)
    assert result.verdict == "klopt_niet"
    assert ("de talen", "de bètavakken") in contradicted(result)


def test_two_figures_joined_by_a_comma(report_index: Index) -> None:
    # Goal 4: "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
    result = check(
        report_index,
        "Op de havo kiest 43 procent van de leerlingen een N-profiel, op het vwo "
        "is dat 72 procent.",
    )
    assert result.verdict == "deels"
    assert ("72 procent", "62%") in contradicted(result)


def test_a_compound_held_by_its_parts() -> None:
    assert compounded("betatechniekstudent", {"betatechniek", "student"})
    assert compounded("techniekplansdocent", {"techniekplan", "docent"})
    assert not compounded("betatechniekstudent", {"betatechniek"})
    assert not compounded("student", {"student"})


def test_the_hbo_against_the_hbo(report_index: Index) -> None:
    # Goal 10: "In het hbo is het aantal instromende studenten ... gestegen: 23.368 nieuwe
    # studenten"; the sentence before gives the universities' 21.527.
    assert schools("Het aantal universitaire studenten dat kiest voor bètatechniek") == {"wo"}
    assert schools("georganiseerd door de Universiteit Utrecht") == frozenset()
    assert_stands_against(
        report_index,
        "Is het waar dat het hbo in 2016-2017 ruim 28.000 nieuwe bètatechniekstudenten "
        "binnenhaalde?",
        "23.368",
    )


def test_gone_backwards_is_a_direction(report_index: Index) -> None:
    # Goal 1: "... blijkt dat landelijk gezien de leerling prestaties op dit gebied ongeveer
    # gelijk zijn aan de prestaties bij de peilingen uit 2008 en 2011."
    assert direction_of("flink achteruitgegaan zijn in natuur en techniek") == "down"
    assert direction_of("zijn vooruitgegaan") == "up"
    result = check(
        report_index,
        "Uit de jongste peiling blijkt dat basisschoolleerlingen sinds de metingen van 2008 en "
        "2011 flink achteruitgegaan zijn in natuur en techniek.",
    )
    assert result.verdict == "klopt_niet"
    assert ("achteruitgegaan", "ongeveer gelijk") in contradicted(result)


def test_millions_that_count_nothing_are_money(report_index: Index) -> None:
    # Goal 1: "(in 2017 €1,52 miljoen, in 2018 €1,1 miljoen, in 2019 € 0,72 miljoen)".
    [_, million] = quantities("in 2019 nog altijd ruim een miljoen")
    assert (million.kind, million.number, million.bound) == ("amount", 1e6, "some")
    assert [q.kind for q in quantities("drie miljoen deelnemers")] == ["count"]
    result = check(
        report_index,
        "Is het waar dat er voor de W&T-netwerken in 2017 ruim anderhalf miljoen euro "
        "beschikbaar is, en in 2019 nog altijd ruim een miljoen?",
    )
    assert result.verdict == "deels"
    assert ("een miljoen", "€ 0,72 miljoen") in contradicted(result)


def test_one_year_against_two(report_index: Index) -> None:
    # Goal 2: "... via het in maart 2017 gelanceerde tweejarig programma DigiLeerkracht".
    [one] = quantities("DigiLeerkracht is een eenjarig programma")
    assert (one.kind, one.number) == ("count", 1.0)
    assert_stands_against(
        report_index,
        "Zegt het rapport dat DigiLeerkracht, in maart 2017 gelanceerd, een eenjarig programma is?",
        "tweejarig",
    )


def test_a_school_the_sentence_places_elsewhere(report_index: Index) -> None:
    # Goal 6: "... de scholen Oscar Romero, De Dijk uit Medemblik, Montessori College Oost uit
    # Amsterdam en Helen Parkhurst uit Almere ..."
    claim = "Klopt het dat De Dijk, een van de scholen in de BedrijfsDOT Arduino, in {} staat?"
    assert_stands_against(report_index, claim.format("Almere"), "Medemblik")
    assert check(report_index, claim.format("Medemblik")).verdict == "klopt"


def test_opposite_words_and_ranges(report_index: Index) -> None:
    # Goal 10: "Een van de aanbevelingen ziet toe op uitbreiding van het Zoekjaar
    # Hoogopgeleiden ..."; goal 7: "... opleidingsportfolio van AD tot Master ..."; the
    # preface: "... een Nationaal Akkoord voor menselijk kapitaal".
    assert_stands_against(
        report_index,
        "Binnen de City Deal Warm Welkom Talent wordt aanbevolen het Zoekjaar Hoogopgeleiden "
        "voor buitenlandse afgestudeerden in te perken.",
        "uitbreiding",
    )
    assert_stands_against(
        report_index,
        "In het EcPB bundelen de hogescholen hun onderwijs- en onderzoeksinfrastructuur, met als "
        "doel een landelijk opleidingsportfolio van AD tot promotie.",
        "van AD tot Master",
    )
    akkoord = (
        "Samen met de Topsectoren en de Bouwagenda hebben de partners van het Techniekpact het "
        "nieuwe kabinet opgeroepen tot een Nationaal Akkoord voor {}."
    )
    assert_stands_against(
        report_index,
        akkoord.format("duurzame energie"),
        "Nationaal Akkoord voor menselijk kapitaal",
    )
    assert check(report_index, akkoord.format("menselijk kapitaal")).verdict == "klopt"
    # Goal 1: 'Het programma "Kiezen voor Technologie" is met een half jaar verlengd tot 2017.'
    # "voor Technologie" is part of the name, not what it is for.
    result = check(
        report_index,
        "Klopt het dat het programma Kiezen voor Technologie met een half jaar is verlengd en "
        "daardoor doorloopt tot 2018?",
    )
    assert result.verdict == "deels"

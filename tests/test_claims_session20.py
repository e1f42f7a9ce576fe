"""How a claim is read (issue 14, session 20): a title before a person's name ("Techgirl Ans
Hekkenberg"); a body of the same kind ("ROC Albeda" for "ROC Mondriaan") and a country abroad
in the sentence that holds the claim's figure; "dit jaar" in a claim is no year to compare;
"een kleine tweehonderd"; two school types joined by "en" are no two claims; "dat" and "87
daarvan" refer to the first part; "wil dat" is an ambition; "de TU's" are the "4TU"; "basisscholen"
against "een middelbare school"; the first word of a compound ("leraren" of "lerarenbeurs") is
no synonym of it; the numbers listed after a level ("niveau 2, 3 en 4") count nothing; parts that
hold alone in a claim that the sentence it is read in contradicts are "deels".
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import clauses, parse_claim
from kb.claims.contrast import school_types
from kb.claims.keywords import _modifies
from kb.claims.kin import other_of_kind
from kb.claims.quantities import consistent, quantities
from kb.claims.subject import swapped
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, contradicted


def _consistent(claim: str, report: str) -> bool:
    [claimed], [stated] = quantities(claim), quantities(report)
    return consistent(claimed, stated)


def test_a_title_before_a_persons_name(report_index: Index) -> None:
    # Goal 1: "... heeft André Kuipers als ambassadeur van het Techniekpact ook in het
    # schooljaar 2016-2017 negen Collegetours gegeven verspreid over Nederland."
    assert_stands_against(
        report_index,
        "Techgirl Ans Hekkenberg gaf in het schooljaar 2016-2017 negen Collegetours voor "
        "leerlingen van groep zeven.",
        "André Kuipers",
    )


def test_a_body_of_the_same_kind() -> None:
    # Goal 7: "ROC Mondriaan in Den Haag kent een mooie uitdaging op het gebied van
    # cybersecurity."
    sentence = "ROC Mondriaan in Den Haag kent een mooie uitdaging op het gebied van cybersecurity."
    assert other_of_kind(["ROC Albeda"], sentence) == "ROC Mondriaan"
    assert other_of_kind(["ROC Mondriaan"], sentence) is None
    assert other_of_kind(["Albeda"], sentence) is None
    assert other_of_kind(["Hogeschool Utrecht"], sentence) is None


def test_another_roc_in_the_claim(report_index: Index) -> None:
    result = check(
        report_index,
        "Het rapport zegt dat ROC Albeda in Den Haag met het bedrijfsleven werkt aan docenten "
        "voor de cybersecurityopleiding?",
    )
    assert result.verdict == "klopt_niet"
    assert any("Mondriaan" in (shown or "") for _, shown in contradicted(result))


def test_a_country_abroad_in_the_sentence_with_the_figure(report_index: Index) -> None:
    # Goal 12: "› Landen met een vrouwelijke participatie boven 30%: Estland en Roemenië"; Finland
    # is listed a line below, "tussen 10 en 20%".
    assert_stands_against(
        report_index,
        "Finland hoort bij de landen met een vrouwelijke participatie boven 30%.",
        "Estland en Roemenië",
    )


def test_a_place_first_keeps_its_capital() -> None:
    assert parse_claim("Finland scoort hoog", lambda word: word == "Finland").statement == (
        "Finland scoort hoog"
    )
    assert parse_claim("Het project loopt", lambda word: False).statement == "het project loopt"


def test_this_year_in_a_claim_is_no_year_to_compare(report_index: Index) -> None:
    # Goal 3: "Gedeputeerde Sander de Rouwe overhandigde op 18 mei 2017 de eerste van 415
    # robots die in 2017 op alle Friese basisscholen worden uitgereikt."
    result = check(
        report_index,
        "Sander de Rouwe overhandigde dit jaar de eerste van 415 robots voor de Friese "
        "basisscholen.",
    )
    assert result.verdict == "klopt"
    assert not contradicted(result)


def test_a_small_two_hundred() -> None:
    # Goal 2: "... kwamen ongeveer 180 basisschoolleerkrachten samen ..."
    assert _consistent("een kleine tweehonderd leerkrachten", "ongeveer 180 leerkrachten")
    assert _consistent("krap 200 leerkrachten", "ongeveer 180 leerkrachten")
    assert not _consistent("een kleine tweehonderd leerkrachten", "ongeveer 120 leerkrachten")
    assert not _consistent("een kleine tweehonderd leerkrachten", "ongeveer 230 leerkrachten")


def test_two_school_types_joined_are_no_two_claims(report_index: Index) -> None:
    # Goal 8: "Vanuit de publiek-private samenwerkingsverbanden in mbo en hbo gezamenlijk, is in
    # 2016 het netwerk Katapult opgericht."
    claim = (
        "Het netwerk Katapult, waarin de pps-en uit mbo en hbo samenkomen, werd in 2014 opgericht."
    )
    assert clauses(claim.rstrip(".")) == [claim.rstrip(".")]
    assert_stands_against(report_index, claim, "2016")


def test_what_dat_and_daarvan_refer_to(report_index: Index) -> None:
    # Goal 6: "De ambitie is om in 2020 50% hbo- en wo-master opgeleide leraren te hebben in het
    # voortgezet onderwijs, momenteel heeft 37% van de docenten in het voortgezet onderwijs een
    # masteropleiding."
    first = (
        "Ruim een derde van de docenten in het voortgezet onderwijs heeft nu een masteropleiding"
    )
    assert check(report_index, f"{first}; in 2020 moet dat de helft zijn.").verdict == "klopt"
    assert check(report_index, f"{first}; in 2020 moet dat twee derde zijn.").verdict == "deels"
    # Goal 5: "Op dit moment zijn er ruim 200 doorlopende leerroutes ... Hiervan zijn er 87
    # routes in de techniek."
    result = check(
        report_index,
        "Er zijn inmiddels meer dan tweehonderd doorlopende leerroutes van vmbo naar mbo, en "
        "daarvan zijn er 87 technisch.",
    )
    assert result.verdict == "klopt"


def test_what_someone_wants_is_an_ambition(report_index: Index) -> None:
    # Goal 4: "Ambitie is dat 40 procent van de vmbo-leerlingen in de gemengde en theoretische
    # leerweg kiest voor een vakkenpakket met natuur- en scheikunde ..."
    assert_stands_against(
        report_index,
        "Het Techniekpact wil dat de helft van de vmbo-leerlingen in de gemengde en theoretische "
        "leerweg natuur- en scheikunde kiest.",
        "40 procent",
    )


def test_an_acronym_after_a_number() -> None:
    # Goal 10: "FME en 4TU hebben op 6 februari een pact gesloten ..."
    sentence = "FME en 4TU hebben op 6 februari een pact gesloten, om de druk te verlichten."
    assert swapped("bedrijven verlichten de druk op de TU's", sentence) is None
    assert swapped("VNO-NCW en de 4TU sloten een pact", sentence) == ("VNO-NCW", "FME")


def test_primary_against_secondary_school(report_index: Index) -> None:
    # Goal 3: "Geef IT Door! koppelt enthousiaste ICT-professionals aan een middelbare school om
    # een gastles te verzorgen."
    assert_stands_against(
        report_index,
        "Geef IT Door! koppelt ICT-professionals aan basisscholen voor een gastles.",
        "middelbare school",
    )
    assert school_types("in het voortgezet onderwijs") == {"vo": "voortgezet onderwijs"}
    # The voortgezet onderwijs holds its own school types, and the other way round.
    claim = "Op 7 maart organiseerde PBT een middag OnderwijsRebels voor schoolleiders uit het vwo."
    assert check(report_index, claim).verdict != "klopt_niet"


def test_the_first_word_of_a_compound_is_no_synonym(report_index: Index) -> None:
    assert _modifies("leraren", "lerarenbeurs")
    assert not _modifies("leraar", "leraren")
    result = check(
        report_index,
        "Het rapport zegt dat de lerarenbeurs voor docenten in het voortgezet onderwijs wordt "
        "afgeschaft?",
    )
    assert result.verdict == "niet_in_rapport"


def test_numbers_listed_after_a_level_count_nothing() -> None:
    # Goal 5: "... van vmbo naar mbo niveau 2, 3 en 4."
    assert quantities("van vmbo naar mbo niveau 2, 3 en 4") == []
    assert [q.text for q in quantities("groep 7 en 8 en 120 scholen")] == ["120"]


def test_parts_that_hold_alone_in_a_claim_contradicted_whole(report_index: Index) -> None:
    # Goal 5, "Meer meisjes in de techniek": "24 mbo-scholen gaan de komende twee jaar, samen
    # met de MBO-Raad en VHTO, diverse activiteiten organiseren ..." The second part alone is
    # held by goal 7's "Het EcPB werkt daartoe samen met de MBO-Raad, de VO-raad, ...".
    result = check(
        report_index,
        "Klopt het dat het project voor meer meisjes in de mbo-techniek twee jaar loopt en dat de "
        "mbo-scholen daarin samenwerken met de MBO-Raad en de VO-raad?",
    )
    assert result.verdict == "deels"
    assert ("VO-raad", "VHTO") in contradicted(result)
    assert result.quote is not None and "VHTO" in result.quote.text

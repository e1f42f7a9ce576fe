"""How a claim is read (issue 14, session 13): "Zegt het rapport dat ..." asks to check what
follows, an application approved or turned down are each other's opposite, and a place's
adjective ("Brabantse") is the place, not a name of its own. Expected values are read from the
report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, is_claim, parse_claim
from kb.claims.contrast import contrasts, school_types
from kb.claims.quantities import consistent, quantities
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, sentence_quote


def test_zegt_het_rapport_dat_asks_to_check_what_follows() -> None:
    claim = parse_claim("Zegt het rapport dat er op dit moment 575 keuzedelen beschikbaar zijn?")
    assert claim.statement == "er op dit moment 575 keuzedelen beschikbaar zijn"
    assert is_claim("Staat er in het rapport dat 38 trainees zijn gestart?")
    assert parse_claim("Meldt het voorwoord dat het pact vier jaar loopt?").statement == (
        "het pact vier jaar loopt"
    )
    tail = parse_claim("Vijftigplussers raken vaker hun baan kwijt, zo staat in het rapport.")
    assert tail.statement == "vijftigplussers raken vaker hun baan kwijt"
    # A question about what the report says, with no claim in it, stays a question.
    assert not is_claim("Zegt het rapport iets over Codepact?")
    assert not is_claim("Staat in het rapport hoeveel trainees er zijn gestart?")


def test_an_application_turned_down_is_the_opposite_of_one_approved() -> None:
    # Goal 11: "In juni 2017 is de gezamenlijke DWSRA-aanvraag van OTIB en OOM goedgekeurd ..."
    quote = sentence_quote(
        "In juni 2017 is de gezamenlijke DWSRA-aanvraag van OTIB en OOM goedgekeurd."
    )
    (found,) = contrasts("de DWSRA-aanvraag van OTIB en OOM is in juni 2017 afgewezen", quote)
    assert (found.status, found.claim_value, found.report_value) == (
        "contradicted",
        "afgewezen",
        "goedgekeurd",
    )
    assert not contrasts("de DWSRA-aanvraag is in juni 2017 goedgekeurd", quote)
    # Goal 8: "de projecten worden door de samenwerkingspartners als (zeer) positief gewaardeerd".
    rated = sentence_quote(
        "De projecten worden door de samenwerkingspartners als (zeer) positief gewaardeerd."
    )
    (negative,) = contrasts("de partners oordeelden overwegend negatief over de projecten", rated)
    assert negative.report_value == "positief"


@pytest.mark.slow
def test_claims_asked_as_zegt_het_rapport_and_turned_down_are_checked(report_index: Index) -> None:
    # Goal 9: "In totaal zijn er momenteel 757 keuzedelen beschikbaar ..."
    assert_stands_against(
        report_index,
        "Zegt het rapport dat er op dit moment 575 keuzedelen beschikbaar zijn?",
        "757",
    )
    assert_stands_against(
        report_index,
        "Klopt het dat de gezamenlijke DWSRA-aanvraag van OTIB en OOM in juni 2017 is afgewezen?",
        "goedgekeurd",
    )


@pytest.mark.slow
def test_a_places_adjective_is_the_place(report_index: Index) -> None:
    # Goal 7, example: "In de zomer 2016 is de regio Brabant gestart met een pilot Circulaire
    # Carrières" ... "De pilot bestaat uit drie fieldlabs"; no Philips anywhere in the report.
    assert_stands_against(
        report_index,
        "De Brabantse pilot Circulaire Carrières van Fieldlab Fontys bestaat uit vijf fieldlabs.",
        "drie",
    )
    result = check(
        report_index, "De Brabantse pilot Circulaire Carrières bestaat uit drie fieldlabs."
    )
    assert result.verdict == "klopt"
    assert (
        check(
            report_index,
            "Klopt het dat Philips meedoet aan de Brabantse pilot Circulaire Carrières?",
        ).verdict
        == "niet_in_rapport"
    )
    # Another province's adjective stands against the report's place.
    limburg = check(report_index, "De Limburgse pilot Circulaire Carrières telt drie fieldlabs.")
    assert limburg.verdict == "klopt_niet"


def test_two_adjectives_of_one_noun_are_not_two_claims() -> None:
    # Goal 5: "... en de gemengde en theoretische leerweg van het vmbo bij elkaar voegen".
    statement = (
        "De minister en staatssecretaris van OCW willen de gemengde en de theoretische leerweg"
        " van het vmbo verder uit elkaar trekken"
    )
    assert clauses(statement) == [statement]
    # Two statements joined by "en" are still split.
    assert (
        len(clauses("VHTO gaf in 2016 trainingen op acht pabo's en de evaluatie verscheen in 2017"))
        == 2
    )


@pytest.mark.slow
def test_the_techniekpact_itself_is_no_other_body(report_index: Index) -> None:
    # Goal 4: "Voor havo en vwo geldt de ambitie van het aandeel van 55 procent van de
    # leerlingen in havo en vwo dat kiest voor de profielen Natuur en Gezondheid en/of Natuur en
    # Techniek (N-profielen)": the pact's ambition, though the sentence does not name it.
    assert_stands_against(
        report_index,
        "Het Techniekpact streeft ernaar dat 50 procent van de havo- en vwo-leerlingen een"
        " N-profiel kiest.",
        "55 procent",
    )


def test_a_quarter_of_a_billion_is_an_amount() -> None:
    # Goal 8: "in totaal circa 272 miljoen euro geïnvesteerd".
    (quarter,) = quantities("ruim een kwart miljard euro")
    assert (quarter.kind, quarter.number) == ("amount", 250_000_000)
    (report,) = quantities("circa 272 miljoen euro")
    assert consistent(quarter, report)
    (three_quarters,) = quantities("driekwart miljard euro")
    assert not consistent(three_quarters, report)


def test_a_part_of_a_month_or_year_holds_the_day_or_middle_in_it() -> None:
    # Goal 10: "FME en 4TU hebben op 6 februari een pact gesloten"; goal 9: "Medio 2020 wordt
    # het experiment geëvalueerd."
    (day,) = quantities("op 6 februari")
    (start,) = quantities("begin februari")
    (end,) = quantities("eind februari")
    (month,) = quantities("in februari")
    (march,) = quantities("begin maart")
    assert consistent(start, day) and consistent(month, day)
    assert not consistent(end, day) and not consistent(march, day)
    (middle,) = quantities("Medio 2020")
    (halfway,) = quantities("halverwege 2020")
    (early,) = quantities("begin 2020")
    assert halfway.text == "halverwege 2020"
    assert consistent(halfway, middle)
    assert not consistent(halfway, early)


@pytest.mark.slow
def test_another_name_in_the_place_of_the_reports_is_caught(report_index: Index) -> None:
    # Goal 7: "... in samenwerking met mbo-instellingen en de lerarenopleiding van Windesheim een
    # pilot gestart"; the short part "de lerarenopleiding van Saxion" is read in the whole claim.
    assert_stands_against(
        report_index,
        "Voor de lerarenpool uit het bedrijfsleven werkt OTIB samen met mbo-instellingen en de"
        " lerarenopleiding van Saxion.",
        "Windesheim",
    )
    # Goal 10: "De bewindslieden van OCW en EZ hebben in samenwerking met de 4TU een analyse van
    # knelpunten in de bekostiging van het hoger onderwijs opgeleverd."
    assert_stands_against(
        report_index,
        "De analyse van knelpunten in de bekostiging van het hoger onderwijs maakten OCW en EZ"
        " samen met de Vereniging Hogescholen.",
        "4TU",
    )


def test_a_motion_named_after_zoals_is_part_of_the_claim() -> None:
    # "zoals de minister zei" says who claims it; "zoals een motie van ... vraagt" is checked.
    said = parse_claim("OCW werkt aan landelijke normen voor LOB, zoals de minister zei.")
    assert said.statement == "OCW werkt aan landelijke normen voor LOB"
    motion = parse_claim("OCW werkt aan normen voor LOB, zoals een motie van Kamerlid Rog vraagt.")
    assert motion.statement.endswith("zoals een motie van Kamerlid Rog vraagt")


@pytest.mark.slow
def test_another_member_of_parliament_is_caught(report_index: Index) -> None:
    # Goal 4: "... om tot landelijke normen voor LOB te komen, zoals de motie van de heer
    # Duisenberg c.s. dit verzoekt."
    for other in ("Rog", "Van Meenen"):
        assert_stands_against(
            report_index,
            f"OCW werkt aan normen voor LOB, zoals een motie van Kamerlid {other} vraagt.",
            "Duisenberg",
        )
    held = (
        "OCW werkt aan landelijke normen voor LOB, zoals een motie van Kamerlid Duisenberg vraagt."
    )
    assert check(report_index, held).verdict == "klopt"


@pytest.mark.slow
def test_a_contradicted_date_is_shown_the_reports_date_of_the_same_thing(
    report_index: Index,
) -> None:
    # Goal 8: "De tussenevaluatie in februari 2017 liet zien ..." (the ranker's best sentence
    # names "mei 2017"; the februari one, 2.2 below it, is within DATE_MARGIN since session 24).
    assert_stands_against(
        report_index,
        "De tussenevaluatie van het Regionaal investeringsfonds mbo verscheen in februari 2016.",
        "februari 2017",
    )


def test_a_contradicted_claim_is_shown_the_reports_value_of_the_same_thing(
    report_index: Index,
) -> None:
    # Goal 8: "Het ministerie van OCW stelt hiervoor sinds 2014 jaarlijks €25 miljoen
    # beschikbaar" (not the "€125 miljoen" in total of the next passage, which the ranker
    # puts 1.2 above it).
    assert_stands_against(
        report_index,
        "Het ministerie van OCW trekt sinds 2014 elk jaar 50 miljoen euro uit voor het Regionaal"
        " investeringsfonds mbo.",
        "€25 miljoen",
    )


def test_ruim_is_a_little_more_not_any_amount_more() -> None:
    # Goal 9: "In mei 2017 waren totaal ruim 35.000 leerbanen ...", "... voor Techniek en
    # gebouwde omgeving is ruim 12.000."
    (claimed,) = quantities("ruim 20.000 leerbanen")
    (total,) = quantities("totaal ruim 35.000 leerbanen")
    (near,) = quantities("21.500 leerbanen")
    assert not consistent(claimed, total)
    assert consistent(claimed, near)
    (talents,) = quantities("meer dan 150 talenten")
    assert consistent(talents, talents)


@pytest.mark.slow
def test_the_yearly_amount_a_sentence_below_the_total_holds(report_index: Index) -> None:
    # Goal 8: "Het ministerie van OCW stelt hiervoor sinds 2014 jaarlijks €25 miljoen
    # beschikbaar" (the ranker puts "nogmaals €25 miljoen ... (in totaal €125 miljoen)" first).
    claim = (
        "Het ministerie van OCW trekt sinds 2014 elk jaar 25 miljoen euro uit voor het Regionaal"
        " investeringsfonds mbo."
    )
    assert check(report_index, claim).verdict == "klopt"


def test_a_hogeschool_and_a_universiteit_are_school_types() -> None:
    assert "hbo" in school_types("een eerste of tweedejaars student aan een hogeschool")
    assert "wo" in school_types("een masterstudent van de universiteit")


@pytest.mark.slow
def test_a_university_student_where_the_report_has_a_hogeschool_is_not_so(
    report_index: Index,
) -> None:
    # Goal 6, example: "Iedere school is gekoppeld aan een ‘eigen’ bedrijf en iedere docent
    # beschikt over een Persoonlijk Assistent Leraar (PAL): een eerste of tweedejaars student aan
    # een hogeschool."
    claim = (
        "Bij de BedrijfsDOT Arduino is elke school gekoppeld aan een eigen bedrijf en krijgt"
        " iedere docent een masterstudent van de universiteit als persoonlijk assistent."
    )
    assert check(report_index, claim).verdict == "deels"

"""What a claim is compared with (issue 14, session 12): a figure of a passage that never names
the claim's subject does not contradict it, a required minimum is itself the figure, and a
change has opposites outside "meer" and "minder" (lengthened or shortened, easier or harder).
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import parse_claim
from kb.claims.findings import Finding
from kb.claims.names import _names_in
from kb.claims.quantities import consistent, quantities
from kb.claims.subject import other_thing, schools
from kb.claims.verdict import check
from kb.claims.wording import direction
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, sentence_quote


@pytest.mark.slow
def test_a_figure_about_another_subject_does_not_contradict_one_the_report_never_names(
    report_index: Index,
) -> None:
    # Goal 8: "Het ministerie van OCW stelt hiervoor sinds 2014 jaarlijks €25 miljoen
    # beschikbaar" and "in totaal 94 publiek-private samenwerkingsverbanden in het mbo"; no bank
    # and no island is named anywhere in the report.
    for claim in (
        "Is het waar dat de ABN AMRO jaarlijks 4 miljoen euro bijdraagt aan publiek-private"
        " samenwerking in het mbo?",
        "Ook op Curaçao zijn vijf samenwerkingsverbanden tussen mbo-scholen en bedrijven gestart.",
        # Goal 5: "De vier hogescholen die lerarenopleidingen verzorgen ..."; the Vereniging
        # Hogescholen is named elsewhere, never with how many members it has.
        "Klopt het dat de Vereniging Hogescholen 40 hogescholen als lid telt?",
    ):
        result = check(report_index, claim)
        assert result.verdict == "niet_in_rapport", claim
        assert not any(f.status == "contradicted" for f in result.findings)
    # The same figure said of OCW, which the passage names, is contradicted by it.
    assert_stands_against(
        report_index,
        "Klopt het dat OCW sinds 2014 jaarlijks 3 miljoen euro voor het Rif beschikbaar stelt?",
        "€25 miljoen",
    )


def test_a_required_minimum_is_itself_the_figure() -> None:
    # Goal 3: "De regeling voor erkende leerbedrijven die studenten een stage van minimaal 640
    # uur aanbieden ...".
    (stated,) = quantities("een stage van minimaal 640 uur")
    assert stated.bound == "floor"
    (lower,) = quantities("een stage van minstens 400 uur")
    (same,) = quantities("een stage van ten minste 640 uur")
    assert not consistent(lower, stated)
    assert consistent(same, stated)
    # A claimed minimum holds a plain figure above it.
    (minimum,) = quantities("minimaal 90 samenwerkingsverbanden")
    (plain,) = quantities("in totaal 94 samenwerkingsverbanden")
    assert consistent(minimum, plain)


@pytest.mark.slow
def test_a_shorter_stage_than_the_report_s_is_caught(report_index: Index) -> None:
    assert_stands_against(
        report_index,
        "Klopt het dat leerbedrijven met een stage van minstens 300 uur onder de regeling vallen?",
        "640",
    )


@pytest.mark.parametrize(
    ("claim", "sentence", "claimed", "stated"),
    [
        # Goal 1: "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017."
        (
            "Kiezen voor Technologie is met een half jaar ingekort",
            "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017.",
            "ingekort",
            "verlengd",
        ),
        # Goal 7: "Het combineren van een functie in het bedrijfsleven met een baan in het
        # onderwijs wordt toegankelijker gemaakt."
        (
            "een baan in het bedrijfsleven combineren met lesgeven wordt moeilijker gemaakt",
            "Het combineren van een functie in het bedrijfsleven met een baan in het onderwijs"
            " wordt toegankelijker gemaakt.",
            "moeilijker",
            "toegankelijker",
        ),
    ],
)
def test_opposite_changes_outside_more_and_less(
    claim: str, sentence: str, claimed: str, stated: str
) -> None:
    found = direction(parse_claim(claim), sentence_quote(sentence))
    assert [(f.aspect, f.status, f.claim_value, f.report_value) for f in found] == [
        ("direction", "contradicted", claimed, stated)
    ]


def test_the_same_change_is_no_contradiction() -> None:
    sentence = "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017."
    found: list[Finding] = direction(
        parse_claim("het programma is verlengd tot 2017"), sentence_quote(sentence)
    )
    assert found == []


def test_het_rijk_is_no_name_of_its_own() -> None:
    # "geld van het Rijk" is whichever ministry pays; "Bussemaker" and "Breda" are names.
    found = _names_in("de minister Bussemaker maakte in Breda bekend dat het Rijk betaalt")
    assert found == ["Bussemaker", "Breda"]


@pytest.mark.slow
def test_the_same_day_in_another_year_is_a_wrong_date(report_index: Index) -> None:
    # Goal 8: "Dat maakte minister Bussemaker van Onderwijs op 16 november 2016 in Breda bekend
    # bij de General Assembly van de Centres of expertise."
    assert_stands_against(
        report_index,
        "Op 16 november 2015 maakte de minister in Breda bekend dat de Centres of expertise ook"
        " in 2017 geld van het Rijk krijgen.",
        "16 november 2016",
    )


@pytest.mark.slow
def test_a_part_that_refers_back_to_a_wrong_part_is_not_so(report_index: Index) -> None:
    # Preface: "... de uitdagingen die zijn ontstaan door een toename van studenten bij
    # technische universiteiten."
    result = check(
        report_index,
        "Het rapport zegt dat het aantal studenten aan technische universiteiten is gedaald en"
        " dat dit voor nieuwe uitdagingen zorgt.",
    )
    assert result.verdict == "klopt_niet"
    assert any(f.report_value == "toename" for f in result.findings if f.status == "contradicted")


def test_a_learning_path_written_out_is_its_short_form() -> None:
    # Goal 4: "Binnen vmbo-tl gaat het nu om 19.635 gediplomeerden."
    (stated,) = quantities("Binnen vmbo-tl gaat het nu om 19.635 gediplomeerden.")
    claim = "In de theoretische leerweg van het vmbo slaagden ruim 19.600 leerlingen met NaSk."
    assert schools(claim) == {"tl"}
    assert not other_thing(claim, "Binnen vmbo-tl gaat het nu om 19.635 gediplomeerden.", stated)
    # The other learning path is another school type.
    other = "In de gemengde leerweg van het vmbo slaagden ruim 19.600 leerlingen met NaSk."
    assert schools(other) == {"gl"}
    assert other_thing(other, "Binnen vmbo-tl gaat het nu om 19.635 gediplomeerden.", stated)


@pytest.mark.slow
def test_a_figure_of_the_learning_path_written_out_is_checked(report_index: Index) -> None:
    # Goal 4: "In vmbo-gl is het aantal gediplomeerden toegenomen tot 2.562 in 2015-2016."
    assert_stands_against(
        report_index,
        "Klopt het dat in de gemengde leerweg van het vmbo 2.800 leerlingen met natuur- en"
        " scheikunde in hun pakket slaagden?",
        "2.562",
    )


@pytest.mark.slow
def test_a_body_the_report_names_elsewhere_in_another_s_place_is_caught(
    report_index: Index,
) -> None:
    # Goal 12: "... worden via het project GirlsTech van de MBO Raad, in samenwerking met VHTO,
    # goede praktijkervaringen uitgewisseld met zeven andere Europese landen"; the VSNU is named
    # in goal 6, as a body of its own.
    claim = (
        "Via het project GirlsTech van de {} wisselen Nederland en zeven andere Europese landen"
        " samen met VHTO goede praktijkervaringen uit."
    )
    assert_stands_against(report_index, claim.format("VSNU"), "MBO Raad")
    assert check(report_index, claim.format("MBO Raad")).verdict == "klopt"


@pytest.mark.slow
def test_another_place_for_what_the_example_says_of_its_own_is_caught(
    report_index: Index,
) -> None:
    # Goal 7: "ROC Mondriaan in Den Haag kent een mooie uitdaging ..." and, a sentence on, "...
    # biedt professionals aan die in een hybride vorm gaan lesgeven."
    assert_stands_against(
        report_index,
        "ROC Mondriaan in Utrecht laat voor zijn cybersecurityopleiding professionals uit het"
        " bedrijfsleven in een hybride vorm lesgeven.",
        "Den Haag",
    )


def test_two_school_types_joined_as_a_name_are_no_school_type() -> None:
    # Goal 5: "Bij deze netwerken zijn 361 havo/vwo- scholen, 34 ho-instellingen, 62 bedrijven
    # en 97 overige partners betrokken." (the VO-HO-netwerken, named a sentence before)
    sentence = (
        "Bij deze netwerken zijn 361 havo/vwo- scholen, 34 ho-instellingen, 62 bedrijven en 97"
        " overige partners betrokken."
    )
    claim = "Bij de VO-HO-netwerken zijn 34 instellingen voor hoger onderwijs betrokken."
    assert schools(claim) == set()
    (_, stated, *_) = quantities(sentence)
    assert stated.text == "34"
    assert not other_thing(claim, sentence, stated)
    # A school type the claim does name is still read: a figure of havo/vwo is not the mbo's.
    assert other_thing("Bij de netwerken zijn 34 mbo-scholen betrokken.", sentence, stated)


@pytest.mark.slow
def test_a_figure_of_the_vo_ho_networks_is_checked(report_index: Index) -> None:
    assert_stands_against(
        report_index,
        "Klopt het dat er 45 hogeronderwijsinstellingen bij de VO-HO-netwerken betrokken zijn?",
        "34",
    )


@pytest.mark.slow
def test_a_month_the_passage_states_a_sentence_before_holds(report_index: Index) -> None:
    # Goal 3: "In oktober 2016 is TecWijzer gelanceerd. Dit is een krachtenbundeling tussen de
    # twee grootste netwerken ..., Jet-Net en TechNet. De programma's Jet-Net (tot medio 2016
    # uitgevoerd door PBT) en TechNet (...) worden nu vanuit TecWijzer gecoördineerd ..."
    claim = (
        "Sinds {} 2016 worden Jet-Net en TechNet, de twee grootste netwerken van scholen en"
        " bedrijven, gezamenlijk vanuit TecWijzer gecoördineerd."
    )
    assert check(report_index, claim.format("oktober")).verdict == "klopt"
    # Another month is still not the report's.
    assert check(report_index, claim.format("maart")).verdict != "klopt"

"""How a claim is read (issue 14, session 19): "bijna" says close below a figure, not anything
below it; a person named after a hyphenated title ("Techniekpact-ambassadeur ..."); a later
part that says what the first part is ("het gaat om ..."); what a trend went against ("ondanks
de krimp") is no direction of the claim, and "steeds kleinere" is one.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import direction_of
from kb.claims.quantities import consistent, quantities
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, contradicted


def _consistent(claim: str, report: str) -> bool:
    [claimed], [stated] = quantities(claim), quantities(report)
    return consistent(claimed, stated)


def test_almost_is_close_below() -> None:
    assert _consistent("bijna de helft", "48%")
    assert _consistent("bijna 20.000 studenten", "19.635 studenten")
    assert not _consistent("bijna de helft", "36%")
    assert not _consistent("bijna 20.000 studenten", "12.000 studenten")
    # "minder dan" stays a bound with no floor.
    assert _consistent("minder dan de helft", "36%")
    assert not _consistent("bijna de helft", "52%")


def test_almost_half_is_not_the_reports_36_percent(report_index: Index) -> None:
    # Goal 10: "Het aandeel bètatechnische studenten binnen het totaal aantal studenten in het
    # wo komt hiermee op 36%."
    assert_stands_against(
        report_index, "Bijna de helft van alle wo-studenten volgt een bètatechnische studie.", "36%"
    )


def test_a_person_after_a_hyphenated_title(report_index: Index) -> None:
    # Goal 4: "Op 28 september 2016 vond, in bijzijn van ambassadeur Techniekpact Ans
    # Hekkenberg, de tweede ScienceMakers plaats ..."
    result = check(
        report_index,
        "Bij de tweede ScienceMakers op 28 september 2016 was Techniekpact-ambassadeur "
        "Ellen de Vries aanwezig.",
    )
    assert result.verdict == "klopt_niet"
    assert any("Ans Hekkenberg" in (shown or "") for _, shown in contradicted(result))


def test_a_part_that_says_what_the_first_part_is(report_index: Index) -> None:
    # Goal 3: "Gedeputeerde Sander de Rouwe overhandigde op 18 mei 2017 de eerste van 415
    # robots die in 2017 op alle Friese basisscholen worden uitgereikt."
    result = check(
        report_index,
        "In 2017 krijgen alle Friese basisscholen een robot; het gaat om ruim vierhonderd robots.",
    )
    assert result.verdict == "klopt"
    wrong = check(
        report_index,
        "In 2017 krijgen alle Friese basisscholen een robot; het gaat om ruim negenhonderd robots.",
    )
    assert wrong.verdict in ("klopt_niet", "deels")
    assert ("negenhonderd", "415") in contradicted(wrong)


def test_what_a_trend_went_against_is_no_direction() -> None:
    assert direction_of("Ondanks de demografische krimp groeit het aandeel") == "up"
    assert direction_of("ondanks de groei van de sector daalt het aantal") == "down"
    assert direction_of("een steeds kleinere impact op de regio") == "down"
    assert direction_of("steeds hogere eisen") == "up"


def test_a_growing_share_against_the_reports_decline(report_index: Index) -> None:
    # Goal 5: "Op het vmbo zien we door demografische krimp, maar ook door het imago van het
    # vmbo en techniek bij jongeren en hun ouders, het aandeel leerlingen in bètatechniek
    # afnemen ..."
    result = check(
        report_index,
        "Ondanks de demografische krimp groeit op het vmbo het aandeel leerlingen in bètatechniek.",
    )
    assert result.verdict == "klopt_niet"


def test_an_ever_smaller_impact_against_the_reports_growing_one(report_index: Index) -> None:
    # Goal 8: "... waarbij ze in toenemende mate een duurzame impact hebben op de regio."
    result = check(
        report_index,
        "Volgens de Reviewcommissie hebben de Centres of expertise een steeds kleinere duurzame "
        "impact op de regio.",
    )
    assert result.verdict == "klopt_niet"

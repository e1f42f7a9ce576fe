"""Levels, pupils, bounds and names read closer (issue 14, session 27): a figure for mbo level 3
is not the claim's level 4; a "havist" is a havo pupil; "ruim 25.000" is not the report's own
"ruim 35.000"; "16.935 leerlingen een diploma" counts the report's "gediplomeerden"; another
university a sentence before the claim's speaker; a bare year makes no sentence the claim's;
"weinig behoefte" where the report "wil graag"; the "Meer" of a project's name says no
direction; "Nederland en mede mogelijk wordt gemaakt" joins two claims.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, direction_of
from kb.claims.contrast import contrasts
from kb.claims.exclusive import exclusive
from kb.claims.quantities import consistent, quantities
from kb.claims.subject import levels, schools
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import (
    contradicted,
    half_beside_true,
    sentence_quote,
    wrong_beside_true,
    wrong_claim,
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("op niveau 4 is het aandeel stabiel gebleven", {4}),
        ("banen op niveau 3 en 4", {3, 4}),
        ("van vmbo naar mbo niveau 2, 3 en 4", {2, 3, 4}),
        ("opleidingen op niveau 2 t/m 4, het om-, her-, en bijscholing", {2, 3, 4}),
        ("een diploma op mbo-niveau 2", {2}),
        ("het aandeel jongeren op het mbo", set()),
    ],
)
def test_the_mbo_levels_a_text_names(text: str, named: set[int]) -> None:
    assert set(levels(text)) == named


def test_a_figure_of_another_mbo_level_is_not_the_claims(report_index: Index) -> None:
    # Goal 9: "de grootste stijging vond plaats op niveau 3 daar bedraagt het aandeel nu 29% en
    # op niveau 4 is het aandeel stabiel gebleven op 32%."
    true = (
        "Het aandeel mbo'ers dat voor techniek kiest, bedraagt op niveau 4 onveranderd 32 procent."
    )
    assert check(report_index, true).verdict == "klopt"
    wrong = "Op niveau 4 kiest nu 29 procent van de mbo'ers voor een bètatechnische richting."
    assert contradicted(wrong_claim(report_index, wrong)) == [("29 procent", "32%")]


def test_a_havist_is_a_havo_pupil(report_index: Index) -> None:
    assert schools("ruim vier op de tien havisten") == {"havo"}
    assert schools("de havistenavond") == frozenset()
    # Goal 4: "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
    true = (
        "In 2016-2017 kozen ruim vier op de tien havisten en ruim zes op de tien vwo'ers een "
        "N-profiel."
    )
    half = (
        "In 2016-2017 kozen ruim vier op de tien havisten en ruim acht op de tien vwo'ers een "
        "N-profiel."
    )
    result = half_beside_true(report_index, half, true)
    assert contradicted(result) == [("acht op de tien", "62%")]


@pytest.mark.parametrize(
    ("claimed", "stated", "fits"),
    [
        ("ruim 25.000", "ruim 35.000", False),
        ("ruim 200 duizend", "meer dan 300 duizend", False),
        ("meer dan 30.000", "ruim 35.000", True),
        ("meer dan 12.000", "ruim 12.000", True),
        # One bound: "ruim 1.350" for a plain 1.500 still holds.
        ("ruim 1.350", "1.500", True),
    ],
)
def test_two_bounds_name_the_figures_themselves(claimed: str, stated: str, fits: bool) -> None:
    assert consistent(quantities(claimed)[0], quantities(stated)[0]) is fits


def test_ruim_a_lower_figure_is_not_the_reports_ruim(report_index: Index) -> None:
    # Goal 9: "In mei 2017 waren totaal ruim 35.000 leerbanen via stagemarkt.nl beschikbaar
    # voor potentiële BBL-studenten."
    wrong = "In mei 2017 stonden er ruim 25.000 leerbanen voor bbl-studenten op stagemarkt.nl."
    true = "In mei 2017 stonden er ruim 35.000 leerbanen voor bbl-studenten op stagemarkt.nl."
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("25.000", "35.000")]


def test_pupils_with_a_diploma_are_the_reports_graduates(report_index: Index) -> None:
    # Goal 4: "Binnen vmbo-tl gaat het nu om 19.635 gediplomeerden."
    wrong = "Binnen vmbo-tl halen nu 16.935 leerlingen een diploma met natuur- en scheikunde."
    true = "Binnen vmbo-tl halen nu 19.635 leerlingen een diploma met natuur- en scheikunde."
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("16.935", "19.635")]


def test_another_university_a_sentence_before_the_claims_speaker(report_index: Index) -> None:
    # Goal 2 (W&T academie): "georganiseerd door de Universiteit Utrecht en het SPO Utrecht"; the
    # next sentence names the speaker, "hoogleraar plantenziektekunde Corné Pieterse".
    wrong = (
        "Corné Pieterse sprak als inleider op de W&T-academie die de Universiteit Leiden "
        "organiseerde met het SPO Utrecht."
    )
    result = wrong_claim(report_index, wrong)
    assert ("Leiden, Universiteit Leiden", "Universiteit Utrecht") in contradicted(result)
    assert result.quote is not None and "Universiteit Utrecht" in result.quote.text


def test_a_bare_year_makes_no_sentence_the_claims(report_index: Index) -> None:
    # The report names no "Week van de techniekdocent"; goal 7 has "Eind juni 2017 zal deze
    # rapportage ... gepubliceerd worden", a sentence with the claim's year.
    claim = "In 2017 organiseerde het Techniekpact een landelijke Week van de techniekdocent."
    assert check(report_index, claim).verdict == "niet_in_rapport"


def test_little_need_where_the_report_wants_more(report_index: Index) -> None:
    # Goal 7: "ook het mbo wil graag kunnen beschikken over meer docenten met een educatieve
    # master."
    wrong = (
        "Het mbo heeft volgens het rapport weinig behoefte aan meer docenten met een "
        "educatieve master."
    )
    true = "Het mbo heeft volgens het rapport behoefte aan meer docenten met een educatieve master."
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("weinig behoefte", "wil graag")]
    sentence = sentence_quote("Het mbo wil graag beschikken over meer docenten.")
    assert contrasts("Het mbo wil graag meer docenten.", sentence) == []


def test_the_more_of_a_projects_name_is_no_direction(report_index: Index) -> None:
    assert direction_of("binnen het project Meer meisjes in de techniek") is None
    assert direction_of("meer meisjes kiezen voor techniek") == "up"
    # Goal 5 (Meer meisjes in de techniek): "Centraal in de aanpak staat de uitvoering van een
    # genderscan op elke deelnemende mbo-school." ... "Directeuren en opleidingsmanagers van
    # zeven mbo-scholen hebben gezamenlijk de doelen geformuleerd".
    true = (
        "Binnen het project Meer meisjes in de techniek krijgt elke deelnemende mbo-school een "
        "genderscan."
    )
    half = (
        "Binnen het project Meer meisjes in de techniek krijgt elke deelnemende mbo-school een "
        "genderscan, en directeuren van twaalf mbo-scholen hebben samen de doelen opgesteld."
    )
    result = half_beside_true(report_index, half, true)
    assert contradicted(result) == [("twaalf", "zeven")]


def test_a_name_before_en_and_a_verb_after_it_join_two_claims(report_index: Index) -> None:
    statement = (
        "Geef IT Door! wordt ondersteund door CIO Platform Nederland en wordt mede mogelijk "
        "gemaakt door het ministerie van OCW"
    )
    assert clauses(statement) == [
        "Geef IT Door! wordt ondersteund door CIO Platform Nederland",
        "wordt mede mogelijk gemaakt door het ministerie van OCW",
    ]
    # Names joined stay one part.
    together = "De partners hebben samen met de Topsectoren en de Bouwagenda het kabinet opgeroepen"
    assert clauses(together) == [together]
    sector = "Voor de sector Techniek en gebouwde omgeving staan ruim 12.000 leerbanen klaar"
    assert clauses(sector) == [sector]
    assert (
        len(clauses("De Food en Proces Campus leidt procesoperators op met het Regio College")) == 1
    )
    # Goal 3: "Geef IT Door! wordt ondersteund door ECP I Platform voor de Informatiesamenleving,
    # CIO Platform Nederland, ISP Connect en Nederland ICT en wordt mede mogelijk gemaakt door
    # CA-ICT, ministerie van Economische Zaken ...".
    half = (
        "Geef IT Door! wordt ondersteund door onder meer CIO Platform Nederland en wordt mede "
        "mogelijk gemaakt door het ministerie van Onderwijs, Cultuur en Wetenschap."
    )
    assert check(report_index, half).verdict == "deels"


def test_a_lower_bound_holds_a_higher_bound_a_rough_figure_does_not() -> None:
    # "meer dan 100" is a lower bound, which the report's "meer dan 150 talenten" holds; "ruim
    # 100" says a little more than 100, which it does not.
    stated = quantities("meer dan 150 talenten")[0]
    assert consistent(quantities("meer dan 100 talenten")[0], stated)
    assert not consistent(quantities("ruim 100 talenten")[0], stated)
    assert quantities("ruim 100 talenten")[0].bound == "some"


def test_a_part_that_starts_with_a_verb_and_it_refers_back(report_index: Index) -> None:
    # Goal 9: "op niveau 4 is het aandeel stabiel gebleven op 32%."
    true = (
        "Op mbo-niveau 4 is het aandeel bètatechniek niet veranderd en blijft het steken op "
        "32 procent."
    )
    half = (
        "Op mbo-niveau 4 is het aandeel bètatechniek niet veranderd en blijft het steken op "
        "36 procent."
    )
    result = half_beside_true(report_index, half, true)
    assert contradicted(result) == [("36 procent", "32%")]


def test_the_claims_date_in_the_sentence_of_its_figure(report_index: Index) -> None:
    # Goal 4: "Op de havo is het aandeel in 2016-2017 43%"; the sentences first about the claim
    # give 2016-2017 of the vmbo.
    result = wrong_claim(
        report_index, "Klopt het dat in 2016-2017 53% van de havisten een N-profiel koos?"
    )
    assert ("2016-2017", "2016-2017") in [
        (f.claim_value, f.report_value) for f in result.findings if f.status == "supported"
    ]
    assert contradicted(result) == [("53%", "43%")]


def test_only_for_one_where_the_next_sentence_names_both(report_index: Index) -> None:
    # Goal 7: "Dit geldt voor het deeltijdonderwijs en het voltijdonderwijs. Het experiment loopt
    # van 1 juli 2016 tot en met 30 juni 2019."
    half = (
        "Het experiment educatieve minor loopt tot en met 30 juni 2019 en staat uitsluitend "
        "open voor voltijdstudenten."
    )
    # The date holds, the rest is contradicted: "deels", with the sentence that says so.
    result = check(report_index, half)
    assert result.verdict == "deels"
    assert contradicted(result) == [
        ("uitsluitend open voor voltijdstudenten", "deeltijdonderwijs en het voltijdonderwijs")
    ]
    # A compound that begins with the same word names the same thing.
    both = sentence_quote("Dit geldt voor het deeltijdonderwijs en het voltijdonderwijs.")
    assert exclusive("het staat alleen open voor voltijdstudenten", both)
    assert not exclusive("het staat open voor deeltijd- en voltijdstudenten", both)

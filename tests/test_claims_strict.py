"""Claim checking made stricter where the evidence is thin (issue 14, session 9): a name or
place the passage lacks never leaves "klopt", another place in the passage is shown, and a
date the report does not name does not place a claim. Expected values are read from the
report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, direction_of
from kb.claims.contrast import contrasts, labelled
from kb.claims.findings import Finding, Quote, verdict_of
from kb.claims.names import _also, _listed_with, as_written
from kb.claims.quantities import quantities
from kb.claims.subject import acronym_of, swapped, within
from kb.claims.verdict import check
from kb.index import Index


def test_a_name_the_passage_lacks_never_leaves_klopt() -> None:
    # The values hold, the organisation is not in the passage: the report does not say it
    # of that organisation.
    findings = [
        Finding("count", "supported", "vijf", "vijf", None),
        Finding("name", "absent", "Ahoy", None, None),
    ]
    assert verdict_of(findings) == "niet_in_rapport"


def test_a_date_the_report_does_not_name_does_not_place_a_claim() -> None:
    # The title names 2020; "verlengd tot 2025" is nowhere in the report.
    findings = [
        Finding("date", "supported", "2020", "2020", None),
        Finding("date", "absent", "2025", None, None),
    ]
    assert verdict_of(findings) == "niet_in_rapport"
    assert verdict_of(findings[:1]) == "klopt"


def test_ook_adds_an_instance_only_before_a_name() -> None:
    assert _also("er is ook in Maastricht een W&T academie gehouden")
    assert _also("er is naast Amersfoort ook in de regio Zwolle een fonds opgezet")
    assert not _also(
        "minister Bussemaker maakte in Tilburg bekend dat de centres ook in 2017 geld krijgen"
    )


def test_about_the_same_is_no_direction_up() -> None:
    # Preface: "de leerling prestaties op dit gebied ongeveer gelijk zijn aan de prestaties bij
    # de peilingen uit 2008 en 2011".
    assert direction_of("de leerling prestaties ongeveer gelijk zijn aan de prestaties") == "flat"


def test_and_after_a_year_joins_two_claims() -> None:
    # Goal 8: "De ProMotor Award 2017 is gewonnen door de Food en Proces Campus ... Zij zijn een
    # netwerk van inmiddels 17 heel verschillende bedrijven".
    parts = clauses(
        "de Food en Proces Campus won de ProMotor Award 2017 en is een netwerk van 17 bedrijven"
    )
    assert len(parts) == 2


@pytest.mark.slow
def test_another_place_in_the_passage_is_shown(report_index: Index) -> None:
    # Goal 9: "De aansluiting van het onderwijs op de arbeidsmarkt kan beter in de regio
    # Amersfoort ... Daarom werken zij gezamenlijk aan vijf speerpunten".
    result = check(
        report_index,
        "Werkgevers, onderwijsinstellingen en de gemeente in de regio Zwolle werken samen aan "
        "vijf speerpunten om onderwijs en arbeidsmarkt beter te laten aansluiten.",
    )
    assert result.verdict == "klopt_niet"
    assert any("Amersfoort" in (f.report_value or "") for f in result.findings)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "verdict", "shown"),
    [
        pytest.param(
            # Goal 8: "Dat maakte minister Bussemaker van Onderwijs op 16 november 2016 in
            # Breda bekend".
            "Minister Bussemaker maakte op 16 november 2016 in Tilburg bekend dat de Centres of "
            "expertise ook in 2017 geld krijgen.",
            "klopt_niet",
            "Breda",
            id="another city, with 'ook' elsewhere",
        ),
        pytest.param(
            # Goal 5: "Dit vak is sinds 2016-2017 een officieel schoolexamenvak voor vmbo-g/tl."
            # and the keuzevak "ontwikkeld voor de theoretische leerweg": one part the report
            # does not state.
            "Klopt het dat Informatietechnologie sinds 2016-2017 een officieel schoolexamenvak"
            " voor vmbo-g/tl is en dat het keuzevak is ontwikkeld voor de basisberoepsgerichte"
            " leerweg?",
            "deels",
            "theoretische leerweg",
            id="a compound claim with another learning path",
        ),
        pytest.param(
            # Goal 1: "De Rotterdamse Maakotheek maakt het scholen gemakkelijk ..."
            "De Maakotheek, die scholen ontzorgt bij lessen wetenschap en technologie, is een"
            " Amsterdams initiatief.",
            "klopt_niet",
            "Rotterdamse",
            id="a place named by its adjective",
        ),
    ],
)
def test_the_report_s_own_value_is_shown(
    report_index: Index, claim: str, verdict: str, shown: str
) -> None:
    result = check(report_index, claim)
    assert result.verdict == verdict
    assert any(f.report_value == shown for f in result.findings)


@pytest.mark.slow
def test_names_the_report_lacks_are_not_in_the_report(report_index: Index) -> None:
    # The report names no "Techniekbeurs" nor "Ahoy" anywhere.
    result = check(
        report_index, "Jet-Net en TechNet organiseren samen een jaarlijkse Techniekbeurs in Ahoy."
    )
    assert result.verdict == "niet_in_rapport"


def test_a_milestone_ordinal_is_a_count() -> None:
    # Goal 1: "Inmiddels is de 10.000e leerling verwelkomd."; "de 21e eeuw" names a century.
    assert [
        (q.kind, q.number) for q in quantities("Inmiddels is de 10.000e leerling verwelkomd.")
    ] == [("count", 10000.0)]
    assert quantities("W&T academie Leren in de 21e eeuw") == []


@pytest.mark.slow
def test_a_wrong_figure_beside_one_that_holds_in_one_sentence_is_klopt_niet(
    report_index: Index,
) -> None:
    # Goal 3: "Momenteel werken 100 grote bedrijven en 3.300 mkb-ers samen met 700
    # basisscholen": the 100 that holds only places the wrong 500.
    result = check(
        report_index,
        "Bij Jet-Net en TechNet werken 100 grote bedrijven samen met 500 basisscholen.",
    )
    assert result.verdict == "klopt_niet"
    assert "700" in [f.report_value for f in result.findings if f.status == "contradicted"]


@pytest.mark.parametrize(
    ("claim", "sentence", "shown"),
    [
        # Goal 7: "Alle tweedegraads lerarenopleidingen (in avo-vakken) hebben een
        # afstudeerrichting beroepsonderwijs ingevoerd."
        (
            "slechts een deel van de lerarenopleidingen heeft een afstudeerrichting ingevoerd",
            "Alle tweedegraads lerarenopleidingen hebben een afstudeerrichting ingevoerd.",
            "Alle",
        ),
        # Goal 1: "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot
        # 2017."
        (
            "het programma is met een heel jaar verlengd tot 2017",
            "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017.",
            "half",
        ),
        (
            "alle lerarenopleidingen hebben het ingevoerd",
            "Alle lerarenopleidingen hebben het.",
            None,
        ),
    ],
)
def test_all_against_a_part_and_whole_against_half_are_contradicted(
    claim: str, sentence: str, shown: str | None
) -> None:
    found = contrasts(claim, Quote(sentence, 0, len(sentence), "x", None))  # type: ignore[arg-type]
    assert [f.report_value for f in found] == ([shown] if shown else [])


def test_names_are_shown_as_the_sentence_lists_them() -> None:
    # Preface: "de nieuwe pacten die lopende dit jaar worden opgericht in Zeeland, Rotterdam en
    # Utrecht".
    sentence = "de nieuwe pacten die dit jaar worden opgericht in Zeeland, Rotterdam en Utrecht."
    assert as_written(sentence, ["Zeeland", "Rotterdam", "Utrecht"]) == (
        "Zeeland, Rotterdam en Utrecht"
    )
    assert as_written("Zeeland is mooi en verder Utrecht", ["Zeeland", "Utrecht"]) == (
        "Zeeland, Utrecht"
    )


@pytest.mark.slow
def test_a_claim_about_the_preface_is_read_in_the_preface(report_index: Index) -> None:
    # Preface: "Op het vmbo zien we ... het aandeel leerlingen in bètatechniek afnemen".
    result = check(
        report_index,
        "Volgens het voorwoord neemt het aandeel vmbo-leerlingen in bètatechniek toe.",
    )
    assert result.verdict == "klopt_niet"
    assert result.quote is not None and result.quote.source.kind == "voorwoord"


@pytest.mark.slow
def test_a_negation_the_passage_states_beside_the_quote_holds(report_index: Index) -> None:
    # Goal 1: "Aan dit onderzoek deden ook twintig voorhoedescholen mee ... Ondanks dit aanbod
    # presteerden de leerlingen op deze scholen niet beter."
    result = check(
        report_index,
        "De leerlingen van de twintig voorhoedescholen in het peilingsonderzoek presteerden "
        "niet beter.",
    )
    assert result.verdict == "klopt"
    assert not any(f.aspect == "negation" for f in result.findings)


def test_two_dates_of_one_claim_and_an_elliptic_compound_do_not_split_it() -> None:
    # Goal 4: "in het najaar 2016 en begin 2017 in totaal vijf bijeenkomsten"; "30 procent van
    # de vmbo-leerlingen in de basis- en kaderberoepsgerichte leerweg".
    assert len(clauses("in het najaar van 2016 en begin 2017 waren er vijf bijeenkomsten")) == 1
    assert (
        len(clauses("de helft van de vmbo-leerlingen in de basis- en kaderberoepsgerichte leerweg"))
        == 1
    )


def test_a_relative_clause_is_a_second_claim() -> None:
    # Goal 10: "23.368 nieuwe studenten, waardoor het aandeel ... op 25% uitkomt".
    parts = clauses(
        "in het hbo begonnen 23.368 studenten aan een bètatechnische opleiding,"
        " waarmee het aandeel op een kwart uitkomt"
    )
    assert parts == [
        "in het hbo begonnen 23.368 studenten aan een bètatechnische opleiding",
        "het aandeel op een kwart uitkomt",
    ]


def test_another_school_type_in_the_sentence_is_klopt_niet() -> None:
    # Goal 5: "Er is een nieuw keuzevak Informatietechnologie ontwikkeld voor de theoretische
    # leerweg."
    sentence = (
        "Er is een nieuw keuzevak Informatietechnologie ontwikkeld voor de theoretische leerweg."
    )
    found = labelled("het keuzevak is ontwikkeld voor de basisberoepsgerichte leerweg", sentence)
    assert [(f.claim_value, f.report_value) for f in found] == [
        ("basisberoepsgerichte leerweg", "theoretische leerweg")
    ]
    # The vmbo holds for a sentence about one of its learning paths.
    assert not labelled("het keuzevak is ontwikkeld voor het vmbo", sentence)


def test_wetenschap_en_technologie_is_one_thing_not_two_claims() -> None:
    # Goal 1: "De Rotterdamse Maakotheek maakt het scholen gemakkelijk om kwalitatief goede
    # lessen W&T te geven."
    claim = (
        "de Maakotheek, die scholen ontzorgt bij lessen wetenschap en technologie,"
        " is een Amsterdams initiatief"
    )
    assert clauses(claim) == [claim]


def test_a_spelled_milestone_is_a_count() -> None:
    # Goal 1: "Inmiddels is de 10.000e leerling verwelkomd."
    (found,) = quantities("inmiddels is de tienduizendste leerling ontvangen")
    assert (found.kind, found.number) == ("count", 10000.0)
    assert quantities("de zevende keer") == []


def test_an_acronym_within_another_or_spelled_out_is_the_same_name() -> None:
    # Goal 3: "Geef IT Door!" gives "een gastles door een ICT-professional"; goal 7: the EcPB's
    # portfolio "van AD tot Master" (Associate Degree).
    assert within("IT", "ICT")
    assert not within("VO", "VNO-NCW")
    assert swapped("een gastles van Geef IT Door", "een gastles door een ICT-professional") is None
    assert swapped("een advies van VNO-NCW", "een advies van FME") == ("VNO-NCW", "FME")
    assert acronym_of("Associate Degree", "een opleidingsportfolio van AD tot Master", "")
    assert not acronym_of("Associate Degree", "een opleidingsportfolio tot Master", "")


def test_an_age_is_not_a_count() -> None:
    # Goal 5: "Het gaat in dit project om 16-jarige BOL leerlingen ..."
    assert quantities("Het gaat in dit project om 16-jarige BOL leerlingen") == []
    assert quantities("het lesgeld voor mbo-studenten van 18 jaar en ouder") == []
    (period,) = quantities("voor een periode van vier jaar")
    assert period.number == 4.0


def test_two_figures_joined_by_en_are_two_statements() -> None:
    # Goal 5: "Bij deze netwerken zijn 361 havo/vwo- scholen, ... en 97 overige partners
    # betrokken." One figure holds and one does not: "deels" when the claim joins them with
    # "en daarnaast"; "klopt niet" when one only places the other.
    sentence = "Bij deze netwerken zijn 361 havo/vwo- scholen en 97 overige partners betrokken."
    quote = Quote(sentence, 0, len(sentence), "x", None)  # type: ignore[arg-type]
    holds = Finding("count", "supported", "361", "361", quote)
    wrong = Finding("count", "contradicted", "79", "97", quote)
    joined = "361 havo/vwo-scholen zijn betrokken, en daarnaast 79 overige partners"
    assert verdict_of([holds, wrong], joined) == "deels"
    placed = "van de 361 havo/vwo-scholen doen er 79 mee"
    assert verdict_of([holds, wrong], placed) == "klopt_niet"


def test_a_name_listed_beside_one_the_passage_holds_is_another_member() -> None:
    # Goal 6: "... een middag OnderwijsRebels, in B Amsterdam (met IBM en Professional Rebel)".
    assert _listed_with("samen met IBM en Google", ["Google"], ["IBM"])
    assert not _listed_with("het Rijk betaalt de helft", ["Rijk"], [])
    assert not _listed_with("IBM betaalt, Google niet", ["Google"], ["PBT"])

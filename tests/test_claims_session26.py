"""Dates the report names relative to its year, parts and wholes, and where a compound claim
splits (issue 14, session 26): the report's "deze zomer" and "vorig jaar" are years of the
report of 2017; "de eerste twaalf van de 76 sectorplannen" counts sectorplannen twice; a date
the claim gives for one thing is not held against its date of another; countries listed in
another group of the passage; a semicolon splits two statements, "docenten en lesruimtes" and
"OTIB is met X en Y ... gestart" do not.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.model import Chunk
from ingest.pipeline import ingest_corpus
from kb.claims.claim import clauses
from kb.claims.kin import other_of_kind
from kb.claims.quantities import quantities
from kb.claims.subject import in_year
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import contradicted, wrong_beside_true, wrong_claim
from tests.support.ingest_fixtures import ROOT


def test_a_chunk_carries_the_year_of_its_document(tmp_path: Path) -> None:
    # corpus/techniekpact-2017.json: "year": 2017.
    chunks = ingest_corpus(ROOT / "corpus").chunks
    assert {c.year for c in chunks} == {2017}
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notitie.md").write_text("# Notitie\n\nDit jaar start een pact.\n", "utf-8")
    # A file without a manifest names no year: its "dit jaar" stays any year.
    assert [c.year for c in ingest_corpus(corpus).chunks] == [None]


def test_a_chunk_of_an_index_built_before_reads_without_a_year() -> None:
    row = json.loads(ingest_corpus(ROOT / "corpus").chunks[0].model_dump_json())
    del row["year"]
    assert Chunk.model_validate(row).year is None


@pytest.mark.parametrize(
    ("text", "year", "years"),
    [
        ("Het expertisepunt gaat deze zomer van start.", 2017, {2017}),
        ("Dit jaar worden pacten opgericht.", 2017, {2017}),
        ("Begin dit jaar is gestart met twee groepen.", 2017, {2017}),
        ("Op dit terrein is vorig jaar een aanvraag gedaan.", 2017, {2016}),
        ("Volgend jaar volgt een evaluatie.", 2017, {2018}),
        ("Dit jaar worden pacten opgericht.", None, set()),
        # "Het afgelopen jaar" is 2015-2016 in goal 4 and 2016-2017 in goal 10: no one year.
        ("Het aantal is ook het afgelopen jaar weer toegenomen.", 2017, set()),
    ],
)
def test_a_relative_date_of_the_report_in_its_year(
    text: str, year: int | None, years: set[int]
) -> None:
    (stated,) = [q for q in quantities(text) if q.kind == "date"]
    assert set(in_year(stated, year).years) == years


def test_the_reports_this_summer_is_no_summer_of_another_year(report_index: Index) -> None:
    # Goal 4: "Het bovensectoraal expertisepunt LOB gaat deze zomer van start ..." (the report
    # of 2017).
    wrong = "Het bovensectorale expertisepunt LOB is in 2016 van start gegaan."
    true = "Het bovensectorale expertisepunt LOB gaat in de zomer van 2017 van start."
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("2016", "deze zomer")]


def test_the_reports_last_year_is_the_year_before_it(report_index: Index) -> None:
    # Goal 7 (ROC Mondriaan): "Op dit terrein is vorig jaar in het kader van het Regionaal
    # investeringsfonds mbo een geslaagde aanvraag gedaan (P@ct)."
    wrong = (
        "ROC Mondriaan deed in 2015 een geslaagde aanvraag bij het Regionaal investeringsfonds mbo."
    )
    true = (
        "ROC Mondriaan deed in 2016 een geslaagde aanvraag bij het Regionaal investeringsfonds mbo."
    )
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("2015", "vorig jaar")]


def test_this_year_does_not_hold_a_later_end(report_index: Index) -> None:
    # Goal 1: "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017."
    # The preface's "lopende dit jaar" (new pacts) held the claimed 2018 before.
    claim = (
        "Het programma Kiezen voor Technologie is met een halfjaar verlengd "
        "en loopt nu door tot 2018."
    )
    result = check(report_index, claim)
    assert result.verdict != "klopt"
    assert ("2018", "2017") in contradicted(result)


def test_the_first_of_a_whole_counts_what_the_whole_counts(report_index: Index) -> None:
    # Goal 12: "De eerste twaalf van de 76 sectorplannen zijn inmiddels volledig afgerond,
    # waaronder de ICT sector."
    true = "De ICT-sector hoort bij de eerste twaalf volledig afgeronde sectorplannen."
    assert check(report_index, true).verdict == "klopt"
    wrong = "Van de 76 sectorplannen zijn er inmiddels twintig helemaal afgerond."
    result = wrong_beside_true(
        report_index, wrong, "Van de 76 sectorplannen zijn er inmiddels twaalf helemaal afgerond."
    )
    assert ("twintig", "twaalf") in contradicted(result)


def test_a_date_of_one_thing_is_not_held_against_another(report_index: Index) -> None:
    # Goal 8: "De zestien Centres of expertise in Nederland krijgen ook in 2017 financiering
    # vanuit de Rijksoverheid. Dat maakte minister Bussemaker van Onderwijs op 16 november
    # 2016 in Breda bekend ..."
    claim = (
        "Minister Bussemaker maakte op 16 november 2016 in Breda bekend dat de Centres of "
        "expertise ook in 2017 financiering vanuit de Rijksoverheid krijgen."
    )
    assert ("2017", "16 november 2016") not in contradicted(check(report_index, claim))
    wrong = claim.replace("ook in 2017", "ook in 2018")
    assert ("2018", "2017") in contradicted(wrong_claim(report_index, wrong))


def test_a_country_listed_in_another_group(report_index: Index) -> None:
    # Goal 12 (GirlsTech): "› Landen met een vrouwelijke participatie boven 30%: Estland en
    # Roemenië" ... "› Landen met een vrouwelijke participatie onder 10%: Spanje, Slovenië en
    # Nederland als absolute hekkensluiter".
    wrong = (
        "Binnen GirlsTech valt Nederland in de groep met minder dan 10% vrouwelijke deelname, "
        "samen met Spanje en Roemenië."
    )
    true = wrong.replace("Roemenië", "Slovenië")
    result = wrong_beside_true(report_index, wrong, true)
    assert ("Roemenië", "Spanje, Slovenië") in contradicted(result)


def test_a_semicolon_splits_two_statements(report_index: Index) -> None:
    # Goal 7 (ROC Mondriaan): "Op dit terrein is vorig jaar ... een geslaagde aanvraag
    # gedaan (P@ct)." and "Het regionale bedrijfsleven ... biedt professionals aan die in een
    # hybride vorm gaan lesgeven."
    claim = (
        "ROC Mondriaan in Den Haag zag een aanvraag voor zijn cybersecurityopleiding bij het "
        "Regionaal investeringsfonds mbo afgewezen worden; het regionale bedrijfsleven biedt "
        "wel professionals aan die in hybride vorm lesgeven."
    )
    assert len(clauses(claim)) == 2
    assert check(report_index, claim).verdict == "deels"


@pytest.mark.parametrize(
    "claim",
    [
        # Two objects of one verb: "docenten" is a noun, not a verb in the past.
        "het bedrijfsleven via het pact met de technische universiteiten docenten en "
        "lesruimtes beschikbaar stelt",
        # An auxiliary whose participle stands after "en": two partners of one claim.
        "in landsdeel Oost is opleidingsfonds OTIB met mbo-instellingen en de "
        "lerarenopleiding van Fontys een pilot gestart",
    ],
)
def test_one_claim_is_not_split_at_and(claim: str) -> None:
    assert clauses(claim) == [claim]


def test_two_claims_with_their_own_verbs_still_split() -> None:
    assert clauses("In 2016 is de subsidie verlengd en de regeling is in 2017 aangepast") == [
        "In 2016 is de subsidie verlengd",
        "de regeling is in 2017 aangepast",
    ]


def test_a_partner_in_another_place_of_one_clause(report_index: Index) -> None:
    # Goal 7: "In landsdeel Oost is het opleidingsfonds van de Installatiebranche (OTIB) in
    # samenwerking met mbo-instellingen en de lerarenopleiding van Windesheim een pilot
    # gestart met een pool van medewerkers uit het bedrijfsleven ..."
    wrong = (
        "In landsdeel Oost is opleidingsfonds OTIB met mbo-instellingen en de lerarenopleiding "
        "van Fontys een pilot gestart met een pool van medewerkers uit het bedrijfsleven."
    )
    result = wrong_claim(report_index, wrong)
    assert ("Fontys", "Windesheim") in contradicted(result)


def test_a_sector_council_stands_against_another(report_index: Index) -> None:
    # Goal 7: "In opvolging van het onderzoek van de MBO-Raad naar het tekort aan
    # techniekdocenten, heeft de MBO-Raad ... interventies voorgesteld ..."
    wrong = (
        "De VO-raad onderzocht het tekort aan techniekdocenten en stelde daarna interventies "
        "voor om dat tekort terug te dringen."
    )
    true = wrong.replace("De VO-raad", "De MBO-Raad")
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("VO-raad", "MBO-Raad")]


def test_a_council_is_the_same_however_written() -> None:
    assert other_of_kind(["MBO Raad"], "Het project GirlsTech van de MBO-Raad.") is None
    assert other_of_kind(["PO-Raad"], "De VO-raad en de MBO Raad.") == "VO-raad"


@pytest.mark.parametrize(
    "claim",
    [
        # Goal 12: "Vijftigplussers worden niet vaker werkloos, maar als mensen boven de 50
        # jaar hun baan verliezen dan komen ze minder snel weer aan het werk."
        "Het rapport zegt dat vijftigplussers niet vaker werkloos worden, maar na baanverlies "
        "wel minder snel weer aan de slag komen.",
        # Preface: "Op het vmbo zien we door demografische krimp, maar ook door het imago van
        # het vmbo en techniek bij jongeren en hun ouders, het aandeel leerlingen in
        # bètatechniek afnemen ..."
        "Is het waar dat het aandeel vmbo-leerlingen in bètatechniek terugloopt, onder meer "
        "door bevolkingskrimp en door het imago van het vmbo en van techniek?",
    ],
)
def test_a_sentence_that_says_the_same_in_the_reports_words(
    report_index: Index, claim: str
) -> None:
    # "baanverlies" and "bevolkingskrimp" are words the report never writes.
    assert check(report_index, claim).verdict == "klopt"


def test_a_name_the_report_never_writes_still_counts_in_the_same_meaning(
    report_index: Index,
) -> None:
    # Goal 4: "... om tot landelijke normen voor LOB te komen, zoals de motie van de heer
    # Duisenberg c.s. dit verzoekt."
    claim = (
        "OCW overlegt met onder meer leerlingen en decanen over landelijke LOB-normen, zoals de "
        "motie-Rog vraagt."
    )
    assert check(report_index, claim).verdict != "klopt"


@pytest.mark.parametrize(
    "claim",
    [
        # Goal 10: "... heeft een werkgroep van vier steden en de betrokken ministeries ...":
        # "steden" is a noun, not a verb in the past.
        "in de City Deal Warm Welkom Talent een werkgroep van zes steden en de betrokken "
        "ministeries aanbevelingen deed",
        # "begonnen" is the participle of the auxiliary "is".
        "in landsdeel Oost is OTIB met mbo-instellingen en de lerarenopleiding van Saxion een "
        "pilot begonnen",
    ],
)
def test_nouns_and_participles_are_no_verbs_of_a_part(claim: str) -> None:
    assert clauses(claim) == [claim]


def test_a_part_stated_in_its_own_words(report_index: Index) -> None:
    # Goal 7 (ROC Mondriaan): "Het regionale bedrijfsleven ... biedt professionals aan die in
    # een hybride vorm gaan lesgeven. Dus deze professionals blijven ook gewoon werken voor hun
    # bedrijf."
    claim = (
        "Bij ROC Mondriaan in Den Haag geven vakmensen uit het bedrijfsleven les in "
        "cybersecurity, terwijl ze gewoon bij hun werkgever in dienst blijven."
    )
    assert check(report_index, claim).verdict == "klopt"


def test_a_parts_year_is_the_one_of_the_sentence_that_states_it(report_index: Index) -> None:
    # Goal 12: "Ruim 10% van de vouchers zijn toegekend voor scholing richting een ICT-beroep
    # ..." and "Eerste resultaten daarvan worden verwacht in 2018." (not the "april 2017" of
    # the ICT Competence Centre in Utrecht).
    claim = (
        "Ruim een tiende van de scholingsvouchers werd toegekend voor omscholing naar een "
        "ICT-beroep; de eerste evaluatieresultaten worden in 2017 verwacht."
    )
    result = check(report_index, claim)
    assert result.verdict == "deels"
    assert ("2017", "2018") in contradicted(result)
    assert check(report_index, claim.replace("in 2017", "in 2018")).verdict == "klopt"


def test_a_clause_after_comma_where_is_a_part(report_index: Index) -> None:
    # Goal 2: "Tijdens de W&T academie ‘Leren in de 21e eeuw’, georganiseerd door de
    # Universiteit Utrecht en het SPO Utrecht, ..." and "Inleidend spreker hoogleraar
    # plantenziektekunde Corné Pieterse ..."
    claim = (
        "De Universiteit Utrecht en het SPO Utrecht organiseerden de W&T-academie, waar "
        "hoogleraar sterrenkunde Corné Pieterse de aftrap gaf."
    )
    assert len(clauses(claim)) == 2
    assert check(report_index, claim).verdict == "deels"
    # After a subject without a verb it says what the subject is: one claim.
    subject = "Het Lab, waar docenten nieuwe onderwijsvormen uitproberen, hoort bij de Universiteit"
    assert clauses(subject) == [subject]
    true = claim.replace("sterrenkunde", "plantenziektekunde")
    assert check(report_index, true).verdict == "klopt"


def test_another_field_of_the_same_chair(report_index: Index) -> None:
    # Goal 2: "Inleidend spreker hoogleraar plantenziektekunde Corné Pieterse ..."
    wrong = (
        "Hoogleraar natuurkunde Corné Pieterse was inleidend spreker op de W&T academie in Utrecht."
    )
    true = wrong.replace("natuurkunde", "plantenziektekunde")
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("hoogleraar natuurkunde", "hoogleraar plantenziektekunde")]
    compound = (
        "Klopt het dat de Universiteit Utrecht en SPO Utrecht samen de W&T academie "
        "organiseerden, waar hoogleraar natuurkunde Corné Pieterse de inleiding verzorgde?"
    )
    assert check(report_index, compound).verdict == "deels"

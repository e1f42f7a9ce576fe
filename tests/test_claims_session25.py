"""Names in the place of the claim's (issue 14, session 25): a footnote's names are those of the
sentence that cites it; a committee against a committee ("Commissie-X" / "Commissie van
Staalduinen"); a partner beside a shared one ("OTIB en CNV" / "OTIB en OOM"); a title in quotes
after the same word ("het programma ‘...’"); a name before the same words ("Limburg, X en een
aantal schoolbesturen"), also right after a comma. And "vijfpuntenplan" is a count, "niet of
niet meer" one negation.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, direction_of, negated
from kb.claims.keywords import unsaid
from kb.claims.kin import other_of_kind
from kb.claims.quantities import number_of, quantities
from kb.claims.slots import compound_noun
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import contradicted, wrong_beside_true, wrong_claim


def test_a_footnote_is_read_with_the_sentence_that_cites_it(report_index: Index) -> None:
    # Goal 7: "In opvolging van het onderzoek van de MBO-Raad naar het tekort aan
    # techniekdocenten, heeft de MBO-Raad ... interventies voorgesteld ..." (footnote 7 is the
    # research's web address); the VO-raad is named in another example of the same goal.
    wrong = (
        "Volgens het onderzoek van de VO-raad naar "
        "het tekort aan techniekdocenten zijn interventies voorgesteld."
    )
    true = (
        "Na onderzoek van de MBO-Raad naar het "
        "tekort aan techniekdocenten stelde de MBO-Raad interventies voor."
    )
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("VO-raad", "MBO-Raad")]


def test_a_committee_stands_against_another_committee(report_index: Index) -> None:
    # Goal 8: "In maart 2017 zijn de twee rapporten van de Reviewcommissie Hoger Onderwijs en
    # Onderzoek en de Commissie van Staalduinen gepresenteerd ..."
    claim = (
        "De Commissie-Rinnooy Kan presenteerde in maart 2017 "
        "een rapport over de Centres of expertise."
    )
    result = wrong_claim(report_index, claim)
    assert ("Commissie-Rinnooy Kan", "Commissie van Staalduinen") in contradicted(result)


def test_a_body_of_a_kind_against_its_own_kind_only() -> None:
    sentence = "Ook de Commissie van Staalduinen bracht een rapport uit."
    assert other_of_kind(["Commissie-Dijkgraaf"], sentence) == "Commissie van Staalduinen"
    assert other_of_kind(["Commissie van Staalduinen"], sentence) is None
    assert (
        other_of_kind(["Commissie-Dijkgraaf"], "De Reviewcommissie bracht een rapport uit.") is None
    )


def test_a_partner_beside_a_shared_one(report_index: Index) -> None:
    # Goal 11: "In juni 2017 is de gezamenlijke DWSRA-aanvraag van OTIB en OOM goedgekeurd ..."
    wrong = "In juni 2017 kregen OTIB en CNV goedkeuring voor hun gezamenlijke DWSRA-aanvraag."
    true = "In juni 2017 kregen OTIB en OOM goedkeuring voor hun gezamenlijke DWSRA-aanvraag."
    result = wrong_beside_true(report_index, wrong, true)
    assert ("CNV", "OOM") in contradicted(result)


def test_a_title_in_quotes_after_the_same_word(report_index: Index) -> None:
    # Goal 11: "Meer technici is een van de drie prioriteiten van het programma ‘Iedereen in
    # Overijssel doet mee’ ..."
    wrong = (
        "Het programma ‘Overijssel aan het Werk’ heeft "
        "meer technici als een van zijn drie prioriteiten."
    )
    true = (
        "Het programma ‘Iedereen in Overijssel doet mee’ heeft "
        "meer technici als een van zijn drie prioriteiten."
    )
    result = wrong_beside_true(report_index, wrong, true)
    assert ("Overijssel aan het Werk", "Iedereen in Overijssel doet mee") in contradicted(result)


def test_a_name_before_the_same_words_after_a_comma(report_index: Index) -> None:
    # Goal 1: "De provincie Limburg, APG en een aantal schoolbesturen bundelen hun krachten voor
    # toekomstbestendig onderwijs."
    wrong = (
        "De provincie Limburg, Rabobank en een "
        "aantal schoolbesturen werken samen aan toekomstbestendig onderwijs."
    )
    true = (
        "De provincie Limburg, APG en een "
        "aantal schoolbesturen werken samen aan toekomstbestendig onderwijs."
    )
    result = wrong_beside_true(report_index, wrong, true)
    assert contradicted(result) == [("Rabobank", "APG")]


def test_a_compound_noun_is_no_name() -> None:
    assert compound_noun("BBL-leerbanen")
    assert compound_noun("ICT-professionals")
    assert not compound_noun("VO-raad")
    assert not compound_noun("MBO-Raad")
    assert not compound_noun("A+O Metalektro")


def test_a_points_plan_counts_its_points(report_index: Index) -> None:
    assert number_of("vijfpuntenplan") == 5
    (found,) = quantities("Elke leerkracht maakt een tienpuntenplan.")
    assert found.text == "tienpuntenplan" and found.number == 10
    # Goal 2: "Tijdens het scholingsprogramma maakt elke leerkracht een 10-punten plan om
    # Computational Thinking een plek te geven binnen de school."
    claim = (
        "Bij DigiLeerkracht maakt elke leerkracht een achtpuntenplan om "
        "Computational Thinking een plek in de school te geven."
    )
    result = wrong_claim(report_index, claim)
    assert contradicted(result) == [("achtpuntenplan", "10")]


@pytest.mark.parametrize(
    ("text", "negates"),
    [
        ("mensen die niet of niet meer zijn ingeschreven", True),
        ("mensen die niet (meer) zijn ingeschreven", True),
        ("scholen die al dan niet meedoen", False),
        ("of ze wel of niet meedoen", False),
        ("het is niet zo dat het niet lukt", False),
    ],
)
def test_either_or_negates_once_or_not_at_all(text: str, negates: bool) -> None:
    assert negated(text) is negates


@pytest.mark.parametrize(
    ("text", "way"),
    [
        ("bij de brede herziening van het curriculum", None),
        ("er is brede waardering voor de pps-en", "up"),
        ("om het beroepsonderwijs beter te laten aansluiten op de arbeidsmarkt", None),
        ("het beroepsonderwijs sluit beter aan op de arbeidsmarkt", "up"),
    ],
)
def test_breadth_and_purpose_state_no_direction(text: str, way: str | None) -> None:
    assert direction_of(text) == way


def test_a_broad_revision_is_no_claimed_rise(report_index: Index) -> None:
    # Goal 1: "In het kader van de integrale curriculumherziening voor het funderend onderwijs
    # worden ontwikkelteams voor onder meer techniek en digitale vaardigheden ingericht."
    claim = (
        "Voor de brede herziening van het curriculum van het funderend onderwijs komen er "
        "ontwikkelteams voor onder andere techniek en digitale vaardigheden."
    )
    assert check(report_index, claim).verdict == "klopt"


def test_a_part_is_read_in_the_passages_of_what_it_is_about(report_index: Index) -> None:
    # Goal 7, ROC Mondriaan: "... biedt professionals aan die in een hybride vorm gaan
    # lesgeven. Dus deze professionals blijven ook gewoon werken voor hun bedrijf."
    claim = (
        "Bij ROC Mondriaan in Den Haag gaan professionals uit het bedrijfsleven in hybride vorm "
        "lesgeven, terwijl ze gewoon bij hun werkgever blijven werken."
    )
    result = check(report_index, claim)
    assert result.verdict == "klopt"
    quoted = {f.quote.text for f in result.findings if f.quote is not None}
    assert "Dus deze professionals blijven ook gewoon werken voor hun bedrijf." in quoted


def test_without_stands_against_together_with(report_index: Index) -> None:
    # Goal 5: "... waarbij verschillende vmbo-scholen samen hun keuzevakken in de techniek vorm
    # geven in samenwerking met het mbo en het bedrijfsleven."
    claim = (
        "In het STERA-project in de Achterhoek geven vmbo-scholen samen hun keuzevakken "
        "techniek vorm, en dat doen ze zonder het mbo."
    )
    result = check(report_index, claim)
    assert result.verdict == "deels"
    assert ("zonder", "in samenwerking met") in contradicted(result)


def test_going_on_stands_against_the_last(report_index: Index) -> None:
    # Goal 6: "In augustus 2016 zijn 28 trainees gestart in kader van Eerst de Klas ... Deze
    # lichtingen zijn de laatste die gestart zijn in de huidige vorm."
    claim = (
        "In augustus 2016 begonnen 28 trainees bij Eerst de Klas, en het programma loopt "
        "daarna in de huidige vorm gewoon door."
    )
    result = check(report_index, claim)
    assert result.verdict == "deels"
    assert any(value == "de laatste" for _, value in contradicted(result))


def test_a_purpose_is_not_split_at_its_and() -> None:
    statement = (
        "ze werken aan vijf speerpunten om onderwijs en arbeidsmarkt beter te laten aansluiten"
    )
    assert clauses(statement) == [statement]
    two = (
        "VHTO gaf in 2016 trainingen om docenten te scholen en de procesevaluatie verscheen "
        "in juli 2016"
    )
    assert clauses(two) == [
        "VHTO gaf in 2016 trainingen om docenten te scholen",
        "de procesevaluatie verscheen in juli 2016",
    ]


def test_a_short_noun_the_report_never_writes_is_unsaid(report_index: Index) -> None:
    # Goal 5: "Vmbo’ers kunnen in de toekomst op meerdere manieren doorstromen naar het mbo."
    # The report gives no one a tablet.
    store = report_index.sentences
    assert store is not None and report_index.embedder is not None
    sentence = "Vmbo’ers kunnen in de toekomst op meerdere manieren doorstromen naar het mbo."
    claim = "vmbo'ers die doorstromen naar een technische mbo-opleiding krijgen een gratis tablet"
    assert unsaid(store, report_index.embedder, claim, sentence) == ["tablet"]
    # The report and who wrote it are named without being spoken of.
    about = (
        "volgens de schrijver van het voorwoord kunnen vmbo'ers op meerdere manieren doorstromen"
    )
    assert unsaid(store, report_index.embedder, about, sentence) == []
    wrong = (
        "Vmbo'ers die doorstromen naar een technische mbo-opleiding krijgen van het Rijk een "
        "gratis tablet."
    )
    assert check(report_index, wrong).verdict == "niet_in_rapport"
    true = "Vmbo'ers kunnen in de toekomst op verschillende manieren doorstromen naar het mbo."
    assert check(report_index, true).verdict == "klopt"

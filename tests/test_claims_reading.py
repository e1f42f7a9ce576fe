"""How a claim is read (issue 14, session 10): who says it is not part of what is checked, a
programme's name does not hide its count, places the report does not name are still places,
a date alone holds nothing, and another name in the same place of the same statement is shown.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ingest.regions import load_gazetteer
from kb.claims.claim import clauses, parse_claim
from kb.claims.contrast import contrasts
from kb.claims.findings import Finding, Quote, verdict_of
from kb.claims.names import _person
from kb.claims.quantities import consistent, quantities
from kb.claims.slots import in_slot
from kb.claims.subject import attached
from kb.index import Index
from tests.support.claim_checks import assert_stands_against


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        (
            "Het rapport zegt dat TechNet tot medio 2016 werd uitgevoerd door PBT — klopt dat?",
            "TechNet tot medio 2016 werd uitgevoerd door PBT",
        ),
        (
            "Het voorwoord meldt dat het aandeel vmbo-leerlingen in bètatechniek afneemt.",
            "het aandeel vmbo-leerlingen in bètatechniek afneemt",
        ),
        (
            "Klopt het dat het aantal studenten volgens het voorwoord toeneemt?",
            "het aantal studenten toeneemt",
        ),
        (
            "Volgens het rapport dreigt het lerarentekort op te lopen.",
            "dreigt het lerarentekort op te lopen",
        ),
    ],
)
def test_who_says_it_is_not_part_of_the_statement(claim: str, statement: str) -> None:
    assert parse_claim(claim).statement == statement


def test_a_programme_s_name_does_not_hide_its_count() -> None:
    # Goal 6: "In augustus 2016 zijn 28 trainees gestart in kader van Eerst de Klas".
    assert [q.text for q in quantities("via Eerst de Klas 30 trainees gestart")] == ["30"]
    # A number after a label word names something: "groep 7", also starting a sentence.
    assert quantities("in groep 7 van de basisschool") == []
    assert quantities("Groep 7 doet mee") == []


def test_a_duration_in_one_word_is_its_number() -> None:
    # Goal 1: "een driejarig programma “Programmeren en Coderen in de klas”".
    (claimed,) = quantities("Het driejarige programma Programmeren en Coderen in de klas")
    (stated,) = quantities("een driejarig programma")
    (other,) = quantities("een tweejarig programma")
    assert claimed.number == 3.0
    assert consistent(claimed, stated)
    assert not consistent(claimed, other)


def test_two_words_of_one_kind_joined_by_en_are_one_claim() -> None:
    # Goal 9: "... over toekomstbestendig bouwen in Groningen. In de provincie worden woningen
    # en gebouwen aardbevingsbestendig gemaakt".
    statement = "het Alfa-college werkt met zo'n dertig partners aan toekomstbestendig en"
    statement += " aardbevingsbestendig bouwen in Drenthe"
    assert clauses(statement) == [statement]
    # Goal 10: "Make it in the Netherlands! is bedoeld om internationale studenten te werven
    # ... en ze vervolgens te behouden": two infinitives, one claim.
    purpose = "het actieplan, om internationale studenten te werven en te behouden, loopt tot 2018"
    assert clauses(purpose) == [purpose]


def test_landsdelen_and_towns_the_report_does_not_name_are_places() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.tag("in Landsdeel Noord").regions == ("Landsdeel Noord",)
    assert gazetteer.tag("in landsdeel West").regions == ("Landsdeel West",)
    assert gazetteer.tag("een school in Hengelo").provinces == ("Overijssel",)
    # A one-word town is matched as written: "kampen met" is a verb.
    assert gazetteer.tag("universiteiten kampen met een daling").regions == ()


def test_a_date_alone_holds_nothing_beside_a_figure_the_report_lacks() -> None:
    # "sinds 2017 een bonus van 2.500 euro": the report names 2017, no bonus.
    findings = [
        Finding("date", "supported", "2017", "2017", None),
        Finding("amount", "absent", "2.500 euro", None, None),
    ]
    assert verdict_of(findings) == "niet_in_rapport"
    # A figure that holds beside it is a part that holds.
    held = [Finding("count", "supported", "vijf", "vijf", None), *findings[1:]]
    assert verdict_of(held) == "deels"


def test_another_name_in_the_same_place_is_found() -> None:
    # Goal 5: "… onderdeel van de Technologieroute van het Masterplan Techniek Amsterdam."
    sentence = (
        "Het project ‘Diabetes en dan?’ is onderdeel van de Technologieroute van het"
        " Masterplan Techniek Amsterdam."
    )
    statement = "het project hoort bij het Masterplan Techniek Utrecht"
    assert in_slot(statement, ["Masterplan Techniek Utrecht"], sentence, 0.2) == "Amsterdam"
    # Preface: "In opdracht van de staatssecretaris van Onderwijs ben ik ... in gesprek".
    preface = "In opdracht van de staatssecretaris van Onderwijs ben ik met partijen in gesprek"
    asked = "in opdracht van de minister van Economische Zaken in gesprek"
    assert in_slot(asked, ["Economische Zaken"], preface, 0.6) == "Onderwijs"
    # One word like "van" only when the sentence holds the rest of the claim.
    assert in_slot(asked, ["Economische Zaken"], preface, 0.1) is None


def test_a_name_after_words_of_no_meaning_or_a_noun_is_not_in_its_place() -> None:
    # Goal 8: "De ProMotor Award 2017 is gewonnen door de Food en Proces Campus uit Zaanstad."
    award = "De ProMotor Award 2017 is gewonnen door de Food en Proces Campus uit Zaanstad."
    assert in_slot("uitgeroepen door de Keuzegids mbo", ["Keuzegids"], award, 0.6) is None
    # Footnote: "Kamerstuk 31524-311, brief OCW, 20 februari 2017" is that letter.
    footnote = "Kamerstuk 31524-311, brief OCW, 20 februari 2017"
    statement = "de brief Sterk Beroepsonderwijs is van februari 2017"
    assert in_slot(statement, ["Sterk Beroepsonderwijs"], footnote, 0.6) is None


def test_a_name_joined_to_another_in_brackets_is_swapped() -> None:
    # Goal 3: "De programma’s Jet-Net (tot medio 2016 uitgevoerd door PBT) en TechNet (tot
    # medio 2016 uitgevoerd door TechniekTalent.nu) worden nu vanuit TecWijzer gecoördineerd".
    sentence = (
        "De programma’s Jet-Net (tot medio 2016 uitgevoerd door PBT) en TechNet (tot medio"
        " 2016 uitgevoerd door TechniekTalent.nu) worden nu vanuit TecWijzer gecoördineerd"
    )
    assert attached("TechNet werd tot medio 2016 uitgevoerd door PBT", sentence) == (
        "PBT",
        "TechniekTalent.nu",
    )
    assert attached("Jet-Net werd tot medio 2016 uitgevoerd door PBT", sentence) is None
    assert attached("Jet-Net en TechNet worden vanuit TecWijzer gecoördineerd", sentence) is None


@pytest.mark.parametrize(
    ("claim", "sentence", "shown"),
    [
        # Goal 3: "... de Subsidieregeling praktijkleren met ingang van schooljaar 2017-2018
        # uitgebreid voor leerlingen in het voortgezet speciaal onderwijs, het praktijkonderwijs".
        (
            "de minister heeft de Subsidieregeling praktijkleren ingeperkt",
            "Daarnaast heeft de minister van OCW de Subsidieregeling praktijkleren met ingang van"
            " schooljaar 2017-2018 uitgebreid",
            "uitgebreid",
        ),
        # Goal 5: "... de gemengde en theoretische leerweg van het vmbo bij elkaar voegen".
        (
            "de minister wil de gemengde en de theoretische leerweg van elkaar scheiden",
            "de gemengde en theoretische leerweg van het vmbo bij elkaar voegen",
            "bij elkaar",
        ),
    ],
)
def test_opposite_verbs_are_contradicted(claim: str, sentence: str, shown: str) -> None:
    found = contrasts(claim, Quote(sentence, 0, len(sentence), "x", None))  # type: ignore[arg-type]
    assert [f.report_value for f in found] == [shown]


def test_a_person_s_name_after_a_title_is_never_another_word_for_a_body() -> None:
    # Goal 4: "in bijzijn van ambassadeur Techniekpact Ans Hekkenberg"; not minister Bussemaker.
    assert _person(
        "de ScienceMakers vond plaats in bijzijn van minister Bussemaker", ["Bussemaker"]
    )
    # "het Rijk" may be the claim's word for "OCW en EZ".
    assert not _person("de centres krijgen geld van het Rijk", ["Rijk"])


def test_waiting_threads_sleep_unless_the_user_says_otherwise() -> None:
    # With spinning OpenMP threads a query took 1.7 s beside another busy process.
    code = "import os, kb; print(os.environ['OMP_WAIT_POLICY'])"
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == "PASSIVE"
    env["OMP_WAIT_POLICY"] = "ACTIVE"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == "ACTIVE"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        # Goal 6: "In augustus 2016 zijn 28 trainees gestart in kader van Eerst de Klas".
        ("Klopt het dat in augustus 2016 via Eerst de Klas 30 trainees zijn gestart?", "28"),
        # Goal 7: "De pilot circulaire carrières is in het schooljaar 2016-2017 gestart in
        # Landsdeel Zuidoost."
        (
            "De pilot circulaire carrières ging in schooljaar 2016-2017 van start in Landsdeel"
            " West.",
            "Landsdeel Zuidoost",
        ),
        # Goal 7: "... in samenwerking met mbo-instellingen en de lerarenopleiding van
        # Windesheim een pilot gestart met een pool van medewerkers uit het bedrijfsleven".
        (
            "Volgens het rapport is de lerarenpool in landsdeel Oost opgezet met de"
            " lerarenopleiding van Fontys.",
            "Windesheim",
        ),
        # Footnote 6 (goal 6): "Kamerstuk 27923-231, brief OCW, 29 november 2016", cited by
        # the sentence on the Voortgangsrapportage lerarenagenda: "Kamer" is held by
        # "Kamerstuk".
        (
            "De voortgangsrapportage over de lerarenagenda ging met een brief van 29 november"
            " 2015 naar de Kamer.",
            "29 november 2016",
        ),
    ],
)
def test_the_report_s_value_in_the_claim_s_place_is_shown(
    report_index: Index, claim: str, shown: str
) -> None:
    assert_stands_against(report_index, claim, shown)

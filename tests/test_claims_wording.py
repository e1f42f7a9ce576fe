"""Claims without values and claims of a direction (session 10): direction words written as
separable verbs and nouns, a second statement joined with "en dat", words that say the other
thing ("lagere" against "dezelfde", "al" against "wordt verkend") and a claim about something
the report never names. Expected values are read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, direction_of
from kb.claims.contrast import contrasts, planned
from kb.claims.findings import Quote
from kb.claims.verdict import check
from kb.index import Index


def _quote(text: str) -> Quote:
    return Quote(text, 0, len(text), "test", None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("het aandeel leerlingen in bètatechniek toeneemt", "up"),
        ("het lerarentekort dreigt de komende jaren toe te nemen", "up"),
        ("het lerarentekort dreigt de komende jaren af te nemen", "down"),
        ("het aantal studenten bij de technische universiteiten terugloopt", "down"),
        ("er is een terugloop van studenten", "down"),
        ("een stijging van het aantal gediplomeerden", "up"),
        ("een daling van het aantal gediplomeerden", "down"),
        ("het tekort aan vakmensen zal oplopen", "up"),
    ],
)
def test_separable_verbs_and_nouns_state_a_direction(text: str, direction: str) -> None:
    assert direction_of(text) == direction


def test_en_dat_joins_a_second_statement_without_values() -> None:
    # Goal 4: "Op 28 september 2016 vond ... de tweede ScienceMakers plaats".
    assert clauses(
        "ScienceMakers vond op 28 september 2016 plaats en dat was de eerste editie"
    ) == [
        "ScienceMakers vond op 28 september 2016 plaats",
        "was de eerste editie",
    ]
    # A short tail after ", en" adds to the first statement.
    statement = "Nederland zit in de groep met minder dan 10 procent, en is daarin hekkensluiter"
    assert clauses(statement) == [statement]


def test_a_comparative_against_the_same_is_said_otherwise() -> None:
    # Goal 10: "Daarbij gelden voor deze medewerkers dezelfde kwaliteitseisen als voor de
    # docenten die bij de technische universiteiten in dienst zijn."
    sentence = _quote(
        "Daarbij gelden voor deze medewerkers dezelfde kwaliteitseisen als voor de docenten die"
        " bij de technische universiteiten in dienst zijn."
    )
    found = contrasts("voor deze medewerkers gelden lagere kwaliteitseisen", sentence)
    assert [(f.claim_value, f.report_value) for f in found] == [("lagere", "dezelfde")]
    # Goal 5: "... en het praktischer maken van het vmbo."
    vmbo = _quote("maatregelen voor de aansluiting en het praktischer maken van het vmbo.")
    found = contrasts("de brief wil het vmbo theoretischer maken", vmbo)
    assert [(f.claim_value, f.report_value) for f in found] == [("theoretischer", "praktischer")]


def test_already_done_against_being_explored_is_said_otherwise() -> None:
    # Goal 7: "In andere regio's wordt verkend of een zelfde soort pilot ook kan worden
    # opgezet."
    sentence = _quote(
        "In andere regio’s wordt verkend of een zelfde soort pilot ook kan worden opgezet."
    )
    found = planned("in andere regio's loopt al zo'n pilot", sentence)
    assert [(f.claim_value, f.report_value) for f in found] == [("al", "wordt verkend")]
    assert not planned("in andere regio's wordt verkend of zo'n pilot kan starten", sentence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "verdict", "shown"),
    [
        pytest.param(
            # Preface: "Op het vmbo zien we ... het aandeel leerlingen in bètatechniek afnemen".
            "Klopt het dat volgens het voorwoord het aandeel vmbo-leerlingen in bètatechniek"
            " toeneemt?",
            "klopt_niet",
            "afnemen",
            id="the opposite direction in a separable verb",
        ),
        pytest.param(
            # Goal 10: the pact of 6 February holds; the medewerkers have "dezelfde
            # kwaliteitseisen", not lower ones.
            "Klopt het dat FME en 4TU op 6 februari een pact sloten, en dat voor de medewerkers"
            " uit het bedrijfsleven lagere kwaliteitseisen gelden dan voor de docenten in dienst?",
            "deels",
            "dezelfde",
            id="a second part said otherwise in words",
        ),
    ],
)
def test_what_the_report_says_otherwise_in_words_is_shown(
    report_index: Index, claim: str, verdict: str, shown: str
) -> None:
    result = check(report_index, claim)
    assert result.verdict == verdict
    assert [f.report_value for f in result.findings if f.status == "contradicted"] == [shown]


@pytest.mark.slow
def test_a_claim_about_what_the_report_never_names_is_not_in_it(report_index: Index) -> None:
    # Goal 3 names Jet-Net and TechNet and the gemeenten and provincies in their networks;
    # nowhere a tax benefit ("belasting" is not in the report).
    result = check(
        report_index,
        "Klopt het dat de gemeenten in de netwerken van Jet-Net en TechNet daarvoor"
        " belastingvoordeel krijgen?",
    )
    assert result.verdict == "niet_in_rapport"

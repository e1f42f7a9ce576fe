"""Claims without values and claims of a direction (session 10): direction words written as
separable verbs and nouns, a second statement joined with "en dat", words that say the other
thing ("lagere" against "dezelfde", "al" against "wordt verkend") and a claim about something
the report never names. Expected values are read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import direction_of
from kb.claims.verdict import check
from kb.index import Index


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


@pytest.mark.slow
def test_the_opposite_direction_in_a_separable_verb_is_klopt_niet(report_index: Index) -> None:
    # Preface: "Op het vmbo zien we ... het aandeel leerlingen in bètatechniek afnemen".
    result = check(
        report_index,
        "Klopt het dat volgens het voorwoord het aandeel vmbo-leerlingen in bètatechniek toeneemt?",
    )
    assert result.verdict == "klopt_niet"
    assert [f.report_value for f in result.findings if f.status == "contradicted"] == ["afnemen"]

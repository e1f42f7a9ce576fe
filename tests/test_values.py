"""Picking the value that answers, in real report sentences (expected values read from the
report)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.answers.question import QuestionType, asked_nouns, counted_terms, question_type
from kb.answers.value_choice import _says, pick_value
from kb.answers.values import find_values


def _pick(sentence: str, question: str) -> str | None:
    value = pick_value(sentence, find_values(sentence, question_type(question)), question)
    return value.text if value else None


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        (
            "Acht regionale netwerken zijn actief om W&T te verankeren in het basisonderwijs, en "
            "4.185 basisscholen binnen deze netwerken zijn actief op het gebied van onderwijs in "
            "W&T.",
            "Hoeveel basisscholen in de regionale W&T-netwerken zijn actief?",
            "4.185",
        ),
        (
            "Acht regionale netwerken zijn actief om W&T te verankeren in het basisonderwijs, en "
            "4.185 basisscholen binnen deze netwerken zijn actief op het gebied van onderwijs in "
            "W&T.",
            "Hoeveel regionale netwerken zijn er actief voor W&T?",
            "Acht",
        ),
        (
            "Inmiddels zijn er 24 door de ministers van OCW en EZ gefinancierde Centres of "
            "expertise actief en zijn er 13 onbekostigde centres gestart.",
            "Hoeveel door OCW en EZ betaalde Centres of expertise zijn er actief?",
            "24",
        ),
        (
            "Op grond van de aanvragen in het eerste aanvraagtijdvak zijn er momenteel acht "
            "cross-over kwalificaties goedgekeurd, waarvan er vier raken aan de techniek.",
            "hoeveel cross-over kwalificaties raken techniek?",
            "vier",
        ),
        (
            "Van de 63 aanvragen voor het Regionaal investeringsfonds mbo die zijn geëvalueerd in "
            "de tussenevaluatie zijn ruim de helft actief in de sector techniek & "
            "procesindustrie (34) en daarnaast vaak ook in de sector bouw.",
            "Hoeveel van de geëvalueerde aanvragen zitten in techniek en procesindustrie?",
            "34",
        ),
        (
            "Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019.",
            "Tot wanneer loopt het experiment educatieve minor?",
            "30 juni 2019",
        ),
        (
            "Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019.",
            "Vanaf wanneer loopt het experiment educatieve minor?",
            "1 juli 2016",
        ),
        (
            "Wel zijn er verschillen in de verschillende opleidingsniveaus; op niveau 1 is het "
            "aandeel 40%, op niveau 2 is dit 34%, de grootste stijging vond plaats op niveau 3 "
            "daar bedraagt het aandeel nu 29% en op niveau 4 is het aandeel stabiel gebleven op "
            "32%.",
            "Welk aandeel kiest op mbo-niveau 1 voor bètatechniek?",
            "40%",
        ),
        (
            "Momenteel werken 100 grote bedrijven en 3.300 mkb-ers samen met 700 basisscholen, "
            "180 havo/vwo-scholen en 280 vmbo-scholen.",
            "Met hoeveel mkb-bedrijven werken de netwerken samen?",
            "3.300",
        ),
        (
            "In totaal hebben de 76 sectorplannen meer dan 300 duizend deelnemers bereikt.",
            "Hoeveel mensen zijn er met de sectorplannen bereikt?",
            "300 duizend",
        ),
        (
            "Hiervan zijn er 87 routes in de techniek.",
            "Hoeveel van de doorlopende leerroutes vmbo-mbo zijn technisch?",
            "87",
        ),
        (
            "Begin 2017 heeft de minister van OCW bekend gemaakt dat het regionaal "
            "investeringsfonds mbo met een jaar wordt verlengd tot en met 2018 en dat er "
            "nogmaals €25 miljoen beschikbaar wordt gesteld (in totaal €125 miljoen).",
            "Hoeveel geld stelt de minister in totaal beschikbaar voor het investeringsfonds?",
            "€125 miljoen",
        ),
        (
            "Kamerstuk 31524-311, brief OCW, 20 februari 2017",
            "Welk Kamerstuk hoort bij de brief Sterk Beroepsonderwijs?",
            "31524-311",
        ),
        (
            "Tweede Kamer, vergaderjaar 2016–2017, 34 550 VIII, nr. 21.",
            "Welk Kamerstuk is de motie-Duisenberg?",
            "34 550 VIII, nr. 21",
        ),
    ],
)
def test_value_of_the_clause_and_noun_asked_about(
    sentence: str, question: str, expected: str
) -> None:
    assert _pick(sentence, question) == expected


def test_counted_terms_name_the_head_noun() -> None:
    head, phrase = counted_terms("Hoeveel vmbo-scholen zijn aangesloten bij Jet-Net?")
    assert "school" in head and "vmbo" in head
    assert "aangesloten" not in " ".join(phrase)
    assert counted_terms("Wanneer begon het?") == (frozenset(), frozenset())


def test_a_number_that_names_a_level_or_group_counts_nothing() -> None:
    sentence = (
        "Het Techniekcollege Parkstad Limburg biedt een doorlopende leerroute vmbo-mbo aan, "
        "waarbij leerlingen vanaf de bovenbouw in drie jaar tijd een diploma op mbo-niveau 2 "
        "halen."
    )
    assert [v.text for v in find_values(sentence, "count")] == ["drie"]
    groep = "leerlingen van groep zeven en hun leerkrachten"
    assert find_values(groep, "count") == []


def test_asked_noun_of_a_which_question() -> None:
    assert asked_nouns("Langs welke actielijnen wil OCW LOB verbeteren?") == {"actielijn"}
    assert asked_nouns("Op welke school is de pilot gehouden?") == {"school"}
    assert asked_nouns("Hoeveel scholen doen mee?") == frozenset()


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        # A number before a comma is a number ("af naar 6.513, het aandeel ...").
        (
            "Ook binnen de kaderberoepsgerichte leerweg (vmbo-kb) nam in 2016-2017 het absolute "
            "aantal leerlingen dat kiest voor een bètatechnische richting af naar 6.513, het "
            "aandeel bètastudenten in het vmbo-kb bedraagt nu 21%.",
            "count",
            ["6.513"],
        ),
        # "-tal": about so many.
        (
            "Het geld gaat naar een zestal projecten waaronder het Joint Research Centre en Wind "
            "op Zee.",
            "count",
            ["zestal"],
        ),
        (
            "Ze positioneren zich als techniekschool en een tweetal speerpunten voor het "
            "schooljaar 2016-2017 zijn W&T en Onderzoekend en Ontwerpend leren.",
            "count",
            ["tweetal"],
        ),
        # "-jarig": how many years, spelled or in digits.
        (
            "Om een bijdrage te leveren aan de ontwikkeling van de Limburgse kenniseconomie, met "
            "name op het gebied van ICT, starten zij samen met STEM II een driejarig programma "
            "“Programmeren en Coderen in de klas”.",
            "count",
            ["driejarig"],
        ),
        (
            "Het gaat in dit project om 16-jarige BOL leerlingen die een rechtstreekse route van "
            "het mbo naar de arbeidsmarkt wordt geboden.",
            "count",
            ["16"],
        ),
        (
            "Tijdens het scholingsprogramma maakt elke leerkracht een 10-punten plan om "
            "Computational Thinking een plek te geven binnen de school.",
            "count",
            ["10"],
        ),
        # An ordinal answers "de hoeveelste"; the Tweede Kamer is no ordinal.
        (
            "Op 28 september 2016 vond, in bijzijn van ambassadeur Techniekpact Ans Hekkenberg, "
            "de tweede ScienceMakers plaats, om meer dan 150 talenten te verbinden.",
            "count",
            ["tweede", "150"],
        ),
        ("Tweede Kamer, vergaderjaar 2016–2017, 34 550 VIII, nr. 21.", "count", ["34", "550"]),
        # The report's relative dates.
        (
            "Dat de urgentie van Techniekpact nog altijd aanwezig is en partijen de meerwaarde "
            "van de aanpak zien, blijkt wel uit de nieuwe pacten die lopende dit jaar worden "
            "opgericht in Zeeland, Rotterdam en Utrecht.",
            "date",
            ["dit jaar"],
        ),
        (
            "Op dit terrein is vorig jaar in het kader van het Regionaal investeringsfonds mbo "
            "een geslaagde aanvraag gedaan (P@ct).",
            "date",
            ["vorig jaar"],
        ),
        (
            "Het bovensectoraal expertisepunt LOB gaat deze zomer van start en zal scholen "
            "faciliteren bij het invulling geven aan LOB.",
            "date",
            ["deze zomer"],
        ),
        (
            "Voor de zomer wordt een tussenrapportage aan de besturen van FME en 4TU "
            "gepresenteerd.",
            "date",
            ["zomer"],
        ),
        # With a year the season keeps it.
        (
            "De huidige netwerken kunnen in de zomer van 2017 een aanvraag indienen.",
            "date",
            ["zomer van 2017"],
        ),
        (
            "In de zomer 2016 is de regio Brabant gestart met een pilot Circulaire Carrières.",
            "date",
            ["zomer 2016"],
        ),
        # The cover, in its printed capitals: the month is a date too.
        (
            "JUNI 2017 RAPPORTAGE NATIONAAL TECHNIEKPACT 2020 DE TUSSENSTAND IN 2017",
            "date",
            ["JUNI 2017", "2020", "2017"],
        ),
        # A web address line is a place (a "waar vind ik meer" answer), not a name.
        ("www.limburg.nl", "place", ["www.limburg.nl"]),
        ("www.limburg.nl", "which", []),
    ],
)
def test_values_the_report_writes_in_words_suffixes_and_relative_dates(
    sentence: str, kind: QuestionType, expected: list[str]
) -> None:
    assert [v.text for v in find_values(sentence, kind)] == expected


@pytest.mark.parametrize(
    ("question", "value", "named"),
    [
        ("hoeveel scholen deden mee in 2016-2017?", "2016-2017", True),
        ("hoeveel scholen deden mee in 2016-2017?", "2016", True),  # a hyphen ends a word
        ("wat gebeurde er in 2016?", "2016", True),
        ("hoeveel viertallen?", "vier", False),  # inside a word
        ("hoeveel procent, 40%?", "40%", True),
        ("", "vier", False),
    ],
)
def test_a_value_the_question_names_as_words_of_its_own(
    question: str, value: str, named: bool
) -> None:
    assert _says(question, value) is named


@given(st.text(alphabet="ab1_ -é.%€", max_size=12), st.text(alphabet="ab1_ -é.%€", max_size=3))
def test_says_finds_what_the_regular_expression_finds(folded: str, value: str) -> None:
    expected = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", folded) is not None
    assert _says(folded, value) is expected

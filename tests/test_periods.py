"""Periods and durations as answer candidates (kb.answers.periods). The sentences are the
report's own; each expected span was read there."""

from __future__ import annotations

import pytest

from kb.answers.periods import asks_period, find_periods
from kb.answers.question import QuestionType


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        (
            "Van mei 2016 tot februari 2017 zijn door UWV ruim 17.000 scholingsvouchers toegekend.",
            "date",
            ["mei 2016 tot februari 2017"],
        ),
        (
            "In de periode tussen september 2016 en september 2018 gaan alle projectpartners "
            "bij elkaar op bezoek.",
            "date",
            ["tussen september 2016 en september 2018"],
        ),
        (
            "Via het investeringsfonds is in de periode 2014-medio 2017 door "
            "onderwijsinstellingen in totaal circa 272 miljoen euro geïnvesteerd.",
            "date",
            ["2014-medio 2017"],
        ),
        (
            "Er zijn vanaf de studiejaren 2015/2016 tot en met 2017-2018 totaal 46 opleidingen "
            "die aan het experiment meedoen.",
            "date",
            ["2015/2016 tot en met 2017-2018"],
        ),
        (
            "Op initiatief van diverse partijen zijn in het najaar 2016 en begin 2017 in totaal "
            "vijf bijeenkomsten geweest.",
            "date",
            ["najaar 2016 en begin 2017"],
        ),
        (
            "› Landen met een vrouwelijke participatie tussen 10 en 20%: Het Verenigde "
            "Koninkrijk, Portugal en Finland.",
            "percent",
            ["tussen 10 en 20%"],
        ),
        (
            "Deze Scala Vakroute is speciaal voor bij-, om- of nascholing van volwassenen tussen "
            "de 25 en 55 jaar.",
            "count",
            ["tussen de 25 en 55"],
        ),
        (
            "Het programma “Kiezen voor Technologie” is met een half jaar verlengd tot 2017.",
            "count",
            ["een half jaar"],
        ),
        (
            "In het programma krijgen 2.000 geselecteerde scholen een uitnodiging om per school "
            "één leerkracht deel te laten nemen.",
            "count",
            ["één"],
        ),
    ],
)
def test_the_reports_ranges_and_durations(
    sentence: str, kind: QuestionType, expected: list[str]
) -> None:
    assert [v.text for v in find_periods(sentence, kind, durations=True)] == expected
    for value in find_periods(sentence, kind, durations=True):
        assert sentence[value.start : value.end] == value.text  # a span, never rewritten


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # A list of counts is no range without "tussen".
        (
            "Momenteel werken 100 grote bedrijven en 3.300 mkb-ers samen met 700 basisscholen, "
            "180 havo/vwo-scholen en 280 vmbo-scholen.",
            "count",
        ),
        # The article "een" counts nothing.
        ("In 2016 is het netwerk Katapult opgericht, een netwerk van verbanden.", "count"),
        # One date is no range: "verlengd tot 2017" gives the end alone.
        ("Het programma is met een half jaar verlengd tot 2017.", "date"),
        # Names and places have no ranges.
        ("Tussen Groningen en Drenthe is een samenwerking gestart.", "place"),
    ],
)
def test_no_range_where_the_report_gives_none(sentence: str, kind: QuestionType) -> None:
    assert find_periods(sentence, kind) == []


def test_a_length_of_time_only_for_a_question_that_asks_one() -> None:
    # "Hoeveel leerlingen volgen de vakhavo?" is not answered by "een dag per week".
    sentence = (
        "Vandaar dat het Calvijn College in Goes startte met de vakhavo waarbij het ‘gewone’ "
        "havo-programma is verrijkt met een dag per week technische praktijk."
    )
    assert [v.text for v in find_periods(sentence, "count", durations=True)] == ["een dag"]
    assert find_periods(sentence, "count") == []
    assert asks_period("Hoeveel tijd per week krijgen leerlingen op de vakhavo praktijk?")
    assert not asks_period("Hoeveel leerlingen volgen de vakhavo op het Calvijn College?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Over welke periode zijn de scholingsvouchers toegekend?", True),
        ("looptijd budget regionale samenwerking onderwijssectoren", True),
        ("Hoe lang is Kiezen voor Technologie verlengd?", True),
        ("Met hoeveel jaar wordt het investeringsfonds uit doel 8 verlengd?", True),
        ("Voor welke leeftijdsgroep is de Scala Vakroute bedoeld?", True),
        ("Wanneer zijn de scholingsvouchers toegekend?", False),
        ("Hoeveel scholingsvouchers zijn er toegekend?", False),
    ],
)
def test_asks_period(question: str, expected: bool) -> None:
    assert asks_period(question) is expected

"""Which school type a figure of the report is about (kb.answers.schools); the sentences are
the report's, the expected school types read off them."""

from __future__ import annotations

import pytest

from kb.answers.schools import figure_schools, school_match, schools

HAVO_VWO = "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
NETWORKS = (
    "Momenteel werken 100 grote bedrijven en 3.300 mkb-ers samen met 700 basisscholen, "
    "180 havo/vwo-scholen en 280 vmbo-scholen."
)
PATHS = (
    "Het betreft voor zowel vmbo-gl als vmbo-tl niet alleen absolute stijging; het aandeel "
    "gediplomeerden met NaSk is in 2015-2016 ook toegenomen: binnen vmbo-gl is het aandeel nu "
    "40% gestegen en voor vmbo-tl is dat 41%."
)
LEVELS = (
    "Wel zijn er verschillen in de verschillende opleidingsniveaus; op niveau 1 is het aandeel "
    "40%, op niveau 2 is dit 34%, de grootste stijging vond plaats op niveau 3 daar bedraagt "
    "het aandeel nu 29% en op niveau 4 is het aandeel stabiel gebleven op 32%."
)
AMBITION = (
    "Voor havo en vwo geldt de ambitie van het aandeel van 55 procent van de leerlingen in "
    "havo en vwo dat kiest voor de profielen Natuur en Gezondheid en/of Natuur en Techniek."
)


def _span(sentence: str, figure: str) -> tuple[int, int]:
    start = sentence.index(figure)
    return start, start + len(figure)


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        (HAVO_VWO, "43%", {"havo"}),
        (HAVO_VWO, "62%", {"vwo"}),
        (NETWORKS, "180", {"havo", "vwo"}),
        (NETWORKS, "280", {"vmbo"}),
        (NETWORKS, "700", {"po"}),
        (NETWORKS, "3.300", set()),
        (PATHS, "40%", {"vmbo-gl"}),
        (PATHS, "41%", {"vmbo-tl"}),
        (LEVELS, "34%", {"niveau 2"}),
        (LEVELS, "32%", {"niveau 4"}),
        (AMBITION, "55 procent", {"havo", "vwo"}),
    ],
)
def test_a_figure_belongs_to_the_school_type_of_its_own_clause(
    sentence: str, figure: str, expected: set[str]
) -> None:
    assert figure_schools(sentence, *_span(sentence, figure)) == expected


def test_the_asked_school_type_matches_its_figure_and_not_the_others() -> None:
    havisten = "Hoeveel procent van de havisten kiest een N-profiel?"
    assert school_match(HAVO_VWO, *_span(HAVO_VWO, "43%"), havisten) == 1.0
    assert school_match(HAVO_VWO, *_span(HAVO_VWO, "62%"), havisten) == -1.0
    assert school_match(HAVO_VWO, *_span(HAVO_VWO, "62%"), "Hoeveel vwo'ers ...?") == 1.0
    scholen = "aantal havo vwo scholen samenwerking bedrijfsleven"
    assert school_match(NETWORKS, *_span(NETWORKS, "180"), scholen) == 1.0
    assert school_match(NETWORKS, *_span(NETWORKS, "280"), scholen) == -1.0
    # A figure whose clause names no school type, or a question that names none: no match.
    assert school_match(NETWORKS, *_span(NETWORKS, "3.300"), scholen) == 0.0
    assert school_match(HAVO_VWO, *_span(HAVO_VWO, "43%"), "Hoeveel procent?") == 0.0


def test_a_learning_path_the_question_names_is_compared_alone() -> None:
    # Both figures are the vmbo's; the question asks the theoretische leerweg (vmbo-tl).
    asked = "Welk percentage geslaagden in de theoretische leerweg van het vmbo had NaSk?"
    assert school_match(PATHS, *_span(PATHS, "41%"), asked) == 1.0
    assert school_match(PATHS, *_span(PATHS, "40%"), asked) == -1.0


def test_words_that_only_look_like_a_school_type_are_not_one() -> None:
    assert schools("In het kader van de City Deal") == frozenset()
    assert schools("vmbo-tl") == {"vmbo-tl"}
    assert schools("vmbo-leerlingen") == {"vmbo"}
    assert schools("havisten en vwo'ers") == {"havo", "vwo"}

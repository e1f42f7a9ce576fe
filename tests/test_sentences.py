from __future__ import annotations

from ingest.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_dutch_abbreviations_do_not_end_a_sentence() -> None:
    text = (
        "Er is o.a. afgesproken dat het bedrijfsleven capaciteit levert. De motie van de heer "
        "Duisenberg c.s. dit verzoekt. Voor hbo-techniekopleidingen (bijv. Automotive, "
        "Elektrotechniek). Afspraken m.b.t. stages. Medio 2020 wordt het geëvalueerd."
    )
    assert _split(text) == [
        "Er is o.a. afgesproken dat het bedrijfsleven capaciteit levert.",
        "De motie van de heer Duisenberg c.s. dit verzoekt.",
        "Voor hbo-techniekopleidingen (bijv. Automotive, Elektrotechniek).",
        "Afspraken m.b.t. stages.",
        "Medio 2020 wordt het geëvalueerd.",
    ]


def test_quotes_numbers_and_list_items() -> None:
    text = (
        "Kor Visscher is blij. ,,Hier doen we het voor!’’ Daarna volgt meer.\n› Estland\n"
        "› Spanje. 24 mbo-scholen doen mee."
    )
    assert _split(text) == [
        "Kor Visscher is blij.",
        ",,Hier doen we het voor!’’",
        "Daarna volgt meer.",
        "› Estland",
        "› Spanje.",
        "24 mbo-scholen doen mee.",
    ]


def test_spans_are_stripped_slices() -> None:
    text = "  Een.  Twee!  "
    assert split_sentences(text) == [(2, 6), (8, 13)]

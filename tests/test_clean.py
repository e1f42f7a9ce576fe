"""Cleaning of hard-wrapped text: line joins, hyphens, Unicode, offsets."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ingest.clean import clean_inline, join_lines, line_break_hyphen, split_lines
from ingest.model import to_source


def _join(text: str) -> str:
    lines = split_lines(text)
    return join_lines([(ln.text, ln.start, "") for ln in lines]).text


def test_line_break_hyphen_that_split_a_word_is_removed() -> None:
    assert _join("vanaf het basis-\nonderwijs tot") == "vanaf het basisonderwijs tot"


def test_real_hyphen_at_a_line_end_is_kept() -> None:
    assert _join("voor vmbo-\nleerlingen in") == "voor vmbo-leerlingen in"
    assert _join("de organi-\nsatie- en ontwikkel-\nkracht") == "de organisatie- en ontwikkelkracht"


def test_hyphen_decisions() -> None:
    assert line_break_hyphen("het basis-", "onderwijs") == "split"
    assert line_break_hyphen("voor mbo-", "instellingen") == "real"
    assert line_break_hyphen("voor ICT-", "beroepen") == "real"
    assert line_break_hyphen("basis-", "en voortgezet") == "elision"
    lexicon = frozenset({"bedrijf-netwerken"})
    assert line_break_hyphen("Toptechniek in Bedrijf-", "netwerken", lexicon) == "real"


def test_hard_wraps_are_joined_and_spaces_folded() -> None:
    assert _join("een  zin die\ndoorloopt \n  op de volgende regel") == (
        "een zin die doorloopt op de volgende regel"
    )


def test_soft_hyphen_and_decomposed_accents() -> None:
    text = "be\u00adta\u00adtech\u00adniek en be\u0300tatechniek"
    builder = join_lines([(text, 0, "")])
    assert builder.text == "betatechniek en bètatechniek"
    position = builder.text.index("è")
    assert text[to_source(builder.segments, position)] == "e"
    assert clean_inline("31524-301\u00a0Brief  regering") == "31524-301 Brief regering"


def test_list_items_start_a_new_line() -> None:
    builder = join_lines([("In drie groepen:", 0, ""), ("Estland", 20, "›"), ("Spanje", 30, "›")])
    assert builder.text == "In drie groepen:\n› Estland\n› Spanje"


@given(
    st.lists(
        st.text(alphabet="abcdeéfg -\u00ad\u0301", min_size=1, max_size=30), min_size=1, max_size=8
    )
)
def test_offsets_always_point_at_the_quoted_text(lines: list[str]) -> None:
    source = "\n".join(lines)
    builder = join_lines([(ln.text, ln.start, "") for ln in split_lines(source)])
    for clean_start, source_start, length in builder.segments:
        clean = builder.text[clean_start : clean_start + length]
        raw = source[source_start : source_start + length]
        composed = unicodedata.normalize(
            "NFC", source[source_start : source_start + 2 * length + 2]
        )
        assert clean == raw or composed.startswith(clean), (clean, raw)
    letters = [c for c in source if c.isalpha()]
    assert len([c for c in builder.text if c.isalpha()]) <= len(letters)

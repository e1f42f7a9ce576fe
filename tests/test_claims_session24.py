"""Which report value a wrong claim is shown against (issue 14, session 24): a how-manieth ("de
15.000e leerling") against the report's how-manieth, not another count of the sentence before;
"negatief" against the report's own "positief", not the "brede" of "brede waardering"; a claimed
month against a month of a sentence the ranker puts lower ("februari 2017" of the tussenevaluatie,
not "mei 2017" of the Rif's sentence). And a sentence whose subject the sentence before names
("... scholingsvouchers toegekend. De ICT behoort tot één van de populairste sectoren ...") states
a claim that names it; a word the sentence before merely resembles in meaning does not. A figure
in the second chunk of a part is about the name in its first ("Tijdelijke subsidieregeling ...",
"Er zijn in totaal 59 aanvragen ingediend"). A negated claim is shown what the sentence says
instead ("wordt verlengd" for "niet wordt verlengd").
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.quantities import milestone, quantities
from kb.claims.verdict import check
from kb.claims.wording import affirmed
from kb.index import Index
from tests.support.claim_checks import assert_stands_against, contradicted


def test_a_how_manieth_is_a_milestone() -> None:
    text = "Inmiddels is de 10.000e leerling verwelkomd."
    (found,) = quantities(text)
    assert milestone(text, found)
    other = "In de 21e eeuw leren kinderen programmeren."
    assert not any(milestone(other, q) for q in quantities(other))


def test_a_milestone_stands_against_the_reports_milestone(report_index: Index) -> None:
    # Goal 1: "... in het schooljaar 2016-2017 negen Collegetours gegeven verspreid over
    # Nederland. Inmiddels is de 10.000e leerling verwelkomd."
    claim = "André Kuipers heeft met zijn Collegetours inmiddels de 15.000e leerling ontvangen."
    result = check(report_index, claim)
    assert result.verdict == "klopt_niet"
    assert contradicted(result) == [("15.000", "10.000")]
    assert result.quote is not None
    assert result.quote.text == "Inmiddels is de 10.000e leerling verwelkomd."


def test_negative_stands_against_the_reports_positive(report_index: Index) -> None:
    # Goal 8: "de projecten worden door de samenwerkingspartners als (zeer) positief
    # gewaardeerd."
    claim = "Volgens de tussenevaluatie zijn de samenwerkingspartners negatief over de pps-en."
    assert_stands_against(report_index, claim, "positief")


def test_a_claimed_month_against_the_month_of_a_lower_sentence(report_index: Index) -> None:
    # Goal 8: "De tussenevaluatie10 in februari 2017 liet zien ..."; the sentence the ranker
    # puts first is "... in de periode van 2014 tot en met mei 2017 ...".
    claim = "De tussenevaluatie van het Regionaal investeringsfonds mbo kwam uit in oktober 2016."
    assert_stands_against(report_index, claim, "februari 2017")


def test_the_sentence_before_names_what_a_sentence_is_about(report_index: Index) -> None:
    # Goal 12: "... zijn door UWV ruim 17.000 scholingsvouchers toegekend. De ICT behoort tot
    # één van de populairste sectoren waarin mensen zich laten omscholen."
    true = (
        "Klopt het dat ICT tot de populairste sectoren hoort voor omscholing met een"
        " scholingsvoucher?"
    )
    result = check(report_index, true)
    assert result.verdict == "klopt"
    assert result.quote is not None
    assert result.quote.text.startswith("De ICT behoort tot één van de populairste sectoren")
    false = "ICT is een van de minst populaire sectoren voor omscholing met een scholingsvoucher."
    assert_stands_against(report_index, false, "populairste")


def test_a_word_like_one_before_in_meaning_is_not_said(report_index: Index) -> None:
    # Goal 8 never says that unions left the Centres of expertise.
    claim = "Klopt het dat vakbonden zich hebben teruggetrokken uit de Centres of expertise?"
    assert check(report_index, claim).verdict == "niet_in_rapport"


def test_a_part_split_into_chunks_names_what_each_chunk_names(report_index: Index) -> None:
    store = report_index.sentences
    assert store is not None
    chunks = [chunk.id for chunk in report_index.chunks]
    for chunk_id in chunks:
        assert store.passage_terms(chunk_id) <= store.part_terms(chunk_id)
    split = [c for c in chunks if "#2" in c]
    assert split, "the report has parts long enough to be split into chunks"
    for chunk_id in split:
        first = chunk_id.replace("#2", "#1")
        assert store.passage_terms(first) <= store.part_terms(chunk_id)


def test_a_figure_in_the_second_chunk_of_a_part_about_its_first(report_index: Index) -> None:
    # Goal 12: "Daarom is in het voorjaar van 2017 de ‘Tijdelijke subsidieregeling
    # experimenten meer werk voor vijftigplussers’ ... ingesteld. ... Er zijn in totaal 59
    # aanvragen ingediend" (the name and the figure fall in two chunks of one bullet).
    claim = (
        "Voor de Tijdelijke subsidieregeling experimenten meer werk voor vijftigplussers kwamen"
        " tachtig aanvragen binnen."
    )
    assert_stands_against(report_index, claim, "59")


def test_what_the_sentence_says_without_the_claims_negation() -> None:
    sentence = "Alle DWSRA- projecten hebben een looptijd tot en met december 2018 en worden daarna"
    assert affirmed("de projecten worden niet geëvalueerd", f"{sentence} geëvalueerd.") == (
        "daarna geëvalueerd"
    )
    # "langer" and "wordt" are not what is negated; a word the sentence lacks gives nothing.
    assert affirmed("de regeling staat niet langer open", "De regeling is uitgebreid.") is None


def test_a_negated_claim_is_shown_the_reports_words(report_index: Index) -> None:
    # Goal 8: "... dat het regionaal investeringsfonds mbo met een jaar wordt verlengd tot en
    # met 2018 ..."
    claim = "Klopt het dat het Regionaal investeringsfonds mbo niet wordt verlengd?"
    result = check(report_index, claim)
    assert result.verdict == "klopt_niet"
    assert contradicted(result) == [("niet wordt verlengd", "wordt verlengd")]

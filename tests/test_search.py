"""Search: filters inside the search, question cleaning, k and fusion; quality on the report."""

from __future__ import annotations

import pytest

from kb.errors import EmptyQuestionError, SearchError, UnknownFilterError
from kb.index import Filters, Fusion, Hit, Index, clean_question


def test_goal_filter_returns_only_that_goal(sample_index: Index) -> None:
    hits = sample_index.search("techniek", Filters(goals=(9,)), top_k=10)
    assert [h.chunk.goal for h in hits] == [9, 9, 9]  # all three goal-9 chunks, none else


def test_region_filter_matches_regions_and_provinces(sample_index: Index) -> None:
    hits = sample_index.search("techniek", Filters(regions=("overijssel", "Drenthe")), top_k=10)
    assert sorted(h.chunk.id for h in hits) == ["doc/007#1", "doc/008#1"]


def test_filters_combine_kind_and_document(sample_index: Index) -> None:
    hits = sample_index.search("rapportage", Filters(kinds=("voorbeeld",), goals=(1, 2)), top_k=10)
    assert sorted(h.chunk.id for h in hits) == ["doc/004#1", "doc/008#1"]
    other = sample_index.search("techniek", Filters(documents=("other",)), top_k=10)
    assert [h.chunk.document for h in other] == ["other"]


@pytest.mark.parametrize("retriever", ["hybrid", "dense", "bm25"])
def test_filtered_top_k_is_full_and_inside_the_filter(sample_index: Index, retriever: str) -> None:
    # The best passage for this question is goal 9; goal 2 must still fill all three places.
    hits = sample_index.search(
        "cross-over kwalificaties",
        Filters(goals=(2,)),
        top_k=3,
        retriever=retriever,  # type: ignore[arg-type]
    )
    assert len(hits) == 3 and {h.chunk.goal for h in hits} == {2}


def test_unknown_filter_values_list_the_valid_ones(sample_index: Index) -> None:
    with pytest.raises(UnknownFilterError, match=r"unknown goal 13; valid goals: 1, 2, 9"):
        sample_index.search("techniek", Filters(goals=(13,)))
    with pytest.raises(UnknownFilterError, match=r"valid regions: Drenthe, Limburg, Overijssel"):
        sample_index.search("techniek", Filters(regions=("Texel",)))
    with pytest.raises(UnknownFilterError, match="valid kinds: bereikt, inleiding, tekst"):
        sample_index.search("techniek", Filters(kinds=("bijlage",)))
    with pytest.raises(UnknownFilterError, match="valid documents: doc, other"):
        sample_index.search("techniek", Filters(documents=("nope",)))


@pytest.mark.parametrize("retriever", ["hybrid", "dense", "bm25"])
def test_k_above_the_number_of_chunks_returns_all(sample_index: Index, retriever: str) -> None:
    hits = sample_index.search("techniek", top_k=50, retriever=retriever)  # type: ignore[arg-type]
    assert len(hits) == 10
    assert len({h.chunk.id for h in hits}) == 10
    assert [h.rank for h in hits] == list(range(1, 11))
    assert all(isinstance(h, Hit) for h in hits)


def test_k_below_one_is_refused(sample_index: Index) -> None:
    with pytest.raises(SearchError, match="at least 1"):
        sample_index.search("techniek", top_k=0)


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "\x00\x07", "\u200b"])
def test_empty_question_is_refused(sample_index: Index, question: str) -> None:
    with pytest.raises(EmptyQuestionError, match="the question is empty"):
        sample_index.search(question)


def test_question_is_cleaned() -> None:
    assert clean_question("  W&T\x00 op\tde   basisschool\x1b?\n", 1000).text == (
        "W&T op de basisschool?"
    )
    decomposed = "be\u0300tatechniek"
    assert clean_question(decomposed, 1000).text == "bètatechniek"


def test_long_question_is_cut_with_a_notice() -> None:
    question = clean_question("techniek " * 200, 1000)
    assert len(question.text) <= 1000 and question.text.startswith("techniek techniek")
    # The limit is applied before cleaning: the question as typed is 1,800 characters.
    assert question.notice is not None and "1800 characters" in question.notice
    assert clean_question("kort", 1000).notice is None


def test_hybrid_puts_a_passage_first_in_both_lists_first(sample_index: Index) -> None:
    hits = sample_index.search("acht cross-over kwalificaties raken aan de techniek")
    assert hits[0].chunk.id == "doc/005#1"
    assert hits[0].dense_score is not None and hits[0].bm25_score is not None
    assert hits[0].score == pytest.approx(2 / (60 + 1))  # rank 1 in both, weights 1, k 60


def test_fusion_weights_are_an_argument(sample_index: Index) -> None:
    question = "acht cross-over kwalificaties raken aan de techniek"
    hits = sample_index.search(question, fusion=Fusion(rrf_k=10, dense_weight=3, bm25_weight=1))
    assert hits[0].chunk.id == "doc/005#1"
    assert hits[0].score == pytest.approx(3 / 11 + 1 / 11)  # rank 1 in both lists, k 10
    # The index itself is unchanged: the next search uses the settings' fusion again.
    assert sample_index.search(question)[0].score == pytest.approx(2 / 61)


def test_a_given_vector_is_searched_instead_of_embedding_again(sample_index: Index) -> None:
    vector = sample_index.embed_question("cross-over kwalificaties")
    by_vector = sample_index.search("iets anders", retriever="dense", vector=vector)
    by_text = sample_index.search("cross-over kwalificaties", retriever="dense")
    assert [h.chunk.id for h in by_vector] == [h.chunk.id for h in by_text]


def test_whitespace_is_an_empty_question(sample_index: Index) -> None:
    with pytest.raises(EmptyQuestionError):
        sample_index.search(" \n\t ")


# The real report with the real model. Expected chunks are found by the report's own words.


def _first_text(index: Index, question: str, filters: Filters | None = None) -> str:
    return index.search(question, filters)[0].chunk.text


@pytest.mark.slow
def test_cross_over_question_finds_the_goal_9_bullet(report_index: Index) -> None:
    hits = report_index.search("hoeveel cross-over kwalificaties raken techniek?")
    assert hits[0].chunk.goal == 9 and hits[0].chunk.kind == "bereikt"
    assert "waarvan er vier raken aan de techniek" in hits[0].chunk.text


@pytest.mark.slow
def test_paraphrased_questions_find_their_passage(report_index: Index) -> None:
    text = _first_text(report_index, "Hoeveel basisscholen doen mee in de W&T netwerken?")
    assert "4.185 basisscholen" in text
    text = _first_text(report_index, "Waarom kiezen minder vmbo-leerlingen voor beta techniek?")
    assert "demografische krimp" in text


@pytest.mark.slow
def test_region_filter_on_the_report(report_index: Index) -> None:
    hits = report_index.search("programmeren op scholen", Filters(regions=("Limburg",)), 10)
    assert hits and all(
        "Limburg" in h.chunk.regions or "Limburg" in h.chunk.provinces for h in hits
    )

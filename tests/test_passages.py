"""Passage re-ranking with the answer evidence (kb.answers.passages): the passage holding the
best candidate moves up by the fusion's rule, passages without candidates keep their place."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kb.answers.candidates import Candidate
from kb.answers.model import PassageFusion
from kb.answers.passages import candidate_ranks, rerank
from kb.index import Hit, Index
from kb.sentence_store import Sentence
from tests.support.search_fixtures import make_chunk


def _hits(count: int) -> list[Hit]:
    return [
        Hit(make_chunk(n, f"Passage {n}."), 1.0 / (60 + n), n, None, None)
        for n in range(1, count + 1)
    ]


def _candidates(hits: list[Hit], owners: list[int]) -> list[Candidate]:
    """One candidate per entry of `owners`: the hit (index) its sentence stands in."""
    return [
        Candidate(hits[o], number, Sentence(o, 0, 5, "Zin."), None, None)
        for number, o in enumerate(owners)
    ]


def test_the_best_candidates_passage_ranks_first_when_the_evidence_weighs_enough() -> None:
    hits = _hits(4)
    # Passages 1-3 hold candidates; passage 3 holds the best, passage 1 the worst.
    candidates = _candidates(hits, [0, 0, 1, 2])
    scores = np.array([-2.0, -1.5, 0.5, 3.0])
    assert candidate_ranks(candidates, scores) == {
        hits[2].chunk.id: 1,
        hits[1].chunk.id: 2,
        hits[0].chunk.id: 3,
    }
    # Passage 3: 1/(1+3) + 2/(1+1) = 1.25; passage 2: 1/3 + 2/3 = 1.0; passage 1: 1/2 + 2/4 = 1.0
    # (a tie, kept in fused order); passage 4 has no candidate: 1/5.
    reranked = rerank(hits, candidates, scores, PassageFusion(rrf_k=1, candidate_weight=2.0))
    assert [h.chunk.id for h in reranked] == [hits[i].chunk.id for i in (2, 0, 1, 3)]
    assert [h.rank for h in reranked] == [1, 2, 3, 4]
    assert [h.score for h in reranked] == pytest.approx([1.25, 1.0, 1.0, 0.2])


def test_weight_zero_keeps_the_fused_order() -> None:
    hits = _hits(3)
    candidates = _candidates(hits, [0, 1, 2])
    reranked = rerank(
        hits, candidates, np.array([0.0, 1.0, 2.0]), PassageFusion(rrf_k=60, candidate_weight=0.0)
    )
    assert [h.chunk.id for h in reranked] == [h.chunk.id for h in hits]


def test_a_passage_without_candidates_never_passes_one_with_them() -> None:
    hits = _hits(6)
    # Only passages 1 and 2 hold candidates (as when the answer step reads the best two).
    candidates = _candidates(hits, [0, 1])
    fusion = PassageFusion(rrf_k=1, candidate_weight=10.0)
    reranked = rerank(hits, candidates, np.array([-5.0, 5.0]), fusion)
    assert [h.chunk.id for h in reranked] == [hits[i].chunk.id for i in (1, 0, 2, 3, 4, 5)]
    assert all(a.score >= b.score for a, b in itertools.pairwise(reranked))


def test_the_grids_quick_scores_are_ranxs() -> None:
    from kb.evaluation.metrics import Ranking, per_query
    from kb.evaluation.passages import MEASURES, quick_scores

    qrels = {"q1": {"a": 1, "b": 1}, "q2": {"c": 1}, "q3": {"z": 1}}
    ranking = Ranking("r", {"q1": ("x", "a", "b"), "q2": ("c",), "q3": ("y",)}, {})
    quick = quick_scores(qrels, ranking)
    # By hand: q1 finds its two passages at ranks 2 and 3, q2 its one at rank 1, q3 none.
    assert quick["recall@1"] == {"q1": 0.0, "q2": 1.0, "q3": 0.0}
    assert quick["recall@5"] == {"q1": 1.0, "q2": 1.0, "q3": 0.0}
    assert quick["mrr@10"] == {"q1": 0.5, "q2": 1.0, "q3": 0.0}
    assert quick == per_query(qrels, ranking, MEASURES)


@pytest.mark.slow
def test_the_answer_step_lists_the_passages_in_the_re_ranked_order(report_index: Index) -> None:
    import copy

    from kb.answers.answer import gazetteer_of
    from kb.answers.decide import decide
    from kb.answers.model import load_model

    fitted = load_model()
    assert fitted is not None
    # A weight that lets the evidence decide: the passage of the best candidate comes first.
    model = fitted.model_copy(update={"passages": PassageFusion(rrf_k=1, candidate_weight=100.0)})
    question = "Hoeveel regionale netwerken zijn actief om W&T te verankeren in het basisonderwijs?"
    gazetteer = gazetteer_of(report_index.settings)
    on = decide(report_index, model, question, None, 10, gazetteer)
    assert on.best is not None
    assert on.hits[0].chunk.id == on.best.hit.chunk.id == on.passage(on.best).chunk.id
    assert "Acht regionale netwerken zijn actief" in on.hits[0].chunk.text
    assert [h.rank for h in on.hits] == list(range(1, len(on.hits) + 1))
    # Off: the fused order of the search itself.
    off_index = copy.copy(report_index)
    off_index.settings = report_index.settings.model_copy(update={"answer_rerank": False})
    off = decide(off_index, model, question, None, 10, gazetteer)
    fused = report_index.search(question, top_k=10)
    assert [h.chunk.id for h in off.hits] == [h.chunk.id for h in fused]
    assert sorted(h.chunk.id for h in on.hits) == sorted(h.chunk.id for h in fused)

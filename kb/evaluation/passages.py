"""Passage ranking with the answer evidence, cross-validated on the question bank.

Each question's passages in the fused order are re-ranked with its candidates' out-of-fold
scores (kb.answers.passages), so a held-out goal's order comes from a ranker that never saw
it. The fusion's two numbers (`PassageFusion`) are chosen on a small grid by MRR@10 (then
recall@1, then the smaller weight); the figure reported for the choice is nested: each fold is
re-ranked with the numbers chosen on the other folds. Metrics are ranx's (kb.evaluation.metrics)
over the answerable questions, with the judgments of `kb devset`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from kb.answers.model import PassageFusion
from kb.answers.passages import rerank
from kb.evaluation.fit import Ranked, fold_of
from kb.evaluation.fitdata import goal_of
from kb.evaluation.metrics import DEPTH, Qrels, Ranking, per_query

MEASURES = ("recall@1", "recall@5", "mrr@10")
RRF_KS = (1, 2, 5, 10, 20, 60)
WEIGHTS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
"""The grid `choose_fusion` searches; weight 0 is the fused order itself."""

PerQuery = dict[str, dict[str, float]]
"""metric -> question id -> score."""


def reranked(ranked: Sequence[Ranked], fusion: PassageFusion | None, name: str) -> Ranking:
    """Each question's first `DEPTH` passages, re-ranked with `fusion` (None: fused order)."""
    results: dict[str, tuple[str, ...]] = {}
    for r in ranked:
        hits = r.example.retrieved.hits
        if fusion is not None and r.example.candidates:
            hits = rerank(hits, r.example.candidates, r.scores, fusion)
        results[r.example.question.id] = tuple(h.chunk.id for h in hits[:DEPTH])
    return Ranking(name, results, {})


def _grid(ranked: Sequence[Ranked], qrels: Qrels) -> dict[PassageFusion, PerQuery]:
    fusions = [
        PassageFusion(rrf_k=k, candidate_weight=w) for k, w in itertools.product(RRF_KS, WEIGHTS)
    ]
    return {f: quick_scores(qrels, reranked(ranked, f, "grid")) for f in fusions}


def quick_scores(qrels: Qrels, ranking: Ranking) -> PerQuery:
    """recall@1, recall@5 and MRR@10 of each question, as ranx defines them, without building
    ranx's structures (the grid scores 48 rankings; the reported figures are ranx's own)."""
    out: PerQuery = {m: {} for m in MEASURES}
    for qid, relevant in qrels.items():
        found = ranking.results.get(qid, ())[:DEPTH]
        hits = [doc in relevant for doc in found]
        out["recall@1"][qid] = sum(hits[:1]) / len(relevant)
        out["recall@5"][qid] = sum(hits[:5]) / len(relevant)
        out["mrr@10"][qid] = next((1.0 / i for i, hit in enumerate(hits, 1) if hit), 0.0)
    return out


def _mean(scores: PerQuery, ids: Sequence[str]) -> dict[str, float]:
    return {m: float(np.mean([scores[m][q] for q in ids])) if ids else 0.0 for m in MEASURES}


def _best(grid: Mapping[PassageFusion, PerQuery], ids: Sequence[str]) -> PassageFusion:
    def key(fusion: PassageFusion) -> tuple[float, float, float]:
        mean = _mean(grid[fusion], ids)
        return (mean["mrr@10"], mean["recall@1"], -fusion.candidate_weight)

    return max(grid, key=key)


@dataclass(frozen=True)
class PassageChoice:
    """The fusion chosen on every fold's out-of-fold rankings (what the model file gets), and
    the report: fused against re-ranked, the re-ranking's numbers chosen on the other folds."""

    fusion: PassageFusion
    report: dict[str, object]


def choose_fusion(ranked: Sequence[Ranked], qrels: Qrels) -> PassageChoice:
    """The grid's best fusion on out-of-fold rankings, with its nested cross-validation."""
    answerable = [r for r in ranked if r.example.question.id in qrels]
    qrels = {r.example.question.id: qrels[r.example.question.id] for r in answerable}
    grid = _grid(answerable, qrels)
    fold = {r.example.question.id: fold_of(goal_of(r.example.question)) for r in answerable}
    chosen: dict[int, PassageFusion] = {}
    for number in sorted(set(fold.values())):
        train = [q for q in qrels if fold[q] != number]
        chosen[number] = _best(grid, train or list(qrels))
    nested = Ranking("nested", {}, {})
    for r in answerable:
        one = reranked([r], chosen[fold[r.example.question.id]], "nested")
        nested.results.update(one.results)
    final = _best(grid, list(qrels))
    rankings = {
        "fused": reranked(answerable, None, "fused"),
        "re-ranked (fusion chosen on the other folds)": nested,
        "re-ranked with the chosen fusion (not nested)": reranked(answerable, final, "final"),
    }
    report: dict[str, object] = {
        name: _mean(per_query(qrels, ranking, MEASURES), list(qrels))
        for name, ranking in rankings.items()
    }
    report["questions"] = len(qrels)
    report["chosen per fold"] = [chosen[n].model_dump() for n in sorted(chosen)]
    report["chosen"] = final.model_dump()
    return PassageChoice(final, report)

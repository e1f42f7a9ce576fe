"""Passage re-ranking with the answer evidence: a passage's best candidate joins the fusion.

Retrieval ranks passages by fusing dense and BM25 ranks; the fitted ranker then scores every
candidate sentence of the best passages. The passage holding the best candidate is usually the
one that answers, even when retrieval put it third, so its candidate rank joins the reciprocal
rank fusion: a passage scores `1 / (rrf_k + fused rank)`, plus `candidate_weight / (rrf_k +
candidate rank)` when it holds a candidate (its best candidate's place among the passages'
best candidates). Passages without candidates keep their fused place after the others. The
two numbers are chosen by `kb fit` in cross-validation and stored in the model file.

>>> hits = rerank(decision.hits, decision.candidates, decision.scores, model.passages)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kb.answers.candidates import Candidate
from kb.answers.model import PassageFusion
from kb.index import Hit


def candidate_ranks(
    candidates: Sequence[Candidate], scores: npt.NDArray[np.float64]
) -> dict[str, int]:
    """chunk id -> the rank (1 = best) of its best candidate among the passages' best ones."""
    best: dict[str, float] = {}
    for candidate, score in zip(candidates, scores, strict=True):
        chunk = candidate.hit.chunk.id
        if chunk not in best or score > best[chunk]:
            best[chunk] = float(score)
    ordered = sorted(best, key=lambda chunk: -best[chunk])
    return {chunk: rank for rank, chunk in enumerate(ordered, start=1)}


def rerank(
    hits: Sequence[Hit],
    candidates: Sequence[Candidate],
    scores: npt.NDArray[np.float64],
    fusion: PassageFusion,
) -> list[Hit]:
    """`hits` (in fused order) re-ranked with their candidates' scores: new ranks, and as
    score the re-ranking's fused score. Ties keep the fused order."""
    ranks = candidate_ranks(candidates, scores)
    fused = [
        1.0 / (fusion.rrf_k + place)
        + (
            fusion.candidate_weight / (fusion.rrf_k + ranks[hit.chunk.id])
            if hit.chunk.id in ranks
            else 0.0
        )
        for place, hit in enumerate(hits, start=1)
    ]
    order = sorted(range(len(hits)), key=lambda i: (-fused[i], i))
    return [
        dataclasses.replace(hits[i], rank=rank, score=fused[i])
        for rank, i in enumerate(order, start=1)
    ]


__all__ = ["candidate_ranks", "rerank"]

"""`kb devset`: retrieval on a question file, BM25, dense and hybrid side by side.

The same judgments and ranx metrics as `kb eval` (kb.evaluation.metrics), with one definition
of recall: recall@k is the share of a question's relevant chunks in the top k. Quick: one index,
no chunk sizes, no significance tests, no report folder.

>>> print(table(retrieval_scores(index, load_questions(Path("eval/dev.jsonl")), sources)))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kb.answers.model import load_model
from kb.evaluation.answers import answer_ranking
from kb.evaluation.metrics import Qrels, Query, Ranking, judge, per_query, rank
from kb.evaluation.questions import EvalQuestion
from kb.index import Index, Retriever

RETRIEVERS: tuple[Retriever, ...] = ("bm25", "dense", "hybrid")
SHOWN = ("recall@1", "recall@5", "mrr@10")


@dataclass(frozen=True)
class RetrievalScores:
    """One retriever's means over the answerable questions, and each question's first
    relevant rank (None: not in the top 10)."""

    retriever: str
    questions: int
    metrics: dict[str, float]
    first_relevant: dict[str, int | None]


def retrieval_scores(
    index: Index,
    questions: Sequence[EvalQuestion],
    sources: Mapping[str, str],
    retrievers: Sequence[Retriever] = RETRIEVERS,
) -> list[RetrievalScores]:
    """recall@1, recall@5 and MRR@10 of each retriever over the answerable questions; and,
    when there is a fitted answer model, of the passages as the answer step lists them
    ("hybrid + answers": re-ranked with the answer evidence when `answer_rerank` is on)."""
    qrels = judge(questions, index.chunks, sources).qrels
    queries = [Query(q.id, q.question) for q in questions if q.answerable]
    rankings = [rank(index, queries, r, retriever=r) for r in retrievers]
    if load_model() is not None and index.sentences is not None:
        rankings.append(answer_ranking(index, queries))
    return [_scores(ranking, qrels) for ranking in rankings]


def _scores(ranking: Ranking, qrels: Qrels) -> RetrievalScores:
    scores = per_query(qrels, ranking, SHOWN)
    first = {
        qid: next((i for i, doc in enumerate(ranking.results[qid], 1) if doc in qrels[qid]), None)
        for qid in qrels
    }
    means = {m: sum(scores[m].values()) / max(len(qrels), 1) for m in SHOWN}
    return RetrievalScores(ranking.name, len(qrels), means, first)


def misses(
    scores: RetrievalScores, questions: Sequence[EvalQuestion]
) -> list[tuple[EvalQuestion, int | None]]:
    """The answerable questions whose first relevant chunk is not at rank 1, with its rank."""
    return [
        (q, scores.first_relevant[q.id])
        for q in questions
        if q.id in scores.first_relevant and scores.first_relevant[q.id] != 1
    ]


def table(scores: Sequence[RetrievalScores]) -> str:
    """A Markdown table, retrievers side by side."""
    lines = [
        "| retriever | questions | recall@1 | recall@5 | MRR@10 |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {s.retriever} | {s.questions} | "
        + " | ".join(f"{s.metrics[m]:.3f}" for m in SHOWN)
        + " |"
        for s in scores
    ]
    return "\n".join(lines)

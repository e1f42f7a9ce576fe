"""Retrieval evaluation with ranx: span judgments become qrels, searches become runs.

Relevance is judged on source spans (eval/FORMAT.md): a chunk is relevant to a question when
its source span contains one of the question's evidence spans, or when it cites the footnote
that holds one (`kb.evaluation.questions.covers`). The qrels are made anew for every chunking
from the same evidence spans, so the judgments survive any change of chunk size. An evidence
span that no chunk covers (it straddles a chunk boundary) stays in the qrels as an unreachable
document, so it counts as a miss instead of vanishing.

All metrics are ranx's, for `kb eval` and `kb devset` alike (recall@k: share of a question's
relevant chunks in the top k; MRR@10; nDCG@10 with binary gains). Paired significance tests are
ranx's too (kb.evaluation.significance).

>>> judgments = judge(questions, chunks, sources)  # doctest: +SKIP
>>> mean_scores(judgments.qrels, rank(index, queries))["mrr@10"]  # doctest: +SKIP
0.82
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ingest.model import Chunk
from kb.evaluation.questions import EvalQuestion, covers, evidence_spans
from kb.index import Fusion, Index, Retriever, clean_question

METRICS: tuple[str, ...] = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")
DEPTH = 10
"""Chunks kept per question in a run: all that the metrics above look at."""
UNREACHABLE = "unreachable:"
"""Prefix of the qrels entry for an evidence span that no chunk of this chunking covers."""

StatTest = Literal["fisher", "student"]
Qrels = dict[str, dict[str, int]]
"""question id -> chunk id -> relevance (1)."""


@dataclass(frozen=True)
class Query:
    """A question to search: its id and text."""

    id: str
    text: str


@dataclass(frozen=True)
class Judgments:
    """Qrels of one chunking, and how many evidence spans no chunk covers (per question)."""

    qrels: Qrels
    unreachable: dict[str, int]

    def exportable(self) -> Qrels:
        """The qrels without the unreachable placeholders (for BEIR and TREC files)."""
        return {
            qid: {doc: rel for doc, rel in docs.items() if not doc.startswith(UNREACHABLE)}
            for qid, docs in self.qrels.items()
        }


@dataclass(frozen=True)
class Ranking:
    """One configuration's results: chunk ids best first, and seconds per question."""

    name: str
    results: dict[str, tuple[str, ...]]
    seconds: dict[str, float]


def judge(
    questions: Iterable[EvalQuestion], chunks: Sequence[Chunk], sources: Mapping[str, str]
) -> Judgments:
    """Qrels of the answerable questions over `chunks`, from their evidence spans.

    Args:
        sources: document id -> raw text of its source file (where evidence is found).
    """
    qrels: Qrels = {}
    unreachable: dict[str, int] = {}
    for question in questions:
        if not question.answerable:
            continue
        relevant: dict[str, int] = {}
        for number, span in enumerate(evidence_spans(question, dict(sources)), start=1):
            covering = [c.id for c in chunks if covers(c, span)]
            if not covering:
                unreachable[question.id] = unreachable.get(question.id, 0) + 1
                covering = [f"{UNREACHABLE}{question.id}:{number}"]
            relevant.update(dict.fromkeys(covering, 1))
        qrels[question.id] = relevant
    return Judgments(qrels, unreachable)


def rank(
    index: Index,
    queries: Sequence[Query],
    name: str = "",
    depth: int = DEPTH,
    on_done: Callable[[int], None] | None = None,
    *,
    retriever: Retriever | None = None,
    fusion: Fusion | None = None,
) -> Ranking:
    """Search every query (cleaned as the edges clean a question), timing each search.

    `retriever` and `fusion` default to the index's settings. `on_done(n)` is called after each
    query, for a progress display.
    """
    results: dict[str, tuple[str, ...]] = {}
    seconds: dict[str, float] = {}
    limit = index.settings.max_question_chars
    for done, query in enumerate(queries, start=1):
        started = time.perf_counter()
        text = clean_question(query.text, limit).text
        hits = index.search(text, top_k=depth, retriever=retriever, fusion=fusion)
        seconds[query.id] = time.perf_counter() - started
        results[query.id] = tuple(h.chunk.id for h in hits)
        if on_done:
            on_done(done)
    return Ranking(name or retriever or index.settings.retriever, results, seconds)


def to_run(ranking: Ranking, qrels: Qrels) -> object:
    """A ranx Run of `ranking` over the questions of `qrels`.

    The scores are rank-derived (depth + 1 - rank) so that ranx, which sorts by score, keeps
    our order exactly. A question missing from the ranking gets an empty result (scores 0).
    """
    from ranx import Run

    run: dict[str, dict[str, float]] = {}
    for qid in qrels:
        ids = ranking.results.get(qid, ())
        run[qid] = {doc: float(len(ids) - i) for i, doc in enumerate(ids)}
    empty = [qid for qid, docs in run.items() if not docs]
    for qid in empty:
        # ranx cannot hold an empty result list; a document no qrels name scores the same.
        run[qid] = {f"{UNREACHABLE}none": 0.0}
    return Run(run, name=ranking.name)


def _ranx_qrels(qrels: Qrels) -> object:
    from ranx import Qrels as RanxQrels

    return RanxQrels(qrels)


def per_query(
    qrels: Qrels, ranking: Ranking, metrics: Sequence[str] = METRICS
) -> dict[str, dict[str, float]]:
    """metric -> question id -> score, computed by ranx."""
    from ranx import evaluate

    run: Any = to_run(ranking, qrels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numba's uint64 cast notice inside ranx's recall
        evaluate(_ranx_qrels(qrels), run, list(metrics), return_mean=False)
    # ranx keeps each question's score in the run, keyed by question id.
    return {m: {qid: float(run.scores[m][qid]) for qid in qrels} for m in metrics}


def mean_scores(
    qrels: Qrels, ranking: Ranking, metrics: Sequence[str] = METRICS
) -> dict[str, float]:
    """metric -> mean over the questions of `qrels`.

    >>> mean_scores({"q": {"a": 1}}, Ranking("x", {"q": ("b", "a")}, {}), ["mrr@10"])
    {'mrr@10': 0.5}
    """
    scores = per_query(qrels, ranking, metrics)
    return {m: float(np.mean(list(scores[m].values()))) for m in metrics}


def slice_scores(
    scores: Mapping[str, Mapping[str, float]], groups: Mapping[str, str]
) -> dict[str, dict[str, float]]:
    """Mean of ranx's per-question scores within each group.

    Args:
        scores: metric -> question id -> score (from `per_query`).
        groups: question id -> group name (questions without a group are left out).

    Returns:
        group -> metric -> mean, plus "questions" -> count.
    """
    out: dict[str, dict[str, float]] = {}
    for group in sorted(set(groups.values())):
        ids = [qid for qid, g in groups.items() if g == group]
        row = {m: float(np.mean([s[qid] for qid in ids])) for m, s in scores.items()}
        row["questions"] = float(len(ids))
        out[group] = row
    return out


def latency_ms(ranking: Ranking) -> dict[str, float]:
    """p50 and p95 of the seconds per question, in milliseconds."""
    values = np.array(list(ranking.seconds.values()) or [0.0]) * 1000
    return {"p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95))}

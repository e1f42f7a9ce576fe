"""The benchmark behind `kb eval`: every configuration searched, scored and compared.

Configurations, one function per group: BM25, dense and hybrid at the configured chunk size (the
headline, with latency) and hybrid re-ranked by the answer model (as `kb ask` lists passages);
an outside run, when given; the three at other chunk sizes (each re-ingested and indexed in a
temporary build folder; the embedding cache makes that cheap); hybrid with other fusion weights.
Paired tests compare hybrid with BM25, dense and the re-ranking, each chunk size with the
configured one and each fusion variant with the configured fusion, question by question. Then
slices of the headline by goal, question type and wording, and the answers.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.model import Chunk
from kb.answers import answer
from kb.answers.model import load_model
from kb.build import build_index, ingest
from kb.embed import Embedder, Vectors
from kb.errors import AnswerError
from kb.evaluation.answers import answer_all, answer_ranking, count
from kb.evaluation.metrics import (
    METRICS,
    Judgments,
    Query,
    Ranking,
    judge,
    latency_ms,
    per_query,
    rank,
    slice_scores,
)
from kb.evaluation.questions import EvalQuestion, read_sources
from kb.evaluation.results import (
    FORMAT_VERSION,
    AnswerResult,
    ConfigResult,
    EvalReport,
    SliceRow,
    TestResult,
    machine,
)
from kb.evaluation.significance import StatTest, paired_tests
from kb.index import Fusion, Index, Retriever
from kb.settings import Settings
from kb.store import load_index

RETRIEVERS: tuple[Retriever, ...] = ("bm25", "dense", "hybrid")
CHUNK_SIZES = (400, 600, 1500)
FUSIONS: tuple[tuple[int, float, float], ...] = (
    (60, 2.0, 1.0),
    (60, 1.0, 2.0),
    (60, 3.0, 1.0),
    (60, 1.0, 3.0),
    (10, 1.0, 1.0),
    (10, 2.0, 1.0),
    (10, 1.0, 2.0),
    (120, 1.0, 1.0),
)
"""(rrf_k, dense weight, BM25 weight) tried besides the configured fusion."""

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total)."""


@dataclass(frozen=True)
class Plan:
    """What `kb eval` runs. `questions` are the gold questions (for slices and answers);
    `queries`/`qrels` replace them with an evaluator's own set (no chunk-size comparison,
    no slices, no answers: their ids and judgments belong to one chunking)."""

    settings: Settings
    question_set: str
    questions: list[EvalQuestion] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)
    outside_run: Ranking | None = None
    chunk_sizes: tuple[int, ...] = CHUNK_SIZES
    fusions: tuple[tuple[int, float, float], ...] = FUSIONS
    test: StatTest = "fisher"

    @property
    def gold(self) -> bool:
        """The gold questions are evaluated (not an evaluator's own queries)."""
        return not self.queries


@dataclass(frozen=True)
class Outcome:
    """The report and what goes with it into the results folder."""

    report: EvalReport
    chunks: list[Chunk]
    judgments: Judgments
    headline: dict[str, Ranking]


class QueryMemo:
    """An embedder that remembers question vectors, so that configurations after the first
    do not embed the same questions again. Passages go straight through."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self._vectors: dict[str, Vectors] = {}

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def forget(self) -> None:
        self._vectors.clear()

    def embed_queries(self, texts: list[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.inner.embed_queries(missing), strict=True))
        return (
            np.stack([self._vectors[t] for t in texts]) if texts else self.inner.embed_queries([])
        )

    def embed_passages(self, texts: list[str]) -> Vectors:
        return self.inner.embed_passages(texts)


@dataclass
class _Run:
    """One benchmark run as it goes: what is searched, and what has been measured so far."""

    plan: Plan
    memo: QueryMemo
    progress: Progress
    queries: list[Query]
    indexes: dict[int, Index] = field(default_factory=dict)
    judged: dict[int, Judgments] = field(default_factory=dict)
    configs: list[ConfigResult] = field(default_factory=list)
    scores: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    tests: list[TestResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    clock: float = field(default_factory=time.perf_counter)

    @property
    def size(self) -> int:
        return self.plan.settings.chunk_size

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = round(now - self.clock, 2)
        self.clock = now

    def test(self, group: str, a: str, b: str) -> None:
        pair = ((a, self.scores[a]), (b, self.scores[b]))
        self.tests += paired_tests(group, *pair, self.plan.test)

    def evaluate(
        self,
        name: str,
        group: str,
        size: int,
        retriever: Retriever,
        fusion: Fusion | None = None,
        timed: bool = False,
    ) -> Ranking:
        """Search every query with one configuration, score it, and record it."""
        index = self.indexes[size]

        def step(done: int) -> None:
            self.progress(f"search: {name}", done, len(self.queries))

        if timed:
            self.memo.forget()  # the latency of a question includes embedding it
        ranking = rank(index, self.queries, name, on_done=step, retriever=retriever, fusion=fusion)
        judgments = self.judged[size]
        self.scores[name] = per_query(judgments.qrels, ranking)
        used = fusion or index.fusion()
        self.configs.append(
            ConfigResult(
                name=name,
                group=group,
                retriever=retriever,
                chunk_size=size,
                rrf_k=used.rrf_k,
                dense_weight=used.dense_weight,
                bm25_weight=used.bm25_weight,
                chunks=len(index.chunks),
                questions=len(judgments.qrels),
                unreachable_evidence=sum(judgments.unreachable.values()),
                metrics=self.means(name),
                latency_ms=latency_ms(ranking) if timed else None,
            )
        )
        return ranking

    def means(self, name: str) -> dict[str, float]:
        return {m: float(np.mean(list(self.scores[name][m].values()))) for m in METRICS}


def run_benchmark(plan: Plan, embedder: Embedder, progress: Progress) -> Outcome:
    """Search, score and compare every configuration of `plan`."""
    started = time.perf_counter()
    run = _Run(plan, QueryMemo(embedder), progress, _queries(plan))
    if not plan.gold and len(plan.queries) > len(run.queries):
        skipped = len(plan.queries) - len(run.queries)
        run.notes.append(f"{skipped} queries have no relevant judgment and are left out.")
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as tmp:
        _index_every_size(run, Path(tmp))
        run.lap("ingest and index")
        embedder.embed_queries(["opwarmen"])  # load the model before anything is timed
        headline = _retrievers(run)
        run.lap("headline retrievers")
        _outside_run(run)
        _chunk_sizes(run)
        _fusions(run)
        run.lap("variants")
        slices = _slices(plan.questions, run.scores) if plan.gold else []
        run.memo.forget()  # an answer's latency includes embedding its question
        answers = _answers(run) if plan.gold else None
        run.lap("answers")
    for size, judgment in run.judged.items():
        if judgment.unreachable:
            run.notes.append(
                f"Chunk size {size}: {sum(judgment.unreachable.values())} evidence spans of "
                f"{len(judgment.unreachable)} questions lie across a chunk boundary; no chunk "
                "covers them and they count as misses."
            )
    report = EvalReport(
        format_version=FORMAT_VERSION,
        machine=machine(),
        question_set=plan.question_set,
        embedder=embedder.name,
        default=plan.settings.retriever,
        questions=len(plan.questions) if plan.gold else len(plan.queries),
        judged=len(run.queries),
        settings=plan.settings.model_dump(mode="json"),
        configs=run.configs,
        tests=run.tests,
        slices=slices,
        answers=answers,
        notes=run.notes,
        seconds=time.perf_counter() - started,
        stage_seconds=run.stages,
    )
    default = run.indexes[run.size]
    return Outcome(report, list(default.chunks), run.judged[run.size], headline)


def _queries(plan: Plan) -> list[Query]:
    if plan.gold:
        return [Query(q.id, q.question) for q in plan.questions if q.answerable]
    return [q for q in plan.queries if q.id in plan.qrels]


def _index_every_size(run: _Run, folder: Path) -> None:
    """An index and judgments per chunk size (only the configured size for own queries)."""
    settings = run.plan.settings
    sizes = [run.size, *(s for s in run.plan.chunk_sizes if s != run.size)]
    sources = read_sources(settings.corpus_dir)
    for size in sizes if run.plan.gold else sizes[:1]:
        index = _build(settings.model_copy(update={"chunk_size": size}), run, folder)
        run.indexes[size] = index
        run.judged[size] = (
            judge(run.plan.questions, list(index.chunks), sources)
            if run.plan.gold
            else Judgments(run.plan.qrels, {})
        )


def _build(settings: Settings, run: _Run, folder: Path) -> Index:
    local = settings.model_copy(update={"build_dir": folder / f"size-{settings.chunk_size}"})
    chunks = ingest(local).chunks

    def report(stage: str, done: int, total: int) -> None:
        run.progress(f"index, chunk size {settings.chunk_size}: {stage}", done, total)

    build_index(chunks, local, run.memo, report)
    return load_index(local, run.memo)


def _retrievers(run: _Run) -> dict[str, Ranking]:
    """The headline: BM25, dense and hybrid at the configured size, timed, tested pairwise."""
    headline: dict[str, Ranking] = {
        r: run.evaluate(r, "retriever", run.size, r, timed=True) for r in RETRIEVERS
    }
    run.test("retriever", "hybrid", "bm25")
    run.test("retriever", "hybrid", "dense")
    run.test("retriever", "dense", "bm25")
    _answer_passages(run)
    return headline


def _answer_passages(run: _Run) -> None:
    """The passages as `kb ask` lists them: hybrid, re-ranked with the fitted answer model's
    evidence (when the settings' `answer_rerank` is on), tested against hybrid."""
    index, name = run.indexes[run.size], "hybrid + answers"
    if load_model() is None or index.sentences is None or not index.settings.answer_rerank:
        return

    def step(done: int) -> None:
        run.progress(f"search: {name}", done, len(run.queries))

    judgments = run.judged[run.size]
    run.scores[name] = per_query(
        judgments.qrels, answer_ranking(index, run.queries, name, on_done=step)
    )
    fusion = index.fusion()
    run.configs.append(
        ConfigResult(
            name=name,
            group="answers",
            retriever="hybrid",
            chunk_size=run.size,
            rrf_k=fusion.rrf_k,
            dense_weight=fusion.dense_weight,
            bm25_weight=fusion.bm25_weight,
            chunks=len(index.chunks),
            questions=len(judgments.qrels),
            unreachable_evidence=sum(judgments.unreachable.values()),
            metrics=run.means(name),
        )
    )
    run.test("retriever", name, "hybrid")


def _outside_run(run: _Run) -> None:
    """An evaluator's own TREC run, scored on the same judgments and tested against ours."""
    outside = run.plan.outside_run
    if outside is None:
        return
    name = f"run: {outside.name}"
    judgments = run.judged[run.size]
    run.scores[name] = per_query(judgments.qrels, outside)
    missing = len(set(judgments.qrels) - set(outside.results))
    if missing:
        run.notes.append(
            f"The outside run has no results for {missing} judged questions (they score 0)."
        )
    unjudged = len(set(outside.results) - set(judgments.qrels))
    if unjudged:
        run.notes.append(
            f"The outside run ranks {unjudged} unanswerable questions: no passage is relevant "
            "to them, so they do not count toward the means."
        )
    run.configs.append(
        ConfigResult(
            name=name,
            group="outside run",
            retriever="-",
            chunk_size=run.size,
            rrf_k=0,
            dense_weight=0,
            bm25_weight=0,
            chunks=len(run.indexes[run.size].chunks),
            questions=len(judgments.qrels),
            unreachable_evidence=0,
            metrics=run.means(name),
        )
    )
    for retriever in RETRIEVERS:
        run.test("outside run", name, retriever)


def _chunk_sizes(run: _Run) -> None:
    """Each retriever at the other chunk sizes, tested against the configured size."""
    for size in run.indexes:
        if size == run.size:
            continue
        for retriever in RETRIEVERS:
            name = f"{retriever} · {size}"
            run.evaluate(name, "chunk size", size, retriever)
            run.test("chunk size", name, retriever)


def _fusions(run: _Run) -> None:
    """Hybrid with other fusion weights, tested against the configured fusion."""
    settings = run.plan.settings
    configured = (settings.rrf_k, settings.dense_weight, settings.bm25_weight)
    for rrf_k, dense, bm25 in run.plan.fusions:
        if (rrf_k, dense, bm25) == configured:
            continue
        name = f"hybrid · k={rrf_k} · dense {dense:g} / bm25 {bm25:g}"
        run.evaluate(name, "fusion", run.size, "hybrid", Fusion(rrf_k, dense, bm25))
        run.test("fusion", name, "hybrid")


def _slices(
    questions: list[EvalQuestion], scores: dict[str, dict[str, dict[str, float]]]
) -> list[SliceRow]:
    judged = {q.id: q for q in questions if q.answerable}
    dimensions: dict[str, dict[str, str]] = {
        "goal": {i: "meerdere" if q.goal is None else str(q.goal) for i, q in judged.items()},
        "qtype": {i: q.qtype for i, q in judged.items()},
        "wording": {i: q.wording for i, q in judged.items()},
    }
    rows: list[SliceRow] = []
    for dimension, groups in dimensions.items():
        for config in RETRIEVERS:
            for value, row in slice_scores(scores[config], groups).items():
                count = int(row.pop("questions"))
                rows.append(
                    SliceRow(
                        dimension=dimension,
                        value=value,
                        questions=count,
                        config=config,
                        metrics=row,
                    )
                )
    return rows


def _answers(run: _Run) -> AnswerResult | None:
    """The answer figures of the gold questions, with the configured retriever."""
    index = run.indexes[run.size]
    try:
        answer(index, "opwarmen")
    except AnswerError as exc:
        run.notes.append(f"Answer metrics not measured: {exc}.")
        return None
    questions = run.plan.questions

    def step(done: int) -> None:
        run.progress("answers", done, len(questions))

    outcomes, seconds = answer_all(index, questions, step)
    scores = count(outcomes)
    ms = np.array(seconds or [0.0]) * 1000
    return AnswerResult(
        config=index.settings.retriever,
        answerable=scores.answerable,
        with_value=scores.valued,
        unanswerable=scores.unanswerable,
        sentence_accuracy=scores.sentence_accuracy,
        answer_at_3=scores.answer_at_3,
        value_accuracy=scores.value_accuracy,
        abstention_precision=scores.abstention_precision,
        abstention_recall=scores.abstention_recall,
        false_abstention=scores.false_abstention,
        latency_ms={"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95))},
    )

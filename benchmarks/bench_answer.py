"""What the answer step adds to search: p50/p95 of `Index.search` and of `answer()` over the
dev questions, on the current build (figures, not a test).

    .venv/bin/python benchmarks/bench_answer.py [--build-dir DIR] [--rounds 3]

Target (issue 12, the fitted answer model): the answer step adds at most 10 ms p50 to search.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kb.answers.answer import answer
from kb.embed import make_embedder
from kb.evaluation.questions import load_questions
from kb.settings import load_settings
from kb.store import load_index


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path)
    parser.add_argument("--file", type=Path, default=Path("eval/dev.jsonl"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(build_dir=args.build_dir)
    index = load_index(settings, make_embedder(settings))
    questions = [q.question for q in load_questions(args.file)]
    for question in questions[:5]:  # warm up the model and the gazetteer
        answer(index, question)

    search_ms: list[float] = []
    answer_ms: list[float] = []
    added_ms: list[float] = []
    for _ in range(args.rounds):
        for question in questions:
            started = time.perf_counter()
            index.search(question, top_k=settings.top_k)
            searched = time.perf_counter()
            answer(index, question, top_k=settings.top_k)
            answered = time.perf_counter()
            search_ms.append((searched - started) * 1000)
            answer_ms.append((answered - searched) * 1000)
            added_ms.append(answer_ms[-1] - search_ms[-1])

    print(f"questions: {len(questions)} x {args.rounds} rounds")
    print(
        f"search:   p50 {statistics.median(search_ms):6.2f} ms   "
        f"p95 {_percentile(search_ms, 0.95):6.2f} ms"
    )
    print(
        f"answer(): p50 {statistics.median(answer_ms):6.2f} ms   "
        f"p95 {_percentile(answer_ms, 0.95):6.2f} ms  (search included)"
    )
    print(
        f"added by the answer step: p50 {statistics.median(added_ms):5.2f} ms   "
        f"p95 {_percentile(added_ms, 0.95):5.2f} ms   (target: p50 <= 10 ms)"
    )


if __name__ == "__main__":
    main()

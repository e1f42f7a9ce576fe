"""Calibrate when answers abstain, on the development set only (eval/dev.jsonl, never eval/gold).

For every dev question it computes the evidence for the best sentence (cosine similarity,
coverage of the question's words by the passage, whether a value of the asked type is there,
places/years/numbers of the question missing from the passage), then searches the parameters
of `kb.answers.answer.confidence_of` for the setting that abstains on the most unanswerable
questions while abstaining on at most 5% of the answerable ones, and prints them with the
resulting rates.
Copy the printed values into the `answer_*` defaults of kb/settings.py.

    .venv/bin/python benchmarks/calibrate_abstention.py [--build-dir DIR] [--file eval/dev.jsonl]
"""

from __future__ import annotations

import argparse
import itertools
import math
from dataclasses import dataclass
from pathlib import Path

from kb.answers.abstention import Evidence
from kb.answers.answer import deliberate
from kb.embed import make_embedder
from kb.evaluation.questions import EvalQuestion, load_questions
from kb.settings import Settings, load_settings
from kb.store import load_index

MAX_ANSWERABLE_ABSTAINING = 0.05


@dataclass(frozen=True)
class Row:
    question: EvalQuestion
    evidence: Evidence | None
    fact_found: bool


def collect(settings: Settings, questions: list[EvalQuestion]) -> list[Row]:
    index = load_index(settings, make_embedder(settings))
    rows: list[Row] = []
    for question in questions:
        _, best, evidence = deliberate(index, question.question)
        found = bool(
            best is not None and question.fact is not None and question.fact in best.sentence.text
        )
        rows.append(Row(question, evidence, found))
    return rows


def confidence(evidence: Evidence | None, weights: tuple[float, float, float, float]) -> float:
    if evidence is None or evidence.missing or not evidence.fits:
        return 0.0
    sim_w, sim_mid, cov_w, cov_mid = weights
    z = sim_w * (evidence.similarity - sim_mid) + cov_w * (evidence.coverage - cov_mid)
    return 1.0 / (1.0 + math.exp(-z))


def rates(rows: list[Row], weights: tuple[float, float, float, float]) -> tuple[float, float]:
    """(share of unanswerable that abstain, share of answerable that abstain) at 0.5."""
    answerable = [r for r in rows if r.question.answerable]
    unanswerable = [r for r in rows if not r.question.answerable]
    a = sum(confidence(r.evidence, weights) < 0.5 for r in answerable) / max(len(answerable), 1)
    u = sum(confidence(r.evidence, weights) < 0.5 for r in unanswerable) / max(len(unanswerable), 1)
    return u, a


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path)
    parser.add_argument("--file", type=Path, default=Path("eval/dev.jsonl"))
    args = parser.parse_args()
    settings = load_settings(build_dir=args.build_dir)
    rows = collect(settings, load_questions(args.file))

    hard = [r for r in rows if r.evidence is None or r.evidence.missing or not r.evidence.fits]
    print(f"questions: {len(rows)} ({sum(r.question.answerable for r in rows)} answerable)")
    print(
        "abstaining by rule (entity missing or no value of the asked type): "
        f"{sum(not r.question.answerable for r in hard)} unanswerable, "
        f"{sum(r.question.answerable for r in hard)} answerable"
    )
    for r in hard:
        if r.question.answerable:
            missing = r.evidence.missing if r.evidence else ()
            print(f"  answerable but ruled out: {r.question.id} missing={missing}")

    # The logistic's slope only sets how sharp confidence falls; the mid points decide.
    grid = itertools.product(
        [20.0],
        [x / 100 for x in range(78, 92)],
        [0.0, 2.0, 4.0, 6.0, 10.0],
        [x / 20 for x in range(0, 20)],
    )
    best: tuple[float, float, tuple[float, float, float, float]] | None = None
    for weights in grid:
        unanswerable, answerable = rates(rows, weights)
        if answerable > MAX_ANSWERABLE_ABSTAINING:
            continue
        key = (unanswerable, -answerable, weights)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        print("no setting keeps answerable abstentions at or below 5%")
        return
    unanswerable, neg_answerable, weights = best
    print("calibrated (copy into kb/settings.py):")
    print(f"  answer_similarity_weight = {weights[0]}")
    print(f"  answer_similarity_mid = {weights[1]}")
    print(f"  answer_coverage_weight = {weights[2]}")
    print(f"  answer_coverage_mid = {weights[3]}")
    print(f"unanswerable that abstain: {unanswerable:.1%}")
    print(f"answerable that abstain:   {-neg_answerable:.1%}")
    for r in rows:
        c = confidence(r.evidence, weights)
        wrong = (c < 0.5) == r.question.answerable
        if wrong:
            ev = r.evidence
            sim = f"{ev.similarity:.3f}" if ev else "-"
            cov = f"{ev.coverage:.2f}" if ev else "-"
            kind = "abstains" if r.question.answerable else "answers"
            print(
                f"  {kind}: {r.question.id} conf={c:.2f} sim={sim} cov={cov} {r.question.question}"
            )


if __name__ == "__main__":
    main()

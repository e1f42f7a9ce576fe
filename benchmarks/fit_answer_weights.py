"""Fit the weights of the answer-sentence score on the development set only (eval/dev.jsonl,
never eval/gold).

For every answerable dev question it computes the features of each candidate sentence once
(`kb.answers.answer.sentence_features`), and whether the sentence holds the gold fact and the right
value. A coordinate search then changes one weight at a time over a small grid, keeping a change
only when it wins at least `--min-gain` more questions (fact in the sentence, plus value right).
Five-fold cross-validation on dev reports how much of the gain carries over to questions the
search did not see; the held-out gold set is for `kb eval`, once, afterwards.

    .venv/bin/python benchmarks/fit_answer_weights.py [--build-dir DIR] [--folds 5]

Copy the printed weights into `kb.answers.answer.Weights` when they win on the cross-validation too.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from dataclasses import dataclass
from pathlib import Path

from kb.answers.answer import _gazetteer, _search, sentence_store
from kb.answers.features import Features, sentence_features
from kb.answers.question import question_type
from kb.answers.ranking import WEIGHTS, Weights
from kb.embed import make_embedder
from kb.evaluation.answers import same_value
from kb.evaluation.questions import EvalQuestion, load_questions
from kb.settings import load_settings
from kb.store import load_index

GRID = (0.0, 0.02, 0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0)
FIXED = ("similarity",)
"""The cosine's weight stays 1: the others are relative to it."""


@dataclass(frozen=True)
class Option:
    """A candidate sentence: its features, its passage rank and position (the tie-break), and
    whether it holds the gold fact and value."""

    features: Features
    order: tuple[int, int]
    fact: bool
    value: bool


@dataclass(frozen=True)
class Case:
    question: EvalQuestion
    options: list[Option]


def collect(build_dir: Path | None, questions: list[EvalQuestion]) -> list[Case]:
    settings = load_settings(build_dir=build_dir)
    index = load_index(settings, make_embedder(settings))
    store = sentence_store(index)
    gazetteer = _gazetteer(settings.gazetteer)
    cases: list[Case] = []
    for q in questions:
        if not q.answerable or q.fact is None:
            continue
        hits, vector = _search(index, q.question, None, settings.answer_passages)
        kind = question_type(q.question)
        options = []
        for hit, sentence, features, _, value in sentence_features(
            store, hits[: settings.answer_passages], vector, q.question, kind, gazetteer
        ):
            options.append(
                Option(
                    features,
                    (hit.rank, sentence.start),
                    q.fact in sentence.text,
                    q.value is not None and same_value(value.text if value else None, q.value),
                )
            )
        cases.append(Case(q, options))
    return cases


def wins(cases: list[Case], weights: Weights) -> tuple[int, int]:
    """(questions whose best sentence holds the fact, questions whose value is right)."""
    facts = values = 0
    for case in cases:
        if not case.options:
            continue
        best = min(case.options, key=lambda o: (-weights.score(o.features), o.order))
        facts += best.fact
        values += best.value
    return facts, values


def fit(cases: list[Case], start: Weights, min_gain: int, rounds: int = 4) -> Weights:
    weights = start
    current = sum(wins(cases, weights))
    names = [f.name for f in dataclasses.fields(Weights) if f.name not in FIXED]
    for _ in range(rounds):
        moved = False
        for name in names:
            best_value, best_total = getattr(weights, name), current
            for value in GRID:
                total = sum(wins(cases, dataclasses.replace(weights, **{name: value})))
                if total >= best_total + min_gain:
                    best_value, best_total = value, total
            if best_value != getattr(weights, name):
                weights = dataclasses.replace(weights, **{name: best_value})
                current, moved = best_total, True
        if not moved:
            break
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path)
    parser.add_argument("--file", type=Path, default=Path("eval/dev.jsonl"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-gain", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    cases = collect(args.build_dir, load_questions(args.file))
    valued = sum(c.question.value is not None for c in cases)
    print(f"answerable dev questions: {len(cases)} ({valued} with a gold value)")

    shuffled = cases[:]
    random.Random(args.seed).shuffle(shuffled)
    folds = [shuffled[i :: args.folds] for i in range(args.folds)]
    before = after = (0, 0)
    for i, held in enumerate(folds):
        train = [c for j, fold in enumerate(folds) if j != i for c in fold]
        fitted = fit(train, WEIGHTS, args.min_gain)
        b, a = wins(held, WEIGHTS), wins(held, fitted)
        before = (before[0] + b[0], before[1] + b[1])
        after = (after[0] + a[0], after[1] + a[1])
    print(
        f"cross-validation ({args.folds} folds), held-out questions: current weights "
        f"fact {before[0]}/{len(cases)} value {before[1]}/{valued}; "
        f"fitted on the other folds: fact {after[0]}/{len(cases)} value {after[1]}/{valued}"
    )
    fitted = fit(cases, WEIGHTS, args.min_gain)
    f0, v0 = wins(cases, WEIGHTS)
    f1, v1 = wins(cases, fitted)
    print(f"current weights on all of dev: fact {f0}/{len(cases)}, value {v0}/{valued}")
    print(f"fitted weights on all of dev:  fact {f1}/{len(cases)}, value {v1}/{valued}")
    print(fitted)


if __name__ == "__main__":
    main()

"""Benchmark: word associations learned from the bank as ranker features (#12, session 32).

    .venv/bin/python -m benchmarks.word_associations [--seeds 42,1,2,3] [--sets eval/answers-fresh]

A question's words often differ from the words of the sentence that answers it ("geld" and
"miljoen", "leraren" and "docent"). BM25 and coverage count shared words only; e5 reads meaning
but not the report's own way of saying a thing. This learns a table from the bank: a pair
(question term, sentence term, the two different) weighs the log of how much more often a
candidate sentence holding it is the answer than a candidate is on average, smoothed towards
that average (`PRIOR` candidates' worth), kept only when answers of questions of at least
`MIN_GOALS` goals hold it. Each candidate gets three more columns: over the question's terms,
each one's strongest association with a word of the sentence; their sum, the largest, and how
many terms have one.

The bank is cross-validated on the five goal folds as `kb fit` does (ranking only), with and
without the columns, for each seed; a fold's table is learned on its training goals, and its
training rows read tables learned without their own fold (cross-fitting), so that the ranker
learns what the columns say of questions they were not learned from. Then each other set is
ranked by a ranker fitted on the whole bank, with and without. It writes no model. About 12
minutes on two cores. Not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from benchmarks.fit_seeds import parse_seeds
from kb.analyser import analyse
from kb.evaluation import crossval
from kb.evaluation.fit import (
    FOLDS,
    Ranked,
    cross_fitted_types,
    fit_ranker,
    fit_types,
    fold_of,
    rank_example,
    type_probabilities,
)
from kb.evaluation.fitdata import Example, examples, goal_of, retrieve
from kb.evaluation.questions import load_questions
from kb.index import Index
from kb.options import open_index
from kb.settings import Settings

MIN_GOALS = 2
PRIOR = 5.0
Table = dict[str, dict[str, float]]
"""question term -> sentence term -> weight (> 0)."""


def _terms(index: Index, number: int) -> frozenset[str]:
    assert index.sentences is not None
    return frozenset(index.sentences.terms(number))


def learn(index: Index, items: Sequence[Example]) -> Table:
    """The association table from the questions' candidate sentences and their labels."""
    right: Counter[tuple[str, str]] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    goals: dict[tuple[str, str], set[int]] = defaultdict(set)
    answers = candidates = 0
    for item in (e for e in items if e.reachable):
        asked = frozenset(analyse(item.info.text))
        answered: dict[int, bool] = {}
        for candidate, label in zip(item.candidates, item.labels, strict=True):
            answered[candidate.number] = answered.get(candidate.number, False) or bool(label)
        for number, answers_it in answered.items():
            pairs = [(a, b) for a in asked for b in _terms(index, number) - asked]
            candidates += 1
            if answers_it:
                answers += 1
                right.update(pairs)
                for pair in pairs:
                    goals[pair].add(goal_of(item.question))
            else:
                wrong.update(pairs)
    average = answers / max(candidates, 1)
    table: Table = defaultdict(dict)
    for (term, word), count in right.items():
        if len(goals[(term, word)]) >= MIN_GOALS:
            odds = (count + PRIOR * average) / (count + wrong[(term, word)] + PRIOR)
            if odds > average:
                table[term][word] = math.log(odds / average)
    return dict(table)


def with_columns(index: Index, items: Sequence[Example], table: Table) -> list[Example]:
    """The examples with the three association columns added."""
    out: list[Example] = []
    for item in items:
        asked = frozenset(analyse(item.info.text))
        by_word: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for term in asked:
            for word, weight in table.get(term, {}).items():
                if word not in asked:
                    by_word[word].append((term, weight))
        extra: npt.NDArray[np.float32] = np.zeros((len(item.candidates), 3), dtype=np.float32)
        for i, candidate in enumerate(item.candidates):
            best: dict[str, float] = {}
            for word in _terms(index, candidate.number):
                for term, weight in by_word.get(word, ()):
                    best[term] = max(best.get(term, 0.0), weight)
            if best:
                extra[i] = (sum(best.values()), max(best.values()), len(best))
        rows = np.hstack([item.rows, extra]).astype(np.float32)
        out.append(dataclasses.replace(item, rows=rows))
    return out


def cross_fitted(index: Index, items: Sequence[Example]) -> list[Example]:
    """Columns for each example from a table learned without its fold."""
    out: dict[str, Example] = {}
    for number in range(FOLDS):
        test = [e for e in items if fold_of(goal_of(e.question)) == number]
        if test:
            train = [e for e in items if fold_of(goal_of(e.question)) != number]
            out.update((e.question.id, e) for e in with_columns(index, test, learn(index, train)))
    return [out[e.question.id] for e in items]


def _figures(ranked: Sequence[Ranked]) -> tuple[float, float, float]:
    row = crossval.ranking_scores(ranked).row()
    return row["fact in the answer sentence"], row["answer@3"], row["value right"]


def _line(name: str, figures: Sequence[tuple[float, float, float]]) -> str:
    means = [statistics.fmean(f[k] for f in figures) for k in range(3)]
    return f"| {name} | " + " | ".join(f"{m:.1%}" for m in means) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="42,1,2,3", help="comma-separated seeds")
    parser.add_argument("--sets", default="eval/answers-fresh,eval/answers-fresh2,eval/dev.jsonl")
    args = parser.parse_args()
    seeds = parse_seeds(parser, args.seeds)
    index = open_index(Settings())
    bank = retrieve(index, load_questions(Path("eval/bank")))
    prepared = crossval.folds(index, bank)
    with_table = []
    for fold in prepared:
        table = learn(index, fold.train)
        test = with_columns(index, fold.test, table)
        with_table.append(
            dataclasses.replace(fold, train=cross_fitted(index, fold.train), test=test)
        )
    print("| bank, five goal folds, ranking only (mean of seeds) | fact | answer@3 | value |")
    print("|---|---:|---:|---:|")
    for name, folds in (("without", prepared), ("with the associations", with_table)):
        print(_line(name, [_figures(crossval.out_of_fold(folds, seed=s)) for s in seeds]))
    everything = examples(index, bank, cross_fitted_types(bank))
    types = fit_types(bank)
    table = learn(index, everything)
    rankers = {
        "without": fit_ranker(everything),
        "with the associations": fit_ranker(cross_fitted(index, everything)),
    }
    for path in args.sets.split(","):
        other = retrieve(index, load_questions(Path(path)))
        likely = type_probabilities(types, other)
        plain = examples(index, other, likely)
        columns = {"without": plain, "with the associations": with_columns(index, plain, table)}
        print(f"\n| {path}, fitted on the whole bank, ranking only | fact | answer@3 | value |")
        print("|---|---:|---:|---:|")
        for name, ranker in rankers.items():
            ranked = [
                rank_example(e, ranker, max(likely[e.question.id].values())) for e in columns[name]
            ]
            print(_line(name, [_figures(ranked)]))


if __name__ == "__main__":
    main()

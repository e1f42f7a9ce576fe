"""Benchmark: what the abstention threshold and features trade on sets not like the bank (#12).

    .venv/bin/python -m benchmarks.abstention_variants [--sets eval/answers-fresh,eval/dev.jsonl]

On the bank, `kb fit` sets the abstention threshold for 5% false abstention over all answerable
questions; on sets worded by others the model abstains on 9-10% of them (session 31). This
refits the abstention model (the parameters of `kb.evaluation.crossval`, on the bank's
out-of-fold rankings) in variants:

- the threshold for another share of false abstention (5%, 4%, 3%);
- the threshold set on the bank's paraphrased answerable questions alone (5% of them), the
  wording closest to a user's;
- a group of features left out: those that read the question's words (similarity, BM25,
  coverage, the passage's dense score), or the ranker's scores.

For each it prints the bank's figures out of fold (the threshold set on inner folds, as `kb fit`
does; without the year gate, which abstains the same in every variant), and, for each other set,
the figures of the variant fitted on the whole bank, its questions ranked by the shipped model's
ranker. It writes no model. About 5 minutes on two cores. Not a test.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kb.answers.decide import ABSTAIN_FEATURES
from kb.answers.model import load_model
from kb.evaluation import crossval
from kb.evaluation.fit import FOLDS, Ranked, fold_of, rank_example, type_probabilities
from kb.evaluation.fitdata import examples, goal_of, retrieve
from kb.evaluation.questions import load_questions
from kb.options import open_index
from kb.settings import Settings

Bools = npt.NDArray[np.bool_]
WORDING = ("similarity", "lexical", "sentence_coverage", "passage_coverage", "passage_dense")


class _Rows:
    """Abstention rows of ranked questions, with what each question is."""

    def __init__(self, ranked: Sequence[Ranked]) -> None:
        questions = [r.example.question for r in ranked]
        self.rows = np.stack([r.abstain_row() for r in ranked])
        self.answerable: Bools = np.array([q.answerable for q in questions])
        self.near: Bools = np.array([not q.answerable and q.near_miss for q in questions])
        self.paraphrase: Bools = np.array([q.wording == "paraphrase" for q in questions])
        self.colloquial: Bools = np.array([q.style == "colloquial" for q in questions])
        self.fold = np.array([fold_of(goal_of(q)) for q in questions])


def _fit(rows: npt.NDArray[np.float32], labels: Bools) -> Any:
    import lightgbm

    model = lightgbm.LGBMClassifier(**crossval.ABSTAINER_PARAMETERS)
    return model.fit(rows, labels.astype(np.int8))


def _threshold(bank: _Rows, train: Bools, columns: list[int], target: float, on: Bools) -> float:
    """The threshold for `target` false abstention over the `on` answerable questions of the
    `train` folds, each fold's probabilities from a model fitted on the others."""
    held: list[float] = []
    for k in sorted(set(bank.fold[train])):
        fit = train & (bank.fold != k)
        model = _fit(bank.rows[fit][:, columns], bank.answerable[fit])
        tested = train & (bank.fold == k) & bank.answerable & on
        held += list(model.predict_proba(bank.rows[tested][:, columns])[:, 1])
    return float(np.quantile(held, target))


def _row(
    name: str,
    bank: _Rows,
    others: dict[str, _Rows],
    drop: Sequence[str] = (),
    target: float = 0.05,
    on: Bools | None = None,
) -> str:
    columns = [i for i, n in enumerate(ABSTAIN_FEATURES) if n not in drop]
    on = np.ones(len(bank.rows), dtype=bool) if on is None else on
    abstains = np.zeros(len(bank.rows), dtype=bool)
    for k in range(FOLDS):
        train = bank.fold != k
        threshold = _threshold(bank, train, columns, target, on)
        model = _fit(bank.rows[train][:, columns], bank.answerable[train])
        tested = bank.fold == k
        abstains[tested] = model.predict_proba(bank.rows[tested][:, columns])[:, 1] < threshold
    cells = [
        abstains[bank.near].mean(),
        abstains[bank.answerable].mean(),
        abstains[bank.answerable & bank.paraphrase].mean(),
        abstains[bank.answerable & bank.colloquial].mean(),
    ]
    everything = np.ones(len(bank.rows), dtype=bool)
    threshold = _threshold(bank, everything, columns, target, on)
    model = _fit(bank.rows[:, columns], bank.answerable)
    for other in others.values():
        said = model.predict_proba(other.rows[:, columns])[:, 1] < threshold
        cells += [said[other.near].mean(), said[other.answerable].mean()]
    return f"| {name} | " + " | ".join(f"{c:.1%}" for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="eval/answers-fresh,eval/dev.jsonl")
    args = parser.parse_args()
    index = open_index(Settings())
    model = load_model()
    if model is None:
        parser.error("no answer model: run `kb fit` first")
    bank = _Rows(
        crossval.out_of_fold(
            crossval.folds(index, retrieve(index, load_questions(Path("eval/bank"))))
        )
    )
    others: dict[str, _Rows] = {}
    for path in args.sets.split(","):
        retrieved = retrieve(index, load_questions(Path(path)))
        likely = type_probabilities(model.question_types, retrieved)
        ranked = [
            rank_example(e, model.ranker, max(likely[e.question.id].values()))
            for e in examples(index, retrieved, likely)
        ]
        others[Path(path).name] = _Rows(ranked)
    header = ["bank: near misses abstain", "answerable abstain", "paraphrased", "colloquial"]
    for name in others:
        header += [f"{name}: near misses abstain", "answerable abstain"]
    print("| variant | " + " | ".join(header) + " |")
    print("|---|" + "---:|" * len(header))
    for target in (0.05, 0.04, 0.03):
        name = f"threshold for {target:.0%}" + (" (what runs)" if target == 0.05 else "")
        print(_row(name, bank, others, target=target))
    print(_row("5% of the paraphrased", bank, others, on=bank.paraphrase))
    print(_row("without the question-word features", bank, others, drop=WORDING))
    print(_row("without the ranker's scores", bank, others, drop=("best_score", "margin")))


if __name__ == "__main__":
    main()
